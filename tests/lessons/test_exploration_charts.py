"""lessons.exploration.charts: the Exploration page's charts as functions of T, β and the page's settings,
as ``ui.instant_chart.follow`` builds them at the slider's stops."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.exploration import charts, model
from lessons.exploration.charts import Agent
from softmax_core.bandit import Annealing, agent_trace, testbed
from tests.lessons.traces import trace

RUNS = 20  # curves of 1000 steps over 20 problems: the charts' shape, fast
# (T, β) as the shared state holds them: the exact limits, a negative T (β < 0), ordinary ones.
STOPS = [(0.0, math.inf), (0.2, 5.0), (1.0, 1.0), (-0.5, -2.0), (math.inf, 0.0)]
AGENT = Agent(steps=30, seed=3, anneal="exponential", anneal_to=0.01, anneal_steps=20)


def study():
    tau_jobs, epsilon_jobs = model.study_jobs(RUNS, 1.0)
    return model.Study.of([job.run.curves() for job in tau_jobs], [job.run.curves() for job in epsilon_jobs])


def every_chart(temperature: float, beta: float, results: model.Study):
    return {
        "rewards": charts.learning(temperature, beta, epsilon=0.1, runs=RUNS, kind="reward"),
        "optimal": charts.learning(temperature, beta, epsilon=0.1, runs=RUNS, kind="optimal"),
        "study": charts.study(temperature, beta, results=results, reward_scale=1.0),
        "estimates": charts.estimates(temperature, beta, agent=AGENT),
        "policy": charts.policy(temperature, beta, agent=AGENT),
        "agent_history": charts.rewards(temperature, beta, agent=AGENT),
    }


def test_every_chart_has_the_same_traces_at_every_stop_so_the_browser_can_restyle_it():
    results = study()
    shapes = [
        {key: [(t.meta, t.type) for t in figure.data] for key, figure in every_chart(*stop, results).items()}
        for stop in STOPS
    ]
    assert all(shape == shapes[0] for shape in shapes[1:])


def test_the_softmax_curve_is_the_core_testbed_at_the_size_of_t():
    for temperature, beta, tau in [(0.2, 5.0, 0.2), (-0.5, -2.0, 0.5), (0.0, math.inf, 0.0)]:
        figure = charts.learning(temperature, beta, epsilon=0.1, runs=RUNS, kind="reward")
        expected = testbed(policy="softmax", tau=tau, runs=RUNS, steps=1000, seed=model.TESTBED_SEED)
        np.testing.assert_array_equal(trace(figure, "softmax").y, expected.mean_reward)
    optimal = charts.learning(1.0, 1.0, epsilon=0.05, runs=RUNS, kind="optimal")
    greedy = testbed(policy="epsilon-greedy", epsilon=0.05, runs=RUNS, steps=1000, seed=model.TESTBED_SEED)
    np.testing.assert_array_equal(trace(optimal, "epsilon-greedy").y, 100 * greedy.optimal_fraction)


def test_a_move_of_t_asks_the_cache_again_only_for_the_softmax_agent():
    asked = []

    def curves(run: model.Run):
        asked.append(run)
        return run.curves()

    for temperature in (0.2, 0.5):
        charts.learning(temperature, 1 / temperature, epsilon=0.1, runs=RUNS, kind="reward", curves=curves)
    assert len(set(asked)) == 4  # greedy and ε-greedy once each, softmax at both τ
    assert {run.tau for run in asked if run.policy == "softmax"} == {0.2, 0.5}


def test_the_study_marks_the_agents_tau_and_keeps_its_results_at_every_t():
    results = study()
    stops = [(2.0, 0.5), (-0.05, -20.0)]
    hot, cold = (charts.study(t, b, results=results, reward_scale=1.0) for t, b in stops)
    assert list(trace(hot, "current-tau").x) == [2.0, 2.0]
    assert list(trace(cold, "current-tau").x) == [0.05, 0.05]  # a negative T is read as |T|
    np.testing.assert_array_equal(trace(hot, "study-softmax").y, trace(cold, "study-softmax").y)


def test_the_one_agent_is_the_core_trace_annealed_from_the_size_of_t():
    history = AGENT.trace(-1.0, -1.0)
    expected = agent_trace(policy="softmax", tau=Annealing(start=1.0, end=0.01, steps=20), steps=30, seed=3)
    np.testing.assert_array_equal(history.probabilities, expected.probabilities)
    policy = charts.policy(-1.0, -1.0, agent=AGENT)
    np.testing.assert_array_equal(trace(policy, "policy").y, expected.probabilities[-1])
    estimates = charts.estimates(-1.0, -1.0, agent=AGENT)
    chosen = int(expected.actions[-1])
    colours = list(trace(estimates, "estimates").marker.color)
    assert colours.count(colours[chosen]) == 1  # the arm just pulled stands out


@pytest.mark.parametrize(("temperature", "beta"), [(0.0, math.inf), (math.inf, 0.0)])
def test_annealing_cannot_start_at_an_exact_limit_so_the_agent_keeps_its_constant_t(temperature, beta):
    history = AGENT.trace(temperature, beta)
    assert history.temperatures is not None
    np.testing.assert_array_equal(history.temperatures, temperature)


def test_tau_of_reads_a_negative_t_as_its_size():
    class Stop:
        temperature, beta = -0.25, -4.0

    assert charts.tau_of(Stop()) == 0.25
