"""How fast softmax reaches its one-hot limit: distance_to_limit, distance_asymptote, distance_decay_rate.

References in mpmath take the float inputs as exact: d = 2S/(m + S) with S the weights outside the m
winners, each e^{−|β|·|z_k − z*|} measured from the winners' logit z*.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from numpy.testing import assert_allclose

from softmax_core import (
    argmax_onehot,
    argmin_onehot,
    distance_asymptote,
    distance_decay_rate,
    distance_to_limit,
    softmax,
)

EPS = float(np.finfo(np.float64).eps)
INF = math.inf


def _exact_distance(z, beta):
    """‖σ_β(z) − limit‖₁ = 2S/(m + S); S is summed apart from m, so 40 digits suffice at any β (mpmath's
    exponents do not underflow)."""
    with mpmath.workdps(40):
        values = [mpmath.mpf(float(v)) for v in z]
        star = max(values) if beta >= 0 else min(values)
        b = abs(mpmath.mpf(beta))
        m = values.count(star)
        outside = mpmath.fsum(mpmath.exp(-b * abs(v - star)) for v in values if v != star)
        return float(2 * outside / (m + outside))


CASES = [
    ([1.0, 0.0], 1.0),
    ([1.0, 0.0], 40.0),  # 1 − p_max rounds to 0 here
    ([2.0, 1.0, 0.1], 3.5),
    ([2.0, 1.0, 0.1], -3.5),  # towards the arg min
    ([3.0, 3.0, 1.0, 1.0, 1.0], 2.0),  # two winners, three runners-up
    ([0.95, 0.99, 0.98], 500.0),
    ([1000.0, 999.0, 998.5], 20.0),
    ([1e-9, 0.0, -3.0], 1e6),  # a near tie, far along
    (list(np.linspace(-3.0, 3.0, 25)), 0.3),
    ([5.0, -1.0, 2.0, 0.0], 1e-3),  # near uniform
]


@pytest.mark.parametrize(("z", "beta"), CASES)
def test_distance_matches_mpmath(z, beta):
    kappa = abs(beta) * (max(z) - min(z))
    assert distance_to_limit(z, beta) == pytest.approx(_exact_distance(z, beta), rel=8 * EPS * (1 + kappa))


def test_two_logits_are_twice_the_logistic_of_minus_beta_times_the_gap():
    # d = 2 e^{−βg}/(1 + e^{−βg}) for z = (g, 0)
    betas = np.array([0.1, 1.0, 7.0, 40.0, 700.0])
    with mpmath.workdps(50):
        expected = [float(2 / (1 + mpmath.exp(mpmath.mpf(b) * 1.5))) for b in betas]
    assert np.all(
        np.abs(distance_to_limit([1.5, 0.0], betas) - expected) <= 4 * EPS * (1 + 1.5 * betas) * expected
    )


def test_summing_the_absolute_differences_loses_half_the_distance():
    z, beta = np.array([1.0, 0.0]), 40.0
    naive = float(np.abs(softmax(z, beta=beta) - argmax_onehot(z)).sum())
    exact = _exact_distance(z, beta)
    assert naive == pytest.approx(exact / 2, rel=1e-12)
    assert distance_to_limit(z, beta) == pytest.approx(exact, rel=4 * EPS)


def test_the_side_follows_the_sign_of_beta():
    z = np.array([2.0, 1.0, 0.1])
    for beta in (0.5, -0.5):
        limit = argmax_onehot(z) if beta > 0 else argmin_onehot(z)
        p = softmax(z, beta=beta)
        assert distance_to_limit(z, beta) == pytest.approx(float(np.abs(p - limit).sum()), rel=4 * EPS)
    assert distance_to_limit(z, -0.0) == distance_to_limit(z, 0.0)  # −0.0 is β = 0, the arg max side


def test_exact_limits_and_the_uniform_end():
    z = [3.0, 3.0, 1.0, 0.0, -2.0]
    assert distance_to_limit(z, INF) == 0.0 and distance_to_limit(z, -INF) == 0.0
    assert distance_to_limit(z, 0.0) == pytest.approx(2 * 3 / 5, rel=EPS)  # uniform: 2(K − m)/K, m = 2
    assert distance_to_limit(z, 1e4) == 0.0  # e^{−2·10⁴} underflows: σ is the limit to the last bit


def test_equal_logits_are_already_at_their_limit():
    assert_allclose(distance_to_limit([4.0, 4.0, 4.0], [-1.0, 0.0, 2.0, INF]), 0.0, rtol=0)


def test_infinite_logits_as_extended_reals():
    # +inf takes all the mass at every β > 0 and in the limit β → 0⁺; −inf takes it at every β < 0.
    assert_allclose(distance_to_limit([INF, 0.0, 1.0], [0.0, 1.0, INF]), 0.0, rtol=0)
    assert_allclose(distance_to_limit([0.0, -INF], [-3.0, 1.0]), 0.0, rtol=0)
    assert distance_to_limit([0.0, -INF, 1.0], 1.0) == pytest.approx(
        _exact_distance([0.0, 1.0], 1.0), rel=4 * EPS
    )


def test_a_number_beta_gives_a_numpy_scalar_and_an_array_one_value_each():
    for function in (distance_to_limit, distance_asymptote, distance_decay_rate):
        assert isinstance(function([1.0, 0.0], 2.0), np.float64)
        assert function([1.0, 0.0], [2.0]).shape == (1,)
        assert function([1.0, 0.0], np.array([1.0, -2.0, 0.0])).shape == (3,)


@pytest.mark.parametrize(
    ("z", "beta", "rate"),
    [
        ([2.0, 0.5, 0.0], 10.0, 15.0),  # gap 1.5
        ([2.0, 0.5, 0.0], -10.0, 5.0),  # the arg min side: gap 0.5
        ([3.0, 3.0, 1.0], 0.25, 0.5),  # ties do not change the gap
        ([2.0, 0.5, 0.0], 0.0, 0.0),
        ([2.0, 0.5, 0.0], INF, INF),
        ([7.0, 7.0], 3.0, 0.0),  # all equal: no decay
        ([1e308, -1e308], 1e-300, 2e8),  # the gap 2e308 overflows, the rate does not
        ([0.0, -INF], 1.0, INF),  # an infinite gap
        ([0.0, -INF], 0.0, 0.0),
    ],
)
def test_decay_rate_is_beta_times_the_gap(z, beta, rate):
    assert distance_decay_rate(z, beta) == pytest.approx(rate, rel=EPS)


def test_decay_rate_is_the_product_rounded_once():
    rng = np.random.default_rng(11)
    for _ in range(50):
        z = rng.normal(size=5) * 10
        beta = float(rng.uniform(0.01, 100))
        top, second = np.sort(z)[-1], np.sort(z)[-2]
        with mpmath.workdps(60):
            exact = float(mpmath.mpf(beta) * (mpmath.mpf(float(top)) - mpmath.mpf(float(second))))
        assert distance_decay_rate(z, beta) == pytest.approx(exact, rel=2 * EPS)


def test_asymptote_of_ties_and_runners_up():
    # m = 2 winners at 3, n = 3 runners-up at 1: (2·3/2) e^{−2β}.
    z = [3.0, 3.0, 1.0, 1.0, 1.0]
    betas = np.array([0.0, 1.0, 5.0, 300.0])
    assert_allclose(distance_asymptote(z, betas), 3.0 * np.exp(-2.0 * betas), rtol=4 * EPS)
    assert distance_asymptote(z, INF) == 0.0
    assert distance_asymptote([5.0, 5.0], 1.0) == 0.0  # all equal: the distance is 0


def test_the_asymptote_is_the_leading_term_of_the_distance():
    # z = (0, −1, −1.9): d/A − 1 = (1 + e^{−0.9β})/(1 + e^{−β} + e^{−1.9β}) − 1 ≈ e^{−0.9β}.
    z = [0.0, -1.0, -1.9]
    betas = np.linspace(5.0, 40.0, 36)
    ratio = distance_to_limit(z, betas) / distance_asymptote(z, betas)
    assert np.all(np.abs(ratio - 1.0) <= 2 * np.exp(-0.9 * betas) + 8 * EPS)
    assert ratio[0] - 1.0 > 0.1 * math.exp(-0.9 * 5.0)  # the correction is really there


def test_asymptote_matches_mpmath():
    # Both sides: one winner (4, or −2 for β < 0), two runners-up at 1, a gap of 3: 2·2/1 e^{−3|β|}.
    z = [4.0, 1.0, 1.0, -2.0]
    for beta in (0.5, 3.0, 70.0, -0.5, -9.0):
        with mpmath.workdps(60):
            exact = float(4 * mpmath.exp(-3 * abs(mpmath.mpf(beta))))
        assert distance_asymptote(z, beta) == pytest.approx(exact, rel=4 * EPS * (1 + 3 * abs(beta)))


@pytest.mark.parametrize("function", [distance_to_limit, distance_asymptote, distance_decay_rate])
@pytest.mark.parametrize(
    ("z", "beta", "message"),
    [
        ([[1.0, 0.0]], 1.0, "one vector of logits"),
        ([], 1.0, "empty"),
        ([1.0, math.nan], 1.0, "NaN"),
        ([1.0, 0.0], [1.0, math.nan], "NaN"),
        ([1.0, 0.0], [[1.0]], "1-d array"),
        (1.0, 1.0, "not a single number"),
    ],
)
def test_bad_input_raises_a_clear_value_error(function, z, beta, message):
    with pytest.raises(ValueError, match=message):
        function(z, beta)
