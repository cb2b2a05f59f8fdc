"""The Sampling page's words: its introduction, the help of its controls and the text under each chart.

Pure (no Streamlit): the page writes these where they belong.
"""

from __future__ import annotations

from lessons.common.text import escape_markdown, number
from lessons.sampling import model, params
from softmax_core.ngram import Generation

INTRO = (
    "A language model ends with a softmax over its vocabulary; to write, it *samples* the next token from "
    "it. Temperature reshapes that distribution, and three knobs cut off its unlikely tail before the draw: "
    "**top-k** keeps the k most likely tokens, **top-p** the fewest whose probabilities reach p, **min-p** "
    "those at least min-p times as likely as the most likely one. Here they act on what a real model gave "
    "for five prompts, then on text written by a small n-gram model. The temperature is in the sidebar."
)
DATA = (
    f"Data: the next-token probabilities of [{model.SOURCE}]({model.SOURCE_URL}) (Apache-2.0): the top "
    "50–60 tokens a large language model gave, copied into `data/next-token/`."
)
PROMPT_CONTROLS = {  # each control's label and help
    params.PROMPT: ("Prompt", None),
    params.TAIL: ("Unlisted probability", params.TAIL.meaning),
    params.P_AXIS: ("Probability axis", None),
}
KNOB_HELP = {
    params.TOP_K: "Keep the k most likely tokens (and any tied with the k-th).",
    params.TOP_P: "Keep the fewest most likely tokens whose probabilities reach p.",
    params.MIN_P: "Keep the tokens with p ≥ min-p × the largest p.",
}
ORDER_HELP = (
    "first: the knobs judge the tempered probabilities (Hugging Face's order). last: they judge the T = 1 "
    "probabilities, and T then reshapes the survivors (llama.cpp's default order)."
)
PRESET_HELP = "\n".join(f"- **{preset.label}**: {preset.help}" for preset in model.PRESETS)
BARS = (
    " Grey, behind: T = 1 without truncation. Hatched: removed, at the probability each had when its knob "
    "judged it."
)


def prompt_quote(entry: model.NextToken) -> str:
    return f"> …{escape_markdown(entry.prompt)} ▁"


def draws_text(drawn: model.Draws) -> str:
    """How far the shares of the draws are from the probabilities (the last of ``drawn.distances``)."""
    return (
        f"Each draw is a Gumbel-max sample (below). After {int(drawn.counts[-1]):,} draws the shares "
        f"differ from the probabilities by a total variation of {number(drawn.distance, 3)}: half the "
        "summed gaps, the largest gap in probability over any set of tokens. It shrinks like $1/\\sqrt{N}$ "
        "(a hundred times the draws, a tenth of the distance). The seed is in the link, so a class sees the "
        "same draws."
    )


GUMBEL = (
    "Add an independent Gumbel noise $G_i = -\\log(-\\log U_i)$ to each logit divided by T and take the "
    "largest: token $i$ wins with probability exactly softmax$(z/T)_i$. Right: one noise for the eight "
    "most likely tokens, fixed while T moves. At small T the gaps between logits, times 1/T, dwarf the "
    "noise and the most likely token always wins (greedy); at large T the gaps vanish and the largest "
    "noise wins, whichever token it sits on (uniform). A token removed by a knob cannot win."
)
LIKELIHOOD_HELP = "The log-likelihood is per token, in nats, under the model at T = 1."


def generated(text: str, generation: Generation) -> tuple[tuple[str, str], str]:
    """One generated text as two pieces, the prompt's end and the continuation (drawn in bold), and its two
    measures.

    Before punctuation there is no space, but bold cannot open between a letter and punctuation in
    CommonMark (``statement**, it**`` shows its asterisks): a hair space (Unicode whitespace) lets it.
    """
    distinct, log_likelihood = model.quality(generation)
    start, space, words = model.continuation(text, generation)
    measures = f"distinct bigrams {100 * distinct:.0f} % · log-likelihood {number(log_likelihood, 3)}"
    return (f"…{start}{space or HAIR_SPACE}", words), measures


HAIR_SPACE = "\u200a"


NGRAM = (
    "A word trigram model of the documentation that ships with Python (`pydoc_data.topics`): its logits "
    "for the next word are the logs of how often each word followed the two before it, smoothed so that "
    "none is impossible. Softmax at T = 1 gives back those frequencies; the settings above apply to "
    "each word."
)
SWEEP = (
    f"Each point: the mean over {model.SWEEP_SAMPLES} texts of M tokens at that T, with the knobs above. "
    "Low T repeats itself (few distinct bigrams, each likely: a loop); high T never repeats but strings "
    "improbable words together (gibberish). The log-likelihood is the model's own, at T = 1, per token."
)
PUBLISHED = (
    "At high temperature the tail's many unlikely tokens together take a large share, and a sampler "
    "that keeps them writes nonsense. Top-p keeps the fewest tokens reaching p, so on a flat "
    "distribution it keeps many; min-p keeps only tokens within a factor of the most likely one, a cut "
    "that follows the model's confidence. Nguyen et al. report that on GSM8K (grade-school maths) at "
    "T = 1.5, **min-p 0.1 kept 18.4 % accuracy where top-p 0.9 fell to 0.7 %**. Try the presets "
    "*Hot, top-p* and *Hot, min-p* above on the *Avoidant* prompt."
)
PUBLISHED_SOURCE = (
    "M. N. Nguyen, A. Baker, C. Neo, A. Roush, A. Kirsch, R. Shwartz-Ziv, “Turning up the heat: min-p "
    "sampling for creative and coherent LLM outputs”, 2024, arXiv:2407.01082."
)
TIMING = "Timing softmax for K = 1,000 to 1,000,000 on this machine…"  # while the costs are measured
COST = "Timed once, when this page first ran on this server: the best of 15 interleaved rounds."
