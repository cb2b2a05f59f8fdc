"""The current temperature on a chart, one way on every page: a dotted line and a dot on each curve, the
exact limits T = 0 and T = ∞ (β = ±∞) drawn just beyond the ends of the axis, and a note under the title
when the current state is not an ordinary point of the axis."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from lessons.common.plot import MARK
from lessons.common.text import decade_label, number, plotly_text

LIMIT_GAP = 0.45  # how far past an axis end its exact limit is drawn (decades, or asinh units)


def beta_position(beta: float | np.ndarray, half_width: float):
    """Where β sits on the symmetric-log axis: asinh(β), and the ±∞ limits just beyond ±asinh(B)."""
    edge = np.arcsinh(half_width) + LIMIT_GAP * 2
    with np.errstate(invalid="ignore"):
        return np.where(np.isinf(beta), np.sign(beta) * edge, np.arcsinh(np.nan_to_num(beta)))


def limit_positions(span: tuple[float, float]) -> tuple[float, float]:
    """Log-axis x of the exact limits T = 0 and T = ∞, a little beyond each end."""
    return span[0] / 10**LIMIT_GAP, span[1] * 10**LIMIT_GAP


def temperature_x(temperature: float, span: tuple[float, float]) -> float | None:
    """x of the current T on a temperature axis (the limits at their points), None if not on it."""
    cold, hot = limit_positions(span)
    if temperature == 0:
        return cold
    if temperature == math.inf:
        return hot
    if temperature > 0 and span[0] <= temperature <= span[1]:
        return temperature
    return None


def where_note(temperature: float, beta: float, span: tuple[float, float]) -> str | None:
    """Where the current state is on a temperature axis when it is not an ordinary point of it."""
    if beta < 0:
        return f"current β = {number(beta)} < 0 (a negative temperature): see it on the β chart"
    if temperature == 0:
        return "T = 0 is the exact limit, the arg max: marked at the left end of the axis"
    if temperature == math.inf:
        return "T = ∞ is the exact limit, the uniform distribution: marked at the right end of the axis"
    if not span[0] <= temperature <= span[1]:
        side = "left" if temperature < span[0] else "right"
        return f"current T = {number(temperature)} lies {side} of this axis"
    return None


def current_marker(
    x: float, values: np.ndarray, labels: Sequence[str], *, name: str, top: float = 1.0
) -> list[dict]:
    """The current state: a vertical line at x and a dot on every curve."""
    return [
        {
            "type": "scatter",
            "x": np.array([x, x]),
            "y": np.array([0.0, top]),
            "mode": "lines",
            "name": name,
            "line": {"color": MARK, "width": 2, "dash": "dot"},
            "hoverinfo": "skip",
            "showlegend": True,
        },
        {
            "type": "scatter",
            "x": np.full(len(values), x),
            "y": values,
            "mode": "markers",
            "name": name + " (values)",
            "marker": {"color": MARK, "size": 9, "line": {"color": "white", "width": 1.5}},
            "text": [plotly_text(label) for label in labels],
            "showlegend": False,
            "hovertemplate": f"%{{text}}: p = %{{y:.4g}}<extra>{name}</extra>",
        },
    ]


def add_note(layout: dict, text: str) -> None:
    """A short line under the title, in the mark colour: where the current state is when it is not a point
    on the curves (off the axis, or on the other chart). Above the plot, so it never covers data."""
    layout["title"]["subtitle"] = {"text": text, "font": {"color": MARK, "size": 15}}
    layout.setdefault("margin", {})["t"] = 110


def temperature_axis(layout: dict, span: tuple[float, float], *, label_ends: bool = True) -> None:
    """Make ``layout``'s x axis the log temperature axis over ``span``, with the exact limits T = 0 and
    T = ∞ as its end ticks ("0", "∞") just beyond the span, and at most about eight decade ticks.

    ``label_ends=False`` leaves the decades at the span's ends unlabelled (their grid lines stay): in a
    narrow chart (a phone, a half-width column) "0.01" and "100" would run into "0" and "∞"."""
    cold, hot = limit_positions(span)
    exponents = range(round(math.log10(span[0])), round(math.log10(span[1])) + 1)
    step = max(1, math.ceil(len(exponents) / 8))
    decades = [e for e in exponents if (e - exponents[0]) % step == 0]
    ends = () if label_ends else (exponents[0], exponents[-1])
    layout["xaxis"].update(
        type="log",
        range=[math.log10(cold) - 0.12, math.log10(hot) + 0.12],
        tickvals=np.array([cold, *(10.0**e for e in decades), hot]),
        ticktext=["0", *("" if e in ends else decade_label(e) for e in decades), "∞"],
    )


def current_line(
    x: float, *, name: str, bottom: float = 0.0, top: float = 1.0, meta: str = "current-line"
) -> dict:
    """The current state as a dotted vertical line at x from ``bottom`` to ``top``, named in the legend
    (a trace, not a shape, so it sits at data coordinates on a log axis too)."""
    return {
        "type": "scatter",
        "x": np.array([x, x]),
        "y": np.array([bottom, top]),
        "mode": "lines",
        "name": name,
        "meta": meta,
        "line": {"color": MARK, "width": 2, "dash": "dot"},
        "hoverinfo": "skip",
        "showlegend": True,
    }


def current_point(
    x: float,
    value: float,
    *,
    name: str,
    top: float,
    text: str | None = None,
    textposition: str = "top right",
    units: str = "",
    meta: str = "current-point",
) -> dict:
    """The current state on one curve: a dot at (x, value), labelled ``text`` beside it. A value above
    ``top`` (or infinite) is drawn at the top as an upward triangle; the hover gives the true value."""
    above = not value <= top
    hover = f"{name}: {number(value)}{' ' + units if units else ''}"
    point = {
        "type": "scatter",
        "x": np.array([x]),
        "y": np.array([top if above else value]),
        "mode": "markers+text" if text else "markers",
        "name": name,
        "meta": meta,
        "showlegend": False,
        "cliponaxis": False,
        "marker": {"color": MARK, "size": 13, "symbol": "triangle-up" if above else "circle",
                   "line": {"color": "white", "width": 2}},
        "hovertemplate": f"{hover}<extra></extra>",
    }  # fmt: skip
    if text:
        point.update(text=[text], textposition=textposition, textfont={"color": MARK})
    return point


def current_points(
    x: float, values: np.ndarray, *, name: str, hover: str, meta: str = "current-points"
) -> dict:
    """The current state on several curves at once: one dot per value at x, in the style of
    ``current_point``, with no legend entry (its line or label names it). ``hover`` is the hovertemplate."""
    return {
        "type": "scatter",
        "x": np.full(len(values), x),
        "y": np.asarray(values, dtype=np.float64),
        "mode": "markers",
        "name": name,
        "meta": meta,
        "showlegend": False,
        "cliponaxis": False,
        "marker": {"color": MARK, "size": 13, "line": {"color": "white", "width": 2}},
        "hovertemplate": hover,
    }


def line_label(x: float, text: str, *, pinned: str | None = None, log: bool = False) -> dict:
    """An annotation naming the current state just above the plot, centred on its line at x (not in the
    legend, which it would widen). ``pinned`` ("left" or "right": the state is drawn at that end of the
    axis) turns the text inward; on a log axis (``log``) Plotly places annotations at log₁₀ x."""
    return {
        "x": math.log10(x) if log else x,
        "xref": "x",
        "y": 1,
        "yref": "paper",
        "yanchor": "bottom",
        "xanchor": pinned if pinned in ("left", "right") else "center",
        "showarrow": False,
        "text": text,
        "font": {"color": MARK, "size": 15},
    }
