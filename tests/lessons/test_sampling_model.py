"""The Sampling page's model: the shipped data, the chain on it per bar, draws, noise, text and costs."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from lessons.sampling import model, params
from lessons.sampling.model import Knobs
from softmax_core import softmax
from softmax_core.ngram import build_ngram_model, generate
from softmax_core.sampling import sampler_probabilities, total_variation

INF = math.inf


def test_the_shipped_data_is_the_source_file_with_its_notice():
    entries = model.next_tokens()
    assert [entry.name for entry in entries] == list(model.PROMPT_NAMES)
    raw = json.loads(model.DATA.read_text(encoding="utf-8"))
    for entry, (prompt, table) in zip(entries, raw, strict=True):
        assert entry.prompt == prompt
        assert dict(zip(entry.tokens, entry.probabilities.tolist(), strict=True)) == table
        assert (np.diff(entry.probabilities) <= 0).all()  # most likely first
    folder = model.DATA.parent
    assert "Apache License" in (folder / "LICENSE-Apache-2.0.txt").read_text()
    assert "Artefact2/llm-sampling" in (folder / "README.md").read_text()


def test_listed_mass_and_the_smallest_tail():
    # The README: the listed probabilities sum to 0.77–1.0.
    masses = [1 - entry.tail_mass for entry in model.next_tokens()]
    assert min(masses) > 0.76 and max(masses) <= 1.0
    entry = model.next_token("Avoidant")
    # Each tail token is at most the last listed probability, so there are at least tail / p_last of them.
    assert entry.tail_tokens == math.ceil(entry.tail_mass / entry.probabilities[-1])
    assert entry.tail_mass / entry.tail_tokens <= entry.probabilities[-1]
    assert entry.tail_mass / (entry.tail_tokens - 1) > entry.probabilities[-1]


def test_at_t_1_without_knobs_the_bars_are_the_data_and_the_tail():
    entry = model.next_token("Avocados")
    view = model.chain_view(entry, beta=1.0, knobs=Knobs(), tail="tail")
    assert view.labels == (*entry.tokens, model.TAIL_LABEL)
    assert_allclose(view.probabilities[:-1], entry.probabilities, rtol=1e-13)
    assert math.isclose(view.probabilities[-1], entry.tail_mass, rel_tol=1e-12)
    assert_allclose(view.reference, view.probabilities, rtol=1e-13)
    assert view.removed_mass == 0.0
    assert view.kept_tokens == view.total_tokens == len(entry.tokens) + entry.tail_tokens


def test_renormalising_scales_every_listed_token_by_one_over_the_listed_mass():
    entry = model.next_token("Avoidant")
    view = model.chain_view(entry, beta=1.0, knobs=Knobs(), tail="renormalise")
    assert view.labels == entry.tokens
    assert_allclose(view.probabilities, entry.probabilities / (1 - entry.tail_mass), rtol=1e-12)


def test_the_chain_per_bar_is_the_core_on_every_token():
    entry = model.next_token("Johnny")
    knobs = Knobs(top_k=20, top_p=0.9, min_p=0.02)
    logits, bars, labels = model.token_logits(entry, "tail")
    p = sampler_probabilities(logits, temperature=1.5, top_k=20, top_p=0.9, min_p=0.02)
    view = model.chain_view(entry, beta=1 / 1.5, knobs=knobs, tail="tail")
    assert_allclose(view.probabilities, np.bincount(bars, weights=p, minlength=len(labels)), atol=1e-15)
    assert view.kept_tokens == np.count_nonzero(p)
    # The judged distribution (T first) is the tempered one; the removed mass is its share outside the kept.
    judged = softmax(logits, temperature=1.5)
    assert math.isclose(view.removed_mass, judged[p == 0].sum(), rel_tol=1e-12)
    assert set(view.reasons) <= {"kept", "top_k", "top_p", "min_p"}


def test_temperature_last_judges_at_t_1():
    entry = model.next_token("Battle")
    view = model.chain_view(entry, beta=1 / 3, knobs=Knobs(top_p=0.8, temperature_last=True), tail="tail")
    logits, _, _ = model.token_logits(entry, "tail")
    judged = softmax(logits)
    removed = sampler_probabilities(logits, top_p=0.8) == 0
    assert math.isclose(view.removed_mass, judged[removed].sum(), rel_tol=1e-12)


def test_min_p_cuts_the_hot_tail_that_top_p_keeps():
    # The page's point about Nguyen et al.: at T = 1.5 the Avoidant prompt's tail holds most of the mass;
    # top-p 0.9 must keep it, min-p 0.1 removes it.
    entry = model.next_token("Avoidant")
    top_p = model.chain_view(entry, beta=1 / 1.5, knobs=Knobs(top_p=0.9), tail="tail")
    min_p = model.chain_view(entry, beta=1 / 1.5, knobs=Knobs(min_p=0.1), tail="tail")
    assert top_p.reasons[-1] == "kept" and top_p.probabilities[-1] > 0.5
    assert min_p.reasons[-1] == "min_p" and min_p.kept_tokens < 20


@pytest.mark.parametrize("beta", [INF, 0.0, -1.0, 1e-300, 1e300])
def test_the_view_survives_the_limits_and_negative_temperature(beta):
    for tail in ("tail", "renormalise"):
        view = model.chain_view(
            model.next_token("Rainbow"), beta=beta, knobs=Knobs(top_k=5, min_p=0.3), tail=tail
        )
        assert math.isclose(view.probabilities.sum(), 1.0, rel_tol=1e-12)
        assert 1 <= view.kept_tokens <= view.total_tokens


def test_zero_temperature_names_the_arg_max():
    view = model.chain_view(model.next_token("Rainbow"), beta=INF, knobs=Knobs(), tail="tail")
    assert view.most_likely == "“light”"
    assert view.diversity.entropy == 0.0
    assert "the most likely is “light”" in model.kept_sentence(view, Knobs())


def test_chart_bars_keep_the_mass_and_split_it_by_reason():
    entry = model.next_token("Avoidant")
    knobs = Knobs(top_k=10, min_p=0.2)
    view = model.chain_view(entry, beta=1.0, knobs=knobs, tail="tail")
    bars = model.chart_bars(view)
    shown = model.SHOWN_TOKENS
    assert bars.labels == (
        *entry.tokens[:shown],
        f"{len(entry.tokens) - shown} more listed",
        model.TAIL_LABEL,
    )
    assert math.isclose(bars.reference.sum(), 1.0, rel_tol=1e-12)
    assert math.isclose(bars.heights["kept"].sum(), 1.0, rel_tol=1e-12)  # kept: the drawn probabilities
    # Removed bars stand at the probability they were judged at (T = 1 here): top-k took the 11th onwards.
    assert_allclose(bars.heights["top_k"][10:shown], entry.probabilities[10:shown], rtol=1e-12)
    assert (bars.heights["top_p"] == 0).all()


@pytest.mark.parametrize(
    ("choices", "knobs"),
    [
        (("off", "off", "off", "first"), Knobs()),
        ((40, 0.95, 0.05, "last"), Knobs(40, 0.95, 0.05, True)),
    ],
)
def test_knobs_from_the_widgets(choices, knobs):
    assert Knobs.from_choices(*choices) == knobs


def test_presets_are_choices_of_the_widgets():
    for preset in model.PRESETS:
        assert preset.top_k in params.TOP_K.choices
        assert preset.top_p in params.TOP_P.choices
        assert preset.min_p in params.MIN_P.choices
        assert preset.order in params.ORDER.choices


def test_draws_shrink_towards_the_probabilities():
    p = np.array([0.5, 0.3, 0.2, 0.0])
    drawn = model.draws(p, 100_000, seed=1)
    assert drawn.shares[3] == 0
    assert_array_equal(drawn.counts, model.DRAW_COUNTS)
    assert math.isclose(drawn.distance, total_variation(drawn.shares, p))
    assert drawn.distances[-1] < drawn.distances[0] / 10
    # Same seed, same draws: a shared link shows the same histogram.
    assert_array_equal(model.draws(p, 300, seed=1).shares, model.draws(p, 300, seed=1).shares)


def test_gumbel_noise_winners_go_from_the_arg_max_to_the_largest_noise():
    noise = model.gumbel_noise(model.next_token("Avocados"), seed=0)
    assert noise.logits[0] == 0 and (noise.logits <= 0).all()
    winners = model.winners(noise, np.array([1e6, 1e-6]))
    assert winners[0] == 0  # cold: the most likely token
    assert winners[1] == int(np.argmax(noise.noise))  # hot: the largest noise
    assert_array_equal(model.noisy_logits(noise, 0.0), noise.noise)


def test_generation_side_by_side_and_the_sweep_on_a_tiny_model():
    tiny = build_ngram_model("the cat sat on the mat . the dog sat on the cat . a cat ran .", order=2)
    texts = model.side_by_side(tiny, "the", 12, beta=1.0, knobs=Knobs(top_k=3), seed=4)
    assert len(texts) == model.SIDE_BY_SIDE
    first = generate(tiny, "the", length=12, rng=np.random.default_rng((4, 5, 0)), beta=1.0, top_k=3)
    assert texts[0].tokens == first.tokens
    sweep = model.sweep(tiny, "the", 12, knobs=Knobs(), seed=0)
    assert list(sweep["temperature"]) == list(model.SWEEP_TEMPERATURES)
    assert sweep["distinct"].between(0, 1).all() and (sweep["log_likelihood"] < 0).all()
    # Greedy text loops: fewer distinct bigrams than at T = 5.
    assert sweep["distinct"].iloc[0] < sweep["distinct"].iloc[-1]
    table = model.sweep_table(sweep)
    assert list(table.index) == ["0", "0.25", "0.5", "0.75", "1", "1.5", "2", "3", "5"]
    assert model.sweep_examples(sweep).count("\n- ") == 2


def test_continuation_spacing():
    generation = generate(
        build_ngram_model("a b . a b ."), "a", length=1, rng=np.random.default_rng(0), temperature=0
    )
    assert model.continuation("a", generation) == ("a", " ", "b")


def test_measured_costs_grow_with_k_for_the_full_softmax_only():
    costs = model.measure_costs((1_000, 1_000_000), rounds=3)
    assert costs.full[1] > 20 * costs.full[0]  # a thousand times the logits
    assert costs.two_level[1] < costs.full[1] / 10
    assert costs.sampled[1] < costs.full[1] / 10
    assert "gives up" in model.cost_sentence(costs)
