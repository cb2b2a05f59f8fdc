"""The softmax family against published reference values, its edge cases and its error messages."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from softmax_core import (
    argmax_onehot,
    cross_entropy,
    cross_entropy_grad,
    entropy,
    log_softmax,
    logsumexp,
    naive_exponentials,
    naive_softmax,
    smooth_max,
    softmax,
    softmax_jacobian,
    softmax_sweep,
)

EPS = np.finfo(np.float64).eps
INF = math.inf
EXPLAINING_SOFTMAX = [0.95, 0.99, 0.98]


# --- Reference values ---------------------------------------------------------------------------


def test_wikipedia_example_at_unit_temperature():
    # Wikipedia, "Softmax function", § Example: softmax(1, 2, 3, 4, 1, 2, 3).
    expected = [0.02364054, 0.06426166, 0.1746813, 0.474833, 0.02364054, 0.06426166, 0.1746813]
    assert_allclose(softmax([1, 2, 3, 4, 1, 2, 3]), expected, rtol=5e-7)


def test_wikipedia_example_at_temperature_ten():
    # Wikipedia, "Softmax function", § Example: the same input divided by 10 (three decimals).
    expected = [0.125, 0.138, 0.153, 0.169, 0.125, 0.138, 0.153]
    assert_allclose(softmax([1, 2, 3, 4, 1, 2, 3], temperature=10), expected, atol=5e-4)


def test_wikipedia_zero_and_ten_is_nearly_certain_but_not_at_temperature_100():
    # Wikipedia, "Softmax function", § Smooth arg max: σ(0, 10) ≈ (0.00005, 0.99995), while at
    # T = 100, σ(0, 10) ≈ (0.475, 0.525).
    assert_allclose(softmax([0, 10]), [0.00005, 0.99995], atol=5e-6)
    assert_allclose(softmax([0, 10], temperature=100), [0.475, 0.525], atol=5e-4)


def test_wikipedia_large_beta_picks_the_larger_of_two_close_logits():
    # Wikipedia, "Softmax function", § Smooth arg max: σβ(1, 1.0001) → (0, 1) and
    # σβ(1, 0.9999) → (1, 0) as β → ∞. At β = 1e6 the loser's weight is e^-100.
    assert_allclose(softmax([1, 1.0001], beta=1e6), [0, 1], atol=1e-40)
    assert_allclose(softmax([1, 0.9999], beta=1e6), [1, 0], atol=1e-40)
    assert_array_equal(softmax([1, 1.0001], beta=INF), [0, 1])
    assert_array_equal(softmax([1, 0.9999], beta=INF), [1, 0])


def test_explaining_softmax_table_at_beta_500_and_1():
    # Issue 2, the 'Explaining Softmax' table: z = (0.95, 0.99, 0.98) gives (0.00 %, 99.33 %, 0.67 %)
    # at β = 500 and (32.56 %, 33.89 %, 33.55 %) at β = 1.
    assert_array_equal(np.round(100 * softmax(EXPLAINING_SOFTMAX, beta=500), 2), [0.00, 99.33, 0.67])
    assert_array_equal(np.round(100 * softmax(EXPLAINING_SOFTMAX, beta=1), 2), [32.56, 33.89, 33.55])


def test_common_textbook_logits_at_unit_temperature():
    # Issue 2 (and the usual textbook example): logits (2.0, 1.0, 0.1) → (0.659, 0.242, 0.099).
    assert_array_equal(np.round(softmax([2.0, 1.0, 0.1], temperature=1), 3), [0.659, 0.242, 0.099])


# --- softmax ------------------------------------------------------------------------------------


def test_temperature_and_beta_are_reciprocal():
    z = [2.0, -1.0, 0.5]
    assert_allclose(softmax(z, temperature=0.25), softmax(z, beta=4.0), rtol=4 * EPS)


def test_neither_beta_nor_temperature_means_beta_one():
    z = [3.0, 1.0, -2.0]
    assert_array_equal(softmax(z), softmax(z, beta=1.0))


def test_huge_logits_do_not_overflow():
    assert_array_equal(softmax([1000.0, 1000.0]), [0.5, 0.5])
    assert_array_equal(softmax([1e308, -1e308]), [1.0, 0.0])
    assert_array_equal(softmax([1e308, 1e308, -1e308]), [0.5, 0.5, 0.0])


def test_huge_beta_gives_the_arg_max_without_overflow():
    assert_array_equal(softmax([1.0, 2.0, 3.0], beta=1e300), [0.0, 0.0, 1.0])
    assert_array_equal(softmax([1.0, 2.0, 3.0], beta=-1e300), [1.0, 0.0, 0.0])


def test_tiny_beta_gives_the_near_uniform_answer_not_nan():
    p = softmax([1.0, 2.0, 3.0], beta=1e-300)
    assert_allclose(p, [1 / 3] * 3, rtol=EPS)


def test_tiny_beta_on_a_spread_beyond_the_largest_float_is_still_right():
    # β(z − max z) = 1e-308 · (−2e308) = −2, although z − max z itself overflows.
    p = softmax([1e308, -1e308], beta=1e-308)
    assert_allclose(p, [1 / (1 + math.exp(-2)), math.exp(-2) / (1 + math.exp(-2))], rtol=8 * EPS)


def test_large_logits_at_low_temperature():
    # Hypothesis rarely finds this: z ≈ 1000 at T = 0.05 puts e^{20000} out of reach of naive code.
    z = np.array([1000.0, 999.9, 999.95])
    p = softmax(z, temperature=0.05)
    expected = np.exp((z - 1000.0) / 0.05) / np.exp((z - 1000.0) / 0.05).sum()
    assert_allclose(p, expected, rtol=EPS * (4 + 2 * 0.1 / 0.05))
    assert np.isnan(naive_softmax(z, 1 / 0.05)).all()


def test_negative_temperature_is_a_negative_beta_favouring_the_smallest_logit():
    z = [2.0, 1.0, 0.1]
    assert_array_equal(softmax(z, temperature=-1), softmax(z, beta=-1))
    assert_allclose(softmax(z, beta=-1), softmax(-np.array(z)), rtol=2 * EPS)
    assert np.argmax(softmax(z, temperature=-0.5)) == 2


def test_small_vectors_agree_with_the_array_path():
    # K ≤ 16 runs in plain Python; a batch of one row runs through NumPy.
    rng = np.random.default_rng(1)
    for size in (1, 2, 3, 10, 16, 17):
        z = rng.normal(scale=30, size=size)
        for beta in (1.0, -2.5, 1e-200):
            assert_allclose(softmax(z, beta=beta), softmax(z[np.newaxis], beta=beta)[0], rtol=4 * EPS)


def test_softmax_works_along_any_axis_of_a_batch():
    rng = np.random.default_rng(2)
    z = rng.normal(scale=10, size=(4, 5, 6))
    for axis in (0, 1, 2, -1, -2):
        p = softmax(z, beta=0.7, axis=axis)
        moved = np.moveaxis(z, axis, -1).reshape(-1, z.shape[axis])
        expected = np.stack([softmax(row, beta=0.7) for row in moved])
        assert_allclose(np.moveaxis(p, axis, -1).reshape(-1, z.shape[axis]), expected, rtol=8 * EPS)
        assert_allclose(p.sum(axis=axis), 1.0, rtol=z.shape[axis] * EPS)


def test_batch_rows_with_and_without_infinite_logits_are_each_right():
    z = np.array([[INF, 1.0, INF], [1.0, 2.0, 3.0], [-INF, 0.0, 0.0]])
    p = softmax(z)
    assert_array_equal(p[0], [0.5, 0.0, 0.5])
    assert_allclose(p[1], softmax([1.0, 2.0, 3.0]), rtol=4 * EPS)
    assert_array_equal(p[2], [0.0, 0.5, 0.5])


def test_softmax_accepts_lists_integers_and_float32():
    expected = softmax(np.array([1.0, 2.0, 3.0]))
    assert_allclose(softmax([1, 2, 3]), expected, rtol=2 * EPS)
    assert_allclose(softmax(np.array([1, 2, 3], dtype=np.float32)), expected, rtol=2 * EPS)
    assert softmax([1, 2, 3]).dtype == np.float64


def test_softmax_does_not_modify_its_input():
    z = np.array([3.0, 1.0, 2.0] * 20)
    before = z.copy()
    softmax(z, beta=2.0)
    assert_array_equal(z, before)


# --- log_softmax, logsumexp, smooth_max ---------------------------------------------------------


def test_log_softmax_is_finite_where_softmax_underflows():
    assert log_softmax([0, -800])[1] == -800
    assert log_softmax([0, -800])[0] == 0


def test_log_softmax_keeps_relative_accuracy_of_a_tiny_loss():
    # log σ(0, −40)_0 = −log(1 + e^-40) = −e^-40 (to 1e-35 relative), not 0.
    assert_allclose(log_softmax([0.0, -40.0])[0], -math.exp(-40), rtol=4 * EPS)


def test_log_softmax_matches_the_log_of_softmax():
    z = np.array([[2.0, 1.0, 0.1], [-3.0, 5.0, 5.0]])
    assert_allclose(log_softmax(z, temperature=0.7), np.log(softmax(z, temperature=0.7)), rtol=8 * EPS)


def test_log_softmax_limits_are_log_of_the_onehot():
    assert_array_equal(log_softmax([1.0, 3.0, 3.0], temperature=0), [-INF, -math.log(2), -math.log(2)])
    assert_allclose(log_softmax([1.0, 3.0, 3.0], beta=0), [-math.log(3)] * 3, rtol=EPS)
    assert_array_equal(log_softmax([INF, 0.0]), [0.0, -INF])


def test_logsumexp_of_two_equal_huge_values():
    assert logsumexp([1000, 1000]) == 1000 + math.log(2)


def test_logsumexp_agrees_with_scipy_on_ordinary_input():
    scipy_special = pytest.importorskip("scipy.special")
    rng = np.random.default_rng(3)
    z = rng.normal(scale=20, size=(5, 40))
    assert_allclose(logsumexp(z), scipy_special.logsumexp(z, axis=-1), rtol=4 * EPS)
    assert_allclose(logsumexp(z, beta=3.0), scipy_special.logsumexp(3.0 * z, axis=-1), rtol=64 * EPS)


def test_logsumexp_limits():
    assert logsumexp([1.0, 2.0], beta=INF) == INF
    assert logsumexp([-1.0, -2.0], beta=INF) == -INF
    assert logsumexp([0.0, 0.0, -1.0], beta=INF) == math.log(2)  # two terms e^0 = 1 survive
    assert logsumexp([1.0, 2.0], beta=-INF) == -INF
    assert logsumexp([1.0, 2.0, 3.0], beta=0) == math.log(3)
    assert logsumexp([-INF, -INF]) == -INF  # log 0, a value, not an error
    assert logsumexp([INF, 1.0]) == INF


def test_logsumexp_with_huge_beta_is_beta_times_max():
    assert logsumexp([1.0, 2.0], beta=1e300) == 2e300
    assert logsumexp([1e10, 0.0], beta=1e300) == INF


def test_smooth_max_tends_to_the_max_and_min():
    z = [1.0, 2.0, 3.0]
    assert smooth_max(z, 1e300) == 3.0
    assert smooth_max(z, INF) == 3.0
    assert smooth_max(z, -INF) == 1.0
    assert 3.0 < smooth_max(z, 1.0) <= 3.0 + math.log(3)
    assert 1.0 - math.log(3) <= smooth_max(z, -1.0) < 1.0


def test_smooth_max_with_huge_beta_does_not_overflow_beta_times_max():
    assert smooth_max([1e10, 0.0], 1e300) == 1e10


def test_smooth_max_at_beta_zero_diverges_unless_one_logit_is_finite():
    assert smooth_max([1.0, 2.0], 0) == INF
    assert smooth_max([-INF, 2.0], 0) == 2.0


def test_gradient_of_logsumexp_is_beta_times_softmax():
    z = np.array([0.3, -1.2, 2.0, 0.0])
    beta, h = 1.7, 1e-6
    gradient = [
        (logsumexp(z + h * e, beta=beta) - logsumexp(z - h * e, beta=beta)) / (2 * h) for e in np.eye(4)
    ]
    assert_allclose(gradient, beta * softmax(z, beta=beta), atol=1e-8)


# --- softmax_sweep ------------------------------------------------------------------------------


def test_sweep_rows_equal_softmax_at_each_beta():
    z = np.array([2.0, 1.0, 0.1, -3.0])
    betas = np.array([-INF, -1e300, -2.0, -1e-310, 0.0, 1e-310, 0.5, 1.0, 40.0, 1e300, INF])
    sweep = softmax_sweep(z, betas)
    assert sweep.shape == (len(betas), len(z))
    for row, beta in zip(sweep, betas, strict=True):
        assert_allclose(row, softmax(z, beta=beta), rtol=4 * EPS, atol=1e-300)


def test_sweep_handles_infinite_logits_row_by_row():
    sweep = softmax_sweep([INF, 1.0, -INF], [-INF, -1.0, 0.0, 1.0, INF])
    assert_array_equal(sweep, [[0, 0, 1], [0, 0, 1], [1, 0, 0], [1, 0, 0], [1, 0, 0]])


def test_sweep_of_no_betas_is_an_empty_table():
    assert softmax_sweep([1.0, 2.0], []).shape == (0, 2)


# --- softmax_jacobian, cross-entropy, entropy ---------------------------------------------------


def test_jacobian_is_beta_times_diag_p_minus_outer_p():
    z = np.array([0.5, -1.0, 2.0])
    p = softmax(z, beta=2.0)
    assert_allclose(
        softmax_jacobian(z, beta=2.0), 2.0 * (np.diag(p) - np.outer(p, p)), rtol=8 * EPS, atol=1e-17
    )


def test_jacobian_matches_finite_differences_of_softmax():
    z = np.array([0.5, -1.0, 2.0])
    h = 1e-6
    columns = [
        (softmax(z + h * e, temperature=0.8) - softmax(z - h * e, temperature=0.8)) / (2 * h)
        for e in np.eye(3)
    ]
    assert_allclose(softmax_jacobian(z, temperature=0.8), np.array(columns).T, atol=1e-8)


def test_jacobian_diagonal_keeps_relative_accuracy_when_one_class_dominates():
    # J_00 = p_0 (1 − p_0) = e^-50 / (1 + e^-50)^2: 1 − p_0 would cancel to 0.
    jacobian = softmax_jacobian([50.0, 0.0])
    assert_allclose(jacobian[0, 0], math.exp(-50) / (1 + math.exp(-50)) ** 2, rtol=8 * EPS)


def test_jacobian_at_zero_temperature_is_zero_for_a_unique_winner():
    assert_array_equal(softmax_jacobian([1.0, 2.0], temperature=0), np.zeros((2, 2)))


def test_cross_entropy_stays_finite_where_the_probability_underflows():
    assert cross_entropy([0, -800], 1) == 800


def test_cross_entropy_of_the_textbook_logits():
    # −log 0.659001 = 0.417030 (logits 2.0, 1.0, 0.1; class 0).
    assert_allclose(cross_entropy([2.0, 1.0, 0.1], 0), -math.log(softmax([2.0, 1.0, 0.1])[0]), rtol=4 * EPS)


def test_cross_entropy_of_a_batch_takes_one_target_per_row():
    z = np.array([[2.0, 1.0, 0.1], [0.0, -800.0, 0.0]])
    assert_allclose(cross_entropy(z, [0, 1]), [cross_entropy(z[0], 0), 800.0 + math.log(2)], rtol=4 * EPS)


def test_cross_entropy_at_zero_temperature_is_zero_or_infinite():
    assert cross_entropy([3.0, 1.0], 0, temperature=0) == 0.0
    assert cross_entropy([3.0, 1.0], 1, temperature=0) == INF


def test_cross_entropy_gradient_is_beta_times_p_minus_onehot():
    z = np.array([2.0, 1.0, 0.1])
    p = softmax(z, beta=3.0)
    assert_allclose(cross_entropy_grad(z, 1, beta=3.0), 3.0 * (p - [0, 1, 0]), rtol=4 * EPS)


def test_cross_entropy_gradient_keeps_accuracy_for_a_confident_prediction():
    # β(p_0 − 1) = −e^-40 / (1 + e^-40), not the 0 that p_0 − 1 would give.
    assert_allclose(
        cross_entropy_grad([0.0, -40.0], 0)[0], -math.exp(-40) / (1 + math.exp(-40)), rtol=4 * EPS
    )


def test_cross_entropy_gradient_matches_finite_differences():
    z = np.array([0.3, 1.1, -0.4])
    h = 1e-6
    numeric = [
        (cross_entropy(z + h * e, 2, beta=2.0) - cross_entropy(z - h * e, 2, beta=2.0)) / (2 * h)
        for e in np.eye(3)
    ]
    assert_allclose(cross_entropy_grad(z, 2, beta=2.0), numeric, atol=1e-8)


def test_entropy_of_uniform_onehot_and_a_fair_coin():
    assert entropy([0.25] * 4) == pytest.approx(math.log(4), rel=2 * EPS)
    assert entropy([1.0, 0.0, 0.0]) == 0.0
    assert math.copysign(1.0, entropy([1.0, 0.0])) == 1.0  # +0, not −0
    assert entropy([0.5, 0.5], base=2) == 1.0


def test_entropy_of_a_batch_along_an_axis():
    p = np.array([[0.5, 1.0], [0.5, 0.0]])
    assert_allclose(entropy(p, axis=0), [math.log(2), 0.0], rtol=EPS)


# --- naive softmax ------------------------------------------------------------------------------


def test_naive_softmax_is_fine_at_beta_500_and_nan_at_beta_1000():
    # e^{500 · 0.99} ≈ 9.5e214 is a float; e^{1000 · 0.99} is not.
    assert_allclose(naive_softmax(EXPLAINING_SOFTMAX, 500), softmax(EXPLAINING_SOFTMAX, beta=500), rtol=1e-12)
    assert np.isinf(naive_exponentials(EXPLAINING_SOFTMAX, 1000)).all()
    assert np.isnan(naive_softmax(EXPLAINING_SOFTMAX, 1000)).all()


def test_naive_functions_never_raise_or_warn(recwarn):
    for z in ([], [np.nan, 1.0], [INF, -INF], [1e308, 1e308], [-1e308, -1e308]):
        for beta in (INF, -INF, 0.0, 1e300, np.nan):
            naive_exponentials(z, beta)
            naive_softmax(z, beta)
    assert not recwarn.list


def test_naive_softmax_underflows_to_nan_where_every_weight_is_zero():
    assert np.isnan(naive_softmax([-1000.0, -1000.0], 1)).all()
    assert_array_equal(softmax([-1000.0, -1000.0]), [0.5, 0.5])


# --- argmax_onehot ------------------------------------------------------------------------------


def test_argmax_onehot_splits_ties():
    assert_array_equal(argmax_onehot([1, 5, 5]), [0, 0.5, 0.5])
