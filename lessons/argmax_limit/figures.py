"""Figures of the arg max limit page: arrays in, a ``go.Figure`` built from plain dicts out."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lessons.common import marks
from lessons.common.plot import (
    ACCENT,
    CLASS_COLORS,
    GRID,
    INK,
    LIMIT,
    MARK,
    MUTED,
    base_layout,
    figure,
    legend_below,
    number_labels,
)
from lessons.common.plot import subtitle as add_subtitle
from lessons.common.text import number, plotly_text

_LIMIT_MARKER = {"symbol": "diamond", "size": 13, "color": LIMIT, "line": {"color": INK, "width": 1}}
_CURRENT_MARKER = {"color": MARK, "size": 13, "line": {"color": "white", "width": 2}}  # as marks draws it
_DISTANCE_TOP = 4.0  # the y axis of the distance chart ends here (the distance is at most 2)
_SMALLEST_SHOWN = 1e-320
HEIGHT = 540  # every chart of the page: side by side, their plots line up
_ALL_EQUAL_NOTE = {
    "x": 0.5,
    "y": 0.5,
    "xref": "paper",
    "yref": "paper",
    "showarrow": False,
    "text": "All logits are equal: σ<sub>β</sub>(z) is uniform<br>for every β and already is its limit."
    "<br>The distance is exactly 0,<br>which a log axis cannot show.",
    "bgcolor": "rgba(255,255,255,0.9)",
    "font": {"color": MUTED},
}


@dataclass(frozen=True)
class Current:
    """The current state to mark: x on the chart, its exact value(s), and how to name it."""

    x: float
    y: np.ndarray | float
    label: str
    pinned: str | None = None


def current_label(beta: float, pinned: str | None) -> str:
    """'current β = 2', with where it is drawn when it cannot sit at its own x (the caption says why)."""
    text = f"current β = {number(beta)}"
    return text if pinned is None else f"{text} (at the {pinned} end)"


def _class_color(index: int) -> str:
    return CLASS_COLORS[index % len(CLASS_COLORS)]


def _unit(magnitude: float) -> tuple[float, str]:
    """A power of ten to divide by, and its axis-title note, for numbers a browser chart cannot place.

    Plotly's linear axes clip beyond ±1.8 × 10³⁰⁴ (plotly.js FP_SAFE) and lose tiny spans near 10⁻³⁰⁸; such
    values are drawn in units of 10^e instead, as a table would write them."""
    if not math.isfinite(magnitude) or 1e-300 <= magnitude <= 1e300:
        return 1.0, ""
    exponent = math.floor(math.log10(magnitude))
    return 10.0**exponent, f" (× 10<sup>{exponent}</sup>)"


def _finish(traces: list[dict], layout: dict, second_line: str | None = None) -> go.Figure:
    """The figure, with the legend under the plot (``legend_below``: in a narrow column it never covers
    title, axes or data) and, under a short title, a ``second_line`` (titles fit a phone). A "margin" in the
    layout overrides the page's default one side by side."""
    if second_line:
        add_subtitle(layout, second_line)
    layout["margin"] = {"t": 64, "b": 16, **layout.get("margin", {})}
    layout["legend"] = legend_below()
    return figure(traces, layout)


def _log_axis(decades: tuple[float, float]) -> dict:
    """A log axis over these decades with ticks at whole powers of ten only (no 2 and 5 between), about
    eight of them at most."""
    span = decades[1] - decades[0]
    return {
        "type": "log",
        "range": list(decades),
        "dtick": max(1, math.ceil(span / 8)),
        "exponentformat": "power",
        "showexponent": "all",
    }


def _current_line(current: Current, y_range: tuple[float, float], *, x: float | None = None) -> dict:
    """The current β as the shared dotted line; its name is written above the plot, not in the legend."""
    line = marks.current_line(
        current.x if x is None else x, name=current.label, bottom=y_range[0], top=y_range[1]
    )
    return {**line, "showlegend": False}


def _current_dots(x: float, values: np.ndarray, current: Current, *, what: str = "p") -> dict:
    """The current β's values, one dot on each curve."""
    return marks.current_points(
        x, values, name=current.label, hover=f"{what} = %{{y:.4g}}<extra>current β</extra>", meta="current"
    )


def probability_paths(
    x: np.ndarray,
    probabilities: np.ndarray,
    labels: Sequence[str],
    *,
    shown: np.ndarray,
    limit: np.ndarray,
    limit_name: str,
    decades: tuple[float, float],
    current: Current,
    x_title: str,
    title: str,
    subtitle: str | None = None,
) -> go.Figure:
    """One line of p_k per shown class over |β| (log axis), the one-hot limit as diamonds at the right end,
    the current β as a dotted line with its exact probabilities. Classes not shown are summed in one line."""
    traces: list[dict] = []
    k = probabilities.shape[1]
    hidden = np.setdiff1d(np.arange(k), shown)
    colors = [_class_color(i if k <= len(CLASS_COLORS) else rank) for rank, i in enumerate(shown)]
    for index, color in zip(shown, colors, strict=True):
        traces.append(
            dict(
                type="scatter",
                x=x,
                y=probabilities[:, index],
                mode="lines",
                name=plotly_text(labels[index]),
                meta=f"class-{index}",
                line={"color": color, "width": 3},
                hovertemplate="β = %{x:.4g}: p = %{y:.4g}<extra>%{fullData.name}</extra>",
            )
        )
    limit_values = limit[shown]
    current_values = np.asarray(current.y)[shown]
    if hidden.size:
        traces.append(
            dict(
                type="scatter",
                x=x,
                y=probabilities[:, hidden].sum(axis=1),
                mode="lines",
                name=f"{hidden.size} others (sum)",
                meta="others",
                line={"color": MUTED, "width": 3, "dash": "dash"},
                hovertemplate="β = %{x:.4g}: total p = %{y:.4g}<extra>others</extra>",
            )
        )
        limit_values = np.append(limit_values, limit[hidden].sum())
        current_values = np.append(current_values, np.asarray(current.y)[hidden].sum())
    traces.append(
        dict(
            type="scatter",
            x=np.full(limit_values.size, 10.0 ** decades[1]),
            y=limit_values,
            mode="markers",
            name=limit_name,
            meta="limit",
            marker=_LIMIT_MARKER,
            cliponaxis=False,
            hovertemplate="limit: p = %{y:.4g}<extra></extra>",
        )
    )
    traces.append(_current_line(current, (0.0, 1.0)))
    traces.append(_current_dots(current.x, current_values, current))
    layout = base_layout(title=title, x_title=x_title, y_title="probability p", height=HEIGHT)
    layout["xaxis"].update(_log_axis(decades))
    layout["yaxis"].update(range=[-0.04, 1.06], tickvals=np.linspace(0, 1, 6), tickformat=".1f")
    layout["annotations"] = [marks.line_label(current.x, current.label, pinned=current.pinned, log=True)]
    return _finish(traces, layout, subtitle)


def _positive(x: np.ndarray, y: np.ndarray, ceiling: float = math.inf) -> tuple[np.ndarray, np.ndarray]:
    """The points a log y axis can show (0 < y ≤ ceiling)."""
    keep = (y > 0) & (y <= ceiling)
    return x[keep], y[keep]


def distance_chart(
    x: np.ndarray,
    distance: np.ndarray,
    *,
    asymptote: np.ndarray | None,
    asymptote_name: str,
    first_winner: np.ndarray | None,
    decades: tuple[float, float],
    current: Current,
    x_title: str,
    limit_name: str,
    title: str,
    subtitle: str | None = None,
) -> go.Figure:
    """The L1 distance to the limit over |β| on log–log axes, with its asymptote 2(n/m)e^{−|β|·gap}, and,
    when the extreme is tied, the distance to a one-hot that ignores the tie (which does not go to 0).

    A distance of exactly 0 (all logits equal, or the current β an exact limit) cannot sit on a log axis:
    the current marker is then drawn as a triangle at the bottom edge, and its name says so."""
    traces: list[dict] = []
    shown_x, shown_y = _positive(x, distance)
    traces.append(
        dict(
            type="scatter",
            x=shown_x,
            y=shown_y,
            mode="lines",
            name=f"‖σ − {limit_name}‖₁, ties split",
            meta="distance",
            line={"color": ACCENT, "width": 3},
            hovertemplate="β = %{x:.4g}: distance = %{y:.4g}<extra></extra>",
        )
    )
    lowest = [float(shown_y.min())] if shown_y.size else []
    if asymptote is not None:
        line_x, line_y = _positive(x, asymptote, ceiling=_DISTANCE_TOP)
        line_x, line_y = line_x[line_y >= _SMALLEST_SHOWN], line_y[line_y >= _SMALLEST_SHOWN]
        traces.append(
            dict(
                type="scatter",
                x=line_x,
                y=line_y,
                mode="lines",
                name=asymptote_name,
                meta="asymptote",
                line={"color": LIMIT, "width": 3, "dash": "dash"},
                hovertemplate="β = %{x:.4g}: %{y:.4g}<extra>asymptote</extra>",
            )
        )
        lowest += [float(line_y.min())] if line_y.size else []
    # Hidden, not left out, without a tie: the chart keeps its traces as β moves (and changes sign).
    traces.append(
        dict(
            type="scatter",
            x=x,
            y=first_winner if first_winner is not None else [None] * x.size,  # None: null in every update
            visible=first_winner is not None,
            mode="lines",
            name="‖σ − one-hot on 1st tied‖₁",
            meta="first-winner",
            line={"color": MUTED, "width": 3, "dash": "dot"},
            hovertemplate="β = %{x:.4g}: distance = %{y:.4g}<extra>first class only</extra>",
        )
    )
    bottom = math.floor(math.log10(min(lowest))) - 1 if lowest else -3
    bottom = max(bottom, math.floor(math.log10(_SMALLEST_SHOWN)))
    y_range = (10.0**bottom, _DISTANCE_TOP)
    current_y = float(current.y)
    traces.append(_current_line(current, y_range))
    if current_y > 0:
        traces.append(
            marks.current_point(current.x, current_y, name=current.label, top=math.inf, meta="current")
        )
    else:  # a log axis has no 0: the exact 0 is a triangle on the bottom edge
        traces.append(
            dict(
                type="scatter",
                x=np.array([current.x]),
                y=np.array([y_range[0]]),
                mode="markers",
                name=current.label + ": distance 0 (▼)",
                meta="current",
                showlegend=False,
                marker={**_CURRENT_MARKER, "symbol": "triangle-down"},
                cliponaxis=False,
                hovertemplate="distance = 0<extra>current β</extra>",
            )
        )
    layout = base_layout(
        title=title,
        x_title=x_title,
        y_title=f"‖σ<sub>β</sub>(z) − {limit_name}(z)‖₁ (log scale)",
        height=HEIGHT,
    )
    layout["xaxis"].update(_log_axis(decades))
    layout["yaxis"].update(_log_axis((bottom, math.log10(_DISTANCE_TOP))))
    layout["annotations"] = [marks.line_label(current.x, current.label, pinned=current.pinned, log=True)]
    if not shown_y.size:
        layout["annotations"].append(_ALL_EQUAL_NOTE)
    return _finish(traces, layout, subtitle)


def _epsilon_name(epsilon: float) -> str:
    if epsilon == 0:
        return "ε = 0 (a tie)"
    return f"ε = {number(epsilon)}"


def near_tie_chart(
    betas: np.ndarray,
    curves: Mapping[float, np.ndarray],
    *,
    chosen: float,
    converged: Mapping[float, tuple[float, float]],
    current: Current,
    x_title: str,
) -> go.Figure:
    """σ_β(1, 1 + ε)₂ over |β| (log axis), one line per ε, the chosen ε thick; small circles where each curve
    is 99 % of the way to its limit; the current β marked on the chosen curve."""
    traces: list[dict] = []
    palette = iter(CLASS_COLORS[1:])
    for epsilon, y in curves.items():
        is_chosen = epsilon == chosen
        color = ACCENT if is_chosen else next(palette)
        traces.append(
            dict(
                type="scatter",
                x=betas,
                y=y,
                mode="lines",
                name=_epsilon_name(epsilon) + (" (chosen)" if is_chosen else ""),
                meta="eps-chosen" if is_chosen else f"eps={epsilon:g}",
                line={
                    "color": color,
                    "width": 5 if is_chosen else 2.5,
                    "dash": "solid" if epsilon else "dash",
                },
                hovertemplate="β = %{x:.4g}: p = %{y:.4g}<extra>%{fullData.name}</extra>",
            )
        )
    if converged:
        points = np.array(list(converged.values()))
        traces.append(
            dict(
                type="scatter",
                x=points[:, 0],
                y=points[:, 1],
                mode="markers",
                name="99 % of the way",
                meta="converged",
                marker={"symbol": "circle-open", "size": 12, "color": INK, "line": {"width": 2}},
                hovertemplate="β = %{x:.4g}: p = %{y:.4g}<extra>99 % of the way</extra>",
            )
        )
    traces.append(_current_line(current, (0.0, 1.0)))
    traces.append(
        marks.current_point(current.x, float(current.y), name=current.label, top=math.inf, meta="current")
    )
    decades = (math.log10(float(betas[0])), math.log10(float(betas[-1])))
    layout = base_layout(
        title="Near a tie: σ<sub>β</sub>(1, 1 + ε)",
        x_title=x_title,
        y_title="p of the logit 1 + ε",
        height=HEIGHT,
    )
    layout["xaxis"].update(_log_axis(decades))
    layout["yaxis"].update(range=[-0.04, 1.06], tickvals=np.linspace(0, 1, 5), tickformat=".2f")
    layout["annotations"] = [marks.line_label(current.x, current.label, pinned=current.pinned, log=True)]
    return _finish(traces, layout, "one curve per ε, the chosen one thick")


def _corner_lines(label: str) -> list[str]:
    """A class name for a corner of the triangle: long names on two lines, split at the middlemost space."""
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if len(label) <= 12 or not spaces:
        return [label]
    middle = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return [label[:middle], label[middle + 1 :]]


def _half_width(label: str) -> int:
    """Pixels for half a bold 16 px corner title (its longest line), at least the usual 60."""
    return max(60, 5 * max(len(line) for line in _corner_lines(label)) + 16)


def simplex_path(
    betas: np.ndarray,
    probabilities: np.ndarray,
    labels: Sequence[str],
    *,
    current: Current,
    title: str,
    subtitle: str | None = None,
) -> go.Figure:
    """The path of σ_β over three classes on the probability simplex (a ternary plot), β from −∞ to +∞: the
    β < 0 half and the β > 0 half in two colours, the ends (β = ±∞) and the centre (β = 0) marked and
    labelled, the current β as a red dot. Each corner is the class whose probability is 1 there."""
    traces: list[dict] = []
    names = [plotly_text(label) for label in labels]
    hover = (
        f"β = %{{customdata}}<br>{names[0]}: %{{a:.4f}}<br>{names[1]}: %{{b:.4f}}"
        f"<br>{names[2]}: %{{c:.4f}}<extra></extra>"
    )
    for part, name, color, meta in (
        (betas <= 0, "β from −∞ to 0", MUTED, "negative-half"),
        (betas >= 0, "β from 0 to +∞", ACCENT, "positive-half"),
    ):
        traces.append(
            dict(
                type="scatterternary",
                a=probabilities[part, 0],
                b=probabilities[part, 1],
                c=probabilities[part, 2],
                customdata=number_labels(betas[part]),
                mode="lines",
                name=name,
                meta=meta,
                line={"color": color, "width": 4},
                hovertemplate=hover,
            )
        )
    # The three exact points, each its own legend entry: text beside a corner would collide with the
    # class names Plotly puts at the corners.
    for row, name, symbol, meta in (
        (0, "β = −∞: arg min", "square", "limit-argmin"),
        (int(np.flatnonzero(betas == 0)[0]), "β = 0: uniform", "circle", "uniform"),
        (len(betas) - 1, "β = +∞: arg max", "diamond", "limit-argmax"),
    ):
        traces.append(
            dict(
                type="scatterternary",
                a=probabilities[row : row + 1, 0],
                b=probabilities[row : row + 1, 1],
                c=probabilities[row : row + 1, 2],
                mode="markers",
                name=name,
                meta=meta,
                marker={**_LIMIT_MARKER, "symbol": symbol},
                cliponaxis=False,
                hovertemplate=f"{name}<br>{names[0]}: %{{a:.4f}}<br>{names[1]}: %{{b:.4f}}"
                f"<br>{names[2]}: %{{c:.4f}}<extra></extra>",
            )
        )
    current_p = np.asarray(current.y)
    traces.append(
        dict(
            type="scatterternary",
            a=current_p[0:1],
            b=current_p[1:2],
            c=current_p[2:3],
            mode="markers",
            name=current.label,
            meta="current",
            marker={**_CURRENT_MARKER, "size": 15},
            cliponaxis=False,
            hovertemplate=f"{names[0]}: %{{a:.4f}}<br>{names[1]}: %{{b:.4f}}<br>{names[2]}: %{{c:.4f}}"
            "<extra>current β</extra>",
        )
    )

    two_lines = len(_corner_lines(labels[1])) > 1 or len(_corner_lines(labels[2])) > 1

    def axis(label: str, *, top: bool = False) -> dict:
        # No tick labels: the corners and the hover carry the numbers, and labels there would collide.
        # Plotly grows a corner title downwards: the top one stays on one line, clear of its corner.
        lines = [label] if top else _corner_lines(label)
        title = "<br>".join(f"<b>{plotly_text(line)}</b>" for line in lines)
        return {
            "title": {"text": title},
            "min": 0,
            "linecolor": "#94a3b8",
            "gridcolor": GRID,
            "showticklabels": False,
            "ticks": "",
        }

    layout = base_layout(title=title, x_title="", y_title="", height=HEIGHT)
    layout["ternary"] = {
        "aaxis": axis(labels[0], top=True),
        "baxis": axis(labels[1]),
        "caxis": axis(labels[2]),
        "sum": 1,
        "domain": {"y": [0.1 if two_lines else 0.0, 1.0]},
    }
    layout["xaxis"]["visible"] = False
    layout["yaxis"]["visible"] = False
    # The bottom corners' class names are centred on the corners: room for half of each beside the
    # triangle, and (domain) for a second line below it.
    layout["margin"] = {"l": _half_width(labels[1]), "r": _half_width(labels[2]), "t": 100, "b": 16}
    return _finish(traces, layout, subtitle)


def logistic_path(
    betas: np.ndarray,
    probabilities: np.ndarray,
    limits: tuple[np.ndarray, np.ndarray],
    labels: Sequence[str],
    *,
    current: Current,
    half_width: float,
) -> go.Figure:
    """Two classes: the simplex is a segment, and σ_β(z) runs along it as the logistic curve in β — p of each
    class over a linear β axis through 0, with the exact limits (arg min, arg max) marked at the two ends."""
    unit, note = _unit(half_width)
    traces: list[dict] = []
    betas, half_width, marker = betas / unit, half_width / unit, current.x / unit
    beta_text = number_labels(betas)  # β < 0 on this axis: written with the true minus sign
    for index in range(2):
        traces.append(
            dict(
                type="scatter",
                x=betas,
                y=probabilities[:, index],
                mode="lines",
                name=plotly_text(labels[index]),
                meta=f"class-{index}",
                line={"color": _class_color(index), "width": 3},
                customdata=beta_text,
                hovertemplate="β = %{customdata}: p = %{y:.4g}<extra>%{fullData.name}</extra>",
            )
        )
    for end, limit, name, symbol, meta in (
        (-half_width, limits[0], "arg min (β = −∞)", "square", "limit-argmin"),
        (half_width, limits[1], "arg max (β = +∞)", "diamond", "limit-argmax"),
    ):
        traces.append(
            dict(
                type="scatter",
                x=np.full(2, end),
                y=limit,
                mode="markers",
                name=name,
                meta=meta,
                marker={**_LIMIT_MARKER, "symbol": symbol},
                cliponaxis=False,
                hovertemplate="limit: p = %{y:.4g}<extra></extra>",
            )
        )
    current_p = np.asarray(current.y)
    traces.append(_current_line(current, (0.0, 1.0), x=marker))
    traces.append(_current_dots(marker, current_p, current))
    layout = base_layout(
        title="Two classes: a logistic curve",
        x_title=f"inverse temperature β{note}",
        y_title="probability p",
        height=HEIGHT,
    )
    layout["xaxis"].update(range=[-half_width, half_width], exponentformat="power")
    layout["yaxis"].update(range=[-0.04, 1.06], tickvals=np.linspace(0, 1, 6), tickformat=".1f")
    layout["annotations"] = [marks.line_label(marker, current.label, pinned=current.pinned)]
    return _finish(traces, layout, "the simplex of two classes is a segment")


def smooth_max_chart(
    x: np.ndarray,
    values: np.ndarray,
    *,
    extreme: float,
    log_k: float,
    side: int,
    decades: tuple[float, float],
    y_range: tuple[float, float],
    current: Current,
    x_title: str,
) -> go.Figure:
    """The smooth max (1/β) log Σ e^{βz} over β (log axis) between max z and max z + log K / β (for β < 0,
    the smooth min between min z − log K / |β| and min z), the band shaded."""
    if side > 0:
        title, subtitle = "Smooth max, squeezed onto max z", None
        bound_name, extreme_name = "max z + log K / β", "max z"
    else:
        title, subtitle = "Smooth min, squeezed onto min z", "β < 0: the same formula, a soft minimum"
        bound_name, extreme_name = "min z − log K / |β|", "min z"
    unit, note = _unit(max(abs(y_range[0]), abs(y_range[1])))
    traces: list[dict] = []
    with np.errstate(over="ignore"):
        bound = (extreme + side * log_k / x) / unit
    values, y_range = values / unit, (y_range[0] / unit, y_range[1] / unit)
    current_y, extreme = float(current.y) / unit, extreme / unit
    # Off the chart the curves only need to leave it: clipping an infinite bound (β → 0) keeps the shaded
    # band a clean polygon.
    span = y_range[1] - y_range[0]
    bound = np.clip(bound, y_range[0] - span, y_range[1] + span)
    values = np.clip(values, y_range[0] - span, y_range[1] + span)
    traces.append(
        dict(
            type="scatter",
            x=x,
            y=np.full(x.size, extreme),
            mode="lines",
            name=extreme_name,
            meta="extreme",
            line={"color": LIMIT, "width": 3},
            hovertemplate=f"{extreme_name} = {number(extreme)}<extra></extra>",
        )
    )
    traces.append(
        dict(
            type="scatter",
            x=x,
            y=bound,
            mode="lines",
            name=bound_name,
            meta="bound",
            line={"color": LIMIT, "width": 3, "dash": "dash"},
            fill="tonexty",
            fillcolor="rgba(245,158,11,0.12)",
            customdata=number_labels(bound),
            hovertemplate="β = %{x:.4g}: bound = %{customdata}<extra></extra>",
        )
    )
    traces.append(
        dict(
            type="scatter",
            x=x,
            y=values,
            mode="lines",
            name=f"smooth {'max' if side > 0 else 'min'} (1/β) log Σ e<sup>βz</sup>",
            meta="smooth",
            line={"color": ACCENT, "width": 4},
            customdata=number_labels(values),
            hovertemplate="β = %{x:.4g}: %{customdata}<extra></extra>",
        )
    )
    traces.append(_current_line(current, y_range))
    # An infinite smooth max (β = 0) is drawn as a triangle on the top edge.
    name = current.label if math.isfinite(current_y) else f"{current.label}: +∞ (▲)"
    traces.append(marks.current_point(current.x, current_y, name=name, top=y_range[1], meta="current"))
    layout = base_layout(title=title, x_title=x_title, y_title=f"value{note} (units of z)", height=HEIGHT)
    layout["xaxis"].update(_log_axis(decades))
    layout["yaxis"]["range"] = list(y_range)
    layout["annotations"] = [marks.line_label(current.x, current.label, pinned=current.pinned, log=True)]
    return _finish(traces, layout, subtitle)
