"""The Playground's chart and the update that redraws it at another temperature in the browser."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.playground.figures import probability_bars, probability_bars_title, probability_bars_update
from softmax_core import argmax_onehot, softmax


def chart(z: np.ndarray, temperature: float):
    return probability_bars(
        softmax(z, temperature=temperature),
        ["cat", "dog", "<b>bird</b>", "fish"][: len(z)],
        argmax=argmax_onehot(z),
        title=probability_bars_title(temperature),
    )


@pytest.mark.parametrize(
    ("z", "start", "stop"),
    [
        ([2.0, 1.0, 0.1], 1.0, 0.8),
        ([2.0, 1.0, 0.1], 0.01, 100.0),
        ([0.95, 0.99, 0.98], 1.0, 0.0),  # to the exact arg max limit
        ([1.0, 1.0, 0.0, -3.0], 0.0, math.inf),  # from a split tie to uniform
        ([0.0, 10.0], 1.0, 1e-300),
    ],
)
def test_the_update_turns_the_chart_at_one_temperature_into_the_chart_at_another(z, start, stop):
    z = np.array(z)
    expected = chart(z, stop)
    p = softmax(z, temperature=stop)
    update = probability_bars_update(p, title=probability_bars_title(stop))

    updated = chart(z, start)
    updated.plotly_update(
        restyle_data=update["data"], relayout_data=update["layout"], trace_indexes=update["traces"]
    )

    # Plotly.js applies the same arguments in the browser; go.Figure.plotly_update is its Python twin.
    assert np.array_equal(np.asarray(updated.data[0].y), np.asarray(expected.data[0].y))
    assert updated.data[0].text == expected.data[0].text
    assert updated.layout.title.text == expected.layout.title.text == probability_bars_title(stop)
    for figure in (updated, expected):
        figure.data[0].y = None
    assert updated.to_plotly_json() == expected.to_plotly_json()


@pytest.mark.parametrize(
    ("z", "moved"),
    [
        ([1.0, 1.01, 0.0], [1.01, 1.01, 0.0]),  # into a tie: the arg max split
        ([1.01, 1.01, 0.0], [1.02, 1.01, 0.0]),  # out of it
        ([2.0, 1.0, 0.1], [2.0, 1.0, 0.12]),  # the arg max stays
    ],
)
def test_with_the_arg_max_the_update_turns_the_chart_of_some_logits_into_that_of_others(z, moved):
    z, moved = np.array(z), np.array(moved)
    expected = chart(moved, 0.5)
    update = probability_bars_update(
        softmax(moved, temperature=0.5), title=probability_bars_title(0.5), argmax=argmax_onehot(moved)
    )
    updated = chart(z, 0.5)
    updated.plotly_update(
        restyle_data=update["data"], relayout_data=update["layout"], trace_indexes=update["traces"]
    )
    for figure in (updated, expected):
        for trace in figure.data:
            trace.y = np.asarray(trace.y).tolist()
    assert updated.to_plotly_json() == expected.to_plotly_json()
    assert update["traces"] == [0, 1] and update["data"]["text"][1] is None  # the arg max prints no values


def test_the_update_is_plain_json_with_the_exact_probabilities():
    p = softmax(np.array([2.0, 1.0, 0.1]), temperature=1.0)
    update = probability_bars_update(p, title="t")
    assert update["data"]["y"] == [p.tolist()] and all(type(x) is float for x in update["data"]["y"][0])
    assert update["data"]["text"] == [["0.659", "0.2424", "0.09857"]]
    assert update["layout"] == {"title.text": "t"} and update["traces"] == [0]


def test_with_many_classes_the_values_stand_vertically_and_never_collide():
    # Issue 14: with 20 logits the printed values ran into each other.
    z = np.linspace(-3.0, 3.0, 20)
    many = probability_bars(softmax(z), [f"c{i}" for i in range(20)], argmax=argmax_onehot(z), title="t")
    few = chart(np.array([2.0, 1.0, 0.1]), 1.0)
    bars = {trace.meta: trace for trace in many.data}
    assert bars["probabilities"].textangle == -90 and few.data[0].textangle == 0
    assert many.layout.yaxis.range[1] > few.layout.yaxis.range[1]  # room for a column of digits


def test_the_arg_max_outline_does_not_hide_a_neighbouring_value():
    figure = chart(np.array([2.0, 1.0, 0.1]), 1.0)
    argmax = next(trace for trace in figure.data if trace.meta == "argmax")
    assert argmax.marker.pattern.shape is None
    alpha = float(argmax.marker.color.rsplit(",", 1)[1].rstrip(")"))
    assert alpha <= 0.1
