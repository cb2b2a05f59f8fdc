"""number(): what students read, with one rule for exponents both ways (issue 14)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as hst

from lessons.common.text import number


@pytest.mark.parametrize(
    ("x", "shown"),
    [
        (1.23e206, "1.23e206"),  # was '1.23e+206'
        (4.5e-9, "4.5e−9"),  # was '4.5e−09'
        (-1e9, "−1e9"),
        (123456.0, "1.235e5"),
        (-1.23412e-5, "−1.234e−5"),
        (5e-324, "4.941e−324"),  # the smallest subnormal, 4.9406564584124654e-324
        (1.7976931348623157e308, "1.798e308"),  # the largest double
        (0.5, "0.5"),
        (-0.02364, "−0.02364"),
        (1000.0, "1000"),
        (-0.0, "0"),
        (math.inf, "∞"),
        (-math.inf, "−∞"),
        (math.nan, "NaN"),
    ],
)
def test_number_writes_exponents_without_plus_sign_or_leading_zeros(x: float, shown: str) -> None:
    assert number(x) == shown


def test_number_keeps_the_digits_it_is_asked_for() -> None:
    assert number(1.23456e-7, 6) == "1.23456e−7"
    assert number(9.87654e12, 2) == "9.9e12"


@given(hst.floats(allow_nan=False, allow_infinity=False))
def test_number_reads_back_to_the_same_four_digits(x: float) -> None:
    shown = number(x)
    assert "+" not in shown and "e0" not in shown and "e−0" not in shown
    assert float(shown.replace("−", "-")) == float(f"{x:.4g}")
