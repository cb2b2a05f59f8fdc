"""Boltzmann distribution: softmax read as physics, with energy levels, temperature and thermodynamics.

The shared temperature T is the thermal energy kT in ε, the energy unit of the levels, and β = 1/T the
coldness (see ``lessons.boltzmann.model``); meV/eV and kelvin are derived from a chosen size of ε.
"""

import math

import numpy as np
import streamlit as st

import ui
from lessons.boltzmann import captions, figures, model
from lessons.boltzmann.params import ENERGY_UNITS, EPSILON, LEVELS, SYSTEM
from lessons.common.text import number
from softmax_core import argmax_onehot, argmin_onehot, softmax_sweep
from ui import instant_chart
from ui.charts import show

shell = ui.setup(__file__)
st.title("Boltzmann distribution")
st.markdown(
    "Softmax is the **Boltzmann distribution** of statistical physics. A system with energy levels "
    "$E_i$ in equilibrium at temperature $T$ is found in level $i$ with probability "
    "$p_i = e^{-E_i/kT}/Z$: low levels are favoured, and the thermal energy $kT$ sets by how much. "
    "Logits are minus energies, $z_i = -E_i$. Here the sidebar's **T is the thermal energy kT in units "
    "of ε** (the gap of the two-level system, the spacing of the ladder, one unit of logit), and "
    "**β = 1/T is the coldness 1/kT**; give ε a size in meV to read T in kelvin."
)


@st.cache_data(max_entries=32, show_spinner=False)
def max_entropy_data(levels: tuple[float, ...]) -> dict[str, np.ndarray]:
    """2,000 seeded random distributions over these levels and the Boltzmann curve, in ε."""
    return model.max_entropy_cloud(np.array(levels))


def section_controls(view: ui.View) -> model.Scene:
    """The system, the energy unit and its size, the ladder's length: the scene every section draws."""
    # Two rows, so that every option of both choices shows in full beside the other.
    system_column, units_column = st.columns([4, 3], gap="medium")
    system_name = system_column.segmented_control(
        "System", SYSTEM.choices, default=SYSTEM.default, required=True, key=SYSTEM.name,
        bind="query-params", help=captions.SYSTEM_HELP,
    )  # fmt: skip
    units_name = units_column.segmented_control(
        "Energies in", ENERGY_UNITS.choices, default=ENERGY_UNITS.default, required=True,
        key=ENERGY_UNITS.name, bind="query-params", help=captions.UNITS_HELP,
    )  # fmt: skip
    epsilon_column, levels_column = st.columns(2, gap="medium")
    in_epsilon, ladder = units_name not in ("meV", "eV"), system_name == "Ladder"
    epsilon_mev = epsilon_column.number_input(
        "ε in meV", min_value=EPSILON.low, max_value=EPSILON.high, value=EPSILON.default, format="%g",
        key=EPSILON.name, bind="query-params", disabled=in_epsilon, help=captions.EPSILON_HELP,
    )  # fmt: skip
    if in_epsilon:
        epsilon_column.caption(captions.EPSILON_UNUSED)
    levels = levels_column.slider(
        "Ladder levels N", min_value=int(LEVELS.low), max_value=int(LEVELS.high), value=LEVELS.default,
        key=LEVELS.name, bind="query-params", disabled=not ladder, help=captions.LEVELS_HELP,
    )  # fmt: skip
    if not ladder:
        levels_column.caption(captions.LEVELS_UNUSED)
    system = model.make_system(system_name, logits=view.logits, labels=view.labels, levels=levels)
    kT = model.thermal_energy(view.temperature, view.beta)  # the shared T read as kT in ε
    return model.scene_of(system, model.make_units(units_name, epsilon_mev), kT)


def section_populations(scene: model.Scene, view_state) -> None:
    """The levels with their populations, and the populations beside their T → 0 limit."""
    state, chart_units, labels = scene.state, scene.chart_units, scene.system.labels
    where = model.temperature_text(scene.kT, scene.units, short=True)
    diagram_column, bars_column = st.columns(2, gap="large")
    with diagram_column:
        show(
            figures.level_diagram(
                chart_units.energy(scene.energies),
                state.p,
                labels,
                mean_energy=float(chart_units.energy(state.U)),
                kT=float(chart_units.energy(scene.kT)) if math.isfinite(scene.kT) else None,
                energy_unit=chart_units.energy_unit,
                title="Levels and populations",
                subtitle=f"at {where}",
            ),
            key="levels_diagram",
        )
    with bars_column:

        def populations(at):  # the chart at any stop of the slider: it follows the thumb
            there = model.scene_of(scene.system, scene.units, model.thermal_energy(at.temperature, at.beta))
            return figures.population_bars(
                there.state.p,
                labels,
                limit=argmax_onehot(there.energies) if there.negative else argmin_onehot(there.energies),
                limit_name="top level(s) (T → 0⁻)" if there.negative else "ground state(s) (T → 0)",
                title="Populations p = e<sup>−E/kT</sup>/Z",
                subtitle=f"at {model.temperature_text(there.kT, there.units, short=True)}",
                level_title=there.system.level_title,
            )

        instant_chart.follow(populations, view_state, key="populations", inputs=repr(scene.system))
    st.markdown(captions.populations(scene))


def section_numbers(scene: model.Scene) -> None:
    """Z, ln Z, F, U, S and C now, beside the dictionary from softmax to physics."""
    numbers_column, dictionary_column = st.columns([6, 5], gap="large")
    with numbers_column:
        st.markdown("#### Thermodynamics at this temperature")
        st.markdown(model.numbers_table(scene.state, scene.units))
        st.caption(captions.NUMBERS_NOTE)
    with dictionary_column:
        st.markdown("#### Softmax ↔ physics")
        st.markdown(captions.DICTIONARY)
        st.caption("Choose **My logits** above to see the sidebar's logits as energy levels, E = −z.")


def section_thermodynamics(scene: model.Scene) -> None:
    """U, S and C against temperature, the present state and the heat-capacity peak marked."""
    st.subheader("Energy, entropy and heat capacity against temperature")
    curves = model.thermal_curves(scene)
    show(
        figures.thermodynamic_curves(
            curves.x,
            curves.values,
            x_title=scene.units.temperature_title + " (log scale)",
            energy_unit=scene.chart_units.energy_unit,
            current=curves.current,
            negative=curves.negative,
            peak=curves.peak_mark,
        ),
        key="thermodynamics",
    )
    st.markdown(captions.thermodynamics(scene, curves))


def section_negative_temperature(scene: model.Scene) -> None:
    """The populations against β, through β = 0 into the population inversion of β < 0."""
    st.subheader("Negative temperature: hotter than infinitely hot")
    st.markdown(captions.NEGATIVE_INTRO)
    chart_units, state = scene.chart_units, scene.state
    betas = model.coldness_grid(scene.energies, state.beta)
    show(
        figures.populations_against_beta(
            chart_units.coldness(betas),
            softmax_sweep(-scene.energies, betas),
            scene.system.labels,
            current_beta=float(chart_units.coldness(state.beta)),
            beta_unit=chart_units.coldness_unit,
            level_title=scene.system.level_title,
            current_label=None
            if chart_units.power == 0
            else f"{number(state.beta)} {scene.units.coldness_unit}",
        ),
        key="inversion",
    )
    st.markdown(captions.INVERSION)


def section_max_entropy(scene: model.Scene) -> None:
    """Entropy against mean energy: the Boltzmann curve is the upper edge of every distribution."""
    st.subheader("Why the exponential? Maximum entropy")
    data = max_entropy_data(tuple(scene.energies.tolist()))
    chart_units, state = scene.chart_units, scene.state
    show(
        figures.max_entropy(
            chart_units.energy(data["sample_u"]),
            data["sample_s"],
            chart_units.energy(data["U"]),
            data["S"],
            data["branch"],
            current_u=float(chart_units.energy(state.U)),
            current_s=state.S,
            max_s=math.log(len(scene.energies)),
            energy_unit=chart_units.energy_unit,
        ),
        key="max_entropy",
    )
    st.markdown(captions.max_entropy(scene))


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    scene = section_controls(view)
    section_populations(scene, view.state)
    section_numbers(scene)
    section_thermodynamics(scene)
    section_negative_temperature(scene)
    section_max_entropy(scene)


shell.live(draw)
