"""The Exploration page's model: which testbed runs each chart needs, the study's best τ, and the stories."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from lessons.exploration import model, params
from lessons.exploration.model import Job, Run, Study
from softmax_core.bandit import Annealing, agent_trace, testbed


def test_a_run_is_the_core_testbed_at_the_pages_seed_and_length():
    run = Run("softmax", 50, tau=0.3, reward_scale=2.0)
    expected = testbed(
        policy="softmax", runs=50, steps=1000, seed=model.TESTBED_SEED, tau=0.3, reward_scale=2.0
    )
    np.testing.assert_array_equal(run.curves().mean_reward, expected.mean_reward)


def test_runs_are_cache_keys_equal_whatever_chart_asks_for_them():
    # The study at σ = 1 and the learning curves both need softmax at τ: one Run, one cached result.
    assert Run("softmax", 500, tau=0.2) == Run("softmax", 500, tau=0.2, reward_scale=1.0)
    assert hash(Run("softmax", 500, tau=Annealing(start=1.0, end=0.01, steps=200))) == hash(
        Run("softmax", 500, tau=Annealing(start=1.0, end=0.01, steps=200))
    )


def test_learning_curves_compare_softmax_epsilon_greedy_and_greedy_and_the_annealed_agent():
    jobs = model.learning_jobs(0.2, 0.1, 500, None)
    assert [job.meta for job in jobs] == ["softmax", "epsilon-greedy", "greedy"]
    assert jobs[0].run == Run("softmax", 500, tau=0.2)
    assert jobs[1].run == Run("epsilon-greedy", 500, epsilon=0.1)
    annealing = Annealing(start=0.2, end=0.01, steps=100)
    annealed = model.learning_jobs(0.2, 0.1, 500, annealing)[-1]
    assert annealed.meta == "annealed" and annealed.run.tau == annealing


def test_the_study_spans_every_reward_scale_on_one_tau_axis():
    taus, epsilons = model.study_jobs(200, 10.0)
    assert [job.run.tau for job in taus] == list(model.STUDY_TAUS)
    assert [job.run.epsilon for job in epsilons] == [1 / 128, 1 / 64, 1 / 32, 1 / 16, 1 / 8, 1 / 4]
    assert {job.run.reward_scale for job in taus + epsilons} == {10.0}
    assert len({job.meta for job in taus + epsilons}) == len(taus) + len(epsilons)
    # The best τ, about 0.2σ, lies a decade inside the axis at both ends of the reward-scale control.
    for scale in params.REWARD_SCALE.choices:
        assert model.STUDY_TAUS[0] * 10 <= 0.2 * scale <= model.STUDY_TAUS[-1] / 10


def test_gradient_jobs_are_figure_2_5():
    jobs = model.gradient_jobs(300)
    assert {(job.run.alpha, job.run.baseline) for job in jobs} == {
        (0.1, True),
        (0.4, True),
        (0.1, False),
        (0.4, False),
    }
    assert {job.run.reward_shift for job in jobs} == {4.0}


def _study(rewards, late_optimal=None) -> Study:
    taus = np.array(model.STUDY_TAUS)
    return Study(
        taus=taus,
        tau_rewards=np.asarray(rewards, dtype=float),
        tau_late_optimal=np.full(taus.size, 0.5) if late_optimal is None else np.asarray(late_optimal),
        epsilons=np.array(model.STUDY_EPSILONS),
        epsilon_rewards=np.ones(len(model.STUDY_EPSILONS)),
    )


def test_the_best_tau_is_the_one_earning_most_and_nearest_reads_the_log_axis():
    rewards = np.zeros(len(model.STUDY_TAUS))
    best = model.STUDY_TAUS.index(0.2)
    rewards[best] = 1.4
    study = _study(rewards)
    assert study.best_tau == 0.2 and study.best == best
    assert study.taus[study.nearest(0.02)] == 0.02
    assert (
        study.taus[study.nearest(3.0)] == 2.0
    )  # log-nearest: 3 is closer to 2 than to 5 by ratio (1.5 < 1.67)
    assert study.nearest(0.0) == 0 and study.nearest(math.inf) == len(model.STUDY_TAUS) - 1


@pytest.mark.parametrize(
    ("tau", "expected"),
    [(0.0, "too cold"), (0.05, "too cold"), (0.07, "about right"), (0.2, "about right"), (0.6, "about right"),
     (0.61, "too hot"), (math.inf, "too hot")],
)  # fmt: skip
def test_verdict_is_within_a_factor_of_three_of_the_best(tau, expected):
    assert model.verdict(tau, 0.2) == expected


def test_annealing_starts_from_the_current_t_or_says_why_not():
    assert model.schedule("off", 1.0, 0.01, 200) == (None, None)
    annealing, why_not = model.schedule("exponential", 1.0, 0.01, 200)
    assert annealing == Annealing(start=1.0, end=0.01, steps=200, kind="exponential") and why_not is None
    assert model.schedule("linear", 0.5, 0.01, 50)[0].kind == "linear"
    for temperature in (0.0, math.inf):
        annealing, why_not = model.schedule("exponential", temperature, 0.01, 200)
        assert annealing is None and "finite and above 0" in why_not


def test_agent_temperature_reads_a_negative_t_as_its_size():
    assert model.agent_temperature(0.5, 2.0) == 0.5
    assert model.agent_temperature(-0.5, -2.0) == 0.5
    assert model.agent_temperature(-0.0, -math.inf) == 0.0


def test_the_temperature_story_quotes_the_studys_numbers():
    # τ = 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50
    rewards = [0.99, 1.0, 1.0, 1.0, 1.01, 1.1, 1.24, 1.39, 1.2, 0.79, 0.43, 0.18, 0.08, 0.04, 0.01]
    late_optimal = [0.33, 0.34, 0.34, 0.34, 0.35, 0.4, 0.6, 0.76, 0.6, 0.32, 0.2, 0.15, 0.12, 0.11, 0.1]
    study = _study(rewards, late_optimal)
    now = testbed(policy="softmax", tau=1.0, runs=20, steps=1000)
    story = model.temperature_story(1.0, now, study, 1.0)
    assert "**Too cold** (τ = 0.02)" in story and "earns 1.01 a step" in story and "35\u00a0%" in story
    assert "**Too hot** (τ = 2)" in story and "earns 0.43 a step" in story and "20\u00a0%" in story
    assert "only 0.5 after dividing by τ" in story  # σ/τ = 1/2
    assert "(τ = 0.2, the best of the study)" in story and "earns 1.39 a step" in story
    assert f"is too hot: it earns {model.reward(now.average_reward)} a step" in story
    assert "greedy" in model.temperature_story(0.0, now, study, 1.0)
    assert "uniformly at random" in model.temperature_story(math.inf, now, study, 1.0)


def test_the_agent_story_names_the_last_arm_its_probability_and_the_move_of_its_estimate():
    assert "**Step 0.**" in model.agent_story(agent_trace(policy="softmax", tau=0.2, steps=0))
    trace = agent_trace(policy="softmax", tau=0.2, steps=40, seed=3)
    story = model.agent_story(trace)
    arm = int(trace.actions[-1])
    assert story.startswith(f"**Step 40.** The agent drew arm {arm + 1} ")  # arms are numbered from 1
    probability = re.search(r"it had probability ([0-9.]+)", story).group(1)
    assert float(probability) == pytest.approx(trace.probabilities[-2][arm], abs=6e-4)
    assert (
        f"moved from {model.reward(trace.estimates[-2][arm])} to {model.reward(trace.estimates[-1][arm])}"
        in story
    )
    assert f"the best arm is {trace.best_arm + 1} " in story


def test_numbers_read_as_the_page_writes_them():
    assert model.reward(1.0004) == "1.00" and model.reward(-0.25) == "−0.25"
    assert model.percent(0.384) == "38\u00a0%"
    assert model.thousands(2000) == "2,000"
    assert model.late(np.r_[np.zeros(900), np.ones(100)]) == 1.0


def test_every_job_of_a_chart_has_a_distinct_trace_id():
    for jobs in (
        model.learning_jobs(0.2, 0.1, 100, Annealing(start=0.2, end=0.01, steps=100)),
        sum(model.study_jobs(100, 1.0), ()),
        model.gradient_jobs(100),
    ):
        assert all(isinstance(job, Job) for job in jobs)
        assert len({job.meta for job in jobs}) == len(jobs)


def test_the_best_tau_moves_with_the_reward_scale():
    # The page's lesson, on its own τ axis: rewards 100x larger, best τ about 100x larger.
    best = {}
    for scale in (0.1, 10.0):
        taus, _ = model.study_jobs(200, scale)
        best[scale] = model.STUDY_TAUS[int(np.argmax([job.run.curves().average_reward for job in taus]))]
    assert 20 <= best[10.0] / best[0.1] <= 500


def test_the_learning_and_gradient_stories_quote_the_curves():
    ones, halves = (np.full(1000, value) for value in (1.0, 0.5))
    curves = {
        name: testbed(policy=policy, runs=20, steps=1000, **extra)
        for name, policy, extra in (
            ("softmax", "softmax", {"tau": 0.2}),
            ("epsilon", "epsilon-greedy", {"epsilon": 0.1}),
            ("greedy", "greedy", {}),
        )
    }
    story = model.learning_story(0.2, 20, curves["softmax"], curves["epsilon"], curves["greedy"])
    assert f"softmax at τ = 0.2 earns {model.reward(curves['softmax'].average_reward)} a step" in story
    assert f"best arm in only {model.percent(model.late(curves['greedy'].optimal_fraction))} of" in story
    assert "the best τ is **0.5**" in model.study_story(2.0, 0.5) and "σ = 2" in model.study_story(2.0, 0.5)

    class Curves:  # the gradient story reads only the fraction optimal
        def __init__(self, fraction):
            self.optimal_fraction = fraction

    results = {
        job.meta: Curves(ones if "baseline" in job.meta else halves) for job in model.gradient_jobs(10)
    }
    story = model.gradient_story(results)
    assert "100\u00a0% of the time with the baseline and 50\u00a0% without it" in story


def test_the_annealing_story_says_whether_cooling_paid():
    annealing = Annealing(start=1.0, end=0.01, steps=200)
    hot = testbed(policy="softmax", tau=1.0, runs=50, steps=1000)
    annealed = testbed(policy="softmax", tau=annealing, runs=50, steps=1000)
    story = model.annealing_story(annealing, hot, annealed, 50)
    assert f"a constant τ = 1 earns {model.reward(hot.average_reward)} a step" in story
    assert "annealed τ 1 → 0.01 over 200 steps" in story and "Annealing pays here" in story
    assert "does not pay here" in model.annealing_story(annealing, annealed, hot, 50)
