"""The sampler chain (temperature, top-k, top-p, min-p) and what is drawn from it.

Hand-worked cases for ties, the order switch and both limits; an exact reference in fractions for the
chain at rational probabilities; hypothesis properties; the draws against their distribution.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from numpy.testing import assert_allclose, assert_array_equal
from scipy import stats

from softmax_core import softmax
from softmax_core.sampling import (
    TRUNCATION_REASONS,
    Diversity,
    diversity,
    expected_total_variation,
    gumbel_top_k,
    sample_tokens,
    sampler_probabilities,
    total_variation,
    truncation_reasons,
)

EPS = np.finfo(np.float64).eps
INF, NAN = math.inf, math.nan
# The worked example: p = (0.5, 0.3, 0.15, 0.05) at T = 1.
WORKED = np.log([0.5, 0.3, 0.15, 0.05])


def kept(z, **settings):
    return (truncation_reasons(z, **settings) == "kept").tolist()


def tempered(p, temperature):
    """p^(1/T) renormalised: softmax(log p / T), computed independently of the core."""
    weights = np.asarray(p, dtype=float) ** (1.0 / temperature)
    return weights / weights.sum()


# --- Hand-worked cases --------------------------------------------------------------------------------


def test_no_knob_is_the_softmax_at_every_temperature():
    z = [2.0, 1.0, 1.0, -3.0]
    for temperature in (0.0, 0.1, 1.0, 7.0, INF, -2.0):
        assert_array_equal(
            sampler_probabilities(z, temperature=temperature), softmax(z, temperature=temperature)
        )
    assert_array_equal(sampler_probabilities(z, beta=3.0), softmax(z, beta=3.0))


def test_worked_example_each_knob():
    # p = (0.5, 0.3, 0.15, 0.05): each knob by hand.
    assert_allclose(sampler_probabilities(WORKED, top_k=2), [0.5 / 0.8, 0.3 / 0.8, 0, 0], rtol=1e-15)
    assert_allclose(
        sampler_probabilities(WORKED, top_k=3), [0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0], rtol=1e-15
    )
    # min_p = 0.2: threshold 0.2 · 0.5 = 0.1 removes only 0.05.
    assert kept(WORKED, min_p=0.2) == [True, True, True, False]


@pytest.mark.parametrize(
    ("top_p", "count"),
    [
        (1e-9, 1),
        (0.5, 1),  # 0.5 reaches 0.5 exactly: one token
        (0.5000001, 2),
        (0.8, 2),  # 0.5 + 0.3 reaches 0.8 exactly, though its float sum rounds below 0.8
        (0.81, 3),
        (0.95, 3),  # 0.5 + 0.3 + 0.15
        (0.9500001, 4),
        (1.0, 4),
    ],
)
def test_top_p_keeps_the_smallest_set_reaching_top_p(top_p, count):
    assert kept(WORKED, top_p=top_p) == [True] * count + [False] * (4 - count)


def test_top_k_keeps_every_token_tied_with_the_kth():
    # Ranks: 3 > 2 = 2 > 1: the 2nd largest is tied with the 3rd, so both stay.
    z = [2.0, 3.0, 2.0, 1.0]
    assert truncation_reasons(z, top_k=2).tolist() == ["kept", "kept", "kept", "top_k"]
    assert_allclose(sampler_probabilities(z, top_k=2), np.append(softmax([2.0, 3.0, 2.0]), 0.0), rtol=1e-15)
    # A tie at the top: top_k = 1 keeps both maxima, half each at T = 0.
    assert_array_equal(sampler_probabilities([5.0, 5.0, 1.0], top_k=1, temperature=0), [0.5, 0.5, 0.0])


def test_top_k_beyond_the_vocabulary_is_a_no_op():
    assert_array_equal(sampler_probabilities(WORKED, top_k=10), softmax(WORKED))


def test_top_p_keeps_every_token_tied_with_the_last_one_needed():
    # Four equal tokens: 0.3 needs 2 of them (0.25 < 0.3 ≤ 0.5), but all four are tied.
    assert kept([0.0, 0.0, 0.0, 0.0], top_p=0.3) == [True] * 4
    # (0.4, 0.2, 0.2, 0.2): 0.5 is reached by the 2nd token, tied with the 3rd and 4th.
    assert kept(np.log([0.4, 0.2, 0.2, 0.2]), top_p=0.5) == [True] * 4
    assert kept(np.log([0.4, 0.2, 0.2, 0.2]), top_p=0.4) == [True, False, False, False]


def test_min_p_keeps_tokens_exactly_at_the_threshold():
    # p = (0.4, 0.2, 0.1, 0.3)/1: 0.1 = 0.25 · 0.4 exactly, kept; 0.0999 would not be.
    z = np.log([0.4, 0.2, 0.1, 0.3])
    assert kept(z, min_p=0.25) == [True, True, True, True]
    assert kept(z, min_p=0.2500001) == [True, True, False, True]
    assert kept(z, min_p=1.0) == [True, False, False, False]


def test_truncations_apply_in_order_each_on_what_the_one_before_left():
    # top-k = 3 leaves (0.5, 0.3, 0.15)/0.95 = (0.526, 0.316, 0.158): top_p = 0.8 then needs only two,
    # while on the full distribution 0.5 + 0.3 = 0.8 also suffices; top_p = 0.84 shows the renormalising:
    # 0.526 + 0.316 = 0.842 reaches 0.84 after top-k, though 0.5 + 0.3 = 0.8 does not before it.
    assert kept(WORKED, top_p=0.84) == [True, True, True, False]
    assert truncation_reasons(WORKED, top_k=3, top_p=0.84).tolist() == ["kept", "kept", "top_p", "top_k"]
    # min-p after top-p reports only what top-p left: 0.15 was already removed by top-p.
    # (0.3/0.5 = 0.6 < 0.7.)
    assert truncation_reasons(WORKED, top_p=0.8, min_p=0.7).tolist() == ["kept", "min_p", "top_p", "top_p"]


def test_order_switch_changes_the_kept_set_at_high_temperature():
    # At T = 3, q ∝ p^(1/3) = (0.336, 0.283, 0.225, 0.156): top_p = 0.7 needs three tokens.
    assert_allclose(tempered([0.5, 0.3, 0.15, 0.05], 3), [0.336, 0.283, 0.225, 0.156], atol=5e-4)
    first = sampler_probabilities(WORKED, temperature=3, top_p=0.7)
    assert_allclose(first, np.append(tempered([0.5, 0.3, 0.15], 3), 0.0), rtol=1e-14)
    # Temperature last: at T = 1, 0.5 + 0.3 = 0.8 ≥ 0.7 already, then T = 3 flattens the two survivors.
    last = sampler_probabilities(WORKED, temperature=3, top_p=0.7, temperature_last=True)
    assert_allclose(last, np.append(tempered([0.5, 0.3], 3), [0.0, 0.0]), rtol=1e-14)
    # min_p = 0.2: (0.05/0.5)^(1/3) = 0.46 ≥ 0.2 survives temperature first, 0.1 < 0.2 does not last.
    assert kept(WORKED, temperature=3, min_p=0.2) == [True] * 4
    assert kept(WORKED, temperature=3, min_p=0.2, temperature_last=True) == [True, True, True, False]


def test_order_makes_no_difference_at_t_1_and_for_top_k():
    for settings_ in (dict(top_p=0.7), dict(min_p=0.3), dict(top_k=2, top_p=0.6)):
        assert_array_equal(
            sampler_probabilities(WORKED, **settings_),
            sampler_probabilities(WORKED, **settings_, temperature_last=True),
        )
    assert_array_equal(
        sampler_probabilities(WORKED, temperature=5, top_k=3),
        sampler_probabilities(WORKED, temperature=5, top_k=3, temperature_last=True),
    )


# --- The limits -----------------------------------------------------------------------------------------


def test_zero_temperature_is_the_arg_max_whatever_the_knobs():
    z = [1.0, 4.0, 4.0, 2.0]
    for knobs in (dict(), dict(top_k=3), dict(top_p=0.2), dict(top_p=1.0), dict(min_p=0.0), dict(min_p=0.9)):
        for last in (False, True):
            assert_array_equal(
                sampler_probabilities(z, temperature=0, temperature_last=last, **knobs), [0, 0.5, 0.5, 0]
            )


def test_zero_temperature_truncation_is_the_limit_of_small_temperatures():
    # As T → 0 the non-maximal tokens' probabilities vanish: top_p < 1 and min_p > 0 remove them.
    z = [1.0, 4.0, 4.0, 2.0]
    for temperature in (1e-3, 1e-30, 1e-300, 0.0):
        assert truncation_reasons(z, temperature=temperature, top_p=0.99).tolist() == [
            "top_p",
            "kept",
            "kept",
            "top_p",
        ]
        assert kept(z, temperature=temperature, min_p=1e-9) == [False, True, True, False]
        assert kept(z, temperature=temperature, min_p=0.0) == [True] * 4


def test_infinite_temperature_is_uniform_over_the_kept_tokens():
    z = [3.0, 1.0, 2.0, 0.0, -5.0]
    assert_allclose(
        sampler_probabilities(z, temperature=INF, top_k=3), [1 / 3, 1 / 3, 1 / 3, 0, 0], rtol=1e-15
    )
    assert_allclose(sampler_probabilities(z, temperature=INF), np.full(5, 0.2), rtol=1e-15)


@pytest.mark.parametrize(
    ("top_p", "count"),
    # K = 10 distinct logits: at T = ∞ top-p keeps the ⌈10 · top_p⌉ largest logits (ranking of finite T).
    [(0.05, 1), (0.1, 1), (0.15, 2), (0.3, 3), (0.5, 5), (0.7, 7), (0.8, 8), (0.81, 9), (0.99, 10)],
)
def test_top_p_at_infinite_temperature_keeps_the_largest_logits(top_p, count):
    z = np.arange(10.0)[::-1]  # 9, 8, ..., 0
    expected = [True] * count + [False] * (10 - count)
    # The same set at every large finite T: the exact limit is the limit.
    for temperature in (1e3, 1e6, 1e12, 1e100, 1e300, INF):
        assert kept(z, temperature=temperature, top_p=top_p) == expected, temperature


def test_min_p_at_infinite_temperature_is_the_limit_of_finite_temperatures():
    z = [2.0, 2.0, 1.0, -7.0]
    for temperature in (1e6, 1e15, 1e300, INF):
        # Every ratio p/p_max tends to 1: min_p < 1 keeps all, min_p = 1 only the maxima.
        assert kept(z, temperature=temperature, min_p=0.999) == [True] * 4
        assert kept(z, temperature=temperature, min_p=1.0) == [True, True, False, False]
    assert_array_equal(sampler_probabilities(z, temperature=INF, min_p=1.0), [0.5, 0.5, 0.0, 0.0])


def test_temperature_last_truncates_at_t_1_then_applies_the_limit():
    # T = 1 keeps (0.5, 0.3) at top_p = 0.8; then T = ∞ is uniform over them, T = 0 their arg max.
    assert_array_equal(
        sampler_probabilities(WORKED, top_p=0.8, temperature=INF, temperature_last=True), [0.5, 0.5, 0, 0]
    )
    assert_array_equal(
        sampler_probabilities(WORKED, top_p=0.8, temperature=0, temperature_last=True), [1, 0, 0, 0]
    )


def test_a_minus_infinity_logit_is_never_kept_with_mass():
    z = [0.0, -INF, 1.0]
    for temperature in (0.5, INF):
        p = sampler_probabilities(z, temperature=temperature, top_p=0.99999)
        assert p[1] == 0.0
        assert math.isclose(p.sum(), 1.0, rel_tol=4 * EPS)


def test_logits_near_the_float_limit_truncate_without_a_numpy_warning():
    # Found by fuzzing: min-p's rounding allowance |z| + |z_max| overflowed (an overflow warning, and a
    # tie of logits a thousandth apart). 9e307 and 8.99e307 differ by 1e305: p ratio e^(−1e305) = 0.
    big = [9e307, 8.99e307]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert truncation_reasons(big, min_p=0.5).tolist() == ["kept", "min_p"]
        assert_array_equal(sampler_probabilities(big, min_p=0.5, temperature=INF), [0.5, 0.5])
        assert_array_equal(sampler_probabilities([8.98846567431158e307], min_p=1.0, temperature=0), [1.0])
        assert_array_equal(sampler_probabilities([1e308, -1e308], min_p=0.5, temperature=1e-300), [1, 0])


def test_negative_temperature_ranks_by_the_smallest_logits():
    # As softmax: a negative T is a negative β, which favours the smallest logit.
    z = [3.0, 1.0, 2.0]
    assert_allclose(
        sampler_probabilities(z, temperature=-1, top_k=2), [0, *softmax([1.0, 2.0], beta=-1)], rtol=1e-15
    )


# --- An exact reference: the chain in fractions ------------------------------------------------------


def reference_kept(counts, *, power, top_k=None, top_p=None, min_p=None):
    """The kept set for p ∝ counts^power (rational), each knob on the renormalised survivors, exactly."""
    weights = [Fraction(c) ** power for c in counts]
    alive = list(range(len(counts)))
    if top_k is not None and top_k < len(alive):
        kth = sorted((weights[i] for i in alive), reverse=True)[top_k - 1]
        alive = [i for i in alive if weights[i] >= kth]
    if top_p is not None:
        total = sum(weights[i] for i in alive)
        running, last = Fraction(0), None
        for i in sorted(alive, key=lambda i: -weights[i]):
            running += weights[i] / total
            if running >= top_p:
                last = weights[i]
                break
        if last is not None:
            alive = [i for i in alive if weights[i] >= last]
    if min_p is not None:
        top = max(weights[i] for i in alive)
        alive = [i for i in alive if weights[i] >= min_p * top]
    return [i in alive for i in range(len(counts))]


@settings(max_examples=150, deadline=None)
@given(
    counts=hst.lists(hst.integers(1, 30), min_size=1, max_size=9),
    power=hst.sampled_from([1, 2]),
    top_k=hst.none() | hst.integers(1, 10),
    top_p=hst.none() | hst.fractions(min_value=Fraction(1, 40), max_value=1, max_denominator=40),
    min_p=hst.none() | hst.fractions(min_value=0, max_value=1, max_denominator=40),
)
def test_chain_matches_an_exact_reference_in_fractions(counts, power, top_k, top_p, min_p):
    # p ∝ counts at T = 1, p ∝ counts² at T = 1/2: rational, so the reference is exact; the settings are
    # rationals too, passed as floats: boundary cases (a total exactly top_p) must come out as meant.
    z = np.log(np.array(counts, dtype=float))
    expected = reference_kept(counts, power=power, top_k=top_k, top_p=top_p, min_p=min_p)
    settings_ = dict(
        top_k=top_k,
        top_p=None if top_p is None else float(top_p),
        min_p=None if min_p is None else float(min_p),
    )
    assert kept(z, temperature=1 / power, **settings_) == expected
    # Temperature last truncates at T = 1: the reference at power 1, whatever T.
    assert kept(z, temperature=1 / power, temperature_last=True, **settings_) == reference_kept(
        counts, power=1, top_k=top_k, top_p=top_p, min_p=min_p
    )


# --- Properties -------------------------------------------------------------------------------------------

logits = hst.lists(hst.floats(-30, 30, allow_nan=False, allow_infinity=False), min_size=1, max_size=12)
temperatures = hst.sampled_from([0.0, 0.05, 0.5, 1.0, 2.0, 50.0, INF])
top_ks = hst.none() | hst.integers(1, 14)
top_ps = hst.none() | hst.floats(1e-6, 1.0)
min_ps = hst.none() | hst.floats(0.0, 1.0)


@settings(max_examples=200, deadline=None)
@given(z=logits, temperature=temperatures, top_k=top_ks, top_p=top_ps, min_p=min_ps, last=hst.booleans())
def test_result_is_a_distribution_on_the_kept_tokens(z, temperature, top_k, top_p, min_p, last):
    knobs = dict(temperature=temperature, top_k=top_k, top_p=top_p, min_p=min_p, temperature_last=last)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = sampler_probabilities(z, **knobs)
        reasons = truncation_reasons(z, **knobs)
    assert p.shape == (len(z),)
    assert (p >= 0).all()
    assert math.isclose(math.fsum(p), 1.0, rel_tol=len(z) * 4 * EPS)
    assert set(reasons.tolist()) <= set(TRUNCATION_REASONS)
    assert (p[reasons != "kept"] == 0).all()
    # At least one token, and always the largest logit(s).
    assert (reasons == "kept").sum() >= 1
    assert (reasons[np.asarray(z) == max(z)] == "kept").all()
    # The kept set is a top set of the ranking: nothing kept ranks below something removed.
    z_array = np.asarray(z)
    if (reasons != "kept").any():
        assert z_array[reasons == "kept"].min() > z_array[reasons != "kept"].max()
    # Within the kept set the ratios are those of softmax at T.
    alive = reasons == "kept"
    if 0 < temperature < INF:
        assert_allclose(p[alive], softmax(z_array[alive], temperature=temperature), rtol=1e-12, atol=1e-300)


@settings(max_examples=150, deadline=None)
@given(z=logits, temperature=temperatures, top_k=top_ks, last=hst.booleans())
def test_top_p_one_and_min_p_zero_are_no_ops(z, temperature, top_k, last):
    plain = sampler_probabilities(z, temperature=temperature, top_k=top_k, temperature_last=last)
    for knobs in (dict(top_p=1.0), dict(min_p=0.0), dict(top_p=1.0, min_p=0.0)):
        assert_array_equal(
            sampler_probabilities(z, temperature=temperature, top_k=top_k, temperature_last=last, **knobs),
            plain,
        )


@settings(max_examples=150, deadline=None)
@given(z=logits, temperature=temperatures, low=hst.floats(1e-6, 1.0), high=hst.floats(1e-6, 1.0))
def test_kept_sets_shrink_as_each_knob_tightens(z, temperature, low, high):
    low, high = min(low, high), max(low, high)
    big, small = (kept(z, temperature=temperature, top_p=p) for p in (high, low))
    assert all(b or not s for b, s in zip(big, small, strict=True))
    big, small = (kept(z, temperature=temperature, min_p=m) for m in (low, high))
    assert all(b or not s for b, s in zip(big, small, strict=True))


@settings(max_examples=100, deadline=None)
@given(
    z=logits,
    temperature=temperatures,
    top_k=top_ks,
    top_p=top_ps,
    min_p=min_ps,
    seed=hst.integers(0, 2**32 - 1),
)
def test_the_chain_does_not_depend_on_the_order_of_the_tokens(z, temperature, top_k, top_p, min_p, seed):
    # Ties are kept or removed together, so relabelling the tokens relabels the result.
    permutation = np.random.default_rng(seed).permutation(len(z))
    knobs = dict(temperature=temperature, top_k=top_k, top_p=top_p, min_p=min_p)
    shuffled = np.asarray(z)[permutation]
    assert_array_equal(truncation_reasons(shuffled, **knobs), truncation_reasons(z, **knobs)[permutation])
    # Equal up to the order of the normaliser's sum.
    p = sampler_probabilities(z, **knobs)
    assert_allclose(sampler_probabilities(shuffled, **knobs), p[permutation], rtol=1e-14, atol=1e-300)


# --- Errors ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("knobs", "message"),
    [
        (dict(top_k=0), "top_k must be a whole number ≥ 1"),
        (dict(top_k=-3), "top_k must be a whole number ≥ 1"),
        (dict(top_k=2.5), "top_k must be a whole number ≥ 1"),
        (dict(top_k=True), "top_k must be a whole number ≥ 1"),
        (dict(top_p=0.0), r"top_p must satisfy 0 < top_p ≤ 1"),
        (dict(top_p=-0.1), r"top_p must satisfy 0 < top_p ≤ 1"),
        (dict(top_p=1.5), r"top_p must satisfy 0 < top_p ≤ 1"),
        (dict(top_p=NAN), r"top_p must satisfy 0 < top_p ≤ 1"),
        (dict(top_p=INF), r"top_p must satisfy 0 < top_p ≤ 1"),
        (dict(top_p="0.5"), "top_p must be a number"),
        (dict(min_p=-0.01), r"min_p must satisfy 0 ≤ min_p ≤ 1"),
        (dict(min_p=1.01), r"min_p must satisfy 0 ≤ min_p ≤ 1"),
        (dict(min_p=NAN), r"min_p must satisfy 0 ≤ min_p ≤ 1"),
        (dict(temperature=NAN), "temperature is NaN"),
        (dict(beta=NAN), "beta is NaN"),
        (dict(temperature=1.0, beta=1.0), "either beta or temperature"),
        (dict(temperature_last="yes"), "temperature_last must be True or False"),
    ],
)
def test_bad_settings_raise_a_clear_value_error(knobs, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for function in (sampler_probabilities, truncation_reasons):
            with pytest.raises(ValueError, match=message):
                function([1.0, 2.0, 3.0], **knobs)


@pytest.mark.parametrize(
    ("z", "message"),
    [
        ([], "empty"),
        ([1.0, NAN], "NaN .* at index 1"),
        ([-INF, -INF], "no probability distribution exists"),
        ([[1.0, 2.0]], "one vector of logits"),
        (3.0, "not a single number"),
    ],
)
def test_bad_logits_raise_a_clear_value_error(z, message):
    with pytest.raises(ValueError, match=message):
        sampler_probabilities(z, top_p=0.9)


# --- Draws ------------------------------------------------------------------------------------------------


def test_draws_follow_the_truncated_distribution():
    z = np.log([0.4, 0.25, 0.15, 0.1, 0.06, 0.04])
    knobs = dict(temperature=1.5, top_k=5, min_p=0.2)
    p = sampler_probabilities(z, **knobs)
    draws = sample_tokens(z, size=40_000, rng=np.random.default_rng(11), **knobs)
    observed = np.bincount(draws, minlength=z.size)
    assert (observed[p == 0] == 0).all()
    support = p > 0
    # Pearson's chi-square against the exact probabilities; the seed is fixed, so this cannot flake.
    assert stats.chisquare(observed[support], draws.size * p[support]).pvalue > 1e-3


def test_same_seed_same_draws_and_a_single_kept_token_is_always_drawn():
    z = [1.0, 2.0, 0.5]
    first = sample_tokens(z, size=50, rng=np.random.default_rng(3), top_p=0.9)
    assert_array_equal(first, sample_tokens(z, size=50, rng=np.random.default_rng(3), top_p=0.9))
    assert_array_equal(sample_tokens(z, size=7, rng=np.random.default_rng(0), top_k=1), np.full(7, 1))


def test_sample_tokens_checks_size_and_rng():
    with pytest.raises(ValueError, match="size must be a positive whole number"):
        sample_tokens([1.0, 2.0], size=0, rng=np.random.default_rng(0))
    with pytest.raises(TypeError, match=r"numpy\.random\.Generator"):
        sample_tokens([1.0, 2.0], size=3, rng=np.random.RandomState(0))


def test_gumbel_top_k_draws_without_replacement_in_sequential_order():
    p = np.array([0.5, 0.3, 0.2])
    rows = gumbel_top_k(np.log(p), k=2, rng=np.random.default_rng(5), size=60_000)
    assert rows.shape == (60_000, 2)
    assert (rows[:, 0] != rows[:, 1]).all()
    # Sequential sampling without replacement: P(i then j) = p_i · p_j / (1 − p_i).
    pairs = [(i, j) for i in range(3) for j in range(3) if i != j]
    expected = np.array([p[i] * p[j] / (1 - p[i]) for i, j in pairs])
    observed = np.array([np.count_nonzero((rows[:, 0] == i) & (rows[:, 1] == j)) for i, j in pairs])
    assert stats.chisquare(observed, rows.shape[0] * expected).pvalue > 1e-3


def test_gumbel_top_k_of_all_tokens_is_a_permutation_and_refuses_impossible_k():
    draw = gumbel_top_k([0.3, -1.0, 2.0, 0.0], k=4, rng=np.random.default_rng(0))
    assert sorted(draw.tolist()) == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="only 2 of the 3 tokens"):
        gumbel_top_k([1.0, 1.0, 0.0], k=3, rng=np.random.default_rng(0), temperature=0)
    with pytest.raises(ValueError, match="k must be a positive whole number"):
        gumbel_top_k([1.0, 2.0], k=0, rng=np.random.default_rng(0))


# --- Diversity and distance ------------------------------------------------------------------------------


def test_diversity_of_uniform_and_one_hot_distributions():
    assert diversity([0.25] * 4 + [0.0]) == Diversity(math.log(4), 4.0, 4)
    assert diversity([0.0, 1.0]) == Diversity(0.0, 1.0, 1)
    # scipy.stats.entropy computes the same Shannon entropy in nats.
    p = sampler_probabilities(WORKED, temperature=2.0)
    assert math.isclose(diversity(p).entropy, stats.entropy(p), rel_tol=1e-14)


@settings(max_examples=100, deadline=None)
@given(z=logits, temperature=temperatures, top_p=top_ps)
def test_effective_vocabulary_lies_between_one_and_the_kept_set(z, temperature, top_p):
    measures = diversity(sampler_probabilities(z, temperature=temperature, top_p=top_p))
    assert 1.0 - 1e-12 <= measures.effective_vocabulary <= measures.kept * (1 + 1e-12)


def test_total_variation_hand_values_and_errors():
    assert total_variation([0.5, 0.5, 0.0], [0.25, 0.5, 0.25]) == 0.25
    assert total_variation([1.0, 0.0], [0.0, 1.0]) == 1.0
    assert total_variation([0.25] * 4, [0.25] * 4) == 0.0
    with pytest.raises(ValueError, match="same length"):
        total_variation([0.5, 0.5], [1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="sum to 1"):
        total_variation([0.5, 0.6], [0.5, 0.5])


def test_expected_total_variation_matches_simulation_and_shrinks_like_one_over_root_n():
    p = np.array([0.45, 0.3, 0.15, 0.07, 0.03])
    rng = np.random.default_rng(2024)
    for size in (1_000, 16_000):
        # 2000 independent empirical distributions of `size` draws (multinomial: independent of our sampler).
        frequencies = rng.multinomial(size, p, size=2000) / size
        simulated = 0.5 * np.abs(frequencies - p).sum(axis=1).mean()
        assert math.isclose(simulated, expected_total_variation(p, size), rel_tol=0.03)
    assert math.isclose(
        expected_total_variation(p, 400) / expected_total_variation(p, 100), 0.5, rel_tol=1e-14
    )


def test_expected_total_variation_of_a_certain_outcome_is_zero_even_an_ulp_above_one():
    # A probability that rounds to 1 + 2.2e-16 must not reach sqrt of a negative number (a NumPy warning).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert expected_total_variation([1.0 + EPS, 0.0], 100) == 0.0
