"""The 'Why exponentiate?' page's charts, each a pure function of the view: ``chart(logits, labels,
temperature, beta, *settings)`` gives its figure, ``settings`` being the page's own controls it reads.

The page draws them with ``ui.instant_chart.follow``, which also builds them at the slider's stops near
the current one so the browser can move them before the server answers: each has the same traces at
every temperature (an undefined map's bars are NaN, not left out).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.alternatives import figures, model
from softmax_core import gumbel_max_sample, gumbel_softmax, softmax

RELAXED_ROWS = 8

Shares = Callable[[tuple[float, ...], float, int, int], np.ndarray]


def gumbel_shares(logits: tuple[float, ...], beta: float, samples: int, seed: int) -> np.ndarray:
    """The share of ``samples`` Gumbel-max draws (noise seeded by ``seed``) that fall on each class."""
    draws = gumbel_max_sample(logits, size=samples, rng=np.random.default_rng(seed), beta=beta)
    return np.bincount(draws, minlength=len(logits)) / samples


def map_bars(logits: np.ndarray, labels: Sequence[str], temperature: float, beta: float) -> go.Figure:
    """The same logits through the six maps, as grouped bars."""
    title = f"Six maps of the same logits, at {model.temperature_label(beta, temperature)}"
    bars = [(m.key, m.name, model.evaluate(m, logits, beta).p) for m in model.MAPS]
    return figures.map_bars(bars, labels, title=title)


def shift_bars(
    logits: np.ndarray, labels: Sequence[str], temperature: float, beta: float, shift: float
) -> go.Figure:
    """Softmax and the normalised square at z and at z + ``shift``."""
    shifted = model.shifted(logits, shift)
    square = model.MAPS_BY_KEY["square"]
    before, after = model.evaluate(square, logits, beta).p, model.evaluate(square, shifted, beta).p
    return figures.shift_bars(
        labels, softmax(logits, beta=beta), softmax(shifted, beta=beta), before, after, shift=shift
    )


def logistic_curves(logits: np.ndarray, labels: Sequence[str], temperature: float, beta: float) -> go.Figure:
    """softmax(d, 0) and σ(d/T) over the difference d of the first two logits, the current d marked."""
    pair = model.two_classes(logits, beta)
    return figures.logistic_curves(
        pair.differences, pair.softmax_curve, pair.sigmoid_curve, current=pair.current,
        labels=(labels[0], labels[1]),
        title=f"softmax(d, 0) and σ(d/T) at {model.temperature_label(beta, temperature)}",
    )  # fmt: skip


def gumbel_histogram(
    logits: np.ndarray,
    labels: Sequence[str],
    temperature: float,
    beta: float,
    samples: int,
    seed: int,
    *,
    shares: Shares = gumbel_shares,
) -> go.Figure:
    """The share of Gumbel-max samples on each class beside softmax p; the shares from ``shares``
    (``gumbel_shares``, or a cached copy of it)."""
    drawn = shares(tuple(float(x) for x in logits), beta, samples, seed)
    return figures.gumbel_histogram(drawn, softmax(logits, beta=beta), labels, samples=samples)


def relaxed_samples(
    logits: np.ndarray, labels: Sequence[str], temperature: float, beta: float, tau: float, seed: int
) -> go.Figure:
    """``RELAXED_ROWS`` Gumbel-softmax samples at relaxation temperature ``tau``."""
    rng = np.random.default_rng((seed, 1))
    relaxed = gumbel_softmax(logits, tau=tau, rng=rng, size=RELAXED_ROWS, beta=beta)
    return figures.relaxed_samples(relaxed, labels, tau=tau)
