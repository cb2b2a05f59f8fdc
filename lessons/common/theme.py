"""How a chart looks in the dark theme and in presenter mode: pure transforms of finished figures.

Every figure is built once, for the light theme (``lessons.common.plot``). A :class:`Look` says how the
reader sees the page: ``dark`` (the browser's or the reader's choice; Streamlit's ``[theme.dark]``) and
``present`` (a projector: larger type, thicker lines, taller charts, stronger colours, like PhET's
projector profile). :func:`dress` maps the app's palette to the look's and scales sizes, on a copy: a
figure a cache holds is never changed.

Colours are mapped only where a property holds a colour (a key ending in ``color``, ``colorscale``,
``colorway``), so a class labelled "white" keeps its name. Sizes are scaled by where they are: a
``size`` in a font, a ``width`` of a line, the marker sizes, the margins and the chart's height.
"""

from __future__ import annotations

import base64
import functools
import re
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lessons.common import plot

# Streamlit's [theme.dark] backgroundColor (.streamlit/config.toml): charts sit on the page's own colour.
DARK_BACKGROUND = "#0f172a"
_DARK_RGB = "15,23,42"

# The class colours and accents (Tailwind's 600 shades, at least 3:1 on white) and the 400 shades of
# the same hues that the dark theme draws them in (at least 5.6:1 on its background). The order of
# CLASS_COLORS keeps the first five apart for colour-blind readers in both themes (tested).
_DARK_SHADES = {
    "#2563eb": "#60a5fa",  # blue (ACCENT)
    "#dc2626": "#f87171",  # red (MARK)
    "#059669": "#34d399",  # emerald
    "#d97706": "#fbbf24",  # amber
    "#475569": "#94a3b8",  # slate: 2.4:1 on the dark background as it is
    "#0891b2": "#22d3ee",  # cyan
    "#db2777": "#f472b6",  # pink
    "#65a30d": "#a3e635",  # lime
    "#7c3aed": "#a78bfa",  # violet
    "#ea580c": "#fb923c",  # orange
}

# The greys of text, axes and grids, and the pale fills, as each look shows them.
_DARK_GREYS = {
    "white": DARK_BACKGROUND,
    "#ffffff": DARK_BACKGROUND,
    "#fff": DARK_BACKGROUND,
    plot.INK: "#e2e8f0",  # text: 14.5:1
    plot.MUTED: "#94a3b8",  # secondary text: 6.9:1
    plot.GRID: "#334155",
    "#cbd5e1": "#475569",  # reference lines and bars, faint on purpose
    "#dbeafe": "#1e3a8a",  # the pale end of a blue scale
    "#93c5fd": "#1e40af",  # a bar paler than the accent (the arms not chosen): dimmer than it
    "#b45309": "#fbbf24",  # amber text
}
_PRESENT_GREYS = {
    plot.INK: "#000000",
    plot.MUTED: "#334155",
    plot.GRID: "#cbd5e1",
    "#94a3b8": "#64748b",
    "#cbd5e1": "#94a3b8",
}
_DARK_PRESENT_GREYS = {**_DARK_GREYS, plot.INK: "#ffffff", plot.MUTED: "#cbd5e1", plot.GRID: "#475569"}

_WHITE_RGBA = re.compile(r"rgba\(\s*255\s*,\s*255\s*,\s*255\s*,\s*([0-9.]+)\s*\)")
_COLOUR_KEYS = ("colorscale", "colorway")
_SCALED_WIDTHS = ("linewidth", "gridwidth", "tickwidth", "arrowwidth", "borderwidth")


@dataclass(frozen=True)
class Look:
    """How the reader sees the page: the dark theme, presenter mode, both or neither."""

    dark: bool = False
    present: bool = False

    @property
    def colors(self) -> dict[str, str]:
        """Each colour of the app's palette (lower case) and the colour this look draws it in."""
        return _palette(self.dark, self.present)

    @property
    def font_scale(self) -> float:
        """Type is this much larger: read from the back of a classroom."""
        return 1.3 if self.present else 1.0

    @property
    def line_scale(self) -> float:
        """Lines, outlines and axes are this much thicker."""
        return 2.0 if self.present else 1.0

    @property
    def marker_scale(self) -> float:
        """Markers are this much larger."""
        return 1.5 if self.present else 1.0

    @property
    def height_scale(self) -> float:
        """Charts are this much taller."""
        return 1.3 if self.present else 1.0


PLAIN = Look()  # the light theme, not presenting: figures are drawn as built


@functools.cache
def _palette(dark: bool, present: bool) -> dict[str, str]:
    if dark:
        return {**_DARK_SHADES, **(_DARK_PRESENT_GREYS if present else _DARK_GREYS)}
    # On a projector the text, axes and grid get darker; the class colours keep their hues (darker shades
    # would bring red and amber closer for a red-green colour-blind reader).
    return dict(_PRESENT_GREYS) if present else {}


def color(value: str, look: Look) -> str:
    """The colour ``value`` as ``look`` shows it (unchanged when it is not one of the app's)."""
    colors = look.colors
    if not colors:
        return value
    mapped = colors.get(value.strip().lower())
    if mapped is not None:
        return mapped
    if look.dark:
        return _WHITE_RGBA.sub(lambda match: f"rgba({_DARK_RGB},{match.group(1)})", value)
    return value


def dress(figure: go.Figure, look: Look) -> go.Figure:
    """``figure`` as ``look`` shows it: a new figure with its colours mapped and its sizes scaled."""
    if look == PLAIN:
        return figure
    spec = figure.to_plotly_json()
    traces = [_walk(trace, "", look) for trace in spec.get("data", [])]
    layout = _walk(spec.get("layout", {}), "", look)
    if look.present:
        layout = _presenter_layout(layout, look)
    frames = spec.get("frames")
    if frames:
        frames = [_walk(frame, "", look) for frame in frames]
    return plot.figure(traces, layout, frames or None)


def dress_update(update: dict, look: Look) -> dict:
    """The arguments of a ``Plotly.update`` (``{"data", "layout", "traces"}``) as ``look`` shows them."""
    if look == PLAIN:
        return update
    return {
        "data": _walk(update.get("data", {}), "", look),
        "layout": _walk(update.get("layout", {}), "", look),
        "traces": update.get("traces"),
    }


def _is_colour_key(key: str) -> bool:
    return key.endswith("color") or key in _COLOUR_KEYS


def _walk(value, key: str, look: Look, *, colour: bool = False):
    """A copy of ``value`` (found under ``key``) with colours mapped and sizes scaled for ``look``."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:  # a NumPy array as plotly.py encodes it
            return _walk(_decode(value), key, look, colour=colour)
        return {
            name: _walk(item, name, look, colour=colour or _is_colour_key(name))
            for name, item in _scaled(value, key, look).items()
        }
    if isinstance(value, (list, tuple)):
        return [_walk(item, key, look, colour=colour) for item in value]
    if colour and isinstance(value, str):
        return color(value, look)
    if colour and isinstance(value, np.ndarray) and value.dtype.kind in "OUS":
        return np.array([color(str(item), look) for item in value.ravel()], dtype=object).reshape(value.shape)
    return value


def _scaled(values: dict, key: str, look: Look) -> dict:
    """The sizes among ``values`` (a dict found under ``key``) scaled for ``look``."""
    if not look.present:
        return values
    scaled = dict(values)
    factors = {"size": look.font_scale} if key.endswith("font") else {}
    if key == "line" or key.endswith("line"):
        factors["width"] = look.line_scale
    if key == "marker":
        factors["size"] = look.marker_scale
    if key == "margin":
        factors.update(dict.fromkeys(("l", "r", "t", "b"), look.font_scale))
    factors.update(dict.fromkeys(_SCALED_WIDTHS, look.line_scale))
    for name, factor in factors.items():
        if name in scaled:
            scaled[name] = _times(scaled[name], factor)
    return scaled


def _times(value, factor: float):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return round(value * factor, 2)
    if isinstance(value, dict) and "bdata" in value:
        value = _decode(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        return value * factor
    if isinstance(value, (list, tuple)):
        return [_times(item, factor) for item in value]
    return value


def _decode(encoded: dict) -> np.ndarray:
    """A NumPy array from plotly.py's typed-array encoding (``{"dtype", "bdata", "shape"}``)."""
    array = np.frombuffer(base64.b64decode(encoded["bdata"]), dtype=np.dtype(encoded["dtype"]))
    shape = encoded.get("shape")
    if shape:
        array = array.reshape([int(n) for n in str(shape).split(",")])
    return array.copy()


def _presenter_layout(layout: dict, look: Look) -> dict:
    """Taller, with the template's default lines and markers thicker (traces that set none use them)."""
    layout = dict(layout)
    if isinstance(layout.get("height"), (int, float)):
        layout["height"] = round(layout["height"] * look.height_scale)
    template = dict(layout.get("template") or {})
    data = dict(template.get("data") or {})
    line = {"width": 2 * look.line_scale}
    data.setdefault("scatter", [{"type": "scatter", "line": line, "marker": {"size": 6 * look.marker_scale}}])
    template["data"] = data
    template_layout = dict(template.get("layout") or {})
    for axis in ("xaxis", "yaxis"):
        # Plotly draws axis lines, ticks and grids 1 px wide unless told.
        defaults = dict.fromkeys(("linewidth", "tickwidth"), look.line_scale)
        template_layout[axis] = {**defaults, **(template_layout.get(axis) or {})}
    template["layout"] = template_layout
    layout["template"] = template
    return layout
