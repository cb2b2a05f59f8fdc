"""The Loss page, run headless with Streamlit's AppTest: numbers, charts, limits, hostile links, training."""

from __future__ import annotations

import math
from functools import partial

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lessons.common.text import number
from lessons.loss import training
from softmax_core import cross_entropy, cross_entropy_grad, softmax, softmax_jacobian
from tests import apptest
from tests.apptest import text_box
from tests.lessons.traces import trace, values
from tests.pages.charts import chart, charts

PAGE = "pages/loss.py"


open_loss = partial(apptest.open_page, PAGE)


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


text = apptest.markdown_text


def test_default_view_shows_the_loss_of_class_1_in_nats_and_bits():
    at = open_loss(z="2,1,0.1", T="1")
    assert not at.exception and not at.warning
    # mpmath: −log(e² / (e² + e + e^0.1)) = 0.41703 nats; / log 2 = 0.60165 bits.
    assert metrics(at) == {"Loss (nats)": "0.417", "Loss (bits)": "0.6016", "p(target)": "0.659"}
    assert at.selectbox(key="target").value == "class 1"
    assert "target" not in at.query_params  # the default is not written into the link
    assert r"\mathcal{L} &= 2.417 - 2 \\ &= 0.417" in at.latex[0].value
    assert set(charts(at)) == {
        "neg_log",
        "loss_temperature",
        "gradient",
        "jacobian",
        "training",
        "comparison",
    }


def test_loss_is_finite_800_nats_for_extreme_logits():
    at = open_loss(z="0,-800", T="1", target="class 2")
    assert not at.exception and not at.warning
    # Hand value: −log σ(0, −800)₂ = log(1 + e^−800) + 800 = 800 (e^−800 ≈ 3.668e−348 underflows).
    shown = metrics(at)
    assert shown["Loss (nats)"] == "800"
    assert shown["Loss (bits)"] == "1154"  # 800 / log 2 = 1154.156
    assert shown["p(target)"] == "3.668e−348"
    assert r"\mathcal{L} &= 0 - (-800) \\ &= 800" in at.latex[0].value
    marker = trace(chart(at, "neg_log"), "current")
    assert values(marker["y"])[0] == 12.0 and marker["marker"]["symbol"] == "triangle-up"


def test_gradient_bars_equal_beta_times_p_minus_onehot():
    at = open_loss(z="2,1,0.1", T="0.5", target="class 2")
    bars = values(trace(chart(at, "gradient"), "gradient")["y"])
    # By hand at β = 2: p = softmax(4, 2, 0.2) = (0.8638, 0.1169, 0.01932); β(p − e₂).
    p = softmax(np.array([2.0, 1.0, 0.1]), beta=2.0)
    assert np.allclose(bars, 2.0 * (p - np.array([0.0, 1.0, 0.0])), rtol=1e-14, atol=1e-16)
    assert np.allclose(bars, [1.7276, -1.7662, 0.03864], atol=1e-4)
    assert bars.sum() == pytest.approx(0.0, abs=1e-15)


def test_jacobian_is_symmetric_and_its_rows_sum_to_zero():
    at = open_loss(z="1,2,3,4,1,2,3", T="0.7")
    jacobian = values(trace(chart(at, "jacobian"), "jacobian")["z"])
    assert jacobian.shape == (7, 7)
    assert np.array_equal(jacobian, jacobian.T)
    assert np.abs(jacobian.sum(axis=1)).max() < 1e-15
    assert np.array_equal(jacobian, softmax_jacobian(np.array([1, 2, 3, 4, 1, 2, 3.0]), temperature=0.7))
    assert "symmetric" in text(at)


def test_loss_against_temperature_is_the_core_loss_with_the_current_t_marked():
    at = open_loss(z="2,1,0.1", T="0.3", target="class 3")
    spec = chart(at, "loss_temperature")
    target, now = trace(spec, "target-loss"), trace(spec, "current-loss")
    temperatures, losses = values(target["x"]), values(target["y"])
    z = np.array([2.0, 1.0, 0.1])
    for i in (0, 120, 240):
        assert losses[i] == float(cross_entropy(z, 2, temperature=float(temperatures[i])))
    assert values(now["x"])[0] == 0.3 and values(trace(spec, "current-T")["x"])[0] == 0.3
    assert values(now["y"])[0] == pytest.approx(
        (2 - 0.1) / 0.3 + math.log1p(math.exp(-1 / 0.3) + math.exp(-1.9 / 0.3))
    )
    assert "catastrophically worse" in text(at)
    assert spec["layout"]["xaxis"]["type"] == "log"


def test_arg_max_target_says_colder_is_better():
    at = open_loss(z="2,1,0.1", T="1")
    assert "colder is better" in text(at)


@pytest.mark.parametrize(
    "params",
    [
        *apptest.TEMPERATURE_EXTREMES,
        {"beta": "-2"},
        {"z": "1e6,0,0"},
        {"z": "1e6,0,0", "target": "class 2"},
        {"z": "1,2"},
        {"z": "1,2", "T": "0", "target": "class 1"},
        {"z": ",".join(str(i % 7 - 3) for i in range(10))},
        {"z": ",".join(str((i * 37) % 101 / 10 - 5) for i in range(64)), "target": "class 64"},
        {"z": "1e308,-1e308", "target": "class 2"},
        {"z": "1e308,-1e308", "T": "1e-300"},
        {"z": "5,5,1", "T": "0", "target": "class 3"},
        {"z": "5,5,1", "T": "0"},
        {"z": "0.95,0.99,0.98", "beta": "500"},
        {"z": "-inf,0"},
    ],
)
def test_extreme_states_render_without_exception_or_warning(params):
    at = open_loss(**params)
    assert not at.exception
    assert len(at.warning) <= (1 if params.get("z") == "-inf,0" else 0)
    assert len(charts(at)) >= 5
    assert "NaN" not in "".join(metrics(at).values())


def test_exact_limit_t0_with_a_wrong_target_says_the_gradient_is_infinite():
    at = open_loss(z="2,1,0.1", T="0", target="class 2")
    assert metrics(at)["Loss (nats)"] == "∞"
    spec = chart(at, "gradient")
    assert np.array_equal(values(trace(spec, "gradient")["y"]), [1.0, -1.0, 0.0])  # p − onehot, the direction
    assert "Infinite gradient" in spec["layout"]["title"]["text"]
    assert "not a number" in text(at)
    assert at.button(key="train_1").disabled and at.button(key="train_10").disabled


def test_tied_winners_at_t0_leave_the_jacobian_cells_empty_and_say_why():
    at = open_loss(z="5,5,1", T="0")
    assert not at.exception
    # Kept with empty cells, so it follows the temperature like every chart; the caption says why.
    assert np.isnan(values(trace(chart(at, "jacobian"), "jacobian")["z"])).all()
    assert "cells are empty" in text(at)
    # The loss of a tied winner at T = 0 is log 2.
    assert metrics(at)["Loss (nats)"] == "0.6931"


def test_infinite_temperature_gives_log_k_and_a_zero_gradient():
    at = open_loss(z="2,1,0.1,7", T="inf", target="class 3")
    assert metrics(at)["Loss (nats)"] == "1.386"  # log 4
    assert np.array_equal(values(trace(chart(at, "gradient"), "gradient")["y"]), np.zeros(4))
    assert "gradient is exactly 0" in text(at)


@pytest.mark.parametrize("hostile", ["0", "99", "-1", "abc", "<script>alert(1)</script>", "nan", "inf",
                                     "1e999", "class 99", "class 1 ", "__import__('os')"])  # fmt: skip
def test_a_target_that_is_no_class_falls_back_to_class_1_and_is_named_in_one_warning(hostile):
    at = open_loss(z="2,1,0.1", target=hostile)
    assert not at.exception
    [warning] = at.warning
    # Named as typed inside inline code, so Markdown and HTML in it are shown, never interpreted.
    assert f"target = `{hostile[:19]}" in warning.value and "was ignored" in warning.value
    assert at.selectbox(key="target").value == "class 1"
    assert metrics(at)["Loss (nats)"] == "0.417"
    assert "target" not in at.query_params
    at.select_slider(key="temperature").set_value(0.5).run()  # a move clears the warning, never repeats it
    assert not at.exception and not at.warning


def test_an_empty_target_only_clears_the_choice():
    at = open_loss(z="2,1,0.1", target="")
    assert not at.exception and not at.warning
    assert at.selectbox(key="target").value == "class 1"


def test_a_target_beyond_the_text_limit_is_named_once():
    at = open_loss(z="2,1,0.1", target="x" * 65)
    [warning] = at.warning
    assert warning.value.count("target = ") == 1 and "at most 64" in warning.value


@pytest.mark.parametrize("hostile", ["0", "-1", "1e999", "nan", "<b>", "0.5"])
def test_hostile_learning_rate_falls_back_to_1_and_is_named(hostile):
    at = open_loss(z="2,1,0.1", lr=hostile)
    assert not at.exception
    assert at.select_slider(key="lr").value == "1"
    [warning] = at.warning
    assert "lr = " in warning.value


def test_target_by_label_and_through_label_edits():
    at = open_loss(z="2,1,0.1", labels="cat,dog,bird", target="bird")
    assert at.selectbox(key="target").value == "bird"
    assert metrics(at)["Loss (nats)"] == "2.317"  # −log 0.09857
    text_box(at, "labels_text").input("cat, dog, parrot").run()
    assert not at.exception
    assert at.selectbox(key="target").value == "parrot"  # class 3 kept by its number
    assert not at.warning  # the address held "bird" for that run: the page's own value, not a bad link


def test_target_survives_k_changing_and_falls_back_to_class_1():
    at = open_loss(z="2,1,0.1", target="class 3")
    at.button(key="add_class").click().run()
    assert at.selectbox(key="target").value == "class 3"
    at.button(key="remove_class").click().run()
    at.button(key="remove_class").click().run()
    assert not at.exception
    assert at.selectbox(key="target").value == "class 1"
    assert metrics(at)["Loss (nats)"] == "0.3133"  # −log σ(2, 1)₁ = log(1 + e^−1)


def test_choosing_the_target_updates_the_numbers():
    # The browser writes a chosen value into the link (tests/browser/test_loss.py); AppTest has no browser.
    at = open_loss(z="2,1,0.1")
    at.selectbox(key="target").set_value("class 2").run()
    assert metrics(at)["Loss (nats)"] == "1.417"  # −log 0.2424
    assert "class 2" in text(at)


def test_training_steps_reduce_the_loss_and_fill_the_history_chart():
    at = open_loss(z="2,1,0.1", target="class 3")
    at.button(key="train_1").click().run()
    at.button(key="train_10").click().run()
    assert not at.exception
    spec = chart(at, "training")
    loss, p_target = trace(spec, "loss-history"), trace(spec, "p-history")
    losses, probabilities = values(loss["y"]), values(p_target["y"])
    assert len(losses) == 12
    assert losses[0] == pytest.approx(2.317, abs=1e-3)
    assert np.all(np.diff(losses) < 0) and np.all(np.diff(probabilities) > 0)
    # Step 1 by hand: z − 1·(p − e₃) with p = (0.659, 0.2424, 0.09857).
    z1 = np.array([2.0, 1.0, 0.1]) - cross_entropy_grad(np.array([2.0, 1.0, 0.1]), 2)
    assert losses[1] == float(cross_entropy(z1, 2))
    assert "After 11 steps" in text(at)


def test_learning_rate_changes_the_step_and_reset_clears_the_history():
    at = open_loss(z="2,1,0.1", target="class 3")
    at.select_slider(key="lr").set_value("0.1").run()
    at.button(key="train_1").click().run()
    slow = values(trace(chart(at, "training"), "loss-history")["y"])[1]
    at.button(key="train_reset").click().run()
    assert len(values(trace(chart(at, "training"), "loss-history")["y"])) == 1
    at.select_slider(key="lr").set_value("3").run()
    at.button(key="train_1").click().run()
    fast = values(trace(chart(at, "training"), "loss-history")["y"])[1]
    assert fast < slow < 2.317


def test_changing_the_logits_restarts_the_training_history():
    at = open_loss(z="2,1,0.1", target="class 3")
    at.button(key="train_10").click().run()
    at.slider(key="logit_0").set_value(3.0).run()
    assert len(values(trace(chart(at, "training"), "loss-history")["y"])) == 1


def test_use_these_logits_everywhere_writes_the_trained_logits_into_the_shared_state():
    at = open_loss(z="2,1,0.1", target="class 3")
    assert at.button(key="train_apply").disabled
    at.button(key="train_10").click().run()
    at.button(key="train_apply").click().run()
    assert not at.exception
    trained = [float(x) for x in at.query_params["z"].split(",")]
    # Ten steps at η = 1 (see lessons/test_loss_training.py): z₃ rises from 0.1 to 3.18.
    assert trained == pytest.approx([0.05, -0.13, 3.18], abs=0.006)
    # Exactly the trained logits, not rounded to the sliders' 0.01 (which moved p(target) and the loss).
    run = training.step(training.begin(np.array([2.0, 1.0, 0.1]), 2, 1.0), 1.0, 10)
    assert trained == [float(x) for x in run.current]
    assert metrics(at)["Loss (nats)"] == number(run.losses[-1])
    assert float(metrics(at)["p(target)"]) > 0.9
    assert text_box(at, "logits_text").value == ", ".join(at.query_params["z"].split(","))


def test_training_at_a_large_learning_rate_and_low_temperature_stays_finite():
    at = open_loss(z="2,1,0.1", T="0.01", target="class 3", lr="10")
    at.button(key="train_10").click().run()
    assert not at.exception
    losses = values(trace(chart(at, "training"), "loss-history")["y"])
    assert np.isfinite(losses).all() and losses[-1] < losses[0]


def test_squared_error_chart_marks_the_current_point_at_the_current_temperature():
    at = open_loss(z="2,1,0.1", T="0.5", target="class 2")
    spec = chart(at, "comparison")
    markers = [trace(spec, "now"), trace(spec, "now-gradient")]
    p = softmax(np.array([2.0, 1.0, 0.1]), beta=2.0)
    assert values(markers[0]["x"])[0] == p[1]
    assert values(markers[1]["y"])[0] == pytest.approx(2.0 * (1 - p[1]))  # |β(p₂ − 1)|
    assert "T = 0.5" in spec["layout"]["title"]["subtitle"]["text"]


def test_loss_beyond_the_float_range_says_why_it_shows_infinity():
    at = open_loss(z="1e308,-1e308", target="class 2")
    assert metrics(at)["Loss (nats)"] == "∞"
    assert any("largest floating-point number" in c.value for c in at.caption)


# --- the training steps in the link ---


def test_training_steps_are_written_into_the_link_as_runs_of_a_learning_rate():
    at = open_loss(z="2,1,0.1", target="class 3")
    assert "trained" not in at.query_params
    at.button(key="train_10").click().run()
    at.button(key="train_1").click().run()
    assert at.query_params["trained"] == "11@1"
    at.select_slider(key="lr").set_value("0.3").run()
    at.button(key="train_1").click().run()
    assert at.query_params["trained"] == "11@1,1@0.3"
    at.button(key="train_reset").click().run()
    assert "trained" not in at.query_params
    assert len(values(trace(chart(at, "training"), "loss-history")["y"])) == 1


def test_a_shared_link_replays_the_same_training_history():
    at = open_loss(z="2,1,0.1", target="class 3", trained="10@1,2@0.3")
    assert not at.exception and not at.warning
    losses = values(trace(chart(at, "training"), "loss-history")["y"])
    run = training.step(training.step(training.begin(np.array([2.0, 1.0, 0.1]), 2, 1.0), 1.0, 10), 0.3, 2)
    assert list(losses) == list(run.losses)  # the very same numbers, step by step
    assert "After 12 steps" in text(at)
    assert at.query_params["trained"] == "10@1,2@0.3"


def test_changing_the_logits_drops_the_steps_from_the_link():
    at = open_loss(z="2,1,0.1", target="class 3", trained="3@1")
    at.slider(key="logit_0").set_value(3.0).run()
    assert "trained" not in at.query_params
    assert len(values(trace(chart(at, "training"), "loss-history")["y"])) == 1


@pytest.mark.parametrize("hostile", ["abc", "0@1", "3@2", "600@1", "1@nan", "10@1,", "<b>1@1</b>", "1e3@1"])
def test_steps_that_cannot_be_replayed_are_named_in_one_warning(hostile):
    at = open_loss(z="2,1,0.1", target="class 3", trained=hostile)
    assert not at.exception
    [warning] = at.warning
    assert "trained = `" in warning.value and "was ignored" in warning.value
    assert len(values(trace(chart(at, "training"), "loss-history")["y"])) == 1
    assert "trained" not in at.query_params


def test_steps_at_an_exact_limit_say_why_none_were_taken():
    at = open_loss(z="2,1,0.1", T="0", target="class 3", trained="5@1")
    assert not at.exception
    assert len(values(trace(chart(at, "training"), "loss-history")["y"])) == 1
    assert any("exact limit T = 0" in caption.value for caption in at.caption)
