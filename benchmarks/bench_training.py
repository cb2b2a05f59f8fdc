"""How long the classifier and calibration pages' models take to train, against scikit-learn's own.

    python3 benchmarks/bench_training.py [--rounds 5]

First the core's trainers: each model trains with softmax_core's NumPy trainers and, interleaved in the
same process, with scikit-learn's equivalent (LogisticRegression for softmax regression, MLPClassifier
with tanh and L-BFGS for the network): the ratio is ours / scikit-learn's, below 1 is faster. Then the
pages' own models, as the pages build them (lessons.classifier.model, lessons.calibration.model): the
time a visitor waits behind the progress bar when the setting is not cached yet. Every time is the best
of its rounds, on one BLAS thread (threadpoolctl), which is how the pages train: on this machine's two
shared cores, BLAS threads fighting for them make these small products 5-20x slower. One extra line
times the slowest core model with the default threads, to show it.

Target (issue 17): every page model trains in at most 2 s. The exit status is 0 when it is met.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import sklearn
from sklearn.datasets import load_digits, load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lessons.calibration import model as calibration
from lessons.classifier import model as classifier
from softmax_core.classifier import train_network, train_softmax_regression

TARGET_SECONDS = 2.0
HIDDEN = 32
STEPS = 300


def standardized(train: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    """Scale by the training split's mean and spread (constant pixels stay 0)."""
    mean, spread = train.mean(axis=0), train.std(axis=0)
    spread = np.where(spread > 0, spread, 1.0)
    return [(x - mean) / spread for x in (train, *others)]


def models() -> list[tuple[str, Callable[[], object], Callable[[], object]]]:
    """(name, ours, scikit-learn's) for each model the two pages train."""
    iris_x, iris_y = load_iris(return_X_y=True)
    (petals,) = standardized(iris_x[:, 2:])
    digits_x, digits_y = load_digits(return_X_y=True)
    order = np.random.default_rng(0).permutation(digits_y.size)
    train = order[: digits_y.size // 2]
    (pixels,) = standardized(digits_x[train])
    labels = digits_y[train]

    def logistic(x: np.ndarray, y: np.ndarray, weight_decay: float) -> LogisticRegression:
        return LogisticRegression(C=1.0 / (y.size * weight_decay), tol=1e-6, max_iter=STEPS).fit(x, y)

    def mlp(weight_decay: float) -> MLPClassifier:
        # sklearn's MLP adds ½·alpha·‖W‖²/n to the mean loss, so alpha = λ·n is our λ.
        return MLPClassifier(
            hidden_layer_sizes=(HIDDEN,),
            activation="tanh",
            solver="lbfgs",
            alpha=weight_decay * labels.size,
            max_iter=STEPS,
            tol=0.0,
            random_state=0,
        ).fit(pixels, labels)

    return [
        (
            "iris petals, softmax regression (L-BFGS)",
            lambda: train_softmax_regression(petals, iris_y, weight_decay=0.01),
            lambda: logistic(petals, iris_y, 0.01),
        ),
        (
            "iris petals, 200 steps of gradient descent (scikit-learn: L-BFGS to convergence)",
            lambda: train_softmax_regression(
                petals, iris_y, method="gradient_descent", steps=200, tolerance=0, weight_decay=0.01
            ),
            lambda: logistic(petals, iris_y, 0.01),
        ),
        (
            "digits, softmax regression (L-BFGS)",
            lambda: train_softmax_regression(pixels, labels, weight_decay=0.001),
            lambda: logistic(pixels, labels, 0.001),
        ),
        (
            f"digits, overconfident network (H = {HIDDEN}, λ = 0)",
            lambda: train_network(pixels, labels, hidden=HIDDEN, steps=STEPS, tolerance=0, classes=10),
            lambda: mlp(0.0),
        ),
        (
            f"digits, underconfident network (H = {HIDDEN}, λ = 0.03)",
            lambda: train_network(pixels, labels, hidden=HIDDEN, steps=STEPS, weight_decay=0.03, classes=10),
            lambda: mlp(0.03),
        ),
    ]


def page_models() -> list[tuple[str, Callable[[], object]]]:
    """(name, build) for each model a page trains behind its progress bar, the slowest setting of each."""
    iris = classifier.plane("iris", 1.0)
    return [
        (
            f"classifier page: iris, {classifier.MAX_STEPS:,} steps from scratch (the most a link asks)",
            lambda: classifier.train_plane(iris, 1.0, 0.01, classifier.MAX_STEPS),
        ),
        ("classifier page: digits, softmax regression, λ = 0.0001", lambda: classifier.train_digits(0.0001)),
        (
            "calibration page: the overconfident network and its curves",
            lambda: calibration.study("overconfident", 0),
        ),
        (
            "calibration page: the underconfident network and its curves",
            lambda: calibration.study("underconfident", 0),
        ),
    ]


def best_time(build: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        build()
        best = min(best, time.perf_counter() - start)
    return best


def best_times(ours: Callable[[], object], theirs: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Best seconds of each, alternating which goes first in each round."""
    best = {"ours": float("inf"), "theirs": float("inf")}
    for round_ in range(rounds):
        pair = [("ours", ours), ("theirs", theirs)]
        for name, function in pair if round_ % 2 == 0 else reversed(pair):
            start = time.perf_counter()
            function()
            best[name] = min(best[name], time.perf_counter() - start)
    return best["ours"], best["theirs"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds per model (default 5)")
    args = parser.parse_args()
    warnings.simplefilter("ignore", ConvergenceWarning)  # sklearn's networks stop at max_iter, as ours

    print(
        f"Python {platform.python_version()}, NumPy {np.__version__}, scikit-learn {sklearn.__version__}, "
        f"{platform.machine()}, best of {args.rounds} interleaved rounds, one BLAS thread"
    )
    print()
    print("| model | softmax_core | scikit-learn | ratio |")
    print("|---|---:|---:|---:|")
    met = True
    slowest: tuple[float, str, Callable[[], object]] = (0.0, "", lambda: None)
    with threadpool_limits(limits=1):
        for name, ours, theirs in models():
            mine, reference = best_times(ours, theirs, args.rounds)
            print(f"| {name} | {mine * 1e3:.1f} ms | {reference * 1e3:.1f} ms | {mine / reference:.2f} |")
            met &= mine <= TARGET_SECONDS
            slowest = max(slowest, (mine, name, ours), key=lambda entry: entry[0])
    start = time.perf_counter()
    slowest[2]()
    print(f"\nWith the default BLAS threads, {slowest[1]}: {(time.perf_counter() - start) * 1e3:.0f} ms")
    print()
    print("| page model | time |")
    print("|---|---:|")
    for name, build in page_models():
        build()  # the data sets load once per process, before any visitor waits
        seconds = best_time(build, args.rounds)
        print(f"| {name} | {seconds * 1e3:.0f} ms |")
        met &= seconds <= TARGET_SECONDS
    print(f"Target: every model ≤ {TARGET_SECONDS:.0f} s: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
