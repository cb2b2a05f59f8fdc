"""Playground: the probabilities of the current logits at the current temperature, step by step."""

import numpy as np
import streamlit as st

import ui
from lessons.common.formulas import softmax_substituted
from lessons.common.text import number
from lessons.playground import figures
from lessons.playground.model import entropy_share, steps_table
from softmax_core import argmax_onehot, entropy, softmax
from ui import instant_chart, instant_numbers
from ui.state import SharedState


@ui.section("numbers")
def section_numbers_text(shell: ui.Shell) -> None:
    """The heading of the numbers and what they mean, drawn once around their slot."""
    numbers_head.markdown("#### In numbers")
    numbers_note.markdown(
        "Low temperature: entropy falls to 0 as one class takes everything. High temperature: it rises "
        "to log K as all classes become equally likely."
    )


@ui.section("steps")
def section_steps_text(shell: ui.Shell) -> None:
    """The heading of the step-by-step table and why the stable way is stable, drawn once above it."""
    with steps_head:
        st.subheader("Step by step, as in 'Explaining Softmax'")
        st.markdown(
            "Subtracting the largest $\\beta z$ (called $m$) from every exponent **changes nothing "
            "mathematically**, since $e^{-m}$ cancels between numerator and denominator, and **everything "
            "numerically**: every exponent is ≤ 0, so nothing overflows. The naive columns compute "
            "$e^{\\beta z}$ as written: load the 'Explaining Softmax' preset, set β = 1000 and watch them "
            "turn into inf and NaN while the stable columns stay exact."
        )


@ui.section("chart")
def section_chart(view: ui.View, p: np.ndarray) -> None:
    """The bars, redrawn in the browser as the temperature slider or a logit's slider moves, then by this
    rerun."""
    with chart:
        instant_chart.follow_temperature(
            figures.probability_bars(
                p,
                view.labels,
                argmax=argmax_onehot(view.logits),
                title=figures.probability_bars_title(view.temperature),
            ),
            view.state,
            lambda stop: figures.probability_bars_update(
                softmax(np.asarray(stop.logits), beta=stop.beta),
                title=figures.probability_bars_title(stop.temperature),
                argmax=None if stop.logits == view.state.logits else argmax_onehot(np.asarray(stop.logits)),
            ),
            key="probabilities",
        )


def numbers_at(at: SharedState) -> instant_numbers.Numbers:
    """What "In numbers" shows at one temperature: the entropy, the largest probability, the entropy's
    share of its maximum."""
    p = softmax(np.asarray(at.logits), beta=at.beta)
    share, note = entropy_share(p)
    return instant_numbers.Numbers((number(float(entropy(p))), number(float(np.max(p)))), share, note)


@ui.section("numbers")
def section_numbers(view: ui.View) -> None:
    """Entropy against its maximum, and the largest probability; they follow the slider as the chart does."""
    shown = numbers_at(view.state)
    entropy_now, largest_now = shown.metrics
    with in_numbers, st.container(key="numbers_now"):
        # A row that wraps: at 150 % zoom or on a phone the two numbers stack instead of being cut short.
        with st.container(horizontal=True, wrap=True, gap="small"):
            st.metric(
                "Entropy H (nats)",
                entropy_now,
                help="H = −Σ p log p: 0 for a one-hot, log K for uniform.",
                width="content",
            )
            st.metric(
                "Largest probability", largest_now, help="The probability of the top class.", width="content"
            )
        st.progress(shown.progress, text=shown.progress_text)
    with in_numbers:
        instant_numbers.follow(numbers_at, view.state, key="numbers_now")


@ui.section("formula")
def section_formula(view: ui.View, p: np.ndarray) -> None:
    """The formula with the numbers substituted; they follow the sliders."""

    def formula_at(at: SharedState) -> str:
        if at == view.state:
            return softmax_substituted(view.logits, at.beta, p)
        z = np.asarray(at.logits)
        return softmax_substituted(z, at.beta, softmax(z, beta=at.beta))

    with formula:
        instant_numbers.latex(formula_at, view.state, key="formula")


@ui.section("steps")
def section_steps(view: ui.View) -> None:
    """The 'Explaining Softmax' table: every step from z to p, the naive way and the stable way."""
    with steps:
        labels = view.labels
        instant_numbers.markdown(
            lambda at: steps_table(at.logits, labels, at.beta), view.state, key="steps_table"
        )


def draw(view: ui.View) -> None:
    """Everything that follows the controls."""
    p = softmax(view.logits, beta=view.beta)
    section_chart(view, p)
    section_numbers(view)
    section_formula(view, p)
    section_steps(view)


shell = ui.setup(__file__)
st.title("Softmax Playground")
st.markdown(
    "Softmax turns any list of scores (logits) $z$ into probabilities: exponentiate each score, then "
    "divide by the total. The temperature $T$ decides how sharply it picks the winner: **low T** gives "
    "almost all the probability to the largest logit, **high T** spreads it evenly. Move the temperature "
    "and the logits in the sidebar (the **>** button at the top left on a phone)."
)
# The page's frame and its static text, drawn once; draw() fills the slots on every move.
chart, numbers = st.columns([3, 2], gap="large")
numbers_head, in_numbers, numbers_note = numbers.container(), numbers.container(), numbers.container()
formula = st.container()
steps_head, steps = st.container(), st.container()
section_numbers_text(shell)
section_steps_text(shell)
shell.live(draw, follows=True, logits=True)
