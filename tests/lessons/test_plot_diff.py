"""The generic diff behind the charts that follow the slider (lessons/common/plot_diff.py).

go.Figure.plotly_update is plotly.js's Plotly.update in Python: applied to the base figure, or to the
figure of any other stop, each stop's update must give that stop's figure exactly.
"""

from __future__ import annotations

import json
import math

import numpy as np
import plotly.graph_objects as go
import pytest

from lessons.common import plot
from lessons.common.plot_diff import _plain, plain, plot_diff, plot_updates, same
from lessons.playground.figures import probability_bars, probability_bars_title
from softmax_core import argmax_onehot, softmax


def applied(start: dict, update) -> dict:
    figure = go.Figure(start, skip_invalid=False)
    restyle, relayout, traces = update
    figure.plotly_update(restyle_data=restyle, relayout_data=relayout, trace_indexes=traces)
    return plain(figure)


def marked(t: float, shapes: int = 1) -> go.Figure:
    # A curve over T whose marker moves with the current T: a line, a point, shapes and a title.
    grid = np.geomspace(0.1, 10, 7)
    layout = plot.base_layout(title=f"at T = {t}", x_title="T", y_title="y")
    layout["shapes"] = [plot.vline(t * (i + 1), {"color": plot.LIMIT}) for i in range(shapes)]
    layout["annotations"] = [{"x": t, "y": 1, "text": f"T = {t}", "showarrow": False}]
    traces = [
        {"type": "scatter", "x": grid, "y": 1 / grid, "meta": "curve"},
        {"type": "scatter", "x": [t], "y": [1 / t], "meta": "now", "marker": {"size": 9}},
    ]
    if t > 5:
        traces[1]["marker"]["color"] = "red"
        traces[1]["y"] = [math.nan]
    return plot.figure(traces, layout)


def bars(t: float) -> go.Figure:
    z = np.array([2.0, 1.0, 0.1])
    return probability_bars(
        softmax(z, temperature=t), ("a", "b", "c"), argmax=argmax_onehot(z), title=probability_bars_title(t)
    )


@pytest.mark.parametrize("build", [marked, bars, lambda t: marked(t, shapes=1 + int(t > 1))])
def test_every_stop_is_reached_exactly_from_the_base_and_from_every_other_stop(build):
    temperatures = [0.1, 0.5, 1.0, 2.0, 8.0]
    figures = [plain(build(t)) for t in temperatures]
    updates = plot_updates(figures[2], figures)
    for start in figures:
        for figure, update in zip(figures, updates, strict=True):
            assert same(applied(start, update), figure)


def test_only_what_changes_is_sent():
    restyle, relayout, traces = plot_diff(plain(marked(1.0)), plain(marked(2.0)))
    assert traces == [1]  # the curve does not depend on T
    assert set(restyle) == {"x", "y"}
    assert restyle["x"] == [[2.0]] and restyle["y"] == [[0.5]]
    assert set(relayout) == {
        "title.text",
        "shapes[0].x0",
        "shapes[0].x1",
        "annotations[0].x",
        "annotations[0].text",
    }


def test_a_figure_that_does_not_change_has_an_empty_update():
    assert plot_diff(plain(marked(1.0)), plain(marked(1.0))) == ({}, {}, [])


def test_a_list_of_shapes_whose_length_changes_is_set_whole():
    _, relayout, _ = plot_diff(plain(marked(1.0, shapes=1)), plain(marked(1.0, shapes=2)))
    assert list(relayout) == ["shapes"] and len(relayout["shapes"]) == 2


def test_figures_with_different_numbers_of_traces_cannot_be_updated():
    one = plain(plot.figure([{"type": "bar", "y": [1]}], {}))
    two = plain(plot.figure([{"type": "bar", "y": [1]}, {"type": "bar", "y": [2]}], {}))
    with pytest.raises(ValueError, match="different numbers of traces"):
        plot_diff(one, two)


def test_nan_is_the_same_gap_everywhere():
    assert same([1.0, math.nan], [1.0, math.nan]) and not same([1.0, math.nan], [1.0, 2.0])
    assert not same(True, 1)
    # JSON writes NaN as null: an update that reached the browser draws the same gap.
    assert same([1.0, math.nan], [1.0, None]) and not same([None], [0.0]) and not same([math.nan], [0.0])


def test_equal_lists_compared_at_once_still_tell_a_bool_from_a_number():
    # The fast path (== on whole lists) must agree with the walk value by value.
    assert same([1.0, 2.0, None, "a"], [1.0, 2.0, None, "a"]) and same([1, 2.0], [1.0, 2])
    assert not same([True, 1.0], [1, 1.0]) and not same([[True]], [[1]])
    assert not same([{"a": True}], [{"a": 1}])
    assert same([[1.0, 2.0], [3.0]], [[1.0, 2.0], [3.0]]) and not same([1.0], [1.0, 2.0])


@pytest.mark.parametrize("build", [marked, bars])
def test_plain_is_plotly_json_and_shares_nothing_with_the_figure(build):
    figure = build(0.5)
    # What plotly.py itself writes (its JSON, read back; its typed arrays, base64, as lists).
    assert plain(figure) == _plain(json.loads(figure.to_json(validate=False)))
    shown = plain(figure)
    shown["data"][0]["x"][0] = -1.0
    shown["layout"]["title"]["text"] = "changed"
    assert plain(figure) == plain(build(0.5))  # the figure itself is untouched
