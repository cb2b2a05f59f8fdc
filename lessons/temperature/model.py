"""The Temperature page's numbers and words: the sweeps over T, the two-logit comparisons of
"Relative to the temperature", and the sentences that follow the current view. Pure (no Streamlit);
every probability comes from the core.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lessons.common.scales import temperature_grid
from lessons.common.tables import to_markdown
from lessons.common.text import latex_number, number
from lessons.temperature.figures import MAX_LEGEND, temperature_span
from softmax_core import softmax, softmax_sweep

# The animation: 39 temperatures, evenly spaced on a log scale from 0.01 to 100, plus both exact limits.
ANIMATION_TEMPERATURES = np.concatenate(([0.0], np.logspace(-2, 2, 39), [math.inf]))


def animation_sweep(logits: np.ndarray) -> np.ndarray:
    """softmax(z/T) at each of ``ANIMATION_TEMPERATURES``, T = 0 and T = ∞ as the exact limits."""
    betas = np.array([math.inf, *(1.0 / ANIMATION_TEMPERATURES[1:-1]), 0.0])
    return softmax_sweep(logits, betas)


def temperature_sweep(logits: np.ndarray, temperature: float) -> tuple[np.ndarray, np.ndarray]:
    """The temperatures of the T axis (stretched to hold the current T) and softmax(z/T) at each."""
    temperatures = temperature_grid(*temperature_span(temperature))
    return temperatures, softmax_sweep(logits, 1.0 / temperatures)


def tied_winners(logits: np.ndarray) -> int:
    """How many logits share the top: at T = 0 they split the probability equally."""
    return int(np.count_nonzero(logits == logits.max()))


# --- Relative to the temperature -----------------------------------------------------------------


def scaled_gap(gap: float, beta: float) -> float:
    """βΔ, with the limits read as limits: a tie stays a tie even at T = 0, and β = 0 flattens any gap."""
    if gap == 0 or beta == 0:
        return 0.0
    return gap * beta


@dataclass(frozen=True)
class Comparison:
    """Two logits (the larger first) at one temperature, and how softmax splits them."""

    name: str
    logits: np.ndarray
    temperature: float
    beta: float

    @property
    def gap(self) -> float:
        """Δ, the larger logit less the smaller."""
        return float(self.logits[0]) - float(self.logits[1])

    @property
    def scaled_gap(self) -> float:
        """Δ/T, the only thing softmax sees of the pair."""
        return scaled_gap(self.gap, self.beta)

    @property
    def split(self) -> np.ndarray:
        """softmax of the pair: (p larger, p smaller)."""
        return softmax(self.logits, beta=self.beta)


def comparisons(
    logits: np.ndarray, labels: Sequence[str], temperature: float, beta: float
) -> list[Comparison]:
    """The cited example σ(0, 10) at T = 1 and T = 100, the user's two largest logits at the current
    T, and (when ten times them is still a float) the same ×10 at 10·T."""
    order = np.argsort(-logits, kind="stable")
    first, second = int(order[0]), int(order[1])
    larger, smaller = float(logits[first]), float(logits[second])  # Python floats: an overflow is a quiet inf
    rows = [
        Comparison("σ(0, 10) at T = 1", np.array([10.0, 0.0]), 1.0, 1.0),
        Comparison("σ(0, 10) at T = 100", np.array([10.0, 0.0]), 100.0, 0.01),
        Comparison(
            f"yours: {labels[first]} vs {labels[second]}", np.array([larger, smaller]), temperature, beta
        ),
    ]
    if math.isfinite(10 * larger) and math.isfinite(10 * smaller):
        rows.append(
            Comparison(
                "yours ×10, at 10·T", np.array([10 * larger, 10 * smaller]), temperature * 10, beta / 10
            )
        )
    return rows


def comparison_table(rows: Sequence[Comparison]) -> pd.DataFrame:
    """The comparisons as display strings, one row each."""
    return pd.DataFrame(
        {
            "logits": [f"{number(row.logits[1])}, {number(row.logits[0])}" for row in rows],
            "T": [number(row.temperature) for row in rows],
            "gap Δ": [number(row.gap) for row in rows],
            "Δ / T": [number(row.scaled_gap) for row in rows],
            "p (smaller, larger)": [f"{number(row.split[1])}, {number(row.split[0])}" for row in rows],
        },
        index=pd.Index([row.name for row in rows], name="two logits"),
    )


# --- Words ---------------------------------------------------------------------------------------


def curves_note(logits: np.ndarray) -> str:
    """How to read the probabilities against T: from uniform to the arg max (shared by tied winners)."""
    k, ties = len(logits), tied_winners(logits)
    if ties == 1:
        winner = "the largest logit's curve has climbed to 1 and all others have fallen to 0"
    else:
        winner = f"the {ties} tied largest logits share it, 1/{ties} each, and all others have fallen to 0"
    legend = "" if k <= MAX_LEGEND else f" With {k} classes the legend is hidden: hover a curve for its name."
    return (
        "Read it from right to left as the system cools: every curve starts at the uniform "
        f"$1/K = {latex_number(1 / k)}$ (the circles at T = ∞) and ends at the arg max (the circles at T "
        f"= 0), where {winner}. Most of the change happens where T is about the size of the gaps between the "
        "logits." + legend
    )


def entropy_note(logits: np.ndarray, units: str, current: float, cold: float, ceiling: float) -> str:
    """What the entropy is now, against its ceiling log K, and how it climbs with T."""
    k, ties = len(logits), tied_winners(logits)
    if ties == k:
        climb = (
            "All the logits are equal, so every temperature gives the uniform distribution and H stays flat."
        )
    else:
        start = (
            "0 (one class is certain)"
            if ties == 1
            else f"log {ties} = {number(cold)} ({ties} logits tie for the top)"
        )
        climb = (
            f"It rises with the temperature from {start} at T = 0, steepest where the logits' gaps are "
            "comparable to T: far below, the arg max has already won; far above, all classes look alike."
        )
    return (
        f"Entropy $H = -\\sum_i p_i \\log p_i$ measures how undecided $p$ is; its ceiling "
        f"$\\log K = {latex_number(ceiling)}$ {units} is reached only by the uniform distribution. "
        f"Now $H = {latex_number(current)}$ {units}, {100 * current / ceiling:.0f} % of the ceiling. " + climb
    )


def small_multiples_note(logits: np.ndarray, temperature: float, beta: float) -> str:
    """What the three panels at T/10, T and 10·T show."""
    if tied_winners(logits) == len(logits):
        return "All the logits are equal, so every temperature gives the same uniform bars."
    if math.isinf(beta) or beta == 0:
        return (
            f"T = {number(temperature)} is an exact limit, and a limit maps to itself: dividing or "
            "multiplying it by 10 leaves it where it is, so the three panels are the same. Pick a finite T "
            "in the sidebar to see them differ."
        )
    return (
        "One factor of ten in T changes the bars as much as multiplying every logit by ten (or by a "
        "tenth). Compare the middle panel with its neighbours: on the colder side the leader gains, "
        "on the hotter side the bars level out towards 1/K."
    )


def scale_verdict(p: np.ndarray, p_scaled: np.ndarray, scale: float, beta: float) -> tuple[str, str, str]:
    """Whether softmax(c·z) equals softmax(z/T) now, and what to do if not: three pieces of plain text, the
    middle one the verdict (drawn bold; every case has the three, so the sentence follows the slider)."""
    b_text = number(beta)
    difference = float(np.max(np.abs(p - p_scaled)))
    if np.array_equal(p, p_scaled):
        return f"c = {number(scale)} = 1/T: the two sets of bars are ", "identical", ", to the last bit."
    if difference <= 1e-12:
        return (
            "c ≈ 1/T: the bars ",
            "agree to within rounding",
            f" (largest difference {number(difference)}).",
        )
    if math.isinf(beta):
        return (
            f"1/T = {b_text}: ",
            f"no finite c gives the exact {'arg max' if beta > 0 else 'arg min'}",
            ", but a large enough c comes as close as you like "
            f"(largest difference now {number(difference)}; try c = {'100' if beta > 0 else '−100'}).",
        )
    return (
        f"c = {number(scale)} but 1/T = {b_text}: the bars ",
        "differ",
        f" by up to {number(difference)}. Set c = 1/T and they coincide.",
    )


def intro(temperature: float, beta: float) -> str:
    """The page's first paragraph, which names the sidebar's temperature."""
    return (
        "The temperature $T$ divides every logit before the softmax: $p = \\operatorname{softmax}(z / "
        "T)$, or with $\\beta = 1/T$, $\\operatorname{softmax}(\\beta z)$. Cold ($T \\to 0$) hands all "
        "the probability to the largest logit, hot ($T \\to \\infty$) spreads it evenly, and a negative "
        "β hands it to the smallest. The red dotted marks are the sidebar's current setting: "
        f"**T = {number(temperature)}**, β = {number(beta)}."
    )


@functools.lru_cache(maxsize=256)
def relative_text(logits: tuple[float, ...], labels: tuple[str, ...], temperature: float, beta: float) -> str:
    """The table of two-logit splits and what it shows, only Δ/T matters; kept (the page sends it for the
    stops near the current one, and a move adds one or two)."""
    rows = comparisons(np.array(logits, dtype=np.float64), labels, temperature, beta)
    return (
        to_markdown(comparison_table(rows)) + "\n\n"
        "The same gap of 10 is a landslide at T = 1 and almost a coin toss at T = 100: softmax never "
        "sees a logit difference Δ alone, only Δ/T. The larger of any two logits gets the share σ(Δ/T) "
        "of their combined probability, whatever the other classes do, so scaling the logits and T by "
        "the same factor (the last row) changes nothing."
    )
