"""The Distillation page's numbers: the digits, the teacher, the students trained each way, and the tables.

Pure (no Streamlit). The data are scikit-learn's bundled handwritten digits (1,797 images of 8×8 pixels,
the UCI "Optical Recognition of Handwritten Digits" set, loaded by `lessons.common.datasets`), split by a
seed into the teacher's training digits and the test digits. The teacher is a one-hidden-layer network
(`softmax_core.classifier.train_network`) trained on all its digits; every student is a softmax regression
(`softmax_core.distillation.train_student`) trained on a small *transfer set*, the first digits of the
teacher's, in one of several `Recipe`s. The page caches each training by its small hashable settings and
moves a progress bar between them.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from lessons.common.datasets import digits, standardize
from lessons.common.scales import T_MIN
from lessons.common.text import number
from softmax_core import log_softmax, softmax
from softmax_core.classifier import OneHiddenLayerNetwork, SoftmaxRegression, train_network
from softmax_core.distillation import student_objective, train_student

Progress = Callable[[int, int], object]


class Stop(Protocol):
    """A stop of the temperature slider (``ui.state.SharedState``): the β and T a text is written at."""

    @property
    def beta(self) -> float: ...

    @property
    def temperature(self) -> float: ...


TRAIN_SIZE = 1000  # the teacher's digits; the other 797 are the test digits
TEACHER_HIDDEN, TEACHER_DECAY, TEACHER_STEPS = 64, 1e-3, 150
# The students: a little weight decay keeps W finite on the separable small sets; L-BFGS to a gradient of
# 1e-5 is converged for every digit shown (tightening it moves no test prediction of the default setting).
STUDENT_DECAY, STUDENT_STEPS, STUDENT_TOLERANCE = 1e-3, 300, 1e-5
TRANSFER_SIZES = (25, 50, 100, 200, 500, 1000)
ALPHAS = (0.1, 0.25, 0.5, 0.75, 0.9)
SWEEP_TEMPERATURES = (1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, math.inf)
NORM_TEMPERATURES = np.geomspace(0.1, 100.0, 61)
HINTON_T = 20.0  # the temperature of Hinton et al.'s MNIST result
MAX_SEED = 99
MAX_EXAMPLE = 50  # every digit has at least 59 test images under every seed
DIGITS = tuple(range(10))

# Hinton, Vinyals & Dean (2015), "Distilling the Knowledge in a Neural Network", §3, on MNIST's 10,000 test
# digits: a teacher net with two hidden layers of 1,200 units (dropout, jittered inputs), a net with two
# layers of 800 units and no regularisation trained alone, and that net distilled from the teacher at T = 20.
HINTON_TEST_DIGITS = 10_000
HINTON_ERRORS = {"teacher": 67, "alone": 146, "distilled": 74}
# The same section, the omitted 3s: 206 test errors of which 133 on the 1,010 test 3s; with the 3's bias
# raised by 3.5, 109 errors of which 14 on 3s (98.6 % of the 3s right).
HINTON_THREES, HINTON_THREES_WRONG, HINTON_THREES_WRONG_BIASED = 1010, 133, 14


@dataclass(frozen=True, eq=False)
class Split:
    """The digits split by ``seed``, standardised by the training digits' pixel means and spreads."""

    seed: int
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    images_test: np.ndarray  # (n_test, 8, 8), the raw 0–16 ink levels, for drawing


@functools.lru_cache(maxsize=4)
def split(seed: int) -> Split:
    """The seeded split: `TRAIN_SIZE` training digits in a random order, the rest for the test."""
    data = digits()
    order = np.random.default_rng(seed).permutation(len(data.labels))
    train, test = order[:TRAIN_SIZE], order[TRAIN_SIZE:]
    x_train, x_test = standardize(data.features[train], data.features[test])
    return Split(
        seed=seed,
        x_train=x_train,
        y_train=data.labels[train],
        x_test=x_test,
        y_test=data.labels[test],
        images_test=data.features[test].reshape(-1, 8, 8),
    )


def train_teacher(seed: int, progress: Progress | None = None) -> OneHiddenLayerNetwork:
    """The teacher: a network with `TEACHER_HIDDEN` tanh units trained on all the training digits."""
    data = split(seed)
    # One BLAS thread: on this machine's two shared cores, threads fighting over these small products
    # make training 5–10 times slower (benchmarks/bench_training.py).
    with threadpool_limits(limits=1):
        return train_network(
            data.x_train,
            data.y_train,
            hidden=TEACHER_HIDDEN,
            weight_decay=TEACHER_DECAY,
            steps=TEACHER_STEPS,
            seed=seed,
            progress=progress,
        )


PRESET_TEMPERATURES = (1.0, 4.0, 20.0)  # the page's buttons: no softening, a good T here, Hinton's T


def distillation_temperature(temperature: float, beta: float) -> tuple[float, str | None]:
    """The T the students train at, from the shared temperature, and a note when it is not that T itself.

    Distillation needs T > 0: a negative T (β < 0) is read as |T|, and T = 0, where the soft targets are the
    teacher's arg max and T²·KL vanishes, as the slider's smallest T. T = ∞ is kept: the exact limit,
    matching the logits.
    """
    if beta < 0:
        size = abs(temperature)
        if size == 0:
            size = T_MIN
        return (
            size,
            f"The temperature is negative; distillation needs T > 0: the students use |T| = {number(size)}.",
        )
    if temperature == 0:
        return T_MIN, (
            "At T = 0 the soft targets would be the teacher's one-hot arg max and the T²-weighted soft loss "
            f"0: the students use T = {number(T_MIN)}, the slider's smallest."
        )
    if math.isinf(temperature):
        return temperature, (
            "At T = ∞ every soft target is 1/10, but the soft loss × T² tends to a limit: matching the "
            "teacher's logits, ½ Σ (s − t)² / 10 for zero-mean logits (Hinton et al., §2.1)."
        )
    return temperature, None


@dataclass(frozen=True)
class Scores:
    """How a model does on the test digits."""

    accuracy: float
    errors: int
    count: int
    nll: float  # mean −log p(true digit), nats

    @classmethod
    def of(cls, logits: np.ndarray, labels: np.ndarray) -> Scores:
        right = np.argmax(logits, axis=1) == labels
        nll = -float(np.mean(log_softmax(logits, axis=1)[np.arange(len(labels)), labels]))
        return cls(accuracy=float(right.mean()), errors=int((~right).sum()), count=len(labels), nll=nll)


@dataclass(frozen=True)
class Recipe:
    """One way to train a student: the page's cache key, with its name and a stable id for charts."""

    temperature: float = 1.0
    alpha: float = 0.0
    t_squared: bool = True

    @property
    def hard(self) -> bool:
        return self.alpha == 0

    @property
    def name(self) -> str:
        if self.hard:
            return "hard labels only"
        soft = f"soft targets at T = {number(self.temperature)}"
        if self.alpha == 1:
            return soft
        return f"both, α = {number(self.alpha)} ({soft}{'' if self.t_squared else ', no T²'})"

    @property
    def short(self) -> str:
        """The name in a few words, for a chart's axis on a phone."""
        if self.hard:
            return "hard labels"
        kind = "soft" if self.alpha == 1 else "both"
        return f"{kind}, T = {number(self.temperature)}{'' if self.t_squared else ', no T²'}"


HARD = Recipe()


@dataclass(frozen=True)
class Settings:
    """What the page's students depend on: the split, the transfer set's size, α, the T² switch and T."""

    seed: int
    size: int
    alpha: float
    t_squared: bool
    temperature: float

    @property
    def without_temperature(self) -> tuple[int, int, float, bool]:
        """Everything but T: what a chart that follows the slider depends on besides T."""
        return self.seed, self.size, self.alpha, self.t_squared


def three_ways(temperature: float, alpha: float, t_squared: bool) -> tuple[Recipe, Recipe, Recipe]:
    """The page's three students: hard labels only, soft targets only at T, and both mixed by α."""
    return HARD, Recipe(temperature, 1.0), Recipe(temperature, alpha, t_squared)


def transfer_indices(seed: int, size: int, omit: int | None = None) -> np.ndarray:
    """The transfer set: the first ``size`` training digits, without the digit ``omit`` if given."""
    labels = split(seed).y_train[:size]
    keep = np.arange(size) if omit is None else np.flatnonzero(labels != omit)
    return keep


def train_one(
    seed: int,
    teacher: OneHiddenLayerNetwork,
    size: int,
    recipe: Recipe,
    omit: int | None = None,
    progress: Progress | None = None,
) -> SoftmaxRegression:
    """A student trained by ``recipe`` on the transfer set of ``size`` digits (without ``omit``)."""
    data = split(seed)
    keep = transfer_indices(seed, size, omit)
    x = data.x_train[keep]
    with threadpool_limits(limits=1):
        return train_student(
            x,
            teacher.logits(x),
            data.y_train[keep],
            temperature=recipe.temperature,
            alpha=recipe.alpha,
            t_squared=recipe.t_squared,
            weight_decay=STUDENT_DECAY,
            steps=STUDENT_STEPS,
            tolerance=STUDENT_TOLERANCE,
            progress=progress,
        )


@dataclass(frozen=True)
class Outcome:
    """A trained student's test scores, with its accuracy on each digit (for the omitted one)."""

    scores: Scores
    digit_accuracy: tuple[float, ...]


def outcome(seed: int, student: SoftmaxRegression) -> Outcome:
    data = split(seed)
    logits = student.logits(data.x_test)
    right = np.argmax(logits, axis=1) == data.y_test
    per_digit = tuple(float(right[data.y_test == d].mean()) for d in DIGITS)
    return Outcome(Scores.of(logits, data.y_test), per_digit)


def trained_outcome(
    seed: int,
    teacher: OneHiddenLayerNetwork,
    size: int,
    recipe: Recipe,
    omit: int | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """The test scores of a student trained by ``recipe`` (`train_one`): what the page keeps of it."""
    return outcome(seed, train_one(seed, teacher, size, recipe, omit, progress))


def best_index(accuracies: np.ndarray) -> int:
    """The best point of a sweep: the highest accuracy, the lowest T among ties (the first)."""
    return int(np.argmax(accuracies))


# --- dark knowledge ------------------------------------------------------------------------------------


def examples_of(seed: int, teacher_test_logits: np.ndarray, digit: int) -> np.ndarray:
    """The test images of ``digit``, the teacher's surest first (by its probability of ``digit`` at T = 1)."""
    labels = split(seed).y_test
    indices = np.flatnonzero(labels == digit)
    sureness = softmax(teacher_test_logits[indices], axis=1)[:, digit]
    return indices[np.argsort(-sureness, kind="stable")]


def runners_up(probabilities: np.ndarray, digit: int, count: int = 2) -> list[int]:
    """The ``count`` digits the teacher ranks next after ``digit``."""
    order = [int(k) for k in np.argsort(-probabilities, kind="stable") if k != digit]
    return order[:count]


def example(seed: int, teacher: OneHiddenLayerNetwork, digit: int, rank: int) -> tuple[int, np.ndarray]:
    """The test image of ``digit`` the teacher is ``rank``-th surest of (from 1): its index and logits."""
    test_logits = teacher.logits(split(seed).x_test)
    index = int(examples_of(seed, test_logits, digit)[rank - 1])
    return index, test_logits[index]


def dark_knowledge_story(p_one: np.ndarray, p_now: np.ndarray, digit: int, temperature: float) -> str:
    """What the two distributions show, in two sentences, with the numbers of this image."""
    return _dark_knowledge_intro(p_one, digit) + " " + _dark_knowledge_now(p_one, p_now, digit, temperature)


def _dark_knowledge_intro(p_one: np.ndarray, digit: int) -> str:
    first, second = runners_up(p_one, digit)
    return (
        f"At T = 1 the teacher gives {digit} a probability of {number(p_one[digit], 6)}; the next digits, "
        f"{first} and {second}, get {number(p_one[first], 2)} and {number(p_one[second], 2)}: invisible on "
        "the linear axis, yet they say what this image resembles. That ranking of the wrong answers is "
        "Hinton's *dark knowledge*."
    )


def _dark_knowledge_now(p_one: np.ndarray, p_now: np.ndarray, digit: int, temperature: float) -> str:
    # Plain text, no Markdown: the page draws it as one piece that follows the slider, words and all.
    if temperature == 1:
        return "Raise T to soften the probabilities and bring it into view."
    if math.isinf(temperature):
        return "At T = ∞ every digit gets 1/10: soft targets carry nothing, only the logits' differences do."
    first, second = runners_up(p_one, digit)
    return (
        f"At T = {number(temperature)} the teacher still prefers {digit} ({number(p_now[digit], 3)}), and "
        f"{first} ({number(p_now[first], 3)}) and {second} ({number(p_now[second], 3)}) are plain to see: "
        "a student that matches these soft targets learns the resemblance too."
    )


def dark_knowledge_intro(logits: np.ndarray, digit: int) -> str:
    """The first sentences of ``dark_knowledge_story`` for the teacher's ``logits`` of one image: at T = 1,
    the same at every stop of the slider."""
    return _dark_knowledge_intro(softmax(logits), digit)


def dark_knowledge_at(logits: np.ndarray, digit: int, at: Stop) -> str:
    """The last sentence of ``dark_knowledge_story`` for the teacher's ``logits`` of one image, at a stop
    of the slider, at the students' T there: two softmaxes of ten logits, so that it follows the slider as
    the charts do. Plain text."""
    temperature = distillation_temperature(at.temperature, at.beta)[0]
    return _dark_knowledge_now(softmax(logits), softmax(logits, temperature=temperature), digit, temperature)


# --- the T² factor ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradientNorms:
    """‖∇_W‖ of each part of the loss at the untrained student (W = 0) over `NORM_TEMPERATURES`."""

    temperatures: np.ndarray
    soft_with: np.ndarray  # the soft term with its factor T²
    soft_without: np.ndarray
    hard: float  # the cross-entropy on the labels: T does not enter it


def gradient_norms(seed: int, teacher: OneHiddenLayerNetwork, size: int) -> GradientNorms:
    """The gradient norms that show why the soft term is multiplied by T²."""
    data = split(seed)
    x = data.x_train[:size]
    targets, labels = teacher.logits(x), data.y_train[:size]
    start = (np.zeros((x.shape[1], 10)), np.zeros(10))

    def norm(temperature: float, alpha: float, t_squared: bool) -> float:
        _, (grad_w, _) = student_objective(
            start, x, targets, labels, temperature=temperature, alpha=alpha, t_squared=t_squared
        )
        return float(np.linalg.norm(grad_w))

    temperatures = NORM_TEMPERATURES
    return GradientNorms(
        temperatures=temperatures,
        soft_with=np.array([norm(t, 1.0, True) for t in temperatures]),
        soft_without=np.array([norm(t, 1.0, False) for t in temperatures]),
        hard=norm(1.0, 0.0, True),
    )


# --- tables ----------------------------------------------------------------------------------------------


def percent(fraction: float, digits: int = 1) -> str:
    """0.9235 → '92.4 %', with a no-break space: a line never ends between the number and its sign."""
    return f"{100 * fraction:.{digits}f}\u00a0%"


def scores_table(rows: list[tuple[str, Scores]]) -> pd.DataFrame:
    """Models side by side, three columns so that a phone shows them: (model, scores) per row."""
    table = pd.DataFrame(
        {
            "Test accuracy": [f"{percent(s.accuracy)} ({s.errors} errors)" for _, s in rows],
            "Test NLL": [number(s.nll, 3) for _, s in rows],
        },
        index=[name for name, _ in rows],
    )
    table.index.name = f"Model ({rows[0][1].count} test digits)"
    return table


def hinton_table(teacher: Scores, alone: Scores, distilled: Scores) -> pd.DataFrame:
    """Hinton et al.'s MNIST test errors beside this page's, and the share of the gap distillation closes."""

    def gap_closed(teacher_errors: float, alone_errors: float, distilled_errors: float) -> str:
        if alone_errors == teacher_errors:
            return "no gap"
        return percent((alone_errors - distilled_errors) / (alone_errors - teacher_errors), 0)

    theirs = HINTON_ERRORS
    table = pd.DataFrame(
        {
            f"Hinton et al. ({HINTON_TEST_DIGITS:,} test digits)": [
                f"{theirs['teacher']} errors",
                f"{theirs['alone']} errors",
                f"{theirs['distilled']} errors",
                gap_closed(theirs["teacher"], theirs["alone"], theirs["distilled"]),
            ],
            f"Here ({teacher.count} test digits)": [
                f"{teacher.errors} errors",
                f"{alone.errors} errors",
                f"{distilled.errors} errors",
                gap_closed(teacher.errors, alone.errors, distilled.errors),
            ],
        },
        index=[
            "Teacher",
            "Small model alone",
            f"Small model distilled at T = {number(HINTON_T)}",
            "Gap closed",
        ],
    )
    table.index.name = ""
    return table


# --- the experiments the page runs, and what it says about them ------------------------------------------

CURVE_NAMES = {"soft": "soft targets only", "both": "both, α = {alpha}", "both-plain": "both, without T²"}


def curve_name(meta: str, alpha: float) -> str:
    return CURVE_NAMES[meta].format(alpha=number(alpha))


def teacher_scores(seed: int, teacher: OneHiddenLayerNetwork) -> Scores:
    data = split(seed)
    return Scores.of(teacher.logits(data.x_test), data.y_test)


def sweep_recipes(alpha: float, *, t_squared: bool = True) -> dict[str, list[Recipe]]:
    """The students of the T sweep: soft targets only, and both mixed by α, at every `SWEEP_TEMPERATURES`."""
    return {
        "soft": [Recipe(t, 1.0) for t in SWEEP_TEMPERATURES],
        "both": [Recipe(t, alpha, t_squared) for t in SWEEP_TEMPERATURES],
    }


def regroup(curves: dict[str, list[Recipe]], outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    """The flat list of outcomes, trained in the order of ``curves``, back under each curve's id."""
    grouped, start = {}, 0
    for meta, recipes in curves.items():
        grouped[meta] = outcomes[start : start + len(recipes)]
        start += len(recipes)
    return grouped


def accuracies(outcomes: list[Outcome]) -> np.ndarray:
    return np.array([o.scores.accuracy for o in outcomes])


def sweep_lines(
    results: dict[str, list[Outcome]], alpha: float, digit: int | None = None
) -> list[tuple[str, str, np.ndarray]]:
    """The sweep chart's lines, (id, name, accuracies) for soft targets only and both: on every test digit,
    or on the test images of ``digit``."""
    return [
        (meta, curve_name(meta, alpha), accuracies(results[meta]) if digit is None
         else digit_accuracies(results[meta], digit))
        for meta in ("soft", "both")
    ]  # fmt: skip


def t_squared_lines(with_t2: list[Outcome], without: list[Outcome]) -> list[tuple[str, str, np.ndarray]]:
    """The mix's accuracy against T with and without T², as the sweep chart's lines."""
    return [("both", "with T²", accuracies(with_t2)), ("both-plain", "without T²", accuracies(without))]


def three_ways_table(
    settings: Settings, teacher: Scores, recipes: list[Recipe], outcomes: list[Outcome]
) -> pd.DataFrame:
    rows = [(f"Teacher (network, all {TRAIN_SIZE:,} training digits)", teacher)]
    rows += [
        (f"Student: {recipe.name}", outcome.scores) for recipe, outcome in zip(recipes, outcomes, strict=True)
    ]
    return scores_table(rows)


def _compare(new: Scores, old: Scores) -> str:
    if new.errors == old.errors:
        return "the same number of test errors as"
    fewer = new.errors < old.errors
    return f"{abs(new.errors - old.errors)} {'fewer' if fewer else 'more'} test errors than"


def three_ways_story(settings: Settings, outcomes: list[Outcome]) -> str:
    hard, soft, both = (o.scores for o in outcomes)
    return (
        f"All three students learn from the same {settings.size:,} digits. Matching the teacher's soft "
        f"targets at T = {number(settings.temperature)} makes "
        f"{_compare(soft, hard)} the labels alone ({percent(soft.accuracy)} "
        f"against {percent(hard.accuracy)} right), and mixing both with α = {number(settings.alpha)} makes "
        f"{_compare(both, hard)} them ({percent(both.accuracy)}). The test NLL, the mean −log p of the true "
        f"digit, goes from {number(hard.nll, 3)} nats on hard labels to {number(soft.nll, 3)} on soft "
        "targets: the teacher also teaches how sure to be. Change the transfer set: the fewer digits, the "
        "more each soft target's extra information is worth."
    )


def sweep_story(settings: Settings, results: dict[str, list[Outcome]], hard: float) -> str:
    bests = []
    for meta in ("soft", "both"):
        scores = accuracies(results[meta])
        best = best_index(scores)
        bests.append(
            f"with **{curve_name(meta, settings.alpha)}** the best T is {number(SWEEP_TEMPERATURES[best])}, "
            f"{percent(scores[best])} right against {percent(scores[0])} at T = 1"
        )
    return (
        f"Each point is a student trained on the same {settings.size:,} digits, the stars mark the best T: "
        f"{'; '.join(bests)}; the labels alone give {percent(hard)}. At T = 1 the soft targets are nearly "
        "the labels and teach little more; warmer, the wrong digits' probabilities count and the student "
        "generalises better. Hinton et al. saw the best T depend on the student's size: with 300 or more "
        "units per layer every T above 8 did about as well, with 30 units T from 2.5 to 4 did best. This "
        "student, a softmax regression, is smaller still."
    )


def t_squared_story(
    settings: Settings, norms: GradientNorms, with_t2: list[Outcome], without_t2: list[Outcome], hard: float
) -> str:
    at_20 = int(np.argmin(np.abs(np.log(norms.temperatures / HINTON_T))))
    ratio = norms.soft_with[at_20] / norms.soft_without[at_20]
    hot = len(SWEEP_TEMPERATURES) - 2  # the hottest finite T of the sweep
    return (
        "Left: the size of each part's gradient for the untrained student. The soft targets' gradient is (p "
        "− q)/T per example, and p − q itself shrinks like 1/T, so without the factor it falls like 1/T² "
        f"(dashed): at T = {number(float(norms.temperatures[at_20]), 3)} it is {number(ratio, 3)} times "
        "smaller than with it. Multiplied by T² (solid) it keeps the hard labels' scale at every T. Right: "
        f"the same students as above, mixed with α = {number(settings.alpha)}. Without T², the hotter the "
        "soft targets the less they weigh, and the student slides back to what the labels alone teach: "
        f"{percent(accuracies(without_t2)[hot])} at T = {number(SWEEP_TEMPERATURES[hot])}, against "
        f"{percent(accuracies(with_t2)[hot])} with T² and {percent(hard)} on hard labels. At T = ∞ the soft "
        "term without T² is 0, with T² it is logit matching."
    )


def omitted_recipes(settings: Settings) -> dict[str, list[Recipe]]:
    """The students without the omitted digit: soft targets only, and both mixed by α (with or without T²
    as the settings say), at every `SWEEP_TEMPERATURES`. Trained once for every T of the slider."""
    return sweep_recipes(settings.alpha, t_squared=settings.t_squared)


def digit_accuracies(outcomes: list[Outcome], digit: int) -> np.ndarray:
    """Each student's share of the test images of ``digit`` it gets right."""
    return np.array([o.digit_accuracy[digit] for o in outcomes])


def teacher_digit_accuracy(seed: int, teacher: OneHiddenLayerNetwork, digit: int) -> float:
    """The teacher's share of the test images of ``digit`` it gets right."""
    data = split(seed)
    chosen = data.y_test == digit
    return float(np.mean(np.argmax(teacher.logits(data.x_test[chosen]), axis=1) == digit))


def omitted_story(settings: Settings, omit: int, hard: Outcome, results: dict[str, list[Outcome]]) -> str:
    """What the students without ``omit`` learn of it: nothing from the labels, a little at T = 1, much
    more at a higher T."""
    kept = len(transfer_indices(settings.seed, settings.size, omit))
    count = int(np.sum(split(settings.seed).y_test == omit))
    soft, both = (digit_accuracies(results[meta], omit) for meta in ("soft", "both"))
    best_soft, best_both = best_index(soft), best_index(both)
    on_labels = (
        f"none of the {count} test {omit}s right"
        if hard.digit_accuracy[omit] == 0
        else f"{percent(hard.digit_accuracy[omit], 0)} of the {count} test {omit}s right"
    )
    text = (
        f"The transfer set keeps {kept} of its {settings.size:,} digits: every {omit} is gone. On the labels "
        f"alone the student never learns to say {omit}: it gets {on_labels}. From the teacher's soft targets "
        f"at T = 1 it gets {percent(soft[0], 0)}: at T = 1 the teacher's opinion of how much other digits "
        f"look like a {omit} is too faint to learn from. Warmer, the soft targets alone teach it "
        f"{percent(soft[best_soft], 0)} of them (at T = {number(SWEEP_TEMPERATURES[best_soft])}), and mixed "
        f"with the labels (α = {number(settings.alpha)}) {percent(both[best_both], 0)} (at T = "
        f"{number(SWEEP_TEMPERATURES[best_both])}), without a single {omit} seen: all it knows of a {omit} "
        "is that resemblance. "
    )
    wrong, fixed = HINTON_THREES_WRONG, HINTON_THREES - HINTON_THREES_WRONG_BIASED
    return text + (
        f"Hinton et al. left every 3 out of MNIST's transfer set: the distilled net still got "
        f"{HINTON_THREES - wrong:,} of the {HINTON_THREES:,} test 3s right, and {fixed:,} "
        f"({percent(fixed / HINTON_THREES)}) once the 3's bias, too low for a class that never won in "
        "training, was raised by 3.5."
    )


def hinton_story(settings: Settings) -> str:
    return (
        "Theirs: Hinton, Vinyals & Dean, *Distilling the Knowledge in a Neural Network*, 2015, "
        "[arXiv:1503.02531](https://arxiv.org/abs/1503.02531), §3, on MNIST's 28×28 digits; the teacher a "
        "net with two hidden layers of 1,200 "
        "units, regularised with dropout and trained on jittered images; the small model a net with two "
        "layers of 800 units and no regularisation, trained alone on the 60,000 training digits' labels, or "
        "distilled from the teacher's soft targets at T = 20 together with the labels. Ours: 8×8 digits; "
        f"the teacher a network with {TEACHER_HIDDEN} hidden units; the small model a softmax regression, "
        f"trained alone on the {settings.size:,} transfer digits' labels or distilled on them with α = "
        f"{number(settings.alpha)} at T = 20. The digits and the models differ, so compare the share of the "
        "gap between the small model and the teacher that distillation closes, not the errors themselves."
    )
