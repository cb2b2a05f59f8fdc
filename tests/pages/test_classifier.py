"""The softmax classifier page, run headless with Streamlit's AppTest: training by the step buttons, the link,
hostile links, temperatures and the digits."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lessons.classifier import figures, model
from softmax_core import softmax
from tests import apptest
from tests.lessons.traces import picture, trace, values
from tests.pages.charts import chart, charts, still

PAGE = "pages/classifier.py"
open_classifier = partial(apptest.open_page, PAGE)
CHARTS = {
    "clf_regions",
    "clf_loss",
    "clf_regions_t",
    "clf_profile",
    "clf_confusion",
    "clf_hardest_a",
    "clf_hardest_b",
}


def chart_keys(at: AppTest) -> set[str]:
    return set(charts(at)) & CHARTS


def test_default_view_trains_100_steps_on_the_irises_and_draws_every_chart():
    at = open_classifier()
    assert not at.exception and not at.warning
    assert chart_keys(at) == CHARTS
    assert at.number_input(key="clf_steps").value == 100
    expected = model.train_plane(model.plane("iris", 1.0), 1.0, 0.01, 100)
    np.testing.assert_array_equal(values(trace(chart(at, "clf_loss"), "loss")["y"]), expected.losses)
    assert "After 100 steps" in apptest.markdown_text(at)
    assert "clf_steps" not in at.query_params  # defaults stay out of the link


def test_step_buttons_train_further_and_write_the_steps_into_the_link():
    at = open_classifier()
    at.button(key="clf_step_10").click().run()
    assert not at.exception
    assert at.number_input(key="clf_steps").value == 110
    assert at.query_params["clf_steps"] in ("110", ["110"])
    assert len(values(trace(chart(at, "clf_loss"), "loss")["y"])) == 111
    at.button(key="clf_reset").click().run()
    assert at.number_input(key="clf_steps").value == 0
    assert "No step yet" in apptest.markdown_text(at)


def test_a_run_button_plays_the_training_and_ends_on_the_trained_model():
    at = open_classifier()
    at.button(key="clf_step_100").click().run()
    assert not at.exception
    assert at.number_input(key="clf_steps").value == 200
    expected = model.train_plane(model.plane("iris", 1.0), 1.0, 0.01, 200)
    np.testing.assert_array_equal(values(trace(chart(at, "clf_loss"), "loss")["y"]), expected.losses)
    # The frames are replaced by the trained model's charts, under their keys: no frame is left over.
    assert chart(at, "clf_regions")["layout"]["title"]["text"] == "Decision regions (T = 1)"
    assert chart_keys(at) == CHARTS
    assert sorted(still(at)) == ["clf_confusion", "clf_loss", "clf_regions"]  # the others follow T
    at.run()  # a rerun of the page plays nothing again
    assert at.number_input(key="clf_steps").value == 200 and "_clf_play" not in at.session_state


def test_a_link_reopens_the_same_training():
    at = open_classifier(clf_data="Clouds", clf_spread="1.5", clf_lr="0.3", clf_l2="0", clf_steps="37")
    assert not at.exception and not at.warning
    expected = model.train_plane(model.plane("clouds", 1.5), 0.3, 0.0, 37)
    np.testing.assert_array_equal(values(trace(chart(at, "clf_loss"), "loss")["y"]), expected.losses)
    assert at.segmented_control(key="clf_data").value == "clouds"


def test_hostile_link_values_are_named_in_one_warning_and_replaced_by_defaults():
    at = open_classifier(
        clf_steps="-5",
        clf_lr="abc",
        clf_data="<script>",
        clf_spread="1e999",
        clf_l2="0.5",
        clf_digits_l2="nan",
    )
    assert not at.exception
    assert len(at.warning) == 1
    warning = at.warning[0].value
    for name in ("clf_steps", "clf_lr", "clf_data", "clf_spread", "clf_l2", "clf_digits_l2"):
        assert f"- {name} = " in warning
    assert "<script>" not in warning.replace("`<script>`", "")  # quoted as code, never as HTML
    assert at.number_input(key="clf_steps").value == 100 and at.select_slider(key="clf_lr").value == 1.0
    assert chart_keys(at) == CHARTS


def test_moving_the_temperature_rescales_the_regions_but_moves_no_boundary():
    at = open_classifier()
    before = chart(at, "clf_regions_t")
    at.select_slider(key="temperature").set_value(0.25).run()
    assert not at.exception
    after = chart(at, "clf_regions_t")
    (_, shown_before), (_, shown_after) = (picture(spec, "regions") for spec in (before, after))
    assert np.array_equal(shown_before[..., :3], shown_after[..., :3])  # the same winner everywhere
    assert shown_after[..., 3].mean() > shown_before[..., 3].mean()  # sharper
    data = model.plane("iris", 1.0)
    trained = model.train_plane(data, 1.0, 0.01, 100)
    regions = model.regions(trained, data.box, beta=4.0)
    # Opacity from MAX_OPACITY/3 at a tie to MAX_OPACITY when certain, in steps of 1/100 of the band.
    levels = np.floor((regions.strength - 1 / 3) / (2 / 3) * figures.LEVELS)
    alpha = (
        255 * figures.MAX_OPACITY * (1 / 3 + np.minimum(levels, figures.LEVELS - 1) / figures.LEVELS * 2 / 3)
    )
    middle = slice(figures.PIXELS_PER_CELL // 2, None, figures.PIXELS_PER_CELL)  # a pixel a cell
    # Within a level (1.3 of 255): the page's softmax on the grid's logits may round a cell to the next.
    np.testing.assert_allclose(shown_after[middle, middle, 3][::-1], alpha, atol=1.5)
    assert "T = 0.25" in apptest.markdown_text(at)


@pytest.mark.parametrize("extreme", apptest.TEMPERATURE_EXTREMES)
def test_the_page_survives_the_temperature_limits(extreme):
    at = open_classifier(**extreme)
    assert not at.exception and not at.warning
    assert chart_keys(at) == CHARTS


def test_the_hardest_digits_show_their_probabilities_at_the_current_temperature():
    at = open_classifier(T="2")
    result = model.train_digits(0.001)
    shown = values(trace(chart(at, "clf_hardest_a"), "digit-probabilities")["y"])[:10]
    expected = softmax(result.model.logits(result.x_test[result.hardest[:1]]), temperature=2.0, axis=1)[0]
    np.testing.assert_allclose(shown, expected, rtol=1e-12)
    confusion = values(trace(chart(at, "clf_confusion"), "confusion")["z"])
    np.testing.assert_array_equal(confusion, result.confusion)


def test_a_stronger_penalty_on_the_digits_retrains_them():
    at = open_classifier(clf_digits_l2="1")
    assert not at.exception and not at.warning
    confusion = values(trace(chart(at, "clf_confusion"), "confusion")["z"])
    np.testing.assert_array_equal(confusion, model.train_digits(1.0).confusion)


def test_a_link_that_hides_the_training_still_draws_the_model_it_asks_for():
    at = apptest.open_link_to(PAGE, hide="plane", clf_data="Clouds", clf_spread="0.5", clf_steps="37")
    assert not at.exception and not at.warning
    assert "clf_regions" not in charts(at) and not at.number_input
    data = model.plane("clouds", 0.5)
    trained = model.train_plane(data, 1.0, 0.01, 37)
    path = model.profile(trained, data, model.profile_temperatures(1.0)[0])
    top = values(trace(chart(at, "clf_profile"), "profile-0-1")["y"])
    np.testing.assert_allclose(top, path.probabilities[0, :, 1], rtol=1e-12)
