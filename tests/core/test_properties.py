"""Invariants of softmax and its relatives, checked by hypothesis on generated inputs.

Tolerances follow the inputs: a relative error of about ε(1 + |β| · max|z|) is the conditioning of
softmax, so the bounds below are small multiples of it. The hand-written edge cases live beside
these, in core/test_functions.py and core/test_limits.py: hypothesis rarely finds them by itself.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as hst
from hypothesis.extra import numpy as hnp

from softmax_core import (
    argmax_onehot,
    boltzmann,
    entropy,
    free_energy,
    log_softmax,
    logsumexp,
    mean_energy,
    softmax,
    softmax_sweep,
    thermal_entropy,
)

EPS = np.finfo(np.float64).eps
TINY = 4 * 2.0**-1074
PROPERTY = settings(max_examples=120, deadline=None)


def _logits(low: float, high: float, *, max_size: int = 24):
    """Vectors of 1 to max_size finite logits in [low, high]."""
    elements = hst.floats(low, high, allow_nan=False, allow_infinity=False)
    return hnp.arrays(np.float64, hst.integers(1, max_size), elements=elements)


ANY_LOGITS = _logits(-1.7e308, 1.7e308)
MODERATE_LOGITS = _logits(-1e3, 1e3)
ANY_BETA = hst.floats(allow_nan=False)  # ±inf, 0, subnormals and ±1.8e308 included
MODERATE_BETA = hst.floats(-50, 50, allow_nan=False)


@PROPERTY
@given(z=ANY_LOGITS, beta=ANY_BETA)
def test_probabilities_lie_in_the_unit_interval_and_sum_to_one(z, beta):
    p = softmax(z, beta=beta)
    assert p.shape == z.shape
    assert ((p >= 0) & (p <= 1)).all()
    assert abs(p.sum() - 1) <= len(z) * EPS


@PROPERTY
@given(z=MODERATE_LOGITS, shift=hst.floats(-1e3, 1e3), beta=MODERATE_BETA)
def test_adding_a_constant_to_every_logit_changes_nothing(z, shift, beta):
    tolerance = 8 * EPS * (1 + abs(beta) * (np.abs(z).max() + abs(shift)))
    np.testing.assert_allclose(
        softmax(z + shift, beta=beta), softmax(z, beta=beta), rtol=tolerance, atol=TINY
    )


@PROPERTY
@given(z=ANY_LOGITS, beta=ANY_BETA)
def test_larger_logits_never_get_smaller_probabilities(z, beta):
    p = softmax(z, beta=beta)
    # For β < 0 the order reverses (the arg-min convention); at β = 0 all are equal.
    favoured = z[:, None] > z[None, :] if beta > 0 else z[:, None] < z[None, :]
    gap = p[:, None] - p[None, :]
    assert (gap[favoured] >= 0).all() if beta != 0 else (gap == 0).all()
    assert (gap[z[:, None] == z[None, :]] == 0).all()  # equal logits, equal probabilities


@PROPERTY
@given(a=hst.floats(-1e3, 1e3), b=hst.floats(-1e3, 1e3), beta=MODERATE_BETA)
def test_two_logits_give_the_logistic_function(a, b, beta):
    x = beta * (a - b)
    logistic = 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
    tolerance = 8 * EPS * (1 + abs(beta) * (abs(a) + abs(b)))
    np.testing.assert_allclose(softmax([a, b], beta=beta)[0], logistic, rtol=tolerance, atol=TINY)


@PROPERTY
@given(z=_logits(-10, 10, max_size=8), beta=hst.floats(-5, 5))
def test_gradient_of_logsumexp_is_beta_times_softmax(z, beta):
    h = 1e-5
    steps = np.eye(len(z)) * h
    numeric = [(logsumexp(z + e, beta=beta) - logsumexp(z - e, beta=beta)) / (2 * h) for e in steps]
    np.testing.assert_allclose(numeric, beta * softmax(z, beta=beta), atol=1e-6)


@PROPERTY
@given(z=hnp.arrays(np.float64, hst.integers(1, 24), elements=hst.integers(-100, 100).map(float)))
def test_large_beta_approaches_the_arg_max(z):
    # Distinct integer logits differ by at least 1, so at β = 50 every loser weighs ≤ e^-50.
    np.testing.assert_allclose(softmax(z, beta=50), argmax_onehot(z), rtol=0, atol=len(z) * math.exp(-50))


@PROPERTY
@given(z=_logits(-100, 100))
def test_entropy_decreases_as_beta_grows_from_zero(z):
    # dH/dβ = −β Var_p(z) ≤ 0 for β ≥ 0.
    entropies = [entropy(softmax(z, beta=beta)) for beta in (0.0, 0.01, 0.1, 0.5, 1.0, 3.0, 10.0, 100.0)]
    assert all(later <= earlier + 1e-12 for earlier, later in itertools.pairwise(entropies))
    assert abs(entropies[0] - math.log(len(z))) <= 4 * EPS * max(1.0, math.log(len(z)))


@PROPERTY
@given(
    energies=_logits(-1e3, 1e3), kT=hst.floats(allow_nan=False).filter(lambda t: t == 0 or abs(t) > 1e-300)
)
def test_boltzmann_is_softmax_of_minus_energy_over_kt(energies, kT):
    # softmax turns T into β = 1/T, which overflows for subnormal T (see resolve_beta); boltzmann
    # divides by kT and stays exact there, so subnormal kT is left out of the comparison.
    expected = softmax(-energies, temperature=kT)
    difference = np.abs(boltzmann(energies, kT) - expected)
    with np.errstate(all="ignore"):  # the bound is NaN or inf in the limits, where both are exact
        y = np.abs(energies - (energies.min() if kT >= 0 else energies.max())) / abs(kT)
        bound = 4 * EPS * (2 + y) * expected + TINY
    assert ((difference == 0) | (difference <= bound)).all()


@PROPERTY
@given(energies=_logits(-100, 100, max_size=12), kT=hst.floats(0.01, 100) | hst.floats(-100, -0.01))
def test_free_energy_is_mean_energy_minus_kt_times_entropy(energies, kT):
    u, s = mean_energy(energies, kT), thermal_entropy(energies, kT)
    scale = np.abs(energies).max() + abs(kT) * math.log(len(energies)) + 1
    assert abs(free_energy(energies, kT) - (u - kT * s)) <= 64 * EPS * scale * (1 + 200 / abs(kT))


@PROPERTY
@given(z=_logits(-1e3, 1e3, max_size=12), beta=MODERATE_BETA)
def test_log_softmax_is_the_log_of_softmax(z, beta):
    p = softmax(z, beta=beta)
    kept = p > 1e-300
    tolerance = 8 * EPS * (1 + abs(beta) * np.abs(z).max())
    np.testing.assert_allclose(
        log_softmax(z, beta=beta)[kept], np.log(p[kept]), rtol=tolerance, atol=tolerance
    )


@PROPERTY
@given(
    z=_logits(-1e6, 1e6, max_size=12), betas=hnp.arrays(np.float64, hst.integers(0, 12), elements=ANY_BETA)
)
def test_sweep_rows_are_softmax_at_each_beta(z, betas):
    sweep = softmax_sweep(z, betas)
    assert sweep.shape == (len(betas), len(z))
    for row, beta in zip(sweep, betas, strict=True):
        np.testing.assert_allclose(row, softmax(z, beta=beta), rtol=8 * EPS, atol=TINY)


@PROPERTY
@given(
    z=hnp.arrays(
        np.float64, hnp.array_shapes(min_dims=2, max_dims=3, max_side=6), elements=hst.floats(-1e3, 1e3)
    ),
    data=hst.data(),
)
def test_a_batch_is_softmax_of_each_vector_along_the_axis(z, data):
    axis = data.draw(hst.integers(-z.ndim, z.ndim - 1))
    p = softmax(z, temperature=0.3, axis=axis)
    rows = np.moveaxis(z, axis, -1).reshape(-1, z.shape[axis])
    expected = np.stack([softmax(row, temperature=0.3) for row in rows])
    tolerance = 8 * EPS * (1 + np.abs(z).max() / 0.3)
    np.testing.assert_allclose(
        np.moveaxis(p, axis, -1).reshape(-1, z.shape[axis]), expected, rtol=tolerance, atol=TINY
    )
