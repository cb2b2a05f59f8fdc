"""The Sampling page's charts at one stop of the temperature slider: what ``ui.instant_chart.follow`` builds.

Each is a pure function of the page's settings and a stop (its β and T), built from the arrays of
``model`` by the builders of ``figures``, with the same traces at every temperature (a mark with nothing
to mark is hidden, not left out), so the browser can move it before the server answers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lessons.common.text import number
from lessons.sampling import figures, model
from lessons.sampling.model import ChainView, Draws, Noise, Sampler, Stop
from softmax_core.ngram import Generation


def next_token_chart(sampler: Sampler, log_axis: bool, at: Stop) -> go.Figure:
    """The next-token bars at ``at``, titled with the temperature (β when negative) and the kept count."""
    chain = sampler.chain(at.beta)
    bars = model.chart_bars(chain)
    where = f"β = {number(at.beta)}" if at.beta < 0 else f"T = {number(at.temperature)}"
    title = f"Next token at {where}: {model.thousands(chain.kept_tokens)} kept"
    return figures.token_bars(bars.labels, bars.reference, bars.heights, title=title, log_axis=log_axis)


def draws_chart(chain: ChainView, drawn: Draws) -> go.Figure:
    """The shares of ``drawn`` beside ``chain``'s probabilities, on the next-token chart's bars."""
    labels, probabilities = model.grouped(chain, chain.probabilities)
    _, shares = model.grouped(chain, drawn.shares)
    return figures.draws_histogram(labels, probabilities, shares, draws=int(drawn.counts[-1]))


def distance_chart(chain: ChainView, drawn: Draws) -> go.Figure:
    """How far the shares of ``drawn`` are from ``chain``'s probabilities after each prefix of the draws."""
    return figures.distance_curve(drawn.counts, drawn.distances, drawn.expected)


def one_draw_chart(noise: Noise, sampler: Sampler, at: Stop) -> go.Figure:
    """One Gumbel-max draw of ``noise`` at ``at`` on the shown tokens the knobs kept."""
    draw = model.one_draw(noise, sampler.chain(at.beta), at.beta)
    title, note = model.one_draw_title(noise, draw, at.beta), model.one_draw_note(at.beta)
    return figures.noise_dumbbells(
        noise.labels, draw.scaled, draw.noisy, draw.kept, draw.winner, title=title, note=note
    )


ACROSS_TEMPERATURES = np.geomspace(0.05, 50, 121)


def across_chart(noise: Noise, at: Stop) -> go.Figure:
    """βz + G of the shown tokens over ``ACROSS_TEMPERATURES``, the current T marked when on the axis."""
    temperatures = ACROSS_TEMPERATURES
    values = noise.logits[:, None] / temperatures[None, :] + noise.noise[:, None]
    current = at.temperature if temperatures[0] <= at.temperature <= temperatures[-1] else None
    y_range = (float(noise.noise.min()) - 3, float(noise.noise.max()) + 2)
    winners = model.winners(noise, 1 / temperatures)
    return figures.noise_across_temperatures(
        temperatures, values, noise.labels, winners, current=current, y_range=y_range
    )


def sweep_chart(sweep: pd.DataFrame, texts: tuple[Generation, ...], *, beta: float) -> go.Figure:
    """The diversity-quality chart of ``model.sweep``'s frame, with the mean of ``texts``, written at β,
    marked (not for β < 0: the sweep's temperatures are all positive)."""
    columns = (sweep[name].to_numpy() for name in ("temperature", "distinct", "log_likelihood"))
    return figures.quality_sweep(*columns, current=model.mean_quality(texts) if beta >= 0 else None)
