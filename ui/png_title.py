"""A PNG saved with Plotly's camera button carries the view under its title ('Softmax Lab · z = 2, 1, 0.1 ·
T = 0.5') and in its file name; the chart on screen keeps its own title.

The work is done in the browser (``png_title.mjs``), by an invisible element drawn with every run: it
holds the view, which the click on the camera adds to the chart's name (``ui.export.chart_config``). The
charts' configs hold no view, so a move of the temperature leaves the charts that do not depend on it
alone (Streamlit draws a chart again whenever its config changes).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.components.v2 import component

from lessons.common import export

from . import state as shared

_png_title = component(
    "softmax_lab.png_title",
    html="<span hidden></span>",
    js=(Path(__file__).parent / "png_title.mjs").read_text(encoding="utf-8"),
)


def follow_view(state: shared.SharedState) -> None:
    """Give the browser the view ``state`` shows, for the PNGs saved from now on (an invisible element; the
    listener is added once per tab)."""
    view = {"logits": state.logits, "scale": state.scale, "value": state.value}
    data = {"stem": export.view_stem(**view), "text": export.view_text(**view)}
    with st.container(key="png_title_keeper", height=1, border=False):  # takes no room (style.css)
        _png_title(key="png_title", data=data)
