"""The Temperature page under Streamlit's AppTest: presets, extremes, hostile links and its own widgets."""

from __future__ import annotations

import json
import math
import re
from functools import partial

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from softmax_core import entropy, softmax
from tests import apptest
from tests.lessons.traces import trace, traces
from tests.lessons.traces import values as array
from tests.pages.charts import charts
from ui.controls import PRESETS

PAGE = "pages/temperature.py"
CHART_KEYS = (
    "probabilities_vs_temperature",
    "probabilities_vs_beta",
    "entropy_vs_temperature",
    "small_multiples",
    "animation",
    "gap_over_temperature",
    "scaled_logits",
)

# A NumPy RuntimeWarning inside the page becomes an exception that at.exception reports.
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")


open_page = partial(apptest.open_page, PAGE)


def relative_table(at: AppTest) -> dict[str, list[str]]:
    """The 'Relative to the temperature' table as {row name: cells}, unescaped."""
    source = next(md.value for md in at.markdown if md.value.startswith("| two logits |"))
    rows = {}
    for line in source.splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in line.strip("|").split(" | ")]
        rows[cells[0]] = cells[1:]
    return rows


text = apptest.markdown_text


def assert_healthy(at: AppTest) -> dict[str, dict]:
    """No exception, no warning box, all seven charts with titled axes."""
    assert not at.exception, at.exception
    assert not at.warning
    found = charts(at)
    assert set(found) == set(CHART_KEYS)
    for key, spec in found.items():
        layout = spec["layout"]
        assert layout["xaxis"]["title"]["text"], key
        assert layout["yaxis"]["title"]["text"], key
        assert "NaN" not in json.dumps(layout), key
    return found


# --- the default view, checked against the core and hand values ---


def test_default_view_draws_seven_charts_with_the_current_t_marked():
    at = open_page(z="2,1,0.1", T="1")
    found = assert_healthy(at)
    marker = trace(found["probabilities_vs_temperature"], "current-values")
    np.testing.assert_array_equal(array(marker["y"]), softmax(np.array([2.0, 1.0, 0.1])))
    line = trace(found["probabilities_vs_beta"], "current-line")
    assert array(line["x"])[0] == pytest.approx(math.asinh(1)) and line["name"] == "current β = 1"
    assert len(found["animation"]["frames"]) == 41


def test_cited_sigma_0_10_values_appear_at_t_1_and_t_100():
    rows = relative_table(open_page(z="2,1,0.1", T="1"))
    # σ(0, 10) at T = 1: (1/(1 + e^10), e^10/(1 + e^10)) = (4.5398e−05, 0.99995); issue: ≈ (0.00005, 0.99995)
    # Written by the one number rule, 4 significant digits: 0.99995 rounds to 1.
    assert rows["σ(0, 10) at T = 1"] == ["0, 10", "1", "10", "10", "4.54e−5, 1"]
    # at T = 100: (1/(1 + e^0.1), e^0.1/(1 + e^0.1)) = (0.47502, 0.52498); the issue: ≈ (0.475, 0.525)
    assert rows["σ(0, 10) at T = 100"] == ["0, 10", "100", "10", "0.1", "0.475, 0.525"]


def test_users_top_two_logits_split_as_sigma_of_gap_over_t_and_scaling_both_changes_nothing():
    rows = relative_table(open_page(z="2,1,0.1", T="0.5", labels="cat,dog,bird"))
    # Δ = 2 − 1 = 1, Δ/T = 2: σ(2) = 1/(1 + e^−2) = 0.88080
    assert rows["yours: cat vs dog"] == ["1, 2", "0.5", "1", "2", "0.1192, 0.8808"]
    assert rows["yours ×10, at 10·T"] == ["10, 20", "5", "10", "2", "0.1192, 0.8808"]


def test_big_spread_preset_at_t_100_is_almost_a_coin_toss_on_every_chart():
    at = open_page(z="0,10", T="100")
    found = assert_healthy(at)
    dots = array(trace(found["probabilities_vs_temperature"], "current-values")["y"])
    np.testing.assert_allclose(dots, [0.47502081, 0.52497919], atol=1e-8)  # 1/(1 + e^±0.1)
    yours = trace(found["gap_over_temperature"], "point-2")
    assert yours["name"].startswith("yours: class 2")
    assert array(yours["x"])[0] == pytest.approx(0.1)


def test_entropy_is_shown_in_nats_against_the_core_and_the_ceiling_log_k():
    at = open_page(z="2,1,0.1", T="1")
    spec = charts(at)["entropy_vs_temperature"]
    h = float(entropy(softmax(np.array([2.0, 1.0, 0.1]))))
    assert h == pytest.approx(0.8467, abs=5e-5)  # −Σ p log p for p = (0.659, 0.2424, 0.09856)
    assert array(trace(spec, "current-entropy")["y"])[0] == h
    assert trace(spec, "current-entropy")["text"] == ["H = 0.8467"]
    ceiling = trace(spec, "ceiling")
    assert array(ceiling["y"])[0] == math.log(3) and ceiling["name"] == "ceiling log K = 1.099 nats (uniform)"
    assert "H = 0.8467" in text(at) and "77 %" in text(at)


def test_units_widget_shows_entropy_in_bits():
    at = open_page(z="2,1,0.1", T="1")
    at.segmented_control(key="units").set_value("bits").run()
    assert not at.exception
    spec = charts(at)["entropy_vs_temperature"]
    assert spec["layout"]["yaxis"]["title"]["text"] == "entropy H (bits)"
    assert array(trace(spec, "ceiling")["y"])[0] == math.log2(3)
    assert trace(spec, "ceiling")["name"] == "ceiling log K = 1.585 bits (uniform)"
    assert "H = 1.222" in text(at)  # 0.8467 nats / ln 2


def test_units_from_the_link_are_used():
    at = open_page(z="1,2,3,4,1,2,3", units="bits")
    assert at.segmented_control(key="units").value == "bits"
    assert "log K = 2.807 bits" in json.dumps(charts(at)["entropy_vs_temperature"])  # log2 7


def test_small_multiples_show_t_over_10_t_and_10_t():
    at = open_page(z="2,1,0.1", T="1")
    spec = charts(at)["small_multiples"]
    titles = [a["text"] for a in spec["layout"]["annotations"]]
    assert titles == ["T/10<br>= 0.1", "<b>T, now<br>= 1</b>", "10·T<br>= 10"]
    bars = [trace(spec, meta) for meta in ("bars-colder", "bars-now", "bars-hotter")]
    z = np.array([2.0, 1.0, 0.1])
    for bar, temperature in zip(bars, (0.1, 1.0, 10.0), strict=True):
        np.testing.assert_allclose(array(bar["y"]), softmax(z, temperature=temperature), rtol=1e-15)
    # softmax(2, 1, 0.1; T = 10): e^0.2, e^0.1, e^0.01 = 1.2214, 1.1052, 1.0101 over 3.3366
    np.testing.assert_allclose(array(bars[2]["y"]), [0.36606, 0.33122, 0.30272], atol=5e-6)


@pytest.mark.parametrize("t", ["0", "inf"])
def test_small_multiples_at_an_exact_limit_are_three_equal_panels(t):
    at = open_page(z="2,1,0.1", T=t)
    spec = charts(at)["small_multiples"]
    bars = [array(trace(spec, meta)["y"]) for meta in ("bars-colder", "bars-now", "bars-hotter")]
    np.testing.assert_array_equal(bars[0], bars[1])
    np.testing.assert_array_equal(bars[2], bars[1])
    assert "a limit maps to itself" in text(at)


def test_animation_does_not_change_when_the_temperature_moves():
    """The browser redraws a chart only when its figure changes: a playing animation survives T moves."""
    at = open_page(z="2,1,0.1", T="1")
    before = charts(at)["animation"]
    at.select_slider(key="temperature").set_value(0.5).run()
    assert not at.exception
    assert charts(at)["animation"] == before
    frames = before["frames"]
    assert [frames[0]["name"], frames[20]["name"], frames[-1]["name"]] == ["0", "1", "∞"]
    np.testing.assert_allclose(
        array(trace(frames[20], "bars")["y"]), softmax(np.array([2.0, 1.0, 0.1])), rtol=1e-15
    )
    # The text under it counts what it plays: the temperatures between the two exact limits, then those.
    inner = sum(0 < float(frame["name"].replace("∞", "inf")) < math.inf for frame in frames)
    assert inner == len(frames) - 2 and f"plays {inner} temperatures" in text(at)


def test_moving_the_sidebar_temperature_moves_every_marker():
    at = open_page(z="2,1,0.1", T="1")
    at.select_slider(key="temperature").set_value(0.5).run()
    found = assert_healthy(at)
    line = trace(found["probabilities_vs_temperature"], "current-line")
    assert array(line["x"])[0] == 0.5 and line["name"] == "current T = 0.5"
    assert array(trace(found["probabilities_vs_beta"], "current-line")["x"])[0] == pytest.approx(
        math.asinh(2)
    )
    # softmax(2, 1, 0.1; T = 0.5) = (0.8638, 0.1169, 0.01932), as on the Playground
    dots = array(trace(found["probabilities_vs_temperature"], "current-values")["y"])
    np.testing.assert_allclose(dots, [0.8638, 0.1169, 0.01932], atol=5e-5)


# --- is the temperature trainable? ---


def test_scaling_the_logits_by_c_equal_to_one_over_t_gives_identical_bars():
    at = open_page(z="2,1,0.1", T="2", scale_c="0.5")
    assert at.number_input(key="scale_c").value == 0.5
    spec = charts(at)["scaled_logits"]
    by_t, by_c = (array(trace(spec, meta)["y"]) for meta in ("by-temperature", "by-scale"))
    np.testing.assert_array_equal(by_t, by_c)
    assert spec["layout"]["title"]["subtitle"]["text"] == "T = 2, c = 0.5: identical"
    assert "**identical**" in text(at)


def test_a_different_c_gives_different_bars_and_the_button_matches_it_exactly():
    at = open_page(z="2,1,0.1", T="3")
    assert "**differ** by up to" in text(at)
    at.button(key="match_scale").click().run()
    assert not at.exception
    assert at.number_input(key="scale_c").value == 1 / 3
    by_t, by_c = (
        array(trace(charts(at)["scaled_logits"], meta)["y"]) for meta in ("by-temperature", "by-scale")
    )
    np.testing.assert_array_equal(by_t, by_c)
    assert "**identical**" in text(at)


def test_moving_c_reruns_and_updates_the_scaled_bars():
    at = open_page(z="2,1,0.1", T="1")
    at.number_input(key="scale_c").set_value(2.0).run()
    assert not at.exception
    by_c = array(trace(charts(at)["scaled_logits"], "by-scale")["y"])
    np.testing.assert_allclose(by_c, softmax(np.array([2.0, 1.0, 0.1]), temperature=0.5), rtol=1e-15)


@pytest.mark.parametrize("t", ["0", "inf"])
def test_at_an_exact_limit_the_button_explains_or_matches(t):
    at = open_page(z="2,1,0.1", T=t)
    button = at.button(key="match_scale")
    if t == "0":
        button.click().run()
        assert at.number_input(key="scale_c").value == 1.0  # unchanged: no finite c gives it
        assert "1/T is infinite at T = 0" in at.toast[0].value
        assert "no finite c gives the exact arg max" in text(at)
    else:
        button.click().run()
        assert at.number_input(key="scale_c").value == 0.0
        assert "**identical**" in text(at)


# --- extremes and presets ---


EXTREMES = [
    {"z": "2,1,0.1", "T": "0.01"},
    {"z": "2,1,0.1", "T": "100"},
    {"z": "2,1,0.1", "T": "0"},
    {"z": "2,1,0.1", "T": "inf"},
    {"z": "2,1,0.1", "beta": "-inf"},
    {"z": "2,1,0.1", "beta": "-2"},
    {"z": "1e6,0,1", "T": "1"},
    {"z": "0,10", "T": "1"},
    {"z": ",".join(str(i) for i in range(10)), "T": "0.3"},
    {"z": ",".join(str((i * 37) % 64 - 32) for i in range(64)), "T": "2"},
    {"z": "1e308,-1e308", "T": "1e-300"},
    {"z": "1e308,-1e308", "T": "inf"},
    {"z": "-1e308,-1e308,5", "beta": "-1e300"},
    {"z": "1,1,1", "T": "0"},
    {"z": "0.95,0.99,0.98", "beta": "500"},
    {"z": "2,1,0.1", "T": "1e300"},
    {"z": "2,1,0.1", "T": "1000", "scale_c": "1e-320"},
]


@pytest.mark.parametrize("params", EXTREMES, ids=lambda p: "&".join(f"{k}={v[:20]}" for k, v in p.items()))
def test_extreme_states_render_every_chart_without_error(params):
    at = open_page(**params)
    found = assert_healthy(at)
    beta_marker = trace(found["probabilities_vs_beta"], "current-line")
    x = array(beta_marker["x"])
    assert np.isfinite(x).all()


def test_one_huge_logit_takes_everything_from_cold_to_almost_hot():
    at = open_page(z="1e6,0,1", T="100")
    dots = array(trace(charts(at)["probabilities_vs_temperature"], "current-values")["y"])
    np.testing.assert_array_equal(dots, [1.0, 0.0, 0.0])  # e^(−1e4) underflows to exactly 0


def test_ties_stay_ties_at_t_zero_in_the_gap_table():
    rows = relative_table(open_page(z="1,1,1", T="0"))
    assert rows["yours: class 1 vs class 2"] == ["1, 1", "0", "0", "0", "0.5, 0.5"]


def test_beta_beyond_the_slider_stretches_the_beta_axis():
    at = open_page(z="0.95,0.99,0.98", beta="500")
    spec = charts(at)["probabilities_vs_beta"]
    assert "1000" in spec["layout"]["xaxis"]["ticktext"]
    # 'Explaining Softmax' at β = 500: p₂ = 1/(1 + e^−5 + e^−20) = 1/1.0067379 = 0.993307 (99.33 %)
    dots = array(trace(spec, "current-values")["y"])
    assert dots[1] == pytest.approx(0.993307, abs=5e-7)


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.name)
def test_every_preset_renders_the_page(preset):
    at = open_page()
    at.selectbox(key="preset").set_value(preset.name).run()
    assert_healthy(at)
    spec = charts(at)["probabilities_vs_temperature"]
    assert len([t for t in spec["data"] if t["meta"].startswith("class-")]) == len(preset.logits)
    assert traces(spec, f"class-{len(preset.logits) - 1}")


def test_wikipedia_preset_marks_its_probabilities_and_dashes_the_repeated_classes():
    at = open_page(z="1,2,3,4,1,2,3", T="1")
    spec = charts(at)["probabilities_vs_temperature"]
    dots = array(trace(spec, "current-values")["y"])
    # Wikipedia, "Softmax function": softmax(1,2,3,4,1,2,3) ≈ (0.02364, 0.06426, 0.1747, 0.4748, …)
    np.testing.assert_allclose(dots[:4], [0.02364, 0.06426, 0.1747, 0.4748], atol=5e-5)
    dashes = [trace(spec, f"class-{i}")["line"].get("dash") for i in range(7)]
    assert dashes == [None, None, None, None, "dash", "dash", "dash"]


# --- hostile links to the page's own parameters ---


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"units": "<script>alert(1)</script>"}, "units"),
        ({"units": "BITS"}, "units"),
        ({"units": "furlongs"}, "units"),
        ({"units": ""}, None),  # an empty value only clears the control: the default is what it asks for
        ({"scale_c": "nan"}, "scale_c"),
        ({"scale_c": "inf"}, "scale_c"),
        ({"scale_c": "-inf"}, "scale_c"),
        ({"scale_c": "1e999"}, "scale_c"),
        ({"scale_c": "1e7"}, "scale_c"),
        ({"scale_c": "abc"}, "scale_c"),
        ({"scale_c": "<img src=x onerror=alert(1)>"}, "scale_c"),
        ({"scale_c": "__import__('os')"}, "scale_c"),
        ({"scale_c": "0.5", "units": "bits", "T": "nan"}, "T"),
        ({"labels": "<b>x</b>,$\\alpha$,*y*", "scale_c": "-3"}, None),
    ],
)
def test_hostile_page_parameters_fall_back_to_defaults_and_are_named_in_one_warning(params, named):
    at = open_page(z="2,1,0.1", **params)
    assert not at.exception
    if named is None:
        assert not at.warning
    else:
        [warning] = at.warning
        assert f"{named} = " in warning.value and "was ignored" in warning.value
    assert len(charts(at)) == len(CHART_KEYS)
    # What the page uses; an empty ?units= leaves even a required segmented control at None.
    units = charts(at)["entropy_vs_temperature"]["layout"]["yaxis"]["title"]["text"]
    scale = at.number_input(key="scale_c").value
    assert math.isfinite(scale)
    if params.get("scale_c") not in ("0.5", "-3"):
        assert scale == 1.0
    assert units == ("entropy H (bits)" if params.get("units") == "bits" else "entropy H (nats)")


def test_labels_reach_the_charts_escaped_and_the_table_as_text():
    at = open_page(z="2,1,0.1", labels="<b>cat</b>,dog")
    found = charts(at)
    assert trace(found["probabilities_vs_temperature"], "class-0")["name"] == "&lt;b&gt;cat&lt;/b&gt;"
    assert "yours: <b>cat</b> vs dog" in relative_table(at)


def test_captions_follow_ties_at_the_top():
    tied = text(open_page(z="3,3,1", T="1"))
    assert "the 2 tied largest logits share it, 1/2 each" in tied
    assert "from log 2 = 0.6931 (2 logits tie for the top)" in tied  # ln 2
    flat = text(open_page(z="1,1,1", T="1"))
    assert "H stays flat" in flat and "same uniform bars" in flat
