"""The Loss page's figure builders, sweeps and run, tested without Streamlit or a browser."""

from __future__ import annotations

import math

import hypothesis.strategies as hst
import mpmath
import numpy as np
import pytest
from hypothesis import given, settings

from lessons.common.plot import MARK
from lessons.loss import figures, training
from lessons.loss.model import (
    loss_family,
    loss_over_temperature,
    squared_error,
    squared_error_gradient,
    strongest_other,
    temperatures_around,
)
from softmax_core import cross_entropy, cross_entropy_grad, softmax, softmax_jacobian

Z = np.array([2.0, 1.0, 0.1])
LABELS = ("cat", "dog", "<b>bird</b>")


def annotation_texts(figure) -> list[str]:
    return [a.text for a in figure.layout.annotations]


# --- −log p ---


def test_neg_log_curve_is_minus_log_p_with_titled_axes_and_the_current_point():
    figure = figures.neg_log_curve(0.659, 0.417, label="cat")
    curve, marker = figure.data
    assert np.allclose(curve.y, -np.log(curve.x))
    assert curve.x.min() > 0 and curve.x.max() == 1.0
    assert figure.layout.xaxis.title.text.startswith("p(target)")
    assert figure.layout.yaxis.title.text == "loss −log p (nats)"
    assert (marker.x[0], marker.y[0]) == (0.659, 0.417)
    texts = annotation_texts(figure)
    assert any("cat: p = 0.659" in t and "loss = 0.417 nats" in t for t in texts)
    assert any("→ ∞ as p → 0" in t and "wrong answer" in t for t in texts)
    assert any("0 at p = 1" in t for t in texts)


def test_neg_log_curve_cap_holds_the_current_loss_up_to_twelve_nats():
    assert figures.neg_log_cap(0.4) == 6.0
    assert figures.neg_log_cap(8.0) == 9.0
    assert figures.neg_log_cap(800.0) == 12.0
    assert figures.neg_log_cap(math.inf) == 12.0
    figure = figures.neg_log_curve(0.0, 800.0, label="dog")
    marker = figure.data[1]
    assert marker.y[0] == 12.0 and marker.marker.symbol == "triangle-up"
    assert figure.layout.yaxis.range[1] >= 12.0
    assert any("above the chart" in t and "loss = 800 nats" in t for t in annotation_texts(figure))


def test_underflowed_probability_is_written_from_the_exact_loss():
    # mpmath: e^−800 = 3.66787458…e−348, below the smallest double, so p itself is 0.
    assert float(mpmath.exp(-800) * mpmath.mpf(10) ** 348) == pytest.approx(3.6679, abs=1e-4)
    assert figures.p_text(0.0, 800.0) == "3.668e−348"
    assert figures.p_text(0.0, math.inf) == "0"
    assert figures.p_text(0.0, 1e300) == "e^−1e+300"
    assert figures.p_text(0.659, 0.417) == "0.659"


def test_user_labels_are_escaped_in_the_neg_log_chart():
    figure = figures.neg_log_curve(0.5, math.log(2), label="<b>bird</b>")
    assert any("&lt;b&gt;bird&lt;/b&gt;" in t for t in annotation_texts(figure))
    assert not any("<b>bird" in t for t in annotation_texts(figure))


# --- loss against T ---


def temperature_figure(t: float, target: int = 0):
    temperatures = temperatures_around(t)
    other = strongest_other(Z, target)
    loss = float(cross_entropy(Z, target, temperature=t)) if t >= 0 else 1.0
    return figures.loss_against_temperature(
        temperatures,
        loss_over_temperature(Z, target, temperatures),
        label=LABELS[target],
        other_losses=loss_over_temperature(Z, other, temperatures),
        other_label=LABELS[other],
        log_k=math.log(3),
        current_temperature=t,
        current_loss=loss,
    )


def test_loss_against_temperature_has_a_log_axis_the_current_t_and_the_hot_limit():
    figure = temperature_figure(0.5)
    assert figure.layout.xaxis.type == "log"
    assert figure.layout.xaxis.title.text == "temperature T (log scale)"
    assert figure.layout.yaxis.title.text == "loss −log p(target) (nats)"
    target, other, now = figure.data
    assert target.name == "target: cat" and other.name == "dog instead"
    assert now.x[0] == 0.5 and now.y[0] == pytest.approx(float(cross_entropy(Z, 0, temperature=0.5)))
    assert [shape.x0 for shape in figure.layout.shapes if shape.type == "line" and shape.x0 == shape.x1] == [
        0.5
    ]
    assert any(shape.y0 == pytest.approx(math.log(3)) for shape in figure.layout.shapes)


def test_colder_is_better_for_the_arg_max_and_catastrophic_for_another_class():
    temperatures = temperatures_around(1.0)
    best, worse = loss_over_temperature(Z, 0, temperatures), loss_over_temperature(Z, 2, temperatures)
    assert np.all(np.diff(best) >= 0)  # loss rises with T for the arg max
    assert np.all(np.diff(worse) <= 0)  # and falls with T for the smallest logit
    # At T = 0.01 the loss of class 3 is about (2 − 0.1)/0.01 = 190 nats.
    assert worse[0] == pytest.approx(190.0, rel=1e-6)
    figure = temperature_figure(1.0)
    # The dashed curve reaches 100 nats at T = 0.01, far above the target's axis: said at the top.
    assert any("dog: 100 nats at T = 0.01" in t for t in annotation_texts(figure))


def test_loss_over_temperature_is_the_core_cross_entropy_at_each_t():
    temperatures = temperatures_around(1.0)
    expected = [float(cross_entropy(Z, 1, temperature=t)) for t in temperatures[::40]]
    assert np.array_equal(loss_over_temperature(Z, 1, temperatures)[::40], expected)
    assert temperatures[0] == pytest.approx(0.01) and temperatures[-1] == pytest.approx(100)
    wide = temperatures_around(1e-5)
    assert wide[0] == pytest.approx(5e-6) and wide[-1] == pytest.approx(100)


@pytest.mark.parametrize(("t", "where"), [(0.0, "T = 0 (exact limit)"), (math.inf, "T = ∞ (exact limit)")])
def test_exact_limits_are_marked_at_the_axis_end(t, where):
    figure = temperature_figure(t)
    assert any(f"now: {where}" in text for text in annotation_texts(figure))
    assert len(figure.data) == 2  # no marker at a T the log axis cannot hold


def test_strongest_other_is_the_arg_max_or_the_runner_up():
    assert strongest_other(Z, 0) == 1
    assert strongest_other(Z, 2) == 0


# --- gradient and Jacobian ---


def test_gradient_bars_show_the_given_values_with_the_target_marked():
    gradient = cross_entropy_grad(Z, 1, beta=2.0)
    figure = figures.gradient_bars(gradient, LABELS, target=1, factor_only=False)
    (bars,) = figure.data
    assert np.array_equal(bars.y, gradient)
    assert list(bars.x) == ["cat", "dog", "&lt;b&gt;bird&lt;/b&gt;"]
    assert list(bars.marker.color).count(MARK) == 1 and bars.marker.color[1] == MARK
    assert figure.layout.yaxis.title.text.startswith("∂L/∂z")
    assert figure.layout.xaxis.title.text.startswith("class k")


def test_infinite_gradient_is_shown_as_its_direction():
    figure = figures.gradient_bars(np.array([1.0, -1.0, 0.0]), LABELS, target=1, factor_only=True)
    assert "Infinite gradient" in figure.layout.title.text
    assert figure.layout.yaxis.title.text == "p<sub>k</sub> − [k = target]"


def test_jacobian_heatmap_is_centred_on_zero_with_labels_on_both_axes_and_the_target_row_outlined():
    jacobian = softmax_jacobian(Z, beta=1.0)
    figure = figures.jacobian_heatmap(jacobian, LABELS, target=2)
    (heatmap,) = figure.data
    assert np.array_equal(heatmap.z, jacobian)
    assert heatmap.zmid == 0 and heatmap.zmin == -heatmap.zmax
    assert list(heatmap.x) == list(heatmap.y) == ["cat", "dog", "&lt;b&gt;bird&lt;/b&gt;"]
    assert figure.layout.xaxis.title.text.startswith("logit z")
    assert figure.layout.yaxis.title.text.startswith("probability p")
    assert "symmetric" in figure.layout.title.text
    (outline,) = figure.layout.shapes
    assert (outline.y0, outline.y1) == (1.5, 2.5)


def test_jacobian_of_zeros_still_has_a_colour_scale():
    figure = figures.jacobian_heatmap(np.zeros((2, 2)), ("a", "b"), target=0)
    assert figure.data[0].zmax == 1.0


# --- run ---


def test_training_history_plots_loss_left_and_p_right_with_the_last_step_marked():
    figure = figures.training_history([2.3, 1.1, 0.5], [0.1, 0.33, 0.6], label="bird")
    loss, p, now_loss, now_p = figure.data
    assert np.array_equal(loss.x, [0, 1, 2]) and np.array_equal(loss.y, [2.3, 1.1, 0.5])
    assert p.yaxis == "y2" and np.array_equal(p.y, [0.1, 0.33, 0.6])
    assert (now_loss.x[0], now_loss.y[0]) == (2, 0.5) and (now_p.x[0], now_p.y[0]) == (2, 0.6)
    assert figure.layout.xaxis.title.text == "gradient step"
    assert figure.layout.yaxis.title.text == "loss (nats)"
    assert figure.layout.yaxis2.title.text == "p(bird)" and figure.layout.yaxis2.range == (0, 1.05)


def test_one_step_is_z_minus_eta_beta_p_minus_onehot():
    start = training.begin(Z, 2, 2.0)
    after = training.step(start, 0.3)
    # By hand: β(p − onehot) at β = 2, target 3.
    p = softmax(Z, beta=2.0)
    expected = Z - 0.3 * 2.0 * (p - np.array([0.0, 0.0, 1.0]))
    assert np.allclose(after.current, expected, rtol=0, atol=1e-15)
    assert after.steps == 1 and after.losses[1] < after.losses[0]
    assert after.losses[1] == float(cross_entropy(after.current, 2, beta=2.0))


@settings(max_examples=60, deadline=None)
@given(
    logits=hst.lists(hst.floats(-20, 20), min_size=2, max_size=8),
    data=hst.data(),
    beta=hst.sampled_from([-3.0, -0.5, 0.2, 1.0, 5.0]),
    learning_rate=hst.sampled_from([float(x) for x in training.LEARNING_RATES]),
)
def test_training_steps_never_raise_the_loss(logits, data, beta, learning_rate):
    target = data.draw(hst.integers(0, len(logits) - 1))
    run = training.step(training.begin(np.array(logits), target, beta), learning_rate, 10)
    losses = np.array(run.losses)
    assert np.all(np.diff(losses) <= 1e-12 * (1 + losses[:-1]))
    assert np.all(np.diff(run.p_target) >= -1e-15)


def test_ten_steps_from_a_wrong_answer_lower_the_loss_a_lot():
    run = training.step(training.begin(Z, 2, 1.0), 1.0, 10)
    assert run.steps == 10
    assert run.losses[0] == pytest.approx(2.317, abs=1e-3)  # −log 0.09857
    assert run.losses[-1] < 0.1 and run.p_target[-1] > 0.9


@pytest.mark.parametrize("beta", [math.inf, -math.inf, 0.0])
def test_training_is_refused_at_the_exact_limits(beta):
    run = training.begin(Z, 1, beta)
    assert run.stopped
    assert training.step(run, 1.0, 10).steps == 0


def test_a_step_beyond_the_float_range_stops_training_with_a_reason():
    # Two tied logits near the float maximum at β = 1e307: the step ηβ(1 − p) = 5e307 overflows.
    run = training.step(training.begin(np.array([1.5e308, 1.5e308]), 0, 1e307), 10.0)
    assert run.steps == 0 and "floating-point" in run.stopped


def test_history_stops_at_its_limit():
    run = training.step(training.begin(Z, 1, 1.0), 0.01, training.MAX_STEPS + 5)
    assert run.steps == training.MAX_STEPS and "limit" in run.stopped


def test_starts_from_tells_a_stale_history():
    run = training.begin(Z, 1, 1.0)
    assert run.starts_from(Z.copy(), 1, 1.0)
    assert not run.starts_from(Z, 2, 1.0)
    assert not run.starts_from(Z, 1, 2.0)
    assert not run.starts_from(np.array([2.0, 1.0]), 1, 1.0)


def test_applied_logits_snap_to_the_sliders_only_when_they_fit():
    assert training.applied_logits(np.array([0.123456, -0.004, 3.999])) == (0.12, 0.0, 4.0)
    exact = np.array([12.3456, 1.0])
    assert training.applied_logits(exact) == (12.3456, 1.0)


def test_learning_rate_must_be_positive():
    with pytest.raises(ValueError, match="learning_rate"):
        training.step(training.begin(Z, 0, 1.0), 0.0)


def test_logits_table_names_the_target_and_both_ends():
    run = training.step(training.begin(Z, 1, 1.0), 1.0, 3)
    table = training.logits_table(run, ("a", "b", "c"))
    assert list(table.index) == ["a", "b (target)", "c"]
    assert list(table.columns) == ["z at step 0", "z at step 3", "p at step 0", "p at step 3"]
    assert table.iloc[1, 0] == "1"


# --- cross-entropy beside squared error ---


def test_loss_family_sweeps_p_target_across_the_unit_interval():
    family = loss_family(Z, 2, 1.0)
    assert family.beta == 1.0
    assert family.p_target.min() == pytest.approx(1e-4, rel=0.05)
    assert family.p_target.max() == pytest.approx(1 - 1e-4, rel=1e-5)
    assert np.all(np.diff(family.p_target) > 0)
    assert np.allclose(family.cross_entropy, -np.log(family.p_target))
    # |∂CE/∂z_t| = β(1 − p_t): tends to β as p_t → 0 …
    assert np.allclose(family.gradient_cross_entropy, 1.0 - family.p_target)
    # … while the squared error's gradient vanishes there: the saturation the chart shows.
    assert family.gradient_squared_error[0] < 1e-3 < family.gradient_cross_entropy[0]


def test_squared_error_gradient_matches_a_finite_difference():
    z, h = np.array([0.3, -1.2, 2.0]), 1e-6
    gradient = squared_error_gradient(z, 1, 1.5)
    for j in range(3):
        step = np.eye(3)[j] * h
        plus, minus = softmax(z + step, beta=1.5), softmax(z - step, beta=1.5)
        numeric = (squared_error(plus, 1) - squared_error(minus, 1)) / (2 * h)
        assert gradient[j] == pytest.approx(numeric, abs=1e-8)


def test_squared_error_by_hand():
    # (0.5 − 0)² + (0.5 − 1)² = 0.5
    assert squared_error(np.array([0.5, 0.5]), 1) == pytest.approx(0.5)


@pytest.mark.parametrize("beta", [math.inf, -math.inf, 0.0])
def test_loss_family_falls_back_to_t_equal_1_at_the_limits(beta):
    assert loss_family(Z, 0, beta).beta == 1.0


def test_loss_family_survives_logits_at_the_float_limits():
    family = loss_family(np.array([1e308, -1e308, 0.0]), 2, 1.0)
    assert np.isfinite(family.cross_entropy).all() and family.p_target.max() > 0.99


def test_loss_comparison_has_two_titled_panels_and_the_current_point():
    family = loss_family(Z, 1, 1.0)
    p = softmax(Z)
    current = {
        "ce": float(cross_entropy(Z, 1)),
        "se": float(squared_error(p, 1)),
        "grad_ce": abs(float(cross_entropy_grad(Z, 1)[1])),
        "grad_se": abs(float(squared_error_gradient(Z, 1, 1.0)[1])),
    }
    figure = figures.loss_comparison(
        family.p_target,
        family.cross_entropy,
        family.squared_error,
        family.gradient_cross_entropy,
        family.gradient_squared_error,
        current_p=float(p[1]),
        current=current,
        temperature=1.0,
    )
    assert figure.layout.xaxis.title.text == figure.layout.xaxis2.title.text == "p(target)"
    assert figure.layout.yaxis.title.text == "loss (cross-entropy in nats)"
    assert figure.layout.yaxis2.title.text.startswith("gradient size")
    markers = [trace for trace in figure.data if trace.name == "now"]
    assert [tuple(m.y) for m in markers] == [
        (current["ce"], current["se"]),
        (current["grad_ce"], current["grad_se"]),
    ]
    assert all(m.x[0] == float(p[1]) for m in markers)
    assert "at T = 1" in figure.layout.title.text
