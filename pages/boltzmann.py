"""Boltzmann distribution: softmax read as physics, with energy levels, temperature and thermodynamics.

The shared temperature T is the thermal energy kT in ε, the energy unit of the levels, and β = 1/T the
coldness (see ``lessons.boltzmann.model``); meV/eV and kelvin are derived from a chosen size of ε.
"""

import math

import numpy as np
import streamlit as st

import ui
from lessons.boltzmann import figures, model, params
from lessons.common.text import number
from softmax_core import argmax_onehot, argmin_onehot, softmax_sweep
from ui.charts import show

shell = ui.setup(__file__)
st.title("Boltzmann distribution")
st.markdown(
    "Softmax is the **Boltzmann distribution** of statistical model. A system with energy levels "
    "$E_i$ in equilibrium at temperature $T$ is found in level $i$ with probability "
    "$p_i = e^{-E_i/kT}/Z$: low levels are favoured, and the thermal energy $kT$ sets by how much. "
    "Logits are minus energies, $z_i = -E_i$. Here the sidebar's **T is the thermal energy kT in units "
    "of ε** (the gap of the two-level system, the spacing of the ladder, one unit of logit), and "
    "**β = 1/T is the coldness 1/kT**; give ε a size in meV to read T in kelvin."
)


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    system_column, units_column, epsilon_column, levels_column = st.columns(
        [3.6, 2.4, 1.2, 1.6], gap="medium"
    )
    with system_column:
        system_name = st.segmented_control(
            "System",
            model.SYSTEMS,
            default="Two-level",
            required=True,
            key="system",
            bind="query-params",
            help="\n".join(f"- **{name}**: {text}" for name, text in model.SYSTEM_HELP.items()),
        )
    with units_column:
        units_name = st.segmented_control(
            "Energies in",
            params.ENERGY_UNITS.choices,
            default=params.ENERGY_UNITS.default,
            required=True,
            key=params.ENERGY_UNITS.name,
            bind="query-params",
            help="Dimensionless: energies in ε and temperature as kT in ε. meV or eV: energies in that unit "
            "and T in kelvin, with k_B = 8.617333262 × 10⁻⁵ eV/K and ε set beside.",
        )
    with epsilon_column:
        epsilon_mev = st.number_input(
            "ε in meV",
            min_value=model.MIN_EPSILON_MEV,
            max_value=model.MAX_EPSILON_MEV,
            value=model.DEFAULT_EPSILON_MEV,
            format="%g",
            key="epsilon",
            bind="query-params",
            disabled=units_name == "dimensionless",
            help="The size of the energy unit ε. 25.85 meV is kT at 300 K, so T = 1 is room temperature; "
            "about 10⁻⁴ meV is the splitting of nuclear spins in a strong magnetic field.",
        )
    with levels_column:
        ladder_levels = st.slider(
            "Ladder levels N",
            min_value=2,
            max_value=model.MAX_LADDER_LEVELS,
            value=model.DEFAULT_LADDER_LEVELS,
            key="levels",
            bind="query-params",
            disabled=system_name != "Ladder",
            help="How many levels of the harmonic oscillator to keep (the ladder is truncated at N).",
        )

    system = model.make_system(system_name, logits=view.logits, labels=view.labels, levels=ladder_levels)
    energies = system.energies
    kT = view.temperature  # the shared T read as kT in ε; −0.0 is β = −∞
    units = model.make_units(units_name, epsilon_mev)
    unit_note = ""
    if not units.fits(energies, kT):
        unit_note = (
            f"These energies or this temperature overflow a float when written in {units.name}, so this page "
            "shows them in units of ε."
        )
        units = model.make_units("dimensionless", units.epsilon_mev)
    state = model.thermodynamics(energies, kT)
    negative = kT < 0 or model.is_top_limit(kT)
    chart_units = units.for_charts(energies)  # the same units, scaled by a power of ten for levels near 1e308
    if chart_units.power:
        unit_note += f" Levels this far apart are drawn in units of {chart_units.energy_unit}."
    shown_energies = chart_units.energy(energies)
    energy_unit = chart_units.energy_unit

    # --- levels and populations ---
    where = model.temperature_text(kT, units, short=True)
    diagram_column, bars_column = st.columns(2, gap="large")
    with diagram_column:
        show(
            figures.level_diagram(
                shown_energies,
                state.p,
                system.labels,
                mean_energy=float(chart_units.energy(state.U)),
                kT=float(chart_units.energy(kT)) if math.isfinite(kT) else None,
                energy_unit=energy_unit,
                title=f"Levels and populations at {where}",
            ),
            key="levels_diagram",
        )
    with bars_column:
        limit = argmin_onehot(energies) if not negative else argmax_onehot(energies)
        show(
            figures.population_bars(
                state.p,
                system.labels,
                limit=limit,
                limit_name="top level(s) (T → 0⁻)" if negative else "ground state(s) (T → 0)",
                title=f"Populations p = e^(−E/kT)/Z at {where}",
                level_title=system.level_title,
            ),
            key="populations",
        )
    if negative:
        populations_note = (
            "**Population inversion**: at a negative temperature $e^{-E/kT}$ grows with the energy, so the "
            "highest level is the most populated and the ground level the least."
        )
    elif kT == 0:
        populations_note = (
            "At T = 0 only the ground level is populated, split equally when several levels share the "
            "lowest energy (a tie, exactly as softmax's arg max splits ties)."
        )
    elif math.isinf(kT):
        populations_note = "At T = ∞ the energies no longer matter: every level holds 1/K."
    else:
        populations_note = (
            r"Each level holds $e^{-\Delta E/kT}$ times the population of a level $\Delta E$ below it: one "
            "kT higher, 37 % as many; five kT higher, under 1 %."
        )
    bracket_note = (
        " The orange bracket on the diagram is kT, measured from the most populated end of the spectrum."
        if math.isfinite(kT) and kT != 0
        else ""
    )
    st.markdown(
        populations_note
        + bracket_note
        + " The red dashed line is the mean energy U. Move T in the sidebar and watch the bars follow."
        + (f" {unit_note}" if unit_note else "")
    )

    numbers_column, dictionary_column = st.columns([6, 5], gap="large")
    with numbers_column:
        st.markdown("#### Thermodynamics at this temperature")
        st.markdown(model.numbers_table(state, units))
        st.caption(
            "F = U − TS and S/k_B = ln Z + U/kT tie these together. Z and F depend on where the energy zero "
            "is; p, S and C do not. Z overflows long before ln Z does, so both are shown."
        )
    with dictionary_column:
        st.markdown("#### Softmax ↔ physics")
        st.markdown(
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
        st.caption("Choose **My logits** above to see the sidebar's logits as energy levels, E = −z.")

    # --- thermodynamics over temperature ---
    st.subheader("Energy, entropy and heat capacity against temperature")
    peak = model.heat_capacity_peak(energies)
    grid = model.thermal_grid(kT, peak)
    values = model.curves(energies, grid)
    shown = {"U": chart_units.energy(values["U"]), "S": values["S"], "C": values["C"]}
    mirror = None
    if negative:
        mirrored = model.curves(energies, -grid)
        mirror = {"U": chart_units.energy(mirrored["U"]), "S": mirrored["S"], "C": mirrored["C"]}
    x = units.temperature(grid)
    now = {"U": float(chart_units.energy(state.U)), "S": state.S, "C": state.C}
    if math.isinf(kT):
        current = (float(x[-1]), now, "now: T = ±∞ →")
    elif kT == 0:
        current = (float(x[0]), now, "← now: T = 0⁻" if negative else "← now: T = 0")
    else:
        current = (float(units.temperature(abs(kT))), now, "now" if kT > 0 else "now (T < 0)")
    peak_mark = None
    peak_note = ""
    if peak is not None:
        peak_kT, peak_c = peak
        name = "Schottky peak" if system.is_schottky else "peak"
        at = model.temperature_text(peak_kT, units)
        peak_mark = (
            float(units.temperature(peak_kT)),
            peak_c,
            f"{name}: C = {number(peak_c)} k<sub>B</sub> at {at}",
        )
        peak_note = f"The heat capacity peaks at {at} with C = {number(peak_c)} $k_B$"
        if system.is_schottky:
            peak_note += (
                ": the **Schottky anomaly**. Where kT is near the gap, a little more heat lifts the most "
                "systems across it; far below, too few have the energy; far above, both levels are already "
                "nearly equally full."
                + (" For two levels it sits at kT ≈ 0.42 ΔE." if len(energies) == 2 else "")
                + (
                    " The twofold ground level moves it from 0.42 ΔE of the plain two-level system."
                    if system.name == "Degenerate"
                    else ""
                )
            )
        else:
            peak_note += ", where the thermal energy reaches the most new levels."
    if system.name == "Ladder":
        peak_note += (
            " A real oscillator would keep C → 1 $k_B$ (equipartition) at high T; this one is cut off at N "
            "levels, so once kT spans them all C falls back to 0."
        )
    show(
        figures.thermodynamic_curves(
            x,
            shown,
            x_title=units.temperature_title + " (log scale)",
            energy_unit=energy_unit,
            current=current,
            negative=mirror,
            peak=peak_mark,
        ),
        key="thermodynamics",
    )
    limit_note = ""
    if kT == 0 or math.isinf(kT):
        limit_note = (
            "The curves cannot reach an exact limit on a log axis, so the present state is marked at the end "
            "of the axis with the limit's exact values. "
        )
    mirror_note = ""
    if negative:
        mirror_note = (
            "The dashed curves are the negative temperatures, drawn at |T|: "
            "they meet the solid ones at T = ±∞."
        )
        if model.is_symmetric(energies):
            mirror_note += " This spectrum is symmetric about its middle, so S and C at −T equal those at T."
    st.markdown(
        "As T rises, U climbs from the ground energy towards the mean of all levels, and S from ln g "
        f"(g ground states) towards ln K = {number(math.log(len(energies)))}. "
        + peak_note
        + " "
        + limit_note
        + mirror_note
    )

    # --- negative temperature ---
    st.subheader("Negative temperature: hotter than infinitely hot")
    st.markdown(
        "With finitely many levels nothing stops the coldness β = 1/kT from passing through 0 (T = ±∞, every "
        "level equally likely) into negative values, where $e^{-\\beta E}$ grows with E. To get there, read "
        "the temperature as **β = 1/T** in the sidebar and slide β below 0, press **β → −∞**, or type a "
        "negative T."
    )
    betas = model.coldness_grid(energies, state.beta)
    show(
        figures.populations_against_beta(
            chart_units.coldness(betas),
            softmax_sweep(-energies, betas),
            system.labels,
            current_beta=float(chart_units.coldness(state.beta)),
            beta_unit=chart_units.coldness_unit,
            level_title=system.level_title,
            current_label=None if chart_units.power == 0 else f"{number(state.beta)} {units.coldness_unit}",
        ),
        key="inversion",
    )
    st.markdown(
        "Read the bands from right to left: at large β the ground level holds nearly everything, at β = 0 "
        "all levels hold the same, and below 0 the top level fills first, a **population inversion**. Such a "
        "system is hotter than any positive temperature: in contact with an ordinary one it gives heat away. "
        "It is real where the energy is bounded above: Purcell and Pound (1951) reversed the magnetic field "
        "on the nuclear spins of a LiF crystal faster than the spins could follow, leaving them inverted for "
        "minutes, and every laser's gain medium holds a population inversion between its lasing levels. A "
        "real oscillator or a free particle cannot (Z would diverge); the ladder here is truncated, so it "
        "can."
    )

    # --- maximum entropy ---
    st.subheader("Why the exponential? Maximum entropy")

    @st.cache_data(max_entries=32, show_spinner=False)
    def max_entropy_data(levels: tuple[float, ...]) -> dict[str, np.ndarray]:
        """2,000 seeded random distributions over these levels and the Boltzmann curve, in ε."""
        e = np.array(levels)
        sample_s, sample_u = model.entropy_and_mean_energy(e, model.random_distributions(e))
        curve = model.envelope(e)
        return {"sample_u": sample_u, "sample_s": sample_s, **curve}

    data = max_entropy_data(tuple(energies.tolist()))
    show(
        figures.max_entropy(
            chart_units.energy(data["sample_u"]),
            data["sample_s"],
            chart_units.energy(data["U"]),
            data["S"],
            data["branch"],
            current_u=float(chart_units.energy(state.U)),
            current_s=state.S,
            max_s=math.log(len(energies)),
            energy_unit=energy_unit,
        ),
        key="max_entropy",
    )
    st.markdown(
        "Each grey dot is a distribution over these levels drawn at random (2,000, seeded; half of them "
        "tilted towards one end of the spectrum, so that the cloud spans every U). Among all "
        "distributions with the same mean energy U, on the dotted vertical line, the Boltzmann distribution "
        "has the largest entropy: the curve is the upper edge of the cloud. That is why the exponential: "
        "maximising $-\\sum p \\ln p$ with $\\sum p = 1$ and $\\sum p E = U$ fixed gives $p_i \\propto "
        "e^{-\\beta E_i}$, with β the Lagrange multiplier of U; the right half of the curve (U above the "
        "mean of the levels) is the negative temperatures."
        + (
            " With two levels U fixes the distribution, so every dot lies on the curve: try the ladder."
            if len(energies) == 2
            else ""
        )
    )


shell.live(draw)
