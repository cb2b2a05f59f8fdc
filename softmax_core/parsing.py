r"""Text in and out: reading the numbers a user types, and writing numbers for display.

Reading never uses ``eval``: each piece of text is first matched against a strict pattern for a
decimal number, and only then handed to ``float()``. Every rejection is a `ValueError` whose message
says what was wrong and where, quoting at most 20 characters of the user's text (``repr``-escaped,
so control characters show as escapes). The messages are plain text: escape them before rendering
them as Markdown.
"""

from __future__ import annotations

import math
import re

import numpy as np

from ._typing import FloatArray

__all__ = ["format_number", "parse_beta", "parse_logits", "parse_temperature"]

# A decimal number in ASCII digits: 2, -1.5, .5, 3., 1e-5, +2E+10. Nothing else (no 0x, no 1_000,
# no nan/inf, no non-ASCII digits, which Python's float() would accept).
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Commas or semicolons (with any spaces around them), or runs of whitespace.
_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+")
_BRACKETS = {"[": "]", "(": ")"}
_INFINITY = frozenset({"inf", "infinity", "∞"})
_QUOTE_LENGTH = 20
# Typed magnitudes of T or β beyond these are refused: their reciprocals would leave the floats.
_SMALLEST, _LARGEST = 1e-300, 1e300


def _quote(text: str) -> str:
    """User text for a message: at most 20 characters, quoted and escaped by ``repr``."""
    if len(text) > _QUOTE_LENGTH:
        text = text[: _QUOTE_LENGTH - 1] + "…"
    return repr(text)


def _normalise(text: str) -> str:
    """Strip spaces and turn the typographic minus (U+2212) into '-'."""
    if not isinstance(text, str):
        msg = f"Expected text (a str), got {type(text).__name__}."
        raise TypeError(msg)
    return text.strip().replace("\u2212", "-")


def _unbracket(text: str) -> str:
    """Remove one pair of surrounding brackets, [ ] or ( ), refusing an unmatched one."""
    opening = text[:1]
    if opening in _BRACKETS:
        closing = _BRACKETS[opening]
        if not text.endswith(closing):
            msg = f"The opening '{opening}' has no closing '{closing}' at the end."
            raise ValueError(msg)
        return text[1:-1].strip()
    if text[-1:] in _BRACKETS.values():
        msg = f"The closing '{text[-1]}' at the end has no opening bracket."
        raise ValueError(msg)
    return text


def _why_not_finite(token: str) -> str:
    """Why a token that is not a decimal number was refused, for a message."""
    word = token.lstrip("+-").casefold()
    if word in _INFINITY:
        return "is infinite; only finite numbers can be used here"
    if word == "nan":
        return "is NaN (not a number); only finite numbers can be used here"
    return "is not a number"


def parse_logits(text: str, *, max_values: int = 64, min_values: int = 1) -> FloatArray:
    """Read a vector of logits from text such as ``"2, 1, 0.1"``.

    Parameters
    ----------
    text : str
        The numbers, separated by commas, semicolons and/or whitespace: ``"2, 1, 0.1"``,
        ``"2 1 0.1"``, ``"[2; 1; 0.1]"``. A trailing separator, one pair of surrounding brackets
        (``[...]`` or ``(...)``), scientific notation (``1e-3``) and the typographic minus sign
        ``−`` are accepted.
    max_values : int, optional
        The most numbers accepted (default 64).
    min_values : int, optional
        The fewest numbers accepted (default 1).

    Returns
    -------
    numpy.ndarray
        The numbers, float64, 1-d, all finite.

    Raises
    ------
    ValueError
        If the text is empty, a value is missing (two separators in a row), a value is not a
        decimal number, is nan or inf, overflows (``1e999``), there are too many or too few values,
        or a bracket is unmatched. The message names the value by its position, counting from 1.

    Notes
    -----
    Numbers are matched against a strict decimal pattern before ``float()`` sees them, and the
    number of values is checked before any is converted, so a huge paste is refused cheaply.
    A literal that underflows (``1e-999``) is read as 0, its nearest float.

    Examples
    --------
    >>> parse_logits("2, 1, 0.1")
    array([2. , 1. , 0.1])
    >>> parse_logits("[0.5; −2,]")
    array([ 0.5, -2. ])
    >>> parse_logits("1, abc, 3")
    Traceback (most recent call last):
    ...
    ValueError: Value 2 ('abc') is not a number.
    """
    if not 1 <= min_values <= max_values:
        msg = f"Need 1 <= min_values <= max_values, got min_values={min_values}, max_values={max_values}."
        raise ValueError(msg)
    body = _unbracket(_normalise(text)).rstrip(",; \t\r\n")
    if not body:
        what = "a number" if min_values == 1 else f"at least {min_values} numbers"
        msg = f"No numbers given: enter {what}, separated by commas or spaces."
        raise ValueError(msg)
    if body[0] in ",;":
        msg = "The text starts with a separator: value 1 is missing."
        raise ValueError(msg)
    tokens = _SEPARATOR.split(body)
    if len(tokens) > max_values:
        msg = f"Too many values: {len(tokens)} given, at most {max_values} allowed."
        raise ValueError(msg)
    values: list[float] = []
    for number, token in enumerate(tokens, start=1):
        if not token:
            msg = f"Value {number} is missing: two separators in a row."
            raise ValueError(msg)
        if not _NUMBER.fullmatch(token):
            msg = f"Value {number} ({_quote(token)}) {_why_not_finite(token)}."
            raise ValueError(msg)
        value = float(token)
        if math.isinf(value):
            msg = f"Value {number} ({_quote(token)}) is too large: the limit is ±1.8e308."
            raise ValueError(msg)
        values.append(value)
    if len(values) < min_values:
        msg = f"Too few values: {len(values)} given, at least {min_values} needed."
        raise ValueError(msg)
    return np.array(values, dtype=np.float64)


def _parse_scale(text: str, *, name: str, example: str) -> float:
    """Read T or β: a number, 0, or ±inf, with magnitudes in [1e-300, 1e300]."""
    token = _normalise(text)
    if not token:
        msg = f"Enter {name}: {example}."
        raise ValueError(msg)
    if token.lstrip("+-").casefold() in _INFINITY:
        return -math.inf if token.startswith("-") else math.inf
    if not _NUMBER.fullmatch(token):
        why = _why_not_finite(token).split(";")[0]
        msg = f"{_quote(token)} {why}. Enter {name}: {example}."
        raise ValueError(msg)
    value = float(token)
    mantissa = re.split("[eE]", token)[0]
    if value == 0 and any(digit in mantissa for digit in "123456789"):
        msg = (
            f"{_quote(token)} is too small to tell apart from 0: enter 0 for the exact limit, or a "
            f"magnitude of at least {_SMALLEST:g}."
        )
        raise ValueError(msg)
    if abs(value) > _LARGEST:
        msg = (
            f"{_quote(token)} is too large: enter inf for the exact limit, or a magnitude of at most "
            f"{_LARGEST:g}."
        )
        raise ValueError(msg)
    if 0 < abs(value) < _SMALLEST:
        msg = (
            f"{_quote(token)} is too small: enter 0 for the exact limit, or a magnitude of at least "
            f"{_SMALLEST:g}."
        )
        raise ValueError(msg)
    return value


def parse_temperature(text: str) -> float:
    """Read a temperature T typed by a user.

    Parameters
    ----------
    text : str
        A decimal number (``"0.5"``, ``"2e-3"``, ``"-1"``), or ``inf`` / ``infinity`` / ``∞``
        (optionally signed) for the infinite-temperature limit.

    Returns
    -------
    float
        T: 0 (the exact arg-max limit), ±inf (uniform), or a magnitude in [1e-300, 1e300]. A
        negative T is allowed: it is a negative β (the arg-min convention).

    Raises
    ------
    ValueError
        For empty text, text that is not a number, NaN, and magnitudes outside [1e-300, 1e300]
        other than 0 and inf (including literals that overflow, ``1e999``, or underflow).

    Examples
    --------
    >>> parse_temperature(" 0.5 "), parse_temperature("∞"), parse_temperature("−2")
    (0.5, inf, -2.0)
    >>> parse_temperature("warm")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: 'warm' is not a number. Enter a temperature T: a number such as 0.5, 0 (the arg max) ...
    """
    return _parse_scale(
        text, name="a temperature T", example="a number such as 0.5, 0 (the arg max) or inf (uniform)"
    )


def parse_beta(text: str) -> float:
    """Read an inverse temperature β = 1/T typed by a user.

    Parameters
    ----------
    text : str
        A decimal number (``"2"``, ``"1e3"``, ``"-0.5"``), or ``inf`` / ``infinity`` / ``∞``
        (optionally signed) for the zero-temperature limit.

    Returns
    -------
    float
        β: ±inf (the exact arg max / arg min), 0 (uniform), or a magnitude in [1e-300, 1e300].

    Raises
    ------
    ValueError
        As `parse_temperature`.

    Examples
    --------
    >>> parse_beta("1e3"), parse_beta("inf"), parse_beta("-inf")
    (1000.0, inf, -inf)
    >>> parse_beta("1e999")
    Traceback (most recent call last):
    ...
    ValueError: '1e999' is too large: enter inf for the exact limit, or a magnitude of at most 1e+300.
    """
    return _parse_scale(
        text, name="an inverse temperature β", example="a number such as 2, inf (the arg max) or 0 (uniform)"
    )


def format_number(x: float, digits: int = 4) -> str:
    """A number for a table or a label: `digits` significant digits, plain or scientific as fits.

    Parameters
    ----------
    x : float
        The number.
    digits : int, optional
        Significant digits (default 4), at least 1.

    Returns
    -------
    str
        ``'0.5'``, ``'0.02364'``, ``'1.234e-05'``, ``'1.235e+05'`` (Python's ``g`` format: plain
        for exponents from −4 to digits − 1, trailing zeros dropped); ``'0'`` for both zeros;
        ``'inf'``, ``'−inf'`` (with the true minus sign) and ``'NaN'``. Finite negatives keep the
        ASCII '-' so that the text reads back with ``float()`` and can be typeset.

    Raises
    ------
    ValueError
        If `digits` is not a positive integer.

    Examples
    --------
    >>> format_number(0.5), format_number(0.0236405), format_number(1.23412e-05)
    ('0.5', '0.02364', '1.234e-05')
    >>> format_number(float("-inf")), format_number(float("nan")), format_number(-0.0)
    ('−inf', 'NaN', '0')
    """
    if isinstance(digits, bool) or not isinstance(digits, int) or digits < 1:
        msg = f"digits must be a positive integer, got {digits!r}."
        raise ValueError(msg)
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "inf" if x > 0 else "−inf"
    if x == 0:
        return "0"
    return f"{x:.{digits}g}"
