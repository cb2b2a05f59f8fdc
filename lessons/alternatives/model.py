"""The maps compared on the 'Why exponentiate?' page, and their property table, computed live.

Every cell of the table except 'differentiable' is the result of running the map: on the current
logits, on a shifted copy z + c and at twice the inverse temperature. 'Differentiable' is a fact
about the map as a function, documented here per map, not something one evaluation can show.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from lessons.common.text import escape_markdown, number
from softmax_core import entmax15, log_softmax, logistic, normalize, softmax, sparsemax

EPS = float(np.finfo(np.float64).eps)
LN2 = math.log(2.0)
_LARGEST = float(np.finfo(np.float64).max)

Family = Literal["exponential", "sparse", "homogeneous"]


@dataclass(frozen=True)
class Map:
    """One way to turn logits into probabilities, applied to z at inverse temperature β."""

    key: str
    name: str
    family: Family
    differentiable: str  # documented, not computed
    probabilities: Callable[[np.ndarray, float], np.ndarray]
    # For the exponential maps: log p, exact where p underflows; −inf only where p is exactly 0.
    log_probabilities: Callable[[np.ndarray, float], np.ndarray] | None = None


MAPS: tuple[Map, ...] = (
    Map(
        "softmax",
        "softmax (eᶻ)",
        "exponential",
        "yes, smooth",
        lambda z, beta: softmax(z, beta=beta),
        lambda z, beta: log_softmax(z, beta=beta),
    ),
    Map("sparsemax", "sparsemax", "sparse", "almost everywhere: kinks where the support changes",
        lambda z, beta: sparsemax(z, beta=beta)),
    Map("entmax15", "1.5-entmax", "sparse", "yes, once: its Jacobian is continuous",
        lambda z, beta: entmax15(z, beta=beta)),
    Map("square", "normalised square (z²)", "homogeneous", "yes, where some z ≠ 0",
        lambda z, beta: normalize(z, "square", beta=beta)),
    Map("relu", "normalised ReLU (max(0, z))", "homogeneous", "no: a kink at 0, no gradient for z < 0",
        lambda z, beta: normalize(z, "relu", beta=beta)),
    Map(
        "exp2",
        "base-2 exponential (2ᶻ)",
        "exponential",
        "yes, smooth",
        lambda z, beta: normalize(z, "exp2", beta=beta),
        # 2^(βz) = e^(β ln 2 · z): softmax at β ln 2.
        lambda z, beta: log_softmax(z, beta=beta * LN2),
    ),
)  # fmt: skip
MAPS_BY_KEY = {m.key: m for m in MAPS}

PROPERTIES = (
    "outputs positive",
    "sum to 1",
    "order preserved",
    "invariant to z + c",
    "changes with T (T → T/2)",
    "differentiable (documented)",
    "sparse (exact zeros)",
)
_DASH = "—"


@dataclass(frozen=True)
class Outcome:
    """A map's output on some logits: the probabilities, or why the map is undefined there."""

    p: np.ndarray | None
    log_p: np.ndarray | None = None
    undefined: str | None = None


def evaluate(m: Map, z: np.ndarray, beta: float) -> Outcome:
    """Run the map; an undefined normalisation (0/0) becomes its reason, in the core's words."""
    try:
        p = m.probabilities(z, beta)
    except ValueError as error:
        # "normalize(z, 'relu') is undefined here: every logit is ≤ 0, ..." → the part after "here: ".
        return Outcome(None, undefined=str(error).split("here: ", 1)[-1])
    log_p = m.log_probabilities(z, beta) if m.log_probabilities is not None else None
    return Outcome(p, log_p)


def exact_zeros(outcome: Outcome) -> np.ndarray:
    """Where p is exactly 0 as a number, not only in floating point: e^(βz) never is, for finite βz."""
    if outcome.log_p is not None:
        return outcome.log_p == -math.inf
    return outcome.p == 0


def probe_shift(z: np.ndarray) -> float | None:
    """The constant c added to every logit to test invariance: half the size of the logits, at least 1/2.

    Its sign is flipped if z + c would overflow; None when neither sign fits (logits near ±1.8e308).
    """
    c = max(1.0, float(np.max(np.abs(z)))) / 2
    for candidate in (c, -c):
        with np.errstate(all="ignore"):
            if np.isfinite(z + candidate).all():
                return candidate
    return None


def _tolerance(m: Map, beta: float, spread: float, k: int) -> float:
    """How far two outputs that are equal in exact arithmetic may differ after rounding.

    Rounding z + c moves each logit by about eps·|z + c|; the exponential and sparse maps multiply
    that by |β|. The homogeneous maps ignore |β|, and their rounding is a few eps, relative.
    """
    if m.family == "homogeneous" or math.isinf(beta):
        return 64 * EPS * k
    return 64 * EPS * (k + abs(beta) * spread)


def change(m: Map, a: Outcome, b: Outcome, beta: float, spread: float) -> str | None:
    """None if two outputs of a map agree within rounding, else how much they differ, in words.

    The exponential maps are compared in log space, so that probabilities too small for a float
    (e^-1000) still count: softmax(0, 1e6) changes with T although both values print as (0, 1).
    """
    if a.p is None or b.p is None:
        return None if a.p is None and b.p is None else "undefined in one of the two"
    tolerance = _tolerance(m, beta, spread, a.p.size)
    largest = float(np.max(np.abs(a.p - b.p)))
    if a.log_p is None or b.log_p is None:
        return f"p moves up to {number(largest)}" if largest > tolerance else None
    both_zero = (a.log_p == -math.inf) & (b.log_p == -math.inf)
    # inf − inf where both are 0 (masked out), and a tolerance × scale that overflows to inf (no test).
    with np.errstate(invalid="ignore", over="ignore"):
        gap = np.where(both_zero, 0.0, np.abs(a.log_p - b.log_p))
        scale = np.where(both_zero, 0.0, np.maximum(np.abs(a.log_p), np.abs(b.log_p)))
        moved = (gap > tolerance * (1 + scale)).any()
    if not moved:
        return None
    if largest > tolerance:
        return f"p moves up to {number(largest)}"
    return f"log p moves up to {number(float(np.max(gap)), 2)} (p too small to print)"


def positive_cell(outcome: Outcome) -> str:
    zeros = int(np.count_nonzero(exact_zeros(outcome)))
    return "yes" if zeros == 0 else f"no: {zeros} of {outcome.p.size} {'is' if zeros == 1 else 'are'} 0"


def sparse_cell(outcome: Outcome) -> str:
    zeros = int(np.count_nonzero(exact_zeros(outcome)))
    return "no" if zeros == 0 else f"yes: {zeros} of {outcome.p.size} {'is' if zeros == 1 else 'are'} 0"


def sum_cell(outcome: Outcome) -> str:
    total = math.fsum(outcome.p)
    return "yes" if abs(total - 1.0) <= 16 * EPS * outcome.p.size else f"no: Σ p = {number(total, 17)}"


def order_cell(z: np.ndarray, outcome: Outcome, labels: Sequence[str]) -> str:
    """'yes' if a larger logit never gets a smaller probability; else the worst pair, by name."""
    p = outcome.p
    tolerance = 8 * EPS * float(p.max())
    violation = np.where(z[:, None] < z[None, :], p[:, None] - p[None, :], 0.0)
    i, j = np.unravel_index(int(np.argmax(violation)), violation.shape)
    if violation[i, j] <= tolerance:
        return "yes"
    return f"no: {labels[i]} has a smaller z but a larger p than {labels[j]}"


def shift_cell(m: Map, z: np.ndarray, beta: float, outcome: Outcome, c: float | None) -> str:
    """Whether adding c to every logit leaves the output unchanged, here."""
    if c is None:
        return f"{_DASH} (no room to add a constant to logits near 1.8e308)"
    shifted = evaluate(m, z + c, beta)
    if shifted.p is None:
        return "no: undefined at z + c"
    if math.isinf(beta):
        # The limits jump where logits tie, and rounding z + c can tie logits closer than its float spacing
        # ((0, 1e-117) + 1/2 is (1/2, 1/2)): compare with the logits the shift produced, (z + c) − c.
        with np.errstate(all="ignore"):
            rounded = (z + c) - c
        if not np.array_equal(rounded, z) and np.isfinite(rounded).all():
            outcome = evaluate(m, rounded, beta)
    moved = change(m, outcome, shifted, beta, float(np.max(np.abs(z))) + abs(c))
    return "yes" if moved is None else f"no: {moved}"


def scaling_cell(m: Map, z: np.ndarray, beta: float, outcome: Outcome) -> str:
    """Whether halving T (doubling β) changes the output, here."""
    moved = change(m, outcome, evaluate(m, z, 2.0 * beta), 2.0 * beta, float(np.max(np.abs(z))))
    return "no" if moved is None else f"yes: {moved}"


def property_table(z: np.ndarray, labels: Sequence[str], beta: float) -> pd.DataFrame:
    """The live property table: one row per map, one column per property (see the module notes)."""
    c = probe_shift(z)
    rows = {}
    for m in MAPS:
        outcome = evaluate(m, z, beta)
        if outcome.p is None:
            cells = ["undefined here: every weight is 0, and 0/0 has no value", *[_DASH] * 4]
            cells += [m.differentiable, _DASH]
        else:
            cells = [
                positive_cell(outcome),
                sum_cell(outcome),
                order_cell(z, outcome, labels),
                shift_cell(m, z, beta, outcome, c),
                scaling_cell(m, z, beta, outcome),
                m.differentiable,
                sparse_cell(outcome),
            ]
        rows[m.name] = cells
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(PROPERTIES)).rename_axis("map")


def shifted(z: np.ndarray, shift: float) -> np.ndarray:
    """z + c; beyond ±1.8e308 a logit overflows to ±inf, which the core reads as a limit."""
    with np.errstate(over="ignore"):
        return z + shift


def difference_axis(difference: float, beta: float, points: int = 401) -> np.ndarray:
    """Logit differences d for the two-class curve: symmetric about 0, wide enough to show the
    sigmoid's rise (six temperatures each side) and the current difference (when finite)."""
    half_width = 6.0 / abs(beta) if math.isfinite(beta) and beta != 0 else 1.0
    if math.isfinite(difference):
        half_width = max(half_width, 1.25 * abs(difference))
    half_width = min(half_width, _LARGEST / 2)  # linspace's step 2w/(n − 1) must not overflow
    return np.linspace(-half_width, half_width, points)


# --- What the page says about the current view ----------------------------------------------------


def temperature_label(beta: float, temperature: float) -> str:
    """The current temperature for titles: a negative β reads better as β (T = −0.5 is β = −2, and
    β = −∞ is not "T = 0")."""
    return f"β = {number(beta)}" if beta < 0 else f"T = {number(temperature)}"


def undefined_note(outcomes: dict[str, Outcome]) -> str:
    """One sentence per map that is undefined on these logits, saying why (empty when all are defined)."""
    return " ".join(
        f"**{escape_markdown(m.name)} is undefined here:** {escape_markdown(outcomes[m.key].undefined)}"
        for m in MAPS
        if outcomes[m.key].p is None and outcomes[m.key].undefined is not None
    )


@dataclass(frozen=True)
class TwoClasses:
    """Softmax of (d, 0) and the logistic σ(βd) over logit differences d, and the current first two
    logits' (difference, p) when the difference is a finite number."""

    differences: np.ndarray
    softmax_curve: np.ndarray
    sigmoid_curve: np.ndarray
    current: tuple[float, float] | None


def two_classes(z: np.ndarray, beta: float) -> TwoClasses:
    """The two-class curves around the difference of the first two logits, at β."""
    first, second = float(z[0]), float(z[1])
    difference = first - second  # Python floats: an overflow is inf, silently
    differences = difference_axis(difference, beta)
    pair = np.column_stack([differences, np.zeros_like(differences)])
    current = None
    if math.isfinite(difference):
        current = (difference, float(softmax([first, second], beta=beta)[0]))
    return TwoClasses(differences, softmax(pair, beta=beta)[:, 0], logistic(differences, beta=beta), current)


def gumbel_note(z: np.ndarray, beta: float, shares: np.ndarray) -> str:
    """Under the Gumbel-max histogram: the arg max of z/T plus Gumbel noise samples softmax, and the
    ``shares`` of the samples on each class are now this far from it."""
    gap = float(np.max(np.abs(shares - softmax(z, beta=beta))))
    return (
        "Add independent Gumbel noise $G_i = -\\log(-\\log U_i)$ to each $z_i/T$ and take the arg max: "
        "class $i$ wins with probability exactly softmax$(z/T)_i$. More samples, closer bars: the "
        f"largest gap from p is now {number(gap)} and shrinks like $1/\\sqrt{{n}}$. The seed fixes the "
        "noise, so a shared link shows this same histogram."
    )
