r"""The Boltzmann page's physics: its systems, its units, and the numbers its charts are drawn from.

Pure functions of arrays over the core's physics (``softmax_core.physics``); no Streamlit.

**The temperature.** The page reads the shared control's T as the thermal energy kT measured in ε, the
energy unit of the levels (the gap of the two-level system, the spacing of the ladder, one unit of
logit for "My logits"), and β = 1/T as the coldness 1/kT. So the shared slider's 0.01…100 spans every
preset's interesting range (the Schottky peak sits at kT ≈ 0.42 ε), the exact limits are T = 0
(ground state), T = ∞ (all levels equal) and β = −∞ (top level), and "My logits" is softmax itself:
E = −z, kT = T. Giving ε a size in meV turns kT into kelvin: T = kT·ε / k_B.

**β = −∞** is kT = −0.0 here (``thermal_energy``). The core reads a kT of 0 as the ground state (a typed 0
has no sign), so that limit is taken here from the mirror identity: the spectrum E at kT has the
populations of −E at −kT, with U and F changing sign and Z, S, C unchanged.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, replace

import numpy as np

from lessons.common.scales import temperature_grid, temperature_range
from lessons.common.text import number, superscript
from softmax_core import (
    boltzmann,
    entropy,
    entropy_envelope,
    free_energy,
    heat_capacity,
    heat_capacity_peak,
    log_partition_function,
    mean_energy,
    partition_function,
    thermal_entropy,
)

K_B_EV_PER_K = 8.617333262e-5  # Boltzmann's constant, exact in the SI since 2019 (CODATA 2018)
K_B_MEV_PER_K = 1e3 * K_B_EV_PER_K

SYSTEMS = ("Two-level", "Ladder", "Degenerate", "My logits")
SYSTEM_HELP = {
    "Two-level": "Two levels 0 and ε: a spin ½ in a magnetic field, the Schottky anomaly.",
    "Ladder": "Evenly spaced levels (n + ½)ε, n = 0…N−1: a harmonic oscillator truncated to N levels.",
    "Degenerate": "Two ground states at 0 (a tie, degeneracy 2) and one excited level at ε.",
    "My logits": "The sidebar's logits as energies, E = −z: softmax read as physics, β = 1/T as coldness.",
}
UNITS = ("dimensionless", "meV", "eV")
DEFAULT_EPSILON_MEV = 25.85  # kT at 300 K is 25.85 meV: T = 1 is room temperature
MIN_EPSILON_MEV, MAX_EPSILON_MEV = 1e-6, 1e6
DEFAULT_LADDER_LEVELS, MAX_LADDER_LEVELS = 10, 64


@dataclass(frozen=True)
class System:
    """Energy levels in units of ε, with a name for each."""

    name: str
    energies: np.ndarray
    labels: tuple[str, ...]
    level_title: str = "level"

    @property
    def is_schottky(self) -> bool:
        """Two distinct energies: C(T) has the Schottky peak."""
        return np.unique(self.energies).size == 2


def make_system(
    name: str | None, *, logits: np.ndarray, labels: tuple[str, ...], levels: int | None
) -> System:
    """The energies (in ε) and level names of a preset. An unknown or missing name (a link's empty
    ``system=`` clears the control) gives the two-level system; the ladder keeps 2…64 levels."""
    if name == "Ladder":
        count = DEFAULT_LADDER_LEVELS if levels is None else min(max(int(levels), 2), MAX_LADDER_LEVELS)
        n = np.arange(count, dtype=np.float64)
        return System(name, n + 0.5, tuple(str(i) for i in range(count)), "level n")
    if name == "Degenerate":
        return System(name, np.array([0.0, 0.0, 1.0]), ("ground a", "ground b", "excited"))
    if name == "My logits":
        return System(name, -np.asarray(logits, dtype=np.float64), tuple(labels))
    return System("Two-level", np.array([0.0, 1.0]), ("ground", "excited"))


@dataclass(frozen=True)
class Units:
    """How energies and temperatures are shown: in ε and kT, or in meV/eV and kelvin.

    ``power`` > 0 shows energies in units of 10^power ε (or meV, eV) on the charts: a linear axis
    spanning levels near ±1e308 would overflow in the browser, so such spectra are drawn scaled.
    """

    name: str  # one of UNITS
    epsilon_mev: float  # the size of ε in meV (unused when dimensionless)
    power: int = 0

    @property
    def physical(self) -> bool:
        return self.name != "dimensionless"

    @property
    def energy_unit(self) -> str:
        unit = self.name if self.physical else "ε"
        return f"10{superscript(self.power)} {unit}" if self.power else unit

    @property
    def energy_factor(self) -> float:
        """Displayed energy per unit ε (before the power of ten)."""
        if self.name == "meV":
            return self.epsilon_mev
        if self.name == "eV":
            return self.epsilon_mev / 1e3
        return 1.0

    @property
    def kelvin_per_kT(self) -> float:
        """Kelvin per unit of kT (kT in ε): T = kT·ε/k_B."""
        return self.epsilon_mev / K_B_MEV_PER_K

    @property
    def temperature_title(self) -> str:
        return "temperature T (K)" if self.physical else "kT in units of ε"

    def energy(self, values):
        """Energies in ε → displayed energies (may overflow to ±inf beyond 1.8e308: see ``fits``)."""
        with np.errstate(over="ignore"):
            return np.multiply(np.divide(values, 10.0**self.power), self.energy_factor)

    def temperature(self, kT):
        """kT in ε → the displayed temperature: kT itself, or T in kelvin."""
        if not self.physical:
            return np.asarray(kT, dtype=np.float64) if np.ndim(kT) else float(kT)
        with np.errstate(over="ignore"):
            return np.multiply(kT, self.kelvin_per_kT)

    def coldness(self, beta):
        """β in 1/ε → the displayed β: per displayed energy unit."""
        with np.errstate(over="ignore"):
            return np.multiply(np.divide(beta, self.energy_factor), 10.0**self.power)

    @property
    def coldness_unit(self) -> str:
        return f"({self.energy_unit})⁻¹" if self.power else f"{self.energy_unit}⁻¹"

    def fits(self, energies: np.ndarray, kT: float) -> bool:
        """Whether these energies and this kT can be shown in these units without overflowing."""
        if not self.physical:
            return True
        scaled = [self.energy(energies), self.temperature(kT if math.isfinite(kT) else 0.0)]
        return all(np.isfinite(values).all() for values in scaled)

    def for_charts(self, energies: np.ndarray) -> Units:
        """These units, with energies near the end of the floats (beyond 1e300 as shown) scaled down by
        a power of ten, so that a chart's energy axis spans a finite range."""
        largest = float(np.max(np.abs(self.energy(energies))))
        if not largest > 1e300:
            return self
        return replace(self, power=math.floor(math.log10(largest)))


def make_units(name: str | None, epsilon_mev: float | None) -> Units:
    """Units from the page's controls; anything unexpected falls back to dimensionless, ε = default."""
    if name not in UNITS:
        name = "dimensionless"
    if epsilon_mev is None or not (MIN_EPSILON_MEV <= epsilon_mev <= MAX_EPSILON_MEV):
        epsilon_mev = DEFAULT_EPSILON_MEV
    return Units(name, float(epsilon_mev))


def thermal_energy(temperature: float, beta: float) -> float:
    """kT (in ε) from the shared view's T and β: T itself, except −0.0 (T → 0⁻) at β = −∞, where the
    view's display temperature is 0 as at β = +∞."""
    return -0.0 if beta == -math.inf else temperature


def is_top_limit(kT: float) -> bool:
    """kT = −0.0: the limit T → 0⁻ (β = −∞), where only the top level(s) are populated."""
    return kT == 0 and math.copysign(1.0, kT) < 0


@dataclass(frozen=True)
class Thermodynamics:
    """The canonical ensemble at one kT: populations and the thermodynamic numbers (energies in ε)."""

    kT: float
    p: np.ndarray
    Z: float
    log_Z: float
    F: float
    U: float
    S: float  # in k_B
    C: float  # in k_B

    @property
    def beta(self) -> float:
        if self.kT == 0:
            return -math.inf if is_top_limit(self.kT) else math.inf
        return 1.0 / self.kT


def thermodynamics(energies: np.ndarray, kT: float) -> Thermodynamics:
    """Populations, Z, ln Z, F, U, S and C from the core, including the limit β = −∞ (kT = −0.0)."""
    kT = float(kT)
    if is_top_limit(kT):
        mirror = thermodynamics(-energies, 0.0)  # E at kT is −E at −kT: U and F change sign
        return Thermodynamics(kT, mirror.p, mirror.Z, mirror.log_Z, -mirror.F, -mirror.U, mirror.S, mirror.C)
    return Thermodynamics(
        kT=kT,
        p=boltzmann(energies, kT),
        Z=float(partition_function(energies, kT)),
        log_Z=float(log_partition_function(energies, kT)),
        F=float(free_energy(energies, kT)),
        U=float(mean_energy(energies, kT)),
        S=float(thermal_entropy(energies, kT)),
        C=float(heat_capacity(energies, kT)),
    )


@dataclass(frozen=True)
class Scene:
    """What every section of the page reads: the system, the units its numbers are shown in, and the
    canonical ensemble at the shared temperature (read as kT in ε)."""

    system: System
    units: Units  # the chosen units, or ε where the numbers overflow them
    chart_units: Units  # the same, scaled by a power of ten for levels near ±1e308
    state: Thermodynamics
    unit_note: str  # why the units shown are not the chosen ones, or ""

    @property
    def energies(self) -> np.ndarray:
        return self.system.energies

    @property
    def kT(self) -> float:
        return self.state.kT

    @property
    def negative(self) -> bool:
        """A negative temperature (β < 0, including β = −∞): the top level is the most populated."""
        return self.kT < 0 or is_top_limit(self.kT)


def scene_of(system: System, units: Units, kT: float) -> Scene:
    """The scene at kT (in ε), in ``units`` unless these energies or this kT overflow them."""
    energies = system.energies
    note = ""
    if not units.fits(energies, kT):
        note = (
            f"These energies or this temperature overflow a float when written in {units.name}, so this page "
            "shows them in units of ε."
        )
        units = make_units("dimensionless", units.epsilon_mev)
    chart_units = units.for_charts(energies)
    if chart_units.power:
        note += f" Levels this far apart are drawn in units of {chart_units.energy_unit}."
    return Scene(system, units, chart_units, thermodynamics(energies, kT), note)


@dataclass(frozen=True)
class Setting:
    """The page's own choices, the system and its units: with the shared temperature they give the scene."""

    system: System
    units: Units

    def at(self, temperature: float, beta: float) -> Scene:
        """The scene at the shared view's T and β (read as kT in ε, see ``thermal_energy``)."""
        return scene_of(self.system, self.units, thermal_energy(temperature, beta))

    @property
    def inputs(self) -> tuple:
        """A hashable of everything the setting holds: a chart drawn from it is rebuilt when it changes."""
        system = self.system
        return (system.name, system.energies.tobytes(), system.labels, system.level_title, self.units)


def half_spread(energies: np.ndarray) -> float:
    """(E_max − E_min)/2, computed in halves so that it never overflows."""
    return float(0.5 * energies.max() - 0.5 * energies.min())


def is_symmetric(energies: np.ndarray) -> bool:
    """Whether the spectrum is its own mirror image about its middle (then S and C are even in T)."""
    ordered = np.sort(energies)
    # In halves, so that levels near ±1.8e308 cannot overflow.
    middles = 0.5 * ordered + 0.5 * ordered[::-1]
    return bool(np.allclose(middles, middles[0], rtol=1e-12, atol=1e-12 * half_spread(energies)))


def curves(energies: np.ndarray, kT: np.ndarray) -> dict[str, np.ndarray]:
    """U, S and C at each kT of a grid (the core is vectorised over kT)."""
    return {
        "U": mean_energy(energies, kT),
        "S": thermal_entropy(energies, kT),
        "C": heat_capacity(energies, kT),
    }


def thermal_grid(kT: float, peak: tuple[float, float] | None, n: int = 241) -> np.ndarray:
    """kT values (in ε) for curves over T > 0: the slider's range, widened to the current |kT| and the
    heat-capacity peak (with a factor 3 to spare) when they lie outside it."""
    marks = [abs(kT)] + ([peak[0]] if peak is not None else [])
    lo, hi = temperature_range(*marks, margin=3.0)
    return temperature_grid(max(lo, 1e-315), min(hi, 1e308), points=n)


@dataclass(frozen=True)
class ThermalCurves:
    """U, S and C over T > 0 as the chart shows them, the T < 0 branch at |T| (for a negative T), the
    present state, and the heat-capacity peak (kT, C) with its marker (x, C, label, hover text)."""

    x: np.ndarray
    values: dict[str, np.ndarray]
    negative: dict[str, np.ndarray] | None
    current: tuple[float, dict[str, float], str]
    peak: tuple[float, float] | None
    peak_mark: tuple[float, float, str, str] | None


def _shown(values: dict[str, np.ndarray], units: Units) -> dict[str, np.ndarray]:
    return {"U": units.energy(values["U"]), "S": values["S"], "C": values["C"]}


def _present(scene: Scene, x: np.ndarray) -> tuple[float, dict[str, float], str]:
    """Where the present state sits on the T axis: at |T|, or at an end for the exact limits."""
    state, kT = scene.state, scene.kT
    now = {"U": float(scene.chart_units.energy(state.U)), "S": state.S, "C": state.C}
    if math.isinf(kT):
        return float(x[-1]), now, "now: T = ±∞ →"
    if kT == 0:
        return float(x[0]), now, "← now: T = 0⁻" if scene.negative else "← now: T = 0"
    return float(scene.units.temperature(abs(kT))), now, "now" if kT > 0 else "now (T < 0)"


def thermal_curves(scene: Scene) -> ThermalCurves:
    """The thermodynamics chart's data: the curves on a grid reaching the present T and the peak."""
    energies, units = scene.energies, scene.units
    peak = heat_capacity_peak(energies)
    grid = thermal_grid(scene.kT, peak)
    negative = _shown(curves(energies, -grid), scene.chart_units) if scene.negative else None
    x = units.temperature(grid)
    peak_mark = None
    if peak is not None:
        name = "Schottky peak" if scene.system.is_schottky else "peak"
        # Two short lines beside the point (a phone has no room for one long one); the hover says where.
        label = f"{name}<br>C = {number(peak[1])} k<sub>B</sub>"
        hover = f"{name}: C = {number(peak[1])} k<sub>B</sub> at {temperature_text(peak[0], units)}"
        peak_mark = (float(units.temperature(peak[0])), peak[1], label, hover)
    values = _shown(curves(energies, grid), scene.chart_units)
    return ThermalCurves(x, values, negative, _present(scene, x), peak, peak_mark)


def nice_ceiling(x: float) -> float:
    """The smallest of 1, 2, 5 × 10ⁿ that is at least ``x`` > 0."""
    exponent = math.floor(math.log10(x))
    return next(m * 10.0**exponent for m in (1.0, 2.0, 5.0, 10.0) if m * 10.0**exponent >= x)


def coldness_grid(energies: np.ndarray, beta: float, n: int = 241) -> np.ndarray:
    """β values (in 1/ε) symmetric about 0, with 0 exactly, for the populations against β: out to six
    typical gaps' worth of coldness (the ground state holds over 99 % there), widened to a round number
    (1, 2, 5 × 10ⁿ) beyond the present β when that is within a factor 1000 (beyond, the chart marks it at
    the end of its axis). Round, so that the axis stays put over a few stops of the temperature slider,
    where the chart follows the thumb by moving only its marker."""
    distinct = np.unique(energies).size
    if distinct > 1:
        # The mean gap between distinct levels, in halves so that a spread beyond 1.8e308 stays finite.
        typical_gap = min(2.0 * (half_spread(energies) / (distinct - 1)), sys.float_info.max)
        reach = min(6.0 / typical_gap, 1e300)
    else:
        reach = 6.0
    if math.isfinite(beta) and reach < 1.25 * abs(beta) <= 1000.0 * reach:
        reach = nice_ceiling(1.25 * abs(beta))
    half = np.linspace(0.0, reach, n // 2 + 1)[1:]
    return np.concatenate([-half[::-1], [0.0], half])


def random_distributions(energies: np.ndarray, n: int = 2000, seed: int = 20240501) -> np.ndarray:
    """``n`` random distributions over these levels (seeded): Dirichlet draws of varied concentration,
    half of them tilted by a random factor e^{−b (E − E_mid)/Δ} so that the cloud reaches every mean energy.

    A single concentration crowds its samples in one band of entropy, so each draw's α is log-uniform
    from 0.1 to 5 (nearly one-hot to nearly uniform). With many levels those draws still crowd around
    the mean of the levels; the tilt (b uniform in ±8, Δ half the spread, E_mid the middle of the
    spectrum) spreads the second half across the spectrum. No tilt can lift a distribution above the
    Boltzmann entropy: the chart shows the curve as the edge of an honest cloud.
    """
    k = len(energies)
    rng = np.random.default_rng(seed)
    alpha = np.exp(rng.uniform(math.log(0.1), math.log(5.0), size=(n, 1)))
    weights = rng.gamma(np.broadcast_to(alpha, (n, k)))
    spread = half_spread(energies)
    if spread > 0:
        middle = 0.5 * energies.min() + 0.5 * energies.max()
        tilt = rng.uniform(-8.0, 8.0, size=(n, 1))
        tilt[: n // 2] = 0.0
        weights = weights * np.exp(-tilt * ((energies - middle) / spread))  # exponents within ±8
    totals = weights.sum(axis=1, keepdims=True)
    keep = totals[:, 0] > 0  # every gamma draw underflowing to 0 has probability below 1e-60
    return weights[keep] / totals[keep]


def max_entropy_cloud(energies: np.ndarray) -> dict[str, np.ndarray]:
    """The maximum-entropy chart's data (energies in ε): the seeded random distributions' U and S, and
    the Boltzmann curve over every kT of both signs (``U``, ``S``, ``branch``)."""
    sample_s, sample_u = entropy_and_mean_energy(energies, random_distributions(energies))
    curve = entropy_envelope(energies)
    return {"sample_u": sample_u, "sample_s": sample_s, "U": curve.U, "S": curve.S, "branch": curve.branch}


def entropy_and_mean_energy(energies: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """S = −Σ p ln p (k_B) and U = Σ p E (in ε) of each row of ``p``.

    U is a convex combination of the levels, so it is computed on energies scaled into [−1, 1] and
    clipped to [E_min, E_max] before scaling back: no overflow even for levels near ±1.8e308.
    """
    scale = float(np.abs(energies).max()) or 1.0
    scaled = p @ (energies / scale)
    scaled = np.clip(scaled, energies.min() / scale, energies.max() / scale)
    return entropy(p, axis=1), scaled * scale


# --- text ------------------------------------------------------------------------------------------


def temperature_text(kT: float, units: Units, *, short: bool = False) -> str:
    """The present temperature, e.g. 'kT = 1 ε', 'kT = 25.85 meV, T = 300 K', 'T = 0⁻ (β = −∞)';
    ``short`` keeps only the kelvin in physical units ('T = 300 K'), for a chart title."""
    if kT == 0:
        return "T = 0⁻ (β = −∞)" if is_top_limit(kT) else "T = 0"
    if math.isinf(kT):
        return "T = ±∞ (β = 0)"
    if not units.physical:
        return f"kT = {number(kT)} ε"
    kelvin = f"T = {number(float(units.temperature(kT)))} K"
    return kelvin if short else f"kT = {number(float(units.energy(kT)))} {units.name}, {kelvin}"


def _with_unit(value: float, unit: str) -> str:
    return number(value) if not math.isfinite(value) else f"{number(value)} {unit}"


def numbers_table(state: Thermodynamics, units: Units) -> str:
    """Z, ln Z, F, U, S and C (and the temperature they hold at) as one Markdown table."""
    energy = units.energy_unit
    entropy_unit = f"{units.name}/K"
    per_kelvin = K_B_MEV_PER_K if units.name == "meV" else K_B_EV_PER_K

    def thermal(value: float) -> str:
        text = f"{number(value)} $k_B$"
        if units.physical:
            text += f" = {number(value * per_kelvin)} {entropy_unit}"
        return text

    exact_limit = state.kT == 0 or math.isinf(state.kT)
    if state.Z in (0.0, math.inf) and not exact_limit:
        beyond = "overflows" if state.Z else "underflows"
        also = "; see ln Z" if math.isfinite(state.log_Z) else ", as ln Z does"
        z_text = f"{number(state.Z)}: {beyond} a float{also}"
    elif state.Z in (0.0, math.inf):
        z_text = f"{number(state.Z)} (the exact limit)"
    else:
        z_text = number(state.Z)
    log_z_text = number(state.log_Z)
    if math.isinf(state.log_Z) and not exact_limit:
        log_z_text += " (beyond the largest float)"
    beta_unit = units.coldness_unit
    rows = [
        ("temperature", "", temperature_text(state.kT, units)),
        ("coldness β", "$\\beta = 1/kT$", _with_unit(float(units.coldness(state.beta)), beta_unit)),
        ("partition function Z", "$Z = \\sum_i e^{-E_i/kT}$", z_text),
        ("ln Z", "$\\ln Z$", log_z_text),
        ("free energy F", "$F = -kT \\ln Z$", _with_unit(float(units.energy(state.F)), energy)),
        ("mean energy U", "$U = \\sum_i p_i E_i$", _with_unit(float(units.energy(state.U)), energy)),
        ("entropy S", "$S = -k_B \\sum_i p_i \\ln p_i$", thermal(state.S)),
        ("heat capacity C", "$C = dU/dT = \\mathrm{Var}(E)/kT^2$", thermal(state.C)),
    ]
    lines = ["| quantity | definition | value |", "|:---|:---|---:|"]
    lines += [f"| {name} | {formula} | {value} |" for name, formula, value in rows]
    return "\n".join(lines)
