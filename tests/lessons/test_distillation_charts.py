"""lessons.distillation.charts: the Distillation page's charts at a stop of the slider, as
``ui.instant_chart.follow`` builds them. The same traces at every stop, the exact limits and a negative T
included; only the students' T (its bars, its dotted line) changes; the numbers are the core's and the
model's. A real teacher and real students (seed 0, 25 digits: about 3 s on one core)."""

from __future__ import annotations

import math
from functools import partial

import numpy as np
import plotly.graph_objects as go
import pytest

from lessons.common.marks import LIMIT_GAP
from lessons.common.plot_diff import plain, same
from lessons.common.scales import T_MIN
from lessons.distillation import charts, figures, model
from softmax_core import softmax
from tests.lessons.traces import trace

SEED, SIZE, ALPHA = 0, 25, 0.5
# (T, β) as the shared state holds them: the exact limits, negative T (β < 0, -0 included), ordinary ones.
STOPS = [(0.0, math.inf), (0.5, 2.0), (1.0, 1.0), (4.0, 0.25), (50.0, 0.02), (-4.0, -0.25), (-0.0, -math.inf),
         (math.inf, 0.0)]  # fmt: skip
HOT_END = figures.SWEEP_SPAN[1] * 10**LIMIT_GAP
# The T-dependent parts of each chart: the students' T bars, its dotted line.
MOVING = {"teacher-current", "current-line"}


@pytest.fixture(scope="module")
def page():
    """What the page computes once per setting: the teacher's logits for one 7, the sweep, the norms."""
    teacher = model.train_teacher(SEED)
    _, logits = model.example(SEED, teacher, 7, 1)
    train = partial(model.trained_outcome, SEED, teacher, SIZE)
    results = {meta: [train(r) for r in line] for meta, line in model.sweep_recipes(ALPHA).items()}
    levels = {"hard": train(model.HARD).scores.accuracy}
    levels["teacher"] = model.teacher_scores(SEED, teacher).accuracy
    norms = model.gradient_norms(SEED, teacher, SIZE)
    return logits, model.sweep_lines(results, ALPHA), levels, norms


def every_chart(page, temperature: float, beta: float) -> dict:
    logits, lines, levels, norms = page
    at = {"beta": beta, "temperature": temperature}
    return {
        "teacher_linear": charts.teacher_chart(logits, digit=7, log=False, **at),
        "teacher_log": charts.teacher_chart(logits, digit=7, log=True, **at),
        "sweep": charts.sweep_chart(lines, **levels, **at),
        "omitted": charts.sweep_chart(lines, hard=0.0, teacher=0.97, title="Test 3s recognised", **at),
        "norms": charts.norms_chart(norms, **at),
    }


def test_every_chart_has_the_same_traces_at_every_stop_so_the_browser_can_restyle_it(page):
    shapes = [
        {key: [(t.meta, t.type) for t in figure.data] for key, figure in every_chart(page, *stop).items()}
        for stop in STOPS
    ]
    assert all(shape == shapes[0] for shape in shapes[1:])


def still(figure: go.Figure) -> list:
    """The traces that do not depend on T, as plain JSON."""
    return plain(go.Figure([t for t in figure.data if t.meta not in MOVING]))["data"]


def test_only_the_students_t_moves_the_data_stays_put(page):
    charts_at = [every_chart(page, *stop) for stop in STOPS]
    for key, first in charts_at[0].items():
        assert all(same(still(at[key]), still(first)) for at in charts_at[1:]), key


@pytest.mark.parametrize(
    ("temperature", "beta", "students"),
    [(0.0, math.inf, T_MIN), (0.5, 2.0, 0.5), (4.0, 0.25, 4.0), (-4.0, -0.25, 4.0), (-0.0, -math.inf, T_MIN),
     (math.inf, 0.0, math.inf)],
)  # fmt: skip
def test_the_students_t_is_the_models_reading_of_the_slider(temperature, beta, students):
    assert charts.students_temperature(beta=beta, temperature=temperature) == students
    assert model.distillation_temperature(temperature, beta)[0] == students


@pytest.mark.parametrize(("temperature", "beta"), STOPS)
def test_the_teacher_bars_are_the_cores_softmax_at_one_and_at_the_students_t(page, temperature, beta):
    logits = page[0]
    students = charts.students_temperature(beta=beta, temperature=temperature)
    figure = charts.teacher_chart(logits, digit=7, log=True, beta=beta, temperature=temperature)
    np.testing.assert_array_equal(trace(figure, "teacher-t1").y, softmax(logits))
    np.testing.assert_array_equal(trace(figure, "teacher-current").y, softmax(logits, temperature=students))
    assert trace(figure, "teacher-current").visible is (students != 1)


def test_the_teacher_at_the_limits_is_uniform_hot_and_nearly_one_hot_cold(page):
    logits = page[0]
    hot = charts.teacher_chart(logits, digit=7, log=False, beta=0.0, temperature=math.inf)
    np.testing.assert_array_equal(trace(hot, "teacher-current").y, np.full(10, 0.1))  # softmax's T = ∞ limit
    assert trace(hot, "teacher-current").name == "T = ∞"
    cold = charts.teacher_chart(logits, digit=7, log=False, beta=math.inf, temperature=0.0)
    assert trace(cold, "teacher-current").name == f"T = {T_MIN:g}"  # the students' T, not 0
    assert np.argmax(trace(cold, "teacher-current").y) == 7


def test_the_sweep_is_the_students_accuracy_and_marks_the_students_t(page):
    _, lines, levels, _ = page
    for temperature, beta, x in [(4.0, 0.25, 4.0), (-4.0, -0.25, 4.0), (math.inf, 0.0, HOT_END)]:
        figure = charts.sweep_chart(lines, **levels, beta=beta, temperature=temperature)
        for meta, _, accuracies in lines:
            np.testing.assert_array_equal(trace(figure, meta).y, accuracies)
        assert set(trace(figure, "hard").y) == {levels["hard"]}
        assert set(trace(figure, "teacher").y) == {levels["teacher"]}
        np.testing.assert_allclose(trace(figure, "current-line").x, [x, x])
        assert trace(figure, "current-line").visible is True
    # T = 0: the students use the slider's smallest T, off this axis (T from 1): named, its line hidden.
    cold = charts.sweep_chart(lines, **levels, beta=math.inf, temperature=0.0)
    assert trace(cold, "current-line").visible is False
    assert f"current T = {T_MIN:g} lies off this axis" in cold.layout.title.subtitle.text


def test_the_sweep_passes_its_titles_on():
    lines = [("soft", "soft targets only", np.linspace(0.8, 0.9, len(model.SWEEP_TEMPERATURES)))]
    figure = charts.sweep_chart(
        lines, hard=0.0, teacher=0.97, title="Test 3s recognised", y_title="Share of the test 3s right",
        beta=1.0, temperature=1.0,
    )  # fmt: skip
    assert figure.layout.title.text == "Test 3s recognised"
    assert figure.layout.yaxis.title.text == "Share of the test 3s right"


def test_the_norms_are_the_models_measures_with_the_students_t_marked(page):
    norms = page[3]
    figure = charts.norms_chart(norms, beta=0.5, temperature=2.0)
    np.testing.assert_array_equal(trace(figure, "soft-with").y, norms.soft_with)
    np.testing.assert_array_equal(trace(figure, "soft-without").y, norms.soft_without)
    assert set(trace(figure, "hard").y) == {norms.hard}
    assert list(trace(figure, "current-line").x) == [2.0, 2.0]
    negative = charts.norms_chart(norms, beta=-0.5, temperature=-2.0)
    assert list(trace(negative, "current-line").x) == [2.0, 2.0]  # |T|
    # The norms' T runs from 0.1 to 100: T = ∞ lies off it.
    hot = charts.norms_chart(norms, beta=0.0, temperature=math.inf)
    assert trace(hot, "current-line").visible is False
    assert "lies off this axis" in hot.layout.title.subtitle.text
