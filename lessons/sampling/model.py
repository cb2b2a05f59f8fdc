"""The Sampling page's numbers: real next-token distributions through the sampler chain, draws from them,
Gumbel noise made visible, text from the n-gram model, and what a softmax over a large vocabulary costs.

Pure: no Streamlit. The page caches the slow parts (the n-gram model, the temperature sweep, the cost
measurement) around these functions.
"""

from __future__ import annotations

import functools
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from lessons.common.text import escape_markdown, number
from softmax_core import logsumexp, softmax
from softmax_core.approximations import sampled_log_probability, two_level_log_probability
from softmax_core.ngram import (
    Generation,
    NGramModel,
    build_ngram_model,
    detokenize,
    distinct_ngrams,
    generate,
    python_docs_text,
)
from softmax_core.sampling import (
    Diversity,
    diversity,
    expected_total_variation,
    sample_tokens,
    sampler_probabilities,
    total_variation,
    truncation_reasons,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "next-token" / "out.json"
SOURCE = "Artefact2/llm-sampling"
SOURCE_URL = "https://github.com/Artefact2/llm-sampling"

# The five prompts of the data file, in its order, by a short name for the selector and the link.
PROMPT_NAMES = ("Avocados", "Battle", "Johnny", "Rainbow", "Avoidant")
OFF = "off"
TOP_KS = (1, 2, 3, 5, 10, 20, 40, 50)
TOP_PS = (0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99)
MIN_PS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)
DRAW_COUNTS = (10, 30, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000)
GENERATION_LENGTHS = (10, 20, 40, 80)
MAX_SEED = 2**32 - 1
DEFAULT_CONTINUATION = "The return statement"
TAIL_LABEL = "all other tokens"
SHOWN_TOKENS = 24  # bars drawn one by one; the rest of the listed tokens share one bar
GUMBEL_TOKENS = 8
SIDE_BY_SIDE = 3
SWEEP_TEMPERATURES = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0)
SWEEP_SAMPLES = 3
COST_SIZES = (1_000, 10_000, 100_000, 1_000_000)
SAMPLED_TOKENS = 1_000


def thousands(n: int) -> str:
    """A count as the slider shows it (and the link carries it): 100,000."""
    return f"{n:,}"


# --- The data ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextToken:
    """One prompt and the probabilities a real language model gave its most likely next tokens."""

    name: str
    prompt: str
    tokens: tuple[str, ...]  # most probable first
    probabilities: np.ndarray

    @property
    def tail_mass(self) -> float:
        """The probability of every token not listed: 1 minus the listed total."""
        return max(0.0, 1.0 - math.fsum(self.probabilities.tolist()))

    @property
    def tail_tokens(self) -> int:
        """The fewest tokens the tail can hold: each is less likely than the last token listed."""
        if self.tail_mass <= 1e-12:
            return 0
        return math.ceil(self.tail_mass / float(self.probabilities[-1]))


@functools.cache
def next_tokens(path: Path = DATA) -> tuple[NextToken, ...]:
    """The prompts of the data file (``data/next-token/out.json``), each with its tokens sorted."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    result = []
    for name, (prompt, table) in zip(PROMPT_NAMES, entries, strict=True):
        ranked = sorted(table.items(), key=lambda item: -item[1])
        probabilities = np.array([p for _, p in ranked], dtype=np.float64)
        probabilities.flags.writeable = False
        result.append(NextToken(name, prompt, tuple(token for token, _ in ranked), probabilities))
    return tuple(result)


def next_token(name: str) -> NextToken:
    """The prompt called ``name`` (one of PROMPT_NAMES)."""
    return next(entry for entry in next_tokens() if entry.name == name)


# --- The sampler's settings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Knobs:
    """The truncation settings and the order, as the core's keywords take them (None: off)."""

    top_k: int | None = None
    top_p: float | None = None
    min_p: float | None = None
    temperature_last: bool = False

    @classmethod
    def from_choices(cls, top_k: object, top_p: object, min_p: object, order: str) -> Knobs:
        """From the widgets' values, where "off" means None."""

        def value(choice: object) -> object:
            return None if choice == OFF else choice

        return cls(value(top_k), value(top_p), value(min_p), order == "last")  # type: ignore[arg-type]

    def settings(self) -> dict[str, object]:
        return {
            "top_k": self.top_k,
            "top_p": self.top_p,
            "min_p": self.min_p,
            "temperature_last": self.temperature_last,
        }

    def describe(self) -> str:
        """The knobs in words: 'top-k 40, min-p 0.05' or 'no truncation'."""
        parts = [
            f"{name} {number(value)}"
            for name, value in (("top-k", self.top_k), ("top-p", self.top_p), ("min-p", self.min_p))
            if value is not None
        ]
        return ", ".join(parts) if parts else "no truncation"


@dataclass(frozen=True)
class Preset:
    """A sampler setting worth knowing, one click away."""

    label: str
    temperature: float
    help: str = ""
    top_k: object = OFF
    top_p: object = OFF
    min_p: object = OFF
    order: str = "first"


PRESETS = (
    Preset("Greedy", 0.0, help="T = 0: always the most likely token."),
    Preset("Pure sampling", 1.0, help="T = 1: the model's own probabilities, no truncation."),
    Preset("Hugging Face", 1.0, top_k=50, help="Hugging Face's default when sampling: T = 1, top-k 50."),
    Preset("llama.cpp", 0.8, top_k=40, top_p=0.95, min_p=0.05, order="last",
           help="llama.cpp's defaults: top-k 40, top-p 0.95, min-p 0.05, then T = 0.8 (temperature last)."),
    Preset("Hot, top-p", 1.5, top_p=0.9, help="T = 1.5 with top-p 0.9, as in Nguyen et al."),
    Preset("Hot, min-p", 1.5, min_p=0.1, help="T = 1.5 with min-p 0.1, as in Nguyen et al."),
)  # fmt: skip
PRESETS_BY_LABEL = {preset.label: preset for preset in PRESETS}


class Stop(Protocol):
    """A stop of the temperature slider (``ui.state.SharedState``): the β and T a chart or text is at."""

    @property
    def beta(self) -> float: ...

    @property
    def temperature(self) -> float: ...


@dataclass(frozen=True)
class Sampler:
    """The page's sampler: a prompt, what to do with its unlisted probability, and the knobs."""

    prompt: str
    tail: str
    knobs: Knobs

    @property
    def entry(self) -> NextToken:
        return next_token(self.prompt)

    def chain(self, beta: float) -> ChainView:
        """This prompt through the sampler chain at inverse temperature β, kept (``chain_at``)."""
        return chain_at(self, beta)


@functools.lru_cache(maxsize=512)
def chain_at(sampler: Sampler, beta: float) -> ChainView:
    """``chain_view`` of the sampler at β, kept: the charts and the text under them, at each stop near the
    current one, share one computation per stop, and a move of the slider computes only the new stops
    (with a long tail, 14,080 tokens, one stop costs milliseconds). Its arrays are read-only."""
    view = chain_view(sampler.entry, beta=beta, knobs=sampler.knobs, tail=sampler.tail)
    for values in (view.reference, view.judged, view.probabilities):
        values.flags.writeable = False
    return view


# --- The chain on one prompt --------------------------------------------------------------------------------


def token_logits(entry: NextToken, tail: str) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """The logits of every token, which bar each token is drawn in, and the bars' labels.

    ``tail == "tail"``: the unlisted probability becomes the fewest tokens it can be (each no likelier
    than the last listed one), equally likely, all drawn in one bar. ``"renormalise"``: only the listed
    tokens, whose probabilities softmax then scales up to sum to 1.
    """
    logits = np.log(entry.probabilities)
    bars = np.arange(logits.size)
    labels = entry.tokens
    count = entry.tail_tokens if tail == "tail" else 0
    if count:
        logits = np.concatenate([logits, np.full(count, math.log(entry.tail_mass / count))])
        bars = np.concatenate([bars, np.full(count, len(labels))])
        labels = (*labels, TAIL_LABEL)
    return logits, bars, labels


@dataclass(frozen=True)
class ChainView:
    """One prompt through the sampler chain, per bar (the listed tokens, then the tail if kept)."""

    labels: tuple[str, ...]
    reference: np.ndarray  # p at T = 1 without truncation
    judged: np.ndarray  # what the truncation judged: the tempered p (T first) or p at T = 1 (T last)
    probabilities: np.ndarray  # what the sampler draws from
    reasons: tuple[str, ...]  # "kept" or the knob that removed the bar's tokens
    kept_tokens: int
    total_tokens: int
    removed_mass: float  # of ``judged``
    diversity: Diversity  # of the token-level distribution drawn from
    most_likely: str  # the token drawn most often (the first of equals), as the page names it

    @property
    def kept_bars(self) -> int:
        return sum(reason == "kept" for reason in self.reasons)


def _per_bar(values: np.ndarray, bars: np.ndarray, count: int) -> np.ndarray:
    return np.bincount(bars, weights=values, minlength=count)


def chain_view(entry: NextToken, *, beta: float, knobs: Knobs, tail: str) -> ChainView:
    """The sampler chain at inverse temperature β on one prompt's tokens."""
    logits, bars, labels = token_logits(entry, tail)
    count = len(labels)
    p = sampler_probabilities(logits, beta=beta, **knobs.settings())  # type: ignore[arg-type]
    reasons = truncation_reasons(logits, beta=beta, **knobs.settings())  # type: ignore[arg-type]
    judged = softmax(logits, beta=1.0 if knobs.temperature_last else beta)
    # The tail's tokens are tied, so one reason holds for all of them: the first token of each bar's.
    first = np.unique(bars, return_index=True)[1]
    removed = reasons != "kept"
    return ChainView(
        labels=labels,
        reference=_per_bar(softmax(logits), bars, count),
        judged=_per_bar(judged, bars, count),
        probabilities=_per_bar(p, bars, count),
        reasons=tuple(reasons[first].tolist()),
        kept_tokens=int(np.count_nonzero(~removed)),
        total_tokens=int(logits.size),
        removed_mass=float(judged[removed].sum()),
        diversity=diversity(p),
        most_likely=_token_name(labels[bars[int(np.argmax(p))]]),
    )


def _token_name(label: str) -> str:
    return "a token of the tail" if label == TAIL_LABEL else f"“{label}”"


@dataclass(frozen=True)
class ChartBars:
    """The bars of the next-token chart: the first listed tokens one by one, the other listed ones
    together, then the tail; each bar's height split by what happened to its tokens."""

    labels: tuple[str, ...]
    reference: np.ndarray  # p at T = 1
    heights: dict[str, np.ndarray]  # per reason: the drawn p of kept tokens, the judged p of removed ones


def _chart_groups(view: ChainView, shown: int) -> tuple[np.ndarray, tuple[str, ...]]:
    """Which chart bar each of the view's bars goes in, and the chart's labels."""
    listed = len(view.labels) - (view.labels[-1] == TAIL_LABEL)
    groups = np.arange(len(view.labels))
    labels = list(view.labels[:shown])
    if listed > shown:
        groups[shown:listed] = shown
        labels.append(f"{listed - shown} more listed")
        groups[listed:] = shown + 1
    labels.extend(view.labels[listed:])
    return groups, tuple(labels)


def grouped(
    view: ChainView, values: np.ndarray, shown: int = SHOWN_TOKENS
) -> tuple[tuple[str, ...], np.ndarray]:
    """``values`` (one per bar of ``view``) summed into the chart's bars, with their labels."""
    groups, labels = _chart_groups(view, shown)
    return labels, _per_bar(values, groups, len(labels))


def chart_bars(view: ChainView, shown: int = SHOWN_TOKENS) -> ChartBars:
    """Group ``view``'s bars for the chart: at most ``shown`` listed tokens drawn one by one."""
    groups, labels = _chart_groups(view, shown)
    reasons = np.array(view.reasons)
    height = np.where(reasons == "kept", view.probabilities, view.judged)
    count = len(labels)
    return ChartBars(
        labels=labels,
        reference=_per_bar(view.reference, groups, count),
        heights={
            reason: _per_bar(np.where(reasons == reason, height, 0.0), groups, count)
            for reason in ("kept", "top_k", "top_p", "min_p")
        },
    )


def kept_sentence(view: ChainView, knobs: Knobs) -> str:
    """The kept set and the removed mass in words, for under the chart."""
    share = f"{number(100 * view.removed_mass, 3)} %"
    where = "at T = 1 (temperature last)" if knobs.temperature_last else "at this temperature"
    if knobs.describe() == "no truncation":
        removed = "No knob is on: every token can be drawn"
    else:
        removed = (
            f"{knobs.describe().capitalize()} removed {thousands(view.total_tokens - view.kept_tokens)} of "
            f"{thousands(view.total_tokens)} tokens, holding {share} of the probability {where}"
        )
    return (
        f"{removed}. The sampler draws from {thousands(view.kept_tokens)} tokens; their entropy is "
        f"{number(view.diversity.entropy, 3)} nats, as spread as "
        f"{number(view.diversity.effective_vocabulary, 3)} equally likely tokens (e^H); the most likely is "
        f"{view.most_likely}."
    )


def kept_sentence_at(sampler: Sampler, at: Stop) -> str:
    """``kept_sentence`` at a stop of the slider: the text under the chart follows the slider as it does."""
    return kept_sentence(sampler.chain(at.beta), sampler.knobs)


def tail_sentence(entry: NextToken, tail: str) -> str:
    """What the chart does with the probability of the tokens not listed, in words."""
    listed = 100 * (1 - entry.tail_mass)
    if tail == "tail":
        return (
            f"The listed tokens hold {number(listed, 3)} % of the probability. The rest, *all other tokens*, "
            f"is at least {thousands(entry.tail_tokens)} tokens, each less likely than the last one listed; "
            "here they are that many equally likely tokens in one bar, so a knob keeps or removes them "
            "together. Heat them up and see how much they take."
        )
    return (
        f"Renormalised: the listed tokens held {number(listed, 3)} % of the probability and are scaled up "
        f"by 1/{number(listed / 100, 3)}. The sampler pretends the other tokens do not exist: top-p reaches "
        "its share sooner and a high temperature looks tamer than it is."
    )


# --- Draws ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draws:
    """N draws from the sampler's distribution over the bars, and how far their shares are from it."""

    shares: np.ndarray
    distance: float  # total variation between the shares and the probabilities
    counts: np.ndarray  # prefixes of the same draws: N = 10, 30, ...
    distances: np.ndarray  # the total variation after each prefix
    expected: np.ndarray  # its large-N expectation, Σ sqrt(p(1 − p) / (2πN))


def draws(probabilities: np.ndarray, count: int, seed: int) -> Draws:
    """``count`` Gumbel-max draws with ``seed``; the distance after 10, 30, 100, … of them."""
    with np.errstate(divide="ignore"):
        logits = np.log(probabilities)  # −inf for the removed bars: never drawn
    drawn = sample_tokens(logits, size=count, rng=np.random.default_rng(seed))
    prefixes = np.array([n for n in DRAW_COUNTS if n < count] + [count])
    distances = np.array(
        [
            total_variation(np.bincount(drawn[:n], minlength=probabilities.size) / n, probabilities)
            for n in prefixes
        ]
    )
    return Draws(
        shares=np.bincount(drawn, minlength=probabilities.size) / count,
        distance=float(distances[-1]),
        counts=prefixes,
        distances=distances,
        expected=np.array([expected_total_variation(probabilities, int(n)) for n in prefixes]),
    )


@functools.lru_cache(maxsize=256)
def seeded_draws(sampler: Sampler, beta: float, count: int, seed: int) -> Draws:
    """``draws`` of the sampler at β, kept (read-only): every stop of the slider always shows the same
    draws, and the charts and the text under them share them."""
    drawn = draws(sampler.chain(beta).probabilities, count, seed)
    for values in (drawn.shares, drawn.counts, drawn.distances, drawn.expected):
        values.flags.writeable = False
    return drawn


# --- Gumbel noise, visibly -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Noise:
    """One draw's Gumbel noise on the most likely tokens: their logits (largest 0) and the noise."""

    labels: tuple[str, ...]
    logits: np.ndarray
    noise: np.ndarray


def gumbel_noise(entry: NextToken, seed: int, count: int = GUMBEL_TOKENS) -> Noise:
    """The T = 1 logits log p − log p_max of the ``count`` most likely tokens, and one Gumbel noise each."""
    logits = np.log(entry.probabilities[:count] / entry.probabilities[0])
    noise = np.random.default_rng((seed, 3)).gumbel(size=logits.size)
    return Noise(entry.tokens[:count], logits, noise)


def noisy_logits(noise: Noise, beta: float) -> np.ndarray:
    """βz + G, with β = 0 (T = ∞) the noise alone; β = ±∞ has no finite values and is left to the caller."""
    return noise.noise if beta == 0 else beta * noise.logits + noise.noise


@dataclass(frozen=True)
class OneDraw:
    """One Gumbel-max draw on the shown tokens at β: βz, βz + G (NaN where ±∞), the winner if one is shown."""

    scaled: np.ndarray
    noisy: np.ndarray
    kept: np.ndarray
    winner: int | None


def one_draw(noise: Noise, chain: ChainView, beta: float) -> OneDraw:
    """The draw of ``noise`` at β among the shown tokens the knobs kept.

    At β = ±∞ every βz but the largest logit's (z = 0, so βz = 0) is ∓∞: the largest always wins at
    T = 0, and at β = −∞ the smallest logit shown does (the noise only breaks ties). Infinite values
    are NaN, off the chart.
    """
    kept = np.array([reason == "kept" for reason in chain.reasons[: noise.logits.size]])
    if math.isinf(beta):
        with np.errstate(invalid="ignore"):
            scaled = np.where(noise.logits == 0, 0.0, beta * noise.logits)
        rank = np.where(kept, math.copysign(1.0, beta) * noise.logits, -np.inf)
        finite = np.isfinite(scaled)
        noisy = np.where(finite, scaled + noise.noise, np.nan)
        scaled = np.where(finite, scaled, np.nan)
        best = np.flatnonzero(rank == rank.max()) if kept.any() else np.array([], dtype=int)
        winner = int(best[np.argmax(noise.noise[best])]) if best.size else None
        return OneDraw(scaled, noisy, kept, winner)
    noisy = noisy_logits(noise, beta)
    scaled = beta * noise.logits if beta != 0 else np.zeros_like(noise.logits)
    winner = int(np.argmax(np.where(kept, noisy, -np.inf))) if kept.any() else None
    return OneDraw(scaled, noisy, kept, winner)


def one_draw_title(noise: Noise, draw: OneDraw, beta: float) -> str:
    """The one-draw chart's title: who wins."""
    if draw.winner is None:
        return "One draw: the knobs removed every token shown"
    name = noise.labels[draw.winner]
    if beta == math.inf:
        return f"T = 0: “{name}” always wins"
    # Short: with a long token it must still fit a phone's chart (the caption says the largest wins).
    if beta == -math.inf:
        return f"β = −∞: least likely “{name}” wins"
    return f"One draw: “{name}” wins"


def one_draw_note(beta: float) -> str | None:
    """Why at the exact limits the noise no longer matters (None at any finite β)."""
    if beta == math.inf:
        return "every other βz is −∞, below the chart"
    if beta == -math.inf:
        return "every other βz is +∞, above the chart"
    return None


def winners(noise: Noise, betas: np.ndarray) -> np.ndarray:
    """Which token has the largest βz + G at each β, the same noise for every β."""
    return np.argmax(betas[:, None] * noise.logits[None, :] + noise.noise[None, :], axis=1)


# --- Text from the n-gram model ---------------------------------------------------------------------------


def docs_model() -> NGramModel:
    """The trigram model of the Python documentation that ships with Python (about 50 ms to build; the
    page keeps one per server with ``st.cache_resource``)."""
    return build_ngram_model(python_docs_text())


def side_by_side(
    model: NGramModel, text: str, length: int, *, beta: float, knobs: Knobs, seed: int
) -> tuple[Generation, ...]:
    """SIDE_BY_SIDE continuations of ``text`` at the page's settings, seeds (seed, 0), (seed, 1), …"""
    return tuple(
        generate(
            model, text, length=length, rng=np.random.default_rng((seed, 5, i)), beta=beta, **knobs.settings()
        )  # type: ignore[arg-type]
        for i in range(SIDE_BY_SIDE)
    )


def continuation(text: str, generation: Generation) -> tuple[str, str, str]:
    """The prompt's last 40 characters, the space between (none before punctuation) and the generated text."""
    space = "" if generation.tokens and generation.tokens[0] in ".,;:!?)" else " "
    return text[-40:], space, detokenize(generation.tokens)


def quality(generation: Generation) -> tuple[float, float]:
    """(distinct bigrams, mean log-likelihood per token) of one generated text."""
    distinct = distinct_ngrams(generation.tokens) if len(generation.tokens) >= 2 else 1.0
    return distinct, float(generation.log_likelihoods.mean())


def mean_quality(generations: tuple[Generation, ...]) -> tuple[float, float]:
    """The mean of ``quality`` over ``generations``: one point of the diversity-quality chart."""
    distinct, log_likelihood = np.mean([quality(generation) for generation in generations], axis=0)
    return float(distinct), float(log_likelihood)


def sweep(model: NGramModel, text: str, length: int, *, knobs: Knobs, seed: int) -> pd.DataFrame:
    """Diversity against quality over SWEEP_TEMPERATURES: the means over SWEEP_SAMPLES texts each."""
    rows = []
    for temperature in SWEEP_TEMPERATURES:
        texts = [
            generate(
                model,
                text,
                length=length,
                rng=np.random.default_rng((seed, 6, i)),
                temperature=temperature,
                **knobs.settings(),  # type: ignore[arg-type]
            )
            for i in range(SWEEP_SAMPLES)
        ]
        scores = np.array([quality(generation) for generation in texts])
        rows.append(
            {
                "temperature": temperature,
                "distinct": float(scores[:, 0].mean()),
                "log_likelihood": float(scores[:, 1].mean()),
                "example": detokenize(texts[0].tokens),
            }
        )
    return pd.DataFrame(rows)


def sweep_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The sweep for reading: the two measures at each T."""
    return pd.DataFrame(
        {
            "distinct bigrams": [f"{100 * d:.0f} %" for d in frame["distinct"]],
            "mean log-likelihood": [number(v, 3) for v in frame["log_likelihood"]],
        },
        index=pd.Index([number(t) for t in frame["temperature"]], name="T"),
    )


def sweep_examples(
    frame: pd.DataFrame, temperatures: tuple[float, ...] = (0.0, 1.0, 5.0), words: int = 24
) -> str:
    """The start of one text at a few temperatures, as a Markdown list (the text escaped)."""
    lines = []
    for temperature in temperatures:
        text = frame.loc[frame["temperature"] == temperature, "example"].iloc[0]
        parts = text.split()
        start = " ".join(parts[:words]) + (" …" if len(parts) > words else "")
        lines.append(f"- **T = {number(temperature)}**: {escape_markdown(start)}")
    return "\n".join(lines)


# --- What a softmax over K tokens costs -----------------------------------------------------------------


@dataclass(frozen=True)
class Costs:
    """Seconds for the log-probability of one token at each vocabulary size K, three ways."""

    sizes: np.ndarray
    full: np.ndarray
    two_level: np.ndarray
    sampled: np.ndarray


def _seconds_per_call(function: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - start) / calls


def measure_costs(sizes: tuple[int, ...] = COST_SIZES, *, rounds: int = 15, seed: int = 0) -> Costs:
    """Time, on this machine, log p of one token: the full normaliser, a two-level softmax with
    C = B = ⌈√K⌉, and a sampled softmax of SAMPLED_TOKENS draws. Every case runs once per round, all
    interleaved, so that each sees the same machine (load, caches); each keeps its best round."""
    rng = np.random.default_rng(seed)
    cases: list[Callable[[], object]] = []
    for size in sizes:
        z = rng.normal(size=size)
        width = math.isqrt(size - 1) + 1
        clusters = rng.normal(size=-(-size // width))
        target = size // 3
        cases += [
            lambda z=z, t=target: z[t] - logsumexp(z),
            lambda z=z, s=clusters, t=target, b=width: two_level_log_probability(s, z, t, cluster_size=b),
            lambda z=z, t=target: sampled_log_probability(z, t, samples=SAMPLED_TOKENS, rng=rng),
        ]
    # Enough calls per round for about a millisecond: short rounds, so that some escape the other load.
    calls = [max(1, int(0.001 / max(_seconds_per_call(case, 1), 1e-7))) for case in cases]
    best = np.full(len(cases), math.inf)
    for _ in range(rounds):
        for index, case in enumerate(cases):
            best[index] = min(best[index], _seconds_per_call(case, calls[index]))
    full, two_level, sampled = best.reshape(len(sizes), 3).T
    return Costs(np.array(sizes, dtype=float), full, two_level, sampled)


def cost_sentence(costs: Costs) -> str:
    """The measured cost at K = 10⁶ and what each approximation gives up, in Markdown."""
    return (
        "The probability of one token needs the normaliser $\\sum_j e^{z_j}$, which touches every one of "
        f"the K logits: at K = {thousands(int(costs.sizes[-1]))} it took "
        f"{number(costs.full[-1] * 1e3, 3)} ms here, {costs.full[-1] / costs.two_level[-1]:,.0f} "
        "times the two-level softmax. Two ways around it, and what each gives up:\n\n"
        "- **Two-level (hierarchical) softmax**: √K clusters of √K tokens, and p(token) = p(cluster) × "
        "p(token | cluster) touches about 2√K numbers. It gives up the flat model: the clusters are fixed, "
        "every token's probability goes through its cluster's, and the full distribution (which sampling "
        "with temperature and top-p needs) still touches all K.\n"
        f"- **Sampled softmax**: estimate the normaliser from {SAMPLED_TOKENS:,} randomly drawn tokens. It "
        "gives up exactness: log p comes out noisy and biased high (Jensen's inequality), and there is no "
        "distribution to sample from; it is a training trick."
    )
