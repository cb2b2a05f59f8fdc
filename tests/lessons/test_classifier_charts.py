"""The softmax classifier page's charts at a stop of T: the same traces at every T, the boundaries unmoved,
the shading and the probabilities those of softmax(z / T)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.classifier import charts, model
from softmax_core import softmax
from tests.lessons.traces import picture, trace, traces


@pytest.fixture(scope="module")
def scaled():
    data = model.plane("iris", 1.0)
    return model.scaled(model.train_plane(data, 1.0, 0.01, 200), data)


def metas(figure) -> list:
    return [t.meta for t in figure.data]


STOPS = [(0.25, 4.0), (1.0, 1.0), (4.0, 0.25), (math.inf, 0.0), (-1.0, -1.0)]


@pytest.mark.parametrize("build", [charts.regions_chart, charts.path_chart])
def test_every_stop_has_the_same_traces(scaled, build):
    figures = [build(scaled, beta=beta, temperature=t) for t, beta in STOPS]
    assert all(metas(figure) == metas(figures[0]) for figure in figures)


def test_the_boundaries_stay_put_and_only_the_shading_changes_with_a_positive_t(scaled):
    at_one = charts.regions_chart(scaled, beta=1.0, temperature=1.0)
    for temperature in (0.25, 4.0):
        other = charts.regions_chart(scaled, beta=1 / temperature, temperature=temperature)
        for before, after in zip(traces(at_one, "boundary"), traces(other, "boundary"), strict=True):
            np.testing.assert_array_equal(before.x, after.x)
            np.testing.assert_array_equal(before.y, after.y)
        (_, one), (_, shaded) = picture(at_one, "regions"), picture(other, "regions")
        np.testing.assert_array_equal(one[..., :3], shaded[..., :3])  # the same winner's colour everywhere
        # Colder, surer: more opaque; warmer, fainter.
        assert (shaded[..., 3].mean() > one[..., 3].mean()) == (temperature < 1)
        assert other.layout.title.text == f"Regions at T = {temperature:g}"


def test_the_hardest_digits_show_softmax_of_their_logits_at_t():
    result = model.train_digits(0.001)
    figure = charts.hardest_chart(result, half=1, beta=0.5, temperature=2.0)
    shown = np.asarray(trace(figure, "digit-probabilities").y)
    chosen = result.hardest[3:6]
    expected = softmax(result.model.logits(result.x_test[chosen]), temperature=2.0, axis=1)
    np.testing.assert_allclose(shown[~np.isnan(shown)], expected.ravel(), rtol=1e-12)
