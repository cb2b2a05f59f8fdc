"""The softmax classifier page's charts, pure: decision regions with the data and the weight vectors, the
training loss, the probabilities along a path at several temperatures, the digits' confusion matrix and
their hardest cases. Every trace has a ``meta`` id the tests find it by."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from PIL import Image

from lessons.classifier.model import Plane, Profile, Regions
from lessons.common.plot import ACCENT, CLASS_COLORS, INK, MARK, MUTED, base_layout, figure, hline
from lessons.common.text import number, plotly_text

SYMBOLS = ("circle", "square", "diamond")
MAX_OPACITY = 0.75  # a region's opacity is this times its winner's probability: points stay visible
RIGHT, WRONG = "#059669", "#dc2626"
LEVELS = 100  # shades of one class's colour on the region map (opacity steps of 0.005)
PANEL_GAP = 3  # bar slots between two digits' panels
PIXELS_PER_CELL = 5  # the regions' picture: each grid cell a block of 5 × 5 pixels, sharp when stretched


def _rgb(color: str) -> tuple[int, int, int]:
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return red, green, blue


def _rgba(color: str, alpha: float) -> str:
    red, green, blue = _rgb(color)
    return f"rgba({red},{green},{blue},{alpha:.3f})"


def region_colorscale(classes: int) -> list[list]:
    """One band per class: from its colour at opacity MAX_OPACITY/K (a tie) to MAX_OPACITY (certain)."""
    scale = []
    for k in range(classes):
        color = CLASS_COLORS[k % len(CLASS_COLORS)]
        scale.append([k / classes, _rgba(color, MAX_OPACITY / classes)])
        scale.append([(k + 1) / classes, _rgba(color, MAX_OPACITY)])
    return scale


def region_values(regions: Regions, classes: int) -> np.ndarray:
    """Each grid point's place on `region_colorscale`: class k + (p − 1/K)/(1 − 1/K), in [k, k + 1),
    in steps of 1/LEVELS (rounded down, so that a certain winner keeps its own class's colour and not the
    next one's). Short decimals: the chart that follows T sends these for every stop."""
    within = np.clip((regions.strength - 1 / classes) / (1 - 1 / classes), 0.0, 1.0)
    # One division, correctly rounded: k + n/100 itself is sometimes a long decimal (1.9500000000000002).
    return (regions.winner * LEVELS + np.minimum(np.floor(within * LEVELS), LEVELS - 1)) / LEVELS


def region_colors(regions: Regions, classes: int) -> np.ndarray:
    """Each grid point's colour as the heatmap draws it: `region_values` on `region_colorscale`, RGBA
    bytes, rows along y. Within a class's band only the opacity varies, linearly, as plotly.js
    interpolates a colorscale."""
    within = region_values(regions, classes) - regions.winner  # the place in the band, 0 to 0.99
    alpha = MAX_OPACITY / classes + within * (MAX_OPACITY - MAX_OPACITY / classes)
    palette = np.array([_rgb(color) for color in CLASS_COLORS], dtype=np.uint8)
    rgb = palette[regions.winner % len(CLASS_COLORS)]
    return np.dstack([rgb, np.round(alpha * 255).astype(np.uint8)])


def region_picture(regions: Regions, classes: int) -> dict:
    """The regions as a layout image (a PNG, `PIXELS_PER_CELL` pixels a cell) over the cells the heatmap
    would cover: the grid's points at the cells' centres, half a cell beyond the box on every side.

    A chart that follows T gets a new picture at each stop: plotly.js draws a layout image anew in ~7 ms,
    where a heatmap's new values recompute and redraw the whole chart, its 150 points included (~50 ms on
    `/classifier`). 5 kB a stop on the wire instead of 50."""
    picture = Image.fromarray(region_colors(regions, classes)[::-1])  # RGBA bytes; a PNG's rows go down
    width, height = picture.size
    picture = picture.resize((width * PIXELS_PER_CELL, height * PIXELS_PER_CELL), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    dx, dy = regions.xs[1] - regions.xs[0], regions.ys[1] - regions.ys[0]
    return {
        "source": "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"),
        "xref": "x", "yref": "y", "x": float(regions.xs[0] - dx / 2), "y": float(regions.ys[-1] + dy / 2),
        "sizex": float(dx * width), "sizey": float(dy * height), "xanchor": "left", "yanchor": "top",
        "sizing": "stretch", "layer": "below", "name": "regions",
    }  # fmt: skip


def plane_regions(
    plane: Plane,
    regions: Regions,
    boundaries: Sequence[np.ndarray],
    *,
    title: str,
    tips: np.ndarray | None = None,
    path: tuple[np.ndarray, np.ndarray] | None = None,
    picture: bool = False,
) -> go.Figure:
    """`decision_regions` of the data set ``plane`` (its points, names, box and axis titles)."""
    dataset = plane.dataset
    return decision_regions(
        regions, plane.x, dataset.labels, dataset.class_names, raw=dataset.features,
        raw_names=dataset.feature_names, boundaries=boundaries, tips=tips, path=path, box=plane.box,
        axis_titles=plane.axis_titles, title=title, picture=picture,
    )  # fmt: skip


def decision_regions(
    regions: Regions,
    x: np.ndarray,
    labels: np.ndarray,
    class_names: Sequence[str],
    *,
    raw: np.ndarray,
    raw_names: Sequence[str],
    boundaries: Sequence[np.ndarray],
    tips: np.ndarray | None,
    path: tuple[np.ndarray, np.ndarray] | None = None,
    box: tuple[float, float, float, float],
    axis_titles: tuple[str, str],
    title: str,
    height: int = 480,
    picture: bool = False,
) -> go.Figure:
    """The plane shaded by the winning class, opacity ∝ its probability, the data on top, the exact
    boundaries as lines and (``tips``) the weight vectors as arrows from the origin. The shading is a
    heatmap, whose hover gives the winner's probability, or (``picture``) the same colours as a layout
    image (`region_picture`), for a chart that follows the temperature."""
    classes = len(class_names)
    traces: list[dict] = []
    if not picture:
        traces.append(
            {
                "type": "heatmap",
                "x": regions.xs,
                "y": regions.ys,
                "z": region_values(regions, classes),
                "zmin": 0,
                "zmax": classes,
                "colorscale": region_colorscale(classes),
                "showscale": False,
                "customdata": np.round(regions.strength, 3),  # as the hover shows it: short on the wire
                "hovertemplate": "winner's probability %{customdata:.3f}<extra></extra>",
                "meta": "regions",
                "name": "regions",
            }
        )
    for line in boundaries:
        traces.append(
            {
                "type": "scatter",
                "x": line[0],
                "y": line[1],
                "mode": "lines",
                "meta": "boundary",
                "name": "decision boundary",
                "showlegend": False,
                "line": {"color": INK, "width": 2},
                "hoverinfo": "skip",
            }
        )
    if path is not None:
        traces.append(
            {
                "type": "scatter",
                "x": np.array([path[0][0], path[1][0]]),
                "y": np.array([path[0][1], path[1][1]]),
                "mode": "lines+markers",
                "meta": "path",
                "name": "path below",
                "showlegend": False,
                "hoverinfo": "skip",
                "line": {"color": MARK, "width": 2.5, "dash": "dash"},
                "marker": {"symbol": "arrow", "angleref": "previous", "size": [0, 14], "color": MARK},
            }
        )
    for k, name in enumerate(class_names):
        members = labels == k
        shown = plotly_text(name)
        traces.append(
            {
                "type": "scatter",
                "x": x[members, 0],
                "y": x[members, 1],
                "mode": "markers",
                "name": shown,
                "meta": f"points-{k}",
                "customdata": raw[members],
                "marker": {
                    "color": CLASS_COLORS[k % len(CLASS_COLORS)],
                    "size": 8,
                    "symbol": SYMBOLS[k % len(SYMBOLS)],
                    "line": {"color": "white", "width": 1},
                },
                "hovertemplate": f"{shown}<br>{plotly_text(raw_names[0])}: %{{customdata[0]:.3g}}<br>"
                f"{plotly_text(raw_names[1])}: %{{customdata[1]:.3g}}<extra></extra>",
            }
        )
    layout = base_layout(title=title, x_title=axis_titles[0], y_title=axis_titles[1], height=height)
    layout["xaxis"].update(range=[box[0], box[1]], showgrid=False, constrain="domain")
    layout["yaxis"].update(range=[box[2], box[3]], showgrid=False, scaleanchor="x", constrain="domain")
    # Below the plot: above it, beside the title, a square plot leaves the legend no room.
    layout["legend"] = {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.17, "yanchor": "top"}
    layout["margin"] = {"l": 70, "r": 24, "t": 60, "b": 120}
    if tips is not None:
        layout["annotations"] = weight_arrows(tips, class_names)
    if picture:
        layout["images"] = [region_picture(regions, classes)]
    return figure(traces, layout)


def weight_arrows(tips: np.ndarray, class_names: Sequence[str]) -> list[dict]:
    """Each class's weight vector as an arrow from the origin to its (scaled) tip, named at the tip."""
    annotations = []
    for k, name in enumerate(class_names):
        color = CLASS_COLORS[k % len(CLASS_COLORS)]
        tip_x, tip_y = float(tips[0, k]), float(tips[1, k])
        annotations.append(
            {
                "x": tip_x,
                "y": tip_y,
                "ax": 0,
                "ay": 0,
                "xref": "x",
                "yref": "y",
                "axref": "x",
                "ayref": "y",
                "showarrow": True,
                "arrowhead": 3,
                "arrowsize": 1.2,
                "arrowwidth": 3,
                "arrowcolor": color,
                "text": "",
                "name": f"weights-{k}",
            }
        )
        annotations.append(
            {
                "x": tip_x,
                "y": tip_y,
                "xref": "x",
                "yref": "y",
                "showarrow": False,
                "text": f"<b>w</b> {plotly_text(name)}",
                "font": {"color": color, "size": 15},
                "bgcolor": "rgba(255,255,255,0.85)",
                "xanchor": "left" if tip_x >= 0 else "right",
                "yanchor": "bottom" if tip_y >= 0 else "top",
                "name": f"weights-label-{k}",
            }
        )
    return annotations


def loss_curve(losses: np.ndarray, *, classes: int, height: int = 480) -> go.Figure:
    """The training loss after each step, with log K, the loss of the untrained W = 0, for scale."""
    steps = np.arange(losses.size)
    traces = [
        {
            "type": "scatter",
            "x": steps,
            "y": losses,
            "mode": "lines+markers" if losses.size < 30 else "lines",
            "name": "training loss",
            "meta": "loss",
            "line": {"color": ACCENT, "width": 2.5},
            "hovertemplate": "step %{x}: loss %{y:.4g}<extra></extra>",
        }
    ]
    layout = base_layout(title="Training loss", x_title="Step", y_title="Mean −log p (nats)", height=height)
    untrained = float(np.log(classes))
    layout["shapes"] = [hline(untrained, {"color": MUTED, "width": 1.5, "dash": "dot"})]
    layout["annotations"] = [
        {
            "x": 1,
            "xref": "x domain",
            "y": untrained,
            "yref": "y",
            "xanchor": "right",
            "yanchor": "bottom",
            "text": f"log {classes}: W = 0",
            "showarrow": False,
            "font": {"color": MUTED, "size": 14},
        }
    ]
    layout["yaxis"]["rangemode"] = "tozero"
    layout["xaxis"]["rangemode"] = "tozero"
    return figure(traces, layout)


def profile_chart(profile: Profile, class_names: Sequence[str], *, current: int | None) -> go.Figure:
    """One panel per temperature, stacked: each class's probability along the path. The boundaries
    (dotted) cross every panel at the same places; only the steepness changes. ``current`` is the index
    of the page's current temperature among ``profile.temperatures``, drawn in the mark colour."""
    rows = len(profile.temperatures)
    gap = 0.06
    height_each = (1 - gap * (rows - 1)) / rows
    traces: list[dict] = []
    layout = base_layout(
        title="Probabilities along the path",
        x_title="Distance along the path",
        y_title="",
        height=150 + 120 * rows,
    )
    layout["showlegend"] = False
    layout["annotations"] = []
    layout["shapes"] = []
    for row, temperature in enumerate(profile.temperatures):
        suffix = "" if row == 0 else str(row + 1)
        top = 1 - row * (height_each + gap)
        # Rounded and clipped: the sums above leave a bottom of −6e−17 that Plotly refuses.
        bottom = max(0.0, round(top - height_each, 9))
        axis = {"domain": [bottom, round(top, 9)], "range": [-0.04, 1.04], "tickvals": [0, 0.5, 1]}
        layout[f"yaxis{suffix}"] = {**layout.get(f"yaxis{suffix}", {}), **axis, "anchor": "x"}
        for k, name in enumerate(class_names):
            traces.append(
                {
                    "type": "scatter",
                    "x": profile.distance,
                    "y": profile.probabilities[row, :, k],
                    "xaxis": "x",
                    "yaxis": f"y{suffix}",
                    "mode": "lines",
                    "meta": f"profile-{row}-{k}",
                    "name": plotly_text(name),
                    "line": {"color": CLASS_COLORS[k % len(CLASS_COLORS)], "width": 2.5},
                    "hovertemplate": f"{plotly_text(name)}: p = %{{y:.3f}}"
                    f"<extra>T = {number(temperature)}</extra>",
                }
            )
        label = f"T = {number(temperature)}" + (" (yours)" if row == current else "")
        layout["annotations"].append(
            {
                "x": 0,
                "xref": "x domain",
                "y": top,
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "top",
                "text": label,
                "showarrow": False,
                "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"color": MARK if row == current else INK, "size": 15},
            }
        )
        for crossing in profile.crossings:
            layout["shapes"].append(
                {
                    "type": "line",
                    "xref": "x",
                    "x0": crossing,
                    "x1": crossing,
                    "yref": f"y{suffix} domain",
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": INK, "width": 1.5, "dash": "dot"},
                }
            )
    layout["xaxis"]["anchor"] = f"y{rows if rows > 1 else ''}"
    return figure(traces, layout)


def confusion_chart(confusion: np.ndarray, class_names: Sequence[str], *, height: int = 460) -> go.Figure:
    """Counts of (true, predicted) digits; the diagonal holds the right answers."""
    names = [plotly_text(name) for name in class_names]
    traces = [
        {
            "type": "heatmap",
            "x": names,
            "y": names,
            "z": confusion,
            "meta": "confusion",
            "colorscale": [[0, "#ffffff"], [0.05, "#dbeafe"], [1, ACCENT]],
            "showscale": False,
            "texttemplate": "%{z}",
            "textfont": {"size": 14},
            "xgap": 1,
            "ygap": 1,
            "hovertemplate": "true %{y}, predicted %{x}: %{z}<extra></extra>",
        }
    ]
    layout = base_layout(
        title="Confusion matrix (test digits)", x_title="Predicted", y_title="True", height=height
    )
    layout["yaxis"].update(autorange="reversed", type="category", showgrid=False)
    layout["xaxis"].update(type="category", side="bottom", showgrid=False)
    return figure(traces, layout)


def hardest_digits(
    images: np.ndarray,
    truths: Sequence[int],
    probabilities: np.ndarray,
    class_names: Sequence[str],
    *,
    title: str,
    first: int = 1,
) -> go.Figure:
    """A few digits side by side, numbered from ``first``: each image above its probabilities, the true
    class's bar green and, when it is wrong, the predicted class's red.

    One x axis for all: panel i's bars stand at i·(K + GAP) + k and its image's 8 pixel columns are
    stretched over the same span, so three digits cost three axes, not twelve (every axis costs Plotly
    about half a millisecond per redraw)."""
    classes = len(class_names)
    stride = classes + PANEL_GAP
    pixel = classes / 8  # one pixel column, in bar slots
    columns, ink = [], []
    for i in range(len(truths)):
        left = i * stride - 0.5
        columns.extend(left + (np.arange(8) + 0.5) * pixel)
        ink.append(images[i])
        if i < len(truths) - 1:  # a blank column between two images
            columns.append(left + classes + PANEL_GAP / 2)
            ink.append(np.full((8, 1), np.nan))
    colors, positions, annotations = [], [], []
    for i, truth in enumerate(truths):
        predicted = int(np.argmax(probabilities[i]))
        for k in range(classes):
            positions.append(i * stride + k)
            colors.append(RIGHT if k == truth else WRONG if k == predicted else MUTED)
        said = "right" if predicted == truth else f"said {plotly_text(class_names[predicted])}"
        annotations.append(
            {
                "x": i * stride + (classes - 1) / 2,
                "xref": "x",
                "y": 1.0,
                "yref": "y domain",
                "yanchor": "bottom",
                "showarrow": False,
                "text": f"#{first + i}: a {plotly_text(class_names[int(truth)])}<br>{said}",
                "font": {"size": 13, "color": WRONG if predicted != truth else INK},
            }
        )
    traces = [
        {
            "type": "heatmap",
            "x": np.array(columns),
            "z": np.concatenate(ink, axis=1)[::-1],
            "yaxis": "y2",
            "colorscale": [[0, "#ffffff"], [1, INK]],
            "zmin": 0,
            "zmax": 16,
            "showscale": False,
            "meta": "digits",
            "hoverinfo": "skip",
        },
        {
            "type": "bar",
            "x": np.array(positions, dtype=float),
            "y": np.asarray(probabilities, dtype=float).ravel(),
            "marker": {"color": colors},
            "meta": "digit-probabilities",
            "customdata": [plotly_text(class_names[k]) for _ in truths for k in range(classes)],
            "hovertemplate": "p(%{customdata}) = %{y:.3f}<extra></extra>",
        },
    ]
    layout = base_layout(title=title, x_title="", y_title="", height=380)
    layout["showlegend"] = False
    layout["annotations"] = annotations
    layout["margin"] = {"l": 40, "r": 16, "t": 60, "b": 40}
    layout["xaxis"].update(
        range=[-0.7, len(truths) * stride - PANEL_GAP - 0.3],
        tickvals=np.array(positions, dtype=float),
        # Every other class named: ten labels under a phone's 100-pixel panel would be turned on end.
        ticktext=[plotly_text(class_names[k]) if k % 2 == 0 else "" for _ in truths for k in range(classes)],
        tickangle=0,
        tickfont={"size": 11},
        showgrid=False,
    )
    layout["yaxis"].update(domain=[0.0, 0.36], range=[0, 1], tickvals=[0, 0.5, 1])
    layout["yaxis2"] = {"domain": [0.5, 0.92], "anchor": "x", "visible": False}
    return figure(traces, layout)
