"""The Playground's numbers: how undecided p is, and its table of every step from z to p, the naive way and
the stable way, as display strings."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from lessons.common.tables import to_markdown
from lessons.common.text import number
from softmax_core import argmax_onehot, argmin_onehot, entropy, naive_exponentials, naive_softmax, softmax

_DASH = "—"


def softmax_steps(logits: np.ndarray, labels: Sequence[str], beta: float) -> pd.DataFrame:
    """The 'Explaining Softmax' table: every step from z to p, the naive way and the stable way.

    The naive columns are computed exactly as written on paper, so they overflow to 'inf' and the
    result to 'NaN' honestly (β = 1000 on 0.95, 0.99, 0.98); the stable columns subtract the largest
    βz first (the smallest z when β < 0), which changes nothing mathematically and keeps every
    exponent ≤ 0. At the exact limits β = ±∞ the products βz are not numbers, so those cells show '—'.
    """
    p = softmax(logits, beta=beta)
    limit = math.isinf(beta)
    if limit:
        scaled = naive = naive_p = None
        shifted = argmax_onehot(logits) if beta > 0 else argmin_onehot(logits)
        shifted = shifted / shifted.max()
    else:
        with np.errstate(all="ignore"):
            scaled = beta * logits
        naive = naive_exponentials(logits, beta)
        naive_p = naive_softmax(logits, beta)
        reference = logits.max() if beta >= 0 else logits.min()
        # z − m can overflow to −inf for a spread beyond 1e308; e^−inf = 0 is then the exact answer, except
        # at β = 0 (T = ∞), where every exponent is 0 (0 · −inf would be NaN).
        with np.errstate(over="ignore"):
            shifted = np.ones_like(logits) if beta == 0 else np.exp(beta * (logits - reference))
    columns = {
        "z": [number(x) for x in logits],
        "βz": [_DASH] * len(logits) if scaled is None else [number(x) for x in scaled],
        "exp(βz), naive": [_DASH] * len(logits) if naive is None else [number(x) for x in naive],
        "naive p = exp(βz)/Σ": [_DASH] * len(logits) if naive_p is None else [number(x) for x in naive_p],
        "exp(β(z − m)), stable": [number(x) for x in shifted],
        "softmax p": [number(x) for x in p],
        "p (%)": [f"{100 * x:.2f} %" for x in p],
        "arg max": [number(x, 3) for x in argmax_onehot(logits)],
    }
    table = pd.DataFrame(columns, index=pd.Index(list(labels), name="class"))
    with np.errstate(all="ignore"):
        totals = {
            "z": "",
            "βz": "",
            "exp(βz), naive": _DASH if naive is None else number(naive.sum()),
            "naive p = exp(βz)/Σ": _DASH if naive_p is None else number(naive_p.sum()),
            "exp(β(z − m)), stable": number(shifted.sum()),
            "softmax p": number(p.sum()),
            "p (%)": f"{100 * p.sum():.2f} %",
            "arg max": "1",
        }
    # concat, not .loc: a user's label may itself read "Σ (sum)".
    return pd.concat([table, pd.DataFrame([totals], index=pd.Index(["Σ (sum)"], name="class"))])


def entropy_share(p: np.ndarray) -> tuple[float, str]:
    """The entropy H(p) as a share of its maximum log K (for a progress bar), and the sentence beside it."""
    k = len(p)
    h_nats = float(entropy(p))
    share = min(1.0, h_nats / math.log(k))
    note = (
        f"H = {number(h_nats / math.log(2))} bits: {100 * h_nats / math.log(k):.0f} % of the maximum "
        f"log K = {number(math.log(k))} nats ({number(math.log2(k))} bits) of the uniform distribution"
    )
    return share, note


@functools.lru_cache(maxsize=256)
def steps_table(logits: tuple[float, ...], labels: tuple[str, ...], beta: float) -> str:
    """``softmax_steps`` as the page writes it, one Markdown table, kept: the page sends it for the stops
    of the slider near the current one (its numbers follow the thumb), and a move adds one or two."""
    return to_markdown(softmax_steps(np.array(logits, dtype=np.float64), labels, beta))
