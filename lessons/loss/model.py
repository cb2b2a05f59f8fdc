"""The Loss page's numbers and words: the current loss and its gradient, the loss over many
temperatures, cross-entropy beside squared error over a family of logits, and the sentences that
explain them. Pure (no Streamlit; the page caches the sweeps); every value comes from the core.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lessons.common.formulas import cross_entropy_substituted
from lessons.common.scales import temperature_grid, temperature_range
from lessons.common.tables import to_markdown
from lessons.common.text import escape_markdown, number
from lessons.loss.training import Training, logits_table
from softmax_core import (
    cross_entropy,
    cross_entropy_grad,
    logsumexp,
    smooth_max,
    softmax,
    softmax_jacobian,
    squared_error,
    squared_error_grad,
)

_T_POINTS = 241
# The family's target logit runs over logit(p_t) in ±9.2: p_t from 1e-4 to 1 − 1e-4.
_LOGIT_SPAN = 9.2
_FAMILY_POINTS = 161


def temperature_span(temperature: float) -> tuple[float, float]:
    """The slider's span of T, widened to hold the current T (if finite and > 0) with a factor 2 to spare:
    the same at every stop of the slider, so a sweep over it can be kept while T moves."""
    return temperature_range(temperature, margin=2.0)


def temperatures_around(temperature: float) -> np.ndarray:
    """The temperatures of the T axis: a log grid over ``temperature_span``."""
    return temperature_grid(*temperature_span(temperature), points=_T_POINTS)


def loss_over_temperature(logits: np.ndarray, target: int, temperatures: np.ndarray) -> np.ndarray:
    """The cross-entropy −log σ(z/T)_target at each temperature, in nats (core ``cross_entropy``)."""
    return np.array([cross_entropy(logits, target, temperature=t) for t in temperatures])


def strongest_other(logits: np.ndarray, target: int) -> int:
    """The class with the largest logit other than the target: the arg max when the target is not it."""
    others = np.array(logits, dtype=np.float64)
    others[target] = -math.inf
    return int(np.argmax(others))


@dataclass(frozen=True)
class TemperatureSweep:
    """The target's loss and the strongest other class's over a log grid of T, and the target's exact
    limit at T = 0 (0, log m for m tied winners, or ∞)."""

    temperatures: np.ndarray
    losses: np.ndarray
    other: int
    other_losses: np.ndarray
    cold_loss: float


def temperature_sweep(logits: np.ndarray, target: int, temperature: float) -> TemperatureSweep:
    """The losses over the slider's span of T, widened to hold the current ``temperature``."""
    return sweep_over(logits, target, temperature_span(temperature))


def sweep_over(logits: np.ndarray, target: int, span: tuple[float, float]) -> TemperatureSweep:
    """The losses over a log grid of T from ``span[0]`` to ``span[1]`` (``temperature_span``)."""
    temperatures = temperature_grid(*span, points=_T_POINTS)
    other = strongest_other(logits, target)
    return TemperatureSweep(
        temperatures=temperatures,
        losses=loss_over_temperature(logits, target, temperatures),
        other=other,
        other_losses=loss_over_temperature(logits, other, temperatures),
        cold_loss=float(cross_entropy(logits, target, temperature=0)),
    )


@dataclass(frozen=True)
class LossFamily:
    """Cross-entropy and squared error along one family of logits: the other logits fixed, the
    target's swept so that p(target) runs from about 1e-4 to 1 − 1e-4.

    ``gradient_*`` are the magnitudes |∂L/∂z_target|; ``beta`` is the β they were computed at.
    """

    p_target: np.ndarray
    cross_entropy: np.ndarray
    squared_error: np.ndarray
    gradient_cross_entropy: np.ndarray
    gradient_squared_error: np.ndarray
    beta: float


def _family_logits(logits: np.ndarray, target: int, beta: float) -> np.ndarray | None:
    others = np.delete(logits, target)
    # Shifting every logit by the others' smooth max changes no probability (softmax ignores a
    # common shift) and puts p(target) = 1/2 at z_target = 0, so the sweep is z_target = logit(p)/β.
    centre = smooth_max(others, beta)
    with np.errstate(over="ignore", invalid="ignore"):
        shifted = others - centre
        sweep = np.linspace(-_LOGIT_SPAN, _LOGIT_SPAN, _FAMILY_POINTS) / beta
    if not (math.isfinite(centre) and np.isfinite(sweep).all()) or np.isnan(shifted).any():
        return None
    rows = np.repeat(shifted[np.newaxis, :], _FAMILY_POINTS, axis=0)
    return np.insert(rows, target, sweep, axis=1)


def family_drawn_at(logits: np.ndarray, target: int, beta: float) -> bool:
    """Whether ``loss_family`` is drawn at β itself, not at β = 1 instead (cheap: no loss is computed)."""
    return math.isfinite(beta) and beta != 0 and _family_logits(logits, target, beta) is not None


def loss_family(logits: np.ndarray, target: int, beta: float) -> LossFamily:
    """Both losses and their gradient magnitudes along the family, at β; at β = ±∞ or 0 (where the
    gradients are infinite or 0) or where the sweep leaves the float range, at β = 1 instead."""
    rows = None
    if math.isfinite(beta) and beta != 0:
        rows = _family_logits(logits, target, beta)
    if rows is None:
        beta = 1.0
        rows = _family_logits(logits, target, beta)
    targets = np.full(len(rows), target)
    p = softmax(rows, beta=beta)
    return LossFamily(
        p_target=p[:, target],
        cross_entropy=cross_entropy(rows, targets, beta=beta),
        squared_error=squared_error(rows, targets, beta=beta),
        gradient_cross_entropy=np.abs(cross_entropy_grad(rows, targets, beta=beta)[:, target]),
        gradient_squared_error=np.abs(squared_error_grad(rows, targets, beta=beta)[:, target]),
        beta=beta,
    )


# --- The current state ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Current:
    """The loss of the target class at the current logits and β, and its derivatives."""

    target: int
    p: np.ndarray
    loss: float
    gradient: np.ndarray
    jacobian: np.ndarray

    @property
    def p_target(self) -> float:
        """The probability of the correct class."""
        return float(self.p[self.target])

    @property
    def finite_gradient(self) -> bool:
        """Whether ∂L/∂z is a finite number (not at T = 0 with a losing target)."""
        return bool(np.isfinite(self.gradient).all())

    @property
    def direction(self) -> np.ndarray:
        """The gradient where it is finite, else its finite factor p − onehot(target), the direction."""
        if self.finite_gradient:
            return self.gradient
        return self.p - np.eye(len(self.p))[self.target]


def current(logits: np.ndarray, target: int, beta: float) -> Current:
    """The loss, p, ∂L/∂z and the softmax Jacobian of ``target`` at ``logits`` and β."""
    return Current(
        target=target,
        p=softmax(logits, beta=beta),
        # Through log_softmax: 800 nats for p = e^−800, not −log 0 = ∞.
        loss=float(cross_entropy(logits, target, beta=beta)),
        gradient=cross_entropy_grad(logits, target, beta=beta),
        jacobian=softmax_jacobian(logits, beta=beta),
    )


INTRO = (
    "A classifier is trained by the **cross-entropy loss**: minus the log of the probability it gives "
    "to the correct class. It is 0 for a sure, right answer and grows without bound for a sure, wrong "
    "one. Choose the correct class, then move the logits and the temperature on the left."
)
TRAINING_INTRO = (
    "Gradient descent on the logits themselves: each step is z ← z − η β(p − onehot(target)). "
    "Watch p(target) rise and the loss fall."
)
TARGET_HELP = (
    "The class the loss rewards. In the link it is `target=` the class's name as listed here "
    "(e.g. `target=class 2`); if that class no longer exists, the page uses class 1."
)
APPLY_HELP = (
    "Replace the shared logits (sidebar, link, every page) by the trained ones, exactly (off "
    "the sliders' 0.01 grid the sidebar shows them as text)."
)


@functools.lru_cache(maxsize=256)
def current_at(logits: tuple[float, ...], target: int, beta: float) -> Current:
    """``current`` of the logits as a tuple, kept: the numbers that follow the slider on the page (its texts
    and metrics, at each stop near the current one) share one computation per stop."""
    return current(np.array(logits, dtype=np.float64), target, beta)


def comparison_point(now: Current, logits: np.ndarray, beta: float, family: LossFamily) -> dict | None:
    """The current values of both losses and their gradients' sizes, for the comparison chart; None when
    the family was drawn at another β (the current one is an exact limit or leaves the float range)."""
    if family.beta != beta:
        return None
    return {
        "ce": now.loss,
        "se": float(squared_error(logits, now.target, beta=beta)),
        "grad_ce": abs(float(now.gradient[now.target])),
        "grad_se": abs(float(squared_error_grad(logits, now.target, beta=beta)[now.target])),
    }


# --- Words ---------------------------------------------------------------------------------------


def p_text(p: float, loss: float) -> str:
    """p for reading. Where it underflowed to 0 but the loss is finite, p = e^−loss is written as a
    power of ten from the loss (e^−800 = 3.645e−348), which the loss fixes to 4 digits while it is
    below 1e12 nats; beyond that, as e^−loss."""
    if p == 0 and math.isfinite(loss):
        if loss < 1e12:
            exponent10 = -loss / math.log(10)
            whole = math.floor(exponent10)
            mantissa = 10 ** (exponent10 - whole)
            return f"{number(mantissa)}e−{-whole}"
        return f"e^−{number(loss)}"
    return number(p)


def metrics(now: Current) -> tuple[tuple[str, str, str], ...]:
    """The loss in nats and bits and p(target), each as (label, value, help) for a metric."""
    return (
        ("Loss (nats)", number(now.loss), "−log p with the natural log."),
        ("Loss (bits)", number(now.loss / math.log(2)), "−log₂ p = loss in nats / log 2."),
        (
            "p(target)",
            p_text(now.p_target, now.loss),
            "Below about 1e−308 p underflows to 0 in floating point; it is then written from the exact "
            "loss, p = e^−loss.",
        ),
    )


def loss_formula(logits: np.ndarray, now: Current, beta: float) -> str:
    """The cross-entropy formula for st.latex, then its two terms with the current numbers."""
    with np.errstate(over="ignore", invalid="ignore"):
        scaled_target = beta * float(logits[now.target])  # only to write the formula; the loss is the core's
    return cross_entropy_substituted(beta, float(logsumexp(logits, beta=beta)), scaled_target, now.loss)


def overflow_note(loss: float, beta: float) -> str | None:
    """Why the loss shows as ∞ away from the exact limits, or None."""
    if math.isinf(loss) and math.isfinite(beta) and beta != 0:
        return (
            "The loss here is larger than the largest floating-point number (about 1.8e308), so it shows "
            "as ∞."
        )
    return None


def metric_values(now: Current) -> list[str]:
    """The values of ``metrics``: what the metrics show."""
    return [value for _, value, _ in metrics(now)]


def neg_log_story(name: str, now: Current) -> str:
    """What the −log p chart says about the target now."""
    return (
        f"The correct class **{escape_markdown(name)}** gets p = {p_text(now.p_target, now.loss)}, "
        f"so the loss is {number(now.loss)} nats. Halving p always adds the same log 2 = 0.693 nats, so "
        "the penalty grows slowly near p = 1 and explodes as p → 0: the loss punishes confident "
        "mistakes far more than hesitant ones."
    )


def temperature_story(logits: np.ndarray, labels: Sequence[str], target: int, other: int, beta: float) -> str:
    """What cooling and heating do to the target's loss: better, tied or catastrophic."""
    name, other_name = escape_markdown(labels[target]), escape_markdown(labels[other])
    top = float(logits.max())
    ties = int(np.count_nonzero(logits == top))
    if logits[target] == top and ties == 1:
        story = (
            f"**{name}** has the largest logit, so **colder is better**: as T → 0 it takes all the "
            f"probability and the loss falls to 0. The dashed curve is the same loss for **{other_name}**: "
            "for a class that is not the arg max, cooling is catastrophic."
        )
    elif logits[target] == top:
        story = (
            f"**{name}** ties for the largest logit: as T → 0 the tied classes share the probability and "
            f"the loss tends to log {ties}, not 0."
        )
    else:
        story = (
            f"**{name}** is not the arg max, so **colder is catastrophically worse**: "
            r"p(target) falls like $e^{-(z_{\max} - z_t)/T}$ and the loss grows like $(z_{\max} - "
            f"z_t)/T$ = {number(top - float(logits[target]))}/T without bound. The dashed curve is the arg "
            f"max **{other_name}**, whose loss falls to 0."
        )
    return (
        story
        + f" Hot, every class tends to 1/K and every loss to log K = {number(math.log(len(logits)))} nats."
        + (" (Here β < 0: the smallest logit wins, the mirror image.)" if beta < 0 else "")
    )


def gradient_note(now: Current, beta: float) -> str:
    """What the gradient bars say: infinite, zero at a limit, nothing left to learn, or which way to step."""
    limit = "T = 0" if beta > 0 else "β = −∞"
    if not now.finite_gradient:
        return (
            f"At the exact limit {limit} the target has p = 0, so the loss and its gradient are infinite: "
            f"∂L/∂z = {number(beta)} · (p − onehot) is not a number. The bars show the finite factor "
            "p − onehot, the direction: "
            + (
                "a step raises the target's logit and lowers the winner's."
                if beta > 0
                else "with β = −∞ a step lowers the target's logit and raises the winner's (the smallest "
                "logit wins)."
            )
        )
    if beta == 0:
        return "At T = ∞ every probability is 1/K whatever the logits: the gradient is exactly 0."
    if math.isinf(beta):
        return (
            f"At the exact limit {limit} the target already has p = 1 and the loss is flat at 0: the "
            "gradient is exactly 0 (β(p − onehot) → 0, since p − onehot vanishes like e^−|β|·gap)."
        )
    if now.gradient[now.target] == 0:
        return (
            "The target has p = 1 to double precision: the loss is 0 to within rounding and the gradient "
            "is 0, so there is nothing left to learn."
        )
    return (
        f"The target's bar is β(p − 1) = {number(float(now.gradient[now.target]))}: a step z ← z − η ∂L/∂z "
        + (
            "raises its logit and lowers every other logit in proportion to the probability it takes."
            if beta > 0
            else "lowers its logit and raises the others (with β < 0 the smallest logit wins)."
        )
        + " The bars sum to 0."
    )


def jacobian_note(jacobian: np.ndarray, beta: float) -> str:
    """What the Jacobian heatmap shows (symmetry, rows summing to 0), or why its cells are empty."""
    if not np.isfinite(jacobian).all():
        return (
            "**The Jacobian's cells are empty.** At the exact limit T = 0 with a tie for the winning "
            "logit, the slightest nudge moves all the probability from one tied class to another: between "
            r"them $\partial p_i/\partial z_j$ is infinite, not a number. Move T away from 0 to see it."
        )
    asymmetry = float(np.max(np.abs(jacobian - jacobian.T)))
    row_sum = float(np.max(np.abs(jacobian.sum(axis=1))))
    return (
        "Row $i$ shows how $p_i$ moves when each logit moves (the target's row is outlined). The "
        r"matrix is **symmetric**, $\partial p_i/\partial z_j = \partial p_j/\partial z_i$ "
        r"$= -\beta p_i p_j$ off the diagonal, and every row sums to 0: "
        f"probability only moves between classes. Here max |J − Jᵀ| = {number(asymmetry)} and "
        f"max |row sum| = {number(row_sum)}."
        + (
            " At this exact limit the probabilities do not respond to the logits: J = 0."
            if math.isinf(beta) or beta == 0
            else ""
        )
    )


def comparison_note(at_current_temperature: bool) -> str:
    """Why the log beats squared error, and where the curves were drawn."""
    return (
        "The other logits stay as they are while the target's logit moves, so p(target) sweeps from 0 to 1. "
        "Squared error Σ(p − onehot)² is bounded, and **its gradient dies as p(target) → 0**: a confidently "
        "wrong model barely learns. The cross-entropy gradient tends to |β| there, its largest: the worse "
        "the mistake, the stronger the push."
        + (
            ""
            if at_current_temperature
            else " The current T is an exact limit (or the sweep leaves the float range), where the "
            "gradients are 0 or infinite; the curves are drawn at T = 1 and the dotted line marks the "
            "current p(target)."
        )
    )


def training_summary(run: Training, labels: Sequence[str]) -> str:
    """Where training has got to: the loss and p(target) before and now, with the logits for K ≤ 12."""
    name = escape_markdown(labels[run.target])
    if run.steps:
        summary = (
            f"**After {run.steps} step{'' if run.steps == 1 else 's'}:** "
            f"loss {number(run.losses[0])} → {number(run.losses[-1])} nats, "
            f"p({name}) {number(run.p_target[0])} → {number(run.p_target[-1])}. "
            "The loss falls fast while p(target) is small and slows as p(target) nears 1: the gradient "
            "β(p − 1) shrinks with the error. A larger η takes bigger steps."
        )
        if len(labels) <= 12:
            summary += "\n\n" + to_markdown(logits_table(run, labels))
        return summary
    if run.stopped is None:
        return (
            f"**Step 0:** loss {number(run.losses[0])} nats, p({name}) = "
            f"{p_text(run.p_target[0], run.losses[0])}. Press **1 step** or **10 steps**."
        )
    return ""
