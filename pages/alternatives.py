"""Why exponentiate? Softmax beside its alternatives, its properties checked live, and why e^z."""

from collections.abc import Callable, Hashable
from functools import cache, partial

import streamlit as st

import ui
from lessons.alternatives import charts, model
from lessons.alternatives.params import MAX_SEED, SAMPLES, SEED, SHIFT, TAU
from lessons.common import tables
from lessons.common.text import escape_markdown, number
from ui import instant_chart, instant_numbers
from ui.state import SharedState

# Cached: 100 000 draws × 64 classes take a while, and the same T comes back as the slider moves.
gumbel_shares = st.cache_data(max_entries=64, show_spinner=False)(charts.gumbel_shares)


def next_seed() -> None:
    st.session_state[SEED.name] = (int(st.session_state.get(SEED.name, SEED.default)) + 1) % (MAX_SEED + 1)


def follow(chart: Callable, view: ui.View, key: str, *settings: Hashable) -> None:
    """Draw ``chart(z, labels, T, β, *settings)`` (``lessons.alternatives.charts``), following T."""
    z, labels = view.logits, view.labels
    instant_chart.follow(
        lambda at: chart(z, labels, at.temperature, at.beta, *settings), view.state, key=key, inputs=settings
    )


MAPS_TEXT = (
    "Every map is applied to $z/T$. Base 2 is softmax at another temperature ($2^{z} = e^{z \\ln 2}$, so "
    "its T is yours divided by ln 2). Sparsemax and 1.5-entmax give unlikely classes *exactly* zero. The "
    "square and the ReLU have no temperature at all: $(z/T)^2 / \\sum_j (z_j/T)^2 = z^2 / \\sum_j "
    "z_j^2$, so T cancels (a negative T only turns the ReLU to the negative logits). "
)
SHIFT_TEXT = (
    "Softmax does not move because $e^{z_i + c} = e^{c}\\, e^{z_i}$: the common factor $e^{c}$ "
    "cancels between numerator and denominator. The square has no such identity, so its bars move. "
    "And the exponential is the only continuous $f$ with $f(a + b) = f(a)\\, f(b)$: it is the only "
    "such map that a shift of every logit cannot change. (The same shift, by the largest logit, is "
    "what keeps softmax from overflowing.)"
)
SQUARE_UNDEFINED = "Here the normalised square is undefined at z + c:"
LOGISTIC_TEXT = (
    "Only the difference counts, and T sets the steepness (at T = 0 a step, at T = ∞ flat at 1/2). "
    "With more classes the same holds for any pair: $p_i / (p_i + p_j) = \\sigma\\big((z_i - "
    "z_j)/T\\big)$. The marker is your first two logits."
)

shell = ui.setup(__file__)
st.title("Why exponentiate?")
st.markdown(
    "A square, or any positive function, normalised, also gives numbers that sum to 1. So why does "
    "softmax use $e^z$? Here the same logits go through softmax and five alternatives, their properties "
    "are checked live, and three things only the exponential does are shown: it ignores a shift of every "
    "logit, it becomes the logistic sigmoid for two classes, and it is what maximum entropy and the "
    "Gumbel-max trick produce. Change the logits and the temperature on the left."
)


@ui.section("maps")
def section_maps(view: ui.View) -> None:
    """The same logits through the six maps, as grouped bars."""
    follow(charts.map_bars, view, "maps")

    def text(at: SharedState) -> str:  # with the maps undefined at the stop, if any
        outcomes = {m.key: model.evaluate(m, view.logits, at.beta) for m in model.MAPS}
        return MAPS_TEXT + model.undefined_note(outcomes)

    instant_numbers.same_at(text, view.state, reach=instant_numbers.REACH)  # (no number in it moves)
    st.markdown(text(view.state))


@ui.section("properties")
def section_properties(view: ui.View) -> None:
    """Each map's properties, computed now by running it."""
    st.subheader("Properties, checked on these logits")
    # Its words change with T, not only its numbers (sparsemax's support): it follows cell by cell.
    table = lambda at: tables.cells(model.property_table(view.logits, view.labels, at.beta))  # noqa: E731
    instant_numbers.table(table, view.state, key="properties_table")  # about 6 ms a stop
    shift_probe = model.probe_shift(view.logits)
    probe_text = "" if shift_probe is None else f" with c = {number(shift_probe)}"
    st.caption(
        f"Each cell but *differentiable* is computed now by running the map: on z, on z + c{probe_text} "
        "(invariance) and at T/2 (scaling), comparing to within rounding. *Differentiable* is a fact about "
        "each map as a function, stated, not computed. Try negative logits: the square stops preserving the "
        "order. At T = 0 and T = ∞ nothing changes with scaling, and the sparse maps stop changing once "
        "one-hot."
    )


@ui.section("invariance")
def section_shift(view: ui.View) -> None:
    """Adding c to every logit moves the square's bars, never softmax's."""
    z = view.logits
    st.subheader("Add a constant to every logit")
    shift_text, shift_chart = st.columns([2, 3], gap="large")
    with shift_text:
        shift = st.slider(
            "c, added to every logit", min_value=SHIFT.low, max_value=SHIFT.high, value=SHIFT.default,
            step=0.5, key=SHIFT.name, bind="query-params",
        )  # fmt: skip

        def text(at: SharedState) -> str:  # with why the square is undefined at the stop, if it is
            after = model.evaluate(model.MAPS_BY_KEY["square"], model.shifted(z, shift), at.beta).undefined
            return SHIFT_TEXT + ("" if after is None else f" {SQUARE_UNDEFINED} {escape_markdown(after)}")

        instant_numbers.same_at(text, view.state, reach=instant_numbers.REACH)
        st.markdown(text(view.state))
    with shift_chart:
        follow(charts.shift_bars, view, "shift_bars", shift)


@ui.section("logistic")
def section_logistic(view: ui.View) -> None:
    """With two classes softmax is the logistic sigmoid of the difference."""
    st.subheader("Two classes: the logistic sigmoid")
    logistic_chart, logistic_text = st.columns([3, 2], gap="large")
    with logistic_chart:
        follow(charts.logistic_curves, view, "logistic")
    with logistic_text:
        st.markdown(
            "With two classes softmax is the logistic sigmoid of the difference: the two curves coincide."
        )
        # One step a line: the formula fits its column instead of being cut at the right edge.
        st.latex(
            r"\begin{aligned} p_1 &= \frac{e^{z_1/T}}{e^{z_1/T} + e^{z_2/T}} \\ &= \frac{1}{1 + e^{-(z_1 - "
            r"z_2)/T}} \\ &= \sigma\big((z_1 - z_2)/T\big) \end{aligned}"
        )
        off_axis = " The current difference overflows a float, so it is not marked."
        marked = lambda at: model.two_classes(view.logits, at.beta).current is not None  # noqa: E731
        instant_numbers.same_at(marked, view.state, reach=instant_numbers.REACH)
        st.markdown(LOGISTIC_TEXT + ("" if marked(view.state) else off_axis))


@ui.section("maxent")
def section_maximum_entropy(view: ui.View) -> None:
    """Softmax is the maximum-entropy distribution at a given mean logit."""
    st.subheader("Maximum entropy")
    st.markdown(
        "Of all distributions with a given average logit $\\sum_i p_i z_i$, softmax is the one with the "
        "largest entropy $H(p) = -\\sum_i p_i \\log p_i$: the least committal way to favour large logits. "
        "Setting the derivative of $H(p) + \\beta \\sum_i p_i z_i - \\lambda \\sum_i p_i$ to zero gives "
        "$-\\log p_i - 1 + \\beta z_i - \\lambda = 0$, so $p_i \\propto e^{\\beta z_i}$: the exponential is "
        "forced, and β = 1/T is the price of the constraint. In physics this is the Boltzmann distribution."
    )
    ui.link_to("boltzmann", "See it: nothing beats Boltzmann's entropy")


@ui.section("gumbel")
def section_gumbel(view: ui.View) -> None:
    """Gumbel-max samples follow softmax; Gumbel-softmax relaxes them."""
    z = view.logits
    st.subheader("Sampling with Gumbel noise")
    histogram_column, relaxed_column = st.columns(2, gap="large")
    with histogram_column:
        samples = st.select_slider(
            "Number of samples", options=SAMPLES.choices, value=SAMPLES.default, format_func=SAMPLES.format,
            key=SAMPLES.name, bind="query-params",
        )  # fmt: skip
        # The seed and its button side by side where they fit, else the button on the next line: never cut.
        with st.container(horizontal=True, vertical_alignment="bottom"):
            seed = st.number_input(
                "Seed", min_value=int(SEED.low), max_value=int(SEED.high), step=1, key=SEED.name,
                bind="query-params", width=180,
            )  # fmt: skip
            st.button("New seed", key="new_seed", on_click=next_seed, icon=":material/casino:")
        samples, seed = int(samples), int(seed)
        follow(
            partial(charts.gumbel_histogram, shares=gumbel_shares), view, "gumbel_histogram", samples, seed
        )
        # The chart's own draws at each β (cached), so the largest gap follows T as the bars do.
        logits = tuple(float(x) for x in z)
        note = cache(lambda beta: model.gumbel_note(z, beta, gumbel_shares(logits, beta, samples, seed)))
        instant_numbers.markdown(lambda at: note(at.beta), view.state, key="gumbel_gap")
    with relaxed_column:
        tau = st.select_slider(
            "Relaxation temperature τ", options=TAU.choices, value=TAU.default, format_func=TAU.format,
            key=TAU.name, bind="query-params",
        )  # fmt: skip
        follow(charts.relaxed_samples, view, "gumbel_softmax", tau, seed)
        st.markdown(
            "Gumbel-softmax replaces the arg max by a softmax at temperature τ: each sample becomes a "
            "probability vector. At small τ the rows are nearly one-hot, Gumbel-max samples; at large τ they "
            "blur toward uniform. Unlike the arg max they are differentiable in z, which is how networks "
            "learn through discrete choices."
        )


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    section_maps(view)
    section_properties(view)
    section_shift(view)
    section_logistic(view)
    section_maximum_entropy(view)
    section_gumbel(view)


shell.live(draw, follows=True)
