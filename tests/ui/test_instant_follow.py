"""Charts of every page that follow the temperature slider (ui.instant_chart.follow).

A stop's update, applied in Python as plotly.js applies it in the browser (go.Figure.plotly_update), must
give exactly the figure the server draws at that temperature (drawn afresh, on a page opened there: after a
move the server sends the figure it built its stops at, with the stop to apply).
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from lessons.common.plot_diff import plain, same
from lessons.common.scales import T_OPTIONS
from tests.apptest import component_data, instant_chart, moved_by, open_page
from ui import instant_chart as instant_chart_module

# (page, the key of its first chart that depends on the temperature)
FOLLOWING = [
    ("temperature", "probabilities_vs_temperature"),
    ("loss", "loss_temperature"),
    ("alternatives", "maps"),
    ("boltzmann", "populations"),
    ("argmax_limit", "probabilities"),
]


def applied(figure: dict, update: list) -> dict:
    return plain(moved_by(figure, update))


@pytest.mark.parametrize(("stem", "key"), FOLLOWING)
def test_the_stop_the_thumb_moves_to_shows_the_figure_the_server_then_draws(stem, key):
    at = open_page(f"pages/{stem}.py", z="2,1,0.1", T="1")
    before = instant_chart(at, key)
    labels = [stop["label"] for stop in before["stops"]]
    assert labels == at.select_slider(key="temperature").options
    assert labels[before["current"]] == "1"
    for value, label in ((1.2, "1.2"), (0, "0")):  # the next stop (a key press) and the exact limit
        stop = before["stops"][labels.index(label)]
        at.select_slider(key="temperature").set_value(value).run()
        assert not at.exception
        after = instant_chart(at, key)
        assert after["stops"][after["current"]]["label"] == label
        fresh = instant_chart(open_page(f"pages/{stem}.py", z="2,1,0.1", T=label), key)
        assert fresh["anchor"] == fresh["current"]  # the figure built there, as sent
        assert same(applied(before["figure"], stop["update"]), plain(go.Figure(fresh["figure"])))
        assert same(plain(go.Figure(after["figure"])), plain(go.Figure(fresh["figure"])))


def test_stops_beyond_the_budget_wait_for_the_server_and_the_nearest_and_the_limits_are_sent():
    # The loss chart's curves are resampled around every T: tens of kB per stop.
    at = open_page("pages/loss.py", z="2,1,0.1", T="1")
    stops = instant_chart(at, "loss_temperature")["stops"]
    current = [stop["label"] for stop in stops].index("1")
    sent = [i for i, stop in enumerate(stops) if stop["update"] is not None]
    assert {0, current - 1, current, current + 1, len(stops) - 1} <= set(sent)
    assert len(sent) < len(stops)
    assert sum(len(json.dumps(stops[i])) for i in sent) <= instant_chart_module.STOPS_BUDGET


def test_only_the_stops_near_the_thumb_and_the_limits_are_built_and_a_move_builds_what_it_must(monkeypatch):
    calls = []
    original = instant_chart_module.plain
    monkeypatch.setattr(instant_chart_module, "plain", lambda figure: calls.append(1) or original(figure))
    at = open_page("pages/alternatives.py", z="2,1,0.1", T="1")
    stops = instant_chart(at, "maps")["stops"]
    current = [stop["label"] for stop in stops].index("1")
    near = range(current - instant_chart_module.WINDOW, current + instant_chart_module.WINDOW + 1)
    assert [i for i, stop in enumerate(stops) if stop["update"]] == [0, *near, len(stops) - 1]
    following = sum("figure" in component_data(e) for e in at.get("bidi_component"))
    # Per chart that follows (every chart of the page that depends on T), the figure itself counted once.
    assert len(calls) == following * (2 * instant_chart_module.WINDOW + 3)
    calls.clear()
    # One stop up: the stops sent still reach a key press either way, so only the figure itself is built.
    at.select_slider(key="temperature").set_value(T_OPTIONS[current + 1]).run()
    assert len(calls) == following
    assert [i for i, stop in enumerate(instant_chart(at, "maps")["stops"]) if stop["update"]] == [
        0, *near, len(stops) - 1
    ]  # fmt: skip
    calls.clear()
    # One more: the window moves to the new stop; each chart builds its figure and the two stops entering.
    at.select_slider(key="temperature").set_value(T_OPTIONS[current + 2]).run()
    assert len(calls) == 3 * following
    moved = range(current + 2 - instant_chart_module.WINDOW, current + 3 + instant_chart_module.WINDOW)
    assert [i for i, stop in enumerate(instant_chart(at, "maps")["stops"]) if stop["update"]] == [
        0, *moved, len(stops) - 1
    ]  # fmt: skip


def count_built(monkeypatch, change=lambda figure: figure) -> list:
    """Every figure instant_chart builds (plain), counted; ``change`` alters each one built."""
    calls = []
    original = instant_chart_module.plain
    monkeypatch.setattr(
        instant_chart_module, "plain", lambda figure: calls.append(1) or change(original(figure))
    )
    return calls


def test_a_session_that_opens_a_view_another_has_opened_builds_only_its_own_figures(monkeypatch):
    # A class opening a teacher's link: the first session builds each chart's stops; the others build the
    # figure at their stop, find it the same, and share the rest (the stops, their JSON, the token).
    first = open_page("pages/alternatives.py", z="2,1,0.1", T="1")
    following = sum("figure" in component_data(e) for e in first.get("bidi_component"))
    built = count_built(monkeypatch)
    second = open_page("pages/alternatives.py", z="2,1,0.1", T="1")
    assert not second.exception
    assert len(built) == following
    assert instant_chart(second, "maps") == instant_chart(first, "maps")
    # Another view (other logits) is built afresh, and so is another stop of the same view.
    built.clear()
    open_page("pages/alternatives.py", z="3,1,0.1", T="1")
    assert len(built) == following * (2 * instant_chart_module.WINDOW + 3)
    built.clear()
    open_page("pages/alternatives.py", z="2,1,0.1", T="1.2")
    assert len(built) == following * (2 * instant_chart_module.WINDOW + 3)


def test_a_session_whose_figure_differs_from_the_shared_one_builds_its_own(monkeypatch):
    # A setting that a chart's `inputs` leave out (its figure differs at the same stop): that session's
    # stops are its own, built from its figures, not the shared ones.
    first = open_page("pages/alternatives.py", z="2,1,0.1", T="1")
    following = sum("figure" in component_data(e) for e in first.get("bidi_component"))

    def retitled(figure: dict) -> dict:
        return {**figure, "layout": {**figure["layout"], "title": {"text": "another setting"}}}

    built = count_built(monkeypatch, retitled)
    second = open_page("pages/alternatives.py", z="2,1,0.1", T="1")
    assert len(built) == following * (2 * instant_chart_module.WINDOW + 3)  # its own figure, then its stops
    mine, shared = instant_chart(second, "maps"), instant_chart(first, "maps")
    assert mine["token"] != shared["token"]
    assert mine["stops"] != shared["stops"]
