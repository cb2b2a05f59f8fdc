"""The calibration page's chart at a stop of T: the measures of the binned bundle, and between two stops
only the current temperature's marks change."""

from __future__ import annotations

import numpy as np
import pytest

from lessons.calibration import charts, model
from lessons.common.plot_diff import plain, same
from tests.lessons.traces import trace


@pytest.fixture(scope="module")
def bundle():
    result = model.study("overconfident", 0)
    fixed = model.binned(result, 10, "quantile")
    return result, model.curves(result, fixed.ece), fixed


def test_the_chart_draws_the_bundles_curves_and_its_fitted_and_ece_optimal_temperatures(bundle):
    result, curves, fixed = bundle
    figure = charts.measures_chart(result, curves, fixed, beta=1.0, temperature=1.0)
    np.testing.assert_array_equal(trace(figure, "ece-validation").y, fixed.ece.validation)
    np.testing.assert_array_equal(trace(figure, "nll-test").y, result.nll["test"])
    legend = " ".join(str(t.name) for t in figure.data)
    assert f"NLL-optimal T = {model.number(result.fitted)}" in legend
    assert f"ECE-optimal T = {model.number(fixed.ece.best_validation)}" in legend


def test_between_two_stops_only_the_current_temperature_changes(bundle):
    result, curves, fixed = bundle
    one = charts.measures_chart(result, curves, fixed, beta=1.0, temperature=1.0)
    two = charts.measures_chart(result, curves, fixed, beta=0.5, temperature=2.0)
    assert [t.meta for t in one.data] == [t.meta for t in two.data]
    traces_one, traces_two = plain(one)["data"], plain(two)["data"]
    changed = {a["meta"] for a, b in zip(traces_one, traces_two, strict=True) if not same(a, b)}
    assert changed == {"current-line"}
