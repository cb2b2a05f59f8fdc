"""The Loss page's training run (gradient descent on the logits), tested without Streamlit."""

from __future__ import annotations

import math

import hypothesis.strategies as hst
import numpy as np
import pytest
from hypothesis import given, settings

from lessons.loss import training
from softmax_core import cross_entropy, softmax

Z = np.array([2.0, 1.0, 0.1])


def test_one_step_is_z_minus_eta_beta_p_minus_onehot():
    start = training.begin(Z, 2, 2.0)
    after = training.step(start, 0.3)
    # By hand: β(p − onehot) at β = 2, target 3.
    p = softmax(Z, beta=2.0)
    expected = Z - 0.3 * 2.0 * (p - np.array([0.0, 0.0, 1.0]))
    assert np.allclose(after.current, expected, rtol=0, atol=1e-15)
    assert after.steps == 1 and after.losses[1] < after.losses[0]
    assert after.losses[1] == float(cross_entropy(after.current, 2, beta=2.0))


@settings(max_examples=60, deadline=None)
@given(
    logits=hst.lists(hst.floats(-20, 20), min_size=2, max_size=8),
    data=hst.data(),
    beta=hst.sampled_from([-3.0, -0.5, 0.2, 1.0, 5.0]),
    learning_rate=hst.sampled_from([float(x) for x in training.LEARNING_RATES]),
)
def test_training_steps_never_raise_the_loss(logits, data, beta, learning_rate):
    target = data.draw(hst.integers(0, len(logits) - 1))
    run = training.step(training.begin(np.array(logits), target, beta), learning_rate, 10)
    losses = np.array(run.losses)
    assert np.all(np.diff(losses) <= 1e-12 * (1 + losses[:-1]))
    assert np.all(np.diff(run.p_target) >= -1e-15)


def test_ten_steps_from_a_wrong_answer_lower_the_loss_a_lot():
    run = training.step(training.begin(Z, 2, 1.0), 1.0, 10)
    assert run.steps == 10
    assert run.losses[0] == pytest.approx(2.317, abs=1e-3)  # −log 0.09857
    assert run.losses[-1] < 0.1 and run.p_target[-1] > 0.9


@pytest.mark.parametrize("beta", [math.inf, -math.inf, 0.0])
def test_training_is_refused_at_the_exact_limits(beta):
    run = training.begin(Z, 1, beta)
    assert run.stopped
    assert training.step(run, 1.0, 10).steps == 0


def test_a_step_beyond_the_float_range_stops_training_with_a_reason():
    # Two tied logits near the float maximum at β = 1e307: the step ηβ(1 − p) = 5e307 overflows.
    run = training.step(training.begin(np.array([1.5e308, 1.5e308]), 0, 1e307), 10.0)
    assert run.steps == 0 and "floating-point" in run.stopped


def test_history_stops_at_its_limit():
    run = training.step(training.begin(Z, 1, 1.0), 0.01, training.MAX_STEPS + 5)
    assert run.steps == training.MAX_STEPS and "limit" in run.stopped


def test_starts_from_tells_a_stale_history():
    run = training.begin(Z, 1, 1.0)
    assert run.starts_from(Z.copy(), 1, 1.0)
    assert not run.starts_from(Z, 2, 1.0)
    assert not run.starts_from(Z, 1, 2.0)
    assert not run.starts_from(np.array([2.0, 1.0]), 1, 1.0)


def test_applied_logits_are_the_trained_ones_exactly():
    # Rounding to the sliders' 0.01 turned 0.2046 into 0.2 and moved p(target) off what training reached.
    assert training.applied_logits(np.array([0.2046, -0.004, 3.999])) == (0.2046, -0.004, 3.999)
    assert str(training.applied_logits(np.array([-0.0, 1.0]))[0]) == "0.0"  # no '-0' in the link


def test_learning_rate_must_be_positive():
    with pytest.raises(ValueError, match="learning_rate"):
        training.step(training.begin(Z, 0, 1.0), 0.0)


def test_logits_table_names_the_target_and_both_ends():
    run = training.step(training.begin(Z, 1, 1.0), 1.0, 3)
    table = training.logits_table(run, ("a", "b", "c"))
    assert list(table.index) == ["a", "b (target)", "c"]
    assert list(table.columns) == ["z at step 0", "z at step 3", "p at step 0", "p at step 3"]
    assert table.iloc[1, 0] == "1"


def test_steps_are_written_as_runs_of_one_learning_rate():
    run = training.begin(Z, 2, 1.0)
    assert training.runs_text(run) == ""
    run = training.step(training.step(training.step(run, 1.0, 10), 0.3, 2), 1.0)
    assert training.runs_text(run) == "10@1,2@0.3,1@1"
    assert training.parse_runs("10@1,2@0.3,1@1") == ((10, 1.0), (2, 0.3), (1, 1.0))


def test_replaying_the_runs_gives_the_very_same_history():
    run = training.step(training.step(training.begin(Z, 2, 1.0), 3.0, 4), 0.01, 3)
    again = training.replay(training.begin(Z, 2, 1.0), training.parse_runs(training.runs_text(run)))
    assert again.losses == run.losses and again.rates == run.rates
    assert all(np.array_equal(a, b) for a, b in zip(again.logits, run.logits, strict=True))


def test_a_replay_stops_where_training_stops():
    # At T = 0 no step can be taken: the replay takes none and says why.
    run = training.replay(training.begin(Z, 2, math.inf), ((5, 1.0),))
    assert run.steps == 0 and run.stopped and training.runs_text(run) == ""


@pytest.mark.parametrize(
    "text", ["", "abc", "0@1", "-1@1", "3@2", "1@nan", "1@inf", "10@1,", "1.5@1", "501@1", "250@1,251@0.1"]
)
def test_runs_that_cannot_be_replayed_are_refused_with_a_reason(text):
    with pytest.raises(ValueError, match=r"it must be|each run|at most 500"):
        training.parse_runs(text)
