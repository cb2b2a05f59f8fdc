"""Beside every chart: its data as CSV, the view recomputed in plain NumPy, and a PNG named after the view.

``ui.charts.show`` (and the instant chart) call ``chart_tools`` under each chart, so every page gets its
exports without a line of its own. The CSV is built only when the reader clicks (a callable ``data``: a
rerun never pays for it); the snippet and the file names come from ``lessons.common.export``.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from lessons.common import export
from lessons.common.plot import PLOTLY_CONFIG

from . import params
from . import state as shared
from .shell import current_page


def file_stem(key: str) -> str:
    """``softmax-lab_<page>_<chart>_<view>``: the name of a file of chart ``key`` at the current view."""
    state = shared.current()
    return export.file_stem(current_page(), key, logits=state.logits, scale=state.scale, value=state.value)


def chart_config(key: str) -> dict:
    """The app's Plotly config, with the toolbar's PNG named after the page and the chart.

    The view's part of the name and the line under the PNG's title are added when the camera is clicked,
    from the view of the latest run (``ui.png_title``): the config stays the same as the view changes, so
    a move of the temperature does not make Streamlit draw an unchanged chart again for a new config.
    """
    image = {**PLOTLY_CONFIG["toImageButtonOptions"], "filename": export.chart_stem(current_page(), key)}
    return {**PLOTLY_CONFIG, "toImageButtonOptions": image}


def _page_options(page: str, labels: tuple[str, ...]) -> dict[str, object]:
    """The page's own settings its snippet needs, as its widgets hold them (their keys are the names)."""
    options: dict[str, object] = {}
    for param in params.page_params(page):
        value = st.session_state.get(param.name, param.default)
        if param.name == "target":  # the Loss page names its class by label; the snippet indexes it
            options["target"] = labels.index(value) if value in labels else 0
        elif value is not None:
            options[param.name] = value
    return options


def snippet() -> str | None:
    """'Reproduce this view in NumPy' for the current page and view, or None where the page has none."""
    state = shared.current()
    page = current_page()
    return export.numpy_snippet(
        page,
        logits=state.logits,
        labels=state.class_labels,
        scale=state.scale,
        value=state.value,
        options=_page_options(page, state.class_labels),
    )


def chart_tools(figure: go.Figure, *, key: str, snippet_shown: bool = True) -> None:
    """A small 'Data' menu under the chart: its CSV (built on click) and, unless ``snippet_shown`` is
    False, the view in NumPy."""
    with (
        st.container(horizontal=True, horizontal_alignment="right", key=f"{key}__tools"),
        st.popover("Data", icon=":material/download:", type="tertiary", key=f"{key}__data"),
    ):
        st.download_button(
            "This chart's data (CSV)",
            data=lambda: export.chart_csv(figure),
            file_name=f"{file_stem(key)}.csv",
            mime="text/csv",
            key=f"{key}__csv",
            on_click="ignore",
            icon=":material/table:",
            help="One row per plotted point; the columns are named after the chart's axes, with their units.",
        )
        code = snippet() if snippet_shown else None
        if code is not None:
            st.markdown("**Reproduce this view in NumPy** (copy with the button at the code's top right)")
            st.code(code, language="python", wrap_lines=True)
