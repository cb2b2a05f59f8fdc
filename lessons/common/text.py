"""Putting numbers and user text on screen safely (Markdown, LaTeX, Plotly labels)."""

from __future__ import annotations

import html
import math

from softmax_core import format_number

_QUOTE_LENGTH = 20


def quote(text: str) -> str:
    """User text shown back inside a message: shortened and set as inline code, so Markdown,
    HTML and LaTeX in it are displayed as typed, never interpreted."""
    text = text.replace("`", "'").replace("\n", " ")
    if len(text) > _QUOTE_LENGTH:
        text = text[: _QUOTE_LENGTH - 1] + "…"
    return f"`{text}`" if text else "(empty)"


_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>$~:")


def escape_markdown(text: str) -> str:
    """Text for st.markdown / st.warning shown literally: every Markdown, HTML and LaTeX sign escaped."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in text)


def plotly_text(text: str) -> str:
    """A label for Plotly, which renders a few HTML tags in text: escape them so '<unk>' shows."""
    return html.escape(text, quote=False)


def number(x: float, digits: int = 4) -> str:
    """A number for reading: 4 significant digits, '∞', '−∞', 'NaN', with a true minus sign; an
    exponent has no '+' and no leading zeros, the same rule both ways: '1.23e206', '4.5e−9'."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = format_number(x, digits)
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−")


def latex_number(x: float, digits: int = 4) -> str:
    """A number inside st.latex: 1.2e-05 becomes 1.2 \\times 10^{-5}; ∞ becomes \\infty."""
    if math.isnan(x):
        return r"\mathrm{NaN}"
    if math.isinf(x):
        return r"\infty" if x > 0 else r"-\infty"
    text = format_number(x, digits)
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int) -> str:
    """An integer in superscript digits, for exponents in labels: ``superscript(-6)`` is '⁻⁶'."""
    return str(n).translate(_SUPERSCRIPTS)


def decade_label(exponent: int) -> str:
    """10**exponent as a tick label: plain from 0.001 to 1000 ('0.01', '100'), '10⁶' style beyond."""
    if -3 <= exponent <= 3:
        return number(10.0**exponent)
    return "10" + superscript(exponent)
