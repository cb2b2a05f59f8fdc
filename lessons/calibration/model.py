"""The calibration page's numbers: a network trained on the digits to over- or underconfidence, its logits
on a validation and a test split, the temperature fitted on validation, every measure against T, and
scikit-learn's own temperature scaling as a cross-check.

Pure (no Streamlit). The networks are the core's (`softmax_core.classifier.train_network`), trained on one
BLAS thread (see `lessons.classifier.model`); the split and the network's start come from one seed.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from lessons.common import datasets
from lessons.common.scales import T_MAX, T_MIN, temperature_grid
from lessons.common.text import number
from softmax_core import log_softmax, softmax
from softmax_core.calibration import (
    ReliabilityBins,
    brier_score,
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    reliability_bins,
)
from softmax_core.classifier import train_network

MODELS = ("overconfident", "underconfident")
MODEL_NAMES = {"overconfident": "Overconfident", "underconfident": "Underconfident"}
MODEL_STORIES = {
    "overconfident": "a network trained long without weight decay, until it knows its training digits "
    "by heart",
    "underconfident": "the same network trained with a strong weight decay (λ = 0.03), which keeps its "
    "logits small",
}
WEIGHT_DECAYS = {"overconfident": 0.0, "underconfident": 0.03}
HIDDEN = 32
# L-BFGS steps at most: without weight decay the loss stops falling (below 1e-12) after about 50; with
# it, 150 steps reach the minimum to 0.1 % (T within 0.3 % of 300 steps') in half the time.
STEPS = {"overconfident": 300, "underconfident": 150}
VALIDATION, TEST = 0.25, 0.25  # of the 1,797 digits; the other half trains
BIN_COUNTS = (5, 10, 15, 20, 30)
BINNINGS = ("equal width", "equal mass")
STRATEGIES = {"equal width": "uniform", "equal mass": "quantile"}
MAX_SEED = 9999
GRID_PER_DECADE = 40
MEASURES = ("nll", "ece", "brier", "accuracy")
Progress = Callable[[int, int], object]


@dataclass(frozen=True, eq=False)
class Study:
    """One trained network's logits on the two held-out splits, its fitted temperatures and the smooth
    measures (NLL, Brier score, accuracy) on a grid of temperatures."""

    kind: str
    seed: int
    train_loss: float
    logits_validation: np.ndarray
    y_validation: np.ndarray
    logits_test: np.ndarray
    y_test: np.ndarray
    fitted: float  # T minimising the validation NLL (softmax_core.calibration.fit_temperature)
    sklearn_fitted: float  # the same by scikit-learn's CalibratedClassifierCV(method="temperature")
    temperatures: np.ndarray  # the grid of the curves
    nll: dict[str, np.ndarray]  # "validation" / "test" → NLL at each grid temperature
    brier: dict[str, np.ndarray]
    accuracy: dict[str, float]

    def split(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        return (
            (self.logits_validation, self.y_validation)
            if name == "validation"
            else (self.logits_test, self.y_test)
        )


def sklearn_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """T fitted by scikit-learn's ``CalibratedClassifierCV(method="temperature")`` (≥ 1.8), on a frozen
    classifier whose decision function is the given logits: the page's independent cross-check."""
    from sklearn.base import BaseEstimator, ClassifierMixin
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.frozen import FrozenEstimator

    class GivenLogits(ClassifierMixin, BaseEstimator):
        """A classifier whose input already is its logits: decision_function(X) = X."""

        def fit(self, x: np.ndarray, y: np.ndarray) -> GivenLogits:
            self.classes_ = np.arange(x.shape[1])
            return self

        def decision_function(self, x: np.ndarray) -> np.ndarray:
            return np.asarray(x)

        def predict(self, x: np.ndarray) -> np.ndarray:
            return np.argmax(x, axis=1)

    frozen = FrozenEstimator(GivenLogits().fit(logits, labels))
    calibrated = CalibratedClassifierCV(frozen, method="temperature").fit(logits, labels)
    # scikit-learn keeps the inverse temperature β = 1/T of its one calibrator.
    return 1.0 / float(calibrated.calibrated_classifiers_[0].calibrators[0].beta_)


def study(kind: str, seed: int, progress: Progress | None = None) -> Study:
    """Train the ``kind`` network on the digits split by ``seed`` and measure it on the held-out splits."""
    prepared = datasets.prepare(datasets.digits(), validation=VALIDATION, test=TEST, seed=seed)
    with threadpool_limits(limits=1):
        network = train_network(
            prepared.x_train,
            prepared.y_train,
            hidden=HIDDEN,
            classes=10,
            weight_decay=WEIGHT_DECAYS[kind],
            steps=STEPS[kind],
            tolerance=0.0,
            seed=seed,
            progress=progress,
        )
        logits_validation = network.logits(prepared.x_validation)
        logits_test = network.logits(prepared.x_test)
    temperatures = temperature_grid(T_MIN, T_MAX, per_decade=GRID_PER_DECADE)
    splits = {
        "validation": (logits_validation, prepared.y_validation),
        "test": (logits_test, prepared.y_test),
    }
    curves = {name: smooth_curves(z, y, temperatures) for name, (z, y) in splits.items()}
    nll = {name: curve[0] for name, curve in curves.items()}
    brier = {name: curve[1] for name, curve in curves.items()}
    accuracy = {name: float(np.mean(z.argmax(axis=1) == y)) for name, (z, y) in splits.items()}
    return Study(
        kind=kind,
        seed=seed,
        train_loss=float(network.losses[-1]),
        logits_validation=logits_validation,
        y_validation=prepared.y_validation,
        logits_test=logits_test,
        y_test=prepared.y_test,
        fitted=fit_temperature(logits_validation, prepared.y_validation),
        sklearn_fitted=sklearn_temperature(logits_validation, prepared.y_validation),
        temperatures=temperatures,
        nll=nll,
        brier=brier,
        accuracy=accuracy,
    )


def smooth_curves(
    logits: np.ndarray, labels: np.ndarray, temperatures: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The mean NLL and the Brier score at every temperature of the grid, in one pass: the logits of all
    temperatures stacked, (G, n, K), through one log-softmax."""
    scaled = logits[np.newaxis] / temperatures[:, np.newaxis, np.newaxis]
    log_p = log_softmax(scaled, axis=-1)
    rows = np.arange(labels.size)
    nll = 0.0 - log_p[:, rows, labels].mean(axis=1)
    difference = np.exp(log_p)
    difference[:, rows, labels] -= 1.0
    brier = np.einsum("gik,gik->g", difference, difference) / labels.size
    return nll, brier


@dataclass(frozen=True, eq=False)
class EceCurves:
    """The ECE against T on both splits for one binning, and the temperatures it picks."""

    validation: np.ndarray
    test: np.ndarray
    best_validation: float  # T minimising the validation ECE on the grid
    best_test: float  # T minimising the test ECE: what a look at the test split would (wrongly) pick


def ece_curves(result: Study, bins: int, strategy: str) -> EceCurves:
    curves = {}
    for name in ("validation", "test"):
        z, y = result.split(name)
        curves[name] = np.array(
            [
                expected_calibration_error(softmax(z, temperature=t, axis=1), y, bins=bins, strategy=strategy)
                for t in result.temperatures
            ]
        )
    grid = result.temperatures
    return EceCurves(
        curves["validation"],
        curves["test"],
        float(grid[np.argmin(curves["validation"])]),
        float(grid[np.argmin(curves["test"])]),
    )


@dataclass(frozen=True)
class Scores:
    """The four measures of one split at one temperature."""

    nll: float
    ece: float
    brier: float
    accuracy: float


def scores(result: Study, name: str, *, beta: float, bins: int, strategy: str) -> Scores:
    """NLL, ECE, Brier score and accuracy of split ``name`` at inverse temperature β (any, limits too)."""
    z, y = result.split(name)
    p = softmax(z, beta=beta, axis=1)
    return Scores(
        nll=negative_log_likelihood(z, y, beta=beta),
        ece=expected_calibration_error(p, y, bins=bins, strategy=strategy),
        brier=brier_score(p, y),
        accuracy=float(np.mean(p.argmax(axis=1) == y)),
    )


def measures_at(result: Study, *, beta: float, bins: int, strategy: str) -> dict[str, dict[str, float]]:
    """Every measure on both splits at inverse temperature β: ``[measure][split]``."""
    both = {
        name: scores(result, name, beta=beta, bins=bins, strategy=strategy) for name in ("validation", "test")
    }
    return {measure: {name: getattr(both[name], measure) for name in both} for measure in MEASURES}


def curves(result: Study, ece: EceCurves) -> dict[str, dict[str, np.ndarray]]:
    """Every measure on both splits over the grid, ``[measure][split]``; accuracy is flat in T."""
    flat = {name: np.full(result.temperatures.size, result.accuracy[name]) for name in ("validation", "test")}
    return {
        "nll": result.nll,
        "ece": {"validation": ece.validation, "test": ece.test},
        "brier": result.brier,
        "accuracy": flat,
    }


def reliability(result: Study, temperature: float, bins: int, strategy: str) -> ReliabilityBins:
    """The test split's reliability bins at this temperature."""
    z, y = result.split("test")
    return reliability_bins(softmax(z, temperature=temperature, axis=1), y, bins=bins, strategy=strategy)


@dataclass(frozen=True, eq=False)
class Binned:
    """Everything the page shows for one binning that does not depend on the current temperature."""

    ece: EceCurves
    before: Scores  # the test split at T = 1
    after: Scores  # the test split at the fitted T
    at_fitted: dict[str, dict[str, float]]  # every measure on both splits at the fitted T
    at_ece_best: dict[str, dict[str, float]]  # … and at the ECE-optimal T
    reliability_before: ReliabilityBins
    reliability_after: ReliabilityBins


def binned(result: Study, bins: int, strategy: str) -> Binned:
    ece = ece_curves(result, bins, strategy)
    options = {"bins": bins, "strategy": strategy}
    return Binned(
        ece=ece,
        before=scores(result, "test", beta=1.0, **options),
        after=scores(result, "test", beta=1 / result.fitted, **options),
        at_fitted=measures_at(result, beta=1 / result.fitted, **options),
        at_ece_best=measures_at(result, beta=1 / ece.best_validation, **options),
        reliability_before=reliability(result, 1.0, bins, strategy),
        reliability_after=reliability(result, result.fitted, bins, strategy),
    )


# --- words ------------------------------------------------------------------------------------------


def percent(fraction: float, decimals: int = 1) -> str:
    """A fraction as a percentage: 0.9466 → '94.7 %' (an ECE with ``decimals=2``: '4.74 %')."""
    return f"{100 * fraction:.{decimals}f} %"


def agreement_digits(ours: float, theirs: float) -> int:
    """How many significant digits two positive numbers share (at most 15)."""
    if ours == theirs:
        return 15
    return max(0, min(15, math.floor(-math.log10(abs(ours - theirs) / abs(ours)))))


def direction(temperature: float) -> str:
    if temperature > 1:
        return "above 1: the network is **overconfident**, and dividing its logits by T softens them"
    if temperature < 1:
        return "below 1: the network is **underconfident**, and dividing its logits by T sharpens them"
    return "exactly 1: the network is already calibrated"


INTRO = (
    "A classifier is **calibrated** when its confidence means what it says: of all the digits it reads "
    "with 80 % confidence, 80 % are right. Modern networks are often not: trained long, they become sure of "
    "their mistakes (Guo et al., *On Calibration of Modern Neural Networks*, 2017). **Temperature "
    "scaling** fixes that with one number: divide every logit by T, with T chosen on a validation split "
    "to minimise the negative log likelihood. T > 1 softens, T < 1 sharpens, and because dividing by T "
    "moves no arg max, not one prediction changes. The networks here are small and trained on this page, "
    "on scikit-learn's 1,797 handwritten digits: half to train, a quarter to fit T, a quarter to test."
)
RELIABILITY_CAPTION = (
    "Each bar is one bin of test predictions by confidence (the largest probability): its height is "
    "how many of them are right. A calibrated model's bars reach the dashed diagonal; the hatched red "
    "boxes are the gaps, which the ECE averages weighted by the counts below. Bars below the diagonal: "
    "overconfident; above: underconfident."
)


def yours_story(temperature: float, yours: Scores) -> str:
    """The test split's measures at the sidebar's temperature."""
    return (
        f"At the slider's T = {number(temperature)}, on the test split: NLL {number(yours.nll, 3)}, "
        f"ECE {percent(yours.ece, 2)}, Brier {number(yours.brier, 3)}, "
        f"accuracy {percent(yours.accuracy)}. Move the temperature slider: the dashed red line follows it."
    )


@functools.lru_cache(maxsize=256)
def yours_at(result: Study, bins: int, strategy: str, *, beta: float, temperature: float) -> str:
    """``yours_story`` at a stop of the slider: the test split's measures there, from its logits (computed
    once, in the study): a softmax and a few sums, so the text follows the slider as the chart does. Kept:
    a move of the slider computes only the stops it newly reaches."""
    return yours_story(temperature, scores(result, "test", beta=beta, bins=bins, strategy=strategy))


def fitted_story(result: Study) -> str:
    return (
        f"Fitted on the validation split, T = **{number(result.fitted)}**, {direction(result.fitted)}. "
        "It is the minimum of the validation NLL, which is convex in β = 1/T, found exactly (Newton's "
        f"method in β, kept in a bracket). The network's training loss ended at {number(result.train_loss)}."
    )


def sklearn_story(result: Study) -> str:
    digits = agreement_digits(result.fitted, result.sklearn_fitted)
    return (
        "Cross-check: scikit-learn's own temperature scaling, "
        '`CalibratedClassifierCV(method="temperature")` '
        f"on the same validation logits, finds T = {result.sklearn_fitted:.6g}; this page finds "
        f"{result.fitted:.6g}. They agree to {digits} significant digits."
    )


def overfit_story(result: Study, fixed: Binned, bins: int, binning: str) -> str:
    """Compare the NLL-optimal and the ECE-optimal temperature on the test split."""
    ece = fixed.ece
    by_nll = fixed.after
    by_ece_ece, by_ece_nll = fixed.at_ece_best["ece"]["test"], fixed.at_ece_best["nll"]["test"]
    better = "lower" if by_nll.ece < by_ece_ece else "higher"
    return (
        f"The ECE has its own minimum on validation, at T = {number(ece.best_validation)} with {bins} "
        f"{binning} bins, and on the test split the ECE-optimal temperature is another, "
        f"T = {number(ece.best_test)}: the ECE curve is jagged because a small change of T moves "
        f"predictions from one bin to the next, so its minimum on one split fits that split's bins. On the "
        f"test split the NLL-optimal T gives ECE {percent(by_nll.ece, 2)} ({better} than the "
        f"{percent(by_ece_ece, 2)} of the validation ECE-optimal T) and NLL {number(by_nll.nll)}; the "
        f"ECE-optimal T gives NLL {number(by_ece_nll)}. Accuracy is the flat line: dividing by T > 0 moves "
        "no arg max."
    )


def two_models_story(results: dict[str, Study]) -> str:
    """The two networks' fitted temperatures, either side of 1."""
    over, under = results["overconfident"], results["underconfident"]
    return (
        f"The same network, two trainings. Without weight decay its validation NLL is lowest at "
        f"T = {number(over.fitted)}: it is too sure, and temperature scaling softens it. With a strong "
        f"weight decay the logits stay small, and the lowest NLL is at T = {number(under.fitted)}, "
        f"{'below' if under.fitted < 1 else 'above'} 1: it is not sure enough, and temperature scaling "
        f"sharpens it. Test accuracy: {percent(over.accuracy['test'])} and "
        f"{percent(under.accuracy['test'])}, the same at every T."
    )
