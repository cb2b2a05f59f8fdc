"""The calibration page, run headless with Streamlit's AppTest: the fitted temperature and its cross-check,
the reliability diagrams and measures, links, hostile links and temperatures."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lessons.calibration import model
from softmax_core import softmax
from softmax_core.calibration import reliability_bins
from tests import apptest
from tests.lessons.traces import trace, values
from tests.pages.charts import chart, charts

PAGE = "pages/calibration.py"
open_calibration = partial(apptest.open_page, PAGE)
CHARTS = {"cal_before", "cal_after", "cal_measures", "cal_two_models"}


def chart_keys(at: AppTest) -> set[str]:
    return set(charts(at)) & CHARTS


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_default_view_fits_t_above_1_and_cross_checks_it_with_scikit_learn():
    at = open_calibration()
    assert not at.exception and not at.warning
    assert chart_keys(at) == CHARTS
    result = model.study("overconfident", 0)
    shown = metrics(at)
    assert shown["T fitted on validation"] == "5.825" == f"{result.fitted:.4g}"
    assert shown["Test accuracy"] == model.percent(result.accuracy["test"])
    text = apptest.markdown_text(at)
    assert "**overconfident**" in text and "They agree to" in text
    assert f"finds T = {result.sklearn_fitted:.6g}" in text


def test_the_diagrams_show_the_test_split_before_and_after_scaling():
    at = open_calibration()
    result = model.study("overconfident", 0)
    z, y = result.split("test")
    for key, temperature in (("cal_before", 1.0), ("cal_after", result.fitted)):
        expected = reliability_bins(softmax(z, temperature=temperature, axis=1), y, bins=15)
        counts = values(trace(chart(at, key), "histogram")["y"])
        np.testing.assert_array_equal(counts, expected.counts[expected.counts > 0])


def test_a_link_opens_the_underconfident_network_with_equal_mass_bins():
    at = open_calibration(cal_model="Underconfident", cal_seed="3", cal_bins="10", cal_binning="equal mass")
    assert not at.exception and not at.warning
    result = model.study("underconfident", 3)
    assert result.fitted < 1
    assert metrics(at)["T fitted on validation"] == f"{result.fitted:.4g}"
    counts = values(trace(chart(at, "cal_before"), "histogram")["y"])
    assert counts.sum() == result.y_test.size and counts.max() - counts.min() <= 2  # equal mass
    assert "**underconfident**" in apptest.markdown_text(at)


def test_hostile_link_values_are_named_in_one_warning_and_replaced_by_defaults():
    hostile = {"cal_model": "<b>x</b>", "cal_seed": "-1", "cal_bins": "7", "cal_binning": "javascript:x()"}
    at = open_calibration(**hostile)
    assert not at.exception
    assert len(at.warning) == 1
    for name in ("cal_model", "cal_seed", "cal_bins", "cal_binning"):
        assert f"- {name} = " in at.warning[0].value
    assert at.segmented_control(key="cal_model").value == "overconfident"
    assert at.number_input(key="cal_seed").value == 0 and at.select_slider(key="cal_bins").value == 15
    assert chart_keys(at) == CHARTS


def test_moving_the_temperature_moves_only_the_current_line_and_the_caption():
    at = open_calibration()
    before = chart(at, "cal_after")
    at.select_slider(key="temperature").set_value(2.0).run()
    assert not at.exception
    assert chart(at, "cal_after") == before  # the fitted T's diagram does not depend on the slider
    assert trace(chart(at, "cal_measures"), "current-line")["name"] == "your T = 2"
    assert "At the slider's T = 2" in apptest.markdown_text(at)


@pytest.mark.parametrize("extreme", apptest.TEMPERATURE_EXTREMES)
def test_the_page_survives_the_temperature_limits(extreme):
    at = open_calibration(**extreme)
    assert not at.exception and not at.warning
    assert chart_keys(at) == CHARTS


def test_changing_the_bins_recomputes_the_ece():
    at = open_calibration()
    at.select_slider(key="cal_bins").set_value(5).run()
    assert not at.exception
    assert len(values(trace(chart(at, "cal_before"), "histogram")["y"])) <= 5
    result = model.study("overconfident", 0)
    five = model.scores(result, "test", beta=1.0, bins=5, strategy="uniform")
    subtitle = chart(at, "cal_before")["layout"]["title"]["subtitle"]["text"]
    assert subtitle == f"ECE {model.percent(five.ece, 2)} on the test split"
