"""Figures of the Boltzmann page: energy levels, populations, thermodynamics over T, and maximum entropy.

Every builder takes values already in the units shown (ε converted to meV/eV, kT to kelvin) and the
unit names for the axis titles; the page's charts (at the end) convert a scene's numbers and call them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lessons.common import marks
from lessons.common.plot import (
    ACCENT,
    CLASS_COLORS,
    INK,
    LIMIT,
    MARK,
    MUTED,
    TEMPLATE,
    base_layout,
    figure,
    legend_below,
    number_labels,
    padded,
    vline,
)
from lessons.common.plot import subtitle as add_subtitle
from lessons.common.text import number, plotly_text

_MAX_TEXT_LEVELS = 12  # beyond this many levels, values stay in the hover labels only
_MAX_BAR_LABELS = 6
_NEGATIVE = "#7c3aed"  # T < 0, distinct from the T > 0 accent and from the red "now" marks
_SMALLEST_LABEL = 1e-3  # a population below this is labelled "< 0.001", not in powers of ten


def population_labels(p: np.ndarray) -> list[str]:
    """Bar labels for populations: ``number`` (4 significant digits), and "< 0.001" for the tiny ones a
    power of ten would make hard to read beside the others ("0" stays "0")."""
    return ["< 0.001" if 0 < v < _SMALLEST_LABEL else number(v) for v in np.asarray(p, dtype=float).tolist()]


def _titled(layout: dict, second_line: str | None) -> dict:
    """A second, smaller title line under the chart's short title (both fit a phone), and the legend under
    the plot, where it can never meet the titles."""
    if second_line:
        add_subtitle(layout, second_line)
    layout["legend"] = {**legend_below(), **layout.get("legend", {})}
    return layout


def level_colors(k: int) -> list[str]:
    """One colour per level, the same in every chart of the page."""
    return [CLASS_COLORS[i % len(CLASS_COLORS)] for i in range(k)]


def level_slots(energies: np.ndarray) -> np.ndarray:
    """Where each level's line starts on the x axis: degenerate levels (equal energies) side by side."""
    starts = np.zeros(len(energies))
    seen: dict[float, int] = {}
    for i, energy in enumerate(energies.tolist()):
        starts[i] = 1.25 * seen.get(energy, 0)
        seen[energy] = seen.get(energy, 0) + 1
    return starts


def level_diagram(
    energies: np.ndarray,
    p: np.ndarray,
    labels: Sequence[str],
    *,
    mean_energy: float,
    kT: float | None,
    energy_unit: str,
    title: str,
    subtitle: str | None = None,
) -> go.Figure:
    """One horizontal line per level at its energy with its population drawn on it as a bar (a whole
    line is p = 1); degenerate levels side by side; a dashed line at the mean energy U and a bracket
    of height kT from the ground level (down from the top level when kT < 0)."""
    k = len(energies)
    starts = level_slots(energies)
    names = [plotly_text(label) for label in labels]
    nan = np.full(k, np.nan)
    traces = [
        {
            "type": "scatter",
            "x": np.column_stack([starts, starts + 1.0, nan]).ravel(),
            "y": np.column_stack([energies, energies, nan]).ravel(),
            "mode": "lines",
            "line": {"color": INK, "width": 2},
            "name": "energy levels",
            "meta": "levels",
            "hoverinfo": "skip",
        }
    ]
    half_spread = float(0.5 * energies.max() - 0.5 * energies.min())
    distinct = np.unique(energies)
    with np.errstate(over="ignore"):  # gaps beyond 1.8e308 are inf and never the smallest
        gap = float(np.diff(distinct).min()) if distinct.size > 1 else math.inf
    # Thin enough to sit between neighbouring levels, thick enough to read.
    thickness = (
        min(0.12 * half_spread, 0.3 * gap) if half_spread > 0 else 0.06 * max(1.0, abs(float(energies[0])))
    )
    bars = {
        "type": "bar",
        "x": p,
        "y": energies + thickness / 2,  # resting on the line
        # plotly.py stores `base` (of any type) as an object array, sent as a list, not a typed array.
        "base": starts.astype(object),
        "orientation": "h",
        "width": np.full(k, thickness),
        "marker": {"color": level_colors(k), "opacity": 0.85},
        "name": "population p",
        "meta": "populations",
        "customdata": np.column_stack(
            [np.array(names, dtype=object), number_labels(energies), number_labels(p)]
        ),
        "textposition": "outside",
        "textfont": {"size": 14},
        "constraintext": "none",
        "cliponaxis": False,
        "hovertemplate": "%{customdata[0]}<br>E = %{customdata[1]}<br>p = %{customdata[2]}<extra></extra>",
    }
    if k <= _MAX_TEXT_LEVELS:
        bars["text"] = population_labels(p)
    traces.append(bars)
    width = float(starts.max()) + 1.0
    traces.append(
        {
            "type": "scatter",
            "x": [0.0, width],
            "y": [mean_energy, mean_energy],
            "mode": "lines",
            "line": {"color": MARK, "width": 2, "dash": "dash"},
            "name": "mean energy U",
            "meta": "mean-energy",
            "hovertemplate": f"mean energy U = {number(mean_energy)} {energy_unit}<extra></extra>",
        }
    )
    # U's label at the end of its line, on the side with room for it: below, unless a level's bar (which
    # sits on top of its line) is close underneath.
    span = 2.0 * half_spread if half_spread > 0 else 1.0
    room = 0.09 * span  # about one line of text on this axis
    below = energies[energies <= mean_energy]
    above = energies[energies > mean_energy]
    room_below = mean_energy - float(below.max()) - thickness if below.size else math.inf
    room_above = float(above.min()) - mean_energy if above.size else math.inf
    under = room_below >= room or room_below >= room_above
    u_label = {
        "x": width, "y": mean_energy, "text": f"U = {number(mean_energy)}", "showarrow": False,
        "xanchor": "right", "yanchor": "top" if under else "bottom", "yshift": -2 if under else 2,
        "font": {"color": MARK},
    }  # fmt: skip
    traces.append(_thermal_bracket(kT, energies, half_spread, energy_unit))
    layout = base_layout(
        title=title, x_title="bar length = population p", y_title=f"energy E ({energy_unit})", height=460,
    )  # fmt: skip
    layout["xaxis"].update(range=[-0.5, width + 0.45], showticklabels=False, showgrid=False, ticks="")
    pad = max(thickness, 1e-300)
    layout["yaxis"]["range"] = [float(energies.min()) - pad, float(energies.max()) + 2.0 * pad]
    layout.update(annotations=[u_label], showlegend=False, bargap=0)
    return figure(traces, _titled(layout, subtitle))


def _thermal_bracket(kT: float | None, energies: np.ndarray, half_spread: float, energy_unit: str) -> dict:
    """The thermal energy as a bracket left of the levels, from the most populated end of the spectrum,
    clipped to the spectrum (its end an arrow) when kT reaches beyond it.

    Built to follow the temperature slider (``Plotly.update`` can add no trace, and a trace's marker
    cannot change on a chart with bars: the update would set a bar's marker too): at the exact limits
    (kT = 0 or ∞, or None) it is hidden, not left out, and its four points keep their symbols (the start,
    the end as a tick, as an arrow up, as an arrow down) while only the ones drawn have a y; the line
    joins them across the gaps."""
    shown = kT is not None and math.isfinite(kT) and kT != 0
    y: list[float | None] = [None] * 4  # None, not NaN: a gap, written null in the figure and its updates
    upwards = True
    if shown:
        start = float(energies.min()) if kT > 0 else float(energies.max())
        reach = min(abs(kT), 2.0 * half_spread) if half_spread > 0 else abs(kT)
        upwards = kT > 0
        y[0] = start
        y[1 if reach == abs(kT) else 2 if upwards else 3] = start + reach if upwards else start - reach
    label = "kT" if upwards else "|kT|"
    return {
        "type": "scatter", "x": np.full(4, -0.3), "y": y, "mode": "lines+markers+text", "visible": shown,
        "connectgaps": True, "line": {"color": LIMIT, "width": 4},
        "marker": {"symbol": ["line-ew", "line-ew", "arrow-up", "arrow-down"], "size": 14, "color": LIMIT,
                   "line": {"color": LIMIT, "width": 3}},
        "text": ["", label, label, label],
        "textposition": "top center" if upwards else "bottom center", "textfont": {"color": "#b45309"},
        "cliponaxis": False,
        "name": "thermal energy kT",
        "meta": "kT",
        "hovertemplate": f"|kT| = {number(abs(kT)) if shown else ''} {energy_unit}<extra></extra>",
    }  # fmt: skip


def population_bars(
    p: np.ndarray,
    labels: Sequence[str],
    *,
    limit: np.ndarray,
    limit_name: str,
    title: str,
    subtitle: str | None = None,
    level_title: str = "level",
) -> go.Figure:
    """Bars of the populations p_i, one colour per level, beside the one-hot limit as T → 0 of this sign."""
    x = [plotly_text(label) for label in labels]
    k = len(p)
    bars = {
        "type": "bar",
        "x": x,
        "y": p,
        "name": "Boltzmann p",
        "meta": "populations",
        "marker": {"color": level_colors(k)},
        "textposition": "outside",
        "constraintext": "none",
        "cliponaxis": False,
        "customdata": number_labels(p),
        "hovertemplate": "%{x}: p = %{customdata}<extra>Boltzmann</extra>",
    }
    # Beyond six levels labels would collide (the values are on the level diagram and in the hover).
    if k <= _MAX_BAR_LABELS:
        bars["text"] = population_labels(p)
    traces = [
        bars,
        {
            "type": "bar",
            "x": x,
            "y": limit,
            "name": limit_name,
            "meta": "limit",
            "marker": {"color": "rgba(245,158,11,0.2)", "line": {"color": LIMIT, "width": 2},
                       "pattern": {"shape": "/", "fgcolor": LIMIT}},
            "hovertemplate": "%{x}: %{y:.4g}<extra>" + plotly_text(limit_name) + "</extra>",
        },
    ]  # fmt: skip
    layout = base_layout(title=title, x_title=level_title, y_title="population p", height=460)
    layout["barmode"] = "group"
    layout["xaxis"]["type"] = "category"  # labels such as "0", "1" are names, not numbers
    layout["yaxis"].update(range=[0, 1.12], tickformat=".1f", tickvals=np.linspace(0, 1, 6))
    return figure(traces, _titled(layout, subtitle))


_PANELS = (("U", "y", "x"), ("S", "y2", "x2"), ("C", "y3", "x3"))  # top to bottom
_AXIS_STYLE = {"showline": True, "linecolor": "#94a3b8", "ticks": "outside", "gridcolor": "#e2e8f0"}


def thermodynamic_curves(
    x: np.ndarray,
    values: dict[str, np.ndarray],
    *,
    x_title: str,
    energy_unit: str,
    current: tuple[float, dict[str, float], str] | None,
    negative: dict[str, np.ndarray] | None = None,
    peak: tuple[float, float, str, str] | None = None,
) -> go.Figure:
    """U, S and C against temperature on a log axis, in three stacked panels sharing x.

    ``current`` is (x, {"U", "S", "C"}, text): the present state, marked on every panel (its x may be
    an end of the axis for the exact limits). ``negative`` adds the T < 0 branch, drawn dashed at |T|.
    ``peak`` is (x, C, label, hover): the maximum of the heat capacity, marked and labelled.

    Built as one list of traces on explicit axes: adding traces row by row to ``make_subplots`` costs
    about 50 ms, most of a slider move's rerun.
    """
    traces = []
    for key, y_axis, x_axis in _PANELS:
        on = {"xaxis": x_axis, "yaxis": y_axis}
        traces.append({
            "type": "scatter", "x": x, "y": values[key], "mode": "lines", "name": "T > 0",
            "meta": f"positive-{key}",
            "line": {"color": ACCENT, "width": 3}, "legendgroup": "positive", "showlegend": key == "U",
            "customdata": number_labels(values[key]),
            "hovertemplate": f"T = %{{x:.4g}}<br>{key} = %{{customdata}}<extra>T > 0</extra>", **on,
        })  # fmt: skip
        # Hidden, not left out, for T > 0 (its values None: null in every update): the chart keeps its
        # traces as the temperature changes sign.
        hidden = negative is None
        traces.append({
            "type": "scatter", "x": x, "y": [None] * x.size if hidden else negative[key], "mode": "lines",
            "visible": not hidden, "name": "T < 0 (drawn at |T|)", "meta": f"negative-{key}",
            "line": {"color": _NEGATIVE, "width": 3, "dash": "dash"},
            "legendgroup": "negative", "showlegend": key == "U",
            "customdata": [""] * x.size if hidden else number_labels(negative[key]),
            "hovertemplate": f"T = −%{{x:.4g}}<br>{key} = %{{customdata}}<extra>T < 0</extra>", **on,
        })  # fmt: skip
        if current is not None:
            traces += _present(current, x, key, _span(values, negative, key), on, energy_unit)
    # An explicit range: Plotly's own padding would overflow past 1e308 on a log axis.
    log_range = [math.log10(float(x[0])), math.log10(float(x[-1]))]
    if peak is not None:
        px, pc, text, hover = peak
        right_half = math.log10(px) > 0.5 * (log_range[0] + log_range[1])
        traces.append({
            "type": "scatter", "x": [px], "y": [pc], "mode": "markers+text", "text": [text],
            "cliponaxis": False, "textposition": "middle left" if right_half else "middle right",
            "name": "heat-capacity peak", "meta": "peak",
            "marker": {"color": LIMIT, "size": 13, "symbol": "diamond", "line": {"color": INK, "width": 1}},
            "showlegend": False, "hovertemplate": f"{hover}<extra></extra>", "xaxis": "x3", "yaxis": "y3",
        })  # fmt: skip
    shared_x = {"type": "log", "range": log_range, "matches": "x3", **_AXIS_STYLE}
    titles = {"U": f"U ({energy_unit})", "S": "S (k<sub>B</sub>)", "C": "C (k<sub>B</sub>)"}
    domains = {"U": [0.7, 1.0], "S": [0.35, 0.65], "C": [0.0, 0.3]}
    layout = {
        "template": TEMPLATE,
        "height": 700,
        "title": {"text": "U, S and C against temperature"},
        "legend": legend_below(),
        "xaxis": {**shared_x, "anchor": "y", "showticklabels": False},
        "xaxis2": {**shared_x, "anchor": "y2", "showticklabels": False},
        "xaxis3": {**shared_x, "anchor": "y3", "title": {"text": x_title}},
    }
    for key, y_axis, x_axis in _PANELS:
        name = "yaxis" + y_axis[1:]
        layout[name] = {
            "title": {"text": titles[key]},
            "domain": domains[key],
            "anchor": x_axis,
            **_AXIS_STYLE,
        }
    add_subtitle(
        layout, "T > 0; the present state in red" if negative is None else "T < 0 dashed, drawn at |T|"
    )
    return figure(traces, layout)


def _present(
    current: tuple[float, dict[str, float], str],
    x: np.ndarray,
    key: str,
    span: list[float],
    on: dict[str, str],
    energy_unit: str,
) -> list[dict]:
    """The present state on one panel: its point (labelled on the U panel) and the dotted line through it."""
    cx, at, text = current
    # At an end of the axis (an exact limit) the label points inward, so it is never clipped.
    position = "top left" if cx >= x[-1] else "top right" if cx <= x[0] else "top center"
    point = marks.current_point(
        cx, at[key], name=f"{key} {text}", top=math.inf, text=text if key == "U" else None,
        textposition=position, units=energy_unit if key == "U" else "k_B", meta=f"current-{key}",
    )  # fmt: skip
    line = marks.current_line(cx, name=text, bottom=span[0], top=span[1], meta=f"current-line-{key}")
    line.update(showlegend=False, line={**line["line"], "width": 1.5})
    return [{**point, **on}, {**line, **on}]


def _span(values: dict[str, np.ndarray], negative: dict[str, np.ndarray] | None, key: str) -> list[float]:
    data = [values[key]] if negative is None else [values[key], negative[key]]
    finite = np.concatenate([d[np.isfinite(d)] for d in data])
    if finite.size == 0:
        return [0.0, 1.0]
    return [float(finite.min()), float(finite.max())]


def populations_against_beta(
    betas: np.ndarray,
    populations: np.ndarray,
    labels: Sequence[str],
    *,
    current_beta: float,
    beta_unit: str,
    level_title: str = "level",
    current_label: str | None = None,
) -> go.Figure:
    """The populations stacked against the coldness β = 1/kT, through β = 0 into negative β, with the
    present β marked (at an end of the axis, with an arrow, for β = ±∞ or beyond the axis);
    ``current_label`` replaces the number in its label (the page's β where the axis's overflows)."""
    k = populations.shape[1]
    colors = level_colors(k)
    beta_text = number_labels(betas)
    traces = [
        {
            "type": "scatter", "x": betas, "y": np.ascontiguousarray(populations[:, i]), "mode": "lines",
            "stackgroup": "p", "name": plotly_text(labels[i]), "meta": f"level-{i}",
            "line": {"color": colors[i], "width": 0.5},
            "fillcolor": colors[i], "showlegend": k <= _MAX_TEXT_LEVELS,
            "customdata": beta_text,
            "hovertemplate": "β = %{customdata}<br>p = %{y:.4g}<extra>" + plotly_text(labels[i]) + "</extra>",
        }
        for i in range(k)
    ]  # fmt: skip
    low, high = float(betas[0]), float(betas[-1])
    # A β beyond the axis (±∞, or far colder than anything the spectrum shows) is marked at its end.
    label = current_label or number(current_beta)
    if low <= current_beta <= high:
        x, text, position = current_beta, f"now: β = {label}", "top center"
    elif current_beta > 0:
        x, text, position = high, f"now: β = {label} →", "top left"
    else:
        x, text, position = low, f"← now: β = {label}", "top right"
    traces.append({
        "type": "scatter", "x": [x, x], "y": [0.0, 1.0], "mode": "lines+text", "text": ["", text],
        "textposition": position, "line": {"color": INK, "width": 3, "dash": "dash"},
        "textfont": {"color": INK}, "cliponaxis": False, "name": "now", "meta": "current",
        "showlegend": False, "hoverinfo": "skip",
    })  # fmt: skip
    layout = base_layout(
        title="Populations against β = 1/kT",
        x_title=f"coldness β = 1/kT ({beta_unit})",
        y_title="population p (stacked)",
        height=440,
    )
    layout["xaxis"]["range"] = [low, high]
    layout["yaxis"].update(range=[0, 1.08], tickvals=np.linspace(0, 1, 6))
    layout["shapes"] = [vline(0.0, {"color": INK, "width": 1})]  # β = 0 (T = ±∞)
    layout["legend"] = {"title": {"text": plotly_text(level_title) + ":"}}
    return figure(traces, _titled(layout, "β > 0: ground state; β < 0: inversion"))


def max_entropy(
    sample_u: np.ndarray,
    sample_s: np.ndarray,
    curve_u: np.ndarray,
    curve_s: np.ndarray,
    curve_branch: np.ndarray,
    *,
    current_u: float,
    current_s: float,
    max_s: float,
    energy_unit: str,
) -> go.Figure:
    """Entropy against mean energy: random distributions as grey dots, the Boltzmann distributions
    (every kT of both signs; ``curve_branch`` is +1 for T > 0, −1 for T < 0, 0 at T = ±∞) as the
    curve on top of them, and the present state marked with a vertical line through it: every
    distribution on that line has the same U, and the Boltzmann one the most S."""
    traces = [{
        "type": "scatter", "x": sample_u, "y": sample_s, "mode": "markers",
        "name": f"random distributions ({len(sample_u):,})", "meta": "samples",
        "marker": {"color": MUTED, "size": 5, "opacity": 0.35},
        "hoverinfo": "skip",  # a random draw: its place in the cloud is the point
    }]  # fmt: skip
    # Each branch includes the shared point T = ±∞ (branch 0, uniform), so the two meet at the top.
    positive, negative = curve_branch >= 0, curve_branch <= 0
    for mask, name, color, meta in (
        (positive, "Boltzmann, T > 0", ACCENT, "positive"),
        (negative, "Boltzmann, T < 0", _NEGATIVE, "negative"),
    ):
        traces.append({
            "type": "scatter", "x": curve_u[mask], "y": curve_s[mask], "mode": "lines", "name": name,
            "meta": meta,
            "line": {"color": color, "width": 4}, "customdata": number_labels(curve_u[mask]),
            "hovertemplate": "U = %{customdata}<br>S = %{y:.4g}<extra>" + name + "</extra>",
        })  # fmt: skip
    same_u = marks.current_line(current_u, name="same U as now", top=max(max_s, 1e-12) * 1.04, meta="same-U")
    same_u["line"]["width"] = 1.5
    now = marks.current_point(current_u, current_s, name="now", top=math.inf, meta="current")
    now.update(
        showlegend=True,
        hovertemplate=f"now<br>U = {number(current_u)}<br>S = {number(current_s)}<extra></extra>",
    )
    traces += [same_u, now]
    layout = base_layout(
        title="Entropy against mean energy",
        x_title=f"mean energy U = Σ p<sub>i</sub> E<sub>i</sub> ({energy_unit})",
        y_title="entropy S = −Σ p ln p (k<sub>B</sub>)",
        height=540,  # its legend takes five rows on a phone
    )
    layout["yaxis"]["range"] = [0, max(max_s, 1e-12) * 1.08]
    # Set, not fitted: the chart follows T in the browser, and its point and line move along U without a
    # whole redraw only on an axis that does not fit itself (ui/instant_chart.mjs). The curve and the cloud
    # hold every U the levels allow, so the axis is the same at every T.
    energies = np.concatenate([np.ravel(sample_u), np.ravel(curve_u)])
    energies = energies[np.isfinite(energies)]
    if energies.size:
        layout["xaxis"]["range"] = list(padded(float(energies.min()), float(energies.max())))
    return figure(traces, _titled(layout, "no distribution lies above the curve"))
