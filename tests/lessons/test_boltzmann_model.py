"""The Boltzmann page's helpers (lessons.boltzmann.model): systems, units, limits, peak, max-entropy data."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import minimize_scalar

from lessons.boltzmann import model
from lessons.common.text import number
from softmax_core import entropy_envelope, heat_capacity, heat_capacity_peak, mean_energy, thermal_entropy

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

EPS = np.finfo(np.float64).eps
TWO_LEVEL = np.array([0.0, 1.0])


def schottky_peak() -> tuple[float, float]:
    """(kT, C) at the maximum of the two-level heat capacity C = x² eˣ/(1 + eˣ)², x = ΔE/kT, ΔE = 1,
    found by scipy (Kittel & Kroemer, Thermal Physics, ch. 3, problem 3: x ≈ 2.3994, C ≈ 0.4392)."""
    result = minimize_scalar(
        lambda x: -(x * x * math.exp(x) / (1 + math.exp(x)) ** 2),
        bounds=(0.5, 10.0),
        method="bounded",
        options={"xatol": 1e-12},
    )
    return 1.0 / result.x, -result.fun


def scene(system="Two-level", kT=1.0, *, units="dimensionless", epsilon=25.85, levels=None):
    """The page's scene for a preset, or for ``levels`` as "My logits" (E = −z)."""
    if levels is not None:
        made = model.make_system(
            "My logits", logits=-np.array(levels), labels=("a", "b", "c")[: len(levels)], levels=None
        )
    else:
        made = model.make_system(system, logits=np.zeros(2), labels=(), levels=None)
    return model.scene_of(made, model.make_units(units, epsilon), kT)


def truncated_oscillator(n: int, kT: float) -> dict[str, float]:
    """Closed forms for E_k = (k + ½)ε, k = 0…n−1, ε = 1 (a geometric series):
    Z = e^{−β/2} (1 − e^{−nβ}) / (1 − e^{−β}),  U = ½ + 1/(e^β − 1) − n/(e^{nβ} − 1),
    C/k_B = β² [e^β/(e^β − 1)² − n² e^{nβ}/(e^{nβ} − 1)²], F = −kT ln Z, S/k_B = (U − F)/kT."""
    b = 1.0 / kT
    log_z = -b / 2 + math.log(-math.expm1(-n * b)) - math.log(-math.expm1(-b))
    u = 0.5 + 1 / math.expm1(b) - n / math.expm1(n * b)
    # Each term as e^{−x}/(1 − e^{−x})², the same number as eˣ/(eˣ − 1)² without overflowing.
    c = b * b * (math.exp(-b) / math.expm1(-b) ** 2 - n * n * math.exp(-n * b) / math.expm1(-n * b) ** 2)
    f = -kT * log_z
    return {"Z": math.exp(log_z), "log_Z": log_z, "U": u, "F": f, "S": (u - f) / kT, "C": c}


# --- the systems ---------------------------------------------------------------------------------


def test_presets_have_the_documented_levels():
    logits = np.array([2.0, 1.0, 0.1])
    labels = ("a", "b", "c")
    two = model.make_system("Two-level", logits=logits, labels=labels, levels=10)
    ladder = model.make_system("Ladder", logits=logits, labels=labels, levels=4)
    tie = model.make_system("Degenerate", logits=logits, labels=labels, levels=10)
    mine = model.make_system("My logits", logits=logits, labels=labels, levels=10)
    assert two.energies.tolist() == [0.0, 1.0] and two.labels == ("ground", "excited")
    assert ladder.energies.tolist() == [0.5, 1.5, 2.5, 3.5] and ladder.labels == ("0", "1", "2", "3")
    assert tie.energies.tolist() == [0.0, 0.0, 1.0]
    assert mine.energies.tolist() == [-2.0, -1.0, -0.1] and mine.labels == labels  # E = −z
    assert two.is_schottky and tie.is_schottky and not ladder.is_schottky


def test_an_unknown_system_name_falls_back_to_the_two_level_system():
    system = model.make_system("<script>", logits=np.zeros(3), labels=(), levels=3)
    assert system.name == "Two-level" and system.energies.tolist() == [0.0, 1.0]


# --- numbers against hand-worked values ----------------------------------------------------------


@pytest.mark.parametrize("kT", [0.05, 0.4168, 1.0, 3.0, 100.0])
def test_two_level_numbers_match_the_closed_forms(kT):
    # Levels 0 and ΔE = 1: Z = 1 + e^{−ΔE/kT}, U = ΔE/(1 + e^{ΔE/kT}), F = −kT ln Z, S = ln Z + U/kT,
    # C = x² eˣ/(1 + eˣ)² with x = ΔE/kT (Kittel & Kroemer, Thermal Physics, ch. 3).
    state = model.thermodynamics(TWO_LEVEL, kT)
    x = 1.0 / kT
    z = 1.0 + math.exp(-x)
    log_z = math.log1p(math.exp(-x))
    u = 1.0 / (1.0 + math.exp(x))
    tol = 16 * EPS * (1 + x) ** 2
    assert_allclose(state.Z, z, rtol=tol)
    assert_allclose(state.log_Z, log_z, rtol=tol)
    assert_allclose(state.U, u, rtol=tol)
    assert_allclose(state.F, -kT * log_z, rtol=tol)
    assert_allclose(state.S, log_z + u / kT, rtol=tol)
    assert_allclose(state.C, x * x * math.exp(x) / (1 + math.exp(x)) ** 2, rtol=tol)
    assert_allclose(state.p, [1 - u, u], rtol=tol)


def test_two_level_numbers_at_kt_1_by_hand():
    # Z = 1 + 1/e = 1.36788, U = 1/(1 + e) = 0.268941, F = −ln Z = −0.313262, S = ln Z + U = 0.582203,
    # C = e/(1 + e)² = 0.196612 (worked by hand with e = 2.718282).
    state = model.thermodynamics(TWO_LEVEL, 1.0)
    assert (round(state.Z, 5), round(state.U, 6), round(state.F, 6)) == (1.36788, 0.268941, -0.313262)
    assert (round(state.S, 6), round(state.C, 6)) == (0.582203, 0.196612)


def test_schottky_peak_is_found_where_scipy_finds_it():
    expected_kT, expected_c = schottky_peak()
    assert expected_kT == pytest.approx(0.4168, abs=5e-5) and expected_c == pytest.approx(0.4392, abs=5e-5)
    kT, c = heat_capacity_peak(TWO_LEVEL)  # the core's, which the page marks
    assert kT == pytest.approx(expected_kT, rel=1e-6)
    assert c == pytest.approx(expected_c, rel=1e-12)


def test_schottky_peak_scales_with_the_gap():
    kT, c = heat_capacity_peak(np.array([3.0, 3.0 + 250.0]))
    assert kT == pytest.approx(250.0 * schottky_peak()[0], rel=1e-6)
    assert c == pytest.approx(schottky_peak()[1], rel=1e-12)


def test_all_equal_levels_have_no_heat_capacity_peak():
    assert heat_capacity_peak(np.array([2.0, 2.0, 2.0])) is None
    assert model.thermal_curves(scene("Two-level", 1.0, levels=[2.0, 2.0, 2.0])).peak_mark is None


@pytest.mark.parametrize("n", [2, 10, 64])
@pytest.mark.parametrize("kT", [0.1, 1.0, 2.0, 30.0])
def test_ladder_matches_the_truncated_harmonic_oscillator(n, kT):
    ladder = model.make_system("Ladder", logits=np.zeros(2), labels=(), levels=n).energies
    state = model.thermodynamics(ladder, kT)
    exact = truncated_oscillator(n, kT)
    for name in ("Z", "log_Z", "U", "F", "S"):
        assert_allclose(getattr(state, name), exact[name], rtol=1e-12, atol=1e-14, err_msg=name)
    assert_allclose(state.C, exact["C"], rtol=1e-9, atol=1e-14)  # the closed form for C cancels


def test_ground_state_at_t_zero_splits_ties_and_keeps_residual_entropy():
    degenerate = np.array([0.0, 0.0, 1.0])
    state = model.thermodynamics(degenerate, 0.0)
    assert state.p.tolist() == [0.5, 0.5, 0.0]
    assert state.S == pytest.approx(math.log(2), rel=1e-15)  # residual entropy ln g, g = 2
    assert (state.U, state.F, state.C, state.Z) == (0.0, 0.0, 0.0, 2.0)
    assert state.beta == math.inf


def test_ladder_at_t_zero_has_its_zero_point_energy_and_z_zero():
    ladder = model.make_system("Ladder", logits=np.zeros(2), labels=(), levels=10).energies
    state = model.thermodynamics(ladder, 0.0)
    assert state.p[0] == 1.0 and state.U == 0.5 and state.F == 0.5  # ½ħω
    assert state.Z == 0.0 and state.log_Z == -math.inf  # e^{−½ε/kT} → 0 as kT → 0⁺


@pytest.mark.parametrize("kT", [-0.5, -2.0, -30.0])
def test_negative_temperature_inverts_the_ladder(kT):
    ladder = model.make_system("Ladder", logits=np.zeros(2), labels=(), levels=10).energies
    state = model.thermodynamics(ladder, kT)
    assert np.all(np.diff(state.p) > 0)  # the higher the level, the more populated
    assert state.U > ladder.mean()
    # E at kT has the populations of −E at −kT: the truncated oscillator mirrored about its middle.
    mirrored = model.thermodynamics(ladder, -kT)
    assert_allclose(state.p, mirrored.p[::-1], rtol=1e-12)
    assert_allclose(state.U, 10.0 - mirrored.U, rtol=1e-12)


def test_two_level_at_beta_minus_1_by_hand():
    # p = e^{E}/Z at kT = −1: (1, e)/(1 + e) = (0.2689, 0.7311); U = e/(1 + e).
    state = model.thermodynamics(TWO_LEVEL, -1.0)
    assert_allclose(state.p, [1 / (1 + math.e), math.e / (1 + math.e)], rtol=4 * EPS)
    assert_allclose(state.U, math.e / (1 + math.e), rtol=4 * EPS)


def test_beta_minus_infinity_puts_everything_on_the_top_levels():
    energies = np.array([0.0, 2.0, 5.0, 5.0])
    state = model.thermodynamics(energies, -0.0)  # T = 1/β = −0.0 at β = −∞
    assert state.p.tolist() == [0.0, 0.0, 0.5, 0.5]
    assert (state.U, state.F, state.C) == (5.0, 5.0, 0.0)
    assert state.S == pytest.approx(math.log(2), rel=1e-15)
    assert state.Z == math.inf and state.log_Z == math.inf  # e^{−E_max/kT} with kT → 0⁻
    assert state.beta == -math.inf
    # The limit of small negative kT.
    near = model.thermodynamics(energies, -1e-12)
    assert_allclose([near.U, near.F, near.S], [state.U, state.F, state.S], rtol=1e-9)


def test_infinite_temperature_is_uniform_and_f_is_minus_infinity():
    state = model.thermodynamics(np.array([0.0, 1.0, 2.0]), math.inf)
    assert_allclose(state.p, [1 / 3] * 3, rtol=4 * EPS)
    assert state.U == 1.0 and state.S == pytest.approx(math.log(3)) and state.C == 0.0
    assert state.F == -math.inf and state.beta == 0.0


def test_numbers_agree_with_the_core_for_the_logits():
    logits = np.array([2.0, 1.0, 0.1])
    energies = model.make_system("My logits", logits=logits, labels=(), levels=2).energies
    state = model.thermodynamics(energies, 0.5)
    assert state.U == mean_energy(-logits, 0.5)
    assert state.S == thermal_entropy(-logits, 0.5)
    assert state.C == heat_capacity(-logits, 0.5)
    # softmax(z/T) at T = 0.5: the Playground's p = (0.8638, 0.1169, 0.01932).
    assert [round(float(x), 4) for x in state.p] == [0.8638, 0.1169, 0.0193]


# --- units ---------------------------------------------------------------------------------------


def test_kelvin_from_kt_uses_the_exact_boltzmann_constant():
    units = model.make_units("meV", 25.85)
    # T = kT/k_B = 25.85 meV / (8.617333262e-2 meV/K) = 299.98 K (room temperature).
    assert float(units.temperature(1.0)) == pytest.approx(25.85 / 8.617333262e-2, rel=1e-15)
    assert round(float(units.temperature(1.0)), 2) == 299.98
    assert float(units.energy(2.0)) == 51.7 and units.energy_unit == "meV"
    ev = model.make_units("eV", 25.85)
    assert float(ev.energy(2.0)) == pytest.approx(0.0517, rel=1e-15)
    assert float(ev.coldness(1.0)) == pytest.approx(1 / 0.02585, rel=1e-15)
    assert ev.coldness_unit == "eV⁻¹"


def test_dimensionless_units_show_kt_and_energies_unchanged():
    units = model.make_units("dimensionless", 25.85)
    assert float(units.energy(0.3)) == 0.3 and float(units.temperature(0.3)) == 0.3
    assert units.temperature_title == "kT in units of ε"


@pytest.mark.parametrize("epsilon", [math.nan, math.inf, -1.0, 0.0, 1e9])
def test_unusable_energy_unit_falls_back_to_the_default(epsilon):
    assert model.make_units("meV", epsilon).epsilon_mev == model.DEFAULT_EPSILON_MEV


def test_units_that_would_overflow_are_detected():
    units = model.make_units("meV", 1e3)
    assert not units.fits(np.array([-1e308, 0.0]), 1.0)
    assert not units.fits(np.array([0.0, 1.0]), 1e307)
    assert units.fits(np.array([0.0, 1.0]), math.inf)
    assert model.make_units("dimensionless", 1e3).fits(np.array([-1e308, 1e308]), 1e308)


def test_temperature_text_names_the_exact_limits():
    units = model.make_units("dimensionless", 25.85)
    assert model.temperature_text(0.0, units) == "T = 0"
    assert model.temperature_text(-0.0, units) == "T = 0⁻ (β = −∞)"
    assert model.temperature_text(math.inf, units) == "T = ±∞ (β = 0)"
    assert model.temperature_text(-2.0, units) == "kT = −2 ε"
    assert model.temperature_text(1.0, model.make_units("meV", 25.85)) == "kT = 25.85 meV, T = 300 K"


# --- curves and maximum entropy --------------------------------------------------------------------


def test_thermal_grid_spans_the_slider_and_widens_to_the_present_state_and_the_peak():
    grid = model.thermal_grid(1.0, (0.4, 0.44))
    assert grid[0] == pytest.approx(0.01) and grid[-1] == pytest.approx(100.0)
    wide = model.thermal_grid(-3e4, (2e-5, 0.4))
    assert wide[0] <= 2e-5 / 3 * (1 + 1e-12) and wide[-1] >= 9e4 * (1 - 1e-12)


def test_random_distributions_are_seeded_normalised_and_reach_across_the_spectrum():
    ladder = np.arange(64) + 0.5
    p = model.random_distributions(ladder)
    assert p.shape == (2000, 64)
    assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    assert np.array_equal(p, model.random_distributions(ladder))
    _, u = model.entropy_and_mean_energy(ladder, p)
    assert u.min() < 8 and u.max() > 56  # the tilted half reaches both ends of the 0.5…63.5 ladder
    for huge in (np.array([-1.7e308, 1.7e308]), np.array([1e308, 1.7e308, 1.5e308])):
        assert np.isfinite(model.random_distributions(huge)).all()


def test_entropy_and_mean_energy_do_not_overflow_for_huge_levels():
    energies = np.array([-1.7e308, 1.7e308])
    s, u = model.entropy_and_mean_energy(energies, np.array([[0.5, 0.5], [1.0, 0.0], [0.0, 1.0]]))
    assert_allclose(s, [math.log(2), 0.0, 0.0])
    assert u[1] == -1.7e308 and u[2] == 1.7e308 and abs(u[0]) < 1e293


def test_envelope_runs_from_the_ground_state_through_uniform_to_the_top_level():
    energies = np.array([0.0, 0.0, 1.0, 3.0])
    curve = model.max_entropy_cloud(energies)  # the curve is the core's entropy_envelope
    assert curve["U"][0] == 0.0 and curve["S"][0] == pytest.approx(math.log(2))  # T → 0⁺
    assert curve["U"][-1] == 3.0 and curve["S"][-1] == 0.0  # T → 0⁻
    top = int(np.argmax(curve["S"]))
    assert curve["branch"][top] == 0 and curve["S"][top] == pytest.approx(math.log(4))  # T = ±∞
    assert curve["U"][top] == pytest.approx(1.0)  # the mean of the levels
    assert np.all(curve["branch"][:top] == 1) and np.all(curve["branch"][top + 1 :] == -1)
    assert np.all(np.diff(curve["U"]) >= -1e-12)  # U grows as β falls from +∞ to −∞
    assert_allclose(curve["U"], entropy_envelope(energies).U, rtol=0, atol=0)
    assert curve["sample_u"].shape == curve["sample_s"].shape == (2000,)


def test_envelope_of_levels_near_the_largest_float_reaches_the_uniform_point_smoothly():
    curve = entropy_envelope(np.array([-1e308, 0.0, 1e308]))
    small = entropy_envelope(np.array([-1.0, 0.0, 1.0]))
    assert_allclose(curve.U / 1e308, small.U, rtol=1e-12, atol=1e-300)
    assert_allclose(curve.S, small.S, rtol=1e-12)
    assert np.max(np.abs(np.diff(curve.U / 1e308))) < 0.05  # no straight chord across the top


@pytest.mark.parametrize(
    "energies", [[0.0, 1.0, 2.0], [0.5 + n for n in range(10)], [0.0, 0.0, 1.0], [-2, -1, -0.1]]
)
def test_no_random_distribution_beats_the_boltzmann_entropy_at_its_mean_energy(energies):
    """The maximum-entropy principle: S(p) ≤ S_Boltzmann(U(p)) for every p (Jaynes 1957)."""
    energies = np.array(energies, dtype=np.float64)
    s, u = model.entropy_and_mean_energy(energies, model.random_distributions(energies))
    # β with U_Boltzmann(β) = U(p), by bisection (U falls as β grows), all samples at once.
    low, high = np.full(u.shape, -500.0), np.full(u.shape, 500.0)
    for _ in range(80):
        beta = 0.5 * (low + high)
        too_cold = (
            mean_energy(energies, np.divide(1.0, beta, out=np.full(beta.shape, np.inf), where=beta != 0)) < u
        )
        high = np.where(too_cold, beta, high)
        low = np.where(too_cold, low, beta)
    beta = 0.5 * (low + high)
    best = thermal_entropy(energies, np.divide(1.0, beta, out=np.full(beta.shape, np.inf), where=beta != 0))
    assert np.all(s <= best + 1e-9)
    assert np.max(s - best) > -0.05  # and some samples come close: the curve is their upper edge


def test_coldness_grid_is_symmetric_with_zero_and_reaches_six_typical_gaps():
    betas = model.coldness_grid(np.arange(10) + 0.5, 1.0)
    assert betas[120] == 0.0 and betas[-1] == 6.0 and np.array_equal(betas, -betas[::-1])
    assert model.coldness_grid(TWO_LEVEL, -20.0)[0] == -50.0  # widened past the present β, to a round 50
    # Round reaches: the axis stays the same over neighbouring stops of the slider (β = 10, 12, 15).
    assert {model.coldness_grid(TWO_LEVEL, beta)[-1] for beta in (10.0, 12.0, 15.0)} == {20.0}
    assert model.coldness_grid(TWO_LEVEL, 1e9)[-1] == 6.0  # too far: marked at the axis end instead
    huge = model.coldness_grid(np.array([-1e308, 1e308]), math.inf)
    assert huge[-1] == pytest.approx(6.0 / 2e308, rel=1e-12)
    assert model.coldness_grid(np.array([1.0, 1.0]), 0.0)[-1] == 6.0


def test_energies_near_the_largest_float_are_charted_in_a_power_of_ten():
    units = model.make_units("dimensionless", 1.0).for_charts(np.array([-1e308, 0.0, 1e308]))
    assert units.power == 308 and units.energy_unit == "10³⁰⁸ ε"
    assert_allclose(units.energy(np.array([-1e308, 1e308])), [-1.0, 1.0], rtol=1e-15)
    assert float(units.coldness(3e-308)) == pytest.approx(3.0)
    assert units.coldness_unit == "(10³⁰⁸ ε)⁻¹"
    assert model.make_units("meV", 25.85).for_charts(np.array([0.0, 1e6])).power == 0


@pytest.mark.parametrize("x", [1e-300, 0.003, 0.1, 1.0, 1.25, 2.0, 2.5, 7.0, 10.0, 99.0, 1e300])
def test_nice_ceiling_is_the_next_round_number(x):
    ceiling = model.nice_ceiling(x)
    assert x <= ceiling <= 2.5 * x
    mantissa = ceiling / 10.0 ** math.floor(math.log10(ceiling) + 1e-12)
    assert min(abs(mantissa - m) for m in (1.0, 2.0, 5.0)) < 1e-9


def test_is_symmetric_tells_mirror_spectra():
    assert model.is_symmetric(np.array([0.5, 1.5, 2.5]))
    assert model.is_symmetric(np.array([-1e308, 1e308]))
    assert not model.is_symmetric(np.array([0.0, 0.0, 1.0]))


def test_numbers_table_shows_each_quantity_once_with_units():
    state = model.thermodynamics(TWO_LEVEL, 1.0)
    table = model.numbers_table(state, model.make_units("meV", 10.0))
    rows = {
        line.split(" | ")[0].strip("| "): line.split(" | ")[-1].strip(" |") for line in table.splitlines()
    }
    assert rows["partition function Z"] == "1.368"
    assert rows["ln Z"] == "0.3133"
    assert rows["free energy F"] == "−3.133 meV"  # −0.3133 ε with ε = 10 meV
    assert rows["mean energy U"] == "2.689 meV"
    # S = 0.5822 k_B = 0.5822 × 8.617e-2 meV/K = 0.05017 meV/K.
    assert rows["entropy S"] == "0.5822 $k_B$ = 0.05017 meV/K"
    assert rows["temperature"] == "kT = 10 meV, T = 116 K"


def test_numbers_table_tells_an_overflowing_z_from_an_exact_limit():
    units = model.make_units("dimensionless", 1.0)

    def rows(energies, kT):
        table = model.numbers_table(model.thermodynamics(np.array(energies), kT), units)
        return {
            line.split(" | ")[0].strip("| "): line.split(" | ")[-1].strip(" |") for line in table.splitlines()
        }

    overflow = rows([-1e6, 0.0], 1.0)  # Z = e^{10⁶}: ln Z = 10⁶ exactly
    assert overflow["partition function Z"] == "∞: overflows a float; see ln Z"
    assert overflow["ln Z"] == "1e6"
    underflow = rows([1000.0, 1001.0], 1.0)  # Z = e^{−1000}(1 + 1/e): ln Z = −1000 + ln(1 + 1/e)
    assert underflow["partition function Z"] == "0: underflows a float; see ln Z"
    assert underflow["ln Z"] == number(-1000 + math.log1p(math.exp(-1.0))) == "−999.7"
    both = rows([-1e308, 1e308, 0.0], -0.5)  # ln Z = 2e308 is beyond the floats too
    assert both["partition function Z"] == "∞: overflows a float, as ln Z does"
    assert both["ln Z"] == "∞ (beyond the largest float)"
    limit = rows([0.0, 1.0], -0.0)  # kT → 0⁻: e^{+1/|kT|} → ∞ exactly
    assert limit["partition function Z"] == "∞ (the exact limit)" and limit["ln Z"] == "∞"
    ground = rows([0.5, 1.5], 0.0)  # kT → 0⁺ with E_min = ½: e^{−½/kT} → 0
    assert ground["partition function Z"] == "0 (the exact limit)" and ground["ln Z"] == "−∞"


# --- the scene and the thermodynamics chart's data ---------------------------------------------------


def test_scene_reads_the_shared_temperature_as_kt_and_knows_a_negative_one():
    assert not scene(kT=1.0).negative and scene(kT=-1.0).negative and scene(kT=-0.0).negative
    assert scene(kT=1.0).state.U == pytest.approx(1 / (1 + math.e))  # 0.2689 ε, by hand
    assert scene(units="meV").units.name == "meV" and scene(units="meV").unit_note == ""


def test_scene_falls_back_to_units_of_epsilon_when_the_energies_overflow_them():
    huge = scene(units="meV", levels=[-1e308, 1e308])
    assert huge.units.name == "dimensionless" and "shows them in units of ε" in huge.unit_note
    assert huge.chart_units.power == 308 and "drawn in units of 10³⁰⁸ ε" in huge.unit_note


def test_thermal_curves_mark_the_present_state_and_the_schottky_peak():
    curves = model.thermal_curves(scene(kT=0.5))
    assert curves.negative is None and curves.current[0] == 0.5 and curves.current[2] == "now"
    assert curves.current[1]["C"] == pytest.approx(float(heat_capacity(TWO_LEVEL, 0.5)))
    assert_allclose(curves.values["C"], heat_capacity(TWO_LEVEL, curves.x), rtol=1e-15)
    x, c, label, hover = curves.peak_mark
    assert (x, c) == curves.peak and label == "Schottky peak<br>C = 0.4392 k<sub>B</sub>"  # fits a phone
    assert hover == "Schottky peak: C = 0.4392 k<sub>B</sub> at kT = 0.4168 ε"


@pytest.mark.parametrize(
    ("kT", "end", "label"),
    [(0.0, 0, "← now: T = 0"), (-0.0, 0, "← now: T = 0⁻"), (math.inf, -1, "now: T = ±∞ →")],
)
def test_thermal_curves_mark_the_exact_limits_at_the_ends_of_the_axis(kT, end, label):
    curves = model.thermal_curves(scene(kT=kT))
    assert curves.current[0] == curves.x[end] and curves.current[2] == label
    assert (curves.negative is not None) == (label == "← now: T = 0⁻")


def test_thermal_curves_in_kelvin_put_the_peak_at_its_temperature():
    curves = model.thermal_curves(scene(kT=1.0, units="meV"))
    # kT = 0.41678 × 25.85 meV at the peak: T = 0.41678 × 300 K = 125 K.
    assert curves.peak_mark[0] == pytest.approx(0.416778 * 25.85 / model.K_B_MEV_PER_K, rel=1e-5)
    assert curves.peak_mark[3].endswith("at kT = 10.77 meV, T = 125 K")


def test_thermal_energy_keeps_the_sign_of_the_limit_beta_minus_infinity():
    assert math.copysign(1.0, model.thermal_energy(0.0, -math.inf)) == -1.0  # T → 0⁻: the top level
    assert math.copysign(1.0, model.thermal_energy(0.0, math.inf)) == 1.0  # T → 0⁺: the ground state
    assert model.thermal_energy(-2.0, -0.5) == -2.0 and model.thermal_energy(math.inf, 0.0) == math.inf
