"""The boltzmann page's charts of a scene (``lessons/boltzmann/charts.py``): what they draw, and
the same traces at every temperature, so that each can follow the slider."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from lessons.boltzmann import charts, model
from tests.lessons.traces import trace


@pytest.mark.parametrize("system", model.SYSTEMS)
@pytest.mark.parametrize("units", ["dimensionless", "meV"])
def test_every_chart_of_a_scene_keeps_its_traces_at_every_temperature_of_either_sign(system, units):
    # The page's charts follow the temperature slider with Plotly.update, which cannot add or drop a trace
    # (ui.instant_chart.follow falls back to the server then): the same traces from β = −∞ to β = +∞.
    setting = model.Setting(
        model.make_system(system, logits=np.array([2.0, 1.0, 0.1]), labels=("a", "b", "c"), levels=5),
        model.make_units(units, None),
    )
    cloud = model.max_entropy_cloud(setting.system.energies)
    drawn = {
        "levels": charts.levels_chart,
        "populations": charts.populations_chart,
        "thermodynamics": charts.thermodynamics_chart,
        "inversion": charts.inversion_chart,
        "max_entropy": lambda scene: charts.max_entropy_chart(scene, cloud),
    }
    # (T, β) as the shared state gives them: the slider's ends, the exact limits and a negative T.
    stops = [(0.0, math.inf), (0.01, 100.0), (1.0, 1.0), (100.0, 0.01), (math.inf, 0.0)]
    stops += [(-1.0, -1.0), (-100.0, -0.01), (0.0, -math.inf)]
    for name, chart in drawn.items():
        metas = {tuple(t.meta for t in chart(setting.at(t, beta)).data) for t, beta in stops}
        assert len(metas) == 1, (name, metas)


def test_a_scenes_charts_show_its_numbers_in_its_units():
    setting = model.Setting(
        model.make_system("Two-level", logits=np.zeros(2), labels=("a", "b"), levels=None),
        model.make_units("meV", 25.85),
    )
    scene = setting.at(1.0, 1.0)
    levels = charts.levels_chart(scene)
    assert_allclose(trace(levels, "mean-energy").y, [25.85 * scene.state.U] * 2)
    assert levels.layout.title.subtitle.text == "at T = 300 K"
    bars = trace(charts.populations_chart(setting.at(-1.0, -1.0)), "limit")
    assert bars.name == "top level(s) (T → 0⁻)" and tuple(bars.y) == (0.0, 1.0)
    assert charts.inversion_chart(scene).layout.xaxis.title.text == "coldness β = 1/kT (meV⁻¹)"


@pytest.mark.parametrize("system", model.SYSTEMS)
def test_the_max_entropy_chart_keeps_its_energy_axis_at_every_temperature_and_shows_every_point(system):
    # Set, so that the present state moves along U by Plotly.animate (ui/instant_chart.mjs): one range
    # from β = −∞ to +∞, with plotly.js's own 5 % beyond the lowest and highest U of the curve and cloud.
    setting = model.Setting(
        model.make_system(system, logits=np.array([2.0, 1.0, 0.1]), labels=("a", "b", "c"), levels=5),
        model.make_units("meV", 25.85),
    )
    cloud = model.max_entropy_cloud(setting.system.energies)
    stops = [(0.0, math.inf), (0.01, 100.0), (1.0, 1.0), (100.0, 0.01), (math.inf, 0.0), (-1.0, -1.0)]
    charts_at = [charts.max_entropy_chart(setting.at(t, beta), cloud) for t, beta in stops]
    ranges = {tuple(chart.layout.xaxis.range) for chart in charts_at}
    assert len(ranges) == 1, ranges
    low, high = ranges.pop()
    energies = np.concatenate([np.asarray(t.x, dtype=float) for chart in charts_at for t in chart.data])
    lowest, highest = np.nanmin(energies), np.nanmax(energies)
    pad = 0.05 * (high - low)  # 5 % of the axis beyond each end
    assert low == pytest.approx(lowest - pad) and high == pytest.approx(highest + pad)
