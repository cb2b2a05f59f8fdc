"""The softmax classifier: multinomial logistic regression trained live on real data, its decision regions
and weight vectors, temperature as a scale on W, and the same model on the 64-pixel digits."""

import time
from collections.abc import Callable
from typing import TypeVar

import plotly.graph_objects as go
import streamlit as st

import ui
from lessons.classifier import charts, figures, model, params
from softmax_core.classifier import SoftmaxRegression
from ui import appearance, instant_chart, instant_numbers, progress
from ui.charts import show
from ui.params import choice_slider, current
from ui.state import SharedState

_RUNS_KEY = "_clf_runs"  # this session's last plane model per setting, to continue from
_PLAY_KEY = "_clf_play"  # the steps before a run button: the next run of the script plays the training
RUN_HELP = "Runs them before your eyes: the regions sharpen as the loss falls."
PLANE_PARAMS = (params.PLANE, params.SPREAD, params.LEARNING_RATE, params.WEIGHT_DECAY)
Shown = TypeVar("Shown")  # what a builder draws at a stop: a chart or a text


def plane_model() -> tuple[model.Plane, SoftmaxRegression, model.Setting]:
    """The data and the model the controls (or, where they are hidden, the link) ask for, and that
    setting. Cached per setting, with a progress bar while it trains. A new setting continues from this
    session's last run of the same data and rates when it can (gradient descent is deterministic, so only
    sooner): a step button then costs its own steps only."""
    setting = model.Setting(*(current(param) for param in PLANE_PARAMS), int(current(params.STEPS) or 0))
    runs = st.session_state.setdefault(_RUNS_KEY, {})
    # Behind a bar too: the first visit imports scikit-learn for the irises, seconds with nothing else to see.
    data = progress.cached(
        "classifier-data", setting[:2], lambda _: model.plane(*setting[:2]), text="Loading the data…"
    )
    rates = setting[:4]

    def train(report: progress.Progress) -> SoftmaxRegression:
        return model.train_plane(
            data, setting.rate, setting.decay, setting.steps, start=runs.get(rates), progress=report
        )

    text = f"Training: {setting.steps:,} steps of gradient descent"
    trained = progress.cached("classifier-plane", setting, train, text=text, max_entries=64)
    runs[rates] = trained
    return data, trained, setting


def trained_digits(weight_decay: float) -> model.DigitsResult:
    """Softmax regression on the digits, cached for every session, behind a bar while it trains."""
    text = "Training softmax regression on half of the 1,797 digits (L-BFGS)…"
    return progress.cached("classifier-digits", weight_decay, lambda _: model.train_digits(weight_decay),
                           text=text, max_entries=8)  # fmt: skip


def _advance(count: int) -> None:
    steps = int(st.session_state.get(params.STEPS.name) or 0)
    st.session_state[params.STEPS.name] = min(steps + count, model.MAX_STEPS)
    if count >= model.RUN_SIZE:
        st.session_state[_PLAY_KEY] = steps


def _reset() -> None:
    st.session_state[params.STEPS.name] = 0


def plane_controls() -> None:
    data_column, spread_column, rate_column, decay_column = st.columns(4)
    name = data_column.segmented_control(
        "Data", params.PLANE.choices, default=params.PLANE.default, format_func=params.PLANE.format,
        key=params.PLANE.name, bind="query-params", required=True,
        help="Iris: 150 flowers by petal length and width, three species. Clouds: three Gaussian clouds.",
    )  # fmt: skip
    spread_help = "The standard deviation of each cloud; their centres are 2 apart from the middle."
    choice_slider(params.SPREAD, "Overlap of the clouds (spread)", spread_column, disabled=name != "clouds",
                  help=spread_help)  # fmt: skip
    choice_slider(params.LEARNING_RATE, "Learning rate η", rate_column)
    choice_slider(params.WEIGHT_DECAY, "L2 weight λ", decay_column, help="The penalty (λ/2)‖W‖².")


def step_buttons() -> None:
    """The step buttons in a row that wraps on a phone, and the steps taken (bound to the link)."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        for size in model.STEP_SIZES:
            label = "1 step" if size == 1 else f"{size:,} steps"
            icon, tip = (":material/play_arrow:", RUN_HELP) if size >= model.RUN_SIZE else (None, None)
            st.button(label, key=f"clf_step_{size}", on_click=_advance, args=(size,), icon=icon, help=tip)
        st.button("Reset", key="clf_reset", on_click=_reset, icon=":material/restart_alt:")
        st.number_input(
            "Steps taken", value=params.STEPS.default, min_value=0, max_value=model.MAX_STEPS, step=1,
            key=params.STEPS.name, bind="query-params", width=160,
        )  # fmt: skip


def plane_chart(data: model.Plane, trained: SoftmaxRegression, title: str) -> go.Figure:
    """The regions at T = 1 with the boundaries and, once trained, the weight arrows."""
    tips, _ = model.arrows(trained, data.box)
    regions, lines = model.regions(trained, data.box, beta=1.0), model.boundaries(trained, data.box)
    tips = tips if trained.losses.size > 1 else None  # no arrows before the first step: W = 0
    return figures.plane_regions(data, regions, lines, tips=tips, title=title)


def play(data: model.Plane, setting: model.Setting, slots: tuple) -> None:
    """After a run button, the training replayed in frames before the trained model is drawn: the regions
    sharpen as the loss falls (gradient descent is deterministic: the frames are the run's own steps)."""
    frame = None
    for steps in model.run_frames(st.session_state.pop(_PLAY_KEY, setting.steps), setting.steps):
        frame = model.train_plane(data, setting.rate, setting.decay, steps, start=frame)
        title = f"Decision regions (T = 1), step {steps:,}"
        charts = plane_chart(data, frame, title), figures.loss_curve(frame.losses, classes=3)
        for slot, chart in zip(slots, charts, strict=True):
            slot.plotly_chart(appearance.dress(chart), theme=None)
        time.sleep(model.FRAME_SECONDS)


@ui.section("plane")
def section_plane(shell: ui.Shell) -> None:
    """Train on the plane and show it at T = 1: nothing here depends on the temperature."""
    st.subheader("Train it on a plane")
    plane_controls()
    step_buttons()
    data, trained, setting = plane_model()
    regions_column, loss_column = st.columns([3, 2], gap="large")
    slots = regions_column.empty(), loss_column.empty()
    play(data, setting, slots)
    with slots[0].container():
        show(plane_chart(data, trained, "Decision regions (T = 1)"), key="clf_regions", in_fragment=False)
    with slots[1].container():
        show(figures.loss_curve(trained.losses, classes=3), key="clf_loss", in_fragment=False)
    _, scale = model.arrows(trained, data.box)
    st.markdown(model.plane_story(trained, data, setting.steps, setting.rate))
    st.caption(model.plane_caption(scale))


@ui.section("scale")
def section_scale(
    view: ui.View, data: model.Plane, trained: SoftmaxRegression, setting: model.Setting
) -> None:
    """The regions and the path's probabilities at the slider's T: they follow it in the browser."""
    st.subheader("Temperature is a scale on W")
    st.markdown(model.SCALE_INTRO)
    scaled = model.scaled(trained, data)  # the grid's logits once: each stop of T is only a softmax
    regions_column, profile_column = st.columns(2, gap="large")
    for column, build, key in ((regions_column, charts.regions_chart, "clf_regions_t"),
                               (profile_column, charts.path_chart, "clf_profile")):  # fmt: skip
        with column:
            instant_chart.follow(at_slider(build, scaled), view.state, key=key, inputs=setting)
    note = st.empty()  # its place on every run: what follows keeps its own (see ui.progress)
    instant_numbers.same_at(lambda at: at.beta < 0, view.state)  # the note comes and goes with the sign
    if view.beta < 0:
        note.caption(
            "A negative T makes softmax favour the *smallest* logit: the shaded regions are those of the "
            "arg min."
        )
    instant_numbers.markdown(at_slider(model.temperature_story, scaled), view.state, key="confidence_text")


@ui.section("digits")
def section_digits(view: ui.View) -> None:
    st.subheader("The same on 64-pixel digits")
    st.markdown(model.DIGITS_INTRO)
    decay = choice_slider(params.DIGITS_WEIGHT_DECAY, "L2 weight λ (digits)")
    result = trained_digits(decay)
    matrix_column, hardest_column = st.columns([2, 3], gap="large")
    with matrix_column:
        show(figures.confusion_chart(result.confusion, model.DIGIT_NAMES), key="clf_confusion")
    with hardest_column:
        for half, key in enumerate(("clf_hardest_a", "clf_hardest_b")):
            hardest = at_slider(charts.hardest_chart, result, half=half)
            instant_chart.follow(hardest, view.state, key=key, inputs=decay)
    instant_numbers.markdown(at_slider(model.digits_story, result), view.state, key="digits_text")


def at_slider(build: Callable[..., Shown], *args, **options) -> Callable[[SharedState], Shown]:
    """The chart or text ``build(*args, beta=…, temperature=…)`` as a function of a stop of the slider."""

    def chart(at: SharedState) -> Shown:
        return build(*args, beta=at.beta, temperature=at.temperature, **options)

    return chart


shell = ui.setup(__file__)
st.title("The softmax classifier")
st.markdown(model.INTRO)
st.latex(
    r"\begin{aligned} P(y = k \mid x) &= \operatorname{softmax}(x^\top W + b)_k \\"
    r" &= \frac{e^{x^\top w_k + b_k}}{\sum_j e^{x^\top w_j + b_j}} \end{aligned}"
)
# Training does not depend on the temperature: outside the fragment, a move of T leaves it alone.
section_plane(shell)
data, trained, setting = plane_model()


def draw(view: ui.View) -> None:
    section_scale(view, data, trained, setting)
    section_digits(view)


shell.live(draw, follows=True)
