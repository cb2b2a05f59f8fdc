"""The Loss page's figure builders, inspected trace by trace (by their ``meta`` ids) without a browser."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from lessons.common.marks import limit_positions
from lessons.common.plot import MARK
from lessons.loss import figures
from lessons.loss.model import loss_family, temperature_sweep
from softmax_core import (
    cross_entropy,
    cross_entropy_grad,
    softmax,
    softmax_jacobian,
    squared_error,
    squared_error_grad,
)
from tests.lessons.traces import trace

Z = np.array([2.0, 1.0, 0.1])
LABELS = ("cat", "dog", "<b>bird</b>")


def annotation_texts(figure) -> list[str]:
    return [a.text for a in figure.layout.annotations]


def test_every_trace_of_every_chart_has_a_stable_id():
    family = loss_family(Z, 1, 1.0)
    built = [
        figures.neg_log_curve(0.659, 0.417, label="cat"),
        temperature_figure(0.5),
        temperature_figure(0.0, target=2),
        figures.gradient_bars(cross_entropy_grad(Z, 1), LABELS, target=1, factor_only=False),
        figures.jacobian_heatmap(softmax_jacobian(Z), LABELS, target=1),
        figures.training_history([2.3, 1.1], [0.1, 0.33], label="bird"),
        figures.loss_comparison(
            family.p_target, family.cross_entropy, family.squared_error, family.gradient_cross_entropy,
            family.gradient_squared_error, current_p=0.2,
            current={"ce": 1, "se": 1, "grad_ce": 1, "grad_se": 1}, temperature=1.0,
        ),
    ]  # fmt: skip
    for figure in built:
        ids = [t.meta for t in figure.data]
        assert all(isinstance(i, str) and i for i in ids), figure.layout.title.text
        assert len(set(ids)) == len(ids), ids


# --- −log p ---


def test_neg_log_curve_is_minus_log_p_with_titled_axes_and_the_current_point():
    figure = figures.neg_log_curve(0.659, 0.417, label="cat")
    curve, marker = trace(figure, "neg-log"), trace(figure, "current")
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
    marker = trace(figure, "current")
    assert marker.y[0] == 12.0 and marker.marker.symbol == "triangle-up"
    assert figure.layout.yaxis.range[1] >= 12.0
    assert any("above the chart" in t and "loss = 800 nats" in t for t in annotation_texts(figure))


def test_user_labels_are_escaped_in_the_neg_log_chart():
    figure = figures.neg_log_curve(0.5, math.log(2), label="<b>bird</b>")
    assert any("&lt;b&gt;bird&lt;/b&gt;" in t for t in annotation_texts(figure))
    assert not any("<b>bird" in t for t in annotation_texts(figure))


# --- loss against T ---


def temperature_figure(t: float, target: int = 0, beta: float | None = None):
    beta = (1 / t if t else math.inf) if beta is None else beta
    sweep = temperature_sweep(Z, target, t)
    loss = float(cross_entropy(Z, target, beta=beta))
    return figures.loss_against_temperature(
        sweep.temperatures,
        sweep.losses,
        label=LABELS[target],
        other_losses=sweep.other_losses,
        other_label=LABELS[sweep.other],
        log_k=math.log(3),
        cold_loss=sweep.cold_loss,
        temperature=t,
        beta=beta,
        current_loss=loss,
    )


def test_loss_against_temperature_has_a_log_axis_the_current_t_and_the_hot_limit():
    figure = temperature_figure(0.5)
    assert figure.layout.xaxis.type == "log"
    assert figure.layout.xaxis.title.text == "temperature T (log scale)"
    assert figure.layout.yaxis.title.text == "loss −log p(target) (nats)"
    target, other = trace(figure, "target-loss"), trace(figure, "other-loss")
    assert target.name == "target: cat" and other.name == "dog instead"
    now, line = trace(figure, "current-loss"), trace(figure, "current-T")
    assert now.x[0] == 0.5 and now.y[0] == pytest.approx(float(cross_entropy(Z, 0, temperature=0.5)))
    assert list(line.x) == [0.5, 0.5] and line.line.color == MARK and line.name == "current T = 0.5"
    assert any(shape.y0 == pytest.approx(math.log(3)) for shape in figure.layout.shapes)
    assert not figure.layout.title.subtitle.text  # an ordinary point of the axis needs no note


def test_colder_is_better_for_the_arg_max_and_catastrophic_for_another_class():
    figure = temperature_figure(1.0)
    # The dashed curve reaches 100 nats at T = 0.01, far above the target's axis: said at the top.
    assert any("dog: 100 nats at T = 0.01" in t for t in annotation_texts(figure))


def test_the_exact_limits_of_the_targets_loss_sit_past_the_axis_ends():
    figure = temperature_figure(1.0)
    limits = trace(figure, "target-limits")
    span = (float(trace(figure, "target-loss").x[0]), float(trace(figure, "target-loss").x[-1]))
    np.testing.assert_array_equal(limits.x, limit_positions(span))
    # The arg max at T = 0 has loss 0; at T = ∞ every loss is log K.
    np.testing.assert_array_equal(limits.y, [0.0, math.log(3)])
    ticks = dict(zip(figure.layout.xaxis.ticktext, figure.layout.xaxis.tickvals, strict=True))
    assert ticks["0"] == limits.x[0] and ticks["∞"] == limits.x[1]


def test_a_losing_targets_infinite_loss_at_t0_is_a_triangle_at_the_top():
    figure = temperature_figure(1.0, target=2)
    limits = trace(figure, "target-limits")
    assert limits.y[0] == figure.layout.yaxis.range[1] and limits.marker.symbol[0] == "triangle-up-open"
    assert limits.customdata[0] == "∞"  # in the hover


@pytest.mark.parametrize(
    ("t", "target", "where"),
    [(0.0, 0, "left end"), (math.inf, 0, "right end"), (0.0, 2, "left end")],
)
def test_exact_limits_are_marked_at_the_axis_end_and_said_in_words(t, target, where):
    figure = temperature_figure(t, target=target)
    line, point = trace(figure, "current-T"), trace(figure, "current-loss")
    limits = trace(figure, "target-limits")
    assert line.x[0] == point.x[0] == limits.x[0 if t == 0 else 1]
    assert where in figure.layout.title.subtitle.text
    if target == 2:  # the loss at T = 0 of a class that is not the arg max is infinite: at the top
        assert point.marker.symbol == "triangle-up" and "(loss ∞ nats)" in figure.layout.title.subtitle.text


def test_a_negative_temperature_is_named_off_the_axis_with_its_loss():
    figure = temperature_figure(-0.5, beta=-2.0)
    # Kept, hidden: the chart has the same traces at every temperature (it follows the slider).
    assert trace(figure, "current-T").visible is False and trace(figure, "current-loss").visible is False
    assert [t.meta for t in figure.data] == [t.meta for t in temperature_figure(1.0, beta=1.0).data]
    assert figure.layout.title.subtitle.text.startswith("current β = −2 < 0 is off this axis: loss ")


# --- gradient and Jacobian ---


def test_gradient_bars_show_the_given_values_with_the_target_marked():
    gradient = cross_entropy_grad(Z, 1, beta=2.0)
    figure = figures.gradient_bars(gradient, LABELS, target=1, factor_only=False)
    bars = trace(figure, "gradient")
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
    heatmap = trace(figure, "jacobian")
    assert np.array_equal(heatmap.z, jacobian)
    assert heatmap.zmid == 0 and heatmap.zmin == -heatmap.zmax
    assert list(heatmap.x) == list(heatmap.y) == ["cat", "dog", "&lt;b&gt;bird&lt;/b&gt;"]
    assert figure.layout.xaxis.title.text.startswith("logit z")
    assert figure.layout.yaxis.title.text.startswith("probability p")
    assert "symmetric" in figure.layout.title.text
    (outline,) = figure.layout.shapes
    assert (outline.y0, outline.y1) == (1.5, 2.5)


def test_a_jacobian_that_is_not_a_number_is_drawn_as_empty_cells_and_said_so():
    # At T = 0 with tied winners (∂p/∂z is infinite between them): the chart stays, so it can follow T.
    jacobian = softmax_jacobian(np.array([2.0, 2.0, 0.0]), beta=math.inf)
    assert not np.isfinite(jacobian).all()
    figure = figures.jacobian_heatmap(jacobian, LABELS, target=0)
    assert np.isnan(trace(figure, "jacobian").z).all()
    assert "not a number" in figure.layout.title.subtitle.text


def test_jacobian_cells_and_gradient_values_are_written_with_the_true_minus_sign():
    # Plotly's own number formats write an ASCII hyphen ("-0.16" beside the bars' "−0.341").
    jacobian = softmax_jacobian(Z)
    heatmap = trace(figures.jacobian_heatmap(jacobian, LABELS, target=0), "jacobian")
    assert heatmap.texttemplate == "%{text}" and "%{z" not in heatmap.hovertemplate
    # −p₁p₂ = −0.659 · 0.2424 = −0.1598
    assert heatmap.text[0][1] == "−0.1598" and heatmap.customdata[0][1] == "−0.1598"
    bars = trace(
        figures.gradient_bars(cross_entropy_grad(Z, 0), LABELS, target=0, factor_only=False), "gradient"
    )
    assert list(bars.text) == ["−0.341", "0.2424", "0.09857"] == list(bars.customdata)


def test_every_title_and_axis_title_line_fits_a_phone():
    # About 38 characters of a 19-px title, and 40 of a 16-px axis title, fit the 358 px a chart gets on a
    # 390-px phone; a longer title is split into title and subtitle, an axis title into lines.
    family = loss_family(Z, 1, 1.0)
    built = [
        figures.neg_log_curve(0.659, 0.417, label="class 1"),
        temperature_figure(0.5),
        figures.gradient_bars(cross_entropy_grad(Z, 1), LABELS, target=1, factor_only=False),
        figures.gradient_bars(np.array([1.0, -1.0, 0.0]), LABELS, target=1, factor_only=True),
        figures.jacobian_heatmap(softmax_jacobian(Z), LABELS, target=1),
        figures.training_history([2.3, 1.1], [0.1, 0.33], label="class 1"),
        figures.loss_comparison(
            family.p_target, family.cross_entropy, family.squared_error, family.gradient_cross_entropy,
            family.gradient_squared_error, current_p=0.2, current=None, temperature=1.0,
        ),
    ]  # fmt: skip
    for figure in built:
        layout = figure.layout.to_plotly_json()
        assert len(layout["title"]["text"]) <= 38, layout["title"]["text"]
        for axis in ("xaxis", "yaxis", "xaxis2", "yaxis2"):
            for line in layout.get(axis, {}).get("title", {}).get("text", "").split("<br>"):
                assert len(re.sub(r"<[^>]+>", "", line)) <= 40, line


def test_jacobian_of_zeros_still_has_a_colour_scale():
    figure = figures.jacobian_heatmap(np.zeros((2, 2)), ("a", "b"), target=0)
    assert trace(figure, "jacobian").zmax == 1.0


# --- training ---


def test_training_history_plots_loss_left_and_p_right_with_the_last_step_marked():
    figure = figures.training_history([2.3, 1.1, 0.5], [0.1, 0.33, 0.6], label="bird")
    loss, p = trace(figure, "loss-history"), trace(figure, "p-history")
    now_loss, now_p = trace(figure, "loss-now"), trace(figure, "p-now")
    assert np.array_equal(loss.x, [0, 1, 2]) and np.array_equal(loss.y, [2.3, 1.1, 0.5])
    assert p.yaxis == "y2" and np.array_equal(p.y, [0.1, 0.33, 0.6])
    assert (now_loss.x[0], now_loss.y[0]) == (2, 0.5) and (now_p.x[0], now_p.y[0]) == (2, 0.6)
    assert figure.layout.xaxis.title.text == "gradient step"
    assert figure.layout.yaxis.title.text == "loss (nats)"
    assert figure.layout.yaxis2.title.text == "p(bird)" and figure.layout.yaxis2.range == (0, 1.05)


# --- cross-entropy beside squared error ---


def test_loss_comparison_has_two_titled_panels_and_the_current_point():
    family = loss_family(Z, 1, 1.0)
    p = softmax(Z)
    current = {
        "ce": float(cross_entropy(Z, 1)),
        "se": float(squared_error(Z, 1)),
        "grad_ce": abs(float(cross_entropy_grad(Z, 1)[1])),
        "grad_se": abs(float(squared_error_grad(Z, 1)[1])),
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
    markers = [trace(figure, "now"), trace(figure, "now-gradient")]
    assert [tuple(m.y) for m in markers] == [
        (current["ce"], current["se"]),
        (current["grad_ce"], current["grad_se"]),
    ]
    assert all(m.x[0] == float(p[1]) for m in markers)
    assert np.array_equal(trace(figure, "squared-error-gradient").y, family.gradient_squared_error)
    assert figure.layout.title.text == "Cross-entropy beside squared error"
    assert figure.layout.title.subtitle.text == "as p(target) moves, at T = 1"
    assert figure.layout.legend.yref == "container"  # below the plot: three entries wrap on a phone


@pytest.mark.parametrize("target", [0, 1, 2])
def test_the_gradient_panels_axis_is_set_as_plotly_would_fit_it_and_scales_with_one_over_t(target):
    # Set at each T (so the chart's curves move with it by Plotly.animate): from 0 to 5 % of the axis
    # above the highest gradient, and both gradients are β times a function of p, so halving T doubles it.
    def panel(beta):
        family = loss_family(Z, target, beta)
        figure = figures.loss_comparison(
            family.p_target, family.cross_entropy, family.squared_error, family.gradient_cross_entropy,
            family.gradient_squared_error, current_p=0.5, current=None, temperature=1 / beta,
        )  # fmt: skip
        highest = max(np.max(family.gradient_cross_entropy), np.max(family.gradient_squared_error))
        low, high = figure.layout.yaxis2.range
        assert low == 0 and high == pytest.approx(highest / 0.95, rel=1e-12)
        return high

    assert panel(2.0) == pytest.approx(2 * panel(1.0), rel=1e-12)
    assert panel(0.25) == pytest.approx(panel(1.0) / 4, rel=1e-12)
