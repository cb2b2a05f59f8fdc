"""The Boltzmann page's charts, each a pure function of the scene: the system, its units and the shared
temperature read as kT in, a figure out.

The page draws them with ``ui.instant_chart.follow``, which also builds them at the slider's stops near
the current one so the browser can move them before the server answers: each has the same traces at
every temperature, of either sign (what is not drawn at one is hidden, not left out).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from lessons.boltzmann import figures, model
from lessons.common.text import number
from softmax_core import argmax_onehot, argmin_onehot, softmax_sweep


def levels_chart(scene: model.Scene) -> go.Figure:
    """The level diagram of the scene: levels, populations, U and the kT bracket, in its chart units."""
    units, state = scene.chart_units, scene.state
    return figures.level_diagram(
        units.energy(scene.energies),
        state.p,
        scene.system.labels,
        mean_energy=float(units.energy(state.U)),
        kT=float(units.energy(scene.kT)) if math.isfinite(scene.kT) else None,
        energy_unit=units.energy_unit,
        title="Levels and populations",
        subtitle=f"at {model.temperature_text(scene.kT, scene.units, short=True)}",
    )


def populations_chart(scene: model.Scene) -> go.Figure:
    """The populations of the scene beside their one-hot limit as T → 0 of the same sign."""
    energies = scene.energies
    return figures.population_bars(
        scene.state.p,
        scene.system.labels,
        limit=argmax_onehot(energies) if scene.negative else argmin_onehot(energies),
        limit_name="top level(s) (T → 0⁻)" if scene.negative else "ground state(s) (T → 0)",
        title="Populations p = e<sup>−E/kT</sup>/Z",
        subtitle=f"at {model.temperature_text(scene.kT, scene.units, short=True)}",
        level_title=scene.system.level_title,
    )


def thermodynamics_chart(scene: model.Scene) -> go.Figure:
    """U, S and C against temperature for the scene's levels, its present state and the peak of C marked."""
    curves = model.thermal_curves(scene)
    return figures.thermodynamic_curves(
        curves.x,
        curves.values,
        x_title=scene.units.temperature_title + " (log scale)",
        energy_unit=scene.chart_units.energy_unit,
        current=curves.current,
        negative=curves.negative,
        peak=curves.peak_mark,
    )


def inversion_chart(scene: model.Scene) -> go.Figure:
    """The populations of the scene's levels against β, through β = 0 into β < 0, the present β marked."""
    units, beta = scene.chart_units, scene.state.beta
    betas = model.coldness_grid(scene.energies, beta)
    return figures.populations_against_beta(
        units.coldness(betas),
        softmax_sweep(-scene.energies, betas),
        scene.system.labels,
        current_beta=float(units.coldness(beta)),
        beta_unit=units.coldness_unit,
        level_title=scene.system.level_title,
        # Where the axis is scaled by a power of ten, the label gives β in the units chosen.
        current_label=None if units.power == 0 else f"{number(beta)} {scene.units.coldness_unit}",
    )


def max_entropy_chart(scene: model.Scene, cloud: dict[str, np.ndarray]) -> go.Figure:
    """Entropy against mean energy: ``cloud`` (``model.max_entropy_cloud`` of the scene's levels, in ε),
    the Boltzmann curve on top of it, and the scene's present state."""
    units, state = scene.chart_units, scene.state
    return figures.max_entropy(
        units.energy(cloud["sample_u"]),
        cloud["sample_s"],
        units.energy(cloud["U"]),
        cloud["S"],
        cloud["branch"],
        current_u=float(units.energy(state.U)),
        current_s=state.S,
        max_s=math.log(len(scene.energies)),
        energy_unit=units.energy_unit,
    )
