"""The Temperature page's charts, each a pure function of the view: the logits, the labels, T and β (and
a page setting) in, a figure out.

The page draws them with ``ui.instant_chart.follow``, which also builds them at the slider's stops near
the current one so the browser can move them before the server answers: each has the same traces at
every temperature (a marker off its axis is hidden, not left out).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.common.text import number
from lessons.temperature import figures, model
from softmax_core import entropy, softmax, softmax_sweep


def probabilities_vs_temperature(
    logits: np.ndarray, labels: Sequence[str], temperature: float, beta: float
) -> go.Figure:
    """Every class's probability against T, the exact limits at the axis ends, the current T marked."""
    temperatures, sweep = model.temperature_sweep(logits, temperature)
    return figures.probabilities_vs_temperature(
        temperatures, sweep, labels, cold_limit=softmax(logits, temperature=0),
        hot_limit=softmax(logits, temperature=math.inf), temperature=temperature, beta=beta,
        current=softmax(logits, beta=beta),
    )  # fmt: skip


def probabilities_vs_beta(logits: np.ndarray, labels: Sequence[str], beta: float) -> go.Figure:
    """The same against β, through β = 0 into negative β, with β = ±∞ at the ends."""
    betas = figures.beta_grid(figures.beta_span(beta))
    return figures.probabilities_vs_beta(
        betas, softmax_sweep(logits, betas), labels, argmin_limit=softmax(logits, beta=-math.inf),
        argmax_limit=softmax(logits, temperature=0), beta=beta, current=softmax(logits, beta=beta),
    )  # fmt: skip


def entropies(logits: np.ndarray, beta: float, units: str) -> tuple[float, float, float]:
    """The entropy now, at T = 0 and its ceiling log K, in ``units`` ("nats" or "bits")."""
    base = 2.0 if units == "bits" else None
    ceiling = math.log2(len(logits)) if units == "bits" else math.log(len(logits))
    now = float(entropy(softmax(logits, beta=beta), base=base))
    return now, float(entropy(softmax(logits, temperature=0), base=base)), ceiling


def entropy_vs_temperature(logits: np.ndarray, temperature: float, beta: float, units: str) -> go.Figure:
    """The entropy against T in ``units``, its ceiling, the exact limits and the current point."""
    now, cold, ceiling = entropies(logits, beta, units)
    temperatures, sweep = model.temperature_sweep(logits, temperature)
    return figures.entropy_vs_temperature(
        temperatures, entropy(sweep, base=2.0 if units == "bits" else None), units=units, ceiling=ceiling,
        cold_limit=cold, temperature=temperature, beta=beta, current=now,
    )  # fmt: skip


def small_multiples(logits: np.ndarray, labels: Sequence[str], temperature: float, beta: float) -> go.Figure:
    """The bars at T/10, T and 10·T side by side."""
    t = temperature
    # Two short lines each: on a 390-px phone a panel is about 95 px wide, and "T = 0.25 (now)" on one line
    # ran into its neighbours' titles.
    titles = (f"T/10<br>= {number(t / 10)}", f"T, now<br>= {number(t)}", f"10·T<br>= {number(t * 10)}")
    sweep = softmax_sweep(logits, np.array([beta * 10, beta, beta / 10]))
    return figures.small_multiples(sweep, labels, titles=titles)


def gap_over_temperature(rows: Sequence[model.Comparison]) -> go.Figure:
    """σ(Δ/T) against Δ/T with the comparisons of ``rows`` (``model.comparisons``) on it."""
    reference = np.linspace(-12, 12, 241)
    return figures.gap_over_temperature(
        reference,
        softmax_sweep(np.array([1.0, 0.0]), reference)[:, 0],  # σ(x) = softmax(x·(1, 0))₁
        [(row.name, row.scaled_gap, float(row.split[0])) for row in rows],
    )


def scaled_logits_bars(
    logits: np.ndarray, labels: Sequence[str], temperature: float, beta: float, scale: float
) -> go.Figure:
    """softmax(z/T) beside softmax(c·z): the same bars when c = 1/T."""
    p, p_scaled = softmax(logits, beta=beta), softmax(logits, beta=scale)
    return figures.scaled_logits_bars(p, p_scaled, labels, temperature=temperature, scale=scale)
