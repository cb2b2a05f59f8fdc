r"""Softmax action selection on the k-armed bandit: Sutton & Barto's 10-armed testbed.

A k-armed bandit offers k actions (arms); pulling arm a pays a noisy reward whose mean
:math:`q_*(a)` the agent does not know. It keeps an estimate :math:`Q_t(a)` of each mean and must
trade *exploiting* the arm that looks best against *exploring* the others, whose estimates may be
wrong. Softmax (Boltzmann) action selection makes the trade with one knob, the temperature τ:

.. math:: \pi_t(a) = \frac{e^{Q_t(a)/\tau}}{\sum_{b=1}^{k} e^{Q_t(b)/\tau}}

τ → 0 is greedy (always the arm that looks best), τ → ∞ is uniformly random. τ has the units of
reward, so only :math:`Q/\tau` matters: rewards ten times larger need a τ ten times larger.

The testbed (Sutton & Barto 2018, §2.3): each *run* is a new problem, with true values
:math:`q_*(a) \sim \mathcal{N}(\mu, \sigma^2)` and rewards :math:`R_t \sim
\mathcal{N}(q_*(A_t), \sigma^2)` (μ = ``reward_shift``, σ = ``reward_scale``; the book's
μ = 0, σ = 1). The estimates are sample averages starting at 0,

.. math:: Q_{n+1} = Q_n + \frac{1}{n}\,(R_n - Q_n),

and the curves average the reward and the fraction of optimal actions at each step over the runs.
Every policy is written as a probability vector over the arms, and one sampler draws from it, so
the policies share one loop, vectorised over the runs:

- ``"softmax"``: :math:`\pi = \operatorname{softmax}(Q/\tau)`, through `softmax`, exact at τ = 0
  (the arg max, ties split equally, so a tie is broken at random) and at τ = ∞;
- ``"greedy"``: the arg max of Q, ties split equally;
- ``"epsilon-greedy"``: :math:`(1 - \varepsilon)\,\operatorname{argmax}(Q) + \varepsilon / k`;
- ``"gradient"``: the gradient bandit (§2.8), preferences H with :math:`\pi = \operatorname{softmax}(H)`.

Seeded: the same seed gives the same problems and the same curves, and two policies run with one
seed face the same true values q* (common random numbers), so their curves compare like with like.

References
----------
.. [1] R. S. Sutton, A. G. Barto, *Reinforcement Learning: An Introduction*, 2nd ed., MIT Press,
   2018, ch. 2 (§2.2–2.3 the testbed and Figure 2.2, §2.8 the gradient bandit and Figure 2.5,
   §2.10 the parameter study of Figure 2.6). http://incompleteideas.net/book/the-book-2nd.html
.. [2] J. S. Bridle, "Training stochastic model recognition algorithms as networks can lead to
   maximum mutual information estimation of parameters", NeurIPS 2, 1990 (the name "softmax").
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_logits, raise_nan
from ._typing import FloatArray
from .functions import softmax
from .limits import argmax_onehot

IntArray: TypeAlias = NDArray[np.intp]  # arm indices
CountArray: TypeAlias = NDArray[np.int64]  # how often each arm was pulled

__all__ = [
    "POLICIES",
    "AgentTrace",
    "Annealing",
    "LearningCurves",
    "action_probabilities",
    "agent_trace",
    "testbed",
]

#: The action-selection policies, by the names `testbed` and `agent_trace` take.
POLICIES = ("softmax", "epsilon-greedy", "greedy", "gradient")

# The largest step size and reward size accepted. The preferences H change by at most α·|R − R̄| a
# step, ≤ 1e100 · 1e102 here, so even a billion steps stay far below the float64 overflow at 1.8e308.
_LARGEST = 1e100

# The parameter each policy cannot run without, and how to give it.
_REQUIRED = {
    "softmax": ("tau", "the temperature τ ≥ 0, e.g. tau=0.2"),
    "epsilon-greedy": ("epsilon", "the exploration probability ε in [0, 1], e.g. epsilon=0.1"),
    "gradient": ("alpha", "the step size α > 0, e.g. alpha=0.1"),
}


# --- validation -----------------------------------------------------------------------------------


def _real(value: object, *, name: str) -> float:
    """``value`` as a float, never NaN; text, bools and other objects are refused."""
    if isinstance(value, str | bytes | bool | np.bool_) or not isinstance(value, numbers.Real):
        msg = f"{name} must be a real number, got {value!r}."
        raise ValueError(msg)
    number = float(value)
    if math.isnan(number):
        msg = f"{name} is NaN (not a number); give a number."
        raise ValueError(msg)
    return number


def _whole(value: object, *, name: str, minimum: int) -> int:
    """``value`` as an int ≥ ``minimum``; floats such as 10.0 are refused, as NumPy's shapes do."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        msg = f"{name} must be a whole number ≥ {minimum}, got {value!r}."
        raise ValueError(msg)
    if value < minimum:
        msg = f"{name} must be ≥ {minimum}, got {value}."
        raise ValueError(msg)
    return int(value)


def _tau(value: object) -> float:
    tau = _real(value, name="tau")
    if tau < 0:
        msg = f"tau must be ≥ 0 (0 is greedy, inf is uniformly random), got {tau!r}."
        raise ValueError(msg)
    return tau


def _epsilon(value: object) -> float:
    epsilon = _real(value, name="epsilon")
    if not 0 <= epsilon <= 1:
        msg = f"epsilon must be a probability in [0, 1], got {epsilon!r}."
        raise ValueError(msg)
    return epsilon


def _alpha(value: object) -> float:
    alpha = _real(value, name="alpha")
    if not 0 < alpha <= _LARGEST:
        msg = f"alpha must be a step size > 0 and ≤ {_LARGEST:g} (e.g. 0.1), got {alpha!r}."
        raise ValueError(msg)
    return alpha


def _policy(value: object) -> str:
    if not isinstance(value, str) or value not in POLICIES:
        names = ", ".join(repr(name) for name in POLICIES)
        msg = f"policy must be one of {names}; got {value!r}."
        raise ValueError(msg)
    return value


@dataclass(frozen=True)
class Annealing:
    r"""A temperature that falls over the steps: softmax action selection that explores, then settles.

    .. math::

        \text{exponential:}\quad \tau_t = \tau_\text{start}
            \left(\frac{\tau_\text{end}}{\tau_\text{start}}\right)^{\min((t-1)/n,\ 1)},
        \qquad
        \text{linear:}\quad \tau_t = \tau_\text{start}
            + (\tau_\text{end} - \tau_\text{start}) \min\!\left(\frac{t-1}{n}, 1\right)

    for the steps t = 1, 2, …: τ_1 = `start`, and from step n + 1 on (n = `steps`) τ stays at `end`.

    Parameters
    ----------
    start : float
        The temperature of the first step, finite and > 0 (≥ 0 for ``"linear"``).
    end : float
        The temperature from step n + 1 on, finite and > 0 (≥ 0 for ``"linear"``: 0 ends greedy).
    steps : int
        n ≥ 1, the number of steps the temperature takes to go from `start` to `end`.
    kind : {"exponential", "linear"}
        Exponential falls by the same factor every step (the usual annealing schedule); linear by
        the same amount.

    Raises
    ------
    ValueError
        If a temperature is negative, NaN or infinite, zero in an exponential schedule, `steps` is not
        a whole number ≥ 1, or `kind` is unknown.

    Notes
    -----
    Exploring early and exploiting late is the idea of simulated annealing [1]_; a temperature that
    falls slowly enough (as 1/log t) makes softmax exploration converge to the greedy policy on the
    best arm [2]_. A schedule that falls too fast freezes the agent on whatever looked best early.

    References
    ----------
    .. [1] S. Kirkpatrick, C. D. Gelatt, M. P. Vecchi, "Optimization by simulated annealing",
       Science 220(4598), 1983, :doi:`10.1126/science.220.4598.671`.
    .. [2] S. P. Singh, T. Jaakkola, M. L. Littman, C. Szepesvári, "Convergence results for
       single-step on-policy reinforcement-learning algorithms", Machine Learning 38, 2000.

    Examples
    --------
    >>> Annealing(start=1.0, end=0.01, steps=2).temperatures(4)
    array([1.  , 0.1 , 0.01, 0.01])
    >>> Annealing(start=1.0, end=0.0, steps=4, kind="linear").temperatures(6)
    array([1.  , 0.75, 0.5 , 0.25, 0.  , 0.  ])
    """

    start: float
    end: float
    steps: int
    kind: Literal["exponential", "linear"] = "exponential"

    def __post_init__(self) -> None:
        if self.kind not in ("exponential", "linear"):
            msg = f"kind must be 'exponential' or 'linear', got {self.kind!r}."
            raise ValueError(msg)
        lowest = 0.0 if self.kind == "linear" else math.nextafter(0.0, 1.0)
        for name in ("start", "end"):
            value = _real(getattr(self, name), name=name)
            if not lowest <= value < math.inf:
                bound = "≥ 0" if self.kind == "linear" else "> 0 (an exponential schedule never reaches 0)"
                msg = f"Annealing {name} must be a finite temperature {bound}, got {value!r}."
                raise ValueError(msg)
            object.__setattr__(self, name, value)
        object.__setattr__(self, "steps", _whole(self.steps, name="Annealing steps", minimum=1))

    def temperatures(self, count: int) -> FloatArray:
        """τ_t for the steps t = 1, …, `count`: a float64 array of length `count`."""
        count = _whole(count, name="count", minimum=0)
        return self._at(np.arange(count, dtype=float))

    def temperature(self, t: int) -> float:
        """τ_t at the step t ≥ 1."""
        t = _whole(t, name="t", minimum=1)
        return float(self._at(np.array([t - 1.0]))[0])

    def _at(self, elapsed: FloatArray) -> FloatArray:
        progress = np.minimum(elapsed / self.steps, 1.0)
        if self.kind == "linear":
            curve = self.start + (self.end - self.start) * progress
        else:
            curve = self.start * (self.end / self.start) ** progress
        # Exactly `end` once reached: start · (end/start) need not round back to end.
        return np.where(progress >= 1.0, self.end, curve)


@dataclass(frozen=True)
class _Policy:
    """A validated policy and its parameters; ``probabilities`` is π_t for the estimates at step t."""

    name: str
    tau: float | Annealing | None
    epsilon: float | None
    alpha: float | None
    baseline: bool

    @classmethod
    def check(
        cls,
        policy: object,
        *,
        tau: object,
        epsilon: object,
        alpha: object,
        baseline: object,
        learning: bool = True,
    ) -> _Policy:
        """Validate; ``learning=False`` for the probabilities alone, which need no α and no step t."""
        name = _policy(policy)
        given = {"tau": tau, "epsilon": epsilon, "alpha": alpha}
        required = _REQUIRED.get(name)
        if required is not None and given[required[0]] is None and (learning or required[0] != "alpha"):
            msg = f"policy={name!r} needs {required[0]}, {required[1]}."
            raise ValueError(msg)
        # A parameter the policy does not use is still checked, so a typo cannot pass silently.
        if isinstance(tau, Annealing) and not learning:
            msg = "tau must be a number here; an Annealing schedule needs the step number t."
            raise ValueError(msg)
        if tau is not None and not isinstance(tau, Annealing):
            tau = _tau(tau)
        if not isinstance(baseline, bool | np.bool_):
            msg = f"baseline must be True or False, got {baseline!r}."
            raise ValueError(msg)
        return cls(
            name=name,
            tau=tau,
            epsilon=None if epsilon is None else _epsilon(epsilon),
            alpha=None if alpha is None else _alpha(alpha),
            baseline=bool(baseline),
        )

    def temperature(self, t: int) -> float | None:
        """τ_t at step t = 1, 2, … (None unless the policy is softmax)."""
        if self.name != "softmax":
            return None
        if isinstance(self.tau, Annealing):
            return self.tau.temperature(t)
        return self.tau

    def probabilities(self, values: FloatArray, t: int) -> FloatArray:
        """π_t for arm-major estimates, shape (arms, runs)."""
        return _probabilities(values, self.name, self.temperature(t), self.epsilon, axis=0)


def _probabilities(
    values: FloatArray, policy: str, tau: float | None, epsilon: float | None, *, axis: int
) -> FloatArray:
    """π over the arms (along ``axis``) for estimates Q (preferences H for the gradient bandit)."""
    if policy == "softmax":
        return softmax(values, temperature=tau, axis=axis)
    if policy == "gradient":
        return softmax(values, axis=axis)
    greedy = argmax_onehot(values, axis=axis)
    if policy == "greedy" or epsilon == 0:
        return greedy
    assert epsilon is not None  # for mypy: _REQUIRED guarantees it
    mixed: FloatArray = (1.0 - epsilon) * greedy + epsilon / values.shape[axis]
    return mixed


def action_probabilities(
    values: ArrayLike, *, policy: str, tau: float | None = None, epsilon: float | None = None
) -> FloatArray:
    r"""The probability π(a) of choosing each arm, given the estimates, under an action-selection policy.

    .. math::

        \pi(a) = \begin{cases}
            \dfrac{e^{Q(a)/\tau}}{\sum_b e^{Q(b)/\tau}} & \text{softmax} \\[1ex]
            \dfrac{[a \in \operatorname{argmax} Q]}{|\operatorname{argmax} Q|} & \text{greedy} \\[1ex]
            (1 - \varepsilon)\,\dfrac{[a \in \operatorname{argmax} Q]}{|\operatorname{argmax} Q|}
                + \dfrac{\varepsilon}{k} & \varepsilon\text{-greedy} \\[1ex]
            \dfrac{e^{H(a)}}{\sum_b e^{H(b)}} & \text{gradient (preferences H)}
        \end{cases}

    Parameters
    ----------
    values : array_like
        The estimates Q(a) of the k arms (the preferences H(a) for ``"gradient"``), a vector or an
        array of vectors along the last axis; finite or ±inf, not NaN.
    policy : {"softmax", "epsilon-greedy", "greedy", "gradient"}
        The action-selection rule.
    tau : float, optional
        Temperature τ ≥ 0, required for ``"softmax"``: 0 is the greedy limit, inf uniform.
    epsilon : float, optional
        Exploration probability ε in [0, 1], required for ``"epsilon-greedy"``.

    Returns
    -------
    numpy.ndarray
        float64, the shape of `values`; each vector sums to 1.

    Raises
    ------
    ValueError
        For an unknown policy, a missing or bad τ or ε (negative, NaN, ε > 1), or a NaN estimate.

    Notes
    -----
    Ties in the arg max share its probability equally, so a draw from π breaks them at random, as
    the book's greedy agent does. Softmax is the core's `softmax`: stable for any Q/τ (the largest
    estimate is subtracted first) and exact at τ = 0 and τ = ∞.

    References
    ----------
    .. [1] R. S. Sutton, A. G. Barto, *Reinforcement Learning: An Introduction*, 2nd ed., 2018,
       §2.2 (ε-greedy), §2.8 (softmax of preferences), and exercise 2.9 for k = 2.

    Examples
    --------
    >>> action_probabilities([1.0, 0.5, 0.0], policy="softmax", tau=0.5).round(3)
    array([0.665, 0.245, 0.09 ])
    >>> action_probabilities([1.0, 0.5, 0.0], policy="softmax", tau=0)
    array([1., 0., 0.])
    >>> action_probabilities([0.0, 2.0, 2.0, 1.0], policy="epsilon-greedy", epsilon=0.2)
    array([0.05, 0.45, 0.45, 0.05])
    """
    check = _Policy.check(policy, tau=tau, epsilon=epsilon, alpha=None, baseline=True, learning=False)
    values, _ = as_logits(values, axis=-1, name="values")
    if np.isnan(values).any():
        raise_nan(values, name="values")
    return _probabilities(values, check.name, check.temperature(1), check.epsilon, axis=-1)


# --- the simulation -------------------------------------------------------------------------------


def _draw(p: FloatArray, uniform: FloatArray) -> IntArray:
    """One arm per column of ``p`` (arms, runs), by inverting its distribution at ``uniform`` in [0, 1).

    The threshold u·total stays strictly below the total (u·total can round up to it), so the arm
    drawn is the first with cdf > threshold ≥ cdf of the arm before it: its probability is > 0, and
    an arm with π(a) = 0 (the exact limits) is never drawn.
    """
    # Row by row: k additions of whole rows, 5x faster here than np.cumsum along axis 0, and the same sums.
    cdf = p.copy()
    for arm in range(1, cdf.shape[0]):
        np.add(cdf[arm - 1], cdf[arm], out=cdf[arm])
    total = cdf[-1]
    threshold = np.minimum(uniform * total, np.nextafter(total, 0.0))
    arms: IntArray = np.count_nonzero(cdf <= threshold, axis=0)
    return arms


@dataclass(frozen=True)
class _Problem:
    """The bandit problems of a batch of runs, validated, with their seeded random numbers."""

    # q*, arm-major, shape (arms, runs): every per-arm operation then runs over contiguous runs,
    # and reducing over the arms adds k rows instead of reducing 2000 short rows (3x faster).
    true_values: FloatArray
    reward_scale: float
    rng: np.random.Generator

    @classmethod
    def draw(
        cls, *, runs: object, arms: object, seed: object, reward_shift: object, reward_scale: object
    ) -> _Problem:
        runs = _whole(runs, name="runs", minimum=1)
        arms = _whole(arms, name="arms", minimum=1)
        shift = _real(reward_shift, name="reward_shift")
        scale = _real(reward_scale, name="reward_scale")
        if not abs(shift) <= _LARGEST:
            msg = f"reward_shift must be a number between ±{_LARGEST:g}, got {shift!r}."
            raise ValueError(msg)
        if not 0 < scale <= _LARGEST:
            msg = f"reward_scale must be a standard deviation > 0 and ≤ {_LARGEST:g}, got {scale!r}."
            raise ValueError(msg)
        if seed is not None:
            seed = _whole(seed, name="seed", minimum=0)
        rng = np.random.default_rng(seed)
        true_values = shift + scale * rng.standard_normal((runs, arms))
        return cls(true_values=np.ascontiguousarray(true_values.T), reward_scale=scale, rng=rng)


def _simulate(
    policy: _Policy, problem: _Problem, steps: int
) -> Iterator[tuple[FloatArray, IntArray, FloatArray, FloatArray, CountArray]]:
    """Run every agent of the batch for ``steps`` steps, yielding each step as it is taken.

    Yields (π_t, A_t, R_t, estimates after the update, counts after the update) for t = 1, …,
    steps; the last two are updated in place afterwards, so a caller that keeps them copies them.
    Per step: one uniform per run draws the arm, one normal per run its reward.
    """
    arms, runs = problem.true_values.shape
    columns = np.arange(runs)
    values = np.zeros((arms, runs))  # Q_t, or the preferences H_t of the gradient bandit
    counts = np.zeros((arms, runs), dtype=np.int64)
    average = np.zeros(runs)  # the baseline R̄: the mean reward before this step
    rng = problem.rng
    for t in range(1, steps + 1):
        p = policy.probabilities(values, t)
        action = _draw(p, rng.random((runs,)))
        reward = problem.true_values[action, columns] + problem.reward_scale * rng.standard_normal(runs)
        counts[action, columns] += 1
        if policy.name == "gradient":
            assert policy.alpha is not None  # for mypy: _REQUIRED guarantees it
            # Sutton & Barto (2.12): R̄ averages the rewards before step t, with R̄_1 = R_1.
            baseline = (reward if t == 1 else average) if policy.baseline else 0.0
            step = policy.alpha * (reward - baseline)
            # H(a) −= α(R − R̄)π(a) for every arm, then += α(R − R̄) for A_t: (1 − π(A_t)) in all.
            values -= step * p
            values[action, columns] += step
            average += (reward - average) / t
        else:
            estimate = values[action, columns]
            values[action, columns] = estimate + (reward - estimate) / counts[action, columns]
        yield p, action, reward, values, counts


@dataclass(frozen=True)
class LearningCurves:
    """The testbed's result: the average reward and the fraction of optimal actions at each step.

    Attributes
    ----------
    mean_reward : numpy.ndarray
        float64, length `steps`: the reward at step t averaged over the runs (read-only).
    optimal_fraction : numpy.ndarray
        float64 in [0, 1], length `steps`: the fraction of runs whose action at step t was the
        optimal arm, arg max q* (read-only).
    """

    mean_reward: FloatArray
    optimal_fraction: FloatArray

    def __post_init__(self) -> None:
        self.mean_reward.flags.writeable = False
        self.optimal_fraction.flags.writeable = False

    @property
    def average_reward(self) -> float:
        """The reward averaged over every step and run: the y axis of Sutton & Barto's Figure 2.6."""
        return float(self.mean_reward.mean())


def testbed(
    *,
    policy: str,
    runs: int,
    steps: int,
    arms: int = 10,
    seed: int | None = 0,
    tau: float | Annealing | None = None,
    epsilon: float | None = None,
    alpha: float | None = None,
    baseline: bool = True,
    reward_shift: float = 0.0,
    reward_scale: float = 1.0,
) -> LearningCurves:
    r"""Sutton & Barto's k-armed testbed: learning curves of one policy averaged over many problems.

    .. math::

        q_*(a) \sim \mathcal{N}(\mu, \sigma^2), \quad A_t \sim \pi_t, \quad
        R_t \sim \mathcal{N}(q_*(A_t), \sigma^2), \quad
        Q_{t+1}(A_t) = Q_t(A_t) + \frac{R_t - Q_t(A_t)}{N_{t+1}(A_t)}

    and for the gradient bandit, with :math:`\pi_t = \operatorname{softmax}(H_t)`,

    .. math::

        H_{t+1}(a) = H_t(a) + \alpha\,(R_t - \bar R_t)\,(\mathbb{1}_{a = A_t} - \pi_t(a))

    Parameters
    ----------
    policy : {"softmax", "epsilon-greedy", "greedy", "gradient"}
        The action-selection rule (see `action_probabilities`).
    runs : int
        The number of independent problems (and agents) averaged, ≥ 1; the book uses 2000.
    steps : int
        The number of steps of each run, ≥ 1; the book uses 1000.
    arms : int, optional
        k, the number of arms (default 10).
    seed : int or None, optional
        Seed of ``np.random.default_rng`` (default 0): the same seed gives the same curves, and the
        same problems q* for every policy. None draws fresh randomness.
    tau : float or Annealing, optional
        Temperature τ ≥ 0 of ``"softmax"`` (required there), in the units of reward; or an
        `Annealing` schedule. 0 is greedy with ties broken at random, inf uniformly random.
    epsilon : float, optional
        Exploration probability ε in [0, 1] of ``"epsilon-greedy"`` (required there).
    alpha : float, optional
        Step size α > 0 of the ``"gradient"`` bandit's preferences (required there).
    baseline : bool, optional
        Whether the gradient bandit subtracts the average reward R̄ (default True); without it
        R̄ = 0. Only the gradient bandit uses it.
    reward_shift : float, optional
        μ, the mean of the true values (default 0; Figure 2.5 uses 4).
    reward_scale : float, optional
        σ > 0, the spread of the true values and of the reward noise (default 1).

    Returns
    -------
    LearningCurves
        ``mean_reward`` and ``optimal_fraction``, float64 arrays of length `steps` averaged over
        the runs, and ``average_reward``, their mean over the steps.

    Raises
    ------
    ValueError
        If `policy` is unknown or lacks its parameter, τ < 0, ε is outside [0, 1], α ≤ 0, `runs`,
        `steps` or `arms` < 1 or not whole numbers, σ ≤ 0, or any number is NaN; and beyond 1e100
        for α, |μ| and σ, where the preferences could overflow. A parameter the policy does not use
        is checked too, then ignored.

    Notes
    -----
    Vectorised over the runs: each step is a handful of NumPy operations on (runs, k) arrays, so
    2000 runs × 1000 steps take a fraction of a second (``benchmarks/bench_bandit.py``). The arm is
    drawn by inverting the cumulative distribution of π with one uniform number per run, which is
    exact for the limits: an arm with π(a) = 0 is never drawn, ties in the arg max are broken
    uniformly at random. With the same seed, greedy, softmax at τ = 0 and ε-greedy at ε = 0 give
    identical curves. The gradient bandit's baseline R̄_t is the average of the rewards before
    step t, with R̄_1 = R_1, as in the book's corrected printing of (2.12).

    The shape to expect on the 10-armed testbed (Figure 2.2): greedy levels off near an average
    reward of 1 and finds the optimal arm in only about a third of the runs; ε = 0.1 climbs to
    about 1.3 and about 80 % optimal; softmax at τ ≈ 0.2 does better than both, and at τ = 1
    explores so much that it does worse than greedy.

    References
    ----------
    .. [1] R. S. Sutton, A. G. Barto, *Reinforcement Learning: An Introduction*, 2nd ed., MIT Press,
       2018, §2.3 (Figure 2.2), §2.8 (Figure 2.5), §2.10 (Figure 2.6).

    Examples
    --------
    >>> greedy = testbed(policy="greedy", runs=500, steps=1000)
    >>> explorer = testbed(policy="epsilon-greedy", epsilon=0.1, runs=500, steps=1000)
    >>> greedy.mean_reward.shape
    (1000,)
    >>> bool(explorer.average_reward > greedy.average_reward)
    True
    >>> bool(explorer.optimal_fraction[-100:].mean() > 0.7 > 0.5 > greedy.optimal_fraction[-100:].mean())
    True
    """
    check = _Policy.check(policy, tau=tau, epsilon=epsilon, alpha=alpha, baseline=baseline)
    steps = _whole(steps, name="steps", minimum=1)
    problem = _Problem.draw(
        runs=runs, arms=arms, seed=seed, reward_shift=reward_shift, reward_scale=reward_scale
    )
    best = problem.true_values.argmax(axis=0)
    runs = best.size
    mean_reward = np.empty(steps)
    optimal = np.empty(steps)
    for t, (_, action, reward, _, _) in enumerate(_simulate(check, problem, steps)):
        mean_reward[t] = np.add.reduce(reward) / runs  # reward.mean() without its Python layer
        optimal[t] = np.count_nonzero(action == best) / runs
    return LearningCurves(mean_reward=mean_reward, optimal_fraction=optimal)


# The name starts with "test": without this, pytest would collect it as a test wherever it is imported.
testbed.__test__ = False  # type: ignore[attr-defined]


@dataclass(frozen=True)
class AgentTrace:
    """One agent on one bandit problem, step by step: what it knew, how it chose, what it got.

    Row t of `estimates`, `counts` is the state after t steps (row 0: before the first); row t of
    `probabilities` and `temperatures` is the policy of step t + 1, so the last row is the policy
    the agent would use next. Every array is read-only.

    Attributes
    ----------
    true_values : numpy.ndarray
        q*(a), shape (k,): what the agent is trying to learn.
    best_arm : int
        arg max q*, the optimal arm.
    estimates : numpy.ndarray
        Shape (steps + 1, k): Q_t, the sample averages (the preferences H_t for ``"gradient"``).
    counts : numpy.ndarray
        int64, shape (steps + 1, k): N_t(a), how often each arm has been pulled.
    probabilities : numpy.ndarray
        Shape (steps + 1, k): π_{t+1}, the probabilities the next action is drawn from.
    temperatures : numpy.ndarray or None
        Shape (steps + 1,): τ_{t+1} of a softmax policy (constant unless annealed); None otherwise.
    actions : numpy.ndarray
        int, shape (steps,): A_1, …, the arms chosen.
    rewards : numpy.ndarray
        Shape (steps,): R_1, …, the rewards received.
    """

    true_values: FloatArray
    best_arm: int
    estimates: FloatArray
    counts: CountArray
    probabilities: FloatArray
    temperatures: FloatArray | None
    actions: IntArray
    rewards: FloatArray

    def __post_init__(self) -> None:
        for array in (self.true_values, self.estimates, self.counts, self.probabilities, self.actions):
            array.flags.writeable = False
        self.rewards.flags.writeable = False
        if self.temperatures is not None:
            self.temperatures.flags.writeable = False


def agent_trace(
    *,
    policy: str,
    steps: int,
    arms: int = 10,
    seed: int | None = 0,
    tau: float | Annealing | None = None,
    epsilon: float | None = None,
    alpha: float | None = None,
    baseline: bool = True,
    reward_shift: float = 0.0,
    reward_scale: float = 1.0,
) -> AgentTrace:
    r"""One agent on one testbed problem for `steps` steps, with everything it saw at each step.

    .. math::

        A_t \sim \pi_t = \operatorname{softmax}(Q_t / \tau_t), \qquad
        R_t \sim \mathcal{N}(q_*(A_t), \sigma^2), \qquad
        Q_{t+1}(A_t) = Q_t(A_t) + \frac{R_t - Q_t(A_t)}{N_{t+1}(A_t)}

    (for a softmax agent; the other policies as in `testbed`).

    Parameters
    ----------
    policy, arms, seed, tau, epsilon, alpha, baseline, reward_shift, reward_scale
        As in `testbed`; `tau` may be an `Annealing` schedule.
    steps : int
        The number of steps taken, ≥ 0 (0: the agent before its first step).

    Returns
    -------
    AgentTrace
        The true values, and per step the estimates, counts, probabilities, temperature, action
        and reward.

    Raises
    ------
    ValueError
        As `testbed`.

    Notes
    -----
    Pure and seeded: the trace is a function of its arguments alone, and the trace of n + 1 steps
    begins with the trace of n steps (each step draws its own random numbers, in order), so a page
    can store only the seed and the number of steps and replay "Step" and "Run 100" exactly. It is
    the same simulation as one run of `testbed`: ``testbed(runs=1, ...)`` has its rewards as
    ``mean_reward``.

    Examples
    --------
    >>> trace = agent_trace(policy="softmax", tau=0.2, steps=3, arms=4, seed=1)
    >>> trace.estimates.shape, trace.probabilities.shape, trace.actions.shape
    ((4, 4), (4, 4), (3,))
    >>> trace.probabilities[0]  # Q = 0 everywhere: every arm equally likely
    array([0.25, 0.25, 0.25, 0.25])
    >>> bool(np.array_equal(agent_trace(policy="softmax", tau=0.2, steps=2, arms=4, seed=1).rewards,
    ...                     trace.rewards[:2]))
    True
    """
    check = _Policy.check(policy, tau=tau, epsilon=epsilon, alpha=alpha, baseline=baseline)
    steps = _whole(steps, name="steps", minimum=0)
    problem = _Problem.draw(
        runs=1, arms=arms, seed=seed, reward_shift=reward_shift, reward_scale=reward_scale
    )
    arms = problem.true_values.shape[0]
    estimates = np.zeros((steps + 1, arms))
    counts = np.zeros((steps + 1, arms), dtype=np.int64)
    probabilities = np.empty((steps + 1, arms))
    actions = np.empty(steps, dtype=np.intp)
    rewards = np.empty(steps)
    for t, (p, action, reward, values, count) in enumerate(_simulate(check, problem, steps)):
        probabilities[t] = p[:, 0]
        actions[t], rewards[t] = action[0], reward[0]
        estimates[t + 1], counts[t + 1] = values[:, 0], count[:, 0]
    probabilities[steps] = check.probabilities(estimates[steps][:, np.newaxis], steps + 1)[:, 0]
    temperatures = None
    if isinstance(check.tau, Annealing) and check.name == "softmax":
        temperatures = check.tau.temperatures(steps + 1)
    elif check.name == "softmax":
        temperatures = np.full(steps + 1, check.tau)
    return AgentTrace(
        true_values=problem.true_values[:, 0],
        best_arm=int(problem.true_values[:, 0].argmax()),
        estimates=estimates,
        counts=counts,
        probabilities=probabilities,
        temperatures=temperatures,
        actions=actions,
        rewards=rewards,
    )
