"""ui.state in a run: which address a run reads as a navigation (Back, a typed link) and which as older
than a control's change carried by the same request."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _navigation_script() -> None:
    import streamlit as st

    from ui import state as shared

    # A callback of this request sets the logits, before the run reads the address.
    if "again" in st.session_state:
        shared.update(logits=st.session_state["again"])
    view = shared.load()
    shared.save_to_url(view)
    st.session_state["seen"] = view.logits


@pytest.mark.parametrize(
    ("again", "expected"),
    [((3.0, 1.0, 0.0), (2.0, 1.0, 0.1)), ((4.0, 1.0, 0.0), (4.0, 1.0, 0.0))],
    ids=["the same logits delivered again: Back wins", "a new move: the older address loses"],
)
def test_an_address_gone_back_to_is_read_unless_a_control_changed_the_view(again, expected):
    """Streamlit delivers a box's edit again when its run was cut short; Back pressed meanwhile still counts
    (CI, once: the address went back, then forward to the edit's view). A real change in the same request
    wins, as after quick moves of a logit's slider (ui.state.load)."""
    at = AppTest.from_function(_navigation_script)
    at.query_params["z"] = "3,1,0"
    at.run()
    assert at.session_state["seen"] == (3.0, 1.0, 0.0)
    at.query_params["z"] = "2,1,0.1"  # Back, to the view before the edit
    at.session_state["again"] = again
    at.run()
    assert not at.exception
    assert at.session_state["seen"] == expected
