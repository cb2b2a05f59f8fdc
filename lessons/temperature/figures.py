"""Figures of the Temperature page: probabilities, entropy and bars as the temperature moves.

Axes that hold a temperature are logarithmic and cannot show T = 0 or T = ∞, and the β axis cannot show
β = ±∞; each such axis carries the exact limit as an extra point a little beyond its end, with the tick
label "0", "∞" or "±∞", so the whole path from arg max to uniform (and on to arg min) is one picture.
Vertical markers are drawn as traces, not shapes, so they sit at data coordinates on any axis type.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.common.marks import (
    add_note,
    beta_position,
    current_marker,
    current_point,
    limit_positions,
    temperature_axis,
    temperature_x,
    where_note,
)
from lessons.common.plot import (
    ACCENT,
    CLASS_COLORS,
    INK,
    LIMIT,
    MARK,
    MUTED,
    base_layout,
    figure,
    hline,
    legend_below,
    number_labels,
    subtitle,
)
from lessons.common.scales import T_MAX, T_MIN
from lessons.common.text import decade_label, number, plotly_text

SPAN_LIMIT = 1e6  # axes stretch to show a current T (or β) out to here, and no further
MAX_LEGEND = 10  # beyond this many classes the curves are told apart by hovering
GRID_LINE = "#cbd5e1"
# Bar values that would need a font below this size to fit their bar are left out (a phone's narrow bars).
BAR_TEXT = {"mode": "hide", "minsize": 11}


def temperature_span(temperature: float) -> tuple[float, float]:
    """The T axis: 0.01 to 100, stretched by whole decades to include a finite current T up to 10^±6."""
    low, high = T_MIN, T_MAX
    if 0 < temperature < math.inf:
        exponent = math.log10(temperature)
        if exponent >= -6:
            low = min(low, 10.0 ** math.floor(exponent))
        if exponent <= 6:
            high = max(high, 10.0 ** math.ceil(exponent))
    return low, high


def beta_span(beta: float) -> float:
    """The half-width B of the symmetric β axis [−B, B]: 100, stretched by decades to |β| up to 10⁶."""
    size = abs(beta)
    if 100 < size <= SPAN_LIMIT:
        return 10.0 ** math.ceil(math.log10(size))
    return 100.0


def beta_grid(half_width: float, points: int = 401) -> np.ndarray:
    """β from −B to B, evenly spaced in asinh(β) (linear near 0, logarithmic beyond ±1), with β = 0 exact."""
    u = np.linspace(-np.arcsinh(half_width), np.arcsinh(half_width), points)
    betas = np.sinh(u)
    betas[points // 2] = 0.0
    return betas


def _curves_height(k: int) -> int:
    """A chart of K class curves grows by a legend row per class: under the plot on a phone the legend takes
    a row per entry, and the plot keeps its height (on a wide screen the plot is taller)."""
    return 420 + (20 * (k + 1) if k <= MAX_LEGEND else 0)


def _class_styles(curves: np.ndarray) -> list[dict]:
    """Line style per class (column of ``curves``): its colour, dashed where it lies on an earlier class's
    curve (equal logits), so both stay visible."""
    seen: set[bytes] = set()
    styles = []
    for k in range(curves.shape[1]):
        curve = curves[:, k].tobytes()
        style = {"color": CLASS_COLORS[k % len(CLASS_COLORS)], "width": 3}
        if curve in seen:
            style["dash"] = "dash"
        styles.append(style)
        seen.add(curve)
    return styles


def _class_curves(
    x: np.ndarray,
    curves: np.ndarray,
    labels: Sequence[str],
    *,
    x_name: str,
    hover_x: np.ndarray | None = None,
) -> list[dict]:
    """One line per class; ``hover_x`` is the true x to show on hover where the axis is a transform of it."""
    show_legend = len(labels) <= MAX_LEGEND
    hover = "x:.4g" if hover_x is None else "customdata"
    hover_labels = None if hover_x is None else number_labels(hover_x)  # a negative β with a true "−"
    traces = []
    for k, (label, style) in enumerate(zip(labels, _class_styles(curves), strict=True)):
        name = plotly_text(label)
        trace = {
            "type": "scatter",
            "x": x,
            "y": curves[:, k],
            "mode": "lines",
            "name": name,
            "meta": f"class-{k}",
            "line": style,
            "showlegend": show_legend,
            "legendgroup": name,
            "hovertemplate": f"{x_name} = %{{{hover}}}<br>p = %{{y:.4g}}<extra>{name}</extra>",
        }
        if hover_labels is not None:
            trace["customdata"] = hover_labels
        traces.append(trace)
    return traces


def _shown(trace: dict, shown: bool) -> dict:
    """``trace``, hidden where the current state is not a point of this axis: it stays in the figure, so
    the chart has the same traces at every temperature (the browser moves it with ``Plotly.update``)."""
    return trace if shown else trace | {"visible": False}


def _limit_points(x: float, values: np.ndarray, labels: Sequence[str], *, name: str, meta: str) -> dict:
    """The exact limit as open circles at an axis end, one per class."""
    return {
        "type": "scatter",
        "x": np.full(len(values), x),
        "y": values,
        "mode": "markers",
        "name": name,
        "meta": meta,
        "marker": {"symbol": "circle-open", "size": 11, "color": LIMIT, "line": {"width": 3}},
        "text": [plotly_text(label) for label in labels],
        "showlegend": False,
        "hovertemplate": f"%{{text}}: p = %{{y:.4g}}<extra>{name}</extra>",
    }


def probabilities_vs_temperature(
    temperatures: np.ndarray,
    probabilities: np.ndarray,
    labels: Sequence[str],
    *,
    cold_limit: np.ndarray,
    hot_limit: np.ndarray,
    temperature: float,
    beta: float,
    current: np.ndarray,
) -> go.Figure:
    """Each class's p against T on a log axis, the limits T = 0 and ∞ at its ends, the current T marked.

    ``probabilities`` has one row per temperature (``softmax_sweep``); ``cold_limit`` and ``hot_limit``
    are the exact softmax at T = 0 and T = ∞, ``current`` the softmax at the current state.
    """
    span = (float(temperatures[0]), float(temperatures[-1]))
    layout = base_layout(
        title="Each class's probability against T",
        x_title="temperature T (log scale)",
        y_title="probability p",
        height=_curves_height(len(labels)),
    )
    traces = _class_curves(temperatures, probabilities, labels, x_name="T")
    cold, hot = limit_positions(span)
    traces.append(_limit_points(cold, cold_limit, labels, name="T = 0: arg max", meta="limit-cold"))
    traces.append(_limit_points(hot, hot_limit, labels, name="T = ∞: uniform", meta="limit-hot"))
    x = temperature_x(temperature, span)
    shown = x is not None and beta >= 0
    line, dots = current_marker(
        x if shown else math.nan, current, labels, name=f"current T = {number(temperature)}"
    )
    traces += [
        _shown(line | {"meta": "current-line"}, shown),
        _shown(dots | {"meta": "current-values"}, shown),
    ]
    note = where_note(temperature, beta, span)
    if note:
        add_note(layout, note)
    temperature_axis(layout, span, label_ends=False)
    layout["yaxis"]["range"] = [-0.03, 1.03]
    layout["legend"] = legend_below()  # a legend of K classes wraps, and above the plot it meets the title
    return figure(traces, layout)


def probabilities_vs_beta(
    betas: np.ndarray,
    probabilities: np.ndarray,
    labels: Sequence[str],
    *,
    argmin_limit: np.ndarray,
    argmax_limit: np.ndarray,
    beta: float,
    current: np.ndarray,
) -> go.Figure:
    """Each class's p against β from −B to B on a symmetric-log axis, with β = ±∞ at its ends.

    The axis is asinh(β): linear within ±1, logarithmic beyond, so both signs and every decade of the
    slider fit in one picture: arg min on the left, uniform at β = 0, arg max on the right.
    """
    half_width = float(betas[-1])
    layout = base_layout(
        title="The same against β = 1/T",
        x_title="β = 1/T (symmetric log scale)<br>← arg min · arg max →",
        y_title="probability p",
        height=_curves_height(len(labels)),
    )
    subtitle(layout, "through β = 0 into negative β")
    x = beta_position(betas, half_width)
    traces = _class_curves(x, probabilities, labels, hover_x=betas, x_name="β")
    edge = float(beta_position(math.inf, half_width))
    traces.append(_limit_points(-edge, argmin_limit, labels, name="β = −∞: arg min", meta="limit-argmin"))
    traces.append(_limit_points(edge, argmax_limit, labels, name="β = +∞: arg max", meta="limit-argmax"))
    line, dots = current_marker(
        float(beta_position(beta, half_width)), current, labels, name=f"current β = {number(beta)}"
    )
    traces += [line | {"meta": "current-line"}, dots | {"meta": "current-values"}]
    if math.isinf(beta) or beta == 0:
        where = {math.inf: "T = 0⁺: the arg max", -math.inf: "T = 0⁻: the arg min", 0.0: "T = ∞: uniform"}[
            beta
        ]
        add_note(layout, f"β = {number(beta)} is the exact limit {where}")
    exponents = range(0, round(math.log10(half_width)) + 1)
    magnitudes = [10.0**e for e in exponents]
    values = [-math.inf, *(-m for m in reversed(magnitudes)), 0.0, *magnitudes, math.inf]
    texts = [
        "−∞",
        *("−" + decade_label(e) for e in reversed(exponents)),
        "0",
        *(decade_label(e) for e in exponents),
        "∞",
    ]
    layout["xaxis"].update(
        tickvals=beta_position(np.array(values), half_width),
        ticktext=texts,
        range=[-edge - 0.3, edge + 0.3],
    )
    layout["yaxis"]["range"] = [-0.03, 1.03]
    layout["legend"] = legend_below()
    return figure(traces, layout)


def _entropy_label_position(x: float, current: float, ceiling: float, span: tuple[float, float]) -> str:
    # Entropy rises with T, so above-left and below-right of a point on the curve are empty; at the
    # limit points, the side facing into the plot.
    cold, hot = limit_positions(span)
    if x == cold:
        return "top right"
    if x == hot:
        return "bottom left"
    return "bottom right" if current > ceiling / 2 else "top left"


def entropy_vs_temperature(
    temperatures: np.ndarray,
    entropies: np.ndarray,
    *,
    units: str,
    ceiling: float,
    cold_limit: float,
    temperature: float,
    beta: float,
    current: float,
) -> go.Figure:
    """Entropy H against T on a log axis: its ceiling log K drawn, limits at the ends, current point."""
    span = (float(temperatures[0]), float(temperatures[-1]))
    cold, hot = limit_positions(span)
    layout = base_layout(
        title="Entropy against the temperature",
        x_title="temperature T (log scale)",
        y_title=f"entropy H ({units})",
    )
    traces = [
        {
            "type": "scatter",
            "x": np.array([cold, hot]),
            "y": np.array([ceiling, ceiling]),
            "mode": "lines",
            "name": f"ceiling log K = {number(ceiling)} {units} (uniform)",
            "meta": "ceiling",
            "line": {"color": LIMIT, "width": 2, "dash": "dash"},
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "x": temperatures,
            "y": entropies,
            "mode": "lines",
            "name": "entropy H(T)",
            "meta": "entropy",
            "line": {"color": ACCENT, "width": 3},
            "hovertemplate": f"T = %{{x:.4g}}<br>H = %{{y:.4g}} {units}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": np.array([cold, hot]),
            "y": np.array([cold_limit, ceiling]),
            "mode": "markers",
            "name": "exact limits T = 0 and T = ∞",
            "meta": "entropy-limits",
            "marker": {"symbol": "circle-open", "size": 12, "color": LIMIT, "line": {"width": 3}},
            "showlegend": False,
            "hovertemplate": f"H = %{{y:.4g}} {units}<extra>exact limit</extra>",
        },
    ]
    x = temperature_x(temperature, span)
    shown = x is not None and beta >= 0
    point = current_point(
        x if shown else math.nan, current, name=f"current: H = {number(current)} {units}", top=math.inf,
        text=f"H = {number(current)}", meta="current-entropy",
        textposition=_entropy_label_position(x, current, ceiling, span) if shown else "top left",
    )  # fmt: skip
    # In the legend, as the ceiling and the curve are: the chart's only value at the current T.
    point |= {"showlegend": True, "hovertemplate": f"current T<br>H = %{{y:.4g}} {units}<extra></extra>"}
    traces.append(_shown(point, shown))
    note = where_note(temperature, beta, span)
    if note:
        add_note(layout, note if x is not None and beta >= 0 else f"{note} (H = {number(current)} {units})")
    temperature_axis(layout, span, label_ends=False)
    layout["yaxis"].update(range=[-0.04 * ceiling, 1.12 * ceiling], rangemode="tozero")
    layout["legend"] = legend_below()
    return figure(traces, layout)


def _bars(
    p: np.ndarray,
    labels: Sequence[str],
    *,
    color: str,
    name: str,
    max_text: int = MAX_LEGEND,
    pattern: dict | None = None,
    **extra,
) -> dict:
    """A bar trace of ``p`` per class, each bar labelled with its value when there are at most ``max_text``;
    ``extra`` are further top-level trace properties."""
    trace = {
        "type": "bar",
        "x": [plotly_text(label) for label in labels],
        "y": p,
        "name": name,
        "marker": {"color": color},
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": f"%{{x}}: p = %{{y:.6g}}<extra>{name}</extra>",
        **extra,
    }
    if len(p) <= max_text:
        trace["text"] = number_labels(p)
    if pattern is not None:
        trace["marker"]["pattern"] = pattern
    return trace


def small_multiples(probabilities: np.ndarray, labels: Sequence[str], *, titles: Sequence[str]) -> go.Figure:
    """Three bar charts side by side on one shared 0–1 y axis: the rows of ``probabilities``, at T/10, T and
    10·T (``titles``); the middle one, the current T, in the accent colour, the other two muted.

    The three panels are laid out by hand (axis domains), as ``make_subplots`` would, at a fifth of its cost
    on every rerun.
    """
    k = probabilities.shape[1]
    layout = base_layout(
        title="T/10, T and 10·T side by side", x_title="class", y_title="probability p", height=440
    )
    # The uniform level is named here, not labelled in a panel, where it would collide with bars near 1/K.
    subtitle(layout, f"one probability axis; dashed: uniform 1/K = {number(1 / k)}")
    gap = 0.04
    width = (1 - 2 * gap) / 3
    y_axis = {"range": [0, 1.12], "tickvals": np.linspace(0, 1, 6), "tickformat": ".1f"}
    layout.update(margin={"t": 120}, annotations=[], shapes=[], uniformtext=BAR_TEXT)
    traces = []
    for index, (p, title) in enumerate(zip(probabilities, titles, strict=True)):
        suffix = "" if index == 0 else str(index + 1)
        start = index * (width + gap)
        now = index == 1
        # Every panel is titled "class"; only the first y axis (already titled) shows its tick labels.
        x_axis = {"title": {"text": "class"}, "domain": [start, start + width], "anchor": f"y{suffix}"}
        layout.setdefault(f"xaxis{suffix}", {}).update(x_axis)
        layout.setdefault(f"yaxis{suffix}", {}).update(y_axis, anchor=f"x{suffix}")
        if index:
            layout[f"yaxis{suffix}"].update(matches="y", showticklabels=False)
        layout["annotations"].append(
            {"text": f"<b>{title}</b>" if now else title, "x": start + width / 2, "y": 1.0, "xref": "paper",
             "yref": "paper", "xanchor": "center", "yanchor": "bottom", "showarrow": False,
             "font": {"size": 15, "color": INK if now else MUTED}}
        )  # fmt: skip
        traces.append(
            _bars(
                p, labels, color=ACCENT if now else "#94a3b8", name=title.replace("<br>", " "),
                showlegend=False, textfont={"size": 13}, max_text=5, xaxis=f"x{suffix}", yaxis=f"y{suffix}",
                meta=("bars-colder", "bars-now", "bars-hotter")[index],
            )
        )  # fmt: skip
        layout["shapes"].append(
            {"type": "line", "xref": f"x{suffix} domain", "x0": 0, "x1": 1, "yref": f"y{suffix}", "y0": 1 / k,
             "y1": 1 / k, "line": {"color": LIMIT, "width": 2, "dash": "dash"}}
        )  # fmt: skip
    return figure(traces, layout)


def temperature_animation(
    temperatures: np.ndarray, probabilities: np.ndarray, labels: Sequence[str], *, frame_ms: int = 160
) -> go.Figure:
    """The bars at each temperature as a Plotly animation the browser plays alone (play, pause and a
    T slider inside the figure), with the uniform level 1/K drawn for reference.

    One frame per row of ``probabilities``; frame names and slider labels are the temperatures. Frames
    change only the bars' heights and labels, so the browser moves them without a redraw.
    """
    k = probabilities.shape[1]
    names = [number(t) for t in temperatures]
    x = [plotly_text(label) for label in labels]
    layout = base_layout(
        title="Press play: from T = 0 to T = ∞",
        x_title="class",
        y_title="probability p",
        height=520,
    )
    show_text = k <= MAX_LEGEND

    def bar(p: np.ndarray) -> dict:
        trace = {
            "type": "bar", "x": x, "y": p, "marker": {"color": ACCENT}, "name": "softmax p", "meta": "bars",
            "showlegend": False,  # the y axis names the bars; the legend holds the uniform level alone
            "textposition": "outside", "cliponaxis": False,
            "hovertemplate": "%{x}: p = %{y:.4g}<extra></extra>",
        }  # fmt: skip
        if show_text:
            trace["text"] = number_labels(p)
        return trace

    # In the legend: a label on the line would collide with the bars' values as they reach 1/K.
    line = {"color": LIMIT, "width": 2, "dash": "dash"}
    layout["shapes"] = [hline(1.0 / k, line, showlegend=True, name=f"uniform 1/K = {number(1.0 / k)}")]
    frames = [
        {"name": name, "data": [bar(p)], "traces": [0]} for name, p in zip(names, probabilities, strict=True)
    ]
    play = {"frame": {"duration": frame_ms, "redraw": False}, "fromcurrent": True,
            "transition": {"duration": frame_ms - 20, "easing": "linear"}, "mode": "immediate"}  # fmt: skip
    still = {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}
    layout["yaxis"].update(range=[0, 1.12], tickvals=np.linspace(0, 1, 6), tickformat=".1f")
    layout["xaxis"]["range"] = [-0.5, k - 0.5]
    layout.update(
        margin={"b": 200},
        uniformtext=BAR_TEXT,
        updatemenus=[{
            "type": "buttons", "direction": "left", "x": 0, "xanchor": "left", "y": -0.3, "yanchor": "top",
            "pad": {"t": 0, "r": 10}, "showactive": False, "font": {"size": 15},
            "buttons": [
                {"label": "▶ Play", "method": "animate", "args": [None, play]},
                {"label": "❚❚ Pause", "method": "animate", "args": [[None], still]},
            ],
        }],
        sliders=[{
            # Under the buttons, the whole width: beside them a phone left it a few pixels long.
            "active": 0, "x": 0, "len": 1, "y": -0.5, "yanchor": "top", "pad": {"t": 10},
            # Forty labels under the ticks would overlap: they are hidden, and the current one is shown big.
            "font": {"color": "rgba(0,0,0,0)", "size": 8},
            "currentvalue": {"prefix": "T = ", "font": {"size": 18, "color": MARK}, "xanchor": "left"},
            "transition": {"duration": 0},
            "steps": [{"label": name, "method": "animate", "args": [[name], still]} for name in names],
        }],
    )  # fmt: skip
    return figure([bar(probabilities[0])], layout, frames)


def gap_over_temperature(
    x: np.ndarray, shares: np.ndarray, points: Sequence[tuple[str, float, float]], *, reach: float = 12.0
) -> go.Figure:
    """The share of the larger of two logits, σ(Δ/T) = 1 / (1 + e^(−Δ/T)), against Δ/T, with named points.

    ``points`` are (name, Δ/T, share); a point beyond ±``reach`` (or at ±∞) is drawn at the edge with its
    true Δ/T in the label. Styles go by position: two references, the user's (mark colour), then a ring.
    """
    layout = base_layout(
        title="Only Δ/T decides the split",
        x_title="Δ/T: the gap between two logits<br>over the temperature",
        y_title="p(larger) / (p(larger) + p(smaller))",
    )
    traces = [
        {
            "type": "scatter", "x": x, "y": shares, "mode": "lines", "name": "σ(Δ/T) = 1 / (1 + e^(−Δ/T))",
            "meta": "sigmoid",
            "line": {"color": ACCENT, "width": 3},
            "customdata": number_labels(x),
            "hovertemplate": "Δ/T = %{customdata}<br>share = %{y:.5g}<extra></extra>",
        }
    ]  # fmt: skip
    styles = (
        {"color": INK, "size": 13},
        {"color": MUTED, "size": 13},
        {"color": MARK, "size": 14},
        {"color": "#7c3aed", "size": 24, "symbol": "circle-open", "line": {"width": 3}},
    )
    for index, (name, position, share) in enumerate(points):
        clipped = 0.0 if math.isnan(position) else float(np.clip(position, -reach, reach))
        beyond = clipped != position
        marker = {"line": {"color": "white", "width": 1.5}, **styles[index % len(styles)]}
        if beyond:
            hollow = "-open" if marker.get("symbol", "").endswith("-open") else ""
            marker["symbol"] = ("triangle-right" if position > 0 else "triangle-left") + hollow
        traces.append(
            {
                "type": "scatter",
                "x": np.array([clipped]),
                "y": np.array([share]),
                "mode": "markers",
                "name": f"{plotly_text(name)}: Δ/T = {number(position)}"
                + (" (beyond the axis)" if beyond else ""),
                "meta": f"point-{index}",
                "marker": marker,
                "hovertemplate": f"Δ/T = {number(position)}<br>share = %{{y:.6g}}<extra></extra>",
            }
        )
    layout["xaxis"].update(range=[-reach - 0.5, reach + 0.5], zeroline=True, zerolinecolor=GRID_LINE)
    layout["yaxis"].update(range=[-0.03, 1.03], tickvals=np.linspace(0, 1, 5))
    # Under the plot: five entries would push a legend above the plot into the title.
    layout.update(height=560, legend=legend_below())
    return figure(traces, layout)


def scaled_logits_bars(
    p_temperature: np.ndarray,
    p_scaled: np.ndarray,
    labels: Sequence[str],
    *,
    temperature: float,
    scale: float,
) -> go.Figure:
    """softmax(z / T) and softmax(c · z) as grouped bars, to show they coincide when c = 1/T; the title says
    whether they do now."""
    if np.array_equal(p_temperature, p_scaled):
        verdict = "identical"
    else:
        verdict = f"they differ by up to {number(float(np.max(np.abs(p_temperature - p_scaled))))}"
    layout = base_layout(title="Divide by T or multiply by c", x_title="class", y_title="probability p")
    subtitle(layout, f"T = {number(temperature)}, c = {number(scale)}: {verdict}")
    traces = [
        _bars(
            p_temperature, labels, color=ACCENT, name=f"softmax(z / T), T = {number(temperature)}",
            meta="by-temperature",
        ),
        _bars(
            p_scaled, labels, color="#059669", name=f"softmax(c · z), c = {number(scale)}", meta="by-scale",
            pattern={"shape": "/", "fgcolor": "white", "fillmode": "overlay"},
        ),
    ]  # fmt: skip
    layout.update(barmode="group", bargroupgap=0.1, legend=legend_below(), uniformtext=BAR_TEXT)
    layout["yaxis"].update(range=[0, 1.15], tickvals=np.linspace(0, 1, 6), tickformat=".1f")
    return figure(traces, layout)
