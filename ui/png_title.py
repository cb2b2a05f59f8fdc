"""A PNG saved with Plotly's camera button carries the view under its title ('Softmax Lab · z = 2, 1, 0.1 ·
T = 0.5'), as its file name does; the chart on screen keeps its own title.

The work is done in the browser (``png_title.mjs``), installed once per tab by an invisible element; the
line comes from each chart's config (``ui.export.chart_config``).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.components.v2 import component

_png_title = component(
    "softmax_lab.png_title",
    html="<span hidden></span>",
    js=(Path(__file__).parent / "png_title.mjs").read_text(encoding="utf-8"),
)


def install() -> None:
    """Install the browser half (an invisible element; the listener is added once per tab)."""
    with st.container(key="png_title_keeper", height=1, border=False):
        _png_title(key="png_title")
