"""The Distillation page's charts, pure: the digit and its teacher probabilities (linear and log), student
accuracy against T, the gradient norms behind T², and the omitted digit. Every trace has a ``meta`` id.

The charts that follow the temperature build these from the page's state at a stop of the slider: ``charts``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.common.marks import LIMIT_GAP, add_note, current_line, line_label
from lessons.common.plot import ACCENT, CLASS_COLORS, INK, MUTED, base_layout, figure
from lessons.common.text import decade_label, number, plotly_text

HEIGHT = 400
# Under the plot, anchored to the figure's bottom edge: Plotly then reserves as many rows as the width needs,
# so on a phone a long legend never covers the title or the data (as on the arg max page).
LEGEND_BELOW = {
    "yref": "container",
    "y": 0,
    "yanchor": "bottom",
    "x": 0,
    "xanchor": "left",
    "traceorder": "normal",
}
# One colour per kind of student on every chart and table of the page.
COLORS = {
    "hard": MUTED,
    "soft": ACCENT,
    "both": CLASS_COLORS[2],
    "both-plain": CLASS_COLORS[3],
    "teacher": INK,
}
T_ONE_COLOR = "#94a3b8"  # the teacher at T = 1: the reference the current T is compared with


def digit_image(image: np.ndarray, *, title: str) -> go.Figure:
    """An 8×8 digit as grey squares, ink dark on white, the way it was written (row 0 at the top)."""
    trace = {
        "type": "heatmap",
        "z": np.asarray(image, dtype=np.float64),
        # Spelled out: plotly.js's named "Greys" runs from black at 0, plotly.py's from white.
        "colorscale": [[0.0, "#ffffff"], [1.0, INK]],
        "zmin": 0.0,
        "zmax": 16.0,
        "showscale": False,
        "meta": "digit-image",
        "hovertemplate": "row %{y}, column %{x}: ink %{z:.0f} of 16<extra></extra>",
    }
    layout = base_layout(title=title, x_title="", y_title="", height=300)
    hidden = {"showticklabels": False, "ticks": "", "showgrid": False, "showline": False}
    layout["xaxis"].update(hidden, constrain="domain")
    layout["yaxis"].update(hidden, autorange="reversed", scaleanchor="x", constrain="domain")
    layout["margin"] = {"l": 10, "r": 10, "t": 50, "b": 10}
    return figure([trace], layout)


def teacher_probabilities(
    p_one: np.ndarray, p_now: np.ndarray, *, digit: int, temperature: float, log: bool
) -> go.Figure:
    """The teacher's probabilities for one image at T = 1 and at the current T, as bars per digit; on a log
    axis (``log``) the wrong digits' tiny probabilities show. At T = 1 the two are one, drawn once (the
    current T's bars hidden)."""
    digits = np.array([str(d) for d in range(len(p_one))])
    traces = [
        {
            "type": "bar",
            "x": digits,
            "y": np.asarray(p_one, dtype=np.float64),
            "name": "T = 1",
            "meta": "teacher-t1",
            "marker": {"color": T_ONE_COLOR},
            "hovertemplate": "digit %{x}: p = %{y:.3g}<extra>T = 1</extra>",
        }
    ]
    # Always a trace, hidden at T = 1: the chart follows the slider with the same traces at every stop.
    label = f"T = {number(temperature)}"
    traces.append(
        {
            "type": "bar",
            "x": digits,
            "y": np.asarray(p_now, dtype=np.float64),
            "name": label,
            "meta": "teacher-current",
            "visible": temperature != 1,
            "marker": {"color": ACCENT},
            "hovertemplate": f"digit %{{x}}: p = %{{y:.3g}}<extra>{label}</extra>",
        }
    )
    layout = base_layout(
        title="On a log axis" if log else f"The teacher's probabilities for this {digit}",
        x_title="Digit",
        y_title="Probability",
        height=HEIGHT,
    )
    layout["xaxis"]["type"] = "category"
    layout["barmode"] = "group"
    if log:
        smallest = float(min(np.min(p_one[p_one > 0], initial=1.0), np.min(p_now[p_now > 0], initial=1.0)))
        low = max(math.floor(math.log10(smallest)), -300)
        step = max(1, math.ceil(-low / 6))
        decades = list(range(0, low - 1, -step))
        layout["yaxis"].update(
            type="log",
            range=[low - 0.3, 0.15],
            tickvals=np.array([10.0**e for e in decades]),
            ticktext=[decade_label(e) for e in decades],
        )
    else:
        layout["yaxis"]["range"] = [0, 1.05]
    return figure(traces, layout)


SWEEP_SPAN = (1.0, 50.0)  # the sweep's finite temperatures; T = ∞ is drawn just past the right end
_SWEEP_TICKS = (1.0, 2.0, 5.0, 10.0, 20.0, 50.0)


def _sweep_x(temperatures: np.ndarray) -> np.ndarray:
    """Where each T sits on the sweep's axis: itself, and ∞ just past the right end."""
    hot = SWEEP_SPAN[1] * 10**LIMIT_GAP
    return np.where(np.isinf(temperatures), hot, temperatures)


def _level(y: float, *, name: str, meta: str, color: str, dash: str) -> dict:
    """A horizontal reference level across the whole sweep axis, with its legend entry."""
    left, right = SWEEP_SPAN[0] / 1.2, SWEEP_SPAN[1] * 10**LIMIT_GAP * 1.2
    return {
        "type": "scatter",
        "x": np.array([left, right]),
        "y": np.array([y, y]),
        "mode": "lines",
        "name": name,
        "meta": meta,
        "line": {"color": color, "width": 2, "dash": dash},
        "hovertemplate": f"{plotly_text(name)}: {100 * y:.1f} %<extra></extra>",
    }


def accuracy_sweep(
    temperatures: np.ndarray,
    curves: Sequence[tuple[str, str, np.ndarray]],
    *,
    hard: float,
    teacher: float,
    current: float,
    title: str = "Student accuracy against T",
    y_title: str = "Test accuracy",
) -> go.Figure:
    """Student test accuracy against T (log axis, T = ∞ past its right end): one line per way of training,
    given as (meta, legend name, accuracies), each best T starred; the hard-label student and the teacher as
    levels; the current T dotted."""
    x = _sweep_x(np.asarray(temperatures, dtype=np.float64))
    traces = [
        _level(teacher, name="teacher", meta="teacher", color=COLORS["teacher"], dash="dash"),
        _level(hard, name="hard labels only", meta="hard", color=COLORS["hard"], dash="dot"),
    ]
    for meta, name, accuracies in curves:
        best = int(np.argmax(accuracies))
        color = COLORS.get(meta, INK)
        traces.append(
            {
                "type": "scatter",
                "x": x,
                "y": np.asarray(accuracies, dtype=np.float64),
                "mode": "lines+markers",
                "name": plotly_text(name),
                "meta": meta,
                "line": {"color": color, "width": 2.5},
                "customdata": np.array([number(t) for t in temperatures]),
                "hovertemplate": f"T = %{{customdata}}: %{{y:.1%}}<extra>{plotly_text(name)}</extra>",
            }
        )
        traces.append(
            {
                "type": "scatter",
                "x": x[best : best + 1],
                "y": np.asarray(accuracies[best : best + 1], dtype=np.float64),
                "mode": "markers",
                "name": f"best T for {plotly_text(name)}",
                "meta": f"{meta}-best",
                "marker": {"symbol": "star", "size": 20, "color": color, "line": {"color": INK, "width": 1}},
                "showlegend": False,
                "hovertemplate": f"best T = {number(float(temperatures[best]))}"
                + f"<extra>{plotly_text(name)}</extra>",
            }
        )
    layout = base_layout(
        title=title, x_title="Temperature T (log scale)", y_title=y_title, height=HEIGHT + 40,
    )  # fmt: skip
    hot = SWEEP_SPAN[1] * 10**LIMIT_GAP
    layout["xaxis"].update(
        type="log",
        range=[math.log10(SWEEP_SPAN[0]) - 0.08, math.log10(hot) + 0.08],
        tickvals=np.array([*_SWEEP_TICKS, hot]),
        ticktext=[*(number(t) for t in _SWEEP_TICKS), "∞"],
    )
    layout["legend"] = LEGEND_BELOW
    layout["margin"] = {"t": 64, "b": 16}
    values = [hard, teacher, *(float(v) for _, _, a in curves for v in a)]
    low, high = min(values), max(values)
    pad = 0.06 * (high - low) or 0.01
    layout["yaxis"].update(range=[low - pad, min(high + 2 * pad, 1.0)], tickformat=".0%")
    _mark_current(traces, layout, current, bottom=low - pad, top=min(high + 2 * pad, 1.0))
    return figure(traces, layout)


def _mark_current(traces: list[dict], layout: dict, current: float, *, bottom: float, top: float) -> None:
    """The current T as a dotted line labelled above the plot, or a note when it lies off the axis."""
    on_axis = math.isinf(current) or SWEEP_SPAN[0] <= current <= SWEEP_SPAN[1]
    x = float(_sweep_x(np.array([current]))[0]) if on_axis else SWEEP_SPAN[0]
    traces.append(_current_line(x, bottom=bottom, top=top, shown=on_axis))
    if not on_axis:
        add_note(layout, f"current T = {number(current)} lies off this axis (1 to 50, and ∞)")
        return
    pinned = "right" if math.isinf(current) else None
    layout["annotations"] = [line_label(x, f"T = {number(current)}", pinned=pinned, log=True)]


def _current_line(x: float, *, bottom: float, top: float, shown: bool) -> dict:
    """The current T's dotted line; always a trace, hidden where T is off the axis, so that a chart that
    follows the slider has the same traces at every stop."""
    line = current_line(x, name="current T", bottom=bottom, top=top)
    return {**line, "showlegend": False, "visible": shown}


def gradient_norms(
    temperatures: np.ndarray,
    soft_with: np.ndarray,
    soft_without: np.ndarray,
    hard: float,
    *,
    current: float,
) -> go.Figure:
    """‖∇_W‖ of the soft term with and without T², and of the hard term, against T (log–log)."""
    temperatures = np.asarray(temperatures, dtype=np.float64)
    traces = [
        {
            "type": "scatter",
            "x": temperatures,
            "y": np.asarray(soft_with, dtype=np.float64),
            "mode": "lines",
            "name": "soft, × T²",
            "meta": "soft-with",
            "line": {"color": COLORS["soft"], "width": 3},
            "hovertemplate": "T = %{x:.3g}: %{y:.3g}<extra>soft term × T²</extra>",
        },
        {
            "type": "scatter",
            "x": temperatures,
            "y": np.asarray(soft_without, dtype=np.float64),
            "mode": "lines",
            "name": "soft, without T²",
            "meta": "soft-without",
            "line": {"color": COLORS["both-plain"], "width": 3, "dash": "dash"},
            "hovertemplate": "T = %{x:.3g}: %{y:.3g}<extra>soft term without T²</extra>",
        },
        {
            "type": "scatter",
            "x": temperatures[[0, -1]],
            "y": np.array([hard, hard]),
            "mode": "lines",
            "name": "hard labels",
            "meta": "hard",
            "line": {"color": COLORS["hard"], "width": 2, "dash": "dot"},
            "hovertemplate": f"hard labels: {number(hard, 3)}<extra></extra>",
        },
    ]
    layout = base_layout(
        title="Gradient size at the start", x_title="Temperature T (log scale)",
        y_title="Gradient size", height=HEIGHT,
    )  # fmt: skip
    layout["xaxis"].update(type="log", dtick=1)
    layout["yaxis"].update(type="log", dtick=1, exponentformat="power")
    layout["legend"] = LEGEND_BELOW
    layout["margin"] = {"t": 64, "b": 16}
    every = np.concatenate([soft_with, soft_without, [hard]])
    low, high = math.log10(float(every.min())), math.log10(float(every.max()))
    on_axis = bool(temperatures[0] <= current <= temperatures[-1])
    x = current if on_axis else float(temperatures[0])
    traces.append(_current_line(x, bottom=10**low, top=10**high, shown=on_axis))
    if on_axis:
        layout["annotations"] = [line_label(current, f"T = {number(current)}", log=True)]
    else:
        add_note(layout, f"current T = {number(current)} lies off this axis")
    return figure(traces, layout)
