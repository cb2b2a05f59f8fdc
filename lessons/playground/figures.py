"""Figures of the Playground page."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.common.plot import ACCENT, LIMIT, base_layout, figure, legend_below
from lessons.common.text import number, plotly_text

UPRIGHT_LABELS = 8  # beyond this many classes the values stand vertically, so neighbours never collide


def bar_labels(probabilities: np.ndarray) -> list[str]:
    """The value printed on each bar: four significant digits, the app's one rule (``number``)."""
    return [number(p) for p in probabilities]


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
            "meta": "probabilities",
            "marker": {"color": ACCENT},
            "text": bar_labels(probabilities),
            "textposition": "outside",
            "textangle": 0 if len(probabilities) <= UPRIGHT_LABELS else -90,
            "textfont": {"size": 15 if len(probabilities) <= UPRIGHT_LABELS else 12},
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
                "meta": "argmax",
                # An outline over a faint fill: a value printed on the neighbouring bar that overflows
                # onto this one (narrow bars on a phone) stays readable.
                "marker": {"color": "rgba(245,158,11,0.08)", "line": {"color": LIMIT, "width": 2.5}},
                "hovertemplate": "%{x}: %{y:.3g}<extra>one-hot arg max</extra>",
            }
        )
    layout = base_layout(title=title, x_title="class", y_title="probability p")
    # Room above the bars for their values: one line upright, a column of digits when they stand vertically.
    top = 1.12 if len(probabilities) <= UPRIGHT_LABELS else 1.3
    layout["yaxis"].update(range=[0, top], tickformat=".1f", tickvals=np.linspace(0, 1, 6))
    layout["barmode"] = "group"
    layout["legend"] = legend_below()  # two entries that would meet the title on a phone
    layout["margin"] = {"t": 56}  # no legend above the plot: the title sits close to it
    # Same size for every bar label: Plotly would otherwise shrink the long ones (4.248e−18) to specks.
    layout["uniformtext"] = {"minsize": 13, "mode": "show"}
    return figure(traces, layout)


def probability_bars_title(temperature: float) -> str:
    """The Playground chart's title at temperature T."""
    # Short enough for a phone's width; the legend names the arg max beside the bars.
    return f"Probabilities at T = {number(temperature)}"


def probability_bars_update(
    probabilities: np.ndarray, *, title: str, argmax: np.ndarray | None = None
) -> dict:
    """What changes a `probability_bars` figure into the one of other probabilities: the bars, their
    printed values and the title, and with ``argmax`` (other logits, not only another temperature) the
    one-hot arg max beside them; as the arguments of ``Plotly.update`` (restyle, relayout, traces)."""
    data: dict = {"y": [probabilities.tolist()], "text": [bar_labels(probabilities)]}
    if argmax is None:
        return {"data": data, "layout": {"title.text": title}, "traces": [0]}
    # One value per trace, in turn: the arg max's bars print no values (None leaves them without text).
    data = {"y": [*data["y"], argmax.tolist()], "text": [*data["text"], None]}
    return {"data": data, "layout": {"title.text": title}, "traces": [0, 1]}
