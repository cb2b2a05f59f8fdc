"""The Exploration page's charts that depend on T, each a pure function of the temperature, β and the page's
settings: what ``ui.instant_chart.follow`` builds at the current stop of the slider and at its neighbours.

The agents use τ = |T| (``model.agent_temperature``). The testbed's curves and the one agent's trace come
from ``curves`` and ``traces``, the core's by default or the page's cached copies, so that a move of T runs
only the softmax agent again. Each chart has the same traces at every T (see ``figures``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import plotly.graph_objects as go

from lessons.exploration import figures, model
from lessons.exploration.model import Run, Study
from softmax_core.bandit import AgentTrace, Annealing, LearningCurves, agent_trace

Curves = Callable[[Run], LearningCurves]
Traces = Callable[[int, int, "float | Annealing"], AgentTrace]


class Temperature(Protocol):
    """The page's view or a stop of the slider: anything with the shared T and β."""

    @property
    def temperature(self) -> float: ...
    @property
    def beta(self) -> float: ...


def tau_of(at: Temperature) -> float:
    """The agents' τ at a view or a stop of the slider: |T| (``model.agent_temperature``)."""
    return model.agent_temperature(at.temperature, at.beta)


def run_curves(run: Run) -> LearningCurves:
    """The testbed's curves of ``run``, computed (the page passes a cached copy)."""
    return run.curves()


def softmax_agent(steps: int, seed: int, tau: float | Annealing) -> AgentTrace:
    """The one softmax agent's first ``steps`` steps on problem ``seed`` (the page passes a cached copy)."""
    return agent_trace(policy="softmax", tau=tau, steps=steps, seed=seed)


def learning(
    temperature: float, beta: float, *, epsilon: float, runs: int, kind: str, curves: Curves = run_curves
) -> go.Figure:
    """Figure 2.2's panel (``kind`` "reward" or "optimal"): softmax at τ = |T| beside ε-greedy and greedy."""
    jobs = model.learning_jobs(model.agent_temperature(temperature, beta), epsilon, runs, None)
    series = []
    for job in jobs:
        result = curves(job.run)
        curve = result.mean_reward if kind == "reward" else result.optimal_fraction
        series.append((job.meta, job.name, curve))
    return figures.learning_curves(series, kind=kind)


def study(temperature: float, beta: float, *, results: Study, reward_scale: float) -> go.Figure:
    """Figure 2.6 at reward scale σ (it does not depend on T), with the agents' τ = |T| marked."""
    return figures.parameter_study(
        results.taus, results.tau_rewards, results.epsilons, results.epsilon_rewards, best=results.best,
        current_tau=model.agent_temperature(temperature, beta), reward_scale=reward_scale,
    )  # fmt: skip


@dataclass(frozen=True)
class Agent:
    """The one agent's settings from the page: steps taken, problem (seed) and annealing schedule."""

    steps: int
    seed: int
    anneal: str = "off"
    anneal_to: float = 0.01
    anneal_steps: int = 200

    def trace(self, temperature: float, beta: float, traces: Traces = softmax_agent) -> AgentTrace:
        """Its trace at T: the same problem and luck at every T, at τ = |T| or annealed from it."""
        tau = model.agent_temperature(temperature, beta)
        annealing, _ = model.schedule(self.anneal, tau, self.anneal_to, self.anneal_steps)
        return traces(self.steps, self.seed, annealing or tau)


def _chosen(history: AgentTrace) -> int | None:
    return int(history.actions[-1]) if len(history.actions) else None


def estimates(temperature: float, beta: float, *, agent: Agent, traces: Traces = softmax_agent) -> go.Figure:
    """The one agent's estimates Q after its last step (the arm just pulled highlighted), beside q*."""
    history = agent.trace(temperature, beta, traces)
    return figures.estimates_chart(
        history.estimates[-1], history.true_values, history.counts[-1], chosen=_chosen(history)
    )


def policy(temperature: float, beta: float, *, agent: Agent, traces: Traces = softmax_agent) -> go.Figure:
    """softmax(Q/τ): the one agent's probabilities for its next step, at its current τ."""
    history = agent.trace(temperature, beta, traces)
    tau = float(history.temperatures[-1]) if history.temperatures is not None else math.nan
    return figures.policy_chart(history.probabilities[-1], chosen=_chosen(history), tau=tau)


def rewards(temperature: float, beta: float, *, agent: Agent, traces: Traces = softmax_agent) -> go.Figure:
    """The one agent's running average reward (and its τ when annealed) against the best arm's value."""
    history = agent.trace(temperature, beta, traces)
    best_value = float(history.true_values[history.best_arm])
    return figures.agent_history(history.rewards, best_value, history.temperatures)
