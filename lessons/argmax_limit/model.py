r"""The numbers behind the arg max page, pure and testable: which limit the current β approaches, a β axis
fitted to the logits, the L1 distance to the limit, and the three classes a ternary plot can show.

Everything here works from what the core returns (`softmax_sweep`, `argmax_onehot`, `smooth_max`,
`distance_to_limit`, ...); nothing re-derives softmax or the distance to its limit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from lessons.common.text import latex_number, number
from softmax_core import (
    argmax_onehot,
    argmin_onehot,
    distance_asymptote,
    distance_to_limit,
    smooth_max,
    softmax,
    softmax_sweep,
)

# The ε choices of the near-tie chart, as they appear in the URL (``eps=-0.0001``): stable strings.
EPS_OPTIONS = (
    "-0.1", "-0.01", "-0.001", "-0.0001", "-1e-06", "0", "1e-06", "0.0001", "0.001", "0.01", "0.1",
)  # fmt: skip
EPS_DEFAULT = "0.0001"
REFERENCE_EPSILONS = (0.1, 0.01, 1e-4, 0.0)
# β from 0.1 to 10⁸ covers every ε offered: σ_β(1, 1 + ε) turns over near β ≈ 1/|ε|.
EPS_BETA_DECADES = (-1.0, 8.0)
# How close "converged" is in the near-tie chart: p reaches 99 % of the way to its limit.
NEAR_LIMIT = 0.99

# The β axis of the convergence charts: from where βz barely differs (β · spread = 0.01) to where the
# distance to the limit is about e^{-40} ≈ 4 × 10⁻¹⁸; a current β outside is included up to six decades
# to the left and up to β · gap = 750, beyond which e^{-β · gap} is 0 in floating point.
_START = 0.01
_END = 40.0
_UNDERFLOW = 750.0
_EXTEND_LEFT = 6.0
_ALL_EQUAL_DECADES = (-2.0, 2.0)
_DECADE_LIMITS = (-320.0, 300.0)
_MARGIN = 0.3  # decades left beyond a current β that widened the axis
POINTS = 301

Pinned = Literal["left", "right"] | None


def log10_difference(a: float, b: float) -> float:
    """log₁₀(a − b) for a > b, also when a − b overflows (1e308 − (−1e308))."""
    difference = a - b
    if math.isinf(difference):
        return math.log10(a / 2 - b / 2) + math.log10(2.0)
    return math.log10(difference)


def side_of(beta: float) -> int:
    """+1 when β ≥ 0 (the page looks towards β → +∞ and the arg max), −1 when β < 0 (the arg min)."""
    return 1 if beta >= 0 else -1


@dataclass(frozen=True)
class Limit:
    """The limit σ_β(z) approaches as β → ±∞ (``side``), and the gap that sets how fast.

    ``winners`` are the logits at the extreme (the max for side +1, the min for side −1); ``ties`` counts
    them; ``runners_up`` counts the logits at the next distinct value, ``gap`` away. With all logits equal
    there is no next value: ``gap`` is 0 and σ_β(z) equals its limit for every β.
    """

    side: int
    onehot: np.ndarray
    winners: np.ndarray
    ties: int
    gap: float
    log10_gap: float | None
    runners_up: int
    log10_spread: float | None

    @property
    def name(self) -> str:
        return "arg max" if self.side > 0 else "arg min"

    @property
    def gap_latex(self) -> str:
        """The gap for LaTeX, also when it exceeds the floats (1e308 − (−1e308) = 2 × 10³⁰⁸)."""
        if math.isfinite(self.gap) or self.log10_gap is None:
            return latex_number(self.gap)
        exponent = math.floor(self.log10_gap)
        return rf"{10 ** (self.log10_gap - exponent):.4g} \times 10^{{{exponent}}}"

    @property
    def first_winner(self) -> int:
        """The winner ``np.argmax`` (or ``np.argmin``) would pick: the first one."""
        return int(np.flatnonzero(self.winners)[0])


def limit_of(z: np.ndarray, side: int) -> Limit:
    """The one-hot limit of σ_β(z) as β → +∞ (side +1) or −∞ (side −1), ties split equally."""
    onehot = argmax_onehot(z) if side > 0 else argmin_onehot(z)
    winners = onehot > 0
    extreme = float(z[winners][0])
    rest = z[~winners]
    if rest.size == 0:
        return Limit(side, onehot, winners, int(winners.sum()), 0.0, None, 0, None)
    second = float(rest.max() if side > 0 else rest.min())
    high, low = (extreme, second) if side > 0 else (second, extreme)
    return Limit(
        side=side,
        onehot=onehot,
        winners=winners,
        ties=int(winners.sum()),
        gap=high - low,
        log10_gap=log10_difference(high, low),
        runners_up=int(np.count_nonzero(z == second)),
        log10_spread=log10_difference(float(z.max()), float(z.min())),
    )


@dataclass(frozen=True)
class BetaAxis:
    """A log axis of |β| > 0 for the convergence charts and where the current β sits on it.

    ``marker`` is the x of the current state: |β| itself, or an end of the axis when β is an exact limit
    (±∞ on the right, 0 on the left: a log axis has no 0) or too far out to draw (``pinned`` says which).
    """

    decades: tuple[float, float]
    marker: float
    pinned: Pinned

    def grid(self, points: int = POINTS) -> np.ndarray:
        return np.logspace(*self.decades, points)


def _natural_decades(limit: Limit) -> tuple[float, float, float]:
    """The axis that shows the whole approach, and how far right a current β may widen it."""
    if limit.log10_gap is None:
        low, high = _ALL_EQUAL_DECADES
        return low, high, high + _EXTEND_LEFT
    low = math.log10(_START) - limit.log10_spread
    high = math.log10(_END) - limit.log10_gap
    return low, high, math.log10(_UNDERFLOW) - limit.log10_gap


def _clamp(decade: float) -> float:
    return min(max(decade, _DECADE_LIMITS[0]), _DECADE_LIMITS[1])


def beta_axis(limit: Limit, beta: float) -> BetaAxis:
    """The |β| axis for these logits, widened to include the current β when that stays meaningful."""
    low, high, right_cap = _natural_decades(limit)
    low, high, right_cap = _clamp(low), _clamp(high), _clamp(right_cap)
    left_cap = _clamp(low - _EXTEND_LEFT)
    pinned: Pinned = None
    x = abs(beta)
    if math.isinf(x):
        pinned = "right"
    elif x == 0:
        pinned = "left"
    else:
        decade = math.log10(x)
        if decade < low:
            if decade >= left_cap:
                low = decade - _MARGIN
            else:
                pinned = "left"
        elif decade > high:
            if decade <= right_cap:
                high = decade + _MARGIN
            else:
                pinned = "right"
    if high - low < 1:
        high = low + 1
    marker = x if pinned is None else 10.0 ** (low if pinned == "left" else high)
    return BetaAxis((low, high), marker, pinned)


def place_on_log_axis(decades: tuple[float, float], x: float) -> tuple[float, Pinned]:
    """Where a current |β| goes on a fixed log axis: itself, or an end (0 and tiny on the left, ∞ and huge on
    the right)."""
    if x == 0 or (math.isfinite(x) and math.log10(x) < decades[0]):
        return 10.0 ** decades[0], "left"
    if math.isinf(x) or math.log10(x) > decades[1]:
        return 10.0 ** decades[1], "right"
    return x, None


def distance_to_first_winner(probabilities: np.ndarray, first: int) -> np.ndarray:
    """‖σ_β(z) − e_first‖₁ per row: against a one-hot that gives a tie to its first member only (what
    ``np.argmax`` picks), twice the mass outside it; beside the core's ``distance_to_limit``, which splits
    the tie, it shows that only the split one-hot is the limit."""
    return 2.0 * np.delete(probabilities, first, axis=1).sum(axis=1)


def shown_classes(z: np.ndarray, side: int, lines: int = 10) -> np.ndarray:
    """The classes drawn one line each: all of them up to ``lines``, else the ``lines − 1`` nearest the limit
    (largest logits for the arg max, smallest for the arg min; ties in class order), in class order."""
    if z.size <= lines:
        return np.arange(z.size)
    order = np.argsort(-side * z, kind="stable")
    return np.sort(order[: lines - 1])


def three_classes(z: np.ndarray) -> np.ndarray:
    """For a ternary plot: the largest logit, the next largest and the smallest (first occurrences), in class
    order — so the path still ends at the true arg max (β → +∞) and arg min (β → −∞) corners."""
    if z.size <= 3:
        return np.arange(z.size)
    remaining = np.ones(z.size, dtype=bool)
    chosen = []
    for pick in (np.argmax, np.argmax, np.argmin):
        index = int(np.flatnonzero(remaining)[pick(z[remaining])])
        chosen.append(index)
        remaining[index] = False
    return np.sort(np.array(chosen))


def simplex_betas(z: np.ndarray, points: int = 121) -> np.ndarray:
    """β from −∞ through 0 to +∞ for the path on the simplex: each half spans its own approach."""
    halves = []
    for side in (-1, 1):
        # β = ±∞ leaves the axis as these logits need it (the marker is pinned, nothing widens).
        low, high = beta_axis(limit_of(z, side), side * math.inf).decades
        halves.append(side * np.logspace(low, high, points))
    return np.concatenate(([-math.inf], halves[0][::-1], [0.0], halves[1], [math.inf]))


@dataclass(frozen=True)
class LinearBetaAxis:
    """A symmetric linear β axis for two classes, where the path is the logistic curve."""

    half_width: float
    marker: float
    pinned: Pinned

    def grid(self, points: int = POINTS) -> np.ndarray:
        return np.linspace(-self.half_width, self.half_width, points)


def logistic_axis(z: np.ndarray, beta: float) -> LinearBetaAxis:
    """β from −B to B with B · |z₂ − z₁| = 8 (p within 3 × 10⁻⁴ of 0 or 1 at the ends), widened to a current
    β up to β · |z₂ − z₁| = 100; beyond, and at β = ±∞, the marker is pinned at an end."""
    high, low = float(z.max()), float(z.min())
    if high == low:
        half_width, widest = 10.0, 1e6
    else:
        decade = log10_difference(high, low)
        half_width = 10.0 ** _clamp(math.log10(8.0) - decade)
        widest = 10.0 ** _clamp(2.0 - decade)
    pinned: Pinned = None
    if math.isinf(beta) or abs(beta) > widest:
        pinned = "right" if beta > 0 else "left"
    elif abs(beta) > half_width:
        half_width = 1.1 * abs(beta)
    if pinned is None:
        marker = beta
    else:
        marker = half_width if pinned == "right" else -half_width
    return LinearBetaAxis(half_width, marker, pinned)


@dataclass(frozen=True)
class Scene:
    """What every section of the page reads: the logits and β, the limit they approach, the |β| axis
    fitted to them and σ_β(z) now."""

    z: np.ndarray
    beta: float
    labels: tuple[str, ...]
    limit: Limit
    axis: BetaAxis
    p: np.ndarray

    @classmethod
    def of(cls, z: np.ndarray, beta: float, labels: Sequence[str]) -> Scene:
        limit = limit_of(z, side_of(beta))
        return cls(z, beta, tuple(labels), limit, beta_axis(limit, beta), softmax(z, beta=beta))

    @property
    def side(self) -> int:
        return self.limit.side

    @property
    def x_title(self) -> str:
        """The title of every |β| axis: β itself, or −β when the page looks towards β → −∞."""
        return "inverse temperature β (log scale)" if self.side > 0 else "|β| = −β, for β < 0 (log scale)"

    @property
    def extreme_word(self) -> str:
        return "largest" if self.side > 0 else "smallest"

    @property
    def limit_name(self) -> str:
        """The limit's legend entry: 'arg max (β = +∞)'."""
        return f"{self.limit.name} (β = {'+' if self.side > 0 else '−'}∞)"

    @property
    def extreme(self) -> float:
        """max z (towards the arg max) or min z (towards the arg min)."""
        return float(self.z.max() if self.side > 0 else self.z.min())


@dataclass(frozen=True)
class Convergence:
    """The convergence charts' curves over the |β| axis (β = side · |β|): σ_β(z), its L1 distance to the
    limit and that distance's asymptote (the core's), and the smooth max."""

    x: np.ndarray
    probabilities: np.ndarray
    distance: np.ndarray
    asymptote: np.ndarray
    smooth: np.ndarray


def convergence(z: np.ndarray, side: int, decades: tuple[float, float]) -> Convergence:
    """Every curve the convergence charts and the smooth max chart draw, over the |β| axis."""
    x = BetaAxis(decades, 0.0, None).grid()
    betas = side * x
    return Convergence(
        x,
        softmax_sweep(z, betas),
        distance_to_limit(z, betas),
        distance_asymptote(z, betas),
        smooth_max_curve(z, x, side),
    )


def distance_now(scene: Scene) -> float:
    """‖σ_β(z) − limit‖₁ at the scene's β (the core's, ties split)."""
    return float(distance_to_limit(scene.z, scene.beta))


def simplex_sweep(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """β from −∞ to +∞ and σ_β(z) there, for the path on the simplex."""
    betas = simplex_betas(z)
    return betas, softmax_sweep(z, betas)


@dataclass(frozen=True)
class NearTie:
    """The near-tie chart's numbers: σ_β(1, 1 + ε)₂ over |β| for the reference ε and the chosen one,
    where each is 99 % of the way to its limit, and the pair at the current β with its place on the axis."""

    x: np.ndarray
    curves: dict[float, np.ndarray]
    converged: dict[float, tuple[float, float]]
    pair: np.ndarray
    marker: float
    pinned: Pinned


def near_tie(epsilon: float, beta: float) -> NearTie:
    """The near-tie chart for ε at the current β; like the charts above, it looks the way β points (β → +∞,
    or β → −∞ for β < 0)."""
    side = side_of(beta)
    x = np.logspace(*EPS_BETA_DECADES, POINTS)
    curves = {e: near_tie_curve(e, side * x) for e in dict.fromkeys((*REFERENCE_EPSILONS, epsilon))}
    converged = {}
    for e in curves:
        at = beta_to_converge(e)
        if at <= x[-1]:
            converged[e] = (at, float(softmax(np.array([1.0, 1.0 + e]), beta=side * at)[1]))
    pair, pinned = near_tie_now(epsilon, beta)
    marker, _ = place_on_log_axis(EPS_BETA_DECADES, abs(beta))
    return NearTie(x, curves, converged, pair, marker, pinned)


def near_tie_now(epsilon: float, beta: float) -> tuple[np.ndarray, Pinned]:
    """σ_β(1, 1 + ε) at β, and which end of the near-tie chart's axis marks β when it lies beyond (else None):
    what the caption reads, without the chart's curves."""
    pair = softmax(np.array([1.0, 1.0 + epsilon]), beta=beta)
    return pair, place_on_log_axis(EPS_BETA_DECADES, abs(beta))[1]


def smooth_max_curve(z: np.ndarray, x: np.ndarray, side: int) -> np.ndarray:
    """The core's smooth max (smooth min for side −1) at β = side · x, one call per β."""
    return np.array([smooth_max(z, side * float(value)) for value in x])


def effective_epsilon(epsilon: float) -> float:
    """The gap the computer holds between 1 and 1 + ε (1 + 10⁻⁴ is not exactly 1.0001)."""
    return (1.0 + epsilon) - 1.0


def near_tie_curve(epsilon: float, betas: np.ndarray) -> np.ndarray:
    """σ_β(1, 1 + ε)₂ over the given β: the probability of the logit 1 + ε."""
    return softmax_sweep(np.array([1.0, 1.0 + epsilon]), betas)[:, 1]


def beta_to_converge(epsilon: float) -> float:
    r"""The β at which σ_β(1, 1 + ε) is 99 % of the way to its limit: the logistic
    :math:`1/(1 + e^{-\beta\varepsilon}) = 0.99` gives :math:`\beta = \ln 99 / |\varepsilon|`; ∞ for a tie."""
    gap = abs(effective_epsilon(epsilon))
    if gap == 0:
        return math.inf
    return math.log(NEAR_LIMIT / (1 - NEAR_LIMIT)) / gap


def smooth_max_range(limit: Limit, extreme: float) -> tuple[float, float]:
    """The y range of the smooth-max chart: a little beyond the extreme on the far side, three spreads of z
    (or 3 when all logits are equal) towards the bound, inside the floats."""
    scale = 1.0 if limit.log10_spread is None else 10.0 ** min(limit.log10_spread, 307.0)
    near, far = extreme - limit.side * 0.25 * scale, extreme + limit.side * 3.0 * scale
    low, high = sorted((near, far))
    largest = float(np.finfo(np.float64).max)
    return max(low, -largest), min(high, largest)


def limits_rows(
    logits: np.ndarray, labels: Sequence[str], beta: float, *, rows: int = 12
) -> tuple[list[str], list[list[str]]]:
    """The limits table as display strings: its header, and per class its label, z, σ_β(z) at the given β and
    the two exact limits, arg max (β → +∞) and arg min (β → −∞), ties split.

    Beyond ``rows`` classes only the winners of either limit get a row; the others are summed in one
    ("the other N classes"), which is 0 in both limits."""
    p = softmax(logits, beta=beta)
    top, bottom = argmax_onehot(logits), argmin_onehot(logits)
    keep = np.arange(logits.size) if logits.size <= rows else np.flatnonzero((top > 0) | (bottom > 0))
    header = ["class", "z", f"σ at β = {number(beta)}", "β → +∞", "β → −∞"]
    body = [[labels[i], *(number(float(column[i])) for column in (logits, p, top, bottom))] for i in keep]
    rest = np.flatnonzero((top == 0) & (bottom == 0)) if logits.size > rows else keep[:0]
    if rest.size:
        spread = f"{number(float(logits[rest].min()))} … {number(float(logits[rest].max()))}"
        sums = (number(float(column[rest].sum())) for column in (p, top, bottom))
        body.append([f"the other {rest.size} classes (total)", spread, *sums])
    return header, body


def distance_formula(limit: Limit) -> str:
    """The distance to the limit and its asymptote, with this vector's gap and counts substituted: one
    relation a line, each centred, so that it fits a phone as well as a projector."""
    sign = "-" if limit.side > 0 else ""  # −|β| is −β on the arg max side, +β on the arg min side
    name = r"\arg\max" if limit.side > 0 else r"\arg\min"
    exact = (
        rf"\bigl\lVert \sigma_\beta(z) - {name}(z) \bigr\rVert_1 = 2 \sum_{{k \notin M}} \sigma_\beta(z)_k"
    )
    if limit.log10_gap is None:
        equal = r"\text{all logits equal: uniform for every } \beta"
        return rf"\begin{{gathered}} {exact} = 0 \\ ({equal}) \end{{gathered}}"
    ratio = 2 * limit.runners_up / limit.ties
    factor = "" if ratio == 1 else latex_number(ratio)
    gap = limit.gap_latex
    rate = r"\beta" if limit.gap == 1 else rf"{gap}\,\beta"
    return (
        rf"\begin{{gathered}} {exact} \\ \approx \frac{{2n}}{{m}}\, e^{{-|\beta| \cdot \mathrm{{gap}}}}"
        rf" = {factor}\, e^{{{sign}{rate}}} \\ (n = {limit.runners_up},\ m = {limit.ties},"
        rf"\ \mathrm{{gap}} = {gap}) \end{{gathered}}"
    )
