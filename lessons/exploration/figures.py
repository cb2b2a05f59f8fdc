"""The Exploration page's charts, pure: learning curves (Figure 2.2), the parameter study (Figure 2.6), the
one agent's estimates, policy and history, and the gradient bandit (Figure 2.5). Every trace has a ``meta``
id the tests find it by; ``charts`` builds the ones that depend on T from the page's settings."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.common import plot
from lessons.common.marks import add_note, limit_positions, temperature_x
from lessons.common.plot import ACCENT, CLASS_COLORS, GRID, INK, MARK, MUTED, base_layout, figure, hline
from lessons.common.text import number, plotly_text

# One colour per kind of agent on every chart.
COLORS = {
    "softmax": ACCENT,
    "epsilon-greedy": CLASS_COLORS[3],
    "greedy": MUTED,
    "annealed": CLASS_COLORS[4],
}
WITH_BASELINE, WITHOUT_BASELINE = ACCENT, CLASS_COLORS[3]
HEIGHT = 380
# Below the axis title: a legend of three or four entries wraps on a phone, and above the plot it would
# cover the subtitle.
BELOW_AXIS = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.45, "yanchor": "top"}
LABEL_FLOOR = 0.1


def _steps(length: int) -> np.ndarray:
    return np.arange(1, length + 1)


def learning_curves(series: Sequence[tuple[str, str, np.ndarray]], *, kind: str) -> go.Figure:
    """Figure 2.2's panel: average reward (``kind="reward"``) or % optimal action (``"optimal"``) per step.

    ``series`` holds (meta, legend name, curve) per agent, the curve averaged over the runs.
    """
    reward = kind == "reward"
    traces = [
        {
            "type": "scatter",
            "x": _steps(len(curve)),
            "y": curve if reward else 100 * curve,
            "mode": "lines",
            "name": plotly_text(name),
            "meta": meta,
            "line": {"color": COLORS.get(meta, INK), "width": 2.5 if meta == "softmax" else 1.8},
            "hovertemplate": "step %{x}: %{y:.3g}"
            + ("" if reward else " %")
            + f"<extra>{plotly_text(name)}</extra>",
        }
        for meta, name, curve in series
    ]
    layout = base_layout(
        title="Average reward" if reward else "Optimal action",
        x_title="Step",
        y_title="Reward (average over runs)" if reward else "% of runs on the best arm",
        height=HEIGHT + 60,
    )
    # Below the plot: above it three entries wrap into the title (and the panels' plots would not line up).
    layout["legend"] = plot.legend_below()
    if reward:
        layout["yaxis"]["range"] = reward_range([curve for _, _, curve in series])
    else:
        layout["yaxis"]["range"] = [0, 100]
        layout["yaxis"]["ticksuffix"] = " %"
    return figure(traces, layout)


def reward_range(curves: Sequence[np.ndarray], step: float = 0.1) -> list[float]:
    """The reward axis of the learning curves: plotly.js's own padding (5 % of the axis beyond the lowest
    and the highest point), widened to multiples of ``step``.

    Set rather than left to plotly.js: the chart follows the temperature in the browser, which moves the
    curves without a whole redraw only on an axis that does not fit itself to them (ui/instant_chart.mjs).
    Widened to a grid, the axis stays put while the other agents' curves (which do not change with τ) hold
    the extremes, and steps now and then where softmax's does: the testbed's rewards are N(q*, 1), so a
    tenth is a small step. An empty or all-NaN series gets [0, 1].

    >>> reward_range([np.array([-0.01, 1.2, 1.499])])
    [-0.1, 1.6]
    """
    values = np.concatenate([np.ravel(curve) for curve in curves]) if curves else np.array([])
    values = values[np.isfinite(values)]
    if values.size == 0:
        return [0.0, 1.0]
    low, high = plot.padded(float(values.min()), float(values.max()))
    # Rounded to 9 digits first: (−0.094) / 0.1 is −0.94, but 1.6 / 0.1 is 16.000000000000004.
    return [
        round(math.floor(round(low / step, 9)) * step, 9),
        round(math.ceil(round(high / step, 9)) * step, 9),
    ]


def parameter_study(
    taus: np.ndarray,
    tau_rewards: np.ndarray,
    epsilons: np.ndarray,
    epsilon_rewards: np.ndarray,
    *,
    best: int,
    current_tau: float,
    reward_scale: float,
) -> go.Figure:
    """Figure 2.6 for softmax and ε-greedy: average reward over the first 1000 steps against τ and ε (log x),
    the best τ starred and the current τ as a dotted line (T = 0 and ∞ just past the ends of the axis)."""
    traces: list[dict] = [
        {
            "type": "scatter",
            "x": taus,
            "y": tau_rewards,
            "mode": "lines+markers",
            "name": "softmax (τ)",
            "meta": "study-softmax",
            "line": {"color": COLORS["softmax"], "width": 2.5},
            "hovertemplate": "τ = %{x:.3g}: %{y:.3g}<extra>softmax</extra>",
        },
        {
            "type": "scatter",
            "x": epsilons,
            "y": epsilon_rewards,
            "mode": "lines+markers",
            "name": "ε-greedy (ε)",
            "meta": "study-epsilon",
            "line": {"color": COLORS["epsilon-greedy"], "width": 2},
            "hovertemplate": "ε = %{x:.3g}: %{y:.3g}<extra>ε-greedy</extra>",
        },
        {
            "type": "scatter",
            "x": taus[best : best + 1],
            "y": tau_rewards[best : best + 1],
            "mode": "markers+text",
            "name": f"best τ = {number(float(taus[best]))}",
            "meta": "best-tau",
            "marker": {
                "symbol": "star",
                "size": 18,
                "color": COLORS["softmax"],
                "line": {"color": INK, "width": 1},
            },
            "text": [f"best τ = {number(float(taus[best]))}"],
            "textposition": "top center",
            "showlegend": False,
            "hoverinfo": "skip",
        },
    ]
    span = (float(min(taus.min(), epsilons.min())), float(max(taus.max(), epsilons.max())))
    low = float(min(tau_rewards.min(), epsilon_rewards.min()))
    high = float(max(tau_rewards.max(), epsilon_rewards.max()))
    pad = 0.08 * (high - low) or 0.1 * reward_scale
    layout = base_layout(
        title="Parameter study",
        x_title="τ or ε (log scale)",
        y_title="Average reward",
        height=HEIGHT + 120,
    )
    layout["title"]["subtitle"] = {
        "text": f"σ = {number(reward_scale)}, steps 1–1000",
        "font": {"color": MUTED},
    }
    layout["legend"] = BELOW_AXIS
    layout["margin"] = {"t": 90, "b": 190}
    cold, hot = limit_positions(span)
    layout["xaxis"].update(type="log", range=[math.log10(cold) - 0.1, math.log10(hot) + 0.1])
    layout["yaxis"]["range"] = [low - pad, high + 2.5 * pad]  # room for the star's label
    x = temperature_x(current_tau, span)
    if x is None:
        add_note(layout, f"current T = {number(current_tau)} lies off this axis")
    # The line is always there (empty off the axis), so the chart follows the slider by restyling it.
    traces.append(
        {
            "type": "scatter",
            "x": np.array([x, x], dtype=float if x is not None else object),
            "y": np.array([low - pad, high + 2.5 * pad]),
            "mode": "lines",
            "name": f"your T = {number(current_tau)}",
            "meta": "current-tau",
            "showlegend": x is not None,
            "line": {"color": MARK, "width": 2, "dash": "dot"},
            "hoverinfo": "skip",
        }
    )
    return figure(traces, layout)


def _arm_labels(count: int) -> list[str]:
    return [str(arm) for arm in range(1, count + 1)]


def _highlight(count: int, chosen: int | None, color: str, other: str) -> list[str]:
    return [color if arm == chosen else other for arm in range(count)]


def estimates_chart(
    estimates: np.ndarray, true_values: np.ndarray, counts: np.ndarray, *, chosen: int | None
) -> go.Figure:
    """The agent's estimates Q(a) as bars (the arm just pulled in the accent colour) and the true values q*
    as diamonds; hovering an arm shows how often it was pulled."""
    arms = _arm_labels(len(estimates))
    traces = [
        {
            "type": "bar",
            "x": arms,
            "y": estimates,
            "name": "estimate Q(a)",
            "meta": "estimates",
            "marker": {"color": _highlight(len(arms), chosen, ACCENT, "#93c5fd")},
            "customdata": counts,
            "hovertemplate": "arm %{x}: Q = %{y:.3g} (%{customdata} pulls)<extra></extra>",
        },
        {
            "type": "scatter",
            "x": arms,
            "y": true_values,
            "mode": "markers",
            "name": "true value q*(a)",
            "meta": "true-values",
            "marker": {"symbol": "diamond", "size": 12, "color": INK},
            "hovertemplate": "arm %{x}: q* = %{y:.3g}<extra></extra>",
        },
    ]
    layout = base_layout(title="What it believes", x_title="Arm", y_title="Reward", height=HEIGHT)
    layout["xaxis"]["type"] = "category"
    layout["shapes"] = [hline(0.0, {"color": GRID, "width": 1})]
    return figure(traces, layout)


def policy_chart(probabilities: np.ndarray, *, chosen: int | None, tau: float) -> go.Figure:
    """softmax(Q/τ): the probability of each arm at the agent's next step, as bars."""
    arms = _arm_labels(len(probabilities))
    traces = [
        {
            "type": "bar",
            "x": arms,
            "y": probabilities,
            "name": "π(a)",
            "meta": "policy",
            "marker": {"color": _highlight(len(arms), chosen, ACCENT, "#93c5fd")},
            # Two decimals, at one size; below 0.1 the height says enough. A label wider than its bar (ten
            # bars on a phone) is left out rather than shrunk unreadable or run into its neighbour's.
            "text": [f"{p:.2f}" if p >= LABEL_FLOOR else "" for p in probabilities],
            "textfont": {"size": 13},
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "arm %{x}: p = %{y:.4g}<extra></extra>",
        }
    ]
    layout = base_layout(title="How it chooses next", x_title="Arm", y_title="Probability", height=HEIGHT)
    layout["title"]["subtitle"] = {"text": f"softmax(Q/τ) at τ = {number(tau)}", "font": {"color": MUTED}}
    layout["margin"] = {"t": 110}
    layout["xaxis"]["type"] = "category"
    layout["yaxis"]["range"] = [0, 1.12]
    layout["showlegend"] = False
    layout["uniformtext"] = {"mode": "hide", "minsize": 13}
    return figure(traces, layout)


def agent_history(rewards: np.ndarray, best_value: float, temperatures: np.ndarray | None) -> go.Figure:
    """The one agent's running average reward, with the best arm's true value as the line to reach; τ per
    step on a second axis when it is annealed (the trace is always there, empty while τ is constant, so
    that the chart follows the temperature slider by restyling it)."""
    steps = _steps(len(rewards))
    running = np.cumsum(rewards) / steps if len(rewards) else rewards
    traces: list[dict] = [
        {
            "type": "scatter",
            "x": steps,
            "y": running,
            "mode": "lines",
            "name": "average reward so far",
            "meta": "running-reward",
            "line": {"color": ACCENT, "width": 2.5},
            "hovertemplate": "step %{x}: %{y:.3g}<extra></extra>",
        },
    ]
    layout = base_layout(title="Its rewards", x_title="Step", y_title="Reward", height=HEIGHT - 40)
    layout["shapes"] = [hline(best_value, {"color": INK, "width": 1.5, "dash": "dash"})]
    layout["annotations"] = [
        {
            "text": f"best arm: q* = {number(best_value, 3)}",
            "xref": "x domain",
            "x": 1,
            "xanchor": "right",
            "yref": "y",
            "y": best_value,
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"color": INK, "size": 14},
        }
    ]
    annealed = temperatures is not None and len(rewards) and temperatures.min() != temperatures.max()
    traces.append(
        {
            "type": "scatter",
            "x": steps if annealed else steps[:0],
            "y": temperatures[: len(rewards)] if annealed else np.array([]),
            "mode": "lines",
            "name": "τ",
            "meta": "temperature",
            "showlegend": bool(annealed),
            "yaxis": "y2",
            "line": {"color": COLORS["annealed"], "width": 1.5},
            "hovertemplate": "step %{x}: τ = %{y:.3g}<extra></extra>",
        }
    )
    layout["yaxis2"] = {
        "title": {"text": "τ"},
        "overlaying": "y",
        "side": "right",
        "type": "log",
        "dtick": 1,  # a label per decade: 1, 0.1, 0.01
        "showgrid": False,
        "color": COLORS["annealed"],
        "visible": bool(annealed),
    }
    layout["showlegend"] = bool(annealed)  # one line needs no legend
    return figure(traces, layout)


def gradient_curves(series: Sequence[tuple[str, str, np.ndarray]]) -> go.Figure:
    """Figure 2.5: % optimal action per step of the gradient bandit, with and without baseline."""
    traces = []
    for meta, name, curve in series:
        baseline = meta.endswith("baseline")
        traces.append(
            {
                "type": "scatter",
                "x": _steps(len(curve)),
                "y": 100 * curve,
                "mode": "lines",
                "name": plotly_text(name),
                "meta": meta,
                "line": {
                    "color": WITH_BASELINE if baseline else WITHOUT_BASELINE,
                    "dash": "solid" if "-0.1-" in meta else "dash",
                    "width": 2,
                },
                "hovertemplate": "step %{x}: %{y:.3g} %" + f"<extra>{plotly_text(name)}</extra>",
            }
        )
    layout = base_layout(
        title="Optimal action",
        x_title="Step",
        y_title="% of runs on the best arm",
        height=HEIGHT + 120,
    )
    layout["title"]["subtitle"] = {"text": "true values q* around +4", "font": {"color": MUTED}}
    layout["yaxis"].update(range=[0, 100], ticksuffix=" %")
    layout["legend"] = BELOW_AXIS
    layout["margin"] = {"t": 90, "b": 200}
    return figure(traces, layout)
