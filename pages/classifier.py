"""The softmax classifier: multinomial logistic regression trained live on real data, its decision regions
and weight vectors, temperature as a scale on W, and the same model on the 64-pixel digits."""

import streamlit as st

import ui
from lessons.classifier import figures, model, params
from lessons.common.text import number
from softmax_core import softmax
from softmax_core.classifier import SoftmaxRegression
from ui import progress
from ui.charts import show
from ui.params import choice_slider

_RUNS_KEY = "_clf_runs"  # this session's last plane model per setting, to continue from


def plane_model(name: str, spread: float, rate: float, decay: float, steps: int) -> SoftmaxRegression:
    """The trained plane model, cached per setting, with a progress bar while it trains. A new setting
    continues from this session's last run of the same data and rates when it can (gradient descent is
    deterministic, so only sooner): a step button then costs its own steps only."""
    runs = st.session_state.setdefault(_RUNS_KEY, {})
    setting = (name, spread, rate, decay)

    def train(report: progress.Progress) -> SoftmaxRegression:
        data = model.plane(name, spread)
        return model.train_plane(data, rate, decay, steps, start=runs.get(setting), progress=report)

    text = f"Training: {steps:,} steps of gradient descent"
    trained = progress.cached("classifier-plane", (*setting, steps), train, text=text, max_entries=64)
    runs[setting] = trained
    return trained


@st.cache_data(max_entries=8, show_spinner=False)
def trained_digits(weight_decay: float) -> model.DigitsResult:
    return model.train_digits(weight_decay)


def _advance(count: int) -> None:
    steps = int(st.session_state.get(params.STEPS.name) or 0)
    st.session_state[params.STEPS.name] = min(steps + count, model.MAX_STEPS)


def _reset() -> None:
    st.session_state[params.STEPS.name] = 0


shell = ui.setup(__file__)
st.title("The softmax classifier")
st.markdown(
    "**Softmax regression** (multinomial logistic regression) gives every class k a weight vector wₖ and a "
    "bias bₖ, scores a point x by the logits zₖ = xᵀwₖ + bₖ, and turns them into probabilities with softmax. "
    "Training lowers the mean cross-entropy −log p(true class), and its gradient is the lesson: "
    "∇W = Xᵀ(P − Y)/n, the data times *predicted minus true probabilities*. Here it trains step by step "
    "on real data nobody here made: Fisher's irises and scikit-learn's handwritten digits."
)
st.latex(
    r"\begin{aligned} P(y = k \mid x) &= \operatorname{softmax}(x^\top W + b)_k \\"
    r" &= \frac{e^{x^\top w_k + b_k}}{\sum_j e^{x^\top w_j + b_j}} \end{aligned}"
)


def plane_controls() -> tuple[str, float, float, float]:
    data_column, spread_column, rate_column, decay_column = st.columns(4)
    name = data_column.segmented_control(
        "Data",
        params.PLANE.choices,
        default=params.PLANE.default,
        format_func=params.PLANE.format,
        key=params.PLANE.name,
        bind="query-params",
        required=True,
        help="Iris: 150 flowers by petal length and width, three species. Clouds: three Gaussian clouds.",
    )
    spread = choice_slider(
        params.SPREAD,
        "Overlap of the clouds (spread)",
        spread_column,
        disabled=name != "clouds",
        help="The standard deviation of each cloud; their centres are 2 apart from the middle.",
    )
    rate = choice_slider(params.LEARNING_RATE, "Learning rate η", rate_column)
    decay = choice_slider(params.WEIGHT_DECAY, "L2 weight λ", decay_column, help="The penalty (λ/2)‖W‖².")
    return name or params.PLANE.default, spread, rate, decay


def step_buttons() -> int:
    """The step buttons in a row that wraps on a phone, and the steps taken (bound to the link)."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        for size in model.STEP_SIZES:
            label = "1 step" if size == 1 else f"{size:,} steps"
            st.button(label, key=f"clf_step_{size}", on_click=_advance, args=(size,))
        st.button("Reset", key="clf_reset", on_click=_reset, icon=":material/restart_alt:")
        steps = st.number_input(
            "Steps taken",
            value=params.STEPS.default,
            min_value=0,
            max_value=model.MAX_STEPS,
            step=1,
            key=params.STEPS.name,
            bind="query-params",
            width=160,
        )
    return int(steps)


def section_plane() -> tuple[model.Plane, SoftmaxRegression]:
    """Train on the plane and show it at T = 1: nothing here depends on the temperature."""
    st.subheader("Train it on a plane")
    name, spread, rate, decay = plane_controls()
    steps = step_buttons()
    data = model.plane(name, spread)
    trained = plane_model(name, spread, rate, decay, steps)
    regions_column, loss_column = st.columns([3, 2], gap="large")
    with regions_column:
        regions = model.regions(trained, data.box, beta=1.0)
        tips, scale = model.arrows(trained, data.box)
        show(
            figures.decision_regions(
                regions,
                data.x,
                data.dataset.labels,
                data.dataset.class_names,
                raw=data.dataset.features,
                raw_names=data.dataset.feature_names,
                boundaries=model.boundaries(trained, data.box),
                tips=tips if steps else None,
                box=data.box,
                axis_titles=data.axis_titles,
                title="Decision regions (T = 1)",
            ),
            key="clf_regions",
        )
    with loss_column:
        show(figures.loss_curve(trained.losses, classes=3), key="clf_loss")
    st.markdown(model.plane_story(trained, data, steps, rate))
    st.caption(
        "Shade: the winning class, more opaque the more probable it is. Lines: the exact boundaries, where "
        "two logits tie. Arrows: the weight vectors wₖ (scaled together), the direction in which class k's "
        f"logit grows fastest; a boundary is perpendicular to wⱼ − wₖ (drawn at {number(scale, 2)} × their "
        "length). "
        "Both features are standardised (mean 0, standard deviation 1)."
    )
    return data, trained


def section_temperature(view: ui.View, data: model.Plane, trained: SoftmaxRegression) -> None:
    st.subheader("Temperature is a scale on W")
    st.markdown(
        "Dividing the logits by T is dividing W and b by T: softmax(x(W/T) + b/T). Every logit shrinks or "
        "grows by the same factor, so wherever two logits tie they still tie: **the boundaries stay where "
        "they are**, and only how fast the probabilities change across them moves. Move T on the left."
    )
    temperatures, current = model.profile_temperatures(view.temperature)
    path = model.profile(trained, data, temperatures)
    regions_column, profile_column = st.columns(2, gap="large")
    with regions_column:
        show(
            figures.decision_regions(
                model.regions(trained, data.box, view.beta),
                data.x,
                data.dataset.labels,
                data.dataset.class_names,
                raw=data.dataset.features,
                raw_names=data.dataset.feature_names,
                boundaries=model.boundaries(trained, data.box, view.beta),
                tips=None,
                path=(path.start, path.end),
                box=data.box,
                axis_titles=data.axis_titles,
                title=f"Regions at T = {number(view.temperature)}",
            ),
            key="clf_regions_t",
        )
    with profile_column:
        show(figures.profile_chart(path, data.dataset.class_names, current=current), key="clf_profile")
    if view.beta < 0:
        st.caption(
            "A negative T makes softmax favour the *smallest* logit: the shaded regions are those of the "
            "arg min."
        )
    st.markdown(model.temperature_story(trained, data, view.temperature, view.beta))


def section_digits(view: ui.View) -> None:
    st.subheader("The same on 64-pixel digits")
    st.markdown(
        "Each digit is 8 × 8 pixels, so x has 64 features and W is 64 × 10. Softmax regression trains on "
        "half of scikit-learn's 1,797 digits (L-BFGS to convergence, the same gradient) and is tested on "
        "the other half."
    )
    decay = choice_slider(params.DIGITS_WEIGHT_DECAY, "L2 weight λ (digits)")
    result = trained_digits(decay)
    matrix_column, hardest_column = st.columns([2, 3], gap="large")
    with matrix_column:
        show(figures.confusion_chart(result.confusion, model.DIGIT_NAMES), key="clf_confusion")
    with hardest_column:
        p = softmax(result.model.logits(result.x_test[result.hardest]), beta=view.beta, axis=1)
        images = result.images[result.hardest]
        truths = result.y_test[result.hardest]
        half = (len(truths) + 1) // 2
        titles = (f"Hardest test digits, p at T = {number(view.temperature)}", "… and the next three")
        for first, key, title in zip((0, half), ("clf_hardest_a", "clf_hardest_b"), titles, strict=True):
            chosen = slice(first, first + half)
            show(
                figures.hardest_digits(
                    images[chosen], truths[chosen], p[chosen], model.DIGIT_NAMES, title=title, first=first + 1
                ),
                key=key,
            )
    st.markdown(model.digits_story(result, view.temperature, view.beta))


# The training section does not depend on the temperature: outside the fragment, a move of T leaves it alone.
data, trained = section_plane()


def draw(view: ui.View) -> None:
    section_temperature(view, data, trained)
    section_digits(view)


shell.live(draw)
