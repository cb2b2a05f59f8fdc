"""Gradient descent on the logits against the cross-entropy loss: the Loss page's "train the logits".

Pure (no Streamlit): a ``Training`` is an immutable record of every step taken from one starting
point, so the page keeps it in ``st.session_state`` and the tests drive it without a browser.
Every number comes from the core (``cross_entropy``, ``cross_entropy_grad``, ``softmax``).
The steps are deterministic, so a link carries them as runs of a learning rate (``runs_text``,
"10@1,5@0.3"): replayed from the link's logits they give the very same history.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from lessons.common.text import number
from softmax_core import cross_entropy, cross_entropy_grad, softmax

MAX_STEPS = 500
LEARNING_RATES = ("0.01", "0.03", "0.1", "0.3", "1", "3", "10")
DEFAULT_LEARNING_RATE = "1"


@dataclass(frozen=True)
class Training:
    """The logits after each gradient step from ``logits[0]``, with the loss and p(target) at each.

    ``stopped`` says why no further step can be taken (None while training can go on).
    """

    target: int
    beta: float
    logits: tuple[np.ndarray, ...]
    losses: tuple[float, ...]
    p_target: tuple[float, ...]
    stopped: str | None = None
    rates: tuple[float, ...] = ()  # the learning rate of each step taken

    @property
    def steps(self) -> int:
        """How many steps have been taken."""
        return len(self.logits) - 1

    @property
    def current(self) -> np.ndarray:
        """The logits after the last step."""
        return self.logits[-1]

    def at(self, beta: float) -> Training:
        """This training as the page shows it at ``beta``: itself, or a new one from the same logits (a
        move of the temperature starts the training again)."""
        return self if beta == self.beta else begin(self.logits[0], self.target, beta)

    def starts_from(self, logits: np.ndarray, target: int, beta: float) -> bool:
        """Whether this history belongs to these logits, target and β (else it is stale)."""
        return (
            self.target == target
            and self.beta == beta
            and self.logits[0].shape == logits.shape
            and bool(np.array_equal(self.logits[0], logits))
        )


def not_trainable(beta: float) -> str | None:
    """Why gradient steps are meaningless at this β, or None when they are not."""
    if math.isinf(beta):
        return (
            "At the exact limit T = 0 the gradient is 0 or infinite (p is a one-hot vector that a "
            "finite step cannot change): there is nothing to step along."
        )
    if beta == 0:
        return (
            "At T = ∞ every class has probability 1/K whatever the logits, so the gradient is 0: "
            "training cannot move anything."
        )
    return None


def begin(logits: np.ndarray, target: int, beta: float) -> Training:
    """A history of no steps, starting from ``logits``."""
    z = np.array(logits, dtype=np.float64)
    z.flags.writeable = False
    return Training(
        target=target,
        beta=beta,
        logits=(z,),
        losses=(float(cross_entropy(z, target, beta=beta)),),
        p_target=(float(softmax(z, beta=beta)[target]),),
        stopped=not_trainable(beta),
    )


def step(training: Training, learning_rate: float, count: int = 1) -> Training:
    """``count`` more steps of gradient descent, z ← z − η ∂L/∂z with ∂L/∂z = β(p − onehot(target)).

    Every step widens each scaled margin β(z_t − z_k) by ηβ²(1 − p_t + p_k) > 0, for either sign of β,
    so p(target) never falls and the loss never rises. Stops early, saying why, at ``MAX_STEPS`` or
    if a step would leave the floating-point range.
    """
    if not (learning_rate > 0 and math.isfinite(learning_rate)):
        msg = f"learning_rate must be a positive number, got {learning_rate!r}."
        raise ValueError(msg)
    logits, losses, p_target = list(training.logits), list(training.losses), list(training.p_target)
    rates = list(training.rates)
    stopped = training.stopped
    for _ in range(count):
        if stopped is not None:
            break
        if len(logits) > MAX_STEPS:
            stopped = f"The history holds {MAX_STEPS} steps, its limit: press Reset to start again."
            break
        gradient = cross_entropy_grad(logits[-1], training.target, beta=training.beta)
        with np.errstate(over="ignore", invalid="ignore"):
            z = logits[-1] - learning_rate * gradient
        if not np.isfinite(z).all():
            stopped = "The next step would push a logit beyond the largest floating-point number."
            break
        z.flags.writeable = False
        logits.append(z)
        rates.append(learning_rate)
        losses.append(float(cross_entropy(z, training.target, beta=training.beta)))
        p_target.append(float(softmax(z, beta=training.beta)[training.target]))
    return replace(
        training,
        logits=tuple(logits),
        losses=tuple(losses),
        p_target=tuple(p_target),
        stopped=stopped,
        rates=tuple(rates),
    )


def applied_logits(logits: np.ndarray) -> tuple[float, ...]:
    """The trained logits as the shared state takes them: exactly (rounding them to the sliders' 0.01
    would move p(target) and the loss away from what training reached)."""
    return tuple(float(x) + 0.0 for x in logits)  # + 0.0: no '-0' in the link


def runs_text(training: Training) -> str:
    """The steps taken, as runs of one learning rate: "10@1,5@0.3" (ten steps at η = 1, then five at 0.3);
    "" before the first step."""
    runs: list[list] = []
    for rate in training.rates:
        if runs and runs[-1][1] == rate:
            runs[-1][0] += 1
        else:
            runs.append([1, rate])
    return ",".join(f"{count}@{rate:g}" for count, rate in runs)


_RATES = {float(rate): rate for rate in LEARNING_RATES}


def parse_runs(text: str) -> tuple[tuple[int, float], ...]:
    """The runs of ``runs_text``, checked: whole step counts, learning rates of the slider, at most
    ``MAX_STEPS`` steps in all; ValueError with a sentence saying why not."""
    runs = []
    for part in text.split(","):
        count, _, rate = part.strip().partition("@")
        try:
            run = (int(count), float(rate))
        except ValueError:
            msg = "it must be runs of steps@η, like 10@1,5@0.3."
            raise ValueError(msg) from None
        if run[0] < 1 or run[1] not in _RATES:
            msg = f"each run needs at least 1 step and η one of {', '.join(LEARNING_RATES)}."
            raise ValueError(msg)
        runs.append(run)
    if sum(count for count, _ in runs) > MAX_STEPS:
        msg = f"the history holds at most {MAX_STEPS} steps."
        raise ValueError(msg)
    return tuple(runs)


def replay(training: Training, runs: tuple[tuple[int, float], ...]) -> Training:
    """``training`` after the steps of ``runs``, as they were taken (stopping where they stopped)."""
    for count, rate in runs:
        training = step(training, rate, count)
    return training


def logits_table(training: Training, labels: Sequence[str]) -> pd.DataFrame:
    """Each class's logit and probability before training and now, as display strings."""
    start, now = training.logits[0], training.current
    p_start, p_now = softmax(start, beta=training.beta), softmax(now, beta=training.beta)
    return pd.DataFrame(
        {
            "z at step 0": [number(x) for x in start],
            f"z at step {training.steps}": [number(x) for x in now],
            "p at step 0": [number(x) for x in p_start],
            f"p at step {training.steps}": [number(x) for x in p_now],
        },
        index=pd.Index(
            [label + (" (target)" if i == training.target else "") for i, label in enumerate(labels)],
            name="class",
        ),
    )
