"""Figures of the Playground page."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.common.plot import ACCENT, LIMIT, base_layout, figure
from lessons.common.text import number, plotly_text


def probability_bars(
    probabilities: np.ndarray, labels: Sequence[str], *, argmax: np.ndarray | None = None, title: str
) -> go.Figure:
    """Bars of p_i per class on a 0–1 axis, each labelled with its value; optionally the one-hot arg max
    beside them for comparison."""
    x = [plotly_text(label) for label in labels]
    traces = [
        {
            "type": "bar",
            "x": x,
            "y": probabilities,
            "name": "softmax p",
            "marker": {"color": ACCENT},
            "text": [number(p) for p in probabilities],
            "textposition": "outside",
            "textfont": {"size": 15},
            "cliponaxis": False,
            "hovertemplate": "%{x}: p = %{y:.6g}<extra>softmax</extra>",
        }
    ]
    if argmax is not None:
        traces.append(
            {
                "type": "bar",
                "x": x,
                "y": argmax,
                "name": "arg max (T → 0)",
                "marker": {
                    "color": "rgba(245,158,11,0.25)",
                    "line": {"color": LIMIT, "width": 2},
                    "pattern": {"shape": "/", "fgcolor": LIMIT},
                },
                "hovertemplate": "%{x}: %{y:.3g}<extra>one-hot arg max</extra>",
            }
        )
    layout = base_layout(title=title, x_title="class", y_title="probability p")
    layout["yaxis"].update(range=[0, 1.12], tickformat=".1f", tickvals=np.linspace(0, 1, 6))
    layout["barmode"] = "group"
    # Same size for every bar label: Plotly would otherwise shrink the long ones (4.248e−18) to specks.
    layout["uniformtext"] = {"minsize": 13, "mode": "show"}
    return figure(traces, layout)


def probability_bars_title(temperature: float) -> str:
    """The Playground chart's title at temperature T."""
    return f"Probabilities at T = {number(temperature)}, beside the arg max (T → 0)"


def probability_bars_update(probabilities: np.ndarray, *, title: str) -> dict:
    """What changes a `probability_bars` figure into the one of other probabilities: the bars, their
    printed values and the title, as the arguments of ``Plotly.update`` (restyle, relayout, traces)."""
    return {
        "data": {"y": [probabilities.tolist()], "text": [[number(p) for p in probabilities]]},
        "layout": {"title.text": title},
        "traces": [0],
    }
