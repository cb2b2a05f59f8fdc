"""The softmax classifier page's charts that follow the temperature, each a pure function of what the page
trained (computed once) and one stop of the slider: ``chart(..., beta=β, temperature=T)`` gives its figure.

The page draws them with ``ui.instant_chart.follow``, which also builds them at the slider's stops near the
current one so the browser can move them before the server answers: each has the same traces at every T.
"""

from __future__ import annotations

import plotly.graph_objects as go

from lessons.classifier import figures, model
from lessons.classifier.model import DigitsResult, Scaled
from lessons.common.text import number
from softmax_core import softmax


def regions_chart(view: Scaled, *, beta: float, temperature: float) -> go.Figure:
    """The regions of softmax(βz) over the plane with the path drawn on it; the boundaries are those of
    the arg max at every β > 0 (of the arg min for β < 0)."""
    regions = model.regions_on(view.grid, beta)
    lines = view.boundaries[beta < 0]
    title = f"Regions at T = {number(temperature)}"
    return figures.plane_regions(view.plane, regions, lines, path=view.path, title=title, picture=True)


def path_chart(view: Scaled, *, beta: float, temperature: float) -> go.Figure:
    """The probabilities along the path at ``temperature`` (on top) and at the fixed temperatures."""
    temperatures, current = model.profile_temperatures(temperature)
    betas = (beta, *(1 / t for t in model.PROFILE_TEMPERATURES))
    path = model.profile(view.model, view.plane, temperatures, betas)
    return figures.profile_chart(path, view.plane.dataset.class_names, current=current)


def hardest_chart(result: DigitsResult, *, half: int, beta: float, temperature: float) -> go.Figure:
    """The first (``half`` 0) or second half of the hardest test digits with their probabilities at β."""
    size = (result.hardest.size + 1) // 2
    chosen = result.hardest[half * size : (half + 1) * size]
    p = softmax(result.model.logits(result.x_test[chosen]), beta=beta, axis=1)
    title = f"Hardest test digits, p at T = {number(temperature)}" if half == 0 else "… and the next three"
    return figures.hardest_digits(
        result.images[chosen], result.y_test[chosen], p, model.DIGIT_NAMES, title=title, first=half * size + 1
    )
