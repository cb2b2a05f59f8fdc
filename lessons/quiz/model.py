"""The quiz: predict, then see. Questions generated from the current view, answered by the core.

A round is a pure function of its seed and the view (``make_round(seed, view)``): the same link (``quiz=``,
the logits and the temperature) gives every student the same questions. Each question is built from the
view where the view suits it (the sidebar's logits at its temperature) and from the seed otherwise; its
right answer is computed by ``softmax_core``, never typed in, and every other option is checked to be
wrong (``tests/lessons/test_quiz_model.py`` does it over hundreds of seeds and views). A question carries
what its reveal chart draws (``scene``), for ``lessons.quiz.figures``.

Kinds (eleven; a round draws eight): where the probability goes at T → 0, at T → ∞ and at negative β; the
top class's probability at T = ∞; which of two temperatures gives the higher entropy; adding c to every
logit; multiplying every logit by c; the loss −log p; how many tokens top-p keeps; the Boltzmann population
of the ground state; which of two policies explores more.

Pure: no Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from lessons.common.text import escape_markdown, number
from softmax_core import action_probabilities, boltzmann, cross_entropy, entropy, softmax
from softmax_core.sampling import sampler_probabilities

ROUND_LENGTH = 8
MAX_SEED = 99_999
Answer = Literal["choice", "number", "guess"]


@dataclass(frozen=True)
class QuizView:
    """What the questions are drawn from: the sidebar's logits, their labels and the inverse temperature."""

    logits: tuple[float, ...]
    labels: tuple[str, ...]
    beta: float

    @property
    def z(self) -> np.ndarray:
        return np.array(self.logits, dtype=np.float64)


@dataclass(frozen=True)
class Option:
    """One answer to choose: its text (plain, as typed: escape it for Markdown) and what it claims."""

    text: str
    value: Hashable

    @property
    def markdown(self) -> str:
        return escape_markdown(self.text)


@dataclass(frozen=True)
class Question:
    """One question: what it asks, how it is answered, its right answer (from the core) and why.

    ``correct`` is the index of the right option (``answer="choice"``) or the right value (``"number"``,
    typed; ``"guess"``, dragged on a slider from ``low`` to ``high`` that starts at ``start``); an answer
    within ``tolerance`` of it counts. ``scene`` holds the arrays the reveal chart draws.
    """

    kind: str
    prompt: str
    why: str
    answer: Answer
    correct: float
    options: tuple[Option, ...] = ()
    tolerance: float = 0.0
    unit: str = ""
    low: float = 0.0
    high: float = 1.0
    step: float = 0.01
    start: float = 0.0
    scene: Mapping[str, object] = field(default_factory=dict, compare=False)

    @property
    def title(self) -> str:
        return TITLES[self.kind]

    def is_right(self, given: float | None) -> bool:
        """Whether ``given`` (an option's index, or a number) is the right answer."""
        if given is None:
            return False
        if self.answer == "choice":
            return int(given) == int(self.correct)
        return math.isfinite(given) and abs(given - self.correct) <= self.tolerance

    def answer_text(self, given: float | None = None) -> str:
        """An answer as the reveal writes it (plain text): the right one, or ``given``."""
        value = self.correct if given is None else given
        if self.answer == "choice":
            return self.options[int(value)].text
        return f"{number(value)}{' ' + self.unit if self.unit else ''}"


@dataclass(frozen=True)
class Attempt:
    """A question as it was asked and answered."""

    question: Question
    given: float | None

    @property
    def right(self) -> bool:
        return self.question.is_right(self.given)


@dataclass(frozen=True)
class Progress:
    """Where a student is in a round: the answers so far, whether the last is on screen, and a practice
    question (a variation of a missed one, not scored)."""

    seed: int
    attempts: tuple[Attempt, ...] = ()
    revealed: bool = False
    practice: Attempt | None = None  # given is None until the practice question is answered
    practice_of: int | None = None  # the index in the round of the question it varies
    variations: int = 0

    @property
    def position(self) -> int:
        """The index in the round of the question to ask next."""
        return len(self.attempts)

    @property
    def score(self) -> int:
        return sum(attempt.right for attempt in self.attempts)

    def answer(self, question: Question, given: float | None) -> Progress:
        return replace(self, attempts=(*self.attempts, Attempt(question, given)), revealed=True)

    def next(self) -> Progress:
        return replace(self, revealed=False)

    def vary(self, index: int, view: QuizView) -> Progress:
        """A new practice question of the kind of question ``index``, different parameters each time."""
        kind = self.attempts[index].question.kind
        question = variation(self.seed, index, self.variations + 1, kind, view)
        return replace(
            self, practice=Attempt(question, None), practice_of=index, variations=self.variations + 1
        )

    def answer_practice(self, given: float | None) -> Progress:
        assert self.practice is not None
        return replace(self, practice=Attempt(self.practice.question, given))

    def close_practice(self) -> Progress:
        return replace(self, practice=None, practice_of=None)

    def summary(self) -> str:
        """Every question of the round with its answer (and the student's, where it was wrong), as a
        Markdown list: long answers wrap on a phone, where a five-column table would squeeze."""
        lines = []
        for index, attempt in enumerate(self.attempts, 1):
            question = attempt.question
            answer = escape_markdown(question.answer_text())
            given = (
                ""
                if attempt.right
                else f"you answered {escape_markdown(question.answer_text(attempt.given))}; "
            )
            mark = "✓" if attempt.right else "✗"
            lines.append(
                f"{index}. {mark} **{escape_markdown(question.title)}:** {given}the answer is {answer}"
            )
        return "\n".join(lines)


# --- Text ------------------------------------------------------------------------------------------------


def _label(labels: Sequence[str], i: int) -> str:
    return f"**{escape_markdown(labels[i])}**"


def _logits_text(z: np.ndarray, labels: Sequence[str]) -> str:
    return " · ".join(f"{_label(labels, i)} {number(float(x))}" for i, x in enumerate(z))


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _names(indices: Sequence[int], labels: Sequence[str]) -> str:
    """Class names in bold, for a prompt or an explanation (Markdown)."""
    return _join([_label(labels, i) for i in sorted(indices)])


def _plain_names(indices: Sequence[int], labels: Sequence[str]) -> str:
    """Class names as typed, for an option's text."""
    return _join([labels[i] for i in sorted(indices)])


def temperature_text(beta: float) -> str:
    """The temperature as a question names it: 'T = 0.5', 'T = 0 (the exact arg max)', 'β = −2'."""
    if beta < 0:
        return f"β = {number(beta)} (a negative temperature)"
    if math.isinf(beta):
        return "T = 0 (the exact arg max limit)"
    if beta == 0:
        return "T = ∞ (the exact uniform limit)"
    return f"T = {number(1 / beta)}"


def _nice(x: float) -> float:
    """x rounded to one significant digit of 1, 2 or 5: temperatures a person can read and compare."""
    exponent = math.floor(math.log10(x))
    mantissa = x / 10**exponent
    step = min((1, 2, 5, 10), key=lambda m: abs(math.log(mantissa / m)))
    return float(f"{step * 10.0**exponent:.12g}")


# --- Views ------------------------------------------------------------------------------------------------


def _spread(z: np.ndarray) -> float:
    with np.errstate(over="ignore"):
        return float(z.max() - z.min())


def _ordinary(view: QuizView, *, most: int = 10) -> bool:
    """Whether the view's logits make a readable question: a few, not all equal, of ordinary size."""
    spread = _spread(view.z)
    return len(view.logits) <= most and 0 < spread < 1e4 and float(np.abs(view.z).max()) < 1e6


def vary(view: QuizView, rng: np.random.Generator) -> QuizView:
    """Other logits of one decimal each, all different: the view for a variation, or where the view's own
    logits do not suit a question. Keeps the labels where the number of classes stays."""
    k = len(view.logits) if len(view.logits) <= 6 else 4
    while True:
        z = np.round(rng.normal(0.0, 1.5, size=k), 1)
        if len(set(z.tolist())) == k:
            break
    labels = view.labels if len(view.labels) == k else tuple(f"class {i + 1}" for i in range(k))
    return QuizView(tuple(float(x) + 0.0 for x in z), labels, view.beta)


def _choose(
    rng: np.random.Generator, correct: Option, distractors: Sequence[Option], *, keep_order: bool = False
) -> tuple[tuple[Option, ...], int]:
    """The right option and up to three wrong ones (first ones first, repeats dropped), shuffled unless
    ``keep_order`` (then sorted by value); the options and the right one's index."""
    chosen = [correct]
    for option in distractors:
        if len(chosen) == 4:
            break
        if all(option.value != other.value for other in chosen):
            chosen.append(option)
    if keep_order:
        chosen.sort(key=lambda option: option.value)
    else:
        chosen = [chosen[i] for i in rng.permutation(len(chosen))]
    return tuple(chosen), chosen.index(correct)


def _winners(p: np.ndarray) -> frozenset[int]:
    return frozenset(np.flatnonzero(p == p.max()).tolist())


# --- The kinds of question ---------------------------------------------------------------------------------


def _where_it_goes(labels: Sequence[str], indices: frozenset[int], k: int) -> str:
    if len(indices) == k:
        return f"spread equally over all {k} classes"
    if len(indices) == 1:
        return f"all of it to {_plain_names(sorted(indices), labels)}"
    return f"shared equally by {_plain_names(sorted(indices), labels)}"


def winner_cold(rng: np.random.Generator, view: QuizView) -> Question:
    z, labels, k = view.z, view.labels, len(view.logits)
    winners = _winners(softmax(z, temperature=0.0))  # the core's exact limit: the arg max, ties split
    ranking = [int(i) for i in np.argsort(-z, kind="stable")]
    claims = [frozenset(ranking[:2]), frozenset({ranking[1]}), frozenset(range(k)), frozenset({ranking[-1]})]
    claims += [frozenset({i}) for i in ranking]
    options, correct = _choose(
        rng,
        Option(_where_it_goes(labels, winners, k), winners),
        [Option(_where_it_goes(labels, claim, k), claim) for claim in claims],
    )
    tie = "" if len(winners) == 1 else ", tied, share it equally"
    return Question(
        kind="winner_cold",
        prompt=f"The logits are {_logits_text(z, labels)}. **As the temperature falls to T → 0, where does "
        "the probability go?**",
        why=f"At T → 0 softmax becomes the arg max: the largest logit ({_names(sorted(winners), labels)}, "
        f"z = {number(float(z.max()))}{tie}) takes everything, however small its lead.",
        answer="choice",
        correct=correct,
        options=options,
        scene={"z": z, "labels": labels, "beta": view.beta},
    )


def winner_hot(rng: np.random.Generator, view: QuizView) -> Question:
    z, labels, k = view.z, view.labels, len(view.logits)
    winners = _winners(softmax(z, temperature=math.inf))  # the core's exact limit: uniform
    ranking = [int(i) for i in np.argsort(-z, kind="stable")]
    claims = [frozenset({ranking[0]}), frozenset({ranking[-1]}), frozenset(ranking[:2])]
    options, correct = _choose(
        rng,
        Option(_where_it_goes(labels, winners, k), winners),
        [Option(_where_it_goes(labels, claim, k), claim) for claim in claims],
    )
    return Question(
        kind="winner_hot",
        prompt=f"The logits are {_logits_text(z, labels)}. **As the temperature rises to T → ∞, where does "
        "the probability go?**",
        why="At T → ∞ every z/T goes to 0 and every class weighs e⁰ = 1: the logits stop mattering and p "
        f"becomes uniform, 1/K = {number(1 / k)} for each of the K = {k} classes.",
        answer="choice",
        correct=correct,
        options=options,
        scene={"z": z, "labels": labels, "beta": view.beta},
    )


def winner_negative_beta(rng: np.random.Generator, view: QuizView) -> Question:
    z, labels = view.z, view.labels
    beta = float(rng.choice([-0.5, -1.0, -2.0, -5.0]))
    p = softmax(z, beta=beta)
    winners = _winners(p)
    ranking = [int(i) for i in np.argsort(-z, kind="stable")]
    claims = [frozenset({ranking[0]}), frozenset(ranking[:2]), *(frozenset({i}) for i in ranking)]

    def text(claim: frozenset[int]) -> str:
        names = _plain_names(sorted(claim), labels)
        return names if len(claim) == 1 else f"{names}, tied"

    options, correct = _choose(rng, Option(text(winners), winners), [Option(text(c), c) for c in claims])
    return Question(
        kind="winner_negative_beta",
        prompt=f"The logits are {_logits_text(z, labels)}. Now make the inverse temperature negative: "
        f"**β = {number(beta)}** (T = {number(1 / beta)}). **Which class is the most probable?**",
        why=f"A negative β reverses the order: e^(βz) is largest where z is smallest, so "
        f"{_names(sorted(winners), labels)} (z = {number(float(z.min()))}) leads with p = "
        f"{number(float(p.max()))}, and takes everything as β → −∞.",
        answer="choice",
        correct=correct,
        options=options,
        scene={"z": z, "labels": labels, "beta": beta},
    )


def top_at_infinity(rng: np.random.Generator, view: QuizView) -> Question:
    z, labels, k = view.z, view.labels, len(view.logits)
    top = int(np.argmax(z))
    value = float(softmax(z, temperature=math.inf)[top])
    return Question(
        kind="top_at_infinity",
        prompt=f"The logits are {_logits_text(z, labels)}. **At T = ∞, what is the probability of the top "
        f"class, {escape_markdown(labels[top])}?** (a number from 0 to 1)",
        why=f"At T = ∞ every z/T is 0, so each of the K = {k} classes weighs e⁰ = 1 and gets 1/K = "
        f"{number(value)}, however large its logit.",
        answer="number",
        correct=value,
        tolerance=0.01 * value + 0.0005,
        step=0.01,
        scene={"z": z, "labels": labels, "beta": 0.0},
    )


def _entropy_at(z: np.ndarray, temperature: float) -> float:
    return float(entropy(softmax(z, temperature=temperature)))


def entropy_order(rng: np.random.Generator, view: QuizView) -> Question:
    if not _ordinary(view, most=64):
        view = vary(view, rng)
    z, labels, k = view.z, view.labels, len(view.logits)
    # Temperatures on the scale of the logits' spread, where the entropy visibly changes with T.
    candidates = sorted({_nice(_spread(z) * f) for f in (0.1, 0.2, 0.5, 1.0, 2.0, 5.0)})
    pairs = [(a, b) for i, a in enumerate(candidates) for b in candidates[i + 1 :]]
    for index in rng.permutation(len(pairs)):
        low, high = pairs[index]
        h_low, h_high = _entropy_at(z, low), _entropy_at(z, high)
        if h_high - h_low > 0.02 * math.log(k):
            break
    first, second = (low, high) if rng.random() < 0.5 else (high, low)
    options = (Option(f"T = {number(first)}", first), Option(f"T = {number(second)}", second))
    options += (Option("the same at both", "same"),)
    return Question(
        kind="entropy_order",
        prompt=f"The logits are {_logits_text(z, labels)}. **Which temperature gives the higher entropy H, "
        f"T = {number(first)} or T = {number(second)}?**",
        why=f"Raising T flattens p towards uniform, and entropy measures that spread: H = {number(h_high)} "
        f"nats at T = {number(high)} against {number(h_low)} at T = {number(low)} (at most log K = "
        f"{number(math.log(k))}).",
        answer="choice",
        correct=[option.value for option in options].index(high),
        options=options,
        scene={"z": z, "labels": labels, "temperatures": (low, high), "entropies": (h_low, h_high)},
    )


def shift(rng: np.random.Generator, view: QuizView) -> Question:
    z, labels = view.z, view.labels
    c = float(rng.choice([5.0, 5.0, 10.0, -3.0]))
    grows = "every probability grows" if c > 0 else "every probability shrinks"
    options, correct = _choose(
        rng,
        Option("nothing: they stay exactly the same", "same"),
        [
            Option("the top class gains probability", "sharper"),
            Option(grows, "grow" if c > 0 else "shrink"),
            Option("they become more even", "flatter"),
        ],
    )
    return Question(
        kind="shift",
        prompt=f"The logits are {_logits_text(z, labels)}, at {temperature_text(view.beta)}. **Every logit "
        f"gets {'+' if c > 0 else '−'}{number(abs(c))}. What happens to the probabilities?**",
        why="e^(β(z + c)) = e^(βc) · e^(βz): the common factor e^(βc) cancels between numerator and "
        "denominator, so softmax ignores a shift of every logit (the normalised square does not).",
        answer="choice",
        correct=correct,
        options=options,
        scene={"z": z, "labels": labels, "beta": view.beta, "shift": c},
    )


def _scale_fits(z: np.ndarray, beta: float, c: float) -> bool:
    """Whether softmax at β, cβ and β/c differ visibly: then exactly one change matches c·z."""
    ps = [softmax(z, beta=b) for b in (beta, beta * c, beta / c)]
    return min(float(np.max(np.abs(a - b))) for i, a in enumerate(ps) for b in ps[i + 1 :]) > 0.01


def scale(rng: np.random.Generator, view: QuizView) -> Question:
    c = float(rng.choice([2.0, 2.0, 3.0, 10.0]))
    # At T = 1 the Temperature page's chart says it in the question's words: divide by T = 1/c or
    # multiply by c. The view's logits where the three answers differ visibly there, others otherwise.
    temperature = 1.0
    while not (_ordinary(view, most=64) and _scale_fits(view.z, 1 / temperature, c)):
        view = vary(view, rng)
    z, labels = view.z, view.labels
    options, correct = _choose(
        rng,
        Option(f"dividing T by {number(c)}", "divide"),
        [
            Option(f"multiplying T by {number(c)}", "multiply"),
            Option(f"adding {number(c)} to every logit", "add"),
        ],
    )
    return Question(
        kind="scale",
        prompt=f"The logits are {_logits_text(z, labels)}, at T = 1. **Every logit is multiplied by "
        f"{number(c)}. Which change to the original logits gives the same probabilities?**",
        why=f"softmax(c·z / T) = softmax(z / (T/c)): multiplying every logit by c = {number(c)} is dividing "
        f"the temperature by it, here from T = 1 to T = {number(temperature / c)}. Adding a constant "
        "changes nothing at all.",
        answer="choice",
        correct=correct,
        options=options,
        scene={"z": z, "labels": labels, "temperature": temperature, "factor": c},
    )


def _three_digits(p: float) -> float:
    return float(f"{p:.3g}")


def loss(rng: np.random.Generator, view: QuizView) -> Question:
    z, labels = view.z, view.labels
    target = int(rng.integers(len(z)))
    p_view = float(softmax(z, beta=view.beta)[target]) if math.isfinite(view.beta) else 0.0
    if 0.001 <= p_view <= 0.99 and len(z) <= 64:
        p = _three_digits(p_view)
        label = labels[target]
        setting = (
            f"At {temperature_text(view.beta)}, the logits {_logits_text(z, labels)} give "
            f"{_label(labels, target)} the probability p = {number(p)}."
        )
    else:
        p = float(rng.choice([0.9, 0.5, 0.25, 0.1, 0.01]))
        label = "the correct class"
        setting = f"A classifier gives the correct class the probability p = {number(p)}."
    # The core's loss on two logits whose softmax is (p, 1 − p): −log p, computed as the app computes it.
    value = float(cross_entropy(np.log([p, 1 - p]), 0))
    who = "that class" if label == "the correct class" else escape_markdown(labels[target])
    return Question(
        kind="loss",
        prompt=f"{setting} **If {who} is the right answer, what is the cross-entropy loss −log p, in nats?**",
        why=f"−log p = −ln {number(p)} = {number(value)} nats: 0 for a sure right answer (p = 1), and "
        "without bound as p → 0, the price of being sure and wrong.",
        answer="number",
        correct=value,
        tolerance=0.005 + 0.01 * value,
        unit="nats",
        step=0.1,
        scene={"p": p, "loss": value, "label": label},
    )


_TOP_P = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
_FALLBACK_TOKENS = (math.log(0.5), math.log(0.3), math.log(0.15), math.log(0.05))  # p = .5, .3, .15, .05


def _top_p_count(z: np.ndarray, beta: float, top_p: float) -> int | None:
    """Tokens top-p keeps, when every displayed total is clearly above or below top_p (so 4 digits
    decide) and the core agrees with the plain count (no tie across the cut); None otherwise."""
    p = softmax(z, beta=beta)
    totals = np.cumsum(np.sort(p)[::-1])
    if np.min(np.abs(totals - top_p)) < 0.01:
        return None
    count = int(np.argmax(totals >= top_p)) + 1
    kept = int(np.count_nonzero(sampler_probabilities(z, beta=beta, top_p=top_p)))
    return count if kept == count else None


def top_p(rng: np.random.Generator, view: QuizView) -> Question:
    beta = view.beta if 0 <= view.beta < math.inf else 1.0
    settings: list[tuple[QuizView, float]] = []
    if len(view.logits) <= 8 and float(np.max(softmax(view.z, beta=beta))) < 0.95:
        settings.append((view, beta))
    settings += [(vary(view, rng), 1.0) for _ in range(3)]
    fallback = QuizView(_FALLBACK_TOKENS, tuple(f"token {i + 1}" for i in range(4)), 1.0)
    settings.append((fallback, 1.0))
    for candidate, b in settings:
        for threshold in rng.permutation(_TOP_P):
            count = _top_p_count(candidate.z, b, float(threshold))
            if count is not None:
                break
        if count is not None:
            break
    view, threshold = candidate, float(threshold)
    z, labels, k = view.z, view.labels, len(view.logits)
    p = softmax(z, beta=b)
    shown = " · ".join(f"{_label(labels, i)} {number(float(x))}" for i, x in enumerate(p))
    near = [n for n in (count - 1, count + 1, count + 2, count - 2, k) if 1 <= n <= k]
    options, correct = _choose(
        rng,
        Option(f"{count} token{'s' if count > 1 else ''}", count),
        [Option(f"{n} token{'s' if n > 1 else ''}", n) for n in near],
        keep_order=True,
    )
    order = np.argsort(-p, kind="stable")[:count]
    total = float(np.sum(p[order]))
    return Question(
        kind="top_p",
        prompt=f"A language model's next-token probabilities at {temperature_text(b)} are {shown}. "
        f"**With top-p = {number(threshold)}, how many of these tokens can still be drawn?**",
        why=f"Top-p keeps the fewest most probable tokens whose probabilities add up to at least "
        f"{number(threshold)}: the top {count} reach {number(total)}; the rest are never drawn, and the "
        "kept ones are renormalised.",
        answer="choice",
        correct=correct,
        options=options,
        scene={"z": z, "labels": labels, "beta": b, "top_p": threshold},
    )


def ground_state(rng: np.random.Generator, view: QuizView) -> Question:
    levels = int(rng.choice([2, 3, 4]))
    kt = float(rng.choice([0.25, 0.5, 1.0, 2.0, 5.0]))
    energies = np.arange(levels, dtype=np.float64)
    p = boltzmann(energies, kt)
    names = ", ".join(["0", "ε", *(f"{n}ε" for n in range(2, levels))])
    z_value = float(np.sum(np.exp(-energies / kt)))
    return Question(
        kind="ground_state",
        prompt=f"A system has {levels} equally spaced energy levels, E = {names}, in contact with a heat "
        f"bath at kT = {number(kt)} ε. **What fraction of the population is in the ground state, E = 0?** "
        "Drag the slider to your guess.",
        why=f"Boltzmann: p₀ = e⁰ / Z with Z = Σ e^(−E/kT) = {number(z_value)}, so p₀ = "
        f"{number(float(p[0]))}. It is softmax of −E/kT: the colder the bath, the more of it sits in the "
        "ground state.",
        answer="guess",
        correct=float(p[0]),
        tolerance=0.05,
        step=0.01,
        start=0.0,  # every answer is at least 1/4 (four levels at most), far from where the slider starts
        scene={"energies": energies, "kT": kt, "p": p},
    )


def _exploring(q: np.ndarray, policy: tuple[str, float]) -> float:
    """The probability of choosing an arm other than the greedy ones (the core's policy)."""
    kind, value = policy
    keyword = {"tau": value} if kind == "softmax" else {"epsilon": value}
    pi = action_probabilities(q, policy=kind, **keyword)
    return float(1.0 - pi[q == q.max()].sum())


def policy_text(policy: tuple[str, float]) -> str:
    kind, value = policy
    return f"softmax with τ = {number(value)}" if kind == "softmax" else f"ε-greedy with ε = {number(value)}"


def explore(rng: np.random.Generator, view: QuizView) -> Question:
    if not _ordinary(view, most=10):
        view = vary(view, rng)
    q = view.z
    taus = [_nice(_spread(q) * f) for f in (0.1, 0.3, 1.0, 3.0)]
    policies = [("softmax", t) for t in taus] + [("epsilon-greedy", e) for e in (0.05, 0.1, 0.2, 0.5)]
    pairs = [(a, b) for i, a in enumerate(policies) for b in policies[i + 1 :]]
    for index in rng.permutation(len(pairs)):
        first, second = pairs[index]
        gap = _exploring(q, first) - _exploring(q, second)
        if abs(gap) > 0.03:
            break
    if rng.random() < 0.5:
        first, second, gap = second, first, -gap
    more = first if gap > 0 else second
    options = (Option(policy_text(first), first), Option(policy_text(second), second))
    options += (Option("both explore equally", "same"),)
    arms = " · ".join(f"**arm {i + 1}** {number(float(x))}" for i, x in enumerate(q))
    return Question(
        kind="explore",
        prompt=f"A bandit agent's value estimates are {arms}. **Which policy explores more, that is, picks "
        f"an arm other than the best-looking one more often: {policy_text(first)} or "
        f"{policy_text(second)}?**",
        why=f"The agent picks another arm with probability {number(_exploring(q, first))} under "
        f"{policy_text(first)}, {number(_exploring(q, second))} under {policy_text(second)}: a "
        "larger τ flattens softmax(Q/τ), a larger ε spends more picks on random arms.",
        answer="choice",
        correct=[option.value for option in options].index(more),
        options=options,
        scene={"q": q, "policies": (first, second)},
    )


KINDS: dict[str, Callable[[np.random.Generator, QuizView], Question]] = {
    "winner_cold": winner_cold,
    "winner_hot": winner_hot,
    "winner_negative_beta": winner_negative_beta,
    "top_at_infinity": top_at_infinity,
    "entropy_order": entropy_order,
    "shift": shift,
    "scale": scale,
    "loss": loss,
    "top_p": top_p,
    "ground_state": ground_state,
    "explore": explore,
}
TITLES = {
    "winner_cold": "Freeze it: T → 0",
    "winner_hot": "Melt it: T → ∞",
    "winner_negative_beta": "Negative β",
    "top_at_infinity": "The top class at T = ∞",
    "entropy_order": "Which is more undecided?",
    "shift": "Add a constant",
    "scale": "Multiply the logits",
    "loss": "The loss −log p",
    "top_p": "Top-p sampling",
    "ground_state": "Boltzmann's ground state",
    "explore": "Explore or exploit",
}


def make_round(seed: int, view: QuizView) -> tuple[Question, ...]:
    """The round of ``seed`` on ``view``: ROUND_LENGTH questions of different kinds, the same for everyone
    with the same seed and view."""
    kinds = list(KINDS)
    order = np.random.default_rng(seed).permutation(len(kinds))[:ROUND_LENGTH]
    return tuple(question(kinds[k], np.random.default_rng([seed, i]), view) for i, k in enumerate(order))


def question(kind: str, rng: np.random.Generator, view: QuizView) -> Question:
    """A question of ``kind`` on ``view``, its free choices drawn from ``rng``."""
    return KINDS[kind](rng, view)


def variation(seed: int, index: int, attempt: int, kind: str, view: QuizView) -> Question:
    """Another question of ``kind``: on other logits, drawn from the seed, the question's place and the
    attempt, so 'try a variation' gives a new one each time and the same ones after a reload."""
    rng = np.random.default_rng([seed, index, attempt])
    return question(kind, rng, vary(view, rng))


def new_seed(rng: np.random.Generator | None = None) -> int:
    """A fresh round's seed."""
    return int((rng or np.random.default_rng()).integers(MAX_SEED + 1))
