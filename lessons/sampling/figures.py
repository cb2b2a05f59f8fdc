"""Figures of the Sampling page: the next token through the sampler's knobs, draws against theory, Gumbel
noise, diversity against quality of generated text, and the cost of a large softmax."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.common.marks import add_note
from lessons.common.plot import (
    ACCENT,
    CLASS_COLORS,
    GRID,
    INK,
    MARK,
    MUTED,
    base_layout,
    figure,
    padded,
    vline,
)
from lessons.common.text import number, plotly_text

# Removed tokens keep the colour of the knob that removed them, hatched: not drawn from.
REASON_STYLE = {
    "kept": ("kept: the probability drawn from", ACCENT, ""),
    "top_k": ("removed by top-k", "#7c3aed", "/"),
    "top_p": ("removed by top-p", "#ea580c", "/"),
    "min_p": ("removed by min-p", "#059669", "/"),
}
REFERENCE_COLOR = "#cbd5e1"
TWO_ROW_LEGEND_MARGIN = 130  # room above the plot for a legend that wraps to two rows


def _gaps(values: np.ndarray) -> np.ndarray:
    """``values`` with None for NaN: the same gap to plotly, and the same value in the figure and in the
    instant chart's updates (JSON has no NaN, so the updates carry None)."""
    return np.where(np.isnan(values), None, values)


def _categories(labels: Sequence[str]) -> np.ndarray:
    return np.array([plotly_text(label) for label in labels], dtype=object)


# The tops of a linear probability axis (times a power of ten): the axis steps from one to the next as T
# moves, where fitting the tallest bar would change it at every stop below T = 1. A reader compares the
# bars of two stops on the same scale, and the browser moves the bars alone (a new range is an axis
# transition: 45 ms of a move against 19 without, measured in the page on this chart).
NICE_TOPS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def _bars_range(heights: Sequence[np.ndarray], log_axis: bool) -> list[float]:
    """The y range of bars of ``heights`` (probabilities). Linear: from zero to the first of ``NICE_TOPS`` at
    least 5 % above the highest bar, or 1.05. Log: from the lowest bar to the highest with plotly.js's
    padding (5 % of the axis beyond each end), widened to whole half decades."""
    values = np.concatenate([np.ravel(h) for h in heights]).astype(float)
    values = values[np.isfinite(values) & (values > 0)]
    if values.size == 0:
        return [-1.0, 0.0] if log_axis else [0.0, 1.0]
    if not log_axis:  # probabilities: 1.05 at most, the top a certain token's bar needs
        return [0.0, min(nice_ceiling(1.05 * float(values.max())), 1.05)]
    return _log_range(values)


def _log_range(values: np.ndarray) -> list[float]:
    """A log axis's range (in decades) around positive, finite ``values``: plotly.js's padding (5 % of the
    axis beyond each end), widened to whole half decades, so that it steps now and then as T moves.

    >>> _log_range(np.array([0.02, 0.2]))
    [-2.0, -0.5]
    """
    low, high = padded(float(np.log10(values.min())), float(np.log10(values.max())))
    return [float(np.floor(2 * low) / 2) + 0.0, float(np.ceil(2 * high) / 2) + 0.0]  # (+ 0.0: never −0.0)


def nice_ceiling(value: float) -> float:
    """The least of ``NICE_TOPS`` times a power of ten that is at least ``value`` (> 0), within 1e-9 of it.

    >>> nice_ceiling(0.21), nice_ceiling(0.3), nice_ceiling(3 * 0.1), nice_ceiling(1.05)
    (0.25, 0.3, 0.3, 1.5)
    """
    exponent = math.floor(math.log10(value))
    # Written as decimals ("3e-1"): each the double nearest the nice number, as a reader would type it.
    # The tolerance lets 3 × 0.1 (0.30000000000000004) have 0.3 as its top.
    tops = (float(f"{top:g}e{power}") for power in (exponent, exponent + 1) for top in NICE_TOPS)
    return next(top for top in tops if top >= value * (1 - 1e-9))


def token_bars(
    labels: Sequence[str],
    reference: np.ndarray,
    heights: dict[str, np.ndarray],
    *,
    title: str,
    log_axis: bool = False,
) -> go.Figure:
    """The next-token bars: kept tokens at the probability drawn from, removed ones at the probability they
    had when the knob removed them (hatched, in the knob's colour), and behind them, wider and grey, the
    same tokens at T = 1 without truncation."""
    x = _categories(labels)
    traces = [
        {
            "type": "bar",
            "x": x,
            "y": reference,
            "name": "p at T = 1, no truncation",
            "meta": "reference",
            "marker": {"color": REFERENCE_COLOR},
            "width": 0.85,
            "hovertemplate": "%{x}: p = %{y:.4g} at T = 1<extra></extra>",
        }
    ]
    # Every reason has its trace at every temperature (the chart follows the slider by restyling them),
    # with a legend entry only while it has tokens.
    for reason, (name, color, shape) in REASON_STYLE.items():
        traces.append(
            {
                "type": "bar",
                "x": x,
                # NaN, not 0, where this reason has no tokens: a zero-height bar still draws its outline.
                "y": _gaps(np.where(heights[reason] > 0, heights[reason], np.nan)),
                "name": name,
                "meta": reason,
                "showlegend": reason == "kept" or bool(heights[reason].any()),
                "xaxis": "x2",
                "width": 0.55,
                "marker": {
                    "color": color if reason == "kept" else "white",
                    "line": {"color": color, "width": 1.5},
                    "pattern": {"shape": shape, "fgcolor": color, "solidity": 0.45},
                },
                "hovertemplate": f"%{{x}}: %{{y:.4g}}<extra>{name}</extra>",
            }
        )
    layout = base_layout(
        title=title, x_title="next token (most likely first)", y_title="probability", height=480
    )
    layout["barmode"] = "stack"
    layout["yaxis"]["type"] = "log" if log_axis else "linear"
    if log_axis:
        layout["yaxis"]["exponentformat"] = "power"
    # The range set here, as plotly's autorange would find it: this chart follows the slider, and an
    # autoranged move of it took plotly.js two passes (its slanted labels have an automatic margin), 65 ms
    # in the page against 32 with the range given.
    layout["yaxis"]["range"] = _bars_range([reference, *heights.values()], log_axis)
    layout["xaxis"].update({"tickangle": -45, "automargin": True})
    # The knobs' bars sit on a twin of the x axis, drawn over the reference bars instead of stacked on them.
    layout["xaxis2"] = {"overlaying": "x", "visible": False, "matches": "x"}
    layout["margin"] = {"t": TWO_ROW_LEGEND_MARGIN}
    return figure(traces, layout)


def draws_histogram(
    labels: Sequence[str], probabilities: np.ndarray, shares: np.ndarray, *, draws: int
) -> go.Figure:
    """The share of N draws on each bar beside its exact probability."""
    x = _categories(labels)
    traces = [
        {
            "type": "bar",
            "x": x,
            "y": probabilities,
            "name": "exact probability",
            "meta": "exact",
            "marker": {"color": REFERENCE_COLOR, "line": {"color": MUTED, "width": 1}},
            "hovertemplate": "%{x}: p = %{y:.4g}<extra>exact</extra>",
        },
        {
            "type": "bar",
            "x": x,
            "y": shares,
            "name": f"share of {draws:,} draws",
            "meta": "drawn",
            "marker": {"color": ACCENT},
            "hovertemplate": "%{x}: %{y:.4g} of the draws<extra></extra>",
        },
    ]
    layout = base_layout(title=f"{draws:,} draws", x_title="next token", y_title="probability or share")
    layout["barmode"] = "group"
    layout["xaxis"]["tickangle"] = -45
    # Stepping between nice tops, as the next-token chart's: the bars move alone at most stops.
    layout["yaxis"]["range"] = _bars_range([probabilities, shares], log_axis=False)
    return figure(traces, layout)


def distance_curve(counts: np.ndarray, distances: np.ndarray, expected: np.ndarray) -> go.Figure:
    """Total variation between the draws' shares and the probabilities, against N, log-log."""
    traces = [
        {
            "type": "scatter",
            "x": counts,
            "y": expected,
            "mode": "lines",
            "name": "expected: Σ√(p(1−p)/2πN) ∝ 1/√N",
            "meta": "expected",
            "line": {"color": MUTED, "dash": "dash", "width": 2},
            "hovertemplate": "N = %{x:,}: expected %{y:.3g}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": counts,
            "y": distances,
            "mode": "lines+markers",
            "name": "these draws (the first N)",
            "meta": "measured",
            "line": {"color": ACCENT, "width": 2.5},
            "marker": {"size": 8},
            "hovertemplate": "N = %{x:,}: distance %{y:.3g}<extra></extra>",
        },
    ]
    layout = base_layout(
        title="Distance from the probabilities",
        x_title="number of draws N",
        y_title="total variation distance",
    )
    layout["xaxis"].update({"type": "log", "exponentformat": "power", "dtick": "D2"})
    layout["yaxis"].update({"type": "log", "exponentformat": "power", "dtick": "D2"})
    # Set, not fitted: the chart follows T in the browser, where its curves move without a whole redraw
    # only along an axis that does not fit itself (ui/instant_chart.mjs).
    values = np.concatenate([np.ravel(distances), np.ravel(expected)]).astype(float)
    values = values[np.isfinite(values) & (values > 0)]
    if values.size:
        layout["yaxis"]["range"] = _log_range(values)
    layout["margin"] = {"t": TWO_ROW_LEGEND_MARGIN}
    return figure(traces, layout)


def noise_dumbbells(
    labels: Sequence[str],
    scaled: np.ndarray,
    noisy: np.ndarray,
    kept: np.ndarray,
    winner: int | None,
    *,
    title: str,
    note: str | None = None,
) -> go.Figure:
    """One Gumbel-max draw: each token's scaled logit βz (hollow), the same plus its noise (filled), joined;
    the winner, the largest noisy logit among the kept tokens, in red (none: no shown token is kept).
    NaN values (±∞) are off the chart; ``note`` under the title says why."""
    x = _categories(labels)
    count = len(labels)
    # One trace of segments, separated by gaps (NaN), from βz to βz + G.
    segment_x = np.repeat(x, 3)
    segment_y = _gaps(np.column_stack([scaled, noisy, np.full(count, np.nan)]).ravel())
    colors = np.where(np.arange(count) == winner, MARK, np.where(kept, INK, MUTED))
    traces = [
        {
            "type": "scatter",
            "x": segment_x,
            "y": segment_y,
            "mode": "lines",
            "name": "noise G",
            "meta": "noise",
            "line": {"color": MUTED, "width": 2},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "x": x,
            "y": _gaps(scaled),
            "mode": "markers",
            "name": "βz (logit ÷ T)",
            "meta": "logits",
            "marker": {"size": 11, "color": "white", "line": {"color": INK, "width": 2}},
            "hovertemplate": "%{x}: βz = %{y:.3g}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": x,
            "y": _gaps(noisy),
            "mode": "markers",
            "name": "βz + G (removed tokens grey)",
            "meta": "noisy",
            "marker": {"size": 12, "color": colors},
            "hovertemplate": "%{x}: βz + G = %{y:.3g}<extra></extra>",
        },
    ]
    layout = base_layout(title=title, x_title="token", y_title="noisy logit", height=460)
    layout["xaxis"]["tickangle"] = -45
    layout["margin"] = {"t": TWO_ROW_LEGEND_MARGIN}
    if note is not None:
        add_note(layout, note)
        layout["margin"] = {"t": TWO_ROW_LEGEND_MARGIN}
    if winner is not None and np.isfinite(noisy[winner]):
        layout["annotations"] = [
            {"x": x[winner], "y": float(noisy[winner]), "text": "largest: drawn", "showarrow": True,
             "arrowhead": 2, "ax": 0, "ay": -32, "font": {"color": MARK}}
        ]  # fmt: skip
    return figure(traces, layout)


def noise_across_temperatures(
    temperatures: np.ndarray,
    values: np.ndarray,
    labels: Sequence[str],
    winner: np.ndarray,
    *,
    current: float | None,
    y_range: tuple[float, float],
) -> go.Figure:
    """βz + G against T for a few tokens, the same noise at every T; the largest (the draw) in bold red.

    ``values`` has one row per token and one column per temperature; ``winner`` the winning row per T.
    Each line is named at its right end rather than in a legend, which would not fit beside the chart.
    """
    traces = [
        {
            "type": "scatter",
            "x": temperatures,
            "y": row,
            "mode": "lines",
            "name": plotly_text(label),
            "meta": f"token-{index}",
            "line": {"width": 1.5, "color": CLASS_COLORS[index % len(CLASS_COLORS)]},
            "showlegend": False,
            "hovertemplate": f"{plotly_text(label)}: %{{y:.3g}} at T = %{{x:.3g}}<extra></extra>",
        }
        for index, (label, row) in enumerate(zip(labels, values, strict=True))
    ]
    traces.append(
        {
            "type": "scatter",
            "x": temperatures,
            "y": values[winner, np.arange(temperatures.size)],
            "mode": "lines",
            "name": "the largest: the token drawn",
            "meta": "winner",
            "line": {"color": MARK, "width": 4},
            "hoverinfo": "skip",
        }
    )
    layout = base_layout(
        title="The same noise at every temperature", x_title="temperature T", y_title="noisy logit βz + G",
        height=460,
    )  # fmt: skip
    # Room at the right for the names: the axis runs a decade past the last temperature.
    span = np.log10([temperatures[0], temperatures[-1]])
    layout["xaxis"].update({"type": "log", "range": [span[0], span[1] + 1.1], "dtick": 1})
    layout["yaxis"]["range"] = list(y_range)
    ends = _spread(values[:, -1], gap=(y_range[1] - y_range[0]) / 16)
    layout["annotations"] = [
        {"x": span[1], "y": y, "text": plotly_text(label), "showarrow": False, "xanchor": "left",
         "xshift": 4, "font": {"size": 13, "color": color}}
        for label, y, color in zip(labels, ends, CLASS_COLORS * 2, strict=False)
    ]  # fmt: skip
    if current is not None:
        layout["shapes"] = [vline(current, {"color": MARK, "width": 2, "dash": "dot"})]
    return figure(traces, layout)


def _spread(ends: np.ndarray, *, gap: float) -> np.ndarray:
    """Heights for labels at ``ends``, moved apart just enough to be ``gap`` apart, in the same order."""
    order = np.argsort(ends)
    placed = ends[order].astype(float)
    for i in range(1, placed.size):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    # Centre the moved block on the original heights, so the labels stay beside their lines.
    placed -= (placed - ends[order]).mean()
    result = np.empty_like(placed)
    result[order] = placed
    return result


def quality_sweep(
    temperatures: np.ndarray,
    distinct: np.ndarray,
    log_likelihood: np.ndarray,
    *,
    current: tuple[float, float] | None,
    labelled: tuple[float, ...] = (0.0, 0.5, 1.0, 2.0, 5.0),
) -> go.Figure:
    """Diversity (distinct bigrams) against quality (mean log-likelihood) of generated text, a point per T;
    the temperatures in ``labelled`` are named beside their points (all in the hover)."""
    names = [f"T = {number(t)}" for t in temperatures]
    traces = [
        {
            "type": "scatter",
            "x": distinct,
            "y": log_likelihood,
            "mode": "lines+markers+text",
            "name": "mean of 3 texts at each T",
            "meta": "sweep",
            "text": [name if t in labelled else "" for name, t in zip(names, temperatures, strict=True)],
            "customdata": names,
            "textposition": "middle left",
            "line": {"color": ACCENT, "width": 2},
            "marker": {"size": 9},
            "hovertemplate": "%{customdata}: distinct %{x:.0%}, log-likelihood %{y:.3g}<extra></extra>",
        }
    ]
    # Always there, empty (NaN) when there is no current point (β < 0), so the chart follows the slider.
    point = _gaps(np.array(current if current is not None else (np.nan, np.nan), dtype=float))
    traces.append(
        {
            "type": "scatter",
            "x": point[:1],
            "y": point[1:],
            "mode": "markers",
            "name": "the texts above",
            "meta": "current",
            "showlegend": current is not None,
            "marker": {"color": MARK, "size": 14, "symbol": "diamond"},
            "hovertemplate": "current: distinct %{x:.0%}, log-likelihood %{y:.3g}<extra></extra>",
        }
    )
    layout = base_layout(
        title="Diversity against quality",
        x_title="distinct bigrams",
        y_title="log-likelihood per token",
        height=460,
    )
    layout["xaxis"].update({"tickformat": ".0%", "range": [-0.1, 1.1]})
    # Set, not fitted, as plotly.js would fit it: the sweep stays as T moves and the current point moves
    # within it, by Plotly.animate only on an axis that does not fit itself (ui/instant_chart.mjs).
    heights = np.append(np.asarray(log_likelihood, dtype=float), [] if current is None else current[1])
    heights = heights[np.isfinite(heights)]
    if heights.size:
        layout["yaxis"]["range"] = list(padded(float(heights.min()), float(heights.max())))
    layout["margin"] = {"t": TWO_ROW_LEGEND_MARGIN}
    return figure(traces, layout)


def cost_curves(sizes: np.ndarray, full: np.ndarray, two_level: np.ndarray, sampled: np.ndarray) -> go.Figure:
    """Time for the log-probability of one token against the vocabulary size K, three ways, log-log."""
    series = (
        ("full", "full softmax: all K logits", ACCENT),
        ("two_level", "two-level: about 2√K", "#059669"),
        ("sampled", "sampled: 1,000 drawn", "#ea580c"),
    )
    traces = [
        {
            "type": "scatter",
            "x": sizes,
            "y": seconds * 1e6,
            "mode": "lines+markers",
            "name": name,
            "meta": key,
            "line": {"color": color, "width": 2.5},
            "marker": {"size": 9},
            "hovertemplate": f"K = %{{x:,}}: %{{y:.3g}} µs<extra>{name}</extra>",
        }
        for (key, name, color), seconds in zip(series, (full, two_level, sampled), strict=True)
    ]
    layout = base_layout(
        title="log p of one token, measured here",
        x_title="vocabulary size K",
        y_title="time per token (µs)",
    )
    layout["xaxis"].update({"type": "log", "exponentformat": "power"})
    layout["yaxis"].update({"type": "log", "exponentformat": "power", "gridcolor": GRID})
    # GPT-2's vocabulary: the K a language model's softmax really has.
    layout["shapes"] = [vline(50_257, {"color": MUTED, "width": 1.5, "dash": "dot"})]
    layout["annotations"] = [
        {"x": np.log10(50_257), "y": 0.02, "yref": "paper", "text": "GPT-2's 50,257", "showarrow": False,
         "xanchor": "left", "yanchor": "bottom", "font": {"color": MUTED, "size": 13}}
    ]  # fmt: skip
    layout["margin"] = {"t": TWO_ROW_LEGEND_MARGIN}
    return figure(traces, layout)
