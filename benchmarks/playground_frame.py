"""The Playground's frame without the app's shell, shared by the benchmark apps floor_app and client_app."""

from collections.abc import Callable

import streamlit as st

from ui import controls
from ui import state as shared
from ui.navigation import sections
from ui.text import number


def chart_title(temperature: float) -> str:
    """The title of the Playground's bar chart at this temperature."""
    return f"Probabilities at T = {number(temperature)}, beside the arg max (T → 0)"


def frame(name: str, temperature: Callable[[shared.SharedState], None]) -> shared.SharedState:
    """Draw the page config, the sidebar (``temperature(state)`` fills its slot) and the title.

    Returns the shared state the frame was drawn with.
    """
    st.set_page_config(page_title=f"{name} · Softmax Lab", layout="wide")
    state = shared.load()
    controls.sync_widgets(state, new_page="_frame" not in st.session_state)
    st.session_state["_frame"] = True
    with st.sidebar:
        st.markdown("### Softmax Lab")
        # Captions where the app has links: st.page_link needs the app's pages beside the entry point.
        for section, pages in sections().items():
            st.caption(section)
            for page in pages:
                st.caption(page.title)
        st.divider()
        st.markdown("#### Temperature")
        temperature(state)
        st.divider()
        st.markdown("#### Logits")
        controls.logits_controls(state)
    st.title("Softmax Playground")
    st.markdown("Softmax turns any list of scores (logits) $z$ into probabilities, sharper as $T$ falls.")
    return state
