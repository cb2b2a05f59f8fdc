"""The softmax classifier page's figures: what each trace holds, found by its meta id."""

from __future__ import annotations

import numpy as np
import pytest

from lessons.classifier import figures, model
from lessons.common.plot import CLASS_COLORS
from tests.lessons.traces import picture, trace, traces


@pytest.fixture(scope="module")
def iris():
    data = model.plane("iris", 1.0)
    return data, model.train_plane(data, 1.0, 0.01, 100)


def regions_figure(data, trained, beta=1.0, *, tips=True, path=None, picture=False):
    arrow_tips, _ = model.arrows(trained, data.box)
    return figures.decision_regions(
        model.regions(trained, data.box, beta), data.x, data.dataset.labels, data.dataset.class_names,
        raw=data.dataset.features, raw_names=data.dataset.feature_names,
        boundaries=model.boundaries(trained, data.box), tips=arrow_tips if tips else None, path=path,
        box=data.box, axis_titles=data.axis_titles, title="Decision regions", picture=picture,
    )  # fmt: skip


def on_colorscale(scale: list, z: np.ndarray, zmax: float) -> np.ndarray:
    """RGBA (alpha 0–1) of ``z`` on ``scale`` as plotly.js colours a heatmap: each channel linear between
    the two stops around z / zmax (the stops here come in pairs, one band a class)."""
    rgba = [[float(v) for v in color[5:-1].split(",")] for _, color in scale]
    place = z / zmax * (len(scale) // 2)  # band k, and the place in it
    band = np.minimum(np.floor(place).astype(int), len(scale) // 2 - 1)
    low, high = np.asarray(rgba)[2 * band], np.asarray(rgba)[2 * band + 1]
    return low + (place - band)[..., np.newaxis] * (high - low)


def test_the_picture_has_the_heatmaps_colours_cell_for_cell_and_covers_its_cells(iris):
    data, trained = iris
    cells, size = model.GRID, figures.PIXELS_PER_CELL
    heatmap = trace(regions_figure(data, trained, beta=2.0), "regions")
    pictured = regions_figure(data, trained, beta=2.0, picture=True)
    image, pixels = picture(pictured, "regions")
    assert pixels.shape == (cells * size, cells * size, 4)
    blocks = pixels.reshape(cells, size, cells, size, 4)
    assert np.all(blocks == blocks[:, :1, :, :1])  # each cell one colour, sharp however it is stretched
    shown = blocks[::-1, 0, :, 0]  # one pixel a cell, rows along y as the heatmap's
    expected = on_colorscale(heatmap.colorscale, np.asarray(heatmap.z), heatmap.zmax)
    np.testing.assert_array_equal(shown[..., :3], expected[..., :3])
    np.testing.assert_allclose(shown[..., 3], np.round(expected[..., 3] * 255), atol=1)
    # Where the heatmap's cells are: the grid's points at their centres.
    xs, ys = np.asarray(heatmap.x), np.asarray(heatmap.y)
    dx, dy = xs[1] - xs[0], ys[1] - ys[0]
    assert image["x"] == pytest.approx(xs[0] - dx / 2) and image["y"] == pytest.approx(ys[-1] + dy / 2)
    assert image["sizex"] == pytest.approx(cells * dx) and image["sizey"] == pytest.approx(cells * dy)
    assert (image["xanchor"], image["yanchor"], image["sizing"], image["layer"]) == (
        "left", "top", "stretch", "below")  # fmt: skip
    # The picture replaces the heatmap: the traces left are the ones that do not change with T.
    assert [t.meta for t in pictured.data] == [t.meta for t in regions_figure(data, trained).data[1:]]


def test_each_grid_point_sits_in_its_winners_band_at_its_probability(iris):
    data, trained = iris
    regions = model.regions(trained, data.box, 1.0)
    z = np.asarray(trace(regions_figure(data, trained), "regions").z)
    # Band k spans [k, k + 1): k + (p − 1/3)/(2/3), rounded down to 1/100, below k + 1 for a certain winner.
    expected = regions.winner + (regions.strength - 1 / 3) / (2 / 3)
    np.testing.assert_allclose(z, expected, atol=1 / figures.LEVELS)
    assert np.all(z <= expected + 1e-12)
    assert np.array_equal(np.floor(z), regions.winner)
    assert np.all(np.round(z, 2) == z)  # short decimals: every stop of the chart at T sends them


def test_the_colour_bands_fade_to_a_third_of_the_opacity_at_a_tie():
    scale = figures.region_colorscale(3)
    assert [stop[0] for stop in scale] == [0, 1 / 3, 1 / 3, 2 / 3, 2 / 3, 1]
    assert scale[0][1] == "rgba(37,99,235,0.250)" and scale[1][1] == "rgba(37,99,235,0.750)"
    assert scale[2][1].startswith("rgba(220,38,38,")  # the second class's colour from its own band


def test_the_data_points_carry_their_raw_measurements_for_the_hover(iris):
    data, trained = iris
    figure = regions_figure(data, trained)
    setosa = trace(figure, "points-0")
    assert len(setosa.x) == 50
    np.testing.assert_array_equal(np.asarray(setosa.customdata), data.dataset.features[:50])
    assert setosa.marker.color == CLASS_COLORS[0]
    assert "petal length (cm)" in setosa.hovertemplate


def test_weight_arrows_run_from_the_origin_to_each_scaled_weight_vector(iris):
    data, trained = iris
    figure = regions_figure(data, trained)
    tips, _ = model.arrows(trained, data.box)
    arrows = [
        a for a in figure.layout.annotations if a.name and a.name.startswith("weights-") and a.showarrow
    ]
    assert [(a.ax, a.ay) for a in arrows] == [(0, 0)] * 3
    np.testing.assert_allclose([(a.x, a.y) for a in arrows], tips.T)
    assert not regions_figure(data, trained, tips=False).layout.annotations


def test_boundaries_and_the_path_are_drawn_as_lines(iris):
    data, trained = iris
    figure = regions_figure(data, trained, path=(np.array([-1.0, -1.0]), np.array([1.0, 1.0])))
    assert len(traces(figure, "boundary")) == len(model.boundaries(trained, data.box))
    assert list(trace(figure, "path").x) == [-1.0, 1.0]
    assert figure.layout.yaxis.scaleanchor == "x"  # a square plane: perpendicular looks perpendicular


def test_the_loss_curve_plots_every_step_and_marks_log_k():
    losses = np.array([np.log(3), 0.9, 0.5, 0.4])
    figure = figures.loss_curve(losses, classes=3)
    np.testing.assert_array_equal(trace(figure, "loss").y, losses)
    assert figure.layout.shapes[0].y0 == pytest.approx(np.log(3))


def test_the_path_has_a_panel_per_temperature_with_the_same_boundary_crossings(iris):
    data, trained = iris
    temperatures, current = model.profile_temperatures(2.0)
    path = model.profile(trained, data, temperatures)
    figure = figures.profile_chart(path, data.dataset.class_names, current=current)
    for row in range(len(temperatures)):
        np.testing.assert_array_equal(trace(figure, f"profile-{row}-1").y, path.probabilities[row, :, 1])
    crossings = {(shape.x0, shape.yref) for shape in figure.layout.shapes}
    assert len(crossings) == len(temperatures) * len(path.crossings)
    labels = [a.text for a in figure.layout.annotations]
    assert labels == ["T = 2 (yours)", "T = 0.25", "T = 1", "T = 4"]
    for row in range(len(temperatures)):
        domain = figure.layout[f"yaxis{'' if row == 0 else row + 1}"].domain
        assert 0 <= domain[0] < domain[1] <= 1


def test_the_confusion_matrix_shows_the_counts():
    counts = np.array([[5, 1], [0, 4]])
    figure = figures.confusion_chart(counts, ["0", "1"])
    np.testing.assert_array_equal(trace(figure, "confusion").z, counts)


def test_hardest_digits_colour_the_true_class_green_and_a_wrong_answer_red():
    images = np.zeros((2, 8, 8))
    images[1, 0, 0] = 16.0  # the second digit's top-left pixel
    p = np.full((2, 10), 0.01)
    p[0, 3], p[0, 8] = 0.1, 0.82  # a 3 read as an 8
    p[1, 5] = 0.91  # a 5 read right
    figure = figures.hardest_digits(images, [3, 5], p, [str(d) for d in range(10)], title="Hardest", first=4)
    bars = trace(figure, "digit-probabilities")
    np.testing.assert_array_equal(bars.y, p.ravel())
    colors = list(bars.marker.color)
    assert colors[3] == figures.RIGHT and colors[8] == figures.WRONG
    assert colors[10 + 5] == figures.RIGHT and figures.WRONG not in colors[10:]
    # Panel i's bars stand at i·(10 + gap) + k, and its 8 pixel columns span the same width above them.
    stride = 10 + figures.PANEL_GAP
    np.testing.assert_array_equal(bars.x[10:], stride + np.arange(10))
    digits = trace(figure, "digits")
    columns = np.asarray(digits.x)
    assert columns.size == 8 + 1 + 8
    assert columns[9] == pytest.approx(stride - 0.5 + 10 / 16) and columns[-1] == pytest.approx(
        stride + 9.5 - 10 / 16
    )
    z = np.asarray(digits.z, dtype=float)
    assert z[-1, 9] == 16.0 and np.isnan(z[:, 8]).all()  # rows upside down: row 0 is drawn at the top
    texts = [a.text for a in figure.layout.annotations]
    assert texts == ["#4: a 3<br>said 8", "#5: a 5<br>right"]
