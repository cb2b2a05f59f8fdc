"""A page's charts under AppTest, by their keys, however each was drawn: by the app's chart component
(``ui.instant_chart``: a chart that follows the temperature slider in the browser, or a still one without
stops) or, where plotly.js cannot be served, by the server (``st.plotly_chart``)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.apptest import chart_data


def _drawn(at: AppTest) -> list[tuple[str, dict, bool]]:
    """Every chart of the run as (key, Plotly spec, whether it follows the temperature), in page order per
    kind: those drawn by the server, then the components that carry a figure."""
    found = [
        (element.proto.id.rsplit("-", 1)[-1], json.loads(element.proto.spec), False)
        for element in at.get("plotly_chart")
    ]
    for element in at.get("bidi_component"):
        data = chart_data(element)
        if isinstance(data, dict) and "figure" in data:
            found.append((element.proto.id.rsplit("-", 1)[-1], data["figure"], bool(data["stops"])))
    return found


def charts(at: AppTest) -> dict[str, dict]:
    """Every chart of the run as {key: Plotly spec (data, layout, frames)}, in page order per kind."""
    return {key: spec for key, spec, _ in _drawn(at)}


def chart(at: AppTest, key: str) -> dict:
    """The Plotly spec of the chart drawn under ``key``."""
    found = charts(at)
    if key not in found:
        raise AssertionError(f"no chart {key!r} on the page; there are {sorted(found)}")
    return found[key]


def still(at: AppTest) -> dict[str, dict]:
    """The charts that do not follow the temperature, as {key: Plotly spec}: those drawn by the server and
    the components without stops (``ui.instant_chart.still``)."""
    return {key: spec for key, spec, follows in _drawn(at) if not follows}
