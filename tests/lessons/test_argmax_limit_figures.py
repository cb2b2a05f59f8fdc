"""The figure builders of the arg max page, inspected trace by trace (no browser)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from lessons.argmax_limit import figures, model
from lessons.common.plot import CLASS_COLORS, MARK
from softmax_core import (
    argmax_onehot,
    argmin_onehot,
    distance_asymptote,
    distance_to_limit,
    smooth_max,
    softmax,
    softmax_sweep,
)
from tests.lessons.traces import trace

Z = np.array([2.0, 1.0, 0.1])
LABELS = ("cat", "dog", "<b>bird</b>")


def sweep_for(z: np.ndarray, beta: float):
    limit = model.limit_of(z, model.side_of(beta))
    axis = model.beta_axis(limit, beta)
    x = axis.grid()
    return limit, axis, x, softmax_sweep(z, model.side_of(beta) * x)


def current(axis, y, beta):
    return figures.Current(axis.marker, y, figures.current_label(beta, axis.pinned), axis.pinned)


def probability_figure(z=Z, labels=LABELS, beta=1.0):
    limit, axis, x, sweep = sweep_for(z, beta)
    figure = figures.probability_paths(
        x,
        sweep,
        labels,
        shown=model.shown_classes(z, limit.side),
        limit=limit.onehot,
        limit_name="arg max (β = +∞)",
        decades=axis.decades,
        current=current(axis, softmax(z, beta=beta), beta),
        x_title="inverse temperature β (log scale)",
        title="σ tends to the arg max",
    )
    return figure, x, sweep, axis


def test_probability_paths_draw_one_line_per_class_with_the_cores_values():
    figure, x, sweep, _ = probability_figure()
    assert figure.layout.xaxis.title.text == "inverse temperature β (log scale)"
    assert figure.layout.yaxis.title.text == "probability p"
    assert figure.layout.xaxis.type == "log"
    lines = [trace(figure, f"class-{index}") for index in range(3)]
    assert [t.name for t in lines] == [
        "cat",
        "dog",
        "&lt;b&gt;bird&lt;/b&gt;",
    ]  # user labels escaped for Plotly
    for index, line in enumerate(lines):
        np.testing.assert_array_equal(line.y, sweep[:, index])
        np.testing.assert_array_equal(line.x, x)
        assert line.line.color == CLASS_COLORS[index]


def test_probability_paths_mark_the_limit_at_the_right_end_and_the_current_beta():
    figure, _, _, axis = probability_figure()
    diamonds = trace(figure, "limit")
    assert diamonds.name == "arg max (β = +∞)"
    np.testing.assert_allclose(diamonds.x, 10.0 ** axis.decades[1])
    np.testing.assert_array_equal(diamonds.y, argmax_onehot(Z))
    line, dots = trace(figure, "current-line"), trace(figure, "current")
    assert line.name == dots.name == "current β = 1"
    assert [a.text for a in figure.layout.annotations] == ["current β = 1"]
    np.testing.assert_array_equal(line.x, [1.0, 1.0])
    assert line.line.color == MARK and line.showlegend is False
    # softmax(2, 1, 0.1) = (0.659, 0.2424, 0.09857) (the temperature article's example)
    np.testing.assert_allclose(dots.y, [0.65900114, 0.24243297, 0.09856589], rtol=1e-7)
    assert len(figure.data) == 3 + 1 + 2


def test_probability_paths_sum_the_classes_beyond_nine_in_one_line():
    z = np.arange(12.0)
    labels = tuple(f"c{i}" for i in range(12))
    figure, _, sweep, _ = probability_figure(z, labels)
    others = trace(figure, "others")
    assert others.name == "3 others (sum)"
    np.testing.assert_allclose(others.y, sweep[:, :3].sum(axis=1))
    assert [t.name for t in figure.data[:9]] == [f"c{i}" for i in range(3, 12)]
    assert [t.meta for t in figure.data[:9]] == [f"class-{i}" for i in range(3, 12)]
    assert len(trace(figure, "limit").y) == 10


def test_exact_limit_is_marked_at_the_axis_end_and_named_so():
    figure, _, _, axis = probability_figure(beta=math.inf)
    marker = trace(figure, "current")
    assert marker.name == "current β = ∞ (at the right end)"
    np.testing.assert_allclose(marker.x, 10.0 ** axis.decades[1])
    np.testing.assert_array_equal(marker.y, [1.0, 0.0, 0.0])


def distance_figure(z, beta):
    limit, axis, x, sweep = sweep_for(z, beta)
    d_now = float(distance_to_limit(z, beta))
    figure = figures.distance_chart(
        x,
        distance_to_limit(z, limit.side * x),
        asymptote=None if limit.log10_gap is None else distance_asymptote(z, limit.side * x),
        asymptote_name="asymptote",
        first_winner=model.distance_to_first_winner(sweep, limit.first_winner) if limit.ties > 1 else None,
        decades=axis.decades,
        current=current(axis, d_now, beta),
        x_title="β",
        limit_name=limit.name,
        title="distance",
    )
    return figure, limit, x, sweep


def test_distance_chart_is_log_log_with_the_asymptote_and_the_current_distance():
    figure, _, _, _ = distance_figure(np.array([0.0, 1.0]), 2.0)
    assert figure.layout.xaxis.type == "log" and figure.layout.yaxis.type == "log"
    assert figure.layout.yaxis.title.text == "‖σ<sub>β</sub>(z) − arg max(z)‖₁ (log scale)"
    distance = trace(figure, "distance")
    assert distance.name == "‖σ − arg max‖₁, ties split"
    np.testing.assert_allclose(distance.y, 2 / (1 + np.exp(distance.x)), rtol=1e-12)
    asymptote = trace(figure, "asymptote")
    assert asymptote.y.max() <= 4.0
    dot = trace(figure, "current")
    assert dot.name == "current β = 2"
    # Hand-worked: 2/(1 + e²) = 0.23841.
    assert dot.x[0] == 2.0 and dot.y[0] == pytest.approx(2 / (1 + math.exp(2)), rel=1e-12)
    assert figure.layout.yaxis.range[1] == pytest.approx(math.log10(4.0))


def test_distance_chart_drops_zeros_that_a_log_axis_cannot_show():
    figure, _, _, _ = distance_figure(np.array([0.0, 1000.0]), 1.0)
    distance = trace(figure, "distance")
    assert np.all(distance.y > 0)


def test_distance_chart_shows_the_tie_split_against_the_first_class_one_hot():
    figure, _, _, sweep = distance_figure(np.array([1.0, 5.0, 5.0]), 1.0)
    first = trace(figure, "first-winner")
    np.testing.assert_allclose(first.y[-1], 1.0, rtol=1e-12)  # 2(1 − 1/2)
    np.testing.assert_allclose(first.y, 2 * (1 - sweep[:, 1]), rtol=1e-12)


def test_distance_zero_at_the_exact_limit_is_a_triangle_on_the_bottom_edge():
    figure, _, _, _ = distance_figure(Z, -math.inf)
    dot = trace(figure, "current")
    assert dot.name == "current β = −∞ (at the right end): distance 0 (▼)"
    assert dot.marker.symbol == "triangle-down"
    assert dot.y[0] == pytest.approx(10.0 ** figure.layout.yaxis.range[0])


def test_distance_chart_for_equal_logits_says_why_it_is_empty():
    figure, _, _, _ = distance_figure(np.array([3.0, 3.0, 3.0]), 1.0)
    assert len(trace(figure, "distance").y) == 0
    assert any("exactly 0" in note.text for note in figure.layout.annotations)


def near_tie_figure(chosen=1e-4, beta=1.0):
    x = np.logspace(*model.EPS_BETA_DECADES, model.POINTS)
    side = model.side_of(beta)
    epsilons = dict.fromkeys((*model.REFERENCE_EPSILONS, chosen))
    curves = {e: model.near_tie_curve(e, side * x) for e in epsilons}
    converged = {e: (model.beta_to_converge(e), 0.99) for e in curves if e}
    marker_x, pinned = model.place_on_log_axis(model.EPS_BETA_DECADES, abs(beta))
    y = softmax(np.array([1.0, 1.0 + chosen]), beta=beta)[1]
    return figures.near_tie_chart(
        x,
        curves,
        chosen=chosen,
        converged=converged,
        current=figures.Current(marker_x, y, figures.current_label(beta, pinned), pinned),
        x_title="β (log scale)",
    )


def test_near_tie_chart_draws_each_epsilon_and_thickens_the_chosen_one():
    figure = near_tie_figure()
    assert [t.meta for t in figure.data[:4]] == ["eps=0.1", "eps=0.01", "eps-chosen", "eps=0"]
    names = [t.name for t in figure.data]
    assert names[:4] == ["ε = 0.1", "ε = 0.01", "ε = 0.0001 (chosen)", "ε = 0 (a tie)"]
    assert trace(figure, "eps-chosen").line.width == 5 and trace(figure, "eps=0.1").line.width == 2.5
    np.testing.assert_array_equal(trace(figure, "eps=0").y, 0.5)
    assert figure.layout.yaxis.title.text == "p of the logit 1 + ε"
    assert figure.layout.xaxis.range == pytest.approx(model.EPS_BETA_DECADES)


def test_near_tie_chart_adds_a_chosen_negative_epsilon_that_tends_to_zero():
    figure = near_tie_figure(-1e-4, beta=1e6)
    chosen = trace(figure, "eps-chosen")
    assert chosen.name == "ε = −0.0001 (chosen)" and chosen.y[-1] < 1e-300
    dot = trace(figure, "current")
    assert dot.name == "current β = 1e6"
    assert dot.x[0] == 1e6 and dot.y[0] < 1e-40  # σ_β(1, 0.9999) → (1, 0)
    assert len(trace(figure, "converged").x) == 4


def test_near_tie_chart_pins_beta_infinity_at_the_right_end():
    figure = near_tie_figure(beta=math.inf)
    dot = trace(figure, "current")
    assert dot.name == "current β = ∞ (at the right end)"
    assert dot.x[0] == pytest.approx(1e8) and dot.y[0] == 1.0


def simplex_figure(z, beta=1.0, labels=LABELS):
    betas = model.simplex_betas(z)
    path = softmax_sweep(z, betas)
    return figures.simplex_path(
        betas,
        path,
        labels,
        current=figures.Current(0.0, softmax(z, beta=beta), f"current β = {beta}"),
        title="path",
    ), path


def test_simplex_path_is_ternary_with_class_corners_and_both_halves():
    figure, path = simplex_figure(Z)
    assert figure.layout.ternary.aaxis.title.text == "<b>cat</b>"
    assert figure.layout.ternary.caxis.title.text == "<b>&lt;b&gt;bird&lt;/b&gt;</b>"
    negative, positive = trace(figure, "negative-half"), trace(figure, "positive-half")
    assert all(t.type == "scatterternary" for t in figure.data)
    # β on hover, written with the true minus sign on the β < 0 half (Plotly's own format writes "-").
    assert negative.customdata[0] == "−∞" and positive.customdata[-1] == "∞"
    assert all(t.startswith("−") or t == "0" for t in negative.customdata)
    assert not any("−" in t for t in positive.customdata)
    np.testing.assert_array_equal(positive.a, path[path.shape[0] // 2 :, 0])


@pytest.mark.parametrize(
    ("z", "arg_min", "arg_max"),
    [([2.0, 1.0, 0.1], [0, 0, 1], [1, 0, 0]), ([1.0, 5.0, 5.0], [1, 0, 0], [0, 0.5, 0.5])],
)
def test_simplex_ends_are_the_arg_min_and_arg_max_corners(z, arg_min, arg_max):
    figure, _ = simplex_figure(np.array(z))
    start, end = trace(figure, "limit-argmin"), trace(figure, "limit-argmax")
    centre = trace(figure, "uniform")
    assert [start.a[0], start.b[0], start.c[0]] == arg_min
    assert [end.a[0], end.b[0], end.c[0]] == arg_max
    np.testing.assert_allclose([centre.a[0], centre.b[0], centre.c[0]], [1 / 3] * 3)


def test_simplex_marks_the_current_beta_at_its_probabilities():
    figure, _ = simplex_figure(Z, beta=-math.inf)
    dot = trace(figure, "current")
    assert [dot.a[0], dot.b[0], dot.c[0]] == list(argmin_onehot(Z))


def test_logistic_path_has_both_limits_at_the_ends_and_the_current_beta():
    z = np.array([0.0, 1.0])
    two = model.logistic_axis(z, 3.0)
    betas = two.grid()
    figure = figures.logistic_path(
        betas,
        softmax_sweep(z, betas),
        (argmin_onehot(z), argmax_onehot(z)),
        ("a", "b"),
        current=figures.Current(two.marker, softmax(z, beta=3.0), "current β = 3"),
        half_width=two.half_width,
    )
    assert figure.layout.xaxis.title.text == "inverse temperature β"
    # p₂ = 1/(1 + e^{−β}): the logistic.
    np.testing.assert_allclose(trace(figure, "class-1").y, 1 / (1 + np.exp(-betas)), rtol=1e-12)
    np.testing.assert_array_equal(trace(figure, "limit-argmax").y, [0, 1])
    np.testing.assert_allclose(trace(figure, "limit-argmin").x, [-8.0, -8.0])
    np.testing.assert_allclose(trace(figure, "current").y, softmax(z, beta=3.0))


def test_logistic_path_for_an_enormous_gap_is_drawn_in_units_of_a_power_of_ten():
    z = np.array([1e308, -1e308])
    two = model.logistic_axis(z, 1.0)
    betas = two.grid()
    figure = figures.logistic_path(
        betas,
        softmax_sweep(z, betas),
        (argmin_onehot(z), argmax_onehot(z)),
        ("a", "b"),
        current=figures.Current(two.marker, softmax(z, beta=1.0), "current β = 1", two.pinned),
        half_width=two.half_width,
    )
    assert figure.layout.xaxis.title.text == "inverse temperature β (× 10<sup>-308</sup>)"
    assert figure.layout.xaxis.range == pytest.approx((-4.0, 4.0))


def smooth_figure(z, beta):
    limit, axis, x, _ = sweep_for(z, beta)
    extreme = float(z.max() if limit.side > 0 else z.min())
    return figures.smooth_max_chart(
        x,
        model.smooth_max_curve(z, x, limit.side),
        extreme=extreme,
        log_k=math.log(z.size),
        side=limit.side,
        decades=axis.decades,
        y_range=model.smooth_max_range(limit, extreme),
        current=current(axis, float(smooth_max(z, beta)), beta),
        x_title="β",
    ), x


def test_smooth_max_chart_draws_the_curve_between_its_two_bounds():
    figure, x = smooth_figure(Z, 1.0)
    lower, upper = trace(figure, "extreme"), trace(figure, "bound")
    assert (lower.name, upper.name) == ("max z", "max z + log K / β")
    curve = trace(figure, "smooth")
    np.testing.assert_array_equal(lower.y, 2.0)
    visible = upper.y < figure.layout.yaxis.range[1]
    np.testing.assert_allclose(upper.y[visible], (2.0 + math.log(3) / x)[visible], rtol=1e-15)
    assert np.all(curve.y >= 2.0) and np.all(curve.y <= upper.y + 1e-12)
    dot = trace(figure, "current")
    assert dot.y[0] == pytest.approx(2.41703, rel=1e-5)  # log(e² + e + e^0.1)
    assert figure.layout.yaxis.title.text == "value (units of z)"


def test_smooth_max_at_beta_zero_is_infinite_and_marked_at_the_top():
    figure, _ = smooth_figure(Z, 0.0)
    dot = trace(figure, "current")
    assert dot.name == "current β = 0 (at the left end): +∞ (▲)" and dot.marker.symbol == "triangle-up"
    assert dot.y[0] == figure.layout.yaxis.range[1]


def test_smooth_min_for_negative_beta_lies_below_min_z():
    figure, _ = smooth_figure(Z, -2.0)
    curve = trace(figure, "smooth")
    assert curve.name == "smooth min (1/β) log Σ e<sup>βz</sup>"
    assert np.all(curve.y <= 0.1 + 1e-15)
    assert figure.layout.title.text == "Smooth min, squeezed onto min z"
    assert figure.layout.title.subtitle.text == "β < 0: the same formula, a soft minimum"


def test_smooth_max_of_enormous_logits_is_drawn_in_units_of_a_power_of_ten():
    figure, _ = smooth_figure(np.array([1e308, -1e308]), 1e-300)
    assert figure.layout.yaxis.title.text == "value (× 10<sup>308</sup>) (units of z)"
    assert all(abs(v) < 1e4 for v in figure.layout.yaxis.range)
    assert np.all(np.isfinite(trace(figure, "bound").y))


@pytest.mark.parametrize("builder", ["probability", "distance", "smooth"])
def test_every_chart_puts_its_legend_under_the_plot(builder):
    figure = {
        "probability": lambda: probability_figure()[0],
        "distance": lambda: distance_figure(Z, 1.0)[0],
        "smooth": lambda: smooth_figure(Z, 1.0)[0],
    }[builder]()
    assert figure.layout.legend.yref == "container" and figure.layout.legend.y == 0
    assert figure.layout.height == figures.HEIGHT
    assert figure.layout.title.text


def test_long_class_names_wrap_at_the_bottom_corners_and_get_room_beside_the_triangle():
    labels = ("a very long label here", "another long label xx", "<b>bold</b> tag")
    figure, _ = simplex_figure(Z, labels=labels)
    ternary = figure.layout.ternary
    assert ternary.aaxis.title.text == "<b>a very long label here</b>"  # the top corner keeps one line
    assert ternary.baxis.title.text == "<b>another long</b><br><b>label xx</b>"
    assert ternary.caxis.title.text == "<b>&lt;b&gt;bold&lt;/b&gt;</b><br><b>tag</b>"
    assert figure.layout.margin.l > 60 and tuple(ternary.domain.y) == (0.1, 1.0)


def logistic_figure():
    z = np.array([0.0, 1.0])
    two = model.logistic_axis(z, 3.0)
    betas = two.grid()
    return figures.logistic_path(
        betas,
        softmax_sweep(z, betas),
        (argmin_onehot(z), argmax_onehot(z)),
        ("a", "b"),
        current=figures.Current(two.marker, softmax(z, beta=3.0), "current β = 3"),
        half_width=two.half_width,
    )


@pytest.mark.parametrize(
    "build",
    [
        lambda: probability_figure(np.arange(12.0), tuple(f"c{i}" for i in range(12)))[0],
        lambda: distance_figure(np.array([1.0, 5.0, 5.0]), 1.0)[0],
        lambda: distance_figure(Z, -math.inf)[0],
        lambda: near_tie_figure(),
        lambda: near_tie_figure(0.1),
        lambda: simplex_figure(Z)[0],
        logistic_figure,
        lambda: smooth_figure(Z, 1.0)[0],
        lambda: smooth_figure(Z, 0.0)[0],
    ],
    ids=["probabilities", "distance-tied", "distance-zero", "near-tie", "near-tie-reference-chosen",
         "simplex", "logistic", "smooth-max", "smooth-max-infinite"],
)  # fmt: skip
def test_every_trace_has_its_own_stable_meta_id(build):
    metas = [t.meta for t in build().data]
    assert None not in metas and len(set(metas)) == len(metas), metas


@pytest.mark.parametrize(("beta", "anchor"), [(1.0, "center"), (math.inf, "right"), (0.0, "left")])
def test_the_current_beta_is_named_above_the_plot_turned_inward_at_a_pinned_end(beta, anchor):
    figure, _, _, axis = probability_figure(beta=beta)
    (note,) = figure.layout.annotations
    assert note.xanchor == anchor and note.yref == "paper" and note.y == 1
    assert note.x == pytest.approx(math.log10(axis.marker))  # Plotly places annotations at log₁₀ x


def visible(text: str) -> str:
    """A Plotly title as read: tags dropped (σ<sub>β</sub> is 'σβ'), entities as one character."""
    return re.sub(r"&[a-z]+;", "x", re.sub(r"<[^>]+>", "", text or ""))


@pytest.mark.parametrize(
    "build",
    [
        lambda: distance_figure(np.array([1.0, 5.0, 5.0]), -1.0)[0],
        lambda: near_tie_figure(),
        lambda: simplex_figure(Z)[0],
        logistic_figure,
        lambda: smooth_figure(Z, -2.0)[0],
        lambda: smooth_figure(Z, 1.0)[0],
    ],
    ids=["distance", "near-tie", "simplex", "logistic", "smooth-min", "smooth-max"],
)
def test_titles_fit_a_phone_with_room_for_a_subtitle_and_the_current_beta(build):
    """About 350 px for a chart on a phone: a 19-px title of 34 characters, a 15-px subtitle of 40, an axis
    title of 36 (before, "For β < 0, the smooth min is squeezed onto min z" had 48)."""
    figure = build()
    title = figure.layout.title
    assert len(visible(title.text)) <= 34 and len(visible(title.subtitle.text)) <= 40, title
    assert len(visible(figure.layout.xaxis.title.text)) <= 36
    if title.subtitle.text:
        assert figure.layout.margin.t >= 100  # title, subtitle, then the current β's name above the plot


def test_hover_values_that_may_be_negative_carry_the_true_minus_sign():
    z = np.array([-3.0, -1.0, -2.5])
    figure, _ = smooth_figure(z, 1.0)
    for meta in ("bound", "smooth"):
        shown, text = trace(figure, meta).y, trace(figure, meta).customdata
        assert [t.startswith("−") for t in text] == list(shown < 0) and not any("-" in t for t in text)
        assert "%{customdata}" in trace(figure, meta).hovertemplate
    assert "max z = −1<" in trace(figure, "extreme").hovertemplate
    logistic = trace(logistic_figure(), "class-0")
    assert logistic.customdata[0] == "−8" and "β = %{customdata}" in logistic.hovertemplate
