"""Figures of the Loss page: −log p, the loss against T, its gradient, the softmax Jacobian, training
and cross-entropy beside squared error."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.colors import diverging

from lessons.common.marks import (
    add_note,
    current_line,
    current_point,
    limit_positions,
    temperature_axis,
    temperature_x,
    where_note,
)
from lessons.common.plot import (
    ACCENT,
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
    vline,
)
from lessons.common.text import number, plotly_text
from lessons.loss.model import p_text

SQUARED = "#059669"  # squared error, beside cross-entropy in ACCENT
_CURVE_POINTS = 400
# The −log p axis shows at least this many nats, and follows the current loss up to _MAX_CAP.
_MIN_CAP = 6.0
_MAX_CAP = 12.0
_CELL_TEXT = 6  # the Jacobian's values are written in its cells up to this many classes
# Plotly.js knows "RdBu" but not "RdBu_r": the reversed scale spelled out, as plotly.py's validation does.
_RDBU_R = [[i / (len(diverging.RdBu_r) - 1), color] for i, color in enumerate(diverging.RdBu_r)]


def _shown(trace: dict, shown: bool) -> dict:
    """``trace``, hidden where there is nothing to mark: it stays in the figure, so the chart has the same
    traces at every temperature (the browser moves it with ``Plotly.update``)."""
    return trace if shown else trace | {"visible": False}


def neg_log_cap(loss: float) -> float:
    """The top of the −log p chart: room above the current loss, within [_MIN_CAP, _MAX_CAP] nats."""
    if not math.isfinite(loss) or loss + 1.0 > _MAX_CAP:
        return _MAX_CAP
    return max(_MIN_CAP, loss + 1.0)


def neg_log_curve(p_target: float, loss: float, *, label: str) -> go.Figure:
    """The curve −log p for p in (0, 1] up to a cap, with the target's current (p, loss) marked.

    ``loss`` is the core's cross-entropy (finite where p underflows to 0); a point above the cap is
    drawn at the cap with an arrow and its value.
    """
    cap = neg_log_cap(loss)
    # Points even in p and even in −log p: smooth both where the curve is flat and where it shoots up.
    p = np.unique(
        np.concatenate([np.linspace(0, 1, _CURVE_POINTS)[1:], np.exp(-np.linspace(0, cap, _CURVE_POINTS))])
    )
    traces = [
        {
            "type": "scatter",
            "x": p,
            "y": -np.log(p),
            "mode": "lines",
            "name": "−log p",
            "meta": "neg-log",
            "line": {"color": ACCENT, "width": 3},
            "customdata": np.column_stack([number_labels(p), number_labels(-np.log(p))]),
            "hovertemplate": "p = %{customdata[0]}<br>−log p = %{customdata[1]} nats<extra></extra>",
        }
    ]
    name = plotly_text(label)
    text = f"{name}: p = {p_text(p_target, loss)}<br>loss = {number(loss)} nats"
    # Regions that do not meet: the current point's label right of it where the curve falls away below
    # it (p ≤ 1/2) or above-left where the curve is flat; the two notes on the right, lowered when the
    # current point is high on the chart (its label is then at the top).
    left, high = p_target > 0.5, loss > cap / 2
    label_style = {
        "showarrow": True, "arrowhead": 2, "arrowcolor": MARK, "ax": -50 if left else 50,
        "ay": -70 if left else -15, "xanchor": "right" if left else "left", "align": "left",
        "font": {"color": MARK}, "bgcolor": "rgba(255,255,255,0.9)",
    }  # fmt: skip
    marker = {"color": MARK, "size": 14, "line": {"color": "white", "width": 2}}
    now = {
        "type": "scatter",
        "x": np.array([p_target]),
        "mode": "markers",
        "meta": "current",
        "hovertemplate": f"{text}<extra></extra>",
    }
    if loss <= cap:
        traces.append(now | {"y": np.array([loss]), "name": f"now: {name}", "marker": marker})
        annotations = [{"x": p_target, "y": loss, "text": text, **label_style}]
    else:
        traces.append(
            now
            | {
                "y": np.array([cap]),
                "name": f"now: {name} (off the chart)",
                "marker": marker | {"symbol": "triangle-up", "size": 16},
            }
        )
        annotations = [
            {
                "x": p_target,
                "y": cap,
                "text": f"{text}<br>(above the chart)",
                **(label_style | {"ax": 40, "ay": 40}),
            }
        ]
    note = {"showarrow": True, "arrowhead": 2, "arrowcolor": MUTED, "axref": "x", "ayref": "y",
            "xanchor": "left", "align": "left", "font": {"color": MUTED, "size": 14},
            "bgcolor": "rgba(255,255,255,0.9)"}  # fmt: skip
    penalty_y = (0.4 if high else 0.9) * cap
    annotations.append(
        {
            "x": math.exp(-penalty_y), "y": penalty_y, "ax": 0.5, "ay": penalty_y,
            "text": "→ ∞ as p → 0: a big<br>penalty for being sure<br>of the wrong answer", **note,
        }
    )  # fmt: skip
    annotations.append(
        {
            "x": 1, "y": 0, "ax": 0.5, "ay": (0.22 if high else 0.62) * cap,
            "text": "0 at p = 1: sure and<br>right costs nothing", **note,
        }
    )  # fmt: skip
    layout = base_layout(
        title="The cross-entropy loss −log p(target)",
        x_title="p(target), the probability<br>of the correct class",
        y_title="loss −log p (nats)",
    )
    layout["xaxis"]["range"] = [0, 1.02]
    layout["yaxis"]["range"] = [0, cap * 1.04]
    layout["showlegend"] = False
    layout["annotations"] = annotations
    return figure(traces, layout)


def loss_against_temperature(
    temperatures: np.ndarray,
    losses: np.ndarray,
    *,
    label: str,
    other_losses: np.ndarray,
    other_label: str,
    log_k: float,
    cold_loss: float,
    temperature: float,
    beta: float,
    current_loss: float,
) -> go.Figure:
    """The loss of the target against T (log axis) beside that of the strongest other class, the
    hot limit log K, and the current T marked as on every page (``lessons.common.marks``): the exact
    limits T = 0 (``cold_loss``) and T = ∞ (log K) drawn just past the axis ends.

    The y axis follows the target's curve; the other class's curve may leave through the top, and
    the height it reaches at the coldest T is written there. An infinite loss is drawn at the top.
    """
    name, other = plotly_text(label), plotly_text(other_label)
    span = (float(temperatures[0]), float(temperatures[-1]))
    traces = [
        {
            "type": "scatter", "x": temperatures, "y": losses, "mode": "lines", "name": f"target: {name}",
            "meta": "target-loss", "line": {"color": ACCENT, "width": 3},
            "hovertemplate": "T = %{x:.3g}: loss = %{y:.4g} nats<extra>" + name + "</extra>",
        },
        {
            "type": "scatter", "x": temperatures, "y": other_losses, "mode": "lines",
            "name": f"{other} instead", "meta": "other-loss",
            "line": {"color": MUTED, "width": 2, "dash": "dash"},
            "hovertemplate": "T = %{x:.3g}: loss = %{y:.4g} nats<extra>" + other + "</extra>",
        },
    ]  # fmt: skip
    # Room above log K for its label and, at the top, the note on a curve leaving the chart.
    top = 1.35 * max(float(np.max(losses)), log_k, current_loss if math.isfinite(current_loss) else 0.0)
    traces.append(_target_limits(limit_positions(span), cold_loss, log_k, top))
    right = temperature < 1
    shapes = [hline(log_k, {"color": LIMIT, "dash": "dot", "width": 2})]
    annotations = [
        {
            # Where add_hline's annotation_position "top right" or "top left" puts it.
            "x": 1 if right else 0, "xref": "x domain", "xanchor": "right" if right else "left",
            "y": log_k, "yref": "y", "yanchor": "bottom", "showarrow": False,
            "text": f"T → ∞: log K = {number(log_k)}", "font": {"color": INK, "size": 14},
        }
    ]  # fmt: skip
    if other_losses[0] > top:
        annotations.append(
            {
                # Domain coordinates: a data y at the very top of the range is rounded off the axis, hidden.
                "x": 1, "y": 1, "xref": "x domain", "yref": "y domain", "yanchor": "top", "xanchor": "right",
                "showarrow": False, "font": {"color": MUTED, "size": 14}, "bgcolor": "rgba(255,255,255,0.85)",
                "text": f"↑ {other}: {number(float(other_losses[0]))} nats "
                f"at T = {number(temperatures[0])}",
            }
        )  # fmt: skip
    layout = base_layout(
        title="Loss against temperature, same logits",
        x_title="temperature T (log scale)",
        y_title="loss −log p(target) (nats)",
        height=480,  # room for the legend's rows under the plot in a half-width column
    )
    layout["shapes"], layout["annotations"] = shapes, annotations
    x = temperature_x(temperature, span)
    shown = x is not None and beta >= 0
    x, now = (x if shown else math.nan), f"current T = {number(temperature)}"
    traces.append(_shown(current_line(x, name=now, top=top, meta="current-T"), shown))
    traces.append(
        _shown(current_point(x, current_loss, name=now, top=top, units="nats", meta="current-loss"), shown)
    )
    if beta < 0:  # a negative temperature has no place on a T axis
        note = f"current β = {number(beta)} < 0 is off this axis: loss {number(current_loss)} nats"
    else:
        note = where_note(temperature, beta, span)
        if note and not current_loss <= top:
            note += f" (loss {number(current_loss)} nats)"
    if note:
        add_note(layout, note)
    temperature_axis(layout, span, label_ends=False)
    layout["yaxis"]["range"] = [0, top]
    layout["legend"] = legend_below()  # three entries: above the plot they would wrap into the title
    return figure(traces, layout)


def _target_limits(ends: tuple[float, float], cold_loss: float, log_k: float, top: float) -> dict:
    """The target's loss at the exact limits, open circles past the axis ends: at T = 0 it is 0 (the arg
    max), log m (m tied winners) or ∞ (another class wins: a triangle at the top); at T = ∞ it is log K."""
    infinite = not cold_loss <= top
    return {
        "type": "scatter", "x": np.array(ends), "y": np.array([top if infinite else cold_loss, log_k]),
        "mode": "markers", "name": "exact limits T = 0 and T = ∞", "meta": "target-limits",
        "showlegend": False,
        "cliponaxis": False, "customdata": number_labels([cold_loss, log_k]),
        "marker": {"symbol": ["triangle-up-open" if infinite else "circle-open", "circle-open"], "size": 12,
                   "color": LIMIT, "line": {"width": 3}},
        "hovertemplate": "loss = %{customdata} nats<extra>exact limit</extra>",
    }  # fmt: skip


def gradient_bars(values: np.ndarray, labels: Sequence[str], *, target: int, factor_only: bool) -> go.Figure:
    """Bars of the gradient ∂L/∂z_k = β(p_k − [k = target]) per class, the target's bar in the mark
    colour; with ``factor_only`` (at β = ±∞, where the gradient is infinite) the finite factor p − onehot."""
    title, formula = "Gradient of the loss", "∂L/∂z = β(p − onehot(target))"
    y_title = "∂L/∂z<sub>k</sub> (nats per unit logit)"
    if factor_only:
        title, formula = "Infinite gradient: its direction", "p − onehot(target), the finite factor"
        y_title = "p<sub>k</sub> − [k = target]"
    colors = np.where(np.arange(len(values)) == target, MARK, ACCENT)
    bars = {
        "type": "bar", "x": [plotly_text(label) for label in labels], "y": values,
        "marker": {"color": colors}, "name": "∂L/∂z", "meta": "gradient", "textposition": "outside",
        "cliponaxis": False, "customdata": number_labels(values),
        "hovertemplate": "%{x}: %{customdata}<extra></extra>",
    }  # fmt: skip
    if len(values) <= 16:  # more bars than that leave no room for their values
        bars["text"] = number_labels(values)
    low, high = float(np.min(values, initial=0.0)), float(np.max(values, initial=0.0))
    pad = 0.18 * (high - low) if high > low else 1.0
    layout = base_layout(title=title, x_title="class k (logit z<sub>k</sub>)", y_title=y_title)
    subtitle(layout, formula)
    layout["shapes"] = [hline(0, {"color": INK, "width": 1})]
    layout["showlegend"] = False
    layout["yaxis"]["range"] = [low - pad, high + pad]
    return figure([bars], layout)


def jacobian_heatmap(jacobian: np.ndarray, labels: Sequence[str], *, target: int) -> go.Figure:
    """The softmax Jacobian J_ij = ∂p_i/∂z_j as a heatmap on a diverging scale centred on 0, the
    target's row outlined; values written in the cells when K ≤ 8."""
    k = len(labels)
    names = [plotly_text(label) for label in labels]
    finite = bool(np.isfinite(jacobian).all())
    if not finite:  # at T = 0 with tied winners: the cells stay empty (the caption says why)
        jacobian = np.full(jacobian.shape, math.nan)
    extent = float(np.max(np.abs(jacobian))) if finite else 1.0
    extent = extent or 1.0
    heatmap = {
        "type": "heatmap", "meta": "jacobian", "z": jacobian, "x": names, "y": names,
        "zmid": 0, "zmin": -extent, "zmax": extent,
        "colorscale": _RDBU_R,
        "colorbar": {"title": {"text": "∂p<sub>i</sub>/∂z<sub>j</sub>", "side": "right"}, "thickness": 12,
                     "exponentformat": "power"},
        "textfont": {"size": 13}, "customdata": number_labels(jacobian),
        "hovertemplate": "∂p(%{y})/∂z(%{x}) = %{customdata}<extra></extra>",
        "xgap": 1, "ygap": 1,
    }  # fmt: skip
    if k <= _CELL_TEXT:
        heatmap.update(
            text=number_labels(jacobian) if finite else np.full(jacobian.shape, ""), texttemplate="%{text}"
        )
    layout = base_layout(
        title="Softmax Jacobian, symmetric",
        x_title="logit z<sub>j</sub> (column)",
        y_title="probability p<sub>i</sub> (row)",
        height=max(420, min(760, 120 + 34 * k)),
    )
    subtitle(layout, "J = β(diag p − p pᵀ)" if finite else "not a number between tied winners at T = 0")
    layout["shapes"] = [
        {
            "type": "rect", "xref": "x", "yref": "y", "x0": -0.5, "x1": k - 0.5, "y0": target - 0.5,
            "y1": target + 0.5, "line": {"color": INK, "width": 3},
        }
    ]  # fmt: skip
    layout["yaxis"].update(autorange="reversed", showgrid=False, ticks="")
    layout["xaxis"].update(showgrid=False, ticks="", side="bottom")
    return figure([heatmap], layout)


def training_history(losses: Sequence[float], p_target: Sequence[float], *, label: str) -> go.Figure:
    """Loss (nats, left axis) and p(target) (right axis, 0 to 1) after each training step, the last
    step marked."""
    steps = np.arange(len(losses))
    losses, p_target = np.asarray(losses, dtype=float), np.asarray(p_target, dtype=float)
    name = plotly_text(label)
    last = len(losses) - 1
    now = {"color": MARK, "size": 14, "line": {"color": "white", "width": 2}}
    traces = [
        {
            "type": "scatter", "x": steps, "y": losses, "mode": "lines+markers", "name": "loss (nats, left)",
            "meta": "loss-history",
            "line": {"color": ACCENT, "width": 3}, "marker": {"size": 7},
            "customdata": number_labels(losses),
            "hovertemplate": "step %{x}: loss = %{customdata} nats<extra></extra>",
        },
        {
            "type": "scatter", "x": steps, "y": p_target, "mode": "lines+markers",
            "name": f"p({name}) (right)", "meta": "p-history", "yaxis": "y2",
            "line": {"color": SQUARED, "width": 3},
            "marker": {"size": 7},
            "customdata": number_labels(p_target),
            "hovertemplate": "step %{x}: p = %{customdata}<extra></extra>",
        },
        {
            "type": "scatter", "x": np.array([last]), "y": np.array([losses[-1]]), "mode": "markers",
            "name": "now", "meta": "loss-now", "marker": now, "hoverinfo": "skip",
        },
        {
            "type": "scatter", "x": np.array([last]), "y": np.array([p_target[-1]]), "yaxis": "y2",
            "mode": "markers", "meta": "p-now", "showlegend": False, "marker": now, "hoverinfo": "skip",
        },
    ]  # fmt: skip
    top = float(np.max(losses)) if np.isfinite(losses).all() else 1.0
    layout = base_layout(
        title="Training the logits, step by step", x_title="gradient step", y_title="loss (nats)"
    )
    layout["yaxis"].update(range=[0, 1.1 * top or 1.0], rangemode="tozero")
    layout["yaxis2"] = {
        "title": {"text": f"p({name})"}, "overlaying": "y", "side": "right", "range": [0, 1.05],
        "tickmode": "linear", "tick0": 0, "dtick": 0.2,
        "showgrid": False, "showline": True, "linecolor": "#94a3b8", "ticks": "outside",
    }  # fmt: skip
    layout["xaxis"]["range"] = [-0.5, max(10, last) + 0.5]
    if last <= 20:
        layout["xaxis"]["dtick"] = 1
    layout["margin"] = {"r": 70}
    layout["legend"] = legend_below()
    return figure(traces, layout)


def loss_comparison(
    p_target: np.ndarray,
    cross_entropy: np.ndarray,
    squared_error: np.ndarray,
    gradient_cross_entropy: np.ndarray,
    gradient_squared_error: np.ndarray,
    *,
    current_p: float,
    current: dict[str, float] | None,
    temperature: float,
) -> go.Figure:
    """Two panels against p(target): the two losses, and the magnitudes of their gradients with
    respect to the target logit, at ``temperature``. ``current`` holds the four current values (None
    where they are not finite numbers, at T = 0 or ∞); the current p(target) is marked by a vertical
    line in both, and a current loss above the left panel's top by a triangle at the top."""
    layout = base_layout(
        title="Cross-entropy beside squared error",
        x_title="p(target)",
        y_title="loss (cross-entropy in nats)",
        height=460,
    )
    subtitle(layout, f"as p(target) moves, at T = {number(temperature)}")
    loss_top = min(float(np.max(cross_entropy)), 6.0) * 1.05
    # Two panels side by side, 0.1 of the width apart: the axes plotly.py's make_subplots lays out.
    layout["xaxis"].update(anchor="y", domain=[0.0, 0.45], range=[0, 1])
    layout["yaxis"].update(anchor="x", domain=[0.0, 1.0], rangemode="tozero", range=[0, loss_top])
    layout["xaxis2"] = {
        "anchor": "y2",
        "domain": [0.55, 1.0],
        "title": {"text": "p(target)"},
        "range": [0, 1],
    }
    layout["yaxis2"] = {
        "anchor": "x2",
        "domain": [0.0, 1.0],
        "title": {"text": "gradient size |∂L/∂z<sub>target</sub>|"},
        "rangemode": "tozero",
        "side": "right",  # in the gap between the panels its title would cross the left panel on a phone
    }
    # Set, not fitted, as plotly.js would fit it (5 % of the axis above the highest point): the gradients
    # scale with 1/T, and the chart follows T in the browser, where curves move with their axis in one frame
    # by Plotly.animate only on an axis that does not fit itself (ui/instant_chart.mjs).
    gradients = np.concatenate([gradient_cross_entropy, gradient_squared_error])
    gradients = gradients[np.isfinite(gradients)]
    if gradients.size and gradients.max() > 0:
        layout["yaxis2"]["range"] = [0.0, float(gradients.max()) / 0.95]
    layout["shapes"] = []
    layout["legend"] = legend_below()
    panels = (
        ("", cross_entropy, squared_error, "ce", "se"),
        ("2", gradient_cross_entropy, gradient_squared_error, "grad_ce", "grad_se"),
    )
    traces = []
    for axis, ce, se, ce_key, se_key in panels:
        # Stable ids: "cross-entropy", "squared-error", "now" in the loss panel, "…-gradient" in the other.
        suffix = "" if axis == "" else "-gradient"
        legend = axis == ""
        on_axes = {"xaxis": f"x{axis}", "yaxis": f"y{axis}"}
        traces.append(
            {
                "type": "scatter", "x": p_target, "y": ce, "mode": "lines", "name": "cross-entropy −log p",
                "meta": f"cross-entropy{suffix}", "line": {"color": ACCENT, "width": 3}, "showlegend": legend,
                "legendgroup": "ce", **on_axes,
                "hovertemplate": "p = %{x:.4g}: %{y:.4g}<extra>cross-entropy</extra>",
            }
        )  # fmt: skip
        traces.append(
            {
                "type": "scatter", "x": p_target, "y": se, "mode": "lines",
                "name": "squared error Σ(p − onehot)²", "meta": f"squared-error{suffix}",
                "showlegend": legend,
                "legendgroup": "se",
                "line": {"color": SQUARED, "width": 3, "dash": "dash"}, **on_axes,
                "hovertemplate": "p = %{x:.4g}: %{y:.4g}<extra>squared error</extra>",
            }
        )  # fmt: skip
        # Hidden, not left out, when there is no current value: the same traces at every temperature.
        values = np.full(2, math.nan) if current is None else np.array([current[ce_key], current[se_key]])
        clipped = values > loss_top if legend else np.zeros(2, dtype=bool)
        traces.append(
            _shown(
                {
                    "type": "scatter", "x": np.array([current_p, current_p]),
                    "y": np.where(clipped, loss_top, values), "mode": "markers", "name": "now",
                    "meta": f"now{suffix}",
                    "showlegend": legend, "legendgroup": "now", **on_axes,
                    "marker": {"color": MARK, "size": 13, "line": {"color": "white", "width": 2},
                               "symbol": np.where(clipped, "triangle-up", "circle")},
                    "customdata": values, "hovertemplate": "now: %{customdata:.4g}<extra></extra>",
                },
                current is not None,
            )
        )  # fmt: skip
        layout["shapes"].append(
            vline(
                current_p, {"color": MARK, "width": 2, "dash": "dot"}, xref=f"x{axis}", yref=f"y{axis} domain"
            )
        )
    return figure(traces, layout)
