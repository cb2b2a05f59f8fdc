"""The argmax limit page's charts of a scene (``lessons/argmax_limit/charts.py``): what they draw, and
the same traces at every temperature, so that each can follow the slider."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.argmax_limit import charts, model
from tests.lessons.traces import trace


@pytest.mark.parametrize(
    "logits", [[2.0, 1.0, 0.1], [2.0, 2.0, 1.0], [1.0, 3.0], [3.0, 3.0, 3.0], list(range(12))]
)
def test_every_chart_of_a_scene_keeps_its_traces_at_every_beta_of_either_sign(logits):
    # The page's charts follow the temperature slider with Plotly.update, which cannot add or drop a trace
    # (ui.instant_chart.follow falls back to the server then): the same traces from β = −∞ to β = +∞, also
    # where the max is tied and the min is not (the distance to the first tied class).
    z = np.array(logits, dtype=float)
    labels = tuple(f"c{i}" for i in range(z.size))
    path = model.simplex_sweep(z[model.three_classes(z)])

    def curves(scene):
        return model.convergence(scene.z, scene.side, scene.axis.decades)

    drawn = {
        "probabilities": lambda scene: charts.probabilities_chart(scene, curves(scene)),
        "distance": lambda scene: charts.distance_chart(scene, curves(scene)),
        "near_tie": lambda scene: charts.near_tie_chart(scene, 1e-4),
        "simplex": lambda scene: charts.simplex_chart(scene, path),
        "smooth_max": lambda scene: charts.smooth_max_chart(scene, curves(scene)),
    }
    betas = [math.inf, 100.0, 1.0, 0.01, 0.0, -1.0, -math.inf]
    for name, chart in drawn.items():
        # As many traces of each type (a restyle may rename one: with 12 classes the 9 drawn change sides).
        kinds = {tuple(t.type for t in chart(model.Scene.of(z, beta, labels)).data) for beta in betas}
        assert len(kinds) == 1, (name, kinds)


def test_the_distance_to_the_first_tied_class_is_hidden_without_a_tie():
    z = np.array([2.0, 2.0, 1.0])
    tied = model.Scene.of(z, 1.0, ("a", "b", "c"))
    untied = model.Scene.of(z, -1.0, ("a", "b", "c"))  # towards the arg min: one smallest logit
    for scene, shown in ((tied, True), (untied, False)):
        first = trace(
            charts.distance_chart(scene, model.convergence(z, scene.side, scene.axis.decades)), "first-winner"
        )
        assert (first.visible is not False) == shown
