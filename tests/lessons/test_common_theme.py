"""Charts in the dark theme and in presenter mode: colours mapped where they are colours, sizes scaled,
contrast against each background, and class colours that colour-blind readers can tell apart."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest

from lessons.common import plot, theme
from lessons.playground import figures as playground

ROOT = Path(__file__).resolve().parents[2]
DARK, PRESENT, DARK_PRESENT = (
    theme.Look(dark=True),
    theme.Look(present=True),
    theme.Look(dark=True, present=True),
)
LOOKS = (theme.PLAIN, DARK, PRESENT, DARK_PRESENT)


def srgb_to_linear(hex_colour: str) -> np.ndarray:
    """IEC 61966-2-1 (sRGB) decoding, as WCAG 2 computes relative luminance."""
    rgb = np.array([int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]) / 255
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio (L1 + 0.05) / (L2 + 0.05)."""
    weights = np.array([0.2126, 0.7152, 0.0722])
    la, lb = sorted((float(weights @ srgb_to_linear(c)) for c in (a, b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Colour-vision deficiency at full severity, applied to linear RGB: Machado, Oliveira & Fernandes, "A
# physiologically-based model for simulation of color vision deficiency", IEEE TVCG 15(6), 2009, table 1.
CVD = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}


def lab(linear_rgb: np.ndarray) -> np.ndarray:
    """CIE L*a*b* (D65) of a linear sRGB colour."""
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(
        linear_rgb, 0, 1
    )
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def closest_pair(colours: list[str]) -> float:
    """The smallest CIE76 ΔE between two of ``colours``, as any of the four visions sees them."""
    return min(
        float(np.linalg.norm(lab(m @ srgb_to_linear(a)) - lab(m @ srgb_to_linear(b))))
        for a, b in itertools.combinations(colours, 2)
        for m in CVD.values()
    )


def background(look: theme.Look) -> str:
    return theme.DARK_BACKGROUND if look.dark else "#ffffff"


def bars():
    return playground.probability_bars(
        np.array([0.6, 0.3, 0.1]), ("white", "#ffffff", "c"), argmax=np.array([1, 0, 0]), title="p at T = 1"
    )


def test_the_plain_look_returns_the_figure_itself():
    figure = bars()
    assert theme.dress(figure, theme.PLAIN) is figure


@pytest.mark.parametrize("look", [DARK, DARK_PRESENT])
def test_dark_charts_have_the_dark_page_background_and_light_text(look):
    dressed = theme.dress(bars(), look).layout.template.layout
    assert dressed.paper_bgcolor == dressed.plot_bgcolor == theme.DARK_BACKGROUND
    assert contrast(dressed.font.color, theme.DARK_BACKGROUND) >= 7
    assert dressed.legend.bgcolor == "rgba(15,23,42,0.8)"


def test_labels_that_name_colours_keep_their_names():
    dressed = theme.dress(bars(), DARK)
    assert list(dressed.data[0].x) == ["white", "#ffffff", "c"]


def test_dressing_leaves_the_figure_it_was_given_unchanged():
    figure = bars()
    before = figure.to_json()
    theme.dress(figure, DARK_PRESENT)
    assert figure.to_json() == before


def test_colours_are_mapped_inside_colour_scales_arrays_and_annotations():
    layout = plot.base_layout(title="t", x_title="x", y_title="y")
    layout["annotations"] = [{"text": "white", "bgcolor": "rgba(255,255,255,0.9)", "x": 0, "y": 0}]
    figure = plot.figure(
        [
            {"type": "heatmap", "z": np.eye(2), "colorscale": [[0, "#ffffff"], [1, plot.INK]], "meta": "h"},
            {"type": "bar", "x": ["a", "b"], "y": [1, 2], "marker": {"color": [plot.ACCENT, "white"]}},
        ],
        layout,
    )
    dressed = theme.dress(figure, DARK)
    assert [list(step) for step in dressed.data[0].colorscale] == [[0, theme.DARK_BACKGROUND], [1, "#e2e8f0"]]
    assert list(dressed.data[1].marker.color) == ["#60a5fa", theme.DARK_BACKGROUND]
    assert dressed.layout.annotations[0].bgcolor == "rgba(15,23,42,0.9)"
    assert dressed.layout.annotations[0].text == "white"


def test_presenter_mode_scales_type_lines_markers_and_height():
    layout = plot.base_layout(title="t", x_title="x", y_title="y", height=400)
    trace = {
        "type": "scatter",
        "x": np.arange(3.0),
        "y": np.arange(3.0),
        "mode": "lines+markers",
        "line": {"width": 3, "color": plot.MUTED},
        "marker": {"size": np.array([4.0, 6.0, 8.0])},
        "textfont": {"size": 12},
    }
    dressed = theme.dress(plot.figure([trace], layout), PRESENT)
    assert dressed.layout.height == 520
    assert dressed.layout.template.layout.font.size == pytest.approx(16 * 1.3)
    assert dressed.layout.template.layout.title.font.size == pytest.approx(19 * 1.3)
    assert dressed.data[0].line.width == 6
    assert list(dressed.data[0].marker.size) == [6.0, 9.0, 12.0]
    assert dressed.data[0].textfont.size == pytest.approx(15.6)
    assert dressed.layout.template.data.scatter[0].line.width == 4  # for traces that set no width
    assert dressed.layout.template.layout.xaxis.linewidth == 2
    # High contrast on a projector: the muted grey becomes a dark slate, text black.
    assert dressed.data[0].line.color == "#334155"
    assert dressed.layout.template.layout.font.color == "#000000"


def test_an_update_of_the_instant_chart_gets_the_same_colours():
    update = {
        "data": {"marker.color": [[plot.ACCENT, plot.MUTED]]},
        "layout": {"title.text": "x"},
        "traces": [0],
    }
    dressed = theme.dress_update(update, DARK)
    assert dressed == {"data": {"marker.color": [["#60a5fa", "#94a3b8"]]}, "layout": {"title.text": "x"},
                       "traces": [0]}  # fmt: skip
    assert theme.dress_update(update, theme.PLAIN) is update


@pytest.mark.parametrize("look", LOOKS, ids=str)
def test_class_colours_stand_out_from_the_background(look):
    # WCAG 2.1 SC 1.4.11 (non-text contrast): 3:1 for the parts of a graphic needed to understand it.
    for colour in plot.CLASS_COLORS:
        assert contrast(theme.color(colour, look), background(look)) >= 3, colour


@pytest.mark.parametrize("look", LOOKS, ids=str)
def test_chart_text_reads_on_the_background(look):
    # WCAG 2 SC 1.4.3: 4.5:1 for text (axis titles and ticks in INK, notes in MUTED).
    for colour in (plot.INK, plot.MUTED):
        assert contrast(theme.color(colour, look), background(look)) >= 4.5, colour


@pytest.mark.parametrize("look", [theme.PLAIN, DARK], ids=str)
def test_the_first_class_colours_are_told_apart_with_any_colour_vision(look):
    colours = [theme.color(c, look) for c in plot.CLASS_COLORS]
    # CIE76 ΔE ≈ 2.3 is a just-noticeable difference; lines and bars of 2 to 5 classes stay far apart
    # under protanopia, deuteranopia and tritanopia, and a sixth class stays distinguishable.
    assert closest_pair(colours[:5]) >= 15
    assert closest_pair(colours[:6]) >= 7.5


# Colours a figure builder may use that are faint on purpose (grids, reference marks, fills, backgrounds).
FAINT = {"white", "#ffffff", "#fff", plot.GRID, "#cbd5e1", "#dbeafe", "#93c5fd"}


def test_every_colour_the_lessons_draw_with_reads_on_the_dark_background():
    """A colour literal in a figure builder either reads on the dark background as it is or has a dark
    equivalent that does: a new one that would vanish in the dark theme fails here."""
    found = set()
    # The figure builders and the shared chart helpers (theme.py holds the dark and projector colours).
    builders = [*(ROOT / "lessons").rglob("figures.py"), *(ROOT / "lessons" / "common").glob("*.py")]
    for path in builders:
        if path.name == "theme.py":
            continue
        found |= {c.lower() for c in re.findall(r"[\"'](#[0-9a-fA-F]{6}|white)[\"']", path.read_text())}
    assert plot.INK in found and "white" in found
    for colour in sorted(found - FAINT):
        shown = theme.color(colour, DARK)
        assert contrast(shown, theme.DARK_BACKGROUND) >= 3, f"{colour} is drawn as {shown} in the dark theme"


def test_a_dressed_figure_is_valid_plotly_json():
    # tests/conftest.py validates every figure built through plot.figure; this one goes to the browser too.
    dressed = theme.dress(bars(), DARK_PRESENT)
    assert json.loads(dressed.to_json())["layout"]["height"] == round(420 * 1.3)
