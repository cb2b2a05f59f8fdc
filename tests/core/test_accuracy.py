"""Accuracy against mpmath at 60 significant digits, on inputs chosen to break naive code.

The reference treats the float64 inputs as exact and computes in 60-digit arithmetic. The
tolerance is the error the algorithm can be expected to make, set from the inputs: with
y = β(z − m) the shifted exponents and p the probabilities,

    |p̂_k − p_k| ≤ ε (4 + log2 K + |y_k| + Σ_j p_j |y_j|) p_k + 4 · 2^-1074,

since the shift rounds y_k by about ε|y_k|, each exponential, the sum and the division add an ulp
or so, and an error in any y_j reaches every p_k through the sum. This is the conditioning of the
shifted problem, never more than that of the input (ε|β| max|z|), and usually much less.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from softmax_core import (
    free_energy,
    heat_capacity,
    log_partition_function,
    log_softmax,
    logsumexp,
    mean_energy,
    softmax,
    thermal_entropy,
)

EPS = float(np.finfo(np.float64).eps)
TINY = 4 * 2.0**-1074  # a few subnormal ulps: where the exact answer underflows
DIGITS = 60
LARGEST = float(np.finfo(np.float64).max)


def _exact_softmax(z, beta):
    """(p, log p, y, LSE) in 60-digit arithmetic, from the float inputs taken as exact."""
    with mpmath.workdps(DIGITS):
        values = [mpmath.mpf(float(v)) for v in z]
        b = mpmath.mpf(float(beta))
        shift = max(values) if b > 0 else min(values)
        y = [b * (v - shift) for v in values]
        weights = [mpmath.exp(t) for t in y]
        # Σ e^y = 1 + δ with δ summed on its own: 1 + 1e-300 would need 300 digits.
        delta = mpmath.fsum(w for t, w in zip(y, weights, strict=True) if t != 0) + (y.count(0) - 1)
        p = [w / (1 + delta) for w in weights]
        log_p = [t - mpmath.log1p(delta) for t in y]
        return p, log_p, y, b * shift + mpmath.log1p(delta)


def _spread(p, y):
    """Σ_j p_j |y_j|: how far an error in the exponents reaches through the sum."""
    return float(mpmath.fsum(pj * abs(yj) for pj, yj in zip(p, y, strict=True)))


def _assert_softmax_accurate(z, beta):
    z = np.asarray(z, dtype=np.float64)
    p_exact, log_p_exact, y, lse_exact = _exact_softmax(z, beta)
    spread = _spread(p_exact, y)
    base = 4 + math.log2(len(z))
    p = softmax(z, beta=beta)
    log_p = log_softmax(z, beta=beta)
    for k, (exact, exact_log) in enumerate(zip(p_exact, log_p_exact, strict=True)):
        tolerance = float(EPS * (base + abs(y[k]) + spread) * exact) + TINY
        error = abs(mpmath.mpf(float(p[k])) - exact)
        assert error <= tolerance, f"p[{k}]: error {float(error):.3g} > {tolerance:.3g} (β = {beta})"
        if abs(exact_log) > LARGEST:  # beyond the floats: the honest answer is −inf
            assert log_p[k] == -math.inf
            continue
        # log p_k = y_k − log Σ: the same exponent errors, absolute; plus rounding relative to log p_k.
        tolerance = float(EPS * (base * abs(exact_log) + 2 * abs(y[k]) + 2 * spread)) + TINY
        error = abs(mpmath.mpf(float(log_p[k])) - exact_log)
        assert error <= tolerance, f"log p[{k}]: error {float(error):.3g} > {tolerance:.3g} (β = {beta})"
    shift = float(z.max() if beta > 0 else z.min())
    tolerance = EPS * (abs(beta * shift) + base * abs(float(lse_exact)) + 2 * spread)
    error = abs(mpmath.mpf(float(logsumexp(z, beta=beta))) - lse_exact)
    assert error <= tolerance, f"logsumexp: error {float(error):.3g} > {tolerance:.3g} (β = {beta})"


RNG = np.random.default_rng(20240601)


@pytest.mark.parametrize("beta", [1.0, 0.7, 5.0, -0.3])
def test_spread_of_a_thousand(beta):
    _assert_softmax_accurate([0.0, -1000.0, -500.0, 3.0, 2.5, -999.9], beta)
    _assert_softmax_accurate(np.linspace(-1000, 0, 40), beta)


@pytest.mark.parametrize("beta", [1.0, 1e-308, 3e-306, 1e-300, -1e-308, 2.0**-1070])
def test_logits_near_the_largest_float(beta):
    _assert_softmax_accurate([1e308, -1e308, 0.5e308, 0.0, -1.7976931348623157e308], beta)


@pytest.mark.parametrize("beta", [5000.0, -5000.0, 500.0, 1e300])
def test_huge_beta_on_close_logits(beta):
    _assert_softmax_accurate([0.95, 0.99, 0.98], beta)
    _assert_softmax_accurate(RNG.uniform(0, 1, size=50), beta)


@pytest.mark.parametrize("beta", [1e-300, -1e-300, 1e-200])
def test_tiny_beta_is_near_uniform(beta):
    _assert_softmax_accurate(RNG.normal(scale=50, size=30), beta)


@pytest.mark.parametrize("beta", [1.0, 0.05, 3.0])
def test_two_thousand_random_logits_of_scale_fifty(beta):
    _assert_softmax_accurate(RNG.normal(scale=50, size=2000), beta)


@pytest.mark.parametrize("size", [2, 3, 7, 16, 17, 64])
def test_short_and_long_vectors_alike(size):
    # K ≤ 16 runs the plain-Python path, longer vectors the NumPy path: both are held to one bound.
    _assert_softmax_accurate(RNG.normal(scale=20, size=size), 1.3)


def _ulps(computed, exact):
    return [
        float(abs(mpmath.mpf(float(c)) - e) / np.spacing(float(e)))
        for c, e in zip(computed, exact, strict=True)
    ]


def test_shift_before_scaling_stays_within_one_ulp_where_scaling_first_loses_88():
    # Issue 2: on the 'Explaining Softmax' logits at β = 500, β(z − max z) is exact up to one
    # rounding, whereas βz − max(βz) (SciPy's and PyTorch's order) rounds 500z ≈ 495 first.
    z = np.array([0.95, 0.99, 0.98])
    exact = _exact_softmax(z, 500.0)[0]
    assert max(_ulps(softmax(z, beta=500.0), exact)) <= 1.0
    scaled_first = np.exp(500.0 * z - np.max(500.0 * z))
    assert max(_ulps(scaled_first / scaled_first.sum(), exact)) >= 50


def _exact_thermodynamics(energies, kT):
    """(log Z, U, S, C) in 60-digit arithmetic."""
    with mpmath.workdps(DIGITS):
        levels = [mpmath.mpf(float(e)) for e in energies]
        t = mpmath.mpf(float(kT))
        ground = min(levels) if t > 0 else max(levels)
        y = [-(e - ground) / t for e in levels]
        weights = [mpmath.exp(v) for v in y]
        delta = mpmath.fsum(w for v, w in zip(y, weights, strict=True) if v != 0) + (y.count(0) - 1)
        p = [w / (1 + delta) for w in weights]
        u = mpmath.fsum(pk * e for pk, e in zip(p, levels, strict=True))
        mean_y = mpmath.fsum(pk * v for pk, v in zip(p, y, strict=True))
        s = mpmath.log1p(delta) - mean_y
        c = mpmath.fsum(pk * (v - mean_y) ** 2 for pk, v in zip(p, y, strict=True))
        largest_y = max(abs(float(v)) for v, pk in zip(y, p, strict=True) if pk > 1e-300)
        return -ground / t + mpmath.log1p(delta), u, s, c, largest_y


@pytest.mark.parametrize("kT", [0.01, 0.3, 1.0, 40.0, 1e4, -2.0])
def test_thermodynamics_of_random_levels(kT):
    energies = RNG.normal(scale=10, size=50)
    log_z, u, s, c, largest_y = _exact_thermodynamics(energies, kT)
    scale = EPS * (16 + 4 * largest_y)
    assert abs(log_partition_function(energies, kT) - log_z) <= scale * max(1.0, abs(float(log_z)))
    assert abs(free_energy(energies, kT) - float(-kT * log_z)) <= scale * max(abs(kT), abs(float(kT * log_z)))
    assert abs(mean_energy(energies, kT) - u) <= scale * float(np.abs(energies).max())
    assert abs(thermal_entropy(energies, kT) - s) <= scale * float(s)
    assert abs(heat_capacity(energies, kT) - c) <= scale * (1 + largest_y) * float(c)
