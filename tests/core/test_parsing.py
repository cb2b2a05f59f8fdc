"""Reading what a user types, and writing numbers back for display."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from numpy.testing import assert_array_equal

from softmax_core import format_number, parse_beta, parse_logits, parse_temperature

# --- parse_logits: accepted -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2, 1, 0.1",
        "2 1 0.1",
        "2;1;0.1",
        "2,1,0.1,",
        " 2 ,\t1 ;\n0.1 ; ",
        "[2, 1, 0.1]",
        "(2, 1, 0.1)",
        "[ 2 1 0.1 ]",
        "2e0, 1E0, 1e-1",
        "+2, 1., .1",
    ],
)
def test_separators_brackets_and_notations_are_accepted(text):
    assert_array_equal(parse_logits(text), [2.0, 1.0, 0.1])


def test_unicode_minus_is_read_as_minus():
    assert_array_equal(parse_logits("−1.5, 2, −3e−2"), [-1.5, 2.0, -0.03])


def test_result_is_a_float64_vector():
    values = parse_logits("1, 2")
    assert values.dtype == np.float64
    assert values.ndim == 1


def test_a_literal_that_underflows_reads_as_zero():
    assert_array_equal(parse_logits("1e-999, 1"), [0.0, 1.0])


def test_exactly_max_values_are_accepted():
    assert len(parse_logits(",".join(["1"] * 64))) == 64


# --- parse_logits: refused, with the message --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1, abc, 3", r"^Value 2 \('abc'\) is not a number\.$"),
        ("1 2 0x10", r"^Value 3 \('0x10'\) is not a number\.$"),
        ("1_000", r"^Value 1 \('1_000'\) is not a number\.$"),
        ("1.2.3", r"^Value 1 \('1\.2\.3'\) is not a number\.$"),
        ("١٢", r"^Value 1 \('١٢'\) is not a number\.$"),  # Arabic-Indic digits: float() would take them
        ("1, nan", r"^Value 2 \('nan'\) is NaN \(not a number\); only finite numbers can be used here\.$"),
        ("inf 1", r"^Value 1 \('inf'\) is infinite; only finite numbers can be used here\.$"),
        ("1, -Infinity", r"^Value 2 \('-Infinity'\) is infinite"),
        ("1, ∞", r"^Value 2 \('∞'\) is infinite"),
        ("1e999", r"^Value 1 \('1e999'\) is too large: the limit is ±1\.8e308\.$"),
        ("1,,2", r"^Value 2 is missing: two separators in a row\.$"),
        ("1, ; 2", r"^Value 2 is missing: two separators in a row\.$"),
        (", 1, 2", r"^The text starts with a separator: value 1 is missing\.$"),
        ("[1, 2", r"^The opening '\[' has no closing '\]' at the end\.$"),
        ("(1, 2]", r"^The opening '\(' has no closing '\)' at the end\.$"),
        ("1, 2]", r"^The closing '\]' at the end has no opening bracket\.$"),
        ("", r"^No numbers given: enter a number, separated by commas or spaces\.$"),
        ("  ,  ", r"^No numbers given"),
        ("[]", r"^No numbers given"),
        ("eval('1')+1", r"^Value 1 \(\"eval\('1'\)\+1\"\) is not a number\.$"),
        ("1, 2)", r"^The closing '\)' at the end has no opening bracket\.$"),
    ],
)
def test_bad_text_is_refused_saying_what_and_where(text, message):
    with pytest.raises(ValueError, match=message):
        parse_logits(text)


def test_quoted_text_is_shortened_to_twenty_characters():
    with pytest.raises(ValueError, match=r"^Value 2 \('abcdefghijklmnopqrs…'\) is not a number\.$"):
        parse_logits("1, abcdefghijklmnopqrstuvwxyz")


def test_control_characters_in_quoted_text_are_escaped():
    with pytest.raises(ValueError, match=r"\('a\\x00b'\)"):
        parse_logits("a\x00b")


def test_too_many_values_says_how_many_and_the_cap():
    with pytest.raises(ValueError, match=r"^Too many values: 65 given, at most 64 allowed\.$"):
        parse_logits(" ".join(["1"] * 65))
    with pytest.raises(ValueError, match=r"^Too many values: 4 given, at most 3 allowed\.$"):
        parse_logits("1 2 3 4", max_values=3)


def test_too_few_values_says_how_many_and_the_minimum():
    with pytest.raises(ValueError, match=r"^Too few values: 1 given, at least 2 needed\.$"):
        parse_logits("5", min_values=2)
    with pytest.raises(ValueError, match=r"^No numbers given: enter at least 2 numbers"):
        parse_logits("", min_values=2)


def test_inconsistent_limits_are_a_programming_error():
    with pytest.raises(ValueError, match=r"^Need 1 <= min_values <= max_values"):
        parse_logits("1", min_values=3, max_values=2)


def test_a_huge_paste_is_refused_by_its_count():
    with pytest.raises(ValueError, match=r"^Too many values: 100000 given"):
        parse_logits("1," * 99_999 + "1")


def test_text_is_required():
    with pytest.raises(TypeError, match="Expected text"):
        parse_logits([1, 2])


@settings(max_examples=200, deadline=None)
@given(
    values=hst.lists(hst.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=64),
    separator=hst.sampled_from([",", ", ", ";", " ", "\t", " ; ", "\n"]),
)
def test_numbers_written_with_repr_read_back_exactly(values, separator):
    text = separator.join(repr(v) for v in values)
    assert_array_equal(parse_logits(text), values)


# --- parse_temperature and parse_beta ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.5", 0.5),
        (" 2 ", 2.0),
        ("1e-3", 1e-3),
        ("−2", -2.0),
        ("0", 0.0),
        ("0.000", 0.0),
        ("inf", math.inf),
        ("Infinity", math.inf),
        ("∞", math.inf),
        ("+inf", math.inf),
        ("-inf", -math.inf),
        ("−∞", -math.inf),
        ("1e-300", 1e-300),
        ("-1e300", -1e300),
    ],
)
def test_temperature_and_beta_accept_numbers_zero_and_infinity(text, expected):
    assert parse_temperature(text) == expected
    assert parse_beta(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"^Enter a temperature T: a number such as 0\.5, 0 \(the arg max\) or inf \(uniform\)\.$"),
        ("   ", r"^Enter a temperature T"),
        ("warm", r"^'warm' is not a number\. Enter a temperature T: a number such as 0\.5"),
        ("nan", r"^'nan' is NaN \(not a number\)\. Enter a temperature T"),
        (
            "1e999",
            r"^'1e999' is too large: enter inf for the exact limit, or a magnitude of at most 1e\+300\.$",
        ),
        ("2e300", r"^'2e300' is too large"),
        (
            "1e-301",
            r"^'1e-301' is too small: enter 0 for the exact limit, or a magnitude of at least 1e-300\.$",
        ),
        ("1e-400", r"^'1e-400' is too small to tell apart from 0: enter 0 for the exact limit"),
        ("1, 2", r"^'1, 2' is not a number"),
    ],
)
def test_bad_temperature_is_refused_with_a_clear_message(text, message):
    with pytest.raises(ValueError, match=message):
        parse_temperature(text)


def test_bad_beta_message_speaks_of_beta():
    with pytest.raises(
        ValueError, match=r"^Enter an inverse temperature β: a number such as 2, inf \(the arg max\)"
    ):
        parse_beta("")
    with pytest.raises(ValueError, match=r"^'hot' is not a number\. Enter an inverse temperature β"):
        parse_beta("hot")


# --- format_number ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (0.5, "0.5"),
        (0.65900114, "0.659"),
        (0.02364054, "0.02364"),
        (1.23412e-5, "1.234e-05"),
        (123456.0, "1.235e+05"),
        (1234.0, "1234"),
        (1.0, "1"),
        (-0.25, "-0.25"),
        (0.0, "0"),
        (-0.0, "0"),
        (math.inf, "inf"),
        (-math.inf, "−inf"),
        (math.nan, "NaN"),
        (np.float64(2.0), "2"),
        (5e-324, "4.941e-324"),
    ],
)
def test_format_number_gives_four_significant_digits(x, expected):
    assert format_number(x) == expected


def test_format_number_takes_the_number_of_digits():
    assert format_number(math.pi, 2) == "3.1"
    assert format_number(math.pi, digits=8) == "3.1415927"


@pytest.mark.parametrize("digits", [0, -1, 2.5, True])
def test_format_number_refuses_a_bad_number_of_digits(digits):
    with pytest.raises(ValueError, match=r"^digits must be a positive integer"):
        format_number(1.0, digits)
