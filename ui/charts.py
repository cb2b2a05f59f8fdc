"""Drawing a pure figure in the page: the app's template, the app's toolbar, a stable key."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from lessons.common.plot import PLOTLY_CONFIG


def show(figure: go.Figure, *, key: str) -> None:
    """Draw a figure with the app's template (not Streamlit's theme) under a stable key."""
    st.plotly_chart(figure, theme=None, key=key, config=PLOTLY_CONFIG)
