"""The Distillation page's model: the split, the teacher and students it trains, and what it says about them.

One teacher (seed 0) is trained for the module: about 2 s on one core.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.common.scales import T_MIN
from lessons.distillation import model
from lessons.distillation.model import HARD, Outcome, Recipe, Scores, Settings
from softmax_core import softmax

SEED, SIZE = 0, 50
DEFAULT = Settings(SEED, SIZE, 0.5, True, 4.0)


@pytest.fixture(scope="module")
def teacher():
    return model.train_teacher(SEED)


@pytest.fixture(scope="module")
def trained(teacher):
    """Outcomes by (recipe, omit), trained on demand and kept for the module."""
    cache: dict[tuple[Recipe, int | None], Outcome] = {}

    def outcome(recipe: Recipe, omit: int | None = None) -> Outcome:
        if (recipe, omit) not in cache:
            student = model.train_one(SEED, teacher, SIZE, recipe, omit)
            cache[recipe, omit] = model.outcome(SEED, student)
        return cache[recipe, omit]

    return outcome


def test_the_split_is_seeded_disjoint_and_standardised_by_the_training_digits():
    data = model.split(SEED)
    assert data.x_train.shape == (1000, 64) and data.x_test.shape == (797, 64)
    assert data.images_test.shape == (797, 8, 8)
    # Standardised by the training digits: mean 0, spread 1 (blank pixels stay 0).
    np.testing.assert_allclose(data.x_train.mean(axis=0), 0, atol=1e-12)
    spreads = data.x_train.std(axis=0)
    assert np.all(np.isclose(spreads, 1) | (spreads == 0))
    again, other = model.split(SEED), model.split(1)
    np.testing.assert_array_equal(again.y_test, data.y_test)
    assert not np.array_equal(other.y_test, data.y_test)
    # Every digit has at least MAX_EXAMPLE test images, so any example number in the link exists.
    assert np.bincount(data.y_test, minlength=10).min() >= model.MAX_EXAMPLE


def test_the_teacher_is_far_better_than_chance(teacher):
    scores = model.teacher_scores(SEED, teacher)
    assert scores.accuracy > 0.95 and scores.count == 797


def test_a_student_distilled_at_some_temperature_beats_the_hard_label_student(trained):
    # The claim, on a fixed seed: the same 50 digits, soft targets at a T above 1 teach more.
    hard = trained(HARD).scores
    distilled = {t: trained(Recipe(t, 1.0)).scores for t in (2.0, 5.0, 20.0)}
    best = max(distilled.values(), key=lambda s: s.accuracy)
    assert best.accuracy > hard.accuracy + 0.08
    assert best.nll < hard.nll
    # At T = 1 the soft targets are nearly the labels: most of the gain needs a higher T.
    assert trained(Recipe(1.0, 1.0)).scores.accuracy < best.accuracy - 0.05


def test_a_digit_left_out_is_learnt_from_the_soft_targets_alone(trained):
    # Hinton et al. §3, the omitted 3s: on hard labels the student never predicts a 3.
    assert trained(HARD, omit=3).digit_accuracy[3] == 0
    assert trained(Recipe(1.0, 1.0), omit=3).digit_accuracy[3] < 0.2
    assert trained(Recipe(5.0, 1.0), omit=3).digit_accuracy[3] > 0.6


def test_without_t_squared_a_hot_mix_falls_back_to_the_hard_labels(trained):
    hard = trained(HARD).scores.accuracy
    plain = trained(Recipe(50.0, 0.5, t_squared=False)).scores.accuracy
    with_factor = trained(Recipe(50.0, 0.5)).scores.accuracy
    assert abs(plain - hard) < 0.02
    assert with_factor > hard + 0.08


def test_gradient_norms_show_the_soft_term_fading_as_one_over_t_squared_without_the_factor(teacher):
    norms = model.gradient_norms(SEED, teacher, SIZE)
    temperatures = norms.temperatures
    # The two differ by exactly the factor T² …
    np.testing.assert_allclose(norms.soft_with, norms.soft_without * temperatures**2, rtol=1e-12)
    # … the factor keeps the soft gradient's size at large T; without it, it falls ~100-fold a decade.
    hot = temperatures >= 10
    assert norms.soft_with[hot].max() / norms.soft_with[hot].min() < 1.2
    ten, hundred = (np.argmin(np.abs(temperatures - t)) for t in (10, 100))
    assert norms.soft_without[ten] / norms.soft_without[hundred] == pytest.approx(100, rel=0.2)
    assert norms.hard > 0


@pytest.mark.parametrize(
    ("temperature", "beta", "expected", "note"),
    [
        (4.0, 0.25, 4.0, None),
        (0.0, math.inf, T_MIN, "At T = 0"),
        (math.inf, 0.0, math.inf, "At T = ∞"),
        (-2.0, -0.5, 2.0, "|T| = 2"),
        (-0.0, -math.inf, T_MIN, "|T| = 0.01"),
    ],
)
def test_the_students_temperature_is_positive_and_a_note_says_when_it_is_not_the_shared_one(
    temperature, beta, expected, note
):
    used, why = model.distillation_temperature(temperature, beta)
    assert used == expected
    assert (why is None) if note is None else (note in why)


def test_examples_of_a_digit_come_surest_first(teacher):
    logits = teacher.logits(model.split(SEED).x_test)
    examples = model.examples_of(SEED, logits, 7)
    assert np.all(model.split(SEED).y_test[examples] == 7)
    sureness = softmax(logits[examples], axis=1)[:, 7]
    assert np.all(np.diff(sureness) <= 0)


def test_the_transfer_set_is_the_first_training_digits_without_the_omitted_one():
    labels = model.split(SEED).y_train
    np.testing.assert_array_equal(model.transfer_indices(SEED, 25), np.arange(25))
    kept = model.transfer_indices(SEED, 100, omit=3)
    assert 3 not in labels[kept] and len(kept) == 100 - np.sum(labels[:100] == 3)


def test_scores_of_hand_worked_logits():
    logits = np.array([[2.0, 0.0], [0.0, 1.0], [3.0, 0.0]])
    scores = Scores.of(logits, np.array([0, 1, 1]))
    expected_nll = (math.log1p(math.exp(-2)) + math.log1p(math.exp(-1)) + math.log1p(math.exp(3))) / 3
    assert (scores.accuracy, scores.errors, scores.count) == (2 / 3, 1, 3)
    assert scores.nll == pytest.approx(expected_nll, rel=1e-14)


def test_recipes_name_themselves_and_the_omitted_students_are_distinct():
    assert HARD.name == "hard labels only" and HARD.short == "hard labels"
    assert Recipe(4.0, 1.0).name == "soft targets at T = 4"
    assert Recipe(20.0, 0.5, t_squared=False).short == "both, T = 20, no T²"
    # The students without a digit: both curves over the whole sweep, whatever the slider's T, each distinct.
    omitted = model.omitted_recipes(DEFAULT)
    assert omitted == model.omitted_recipes(Settings(SEED, SIZE, 0.5, True, 1.0))
    assert [r.temperature for r in omitted["soft"]] == list(model.SWEEP_TEMPERATURES)
    flat = [recipe for line in omitted.values() for recipe in line]
    assert len(set(flat)) == len(flat) == 2 * len(model.SWEEP_TEMPERATURES)
    without = model.omitted_recipes(Settings(SEED, SIZE, 0.5, False, 4.0))
    assert all(not r.t_squared for r in without["both"])


def test_sweep_recipes_cover_every_temperature_for_both_curves():
    curves = model.sweep_recipes(0.25, t_squared=False)
    assert [r.temperature for r in curves["soft"]] == list(model.SWEEP_TEMPERATURES)
    assert all(r.alpha == 0.25 and not r.t_squared for r in curves["both"])
    flat = [outcome for recipes in curves.values() for outcome in recipes]
    assert model.regroup(curves, flat) == curves


def test_hintons_table_gives_their_errors_and_the_share_of_the_gap_closed():
    # Hinton et al. 2015, §3: 67, 146 and 74 test errors; (146 − 74)/(146 − 67) = 91 %.
    ours = [Scores(0.98, 14, 797, 0.1), Scores(0.8, 153, 797, 0.7), Scores(0.93, 56, 797, 0.2)]
    table = model.hinton_table(*ours)
    theirs, here = table.iloc[:, 0].tolist(), table.iloc[:, 1].tolist()
    assert theirs == ["67 errors", "146 errors", "74 errors", "91\u00a0%"]  # a no-break space
    assert here == ["14 errors", "153 errors", "56 errors", "70\u00a0%"]


def test_the_stories_carry_this_runs_numbers(trained):
    recipes = list(model.three_ways(4.0, 0.5, True))
    outcomes = [trained(r) for r in recipes]
    story = model.three_ways_story(DEFAULT, outcomes)
    assert model.percent(outcomes[1].scores.accuracy) in story and "50 digits" in story
    curves = model.omitted_recipes(DEFAULT)
    omitted = {meta: [trained(r, omit=3) for r in recipes] for meta, recipes in curves.items()}
    text = model.omitted_story(DEFAULT, 3, trained(HARD, omit=3), omitted)
    assert "none of the" in text and "877 of the 1,010 test 3s" in text and "98.6\u00a0%" in text
    best = model.digit_accuracies(omitted["soft"], 3).max()
    assert f"teach it {model.percent(best, 0)} of them" in text
    p_one = np.full(10, 1e-5)
    p_one[7] = 1 - 9e-5
    p_one[4] = 2e-5
    assert "the next digits, 4 and" in model.dark_knowledge_story(p_one, p_one, 7, 1.0)


def test_hintons_numbers_are_stated_with_their_citation():
    story = model.hinton_story(DEFAULT)
    assert "Hinton, Vinyals & Dean, *Distilling the Knowledge in a Neural Network*, 2015" in story
    assert "https://arxiv.org/abs/1503.02531" in story and "§3" in story
    assert "50 transfer digits" in story and "α = 0.5" in story
