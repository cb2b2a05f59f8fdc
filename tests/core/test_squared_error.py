"""squared_error and squared_error_grad: hand-worked values, mpmath, the limits, and what naive code loses.

The references take the float64 inputs as exact and compute in mpmath with enough digits for the
spread of the exponents. Tolerances come from the conditioning: with κ = |β|·(max z − min z), an
exponent β(z_k − m) is rounded by about ε·κ, and that reaches every probability.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose

from softmax_core import softmax, softmax_jacobian, squared_error, squared_error_grad

EPS = float(np.finfo(np.float64).eps)
INF = math.inf


def _digits(z, beta) -> int:
    """Enough digits to carry e^{β(z − m)} down to e^{-κ} beside 1."""
    spread = abs(float(beta)) * (float(np.max(z)) - float(np.min(z)))
    return 40 + int(spread / 2.3)


def _exact_probabilities(z, beta):
    values = [mpmath.mpf(float(v)) for v in z]
    b = mpmath.mpf(float(beta))
    weights = [mpmath.exp(b * v) for v in values]
    total = mpmath.fsum(weights)
    return [w / total for w in weights]


def _exact_loss(z, t, beta):
    """Σ_k (p_k − [k = t])², with 1 − p_t summed from the others (it would cancel at any precision)."""
    with mpmath.workdps(_digits(z, beta)):
        p = _exact_probabilities(z, beta)
        others = [pk for k, pk in enumerate(p) if k != t]
        return mpmath.fsum(others) ** 2 + mpmath.fsum(x * x for x in others)


def _exact_gradient(z, t, beta):
    """2 Jᵀ(p − e_t) with J_kj = β p_k (δ_kj − p_j), straight from the chain rule; and the size of each
    entry's terms, |2β p_j| times the sum of the magnitudes the bracket is made of, for the tolerance."""
    with mpmath.workdps(2 * _digits(z, beta)):
        p = _exact_probabilities(z, beta)
        b = mpmath.mpf(float(beta))
        k_range = range(len(p))
        q = [mpmath.fsum(p[i] for i in k_range if i != k) for k in k_range]
        r = [p[k] if k != t else -q[t] for k in k_range]
        gradient, size = [], []
        for j in k_range:
            gradient.append(2 * mpmath.fsum(r[k] * b * p[k] * ((k == j) - p[j]) for k in k_range))
            rest = mpmath.fsum(p[i] ** 2 for i in k_range if i not in (j, t))
            terms = q[t] ** 2 + rest if j == t else p[j] * q[j] + p[t] * q[t] + rest
            size.append(abs(2 * b * p[j]) * terms)
        return [float(g) for g in gradient], [float(s) for s in size]


def _kappa(z, beta) -> float:
    return abs(float(beta)) * (float(np.max(z)) - float(np.min(z)))


# Hand-worked (β = 1): p = (1/2, 1/2); p = (3/4, 1/4); p = (1/3, 1/3, 1/3).
@pytest.mark.parametrize(
    ("z", "t", "loss", "gradient"),
    [
        ([0.0, 0.0], 0, 0.5, [-0.5, 0.5]),
        # (1/4)² + (1/4)²; −2 p_t (q_t² + p_1²) = −2 (3/4)(1/8)
        ([math.log(3.0), 0.0], 0, 1 / 8, [-3 / 16, 3 / 16]),
        # (2/3)² + 2/9; target −2 (1/3)(2/3), others 2 (1/3)(2/9 + 2/9 − 1/9)
        ([0.0, 0.0, 0.0], 1, 2 / 3, [2 / 9, -4 / 9, 2 / 9]),
    ],
)
def test_hand_worked_values(z, t, loss, gradient):
    assert squared_error(z, t) == pytest.approx(loss, rel=4 * EPS)
    assert_allclose(squared_error_grad(z, t), gradient, rtol=4 * EPS)


# Chosen to break naive code: certain and right (1 − p_t rounds to 0), certain and wrong, large
# logits at a low temperature, a tie, a long vector with one dominant class, negative β.
HARD_CASES = [
    ([40.0, 0.0], 0, 1.0),
    ([0.0, 40.0], 0, 1.0),
    ([0.0, -40.0, -38.5], 0, 1.0),
    ([1000.0, 999.0, 998.5], 0, 20.0),
    ([1000.0, 999.0, 998.5], 2, 20.0),
    ([0.95, 0.99, 0.98], 1, 500.0),
    ([3.0, 3.0, -1.0], 0, 4.0),
    ([*np.linspace(-5.0, 5.0, 30), 30.0], 30, 2.0),
    ([*np.linspace(-5.0, 5.0, 30), 30.0], 3, 2.0),
    ([2.0, 1.0, 0.1], 0, -3.0),
    ([1e-3, 2e-3, -1e-3], 1, 0.01),
]
RNG = np.random.default_rng(20240601)
RANDOM_CASES = [
    (RNG.normal(size=int(RNG.integers(2, 9))) * scale, None, beta)
    for scale, beta in [(0.1, 1.0), (1.0, 0.5), (5.0, 2.0), (30.0, -1.0), (5.0, 10.0), (1.0, -7.0)] * 4
]
RANDOM_CASES = [(z, int(RNG.integers(z.size)), beta) for z, _, beta in RANDOM_CASES]


@pytest.mark.parametrize(("z", "t", "beta"), HARD_CASES + RANDOM_CASES)
def test_loss_matches_mpmath(z, t, beta):
    exact = _exact_loss(z, t, beta)
    ours = squared_error(z, t, beta=beta)
    # Every term is a square: ε per operation and the exponents' rounding, nothing cancels.
    assert abs(ours - exact) <= 8 * EPS * (1 + _kappa(z, beta)) * exact


@pytest.mark.parametrize(("z", "t", "beta"), HARD_CASES + RANDOM_CASES)
def test_gradient_matches_the_chain_rule_in_mpmath(z, t, beta):
    exact, size = _exact_gradient(z, t, beta)
    ours = squared_error_grad(z, t, beta=beta)
    tolerance = 8 * EPS * (1 + _kappa(z, beta)) * np.array(size) + 4 * 2.0**-1074
    assert np.all(np.abs(ours - exact) <= tolerance), (ours, exact)


@pytest.mark.parametrize(("z", "t"), [([0.3, -1.2, 2.0], 1), ([5.0, 0.0, -2.0, 1.0], 0)])
def test_gradient_is_the_derivative_of_the_loss(z, t):
    """An independent route: mpmath differentiates its own loss numerically."""
    with mpmath.workdps(40):

        def loss(*logits):
            weights = [mpmath.exp(v) for v in logits]  # the mpf logits as they are: no rounding to float
            total = mpmath.fsum(weights)
            return mpmath.fsum((w / total - (k == t)) ** 2 for k, w in enumerate(weights))

        expected = [
            float(mpmath.diff(loss, z, tuple(int(i == j) for i in range(len(z))))) for j in range(len(z))
        ]
    assert_allclose(squared_error_grad(z, t), expected, rtol=16 * EPS, atol=16 * EPS)


def test_certain_and_right_keeps_the_loss_that_naive_code_halves():
    # p_1 = e^-40/(1 + e^-40); 1 − p_0 = p_1, so the loss is 2 p_1², but (p_0 − 1)² rounds to 0.
    p = softmax([40.0, 0.0])
    naive = float(np.sum((p - [1.0, 0.0]) ** 2))
    exact = float(_exact_loss([40.0, 0.0], 0, 1.0))
    assert naive == pytest.approx(exact / 2, rel=1e-12)
    assert squared_error([40.0, 0.0], 0) == pytest.approx(exact, rel=4 * EPS)


def test_certain_and_right_gradient_where_two_jacobian_times_residual_is_half():
    # ∂L/∂z_0 = −2 p_0 (q_0² + p_1²) ≈ −4 p_1²; 2 J (p − e_0) with p_0 − 1 = 0 gives −2 p_1².
    z = np.array([40.0, 0.0])
    p = softmax(z)
    residual = p - [1.0, 0.0]
    naive = 2.0 * softmax_jacobian(z) @ residual
    exact, _ = _exact_gradient(z, 0, 1.0)
    assert naive[0] == pytest.approx(exact[0] / 2, rel=1e-12)
    assert_allclose(squared_error_grad(z, 0), exact, rtol=4 * EPS)


def test_confidently_wrong_gradient_vanishes_while_cross_entropy_would_not():
    # p_t ≈ e^-40: ∂L/∂z_t ≈ −4 e^-40, tiny; the cross-entropy gradient is p_t − 1 ≈ −1 there.
    gradient = squared_error_grad([0.0, 40.0], 0)
    assert gradient[0] == pytest.approx(-4 * math.exp(-40), rel=1e-15)


def test_agrees_with_two_jacobian_times_residual_away_from_certainty():
    z = np.array([0.5, -0.3, 1.2, 0.0])
    for t in range(4):
        p = softmax(z, beta=1.7)
        residual = p - np.eye(4)[t]
        expected = 2.0 * softmax_jacobian(z, beta=1.7) @ residual
        assert_allclose(squared_error_grad(z, t, beta=1.7), expected, rtol=1e-14, atol=1e-16)


def test_a_batch_takes_one_target_per_row():
    z = np.array([[2.0, 1.0, 0.1], [0.0, 40.0, 3.0]])
    targets = np.array([0, 2])
    assert_allclose(squared_error(z, targets), [squared_error(z[0], 0), squared_error(z[1], 2)], rtol=0)
    assert_allclose(
        squared_error_grad(z, targets), [squared_error_grad(z[0], 0), squared_error_grad(z[1], 2)], rtol=0
    )


def test_one_vector_gives_a_numpy_scalar_and_a_batch_an_array():
    assert isinstance(squared_error([1.0, 2.0], 0), np.float64)
    assert squared_error([[1.0, 2.0]], [0]).shape == (1,)


def test_temperature_is_one_over_beta():
    z = [2.0, 1.0, 0.1]
    assert squared_error(z, 1, temperature=0.25) == squared_error(z, 1, beta=4.0)
    assert_allclose(squared_error_grad(z, 1, temperature=0.25), squared_error_grad(z, 1, beta=4.0), rtol=0)


def test_zero_temperature_is_zero_when_right_and_two_when_wrong():
    assert squared_error([3.0, 1.0, 0.0], 0, temperature=0) == 0.0
    assert squared_error([3.0, 1.0, 0.0], 2, temperature=0) == 2.0
    # The limit of a vanishing factor times β is exactly 0, right or wrong.
    assert_allclose(squared_error_grad([3.0, 1.0, 0.0], 0, temperature=0), [0.0, 0.0, 0.0], rtol=0)
    assert_allclose(squared_error_grad([3.0, 1.0, 0.0], 2, temperature=0), [0.0, 0.0, 0.0], rtol=0)


def test_zero_temperature_with_the_target_in_a_tie_diverges():
    # p → (1/2, 1/2, 0): ∂L/∂z = 2β p_j(...) with a nonzero bracket, so ±inf, the others 0.
    assert squared_error([1.0, 1.0, 0.0], 0, temperature=0) == 0.5
    assert_allclose(squared_error_grad([1.0, 1.0, 0.0], 0, temperature=0), [-INF, INF, 0.0], rtol=0)


def test_infinite_temperature_is_uniform_with_a_zero_gradient():
    # p = 1/K: (1 − 1/K)² + (K − 1)/K² = (K − 1)/K.
    assert squared_error([5.0, -1.0, 2.0, 0.0], 3, temperature=INF) == pytest.approx(3 / 4, rel=EPS)
    assert not np.any(squared_error_grad([5.0, -1.0, 2.0, 0.0], 3, temperature=INF))


def test_infinite_logits_as_extended_reals():
    assert squared_error([0.0, -INF], 0) == 0.0
    assert squared_error([INF, 0.0], 1) == 2.0
    # A −inf logit has p = 0: its entry is 0 and the others are those of the vector without it.
    finite = squared_error_grad([0.0, 1.0], 1)
    assert_allclose(squared_error_grad([0.0, -INF, 1.0], 2), [finite[0], 0.0, finite[1]], rtol=4 * EPS)


finite_logits = arrays(
    np.float64,
    hst.integers(2, 8),
    elements=hst.floats(-50, 50, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=60, deadline=None)
@given(z=finite_logits, data=hst.data(), beta=hst.floats(-20, 20, allow_nan=False))
def test_loss_is_between_zero_and_two_and_the_gradient_sums_to_zero(z, data, beta):
    t = data.draw(hst.integers(0, z.size - 1))
    loss = squared_error(z, t, beta=beta)
    gradient = squared_error_grad(z, t, beta=beta)
    assert 0.0 <= loss <= 2.0
    # Σ_j ∂L/∂z_j = 0 (a common shift changes no probability); rounding of entries of size ≤ 4|β|.
    assert abs(gradient.sum()) <= 16 * EPS * z.size * (1 + abs(beta))


@settings(max_examples=40, deadline=None)
@given(z=finite_logits, data=hst.data(), shift=hst.floats(-100, 100, allow_nan=False))
def test_a_common_shift_of_the_logits_changes_nothing(z, data, shift):
    t = data.draw(hst.integers(0, z.size - 1))
    kappa = _kappa(z, 1.0) + abs(shift)
    assert squared_error(z + shift, t) == pytest.approx(
        squared_error(z, t), rel=16 * EPS * (1 + kappa), abs=1e-300
    )
    assert_allclose(
        squared_error_grad(z + shift, t), squared_error_grad(z, t), rtol=1e-10, atol=32 * EPS * (1 + kappa)
    )


@pytest.mark.parametrize("function", [squared_error, squared_error_grad])
@pytest.mark.parametrize(
    ("z", "target", "message"),
    [
        ([1.0, 2.0], 1.0, "integer class index"),
        ([1.0, 2.0], 2, "not a class index"),
        ([1.0, 2.0], -1, "not a class index"),
        ([[1.0, 2.0], [3.0, 4.0]], 0, "one class index per vector"),
        ([1.0, math.nan], 0, "NaN"),
        ([-INF, -INF], 0, "no probability"),
        ([], 0, "empty"),
    ],
)
def test_bad_input_raises_a_clear_value_error(function, z, target, message):
    with pytest.raises(ValueError, match=message):
        function(z, target)


@pytest.mark.parametrize("function", [squared_error, squared_error_grad])
def test_beta_and_temperature_together_are_refused(function):
    with pytest.raises(ValueError, match="either beta or temperature"):
        function([1.0, 2.0], 0, beta=1.0, temperature=1.0)
