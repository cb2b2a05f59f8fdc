"""The softmax classifier page's numbers: a plane data set trained step by step, its decision regions,
boundaries and weight vectors at any temperature, and softmax regression on the 64-pixel digits.

Pure (no Streamlit). Training is the core's own gradient descent (`softmax_core.classifier`), run on one
BLAS thread: on a small machine shared by many, BLAS threads fighting for the cores make these small
products many times slower (benchmarks/bench_training.py).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from threadpoolctl import threadpool_limits

from lessons.common import datasets
from lessons.common.text import number
from softmax_core import softmax
from softmax_core.classifier import SoftmaxRegression, train_softmax_regression

PLANES = ("iris", "clouds")
PLANE_NAMES = {"iris": "Iris", "clouds": "Clouds"}
SPREADS = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0)
LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
WEIGHT_DECAYS = (0.0, 0.001, 0.01, 0.1, 1.0)
DIGIT_WEIGHT_DECAYS = (0.0001, 0.001, 0.01, 0.1, 1.0)
STEP_SIZES = (1, 10, 100, 1000)
RUN_SIZE = 100  # a button of this many steps or more runs the training before your eyes, in frames
RUN_FRAMES = 10  # the frames of a run, the last one the trained model itself
FRAME_SECONDS = 0.06  # between two frames: each is ~115 kB and a 61 × 61 heatmap for the browser to draw
MAX_STEPS = 3000  # at about 0.5 ms a step on this machine: 1.5 s from scratch
# Points per side of the decision-region grid. The chart at T follows the slider: each stop's update
# carries the grid's values, and 61² keeps one stop near 50 kB (101² was 140 kB, past the frame's budget).
GRID = 61
PROFILE_TEMPERATURES = (0.25, 1.0, 4.0)  # the cross-section's fixed temperatures below the current one
PATH_POINTS = 151  # along the path: smooth curves, and each stop of the chart that follows T stays small
HARDEST = 6  # the test digits shown with their probabilities
DIGIT_NAMES = tuple(str(d) for d in range(10))
DIGITS_SPLIT_SEED = 0
DIGITS_STEPS = 2000  # L-BFGS's limit; it converges in well under 100
Progress = Callable[[int, int], object]


INTRO = (
    "**Softmax regression** (multinomial logistic regression) gives every class k a weight vector wₖ and a "
    "bias bₖ, scores a point x by the logits zₖ = xᵀwₖ + bₖ, and turns them into probabilities with softmax. "
    "Training lowers the mean cross-entropy −log p(true class), and its gradient is the lesson: "
    "∇W = Xᵀ(P − Y)/n, the data times *predicted minus true probabilities*. Here it trains step by step "
    "on real data nobody here made: Fisher's irises and scikit-learn's handwritten digits."
)
SCALE_INTRO = (
    "Dividing the logits by T is dividing W and b by T: softmax(x(W/T) + b/T). Every logit shrinks or "
    "grows by the same factor, so wherever two logits tie they still tie: **the boundaries stay where "
    "they are**, and only how fast the probabilities change across them moves. Move the temperature slider."
)
DIGITS_INTRO = (
    "Each digit is 8 × 8 pixels, so x has 64 features and W is 64 × 10. Softmax regression trains on "
    "half of scikit-learn's 1,797 digits (L-BFGS to convergence, the same gradient) and is tested on "
    "the other half."
)


class Setting(NamedTuple):
    """What the plane model depends on: the data set, its spread, the rates and the steps taken."""

    name: str
    spread: float
    rate: float
    decay: float
    steps: int


@dataclass(frozen=True, eq=False)
class Plane:
    """A two-feature, three-class data set, standardised: what the page trains on and draws."""

    dataset: datasets.Dataset
    x: np.ndarray  # (n, 2) standardised features
    box: tuple[float, float, float, float]  # x_min, x_max, y_min, y_max of the drawing

    @property
    def axis_titles(self) -> tuple[str, str]:
        return tuple(f"{name.removesuffix(' (cm)')} (standardised)" for name in self.dataset.feature_names)


def plane(name: str, spread: float) -> Plane:
    """The iris petals, or the three clouds at ``spread``, standardised, with a square drawing box."""
    dataset = datasets.iris_petals() if name == "iris" else datasets.three_clouds(spread)
    (x,) = datasets.standardize(dataset.features)
    half = float(np.abs(x).max()) * 1.08
    return Plane(dataset, x, (-half, half, -half, half))


def train_plane(
    data: Plane,
    learning_rate: float,
    weight_decay: float,
    steps: int,
    *,
    start: SoftmaxRegression | None = None,
    progress: Progress | None = None,
) -> SoftmaxRegression:
    """``steps`` steps of full-batch gradient descent from W = 0, b = 0 (every class at 1/3).

    ``start``, an earlier result of the same settings with fewer steps, is continued instead of starting
    over: gradient descent is deterministic, so the result is the same, only sooner.
    """
    done = 0 if start is None else start.losses.size - 1
    if start is None or done > steps:
        start, done = None, 0

    def report(step: int, _total: int) -> None:
        if progress is not None:
            progress(done + step, steps)

    with threadpool_limits(limits=1):
        run = train_softmax_regression(
            data.x,
            data.dataset.labels,
            classes=3,
            weight_decay=weight_decay,
            method="gradient_descent",
            steps=steps - done,
            learning_rate=learning_rate,
            tolerance=0.0,
            initial=None if start is None else start.parameters,
            progress=report,
        )
    if start is None:
        return run
    return SoftmaxRegression(run.weights, run.bias, np.concatenate([start.losses, run.losses[1:]]))


def run_frames(start: int, stop: int, frames: int = RUN_FRAMES) -> list[int]:
    """The steps taken at each frame of a run from ``start`` to ``stop`` steps but the last (the trained
    model itself): evenly spaced, each after the one before."""
    if stop <= start:
        return []
    counts = np.linspace(start, stop, frames + 1)[1:-1].round().astype(int)
    return [int(count) for count in np.unique(counts) if start < count < stop]


def accuracy(model: SoftmaxRegression, x: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(model.predict(x) == labels))


@dataclass(frozen=True, eq=False)
class Regions:
    """The plane on a grid: which class wins each point at this temperature and with what probability."""

    xs: np.ndarray  # (G,)
    ys: np.ndarray  # (G,)
    winner: np.ndarray  # (G, G) class index, rows along y
    strength: np.ndarray  # (G, G) the winner's probability, from 1/K (a tie) to 1


@dataclass(frozen=True, eq=False)
class Grid:
    """The logits on a GRID × GRID grid over a box: computed once, then only softmax at each T."""

    xs: np.ndarray  # (G,)
    ys: np.ndarray  # (G,)
    logits: np.ndarray  # (G·G, K), rows along y


def grid(model: SoftmaxRegression, box: tuple[float, float, float, float]) -> Grid:
    """The model's logits xW + b at every point of a GRID × GRID grid over ``box``."""
    xs = np.linspace(box[0], box[1], GRID)
    ys = np.linspace(box[2], box[3], GRID)
    points = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    return Grid(xs, ys, model.logits(points))


def winners(logits: np.ndarray, beta: float) -> np.ndarray:
    """The class softmax(βz) puts most mass on: the arg max of z for β ≥ 0 (the boundaries do not move
    with T, and at β = 0, T = ∞, the limit from T < ∞ keeps them), the arg min for β < 0."""
    return np.argmin(logits, axis=-1) if beta < 0 else np.argmax(logits, axis=-1)


def regions_on(plane_grid: Grid, beta: float) -> Regions:
    """The decision regions of softmax(βz) on the grid's logits: a softmax, no model."""
    p = softmax(plane_grid.logits, beta=beta, axis=1)
    winner = winners(plane_grid.logits, beta)
    strength = np.take_along_axis(p, winner[:, np.newaxis], axis=1)[:, 0]
    shape = (plane_grid.ys.size, plane_grid.xs.size)
    return Regions(plane_grid.xs, plane_grid.ys, winner.reshape(shape), strength.reshape(shape))


def regions(model: SoftmaxRegression, box: tuple[float, float, float, float], beta: float) -> Regions:
    """The decision regions of softmax(β(xW + b)) on a GRID × GRID grid over ``box``."""
    return regions_on(grid(model, box), beta)


def boundaries(
    model: SoftmaxRegression, box: tuple[float, float, float, float], beta: float = 1.0
) -> list[np.ndarray]:
    """The decision boundaries, exactly: for each pair of classes the line z_j = z_k, kept where j and k
    are the two largest logits (the two smallest for β < 0, where softmax favours the smallest). Each is a
    (2, m) array of points, NaN between pieces; one per pair always (all NaN where the pair never borders,
    empty where w_j = w_k), so that a chart has the same lines at every temperature."""
    lines = []
    weights, bias = model.weights, model.bias
    for j, k in ((0, 1), (0, 2), (1, 2)):
        normal = weights[:, j] - weights[:, k]
        offset = bias[j] - bias[k]
        if not np.any(normal):
            lines.append(np.empty((2, 0)))
            continue
        # Points of the line n·x + c = 0 across the box: x = −c n/|n|² + t n⊥.
        size = max(abs(v) for v in box)
        foot = -offset * normal / float(normal @ normal)
        along = np.array([-normal[1], normal[0]]) / math.hypot(*normal)
        t = np.linspace(-3 * size, 3 * size, 1201)
        points = foot + t[:, np.newaxis] * along
        logits = model.logits(points)
        rest = np.delete(logits, [j, k], axis=1)
        on_top = logits[:, j] <= rest.min(axis=1) if beta < 0 else logits[:, j] >= rest.max(axis=1)
        inside = (np.abs(points[:, 0]) <= size) & (np.abs(points[:, 1]) <= size)
        lines.append(_pieces(points, on_top & inside))
    return lines


def _pieces(points: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """The straight pieces of a line where ``keep`` holds: each piece's two ends, NaN between pieces."""
    edges = np.diff(np.concatenate([[0], keep.astype(np.int8), [0]]))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    pieces = [
        np.stack([points[a], points[b], np.full(2, np.nan)]) for a, b in zip(starts, stops, strict=True)
    ]
    return np.concatenate(pieces)[:-1].T if pieces else np.full((2, 1), np.nan)


def arrows(model: SoftmaxRegression, box: tuple[float, float, float, float]) -> tuple[np.ndarray, float]:
    """The weight vectors w_k as arrows from the origin, scaled together so the longest reaches 45 % of
    the way to the box's edge: (2, K) arrow tips and the scale (drawn length / true length)."""
    weights = model.weights
    longest = float(np.linalg.norm(weights, axis=0).max())
    if longest == 0:
        return np.zeros_like(weights), 1.0
    scale = 0.45 * box[1] / longest
    return weights * scale, scale


@dataclass(frozen=True, eq=False)
class Profile:
    """The probability of each class along a straight path through the plane, at several temperatures."""

    distance: np.ndarray  # (m,) position along the path, in standard units
    probabilities: np.ndarray  # (len(temperatures), m, K)
    temperatures: tuple[float, ...]
    crossings: tuple[float, ...]  # where the path crosses a decision boundary (T > 0)
    start: np.ndarray  # (2,) where the path starts and ends
    end: np.ndarray


def profile_temperatures(temperature: float) -> tuple[tuple[float, ...], int]:
    """The current temperature first, then the fixed ones, and the current one's index (0).

    Always four panels, the current on top: a chart that follows the slider keeps the same traces at every
    T (at T = 1 the top panel and the T = 1 panel agree)."""
    return (temperature, *PROFILE_TEMPERATURES), 0


def path_ends(data: Plane) -> tuple[np.ndarray, np.ndarray]:
    """The path's start and end: from the first class's centre to the last's, a quarter beyond each."""
    centres = np.array([data.x[data.dataset.labels == k].mean(axis=0) for k in (0, 2)])
    span = centres[1] - centres[0]
    return centres[0] - 0.25 * span, centres[1] + 0.25 * span


def profile(
    model: SoftmaxRegression,
    data: Plane,
    temperatures: tuple[float, ...],
    betas: tuple[float, ...] | None = None,
) -> Profile:
    """p along the path from the first class's centre to the last's, a quarter beyond each: it crosses
    the boundaries between them. The crossings are exact: logits are linear along the path. ``betas``,
    when given, are the temperatures as the core reads them (β = −∞ is not T = 0)."""
    start, end = path_ends(data)
    distance = np.linspace(0.0, float(np.linalg.norm(end - start)), PATH_POINTS)
    points = start + (distance / distance[-1])[:, np.newaxis] * (end - start)
    logits = model.logits(points)
    if betas is None:
        betas = tuple(1 / t if t else math.inf for t in temperatures)
    probabilities = np.stack([softmax(logits, beta=beta, axis=1) for beta in betas])
    crossings = []
    winner = logits.argmax(axis=1)
    for i in np.flatnonzero(winner[1:] != winner[:-1]):
        a, b = winner[i], winner[i + 1]
        before, after = logits[i, a] - logits[i, b], logits[i + 1, a] - logits[i + 1, b]
        crossings.append(float(distance[i] + before / (before - after) * (distance[i + 1] - distance[i])))
    return Profile(distance, probabilities, temperatures, tuple(crossings), start, end)


@dataclass(frozen=True, eq=False)
class Scaled:
    """What the charts and the text at any T draw from, computed once per trained model: at a stop of the
    slider only a softmax is left to do."""

    plane: Plane
    model: SoftmaxRegression
    grid: Grid
    boundaries: tuple[list[np.ndarray], list[np.ndarray]]  # for β ≥ 0 (the arg max) and β < 0 (the arg min)
    path: tuple[np.ndarray, np.ndarray]
    points: np.ndarray  # (n, K) the training points' logits, for the text at T


def scaled(model: SoftmaxRegression, data: Plane) -> Scaled:
    """The grid's logits, both sets of boundaries, the path and the points' logits, for the charts at T."""
    lines = (boundaries(model, data.box, 1.0), boundaries(model, data.box, -1.0))
    return Scaled(data, model, grid(model, data.box), lines, path_ends(data), model.logits(data.x))


def plane_story(model: SoftmaxRegression, data: Plane, steps: int, learning_rate: float) -> str:
    """What the training has reached, in two sentences."""
    if steps == 0:
        return (
            "No step yet: W = 0 and b = 0, so every class has probability 1/3 everywhere and the regions are "
            "blank. Take a step: each one moves W by −η Xᵀ(P − Y)/n, the predicted minus the true "
            "probabilities."
        )
    loss = float(model.losses[-1])
    trend = np.diff(model.losses[-min(len(model.losses), 50) :])
    rising = bool(trend.size and trend.max() > 1e-12 * max(1.0, loss))
    note = (
        f" The loss went up on some recent steps: η = {number(learning_rate)} overshoots; a smaller "
        "learning rate descends smoothly."
        if rising
        else ""
    )
    return (
        f"After {steps:,} steps the loss is {number(loss)} and "
        f"{percent(accuracy(model, data.x, data.dataset.labels))} of the training points lie in their own "
        f"class's region.{note}"
    )


def plane_caption(scale: float) -> str:
    """What the plane chart's shading, lines and arrows mean; ``scale`` is the arrows' (`arrows`)."""
    return (
        "Shade: the winning class, more opaque the more probable it is. Lines: the exact boundaries, where "
        "two logits tie. Arrows: the weight vectors wₖ (scaled together), the direction in which class k's "
        f"logit grows fastest; a boundary is perpendicular to wⱼ − wₖ (drawn at {number(scale, 2)} × their "
        "length). Both features are standardised (mean 0, standard deviation 1)."
    )


def temperature_story(view: Scaled, *, beta: float, temperature: float) -> str:
    """How sure the classifier is of the training points at T = 1 and at ``temperature``: a softmax of
    their logits, computed once (``scaled``), so the text follows the slider as the charts do."""
    logits = view.points
    sure_at_one = float(softmax(logits, axis=1).max(axis=1).mean())
    sure_now = float(softmax(logits, beta=beta, axis=1).max(axis=1).mean())
    if beta < 0:
        same = "At a negative T the arg max becomes the arg min, so the winners change."
    elif beta == 0:
        same = (
            "At T = ∞ every class has probability 1/3 everywhere: the limit keeps the boundaries but erases "
            "the shading."
        )
    else:
        same = (
            "Every point has the same winner at any T > 0, so the accuracy is the same. Try T = 0.25 "
            "(sharper: the shading fills the regions) and T = 4 (softer: it fades towards the boundaries, "
            "which do not move)."
        )
    # One sentence at every T, T = 1 included, so that it follows the slider (ui.instant_numbers.markdown).
    return (
        f"Mean confidence (largest probability) on the training points: {percent(sure_at_one)} as trained "
        f"(T = 1), {percent(sure_now)} at the slider's T = {number(temperature)}. {same}"
    )


def percent(fraction: float) -> str:
    """A fraction as a percentage with one decimal: 0.9633 → '96.3 %'."""
    return f"{100 * fraction:.1f} %"


# --- digits ---------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DigitsResult:
    """Softmax regression on the digits: the model, its test set and what it got wrong."""

    model: SoftmaxRegression
    x_test: np.ndarray
    y_test: np.ndarray
    images: np.ndarray  # (n_test, 8, 8) the test digits' raw ink, 0 … 16
    confusion: np.ndarray  # (10, 10) counts: row = true digit, column = predicted
    hardest: np.ndarray  # indices into the test set, hardest first
    logits: np.ndarray  # (n_test, 10) the test digits' logits: at a temperature only a softmax is left

    @property
    def accuracy(self) -> float:
        return float(np.trace(self.confusion) / self.confusion.sum())


def train_digits(weight_decay: float) -> DigitsResult:
    """Softmax regression on half the digits (L-BFGS to convergence), tested on the other half."""
    prepared = datasets.prepare(datasets.digits(), validation=0.0, test=0.5, seed=DIGITS_SPLIT_SEED)
    with threadpool_limits(limits=1):
        model = train_softmax_regression(
            prepared.x_train,
            prepared.y_train,
            classes=10,
            weight_decay=weight_decay,
            steps=DIGITS_STEPS,
        )
    logits = model.logits(prepared.x_test)
    y = prepared.y_test
    confusion = np.zeros((10, 10), dtype=np.int64)
    np.add.at(confusion, (y, logits.argmax(axis=1)), 1)
    # The margin of the true class over the best other one: its order is the same at every T > 0.
    others = np.where(np.eye(10, dtype=bool)[y], -np.inf, logits)
    margin = logits[np.arange(y.size), y] - others.max(axis=1)
    images = prepared.dataset.features[prepared.split.test].reshape(-1, 8, 8)
    hardest = np.argsort(margin, kind="stable")[:HARDEST]
    return DigitsResult(model, prepared.x_test, y, images, confusion, hardest, logits)


@functools.lru_cache(maxsize=256)
def digits_confidence(result: DigitsResult, beta: float) -> float:
    """The test digits' mean largest probability at β: a softmax of their logits, kept (the text that
    follows the slider asks for it at each stop near the current one, on every move)."""
    return float(softmax(result.logits, beta=beta, axis=1).max(axis=1).mean())


def digits_story(result: DigitsResult, temperature: float, beta: float) -> str:
    """The test accuracy and the mean confidence at T, and why the confusion matrix ignores T."""
    confidence = digits_confidence(result, beta)
    wrong = int(result.confusion.sum() - np.trace(result.confusion))
    return (
        f"On {result.y_test.size:,} test digits it is right {percent(result.accuracy)} of the time "
        f"({wrong} mistakes). At T = {number(temperature)} its mean confidence (largest probability) is "
        f"{percent(confidence)}. The confusion matrix counts arg maxes, so it is the same at every T > 0: "
        "only the probabilities below change."
    )
