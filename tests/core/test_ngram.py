"""The n-gram model: counts and Witten–Bell smoothing on tiny texts, generation, distinct-n, tokens."""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from numpy.testing import assert_allclose, assert_array_equal
from scipy import stats

from softmax_core import log_softmax, softmax
from softmax_core.ngram import (
    build_ngram_model,
    detokenize,
    distinct_ngrams,
    generate,
    ngram_logits,
    python_docs_text,
    tokenize,
)
from softmax_core.sampling import sampler_probabilities

TINY = "a b a b a c . a b c ."


def witten_bell(tokens, context, order):
    """P(w | context) by the textbook recursion, counted with plain dicts and exact fractions."""
    vocabulary = list(dict.fromkeys(tokens))
    unigrams = Counter(tokens)
    total = len(tokens)
    probabilities = {w: Fraction(unigrams[w], total) for w in vocabulary}
    for m in range(2, order + 1):
        if len(context) < m - 1:
            break
        history = tuple(context[len(context) - (m - 1) :])
        follows = Counter(
            tokens[i + m - 1] for i in range(len(tokens) - m + 1) if tuple(tokens[i : i + m - 1]) == history
        )
        if not follows:
            break
        seen, types = sum(follows.values()), len(follows)
        probabilities = {w: (follows[w] + types * probabilities[w]) / (seen + types) for w in vocabulary}
    return vocabulary, probabilities


def test_tiny_text_counts_and_smoothed_counts_by_hand():
    model = build_ngram_model(TINY, order=2)
    assert model.vocabulary == ("a", "b", "c", ".")
    assert_array_equal(model.unigram_counts, [4, 3, 2, 2])
    # After "a": b three times, c once → N₁₊ = 2 types, c(a·) = 4.
    # Smoothed counts c(a w) + 2 · P(w) with P = (4, 3, 2, 2)/11.
    expected = np.array([0 + 2 * 4 / 11, 3 + 2 * 3 / 11, 1 + 2 * 2 / 11, 0 + 2 * 2 / 11])
    assert_allclose(np.exp(ngram_logits(model, ["a"])), expected, rtol=1e-15)
    # Its softmax is P(w | a) = smoothed / (4 + 2).
    assert_allclose(softmax(ngram_logits(model, ["a"])), expected / 6, rtol=1e-14)


@settings(max_examples=60, deadline=None)
@given(
    tokens=hst.lists(hst.sampled_from("abcd."), min_size=3, max_size=40),
    order=hst.integers(1, 4),
    context=hst.lists(hst.sampled_from("abcdz"), max_size=4),
)
def test_logits_softmax_to_the_witten_bell_probabilities(tokens, order, context):
    if len(tokens) < order:
        return
    model = build_ngram_model(tokens, order=order)
    vocabulary, reference = witten_bell(tokens, context, order)
    assert list(model.vocabulary) == vocabulary
    z = ngram_logits(model, context)
    assert np.isfinite(z).all()
    assert_allclose(softmax(z), [float(reference[w]) for w in vocabulary], rtol=1e-12)


def test_unseen_contexts_and_unknown_words_back_off_to_shorter_contexts():
    model = build_ngram_model(TINY, order=3)
    # "c a" never occurs: the bigram estimate after "a" stands.
    bigram = build_ngram_model(TINY, order=2)
    assert_allclose(
        softmax(ngram_logits(model, ["c", "a"])), softmax(ngram_logits(bigram, ["a"])), rtol=1e-14
    )
    # An unknown last word: no context at all, the unigram frequencies.
    assert_allclose(
        softmax(ngram_logits(model, ["a", "zebra"])), [4 / 11, 3 / 11, 2 / 11, 2 / 11], rtol=1e-14
    )
    assert_allclose(softmax(ngram_logits(model, [])), [4 / 11, 3 / 11, 2 / 11, 2 / 11], rtol=1e-14)


def test_an_order_one_model_ignores_the_context():
    model = build_ngram_model(TINY, order=1)
    assert_allclose(ngram_logits(model, ["a", "b"]), np.log([4, 3, 2, 2]), rtol=1e-15)


def test_generation_at_zero_temperature_is_greedy_and_loops():
    model = build_ngram_model("the cat sat on the mat . the cat ran .", order=2)
    out = generate(model, "the", length=20, rng=np.random.default_rng(0), temperature=0)
    # Each token is an arg max of the logits (after "cat", "sat" and "ran" tie: either may come).
    context = ["the"]
    for token in out.tokens:
        z = ngram_logits(model, context)
        assert z[model.index[token]] == z.max()
        context.append(token)
    # 19 bigrams from at most 8 arg-max transitions (7 words, one tie): the text loops.
    assert distinct_ngrams(out.tokens) <= 8 / 19


def test_generation_records_the_models_own_log_likelihood():
    model = build_ngram_model(TINY, order=3)
    out = generate(model, "a b", length=12, rng=np.random.default_rng(4), temperature=2.0, top_k=3)
    context = ["a", "b"]
    for token, log_likelihood in zip(out.tokens, out.log_likelihoods, strict=True):
        z = ngram_logits(model, context)
        assert math.isclose(log_likelihood, log_softmax(z)[model.index[token]], rel_tol=1e-13)
        assert sampler_probabilities(z, temperature=2.0, top_k=3)[model.index[token]] > 0
        context.append(token)


def test_generated_tokens_follow_the_sampler_distribution():
    model = build_ngram_model(TINY, order=2)
    knobs = dict(temperature=1.5, top_p=0.95)
    p = sampler_probabilities(ngram_logits(model, ["a"]), **knobs)
    rng = np.random.default_rng(7)
    firsts = [generate(model, "a", length=1, rng=rng, **knobs).tokens[0] for _ in range(4000)]
    observed = np.array([firsts.count(word) for word in model.vocabulary])
    assert (observed[p == 0] == 0).all()
    assert stats.chisquare(observed[p > 0], len(firsts) * p[p > 0]).pvalue > 1e-3


def test_same_seed_same_text():
    model = build_ngram_model(TINY, order=3)
    first = generate(model, "a", length=20, rng=np.random.default_rng(9), top_p=0.9)
    again = generate(model, "a", length=20, rng=np.random.default_rng(9), top_p=0.9)
    assert first.tokens == again.tokens
    assert_array_equal(first.log_likelihoods, again.log_likelihoods)


def test_model_of_the_python_documentation():
    text = python_docs_text()
    assert "statement" in text
    # Prose only: no RST underlines and no indented code lines.
    assert "****" not in text
    assert not any(line.startswith(" ") for line in text.splitlines())
    model = build_ngram_model(text)
    assert model.order == 3
    assert len(model.vocabulary) > 1000
    out = generate(model, "The return statement", length=40, rng=np.random.default_rng(0))
    assert len(out.tokens) == 40
    assert (out.log_likelihoods < 0).all()


def test_distinct_ngrams_by_hand():
    assert distinct_ngrams("a b c d".split()) == 1.0
    assert distinct_ngrams("a b a b a b".split()) == 2 / 5
    assert distinct_ngrams("a a a".split(), n=1) == 1 / 3
    assert distinct_ngrams("a b a b".split(), n=3) == 1.0


def test_tokenize_and_detokenize():
    assert tokenize("Don't use built-in names, e.g. list(x).") == [
        "Don't",
        "use",
        "built-in",
        "names",
        ",",
        "e",
        ".",
        "g",
        ".",
        "list",
        "(",
        "x",
        ")",
        ".",
    ]
    assert (
        detokenize(tokenize("A list (or a tuple) is fine; really.")) == "A list (or a tuple) is fine; really."
    )


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: build_ngram_model(TINY, order=0), ValueError, "order must be a positive whole number"),
        (lambda: build_ngram_model("a b", order=3), ValueError, "has 2 tokens; an order-3 model needs"),
        (
            lambda: build_ngram_model([str(i) for i in range(300)], order=8),
            ValueError,
            "too large for keys of 8 words",
        ),
        (lambda: tokenize(3), TypeError, "text must be a string"),
        (lambda: distinct_ngrams(["a"], n=2), ValueError, "at least 2 tokens"),
        (lambda: distinct_ngrams(["a"], n=0), ValueError, "n must be a positive whole number"),
        (
            lambda: generate(build_ngram_model(TINY), "a", length=0, rng=np.random.default_rng(0)),
            ValueError,
            "length must be a positive whole number",
        ),
        (
            lambda: generate(build_ngram_model(TINY), "a", length=3, rng=np.random.default_rng(0), top_p=2),
            ValueError,
            "top_p must satisfy",
        ),
        (
            lambda: generate(build_ngram_model(TINY), "a", length=3, rng=0),
            TypeError,
            r"numpy\.random\.Generator",
        ),
    ],
)
def test_bad_arguments_raise_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()
