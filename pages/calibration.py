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
def ece_for(kind: str, seed: int, bins: int, strategy: str, _result: model.Study) -> model.EceCurves:
    """The ECE curves of the study of (kind, seed), which ``_result`` is (not part of the cache key)."""
    return model.ece_curves(_result, bins, strategy)


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


def section_summary(view: ui.View, result: model.Study, bins: int, strategy: str) -> None:
    before = model.scores(result, "test", beta=1.0, bins=bins, strategy=strategy)
    after = model.scores(result, "test", beta=1 / result.fitted, bins=bins, strategy=strategy)
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
    yours = model.scores(result, "test", beta=view.beta, bins=bins, strategy=strategy)
    st.caption(
        f"At the sidebar's T = {number(view.temperature)}, on the test split: NLL {number(yours.nll, 3)}, "
        f"ECE {model.percent(yours.ece, 2)}, Brier {number(yours.brier, 3)}, "
        f"accuracy {model.percent(yours.accuracy)}."
    )


def section_reliability(result: model.Study, bins: int, strategy: str) -> None:
    st.subheader("Reliability diagrams: before and after")
    before_column, after_column = st.columns(2, gap="large")
    for column, temperature, title, key in (
        (before_column, 1.0, "Before: T = 1, as trained", "cal_before"),
        (after_column, result.fitted, f"After: T = {number(result.fitted)}", "cal_after"),
    ):
        reliability = model.reliability(result, temperature, bins, strategy)
        ece = model.scores(result, "test", beta=1 / temperature, bins=bins, strategy=strategy).ece
        with column:
            show(figures.reliability_diagram(reliability, title=title, ece=ece), key=key)
    st.caption(
        "Each bar is one bin of test predictions by confidence (the largest probability): its height is "
        "how many of them are right. A calibrated model's bars reach the dashed diagonal; the hatched red "
        "boxes are the gaps, which the ECE averages weighted by the counts below. Bars below the diagonal: "
        "overconfident; above: underconfident."
    )


def section_measures(
    view: ui.View, result: model.Study, ece: model.EceCurves, bins: int, binning: str
) -> None:
    st.subheader("NLL, ECE and Brier score against T")
    strategy = model.STRATEGIES[binning]
    figure = figures.measures_against_temperature(
        result.temperatures, model.curves(result, ece), fitted=result.fitted,
        at_fitted=model.measures_at(result, beta=1 / result.fitted, bins=bins, strategy=strategy),
        ece_best=ece.best_validation,
        at_ece_best=model.measures_at(result, beta=1 / ece.best_validation, bins=bins, strategy=strategy),
        temperature=view.temperature, beta=view.beta,
    )  # fmt: skip
    show(figure, key="cal_measures")

    def test_at(temperature: float) -> model.Scores:
        return model.scores(result, "test", beta=1 / temperature, bins=bins, strategy=strategy)

    st.markdown(model.overfit_story(result, ece, bins, binning, test_at))


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


def draw(view: ui.View) -> None:
    kind, seed, bins, binning = controls()
    strategy = model.STRATEGIES[binning]
    result = study_for(kind, seed)
    st.markdown(f"The network: {model.MODEL_STORIES[kind]}.")
    section_summary(view, result, bins, strategy)
    section_reliability(result, bins, strategy)
    section_measures(view, result, ece_for(kind, seed, bins, strategy, result), bins, binning)
    section_two_models(view, seed)


shell.live(draw)
