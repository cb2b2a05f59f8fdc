"""ui.controls' text boxes: only an edit of the box drawn last counts, and a callback that comes without the
box's value changes nothing (Streamlit sent one when a link to another page was clicked just as a run drew
the box: its KeyError stopped the next page's run, in CI). Nor does any other control's callback."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def script() -> None:
    import streamlit as st

    from ui import controls

    got = st.session_state.setdefault("got", [])
    case = st.session_state["case"]
    st.session_state["_box_box"] = "box-1"  # the key of the box drawn last
    if case == "typed":
        st.session_state["box-1"] = "2, 1, 0"
        controls._on_box_edit("box", "box-1", got.append)
    elif case == "stale":  # the echo of a box already replaced
        st.session_state["box-0"] = "2, 1, 0"
        controls._on_box_edit("box", "box-0", got.append)
    else:  # the box's value is not in the session
        controls._on_box_edit("box", "box-1", got.append)


@pytest.mark.parametrize(("case", "expected"), [("typed", ["2, 1, 0"]), ("stale", []), ("missing", [])])
def test_only_a_value_typed_into_the_box_drawn_last_is_passed_on(case, expected):
    at = AppTest.from_function(script)
    at.session_state["case"] = case
    at.run()
    assert not at.exception
    assert at.session_state["got"] == expected


def callbacks_script() -> None:
    import streamlit as st

    from ui import appearance, controls
    from ui import state as shared

    def seen():
        return shared.current(), st.session_state.get(appearance._PRESENT_KEY)

    shared.load()
    before = seen()
    {
        "logit": lambda: controls._on_logit_slider(0),
        "preset": controls._on_preset,
        "scale": controls._on_scale,
        "temperature": controls._on_temperature_slider,
        "presenter": appearance._on_toggle,
    }[st.session_state["callback"]]()
    st.session_state["unchanged"] = before == seen()


@pytest.mark.parametrize("callback", ["logit", "preset", "scale", "temperature", "presenter"])
def test_every_control_called_back_without_its_value_changes_nothing(callback):
    """The same race can reach every widget's callback: none may raise, and none may change the view."""
    at = AppTest.from_function(callbacks_script)
    at.session_state["callback"] = callback
    at.run()
    assert not at.exception
    assert at.session_state["unchanged"]
