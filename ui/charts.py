"""Drawing a pure figure in the page: the app's template, the app's toolbar, a stable key, and its exports."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from . import appearance
from .export import chart_config, chart_tools


def show(figure: go.Figure, *, key: str, in_fragment: bool = True) -> None:
    """Draw a figure with the app's template (not Streamlit's theme) under a stable key, with a 'Data' menu
    under it (the chart's CSV, the view in NumPy) and the toolbar's PNG named after the page and view.
    The chart is drawn for the reader's theme and presenter mode (``ui.appearance.dress``).

    A chart drawn outside ``Shell.live`` (``in_fragment=False``) stays as drawn while the temperature
    moves: its menu leaves the view in NumPy out, which would keep the temperature it was drawn at.
    """
    st.plotly_chart(appearance.dress(figure), theme=None, key=key, config=chart_config(key))
    chart_tools(figure, key=key, snippet_shown=in_fragment)
