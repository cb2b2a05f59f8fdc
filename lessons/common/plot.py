"""The look shared by every chart: one Plotly template sized for a projector, figures from plain dicts."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from lessons.common.text import number

INK = "#0f172a"
MUTED = "#64748b"
GRID = "#e2e8f0"
ACCENT = "#2563eb"  # softmax probabilities
LIMIT = "#f59e0b"  # the exact limits (arg max, uniform)
MARK = "#dc2626"  # the current state marked on a curve
# One per class, cycling beyond ten; at least 3:1 on white and, as the dark theme draws them, on its
# background. In this order the first five stay apart under protanopia, deuteranopia and tritanopia and
# a sixth stays distinguishable (violet, once fifth, is blue to a deuteranope): test_common_theme.py.
CLASS_COLORS = (
    "#2563eb", "#dc2626", "#059669", "#d97706", "#475569",
    "#0891b2", "#db2777", "#65a30d", "#7c3aed", "#ea580c",
)  # fmt: skip

TEMPLATE_NAME = "softmax_lab"
pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout={
        "font": {"family": "Source Sans Pro, Inter, Arial, sans-serif", "size": 16, "color": INK},
        # Two pixels in from the left edge: a glyph's overhang (or a fallback font's, before the web
        # font loads) would otherwise be cut by the chart's edge.
        "title": {"font": {"size": 19}, "x": 0, "xanchor": "left", "pad": {"l": 2},
                  "y": 0.97, "yanchor": "top"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(CLASS_COLORS),
        "xaxis": {"showline": True, "linecolor": "#94a3b8", "ticks": "outside", "gridcolor": GRID,
                  "zeroline": False, "automargin": True, "title": {"standoff": 10}},
        "yaxis": {"showline": True, "linecolor": "#94a3b8", "ticks": "outside", "gridcolor": GRID,
                  "zeroline": False, "automargin": True, "title": {"standoff": 10}},
        # Above the plot area, so a legend never covers data.
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1,
                   "bgcolor": "rgba(255,255,255,0.8)"},
        "margin": {"l": 70, "r": 24, "t": 80, "b": 64},
        "hoverlabel": {"font": {"size": 15}},
        # The toolbar stands in the right margin, a column beside the title, not a row across it.
        "modebar": {"orientation": "v"},
        "bargap": 0.25,
    }
)  # fmt: skip

# Figures are built as plain dicts, the form Plotly's own docs call "figures as dictionaries", and wrapped
# without plotly.py's validation: building and validating graph objects cost 5–10 ms per figure, most of a
# slider move's time on the server, against 0.5 ms for the same figure from dicts. The tests set this flag, so
# every figure they build is also validated and must come out identical (tests/conftest.py).
CHECK_AGAINST_VALIDATION = False
# The template as a dict: only validation resolves a template's name, and Plotly.js knows no names.
TEMPLATE = pio.templates[TEMPLATE_NAME].to_plotly_json()

# The toolbar keeps what a learner needs (download a PNG, zoom, pan, reset); nothing that sends a chart to
# an outside service (plotly.js shows "Share chart…", an upload to Plotly's cloud, unless told not to).
# Zoom in, zoom out and autoscale go too (the zoom box, a double click and reset do their work): with them
# the bar was 7 buttons, 190 px, over the title of every chart on a 390-px phone (issue 14).
PLOTLY_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": [
        "sendChartToCloud", "downloadJson", "lasso2d", "select2d", "toggleSpikelines",
        "hoverClosestCartesian", "hoverCompareCartesian", "zoomIn2d", "zoomOut2d", "autoScale2d",
    ],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}  # fmt: skip


def base_layout(*, title: str, x_title: str, y_title: str, height: int = 420) -> dict:
    """A new layout dict in the app's template with a title and both axis titles set, for `figure`."""
    return {
        "template": TEMPLATE,
        "title": {"text": title},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
        "height": height,
    }


def padded(low: float, high: float) -> tuple[float, float]:
    """``low`` and ``high`` with plotly.js's autorange padding: 5 % of the axis beyond each end (half a unit
    each way where they are equal), for a chart that sets its range as plotly.js would have found it.

    >>> padded(0.0, 9.0), padded(2.0, 2.0)
    ((-0.5, 9.5), (1.5, 2.5))
    """
    pad = 0.05 * (high - low) / 0.9 if high > low else 0.5
    return low - pad, high + pad


def hline(y: float, line: dict, **shape) -> dict:
    """The shape plotly.py's add_hline draws: across the plot's whole width, at data height y.

    ``shape`` adds other properties of the shape (a legend entry: ``showlegend``, ``name``).
    """
    return {
        "type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": y, "y1": y, "line": line,
        **shape,
    }  # fmt: skip


def vline(x: float, line: dict, *, xref: str = "x", yref: str = "y domain") -> dict:
    """The shape plotly.py's add_vline draws: across the plot's whole height, at data position x."""
    return {"type": "line", "xref": xref, "x0": x, "x1": x, "yref": yref, "y0": 0, "y1": 1, "line": line}


def figure(traces: list[dict], layout: dict, frames: list[dict] | None = None) -> go.Figure:
    """A figure from trace and layout dicts (nested dicts, each trace with its "type"), unvalidated."""
    spec = {"data": traces, "layout": layout}
    if frames is not None:
        spec["frames"] = frames
    fast = go.Figure(spec, _validate=False)
    if not CHECK_AGAINST_VALIDATION:
        return fast
    # Each shape once: an instant chart builds the same figure at several temperatures on every run, and
    # validating them all made the page tests a quarter slower without checking anything new.
    shape = json.dumps(_shape(spec), sort_keys=True, default=lambda value: type(value).__name__)
    if shape in _VALIDATED:
        return fast
    _VALIDATED.add(shape)
    validated = go.Figure(spec)  # raises on any property Plotly does not know
    if json.loads(fast.to_json(validate=False)) != json.loads(validated.to_json(validate=False)):
        raise AssertionError(f"the unvalidated figure differs from the validated one: {layout.get('title')}")
    return fast  # what the app draws, whether or not this shape was validated before (test order)


_VALIDATED: set[str] = set()  # the shapes of the figures validated so far (tests only)


def _shape(value):
    """``value`` with its numbers and texts left out: the structure plotly.py's validation checks."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        if any(isinstance(item, dict | list | tuple) for item in value):
            return [_shape(item) for item in value]
        return "values"
    if value is None or isinstance(value, bool):
        return value
    return type(value).__name__


def legend_below() -> dict:
    """A legend under the plot, anchored to the figure's bottom edge: Plotly then reserves as many rows as
    the width needs, so on a phone a long legend never covers the title, the axes or the data (the
    template's legend sits above the plot, where a long one meets the title)."""
    return {
        "orientation": "h",
        "yref": "container",
        "y": 0,
        "yanchor": "bottom",
        "x": 0,
        "xanchor": "left",
        "traceorder": "normal",
    }


def number_labels(values) -> np.ndarray:
    """``lessons.common.text.number`` of each value (4 significant digits, the true minus sign "−", ∞),
    as an array for a trace's ``customdata`` or ``text``. Plotly formats hover numbers itself (d3) with
    an ASCII '-', which no layout setting changes; hover text that may be negative is written here."""
    labels = [number(x) for x in np.asarray(values, dtype=np.float64).ravel().tolist()]
    return np.array(labels, dtype=object).reshape(np.shape(values))


def subtitle(layout: dict, text: str) -> None:
    """A second, smaller line under the title, in the muted colour, with room for it above the plot: a
    long title split so that neither line is cut on a 390-px phone. (A note on where the current state is,
    ``lessons.common.marks.add_note``, takes the same place in the mark colour.)"""
    layout["title"]["subtitle"] = {"text": text, "font": {"size": 15, "color": MUTED}}
    margin = layout.setdefault("margin", {})
    margin["t"] = max(margin.get("t", 0), 100)
