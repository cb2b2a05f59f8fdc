"""The Distillation page's charts that follow the temperature, each a pure function of what the page trained
(computed once per setting: the teacher's logits, the students' accuracies, the gradient norms) and one stop
of the slider: ``chart(..., beta=β, temperature=T)`` gives its figure.

The students train at T > 0: ``students_temperature`` reads the shared T as ``model.distillation_temperature``
does (a negative T as |T|, T = 0 as the slider's smallest, T = ∞ kept), and every chart marks that T. The
page draws them with ``ui.instant_chart.follow``, which also builds them at the slider's stops near the
current one so the browser can move them before the server answers: each has the same traces at every T,
and only the current T's bars and marks change (the students were trained at every T of the sweep).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.distillation import figures, model
from lessons.distillation.model import SWEEP_TEMPERATURES, GradientNorms
from softmax_core import softmax


def students_temperature(*, beta: float, temperature: float) -> float:
    """The T the students train at for a stop of the slider (``model.distillation_temperature``)."""
    return model.distillation_temperature(temperature, beta)[0]


def teacher_chart(logits: np.ndarray, *, digit: int, log: bool, beta: float, temperature: float) -> go.Figure:
    """The teacher's probabilities for one image, softmax of its ``logits`` at T = 1 and at the students' T,
    on a linear or (``log``) a log axis."""
    current = students_temperature(beta=beta, temperature=temperature)
    p_one, p_now = softmax(logits), softmax(logits, temperature=current)
    return figures.teacher_probabilities(p_one, p_now, digit=digit, temperature=current, log=log)


def sweep_chart(
    lines: Sequence[tuple[str, str, np.ndarray]], *, beta: float, temperature: float, **options
) -> go.Figure:
    """`figures.accuracy_sweep` of ``lines`` (``model.sweep_lines`` or ``model.t_squared_lines``) over the
    page's `SWEEP_TEMPERATURES`, the students' T marked; ``options``: its levels, title and axis title."""
    current = students_temperature(beta=beta, temperature=temperature)
    return figures.accuracy_sweep(np.array(SWEEP_TEMPERATURES), lines, current=current, **options)


def norms_chart(norms: GradientNorms, *, beta: float, temperature: float) -> go.Figure:
    """`figures.gradient_norms` of the measured ``norms``, the students' T marked."""
    current = students_temperature(beta=beta, temperature=temperature)
    return figures.gradient_norms(
        norms.temperatures, norms.soft_with, norms.soft_without, norms.hard, current=current
    )
