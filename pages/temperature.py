"""Temperature: how T moves the probabilities, the entropy and the bars, and why only z/T matters."""

import math

import numpy as np
import streamlit as st

import ui
from lessons.temperature import charts, figures, model
from lessons.temperature.params import SCALE_C, UNITS
from softmax_core import softmax
from ui import instant_chart, instant_numbers
from ui.charts import show
from ui.state import current


# cache_resource, not cache_data: the figure is never mutated (st.plotly_chart copies it), and unpickling a
# copy of 41 frames on every rerun would cost more than the chart itself.
@st.cache_resource(max_entries=32, show_spinner=False)
def animation(logits: tuple[float, ...], labels: tuple[str, ...]):
    # Independent of the current T: moving the sidebar leaves this figure, and a playing animation, alone.
    sweep = model.animation_sweep(np.array(logits))
    return figures.temperature_animation(model.ANIMATION_TEMPERATURES, sweep, labels)


def match_scale() -> None:
    # The temperature now, not the one the button was drawn at: a move of the slider leaves this page's
    # content as drawn until the thumb rests (ui.shell, follows=True), the button included.
    beta = current().beta
    if math.isfinite(beta) and abs(beta) <= SCALE_C.high:
        st.session_state[SCALE_C.name] = beta
    else:
        st.toast("1/T is infinite at T = 0: try a large c instead.", icon=":material/info:")


@ui.section("animation")
def section_animation(shell: ui.Shell) -> None:
    """Outside the fragment: only the logits and labels shape it, and they change only on full reruns,
    so a temperature move leaves the figure, and a playing animation, alone."""
    st.subheader("Watch it melt: an animation from T = 0 to T = ∞")
    show(animation(tuple(float(x) for x in shell.logits), shell.labels), key="animation", in_fragment=False)
    st.markdown(
        "Press **▶ Play**: the browser plays 39 temperatures, spaced evenly on a log scale from 0.01 to "
        "100 plus the two exact limits, without asking the server again. Drag the slider under the chart "
        "to scrub by hand. Watch the bars pass the dashed uniform level 1/K: the largest logit falls "
        "towards it from above, the smallest rises towards it from below."
    )


def section_intro(view: ui.View) -> None:
    instant_numbers.markdown(lambda at: model.intro(at.temperature, at.beta), view.state, key="intro")


@ui.section("curves")
def section_curves(view: ui.View) -> None:
    """Every class's probability against T, then against β through β = 0 into negative β."""
    z, labels = view.logits, view.labels
    st.subheader("Every class, from cold to hot")
    instant_chart.follow(
        lambda at: charts.probabilities_vs_temperature(z, labels, at.temperature, at.beta), view.state,
        key="probabilities_vs_temperature",
    )  # fmt: skip
    st.markdown(model.curves_note(z))
    instant_chart.follow(
        lambda at: charts.probabilities_vs_beta(z, labels, at.beta), view.state, key="probabilities_vs_beta"
    )
    st.markdown(
        "The same path against β = 1/T, so both limits are in view: the arg max at the right end, the "
        "uniform distribution at β = 0 in the middle, and, continuing into negative β, the order "
        "reversed until the smallest logit takes everything (the arg min at the left end). The axis is "
        "linear between −1 and 1 and logarithmic beyond. Classes with equal logits share a curve, drawn "
        "dashed."
    )


@ui.section("entropy")
def section_entropy(view: ui.View) -> None:
    """The entropy against T, in nats or bits."""
    z = view.logits
    st.subheader("Entropy: how undecided the distribution is")
    # `or`: a link with an empty ?units= gives None even from a required control.
    units = st.segmented_control(
        "Entropy in", UNITS.choices, default=UNITS.default, required=True, key=UNITS.name,
        bind="query-params",
        help="nats use the natural logarithm, bits the base-2 logarithm: H in bits = H in nats / ln 2.",
    ) or UNITS.default  # fmt: skip
    instant_chart.follow(
        lambda at: charts.entropy_vs_temperature(z, at.temperature, at.beta, units), view.state,
        key="entropy_vs_temperature", inputs=units,
    )  # fmt: skip
    instant_numbers.markdown(
        lambda at: model.entropy_note(z, units, *charts.entropies(z, at.beta, units)), view.state,
        key="entropy_note",
    )  # fmt: skip


@ui.section("multiples")
def section_small_multiples(view: ui.View) -> None:
    """The bars at T/10, T and 10·T side by side."""
    st.subheader("Ten times colder, ten times hotter")
    z, labels = view.logits, view.labels
    instant_chart.follow(
        lambda at: charts.small_multiples(z, labels, at.temperature, at.beta), view.state,
        key="small_multiples",
    )  # fmt: skip
    instant_numbers.markdown(
        lambda at: model.small_multiples_note(z, at.temperature, at.beta), view.state,
        key="small_multiples_note",
    )  # fmt: skip


@ui.section("relative")
def section_relative(view: ui.View) -> None:
    """Only Δ/T decides how two logits split: the cited example and the user's own top two."""
    st.subheader("Relative to the temperature")
    z, labels = view.logits, view.labels
    instant_chart.follow(
        lambda at: charts.gap_over_temperature(model.comparisons(z, labels, at.temperature, at.beta)),
        view.state, key="gap_over_temperature",
    )  # fmt: skip
    instant_numbers.markdown(
        lambda at: model.relative_text(at.logits, labels, at.temperature, at.beta), view.state,
        key="relative_text",
    )  # fmt: skip


@ui.section("trainable")
def section_trainable(view: ui.View) -> None:
    """Dividing by T is multiplying by c = 1/T: the bars, the button that matches them, and why it matters."""
    st.subheader("Is the temperature trainable?")
    c_col, explain = st.columns([1, 2], gap="large")
    with c_col:
        scale = st.number_input(
            "Scale the logits by c", min_value=SCALE_C.low, max_value=SCALE_C.high, value=SCALE_C.default,
            step=0.1, format="%.6g", key=SCALE_C.name, bind="query-params",
            help="The green bars are softmax(c·z): the logits multiplied by c, with no temperature at all.",
        )  # fmt: skip
        # Its label names no number: the number follows the slider in the verdict beside it.
        st.button(
            "Set c = 1/T", key="match_scale", on_click=match_scale,
            help="Copy the sidebar's β = 1/T into c (at T = 0, 1/T is infinite: try a large c instead).",
        )  # fmt: skip
    p_scaled = softmax(view.logits, beta=scale)
    with explain:
        # Two lines: on one the formula is wider than this column and its end is cut off.
        st.latex(
            r"\begin{gathered} \operatorname{softmax}\!\left(\frac{Wx + b}{T}\right) = "
            r"\operatorname{softmax}(W'x + b'), \\ W' = \frac{W}{T},\quad b' = \frac{b}{T} \end{gathered}"
        )
        instant_numbers.pieces(
            lambda at: model.scale_verdict(softmax(view.logits, beta=at.beta), p_scaled, scale, at.beta),
            view.state, key="scale_verdict",
        )  # fmt: skip
    z, labels = view.logits, view.labels
    instant_chart.follow(
        lambda at: charts.scaled_logits_bars(z, labels, at.temperature, at.beta, scale), view.state,
        key="scaled_logits", inputs=scale,
    )  # fmt: skip
    st.markdown(
        "The logits come out of a last layer, $z = Wx + b$, so dividing them by $T$ is the same as "
        "training weights $W/T$ and bias $b/T$: a network trained together with a temperature simply "
        "learns larger or smaller weights, and a separate $T$ adds nothing it could not already do. "
        "$T$ matters when the weights are **frozen** or cannot grow: "
        "**calibration** (temperature scaling, Guo et al. 2017) fits one $T$ on held-out data after "
        "training, so that a confidence of 90 % comes close to being right 90 % of the time, without "
        "changing a single prediction, since dividing by $T > 0$ keeps the arg max; **distillation** "
        "(Hinton et al. 2015) softens teacher and student with the same high $T$ so the student learns "
        "which wrong classes are *nearly* right; and with normalised embeddings (CLIP) the logits are "
        "bounded cosines, so a learned $T$ is the only way to make them sharp."
    )


def draw(view: ui.View) -> None:
    """The whole page below the title follows the view: it is redrawn on every move."""
    with above:
        section_intro(view)
        section_curves(view)
        section_entropy(view)
        section_small_multiples(view)
    with below:
        section_relative(view)
        section_trainable(view)


shell = ui.setup(__file__)
st.title("Temperature")
above = st.container()
section_animation(shell)
below = st.container()
shell.live(draw, follows=True)
