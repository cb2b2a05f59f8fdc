"""Calibration measures and temperature scaling: hand-worked cases, scikit-learn, mpmath and properties."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.calibration import CalibratedClassifierCV, calibration_curve
from sklearn.datasets import load_digits
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss
from threadpoolctl import threadpool_limits

from softmax_core import log_softmax, softmax
from softmax_core.calibration import (
    ReliabilityBins,
    brier_score,
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    reliability_bins,
)


@pytest.fixture(autouse=True, scope="module")
def one_blas_thread():
    """Small matrix products run 5-20x faster on one BLAS thread than on threads fighting for 2 cores."""
    with threadpool_limits(limits=1):
        yield


def two_class(confidences, correct):
    """Binary predictions of class 0 with these confidences, labelled right (0) or wrong (1)."""
    confidences = np.asarray(confidences, dtype=float)
    p = np.column_stack([confidences, 1.0 - confidences])
    labels = np.where(np.asarray(correct, dtype=bool), 0, 1)
    return p, labels


def random_logits(seed: int, samples: int = 200, classes: int = 5, scale: float = 3.0):
    """Logits whose label is the arg max about 60% of the time, as a trained model's would be."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, size=samples)
    logits = rng.normal(scale=scale, size=(samples, classes))
    logits[np.arange(samples), labels] += scale
    return logits, labels


# --- expected calibration error: hand-worked ------------------------------------------------------


def test_ece_weighs_each_bins_gap_by_its_share_of_samples():
    # Worked by hand: confidences 0.75 (one right of two) and 0.875 (two right of two), 8 bins.
    # Bin (0.625, 0.75]: acc 1/2, conf 3/4, gap 1/4; bin (0.75, 0.875]: acc 1, conf 7/8, gap 1/8.
    # ECE = 2/4 · 1/4 + 2/4 · 1/8 = 3/16.
    p, labels = two_class([0.75, 0.75, 0.875, 0.875], [True, False, True, True])
    assert expected_calibration_error(p, labels, bins=8) == 3 / 16


def test_ece_of_predictions_as_often_right_as_they_claim_is_zero():
    # Four at 0.75 with three right; two at 0.5 with one right: every bin's accuracy = confidence.
    p, labels = two_class([0.75] * 4 + [0.5] * 2, [True, True, True, False, True, False])
    assert expected_calibration_error(p, labels) == 0.0
    assert expected_calibration_error(p, labels, strategy="quantile") == 0.0


def test_ece_with_one_bin_is_the_gap_between_accuracy_and_mean_confidence():
    # Worked by hand: mean confidence (0.5 + 0.625 + 0.875 + 1) / 4 = 0.75, accuracy 1/4.
    p, labels = two_class([0.5, 0.625, 0.875, 1.0], [False, False, False, True])
    assert expected_calibration_error(p, labels, bins=1) == 0.5


def test_a_confidence_on_an_edge_belongs_to_the_bin_below():
    # Bins are (lower, upper]: 0.75 with 4 bins lies in (0.5, 0.75], not (0.75, 1].
    p, labels = two_class([0.75, 0.8125], [True, False])
    result = reliability_bins(p, labels, bins=4)
    assert_array_equal(result.counts, [0, 0, 1, 1])
    assert_array_equal(result.accuracy[2:], [1.0, 0.0])
    # By hand: (1/2)·|1 − 0.75| + (1/2)·|0 − 0.8125| = 0.125 + 0.40625.
    assert expected_calibration_error(p, labels, bins=4) == 0.53125


@pytest.mark.parametrize(("bins", "b"), [(6, 5), (7, 5), (9, 7), (12, 10), (14, 13), (10, 7), (15, 8)])
def test_a_confidence_of_exactly_b_over_bins_lies_in_bin_b_not_above(bins, b):
    # np.linspace(0, 1, bins + 1) puts some of these edges 1 ulp below b / bins (5/6 for 6 bins), which
    # would move a confidence equal to the correctly rounded b / bins into the bin above.
    p, labels = two_class([b / bins], [True])
    counts = reliability_bins(p, labels, bins=bins).counts
    assert counts[b - 1] == 1, counts
    # By hand: one prediction, right, at confidence b / bins.
    assert expected_calibration_error(p, labels, bins=bins) == 1 - b / bins


def test_a_confidence_of_one_half_lies_in_the_lower_of_two_bins():
    p, labels = two_class([0.5, 0.5], [True, False])
    assert_array_equal(reliability_bins(p, labels, bins=2).counts, [2, 0])


def test_ece_uses_the_first_of_tied_classes_as_the_prediction():
    # p = (1/3, 1/3, 1/3) predicts class 0: right for label 0, wrong for label 2.
    p = np.full((2, 3), 1 / 3)
    assert expected_calibration_error(p, [0, 0], bins=3) == pytest.approx(2 / 3, abs=1e-15)
    assert expected_calibration_error(p, [2, 2], bins=3) == pytest.approx(1 / 3, abs=1e-15)


def test_equal_mass_bins_split_sorted_confidences_into_halves():
    # Worked by hand: four confidences, 2 bins; the median edge is (0.625 + 0.75) / 2 = 0.6875.
    # Lower half {0.5 wrong, 0.625 right}: acc 1/2, conf 0.5625. Upper {0.75 right, 1 right}: acc 1,
    # conf 0.875. ECE = 1/2 · 0.0625 + 1/2 · 0.125 = 0.09375.
    p, labels = two_class([1.0, 0.625, 0.75, 0.5], [True, True, True, False])
    result = reliability_bins(p, labels, bins=2, strategy="quantile")
    assert_array_equal(result.edges, [0.5, 0.6875, 1.0])
    assert_array_equal(result.counts, [2, 2])
    assert_array_equal(result.confidence, [0.5625, 0.875])
    assert expected_calibration_error(p, labels, bins=2, strategy="quantile") == 0.09375


def test_equal_mass_bins_keep_equal_confidences_together():
    p, labels = two_class([0.75] * 5, [True, True, False, True, True])
    result = reliability_bins(p, labels, bins=3, strategy="quantile")
    assert result.counts.sum() == 5 and result.counts.max() == 5
    assert expected_calibration_error(p, labels, bins=3, strategy="quantile") == pytest.approx(0.05)


def test_equal_mass_ece_with_a_bin_per_sample_is_the_mean_gap_per_sample():
    p, labels = two_class([0.5, 0.625, 0.75, 0.875, 1.0], [True, False, True, True, False])
    # Each bin holds one prediction: ECE = mean |[right] − c| = (0.5 + 0.625 + 0.25 + 0.125 + 1) / 5.
    assert expected_calibration_error(p, labels, bins=5, strategy="quantile") == pytest.approx(0.5)


# --- reliability bins ---------------------------------------------------------------------------


def test_reliability_bins_report_edges_counts_confidence_and_accuracy():
    p, labels = two_class([0.75, 0.75, 0.875, 0.875], [True, False, True, True])
    result = reliability_bins(p, labels, bins=8)
    assert isinstance(result, ReliabilityBins)
    assert_array_equal(result.edges, np.arange(9) / 8)
    assert_array_equal(result.counts, [0, 0, 0, 0, 0, 2, 2, 0])
    assert_array_equal(result.confidence[5:7], [0.75, 0.875])
    assert_array_equal(result.accuracy[5:7], [0.5, 1.0])
    assert_array_equal(result.gaps[5:7], [-0.25, 0.125])
    assert np.isnan(result.confidence[[0, 1, 2, 3, 4, 7]]).all()
    assert np.isnan(result.accuracy[[0, 1, 2, 3, 4, 7]]).all()
    assert result.count is result.counts and result.mean_confidence is result.confidence


def test_reliability_bins_are_read_only():
    p, labels = two_class([0.75, 0.875], [True, True])
    result = reliability_bins(p, labels, bins=2)
    with pytest.raises(ValueError, match="read-only"):
        result.counts[0] = 5
    with pytest.raises(AttributeError):
        result.counts = np.zeros(2)  # type: ignore[misc]


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
@pytest.mark.parametrize("bins", [1, 5, 15])
def test_reliability_bins_match_scikit_learns_calibration_curve(strategy, bins):
    # When every prediction is class 1 (p₁ > 1/2), confidence = p₁ and "right" = "y is 1", so each
    # bin's (accuracy, confidence) is sklearn's (fraction of positives, mean predicted value).
    rng = np.random.default_rng(bins)
    p1 = rng.uniform(0.5, 1.0, size=300)
    p1[p1 == 0.5] = 0.75
    y = (rng.uniform(size=300) < p1**2).astype(int)
    prob_true, prob_pred = calibration_curve(y, p1, n_bins=bins, strategy=strategy)
    result = reliability_bins(np.column_stack([1 - p1, p1]), y, bins=bins, strategy=strategy)
    filled = result.counts > 0
    assert_allclose(result.accuracy[filled], prob_true, rtol=1e-14)
    assert_allclose(result.confidence[filled], prob_pred, rtol=1e-14)


@settings(max_examples=40, deadline=None)
@given(
    seed=hst.integers(0, 2**32 - 1),
    samples=hst.integers(1, 60),
    classes=hst.integers(2, 6),
    bins=hst.integers(1, 20),
    strategy=hst.sampled_from(["uniform", "quantile"]),
)
def test_bins_account_for_every_prediction_and_ece_is_their_weighted_gap(
    seed, samples, classes, bins, strategy
):
    rng = np.random.default_rng(seed)
    p = softmax(rng.normal(scale=3.0, size=(samples, classes)), axis=1)
    labels = rng.integers(0, classes, size=samples)
    result = reliability_bins(p, labels, bins=bins, strategy=strategy)
    correct = p.argmax(axis=1) == labels
    assert result.counts.sum() == samples
    filled = result.counts > 0
    assert np.all(np.diff(result.edges) >= 0)
    assert (result.counts[filled] * result.accuracy[filled]).sum() == pytest.approx(correct.sum())
    assert (result.counts[filled] * result.confidence[filled]).sum() == pytest.approx(p.max(axis=1).sum())
    weighted_gap = np.sum(result.counts[filled] / samples * np.abs(result.gaps[filled]))
    ece = expected_calibration_error(p, labels, bins=bins, strategy=strategy)
    assert ece == pytest.approx(weighted_gap, abs=1e-14)
    assert 0.0 <= ece <= 1.0
    # One bin is the largest gap there is to average away: ECE ≥ |overall accuracy − mean confidence|.
    assert ece >= abs(correct.mean() - p.max(axis=1).mean()) - 1e-14


# --- negative log likelihood and Brier score ------------------------------------------------------


@pytest.mark.parametrize("temperature", [0.25, 1.0, 3.0])
def test_nll_matches_scikit_learns_log_loss(temperature):
    logits, labels = random_logits(seed=1)
    expected = log_loss(labels, softmax(logits / temperature, axis=1), labels=range(5))
    assert negative_log_likelihood(logits, labels, temperature=temperature) == pytest.approx(
        expected, rel=1e-12
    )
    assert negative_log_likelihood(logits, labels, beta=1 / temperature) == pytest.approx(expected, rel=1e-12)


def test_nll_stays_finite_where_the_probability_underflows():
    # log_softmax, not log(softmax): e^-800 underflows to 0, yet the loss is exactly 800.
    assert negative_log_likelihood([[0.0, -800.0]], [1]) == 800.0
    assert negative_log_likelihood([[0.0, -800.0]], [1], temperature=2.0) == 400.0


def test_nll_at_zero_temperature_is_infinite_for_a_mistake_and_zero_without():
    assert negative_log_likelihood([[2.0, 1.0], [0.0, 3.0]], [0, 1], temperature=0) == 0.0
    assert negative_log_likelihood([[2.0, 1.0], [0.0, 3.0]], [1, 1], temperature=0) == math.inf


def test_brier_score_matches_a_hand_computation_and_scikit_learn():
    p = np.array([[0.5, 0.25, 0.25], [0.125, 0.75, 0.125], [1.0, 0.0, 0.0]])
    labels = np.array([0, 2, 1])
    # By hand: (0.25 + 0.0625 + 0.0625) + (0.015625 + 0.5625 + 0.765625) + (1 + 1 + 0), over 3.
    assert brier_score(p, labels) == pytest.approx(3.71875 / 3, rel=1e-15)
    assert brier_score(p, labels) == pytest.approx(brier_score_loss(labels, p, labels=[0, 1, 2]), rel=1e-14)


def test_brier_score_is_zero_for_certain_right_answers_and_two_for_certain_wrong_ones():
    assert brier_score(np.eye(3), [0, 1, 2]) == 0.0
    assert brier_score(np.eye(3), [1, 2, 0]) == 2.0


# --- fit_temperature ----------------------------------------------------------------------------


def test_fitted_temperature_makes_the_confidence_the_observed_accuracy():
    # Four predictions with logit gap 1, three right: NLL'(β) = 0 ⇔ σ(β) = 3/4 ⇔ β = log 3.
    logits = [[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]
    assert fit_temperature(logits, [0, 0, 0, 0]) == pytest.approx(1 / math.log(3), rel=1e-14)


def nll_slope(logits, labels, beta) -> mpmath.mpf:
    """d NLL / dβ at β, with 50 digits: the mean over samples of E_p[z] − z_y."""
    with mpmath.workdps(50):
        beta = mpmath.mpf(beta)
        total = mpmath.mpf(0)
        for row, label in zip(logits.tolist(), labels.tolist(), strict=True):
            weights = [mpmath.exp(beta * (value - max(row))) for value in row]
            total += mpmath.fsum(w * v for w, v in zip(weights, row, strict=True)) / mpmath.fsum(weights)
            total -= row[label]
        return total / len(row)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("scale", [0.3, 3.0, 40.0])
def test_fitted_temperature_brackets_the_exact_minimum_within_1e_6(seed, scale):
    # mpmath decides the sign of the slope on either side: the minimum lies within β·(1 ± 1e-9).
    logits, labels = random_logits(seed, samples=40, scale=scale)
    beta = 1.0 / fit_temperature(logits, labels)
    assert nll_slope(logits, labels, beta * (1 - 1e-9)) < 0 < nll_slope(logits, labels, beta * (1 + 1e-9))


@pytest.mark.parametrize("seed", [3, 4])
def test_fitted_temperature_beats_every_temperature_of_a_brute_force_grid(seed):
    logits, labels = random_logits(seed, scale=5.0)
    temperatures = np.geomspace(0.05, 50, 4001)
    losses = [negative_log_likelihood(logits, labels, temperature=t) for t in temperatures]
    best = int(np.argmin(losses))
    fitted = fit_temperature(logits, labels)
    assert temperatures[best - 1] < fitted < temperatures[best + 1]
    assert negative_log_likelihood(logits, labels, temperature=fitted) <= losses[best]


def digits_split():
    """Digits: a weakly and a strongly regularised softmax regression, and a validation split."""
    x, y = load_digits(return_X_y=True)
    rng = np.random.default_rng(0)
    order = rng.permutation(y.size)
    train, validation = order[:600], order[600:1200]
    return x / 16.0, y, train, validation


@pytest.mark.parametrize(("c", "direction"), [(1e4, "overconfident"), (1e-3, "underconfident")])
def test_fitted_temperature_agrees_with_scikit_learns_temperature_scaling(c, direction):
    x, y, train, validation = digits_split()
    model = LogisticRegression(C=c, max_iter=5000).fit(x[train], y[train])
    calibrated = CalibratedClassifierCV(FrozenEstimator(model), method="temperature")
    calibrated.fit(x[validation], y[validation])
    # sklearn ≥ 1.8 keeps the inverse temperature β = 1/T of its one calibrator.
    sklearn_temperature = 1.0 / float(calibrated.calibrated_classifiers_[0].calibrators[0].beta_)
    ours = fit_temperature(model.decision_function(x[validation]), y[validation])
    assert (ours > 1) if direction == "overconfident" else (ours < 1)
    assert f"{ours:.3g}" == f"{sklearn_temperature:.3g}"
    assert ours == pytest.approx(sklearn_temperature, rel=1e-6)


def test_temperature_scaling_lowers_the_nll_and_keeps_every_prediction():
    logits, labels = random_logits(seed=5, scale=8.0)
    fitted = fit_temperature(logits, labels)
    assert negative_log_likelihood(logits, labels, temperature=fitted) < negative_log_likelihood(
        logits, labels
    )
    assert_array_equal(softmax(logits / fitted, axis=1).argmax(axis=1), logits.argmax(axis=1))


@settings(max_examples=30, deadline=None)
@given(
    seed=hst.integers(0, 2**32 - 1),
    factor=hst.floats(0.01, 100.0),
    shifts=arrays(np.float64, 30, elements=hst.floats(-1e3, 1e3)),
)
def test_scaling_the_logits_scales_the_temperature_and_shifting_rows_changes_nothing(seed, factor, shifts):
    logits, labels = random_logits(seed, samples=30, classes=4)
    fitted = fit_temperature(logits, labels)
    assert fit_temperature(factor * logits, labels) == pytest.approx(factor * fitted, rel=1e-9)
    shifted = logits + shifts[:, np.newaxis]
    # Adding a constant to a row changes its logits by up to 1e3, so its rounding is 1e3·eps.
    assert fit_temperature(shifted, labels) == pytest.approx(fitted, rel=1e-9)


def test_every_label_a_top_logit_gives_temperature_zero_the_arg_max():
    # The loss falls for ever as T → 0; at T = 0 (the exact arg max) it is 0.
    logits = np.array([[3.0, 1.0, 0.0], [0.0, 0.5, 0.2]])
    assert fit_temperature(logits, [0, 1]) == 0.0
    assert negative_log_likelihood(logits, [0, 1], temperature=0.0) == 0.0
    # A tie at the top: the limit is log 2 / 2, still the infimum.
    assert fit_temperature([[1.0, 1.0], [2.0, 0.0]], [0, 0]) == 0.0


def test_labels_no_better_than_the_row_mean_give_an_infinite_temperature():
    # Every label's logit is its row's smallest: any β > 0 is worse than the uniform prediction.
    logits = np.array([[3.0, 1.0, 0.0], [0.0, 2.0, 1.0]])
    assert fit_temperature(logits, [2, 0]) == math.inf
    assert negative_log_likelihood(logits, [2, 0], temperature=math.inf) == pytest.approx(math.log(3))


def test_a_single_narrow_mistake_among_sure_answers_gives_a_small_finite_temperature():
    # 99 right by a margin of 10, one wrong by 1e-3: the optimum keeps the right ones sure.
    logits = np.tile([10.0, 0.0], (100, 1))
    logits[0] = [0.0, 1e-3]
    labels = np.zeros(100, dtype=int)
    fitted = fit_temperature(logits, labels)
    assert 0 < fitted < 10
    beta = 1 / fitted
    assert nll_slope(logits, labels, beta * (1 - 1e-9)) < 0 < nll_slope(logits, labels, beta * (1 + 1e-9))


def test_log_softmax_of_the_scaled_logits_is_what_the_nll_averages():
    logits, labels = random_logits(seed=6)
    fitted = fit_temperature(logits, labels)
    expected = -log_softmax(logits / fitted, axis=1)[np.arange(labels.size), labels].mean()
    assert negative_log_likelihood(logits, labels, temperature=fitted) == pytest.approx(expected, rel=1e-13)


# --- bad input ----------------------------------------------------------------------------------


def test_equal_logits_in_every_row_leave_no_temperature_to_fit():
    with pytest.raises(ValueError, match=r"every T gives the same loss \(log K\)"):
        fit_temperature([[1.0, 1.0], [-2.0, -2.0]], [0, 1])


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_fit_temperature_refuses_non_finite_logits_and_says_where(bad):
    with pytest.raises(
        ValueError, match=r"logits must be finite to fit a temperature, but logits\[\(1, 0\)\]"
    ):
        fit_temperature([[1.0, 0.0], [bad, 0.0]], [0, 1])


@pytest.mark.parametrize("function", [expected_calibration_error, reliability_bins, brier_score])
def test_probability_measures_refuse_rows_that_are_not_distributions(function):
    with pytest.raises(ValueError, match=r"p must sum to 1, but it sums to 0.75 \(the slice at index 1\)"):
        function([[0.5, 0.5], [0.5, 0.25]], [0, 1])
    with pytest.raises(ValueError, match=r"p must not be negative"):
        function([[1.5, -0.5]], [0])
    with pytest.raises(ValueError, match=r"p must be a 2-d array of probabilities.*shape \(2,\)"):
        function([0.5, 0.5], [0])
    with pytest.raises(ValueError, match=r"p is empty \(shape \(0, 3\)\)"):
        function(np.zeros((0, 3)), np.zeros(0, dtype=int))


@pytest.mark.parametrize(
    "function",
    [expected_calibration_error, reliability_bins, brier_score, negative_log_likelihood, fit_temperature],
)
def test_every_measure_refuses_labels_that_are_not_class_indices(function):
    table = [[0.75, 0.25], [0.25, 0.75]]
    with pytest.raises(ValueError, match=r"labels must be integer class indices from 0 to 1, .*float64"):
        function(table, [0.0, 1.0])
    with pytest.raises(ValueError, match=r"one class index per sample, shape \(2,\), got shape \(3,\)"):
        function(table, [0, 1, 1])
    with pytest.raises(ValueError, match=r"labels\[1\] = 2 is not a class index: there are 2 classes"):
        function(table, [0, 2])
    with pytest.raises(ValueError, match=r"labels\[0\] = -1 is not a class index"):
        function(table, [-1, 0])


@pytest.mark.parametrize("bins", [0, -3, 2.5, True, "15"])
def test_bins_must_be_a_whole_number_of_at_least_one(bins):
    with pytest.raises(ValueError, match=r"bins must be a whole number ≥ 1, got"):
        expected_calibration_error([[0.75, 0.25]], [0], bins=bins)


def test_unknown_binning_strategy_is_refused():
    with pytest.raises(ValueError, match=r"strategy must be 'uniform' \(equal-width bins\) or 'quantile'"):
        reliability_bins([[0.75, 0.25]], [0], strategy="equal")


def test_nll_refuses_nan_and_both_temperature_and_beta():
    with pytest.raises(ValueError, match=r"logits contains NaN"):
        negative_log_likelihood([[0.0, math.nan]], [0])
    with pytest.raises(ValueError, match=r"Give either beta or temperature, not both"):
        negative_log_likelihood([[0.0, 1.0]], [0], temperature=1.0, beta=1.0)
