"""The About page's timeline: softmax's history on a true year axis. Pure: no Streamlit."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.about.model import Event
from lessons.common.plot import ACCENT, GRID, MUTED, base_layout, figure
from lessons.common.text import plotly_text

MIDPOINT = 1960  # labels of earlier events run to the right of their dot, later ones to the left
ROW_HEIGHT = 40


def timeline(events: Sequence[Event]) -> go.Figure:
    """Each event as a dot over its year, on a row of its own (earliest on top), named beside it; its
    sentence in the hover. Rows, not stacked labels: the events from 2015 to 2020 are a few years apart,
    and their names must not collide even on a phone."""
    years = np.array([event.year for event in events], dtype=np.float64)
    rows = np.arange(1, len(events) + 1, dtype=np.float64)
    traces = [
        {
            "type": "scatter",
            "x": years,
            "y": rows,
            "mode": "markers+text",
            "name": "events",
            "meta": "events",
            "text": [f"{event.year} {plotly_text(event.who)}" for event in events],
            "textposition": ["middle right" if y < MIDPOINT else "middle left" for y in years],
            "textfont": {"size": 15},
            "customdata": [plotly_text(event.what) for event in events],
            "hovertemplate": "<b>%{text}</b><br>%{customdata}<extra></extra>",
            "marker": {"color": ACCENT, "size": 13, "line": {"color": "white", "width": 2}},
            "cliponaxis": False,
            "showlegend": False,
        },
    ]
    layout = base_layout(
        title="Softmax in time", x_title="year", y_title="row", height=150 + ROW_HEIGHT * len(events)
    )
    layout["title"]["subtitle"] = {
        "text": "from physics to choice, to neural networks",
        "font": {"color": MUTED},
    }
    layout["margin"] = {"t": 90, "l": 16, "r": 16, "b": 56}
    layout["xaxis"].update(range=[1855, 2030], dtick=20, gridcolor=GRID)
    layout["yaxis"].update(visible=False, range=[len(events) + 0.7, 0.3])  # earliest on top
    layout["hoverlabel"] = {"align": "left"}
    return figure(traces, layout)
