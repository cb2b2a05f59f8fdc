"""Calibration by temperature scaling: a network trained on real digits is over- (or under-) confident; one
temperature fitted on a validation split makes its confidence match its accuracy, without moving a single
prediction."""

import streamlit as st

import ui
from lessons.calibration import charts, figures, model, params
from lessons.common.text import number
from ui import instant_chart, instant_numbers, progress
from ui.charts import show
from ui.state import SharedState


def study_for(kind: str, seed: int) -> model.Study:
    """The trained network and its measures, cached per (network, seed), with a progress bar meanwhile."""
    text = f"Training the {model.MODEL_NAMES[kind].lower()} network on the digits (seed {seed})"
    return progress.cached(
        "calibration-study", (kind, seed), lambda report: model.study(kind, seed, report), text=text
    )


@st.cache_data(max_entries=64, show_spinner=False)
def binned_for(kind: str, seed: int, bins: int, strategy: str, _result: model.Study) -> model.Binned:
    """What the page shows for this binning at the fixed temperatures; ``_result`` is the study of
    (kind, seed) and not part of the cache key."""
    return model.binned(_result, bins, strategy)


def controls() -> tuple[str, int, int, str]:
    model_column, seed_column, bins_column, binning_column = st.columns([3, 2, 2, 3])
    kind = model_column.segmented_control(
        "Network", params.MODEL.choices, default=params.MODEL.default, format_func=params.MODEL.format,
        key=params.MODEL.name, bind="query-params", required=True,
        help="Overconfident: no weight decay, trained until its training loss is below 1e−12. "
        "Underconfident: a strong weight decay, λ = 0.03.",
    )  # fmt: skip
    seed = seed_column.number_input(
        "Seed (split and start)", value=params.SEED.default, min_value=0, max_value=model.MAX_SEED, step=1,
        key=params.SEED.name, bind="query-params",
        help="Another seed deals the digits into other splits and starts the network elsewhere.",
    )  # fmt: skip
    bins = bins_column.select_slider(
        "Confidence bins", options=params.BINS.choices, value=params.BINS.default, key=params.BINS.name,
        bind="query-params",
    )  # fmt: skip
    binning = binning_column.segmented_control(
        "Binning", params.BINNING.choices, default=params.BINNING.default, key=params.BINNING.name,
        bind="query-params", required=True,
        help="Equal width: bins of the same size on [0, 1]. Equal mass: the same number of predictions "
        "in each bin.",
    )  # fmt: skip
    return kind or params.MODEL.default, int(seed), int(bins), binning or params.BINNING.default


@ui.section("summary")
def section_summary(shell: ui.Shell, result: model.Study, fixed: model.Binned) -> None:
    before, after = fixed.before, fixed.after
    accuracy, fitted, nll, ece = st.columns(4)
    accuracy.metric("Test accuracy", model.percent(before.accuracy), help="The same at every T > 0.")
    fitted.metric("T fitted on validation", number(result.fitted))
    nll.metric(
        "Test NLL at that T", number(after.nll, 3),
        # An ASCII minus: Streamlit reads the delta's direction from a leading "-".
        delta=f"{after.nll - before.nll:.2f} from T = 1", delta_color="inverse",
        help=f"At T = 1, as trained: {number(before.nll, 4)}.",
    )  # fmt: skip
    ece.metric(
        "Test ECE at that T", model.percent(after.ece, 2),
        delta=f"{100 * (after.ece - before.ece):.2f} points from T = 1", delta_color="inverse",
        help=f"At T = 1, as trained: {model.percent(before.ece, 2)}.",
    )  # fmt: skip
    st.markdown(model.fitted_story(result))
    st.markdown(model.sklearn_story(result))


@ui.section("reliability")
def section_reliability(shell: ui.Shell, result: model.Study, fixed: model.Binned) -> None:
    st.subheader("Reliability diagrams: before and after")
    diagrams = (
        ("cal_before", fixed.reliability_before, "Before: T = 1, as trained", fixed.before.ece),
        ("cal_after", fixed.reliability_after, f"After: T = {number(result.fitted)}", fixed.after.ece),
    )
    for column, (key, bins, title, ece) in zip(st.columns(2, gap="large"), diagrams, strict=True):
        with column:
            show(figures.reliability_diagram(bins, title=title, ece=ece), key=key)
    st.caption(model.RELIABILITY_CAPTION)


@ui.section("measures")
def section_measures(view: ui.View, result: model.Study, fixed: model.Binned, setting: tuple) -> None:
    """Every measure against T, the sidebar's T marked: the chart follows the slider in the browser."""
    st.subheader("NLL, ECE and Brier score against T")
    *_, bins, binning = setting
    strategy = model.STRATEGIES[binning]

    def yours(at: SharedState) -> str:  # the test split's measures at a stop: the text follows the slider
        return model.yours_at(result, bins, strategy, beta=at.beta, temperature=at.temperature)

    instant_numbers.markdown(yours, view.state, key="measures_text")
    curves = model.curves(result, fixed.ece)  # once: a stop of the slider only moves the marks

    def measures(at: SharedState):
        return charts.measures_chart(result, curves, fixed, beta=at.beta, temperature=at.temperature)

    instant_chart.follow(measures, view.state, key="cal_measures", inputs=setting)
    st.markdown(model.overfit_story(result, fixed, bins, binning))


@ui.section("networks")
def section_two_models(shell: ui.Shell, seed: int) -> None:
    """Outside the fragment, below it: nothing here depends on the temperature."""
    st.subheader("Too sure, or not sure enough")
    results = {kind: study_for(kind, seed) for kind in model.MODELS}
    show(
        figures.two_models(
            results["overconfident"].temperatures,
            {kind: result.nll["validation"] for kind, result in results.items()},
            {kind: result.fitted for kind, result in results.items()},
            model.MODEL_NAMES,
        ),
        key="cal_two_models",
    )
    st.markdown(model.two_models_story(results))


shell = ui.setup(__file__)
st.title("Calibration: temperature scaling")
st.markdown(model.INTRO)
# What does not depend on the temperature runs outside the fragment, so a move of T leaves it alone.
setting = kind, seed, bins, binning = controls()
result = study_for(kind, seed)
fixed = binned_for(kind, seed, bins, model.STRATEGIES[binning], result)
st.markdown(f"The network: {model.MODEL_STORIES[kind]}.")
section_summary(shell, result, fixed)
section_reliability(shell, result, fixed)


def draw(view: ui.View) -> None:
    section_measures(view, result, fixed, setting)


shell.live(draw, follows=True)
section_two_models(shell, seed)
