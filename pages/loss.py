"""Loss: the cross-entropy −log p of the correct class, against T, its gradient, training, and
why the log beats squared error."""

import math

import numpy as np
import streamlit as st

import ui
from lessons.common.formulas import cross_entropy_substituted
from lessons.common.tables import to_markdown
from lessons.common.text import escape_markdown, number
from lessons.loss import figures, training
from lessons.loss.model import (
    loss_family,
    loss_over_temperature,
    squared_error,
    squared_error_gradient,
    strongest_other,
    temperatures_around,
)
from softmax_core import cross_entropy, cross_entropy_grad, logsumexp, softmax, softmax_jacobian
from ui import state as shared
from ui.charts import show

TRAINING_KEY = "loss_training"
_TARGET_INDEX_KEY = "_loss_target_index"


@st.cache_data(max_entries=64, show_spinner=False)
def loss_curves(logits: np.ndarray, target: int, temperature: float):
    """The target's and the strongest other class's loss over a log grid of T (cached across reruns)."""
    temperatures = temperatures_around(temperature)
    other = strongest_other(logits, target)
    return (
        temperatures,
        loss_over_temperature(logits, target, temperatures),
        other,
        loss_over_temperature(logits, other, temperatures),
    )


@st.cache_data(max_entries=64, show_spinner=False)
def cached_loss_family(logits: np.ndarray, target: int, beta: float):
    return loss_family(logits, target, beta)


def choose_target(labels: tuple[str, ...]) -> int:
    """The target class from its widget (bound to the URL as ``target=<label>``), as an index."""
    chosen = st.session_state.get("target")
    if chosen is not None and chosen not in labels:
        # Labels edited or K shrank: keep the class by its number while it exists, else class 1.
        index = st.session_state.get(_TARGET_INDEX_KEY, 0)
        st.session_state["target"] = labels[index] if index < len(labels) else labels[0]
    label = st.selectbox(
        "Correct class (the target)",
        labels,
        key="target",
        bind="query-params",
        help="The class the loss rewards. In the link it is `target=` the class's name as listed here "
        "(e.g. `target=class 2`); if that class no longer exists, the page uses class 1.",
    )
    index = labels.index(label) if label in labels else 0
    st.session_state[_TARGET_INDEX_KEY] = index
    return index


def take_steps(count: int) -> None:
    run = st.session_state.get(TRAINING_KEY)
    if isinstance(run, training.Training):
        st.session_state[TRAINING_KEY] = training.step(run, float(st.session_state["lr"]), count)


def reset_training() -> None:
    st.session_state.pop(TRAINING_KEY, None)


def apply_training() -> None:
    run = st.session_state.get(TRAINING_KEY)
    if isinstance(run, training.Training) and run.steps:
        shared.update(logits=training.applied_logits(run.current))


shell = ui.setup(__file__)
st.title("Loss: −log p of the correct class")
st.markdown(
    "A classifier is trained by the **cross-entropy loss**: minus the log of the probability it gives "
    "to the correct class. It is 0 for a sure, right answer and grows without bound for a sure, wrong "
    "one. Choose the correct class, then move the logits and the temperature on the left."
)


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    z, labels, beta, temperature = view.logits, view.labels, view.beta, view.temperature
    k = len(z)

    choice, nats_col, bits_col, p_col = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    with choice:
        target = choose_target(labels)
    name = labels[target]
    p = softmax(z, beta=beta)
    p_target = float(p[target])
    loss = float(cross_entropy(z, target, beta=beta))  # through log_softmax: 800 nats, not −log 0 = inf
    nats_col.metric("Loss (nats)", number(loss), help="−log p with the natural log.")
    bits_col.metric("Loss (bits)", number(loss / math.log(2)), help="−log₂ p = loss in nats / log 2.")
    p_col.metric(
        "p(target)",
        figures.p_text(p_target, loss),
        help="Below about 1e−308 p underflows to 0 in floating point; it is then written from the exact "
        "loss, p = e^−loss.",
    )

    if math.isinf(loss) and math.isfinite(beta) and beta != 0:
        st.caption(
            "The loss here is larger than the largest floating-point number (about 1.8e308), so it shows as "
            "∞."
        )

    curve_col, temperature_col = st.columns(2, gap="large")
    with curve_col:
        show(figures.neg_log_curve(p_target, loss, label=name), key="neg_log")
        st.markdown(
            f"The correct class **{escape_markdown(name)}** gets p = {figures.p_text(p_target, loss)}, "
            f"so the loss is {number(loss)} nats. Halving p always adds the same log 2 = 0.693 nats, so "
            "the penalty grows slowly near p = 1 and explodes as p → 0: the loss punishes confident "
            "mistakes far more than hesitant ones."
        )
    with temperature_col:
        temperatures, target_losses, other, other_losses = loss_curves(z, target, temperature)
        show(
            figures.loss_against_temperature(
                temperatures,
                target_losses,
                label=name,
                other_losses=other_losses,
                other_label=labels[other],
                log_k=math.log(k),
                current_temperature=temperature,
                current_loss=loss,
            ),
            key="loss_temperature",
        )
        top = float(z.max())
        if z[target] == top and np.count_nonzero(z == top) == 1:
            story = (
                f"**{escape_markdown(name)}** has the largest logit, so **colder is better**: as T → 0 it "
                "takes all the probability and the loss falls to 0. The dashed curve is the same loss for "
                f"**{escape_markdown(labels[other])}**: for a class that is not the arg max, cooling is "
                "catastrophic."
            )
        elif z[target] == top:
            story = (
                f"**{escape_markdown(name)}** ties for the largest logit: as T → 0 the tied classes share "
                f"the probability and the loss tends to log {np.count_nonzero(z == top)}, not 0."
            )
        else:
            story = (
                f"**{escape_markdown(name)}** is not the arg max, so **colder is catastrophically worse**: "
                r"p(target) falls like $e^{-(z_{\max} - z_t)/T}$ and the loss grows like $(z_{\max} - "
                f"z_t)/T$ = {number(top - float(z[target]))}/T without bound. The dashed curve is the arg "
                f"max **{escape_markdown(labels[other])}**, whose loss falls to 0."
            )
        st.markdown(
            story
            + f" Hot, every class tends to 1/K and every loss to log K = {number(math.log(k))} nats."
            + (" (Here β < 0: the smallest logit wins, the mirror image.)" if beta < 0 else "")
        )

    with np.errstate(over="ignore", invalid="ignore"):
        scaled_target = beta * float(z[target])  # only to write the formula; the loss itself is the core's
    st.latex(cross_entropy_substituted(beta, float(logsumexp(z, beta=beta)), scaled_target, loss))

    st.subheader("The gradient: which way each logit should move")
    gradient = cross_entropy_grad(z, target, beta=beta)
    jacobian = softmax_jacobian(z, beta=beta)
    gradient_col, jacobian_col = st.columns(2, gap="large")
    with gradient_col:
        finite_gradient = bool(np.isfinite(gradient).all())
        bars = gradient if finite_gradient else p - np.eye(k)[target]
        show(
            figures.gradient_bars(bars, labels, target=target, factor_only=not finite_gradient),
            key="gradient",
        )
        limit = "T = 0" if beta > 0 else "β = −∞"
        if not finite_gradient:
            note = (
                f"At the exact limit {limit} the target has p = 0, so the loss and its gradient are "
                f"infinite: ∂L/∂z = {number(beta)} · (p − onehot) is not a number. The bars show the finite "
                "factor p − onehot, the direction: "
                + (
                    "a step raises the target's logit and lowers the winner's."
                    if beta > 0
                    else "with β = −∞ a step lowers the target's logit and raises the winner's (the smallest "
                    "logit wins)."
                )
            )
        elif beta == 0:
            note = "At T = ∞ every probability is 1/K whatever the logits: the gradient is exactly 0."
        elif math.isinf(beta):
            note = (
                f"At the exact limit {limit} the target already has p = 1 and the loss is flat at 0: the "
                "gradient is exactly 0 (β(p − onehot) → 0, since p − onehot vanishes like e^−|β|·gap)."
            )
        elif gradient[target] == 0:
            note = (
                "The target has p = 1 to double precision: the loss is 0 to within rounding and the gradient "
                "is 0, so there is nothing left to learn."
            )
        else:
            note = (
                f"The target's bar is β(p − 1) = {number(float(gradient[target]))}: a step z ← z − η ∂L/∂z "
                + (
                    "raises its logit and lowers every other logit in proportion to the probability it takes."
                    if beta > 0
                    else "lowers its logit and raises the others (with β < 0 the smallest logit wins)."
                )
                + " The bars sum to 0."
            )
        st.markdown(note)
    with jacobian_col:
        if np.isfinite(jacobian).all():
            show(figures.jacobian_heatmap(jacobian, labels, target=target), key="jacobian")
            asymmetry = float(np.max(np.abs(jacobian - jacobian.T)))
            row_sum = float(np.max(np.abs(jacobian.sum(axis=1))))
            st.markdown(
                "Row $i$ shows how $p_i$ moves when each logit moves (the target's row is outlined). The "
                r"matrix is **symmetric**, $\partial p_i/\partial z_j = \partial p_j/\partial z_i$ "
                r"$= -\beta p_i p_j$ off the diagonal, and every row sums to 0: "
                f"probability only moves between classes. Here max |J − Jᵀ| = {number(asymmetry)} and "
                f"max |row sum| = {number(row_sum, 2)}."
                + (
                    " At this exact limit the probabilities do not respond to the logits: J = 0."
                    if math.isinf(beta) or beta == 0
                    else ""
                )
            )
        else:
            st.markdown(
                "**Jacobian not drawn.** At the exact limit T = 0 with a tie for the winning logit, the "
                "slightest nudge moves all the probability from one tied class to another: between them "
                r"$\partial p_i/\partial z_j$ is infinite, not a number. Move T away from 0 to see it."
            )

    st.subheader("Train the logits")
    run = st.session_state.get(TRAINING_KEY)
    if not isinstance(run, training.Training) or not run.starts_from(z, target, beta):
        run = training.begin(z, target, beta)
        st.session_state[TRAINING_KEY] = run
    controls, history = st.columns([1, 2], gap="large")
    with controls:
        st.markdown(
            "Gradient descent on the logits themselves: each step is z ← z − η β(p − onehot(target)). "
            "Watch p(target) rise and the loss fall."
        )
        st.select_slider(
            "Learning rate η",
            options=training.LEARNING_RATES,
            value=training.DEFAULT_LEARNING_RATE,
            key="lr",
            bind="query-params",
            help="The step size; in the link as `lr=`.",
        )
        blocked = run.stopped is not None
        one, ten, reset = st.columns(3)
        one.button("1 step", key="train_1", on_click=take_steps, args=(1,), disabled=blocked, width="stretch")
        ten.button(
            "10 steps", key="train_10", on_click=take_steps, args=(10,), disabled=blocked, width="stretch"
        )
        reset.button(
            "Reset", key="train_reset", on_click=reset_training, disabled=not run.steps, width="stretch"
        )
        st.button(
            "Use these logits everywhere",
            key="train_apply",
            icon=":material/input:",
            on_click=apply_training,
            disabled=not run.steps,
            width="stretch",
            help="Replace the shared logits (sidebar, link, every page) by the trained ones, rounded to the "
            "sliders' 0.01 steps when they fit on the sliders.",
        )
        if run.stopped:
            st.caption(run.stopped)
    with history:
        show(figures.training_history(run.losses, run.p_target, label=name), key="training")
    if run.steps:
        summary = (
            f"**After {run.steps} step{'' if run.steps == 1 else 's'}:** "
            f"loss {number(run.losses[0])} → {number(run.losses[-1])} nats, "
            f"p({escape_markdown(name)}) {number(run.p_target[0])} → {number(run.p_target[-1])}. "
            "The loss falls fast while p(target) is small and slows as p(target) nears 1: the gradient "
            "β(p − 1) shrinks with the error. A larger η takes bigger steps."
        )
    elif run.stopped is None:
        summary = (
            f"**Step 0:** loss {number(run.losses[0])} nats, p({escape_markdown(name)}) = "
            f"{figures.p_text(run.p_target[0], run.losses[0])}. Press **1 step** or **10 "
            f"steps**."
        )
    else:
        summary = ""
    if run.steps and k <= 12:
        summary += "\n\n" + to_markdown(training.logits_table(run, labels))
    if summary:
        st.markdown(summary)

    st.subheader("Why the log? Cross-entropy beside squared error")
    family = cached_loss_family(z, target, beta)
    current = None
    if family.beta == beta:
        current = {
            "ce": loss,
            "se": float(squared_error(p, target)),
            "grad_ce": abs(float(gradient[target])),
            "grad_se": abs(float(squared_error_gradient(z, target, beta)[target])),
        }
    show(
        figures.loss_comparison(
            family.p_target,
            family.cross_entropy,
            family.squared_error,
            family.gradient_cross_entropy,
            family.gradient_squared_error,
            current_p=p_target,
            current=current,
            temperature=1 / family.beta,
        ),
        key="comparison",
    )
    st.markdown(
        "The other logits stay as they are while the target's logit moves, so p(target) sweeps from 0 to 1. "
        "Squared error Σ(p − onehot)² is bounded, and **its gradient dies as p(target) → 0**: a confidently "
        "wrong model barely learns. The cross-entropy gradient tends to |β| there, its largest: the worse "
        "the mistake, the stronger the push."
        + (
            ""
            if current is not None
            else " The current T is an exact limit (or the sweep leaves the float range), where the "
            "gradients are 0 or infinite; the curves are drawn at T = 1 and the dotted line marks the "
            "current p(target)."
        )
    )


shell.live(draw)
