"""entropy_envelope: the Boltzmann curve in the (U, S) plane, against closed forms and mpmath."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from numpy.testing import assert_allclose

from softmax_core import entropy_envelope

EPS = float(np.finfo(np.float64).eps)


def _binary_entropy(x):
    """−x log x − (1 − x) log(1 − x), in mpmath."""
    x = mpmath.mpf(x)
    return -sum(v * mpmath.log(v) for v in (x, 1 - x) if v > 0)


@pytest.mark.parametrize(("ground", "gap"), [(0.0, 1.0), (2.0, 3.0), (-5.0, 0.01)])
def test_two_levels_follow_the_binary_entropy_of_the_excited_fraction(ground, gap):
    # Two levels: U = E₀ + xΔ with x the excited population, and S = H(x), the binary entropy.
    curve = entropy_envelope([ground, ground + gap])
    with mpmath.workdps(40):
        expected = [float(_binary_entropy((mpmath.mpf(u) - ground) / gap)) for u in curve.U]
    # U carries an absolute error of a few ulps of the levels; dS/dU = β ≤ 100/Δ along the curve.
    tolerance = 8 * EPS * (1 + abs(ground) / gap) * 100
    assert_allclose(curve.S, expected, rtol=0, atol=tolerance)


def _exact_state(levels, beta):
    """(U, S) of the Boltzmann distribution at β, in mpmath."""
    b = mpmath.mpf(beta)
    ground = min(levels) if b >= 0 else max(levels)
    weights = [mpmath.exp(-b * (e - ground)) for e in levels]
    total = mpmath.fsum(weights)
    p = [w / total for w in weights]
    energy = mpmath.fsum(pk * e for pk, e in zip(p, levels, strict=True))
    return energy, -mpmath.fsum(pk * mpmath.log(pk) for pk in p if pk > 0)


def test_every_point_is_the_boltzmann_distribution_at_its_own_mean_energy():
    """For a sample of points, find β with U(β) = U by bisection in mpmath, then compare S(β)."""
    energies = [0.0, 0.0, 1.0, 3.0]
    curve = entropy_envelope(energies)
    with mpmath.workdps(60):
        levels = [mpmath.mpf(e) for e in energies]
        for i in range(5, len(curve.U) - 5, 15):
            low, high = mpmath.mpf(-300), mpmath.mpf(300)  # U falls as β grows
            for _ in range(240):
                middle = (low + high) / 2
                low, high = (middle, high) if _exact_state(levels, middle)[0] > curve.U[i] else (low, middle)
            beta = (low + high) / 2
            entropy = float(_exact_state(levels, beta)[1])
            # dS/dU = β: an error of a few ulps in U moves S by |β| times that.
            assert curve.S[i] == pytest.approx(entropy, abs=16 * EPS * (1 + 3 * abs(float(beta)))), i


def test_the_curve_runs_from_the_ground_levels_through_uniform_to_the_top_levels():
    energies = [0.0, 0.0, 1.0, 3.0, 3.0, 3.0]
    curve = entropy_envelope(energies)
    assert (curve.U[0], curve.S[0]) == (0.0, pytest.approx(math.log(2), rel=EPS))  # kT → 0⁺: g₀ = 2
    assert (curve.U[-1], curve.S[-1]) == (3.0, pytest.approx(math.log(3), rel=EPS))  # kT → 0⁻: g_top = 3
    middle = int(np.flatnonzero(curve.branch == 0)[0])
    assert curve.U[middle] == pytest.approx(10 / 6, rel=EPS)  # kT = ±inf: the mean of the levels
    assert curve.S[middle] == pytest.approx(math.log(6), rel=EPS)
    assert np.all(curve.branch[:middle] == 1) and np.all(curve.branch[middle + 1 :] == -1)


def test_energy_rises_along_the_curve_while_entropy_rises_then_falls():
    curve = entropy_envelope([-2.0, -1.0, -0.1, 0.5, 4.0])
    middle = int(np.flatnonzero(curve.branch == 0)[0])
    scale = 8 * EPS * 4.0
    assert np.all(np.diff(curve.U) >= -scale)  # dU/dT = C ≥ 0, and on through T = ±inf
    assert np.all(np.diff(curve.S[: middle + 1]) >= -8 * EPS)
    assert np.all(np.diff(curve.S[middle:]) <= 8 * EPS)


def _above_concave(u, s, x):
    """An upper bound at x of the concave function sampled at (u, s), u increasing: on each interval,
    the chords of the two neighbouring intervals, extended, lie above the function."""
    u, first = np.unique(u, return_index=True)  # the ends repeat U (kT = 0 and a tiny kT)
    s = s[first]
    slopes = np.diff(s) / np.diff(u)
    interval = np.clip(np.searchsorted(u, x) - 1, 0, u.size - 2)
    bound = np.full(x.shape, np.inf)
    for neighbour in (interval - 1, interval + 1):
        inside = (neighbour >= 0) & (neighbour <= u.size - 2)
        j = np.clip(neighbour, 0, u.size - 2)
        bound = np.where(inside, np.minimum(bound, s[j] + slopes[j] * (x - u[j])), bound)
    return bound


@pytest.mark.parametrize("energies", [[0.0, 1.0, 2.0], [n + 0.5 for n in range(10)], [0.0, 0.0, 1.0]])
def test_no_distribution_over_the_levels_lies_above_the_curve(energies):
    """Jaynes (1957): at a given mean energy the Boltzmann distribution has the largest entropy, and
    that maximum is a concave function of the mean energy."""
    curve = entropy_envelope(energies)
    rng = np.random.default_rng(7)
    p = rng.dirichlet(np.full(len(energies), 0.7), size=3000)
    energy = p @ np.asarray(energies)
    entropy = -np.sum(p * np.log(np.where(p > 0, p, 1.0)), axis=1)
    assert np.all(entropy <= _above_concave(curve.U, curve.S, energy) + 1e-12)
    # Not a vacuous bound: the cloud comes within a tenth of a nat of the curve.
    assert np.max(entropy - np.interp(energy, curve.U, curve.S)) > -0.1


def test_levels_near_the_largest_float_give_the_curve_of_the_scaled_levels():
    curve = entropy_envelope([-1e308, 0.0, 1e308])
    small = entropy_envelope([-1.0, 0.0, 1.0])
    assert np.isfinite(curve.U).all()
    assert_allclose(curve.U / 1e308, small.U, rtol=1e-12, atol=1e-300)
    assert_allclose(curve.S, small.S, rtol=1e-12)


def test_points_sets_the_length_of_each_branch():
    curve = entropy_envelope([0.0, 1.0], points=5)
    assert curve.U.shape == curve.S.shape == curve.branch.shape == (2 * 5 + 3,)


def test_equal_levels_are_one_uniform_point_on_each_branch():
    curve = entropy_envelope([2.0, 2.0, 2.0])
    assert_allclose(curve.U, 2.0, rtol=0)
    assert_allclose(curve.S, math.log(3), rtol=EPS)
    assert curve.branch.tolist() == [1.0, 1.0, 0.0, -1.0, -1.0]


@pytest.mark.parametrize(
    ("energies", "points", "message"),
    [
        ([], 160, "non-empty 1-d"),
        ([0.0, math.nan], 160, "NaN"),
        ([0.0, -math.inf], 160, "finite"),
        ([0.0, 1.0], 1, "at least 2"),
        ([0.0, 1.0], 2.5, "integer"),
        ([0.0, 1.0], True, "integer"),
    ],
)
def test_bad_input_raises_a_clear_value_error(energies, points, message):
    with pytest.raises(ValueError, match=message):
        entropy_envelope(energies, points=points)
