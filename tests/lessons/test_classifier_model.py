"""The softmax classifier page's model: training on the plane, regions and boundaries at any T, the path's
probabilities and the digits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.classifier import model
from softmax_core import softmax
from softmax_core.classifier import SoftmaxRegression


@pytest.fixture(scope="module")
def iris():
    data = model.plane("iris", 1.0)
    return data, model.train_plane(data, 1.0, 0.01, 200)


def test_the_plane_is_standardised_and_drawn_in_a_square_box_around_every_point():
    data = model.plane("iris", 1.0)
    np.testing.assert_allclose(data.x.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(data.x.std(axis=0), 1.0, rtol=1e-12)
    low, high, bottom, top = data.box
    assert (low, bottom) == (-high, -top) and high == top
    assert np.abs(data.x).max() < high
    assert data.axis_titles == ("petal length (standardised)", "petal width (standardised)")


def test_continuing_a_training_gives_exactly_the_training_from_scratch():
    data = model.plane("clouds", 1.5)
    whole = model.train_plane(data, 0.3, 0.01, 60)
    first = model.train_plane(data, 0.3, 0.01, 25)
    continued = model.train_plane(data, 0.3, 0.01, 60, start=first)
    assert np.array_equal(continued.weights, whole.weights) and np.array_equal(continued.losses, whole.losses)
    # A start beyond the steps asked for is not used.
    assert np.array_equal(model.train_plane(data, 0.3, 0.01, 10, start=whole).losses, whole.losses[:11])


def test_training_reports_progress_over_all_its_steps_also_when_continuing():
    data = model.plane("iris", 1.0)
    calls: list[tuple[int, int]] = []
    first = model.train_plane(data, 1.0, 0.0, 3)
    model.train_plane(data, 1.0, 0.0, 6, start=first, progress=lambda *call: calls.append(call))
    assert calls == [(4, 6), (5, 6), (6, 6)]


@pytest.mark.parametrize(
    ("start", "stop", "expected"),
    [
        (0, 100, [10, 20, 30, 40, 50, 60, 70, 80, 90]),
        (100, 1100, [200, 300, 400, 500, 600, 700, 800, 900, 1000]),
        (2900, 3000, [2910, 2920, 2930, 2940, 2950, 2960, 2970, 2980, 2990]),
        (0, 5, [1, 2, 3, 4]),  # fewer steps than frames: one frame a step, none twice
        (3000, 3000, []),  # a run at the most steps there are: nothing to play
    ],
)
def test_a_run_plays_evenly_spaced_frames_between_its_ends(start, stop, expected):
    assert model.run_frames(start, stop) == expected


def test_regions_shade_the_arg_max_with_its_probability(iris):
    data, trained = iris
    regions = model.regions(trained, data.box, beta=2.0)
    assert regions.winner.shape == (model.GRID, model.GRID)
    column, row = model.GRID // 14, model.GRID * 9 // 10
    point = np.array([[regions.xs[column], regions.ys[row]]])  # row = y, column = x
    p = softmax(trained.logits(point), beta=2.0, axis=1)[0]
    assert regions.winner[row, column] == np.argmax(p)
    assert regions.strength[row, column] == pytest.approx(p.max(), rel=1e-14)


def test_a_temperature_moves_no_winner_only_the_strength(iris):
    data, trained = iris
    at_one = model.regions(trained, data.box, beta=1.0)
    for beta in (0.1, 4.0, math.inf, 0.0):
        scaled = model.regions(trained, data.box, beta=beta)
        assert np.array_equal(scaled.winner, at_one.winner)
    assert np.all(model.regions(trained, data.box, beta=math.inf).strength == 1.0)
    np.testing.assert_allclose(model.regions(trained, data.box, beta=0.0).strength, 1 / 3, rtol=1e-15)


def test_a_negative_temperature_hands_each_point_to_its_smallest_logit(iris):
    data, trained = iris
    regions = model.regions(trained, data.box, beta=-1.0)
    points = np.stack(np.meshgrid(regions.xs, regions.ys), axis=-1).reshape(-1, 2)
    assert np.array_equal(regions.winner.ravel(), trained.logits(points).argmin(axis=1))


def test_boundaries_are_where_the_two_largest_logits_tie(iris):
    data, trained = iris
    lines = model.boundaries(trained, data.box)
    drawn = [line for line in lines if np.isfinite(line).any()]
    assert len(lines) == 3 and len(drawn) >= 2  # one per pair: a pair that never borders is all NaN
    for line in drawn:
        points = line[:, ~np.isnan(line[0])].T
        top_two = np.sort(trained.logits(points), axis=1)[:, -2:]
        np.testing.assert_allclose(top_two[:, 0], top_two[:, 1], atol=1e-9)
        assert np.abs(points).max() <= data.box[1]


def test_there_is_one_boundary_per_pair_at_every_temperature_even_untrained(iris):
    # The chart at T follows the slider only if it has the same traces at every stop.
    data, trained = iris
    for beta in (1.0, -1.0, 0.0):
        assert len(model.boundaries(trained, data.box, beta)) == 3
    untrained = model.train_plane(data, 1.0, 0.0, 0)
    assert [line.shape for line in model.boundaries(untrained, data.box)] == [(2, 0)] * 3


def test_arrows_point_along_the_weights_with_the_longest_at_45_percent_of_the_box(iris):
    data, trained = iris
    tips, scale = model.arrows(trained, data.box)
    np.testing.assert_allclose(tips, trained.weights * scale)
    assert np.linalg.norm(tips, axis=0).max() == pytest.approx(0.45 * data.box[1])
    # With W = 0 at the start and the gradient's columns summing to 0, the weights sum to 0.
    np.testing.assert_allclose(trained.weights.sum(axis=1), 0.0, atol=1e-12)


def test_the_path_crosses_each_boundary_where_two_logits_tie(iris):
    data, trained = iris
    temperatures, current = model.profile_temperatures(0.5)
    assert temperatures == (0.5, 0.25, 1.0, 4.0) and current == 0
    path = model.profile(trained, data, temperatures)
    assert len(path.crossings) == 2
    direction = (path.end - path.start) / np.linalg.norm(path.end - path.start)
    for crossing in path.crossings:
        top_two = np.sort(trained.logits((path.start + crossing * direction)[np.newaxis]), axis=1)[0, -2:]
        assert top_two[0] == pytest.approx(top_two[1], abs=1e-9)
    points = path.start + path.distance[:, np.newaxis] * direction
    np.testing.assert_allclose(
        path.probabilities[3], softmax(trained.logits(points) / 4.0, axis=1), rtol=1e-12
    )


@pytest.mark.parametrize(
    ("temperature", "expected"),
    [
        (1.0, ((1.0, 0.25, 1.0, 4.0), 0)),
        (0.0, ((0.0, 0.25, 1.0, 4.0), 0)),
        (math.inf, ((math.inf, 0.25, 1.0, 4.0), 0)),
        (-2.0, ((-2.0, 0.25, 1.0, 4.0), 0)),
    ],
)
def test_the_current_temperature_has_the_top_panel_above_the_fixed_ones(temperature, expected):
    # Four panels at every T: the chart follows the slider with the same traces.
    assert model.profile_temperatures(temperature) == expected


def test_the_story_reports_the_loss_and_the_accuracy_and_notices_a_rising_loss():
    data = model.plane("iris", 1.0)
    assert "No step yet" in model.plane_story(model.train_plane(data, 1.0, 0.0, 0), data, 0, 1.0)
    calm = model.train_plane(data, 0.3, 0.01, 100)
    text = model.plane_story(calm, data, 100, 0.3)
    assert f"the loss is {calm.losses[-1]:.4g}" in text and "overshoots" not in text
    bumpy = SoftmaxRegression(calm.weights, calm.bias, np.array([1.0, 0.5, 0.7, 0.4]))
    assert "overshoots" in model.plane_story(bumpy, data, 3, 3.0)


@pytest.fixture(scope="module")
def digits():
    return model.train_digits(0.001)


def test_softmax_regression_reads_most_test_digits(digits):
    assert digits.confusion.sum() == digits.y_test.size == 898
    assert digits.accuracy == pytest.approx(np.mean(digits.model.predict(digits.x_test) == digits.y_test))
    assert digits.accuracy > 0.93


def test_the_hardest_digits_have_the_smallest_margin_of_their_true_class(digits):
    logits = digits.model.logits(digits.x_test)
    own = logits[np.arange(digits.y_test.size), digits.y_test]
    others = np.where(np.eye(10, dtype=bool)[digits.y_test], -np.inf, logits).max(axis=1)
    margin = own - others
    assert np.array_equal(digits.hardest, np.argsort(margin, kind="stable")[: model.HARDEST])
    assert margin[digits.hardest[0]] == margin.min() < 0  # the hardest is a mistake
    assert digits.images.shape == (898, 8, 8)


def test_the_digits_story_says_the_confusion_matrix_ignores_t(digits):
    text = model.digits_story(digits, 0.5, 2.0)
    assert "same at every T > 0" in text and "At T = 0.5" in text
    assert f"({digits.confusion.sum() - np.trace(digits.confusion)} mistakes)" in text
