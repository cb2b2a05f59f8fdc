"""The quiz's reveal charts: each answer's chart is the app's figure of that idea, drawn with the question's
own numbers (traces found by their meta id)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.common.export import chart_table
from lessons.quiz import figures, model
from lessons.quiz.model import QuizView
from softmax_core import argmax_onehot, argmin_onehot, boltzmann, entropy, softmax
from tests.lessons.traces import trace

VIEW = QuizView((2.0, 1.0, 0.1), ("cat", "dog", "bird"), 1 / 0.5)


def _question(kind: str, seed: int = 0, view: QuizView = VIEW) -> model.Question:
    return model.question(kind, np.random.default_rng(seed), view)


@pytest.mark.parametrize("kind", list(model.KINDS))
def test_every_kind_has_a_titled_chart_whose_data_exports(kind):
    for seed in range(3):
        chart = figures.reveal_chart(_question(kind, seed))
        assert chart.layout.title.text
        names, rows = chart_table(chart)
        assert rows and names[0] == "series" and len(names) >= 3, kind


def test_where_the_probability_goes_is_drawn_at_the_limits_of_the_question():
    for kind in ("winner_cold", "winner_hot"):
        question = _question(kind)
        chart = figures.reveal_chart(question)
        z = question.scene["z"]
        assert np.array_equal(trace(chart, "limit-cold").y, argmax_onehot(z))
        assert np.allclose(trace(chart, "limit-hot").y, 1 / len(z))
        # The view's own temperature is marked: the same state as the sidebar's.
        assert np.allclose(trace(chart, "current-values").y, softmax(z, temperature=0.5))


def test_negative_beta_is_marked_on_the_beta_chart_with_the_arg_min_at_its_end():
    question = _question("winner_negative_beta", 2)
    chart = figures.reveal_chart(question)
    z, beta = question.scene["z"], question.scene["beta"]
    assert np.array_equal(trace(chart, "limit-argmin").y, argmin_onehot(z))
    assert np.allclose(trace(chart, "current-values").y, softmax(z, beta=beta))


def test_the_top_class_at_infinity_is_the_playground_bars_at_one_over_k():
    chart = figures.reveal_chart(_question("top_at_infinity"))
    assert np.allclose(trace(chart, "probabilities").y, 1 / 3)
    assert "T = ∞" in chart.layout.title.text


def test_the_entropy_chart_marks_the_hotter_temperature_at_its_entropy():
    question = _question("entropy_order", 1)
    chart = figures.reveal_chart(question)
    high = question.scene["temperatures"][1]
    point = trace(chart, "current-entropy")
    assert point.x[0] == high
    assert math.isclose(point.y[0], float(entropy(softmax(question.scene["z"], temperature=high))))


def test_the_shift_chart_shows_softmax_unmoved_and_the_square_moved():
    question = _question("shift", 3)
    chart = figures.reveal_chart(question)
    assert np.allclose(trace(chart, "softmax-original").y, trace(chart, "softmax-shifted").y, rtol=1e-12)
    assert not np.allclose(trace(chart, "square-original").y, trace(chart, "square-shifted").y)


def test_the_scale_chart_shows_the_two_ways_identical():
    question = _question("scale", 4)
    chart = figures.reveal_chart(question)
    assert np.array_equal(trace(chart, "by-temperature").y, trace(chart, "by-scale").y)
    title = chart.layout.title
    assert "identical" in f"{title.text} {title.subtitle.text}"
    z, t, c = question.scene["z"], question.scene["temperature"], question.scene["factor"]
    assert np.allclose(trace(chart, "by-scale").y, softmax(c * z, temperature=t), rtol=1e-12)


def test_the_loss_chart_marks_the_question_p_at_its_loss():
    question = _question("loss", 5)
    point = trace(figures.reveal_chart(question), "current")
    assert point.x[0] == question.scene["p"] and math.isclose(point.y[0], question.correct)


def test_the_top_p_chart_keeps_the_right_number_of_tokens_most_likely_first():
    question = _question("top_p", 6)
    chart = figures.reveal_chart(question)
    kept = np.nan_to_num(np.asarray(trace(chart, "kept").y, dtype=float))  # removed: no bar (NaN) or 0
    assert np.count_nonzero(kept) == question.options[int(question.correct)].value
    assert math.isclose(kept.sum(), 1.0) and np.all(np.diff(kept[kept > 0]) <= 0)


def test_the_population_chart_draws_the_boltzmann_populations_with_the_ground_state_limit():
    question = _question("ground_state", 7)
    chart = figures.reveal_chart(question)
    expected = boltzmann(question.scene["energies"], question.scene["kT"])
    assert np.allclose(trace(chart, "populations").y, expected)
    assert list(trace(chart, "limit").y) == [1.0] + [0.0] * (len(expected) - 1)


def test_the_policy_chart_draws_both_policies_and_names_how_often_each_explores():
    question = _question("explore", 8)
    chart = figures.reveal_chart(question)
    for index in (0, 1):
        bars = trace(chart, f"policy-{index}")
        assert math.isclose(sum(bars.y), 1.0)
        assert model.policy_text(question.scene["policies"][index]) in bars.name
