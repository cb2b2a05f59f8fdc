"""Calibration by temperature scaling: a network trained on real digits is over- (or under-) confident; one
temperature fitted on a validation split makes its confidence match its accuracy, without moving a single
prediction."""

import streamlit as st

import ui
from lessons.calibration import figures, model, params
from lessons.common.text import number
from ui import progress
from ui.charts import show


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


shell = ui.setup(__file__)
st.title("Calibration: temperature scaling")
st.markdown(
    "A classifier is **calibrated** when its confidence means what it says: of all the digits it reads "
    "with 80 % confidence, 80 % are right. Modern networks are often not: trained long, they become sure of "
    "their mistakes (Guo et al., *On Calibration of Modern Neural Networks*, 2017). **Temperature "
    "scaling** fixes that with one number: divide every logit by T, with T chosen on a validation split "
    "to minimise the negative log likelihood. T > 1 softens, T < 1 sharpens, and because dividing by T "
    "moves no arg max, not one prediction changes. The networks here are small and trained on this page, "
    "on scikit-learn's 1,797 handwritten digits: half to train, a quarter to fit T, a quarter to test."
)


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


def section_summary(result: model.Study, fixed: model.Binned) -> None:
    before, after = fixed.before, fixed.after
    accuracy, fitted, nll, ece = st.columns(4)
    accuracy.metric("Test accuracy", model.percent(before.accuracy), help="The same at every T > 0.")
    fitted.metric("T fitted on validation", number(result.fitted))
    nll.metric(
        "Test NLL at that T",
        number(after.nll, 3),
        # An ASCII minus: Streamlit reads the delta's direction from a leading "-".
        delta=f"{after.nll - before.nll:.2f} from T = 1",
        delta_color="inverse",
        help=f"At T = 1, as trained: {number(before.nll, 4)}.",
    )
    ece.metric(
        "Test ECE at that T",
        model.percent(after.ece, 2),
        delta=f"{100 * (after.ece - before.ece):.2f} points from T = 1",
        delta_color="inverse",
        help=f"At T = 1, as trained: {model.percent(before.ece, 2)}.",
    )
    st.markdown(model.fitted_story(result))
    st.markdown(model.sklearn_story(result))


def section_reliability(result: model.Study, fixed: model.Binned) -> None:
    st.subheader("Reliability diagrams: before and after")
    before_column, after_column = st.columns(2, gap="large")
    with before_column:
        figure = figures.reliability_diagram(
            fixed.reliability_before, title="Before: T = 1, as trained", ece=fixed.before.ece
        )
        show(figure, key="cal_before")
    with after_column:
        figure = figures.reliability_diagram(
            fixed.reliability_after, title=f"After: T = {number(result.fitted)}", ece=fixed.after.ece
        )
        show(figure, key="cal_after")
    st.caption(
        "Each bar is one bin of test predictions by confidence (the largest probability): its height is "
        "how many of them are right. A calibrated model's bars reach the dashed diagonal; the hatched red "
        "boxes are the gaps, which the ECE averages weighted by the counts below. Bars below the diagonal: "
        "overconfident; above: underconfident."
    )


def section_measures(
    view: ui.View, result: model.Study, fixed: model.Binned, bins: int, binning: str
) -> None:
    st.subheader("NLL, ECE and Brier score against T")
    strategy = model.STRATEGIES[binning]
    yours = model.scores(result, "test", beta=view.beta, bins=bins, strategy=strategy)
    st.markdown(
        f"At the sidebar's T = {number(view.temperature)}, on the test split: NLL {number(yours.nll, 3)}, "
        f"ECE {model.percent(yours.ece, 2)}, Brier {number(yours.brier, 3)}, "
        f"accuracy {model.percent(yours.accuracy)}. Move T on the left: the dashed red line follows it."
    )
    figure = figures.measures_against_temperature(
        result.temperatures, model.curves(result, fixed.ece), fitted=result.fitted, at_fitted=fixed.at_fitted,
        ece_best=fixed.ece.best_validation, at_ece_best=fixed.at_ece_best, temperature=view.temperature,
        beta=view.beta,
    )  # fmt: skip
    show(figure, key="cal_measures")
    st.markdown(model.overfit_story(result, fixed, bins, binning))


def section_two_models(view: ui.View, seed: int) -> None:
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


# What does not depend on the temperature runs outside the fragment, so a move of T leaves it alone.
kind, seed, bins, binning = controls()
result = study_for(kind, seed)
fixed = binned_for(kind, seed, bins, model.STRATEGIES[binning], result)
st.markdown(f"The network: {model.MODEL_STORIES[kind]}.")
section_summary(result, fixed)
section_reliability(result, fixed)


def draw(view: ui.View) -> None:
    section_measures(view, result, fixed, bins, binning)
    section_two_models(view, seed)


shell.live(draw)
