"""The cross-entropy formula on a phone (issue 14): short rows, the same maths as on one line."""

from __future__ import annotations

import math
import re

from lessons.common import formulas

# The formula as it was on one line (about 400 px of KaTeX, wider than a 390-px phone).
ONE_LINE = (
    r"\mathcal{L} = -\log p_t = -\log \frac{e^{\beta z_t}}{\sum_{j} e^{\beta z_j}}"
    r" = \log \sum_{j=1}^{K} e^{\beta z_j} - \beta z_t"
)


def rows(latex: str) -> list[str]:
    body = latex.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}")
    return [row.strip() for row in re.split(r"\\\\(?:\[6pt\])?", body)]


def one_line(rows_: list[str]) -> str:
    return " ".join(row.replace("&", "") for row in rows_).replace("  ", " ")


def test_the_cross_entropy_formula_is_two_rows_of_the_same_maths():
    assert len(rows(formulas.CROSS_ENTROPY)) == 2
    assert one_line(rows(formulas.CROSS_ENTROPY)) == ONE_LINE


def test_every_row_of_the_substituted_formula_is_short_with_its_equals_aligned():
    # Hand values: log(e² + e + e^0.1) = 2.41703, βz_t = 2, loss 0.417031 nats = 0.601649 bits.
    latex = formulas.cross_entropy_substituted(1.0, 2.417031, 2.0, 0.417031)
    shown = rows(latex)
    assert shown[2:] == [r"\mathcal{L} &= 2.417 - 2", r"&= 0.417\ \text{nats} = 0.6016\ \text{bits}"]
    assert all(row.count("&") == 1 for row in shown)
    # Characters of LaTeX per row, a stand-in for width: the one line had 118.
    assert max(len(row) for row in shown) < 80 < len(ONE_LINE)


def test_the_limits_keep_one_row_each_after_the_formula():
    at_infinity = rows(formulas.cross_entropy_substituted(0.0, math.log(3), 0.0, math.log(3)))
    assert at_infinity[2].startswith(r"T = \infty:\; \mathcal{L} &= \log K = 1.099")
    cold = rows(formulas.cross_entropy_substituted(math.inf, math.nan, math.inf, 0.0))
    assert cold[2] == r"T \to 0^{+}:\; \mathcal{L} &= 0\ \text{nats} = 0\ \text{bits}"
