"""The arg max limit: as β → ∞ softmax becomes the one-hot arg max — how fast, where it is slow, the path it
takes, and the smooth max whose gradient it is."""

import math

import numpy as np
import streamlit as st

import ui
from lessons.argmax_limit import figures, model
from lessons.common.tables import to_markdown
from lessons.common.text import escape_markdown, latex_number, number
from softmax_core import argmax_onehot, argmin_onehot, smooth_max, softmax, softmax_sweep
from ui.charts import show

shell = ui.setup(__file__)
st.title("The arg max limit")
st.markdown(
    "Softmax is named after the **arg max** it softens: as the inverse temperature β = 1/T grows, "
    "$\\sigma_\\beta(z)$ piles its probability onto the largest logit, and in the limit it *is* the "
    "one-hot arg max (β → −∞ gives the arg min). How fast, why slowly near a tie, along which path, and "
    "the **smooth max** whose gradient softmax is — all for the logits and temperature on the left."
)


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    z, beta, labels = view.logits, view.beta, view.labels
    k = z.size
    side = model.side_of(beta)
    limit = model.limit_of(z, side)
    axis = model.beta_axis(limit, beta)
    p_now = softmax(z, beta=beta)
    marker_name = figures.current_label(beta, axis.pinned)
    x_title = "inverse temperature β (log scale)" if side > 0 else "|β| = −β, for β < 0 (log scale)"
    extreme_word = "largest" if side > 0 else "smallest"

    @st.cache_data(max_entries=64, show_spinner=False)
    def convergence(logits: tuple[float, ...], side: int, decades: tuple[float, float]):
        """σ_β(z) and the smooth max over the |β| axis: what the first charts and the smooth max draw."""
        vector = np.array(logits)
        x = model.BetaAxis(decades, 0.0, None).grid()
        return x, softmax_sweep(vector, side * x), model.smooth_max_curve(vector, x, side)

    @st.cache_data(max_entries=64, show_spinner=False)
    def simplex(logits: tuple[float, ...]):
        """σ_β of three logits for β from −∞ to +∞."""
        betas = model.simplex_betas(np.array(logits))
        return betas, softmax_sweep(np.array(logits), betas)

    def names(indices) -> str:
        """Class labels for a sentence, escaped: the first three and a count beyond."""
        shown = [escape_markdown(labels[i]) for i in indices[:3]]
        more = len(indices) - len(shown)
        return ", ".join(shown) + (f" and {more} more" if more else "")

    def sci(value: float, digits: int = 4) -> str:
        """A number for a sentence: plain when short (0.659), typeset when it needs a power of ten."""
        text = number(value, digits)
        return f"${latex_number(value, digits)}$" if "e" in text else text

    def vector(values) -> str:
        """A short vector of numbers for a sentence: (0, 0.5, 0.5)."""
        return "(" + ", ".join(number(float(v)) for v in values) + ")"

    def where_marked() -> str:
        """One sentence on a current β that is not drawn at its own place on the log axis, else ''."""
        if axis.pinned is None:
            return ""
        if math.isinf(beta):
            return (
                f" The current β = {sci(beta)} is the exact limit: it is marked at the right end of the "
                f"axis, where $\\sigma_\\beta(z)$ is exactly the one-hot {limit.name}."
            )
        if beta == 0:
            return (
                " The current β = 0 (T = ∞) gives the uniform distribution; a log axis has no 0, so it is "
                "marked at the left end."
            )
        far = "beyond" if axis.pinned == "right" else "before"
        return (
            f" The current β = {sci(beta)} lies far {far} this axis; it is marked at the {axis.pinned} end."
        )

    x, sweep, smooth = convergence(tuple(z.tolist()), side, axis.decades)
    winners = np.flatnonzero(limit.winners)

    st.latex(model.distance_formula(limit))

    left, right = st.columns(2, gap="large")
    with left:
        show(
            figures.probability_paths(
                x,
                sweep,
                labels,
                shown=model.shown_classes(z, side),
                limit=limit.onehot,
                limit_name=f"{limit.name} (β = {'+' if side > 0 else '−'}∞)",
                decades=axis.decades,
                current=figures.Current(axis.marker, p_now, marker_name, axis.pinned),
                x_title=x_title,
                title=f"σ<sub>β</sub>(z) tends to the one-hot {limit.name}",
            ),
            key="probabilities",
        )
        if limit.log10_gap is None:
            story = (
                f"All {k} logits are equal, so $\\sigma_\\beta(z)$ is uniform (1/{k} each) for every β: it "
                f"already is its limit, the {limit.name} with the tie split {k} ways."
            )
        elif limit.ties > 1:
            story = (
                f"The {extreme_word} logit is shared by {limit.ties} classes ({names(winners)}): their lines "
                f"rise together and level off at 1/{limit.ties} = {number(1 / limit.ties)} each. The limit "
                "splits a tie equally, because equal logits get equal probability at every β."
            )
        else:
            story = (
                f"The line of {names(winners)} rises to 1 and every other line sinks to 0; the diamonds at "
                f"the right end are the one-hot {limit.name}."
            )
        if k > 10:
            shown_note = (
                f" With K = {k}, the 9 classes nearest the limit get a line each; "
                "the rest are summed (dashed)."
            )
        elif np.unique(z).size < k and limit.log10_gap is not None:
            shown_note = (
                " Classes with equal logits have equal probabilities at every β: their lines coincide."
            )
        else:
            shown_note = ""
        st.markdown(
            f"{story} At the current β the leading class holds p = {sci(float(p_now.max()))}."
            f"{where_marked()}{shown_note}"
        )

    distance = model.distance_to_limit(sweep, limit.winners)
    current_distance = float(model.distance_to_limit(p_now[np.newaxis, :], limit.winners)[0])
    with right:
        show(
            figures.distance_chart(
                x,
                distance,
                asymptote=None if limit.log10_gap is None else model.asymptote(x, limit),
                asymptote_name="asymptote 2(n/m) e<sup>−|β|·gap</sup>",
                first_winner=(
                    model.distance_to_first_winner(sweep, limit.first_winner) if limit.ties > 1 else None
                ),
                decades=axis.decades,
                current=figures.Current(axis.marker, current_distance, marker_name, axis.pinned),
                x_title=x_title,
                limit_name=limit.name,
                title=f"How fast: the L1 distance to the {limit.name}",
            ),
            key="distance",
        )
        if limit.log10_gap is None:
            rate = (
                "All logits are equal: the distance to the limit is exactly 0 for every β, so there is no "
                "curve on a log axis."
            )
        else:
            if current_distance == 0:
                now = "At the current β the distance is exactly 0: σ is the limit itself" + (
                    "." if math.isinf(beta) else ", as e^(−|β|·gap) is below the smallest float."
                )
            else:
                slope = sci(-float(model.decay_rate(abs(beta), limit)))
                now = f"At the current β it is {sci(current_distance)}, and the slope is {slope}."
            rate = (
                f"The gap between the {extreme_word} logit and the next is ${limit.gap_latex}$, so the "
                f"distance falls like $e^{{-|\\beta| \\cdot {limit.gap_latex}}}$, the dashed asymptote. That "
                "is exponential, faster than any power law: on log–log axes a power law would be a straight "
                f"line, while this curve bends down ever more steeply, with slope −|β|·gap. {now}"
            )
        if limit.ties > 1:
            function = limit.name.replace(" ", "")
            fate = "still goes to 0" if limit.log10_gap is not None else "is 0"
            ceiling = "levels off at" if limit.log10_gap is not None else "stays at"
            rate += (
                f" With the tie split, as `{function}_onehot` does, the distance {fate}; against a one-hot "
                f"on the first tied class alone (what `np.{function}` picks) it {ceiling} 2(1 − "
                f"1/{limit.ties}) = {number(2 * (1 - 1 / limit.ties))} (dotted). The split one-hot is the "
                f"true limit."
            )
        st.markdown(rate)

    st.subheader("Near a tie the limit is slow; the path through the simplex")
    ties_col, simplex_col = st.columns(2, gap="large")
    with ties_col:
        # The chart goes above its slider (so it lines up with the simplex beside it) but needs its value.
        near_tie_area = st.container()
        eps_text = st.select_slider(
            "ε, the gap between the logits 1 and 1 + ε",
            options=model.EPS_OPTIONS,
            value=model.EPS_DEFAULT,
            key="eps",
            bind="query-params",
            help="Negative ε puts the second logit below the first: σ_β(1, 1 + ε) then tends to (1, 0).",
        )
        epsilon = float(eps_text)
        # Like the charts above, this one looks the way the current β points: β → +∞, or β → −∞ for β < 0.
        eps_x = np.logspace(*model.EPS_BETA_DECADES, model.POINTS)
        curves = {
            e: model.near_tie_curve(e, side * eps_x)
            for e in dict.fromkeys((*model.REFERENCE_EPSILONS, epsilon))
        }
        converged = {}
        for e in curves:
            at = model.beta_to_converge(e)
            if at <= eps_x[-1]:
                converged[e] = (at, float(softmax(np.array([1.0, 1.0 + e]), beta=side * at)[1]))
        pair = softmax(np.array([1.0, 1.0 + epsilon]), beta=beta)
        marker_x, eps_pinned = model.place_on_log_axis(model.EPS_BETA_DECADES, abs(beta))
        with near_tie_area:
            show(
                figures.near_tie_chart(
                    eps_x,
                    curves,
                    chosen=epsilon,
                    converged=converged,
                    current=figures.Current(
                        marker_x, float(pair[1]), figures.current_label(beta, eps_pinned), eps_pinned
                    ),
                    x_title=x_title,
                ),
                key="near_tie",
            )
        if epsilon == 0:
            chosen_text = (
                "At ε = 0 the logits tie and $\\sigma_\\beta(1, 1) = (\\tfrac12, \\tfrac12)$ for every β: no "
                "β, however large, breaks a tie"
            )
        else:
            target = "(0, 1)" if epsilon * side > 0 else "(1, 0)"
            chosen_text = (
                f"For ε = {sci(epsilon)}, $\\sigma_\\beta(1, 1 + \\varepsilon) \\to {target}$ as "
                f"β → {'+' if side > 0 else '−'}∞, but it is 99 % of the way there only at |β| = ln 99 / |ε| "
                f"≈ {sci(model.beta_to_converge(epsilon))} (circles)"
            )
        pinned_note = "" if eps_pinned is None else f", marked at the {eps_pinned} end,"
        st.markdown(
            "Every line tends to its own limit, but the closer the tie, the later: a tenfold smaller ε needs "
            f"a tenfold larger β. {chosen_text}; at the current β = {sci(beta)}{pinned_note} it is "
            f"({sci(float(pair[0]), 6)}, {sci(float(pair[1]), 6)}). So softmax tends to the {limit.name} for "
            "each z, but not uniformly: no single β is large enough for every z at once."
        )

    with simplex_col:
        if k == 2:
            two = model.logistic_axis(z, beta)
            two_betas = two.grid()
            show(
                figures.logistic_path(
                    two_betas,
                    softmax_sweep(z, two_betas),
                    (argmin_onehot(z), argmax_onehot(z)),
                    labels,
                    current=figures.Current(
                        two.marker, p_now, figures.current_label(beta, two.pinned), two.pinned
                    ),
                    half_width=two.half_width,
                ),
                key="simplex",
            )
            st.markdown(
                "With two classes the probability simplex is a segment, not a triangle, so there is no "
                "ternary plot: $\\sigma_\\beta(z)$ runs along it as the logistic curve "
                "$p_2 = 1/(1 + e^{-\\beta (z_2 - z_1)})$, from the arg min (β → −∞, left) through (½, ½) at "
                "β = 0 to the arg max (β → +∞, right)."
                + (
                    ""
                    if two.pinned is None
                    else f" The current β = {sci(beta)} is marked at the {two.pinned} end."
                )
            )
        else:
            chosen = model.three_classes(z)
            z3 = z[chosen]
            simplex_betas, path = simplex(tuple(z3.tolist()))
            subset = "" if k == 3 else f" (3 of {k} classes)"
            show(
                figures.simplex_path(
                    simplex_betas,
                    path,
                    [labels[i] for i in chosen],
                    current=figures.Current(0.0, softmax(z3, beta=beta), f"current β = {number(beta)}"),
                    title=f"The path of σ<sub>β</sub>(z) on the simplex{subset}",
                ),
                key="simplex",
            )
            ends = []
            for name, onehot in (("arg max", argmax_onehot(z3)), ("arg min", argmin_onehot(z3))):
                tied = int(np.count_nonzero(onehot))
                if tied == 2:
                    ends.append(f"the {name} end sits mid-edge (two tied)")
                elif tied == 3:
                    ends.append(f"the {name} end is the centre (all three tie)")
            if np.unique(z3).size == 1:
                tie_text = "All three logits are equal: the whole path is one point, the centre, for every β."
            elif ends:
                tie_text = f"Here {' and '.join(ends)}."
            else:
                tie_text = (
                    "A tie would move an end to the middle of an edge (two tied) or to the centre (three)."
                )
            how_chosen = ""
            if k > 3:
                largest, smallest = chosen[np.argmax(z3)], chosen[np.argmin(z3)]
                middle = next(i for i in chosen if i not in (largest, smallest))
                how_chosen = (
                    f" With K = {k} the triangle shows the largest logit ({names([largest])}), the next "
                    f"largest ({names([middle])}) and the smallest ({names([smallest])}), their "
                    "probabilities renormalised to sum to 1 (exactly the softmax of those three logits "
                    "alone), so the path still ends at the arg max and arg min."
                )
                for word, name, value in (("largest", "arg max", z.max()), ("smallest", "arg min", z.min())):
                    missing = np.setdiff1d(np.flatnonzero(z == value), chosen)
                    if missing.size:
                        how_chosen += (
                            f" {names(missing)} {'also has' if missing.size == 1 else 'also have'} the "
                            f"{word} logit but {'is' if missing.size == 1 else 'are'} not shown: the full "
                            f"{name} splits that tie."
                        )
            marked = ", on the end: β = ±∞ is the exact limit" if math.isinf(beta) else ""
            st.markdown(
                "Grey: β from −∞ (the arg min corner) to 0 (the uniform centre); blue: from 0 to +∞ (the arg "
                f"max corner); red: the current β{marked}. {tie_text}{how_chosen}"
            )

    st.subheader("The smooth max, and ties in the limit")
    smooth_col, table_col = st.columns(2, gap="large")
    with smooth_col:
        extreme = float(z.max() if side > 0 else z.min())
        current_smooth = float(smooth_max(z, beta))
        show(
            figures.smooth_max_chart(
                x,
                smooth,
                extreme=extreme,
                log_k=math.log(k),
                side=side,
                decades=axis.decades,
                y_range=model.smooth_max_range(limit, extreme),
                current=figures.Current(axis.marker, current_smooth, marker_name, axis.pinned),
                x_title=x_title,
            ),
            key="smooth_max",
        )
        if side > 0:
            squeeze = (
                "$\\frac{1}{\\beta}\\log\\sum_k e^{\\beta z_k}$ is a soft maximum: never below max z, never "
                "above max z + log K / β, so the shaded band squeezes it onto max z as β grows."
            )
            if beta == 0:
                now = (
                    " At β = 0 the bound log K / β is infinite, "
                    "and so is the smooth max (triangle at the top)."
                )
            elif math.isinf(beta):
                now = f" At β = ∞ it is exactly max z = {sci(extreme)}."
            else:
                now = (
                    f" At the current β it is {sci(current_smooth)}, between max z = {sci(extreme)} and "
                    f"{sci(extreme + math.log(k) / beta)}."
                )
        else:
            squeeze = (
                "For β < 0 the same formula is a soft minimum: never above min z, never below "
                "min z − log K / |β|, so it is squeezed onto min z as β → −∞."
            )
            now = f" At the current β it is {sci(current_smooth)}; min z = {sci(extreme)}."
        if limit.log10_gap is None:
            ties_note = " All logits are equal, so it lies exactly on the bound: log K / |β| above max z."
            if side < 0:
                ties_note = " All logits are equal, so it lies exactly on the bound: log K / |β| below min z."
        elif limit.ties > 1:
            ties_note = (
                f" With {limit.ties} tied extremes it approaches as log {limit.ties} / |β|, "
                "a fixed share of the band."
            )
        else:
            ties_note = ""
        st.markdown(
            f"{squeeze}{now}{ties_note} Its gradient with respect to z is $\\sigma_\\beta(z)$: softmax is "
            "the soft *arg* max of this soft max."
        )

    with table_col:
        example = np.array([1.0, 5.0, 5.0])
        st.markdown(
            "**Ties split equally.** For z = (1, 5, 5) the limit β → +∞ is arg max = "
            f"{vector(argmax_onehot(example))}: the tied classes have equal probability at every β, so they "
            f"share the limit. β → −∞ gives the arg min instead, {vector(argmin_onehot(example))}. The last "
            "two columns are the core's exact limits; the σ column is softmax at the current β.\n\n"
            + to_markdown(model.limits_table(example, ("class 1", "class 2", "class 3"), beta))
            + "\n\n**Your logits**, the same columns:\n\n"
            + to_markdown(model.limits_table(z, labels, beta))
        )


shell.live(draw)
