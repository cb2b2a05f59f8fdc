"""Finding a chart's traces by their stable ``meta`` id, never by their display name.

Works on a Plotly figure built by a ``lessons/<page>/figures.py`` builder (``go.Figure``) and on the spec
a page sent the browser (``json.loads(element.proto.spec)`` in AppTest), so figure tests and page tests
address a trace the same way, and its label stays free to change.
"""

from __future__ import annotations

import base64
import io

import numpy as np
import plotly.graph_objects as go
from PIL import Image


def _data(figure_or_spec: go.Figure | dict) -> list:
    return list(figure_or_spec.data) if isinstance(figure_or_spec, go.Figure) else figure_or_spec["data"]


def _meta(trace) -> object:
    return trace.get("meta") if isinstance(trace, dict) else trace.meta


def traces(figure_or_spec: go.Figure | dict, meta: str) -> list:
    """Every trace whose ``meta`` is ``meta``, in drawing order (a trace object or a dict)."""
    return [t for t in _data(figure_or_spec) if _meta(t) == meta]


def trace(figure_or_spec: go.Figure | dict, meta: str):
    """The one trace whose ``meta`` is ``meta``; AssertionError naming the ids there are otherwise."""
    found = traces(figure_or_spec, meta)
    if len(found) != 1:
        ids = [_meta(t) for t in _data(figure_or_spec)]
        raise AssertionError(f"{len(found)} traces with meta {meta!r}; the figure's ids: {ids}")
    return found[0]


def values(data) -> np.ndarray:
    """A trace's array from a spec, whether Plotly shipped it as a list or as typed binary (``bdata``,
    with ``shape`` "7, 7" for a 2-d array); a figure's array as it is."""
    if isinstance(data, dict) and "bdata" in data:
        array = np.frombuffer(base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"]))
        if "shape" in data:
            array = array.reshape([int(n) for n in str(data["shape"]).split(",")])
        return array
    return np.asarray(data)


def picture(figure_or_spec: go.Figure | dict, name: str) -> tuple[dict, np.ndarray]:
    """The layout image named ``name`` and its pixels (rows from the top, RGBA bytes), decoded by Pillow."""
    layout = figure_or_spec.layout.to_plotly_json() if isinstance(figure_or_spec, go.Figure) else (
        figure_or_spec["layout"])  # fmt: skip
    found = [image for image in layout.get("images", []) if image.get("name") == name]
    assert len(found) == 1, f"{len(found)} images named {name!r}"
    header, _, encoded = found[0]["source"].partition(",")
    assert header == "data:image/png;base64", header
    with Image.open(io.BytesIO(base64.b64decode(encoded))) as png:
        return found[0], np.asarray(png.convert("RGBA"))
