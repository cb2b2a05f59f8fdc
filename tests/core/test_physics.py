"""Boltzmann distribution and thermodynamics against closed forms, in the limits and vectorised."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from softmax_core import (
    boltzmann,
    free_energy,
    heat_capacity,
    log_partition_function,
    mean_energy,
    partition_function,
    softmax,
    thermal_entropy,
)

EPS = np.finfo(np.float64).eps
INF = math.inf
OSCILLATOR = np.arange(2000.0)  # E_n = n ħω with ħω = 1; the levels beyond carry e^-2000


def _two_level(x):
    """Closed forms for levels 0 and ε at x = ε/kT (C is the Schottky anomaly)."""
    return {
        "p_upper": 1 / (1 + math.exp(x)),
        "log_z": math.log1p(math.exp(-x)),
        "u_over_epsilon": 1 / (1 + math.exp(x)),
        "c": x * x * math.exp(x) / (1 + math.exp(x)) ** 2,
    }


# --- closed forms -------------------------------------------------------------------------------


@pytest.mark.parametrize("kT", [0.1, 0.5, 1.0, 3.0, 100.0])
def test_two_level_system_matches_its_closed_forms(kT):
    # Two levels 0 and ε = 1: Kittel & Kroemer, Thermal Physics, ch. 3 (two-state system).
    exact = _two_level(1.0 / kT)
    energies = [0.0, 1.0]
    assert_allclose(boltzmann(energies, kT)[1], exact["p_upper"], rtol=8 * EPS * (1 + 1 / kT))
    assert_allclose(log_partition_function(energies, kT), exact["log_z"], rtol=8 * EPS * (1 + 1 / kT))
    assert_allclose(mean_energy(energies, kT), exact["u_over_epsilon"], rtol=8 * EPS * (1 + 1 / kT))
    assert_allclose(heat_capacity(energies, kT), exact["c"], rtol=32 * EPS * (1 + 1 / kT) ** 2)


def test_schottky_anomaly_peaks_near_0_439_at_kt_0_417():
    # Schottky anomaly of a two-level system: C/k_B peaks at ≈ 0.4392 for kT ≈ 0.4168 ε
    # (Kittel & Kroemer, Thermal Physics, ch. 3, problem 3; maximum of x²eˣ/(1+eˣ)², x ≈ 2.3994).
    kT = np.linspace(0.05, 2.0, 3901)
    capacity = heat_capacity([0.0, 1.0], kT)
    assert capacity.max() == pytest.approx(0.43922884, abs=1e-6)
    assert kT[np.argmax(capacity)] == pytest.approx(0.41678, abs=1e-3)


def test_harmonic_oscillator_matches_the_einstein_formulas():
    # Quantum harmonic oscillator E_n = n (ħω = 1) at kT = 1: Z = 1/(1 − e^-1) and the Planck
    # occupancy U = 1/(e − 1) (Kittel & Kroemer, Thermal Physics, ch. 4); C/k_B = e/(e − 1)² (Wikipedia,
    # "Einstein solid", at T = T_E); S = U/kT + log Z = 1/(e − 1) − log(1 − e^-1).
    e = math.e
    assert_allclose(partition_function(OSCILLATOR, 1.0), 1 / (1 - 1 / e), rtol=16 * EPS)
    assert_allclose(mean_energy(OSCILLATOR, 1.0), 1 / (e - 1), rtol=64 * EPS)
    assert_allclose(heat_capacity(OSCILLATOR, 1.0), e / (e - 1) ** 2, rtol=64 * EPS)
    assert_allclose(thermal_entropy(OSCILLATOR, 1.0), 1 / (e - 1) - math.log(1 - 1 / e), rtol=64 * EPS)


def test_negative_temperature_populates_the_upper_level_most():
    # p ∝ e^{-E/kT} = e^{E} at kT = −1: an inverted population (Kittel & Kroemer, appendix E).
    e = math.e
    assert_allclose(boltzmann([0.0, 1.0], -1.0), [1 / (1 + e), e / (1 + e)], rtol=4 * EPS)


# --- thermodynamic identities -------------------------------------------------------------------


@pytest.mark.parametrize("kT", [0.01, 0.3, 1.0, 7.0, -0.5, -3.0])
def test_free_energy_is_u_minus_t_s(kT):
    energies = [-1.0, 0.0, 0.5, 0.5, 2.0]
    f, u, s = free_energy(energies, kT), mean_energy(energies, kT), thermal_entropy(energies, kT)
    assert_allclose(f, u - kT * s, rtol=64 * EPS, atol=64 * EPS)


@pytest.mark.parametrize("kT", [0.2, 1.0, 5.0])
def test_entropy_is_log_z_plus_u_over_kt_and_minus_sum_p_log_p(kT):
    energies = np.array([0.0, 0.3, 1.0, 1.0])
    p = boltzmann(energies, kT)
    s = thermal_entropy(energies, kT)
    assert_allclose(s, log_partition_function(energies, kT) + mean_energy(energies, kT) / kT, rtol=32 * EPS)
    assert_allclose(s, -np.sum(p * np.log(p)), rtol=32 * EPS)


@pytest.mark.parametrize("kT", [0.2, 1.0, 5.0, -1.0])
def test_heat_capacity_is_the_derivative_of_mean_energy(kT):
    energies = [0.0, 0.3, 1.0, 1.0]
    h = 1e-5 * abs(kT)
    derivative = (mean_energy(energies, kT + h) - mean_energy(energies, kT - h)) / (2 * h)
    assert_allclose(heat_capacity(energies, kT), derivative, rtol=1e-8)


@pytest.mark.parametrize("kT", [0.05, 1.0, 20.0])
def test_heat_capacity_is_the_energy_variance_over_kt_squared(kT):
    energies = np.array([0.0, 0.3, 1.0, 1.0, 2.5])
    p = boltzmann(energies, kT)
    variance = np.sum(p * (energies - np.sum(p * energies)) ** 2)
    assert_allclose(heat_capacity(energies, kT), variance / kT**2, rtol=1e-12)


def test_boltzmann_is_softmax_of_minus_energy_over_kt():
    energies = np.array([0.0, 0.3, 1.0, 1.0, 2.5])
    for kT in (0.0, 1e-3, 0.7, -2.0, INF):
        assert_allclose(
            boltzmann(energies, kT), softmax(-energies, temperature=kT), rtol=16 * EPS, atol=1e-300
        )


def test_log_partition_function_is_finite_where_z_overflows():
    assert partition_function([-1000.0, 0.0], 1.0) == INF
    assert log_partition_function([-1000.0, 0.0], 1.0) == 1000.0


def test_free_energy_of_a_huge_gap_at_small_kt_is_the_ground_energy():
    assert free_energy([5.0, 1e6], 1e-3) == 5.0


def test_tiny_entropy_keeps_its_relative_accuracy():
    # S = log(1 + e^-50) + 50 e^-50/(1 + e^-50) ≈ 51 e^-50: −Σ p log p from p would lose it.
    x = math.exp(-50)
    assert_allclose(thermal_entropy([0.0, 50.0], 1.0), math.log1p(x) + 50 * x / (1 + x), rtol=8 * EPS)


# --- limits -------------------------------------------------------------------------------------


def test_zero_kt_puts_the_mass_on_the_ground_states_split_equally():
    assert_array_equal(boltzmann([1.0, 0.0, 0.0, 2.0], 0), [0.0, 0.5, 0.5, 0.0])
    assert_array_equal(boltzmann([1.0, 0.0, 0.0, 2.0], -0.0), [0.0, 0.5, 0.5, 0.0])


def test_zero_kt_thermodynamics_is_exact():
    energies = [0.1, 0.1, 0.1, 2.0]  # a threefold degenerate ground level at 0.1
    assert mean_energy(energies, 0) == 0.1
    assert free_energy(energies, 0) == 0.1
    assert thermal_entropy(energies, 0) == math.log(3)
    assert heat_capacity(energies, 0) == 0.0
    assert log_partition_function(energies, 0) == -INF
    assert partition_function(energies, 0) == 0.0
    assert log_partition_function([0.0, 0.0, 2.0], 0) == math.log(2)
    assert partition_function([-1.0, 2.0], 0) == INF


def test_infinite_kt_is_uniform_with_entropy_log_k():
    energies = [0.0, 1.0, 2.0, 5.0]
    for kT in (INF, -INF):
        assert_array_equal(boltzmann(energies, kT), [0.25] * 4)
        assert thermal_entropy(energies, kT) == math.log(4)
        assert heat_capacity(energies, kT) == 0.0
        assert mean_energy(energies, kT) == 2.0
        assert partition_function(energies, kT) == 4.0
    assert free_energy(energies, INF) == -INF
    assert free_energy(energies, -INF) == INF


def test_a_single_level_has_free_energy_equal_to_its_energy_at_every_kt():
    for kT in (0.0, 1.0, -1.0, INF, -INF):
        assert free_energy([3.0], kT) == 3.0
        assert thermal_entropy([3.0], kT) == 0.0


def test_heat_capacity_tends_to_zero_at_both_ends():
    assert heat_capacity([0.0, 1.0], 1e-3) == 0.0  # x² e^-x at x = 1000 underflows
    assert_allclose(heat_capacity([0.0, 1.0], 1e6), 0.25e-12, rtol=1e-6)  # ≈ (ε/2kT)²
    assert heat_capacity([0.0, 1.0], 1e300) == pytest.approx(0.25e-600, abs=1e-320)


def test_negative_kt_tending_to_zero_selects_the_top_level():
    assert_array_equal(boltzmann([0.0, 1.0, 3.0, 3.0], -1e-300), [0.0, 0.0, 0.5, 0.5])


def test_levels_spanning_more_than_the_largest_float():
    # E − E_min = 2e308 overflows, but (E − E_min)/kT = 2 does not.
    energies = [-1e308, 1e308]
    p = boltzmann(energies, 1e308)
    assert_allclose(p, [1 / (1 + math.exp(-2)), math.exp(-2) / (1 + math.exp(-2))], rtol=8 * EPS)
    assert_allclose(mean_energy(energies, 1e308), 1e308 * (p[1] - p[0]), rtol=8 * EPS)


# --- vectorised over kT -------------------------------------------------------------------------


def test_an_array_of_kt_gives_one_result_per_value():
    energies = [0.0, 0.5, 0.5, 2.0]
    kT = np.array([0.0, 0.1, 1.0, -1.0, 1e3, INF])
    functions = [
        partition_function,
        log_partition_function,
        free_energy,
        mean_energy,
        thermal_entropy,
        heat_capacity,
    ]
    for function in functions:
        values = function(energies, kT)
        assert values.shape == kT.shape
        assert_allclose(values, [function(energies, t) for t in kT], rtol=0, atol=0)
    table = boltzmann(energies, kT)
    assert table.shape == (len(kT), len(energies))
    assert_allclose(table, np.stack([boltzmann(energies, t) for t in kT]), rtol=0, atol=0)


def test_a_number_kt_gives_a_scalar():
    assert np.ndim(mean_energy([0.0, 1.0], 1.0)) == 0
    assert boltzmann([0.0, 1.0], 1.0).shape == (2,)
