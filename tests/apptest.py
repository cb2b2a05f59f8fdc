"""Opening the app or one of its pages headless with Streamlit's AppTest, as a browser link would."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def open_app(**params: str) -> AppTest:
    """The app as a browser opening ``/?params`` runs it (the landing page, through app.py)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def open_page(page: str, **params: str) -> AppTest:
    """``page`` (e.g. "pages/loss.py") as reached after the app has run once with ``params``."""
    return open_app(**params).switch_page(page).run()


def open_link_to(page: str, **params: str) -> AppTest:
    """``page`` (e.g. "pages/loss.py") opened straight from a link ``/<stem>?params``, as a student opens a
    teacher's link: its first run is that page's, with the link's parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(page).run()


def markdown_text(at: AppTest) -> str:
    """Every Markdown block of the run, joined: the page's prose and tables as written."""
    return "\n".join(md.value for md in at.markdown)


# The ends of the temperature slider and the exact limits, as a link gives them: every page survives them.
TEMPERATURE_EXTREMES = ({"T": "0.01"}, {"T": "100"}, {"T": "0"}, {"T": "inf"}, {"beta": "-inf"})


def component_data(element) -> dict:
    """The data one of the app's components sent the browser: JSON, or bytes of JSON (the charts of
    ``ui.instant_chart``, which write their own); {} for none."""
    kind = element.proto.WhichOneof("data")
    return json.loads(getattr(element.proto, kind)) if kind in ("json", "bytes") else {}


def followed(at: AppTest) -> list[dict]:
    """Every follower of the run's numbers, texts and links, as the browser gets them
    (``ui.instant_numbers.gathered``: one element at the end of the run)."""
    for element in at.get("bidi_component"):
        if element.proto.id.endswith("-all_numbers"):
            return json.loads(element.proto.json)["targets"]
    return []


def moved_by(figure: dict, update: list) -> go.Figure:
    """``figure`` after a stop's ``Plotly.update`` arguments ``[restyle, relayout, traces]``, applied as
    plotly.js applies them (plotly.py's ``plotly_update``)."""
    moved = go.Figure(figure, skip_invalid=False)
    restyle, relayout, traces = update
    moved.plotly_update(restyle_data=restyle, relayout_data=relayout, trace_indexes=traces)
    return moved


def chart_data(element) -> dict:
    """What a chart of ``ui.instant_chart`` sent the browser, its "figure" the figure the browser draws: the
    figure sent (the one at stop "anchor") moved to stop "current" by that stop's update, as plotly.js
    moves it. Other components' data as they sent it."""
    data = component_data(element)
    if (
        not isinstance(data, dict)
        or "figure" not in data
        or data.get("anchor", data["current"]) == data["current"]
    ):
        return data
    moved = moved_by(data["figure"], data["stops"][data["current"]]["update"])
    return {**data, "figure": json.loads(moved.to_json())}


def instant_chart(at: AppTest, key: str) -> dict:
    """What a ``ui.instant_chart`` sent the browser (``chart_data``): the figure it draws, its stops, the
    current stop."""
    return chart_data(next(e for e in at.get("bidi_component") if e.proto.id.endswith(f"-{key}")))


def text_box(at: AppTest, name: str):
    """The shared text box ``name`` ("logits_text", "labels_text", "temperature_text") of the run.

    Its key changes with its text (``ui.controls._box_key``); it is found by the start of its key.
    """
    return next(box for box in at.text_input if box.key and box.key.startswith(f"{name}-"))
