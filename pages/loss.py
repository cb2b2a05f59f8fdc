"""Loss: the cross-entropy −log p of the correct class, against T, its gradient, training, and
why the log beats squared error."""

import contextlib
from collections.abc import Callable, Hashable
from functools import partial

import numpy as np
import streamlit as st

import ui
import ui.params
import ui.state
from lessons.loss import charts, model, training
from lessons.loss.params import LEARNING_RATE, TARGET, TRAINED, target_notice, trained_notice
from ui import instant_chart, instant_numbers

TRAINING_KEY = "loss_training"
_TARGET_INDEX_KEY = "_loss_target_index"


@st.cache_data(max_entries=64, show_spinner=False)
def sweep_over(logits: np.ndarray, target: int, span: tuple[float, float]) -> model.TemperatureSweep:
    # By the axis's span, not T: the same at every stop of the slider, so a move computes no sweep.
    return model.sweep_over(logits, target, span)


def follow(chart: Callable, view: ui.View, target: int, key: str, *settings: Hashable) -> None:
    """Draw ``chart(z, labels, target, T, β)`` (``lessons.loss.charts``), following the temperature."""
    z, labels = view.logits, view.labels
    instant_chart.follow(
        lambda at: chart(z, labels, target, at.temperature, at.beta), view.state, key=key,
        inputs=(target, *settings),
    )  # fmt: skip


def text(source: Callable[[model.Current, float], str], view: ui.View, target: int, key: str) -> None:
    """Markdown of ``source(now, β)``, its numbers following the temperature slider as the charts do."""
    now_at = partial(model.current_at, view.state.logits, target)
    instant_numbers.markdown(lambda stop: source(now_at(stop.beta), stop.beta), view.state, key=key)


def formula(view: ui.View, target: int) -> None:
    """The cross-entropy with the numbers substituted, following the temperature slider."""
    now_at = partial(model.current_at, view.state.logits, target)
    source = lambda stop: model.loss_formula(view.logits, now_at(stop.beta), stop.beta)  # noqa: E731
    instant_numbers.latex(source, view.state, key="loss_formula")


def check_link(labels: tuple[str, ...]) -> None:
    """Name, in the page's warning, a link's ``target=`` that is no class (and not the widget's value: after a
    labels edit the address lags) and a ``trained=`` that cannot be replayed (when no training yet)."""
    asked = ui.params.link_text(TARGET)
    notices = [target_notice(asked, labels) if asked != st.session_state.get(TARGET.name) else None]
    if TRAINING_KEY not in st.session_state:
        notices.append(trained_notice(ui.params.link_text(TRAINED)))
    ui.state.add_notices([notice for notice in notices if notice])


def choose_target(labels: tuple[str, ...]) -> int:
    """The target class from its widget (bound to the URL as ``target=<label>``), as an index."""
    chosen = st.session_state.get(TARGET.name)
    if chosen is not None and chosen not in labels:
        # Labels edited or K shrank: keep the class by its number while it exists, else class 1.
        index = st.session_state.get(_TARGET_INDEX_KEY, 0)
        st.session_state[TARGET.name] = labels[index] if index < len(labels) else labels[0]
    label = st.selectbox(
        "Correct class (the target)", labels, key=TARGET.name, bind="query-params", help=model.TARGET_HELP
    )
    index = labels.index(label) if label in labels else 0
    st.session_state[_TARGET_INDEX_KEY] = index
    return index


def training_run(view: ui.View, target: int) -> training.Training:
    """The session's training from these logits, target and β (new when they changed; a link's ``trained=``
    replayed when the session has none), its steps written into the address."""
    run = st.session_state.get(TRAINING_KEY)
    if not isinstance(run, training.Training) or not run.starts_from(view.logits, target, view.beta):
        fresh = training.begin(view.logits, target, view.beta)
        if run is None and trained_notice(asked := ui.params.link_text(TRAINED)) is None and asked:
            with contextlib.suppress(ValueError):  # text the link check already named
                fresh = training.replay(fresh, training.parse_runs(asked))
        run = st.session_state[TRAINING_KEY] = fresh
    ui.params.write_link_text(TRAINED, training.runs_text(run))
    return run


def take_steps(count: int) -> None:  # the training buttons' callbacks, on the session's training
    rate = float(st.session_state[LEARNING_RATE.name])
    st.session_state[TRAINING_KEY] = training.step(st.session_state[TRAINING_KEY], rate, count)


def reset_training() -> None:
    run = st.session_state[TRAINING_KEY]
    st.session_state[TRAINING_KEY] = training.begin(run.logits[0], run.target, run.beta)


def apply_training() -> None:
    ui.state.update(logits=training.applied_logits(st.session_state[TRAINING_KEY].current))


shell = ui.setup(__file__)
check_link(shell.labels)
st.title("Loss: −log p of the correct class")
st.markdown(model.INTRO)


def section_loss(view: ui.View) -> model.Current:
    """The target, its loss in nats and bits and its probability; returns the current state."""
    with st.container(key="loss_now"):
        choice, nats_col, bits_col, p_col = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
        with choice:
            target = choose_target(view.labels)
    now_at = partial(model.current_at, view.state.logits, target)  # the metrics follow the slider too
    now = now_at(view.beta)
    for column, (label, value, meaning) in zip((nats_col, bits_col, p_col), model.metrics(now), strict=True):
        column.metric(label, value, help=meaning)
    shown = lambda at: instant_numbers.Numbers(model.metric_values(now_at(at.beta)))  # noqa: E731
    instant_numbers.follow(shown, view.state, key="loss_now", reach=instant_numbers.REACH)
    # The note comes and goes with the loss's overflow: at a stop where it would, the content waits.
    instant_numbers.same_at(lambda at: model.overflow_note(now_at(at.beta).loss, at.beta), view.state)
    overflow = model.overflow_note(now.loss, view.beta)
    if overflow:
        st.caption(overflow)
    return now


@ui.section("curves")
def section_curves(view: ui.View, now: model.Current) -> None:
    """−log p with the target on it, and the loss against T beside the strongest other class's."""
    z, labels, target = view.logits, view.labels, now.target
    curve_col, temperature_col = st.columns(2, gap="large")
    with curve_col:
        follow(charts.neg_log_curve, view, target, "neg_log")
        text(lambda at, _: model.neg_log_story(labels[target], at), view, target, "neg_log_story")
    with temperature_col:
        follow(partial(charts.loss_against_temperature, sweeps=sweep_over), view, target, "loss_temperature")
        instant_numbers.same_at(lambda at: at.beta < 0, view.state)  # the story's last sentence: β < 0
        st.markdown(model.temperature_story(z, labels, target, model.strongest_other(z, target), view.beta))
    formula(view, target)


@ui.section("gradient")
def section_gradient(view: ui.View, now: model.Current) -> None:
    """The gradient bars and the softmax Jacobian."""
    st.subheader("The gradient: which way each logit should move")
    gradient_col, jacobian_col = st.columns(2, gap="large")
    with gradient_col:
        follow(charts.gradient_bars, view, now.target, "gradient")
        text(model.gradient_note, view, now.target, "gradient_note")
    with jacobian_col:
        follow(charts.jacobian_heatmap, view, now.target, "jacobian")
        text(lambda at, beta: model.jacobian_note(at.jacobian, beta), view, now.target, "jacobian_note")


@ui.section("training")
def section_training(view: ui.View, now: model.Current) -> None:
    """Gradient descent on the logits, step by step, with its history."""
    st.subheader("Train the logits")
    run = training_run(view, now.target)
    # At another T the training starts again (its buttons, its summary): with steps taken, a move waits
    # for the server.
    instant_numbers.same_at(lambda at: run.steps == 0 or at.beta == run.beta, view.state)
    controls, history = st.columns([1, 2], gap="large")
    with controls:
        st.markdown(model.TRAINING_INTRO)
        st.select_slider(
            "Learning rate η", options=LEARNING_RATE.choices, value=LEARNING_RATE.default,
            key=LEARNING_RATE.name, bind="query-params", help="The step size; in the link as `lr=`.",
        )  # fmt: skip
        blocked = run.stopped is not None
        with st.container(horizontal=True):  # buttons that do not fit move to the next line, never cut
            st.button("1 step", key="train_1", on_click=take_steps, args=(1,), disabled=blocked)
            st.button("10 steps", key="train_10", on_click=take_steps, args=(10,), disabled=blocked)
            st.button("Reset", key="train_reset", on_click=reset_training, disabled=not run.steps)
        st.button(
            "Use these logits everywhere", key="train_apply", icon=":material/input:",
            on_click=apply_training, disabled=not run.steps, width="stretch", help=model.APPLY_HELP,
        )  # fmt: skip
        if run.stopped:
            st.caption(run.stopped)
    with history:
        follow(partial(charts.training_history, run), view, now.target, "training", training.runs_text(run))
    place = st.empty()  # its place on every run: what follows keeps its own (see ui.progress)
    if model.training_summary(run, view.labels):
        with place.container():  # at another T the training starts again: the text follows to its step 0
            text(
                lambda _, beta: model.training_summary(run.at(beta), view.labels), view, now.target, "summary"
            )


@ui.section("comparison")
def section_comparison(view: ui.View, now: model.Current) -> None:
    """Cross-entropy beside squared error as p(target) sweeps from 0 to 1."""
    st.subheader("Why the log? Cross-entropy beside squared error")
    follow(charts.loss_comparison, view, now.target, "comparison")
    drawn_at = partial(model.family_drawn_at, view.logits, now.target)  # else at T = 1, and the note says so
    instant_numbers.same_at(lambda at: drawn_at(at.beta), view.state)
    st.markdown(model.comparison_note(drawn_at(view.beta)))


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    now = section_loss(view)
    section_curves(view, now)
    section_gradient(view, now)
    section_training(view, now)
    section_comparison(view, now)


shell.live(draw, follows=True)
