"""The Exploration page's numbers: the testbed runs each chart needs, the parameter study and its best τ,
and the plain-words stories of the current run and of the one agent.

Pure (no Streamlit). Every chart is a list of `Job`s, each one call of the core's `testbed`; the page
caches `Job.run` and advances a progress bar between jobs. All runs share the seed `TESTBED_SEED`, so every
agent faces the same problems (common random numbers) and a link shows the same curves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lessons.common.text import escape_markdown, number
from softmax_core.bandit import AgentTrace, Annealing, LearningCurves, testbed

STEPS = 1000  # Sutton & Barto's 1000 steps of every run
ARMS = 10
TESTBED_SEED = 0
LATE_STEPS = 100  # "at the end" of a curve: the mean of its last 100 steps, less noisy than the last one

EPSILONS = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
RUN_COUNTS = (100, 200, 500, 1000, 2000)
REWARD_SCALES = (0.1, 0.3, 1.0, 3.0, 10.0)
MAX_AGENT_STEPS = 5000
AGENT_STEP_SIZES = (1, 100)  # the Step and Run 100 buttons
MAX_SEED = 2**32 - 1
ANNEAL_KINDS = ("off", "exponential", "linear")
ANNEAL_ENDS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1)
ANNEAL_LENGTHS = (50, 100, 200, 500, 1000)
# The study's τ axis, fixed for every reward scale so that the best τ visibly moves along it: 1-2-5 steps
# wide enough for σ = 0.1 (best τ ≈ 0.02) to σ = 10 (best τ ≈ 2) with a decade to spare on each side.
STUDY_TAUS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)
STUDY_EPSILONS = (1 / 128, 1 / 64, 1 / 32, 1 / 16, 1 / 8, 1 / 4)  # Figure 2.6's range of ε
GRADIENT_ALPHAS = (0.1, 0.4)
GRADIENT_SHIFT = 4.0  # Figure 2.5: true values around +4
# Within this factor of the best τ the agent is "about right"; beyond it too cold or too hot.
RIGHT_FACTOR = 3.0


def thousands(n: int) -> str:
    """A count as its control shows it (and the link carries it): 2,000."""
    return f"{n:,}"


def percent(fraction: float) -> str:
    """A fraction as a whole percentage: 0.384 → '38 %', with a no-break space that keeps the two together."""
    return f"{100 * fraction:.0f}\u00a0%"


def reward(value: float) -> str:
    """A reward with two decimals, as the charts' scale reads: 1.00, −0.25."""
    return f"{value:.2f}".replace("-", "−")


def late(curve: np.ndarray) -> float:
    """The mean of a curve's last `LATE_STEPS` steps: its value 'at the end'."""
    return float(np.mean(curve[-LATE_STEPS:]))


@dataclass(frozen=True)
class Run:
    """One testbed run of `STEPS` steps: what the page caches (its fields are the cache key)."""

    policy: str
    runs: int
    tau: float | Annealing | None = None
    epsilon: float | None = None
    alpha: float | None = None
    baseline: bool = True
    reward_shift: float = 0.0
    reward_scale: float = 1.0

    def curves(self) -> LearningCurves:
        return testbed(
            policy=self.policy,
            runs=self.runs,
            steps=STEPS,
            arms=ARMS,
            seed=TESTBED_SEED,
            tau=self.tau,
            epsilon=self.epsilon,
            alpha=self.alpha,
            baseline=self.baseline,
            reward_shift=self.reward_shift,
            reward_scale=self.reward_scale,
        )


@dataclass(frozen=True)
class Job:
    """A curve of a chart: a `Run`, its legend ``name`` and its trace id ``meta`` for the tests."""

    meta: str
    name: str
    run: Run


def agent_temperature(temperature: float, beta: float) -> float:
    """The τ the agents use: the shared T, read as |T| when it is negative (β < 0).

    A negative T would make softmax favour the arms that look *worst*; no learner does that.
    """
    return abs(temperature) if beta < 0 else temperature


def schedule(kind: str, start: float, end: float, length: int) -> tuple[Annealing | None, str | None]:
    """The annealing schedule from the current T down to ``end``, or None and why not."""
    if kind == "off":
        return None, None
    if not 0 < start < math.inf:
        return None, (
            f"Annealing starts from the current T, which must be finite and above 0 (it is {number(start)}); "
            "the agent keeps its constant T."
        )
    shape = "linear" if kind == "linear" else "exponential"
    return Annealing(start=start, end=end, steps=length, kind=shape), None


def schedule_text(annealing: Annealing) -> str:
    """'τ 1 → 0.01': where the schedule starts and ends."""
    return f"τ {number(annealing.start)} → {number(annealing.end)}"


def annealing_name(annealing: Annealing) -> str:
    return f"softmax, {schedule_text(annealing)}"


def learning_jobs(tau: float, epsilon: float, runs: int, annealing: Annealing | None) -> tuple[Job, ...]:
    """Figure 2.2's agents beside softmax at the current τ (and annealed from it, when asked)."""
    jobs = [
        Job("softmax", f"softmax, τ = {number(tau)}", Run("softmax", runs, tau=tau)),
        Job(
            "epsilon-greedy", f"ε-greedy, ε = {number(epsilon)}", Run("epsilon-greedy", runs, epsilon=epsilon)
        ),
        Job("greedy", "greedy", Run("greedy", runs)),
    ]
    if annealing is not None:
        jobs.append(Job("annealed", annealing_name(annealing), Run("softmax", runs, tau=annealing)))
    return tuple(jobs)


def study_jobs(runs: int, reward_scale: float) -> tuple[tuple[Job, ...], tuple[Job, ...]]:
    """Figure 2.6 for softmax and ε-greedy at reward scale σ: one job per τ, one per ε."""
    taus = tuple(
        Job(
            f"study-tau-{tau:g}",
            f"τ = {number(tau)}",
            Run("softmax", runs, tau=tau, reward_scale=reward_scale),
        )
        for tau in STUDY_TAUS
    )
    epsilons = tuple(
        Job(
            f"study-epsilon-{epsilon:g}",
            f"ε = {number(epsilon)}",
            Run("epsilon-greedy", runs, epsilon=epsilon, reward_scale=reward_scale),
        )
        for epsilon in STUDY_EPSILONS
    )
    return taus, epsilons


def gradient_jobs(runs: int) -> tuple[Job, ...]:
    """Figure 2.5: the gradient bandit at α = 0.1 and 0.4, with and without baseline, q* around +4."""
    return tuple(
        Job(
            f"gradient-{alpha:g}-{'baseline' if baseline else 'none'}",
            f"α = {number(alpha)}, {'with' if baseline else 'without'} baseline",
            Run("gradient", runs, alpha=alpha, baseline=baseline, reward_shift=GRADIENT_SHIFT),
        )
        for baseline in (True, False)
        for alpha in GRADIENT_ALPHAS
    )


@dataclass(frozen=True)
class Study:
    """The parameter study's results: average reward over the first 1000 steps per τ and per ε."""

    taus: np.ndarray
    tau_rewards: np.ndarray
    tau_late_optimal: np.ndarray
    epsilons: np.ndarray
    epsilon_rewards: np.ndarray

    @classmethod
    def of(cls, tau_curves: list[LearningCurves], epsilon_curves: list[LearningCurves]) -> Study:
        return cls(
            taus=np.array(STUDY_TAUS),
            tau_rewards=np.array([curves.average_reward for curves in tau_curves]),
            tau_late_optimal=np.array([late(curves.optimal_fraction) for curves in tau_curves]),
            epsilons=np.array(STUDY_EPSILONS),
            epsilon_rewards=np.array([curves.average_reward for curves in epsilon_curves]),
        )

    @property
    def best(self) -> int:
        """The index of the τ with the largest average reward."""
        return int(np.argmax(self.tau_rewards))

    @property
    def best_tau(self) -> float:
        return float(self.taus[self.best])

    def nearest(self, tau: float) -> int:
        """The index of the grid τ nearest to ``tau`` on the log axis (the ends for 0 and ∞)."""
        if tau <= 0:
            return 0
        if math.isinf(tau):
            return len(self.taus) - 1
        return int(np.argmin(np.abs(np.log(self.taus / tau))))


def verdict(tau: float, best_tau: float) -> str:
    """'too cold', 'too hot' or 'about right': the current τ against the study's best."""
    if tau < best_tau / RIGHT_FACTOR:
        return "too cold"
    if tau > best_tau * RIGHT_FACTOR:
        return "too hot"
    return "about right"


def temperature_story(tau: float, now: LearningCurves, study: Study, reward_scale: float) -> str:
    """What a too-cold and a too-hot agent do, in plain words, with the numbers of this run."""
    best = study.best
    cold = study.nearest(study.best_tau / 10)
    hot = study.nearest(study.best_tau * 10)

    def at(index: int) -> str:
        return (
            f"earns {reward(study.tau_rewards[index])} a step on average and is on the best arm "
            f"{percent(study.tau_late_optimal[index])} of the time at the end"
        )

    current = verdict(tau, study.best_tau)
    if tau == 0:
        current = "ice cold: the greedy agent"
    elif math.isinf(tau):
        current = "infinitely hot: it picks uniformly at random and never uses what it learns"
    return (
        f"**Too cold** (τ = {number(study.taus[cold])}): after a few rewards softmax(Q/τ) gives the arm that "
        "*looks* best nearly all the probability, so the agent stops trying the others and stays with an "
        f"early favourite that is often not the best arm. It {at(cold)}.\n\n"
        f"**Too hot** (τ = {number(study.taus[hot])}): the estimates differ by about σ = "
        f"{number(reward_scale)}, only {number(reward_scale / study.taus[hot], 2)} after dividing by τ, so "
        f"softmax keeps nearly every arm in play and the agent keeps paying for exploring. It {at(hot)}.\n\n"
        f"**In between** (τ = {number(study.best_tau)}, the best of the study) it {at(best)}.\n\n"
        f"**Your agent** (T = {number(tau)}) is {current}: it earns {reward(now.average_reward)} a step "
        f"on average and is on the best arm {percent(late(now.optimal_fraction))} of the time at the end."
    )


def agent_story(trace: AgentTrace) -> str:
    """The one agent's last step and where it stands, in plain words (arms numbered from 1)."""
    steps = len(trace.actions)
    best = trace.best_arm
    tau = trace.temperatures[-1] if trace.temperatures is not None else math.nan
    if steps == 0:
        return (
            f"**Step 0.** Every estimate is 0, so softmax gives each of the {len(trace.true_values)} arms "
            "the same probability. The diamonds are the arms' true values q*, hidden from the agent. "
            "Press **Step**."
        )
    arm = int(trace.actions[-1])
    chosen_with = float(trace.probabilities[-2][arm])
    before, after = float(trace.estimates[-2][arm]), float(trace.estimates[-1][arm])
    recent = trace.actions[-min(steps, LATE_STEPS) :]
    favourite = int(np.argmax(trace.estimates[-1]))
    favoured = float(trace.probabilities[-1][favourite])
    best_value = float(trace.true_values[best])
    recent_reward = float(np.mean(trace.rewards[-len(recent) :]))
    return (
        f"**Step {steps}.** The agent drew arm {arm + 1} (it had probability {number(chosen_with, 3)}) and "
        f"got {reward(float(trace.rewards[-1]))}; its estimate of that arm moved from "
        f"{reward(before)} to {reward(after)} ({int(trace.counts[-1][arm])} pulls). "
        f"It now favours arm {favourite + 1}, with probability {number(favoured, 3)} at τ = "
        f"{number(float(tau))}; the best arm is {best + 1} (q* = {reward(best_value)}). Over its last "
        f"{len(recent)} steps it chose the best arm {percent(float(np.mean(recent == best)))} of the time "
        f"and earned {reward(recent_reward)} a step."
    )


def job_label(job: Job) -> str:
    """The progress bar's text while ``job`` runs."""
    return (
        f"Running {thousands(job.run.runs)} agents for {thousands(STEPS)} steps: {escape_markdown(job.name)}"
    )


def annealing_story(
    annealing: Annealing, constant: LearningCurves, annealed: LearningCurves, runs: int
) -> str:
    """What annealing bought (or cost), over many agents: constant τ against the schedule starting from it."""
    numbers = (
        f"Over {thousands(runs)} agents and {thousands(STEPS)} steps, a constant τ = "
        f"{number(annealing.start)} earns {reward(constant.average_reward)} a step and ends on the best arm "
        f"{percent(late(constant.optimal_fraction))} of the time; annealed {schedule_text(annealing)} over "
        f"{thousands(annealing.steps)} steps it earns {reward(annealed.average_reward)} and ends on the best "
        f"arm {percent(late(annealed.optimal_fraction))} of the time."
    )
    if annealed.average_reward > constant.average_reward:
        return (
            numbers
            + " Annealing pays here: explore while the estimates are poor, exploit once they are good."
        )
    return numbers + (
        " Annealing does not pay here: the agent cools before its estimates are good and freezes on an early "
        "favourite. Start hotter, or cool more slowly."
    )


def learning_story(
    tau: float, runs: int, softmax: LearningCurves, epsilon_greedy: LearningCurves, greedy: LearningCurves
) -> str:
    """The learning curves in a few sentences, with this run's numbers."""
    return (
        f"Averaged over {thousands(runs)} problems, softmax at τ = {number(tau)} earns "
        f"{reward(softmax.average_reward)} a step over the {thousands(STEPS)} steps, ε-greedy "
        f"{reward(epsilon_greedy.average_reward)} and greedy {reward(greedy.average_reward)}. Greedy never "
        "explores: it settles on the first arm that pays well, which is the best arm in only "
        f"{percent(late(greedy.optimal_fraction))} of the problems. Move the temperature slider: too cold "
        "and softmax behaves like greedy, too hot and it keeps pulling bad arms."
    )


def study_story(reward_scale: float, best_tau: float) -> str:
    """What the parameter study shows: the best τ, and why it moves with σ while the best ε does not."""
    return (
        "Each point is the reward of the agents with that τ or ε, averaged over their first "
        f"{thousands(STEPS)} steps (Sutton & Barto's Figure 2.6). At σ = {number(reward_scale)} the best τ "
        f"is **{number(best_tau)}**. Change σ: the "
        "whole softmax curve slides along the τ axis with it, because τ has the units of reward and only Q/τ "
        "matters (the same lesson as *only z/T matters*). ε is a probability, without units: its best value "
        "stays put."
    )


def gradient_story(results: dict[str, LearningCurves]) -> str:
    """Why the baseline matters to the gradient bandit, with the end of each curve of Figure 2.5."""
    ends = {meta: percent(late(curves.optimal_fraction)) for meta, curves in results.items()}
    return (
        "Instead of estimating values, the gradient bandit learns a **preference** H(a) for each arm and "
        "chooses with π = softmax(H): the policy *is* a softmax (Sutton & Barto, §2.8, Figure 2.5). After "
        "each reward R it raises the chosen arm's preference and lowers the others in proportion to R − R̄, "
        "where the **baseline** R̄ is the average reward so far. Here every true value is around +4, so "
        "almost every reward is positive. Softmax ignores a shift of all preferences, but the updates do not "
        "ignore a shift of the rewards: without the baseline every pull looks good and raises whatever arm "
        f"was pulled. With α = 0.1 the agent ends on the best arm {ends['gradient-0.1-baseline']} of the "
        f"time with the baseline and {ends['gradient-0.1-none']} without it; with α = 0.4, "
        f"{ends['gradient-0.4-baseline']} and {ends['gradient-0.4-none']}."
    )
