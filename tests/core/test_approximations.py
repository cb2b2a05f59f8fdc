"""The two-level and sampled softmax: exact where they should be, and what each gives up."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from numpy.testing import assert_allclose

from softmax_core import log_softmax
from softmax_core.approximations import (
    cluster_logsumexp,
    sampled_log_probability,
    two_level_log_probability,
    two_level_log_softmax,
)

logits = hst.lists(hst.floats(-40, 40, allow_nan=False, allow_infinity=False), min_size=1, max_size=30)


@settings(max_examples=100, deadline=None)
@given(z=logits, cluster_size=hst.integers(1, 8))
def test_two_level_with_the_clusters_log_sum_exp_is_the_flat_softmax(z, cluster_size):
    scores = cluster_logsumexp(z, cluster_size=cluster_size)
    assert scores.size == math.ceil(len(z) / cluster_size)
    assert_allclose(two_level_log_softmax(scores, z, cluster_size=cluster_size), log_softmax(z), atol=1e-12)


@settings(max_examples=100, deadline=None)
@given(z=logits, cluster_size=hst.integers(1, 8), seed=hst.integers(0, 2**32 - 1))
def test_any_cluster_scores_give_a_distribution_and_one_token_reads_the_same(z, cluster_size, seed):
    count = math.ceil(len(z) / cluster_size)
    scores = np.random.default_rng(seed).normal(scale=3.0, size=count)
    log_p = two_level_log_softmax(scores, z, cluster_size=cluster_size)
    assert math.isclose(math.fsum(np.exp(log_p)), 1.0, rel_tol=1e-13)
    for target in {0, len(z) - 1, len(z) // 2}:
        assert math.isclose(
            two_level_log_probability(scores, z, target, cluster_size=cluster_size),
            log_p[target],
            abs_tol=1e-12,
        )


def test_two_level_probability_by_hand_against_mpmath():
    # Clusters {0, 1} and {2, 3} with scores (0, 1); token 2 in cluster 1:
    # log p = 1 − log(e⁰ + e¹) + 2 − log(e² + e³).
    z, scores = [0.0, 1.0, 2.0, 3.0], [0.0, 1.0]
    mpmath.mp.dps = 30
    expected = 1 - mpmath.log(1 + mpmath.e) + 2 - mpmath.log(mpmath.e**2 + mpmath.e**3)
    assert math.isclose(
        two_level_log_probability(scores, z, 2, cluster_size=2), float(expected), rel_tol=1e-15
    )


def test_a_two_level_model_is_not_the_flat_one_unless_its_clusters_are_scored_exactly():
    # What it gives up: equal cluster scores put half the mass in each cluster, whatever the logits.
    z = np.array([5.0, 0.0, 0.0, 0.0])
    p = np.exp(two_level_log_softmax([0.0, 0.0], z, cluster_size=2))
    assert math.isclose(p[2] + p[3], 0.5, rel_tol=1e-15)
    assert np.exp(log_softmax(z))[2:].sum() < 0.02


def test_sampled_estimate_is_biased_high_by_the_amount_jensen_and_the_delta_method_give():
    rng = np.random.default_rng(1)
    z = rng.normal(size=5000)
    target, samples = 10, 50
    exact = float(log_softmax(z)[target])
    estimates = np.array([sampled_log_probability(z, target, samples=samples, rng=rng) for _ in range(4000)])
    # Ẑ = e^{z_t} + (K − 1)/S Σ e^{z_j} is unbiased for Z, so E log Ẑ ≈ log Z − Var Ẑ / (2Z²) (delta
    # method): log p̂ = z_t − log Ẑ is too high by about Var Ẑ / (2Z²).
    others = np.exp(np.delete(z, target))
    variance = (z.size - 1) ** 2 * others.var() / samples
    predicted_bias = variance / (2 * np.exp(z).sum() ** 2)
    bias = estimates.mean() - exact
    standard_error = estimates.std() / math.sqrt(estimates.size)
    assert bias > 3 * standard_error
    assert abs(bias - predicted_bias) < 4 * standard_error + 0.1 * predicted_bias
    # Its error shrinks like 1/√S: 16× the samples, a quarter of the spread (within sampling noise).
    wide = np.array([sampled_log_probability(z, target, samples=16 * samples, rng=rng) for _ in range(1000)])
    assert 0.2 < wide.std() / estimates.std() < 0.3


def test_sampled_estimate_never_draws_the_target_and_survives_huge_logits():
    # K = 2: the one other token is always drawn, so the estimate is exact.
    assert math.isclose(
        sampled_log_probability([800.0, 801.0], 0, samples=5, rng=np.random.default_rng(0)),
        float(log_softmax([800.0, 801.0])[0]),
        abs_tol=4 * np.finfo(float).eps * 801,  # the rounding of logits of size 801
    )


def test_the_cheap_versions_read_and_check_only_the_logits_they_need():
    # A NaN in another cluster is never read by the two-level probability of token 0 …
    z = np.array([0.0, 1.0, math.nan, 2.0])
    assert math.isfinite(two_level_log_probability([0.0, 0.0], z, 0, cluster_size=2))
    # … but one in the target's own cluster is, and is refused.
    with pytest.raises(ValueError, match="NaN"):
        two_level_log_probability([0.0, 0.0], z, 3, cluster_size=2)
    with pytest.raises(ValueError, match="NaN"):
        sampled_log_probability([math.nan, 1.0], 1, samples=3, rng=np.random.default_rng(0))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: cluster_logsumexp([1.0, 2.0], cluster_size=0),
            "cluster_size must be a positive whole number",
        ),
        (
            lambda: two_level_log_softmax([0.0], [1.0, 2.0, 3.0], cluster_size=2),
            "make 2 clusters, got 1 scores",
        ),
        (
            lambda: two_level_log_probability([0.0], [1.0, 2.0], 2, cluster_size=2),
            r"target must be .* \[0, 2\)",
        ),
        (lambda: two_level_log_probability([0.0], [1.0, 2.0], -1, cluster_size=2), "got -1"),
        (lambda: two_level_log_softmax([0.0], [1.0, math.nan], cluster_size=2), "NaN"),
        (
            lambda: sampled_log_probability([1.0], 0, samples=3, rng=np.random.default_rng(0)),
            "at least 2 tokens",
        ),
        (
            lambda: sampled_log_probability([1.0, 2.0], 0, samples=0, rng=np.random.default_rng(0)),
            "samples must",
        ),
    ],
)
def test_bad_arguments_raise_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
