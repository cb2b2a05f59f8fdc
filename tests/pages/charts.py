"""A page's charts under AppTest, by their keys, however each was drawn: by the app's chart component
(``ui.instant_chart``: a chart that follows the temperature slider in the browser, or a still one without
stops) or, where plotly.js cannot be served, by the server (``st.plotly_chart``)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest


def charts(at: AppTest) -> dict[str, dict]:
    """Every chart of the run as {key: Plotly spec (data, layout, frames)}, in page order per kind."""
    found = {}
    for element in at.get("plotly_chart"):
        found[element.proto.id.rsplit("-", 1)[-1]] = json.loads(element.proto.spec)
    for element in at.get("bidi_component"):
        data = json.loads(element.proto.json or "{}")
        if isinstance(data, dict) and "figure" in data:
            found[element.proto.id.rsplit("-", 1)[-1]] = json.loads(data["figure"])
    return found


def chart(at: AppTest, key: str) -> dict:
    """The Plotly spec of the chart drawn under ``key``."""
    found = charts(at)
    if key not in found:
        raise AssertionError(f"no chart {key!r} on the page; there are {sorted(found)}")
    return found[key]


def still(at: AppTest) -> dict[str, dict]:
    """The charts that do not follow the temperature, as {key: Plotly spec}: those drawn by the server and
    the components without stops (``ui.instant_chart.still``)."""
    found = {
        element.proto.id.rsplit("-", 1)[-1]: json.loads(element.proto.spec)
        for element in at.get("plotly_chart")
    }
    for element in at.get("bidi_component"):
        data = json.loads(element.proto.json or "{}")
        if isinstance(data, dict) and "figure" in data and not data["stops"]:
            found[element.proto.id.rsplit("-", 1)[-1]] = json.loads(data["figure"])
    return found
