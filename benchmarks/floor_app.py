"""The floor for bench_redraw.py: the Playground's frame, where a move redraws the chart and nothing else.

The same sidebar (navigation links, the temperature and logits controls, the share popover) and the same
static title and text as the app. A move of the temperature reruns only the chart: the slider's callback
names a keyed fragment holding the chart alone (``st.rerun("chart")``, Streamlit ≥ 1.67), so nothing else
is redrawn and the address bar is not written. No page with this frame can redraw faster, so
`bench_redraw.py --app benchmarks/floor_app.py` measures what the frame alone costs against the baseline.
"""

import streamlit as st

from benchmarks.playground_frame import chart_title, frame
from softmax_core import argmax_onehot, softmax
from ui import controls, figures
from ui import state as shared

# The app's slider callback, wrapped to rerun the chart's fragment alone instead of the whole script.
# The controls look the callback up when they draw the slider; the module outlives this script's runs.
if not hasattr(controls, "app_on_temperature_slider"):
    controls.app_on_temperature_slider = controls._on_temperature_slider

    def _rerun_chart_only() -> None:
        controls.app_on_temperature_slider()
        st.rerun("chart")

    controls._on_temperature_slider = _rerun_chart_only


def temperature(state: shared.SharedState) -> None:
    with st.container():
        controls.temperature_controls(state)


frame("Floor", temperature)
with st.sidebar:
    with st.popover("Share this view", width="stretch"):
        st.caption("The address bar always holds this view.")


@st.fragment(key="chart")
def chart() -> None:
    state = shared.current()
    z = shared.logits_array(state)
    p = softmax(z, beta=state.beta)
    title = chart_title(state.temperature)
    figure = figures.probability_bars(p, state.class_labels, argmax=argmax_onehot(z), title=title)
    figures.show(figure, key="probabilities")


chart()
