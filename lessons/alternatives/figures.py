"""Figures of the 'Why exponentiate?' page: softmax beside its alternatives, shift, two classes, Gumbel."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.common.plot import (
    ACCENT,
    GRID,
    INK,
    LIMIT,
    MARK,
    MUTED,
    base_layout,
    figure,
    legend_below,
    number_labels,
    subtitle,
    vline,
)
from lessons.common.text import number, plotly_text

# One colour per map, softmax in the app's probability blue; the exponential family in blues.
MAP_COLORS = {
    "softmax": ACCENT,
    "sparsemax": "#059669",
    "entmax15": "#7c3aed",
    "square": "#dc2626",
    "relu": "#d97706",
    "exp2": "#0891b2",
}
_CELL_TEXT = 6  # the relaxed samples' values are written in their cells up to this many classes
_PROBABILITY_AXIS = {"range": [0, 1.08], "tickvals": np.linspace(0, 1, 6), "tickformat": ".1f"}


def map_bars(
    outputs: Sequence[tuple[str, str, np.ndarray | None]], labels: Sequence[str], *, title: str
) -> go.Figure:
    """Grouped bars: for each class, one bar per map. ``outputs`` holds (key, name, p or None);
    a map undefined on these logits keeps its legend entry, marked undefined, and draws no bars."""
    x = np.array([plotly_text(label) for label in labels], dtype=object)
    traces = []
    for key, name, p in outputs:
        defined = p is not None
        traces.append(
            {
                "type": "bar",
                "x": x,
                "y": p if defined else np.full(len(labels), np.nan),
                "name": plotly_text(name if defined else f"{name}: undefined here"),
                "meta": f"map-{key}",
                "marker": {"color": MAP_COLORS[key]},
                "opacity": 1.0 if defined else 0.35,
                "hovertemplate": f"%{{x}}: p = %{{y:.4g}}<extra>{plotly_text(name)}</extra>",
            }
        )
    # Taller than the others: on a phone the six legend entries take six rows under the plot.
    layout = base_layout(title=title, x_title="class", y_title="probability p", height=560)
    layout["yaxis"].update(_PROBABILITY_AXIS)
    layout["barmode"] = "group"
    layout["bargroupgap"] = 0.05
    layout["legend"] = legend_below()  # six entries: two rows or more, which above the plot meet the title
    return figure(traces, layout)


def shift_bars(
    labels: Sequence[str],
    softmax_before: np.ndarray,
    softmax_after: np.ndarray,
    square_before: np.ndarray | None,
    square_after: np.ndarray | None,
    *,
    shift: float,
) -> go.Figure:
    """Two panels, softmax and the normalised square, each at z (outlined) and at z + c (filled)."""
    x = np.array([plotly_text(label) for label in labels], dtype=object)
    c = number(shift)
    panels = (
        ("", "softmax", softmax_before, softmax_after, ACCENT),
        ("2", "square", square_before, square_after, MAP_COLORS["square"]),
    )
    traces = []
    for axis, panel, before, after, color in panels:
        for y, name, filled in ((before, "z", False), (after, f"z + c, c = {c}", True)):
            traces.append(
                {
                    "type": "bar",
                    "x": x,
                    "y": y if y is not None else np.full(len(labels), np.nan),
                    "name": name,
                    "meta": f"{panel}-{'shifted' if filled else 'original'}",
                    "legendgroup": name,
                    "showlegend": axis == "",
                    "marker": {
                        "color": color if filled else "rgba(255,255,255,0)",
                        "line": {"color": color if filled else MUTED, "width": 2},
                        "pattern": {"shape": "" if filled else "/", "fgcolor": MUTED},
                    },
                    "hovertemplate": f"%{{x}}: p = %{{y:.4g}}<extra>{plotly_text(name)}</extra>",
                    "xaxis": f"x{axis}",
                    "yaxis": f"y{axis}",
                }
            )
    layout = base_layout(
        title="The same maps at z and at z + c", x_title="class", y_title="probability p", height=440
    )
    # Two panels 0.06 of the width apart sharing the y axis, each titled: the axes and titles plotly.py's
    # make_subplots lays out.
    layout["xaxis"].update(anchor="y", domain=[0.0, 0.47])
    layout["yaxis"].update(anchor="x", domain=[0.0, 1.0], **_PROBABILITY_AXIS)
    layout["xaxis2"] = {"anchor": "y2", "domain": [0.53, 1.0], "title": {"text": "class"}}
    layout["yaxis2"] = {
        "anchor": "x2",
        "domain": [0.0, 1.0],
        "matches": "y",
        "showticklabels": False,
        **_PROBABILITY_AXIS,
    }
    subplot_title = {
        "font": {"size": 16, "color": INK},
        "showarrow": False,
        "xanchor": "center",
        "xref": "paper",
        "y": 1.0,
        "yanchor": "bottom",
        "yref": "paper",
    }
    layout["annotations"] = [
        subplot_title | {"text": "softmax", "x": 0.235},
        subplot_title | {"text": "normalised square", "x": 0.765},
    ]
    layout["barmode"] = "group"
    layout["margin"] = {"t": 130}
    layout["legend"] = {"traceorder": "normal", "y": 1.1}
    return figure(traces, layout)


def logistic_curves(
    differences: np.ndarray,
    softmax_curve: np.ndarray,
    sigmoid_curve: np.ndarray,
    *,
    current: tuple[float, float] | None,
    labels: tuple[str, str],
    title: str,
) -> go.Figure:
    """Softmax of (d, 0) and the logistic sigmoid σ(βd) over the logit difference d of the classes
    ``labels``, with the current difference marked (``current`` = (d, p), or None when off the axis)."""
    first, second = (plotly_text(label) for label in labels)
    hover_d = number_labels(differences)  # a negative difference with a true "−"
    traces = [
        {
            "type": "scatter",
            "x": differences,
            "y": softmax_curve,
            "name": "softmax(d, 0)₁",
            "meta": "softmax",
            "mode": "lines",
            "line": {"color": ACCENT, "width": 7},
            "opacity": 0.45,
            "customdata": hover_d,
            "hovertemplate": "d = %{customdata}: %{y:.4g}<extra>softmax</extra>",
        },
        {
            "type": "scatter",
            "x": differences,
            "y": sigmoid_curve,
            "name": "σ(d/T) = 1/(1 + e^(−d/T))",
            "meta": "sigmoid",
            "mode": "lines",
            "line": {"color": LIMIT, "width": 2.5, "dash": "dash"},
            "customdata": hover_d,
            "hovertemplate": "d = %{customdata}: %{y:.4g}<extra>logistic σ</extra>",
        },
    ]
    layout = base_layout(
        title=title,
        x_title=f"logit difference<br>d = z({first}) − z({second})",
        y_title=f"probability of {first}",
        height=460,
    )
    if current is not None:
        d, p = current
        layout["shapes"] = [vline(d, {"color": MARK, "width": 1.5, "dash": "dot"})]
        traces.append(
            {
                "type": "scatter",
                "x": np.array([d]),
                "y": np.array([p]),
                "name": f"now: d = {number(d)}, p = {number(p)}",
                "meta": "current",
                "mode": "markers",
                "marker": {"color": MARK, "size": 13, "line": {"color": "white", "width": 2}},
                "hovertemplate": f"d = {number(d)}: p = {number(p)}<extra>current logits</extra>",
            }
        )
    layout["yaxis"].update(_PROBABILITY_AXIS)
    layout["legend"] = legend_below()
    layout["xaxis"].update(zeroline=True, zerolinecolor=GRID)
    # Set, not fitted, where plotly.js would fit it (lines are not padded; the marked difference is inside):
    # the axis of d scales with T, and the chart follows T in the browser, where curves move with their
    # axis in one frame by Plotly.animate only on an axis that does not fit itself (ui/instant_chart.mjs).
    if differences.size and np.all(np.isfinite(differences[[0, -1]])):
        layout["xaxis"]["range"] = [float(differences[0]), float(differences[-1])]
    return figure(traces, layout)


def gumbel_histogram(
    frequencies: np.ndarray, probabilities: np.ndarray, labels: Sequence[str], *, samples: int
) -> go.Figure:
    """The share of Gumbel-max samples falling on each class (bars) beside softmax p (markers)."""
    x = np.array([plotly_text(label) for label in labels], dtype=object)
    traces = [
        {
            "type": "bar",
            "x": x,
            "y": frequencies,
            "name": "share of samples",
            "meta": "shares",
            "marker": {"color": "rgba(100,116,139,0.55)"},
            "hovertemplate": "%{x}: %{y:.4g} of the samples<extra></extra>",
        },
        {
            "type": "scatter",
            "x": x,
            "y": probabilities,
            "name": "softmax p",
            "meta": "softmax",
            "mode": "markers",
            "marker": {"symbol": "line-ew", "size": 34, "line": {"color": ACCENT, "width": 4}},
            "hovertemplate": "%{x}: p = %{y:.4g}<extra>softmax</extra>",
        },
    ]
    layout = base_layout(title=f"{samples:,} Gumbel-max samples", x_title="class", y_title="share of samples")
    subtitle(layout, "arg max(z/T + Gumbel noise), beside softmax p")
    layout["yaxis"].update(_PROBABILITY_AXIS)
    layout["legend"] = legend_below()
    return figure(traces, layout)


def relaxed_samples(samples: np.ndarray, labels: Sequence[str], *, tau: float) -> go.Figure:
    """Gumbel-softmax samples as a heat map: one row per sample, one column per class, colour = value."""
    rows, k = samples.shape
    heatmap = {
        "type": "heatmap",
        "meta": "samples",
        "x": np.array([plotly_text(label) for label in labels], dtype=object),
        "y": np.array([str(i + 1) for i in range(rows)], dtype=object),
        "z": samples,
        "zmin": 0.0,
        "zmax": 1.0,
        "colorscale": [[0.0, "#ffffff"], [1.0, ACCENT]],
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": {"text": "value"}, "thickness": 14},
        "hovertemplate": "sample %{y}, %{x}: %{z:.4g}<extra></extra>",
    }
    if k <= _CELL_TEXT:  # beyond, the cells are too narrow for their values
        heatmap.update(text=number_labels(samples), texttemplate="%{text}")
    layout = base_layout(
        title=f"{rows} Gumbel-softmax samples, τ = {number(tau)}",
        x_title="class",
        y_title="sample",
        height=420,
    )
    layout["yaxis"].update(type="category", autorange="reversed", showgrid=False)
    layout["xaxis"]["showgrid"] = False
    return figure([heatmap], layout)
