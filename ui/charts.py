"""Drawing a pure figure in the page: the app's template, the app's toolbar, a stable key, and its exports."""

from __future__ import annotations

import plotly.graph_objects as go

from . import instant_chart


def show(figure: go.Figure, *, key: str, in_fragment: bool = True) -> None:
    """Draw a figure with the app's template (not Streamlit's theme) under a stable key, with a 'Data' menu
    under it (the chart's CSV, the view in NumPy) and the toolbar's PNG named after the page and view.
    The chart is drawn for the reader's theme and presenter mode (``ui.appearance.dress``), by the
    plotly.js that draws the charts following the temperature (``ui.instant_chart.still``).

    A chart drawn outside ``Shell.live`` (``in_fragment=False``) stays as drawn while the temperature
    moves: its menu leaves the view in NumPy out, which would keep the temperature it was drawn at.
    """
    instant_chart.still(figure, key=key, in_fragment=in_fragment)
