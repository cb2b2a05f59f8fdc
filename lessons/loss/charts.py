"""The Loss page's charts, each a pure function of the view: ``chart(logits, labels, target, temperature,
beta)`` gives its figure (the same arguments for every chart, so the page draws them all one way).

The page draws them with ``ui.instant_chart.follow``, which also builds them at the slider's stops near
the current one so the browser can move them before the server answers: each has the same traces at
every temperature (a mark with nothing to mark is hidden, not left out).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.loss import figures, model, training

Sweeps = Callable[[np.ndarray, int, tuple[float, float]], model.TemperatureSweep]


def neg_log_curve(
    logits: np.ndarray, labels: Sequence[str], target: int, temperature: float, beta: float
) -> go.Figure:
    """−log p with the target's current (p, loss) on it."""
    now = model.current(logits, target, beta)
    return figures.neg_log_curve(now.p_target, now.loss, label=labels[target])


def loss_against_temperature(
    logits: np.ndarray,
    labels: Sequence[str],
    target: int,
    temperature: float,
    beta: float,
    *,
    sweeps: Sweeps = model.sweep_over,
) -> go.Figure:
    """The target's loss against T beside the strongest other class's, the current T marked; the losses
    come from ``sweeps`` (``model.sweep_over``, or a cached copy of it) over the axis's span."""
    sweep = sweeps(logits, target, model.temperature_span(temperature))
    return figures.loss_against_temperature(
        sweep.temperatures, sweep.losses, label=labels[target], other_losses=sweep.other_losses,
        other_label=labels[sweep.other], log_k=math.log(len(logits)), cold_loss=sweep.cold_loss,
        temperature=temperature, beta=beta, current_loss=model.current(logits, target, beta).loss,
    )  # fmt: skip


def gradient_bars(
    logits: np.ndarray, labels: Sequence[str], target: int, temperature: float, beta: float
) -> go.Figure:
    """∂L/∂z per class, or its finite direction p − onehot where it is infinite."""
    now = model.current(logits, target, beta)
    return figures.gradient_bars(now.direction, labels, target=target, factor_only=not now.finite_gradient)


def jacobian_heatmap(
    logits: np.ndarray, labels: Sequence[str], target: int, temperature: float, beta: float
) -> go.Figure:
    """The softmax Jacobian, its cells empty where it is not a number."""
    return figures.jacobian_heatmap(model.current(logits, target, beta).jacobian, labels, target=target)


def training_history(
    run: training.Training,
    logits: np.ndarray,
    labels: Sequence[str],
    target: int,
    temperature: float,
    beta: float,
) -> go.Figure:
    """The history of ``run``, or of a fresh start where ``run`` began from other logits, target or β (as
    the page starts one when T moves)."""
    if not run.starts_from(logits, target, beta):
        run = training.begin(logits, target, beta)
    return figures.training_history(run.losses, run.p_target, label=labels[target])


def loss_comparison(
    logits: np.ndarray, labels: Sequence[str], target: int, temperature: float, beta: float
) -> go.Figure:
    """Cross-entropy beside squared error as p(target) sweeps, the current values marked (at an exact
    limit the curves are drawn at T = 1: ``model.loss_family``)."""
    family = model.loss_family(logits, target, beta)
    now = model.current(logits, target, beta)
    current = model.comparison_point(now, logits, beta, family)
    return figures.loss_comparison(
        family.p_target, family.cross_entropy, family.squared_error, family.gradient_cross_entropy,
        family.gradient_squared_error, current_p=now.p_target, current=current, temperature=1 / family.beta,
    )  # fmt: skip
