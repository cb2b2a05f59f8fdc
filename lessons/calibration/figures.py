"""The calibration page's charts, pure: reliability diagrams with their confidence histogram, the measures
against T with their minima, and the over- and underconfident networks' NLL side by side. Every trace has a
``meta`` id the tests find it by."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from lessons.common import marks
from lessons.common.plot import ACCENT, CLASS_COLORS, INK, LIMIT, MARK, MUTED, base_layout, figure
from lessons.common.text import number
from softmax_core.calibration import ReliabilityBins

VALIDATION, TEST = ACCENT, CLASS_COLORS[3]
NLL_T, ECE_T = CLASS_COLORS[2], CLASS_COLORS[4]  # the vertical lines of the two fitted temperatures
ROWS = ("nll", "ece", "brier", "accuracy")
ROW_TITLES = {"nll": "NLL (nats)", "ece": "ECE", "brier": "Brier", "accuracy": "Accuracy"}
MODEL_COLORS = {"overconfident": CLASS_COLORS[1], "underconfident": CLASS_COLORS[2]}


def reliability_diagram(bins: ReliabilityBins, *, title: str, ece: float, height: int = 520) -> go.Figure:
    """Accuracy per confidence bin against the diagonal of perfect calibration, the gap to each bin's mean
    confidence in red, and below it how many predictions fall in each bin. Empty bins are left out."""
    filled = bins.counts > 0
    lower, upper = bins.edges[:-1][filled], bins.edges[1:][filled]
    centres, widths = (lower + upper) / 2, upper - lower
    accuracy, confidence = bins.accuracy[filled], bins.confidence[filled]
    counts = bins.counts[filled]
    traces: list[dict] = [
        {
            "type": "bar",
            "x": centres,
            "y": accuracy,
            "width": widths,
            "name": "accuracy",
            "meta": "accuracy",
            "marker": {"color": ACCENT, "line": {"color": "white", "width": 1}},
            "customdata": np.column_stack([lower, upper, confidence, counts]),
            "hovertemplate": "confidence in (%{customdata[0]:.3f}, %{customdata[1]:.3f}]<br>"
            "accuracy %{y:.3f}, mean confidence %{customdata[2]:.3f}<br>"
            "%{customdata[3]} predictions<extra></extra>",
        },
        {
            "type": "bar",
            "x": centres,
            "y": np.abs(confidence - accuracy),
            # A list: plotly.py ships "base" as a list even when given an array (no typed-array form).
            "base": np.minimum(accuracy, confidence).tolist(),
            "width": widths,
            "name": "gap to confidence",
            "meta": "gap",
            # Hatched, not filled: a gap inside an accuracy bar (underconfidence) stays legible.
            "marker": {
                "color": "rgba(255,255,255,0)",
                "line": {"color": MARK, "width": 1.5},
                "pattern": {"shape": "/", "fgcolor": MARK, "size": 7, "solidity": 0.25},
            },
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "x": np.array([0.0, 1.0]),
            "y": np.array([0.0, 1.0]),
            "mode": "lines",
            "name": "calibrated",
            "meta": "diagonal",
            "line": {"color": INK, "width": 1.5, "dash": "dash"},
            "hoverinfo": "skip",
        },
        {
            "type": "bar",
            "x": centres,
            "y": counts,
            "width": widths,
            "name": "predictions",
            "meta": "histogram",
            "xaxis": "x2",
            "yaxis": "y2",
            "marker": {"color": MUTED},
            "showlegend": False,
            "hovertemplate": "%{y} predictions<extra></extra>",
        },
    ]
    layout = base_layout(title=title, x_title="", y_title="Accuracy", height=height)
    layout["title"]["subtitle"] = {"text": f"ECE {percent(ece)} on the test split", "font": {"size": 15}}
    layout["margin"] = {"l": 70, "r": 24, "t": 90, "b": 120}
    layout["barmode"] = "overlay"
    # Below the plot: above it the title and its subtitle take the room.
    layout["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.2, "yanchor": "top"}
    layout["xaxis"].update(range=[0, 1], anchor="y", showticklabels=False, matches="x2")
    layout["yaxis"].update(range=[0, 1], domain=[0.34, 1.0], anchor="x")
    layout["xaxis2"] = {"range": [0, 1], "anchor": "y2", "title": {"text": "Confidence (largest p)"}}
    layout["yaxis2"] = {
        "domain": [0.0, 0.26],
        "anchor": "x2",
        "title": {"text": "Count"},
        "rangemode": "tozero",
    }
    return figure(traces, layout)


def percent(fraction: float) -> str:
    """An ECE as a percentage with two decimals: 0.04741 → '4.74 %'."""
    return f"{100 * fraction:.2f} %"


def _row_axis(row: int) -> str:
    """The trace's y axis of a row: 'y', 'y2', …"""
    return "y" if row == 0 else f"y{row + 1}"


def _row_domain(row: int, rows: int) -> list[float]:
    """Equal rows from the top with a gap between, rounded into [0, 1] (Plotly refuses −6e−17)."""
    gap = 0.05
    height = (1 - gap * (rows - 1)) / rows
    top = 1 - row * (height + gap)
    return [max(0.0, round(top - height, 9)), round(top, 9)]


def _vertical(at: float, row: int, color: str, dash: str) -> dict:
    return {
        "type": "line",
        "xref": "x",
        "x0": at,
        "x1": at,
        "yref": f"{_row_axis(row)} domain",
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "width": 2, "dash": dash},
    }


def _legend_line(name: str, color: str, dash: str, meta: str) -> dict:
    """A legend entry for a vertical line drawn as shapes across the rows (shapes have no legend)."""
    return {
        "type": "scatter",
        "x": np.array([math.nan]),
        "y": np.array([math.nan]),
        "mode": "lines",
        "name": name,
        "meta": meta,
        "line": {"color": color, "width": 2, "dash": dash},
        "hoverinfo": "skip",
    }


def _curve(x: np.ndarray, y: np.ndarray, row: int, measure: str, split: str) -> dict:
    color, dash = (VALIDATION, "solid") if split == "validation" else (TEST, "dash")
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "yaxis": _row_axis(row),
        "mode": "lines",
        "name": split,
        "legendgroup": split,
        "showlegend": row == 0,
        "meta": f"{measure}-{split}",
        "line": {"color": color, "width": 2.5, "dash": dash},
        "hovertemplate": f"T = %{{x:.3g}}: {ROW_TITLES[measure]} %{{y:.4g}}<extra>{split}</extra>",
    }


def _minimum(at: float, value: float, row: int, measure: str) -> dict:
    return {
        "type": "scatter",
        "x": np.array([at]),
        "y": np.array([value]),
        "yaxis": _row_axis(row),
        "mode": "markers",
        "meta": f"{measure}-minimum",
        "name": "minimum on validation",
        "legendgroup": "minimum",
        "showlegend": row == 0,
        "cliponaxis": False,
        "marker": {"symbol": "star", "size": 16, "color": VALIDATION, "line": {"color": "white", "width": 1}},
        "hovertemplate": f"validation minimum: {ROW_TITLES[measure]} %{{y:.4g}}"
        " at T = %{x:.4g}<extra></extra>",
    }


def _values_at(at: float, values: Mapping[str, float], row: int, meta: str, color: str) -> dict:
    """The validation and test values of one measure at a fitted T: two dots ringed in that T's colour."""
    return {
        "type": "scatter",
        "x": np.array([at, at]),
        "y": np.array([values["validation"], values["test"]]),
        "yaxis": _row_axis(row),
        "mode": "markers",
        "meta": meta,
        "showlegend": False,
        "cliponaxis": False,
        "marker": {"size": 10, "color": [VALIDATION, TEST], "line": {"color": color, "width": 2.5}},
        "hovertemplate": f"at T = {number(at)}: %{{y:.4g}}<extra></extra>",
    }


def measures_against_temperature(
    temperatures: np.ndarray,
    curves: Mapping[str, Mapping[str, np.ndarray]],
    *,
    fitted: float,
    at_fitted: Mapping[str, Mapping[str, float]],
    ece_best: float,
    at_ece_best: Mapping[str, Mapping[str, float]],
    temperature: float,
    beta: float,
    height: int = 900,
) -> go.Figure:
    """NLL, ECE, Brier score and accuracy against T (log axis), validation solid and test dashed, a row
    each. Marked: each measure's minimum on validation (a star; the NLL's is the exact fitted T), the
    NLL-optimal and the ECE-optimal T as dotted lines with both splits' values there, and the current T.

    ``curves[measure][split]`` is a measure on the grid (accuracy too: a flat line);
    ``at_fitted[measure][split]`` and ``at_ece_best[measure][split]`` the values at the two temperatures.
    """
    span = (float(temperatures[0]), float(temperatures[-1]))
    traces: list[dict] = []
    layout = base_layout(title="Every measure against T", x_title="Temperature T", y_title="", height=height)
    layout["shapes"] = []
    ranges = _row_ranges(curves)
    for row, measure in enumerate(ROWS):
        name = "yaxis" if row == 0 else f"yaxis{row + 1}"
        layout[name] = {
            **layout.get(name, {}),
            "domain": _row_domain(row, len(ROWS)),
            "anchor": "x",
            "range": ranges[measure],
            "title": {"text": ROW_TITLES[measure]},
        }
        for split in ("validation", "test"):
            traces.append(_curve(temperatures, curves[measure][split], row, measure, split))
        if measure == "nll":
            traces.append(_minimum(fitted, at_fitted["nll"]["validation"], row, measure))
        elif measure != "accuracy":
            best = int(np.argmin(curves[measure]["validation"]))
            traces.append(
                _minimum(float(temperatures[best]), curves[measure]["validation"][best], row, measure)
            )
        traces.append(_values_at(fitted, at_fitted[measure], row, f"{measure}-at-nll-t", NLL_T))
        traces.append(_values_at(ece_best, at_ece_best[measure], row, f"{measure}-at-ece-t", ECE_T))
    lines = [
        (f"NLL-optimal T = {number(fitted)}", fitted, NLL_T, "nll-t", "dot"),
        (f"ECE-optimal T = {number(ece_best)}", ece_best, ECE_T, "ece-t", "dot"),
    ]
    marks.temperature_axis(layout, span, label_ends=False)  # "0.01" and "0" would meet on a phone
    where = marks.temperature_x(temperature, span)
    shown = where is not None and beta >= 0
    for label, at, color, meta, dash in lines:
        traces.append(_legend_line(label, color, dash, meta))
        layout["shapes"].extend(_vertical(at, row, color, dash) for row in range(len(ROWS)))
    # Always a trace, hidden where the current T is off the axis: the chart that follows the slider keeps
    # the same traces at every stop.
    yours = _legend_line(f"your T = {number(temperature)}", MARK, "dash", "current-line")
    traces.append({**yours, "visible": shown})
    if shown:
        layout["shapes"].extend(_vertical(where, row, MARK, "dash") for row in range(len(ROWS)))
    layout["xaxis"]["anchor"] = _row_axis(len(ROWS) - 1)  # the one T axis, under the last row
    # Below the T axis: on a phone the legend takes five lines, which above the plot would cover the title.
    layout["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.09, "yanchor": "top"}
    layout["margin"] = {"l": 80, "r": 24, "t": 70, "b": 180}
    note = marks.where_note(temperature, beta, span)
    if note:
        marks.add_note(layout, note.replace("see it on the β chart", "it is not on this axis"))
        layout["margin"]["t"] = 110
    return figure(traces, layout)


def _row_ranges(curves: Mapping[str, Mapping[str, np.ndarray]]) -> dict[str, list[float]]:
    """y ranges that keep each row's interesting part: from 0 to about twice the curves' median (NLL
    explodes as T → 0 and the ECE and Brier score climb towards T = ∞), accuracy just around its levels."""
    ranges = {}
    for measure in ("nll", "ece", "brier"):
        values = np.concatenate([curves[measure]["validation"], curves[measure]["test"]])
        values = values[np.isfinite(values)]
        ranges[measure] = [0.0, max(2 * float(np.median(values)), 3 * float(values.min()), 1e-3)]
    lowest = float(min(curves["accuracy"]["validation"].min(), curves["accuracy"]["test"].min()))
    ranges["accuracy"] = [max(0.0, lowest - 0.05), 1.0]
    return ranges


def two_models(
    temperatures: np.ndarray,
    nll: Mapping[str, np.ndarray],
    fitted: Mapping[str, float],
    names: Mapping[str, str],
    *,
    height: int = 420,
) -> go.Figure:
    """Each network's validation NLL against T with its fitted minimum: one right of T = 1, one left."""
    traces: list[dict] = []
    for kind, curve in nll.items():
        color = MODEL_COLORS.get(kind, INK)
        traces.append(
            {
                "type": "scatter",
                "x": temperatures,
                "y": curve,
                "mode": "lines",
                "name": names[kind],
                "meta": f"nll-{kind}",
                "line": {"color": color, "width": 2.5},
                "hovertemplate": "T = %{x:.3g}: NLL %{y:.4g}<extra>" + names[kind] + "</extra>",
            }
        )
        best = float(np.interp(np.log(fitted[kind]), np.log(temperatures), curve))
        traces.append(
            {
                "type": "scatter",
                "x": np.array([fitted[kind]]),
                "y": np.array([best]),
                "mode": "markers+text",
                "meta": f"fitted-{kind}",
                "name": f"T = {number(fitted[kind])}",
                "showlegend": False,
                "text": [f"T = {number(fitted[kind], 3)}"],
                "textposition": "bottom center",
                "textfont": {"color": color, "size": 15},
                "marker": {
                    "symbol": "star",
                    "size": 16,
                    "color": color,
                    "line": {"color": "white", "width": 1},
                },
                "hovertemplate": "fitted T = %{x:.4g}: NLL %{y:.4g}<extra></extra>",
            }
        )
    layout = base_layout(
        title="Validation NLL of both networks", x_title="Temperature T", y_title="NLL (nats)", height=height
    )
    ticks = np.array([0.1, 0.3, 1, 3, 10, 30])
    layout["xaxis"].update(
        type="log",
        range=[math.log10(0.05), math.log10(50)],
        tickvals=ticks,
        ticktext=[number(t) for t in ticks],
    )
    low = min(float(np.min(curve)) for curve in nll.values())
    layout["yaxis"]["range"] = [0.0, max(1.0, 4 * low)]
    layout["shapes"] = [_vertical(1.0, 0, LIMIT, "dot")]
    layout["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.25, "yanchor": "top"}
    layout["margin"] = {"l": 70, "r": 24, "t": 60, "b": 120}
    layout["annotations"] = [
        {
            "x": 0,  # log₁₀ 1: a log axis places annotations by the exponent
            "xref": "x",
            "y": 1,
            "yref": "y domain",
            "text": "T = 1, as trained",
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "top",
            "font": {"color": MUTED, "size": 14},
            "bgcolor": "rgba(255,255,255,0.85)",
        }
    ]
    return figure(traces, layout)
