"""The calibration page's figures: what each trace holds, found by its meta id."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.calibration import figures, model
from softmax_core.calibration import reliability_bins
from tests.lessons.traces import trace, traces


def test_the_reliability_diagram_draws_accuracy_gaps_and_counts_of_the_filled_bins():
    # Hand-made: four predictions at 0.75 (two right), two at 0.875 (both right), 8 bins.
    p = np.array([[0.75, 0.25]] * 4 + [[0.875, 0.125]] * 2)
    bins = reliability_bins(p, [0, 0, 1, 1, 0, 0], bins=8)
    figure = figures.reliability_diagram(bins, title="Before", ece=0.25)
    accuracy = trace(figure, "accuracy")
    np.testing.assert_allclose(accuracy.x, [0.6875, 0.8125])
    np.testing.assert_allclose(accuracy.y, [0.5, 1.0])
    np.testing.assert_allclose(accuracy.width, [0.125, 0.125])
    gap = trace(figure, "gap")
    np.testing.assert_allclose(gap.base, [0.5, 0.875])
    np.testing.assert_allclose(gap.y, [0.25, 0.125])
    np.testing.assert_array_equal(trace(figure, "histogram").y, [4, 2])
    assert list(trace(figure, "diagonal").y) == [0.0, 1.0]
    assert figure.layout.title.subtitle.text == "ECE 25.00 % on the test split"


def test_equal_mass_bars_are_as_wide_as_their_bins():
    rng = np.random.default_rng(0)
    top = rng.uniform(0.5, 1.0, 200)
    bins = reliability_bins(
        np.column_stack([top, 1 - top]), rng.integers(0, 2, 200), bins=5, strategy="quantile"
    )
    figure = figures.reliability_diagram(bins, title="After", ece=0.1)
    np.testing.assert_allclose(trace(figure, "accuracy").width, np.diff(bins.edges))
    np.testing.assert_array_equal(trace(figure, "histogram").y, [40] * 5)


@pytest.fixture(scope="module")
def over():
    return model.study("overconfident", 0)


def measures_figure(result, temperature=1.0, beta=1.0):
    ece = model.ece_curves(result, 15, "uniform")
    return figures.measures_against_temperature(
        result.temperatures, model.curves(result, ece), fitted=result.fitted,
        at_fitted=model.measures_at(result, beta=1 / result.fitted, bins=15, strategy="uniform"),
        ece_best=ece.best_validation,
        at_ece_best=model.measures_at(result, beta=1 / ece.best_validation, bins=15, strategy="uniform"),
        temperature=temperature, beta=beta,
    ), ece  # fmt: skip


def test_every_measure_has_a_row_with_both_splits_and_its_validation_minimum(over):
    figure, ece = measures_figure(over)
    for row, measure in enumerate(figures.ROWS):
        for split in ("validation", "test"):
            curve = trace(figure, f"{measure}-{split}")
            assert curve.yaxis == ("y" if row == 0 else f"y{row + 1}")
    np.testing.assert_array_equal(trace(figure, "nll-validation").y, over.nll["validation"])
    assert list(trace(figure, "nll-minimum").x) == [over.fitted]  # the exact fit, not a grid point
    assert list(trace(figure, "ece-minimum").x) == [ece.best_validation]
    assert not traces(figure, "accuracy-minimum")  # flat: no minimum to mark
    assert figure.layout.xaxis.anchor == "y4" and figure.layout.xaxis.type == "log"


def test_both_fitted_temperatures_show_their_values_on_both_splits(over):
    figure, ece = measures_figure(over)
    at_fitted = trace(figure, "ece-at-nll-t")
    assert list(at_fitted.x) == [over.fitted] * 2
    expected = model.measures_at(over, beta=1 / over.fitted, bins=15, strategy="uniform")["ece"]
    np.testing.assert_allclose(at_fitted.y, [expected["validation"], expected["test"]])
    assert list(trace(figure, "nll-at-ece-t").x) == [ece.best_validation] * 2
    lines = [shape for shape in figure.layout.shapes if shape.x0 == over.fitted]
    assert len(lines) == len(figures.ROWS)


def test_the_current_temperature_is_a_line_on_every_row_or_a_note_when_it_is_off_the_axis(over):
    figure, _ = measures_figure(over, temperature=2.0, beta=0.5)
    assert trace(figure, "current-line").name == "your T = 2"
    assert trace(figure, "current-line").visible is True
    assert sum(shape.x0 == 2.0 for shape in figure.layout.shapes) == len(figures.ROWS)
    negative, _ = measures_figure(over, temperature=-2.0, beta=-0.5)
    # Still a trace, hidden: the chart follows the slider with the same traces at every stop.
    assert trace(negative, "current-line").visible is False
    assert len(negative.data) == len(figure.data)
    assert "negative temperature" in negative.layout.title.subtitle.text
    cold, _ = measures_figure(over, temperature=0.0, beta=math.inf)
    assert trace(cold, "current-line").visible is True  # T = 0 is drawn at the axis's left end


def test_the_two_networks_have_their_minima_either_side_of_t_1(over):
    under = model.study("underconfident", 0)
    figure = figures.two_models(
        over.temperatures,
        {"overconfident": over.nll["validation"], "underconfident": under.nll["validation"]},
        {"overconfident": over.fitted, "underconfident": under.fitted},
        model.MODEL_NAMES,
    )
    assert trace(figure, "fitted-overconfident").x[0] > 1 > trace(figure, "fitted-underconfident").x[0]
    np.testing.assert_array_equal(trace(figure, "nll-underconfident").y, under.nll["validation"])
