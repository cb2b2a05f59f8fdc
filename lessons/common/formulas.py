"""LaTeX for st.latex, built from numbers only (never from user text)."""

from __future__ import annotations

import math

import numpy as np

from lessons.common.text import latex_number

SOFTMAX = (
    r"p_i = \sigma_\beta(z)_i = \frac{e^{\beta z_i}}{\sum_{j=1}^{K} e^{\beta z_j}},"
    r" \qquad \beta = \frac{1}{T}"
)
_MAX_TERMS = 4


def _factor(x: float) -> str:
    text = latex_number(x)
    return f"({text})" if x < 0 else text


def _exponent(beta: float, z: float) -> str:
    if beta == 1:
        return f"e^{{{latex_number(z)}}}"
    return rf"e^{{{_factor(beta)} \cdot {_factor(z)}}}"


def softmax_substituted(logits: np.ndarray, beta: float, probabilities: np.ndarray) -> str:
    """The softmax formula, then the same with the current numbers for the most probable class."""
    i = int(np.argmax(probabilities))
    k = len(logits)
    p_i = latex_number(float(probabilities[i]))
    if math.isinf(beta):
        side = r"\arg\max" if beta > 0 else r"\arg\min"
        ties = int(np.count_nonzero(probabilities == probabilities[i]))
        value = rf"\frac{{1}}{{{ties}}} = {p_i}" if ties > 1 else p_i
        sign = "+" if beta > 0 else "-"
        line = rf"T \to 0^{sign}:\; p_{{{i + 1}}} = {value} \quad (\text{{one-hot }} {side})"
    elif beta == 0:
        line = rf"T = \infty:\; p_{{{i + 1}}} = \frac{{e^0}}{{{k}\, e^0}} = \frac{{1}}{{{k}}} = {p_i}"
    else:
        terms = [_exponent(beta, float(z)) for z in logits]
        if k > _MAX_TERMS:
            terms = [*terms[: _MAX_TERMS - 1], r"\cdots", terms[-1]]
        line = rf"p_{{{i + 1}}} = \frac{{{_exponent(beta, float(logits[i]))}}}{{{' + '.join(terms)}}} = {p_i}"
    return rf"\begin{{aligned}} & {SOFTMAX} \\[6pt] & {line} \end{{aligned}}"


# Two rows of an aligned block, the equals signs in one column: on one line it is about 400 px wide,
# more than a 390-px phone shows (issue 14); each row fits in about 220 px.
CROSS_ENTROPY = (
    r"\mathcal{L} &= -\log p_t = -\log \frac{e^{\beta z_t}}{\sum_{j} e^{\beta z_j}} \\"
    r" &= \log \sum_{j=1}^{K} e^{\beta z_j} - \beta z_t"
)


def cross_entropy_substituted(beta: float, log_sum: float, scaled_target: float, loss: float) -> str:
    """The cross-entropy formula, then its two terms with the current numbers, in nats and bits, one
    short row at a time with the equals signs aligned, so that it fits a phone.

    ``log_sum`` is log Σ e^{βz_j} and ``scaled_target`` is βz_t; where either is not a finite number
    (the exact limits, or βz beyond the float range) only the loss itself is written.
    """
    bits = loss / math.log(2)
    value = rf"{latex_number(loss)}\ \text{{nats}} = {latex_number(bits)}\ \text{{bits}}"
    if math.isfinite(beta) and beta != 0 and math.isfinite(log_sum) and math.isfinite(scaled_target):
        line = rf"\mathcal{{L}} &= {latex_number(log_sum)} - {_factor(scaled_target)} \\ &= {value}"
    elif beta == 0:
        line = rf"T = \infty:\; \mathcal{{L}} &= \log K = {value}"
    elif math.isinf(beta):
        line = rf"T \to 0^{{{'+' if beta > 0 else '-'}}}:\; \mathcal{{L}} &= {value}"
    else:
        line = rf"\mathcal{{L}} &= {value}"
    return rf"\begin{{aligned}} {CROSS_ENTROPY} \\[6pt] {line} \end{{aligned}}"
