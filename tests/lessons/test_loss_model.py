"""The Loss page's model: its sweeps, the current state, its sentences and the check of a link's target."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from lessons.common.scales import BETA_OPTIONS
from lessons.loss import model, training
from lessons.loss.params import target_notice
from softmax_core import cross_entropy, softmax, squared_error, squared_error_grad

Z = np.array([2.0, 1.0, 0.1])
LABELS = ("cat", "dog", "bird")


# --- the loss over temperatures ---


def test_colder_is_better_for_the_arg_max_and_catastrophic_for_another_class():
    temperatures = model.temperatures_around(1.0)
    best, worse = (
        model.loss_over_temperature(Z, 0, temperatures),
        model.loss_over_temperature(Z, 2, temperatures),
    )
    assert np.all(np.diff(best) >= 0)  # loss rises with T for the arg max
    assert np.all(np.diff(worse) <= 0)  # and falls with T for the smallest logit
    # At T = 0.01 the loss of class 3 is about (2 − 0.1)/0.01 = 190 nats.
    assert worse[0] == pytest.approx(190.0, rel=1e-6)


def test_loss_over_temperature_is_the_core_cross_entropy_at_each_t():
    temperatures = model.temperatures_around(1.0)
    expected = [float(cross_entropy(Z, 1, temperature=t)) for t in temperatures[::40]]
    assert np.array_equal(model.loss_over_temperature(Z, 1, temperatures)[::40], expected)
    assert temperatures[0] == pytest.approx(0.01) and temperatures[-1] == pytest.approx(100)
    wide = model.temperatures_around(1e-5)
    assert wide[0] == pytest.approx(5e-6) and wide[-1] == pytest.approx(100)


def test_strongest_other_is_the_arg_max_or_the_runner_up():
    assert model.strongest_other(Z, 0) == 1
    assert model.strongest_other(Z, 2) == 0


@pytest.mark.parametrize(
    ("logits", "target", "cold"), [(Z, 0, 0.0), (Z, 2, math.inf), (np.array([5.0, 5, 1]), 1, math.log(2))]
)
def test_temperature_sweep_holds_both_curves_and_the_exact_cold_limit(logits, target, cold):
    sweep = model.temperature_sweep(logits, target, 0.3)
    assert sweep.other == model.strongest_other(logits, target)
    assert np.array_equal(sweep.losses, model.loss_over_temperature(logits, target, sweep.temperatures))
    assert np.array_equal(
        sweep.other_losses, model.loss_over_temperature(logits, sweep.other, sweep.temperatures)
    )
    assert sweep.cold_loss == cold  # 0 for the arg max, ∞ for a loser, log 2 for one of two tied winners


# --- cross-entropy beside squared error ---


def test_loss_family_sweeps_p_target_across_the_unit_interval():
    family = model.loss_family(Z, 2, 1.0)
    assert family.beta == 1.0
    assert family.p_target.min() == pytest.approx(1e-4, rel=0.05)
    assert family.p_target.max() == pytest.approx(1 - 1e-4, rel=1e-5)
    assert np.all(np.diff(family.p_target) > 0)
    assert np.allclose(family.cross_entropy, -np.log(family.p_target))
    # |∂CE/∂z_t| = β(1 − p_t): tends to β as p_t → 0 …
    assert np.allclose(family.gradient_cross_entropy, 1.0 - family.p_target)
    # … while the squared error's gradient vanishes there: the saturation the chart shows.
    assert family.gradient_squared_error[0] < 1e-3 < family.gradient_cross_entropy[0]


@pytest.mark.parametrize("beta", [1.0, 2.0, -0.5])
def test_loss_family_squared_error_and_its_gradient_follow_the_closed_form(beta):
    # Only the target's logit moves, so the others keep their shares q = softmax(z_others) of 1 − p_t:
    # SE = (1 − p_t)² (1 + Σq²), and by the core's formula |∂SE/∂z_t| = 2|β| p_t (1 − p_t)² (1 + Σq²).
    target = 1
    family = model.loss_family(Z, target, beta)
    q = softmax(np.delete(Z, target), beta=beta)
    spread = 1 + float(np.sum(q**2))
    rest = 1 - family.p_target
    np.testing.assert_allclose(family.squared_error, rest**2 * spread, rtol=1e-9)
    np.testing.assert_allclose(
        family.gradient_squared_error, 2 * abs(beta) * family.p_target * rest**2 * spread, rtol=1e-9
    )


def test_loss_family_uses_the_cores_squared_error():
    family = model.loss_family(Z, 0, 2.0)
    # Hand value through the closed form above at the family's middle point p_t = 1/2.
    middle = len(family.p_target) // 2
    assert family.p_target[middle] == pytest.approx(0.5)
    q = softmax(Z[1:], beta=2.0)
    assert family.squared_error[middle] == pytest.approx(0.25 * (1 + np.sum(q**2)), rel=1e-12)


@pytest.mark.parametrize("beta", [math.inf, -math.inf, 0.0])
def test_loss_family_falls_back_to_t_equal_1_at_the_limits(beta):
    assert model.loss_family(Z, 0, beta).beta == 1.0


@pytest.mark.parametrize("logits", [Z, np.array([1e308, -1e308, 0.0]), np.array([0.0, 0.0])])
@pytest.mark.parametrize("beta", [*BETA_OPTIONS, 1e-300, 1e300, 5e307, -5e307])
def test_family_drawn_at_says_whether_the_family_is_drawn_at_beta_itself(logits, beta):
    # The Loss page decides from it, at every stop of the slider, whether its note says "drawn at T = 1".
    assert model.family_drawn_at(logits, 1, beta) == (model.loss_family(logits, 1, beta).beta == beta)


def test_loss_family_survives_logits_at_the_float_limits():
    family = model.loss_family(np.array([1e308, -1e308, 0.0]), 2, 1.0)
    assert np.isfinite(family.cross_entropy).all() and family.p_target.max() > 0.99


def test_comparison_point_is_the_cores_values_at_the_current_beta_and_none_at_a_limit():
    now = model.current(Z, 1, 0.5)
    point = model.comparison_point(now, Z, 0.5, model.loss_family(Z, 1, 0.5))
    assert point == {
        "ce": float(cross_entropy(Z, 1, beta=0.5)),
        "se": float(squared_error(Z, 1, beta=0.5)),
        "grad_ce": abs(float(now.gradient[1])),
        "grad_se": abs(float(squared_error_grad(Z, 1, beta=0.5)[1])),
    }
    limit = model.current(Z, 1, math.inf)
    assert model.comparison_point(limit, Z, math.inf, model.loss_family(Z, 1, math.inf)) is None


# --- the current state and its words ---


def test_current_state_at_t0_with_a_losing_target_shows_the_direction_not_a_number():
    now = model.current(Z, 1, math.inf)
    assert now.loss == math.inf and not now.finite_gradient
    np.testing.assert_array_equal(now.direction, [1.0, -1.0, 0.0])
    assert "not a number" in model.gradient_note(now, math.inf)


def test_underflowed_probability_is_written_from_the_exact_loss():
    # mpmath: e^−800 = 3.66787458…e−348, below the smallest double, so p itself is 0.
    assert float(mpmath.exp(-800) * mpmath.mpf(10) ** 348) == pytest.approx(3.6679, abs=1e-4)
    assert model.p_text(0.0, 800.0) == "3.668e−348"
    assert model.p_text(0.0, math.inf) == "0"
    assert model.p_text(0.0, 1e300) == "e^−1e300"
    assert model.p_text(0.659, 0.417) == "0.659"


@pytest.mark.parametrize(
    ("logits", "target", "words"),
    [
        (Z, 0, "colder is better"),
        (np.array([3.0, 3, 1]), 0, "tends to log 2"),
        (Z, 2, "catastrophically worse"),
    ],
)
def test_temperature_story_follows_where_the_target_stands(logits, target, words):
    story = model.temperature_story(logits, LABELS, target, model.strongest_other(logits, target), 1.0)
    assert words in story and "log K = 1.099 nats" in story


def test_words_escape_user_labels():
    story = model.temperature_story(Z, ("*a*", "b", "c"), 0, 1, 1.0)
    assert r"\*a\*" in story and "*a*" not in story.replace(r"\*a\*", "")


def test_jacobian_note_says_why_a_tie_at_t0_is_not_drawn():
    assert "cells are empty" in model.jacobian_note(
        model.current(np.array([5.0, 5, 1]), 0, math.inf).jacobian, math.inf
    )
    assert "**symmetric**" in model.jacobian_note(model.current(Z, 0, 1.0).jacobian, 1.0)


def test_training_summary_before_and_after_steps():
    run = training.begin(Z, 2, 1.0)
    assert model.training_summary(run, LABELS).startswith("**Step 0:** loss 2.317 nats, p(bird) = 0.09857")
    after = training.step(run, 1.0, 3)
    summary = model.training_summary(after, LABELS)
    assert summary.startswith("**After 3 steps:** loss 2.317 →") and "| z at step 3 |" in summary
    assert model.training_summary(training.begin(Z, 2, math.inf), LABELS) == ""


# --- a link's target ---


@pytest.mark.parametrize("text", ["99", "abc", "class 1 ", "<script>"])
def test_a_target_that_is_no_class_is_named_with_the_classes_and_the_fallback(text):
    notice = target_notice(text, ("class 1", "class 2"))
    assert notice.startswith("target = `") and "was ignored" in notice
    assert "`class 1`, `class 2`" in notice and notice.endswith("The page uses `class 1`.")


@pytest.mark.parametrize("text", [None, "", "class 2", "x" * 65])
def test_a_class_an_empty_value_or_text_the_link_check_names_gives_no_second_notice(text):
    assert target_notice(text, ("class 1", "class 2")) is None
