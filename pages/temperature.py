"""Temperature: how T moves the probabilities, the entropy and the bars, and why only z/T matters."""

import math

import numpy as np
import pandas as pd
import streamlit as st

import ui
from lessons.common.scales import temperature_grid
from lessons.common.tables import to_markdown
from lessons.common.text import latex_number, number
from lessons.temperature import figures
from softmax_core import entropy, softmax, softmax_sweep
from ui.charts import show

ANIMATION_TEMPERATURES = np.concatenate(([0.0], np.logspace(-2, 2, 39), [math.inf]))
SCALE_LIMIT = 1e6


# cache_resource, not cache_data: the figure is never mutated (st.plotly_chart copies it), and unpickling a
# copy of 41 frames on every rerun would cost more than the chart itself.
@st.cache_resource(max_entries=32, show_spinner=False)
def animation(logits: tuple[float, ...], labels: tuple[str, ...]):
    # Independent of the current T: moving the sidebar leaves this figure, and a playing animation, alone.
    betas = np.array([math.inf, *(1.0 / ANIMATION_TEMPERATURES[1:-1]), 0.0])
    sweep = softmax_sweep(np.array(logits), betas)
    return figures.temperature_animation(ANIMATION_TEMPERATURES, sweep, labels)


def scaled_gap(gap: float, beta: float) -> float:
    """βΔ, with the limits read as limits: a tie stays a tie even at T = 0, and β = 0 flattens any gap."""
    if gap == 0 or beta == 0:
        return 0.0
    return gap * beta


def _match_scale(beta: float) -> None:
    st.session_state["scale_c"] = beta


shell = ui.setup(__file__)
st.title("Temperature")
above = st.container()
st.subheader("Watch it melt: an animation from T = 0 to T = ∞")
# Only the logits and labels shape it, and they change only on full reruns: outside the fragment,
# a temperature move leaves the figure, and a playing animation, alone.
show(animation(tuple(float(x) for x in shell.logits), shell.labels), key="animation")
st.markdown(
    "Press **▶ Play**: the browser plays 41 temperatures, spaced evenly on a log scale from 0.01 to 100 "
    "plus the two exact limits, without asking the server again. Drag the slider under the chart to "
    "scrub by hand. Watch the bars pass the dashed uniform level 1/K: the largest logit falls towards it "
    "from above, the smallest rises towards it from below."
)

below = st.container()


def draw(view: ui.View) -> None:
    """The whole page below the title follows the view: it is redrawn on every move."""
    z, labels, beta, temperature = view.logits, view.labels, view.beta, view.temperature
    k = len(z)
    p = softmax(z, beta=beta)
    t_text, b_text = number(temperature), number(beta)
    ties = int(np.count_nonzero(z == z.max()))  # logits sharing the top: at T = 0 they split p equally

    with above:
        st.markdown(
            "The temperature $T$ divides every logit before the softmax: $p = \\operatorname{softmax}(z / "
            "T)$, or with $\\beta = 1/T$, $\\operatorname{softmax}(\\beta z)$. Cold ($T \\to 0$) hands all "
            "the probability to the largest logit, hot ($T \\to \\infty$) spreads it evenly, and a negative "
            "β hands it to the smallest. The red dotted marks are the sidebar's current setting: "
            f"**T = {t_text}**, β = {b_text}."
        )

        st.subheader("Every class, from cold to hot")
        t_span = figures.temperature_span(temperature)
        temperatures = temperature_grid(*t_span)
        t_sweep = softmax_sweep(z, 1.0 / temperatures)
        cold, hot = softmax(z, temperature=0), softmax(z, temperature=math.inf)
        half_width = figures.beta_span(beta)
        betas = figures.beta_grid(half_width)
        show(
            figures.probabilities_vs_temperature(
                temperatures, t_sweep, labels, cold_limit=cold, hot_limit=hot, temperature=temperature,
                beta=beta, current=p,
            ),
            key="probabilities_vs_temperature",
        )  # fmt: skip
        legend_note = (
            ""
            if k <= figures.MAX_LEGEND
            else f" With {k} classes the legend is hidden: hover a curve for its name."
        )
        if ties == 1:
            winner = "the largest logit's curve has climbed to 1 and all others have fallen to 0"
        else:
            winner = (
                f"the {ties} tied largest logits share it, 1/{ties} each, and all others have fallen to 0"
            )
        st.markdown(
            "Read it from right to left as the system cools: every curve starts at the uniform "
            f"$1/K = {latex_number(1 / k)}$ (the circles at T = ∞) and ends at the arg max (the circles at T "
            f"= 0), where {winner}. Most of the change happens where T is about the size of the gaps between "
            f"the "
            f"logits." + legend_note
        )
        show(
            figures.probabilities_vs_beta(
                betas, softmax_sweep(z, betas), labels, argmin_limit=softmax(z, beta=-math.inf),
                argmax_limit=cold, beta=beta, current=p,
            ),
            key="probabilities_vs_beta",
        )  # fmt: skip
        st.markdown(
            "The same path against β = 1/T, so both limits are in view: the arg max at the right end, the "
            "uniform distribution at β = 0 in the middle, and, continuing into negative β, the order "
            "reversed until the smallest logit takes everything (the arg min at the left end). The axis is "
            "linear between −1 and 1 and logarithmic beyond. Classes with equal logits share a curve, drawn "
            "dashed."
        )

        st.subheader("Entropy: how undecided the distribution is")
        # `or`: a link with an empty ?units= gives None even from a required control.
        units = st.segmented_control(
            "Entropy in", ["nats", "bits"], default="nats", required=True, key="units", bind="query-params",
            help="nats use the natural logarithm, bits the base-2 logarithm: H in bits = H in nats / ln 2.",
        ) or "nats"  # fmt: skip
        base = 2.0 if units == "bits" else None
        ceiling = math.log2(k) if units == "bits" else math.log(k)
        h_now = float(entropy(p, base=base))
        h_cold = float(entropy(cold, base=base))
        show(
            figures.entropy_vs_temperature(
                temperatures, entropy(t_sweep, base=base), units=units, ceiling=ceiling,
                cold_limit=h_cold, temperature=temperature, beta=beta, current=h_now,
            ),
            key="entropy_vs_temperature",
        )  # fmt: skip
        if ties == k:
            climb = (
                "All the logits are equal, so every temperature gives the uniform distribution and H stays "
                "flat."
            )
        else:
            start = (
                "0 (one class is certain)"
                if ties == 1
                else f"log {ties} = {number(h_cold)} ({ties} logits tie for the top)"
            )
            climb = (
                f"It rises with the temperature from {start} at T = 0, steepest where the logits' gaps are "
                "comparable to T: far below, the arg max has already won; far above, all classes look alike."
            )
        st.markdown(
            f"Entropy $H = -\\sum_i p_i \\log p_i$ measures how undecided $p$ is; its ceiling "
            f"$\\log K = {latex_number(ceiling)}$ {units} is reached only by the uniform distribution. "
            f"Now $H = {latex_number(h_now)}$ {units}, {100 * h_now / ceiling:.0f} % of the ceiling. " + climb
        )

        st.subheader("Ten times colder, ten times hotter")
        scales = (beta * 10, beta, beta / 10)
        show(
            figures.small_multiples(
                softmax_sweep(z, np.array(scales)),
                labels,
                titles=(
                    f"T/10 = {number(temperature / 10)}",
                    f"T = {t_text} (now)",
                    f"10·T = {number(temperature * 10)}",
                ),
            ),
            key="small_multiples",
        )
        if ties == k:
            small_note = "All the logits are equal, so every temperature gives the same uniform bars."
        elif math.isinf(beta) or beta == 0:
            small_note = (
                f"T = {t_text} is an exact limit, and a limit maps to itself: dividing or multiplying it by "
                "10 leaves it where it is, so the three panels are the same. Pick a finite T in the sidebar "
                "to see them differ."
            )
        else:
            small_note = (
                "One factor of ten in T changes the bars as much as multiplying every logit by ten (or by a "
                "tenth). Compare the middle panel with its neighbours: on the colder side the leader gains, "
                "on the hotter side the bars level out towards 1/K."
            )
        st.markdown(small_note)

    with below:
        st.subheader("Relative to the temperature")
        order = np.argsort(-z, kind="stable")
        first, second = int(order[0]), int(order[1])
        larger, smaller = float(z[first]), float(z[second])  # Python floats: an overflow is a quiet inf
        # (name, two logits larger first, T, β): the cited example at two temperatures, then the user's own.
        comparisons = [
            ("σ(0, 10) at T = 1", np.array([10.0, 0.0]), 1.0, 1.0),
            ("σ(0, 10) at T = 100", np.array([10.0, 0.0]), 100.0, 0.01),
            (f"yours: {labels[first]} vs {labels[second]}", np.array([larger, smaller]), temperature, beta),
        ]
        if math.isfinite(10 * larger) and math.isfinite(10 * smaller):
            comparisons.append(
                ("yours ×10, at 10·T", np.array([10 * larger, 10 * smaller]), temperature * 10, beta / 10)
            )
        splits = [softmax(two, beta=b) for _, two, _, b in comparisons]
        gaps = [float(two[0]) - float(two[1]) for _, two, _, _ in comparisons]
        scaled_gaps = [scaled_gap(g, b) for g, (*_, b) in zip(gaps, comparisons, strict=True)]
        reference = np.linspace(-12, 12, 241)
        show(
            figures.gap_over_temperature(
                reference,
                softmax_sweep(np.array([1.0, 0.0]), reference)[:, 0],  # σ(x) = softmax(x·(1, 0))₁
                [
                    (name, x, float(q[0]))
                    for (name, *_), x, q in zip(comparisons, scaled_gaps, splits, strict=True)
                ],
            ),
            key="gap_over_temperature",
        )
        table = pd.DataFrame(
            {
                "logits": [f"{number(two[1])}, {number(two[0])}" for _, two, _, _ in comparisons],
                "T": [number(t) for _, _, t, _ in comparisons],
                "gap Δ": [number(g) for g in gaps],
                "Δ / T": [number(x) for x in scaled_gaps],
                "p (smaller, larger)": [f"{number(q[1], 5)}, {number(q[0], 5)}" for q in splits],
            },
            index=pd.Index([name for name, *_ in comparisons], name="two logits"),
        )
        st.markdown(
            to_markdown(table) + "\n\n"
            "The same gap of 10 is a landslide at T = 1 and almost a coin toss at T = 100: softmax never "
            "sees a logit difference Δ alone, only Δ/T. The larger of any two logits gets the share σ(Δ/T) "
            "of their combined probability, whatever the other classes do, so scaling the logits and T by "
            "the same factor (the last row) changes nothing."
        )

        st.subheader("Is the temperature trainable?")
        c_col, explain = st.columns([1, 2], gap="large")
        with c_col:
            scale = st.number_input(
                "Scale the logits by c", min_value=-SCALE_LIMIT, max_value=SCALE_LIMIT, value=1.0, step=0.1,
                format="%.6g", key="scale_c", bind="query-params",
                help="The green bars are softmax(c·z): the logits multiplied by c, with no temperature "
                "at all.",
            )  # fmt: skip
            exact = math.isfinite(beta) and abs(beta) <= SCALE_LIMIT
            st.button(
                f"Set c = 1/T = {b_text}" if exact else "Set c = 1/T",
                key="match_scale",
                on_click=_match_scale,
                args=(beta,),
                disabled=not exact,
                help="Copy the sidebar's β = 1/T into c."
                if exact
                else "1/T is infinite at T = 0: try a large c instead.",
            )
        p_scaled = softmax(z, beta=scale)
        difference = float(np.max(np.abs(p - p_scaled)))
        with explain:
            st.latex(
                r"\operatorname{softmax}\!\left(\frac{Wx + b}{T}\right) = \operatorname{softmax}(W'x + b'),"
                r"\qquad W' = \frac{W}{T},\; b' = \frac{b}{T}"
            )
            if np.array_equal(p, p_scaled):
                verdict = (
                    f"c = {number(scale)} = 1/T: the two sets of bars are **identical**, to the last bit."
                )
            elif difference <= 1e-12:
                verdict = (
                    f"c ≈ 1/T: the bars agree to within rounding (largest difference {number(difference)})."
                )
            elif math.isinf(beta):
                verdict = (
                    f"1/T = {b_text}: no finite c gives the exact {'arg max' if beta > 0 else 'arg min'}, "
                    f"but a large enough c comes as close as you like (largest difference now "
                    f"{number(difference)}; try c = {'100' if beta > 0 else '−100'})."
                )
            else:
                verdict = (
                    f"c = {number(scale)} but 1/T = {b_text}: the bars differ by up to {number(difference)}. "
                    "Set c = 1/T and they coincide."
                )
            st.markdown(verdict)
        show(
            figures.scaled_logits_bars(p, p_scaled, labels, temperature=temperature, scale=scale),
            key="scaled_logits",
        )
        st.markdown(
            "The logits come out of a last layer, $z = Wx + b$, so dividing them by $T$ is the same as "
            "training weights $W/T$ and bias $b/T$: a network trained together with a temperature simply "
            "learns larger or smaller weights, and a separate $T$ adds nothing it could not already do. "
            "$T$ matters when the weights are **frozen** or cannot grow: "
            "**calibration** (temperature scaling, Guo et al. 2017) fits one $T$ on held-out data after "
            "training, so that a confidence of 90 % comes close to being right 90 % of the time, without "
            "changing a single prediction, since "
            "dividing by $T > 0$ keeps the arg max; **distillation** (Hinton et al. 2015) softens teacher "
            "and student with the same high $T$ so the student learns which wrong classes are *nearly* "
            "right; and with normalised embeddings (CLIP) the logits are bounded cosines, so a learned $T$ "
            "is the only way to make them sharp."
        )


shell.live(draw)
