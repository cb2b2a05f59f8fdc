"""Boltzmann distribution: softmax read as physics, with energy levels, temperature and thermodynamics.

The shared temperature T is the thermal energy kT in ε, the energy unit of the levels, and β = 1/T the
coldness (see ``lessons.boltzmann.model``); meV/eV and kelvin are derived from a chosen size of ε.
"""

from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import ui
from lessons.boltzmann import captions, charts, model
from lessons.boltzmann.params import ENERGY_UNITS, EPSILON, LEVELS, SYSTEM
from ui import instant_chart, instant_numbers
from ui.layout import side_by_side

Chart = Callable[[model.Scene], go.Figure]  # a chart of the scene at one temperature


@st.cache_data(max_entries=32, show_spinner=False)
def max_entropy_cloud(levels: tuple[float, ...]) -> dict[str, np.ndarray]:
    """2,000 seeded random distributions over these levels and the Boltzmann curve, in ε."""
    return model.max_entropy_cloud(np.array(levels))


def follow(chart: Chart, view: ui.View, setting: model.Setting, key: str) -> None:
    """Draw ``chart`` of the scene now; it follows the temperature slider (at a stop, the scene there)."""
    instant_chart.follow(
        lambda at: chart(setting.at(at.temperature, at.beta)), view.state, key=key, inputs=setting.inputs
    )


def text(source: Callable[[model.Scene], str], view: ui.View, setting: model.Setting, key: str) -> None:
    """Markdown of the scene now, its numbers following the temperature slider as the charts do."""
    instant_numbers.markdown(lambda at: source(setting.at(at.temperature, at.beta)), view.state, key=key)


def section_controls(view: ui.View) -> model.Setting:
    """The system, the energy unit and its size, the ladder's length: what every section draws."""
    system_column, units_column = side_by_side("system")
    system_name = system_column.segmented_control(
        "System", SYSTEM.choices, default=SYSTEM.default, required=True, key=SYSTEM.name,
        bind="query-params", help=captions.SYSTEM_HELP,
    )  # fmt: skip
    units_name = units_column.segmented_control(
        "Energies in", ENERGY_UNITS.choices, default=ENERGY_UNITS.default, required=True,
        key=ENERGY_UNITS.name, bind="query-params", help=captions.UNITS_HELP,
    )  # fmt: skip
    epsilon_column, levels_column = side_by_side("sizes")
    in_epsilon, ladder = units_name not in ("meV", "eV"), system_name == "Ladder"
    epsilon_mev = epsilon_column.number_input(
        "ε in meV", min_value=EPSILON.low, max_value=EPSILON.high, value=EPSILON.default, format="%g",
        key=EPSILON.name, bind="query-params", disabled=in_epsilon,
        help=captions.epsilon_help(not in_epsilon),
    )  # fmt: skip
    if in_epsilon:
        epsilon_column.caption(captions.EPSILON_UNUSED)
    levels = levels_column.slider(
        "Ladder levels N", min_value=int(LEVELS.low), max_value=int(LEVELS.high), value=LEVELS.default,
        key=LEVELS.name, bind="query-params", disabled=not ladder, help=captions.levels_help(ladder),
    )  # fmt: skip
    if not ladder:
        levels_column.caption(captions.LEVELS_UNUSED)
    system = model.make_system(system_name, logits=view.logits, labels=view.labels, levels=levels)
    return model.Setting(system, model.make_units(units_name, epsilon_mev))


@ui.section("populations")
def section_populations(view: ui.View, setting: model.Setting) -> None:
    """The levels with their populations, and the populations beside their T → 0 limit."""
    diagram_column, bars_column = side_by_side("populations")
    with diagram_column:
        follow(charts.levels_chart, view, setting, key="levels_diagram")
    with bars_column:
        follow(charts.populations_chart, view, setting, key="populations")
    st.markdown(captions.populations(setting.at(view.temperature, view.beta)))


@ui.section("numbers")
def section_numbers(view: ui.View, setting: model.Setting) -> None:
    """Z, ln Z, F, U, S and C now, beside the dictionary from softmax to physics."""
    numbers_column, dictionary_column = side_by_side("numbers")
    with numbers_column:
        st.markdown("#### Thermodynamics at this temperature")
        text(lambda scene: model.numbers_table(scene.state, scene.units), view, setting, key="numbers_table")
        st.caption(captions.NUMBERS_NOTE)
    with dictionary_column:
        st.markdown("#### Softmax ↔ physics")
        st.markdown(captions.DICTIONARY)
        st.caption(captions.MY_LOGITS)


@ui.section("thermodynamics")
def section_thermodynamics(view: ui.View, setting: model.Setting) -> None:
    """U, S and C against temperature, the present state and the heat-capacity peak marked."""
    st.subheader("Energy, entropy and heat capacity against temperature")
    follow(charts.thermodynamics_chart, view, setting, key="thermodynamics")
    scene = setting.at(view.temperature, view.beta)
    st.markdown(captions.thermodynamics(scene, model.thermal_curves(scene)))


@ui.section("negative")
def section_negative_temperature(view: ui.View, setting: model.Setting) -> None:
    """The populations against β, through β = 0 into the population inversion of β < 0."""
    st.subheader("Negative temperature: hotter than infinitely hot")
    st.markdown(captions.NEGATIVE_INTRO)
    follow(charts.inversion_chart, view, setting, key="inversion")
    st.markdown(captions.INVERSION)


@ui.section("max_entropy")
def section_max_entropy(view: ui.View, setting: model.Setting) -> None:
    """Entropy against mean energy: the Boltzmann curve is the upper edge of every distribution."""
    st.subheader("Why the exponential? Maximum entropy")
    cloud = max_entropy_cloud(tuple(setting.system.energies.tolist()))
    follow(lambda scene: charts.max_entropy_chart(scene, cloud), view, setting, key="max_entropy")
    st.markdown(captions.max_entropy(setting.at(view.temperature, view.beta)))


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    setting = section_controls(view)
    section_populations(view, setting)
    section_numbers(view, setting)
    section_thermodynamics(view, setting)
    section_negative_temperature(view, setting)
    section_max_entropy(view, setting)


shell = ui.setup(__file__)
st.title("Boltzmann distribution")
st.markdown(captions.INTRO)
shell.live(draw, follows=True)
