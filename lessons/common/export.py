"""What a reader takes away from a page: each chart's data as CSV, file names that say what is in them, and
the current view recomputed in plain NumPy.

Pure (no Streamlit): ``ui.export`` draws these beside every chart.

- `chart_table` / `chart_csv`: a figure's data as one tidy table, a row per plotted point, its columns named
  after the axis titles (which carry the units), so any figure a builder of ``lessons/`` returns exports
  the same way. Where a chart draws a number somewhere other than its value (the exact limits T = 0 and
  T = ∞ just past the ends of a log axis, β on an asinh axis), the table gives the value, not the position.
- `file_stem`: ``softmax-lab_<page>_<chart>_<view>``, for the CSV and for Plotly's PNG (``chart_stem`` and
  ``view_stem`` its two parts); `view_text`: the view written under a saved PNG's title.
- `numpy_snippet`: a short program, NumPy only, that prints the page's main numbers for the current view;
  `snippet_numbers` is what it must print, from the core (a test runs every snippet against it).
"""

from __future__ import annotations

import base64
import csv
import html
import io
import math
import re
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.common.text import number
from softmax_core import cross_entropy, entropy, softmax, sparsemax

SERIES = "series"
LABEL = "label"
_LIMIT_TICKS = {"0": 0.0, "∞": math.inf, "−∞": -math.inf}  # the exact limits drawn past an axis end
_TAGS = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SUB, _SUP = re.compile(r"<sub>(.*?)</sub>"), re.compile(r"<sup>(.*?)</sup>")  # z<sub>j</sub> → z_j
_SCALE_REMARK = re.compile(r"\s*\([^()]*\bscale\)")  # "(log scale)" says how it is drawn, not what it is
_UNSAFE = re.compile(r"[^0-9A-Za-z.,=+_-]+")


# --- Chart data ------------------------------------------------------------------------------------------


def _text(value: object) -> str:
    """A layout text (a string or ``{"text": …}``) as plain text: HTML tags and entities resolved."""
    if isinstance(value, Mapping):
        value = value.get("text", "")
    text = _SUB.sub(r"_\1", _SUP.sub(r"^\1", str(value or "")))
    return html.unescape(_TAGS.sub(" ", text)).strip()


def column_name(title: object) -> str:
    """A column's name from an axis title: plain text, without the drawing remark '(log scale)' and without
    the parts that only point the way ('β = 1/T<br>← arg min · arg max →' names the column 'β = 1/T')."""
    raw = title.get("text", "") if isinstance(title, Mapping) else title
    named = []
    for line in _BREAK.split(str(raw or "")):
        parts = [part.strip() for part in _SCALE_REMARK.sub("", _text(line)).split(" · ")]
        named.append(" · ".join(part for part in parts if part and "←" not in part and "→" not in part))
    return " ".join(" ".join(named).split())


def _axis_title(layout: Mapping, name: str, seen: frozenset[str] = frozenset()) -> str:
    """The title of axis ``name`` ("xaxis2"), or of the axis it matches or overlays, or of the first axis of
    its letter; the bare letter when no axis has one."""
    axis = layout.get(name) or {}
    title = column_name(axis.get("title"))
    if title:
        return title
    for link in ("matches", "overlaying"):
        other = axis.get(link)
        if isinstance(other, str) and other != "free":
            linked = other[0] + "axis" + other[1:]
            if linked not in seen:
                return _axis_title(layout, linked, seen | {name})
    first = name[0] + "axis"
    if name != first and first not in seen:
        return _axis_title(layout, first, seen | {name})
    return name[0]


def _axis_key(trace: Mapping, letter: str) -> str:
    ref = str(trace.get(f"{letter}axis") or letter)
    return letter + "axis" + ref[1:]


def _array(values: object) -> np.ndarray | None:
    """A trace's data as an array: plotly.py hands NumPy arrays over as typed binary (``bdata``)."""
    if isinstance(values, Mapping) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        shape = values.get("shape")
        return array.reshape([int(n) for n in str(shape).split(",")]) if shape else array
    if values is None or isinstance(values, str | bytes | Mapping):
        return None
    array = np.asarray(values)
    return array if array.ndim >= 1 else None


def _item(value: object) -> object:
    """A NumPy scalar as the Python value (an object array already holds Python values)."""
    return value.item() if isinstance(value, np.generic) else value


def _reads(trace: Mapping, field: str) -> bool:
    return f"%{{{field}" in str(trace.get("hovertemplate") or "")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def _as_number(value: object) -> float | None:
    """A number, or the text of one as the app writes it ('−2.5', '∞'); None for anything else."""
    if _is_number(value):
        return float(value)  # type: ignore[arg-type]
    if isinstance(value, str):
        try:
            return float(value.strip().replace("−", "-").replace("∞", "inf"))
        except ValueError:
            return None
    return None


def _matches(pairs: list[tuple[float, float]], transform) -> bool:
    # Hover labels carry 4 significant digits (lessons.common.text.number): agreement to 1e-3 identifies the
    # transform, which then gives each value to full precision.
    return bool(pairs) and all(math.isclose(transform(p), v, rel_tol=1e-3, abs_tol=1e-12) for p, v in pairs)


class _AxisReading:
    """How to read a position on one axis back as the value it stands for.

    A builder that draws on a transformed axis gives its curves the true value as ``customdata`` (a number,
    or its label), shown by their hover in place of the position. From those pairs: where the positions are
    the values, nothing changes; where they are asinh of them (the β axis), every position is read back by
    sinh, the marks between the curves' points too; otherwise positions read as the nearest values given.
    Positions at an end tick labelled 0 or ±∞ are those exact limits.
    """

    def __init__(self, axis: Mapping, traces: Sequence[Mapping], key: str) -> None:
        letter = key[0]
        self.limits: dict[float, float] = {}
        values, texts = _array(axis.get("tickvals")), axis.get("ticktext")
        if values is not None and texts is not None:
            for position, text in zip(values.astype(float).tolist(), texts, strict=False):
                if str(text) in _LIMIT_TICKS and position != _LIMIT_TICKS[str(text)]:
                    self.limits[position] = _LIMIT_TICKS[str(text)]
        pairs: dict[float, float] = {}
        for trace in traces:
            custom, position = _array(trace.get("customdata")), _array(trace.get(letter))
            if (
                _axis_key(trace, letter) == key
                and _reads(trace, "customdata")
                and not _reads(trace, letter)  # the hover shows customdata in this coordinate's place
                and custom is not None
                and position is not None
                and custom.shape == position.shape
                and custom.ndim == 1
            ):
                for p, v in zip(position.tolist(), custom.tolist(), strict=True):
                    p, v = _as_number(p), _as_number(v)
                    if p is not None and v is not None:
                        pairs[p] = v
        finite = [(p, v) for p, v in sorted(pairs.items()) if math.isfinite(p) and math.isfinite(v)]
        self.points = np.array(finite).T if finite else None
        self.identity = not finite or _matches(finite, lambda p: p)
        self.asinh = not self.identity and _matches(finite, math.sinh)

    def value(self, position: object) -> object:
        if not _is_number(position):
            return position
        x = float(position)  # type: ignore[arg-type]
        if x in self.limits:
            return self.limits[x]
        if self.identity or self.points is None:
            return x
        if self.asinh:
            # asinh and back loses an ulp or two: 15 digits give back the β that was drawn (−2, not −1.99…98).
            return float(f"{math.sinh(x):.15g}")
        return float(np.interp(x, self.points[0], self.points[1]))


def _cell(value: object) -> str:
    """A value as CSV text that reads back exactly: the shortest round-trip repr for floats."""
    if value is None:
        return ""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, np.integer | int):
        return str(int(value))
    if isinstance(value, np.floating | float):
        return repr(float(value))
    return html.unescape(str(value))


def _series_name(trace: Mapping, index: int) -> str:
    return _text(trace.get("name")) or str(trace.get("meta") or f"trace {index + 1}")


def _point_rows(trace: Mapping, columns: dict[str, str], readings: dict[str, _AxisReading]) -> Iterator[dict]:
    """Rows of a trace that plots points (scatter, bar, histogram, box…): one per point."""
    xs, ys = _array(trace.get("x")), _array(trace.get("y"))
    count = max(len(a) for a in (xs, ys) if a is not None) if xs is not None or ys is not None else 0
    texts = _array(trace.get("text")) if _reads(trace, "text") else None
    for i in range(count):
        row = {}
        for letter, values in (("x", xs), ("y", ys)):
            if values is not None and values.ndim == 1 and i < len(values):
                key = _axis_key(trace, letter)
                row[columns[key]] = readings[key].value(_item(values[i]))
        if texts is not None and texts.ndim == 1 and i < len(texts):
            row[LABEL] = _item(texts[i])
        yield row


def _grid_rows(trace: Mapping, columns: dict[str, str], value_name: str) -> Iterator[dict]:
    """Rows of a trace that colours a grid (heatmap, contour): one per cell, its x, its y and its value."""
    z = _array(trace.get("z"))
    if z is None or z.ndim != 2:
        return
    xs, ys = _array(trace.get("x")), _array(trace.get("y"))
    x_name, y_name = columns[_axis_key(trace, "x")], columns[_axis_key(trace, "y")]
    for j in range(z.shape[0]):
        for i in range(z.shape[1]):
            yield {
                x_name: _item(xs[i]) if xs is not None and i < len(xs) else i,
                y_name: _item(ys[j]) if ys is not None and j < len(ys) else j,
                value_name: _item(z[j, i]),
            }


def _shows_data(trace: Mapping) -> bool:
    # A mark the hover skips (the current-T line, a ceiling) is a drawing aid, not data.
    return trace.get("hoverinfo") != "skip" and trace.get("visible", True) is not False


def chart_table(figure: go.Figure | Mapping) -> tuple[list[str], list[list[str]]]:
    """The data of ``figure`` (or of the spec the browser got) as a table: column names and rows (CSV cells).

    One row per plotted point (per cell for a heatmap): the series (the trace's name), the point's
    coordinates under the titles of its axes, and its label where the hover names one. The frames of an
    animation are left out: the table is what the chart shows now.
    """
    spec = figure if isinstance(figure, Mapping) else figure.to_plotly_json()
    layout, traces = spec.get("layout") or {}, [t for t in spec.get("data") or [] if _shows_data(t)]
    columns: dict[str, str] = {}
    readings: dict[str, _AxisReading] = {}
    for trace in traces:
        for letter in ("x", "y"):
            key = _axis_key(trace, letter)
            if key not in columns:
                columns[key] = _axis_title(layout, key)
                readings[key] = _AxisReading(layout.get(key) or {}, traces, key)
    rows: list[dict] = []
    for index, trace in enumerate(traces):
        series = _series_name(trace, index)
        if trace.get("type") in ("heatmap", "contour"):
            colorbar = (trace.get("colorbar") or {}).get("title")
            found = _grid_rows(trace, columns, column_name(colorbar) or "value")
        else:
            found = _point_rows(trace, columns, readings)
        rows.extend({SERIES: series, **row} for row in found)
    names = [SERIES]
    for row in rows:
        names.extend(name for name in row if name not in names)
    return names, [[_cell(row.get(name)) for name in names] for row in rows]


def chart_csv(figure: go.Figure | Mapping) -> str:
    """``chart_table(figure)`` as CSV text (RFC 4180 quoting, a header row, '\\n' line ends)."""
    names, rows = chart_table(figure)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return out.getvalue()


# --- File names ------------------------------------------------------------------------------------------


def _format(x: float) -> str:
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


def view_stem(*, logits: Sequence[float], scale: str, value: float) -> str:
    """``z=…_T=…``: the view's part of a file name, safe in any file system (up to 8 logits written out,
    more counted: ``K=20``)."""
    z = ",".join(_format(x) for x in logits) if len(logits) <= 8 else f"K={len(logits)}"
    return _safe(
        f"{'z=' + z if not z.startswith('K=') else z}_{'T' if scale == 'T' else 'beta'}={_format(value)}"
    )


def chart_stem(page: str, chart: str) -> str:
    """``softmax-lab_<page>_<chart>``: a file name's part that names the chart, safe in any file system."""
    return "_".join(_safe(part) for part in ("softmax-lab", page, chart) if part)


def file_stem(page: str, chart: str, *, logits: Sequence[float], scale: str, value: float) -> str:
    """``softmax-lab_<page>_<chart>_z=…_T=…``: what a downloaded file shows, safe in any file system."""
    return f"{chart_stem(page, chart)}_{view_stem(logits=logits, scale=scale, value=value)}"


def _safe(part: str) -> str:
    return _UNSAFE.sub("-", part).strip("-")


def view_text(*, logits: Sequence[float], scale: str, value: float) -> str:
    """The view as a saved PNG's title states it: 'Softmax Lab · z = 2, 1, 0.1 · T = 0.5' (up to 8 logits
    written out, more counted; T = 0 and ∞ named as the exact limits; β where the user set β)."""
    z = ", ".join(number(float(x)) for x in logits)
    z = f"z = {z}" if len(logits) <= 8 else f"K = {len(logits)} logits"
    if scale != "T":
        temperature = f"β = {number(value)}"
    elif value == 0:
        temperature = "T = 0 (arg max)"
    else:
        temperature = f"T = {number(value)}{' (uniform)' if math.isinf(value) else ''}"
    return f"Softmax Lab · {z} · {temperature}"


# --- The view in plain NumPy -----------------------------------------------------------------------------

# The pages whose main numbers come from the sidebar's logits and temperature, and what else each prints.
SNIPPET_PAGES = ("playground", "temperature", "loss", "alternatives", "argmax_limit")

_SOFTMAX = '''def softmax(z, beta):
    """softmax(beta * z); at beta = ±inf the arg max (arg min)."""
    if np.isinf(beta):  # the exact limit: ties split equally
        winners = z == (z.max() if beta > 0 else z.min())
        return winners / winners.sum()
    if beta == 0:  # T = inf: the uniform distribution
        return np.full(len(z), 1 / len(z))
    # Subtracting the largest beta*z changes nothing and keeps
    # every exponent <= 0: nothing overflows.
    m = z.max() if beta > 0 else z.min()
    w = np.exp(beta * (z - m))
    return w / w.sum()


def entropy(p):
    """H = -sum p log p in nats, with 0 log 0 = 0."""
    q = p[p > 0]
    return -np.sum(q * np.log(q))
'''

_SPARSEMAX = '''def sparsemax(y):
    """y projected onto the simplex (Martins & Astudillo 2016)."""
    s = np.sort(y)[::-1]
    k = np.arange(1, len(y) + 1)
    total = np.cumsum(s) - 1
    support = k[s - total / k > 0][-1]
    return np.maximum(y - total[support - 1] / support, 0)
'''


def _literal(x: float) -> str:
    if math.isinf(x):
        return "np.inf" if x > 0 else "-np.inf"
    return repr(float(x))


def _temperature_lines(scale: str, value: float) -> list[str]:
    if scale == "beta":
        return [f"beta = {_literal(value)}  # the inverse temperature β = 1/T"]
    if value == 0:
        return ["T = 0.0  # the temperature: the exact limit, the arg max", "beta = np.inf"]
    if math.isinf(value):
        return ["T = np.inf  # the temperature: the exact limit, the uniform distribution", "beta = 0.0"]
    return [f"T = {_literal(value)}  # the temperature", "beta = 1 / T"]


def _page_lines(page: str, beta: float, labels: Sequence[str], options: Mapping[str, object]) -> list[str]:
    """The lines after ``p = softmax(z, beta)`` that print what ``page`` shows."""
    if page == "temperature":
        units = options.get("units", "nats")
        divide = " / np.log(2)" if units == "bits" else ""
        return [
            'for name, b in (("T/10", beta * 10), ("T", beta), ("10·T", beta / 10)):',
            '    print(f"p at {name} =", softmax(z, b).tolist())',
            f'print("entropy H ({units}) =", entropy(p){divide})',
        ]
    if page == "loss":
        target = int(options.get("target", 0))
        lines = [
            f"t = {target}  # the correct class: {labels[target]!r}",
            "if np.isinf(beta):",
            "    loss = -np.log(p[t]) if p[t] > 0 else np.inf",
            "else:  # log Σ e^β(z−m) − β(z_t − m): finite where p_t underflows",
            "    m = z.max() if beta > 0 else z.min()",
            "    loss = np.log(np.sum(np.exp(beta * (z - m)))) - beta * (z[t] - m)",
            'print("loss (nats) =", loss)',
            'print("loss (bits) =", loss / np.log(2))',
            'print("p(target) =", p[t])',
        ]
        if math.isfinite(beta):
            lines.append("gradient = beta * (p - np.eye(len(z))[t])  # β(p − onehot)")
            lines.append('print("gradient β(p − onehot) =", gradient.tolist())')
        return lines
    if page == "alternatives":  # sparsemax of β·z: at β = ±∞ its limit is the arg max or arg min, as p
        return ['print("sparsemax =", sparsemax(beta * z).tolist())'] if math.isfinite(beta) else []
    return ['print("largest probability =", p.max())']


def numpy_snippet(
    page: str,
    *,
    logits: Sequence[float],
    labels: Sequence[str],
    scale: str,
    value: float,
    options: Mapping[str, object] | None = None,
) -> str | None:
    """A program, with only NumPy, that prints the main numbers of ``page`` at this view; None for a page
    whose numbers do not come from the sidebar's logits and temperature.

    ``scale`` and ``value`` are the temperature as the user set it ("T" or "beta"); ``options`` the page's
    own settings it needs (``units`` on the Temperature page, the ``target`` index on the Loss page). Every
    line it prints is ``name = value`` (a float or a list of floats), in the order of `snippet_numbers`.
    """
    if page not in SNIPPET_PAGES:
        return None
    options = options or {}
    beta = (math.inf if value == 0 else 1 / value) if scale == "T" else value
    helpers = _SOFTMAX + ("\n\n" + _SPARSEMAX if page == "alternatives" and math.isfinite(beta) else "")
    classes = f" of {', '.join(repr(label) for label in labels)}" if len(labels) <= 10 else ""
    lines = [
        "import numpy as np",
        "",
        "",
        helpers,
        "",
        f"z = np.array([{', '.join(_literal(x) for x in logits)}])  # the logits{classes}",
        *_temperature_lines(scale, value),
        "p = softmax(z, beta)",
        'print("p =", p.tolist())',
        'print("entropy H (nats) =", entropy(p))',
        *_page_lines(page, beta, labels, options),
    ]
    return "\n".join(lines) + "\n"


def snippet_numbers(
    page: str, *, logits: Sequence[float], beta: float, options: Mapping[str, object] | None = None
) -> dict[str, float | np.ndarray]:
    """What `numpy_snippet` prints for ``page``, computed by the core as the page computes it."""
    options = options or {}
    z = np.asarray(logits, dtype=np.float64)
    p = softmax(z, beta=beta)
    numbers: dict[str, float | np.ndarray] = {"p": p, "entropy H (nats)": float(entropy(p))}
    if page == "temperature":
        for name, b in (("T/10", beta * 10), ("T", beta), ("10·T", beta / 10)):
            numbers[f"p at {name}"] = softmax(z, beta=b)
        units = str(options.get("units", "nats"))
        numbers[f"entropy H ({units})"] = float(entropy(p, base=2.0 if units == "bits" else None))
    elif page == "loss":
        target = int(options.get("target", 0))
        loss = float(cross_entropy(z, target, beta=beta))
        numbers.update({"loss (nats)": loss, "loss (bits)": loss / math.log(2)})
        numbers["p(target)"] = float(p[target])
        if math.isfinite(beta):
            numbers["gradient β(p − onehot)"] = beta * (p - np.eye(len(z))[target])
    elif page == "alternatives" and math.isfinite(beta):
        numbers["sparsemax"] = sparsemax(z, beta=beta)
    elif page != "alternatives":
        numbers["largest probability"] = float(p.max())
    return numbers


def read_snippet_output(text: str) -> dict[str, float | np.ndarray]:
    """The numbers a snippet printed (``name = 1.5`` or ``name = [0.5, 0.5]``), by name."""
    numbers: dict[str, float | np.ndarray] = {}
    for line in text.strip().splitlines():
        name, _, value = line.partition(" = ")
        value = value.strip()
        if value.startswith("["):
            numbers[name] = np.array([float(v) for v in value.strip("[]").split(",")])
        else:
            numbers[name] = float(value)
    return numbers
