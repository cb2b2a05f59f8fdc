"""The Distillation page's figure builders, inspected trace by trace (by their ``meta`` ids)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.common.marks import LIMIT_GAP
from lessons.distillation import figures, model
from tests.lessons.traces import trace

P_ONE = np.array([1e-9, 2e-7, 1e-6, 3e-6, 4e-5, 1e-8, 1e-9, 0.99995, 1e-6, 1e-5])
P_ONE = P_ONE / P_ONE.sum()
P_HOT = np.full(10, 0.05)
P_HOT[7] = 0.55
TEMPERATURES = np.array(model.SWEEP_TEMPERATURES)
SOFT = np.array([0.83, 0.92, 0.93, 0.95, 0.94, 0.93, 0.93, 0.92])
BOTH = np.array([0.82, 0.91, 0.93, 0.93, 0.93, 0.94, 0.93, 0.96])
HOT_END = figures.SWEEP_SPAN[1] * 10**LIMIT_GAP


def sweep(current: float):
    curves = [("soft", "soft targets only", SOFT), ("both", "both", BOTH)]
    return figures.accuracy_sweep(TEMPERATURES, curves, hard=0.8, teacher=0.98, current=current)


def test_every_trace_of_every_chart_has_a_stable_id():
    norms = np.geomspace(1, 0.01, 5)
    charts = [
        figures.digit_image(np.arange(64.0).reshape(8, 8) / 4, title="a 7"),
        figures.teacher_probabilities(P_ONE, P_HOT, digit=7, temperature=4.0, log=True),
        sweep(4.0),
        figures.gradient_norms(np.geomspace(0.1, 100, 5), norms, norms / 10, 1.0, current=2.0),
        figures.accuracy_sweep(
            TEMPERATURES, [("soft", "soft targets only", SOFT)], hard=0.0, teacher=0.9, current=4.0
        ),
    ]
    for chart in charts:
        assert all(t.meta for t in chart.data), chart.layout.title.text


def test_the_digit_is_drawn_dark_on_white_top_row_first():
    image = np.zeros((8, 8))
    image[0, 3] = 16
    chart = figures.digit_image(image, title="a 7")
    heat = trace(chart, "digit-image")
    np.testing.assert_array_equal(heat.z, image)
    assert heat.colorscale[0] == (0.0, "#ffffff") and heat.zmin == 0 and heat.zmax == 16  # no ink: white
    assert chart.layout.yaxis.autorange == "reversed" and chart.layout.yaxis.scaleanchor == "x"


def test_teacher_probabilities_at_t_one_and_now_on_a_linear_and_a_log_axis():
    linear = figures.teacher_probabilities(P_ONE, P_HOT, digit=7, temperature=4.0, log=False)
    np.testing.assert_array_equal(trace(linear, "teacher-t1").y, P_ONE)
    np.testing.assert_array_equal(trace(linear, "teacher-current").y, P_HOT)
    assert trace(linear, "teacher-current").name == "T = 4"
    assert linear.layout.yaxis.range == (0, 1.05)
    log = figures.teacher_probabilities(P_ONE, P_HOT, digit=7, temperature=4.0, log=True)
    assert log.layout.yaxis.type == "log"
    # The axis reaches below the smallest probability, in decades from 1.
    low = log.layout.yaxis.range[0]
    assert low < math.log10(P_ONE.min()) and log.layout.yaxis.tickvals[0] == 1
    # At T = 1 the two distributions are one: drawn once (the current T's bars kept, hidden, so that the
    # chart has the same traces at every stop of the slider).
    same = figures.teacher_probabilities(P_ONE, P_ONE, digit=7, temperature=1.0, log=False)
    assert [t.meta for t in same.data if t.visible is not False] == ["teacher-t1"]
    assert len(same.data) == len(linear.data)


def test_the_sweep_puts_infinity_past_the_axis_end_and_stars_each_best_temperature():
    chart = sweep(4.0)
    soft, both = trace(chart, "soft"), trace(chart, "both")
    assert soft.x[-1] == pytest.approx(HOT_END) and list(soft.x[:-1]) == list(TEMPERATURES[:-1])
    np.testing.assert_array_equal(both.y, BOTH)
    assert trace(chart, "soft-best").x[0] == 5.0 and trace(chart, "soft-best").y[0] == 0.95
    assert trace(chart, "both-best").x[0] == pytest.approx(HOT_END)
    assert set(trace(chart, "teacher").y) == {0.98} and set(trace(chart, "hard").y) == {0.8}
    assert list(chart.layout.xaxis.ticktext)[-1] == "∞" and chart.layout.xaxis.type == "log"
    # The current T: a dotted line labelled above the plot, not in the legend (which sits below it).
    line = trace(chart, "current-line")
    assert list(line.x) == [4.0, 4.0] and line.showlegend is False
    assert chart.layout.annotations[0].text == "T = 4"
    assert chart.layout.legend.yref == "container"


@pytest.mark.parametrize(("current", "x"), [(math.inf, HOT_END), (1.0, 1.0), (50.0, 50.0)])
def test_the_current_temperature_is_marked_at_its_place_on_the_sweep(current, x):
    np.testing.assert_allclose(trace(sweep(current), "current-line").x, [x, x])


def test_a_temperature_off_the_sweep_axis_is_named_under_the_title():
    chart = sweep(0.5)
    assert trace(chart, "current-line").visible is False  # hidden, not gone: the chart follows the slider
    assert len(chart.data) == len(sweep(4.0).data)
    assert "current T = 0.5 lies off this axis" in chart.layout.title.subtitle.text


def test_gradient_norms_are_on_log_log_axes_with_the_hard_level_flat():
    temperatures = np.geomspace(0.1, 100, 7)
    chart = figures.gradient_norms(temperatures, np.ones(7), 1 / temperatures**2, 0.5, current=1000.0)
    assert chart.layout.xaxis.type == "log" and chart.layout.yaxis.type == "log"
    np.testing.assert_array_equal(trace(chart, "soft-without").y, 1 / temperatures**2)
    assert set(trace(chart, "hard").y) == {0.5}
    assert "lies off this axis" in chart.layout.title.subtitle.text
    assert trace(chart, "current-line").visible is False
    on_axis = figures.gradient_norms(temperatures, np.ones(7), 1 / temperatures**2, 0.5, current=3.0)
    assert list(trace(on_axis, "current-line").x) == [3.0, 3.0]
    assert trace(on_axis, "current-line").visible is True and len(on_axis.data) == len(chart.data)


def test_the_omitted_digit_chart_is_its_share_right_against_t_with_both_levels():
    # The students without the digit at every T of the sweep: only the current T's mark moves with T.
    lines = [("soft", "soft targets only", SOFT), ("both", "both", BOTH)]
    chart = figures.accuracy_sweep(
        TEMPERATURES,
        lines,
        hard=0.0,
        teacher=0.97,
        current=4.0,
        title="Test 3s recognised",
        y_title="Share of the test 3s right",
    )
    np.testing.assert_array_equal(trace(chart, "soft").y, SOFT)
    assert set(trace(chart, "hard").y) == {0.0} and set(trace(chart, "teacher").y) == {0.97}
    assert chart.layout.title.text == "Test 3s recognised"
    assert chart.layout.yaxis.title.text == "Share of the test 3s right"
