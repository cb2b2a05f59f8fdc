"""The 'Why exponentiate?' page, run headless with Streamlit's AppTest."""

from __future__ import annotations

import math
import re
from functools import partial
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from streamlit.testing.v1 import AppTest

from lessons.alternatives.model import MAPS, MAPS_BY_KEY
from lessons.common.text import number
from softmax_core import entmax15, gumbel_max_sample, gumbel_softmax, normalize, softmax, sparsemax
from tests import apptest
from tests.lessons.traces import trace, values
from tests.pages.charts import chart, charts
from ui.controls import PRESETS

PAGE = "pages/alternatives.py"
CHARTS = ["maps", "shift_bars", "logistic", "gumbel_histogram", "gumbel_softmax"]


open_page = partial(apptest.open_page, PAGE)


def property_rows(at: AppTest) -> list[list[str]]:
    """The property table (a Markdown table) as a reader sees it: its header and rows, unescaped."""
    source = next(md.value for md in at.markdown if md.value.startswith("| map |"))
    return [
        [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in line.strip("|").split(" | ")]
        for line in source.splitlines()
        if not line.startswith("|:")
    ]


def property_cells(at: AppTest) -> dict[str, dict[str, str]]:
    """The property table as {map: {property: cell}}."""
    header, *rows = property_rows(at)
    return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows}


def cells_at(temperature: str) -> list[str]:
    """Every cell of the property table the page writes at T = ``temperature`` (z = 2, 1, 0.1), in order."""
    return [cell for row in property_rows(open_page(z="2,1,0.1", T=temperature)) for cell in row]


text = apptest.markdown_text


# --- The default view ---------------------------------------------------------------------------


def test_default_view_draws_five_charts_without_warning():
    at = open_page(z="2,1,0.1", T="1")
    assert not at.exception and not at.warning
    assert sorted(charts(at)) == sorted(CHARTS)
    assert at.title[0].value == "Why exponentiate?"


def test_bars_show_every_map_on_the_current_logits():
    at = open_page(z="2,1,0.1", T="2")
    spec = chart(at, "maps")
    z = [2.0, 1.0, 0.1]
    assert [t["name"] for t in spec["data"]] == [m.name for m in MAPS]
    assert_array_equal(values(trace(spec, "map-softmax")["y"]), softmax(z, temperature=2))
    assert_array_equal(values(trace(spec, "map-entmax15")["y"]), entmax15(z, temperature=2))
    assert_array_equal(values(trace(spec, "map-exp2")["y"]), normalize(z, "exp2", temperature=2))
    # Hand-worked: sparsemax(2, 1, 0.1) at T = 2 is (0.75, 0.25, 0); the square ignores T: (4, 1, 0.01)/5.01.
    assert_allclose(values(trace(spec, "map-sparsemax")["y"]), [0.75, 0.25, 0.0], rtol=1e-15)
    assert_allclose(values(trace(spec, "map-square")["y"]), np.array([4, 1, 0.01]) / 5.01)
    assert spec["layout"]["title"]["text"] == "Six maps of the same logits, at T = 2"


def test_property_table_is_computed_for_the_current_logits():
    cells = property_cells(open_page(z="2,1,0.1", T="1"))
    assert list(cells) == [m.name for m in MAPS]
    softmax_row = cells[MAPS_BY_KEY["softmax"].name]
    assert softmax_row["invariant to z + c"] == "yes"
    assert softmax_row["order preserved"] == "yes"
    assert softmax_row["outputs positive"] == "yes"
    assert softmax_row["changes with T (T → T/2)"].startswith("yes")
    assert cells[MAPS_BY_KEY["square"].name]["invariant to z + c"].startswith("no: p moves up to ")
    assert cells["sparsemax"]["sparse (exact zeros)"] == "yes: 2 of 3 are 0"
    assert (
        cells[MAPS_BY_KEY["relu"].name]["differentiable (documented)"]
        == "no: a kink at 0, no gradient for z < 0"
    )


def test_negative_logits_show_the_square_losing_the_order_in_the_table():
    cells = property_cells(open_page(z="-3,1,-0.5"))
    assert cells[MAPS_BY_KEY["square"].name]["order preserved"] == (
        "no: class 1 has a smaller z but a larger p than class 3"
    )
    assert cells[MAPS_BY_KEY["softmax"].name]["order preserved"] == "yes"
    assert cells[MAPS_BY_KEY["softmax"].name]["invariant to z + c"] == "yes"


def test_all_negative_logits_leave_the_relu_undefined_and_say_why():
    at = open_page(z="-1,-2,-3")
    assert not at.exception and not at.warning
    relu = MAPS_BY_KEY["relu"].name
    assert trace(chart(at, "maps"), "map-relu")["name"] == f"{relu}: undefined here"
    assert "every logit is ≤ 0, so every ReLU output" in re.sub(r"\\(.)", r"\1", text(at))
    assert property_cells(at)[relu]["outputs positive"].startswith("undefined here")


def test_labels_are_escaped_in_the_table_and_the_charts():
    at = open_page(z="-3,1,-0.5", labels="*a*,<i>b</i>,<i>c</i>")
    source = next(md.value for md in at.markdown if md.value.startswith("| map |"))
    assert r"\*a\* has a smaller z" in source and r"\<i\>c\</i\>" in source
    x_title = chart(at, "logistic")["layout"]["xaxis"]["title"]["text"]
    assert x_title == "logit difference<br>d = z(*a*) − z(&lt;i&gt;b&lt;/i&gt;)"
    assert list(values(trace(chart(at, "maps"), "map-softmax")["x"])) == [
        "*a*",
        "&lt;i&gt;b&lt;/i&gt;",
        "&lt;i&gt;c&lt;/i&gt;",
    ]


# --- Translation invariance and the two-class curve ---------------------------------------------


def test_shift_slider_moves_the_square_but_not_softmax():
    at = open_page(z="2,1,0.1", T="1")
    at.slider(key="shift").set_value(-3.5).run()
    assert not at.exception
    spec = chart(at, "shift_bars")
    before, after, square_before, square_after = (
        values(trace(spec, f"{panel}-{when}")["y"])
        for panel in ("softmax", "square")
        for when in ("original", "shifted")
    )
    z = np.array([2.0, 1.0, 0.1])
    assert_allclose(after, before, rtol=1e-15)
    assert_array_equal(after, softmax(z - 3.5))
    assert_array_equal(square_after, normalize(z - 3.5, "square"))
    assert np.abs(square_after - square_before).max() > 0.3
    assert trace(spec, "softmax-shifted")["name"] == "z + c, c = −3.5"


def test_a_shift_that_zeroes_every_logit_leaves_the_square_undefined_and_says_so():
    at = open_page(z="-1,-1", shift="1.0")
    assert not at.exception and not at.warning
    assert np.isnan(values(trace(chart(at, "shift_bars"), "square-shifted")["y"]).astype(float)).all()
    assert "Here the normalised square is undefined at z + c: every logit is 0" in text(at)


def test_two_class_marker_is_the_sigmoid_of_the_difference():
    at = open_page(z="3,1.5,0.2", T="0.5")
    spec = chart(at, "logistic")
    marker = trace(spec, "current")
    # By hand: d = 1.5 at T = 0.5: σ(3) = 1/(1 + e^-3) = 0.9525741268224334.
    assert values(marker["x"])[0] == 1.5
    assert math.isclose(values(marker["y"])[0], 0.9525741268224334, rel_tol=1e-15)
    assert_allclose(
        values(trace(spec, "softmax")["y"]), values(trace(spec, "sigmoid")["y"]), rtol=1e-15, atol=1e-300
    )
    assert spec["layout"]["shapes"][0]["x0"] == 1.5


def test_an_overflowing_difference_is_not_marked_and_is_named():
    at = open_page(z="1e308,-1e308")
    assert not at.exception and not at.warning
    assert [t["meta"] for t in chart(at, "logistic")["data"]] == ["softmax", "sigmoid"]
    assert "overflows a float, so it is not marked" in text(at)


# --- Gumbel sampling ----------------------------------------------------------------------------


def test_histogram_is_the_seeded_gumbel_max_sample_of_the_core():
    at = open_page(z="2,1,0.1", T="1", samples="10,000", seed="42")
    spec = chart(at, "gumbel_histogram")
    draws = gumbel_max_sample([2.0, 1.0, 0.1], size=10_000, rng=np.random.default_rng(42))
    shares = np.bincount(draws, minlength=3) / 10_000
    assert_array_equal(values(trace(spec, "shares")["y"]), shares)
    assert_array_equal(values(trace(spec, "softmax")["y"]), softmax([2.0, 1.0, 0.1]))
    assert spec["layout"]["title"]["text"] == "10,000 Gumbel-max samples"
    assert spec["layout"]["title"]["subtitle"]["text"] == "arg max(z/T + Gumbel noise), beside softmax p"
    gap = np.abs(shares - softmax([2.0, 1.0, 0.1])).max()
    assert f"the largest gap from p is now {number(gap)}" in text(at)


def test_more_samples_bring_the_histogram_closer_to_softmax():
    at = open_page(z="1,2,3,4,1,2,3")
    gaps = []
    for samples in (100, 100_000):
        at.select_slider(key="samples").set_value(samples).run()
        spec = chart(at, "gumbel_histogram")
        gaps.append(np.abs(values(trace(spec, "shares")["y"]) - values(trace(spec, "softmax")["y"])).max())
    assert gaps[1] < 0.01 < gaps[0]


def test_new_seed_button_draws_a_new_histogram_and_puts_the_seed_in_the_link():
    at = open_page(z="2,1,0.1", samples="100")
    first = values(trace(chart(at, "gumbel_histogram"), "shares")["y"])
    at.button(key="new_seed").click().run()
    assert not at.exception
    assert at.number_input(key="seed").value == 1
    assert at.query_params["seed"] == "1"
    draws = gumbel_max_sample([2.0, 1.0, 0.1], size=100, rng=np.random.default_rng(1))
    second = values(trace(chart(at, "gumbel_histogram"), "shares")["y"])
    assert_array_equal(second, np.bincount(draws, minlength=3) / 100)
    assert not np.array_equal(first, second)


def test_relaxed_samples_follow_tau_and_the_seed():
    at = open_page(z="2,1,0.1", T="1", seed="5")
    at.select_slider(key="tau").set_value(0.05).run()
    spec = chart(at, "gumbel_softmax")
    expected = gumbel_softmax([2.0, 1.0, 0.1], tau=0.05, rng=np.random.default_rng((5, 1)), size=8)
    assert_array_equal(values(trace(spec, "samples")["z"]), expected)
    assert spec["layout"]["title"]["text"] == "8 Gumbel-softmax samples, τ = 0.05"
    assert values(trace(spec, "samples")["z"]).max(axis=1).mean() > 0.9  # nearly one-hot at small τ


def test_page_parameters_from_a_link_set_the_widgets():
    at = open_page(z="2,1,0.1", samples="100,000", tau="2", shift="-3.5", seed="7")
    assert at.select_slider(key="samples").value == 100_000
    assert at.select_slider(key="tau").value == 2.0
    assert at.slider(key="shift").value == -3.5
    assert at.number_input(key="seed").value == 7
    assert not at.warning


# --- Presets, extremes and hostile links --------------------------------------------------------


@pytest.mark.parametrize("preset", PRESETS, ids=lambda preset: preset.name)
def test_every_preset_renders(preset):
    at = open_page(z=",".join(str(x) for x in preset.logits))
    assert not at.exception and not at.warning
    assert len(charts(at)) == 5


@pytest.mark.parametrize(
    "params",
    [
        *apptest.TEMPERATURE_EXTREMES,
        {"beta": "-2"},
        {"z": "1e6,0,1"},
        {"z": "1,2"},
        {"z": ",".join(str(i % 7 - 3) for i in range(10))},
        {"z": ",".join(str(round(math.sin(i) * 5, 2)) for i in range(64)), "samples": "100,000"},
        {"z": "1e308,-1e308,0", "T": "0.01"},
        {"z": "1.7976931348623157e308,-1.7976931348623157e308"},
        {"z": "0,0,0"},
        {"z": "5e-324,-5e-324", "T": "1e-300"},
    ],
)
def test_extreme_states_render_without_exception_warning_or_nan(params):
    at = open_page(**params)
    assert not at.exception
    assert not at.warning
    assert len(charts(at)) == 5
    assert "nan" not in text(at).lower()
    for row in property_cells(at).values():
        assert not any("nan" in cell.lower() for cell in row.values())


def test_zero_temperature_makes_every_tempered_map_the_arg_max():
    at = open_page(z="2,1,0.1", T="0")
    spec = chart(at, "maps")
    for key in ("softmax", "sparsemax", "entmax15", "exp2"):
        assert_array_equal(values(trace(spec, f"map-{key}")["y"]), [1.0, 0.0, 0.0])
    cells = property_cells(at)
    assert cells[MAPS_BY_KEY["softmax"].name]["changes with T (T → T/2)"] == "no"
    assert cells[MAPS_BY_KEY["softmax"].name]["sparse (exact zeros)"] == "yes: 2 of 3 are 0"


def test_negative_beta_is_named_as_beta_in_the_titles():
    at = open_page(z="2,1,0.1", beta="-inf")
    assert chart(at, "maps")["layout"]["title"]["text"] == "Six maps of the same logits, at β = −∞"
    assert_array_equal(
        values(trace(chart(at, "maps"), "map-sparsemax")["y"]), sparsemax([2, 1, 0.1], beta=-math.inf)
    )


@pytest.mark.parametrize(
    "params",
    [
        {"samples": "abc"},
        {"samples": "7"},
        {"samples": "1e999"},
        {"samples": "<script>alert(1)</script>"},
        {"tau": "nan"},
        {"tau": "-1"},
        {"tau": "inf"},
        {"tau": "0.3"},
        {"shift": "nan"},
        {"shift": "inf"},
        {"shift": "1e308"},
        {"shift": "11"},
        {"shift": "<b>x</b>"},
        {"seed": "-1"},
        {"seed": "nan"},
        {"seed": "99999999999999999999999"},
        {"seed": "__import__('os')"},
    ],
)
def test_hostile_page_parameters_fall_back_to_the_defaults_and_are_named_in_one_warning(params):
    at = open_page(z="2,1,0.1", **params)
    assert not at.exception
    [warning] = at.warning
    [name] = params
    assert f"{name} = " in warning.value and "was ignored" in warning.value
    assert at.select_slider(key="samples").value == 1_000
    assert at.select_slider(key="tau").value == 0.5
    assert at.slider(key="shift").value == 2.0
    assert at.number_input(key="seed").value == 0
    assert len(charts(at)) == 5


def test_moving_every_page_widget_and_rerunning_keeps_the_page_whole():
    at = open_page(z="2,1,0.1")
    at.slider(key="shift").set_value(10.0).run()
    at.select_slider(key="samples").set_value(10).run()
    at.select_slider(key="tau").set_value(10.0).run()
    at.number_input(key="seed").set_value(123).run()
    at.select_slider(key="temperature").set_value(0.01).run()
    assert not at.exception and not at.warning
    assert chart(at, "gumbel_histogram")["layout"]["title"]["text"] == "10 Gumbel-max samples"
    relaxed = values(trace(chart(at, "gumbel_softmax"), "samples")["z"])
    assert_allclose(relaxed.sum(axis=1), 1.0, rtol=1e-15)


def test_maximum_entropy_links_to_the_boltzmann_page_with_the_same_view():
    at = open_page(z="2,-1,0.5", T="0.5")
    links = [link for link in at.main.get("page_link") if "Boltzmann" in link.proto.label]
    assert len(links) == 1 and links[0].proto.page.endswith("boltzmann")
    # A click keeps the session, which holds the view; a new tab opens the address the browser gives the
    # link at the thumb's stop (ui.shell.link_to), here the current one.
    assert links[0].proto.query_string == ""
    (link,) = [target for target in apptest.followed(at) if target["target"] == "link_to_boltzmann"]
    address = urlsplit(link["stops"][link["current"]]["links"][0])
    assert address.path == "/boltzmann" and parse_qs(address.query) == {"z": ["2,-1,0.5"], "T": ["0.5"]}


def test_the_property_table_follows_the_slider_cell_by_cell_words_included():
    # From T = 1 to 1.2 sparsemax's support grows and 1.5-entmax's fills: words change, not only numbers.
    at = open_page(z="2,1,0.1", T="1")
    (table,) = [target for target in apptest.followed(at) if target["target"] == "properties_table"]
    for temperature in ("0.8", "1.2"):
        stop = table["stops"][[stop["label"] for stop in table["stops"]].index(temperature)]
        assert stop["texts"] == [cells_at(temperature)]
    assert table["stops"][21]["texts"] != table["stops"][22]["texts"]
