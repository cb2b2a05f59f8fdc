"""The ``Plotly.update`` arguments that turn one figure into another, found by comparing the two.

Why: a chart that follows the temperature slider in the browser (``ui.instant_chart.follow``) needs, for
every stop of the slider, the change from the figure drawn to the figure at that stop. Pages declare only
how to build the figure at a temperature; the change is found here, generically, so the server stays the
one source of numbers and nothing is computed in JavaScript.

The browser applies the stops one after another (the thumb moves from stop to stop), so each stop's
update sets *every* path that varies over the slider, not only those that differ from the figure first
drawn: any stop applied after any other gives that stop's figure exactly.

Figures are plain JSON (``go.Figure.to_plotly_json()`` with NumPy arrays as lists, see ``plain``). Trace
attributes are compared by their dotted paths (``marker.color``, arrays are values); layout attributes
too, and lists of objects of a fixed length (shapes, annotations) by item (``shapes[2].x0``), so a moving
marker line restyles one number, not every shape.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

Update = tuple[dict[str, list[Any]], dict[str, Any], list[int]]
_MISSING = object()


def plain(figure: go.Figure) -> dict:
    """``figure`` as plain JSON values: dicts, lists, str, float, int, bool, None (NumPy arrays and
    plotly's typed arrays as lists; empty objects left out)."""
    # Trace by trace and the layout, not figure.to_plotly_json(): since plotly 6 that encodes every NumPy
    # array as base64 (through narwhals), which _plain would only decode again, a third of a move's time.
    # Their properties as plotly.py holds them (``_props``), read, not deep-copied as each object's
    # to_plotly_json() does: _plain builds every dict and list anew (the copy was 6 % of a run on /loss).
    spec = {
        "data": [trace._props or {} for trace in figure.data],
        "layout": figure.layout._props or {},
    }
    if figure.frames:
        spec["frames"] = [frame._props or {} for frame in figure.frames]
    return _plain(spec)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping) and "bdata" in value and "dtype" in value:  # plotly's typed-array form
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    if isinstance(value, Mapping):  # an empty object sets nothing (plotly reads it as absent)
        items = {key: _plain(item) for key, item in value.items()}
        return {key: item for key, item in items.items() if item != {}}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def same(a: Any, b: Any) -> bool:
    """Equal as drawn: NaN equals NaN and null (a gap in a line is the same gap, and JSON, which carries the
    browser's updates, writes NaN as null), types of number do not matter."""
    if _gap(a) and _gap(b):
        return True
    if type(a) is list and type(b) is list and _equal_flat(a, b):  # the common case, at C speed
        return True
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    return a == b


def _gap(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _equal_flat(a: list, b: list) -> bool:
    # == alone takes True for 1 and compares nested lists the same way: equal only with the same type at
    # every place and no list or object inside (those take the walk).
    return a == b and list(map(type, a)) == list(map(type, b)) and not {list, dict} & set(map(type, a))


def _flatten(value: Mapping, prefix: str, into: dict[str, Any], *, items: bool) -> dict[str, Any]:
    # Dicts are walked; lists are values, except (with `items`) lists of dicts, walked by index.
    for key, item in value.items():
        path = f"{prefix}{key}"
        if isinstance(item, Mapping) and item:
            _flatten(item, f"{path}.", into, items=items)
        elif items and isinstance(item, list) and item and all(isinstance(x, Mapping) for x in item):
            into[path] = item  # kept whole too: used where the list's length varies over the stops
            for i, x in enumerate(item):
                _flatten(x, f"{path}[{i}].", into, items=items)
        else:
            into[path] = item
    return into


_EXACT = (str, int, bool, type(None))  # equal by == only to a value of the same type


def _all_same(values: list[Any]) -> bool:
    """``same`` for every value and the first. Most paths hold the same text or number at every stop: those
    are settled at C speed (floats take ``same``, where NaN equals NaN)."""
    first = values[0]
    kind = type(first)
    if kind in _EXACT and all(type(v) is kind and v == first for v in values):
        return True
    return all(same(v, first) for v in values[1:])


def _varying(flats: Sequence[dict[str, Any]]) -> list[str]:
    """The paths whose value is not the same in every one of ``flats``, fewest first (a list of objects
    whose length varies is set whole, and none of its items' paths)."""
    paths: dict[str, None] = {}
    for flat in flats:
        paths.update(dict.fromkeys(flat))
    varying = [p for p in paths if not _all_same([f.get(p, _MISSING) for f in flats])]
    whole = {
        p
        for p in varying
        if any(isinstance(f.get(p), list) and f.get(p) and isinstance(f[p][0], Mapping) for f in flats)
        and len({len(f[p]) if isinstance(f.get(p), list) else -1 for f in flats}) > 1
    }
    # A list of objects of varying length is set whole; otherwise it is set item by item, never whole.
    kept = []
    for p in varying:
        inside = any(p.startswith(f"{w}[") for w in whole)
        listed = any(isinstance(f.get(p), list) and f.get(p) and isinstance(f[p][0], Mapping) for f in flats)
        if inside or (listed and p not in whole):
            continue
        kept.append(p)
    return kept


def plot_updates(base: Mapping, stops: Iterable[Mapping]) -> list[Update]:
    """For each of ``stops`` (plain figures, see ``plain``), the ``Plotly.update`` arguments
    ``(restyle, relayout, traces)`` that turn ``base`` or any other of ``stops`` into it.

    Raises
    ------
    ValueError
        If a stop has not the same number of traces as ``base`` (``Plotly.update`` cannot add or remove
        a trace).
    """
    stops = list(stops)
    figures = [base, *stops]
    counts = {len(f.get("data", [])) for f in figures}
    if len(counts) > 1:
        message = f"the figures have different numbers of traces ({sorted(counts)}); Plotly.update needs one"
        raise ValueError(message)
    n_traces = counts.pop()
    traces = [[_flatten(f["data"][i], "", {}, items=False) for f in figures] for i in range(n_traces)]
    trace_paths = [_varying(flats) for flats in traces]
    changed = [i for i in range(n_traces) if trace_paths[i]]
    restyle_keys = list(dict.fromkeys(p for i in changed for p in trace_paths[i]))
    layouts = [_flatten(f.get("layout", {}), "", {}, items=True) for f in figures]
    layout_paths = _varying(layouts)

    updates: list[Update] = []
    for s in range(1, len(figures)):
        restyle = {p: [_value(traces[i][s].get(p, None)) for i in changed] for p in restyle_keys}
        relayout = {p: _value(layouts[s].get(p, None)) for p in layout_paths}
        updates.append((restyle, relayout, list(changed)))
    return updates


def _value(value: Any) -> Any:
    # Restyle and relayout read an empty dict as "nothing to set"; a removed object is None.
    return None if value == {} else value


def plot_diff(base: Mapping, stop: Mapping) -> Update:
    """The ``Plotly.update`` arguments ``(restyle, relayout, traces)`` that turn ``base`` into ``stop``,
    restyling only the trace paths and relaying out only the layout paths that differ.

    Examples
    --------
    >>> base = {"data": [{"type": "bar", "y": [1, 2]}], "layout": {"title": {"text": "T = 1"}}}
    >>> stop = {"data": [{"type": "bar", "y": [2, 1]}], "layout": {"title": {"text": "T = 2"}}}
    >>> plot_diff(base, stop)
    ({'y': [[2, 1]]}, {'title.text': 'T = 2'}, [0])
    """
    return plot_updates(base, [stop])[0]
