"""softmax_core.bandit: Sutton & Barto's 10-armed testbed, its policies, the one-agent trace, errors.

Reference shapes are Sutton & Barto, *Reinforcement Learning: An Introduction*, 2nd ed. (2018):
Figure 2.2 (greedy and ε-greedy on the 10-armed testbed), Figure 2.5 (the gradient bandit with and
without baseline, q* around +4) and Figure 2.6 (average reward over the first 1000 steps against
each method's parameter). The tolerances cover the seed-to-seed spread at the run counts used
(about ±0.03 in average reward and ±0.03 in the fraction optimal at 1000 runs).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from hypothesis.extra.numpy import arrays

from softmax_core import argmax_onehot, softmax
from softmax_core.bandit import (
    POLICIES,
    Annealing,
    LearningCurves,
    _draw,
    action_probabilities,
    agent_trace,
    testbed,
)

RUNS, STEPS = 1000, 1000  # the book's 1000 steps; half its 2000 runs keeps the suite fast


@pytest.fixture(scope="module")
def figure_2_2():
    """The Figure 2.2 experiment plus two softmax agents, all on the same 1000 problems (seed 0)."""
    return {
        "greedy": testbed(policy="greedy", runs=RUNS, steps=STEPS),
        "epsilon 0.1": testbed(policy="epsilon-greedy", epsilon=0.1, runs=RUNS, steps=STEPS),
        "epsilon 0.01": testbed(policy="epsilon-greedy", epsilon=0.01, runs=RUNS, steps=STEPS),
        "softmax 0.2": testbed(policy="softmax", tau=0.2, runs=RUNS, steps=STEPS),
        "softmax 1": testbed(policy="softmax", tau=1.0, runs=RUNS, steps=STEPS),
    }


def _late(curve: np.ndarray) -> float:
    """The last 100 steps' mean: 'at the end' of a noisy curve."""
    return float(curve[-100:].mean())


# --- the testbed's known shape (Figure 2.2) -------------------------------------------------------


def test_greedy_levels_off_near_one_and_finds_the_best_arm_about_a_third_of_the_time(figure_2_2):
    # Figure 2.2: greedy's average reward levels off just above 1, optimal action about 1/3 of runs.
    greedy = figure_2_2["greedy"]
    assert greedy.average_reward == pytest.approx(1.0, abs=0.1)
    assert _late(greedy.mean_reward) == pytest.approx(1.05, abs=0.1)
    assert _late(greedy.optimal_fraction) == pytest.approx(1 / 3, abs=0.06)


def test_epsilon_greedy_climbs_to_about_1_3_and_80_percent_optimal(figure_2_2):
    # Figure 2.2, ε = 0.1: reward about 1.3-1.4 at the end, optimal action about 80 %.
    explorer = figure_2_2["epsilon 0.1"]
    assert explorer.average_reward == pytest.approx(1.3, abs=0.08)
    assert _late(explorer.mean_reward) == pytest.approx(1.35, abs=0.08)
    assert _late(explorer.optimal_fraction) == pytest.approx(0.8, abs=0.06)


def test_a_little_exploration_beats_none_and_more_beats_a_little_early(figure_2_2):
    # Figure 2.2: ε = 0.01 improves slowly, ending between greedy and ε = 0.1 in % optimal.
    greedy, slow, fast = (figure_2_2[name] for name in ("greedy", "epsilon 0.01", "epsilon 0.1"))
    assert _late(greedy.optimal_fraction) < _late(slow.optimal_fraction) < _late(fast.optimal_fraction)


def test_softmax_at_tau_0_2_earns_more_than_epsilon_greedy(figure_2_2):
    assert figure_2_2["softmax 0.2"].average_reward > figure_2_2["epsilon 0.1"].average_reward + 0.03


def test_softmax_at_tau_1_explores_so_much_it_earns_less_than_greedy(figure_2_2):
    assert figure_2_2["softmax 1"].average_reward < figure_2_2["greedy"].average_reward - 0.1


def test_every_agent_starts_at_random_and_improves(figure_2_2):
    # Step 1: every estimate is 0, so every policy picks uniformly: about 1/k optimal, reward ≈ 0.
    for curves in figure_2_2.values():
        assert curves.optimal_fraction[0] == pytest.approx(0.1, abs=0.04)
        assert curves.mean_reward[0] == pytest.approx(0.0, abs=0.15)
        assert _late(curves.mean_reward) > curves.mean_reward[:10].mean() + 0.4


def test_parameter_study_peaks_at_an_intermediate_temperature():
    # Figure 2.6's inverted U, for softmax: too cold and too hot both earn less than τ ≈ 0.2.
    rewards = {
        tau: testbed(policy="softmax", tau=tau, runs=300, steps=STEPS).average_reward
        for tau in (0.02, 0.2, 2.0)
    }
    assert rewards[0.2] > rewards[0.02] + 0.1
    assert rewards[0.2] > rewards[2.0] + 0.5


# --- the result -----------------------------------------------------------------------------------


def test_curves_have_one_value_per_step_and_are_read_only():
    curves = testbed(policy="softmax", tau=0.2, runs=20, steps=30)
    assert isinstance(curves, LearningCurves)
    for curve in (curves.mean_reward, curves.optimal_fraction):
        assert curve.shape == (30,) and curve.dtype == np.float64
        with pytest.raises(ValueError, match="read-only"):
            curve[0] = 1.0
    assert np.all((curves.optimal_fraction >= 0) & (curves.optimal_fraction <= 1))
    # With 20 runs the fraction optimal is a count of 20.
    np.testing.assert_array_equal(curves.optimal_fraction * 20, np.round(curves.optimal_fraction * 20))
    assert curves.average_reward == pytest.approx(curves.mean_reward.mean(), rel=1e-15)


@pytest.mark.parametrize(
    "parameters",
    [
        {"policy": "softmax", "tau": 0.3},
        {"policy": "epsilon-greedy", "epsilon": 0.1},
        {"policy": "greedy"},
        {"policy": "gradient", "alpha": 0.1, "baseline": False},
    ],
)
def test_the_same_seed_gives_the_same_curves_and_another_seed_others(parameters):
    first, again = (testbed(runs=50, steps=100, seed=7, **parameters) for _ in range(2))
    np.testing.assert_array_equal(first.mean_reward, again.mean_reward)
    np.testing.assert_array_equal(first.optimal_fraction, again.optimal_fraction)
    other = testbed(runs=50, steps=100, seed=8, **parameters)
    assert not np.array_equal(first.mean_reward, other.mean_reward)


def test_one_run_of_the_testbed_is_the_agent_trace():
    trace = agent_trace(policy="softmax", tau=0.5, steps=200, seed=3)
    curves = testbed(policy="softmax", tau=0.5, runs=1, steps=200, seed=3)
    np.testing.assert_array_equal(curves.mean_reward, trace.rewards)
    np.testing.assert_array_equal(curves.optimal_fraction, trace.actions == trace.best_arm)


def test_the_vectorised_testbed_matches_a_plain_per_run_loop():
    # An independent implementation: the book's pseudo-code, one agent at a time, drawing arms with
    # rng.choice. Different random streams, so the curves agree within their standard error only.
    runs, steps, tau = 300, 200, 0.3
    rng = np.random.default_rng(12345)
    rewards = np.zeros((runs, steps))
    for run in range(runs):
        q_true = rng.standard_normal(10)
        estimates, counts = np.zeros(10), np.zeros(10)
        for t in range(steps):
            arm = rng.choice(10, p=softmax(estimates, temperature=tau))
            rewards[run, t] = q_true[arm] + rng.standard_normal()
            counts[arm] += 1
            estimates[arm] += (rewards[run, t] - estimates[arm]) / counts[arm]
    plain = rewards.mean()
    spread = rewards.mean(axis=1).std() / math.sqrt(runs)
    ours = testbed(policy="softmax", tau=tau, runs=runs, steps=steps, seed=1).average_reward
    assert abs(ours - plain) < 4 * math.sqrt(2) * spread


# --- limits and invariances -----------------------------------------------------------------------


def test_softmax_at_tau_zero_is_exactly_the_greedy_agent():
    greedy = testbed(policy="greedy", runs=200, steps=300, seed=5)
    for cold in (
        testbed(policy="softmax", tau=0.0, runs=200, steps=300, seed=5),
        testbed(policy="epsilon-greedy", epsilon=0.0, runs=200, steps=300, seed=5),
    ):
        np.testing.assert_array_equal(cold.mean_reward, greedy.mean_reward)
        np.testing.assert_array_equal(cold.optimal_fraction, greedy.optimal_fraction)


def test_softmax_approaches_greedy_as_tau_falls():
    greedy = testbed(policy="greedy", runs=300, steps=300, seed=2)
    gaps = [
        np.abs(
            testbed(policy="softmax", tau=tau, runs=300, steps=300, seed=2).mean_reward - greedy.mean_reward
        ).mean()
        for tau in (0.3, 0.03, 1e-4)
    ]
    assert gaps[0] > gaps[1] > gaps[2]
    assert gaps[2] < 0.01


def test_softmax_at_infinite_tau_chooses_uniformly_at_random():
    runs, steps = 2000, 100
    hot = testbed(policy="softmax", tau=math.inf, runs=runs, steps=steps, seed=4)
    # Uniform choice: P(optimal) = 1/k exactly; the fraction is a mean of runs·steps independent
    # Bernoulli(0.1) draws, standard error 0.3/sqrt(200000) ≈ 0.0007.
    assert hot.optimal_fraction.mean() == pytest.approx(0.1, abs=0.004)
    # Its reward averages q* over the arms, and E q* = 0; per run that mean has variance 1/k.
    assert hot.average_reward == pytest.approx(0.0, abs=4 * math.sqrt(0.1 / runs) + 0.01)
    # No learning: the late curve is no better than the early one.
    assert hot.optimal_fraction[-50:].mean() == pytest.approx(hot.optimal_fraction[:50].mean(), abs=0.01)
    huge = testbed(policy="softmax", tau=1e9, runs=runs, steps=steps, seed=4)
    assert huge.optimal_fraction.mean() == pytest.approx(0.1, abs=0.004)


def test_epsilon_one_chooses_uniformly_at_random():
    uniform = testbed(policy="epsilon-greedy", epsilon=1.0, runs=2000, steps=100, seed=4)
    assert uniform.optimal_fraction.mean() == pytest.approx(0.1, abs=0.004)


@pytest.mark.parametrize("scale", [4.0, 0.125])
def test_only_q_over_tau_matters_scaling_rewards_and_tau_together_changes_nothing(scale):
    # τ has the units of reward. Scaling by a power of 2 is exact in floating point, so the agents
    # make exactly the same choices and earn exactly `scale` times the reward.
    base = testbed(policy="softmax", tau=0.25, runs=200, steps=300, seed=6)
    scaled = testbed(policy="softmax", tau=0.25 * scale, reward_scale=scale, runs=200, steps=300, seed=6)
    np.testing.assert_array_equal(scaled.optimal_fraction, base.optimal_fraction)
    np.testing.assert_array_equal(scaled.mean_reward, scale * base.mean_reward)


def test_the_best_temperature_moves_with_the_reward_scale():
    # The Figure 2.6 lesson with rewards 10x larger: τ = 0.2 is now far too cold, τ = 2 is right.
    def reward(tau: float) -> float:
        return testbed(policy="softmax", tau=tau, reward_scale=10.0, runs=300, steps=500).average_reward

    assert reward(2.0) > reward(0.2) + 1.0


# --- the gradient bandit (Figure 2.5) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def figure_2_5():
    return {
        (alpha, baseline): testbed(
            policy="gradient", alpha=alpha, baseline=baseline, reward_shift=4.0, runs=RUNS, steps=STEPS
        )
        for alpha in (0.1, 0.4)
        for baseline in (True, False)
    }


def test_gradient_bandit_with_baseline_beats_without_at_q_star_around_4(figure_2_5):
    # Figure 2.5: with baseline about 80 % (α = 0.1) and 70 % (α = 0.4) optimal at the end;
    # without it about 50 % and 30 %.
    for alpha in (0.1, 0.4):
        assert (
            _late(figure_2_5[alpha, True].optimal_fraction)
            > _late(figure_2_5[alpha, False].optimal_fraction) + 0.2
        )
    assert _late(figure_2_5[0.1, True].optimal_fraction) == pytest.approx(0.82, abs=0.07)
    assert _late(figure_2_5[0.4, True].optimal_fraction) == pytest.approx(0.72, abs=0.07)
    assert _late(figure_2_5[0.1, False].optimal_fraction) == pytest.approx(0.5, abs=0.08)
    assert _late(figure_2_5[0.4, False].optimal_fraction) == pytest.approx(0.28, abs=0.08)


def test_gradient_bandit_with_baseline_ignores_a_shift_of_every_reward(figure_2_5):
    # softmax(H) is translation invariant, and R − R̄ does not change when every reward moves by 4;
    # without the baseline R itself drives the updates, so the shift changes what is learnt.
    unshifted = testbed(policy="gradient", alpha=0.1, runs=RUNS, steps=STEPS)
    assert _late(unshifted.optimal_fraction) == pytest.approx(
        _late(figure_2_5[0.1, True].optimal_fraction), abs=0.03
    )
    plain = testbed(policy="gradient", alpha=0.1, baseline=False, runs=RUNS, steps=STEPS)
    assert _late(plain.optimal_fraction) > _late(figure_2_5[0.1, False].optimal_fraction) + 0.1


def test_gradient_updates_follow_equation_2_12_by_hand():
    # Replay the trace with the book's update written out: H(a) += α(R − R̄)(1[a = A] − π(a)),
    # R̄ the mean of the earlier rewards (R̄_1 = R_1).
    alpha = 0.25
    trace = agent_trace(policy="gradient", alpha=alpha, steps=60, arms=4, seed=9, reward_shift=2.0)
    preferences = np.zeros(4)
    for t, (arm, reward) in enumerate(zip(trace.actions, trace.rewards, strict=True)):
        pi = softmax(preferences)
        np.testing.assert_allclose(trace.probabilities[t], pi, rtol=1e-12)
        earlier = trace.rewards[:t].mean() if t else reward
        preferences = preferences + alpha * (reward - earlier) * (np.eye(4)[arm] - pi)
        np.testing.assert_allclose(trace.estimates[t + 1], preferences, rtol=1e-10, atol=1e-12)
    # The update keeps Σ H = 0: Σ_a (1[a = A] − π(a)) = 0.
    assert abs(trace.estimates.sum(axis=1)).max() < 1e-12


def test_gradient_without_baseline_uses_the_raw_reward():
    alpha = 0.1
    trace = agent_trace(policy="gradient", alpha=alpha, baseline=False, steps=30, arms=3, seed=2)
    preferences = np.zeros(3)
    for arm, reward in zip(trace.actions, trace.rewards, strict=True):
        preferences = preferences + alpha * reward * (np.eye(3)[arm] - softmax(preferences))
    np.testing.assert_allclose(trace.estimates[-1], preferences, rtol=1e-10, atol=1e-12)


# --- the one-agent trace --------------------------------------------------------------------------


def test_trace_estimates_are_the_sample_averages_of_each_arms_rewards():
    trace = agent_trace(policy="softmax", tau=0.3, steps=400, seed=11)
    for arm in range(10):
        pulls = trace.actions == arm
        assert trace.counts[-1, arm] == pulls.sum()
        expected = trace.rewards[pulls].mean() if pulls.any() else 0.0
        assert trace.estimates[-1, arm] == pytest.approx(expected, rel=1e-12, abs=1e-12)
    # One pull a step, and the estimates start at 0.
    np.testing.assert_array_equal(trace.counts.sum(axis=1), np.arange(401))
    np.testing.assert_array_equal(trace.estimates[0], np.zeros(10))


def test_trace_probabilities_are_the_softmax_of_the_estimates_over_tau():
    trace = agent_trace(policy="softmax", tau=0.4, steps=50, seed=1)
    assert trace.temperatures is not None
    np.testing.assert_array_equal(trace.temperatures, np.full(51, 0.4))
    # The trace takes softmax's batch path, a 1-d vector its short-vector path: a few ulps apart.
    for t in range(51):
        np.testing.assert_allclose(
            trace.probabilities[t], softmax(trace.estimates[t], temperature=0.4), rtol=1e-14
        )


def test_a_longer_trace_begins_with_the_shorter_one():
    # What lets a page store only the seed and the number of steps: Step replays exactly.
    short = agent_trace(policy="softmax", tau=0.2, steps=37, seed=4)
    long = agent_trace(policy="softmax", tau=0.2, steps=137, seed=4)
    np.testing.assert_array_equal(long.actions[:37], short.actions)
    np.testing.assert_array_equal(long.rewards[:37], short.rewards)
    np.testing.assert_array_equal(long.estimates[:38], short.estimates)
    np.testing.assert_array_equal(long.probabilities[:38], short.probabilities)
    np.testing.assert_array_equal(long.true_values, short.true_values)


def test_a_trace_of_zero_steps_is_the_agent_before_it_starts():
    trace = agent_trace(policy="softmax", tau=0.2, steps=0, arms=5, seed=0)
    assert trace.actions.shape == (0,) and trace.rewards.shape == (0,)
    np.testing.assert_array_equal(trace.probabilities, np.full((1, 5), 0.2))
    assert trace.best_arm == int(np.argmax(trace.true_values))


@pytest.mark.parametrize("parameters", [{"policy": "greedy"}, {"policy": "softmax", "tau": 0.0}])
def test_greedy_breaks_ties_at_random(parameters):
    # Step 1: every estimate is 0, a tie of all 10 arms; a plain arg max would always pull arm 0.
    traces = [agent_trace(steps=2, seed=seed, **parameters) for seed in range(2000)]
    first = np.bincount([trace.actions[0] for trace in traces], minlength=10)
    # Uniform: each count is Binomial(2000, 0.1), 200 ± 13.4; 4.5 standard deviations either side.
    assert np.all(np.abs(first - 200) < 60), first
    # After a negative first reward the other nine arms (still at 0) tie: the second pull is one of them,
    # at random.
    unlucky = [trace for trace in traces if trace.rewards[0] < 0]
    assert all(trace.actions[1] != trace.actions[0] for trace in unlucky)
    second = np.bincount([(trace.actions[1] - trace.actions[0]) % 10 for trace in unlucky], minlength=10)
    expected = len(unlucky) / 9
    assert second[0] == 0 and np.all(np.abs(second[1:] - expected) < 4.5 * math.sqrt(expected)), second


def test_a_greedy_agent_only_ever_pulls_an_arm_that_looks_best():
    for seed in range(20):
        trace = agent_trace(policy="greedy", steps=100, seed=seed)
        looks_best = trace.estimates[:-1] == trace.estimates[:-1].max(axis=1, keepdims=True)
        assert looks_best[np.arange(100), trace.actions].all()
        assert trace.temperatures is None


def test_annealing_lowers_tau_step_by_step_and_the_trace_follows_it():
    schedule = Annealing(start=2.0, end=0.02, steps=100)
    trace = agent_trace(policy="softmax", tau=schedule, steps=300, seed=8)
    assert trace.temperatures is not None
    np.testing.assert_allclose(trace.temperatures[[0, 50, 100, 300]], [2.0, 0.2, 0.02, 0.02], rtol=1e-14)
    assert np.all(np.diff(trace.temperatures) <= 0)
    for t in (0, 10, 150):
        np.testing.assert_allclose(
            trace.probabilities[t], softmax(trace.estimates[t], temperature=trace.temperatures[t]), rtol=1e-14
        )
    curves = testbed(policy="softmax", tau=schedule, runs=300, steps=600, seed=8)
    fixed_hot = testbed(policy="softmax", tau=2.0, runs=300, steps=600, seed=8)
    # Cooling down, the annealed agent exploits what it learnt while hot.
    assert _late(curves.mean_reward) > _late(fixed_hot.mean_reward) + 0.5


def test_linear_annealing_reaches_zero_and_is_then_greedy():
    schedule = Annealing(start=1.0, end=0.0, steps=10, kind="linear")
    np.testing.assert_allclose(schedule.temperatures(12), [*np.linspace(1.0, 0.0, 11), 0.0], atol=1e-15)
    assert schedule.temperature(11) == 0.0 and schedule.temperature(1) == 1.0
    trace = agent_trace(policy="softmax", tau=schedule, steps=40, seed=3)
    np.testing.assert_array_equal(trace.probabilities[-1], argmax_onehot(trace.estimates[-1]))


# --- action probabilities -------------------------------------------------------------------------


def test_action_probabilities_by_hand():
    # softmax([1, 0.5, 0] / 0.5) = e^(2, 1, 0) / (e² + e + 1)
    weights = np.exp([2.0, 1.0, 0.0])
    np.testing.assert_allclose(
        action_probabilities([1.0, 0.5, 0.0], policy="softmax", tau=0.5), weights / weights.sum(), rtol=1e-15
    )
    # ε-greedy, two tied best arms of four: each (1 − ε)/2 + ε/4.
    np.testing.assert_allclose(
        action_probabilities([0.0, 2.0, 2.0, 1.0], policy="epsilon-greedy", epsilon=0.2),
        [0.05, 0.45, 0.45, 0.05],
        rtol=1e-15,
    )
    np.testing.assert_array_equal(action_probabilities([3.0, 1.0, 3.0], policy="greedy"), [0.5, 0.0, 0.5])
    np.testing.assert_array_equal(action_probabilities([5.0, 5.0], policy="gradient"), [0.5, 0.5])


finite_estimates = arrays(
    np.float64, hst.integers(1, 12), elements=hst.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
)


@settings(max_examples=60, deadline=None)
@given(finite_estimates, hst.floats(0, 1))
def test_every_policy_gives_a_distribution_over_the_arms(estimates, epsilon):
    for policy, parameters in (
        ("softmax", {"tau": 0.3}),
        ("epsilon-greedy", {"epsilon": epsilon}),
        ("greedy", {}),
        ("gradient", {}),
    ):
        p = action_probabilities(estimates, policy=policy, **parameters)
        assert p.shape == estimates.shape
        assert np.all(p >= 0)
        assert p.sum() == pytest.approx(1.0, abs=1e-12)
    explorer = action_probabilities(estimates, policy="epsilon-greedy", epsilon=epsilon)
    assert explorer.min() >= epsilon / estimates.size * (1 - 1e-12)


@settings(max_examples=60, deadline=None)
@given(finite_estimates)
def test_tau_to_zero_is_the_arg_max_and_tau_to_infinity_uniform(estimates):
    np.testing.assert_array_equal(
        action_probabilities(estimates, policy="softmax", tau=0), argmax_onehot(estimates)
    )
    np.testing.assert_array_equal(
        action_probabilities(estimates, policy="softmax", tau=math.inf),
        np.full(estimates.size, 1 / estimates.size),
    )
    # Approaching the limits: a tiny τ concentrates on the arg max, a huge τ flattens.
    spread = float(estimates.max() - estimates.min())
    cold = action_probabilities(estimates, policy="softmax", tau=1e-300)
    top = estimates.max()
    runner_up = estimates[estimates < top]
    # Concentrated once the gap to the runner-up is ≥ 40τ (e^−40 < 1e−17); a subnormal gap is not.
    if runner_up.size == 0 or top - runner_up.max() >= 40e-300:
        np.testing.assert_allclose(cold, argmax_onehot(estimates), atol=1e-12)
    hot = action_probabilities(estimates, policy="softmax", tau=1e300)
    np.testing.assert_allclose(hot, 1 / estimates.size, rtol=1e-12 + 10 * spread / 1e300)


# --- the sampler ----------------------------------------------------------------------------------


def test_the_sampler_draws_each_arm_with_its_probability():
    p = np.array([0.5, 0.0, 0.2, 0.3, 0.0])
    draws = 200_000
    columns = np.repeat(p[:, np.newaxis], draws, axis=1)
    arms = _draw(columns, np.random.default_rng(0).random(draws))
    frequencies = np.bincount(arms, minlength=5) / draws
    # Binomial standard error sqrt(p(1 − p)/n) ≤ 0.0012; arms of probability 0 are never drawn.
    np.testing.assert_allclose(frequencies, p, atol=0.005)
    assert frequencies[1] == 0 and frequencies[4] == 0


def test_the_sampler_never_draws_a_zero_probability_arm_even_at_the_top_of_the_uniform():
    # u · total can round up to the total; the last arm with p > 0 must still be the one drawn.
    p = np.array([[0.1], [0.7], [0.2], [0.0]])
    top = np.array([np.nextafter(1.0, 0.0)])
    assert _draw(p, top)[0] == 2
    assert _draw(p, np.array([0.0]))[0] == 0
    assert _draw(np.array([[0.0], [1.0]]), np.array([0.0]))[0] == 1


# --- errors ---------------------------------------------------------------------------------------

GOOD = {"policy": "softmax", "runs": 2, "steps": 3, "tau": 0.2}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tau": -0.1}, r"^tau must be ≥ 0 \(0 is greedy, inf is uniformly random\), got -0\.1\.$"),
        ({"tau": math.nan}, r"^tau is NaN \(not a number\); give a number\.$"),
        ({"tau": "0.2"}, r"^tau must be a real number, got '0\.2'\.$"),
        ({"tau": None}, r"^policy='softmax' needs tau, the temperature τ ≥ 0, e\.g\. tau=0\.2\.$"),
        ({"runs": 0}, r"^runs must be ≥ 1, got 0\.$"),
        ({"runs": 2.0}, r"^runs must be a whole number ≥ 1, got 2\.0\.$"),
        ({"runs": True}, r"^runs must be a whole number ≥ 1, got True\.$"),
        ({"steps": 0}, r"^steps must be ≥ 1, got 0\.$"),
        ({"steps": -5}, r"^steps must be ≥ 1, got -5\.$"),
        ({"arms": 0}, r"^arms must be ≥ 1, got 0\.$"),
        ({"seed": -1}, r"^seed must be ≥ 0, got -1\.$"),
        ({"seed": 1.5}, r"^seed must be a whole number ≥ 0, got 1\.5\.$"),
        (
            {"policy": "boltzmann"},
            r"^policy must be one of 'softmax', 'epsilon-greedy', 'greedy', 'gradient'; got 'boltzmann'\.$",
        ),
        ({"policy": None}, r"^policy must be one of .*; got None\.$"),
        (
            {"policy": "epsilon-greedy"},
            r"^policy='epsilon-greedy' needs epsilon, the exploration probability",
        ),
        (
            {"policy": "epsilon-greedy", "epsilon": 1.5},
            r"^epsilon must be a probability in \[0, 1\], got 1\.5\.$",
        ),
        ({"policy": "epsilon-greedy", "epsilon": -0.01}, r"^epsilon must be a probability in \[0, 1\]"),
        ({"policy": "epsilon-greedy", "epsilon": math.nan}, r"^epsilon is NaN"),
        (
            {"policy": "gradient"},
            r"^policy='gradient' needs alpha, the step size α > 0, e\.g\. alpha=0\.1\.$",
        ),
        (
            {"policy": "gradient", "alpha": 0.0},
            r"^alpha must be a step size > 0 and ≤ 1e\+100 \(e\.g\. 0\.1\), got 0\.0\.$",
        ),
        ({"policy": "gradient", "alpha": math.inf}, r"^alpha must be a step size > 0"),
        ({"policy": "gradient", "alpha": math.nan}, r"^alpha is NaN"),
        (
            {"policy": "gradient", "alpha": 0.1, "baseline": "yes"},
            r"^baseline must be True or False, got 'yes'\.$",
        ),
        ({"reward_scale": 0.0}, r"^reward_scale must be a standard deviation > 0 and ≤ 1e\+100, got 0\.0\.$"),
        ({"reward_scale": math.nan}, r"^reward_scale is NaN"),
        ({"reward_scale": math.inf}, r"^reward_scale must be a standard deviation > 0"),
        ({"reward_shift": math.inf}, r"^reward_shift must be a number between ±1e\+100, got inf\.$"),
        ({"reward_shift": math.nan}, r"^reward_shift is NaN"),
        # A parameter the policy does not use is still checked.
        ({"epsilon": 2.0}, r"^epsilon must be a probability in \[0, 1\]"),
    ],
)
def test_bad_input_raises_a_clear_value_error(changes, message):
    with pytest.raises(ValueError, match=message):
        testbed(**{**GOOD, **changes})


def test_agent_trace_refuses_the_same_bad_input_but_allows_zero_steps():
    with pytest.raises(ValueError, match=r"^steps must be ≥ 0, got -1\.$"):
        agent_trace(policy="greedy", steps=-1)
    with pytest.raises(ValueError, match=r"^tau must be ≥ 0"):
        agent_trace(policy="softmax", tau=-1.0, steps=3)
    with pytest.raises(ValueError, match=r"^policy must be one of"):
        agent_trace(policy="ucb", steps=3)


def test_action_probabilities_refuses_nan_estimates_and_bad_parameters():
    with pytest.raises(ValueError, match=r"^values contains NaN \(not a number\) at index 1; every entry"):
        action_probabilities([0.0, math.nan], policy="greedy")
    with pytest.raises(ValueError, match=r"^values is empty"):
        action_probabilities([], policy="greedy")
    with pytest.raises(ValueError, match=r"^policy='softmax' needs tau"):
        action_probabilities([0.0, 1.0], policy="softmax")
    with pytest.raises(ValueError, match=r"^tau must be a number here; an Annealing schedule needs the step"):
        action_probabilities([0.0, 1.0], policy="softmax", tau=Annealing(start=1.0, end=0.1, steps=10))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"start": 1.0, "end": 0.0, "steps": 10},
            r"^Annealing end must be a finite temperature > 0 \(an exponential",
        ),
        (
            {"start": -1.0, "end": 0.0, "steps": 10, "kind": "linear"},
            r"^Annealing start must be a finite temperature ≥ 0",
        ),
        ({"start": math.inf, "end": 0.1, "steps": 10}, r"^Annealing start must be a finite temperature"),
        ({"start": 1.0, "end": math.nan, "steps": 10}, r"^end is NaN"),
        ({"start": 1.0, "end": 0.1, "steps": 0}, r"^Annealing steps must be ≥ 1, got 0\.$"),
        (
            {"start": 1.0, "end": 0.1, "steps": 10, "kind": "cosine"},
            r"^kind must be 'exponential' or 'linear'",
        ),
    ],
)
def test_bad_annealing_schedules_are_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        Annealing(**arguments)


# --- no warnings, anywhere in range ----------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    policy=hst.sampled_from(POLICIES),
    tau=hst.sampled_from([0.0, 5e-324, 1e-300, 0.2, 1e300, math.inf]),
    epsilon=hst.floats(0, 1),
    alpha=hst.sampled_from([1e-300, 0.1, 1e100]),
    baseline=hst.booleans(),
    shift=hst.sampled_from([-1e100, 0.0, 4.0, 1e100]),
    scale=hst.sampled_from([1e-300, 1.0, 1e100]),
    arms=hst.integers(1, 12),
)
def test_any_valid_input_gives_finite_curves_without_warnings(
    policy, tau, epsilon, alpha, baseline, shift, scale, arms
):
    # Run with -W error: an overflow or invalid-value warning anywhere fails this test.
    curves = testbed(
        policy=policy,
        runs=3,
        steps=40,
        arms=arms,
        tau=tau,
        epsilon=epsilon,
        alpha=alpha,
        baseline=baseline,
        reward_shift=shift,
        reward_scale=scale,
        seed=1,
    )
    assert np.isfinite(curves.mean_reward).all()
    assert np.all((curves.optimal_fraction >= 0) & (curves.optimal_fraction <= 1))
    if arms == 1:
        np.testing.assert_array_equal(curves.optimal_fraction, 1.0)
