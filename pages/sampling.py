"""Sampling: what temperature, top-k, top-p and min-p do to a language model's next token, and to text."""

import math

import numpy as np
import pandas as pd
import streamlit as st

import ui
from lessons.common.tables import to_markdown
from lessons.common.text import escape_markdown, number
from lessons.sampling import figures, model, params
from lessons.sampling.model import ChainView, Knobs, NextToken
from ui import state as shared
from ui.charts import show

KNOB_HELP = {
    params.TOP_K: "Keep the k most likely tokens (and any tied with the k-th).",
    params.TOP_P: "Keep the fewest most likely tokens whose probabilities reach p.",
    params.MIN_P: "Keep the tokens with p ≥ min-p × the largest p.",
}
PRESET_KEY = "sampler_preset"
ORDER_HELP = (
    "first: the knobs judge the tempered probabilities (Hugging Face's order). last: they judge the T = 1 "
    "probabilities, and T then reshapes the survivors (llama.cpp's default order)."
)


@st.cache_resource(show_spinner="Counting the words of Python's documentation…")
def ngram_model():
    """The trigram model of the docs that ship with Python: built once per server, in well under a second."""
    return model.docs_model()


@st.cache_data(max_entries=64, show_spinner=False)
def cached_draws(probabilities: np.ndarray, count: int, seed: int) -> model.Draws:
    return model.draws(probabilities, count, seed)


@st.cache_data(max_entries=16, show_spinner="Generating text at nine temperatures…")
def cached_sweep(text: str, length: int, knobs: Knobs, seed: int) -> pd.DataFrame:
    return model.sweep(ngram_model(), text, length, knobs=knobs, seed=seed)


@st.cache_resource(show_spinner="Timing softmax for K = 1,000 to 1,000,000 on this machine…")
def measured_costs() -> model.Costs:
    return model.measure_costs()


def _apply_preset() -> None:
    preset = model.PRESETS_BY_LABEL[st.session_state[PRESET_KEY]]
    knobs = {params.TOP_K: preset.top_k, params.TOP_P: preset.top_p, params.MIN_P: preset.min_p}
    for param, value in knobs.items():
        st.session_state[param.name] = value
    st.session_state[params.ORDER.name] = preset.order
    shared.set_temperature("T", preset.temperature)
    st.session_state[PRESET_KEY] = None  # a menu of actions, not a setting: it shows its placeholder again


def _seed(text: str | None) -> int:
    """The seed a text box holds; the default for an empty or unusable one (a link's is named in the warning).

    A text box, not st.number_input: a link's seed=1e999 would make Streamlit's number box raise."""
    if not text or params.DRAW_SEED.notice(text) is not None:
        return int(params.DRAW_SEED.default)
    return int(params.DRAW_SEED.read(text))  # type: ignore[call-overload]


def _next_seed() -> None:
    seed = _seed(st.session_state.get(params.DRAW_SEED.name))
    st.session_state[params.DRAW_SEED.name] = str((seed + 1) % (model.MAX_SEED + 1))


def _segmented(column, label: str, param, **options) -> str:
    return column.segmented_control(
        label,
        param.choices,
        default=param.default,
        required=True,
        key=param.name,
        bind="query-params",
        wrap=True,
        **options,
    )


shell = ui.setup(__file__)
st.title("Sampling the next token")
st.markdown(
    "A language model ends with a softmax over its vocabulary; to write, it *samples* the next token from "
    "it. Temperature reshapes that distribution, and three knobs cut off its unlikely tail before the draw: "
    "**top-k** keeps the k most likely tokens, **top-p** the fewest whose probabilities reach p, **min-p** "
    "those at least min-p times as likely as the most likely one. Here they act on what a real model gave "
    "for five prompts, then on text written by a small n-gram model. The temperature is in the sidebar."
)
st.caption(
    f"Data: the next-token probabilities of [{model.SOURCE}]({model.SOURCE_URL}) (Apache-2.0): the top "
    "50–60 tokens a large language model gave, copied into `data/next-token/`."
)


def knob_controls() -> Knobs:
    """A preset menu, then the three knobs and the order; all in the link."""
    st.selectbox(
        "Sampler preset", list(model.PRESETS_BY_LABEL), index=None, key=PRESET_KEY, on_change=_apply_preset,
        placeholder="Load a preset…",
        help="\n".join(f"- **{preset.label}**: {preset.help}" for preset in model.PRESETS),
    )  # fmt: skip
    columns = st.columns([1.2, 1.2, 1.2, 1.1], gap="medium")
    choices = [
        column.select_slider(
            param.meaning.split(":")[0], options=param.choices, key=param.name, format_func=param.format,
            bind="query-params", help=text,
        )
        for column, (param, text) in zip(columns, KNOB_HELP.items(), strict=False)
    ]  # fmt: skip
    # No value= or default= here: a preset sets these through session state (their first option is off/first).
    order = columns[3].radio(
        "Temperature applied", params.ORDER.choices, key=params.ORDER.name, bind="query-params",
        horizontal=True, help=ORDER_HELP,
    )  # fmt: skip
    return Knobs.from_choices(*choices, order)


def section_next_token(view: ui.View) -> tuple[NextToken, Knobs, ChainView]:
    st.subheader("The next token")
    prompt_column, tail_column, axis_column = st.columns([3, 1.3, 1], gap="medium")
    name = _segmented(prompt_column, "Prompt", params.PROMPT)
    tail = _segmented(tail_column, "Unlisted probability", params.TAIL, help=params.TAIL.meaning)
    axis = _segmented(axis_column, "Probability axis", params.P_AXIS)
    entry = model.next_token(name)
    st.markdown(f"> …{escape_markdown(entry.prompt)} ▁")
    knobs = knob_controls()
    chain = model.chain_view(entry, beta=view.beta, knobs=knobs, tail=tail)
    bars = model.chart_bars(chain)
    t_text = f"β = {number(view.beta)}" if view.beta < 0 else f"T = {number(view.temperature)}"
    title = f"Next token at {t_text}: {model.thousands(chain.kept_tokens)} kept"
    log_axis = axis == "log"
    show(figures.token_bars(bars.labels, bars.reference, bars.heights, title=title, log_axis=log_axis),
         key="next_token")  # fmt: skip
    st.markdown(model.kept_sentence(chain, knobs))
    st.caption(
        model.tail_sentence(entry, tail) + " Grey, behind: T = 1 without truncation. Hatched: removed, at "
        "the probability each had when its knob judged it."
    )
    return entry, knobs, chain


def section_draws(chain: ChainView) -> None:
    st.subheader("Draws against the probabilities")
    count_column, seed_column, button_column = st.columns([2.2, 1.4, 1.4], vertical_alignment="bottom")
    count = count_column.select_slider(
        "Number of draws N", options=params.DRAWS.choices, value=params.DRAWS.default,
        format_func=params.DRAWS.format, key=params.DRAWS.name, bind="query-params",
    )  # fmt: skip
    seed = _seed(
        seed_column.text_input("Seed", key=params.DRAW_SEED.name, bind="query-params", placeholder="0")
    )
    button_column.button("New seed", key="new_seed", on_click=_next_seed, icon=":material/casino:")
    drawn = cached_draws(chain.probabilities, int(count), seed)
    histogram_column, distance_column = st.columns(2, gap="large")
    with histogram_column:
        labels, probabilities = model.grouped(chain, chain.probabilities)
        _, shares = model.grouped(chain, drawn.shares)
        show(figures.draws_histogram(labels, probabilities, shares, draws=int(count)), key="draws_histogram")
    with distance_column:
        show(figures.distance_curve(drawn.counts, drawn.distances, drawn.expected), key="draw_distance")
    st.markdown(
        f"Each draw is a Gumbel-max sample (below). After {int(count):,} draws the shares differ from the "
        f"probabilities by a total variation of {number(drawn.distance, 3)}: half the summed gaps, the "
        "largest gap in probability over any set of tokens. It shrinks like $1/\\sqrt{N}$ (a hundred times "
        "the draws, a tenth of the distance). The seed is in the link, so a class sees the same draws."
    )


def section_gumbel(view: ui.View, entry: NextToken, chain: ChainView) -> None:
    st.subheader("Why the arg max of noisy logits is a sample")
    noise = model.gumbel_noise(entry, _seed(st.session_state.get(params.DRAW_SEED.name)))
    one_column, across_column = st.columns(2, gap="large")
    with one_column:
        if math.isinf(view.beta):
            st.info("At T = 0, βz is −∞ for all but the largest logit: it always wins, whatever the noise.")
        else:
            kept = np.array([reason == "kept" for reason in chain.reasons[: noise.logits.size]])
            noisy = model.noisy_logits(noise, view.beta)
            winner = int(np.argmax(np.where(kept, noisy, -np.inf)))
            title = f"One draw: the largest wins, “{noise.labels[winner]}”"
            scaled = view.beta * noise.logits if view.beta != 0 else np.zeros_like(noise.logits)
            dumbbells = figures.noise_dumbbells(noise.labels, scaled, noisy, kept, winner, title=title)
            show(dumbbells, key="gumbel_draw")
    with across_column:
        temperatures = np.geomspace(0.05, 50, 121)
        values = noise.logits[:, None] / temperatures[None, :] + noise.noise[:, None]
        current = view.temperature if 0.05 <= view.temperature <= 50 else None
        y_range = (float(noise.noise.min()) - 3, float(noise.noise.max()) + 2)
        winners = model.winners(noise, 1 / temperatures)
        across = figures.noise_across_temperatures(
            temperatures, values, noise.labels, winners, current=current, y_range=y_range
        )
        show(across, key="gumbel_across")
    st.markdown(
        "Add an independent Gumbel noise $G_i = -\\log(-\\log U_i)$ to each logit divided by T and take the "
        "largest: token $i$ wins with probability exactly softmax$(z/T)_i$. Right: one noise for the eight "
        "most likely tokens, fixed while T moves. At small T the gaps between logits, times 1/T, dwarf the "
        "noise and the most likely token always wins (greedy); at large T the gaps vanish and the largest "
        "noise wins, whichever token it sits on (uniform). A token removed by a knob cannot win."
    )


def section_generate(view: ui.View, knobs: Knobs) -> None:
    st.subheader("Generate text")
    text_column, length_column = st.columns([3, 1.2], gap="medium")
    text = text_column.text_input(
        "Text to continue", value=params.GEN_TEXT.default, max_chars=params.GEN_TEXT.max_length,
        key=params.GEN_TEXT.name, bind="query-params",
    )  # fmt: skip
    length = length_column.select_slider(
        "Tokens M", options=params.GEN_TOKENS.choices, value=params.GEN_TOKENS.default,
        key=params.GEN_TOKENS.name, bind="query-params",
    )  # fmt: skip
    seed = _seed(st.session_state.get(params.DRAW_SEED.name))
    texts = model.side_by_side(ngram_model(), text, int(length), beta=view.beta, knobs=knobs, seed=seed)
    for column, generation in zip(st.columns(len(texts), gap="medium"), texts, strict=True):
        distinct, log_likelihood = model.quality(generation)
        start, space, words = model.continuation(text, generation)
        column.markdown(f"…{escape_markdown(start)}{space}**{escape_markdown(words)}**")
        measures = f"distinct bigrams {100 * distinct:.0f} % · log-likelihood {number(log_likelihood, 3)}"
        column.caption(measures, help="The log-likelihood is per token, in nats, under the model at T = 1.")
    st.markdown(
        "A word trigram model of the documentation that ships with Python (`pydoc_data.topics`): its logits "
        "for the next word are the logs of how often each word followed the two before it, smoothed so that "
        "none is impossible. Softmax at T = 1 gives back those frequencies; the settings above apply to "
        "each word."
    )
    sweep = cached_sweep(text, int(length), knobs, seed)
    current = tuple(np.mean([model.quality(g) for g in texts], axis=0)) if view.beta >= 0 else None
    chart_column, table_column = st.columns([2, 3], gap="large")
    with chart_column:
        columns = (sweep[name].to_numpy() for name in ("temperature", "distinct", "log_likelihood"))
        show(figures.quality_sweep(*columns, current=current), key="sweep")
    with table_column:
        st.markdown(to_markdown(model.sweep_table(sweep)))
        st.markdown(model.sweep_examples(sweep))
    st.caption(
        f"Each point: the mean over {model.SWEEP_SAMPLES} texts of M tokens at that T, with the knobs above. "
        "Low T repeats itself (few distinct bigrams, each likely: a loop); high T never repeats but strings "
        "improbable words together (gibberish). The log-likelihood is the model's own, at T = 1, per token."
    )


def section_published() -> None:
    st.subheader("Truncation matters most when it is hot")
    st.markdown(
        "At high temperature the tail's many unlikely tokens together take a large share, and a sampler "
        "that keeps them writes nonsense. Top-p keeps the fewest tokens reaching p, so on a flat "
        "distribution it keeps many; min-p keeps only tokens within a factor of the most likely one, a cut "
        "that follows the model's confidence. Nguyen et al. report that on GSM8K (grade-school maths) at "
        "T = 1.5, **min-p 0.1 kept 18.4 % accuracy where top-p 0.9 fell to 0.7 %**. Try the presets "
        "*Hot, top-p* and *Hot, min-p* above on the *Avoidant* prompt."
    )
    st.caption(
        "M. N. Nguyen, A. Baker, C. Neo, A. Roush, A. Kirsch, R. Shwartz-Ziv, “Turning up the heat: min-p "
        "sampling for creative and coherent LLM outputs”, 2024, arXiv:2407.01082."
    )


def section_cost() -> None:
    st.subheader("Why a 50,000-token softmax is costly")
    costs = measured_costs()
    chart_column, text_column = st.columns([3, 2], gap="large")
    with chart_column:
        show(figures.cost_curves(costs.sizes, costs.full, costs.two_level, costs.sampled), key="cost")
    with text_column:
        st.markdown(model.cost_sentence(costs))
    st.caption("Timed once, when this page first ran on this server: the best of 15 interleaved rounds.")


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    entry, knobs, chain = section_next_token(view)
    section_draws(chain)
    section_gumbel(view, entry, chain)
    section_generate(view, knobs)
    section_published()
    section_cost()


shell.live(draw)
