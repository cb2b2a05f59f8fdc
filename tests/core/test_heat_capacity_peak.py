"""heat_capacity_peak: the Schottky closed form, and mpmath's root of dC/dT for other spectra.

C is flat at its maximum, so the height C* is pinned to a few ulps while the place kT* is located to
the grid's 1e-7 (the function's documented accuracy; measured: 2e-8).
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from softmax_core import heat_capacity, heat_capacity_peak

EPS = float(np.finfo(np.float64).eps)
PLACE = 1e-7  # relative accuracy of kT*
HEIGHT = 8 * EPS  # relative accuracy of C*


def _schottky():
    """(kT*/Δ, C*/k_B) of two levels: C = u²/cosh²u with u = Δ/2kT peaks where u tanh u = 1."""
    with mpmath.workdps(40):
        u = mpmath.findroot(lambda x: x * mpmath.tanh(x) - 1, 1.2)
        return float(1 / (2 * u)), float(u**2 - 1)


def _exact_heat_capacity(energies, kT):
    """C/k_B = Var(E)/(kT)², in mpmath."""
    beta = 1 / mpmath.mpf(kT)
    levels = [mpmath.mpf(float(e)) for e in energies]
    ground = min(levels)
    weights = [mpmath.exp(-beta * (e - ground)) for e in levels]
    total = mpmath.fsum(weights)
    mean = mpmath.fsum(w * e for w, e in zip(weights, levels, strict=True)) / total
    return beta**2 * mpmath.fsum(w * (e - mean) ** 2 for w, e in zip(weights, levels, strict=True)) / total


def _exact_peak(energies, start):
    """The root of dC/dkT near ``start``, and C there, at 40 digits."""
    with mpmath.workdps(40):
        place = mpmath.findroot(
            lambda t: mpmath.diff(lambda s: _exact_heat_capacity(energies, s), t), mpmath.mpf(start)
        )
        return float(place), float(_exact_heat_capacity(energies, place))


def test_the_schottky_peak_of_two_levels():
    expected_kT, expected_c = _schottky()
    # Kittel & Kroemer, Thermal Physics, ch. 3: the maximum near kT = 0.42 Δ, of height 0.44 k_B.
    assert expected_kT == pytest.approx(0.416778, abs=1e-6) and expected_c == pytest.approx(
        0.439229, abs=1e-6
    )
    kT, c = heat_capacity_peak([0.0, 1.0])
    assert kT == pytest.approx(expected_kT, rel=PLACE)
    assert c == pytest.approx(expected_c, rel=HEIGHT)


@pytest.mark.parametrize(("ground", "gap"), [(3.0, 250.0), (-7.0, 1e-3), (0.0, 1e200), (1e300, 1e290)])
def test_the_schottky_peak_moves_with_the_gap_and_ignores_the_ground_level(ground, gap):
    expected_kT, expected_c = _schottky()
    upper = ground + gap
    kT, c = heat_capacity_peak([ground, upper])
    assert kT == pytest.approx((upper - ground) * expected_kT, rel=PLACE)  # the gap the floats hold
    assert c == pytest.approx(expected_c, rel=HEIGHT)


@pytest.mark.parametrize(
    "energies",
    [
        [0.0, 0.0, 1.0],  # a degenerate ground level
        [0.0, 1.0, 1.0, 1.0],  # a degenerate excited level
        [n + 0.5 for n in range(10)],  # the truncated harmonic oscillator
        [-2.0, -1.0, -0.1, 0.7, 3.0],
        [0.0, 1.0, 1000.0],  # two peaks, three decades apart
    ],
)
def test_the_peak_is_the_root_of_the_derivative_in_mpmath(energies):
    kT, c = heat_capacity_peak(energies)
    exact_kT, exact_c = _exact_peak(energies, kT)
    assert kT == pytest.approx(exact_kT, rel=PLACE)
    assert c == pytest.approx(exact_c, rel=HEIGHT)


def test_of_two_peaks_the_higher_is_returned():
    # Levels 0, 1 and 1000: the Schottky peak of 0–1 near kT = 0.42 and a lower one of the pair {0, 1}
    # (a doubly degenerate ground level from afar) against 1000, near kT = 400.
    low = _exact_peak([0.0, 1.0, 1000.0], 0.42)
    high = _exact_peak([0.0, 1.0, 1000.0], 400.0)
    assert high[0] > 100 and low[1] > high[1]
    assert heat_capacity_peak([0.0, 1.0, 1000.0])[0] == pytest.approx(low[0], rel=PLACE)


def test_no_value_on_a_fine_grid_exceeds_the_peak():
    energies = np.array([0.0, 0.3, 0.35, 2.0, 2.0, 5.0])
    kT, c = heat_capacity_peak(energies)
    grid = np.geomspace(1e-3, 1e3, 20001)
    assert np.max(heat_capacity(energies, grid)) <= c * (1 + HEIGHT)
    assert float(heat_capacity(energies, kT)) == c


def test_levels_near_the_largest_float_peak_where_scaled_levels_do():
    # C depends on E/kT only: the spectrum times 1e308 peaks at kT times 1e308, at the same height.
    kT, c = heat_capacity_peak([-1e308, 0.0, 1e308])
    small_kT, small_c = heat_capacity_peak([-1.0, 0.0, 1.0])
    assert math.isfinite(kT) and kT / 1e308 == pytest.approx(small_kT, rel=PLACE)
    assert c == pytest.approx(small_c, rel=HEIGHT)


def test_equal_levels_have_no_peak():
    assert heat_capacity_peak([2.0, 2.0, 2.0]) is None
    assert heat_capacity_peak([5.0]) is None


def test_the_peak_is_a_pair_of_python_floats():
    kT, c = heat_capacity_peak(np.array([0.0, 1.0], dtype=np.float32))
    assert type(kT) is float and type(c) is float


@pytest.mark.parametrize(
    ("energies", "message"),
    [
        ([], "non-empty 1-d"),
        ([[0.0, 1.0]], "non-empty 1-d"),
        ([0.0, math.nan], "NaN"),
        ([0.0, math.inf], "finite"),
    ],
)
def test_bad_energies_raise_a_clear_value_error(energies, message):
    with pytest.raises(ValueError, match=message):
        heat_capacity_peak(energies)
