"""The calibration page's model: the trained networks, their fitted temperatures against the core and
scikit-learn, the curves against the core's measures, and the words."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.calibration import model
from softmax_core import softmax
from softmax_core.calibration import (
    brier_score,
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
)


@pytest.fixture(scope="module")
def over():
    return model.study("overconfident", 0)


@pytest.fixture(scope="module")
def under():
    return model.study("underconfident", 0)


def test_the_network_without_weight_decay_is_overconfident_and_the_decayed_one_underconfident(over, under):
    assert over.train_loss < 1e-9  # it knows its training digits by heart
    assert over.fitted > 2 and under.fitted < 0.7
    for result in (over, under):
        assert result.fitted == fit_temperature(result.logits_validation, result.y_validation)
        assert min(result.accuracy.values()) > 0.9


def test_scikit_learn_fits_the_same_temperature(over, under):
    for result in (over, under):
        assert result.sklearn_fitted == pytest.approx(result.fitted, rel=1e-6)
        assert f"{result.sklearn_fitted:.3g}" == f"{result.fitted:.3g}"


def test_sklearn_temperature_reads_the_given_logits_as_they_are():
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 4, size=200)
    logits = 2.0 * rng.normal(size=(200, 4))
    logits[np.arange(200), labels] += 2.0
    assert model.sklearn_temperature(logits, labels) == pytest.approx(
        fit_temperature(logits, labels), rel=1e-6
    )


def test_a_seed_gives_the_same_network_and_split_every_time(over):
    again = model.study("overconfident", 0)
    assert np.array_equal(again.logits_test, over.logits_test) and again.fitted == over.fitted


def test_the_smooth_curves_are_the_cores_nll_and_brier_score(over):
    for index in (0, 57, 100, len(over.temperatures) - 1):
        temperature = float(over.temperatures[index])
        for split in ("validation", "test"):
            z, y = over.split(split)
            nll = negative_log_likelihood(z, y, temperature=temperature)
            assert over.nll[split][index] == pytest.approx(nll, rel=1e-9)
            brier = brier_score(softmax(z, temperature=temperature, axis=1), y)
            assert over.brier[split][index] == pytest.approx(brier, rel=1e-9, abs=1e-15)
    assert over.temperatures[0] == pytest.approx(0.01) and over.temperatures[-1] == pytest.approx(100)


def test_the_ece_curves_use_the_chosen_bins_and_pick_their_grid_minimum(over):
    curves = model.ece_curves(over, 10, "quantile")
    z, y = over.split("test")
    temperature = float(over.temperatures[90])
    expected = expected_calibration_error(
        softmax(z, temperature=temperature, axis=1), y, bins=10, strategy="quantile"
    )
    assert curves.test[90] == expected
    assert curves.best_validation == over.temperatures[np.argmin(curves.validation)]
    assert curves.best_test == over.temperatures[np.argmin(curves.test)]


def test_measures_at_a_temperature_cover_both_splits_and_the_limits(over):
    at_one = model.measures_at(over, beta=1.0, bins=15, strategy="uniform")
    assert set(at_one) == set(model.MEASURES) and set(at_one["nll"]) == {"validation", "test"}
    assert at_one["nll"]["test"] == pytest.approx(negative_log_likelihood(over.logits_test, over.y_test))
    cold = model.measures_at(over, beta=math.inf, bins=15, strategy="uniform")
    assert cold["nll"]["test"] == math.inf  # T = 0 is sure of its mistakes
    assert cold["accuracy"] == at_one["accuracy"]  # the arg max does not move
    hot = model.scores(over, "test", beta=0.0, bins=15, strategy="uniform")
    assert hot.nll == pytest.approx(math.log(10)) and hot.brier == pytest.approx(0.9)


def test_accuracy_is_flat_in_t(over):
    ece = model.ece_curves(over, 15, "uniform")
    curves = model.curves(over, ece)
    assert np.all(curves["accuracy"]["test"] == over.accuracy["test"])
    assert curves["ece"]["validation"] is ece.validation


def test_reliability_bins_are_the_test_splits_at_that_temperature(over):
    bins = model.reliability(over, over.fitted, 15, "uniform")
    assert bins.counts.sum() == over.y_test.size
    ece = model.scores(over, "test", beta=1 / over.fitted, bins=15, strategy="uniform").ece
    filled = bins.counts > 0
    assert np.sum(bins.counts[filled] * np.abs(bins.gaps[filled])) / over.y_test.size == pytest.approx(ece)


@pytest.mark.parametrize(
    ("ours", "theirs", "digits"),
    [(5.82503, 5.82503, 15), (5.825025, 5.825026, 6), (1.0, 1.2, 0), (0.4, 0.4004, 3)],
)
def test_agreement_counts_the_significant_digits_two_numbers_share(ours, theirs, digits):
    assert model.agreement_digits(ours, theirs) == digits


def test_the_stories_carry_this_runs_numbers(over, under):
    assert "**overconfident**" in model.fitted_story(over) and "**underconfident**" in model.fitted_story(
        under
    )
    assert f"{over.sklearn_fitted:.6g}" in model.sklearn_story(over)
    two = model.two_models_story({"overconfident": over, "underconfident": under})
    assert "below 1" in two and model.percent(over.accuracy["test"]) in two


def test_the_overfit_story_compares_both_temperatures_on_the_test_split(over):
    fixed = model.binned(over, 15, "uniform")
    text = model.overfit_story(over, fixed, 15, "equal width")
    by_nll = model.scores(over, "test", beta=1 / over.fitted, bins=15, strategy="uniform")
    by_ece = model.scores(over, "test", beta=1 / fixed.ece.best_validation, bins=15, strategy="uniform")
    assert model.percent(by_nll.ece, 2) in text and model.percent(by_ece.ece, 2) in text
    assert ("lower than" in text) == (by_nll.ece < by_ece.ece)
    assert "with 15 equal width bins" in text


def test_the_binned_bundle_holds_the_fixed_temperatures_measures(over):
    fixed = model.binned(over, 10, "quantile")
    assert fixed.after == model.scores(over, "test", beta=1 / over.fitted, bins=10, strategy="quantile")
    assert fixed.at_fitted["ece"]["test"] == fixed.after.ece
    assert fixed.reliability_after.counts.sum() == over.y_test.size
    assert fixed.ece.best_validation == model.ece_curves(over, 10, "quantile").best_validation
