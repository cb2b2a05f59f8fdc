"""The quiz's questions: every kind, over 300 seeds and several views, has exactly one right answer, the
one the core gives; the round is a function of its seed and view; progress through a round."""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest

from lessons.quiz import model
from lessons.quiz.model import Progress, QuizView
from softmax_core import action_probabilities, argmax_onehot, entropy, softmax
from softmax_core.sampling import sampler_probabilities

SEEDS = range(300)
VIEWS = (
    QuizView((2.0, 1.0, 0.1), ("cat", "dog", "bird"), 1.0),  # the app's default view
    QuizView((1.0, 5.0, 5.0), ("a*b", "<x>", "_y_"), 2.0),  # a tie at the top; labels Markdown would eat
    QuizView((0.95, 0.99, 0.98), (), -3.0),  # 'Explaining Softmax', at a negative β
    QuizView((3.0, -1.0, 0.5, 2.0, 2.0), (), math.inf),  # T = 0, a tie below the top
    QuizView((1000.0, 0.0, -1000.0), (), 0.0),  # extreme logits at T = ∞
    QuizView((1.0, 1.0, 1.0), (), 1.0),  # all equal
    QuizView(tuple(np.round(np.random.default_rng(7).normal(0, 3, 12), 2).tolist()), (), 0.5),  # K = 12
)
VIEWS = tuple(
    QuizView(v.logits, v.labels or tuple(f"class {i + 1}" for i in range(len(v.logits))), v.beta)
    for v in VIEWS
)


def _truths(question: model.Question) -> list[bool]:
    """For each option of a choice question: is its claim true? Computed here, independently of the
    question's own answer key, from the core and exact arithmetic."""
    scene = question.scene
    values = [option.value for option in question.options]
    kind = question.kind
    if kind == "winner_cold":
        truth = frozenset(np.flatnonzero(argmax_onehot(scene["z"]) > 0).tolist())
        return [value == truth for value in values]
    if kind == "winner_hot":
        p = softmax(scene["z"], temperature=math.inf)
        assert np.all(p == p[0])  # the exact uniform limit: every class equal
        return [value == frozenset(range(len(p))) for value in values]
    if kind == "winner_negative_beta":
        z, beta = scene["z"], scene["beta"]
        assert beta < 0
        p = softmax(z, beta=beta)
        truth = frozenset(np.flatnonzero(z == z.min()).tolist())  # e^(βz) with β < 0 is largest at min z
        assert frozenset(np.flatnonzero(p == p.max()).tolist()) == truth
        return [value == truth for value in values]
    if kind == "entropy_order":
        z = scene["z"]
        low, high = scene["temperatures"]
        h = {t: float(entropy(softmax(z, temperature=t))) for t in (low, high)}
        assert low < high and h[high] > h[low]  # for unequal logits, H grows strictly with T
        return [value == high if value != "same" else h[high] == h[low] for value in values]
    if kind == "shift":
        z, beta, c = scene["z"], scene["beta"], scene["shift"]
        before, after = softmax(z, beta=beta), softmax(z + c, beta=beta)
        claims = {
            "same": np.allclose(after, before, rtol=1e-9, atol=1e-15),
            "sharper": after.max() > before.max() + 1e-9,
            "grow": bool(np.all(after > before + 1e-12)),
            "shrink": bool(np.all(after < before - 1e-12)),
            "flatter": float(entropy(after)) > float(entropy(before)) + 1e-9,
        }
        return [claims[value] for value in values]
    if kind == "scale":
        z, t, c = scene["z"], scene["temperature"], scene["factor"]
        target = softmax(c * z, temperature=t)
        claims = {
            "divide": softmax(z, temperature=t / c),
            "multiply": softmax(z, temperature=t * c),
            "add": softmax(z + c, temperature=t),
        }
        return [bool(np.allclose(claims[value], target, rtol=1e-9, atol=1e-12)) for value in values]
    if kind == "top_p":
        z, beta, threshold = scene["z"], scene["beta"], scene["top_p"]
        kept = int(np.count_nonzero(sampler_probabilities(z, beta=beta, top_p=threshold)))
        # Independently: the smallest head of the sorted probabilities that reaches the threshold.
        p = np.sort(softmax(z, beta=beta))[::-1]
        assert kept == int(np.argmax(np.cumsum(p) >= threshold)) + 1
        return [value == kept for value in values]
    if kind == "explore":
        q = scene["q"]
        greedy = q == q.max()

        def exploring(policy):
            kind, value = policy
            if kind == "epsilon-greedy":  # Sutton & Barto §2.2: ε of the picks are uniform over all k arms
                return value * (len(q) - greedy.sum()) / len(q)
            return 1 - float(softmax(q, temperature=value)[greedy].sum())

        a, b = (exploring(policy) for policy in scene["policies"])
        for policy, share in zip(scene["policies"], (a, b), strict=True):
            keyword = {"tau": policy[1]} if policy[0] == "softmax" else {"epsilon": policy[1]}
            pi = action_probabilities(q, policy=policy[0], **keyword)
            assert math.isclose(1 - pi[greedy].sum(), share, rel_tol=1e-9, abs_tol=1e-12)
        more = scene["policies"][0] if a > b else scene["policies"][1]
        return [value == more if value != "same" else a == b for value in values]
    raise AssertionError(f"no check for {kind}")


def _number_truth(question: model.Question) -> float:
    """The right number of a number or guess question, from exact arithmetic or mpmath."""
    scene = question.scene
    if question.kind == "top_at_infinity":
        return float(Fraction(1, len(scene["z"])))
    if question.kind == "loss":
        return float(-mpmath.log(mpmath.mpf(scene["p"])))
    if question.kind == "ground_state":
        weights = [mpmath.exp(-mpmath.mpf(e) / mpmath.mpf(scene["kT"])) for e in scene["energies"]]
        return float(weights[0] / mpmath.fsum(weights))
    raise AssertionError(f"no check for {question.kind}")


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: ",".join(map(str, v.logits))[:30] + f"@β={v.beta}")
def test_every_kind_has_exactly_one_right_answer_the_core_confirms(view):
    for seed in SEEDS:
        for kind in model.KINDS:
            question = model.question(kind, np.random.default_rng(seed), view)
            context = (kind, seed, question.prompt)
            if question.answer == "choice":
                truths = _truths(question)
                assert sum(truths) == 1, (*context, [o.text for o in question.options], truths)
                assert truths.index(True) == question.correct, context
                assert 2 <= len(question.options) <= 4, context
                assert len({option.text for option in question.options}) == len(question.options), context
                assert [question.is_right(i) for i in range(len(question.options))] == truths
            else:
                truth = _number_truth(question)
                assert math.isclose(question.correct, truth, rel_tol=1e-12, abs_tol=1e-15), context
                assert question.is_right(truth) and not question.is_right(None), context
                assert not question.is_right(truth + 2.01 * question.tolerance), context
                assert not question.is_right(truth - 2.01 * question.tolerance), context
                # One answer, not a range that also holds the obvious wrong ones.
                assert question.tolerance < truth / 2, context
                if question.answer == "guess":
                    assert question.low <= truth <= question.high and not question.is_right(question.start)


def test_a_round_is_eight_different_kinds_and_the_same_for_the_same_seed_and_view():
    view = VIEWS[0]
    first, again = model.make_round(4821, view), model.make_round(4821, view)
    assert first == again
    assert len(first) == model.ROUND_LENGTH == 8 and len({q.kind for q in first}) == 8
    assert model.make_round(4822, view) != first
    # The view is part of the round: other logits, other numbers in the questions.
    assert model.make_round(4821, VIEWS[6]) != first


def test_rounds_cover_every_kind_over_a_few_seeds():
    kinds = {q.kind for seed in range(10) for q in model.make_round(seed, VIEWS[0])}
    assert kinds == set(model.KINDS)


def test_questions_use_the_view_where_it_suits_them():
    view = VIEWS[0]
    rng = np.random.default_rng(1)
    assert model.question("winner_cold", rng, view).scene["z"].tolist() == [2.0, 1.0, 0.1]
    loss = model.question("loss", np.random.default_rng(3), view)
    assert loss.scene["label"] in view.labels  # p of one of the view's classes at its temperature
    p = softmax(view.z, beta=view.beta)
    assert any(math.isclose(loss.scene["p"], float(f"{x:.3g}")) for x in p)


def test_a_variation_is_the_same_kind_on_other_logits_and_new_each_attempt():
    view = VIEWS[0]
    first = model.variation(11, 2, 1, "winner_cold", view)
    second = model.variation(11, 2, 2, "winner_cold", view)
    assert first.kind == second.kind == "winner_cold"
    assert first.scene["z"].tolist() != list(view.logits)
    assert first.prompt != second.prompt
    assert model.variation(11, 2, 1, "winner_cold", view) == first  # the same after a reload


def test_checking_answers():
    question = model.question("top_at_infinity", np.random.default_rng(0), VIEWS[0])
    assert question.is_right(1 / 3) and question.is_right(0.333) and question.is_right(0.33)
    assert not question.is_right(0.3) and not question.is_right(math.nan) and not question.is_right(None)
    assert question.answer_text() == "0.3333"
    choice = model.question("winner_cold", np.random.default_rng(0), VIEWS[0])
    assert choice.answer_text() == "all of it to cat"
    assert choice.answer_text(given=(choice.correct + 1) % len(choice.options)) != choice.answer_text()


def test_user_labels_are_escaped_in_every_text():
    view = VIEWS[1]  # labels a*b, <x>, _y_
    for kind in model.KINDS:
        question = model.question(kind, np.random.default_rng(5), view)
        texts = [question.prompt, question.why, *(option.markdown for option in question.options)]
        for text in texts:
            assert "<x>" not in text and "a*b" not in text and " _y_" not in text, (kind, text)


def test_progress_through_a_round_scores_first_answers_and_varies_a_missed_one():
    view = VIEWS[0]
    questions = model.make_round(9, view)
    progress = Progress(seed=9)
    right = questions[0]
    wrong = questions[1]
    progress = progress.answer(right, right.correct).next()
    bad = (wrong.correct + 1) % len(wrong.options) if wrong.answer == "choice" else wrong.correct + 1
    progress = progress.answer(wrong, bad)
    assert progress.revealed and progress.position == 2 and progress.score == 1
    progress = progress.next().vary(1, view)
    assert progress.practice is not None and progress.practice.question.kind == wrong.kind
    assert progress.practice_of == 1 and progress.score == 1  # practice is not scored
    again = progress.vary(1, view)
    assert again.practice.question != progress.practice.question
    answered = progress.answer_practice(progress.practice.question.correct)
    assert answered.practice.right and answered.score == 1
    assert answered.close_practice().practice is None


def test_new_seeds_are_in_the_parameter_range():
    rng = np.random.default_rng(0)
    assert all(0 <= model.new_seed(rng) <= model.MAX_SEED for _ in range(100))
