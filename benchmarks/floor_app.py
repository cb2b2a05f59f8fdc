"""The floor for bench_redraw.py: the Playground's frame with nothing to redraw but the slider and the chart.

The same sidebar (navigation links, the temperature controls in a fragment, the logits controls, the
share popover) and the same static title and text as the app, but the fragment holds only the temperature
controls and the chart: no numbers, formula or table. No page of the app can redraw faster than this, so
`bench_redraw.py --app benchmarks/floor_app.py` measures what the frame alone costs against the baseline.
"""

import streamlit as st

from softmax_core import argmax_onehot, softmax
from ui import controls, figures
from ui import state as shared
from ui.navigation import sections
from ui.text import number

st.set_page_config(page_title="Floor · Softmax Lab", layout="wide")
state = shared.load()
controls.sync_widgets(state, new_page="_floor" not in st.session_state)
st.session_state["_floor"] = True
with st.sidebar:
    st.markdown("### Softmax Lab")
    # Captions where the app has links: st.page_link needs the app's pages beside the entry point.
    for section, pages in sections().items():
        st.caption(section)
        for page in pages:
            st.caption(page.title)
    st.divider()
    st.markdown("#### Temperature")
    temperature = st.container()
    st.divider()
    st.markdown("#### Logits")
    controls.logits_controls(state)
    st.divider()
    with st.popover("Share this view", width="stretch"):
        st.caption("The address bar always holds this view.")
st.title("Softmax Playground")
st.markdown("Softmax turns any list of scores (logits) $z$ into probabilities, sharper as $T$ falls.")


@st.fragment
def chart() -> None:
    state = shared.current()
    controls.sync_widgets(state, new_page=False)
    with temperature:
        controls.temperature_controls(state)
    shared.save_to_url(state)
    z = shared.logits_array(state)
    p = softmax(z, beta=state.beta)
    title = f"Probabilities at T = {number(state.temperature)}, beside the arg max (T → 0)"
    figure = figures.probability_bars(p, state.class_labels, argmax=argmax_onehot(z), title=title)
    figures.show(figure, key="probabilities")


chart()
