"""What the Boltzmann page writes beside its charts, as Markdown built from the page's numbers.

Pure: each function takes the page's :class:`~lessons.boltzmann.model.Scene` and returns the text, so
every branch of the story is testable without Streamlit; the longer fixed paragraphs live here too, so
the page reads as its sections.
"""

from __future__ import annotations

import math

from lessons.boltzmann import model
from lessons.boltzmann.model import Scene, ThermalCurves, is_symmetric, temperature_text
from lessons.common.text import number

SYSTEM_HELP = "\n".join(f"- **{name}**: {text}" for name, text in model.SYSTEM_HELP.items())
UNITS_HELP = (
    "Dimensionless: energies in ε and temperature as kT in ε. meV or eV: energies in that unit and T in "
    "kelvin, with k_B = 8.617333262 × 10⁻⁵ eV/K and ε set below."
)
EPSILON_HELP = (
    "The size of the energy unit ε, used when energies are in meV or eV. 25.85 meV is kT at 300 K, so "
    "T = 1 is room temperature; about 10⁻⁴ meV is the splitting of nuclear spins in a strong magnetic field."
)
EPSILON_UNUSED = "Used with meV or eV: in units of ε the levels need no size."
LEVELS_HELP = (
    "How many levels of the harmonic oscillator the Ladder system keeps (it is truncated at N); the "
    "other systems have their own levels."
)
LEVELS_UNUSED = "Only the Ladder system has N levels to choose."


def epsilon_help(used: bool) -> str:
    """The help of the ε control, which says first why it is greyed out when the energies are in ε."""
    return EPSILON_HELP if used else f"**Greyed out:** {EPSILON_UNUSED}\n\n{EPSILON_HELP}"


def levels_help(used: bool) -> str:
    """The help of the ladder's N, which says first why it is greyed out for the other systems."""
    return LEVELS_HELP if used else f"**Greyed out:** {LEVELS_UNUSED}\n\n{LEVELS_HELP}"


INTRO = (
    "Softmax is the **Boltzmann distribution** of statistical physics. A system with energy levels "
    "$E_i$ in equilibrium at temperature $T$ is found in level $i$ with probability "
    "$p_i = e^{-E_i/kT}/Z$: low levels are favoured, and the thermal energy $kT$ sets by how much. "
    "Logits are minus energies, $z_i = -E_i$. Here the sidebar's **T is the thermal energy kT in units "
    "of ε** (the gap of the two-level system, the spacing of the ladder, one unit of logit), and "
    "**β = 1/T is the coldness 1/kT**; give ε a size in meV to read T in kelvin."
)

DICTIONARY = (
    "| softmax | physics |\n|:---|:---|\n"
    "| logit $z_i$ | minus the energy, $-E_i$ |\n"
    "| temperature $T$ | thermal energy $kT$ |\n"
    "| $\\beta = 1/T$ | coldness $1/kT$ |\n"
    "| $\\sum_j e^{\\beta z_j}$ | partition function $Z$ |\n"
    "| logsumexp $\\ln \\sum_j e^{\\beta z_j}$ | $\\ln Z = -F/kT$ |\n"
    "| entropy $H(p)$ | $S/k_B$ |\n"
    "| arg max ($T \\to 0$) | ground state |\n"
    "| uniform ($T \\to \\infty$) | all levels equally likely |\n"
    "| $\\beta < 0$, arg min | negative temperature, top level |"
)

MY_LOGITS = "Choose **My logits** above to see the sidebar's logits as energy levels, E = −z."

NUMBERS_NOTE = (
    "F = U − TS and S/k_B = ln Z + U/kT tie these together. Z and F depend on where the energy zero "
    "is; p, S and C do not. Z overflows long before ln Z does, so both are shown."
)

NEGATIVE_INTRO = (
    "With finitely many levels nothing stops the coldness β = 1/kT from passing through 0 (T = ±∞, every "
    "level equally likely) into negative values, where $e^{-\\beta E}$ grows with E. To get there, read "
    "the temperature as **β = 1/T** in the sidebar and slide β below 0, press **β → −∞**, or type a "
    "negative T."
)

INVERSION = (
    "Read the bands from right to left: at large β the ground level holds nearly everything, at β = 0 "
    "all levels hold the same, and below 0 the top level fills first, a **population inversion**. Such a "
    "system is hotter than any positive temperature: in contact with an ordinary one it gives heat away. "
    "It is real where the energy is bounded above: Purcell and Pound (1951) reversed the magnetic field "
    "on the nuclear spins of a LiF crystal faster than the spins could follow, leaving them inverted for "
    "minutes, and every laser's gain medium holds a population inversion between its lasing levels. A "
    "real oscillator or a free particle cannot (Z would diverge); the ladder here is truncated, so it "
    "can."
)


def _populations_note(scene: Scene) -> str:
    kT = scene.kT
    if scene.negative:
        return (
            "**Population inversion**: at a negative temperature $e^{-E/kT}$ grows with the energy, so the "
            "highest level is the most populated and the ground level the least."
        )
    if kT == 0:
        return (
            "At T = 0 only the ground level is populated, split equally when several levels share the "
            "lowest energy (a tie, exactly as softmax's arg max splits ties)."
        )
    if math.isinf(kT):
        return "At T = ∞ the energies no longer matter: every level holds 1/K."
    return (
        r"Each level holds $e^{-\Delta E/kT}$ times the population of a level $\Delta E$ below it: one "
        "kT higher, 37 % as many; five kT higher, under 1 %."
    )


def populations(scene: Scene) -> str:
    """Under the level diagram and the bars: what the populations say at this temperature."""
    kT = scene.kT
    bracket = (
        " The orange bracket on the diagram is kT, measured from the most populated end of the spectrum."
        if math.isfinite(kT) and kT != 0
        else ""
    )
    return (
        _populations_note(scene)
        + bracket
        + " The red dashed line is the mean energy U. Move T in the sidebar and watch the bars follow."
        + (f" {scene.unit_note}" if scene.unit_note else "")
    )


def _peak(scene: Scene, peak: tuple[float, float] | None) -> str:
    if peak is None:
        return ""
    at = temperature_text(peak[0], scene.units)
    text = f"The heat capacity peaks at {at} with C = {number(peak[1])} $k_B$"
    if not scene.system.is_schottky:
        return text + ", where the thermal energy reaches the most new levels."
    text += (
        ": the **Schottky anomaly**. Where kT is near the gap, a little more heat lifts the most "
        "systems across it; far below, too few have the energy; far above, both levels are already "
        "nearly equally full."
    )
    if len(scene.energies) == 2:
        text += " For two levels it sits at kT ≈ 0.42 ΔE."
    if scene.system.name == "Degenerate":
        text += " The twofold ground level moves it from 0.42 ΔE of the plain two-level system."
    return text


def _mirror(scene: Scene) -> str:
    if not scene.negative:
        return ""
    text = (
        "The dashed curves are the negative temperatures, drawn at |T|: they meet the solid ones at T = ±∞."
    )
    if is_symmetric(scene.energies):
        text += " This spectrum is symmetric about its middle, so S and C at −T equal those at T."
    return text


def thermodynamics(scene: Scene, curves: ThermalCurves) -> str:
    """Under U, S and C against T: where they go, the heat-capacity peak, the limits and T < 0."""
    peak = _peak(scene, curves.peak)
    if scene.system.name == "Ladder":
        peak += (
            " A real oscillator would keep C → 1 $k_B$ (equipartition) at high T; this one is cut off at N "
            "levels, so once kT spans them all C falls back to 0."
        )
    limit = ""
    if scene.kT == 0 or math.isinf(scene.kT):
        limit = (
            "The curves cannot reach an exact limit on a log axis, so the present state is marked at the end "
            "of the axis with the limit's exact values. "
        )
    return (
        "As T rises, U climbs from the ground energy towards the mean of all levels, and S from ln g "
        f"(g ground states) towards ln K = {number(math.log(len(scene.energies)))}. "
        + peak
        + " "
        + limit
        + _mirror(scene)
    )


def max_entropy(scene: Scene) -> str:
    """Under entropy against mean energy: the Boltzmann curve tops every distribution (Jaynes). With two
    levels the random distributions all lie on the curve, hidden under it, and the text says so first."""
    two = len(scene.energies) == 2
    if two:
        cloud = (
            "With two levels the mean energy U fixes the distribution, so the 2,000 random distributions "
            "drawn here all lie on the curve, hidden under it: choose **Ladder** above to see them as a "
            "cloud of grey dots. "
        )
    else:
        cloud = (
            "Each grey dot is a distribution over these levels drawn at random (2,000, seeded; half of them "
            "tilted towards one end of the spectrum, so that the cloud spans every U). "
        )
    return (
        cloud
        + "Among all distributions with the same mean energy U, on the dotted vertical line, the Boltzmann "
        "distribution has the largest entropy"
        + ("" if two else ": the curve is the upper edge of the cloud")
        + ". That is why the exponential: maximising $-\\sum p \\ln p$ with $\\sum p = 1$ and "
        "$\\sum p E = U$ fixed gives $p_i \\propto e^{-\\beta E_i}$, with β the Lagrange multiplier of U; "
        "the right half of the curve (U above the mean of the levels) is the negative temperatures."
    )
