"""ui.progress: a computation runs once per key for every session, behind a bar that does not outlive it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def script() -> None:
    import streamlit as st

    from ui import progress

    calls = st.session_state.setdefault("calls", [])
    key = st.session_state.get("key", "a")

    def compute(report):
        calls.append(key)
        for step in range(1, 101):
            report(step, 100)
        return f"value of {key}"

    st.write(progress.cached("test-progress", key, compute, text="Computing", max_entries=2))


def test_a_key_is_computed_once_and_its_bar_removed():
    at = AppTest.from_function(script).run()
    assert not at.exception
    assert at.session_state["calls"] == ["a"]
    assert at.markdown[0].value == "value of a"
    assert not at.get("progress")  # emptied once the value is there
    at.run()
    assert at.session_state["calls"] == ["a"]  # from the store: not computed again
    assert not at.get("progress")


def test_the_least_recently_used_key_is_dropped_beyond_max_entries():
    at = AppTest.from_function(script)
    for key in ("x", "y", "x", "z", "x", "y"):
        at.session_state["key"] = key
        at.run()
        assert not at.exception
    # x, y computed; x from the store; z computed (y, the least recent, dropped); x kept; y again.
    assert at.session_state["calls"] == ["x", "y", "z", "y"]


def test_what_follows_keeps_its_place_whether_the_run_computes_or_not():
    # The browser keeps an element by its place: one that moves up a place on the run after a computation
    # is built again (a chart drawn anew by plotly.js on the first move of a page that trained).
    at = AppTest.from_function(script)
    at.session_state["key"] = "placed"
    at.run()
    assert at.session_state["calls"] == ["placed"]  # computed on this run

    def place(at) -> int:
        return next(i for i, node in at.main.children.items() if node.type == "markdown")

    computed = place(at)
    at.run()
    assert at.session_state["calls"] == ["placed"]  # from the store
    assert place(at) == computed
