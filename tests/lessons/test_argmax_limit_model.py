"""The arg max page's numbers (lessons.argmax_limit.model): distances, gaps, axes, simplex, smooth max."""

from __future__ import annotations

import math

import hypothesis.strategies as hst
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis.extra.numpy import arrays

from lessons.argmax_limit import model
from softmax_core import (
    argmax_onehot,
    argmin_onehot,
    distance_asymptote,
    distance_decay_rate,
    distance_to_limit,
    smooth_max,
    softmax,
    softmax_sweep,
)

logit_vectors = arrays(
    np.float64,
    hst.integers(2, 12),
    elements=hst.floats(-20, 20, allow_nan=False, allow_infinity=False),
)


# --- the distance to the limit (the core's, as the page draws it) ---


@pytest.mark.parametrize("beta", [0.1, 1.0, 10.0, 30.0, 100.0, 700.0])
def test_distance_for_two_logits_is_two_over_one_plus_e_beta(beta):
    # Hand-worked: σ_β(0, 1) = (1, e^β)/(1 + e^β), so ‖σ − (0, 1)‖₁ = 2/(1 + e^β).
    z = np.array([0.0, 1.0])
    distance = model.convergence(z, 1, (math.log10(beta), math.log10(beta) + 1)).distance[0]
    assert distance == pytest.approx(2 / (1 + math.exp(beta)), rel=1e-12)


def test_distance_keeps_its_full_value_where_summing_the_absolute_differences_halves_it():
    # At β = 40, 1 − p_max rounds to 0, so Σ|p − a| only counts the loser's 2e−40 / 2: half the truth.
    z = np.array([0.0, 1.0])
    p = softmax(z, beta=40.0)
    naive = np.abs(p - argmax_onehot(z)).sum()
    exact = 2 / (1 + math.exp(40.0))
    assert naive == pytest.approx(exact / 2, rel=1e-12)
    assert distance_to_limit(z, 40.0) == pytest.approx(exact, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(logit_vectors, hst.floats(0.01, 5.0), hst.sampled_from([1, -1]))
def test_distance_equals_the_l1_norm_against_the_cores_one_hot(z, beta, side):
    p = softmax(z, beta=side * beta)
    reference = argmax_onehot(z) if side > 0 else argmin_onehot(z)
    direct = np.abs(p - reference).sum()
    ours = distance_to_limit(z, side * beta)
    # Where the direct sum is well above rounding it is accurate; both are within a few ulps of 2.
    assert ours == pytest.approx(direct, abs=1e-14)


def test_tied_maxima_distance_goes_to_zero_against_the_split_one_hot_but_not_the_first_class():
    z = np.array([1.0, 5.0, 5.0])
    limit = model.limit_of(z, 1)
    betas = np.array([1.0, 5.0, 10.0, 50.0])
    sweep = softmax_sweep(z, betas)
    split = distance_to_limit(z, betas)
    first = model.distance_to_first_winner(sweep, limit.first_winner)
    # Hand-worked: d = 2e^{−4β}/(2 + e^{−4β}); against (0, 1, 0) it is 2(1 − p₂) → 2(1 − ½) = 1.
    np.testing.assert_allclose(split, 2 * np.exp(-4 * betas) / (2 + np.exp(-4 * betas)), rtol=1e-12)
    np.testing.assert_allclose(first[-1], 1.0, rtol=1e-15)
    assert limit.first_winner == 1 and limit.ties == 2


def test_asymptote_meets_the_distance_at_large_beta():
    # z = (2, 1, 0.1): d = 2(e^{−β} + e^{−1.9β})/(1 + …) → 2e^{−β}; n = 1 runner-up, m = 1 winner.
    z = np.array([2.0, 1.0, 0.1])
    curves = model.convergence(z, 1, (math.log10(20.0), math.log10(40.0)))
    x, distance, asymptote = curves.x, curves.distance, curves.asymptote
    losers = np.exp(-x) + np.exp(-1.9 * x)
    np.testing.assert_allclose(distance, 2 * losers / (1 + losers), rtol=1e-12)
    np.testing.assert_allclose(asymptote, 2 * np.exp(-x), rtol=1e-14)
    # The relative gap to the asymptote is the next term, about e^{−0.9β}: 1.5e−8 at β = 20.
    np.testing.assert_allclose(distance / asymptote, 1.0, rtol=2 * np.exp(-0.9 * x[0]))


def test_asymptote_survives_a_gap_beyond_the_floats():
    # 1e308 − (−1e308) overflows; |β|·gap = 1 at β = 1/(2e308) = 5e−309 must still give 2e^{−1}.
    limit = model.limit_of(np.array([1e308, -1e308]), 1)
    assert math.isinf(limit.gap)
    assert limit.log10_gap == pytest.approx(math.log10(2) + 308)
    assert distance_asymptote([1e308, -1e308], 5e-309) == pytest.approx(2 * math.exp(-1), rel=1e-6)
    assert limit.gap_latex == r"2 \times 10^{308}"


def test_decay_rate_is_zero_at_beta_zero_without_a_warning():
    with np.errstate(all="raise"):
        assert float(distance_decay_rate([2.0, 1.0, 0.1], 0.0)) == 0.0


# --- the limit, its gap and ties ---


def test_limit_of_the_wikipedia_vector_counts_winners_and_runners_up():
    # Wikipedia, "Softmax function": z = (1, 2, 3, 4, 1, 2, 3).
    z = np.array([1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0])
    top = model.limit_of(z, 1)
    assert (top.ties, top.runners_up, top.gap) == (1, 2, 1.0)
    bottom = model.limit_of(z, -1)
    assert (bottom.ties, bottom.runners_up, bottom.gap) == (2, 2, 1.0)
    np.testing.assert_array_equal(bottom.onehot, argmin_onehot(z))
    assert top.name == "arg max" and bottom.name == "arg min"


def test_all_equal_logits_have_no_gap():
    limit = model.limit_of(np.array([3.0, 3.0, 3.0]), 1)
    assert limit.log10_gap is None and limit.ties == 3
    np.testing.assert_array_equal(distance_asymptote([3.0, 3.0, 3.0], [1.0, 2.0]), [0.0, 0.0])


def test_log10_difference_does_not_overflow():
    assert model.log10_difference(1e308, -1e308) == pytest.approx(math.log10(2) + 308)
    assert model.log10_difference(3.0, 1.0) == pytest.approx(math.log10(2.0))


@pytest.mark.parametrize(("beta", "side"), [(0.0, 1), (-0.0, 1), (2.0, 1), (math.inf, 1), (-1e-300, -1)])
def test_side_follows_the_sign_of_beta(beta, side):
    assert model.side_of(beta) == side


# --- the β axis ---


def test_default_axis_spans_the_approach_and_holds_the_current_beta():
    # z = (2, 1, 0.1): spread 1.9 → starts at 0.01/1.9; gap 1 → ends at 40.
    axis = model.beta_axis(model.limit_of(np.array([2.0, 1.0, 0.1]), 1), 1.0)
    assert 10 ** axis.decades[0] == pytest.approx(0.01 / 1.9)
    assert 10 ** axis.decades[1] == pytest.approx(40.0)
    assert axis.marker == 1.0 and axis.pinned is None
    grid = axis.grid()
    assert grid.size == model.POINTS and grid[0] == pytest.approx(0.01 / 1.9)


@pytest.mark.parametrize(
    ("beta", "pinned"),
    [(math.inf, "right"), (-math.inf, "right"), (0.0, "left"), (1e300, "right"), (1e-300, "left")],
)
def test_exact_limits_and_unreachable_betas_are_pinned_to_an_end(beta, pinned):
    z = np.array([2.0, 1.0, 0.1])
    axis = model.beta_axis(model.limit_of(z, model.side_of(beta)), beta)
    assert axis.pinned == pinned
    end = axis.decades[1] if pinned == "right" else axis.decades[0]
    assert axis.marker == pytest.approx(10.0**end)


@pytest.mark.parametrize("beta", [300.0, 1e-5, -300.0])
def test_a_current_beta_within_reach_widens_the_axis(beta):
    z = np.array([2.0, 1.0, 0.1])
    axis = model.beta_axis(model.limit_of(z, model.side_of(beta)), beta)
    assert axis.pinned is None and axis.marker == abs(beta)
    assert axis.decades[0] < math.log10(abs(beta)) < axis.decades[1]


@pytest.mark.parametrize("z", [[1e308, -1e308], [0.0, 5e-324], [1e6, 2.0, 1.0], [1.0, 1.0 + 2**-52]])
def test_axis_decades_are_finite_and_ordered_for_extreme_logits(z):
    axis = model.beta_axis(model.limit_of(np.array(z), 1), 1.0)
    assert all(math.isfinite(d) for d in axis.decades)
    assert axis.decades[1] - axis.decades[0] >= 1


def test_place_on_log_axis_pins_zero_infinity_and_far_values():
    decades = model.EPS_BETA_DECADES
    assert model.place_on_log_axis(decades, 5.0) == (5.0, None)
    assert model.place_on_log_axis(decades, 0.0) == (pytest.approx(0.1), "left")
    assert model.place_on_log_axis(decades, math.inf) == (pytest.approx(1e8), "right")
    assert model.place_on_log_axis(decades, 1e300)[1] == "right"


def test_logistic_axis_is_symmetric_and_pins_the_exact_limits():
    two = model.logistic_axis(np.array([0.0, 1.0]), 3.0)
    assert two.half_width == pytest.approx(8.0) and two.marker == 3.0 and two.pinned is None
    assert model.logistic_axis(np.array([0.0, 1.0]), -math.inf).pinned == "left"
    assert model.logistic_axis(np.array([0.0, 1.0]), 50.0).half_width == pytest.approx(55.0)
    assert model.logistic_axis(np.array([0.0, 1.0]), 1e5).pinned == "right"
    assert model.logistic_axis(np.array([2.0, 2.0]), 1.0).half_width == 10.0


# --- which classes are drawn ---


def test_three_classes_are_the_largest_the_next_and_the_smallest():
    # Wikipedia vector: largest 4 (index 3), next 3 (index 2, first of the two), smallest 1 (index 0).
    np.testing.assert_array_equal(model.three_classes(np.array([1, 2, 3, 4, 1, 2, 3.0])), [0, 2, 3])
    np.testing.assert_array_equal(model.three_classes(np.array([5, 5, 5, 1.0])), [0, 1, 3])
    np.testing.assert_array_equal(model.three_classes(np.array([2, 1, 0.1])), [0, 1, 2])


def test_renormalised_three_are_the_softmax_of_their_logits():
    z = np.array([1, 2, 3, 4, 1, 2, 3.0])
    chosen = model.three_classes(z)
    p = softmax(z, beta=0.7)[chosen]
    np.testing.assert_allclose(p / p.sum(), softmax(z[chosen], beta=0.7), rtol=1e-14)


def test_shown_classes_keep_the_nine_nearest_the_limit_beyond_ten():
    z = np.arange(12.0)
    np.testing.assert_array_equal(model.shown_classes(z, 1), np.arange(3, 12))
    np.testing.assert_array_equal(model.shown_classes(z, -1), np.arange(0, 9))
    np.testing.assert_array_equal(model.shown_classes(z[:5], 1), np.arange(5))


# --- the simplex path ---


@pytest.mark.parametrize(
    ("z", "start", "end"),
    [
        ([2.0, 1.0, 0.1], [0, 0, 1], [1, 0, 0]),
        ([1.0, 5.0, 5.0], [1, 0, 0], [0, 0.5, 0.5]),  # a tie: the end on an edge's midpoint
        ([3.0, 3.0, 3.0], [1 / 3] * 3, [1 / 3] * 3),  # all tied: the centre throughout
    ],
)
def test_simplex_path_runs_from_the_arg_min_corner_to_the_arg_max_corner(z, start, end):
    z = np.array(z)
    betas = model.simplex_betas(z)
    path = softmax_sweep(z, betas)
    assert betas[0] == -math.inf and betas[-1] == math.inf and 0.0 in betas
    assert np.all(np.diff(betas) > 0)
    np.testing.assert_array_equal(path[0], argmin_onehot(z))
    np.testing.assert_array_equal(path[-1], argmax_onehot(z))
    np.testing.assert_allclose(path[0], start)
    np.testing.assert_allclose(path[-1], end)
    np.testing.assert_allclose(path[np.flatnonzero(betas == 0)[0]], [1 / 3] * 3)


# --- the smooth max ---


@settings(max_examples=60, deadline=None)
@given(logit_vectors, hst.sampled_from([1, -1]))
def test_smooth_max_lies_between_max_z_and_max_z_plus_log_k_over_beta(z, side):
    x = np.logspace(-2, 3, 41)
    values = model.smooth_max_curve(z, x, side)
    extreme = z.max() if side > 0 else z.min()
    slack = 8 * np.finfo(float).eps * (abs(extreme) + np.log(z.size) / x)
    bound = extreme + side * np.log(z.size) / x
    if side > 0:
        assert np.all(values >= extreme - slack) and np.all(values <= bound + slack)
    else:
        assert np.all(values <= extreme + slack) and np.all(values >= bound - slack)


def test_smooth_max_curve_is_the_cores_smooth_max():
    z = np.array([2.0, 1.0, 0.1])
    x = np.array([0.5, 1.0, 4.0])
    expected = [smooth_max(z, b) for b in x]
    np.testing.assert_array_equal(model.smooth_max_curve(z, x, 1), expected)
    # smooth_max(1, 2, 3; β = 1) = log(e + e² + e³) ≈ 3.4076 (the core's docstring).
    value = model.smooth_max_curve(np.array([1.0, 2.0, 3.0]), np.array([1.0]), 1)[0]
    assert value == pytest.approx(3.40760596)


def test_smooth_max_range_stays_inside_the_floats():
    limit = model.limit_of(np.array([1e308, -1e308]), 1)
    low, high = model.smooth_max_range(limit, 1e308)
    assert math.isfinite(low) and math.isfinite(high) and low < 1e308 < high


# --- near a tie ---


def test_one_and_one_point_0001_tends_to_zero_one_at_beta_a_million():
    # σ_β(1, 1.0001) at β = 10⁶: the weights are (e^{−100}, 1), so p₁ = 1/(1 + e^{100}) ≈ 3.7e−44.
    p = model.near_tie_curve(1e-4, np.array([1e6]))[0]
    assert p == pytest.approx(1.0, abs=1e-15)
    assert 1 - p < 1e-40
    assert softmax(np.array([1.0, 1.0001]), beta=1e6)[0] == pytest.approx(1 / (1 + math.exp(100)), rel=1e-9)
    assert model.near_tie_curve(-1e-4, np.array([1e6]))[0] < 1e-40


def test_an_exact_tie_stays_at_one_half_for_every_beta():
    betas = np.array([1e-300, 1.0, 1e8, 1e300, math.inf])
    np.testing.assert_array_equal(model.near_tie_curve(0.0, betas), 0.5)


@pytest.mark.parametrize("text", [e for e in model.EPS_OPTIONS if e != "0"])
def test_beta_to_converge_is_where_the_curve_reaches_99_percent(text):
    epsilon = float(text)
    beta = model.beta_to_converge(epsilon)
    p = softmax(np.array([1.0, 1.0 + epsilon]), beta=beta)[1]
    assert max(p, 1 - p) == pytest.approx(0.99, rel=1e-9)


def test_beta_to_converge_scales_as_one_over_epsilon_and_is_infinite_at_a_tie():
    assert model.beta_to_converge(1e-4) / model.beta_to_converge(1e-2) == pytest.approx(100, rel=1e-8)
    assert model.beta_to_converge(0.1) == pytest.approx(math.log(99) / 0.1, rel=1e-12)
    assert model.beta_to_converge(0.0) == math.inf


def test_eps_options_are_stable_signed_strings_with_the_issue_examples():
    assert model.EPS_DEFAULT in model.EPS_OPTIONS
    values = [float(e) for e in model.EPS_OPTIONS]
    assert values == sorted(values) and 1e-4 in values and -1e-4 in values and 0.0 in values
    assert {0.1, 0.01, 1e-4, 0.0} <= set(values)


# --- the worked examples ---


def limits(logits: np.ndarray, labels: tuple[str, ...], beta: float) -> dict[str, dict[str, str]]:
    """``limits_rows`` by row label and column name."""
    header, body = model.limits_rows(logits, labels, beta)
    return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in body}


def test_limits_table_splits_the_tie_of_one_five_five():
    table = limits(np.array([1.0, 5.0, 5.0]), ("a", "b", "c"), math.inf)
    assert [row["β → +∞"] for row in table.values()] == ["0", "0.5", "0.5"]
    assert [row["β → −∞"] for row in table.values()] == ["1", "0", "0"]
    assert [row["σ at β = ∞"] for row in table.values()] == ["0", "0.5", "0.5"]


def test_limits_table_sums_the_classes_that_no_limit_picks_beyond_twelve():
    z = np.arange(20.0)
    table = limits(z, tuple(f"c{i}" for i in range(20)), 1.0)
    assert list(table) == ["c0", "c19", "the other 18 classes (total)"]
    other = table["the other 18 classes (total)"]
    assert other["β → +∞"] == "0" and other["β → −∞"] == "0" and other["z"] == "1 … 18"
    p = softmax(z, beta=1.0)
    assert float(other["σ at β = 1"]) == pytest.approx(p[1:19].sum(), rel=1e-3)


def test_distance_formula_substitutes_this_vectors_numbers():
    text = model.distance_formula(model.limit_of(np.array([1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0]), 1))
    assert r"4\, e^{-\beta}" in text and "n = 2" in text and "m = 1" in text
    text = model.distance_formula(model.limit_of(np.array([2.0, 1.0, 0.1]), -1))
    assert r"2\, e^{0.9\,\beta}" in text and r"\arg\min" in text
    assert "uniform for every" in model.distance_formula(model.limit_of(np.array([1.0, 1.0]), 1))


def test_scene_looks_towards_the_limit_the_sign_of_beta_points_to():
    z = np.array([2.0, 1.0, 0.1])
    ahead, behind = model.Scene.of(z, 2.0, ("a", "b", "c")), model.Scene.of(z, -2.0, ("a", "b", "c"))
    assert (ahead.side, ahead.limit.name, ahead.extreme) == (1, "arg max", 2.0)
    assert (behind.side, behind.limit.name, behind.extreme) == (-1, "arg min", 0.1)
    assert ahead.limit_name == "arg max (β = +∞)" and behind.limit_name == "arg min (β = −∞)"
    assert behind.x_title == "|β| = −β, for β < 0 (log scale)"
    np.testing.assert_array_equal(ahead.p, softmax(z, beta=2.0))


def test_convergence_is_the_cores_sweep_over_the_axis():
    z = np.array([2.0, 1.0, 0.1])
    scene = model.Scene.of(z, -1.0, ("a", "b", "c"))
    curves = model.convergence(z, scene.side, scene.axis.decades)
    x = curves.x
    np.testing.assert_array_equal(x, scene.axis.grid())
    np.testing.assert_array_equal(curves.probabilities, softmax_sweep(z, -x))
    np.testing.assert_array_equal(curves.distance, distance_to_limit(z, -x))
    np.testing.assert_array_equal(curves.asymptote, distance_asymptote(z, -x))
    np.testing.assert_array_equal(curves.smooth, model.smooth_max_curve(z, x, -1))


def test_near_tie_keeps_the_chosen_epsilon_once_and_marks_where_each_curve_converges():
    tie = model.near_tie(0.01, 1e6)
    assert list(tie.curves) == [0.1, 0.01, 1e-4, 0.0]  # the chosen ε is a reference one
    assert set(tie.converged) == {0.1, 0.01, 1e-4}  # a tie never converges
    at, p = tie.converged[0.01]
    assert at == pytest.approx(math.log(99) / 0.01, rel=1e-12) and p == pytest.approx(0.99, rel=1e-12)
    assert (tie.marker, tie.pinned) == (1e6, None)
    assert model.near_tie(0.01, math.inf).pinned == "right"
