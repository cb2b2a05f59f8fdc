"""Sampling: what temperature, top-k, top-p and min-p do to a language model's next token, and to text."""

from functools import partial

import pandas as pd
import streamlit as st

import ui
from lessons.common.tables import to_markdown
from lessons.sampling import captions, charts, figures, model, params
from lessons.sampling.model import Knobs, Sampler
from softmax_core.ngram import Generation
from ui import instant_chart, instant_numbers
from ui import state as shared
from ui.charts import show
from ui.params import choice_slider

ngram_model = st.cache_resource(model.docs_model, show_spinner="Reading Python's documentation…")
measured_costs = st.cache_resource(model.measure_costs, show_spinner=captions.TIMING)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_texts(text: str, length: int, beta: float, knobs: Knobs, seed: int) -> tuple[Generation, ...]:
    """The texts side by side at β, seeded as the draws are."""
    return model.side_by_side(ngram_model(), text, length, beta=beta, knobs=knobs, seed=seed)


@st.cache_data(max_entries=16, show_spinner="Generating text at nine temperatures…")
def cached_sweep(text: str, length: int, knobs: Knobs, seed: int) -> pd.DataFrame:
    return model.sweep(ngram_model(), text, length, knobs=knobs, seed=seed)


def _apply_preset() -> None:
    # A menu of actions, not a setting: it sets the knobs and T, then shows its placeholder again.
    label, st.session_state["sampler_preset"] = st.session_state.get("sampler_preset"), None
    if label is None:  # called back without the menu's value (``ui.controls._on_box_edit``)
        return
    for name, value in params.preset_values(label).items():
        st.session_state[name] = value
    shared.set_temperature("T", model.PRESETS_BY_LABEL[label].temperature)


def _seed() -> int:
    return params.seed(st.session_state.get(params.DRAW_SEED.name))


def _next_seed() -> None:
    st.session_state[params.DRAW_SEED.name] = str((_seed() + 1) % (model.MAX_SEED + 1))


def sampler_controls() -> tuple[Sampler, bool]:
    """The prompt, its tail, the chart's axis, a preset menu, the knobs and the order; all in the link."""
    st.subheader("The next token")
    row = st.columns([3, 1.3, 1], gap="medium")
    prompt, tail, axis = (
        column.segmented_control(
            label, param.choices, default=param.default, required=True, key=param.name, bind="query-params",
            wrap=True, help=text,
        )
        for column, (param, (label, text)) in zip(row, captions.PROMPT_CONTROLS.items(), strict=True)
    )  # fmt: skip
    st.markdown(captions.prompt_quote(model.next_token(prompt)))
    st.selectbox(
        "Sampler preset", list(model.PRESETS_BY_LABEL), index=None, key="sampler_preset",
        on_change=_apply_preset, placeholder="Load a preset…", help=captions.PRESET_HELP,
    )  # fmt: skip
    columns = st.columns([1.2, 1.2, 1.2, 1.1], gap="medium")
    # No value= or default= here: a preset sets these through session state (their first option is off/first).
    choices = [
        column.select_slider(
            param.meaning.split(":")[0], options=param.choices, key=param.name, format_func=param.format,
            bind="query-params", help=text,
        )
        for column, (param, text) in zip(columns, captions.KNOB_HELP.items(), strict=False)
    ]  # fmt: skip
    order = columns[3].radio(
        "Temperature applied", params.ORDER.choices, key=params.ORDER.name, bind="query-params",
        horizontal=True, help=captions.ORDER_HELP,
    )  # fmt: skip
    return Sampler(prompt, tail, Knobs.from_choices(*choices, order)), axis == "log"


@ui.section("next_token")
def section_next_token(view: ui.View, sampler: Sampler, log_axis: bool) -> None:
    bars = partial(charts.next_token_chart, sampler, log_axis)
    instant_chart.follow(bars, view.state, key="next_token", inputs=(sampler, log_axis))
    instant_numbers.markdown(partial(model.kept_sentence_at, sampler), view.state, key="kept_text")
    st.caption(model.tail_sentence(sampler.entry, sampler.tail) + captions.BARS)


@ui.section("draws")
def section_draws(view: ui.View, sampler: Sampler) -> None:
    st.subheader("Draws against the probabilities")
    count_column, seed_column, button_column = st.columns([2.2, 1.4, 1.4], vertical_alignment="bottom")
    count = int(choice_slider(params.DRAWS, "Number of draws N", count_column))
    seed_column.text_input("Seed", key=params.DRAW_SEED.name, bind="query-params", placeholder="0")
    button_column.button("New seed", key="new_seed", on_click=_next_seed, icon=":material/casino:")
    seed = _seed()
    settings = (sampler, count, seed)

    def draws_at(at) -> model.Draws:  # at any stop of the slider, the same seeded draws (kept)
        return model.seeded_draws(sampler, at.beta, count, seed)

    def drawn(chart):  # the chart at any stop of the slider
        return lambda at: chart(sampler.chain(at.beta), draws_at(at))

    histogram_column, distance_column = st.columns(2, gap="large")
    with histogram_column:
        instant_chart.follow(drawn(charts.draws_chart), view.state, key="draws_histogram", inputs=settings)
    with distance_column:
        instant_chart.follow(drawn(charts.distance_chart), view.state, key="draw_distance", inputs=settings)
    instant_numbers.markdown(lambda at: captions.draws_text(draws_at(at)), view.state, key="draws_text")


@ui.section("gumbel")
def section_gumbel(view: ui.View, sampler: Sampler) -> None:
    st.subheader("Why the arg max of noisy logits is a sample")
    seed = _seed()
    noise = model.gumbel_noise(sampler.entry, seed)
    one_column, across_column = st.columns(2, gap="large")
    with one_column:
        one_draw = partial(charts.one_draw_chart, noise, sampler)
        instant_chart.follow(one_draw, view.state, key="gumbel_draw", inputs=(sampler, seed))
    with across_column:
        across = partial(charts.across_chart, noise)
        instant_chart.follow(across, view.state, key="gumbel_across", inputs=(sampler.prompt, seed))
    st.markdown(captions.GUMBEL)


@ui.section("generate")
def section_generate(view: ui.View, sampler: Sampler) -> None:
    st.subheader("Generate text")
    text_column, length_column = st.columns([3, 1.2], gap="medium")
    text = text_column.text_input(
        "Text to continue", value=params.GEN_TEXT.default, max_chars=params.GEN_TEXT.max_length,
        key=params.GEN_TEXT.name, bind="query-params",
    )  # fmt: skip
    length = int(choice_slider(params.GEN_TOKENS, "Tokens M", length_column))
    knobs, seed = sampler.knobs, _seed()

    def generated(i: int, at: shared.SharedState) -> tuple[tuple[str, str], str]:
        # The i-th text at a stop: one of those the diversity chart below marks there (kept).
        return captions.generated(text, cached_texts(text, length, at.beta, knobs, seed)[i])

    measures = partial(st.caption, help=captions.LIKELIHOOD_HELP)
    for i, column in enumerate(st.columns(model.SIDE_BY_SIDE, gap="medium")):
        with column:  # the words change from stop to stop: in two pieces, the prompt's end and the new text
            instant_numbers.pieces(lambda at, i=i: generated(i, at)[0], view.state, key=f"generated_{i}")
            at_stop = lambda at, i=i: generated(i, at)[1]  # noqa: E731
            instant_numbers.markdown(at_stop, view.state, key=f"generated_measures_{i}", write=measures)
    st.markdown(captions.NGRAM)
    sweep = cached_sweep(text, length, knobs, seed)

    def quality(at):  # the sweep, and the mean of the texts at the stop's T marked on it
        return charts.sweep_chart(sweep, cached_texts(text, length, at.beta, knobs, seed), beta=at.beta)

    chart_column, table_column = st.columns([2, 3], gap="large")
    with chart_column:
        instant_chart.follow(quality, view.state, key="sweep", inputs=(text, length, knobs, seed))
    with table_column:
        st.markdown(to_markdown(model.sweep_table(sweep)))
        st.markdown(model.sweep_examples(sweep))
    st.caption(captions.SWEEP)


@ui.section("paper")
def section_published(shell: ui.Shell) -> None:
    st.subheader("Truncation matters most when it is hot")
    st.markdown(captions.PUBLISHED)
    st.caption(captions.PUBLISHED_SOURCE)


@ui.section("cost")
def section_cost(shell: ui.Shell) -> None:
    st.subheader("Why a 50,000-token softmax is costly")
    costs = measured_costs()
    chart_column, text_column = st.columns([3, 2], gap="large")
    with chart_column:
        show(
            figures.cost_curves(costs.sizes, costs.full, costs.two_level, costs.sampled),
            key="cost",
            in_fragment=False,
        )
    with text_column:
        st.markdown(model.cost_sentence(costs))
    st.caption(captions.COST)


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    sampler, log_axis = sampler_controls()
    section_next_token(view, sampler, log_axis)
    section_draws(view, sampler)
    section_gumbel(view, sampler)
    section_generate(view, sampler)


shell = ui.setup(__file__)
st.title("Sampling the next token")
st.markdown(captions.INTRO)
st.caption(captions.DATA)
shell.live(draw, follows=True)
section_published(shell)  # outside the fragment, as is the cost: neither depends on the view
section_cost(shell)
