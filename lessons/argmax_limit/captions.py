"""What the arg max page writes under its charts, as Markdown built from the page's numbers.

Pure: each function takes the page's :class:`~lessons.argmax_limit.model.Scene` (and the values a chart
drew) and returns the text, so every branch of the story is testable without Streamlit. Class labels are
escaped; numbers go through ``lessons.common.text.number``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from lessons.argmax_limit.model import Scene, beta_to_converge, limits_rows
from lessons.common.tables import markdown_table
from lessons.common.text import escape_markdown, latex_number, number
from softmax_core import argmax_onehot, argmin_onehot, distance_decay_rate


def names(labels: Sequence[str], indices: Sequence[int] | np.ndarray) -> str:
    """Class labels for a sentence, escaped: the first three and a count beyond."""
    shown = [escape_markdown(labels[i]) for i in indices[:3]]
    more = len(indices) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def sci(value: float, digits: int = 4) -> str:
    """A number for a sentence: plain when short (0.659), typeset when it needs a power of ten."""
    text = number(value, digits)
    return f"${latex_number(value, digits)}$" if "e" in text else text


def vector(values: np.ndarray) -> str:
    """A short vector of numbers for a sentence: (0, 0.5, 0.5)."""
    return "(" + ", ".join(number(float(v)) for v in values) + ")"


def where_marked(scene: Scene) -> str:
    """One sentence on a current β that is not drawn at its own place on the log axis, else ''."""
    pinned, beta = scene.axis.pinned, scene.beta
    if pinned is None:
        return ""
    if math.isinf(beta):
        return (
            f" The current β = {sci(beta)} is the exact limit: it is marked at the right end of the "
            f"axis, where $\\sigma_\\beta(z)$ is exactly the one-hot {scene.limit.name}."
        )
    if beta == 0:
        return (
            " The current β = 0 (T = ∞) gives the uniform distribution; a log axis has no 0, so it is "
            "marked at the left end."
        )
    far = "beyond" if pinned == "right" else "before"
    return f" The current β = {sci(beta)} lies far {far} this axis; it is marked at the {pinned} end."


def _story(scene: Scene) -> str:
    limit, k = scene.limit, scene.z.size
    if limit.log10_gap is None:
        return (
            f"All {k} logits are equal, so $\\sigma_\\beta(z)$ is uniform (1/{k} each) for every β: it "
            f"already is its limit, the {limit.name} with the tie split {k} ways."
        )
    winners = names(scene.labels, np.flatnonzero(limit.winners))
    if limit.ties > 1:
        return (
            f"The {scene.extreme_word} logit is shared by {limit.ties} classes ({winners}): their lines "
            f"rise together and level off at 1/{limit.ties} = {number(1 / limit.ties)} each. The limit "
            "splits a tie equally, because equal logits get equal probability at every β."
        )
    return (
        f"The line of {winners} rises to 1 and every other line sinks to 0; the diamonds at "
        f"the right end are the one-hot {limit.name}."
    )


def _shown_note(scene: Scene) -> str:
    k = scene.z.size
    if k > 10:
        return (
            f" With K = {k}, the 9 classes nearest the limit get a line each; the rest are summed (dashed)."
        )
    if np.unique(scene.z).size < k and scene.limit.log10_gap is not None:
        return " Classes with equal logits have equal probabilities at every β: their lines coincide."
    return ""


def convergence(scene: Scene) -> str:
    """Under the probabilities against |β|: where the lines go, and where the current β is."""
    return (
        f"{_story(scene)} At the current β the leading class holds p = {sci(float(scene.p.max()))}."
        f"{where_marked(scene)}{_shown_note(scene)}"
    )


def _rate_now(scene: Scene, current_distance: float) -> str:
    if current_distance == 0:
        return "At the current β the distance is exactly 0: σ is the limit itself" + (
            "." if math.isinf(scene.beta) else ", as e^(−|β|·gap) is below the smallest float."
        )
    slope = sci(-float(distance_decay_rate(scene.z, scene.beta)))
    return f"At the current β it is {sci(current_distance)}, and the slope is {slope}."


def rate(scene: Scene, current_distance: float) -> str:
    """Under the distance chart: the exponential rate e^(−|β|·gap), and a tie's two one-hots."""
    limit = scene.limit
    if limit.log10_gap is None:
        text = (
            "All logits are equal: the distance to the limit is exactly 0 for every β, so there is no "
            "curve on a log axis."
        )
    else:
        text = (
            f"The gap between the {scene.extreme_word} logit and the next is ${limit.gap_latex}$, so the "
            f"distance falls like $e^{{-|\\beta| \\cdot {limit.gap_latex}}}$, the dashed asymptote. That "
            "is exponential, faster than any power law: on log–log axes a power law would be a straight "
            f"line, while this curve bends down ever more steeply, with slope −|β|·gap. "
            f"{_rate_now(scene, current_distance)}"
        )
    if limit.ties > 1:
        function = limit.name.replace(" ", "")
        fate = "still goes to 0" if limit.log10_gap is not None else "is 0"
        ceiling = "levels off at" if limit.log10_gap is not None else "stays at"
        text += (
            f" With the tie split, as `{function}_onehot` does, the distance {fate}; against a one-hot "
            f"on the first tied class alone (what `np.{function}` picks) it {ceiling} 2(1 − "
            f"1/{limit.ties}) = {number(2 * (1 - 1 / limit.ties))} (dotted). The split one-hot is the "
            f"true limit."
        )
    return text


def near_tie(scene: Scene, epsilon: float, pair: np.ndarray, pinned: str | None) -> str:
    """Under the near-tie chart: the closer the tie, the later the limit, and the pair at the current β."""
    if epsilon == 0:
        chosen = (
            "At ε = 0 the logits tie and $\\sigma_\\beta(1, 1) = (\\tfrac12, \\tfrac12)$ for every β: no "
            "β, however large, breaks a tie"
        )
    else:
        target = "(0, 1)" if epsilon * scene.side > 0 else "(1, 0)"
        chosen = (
            f"For ε = {sci(epsilon)}, $\\sigma_\\beta(1, 1 + \\varepsilon) \\to {target}$ as "
            f"β → {'+' if scene.side > 0 else '−'}∞, but it is 99 % of the way there only at |β| = "
            f"ln 99 / |ε| ≈ {sci(beta_to_converge(epsilon))} (circles)"
        )
    pinned_note = "" if pinned is None else f", marked at the {pinned} end,"
    return (
        "Every line tends to its own limit, but the closer the tie, the later: a tenfold smaller ε needs "
        f"a tenfold larger β. {chosen}; at the current β = {sci(scene.beta)}{pinned_note} it is "
        f"({sci(float(pair[0]), 6)}, {sci(float(pair[1]), 6)}). So softmax tends to the {scene.limit.name} "
        "for each z, but not uniformly: no single β is large enough for every z at once."
    )


def logistic(beta: float, pinned: str | None) -> str:
    """Under the two-class path: the simplex is a segment and the path the logistic curve."""
    return (
        "With two classes the probability simplex is a segment, not a triangle, so there is no "
        "ternary plot: $\\sigma_\\beta(z)$ runs along it as the logistic curve "
        "$p_2 = 1/(1 + e^{-\\beta (z_2 - z_1)})$, from the arg min (β → −∞, left) through (½, ½) at "
        "β = 0 to the arg max (β → +∞, right)."
        + ("" if pinned is None else f" The current β = {sci(beta)} is marked at the {pinned} end.")
    )


def _simplex_ties(z3: np.ndarray) -> str:
    if np.unique(z3).size == 1:
        return "All three logits are equal: the whole path is one point, the centre, for every β."
    ends = []
    for name, onehot in (("arg max", argmax_onehot(z3)), ("arg min", argmin_onehot(z3))):
        tied = int(np.count_nonzero(onehot))
        if tied == 2:
            ends.append(f"the {name} end sits mid-edge (two tied)")
        elif tied == 3:
            ends.append(f"the {name} end is the centre (all three tie)")
    if ends:
        return f"Here {' and '.join(ends)}."
    return "A tie would move an end to the middle of an edge (two tied) or to the centre (three)."


def _three_of_many(scene: Scene, chosen: np.ndarray) -> str:
    """Which three classes a triangle shows for K > 3, and the tied extremes it leaves out."""
    z, labels = scene.z, scene.labels
    z3 = z[chosen]
    largest, smallest = chosen[np.argmax(z3)], chosen[np.argmin(z3)]
    middle = next(i for i in chosen if i not in (largest, smallest))
    text = (
        f" With K = {z.size} the triangle shows the largest logit ({names(labels, [largest])}), the next "
        f"largest ({names(labels, [middle])}) and the smallest ({names(labels, [smallest])}), their "
        "probabilities renormalised to sum to 1 (exactly the softmax of those three logits "
        "alone), so the path still ends at the arg max and arg min."
    )
    for word, name, value in (("largest", "arg max", z.max()), ("smallest", "arg min", z.min())):
        missing = np.setdiff1d(np.flatnonzero(z == value), chosen)
        if missing.size:
            one = missing.size == 1
            text += (
                f" {names(labels, missing)} {'also has' if one else 'also have'} the {word} logit but "
                f"{'is' if one else 'are'} not shown: the full {name} splits that tie."
            )
    return text


def simplex(scene: Scene, chosen: np.ndarray) -> str:
    """Under the path on the simplex: the colours, the ends, and which three classes it shows."""
    how_chosen = _three_of_many(scene, chosen) if scene.z.size > 3 else ""
    marked = ", on the end: β = ±∞ is the exact limit" if math.isinf(scene.beta) else ""
    return (
        "Grey: β from −∞ (the arg min corner) to 0 (the uniform centre); blue: from 0 to +∞ (the arg "
        f"max corner); red: the current β{marked}. {_simplex_ties(scene.z[chosen])}{how_chosen}"
    )


def _smooth_now(scene: Scene, current: float) -> str:
    beta, extreme = scene.beta, scene.extreme
    if scene.side < 0:
        return f" At the current β it is {sci(current)}; min z = {sci(extreme)}."
    if beta == 0:
        return " At β = 0 the bound log K / β is infinite, and so is the smooth max (triangle at the top)."
    if math.isinf(beta):
        return f" At β = ∞ it is exactly max z = {sci(extreme)}."
    return (
        f" At the current β it is {sci(current)}, between max z = {sci(extreme)} and "
        f"{sci(extreme + math.log(scene.z.size) / beta)}."
    )


def smooth_max(scene: Scene, current: float) -> str:
    """Under the smooth max chart: squeezed between the extreme and the bound; softmax is its gradient."""
    if scene.side > 0:
        squeeze = (
            "$\\frac{1}{\\beta}\\log\\sum_k e^{\\beta z_k}$ is a soft maximum: never below max z, never "
            "above max z + log K / β, so the shaded band squeezes it onto max z as β grows."
        )
    else:
        squeeze = (
            "For β < 0 the same formula is a soft minimum: never above min z, never below "
            "min z − log K / |β|, so it is squeezed onto min z as β → −∞."
        )
    ties = ""
    if scene.limit.log10_gap is None:
        where = "above max z" if scene.side > 0 else "below min z"
        ties = f" All logits are equal, so it lies exactly on the bound: log K / |β| {where}."
    elif scene.limit.ties > 1:
        count = scene.limit.ties
        ties = f" With {count} tied extremes it approaches as log {count} / |β|, a fixed share of the band."
    return (
        f"{squeeze}{_smooth_now(scene, current)}{ties} Its gradient with respect to z is "
        "$\\sigma_\\beta(z)$: softmax is the soft *arg* max of this soft max."
    )


TIES_EXAMPLE = np.array([1.0, 5.0, 5.0])
TIES_INTRO = (  # the same at every β
    "**Ties split equally.** For z = (1, 5, 5) the limit β → +∞ is arg max = "
    f"{vector(argmax_onehot(TIES_EXAMPLE))}: the tied classes have equal probability at every β, so they "
    f"share the limit. β → −∞ gives the arg min instead, {vector(argmin_onehot(TIES_EXAMPLE))}. The last "
    "two columns are the core's exact limits; the σ column is softmax at the current β.\n\n"
)


def ties(scene: Scene) -> str:
    """Ties split equally: the example (1, 5, 5) and the reader's logits, with both exact limits."""
    return (
        TIES_INTRO
        + markdown_table(*limits_rows(TIES_EXAMPLE, ("class 1", "class 2", "class 3"), scene.beta))
        + "\n\n**Your logits**, the same columns:\n\n"
        + markdown_table(*limits_rows(scene.z, scene.labels, scene.beta))
    )
