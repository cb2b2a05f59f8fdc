"""The Sampling page's URL parameters: the prompt, the sampler's knobs, the draws and the generated text."""

from lessons.common.params import Param
from lessons.common.text import number
from lessons.sampling.model import (
    DEFAULT_CONTINUATION,
    DRAW_COUNTS,
    GENERATION_LENGTHS,
    MAX_SEED,
    MIN_PS,
    OFF,
    PROMPT_NAMES,
    TOP_KS,
    TOP_PS,
    thousands,
)


def knob_text(choice: object) -> str:
    """A knob's setting as its slider shows it and the link carries it: off, 40, 0.95, 1."""
    return choice if isinstance(choice, str) else number(float(choice))  # type: ignore[arg-type]


PROMPT = Param(
    "prompt", "sampling", "which prompt's real next-token distribution is shown", "choice",
    default=PROMPT_NAMES[0], choices=PROMPT_NAMES,
)  # fmt: skip
TAIL = Param(
    "tail", "sampling",
    "the probability of the tokens not listed: kept as a tail, or the listed renormalised", "choice",
    default="tail", choices=("tail", "renormalise"),
)  # fmt: skip
TOP_K = Param(
    "topk", "sampling", "top-k: how many of the most probable tokens are kept (off: all)", "choice",
    default=OFF, choices=(OFF, *TOP_KS), format=knob_text,
)  # fmt: skip
TOP_P = Param(
    "topp", "sampling", "top-p: the share of probability the kept tokens must reach (off: all)", "choice",
    default=OFF, choices=(OFF, *TOP_PS), format=knob_text,
)  # fmt: skip
MIN_P = Param(
    "minp", "sampling", "min-p: the fraction of the top probability a token needs to be kept (off: all)",
    "choice", default=OFF, choices=(OFF, *MIN_PS), format=knob_text,
)  # fmt: skip
ORDER = Param(
    "order", "sampling", "whether the temperature is applied before the truncations (first) or after (last)",
    "choice", default="first", choices=("first", "last"),
)  # fmt: skip
P_AXIS = Param(
    "p_axis", "sampling", "the probability axis of the next-token chart: linear or logarithmic", "choice",
    default="linear", choices=("linear", "log"),
)  # fmt: skip
DRAWS = Param(
    "draws", "sampling", "how many tokens are drawn for the histogram", "choice",
    default=1_000, choices=DRAW_COUNTS, format=thousands,
)  # fmt: skip
DRAW_SEED = Param(
    "draw_seed", "sampling", "the seed of the draws, the Gumbel noise and the generated text", "integer",
    default=0, low=0, high=MAX_SEED,
)  # fmt: skip
GEN_TEXT = Param(
    "gen_text", "sampling", "the text the n-gram model continues", "text",
    default=DEFAULT_CONTINUATION, max_length=120,
)  # fmt: skip
GEN_TOKENS = Param(
    "gen_tokens", "sampling", "how many tokens the n-gram model generates", "choice",
    default=40, choices=GENERATION_LENGTHS,
)  # fmt: skip

PARAMS = (PROMPT, TAIL, TOP_K, TOP_P, MIN_P, ORDER, P_AXIS, DRAWS, DRAW_SEED, GEN_TEXT, GEN_TOKENS)
