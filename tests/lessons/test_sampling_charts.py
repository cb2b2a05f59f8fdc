"""The Sampling page's charts at one stop of the slider (lessons/sampling/charts.py), no browser."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from lessons.sampling import charts, model
from lessons.sampling.model import Knobs
from softmax_core.ngram import build_ngram_model


def stop(temperature):
    return SimpleNamespace(beta=1 / temperature if temperature else np.inf, temperature=temperature)


def test_the_one_draw_at_the_exact_limits_keeps_only_the_finite_values():
    entry = model.next_token("Avocados")
    sampler = model.Sampler("Avocados", "tail", Knobs())
    noise = model.gumbel_noise(entry, 0)
    cold = model.one_draw(noise, sampler.chain(np.inf), np.inf)
    assert cold.winner == 0 and cold.scaled[0] == 0.0 and np.isnan(cold.scaled[1:]).all()
    assert cold.noisy[0] == noise.noise[0]
    # β = −∞: the least likely token shown wins; its βz is +∞, off the chart.
    reverse = model.one_draw(noise, sampler.chain(-np.inf), -np.inf)
    assert reverse.winner == int(np.argmin(noise.logits)) and np.isnan(reverse.noisy[reverse.winner])
    figure = charts.one_draw_chart(noise, sampler, SimpleNamespace(beta=np.inf, temperature=0.0))
    assert figure.layout.title.text == f"T = 0: “{noise.labels[0]}” always wins"
    assert figure.layout.title.subtitle.text == "every other βz is −∞, below the chart"
    assert figure.layout.annotations[0].x == noise.labels[0]
    # The winner's noisy logit is +∞ at β = −∞: no arrow points at it.
    figure = charts.one_draw_chart(noise, sampler, SimpleNamespace(beta=-np.inf, temperature=-0.0))
    assert figure.layout.annotations == ()
    assert len(figure.data) == 3


def test_the_charts_that_follow_the_temperature_keep_their_traces_at_every_temperature():
    sampler = model.Sampler("Battle", "tail", Knobs(top_k=5, top_p=0.9, min_p=0.05))
    noise = model.gumbel_noise(sampler.entry, 0)
    tiny = build_ngram_model("a b c a b d a c b a b c d . " * 3)
    knobs = Knobs(top_p=0.9)
    sweep = model.sweep(tiny, "a b", 6, knobs=knobs, seed=0)

    def drawn(chart, at):
        chain = sampler.chain(at.beta)
        return chart(chain, model.draws(chain.probabilities, 300, 0))

    builds = [
        lambda at: charts.next_token_chart(sampler, False, at),
        lambda at: drawn(charts.draws_chart, at),
        lambda at: drawn(charts.distance_chart, at),
        lambda at: charts.one_draw_chart(noise, sampler, at),
        lambda at: charts.across_chart(noise, at),
        lambda at: charts.sweep_chart(
            sweep, model.side_by_side(tiny, "a b", 6, beta=at.beta, knobs=knobs, seed=0), beta=at.beta
        ),
    ]
    for build in builds:
        metas = {tuple(t.meta for t in build(stop(t)).data) for t in (0.0, 0.01, 1.0, 100.0, np.inf)}
        assert len(metas) == 1


def test_the_next_token_chart_is_titled_with_the_temperature_and_the_kept_count():
    sampler = model.Sampler("Avocados", "renormalise", Knobs(top_k=3))
    title = charts.next_token_chart(sampler, False, stop(1.0)).layout.title.text
    assert title == "Next token at T = 1: 3 kept"
    cold = SimpleNamespace(beta=-2.0, temperature=-0.5)
    assert charts.next_token_chart(sampler, True, cold).layout.title.text == "Next token at β = −2: 3 kept"
