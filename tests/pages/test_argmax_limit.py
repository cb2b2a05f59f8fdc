"""The arg max limit page, run headless with Streamlit's AppTest: every state the URL allows, hostile page
parameters, the widget, and the numbers shown checked against the core and against hand-worked values."""

from __future__ import annotations

import json
import math
import re
from functools import partial

import numpy as np
import pytest
from scipy.special import expit
from streamlit.testing.v1 import AppTest

from lessons.argmax_limit import model
from softmax_core import argmin_onehot, smooth_max, softmax
from tests import apptest
from tests.lessons.traces import trace, values

PAGE = "pages/argmax_limit.py"
CHARTS = ("probabilities", "distance", "near_tie", "simplex", "smooth_max")


open_page = partial(apptest.open_page, PAGE)


def chart(at: AppTest, key: str) -> dict:
    """The Plotly spec of the chart drawn under ``key``: by the server, or as an instant chart that follows
    the temperature slider in the browser."""
    element = next((c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")), None)
    return apptest.instant_chart(at, key)["figure"] if element is None else json.loads(element.proto.spec)


def chart_keys(at: AppTest) -> list[str]:
    """The keys of the page's charts that were drawn, however each is drawn."""
    ids = [c.proto.id for c in [*at.get("plotly_chart"), *at.get("bidi_component")]]
    return [key for key in CHARTS if any(element_id.endswith(f"-{key}") for element_id in ids)]


def current(spec: dict, name: str) -> dict:
    """The current β's marker (its ``meta`` is "current"), checked to carry the label ``name``."""
    found = trace(spec, "current")
    assert found["name"] == name
    return found


def raw(at: AppTest) -> str:
    """Everything the page body wrote as Markdown, as written (LaTeX included)."""
    return "\n".join(md.value for md in at.main.markdown)


def text(at: AppTest) -> str:
    """The page's Markdown with escapes removed: what a reader sees outside the $…$ formulas."""
    return re.sub(r"\\(.)", r"\1", raw(at))


def test_default_view_draws_every_chart_without_warning():
    at = open_page()
    assert not at.exception and not at.warning
    assert chart_keys(at) == list(CHARTS)
    distance = chart(at, "distance")
    assert distance["layout"]["xaxis"]["title"]["text"] == "inverse temperature β (log scale)"
    assert distance["layout"]["yaxis"]["type"] == "log"
    assert at.title[0].value == "The arg max limit"
    for key in CHARTS:  # every trace carries its stable id
        assert None not in [t.get("meta") for t in chart(at, key)["data"]], key
    assert at.select_slider(key="eps").value == model.EPS_DEFAULT


def test_distance_for_zero_one_at_beta_two_is_two_over_one_plus_e_squared():
    at = open_page(z="0,1", beta="2")
    dot = current(chart(at, "distance"), "current β = 2")
    # Hand-worked: ‖σ_2(0, 1) − (0, 1)‖₁ = 2/(1 + e²) = 0.23841.
    assert values(dot["y"])[0] == pytest.approx(2 / (1 + math.exp(2)), rel=1e-12)
    assert values(dot["x"])[0] == 2.0
    assert "At the current β it is 0.2384, and the slope is −2." in text(at)


def test_probabilities_and_smooth_max_at_the_current_beta_are_the_cores():
    at = open_page(z="2,1,0.1", T="0.5")
    z = np.array([2.0, 1.0, 0.1])
    dots = current(chart(at, "probabilities"), "current β = 2")
    np.testing.assert_array_equal(values(dots["y"]), softmax(z, beta=2.0))
    smooth = current(chart(at, "smooth_max"), "current β = 2")
    assert values(smooth["y"])[0] == smooth_max(z, 2.0)
    # max z + log 3 / 2 = 2.549: the upper bound quoted in the caption.
    assert f"and {2 + math.log(3) / 2:.4g}." in text(at)


def test_wikipedia_preset_shows_three_of_seven_classes_and_says_which():
    at = open_page()
    at.selectbox(key="preset").set_value("Wikipedia example").run()
    assert not at.exception and not at.warning
    body = text(at)
    assert "the largest logit (class 4), the next largest (class 3) and the smallest (class 1)" in body
    assert "class 5 also has the smallest logit but is not shown" in body
    ternary = chart(at, "simplex")["layout"]["ternary"]
    assert [ternary[f"{axis}axis"]["title"]["text"] for axis in "abc"] == [
        "<b>class 1</b>",
        "<b>class 3</b>",
        "<b>class 4</b>",
    ]
    # Equal logits draw one line: said once, under the chart.
    assert "their lines coincide" in body


def test_two_classes_show_the_logistic_instead_of_a_ternary():
    at = open_page(z="0,1", T="1")
    spec = chart(at, "simplex")
    assert all(t["type"] == "scatter" for t in spec["data"])
    assert spec["layout"]["title"]["text"] == "Two classes: a logistic curve"
    assert "there is no ternary plot" in text(at)


def test_ties_split_equally_and_the_first_class_one_hot_stays_at_distance_one():
    at = open_page(z="1,5,5", T="1")
    body = text(at)
    assert "level off at 1/2 = 0.5 each" in body
    assert "it levels off at 2(1 − 1/2) = 1 (dotted)" in body
    assert "the limit β → +∞ is arg max = (0, 0.5, 0.5)" in body
    assert "Here the arg max end sits mid-edge (two tied)." in body
    first = trace(chart(at, "distance"), "first-winner")
    assert values(first["y"])[-1] == pytest.approx(1.0, rel=1e-12)


def test_ternary_path_ends_at_the_arg_min_and_arg_max_corners():
    at = open_page(z="2,1,0.1", T="1")
    spec = chart(at, "simplex")
    start, end = trace(spec, "limit-argmin"), trace(spec, "limit-argmax")
    assert [values(start[c])[0] for c in "abc"] == [0, 0, 1]
    assert [values(end[c])[0] for c in "abc"] == [1, 0, 0]
    point = current(spec, "current β = 1")
    np.testing.assert_array_equal([values(point[c])[0] for c in "abc"], softmax([2.0, 1.0, 0.1]))


def test_beta_minus_infinity_looks_towards_the_arg_min_and_marks_the_axis_end():
    at = open_page(z="2,1,0.1", beta="-inf")
    assert not at.exception and not at.warning
    probabilities = chart(at, "probabilities")
    assert probabilities["layout"]["xaxis"]["title"]["text"] == "|β| = −β, for β < 0 (log scale)"
    dots = current(probabilities, "current β = −∞ (at the right end)")
    np.testing.assert_array_equal(values(dots["y"]), argmin_onehot([2.0, 1.0, 0.1]))
    assert values(dots["x"])[0] == pytest.approx(10 ** probabilities["layout"]["xaxis"]["range"][1])
    assert current(chart(at, "distance"), "current β = −∞ (at the right end): distance 0 (▼)")
    point = current(chart(at, "simplex"), "current β = −∞")
    assert [values(point[c])[0] for c in "abc"] == [0, 0, 1]
    body = text(at)
    assert "is the exact limit: it is marked at the right end of the axis" in body
    assert "Smooth min" in chart(at, "smooth_max")["layout"]["title"]["text"]


def test_temperature_zero_marks_the_arg_max_at_the_right_end():
    at = open_page(z="2,1,0.1", T="0")
    dots = current(chart(at, "probabilities"), "current β = ∞ (at the right end)")
    np.testing.assert_array_equal(values(dots["y"]), [1.0, 0.0, 0.0])
    assert "At the current β the distance is exactly 0: σ is the limit itself." in text(at)
    assert "At β = ∞ it is exactly max z = 2." in text(at)


def test_infinite_temperature_is_uniform_at_the_left_end_with_an_infinite_smooth_max():
    at = open_page(z="2,1,0.1", T="inf")
    dots = current(chart(at, "probabilities"), "current β = 0 (at the left end)")
    np.testing.assert_allclose(values(dots["y"]), 1 / 3)
    assert current(chart(at, "smooth_max"), "current β = 0 (at the left end): +∞ (▲)")
    assert "a log axis has no 0" in text(at)


@pytest.mark.parametrize(
    "params",
    [
        *apptest.TEMPERATURE_EXTREMES,
        {"beta": "-0.5"},
        {"beta": "1e300"},
        {"beta": "1e-300"},
        {"z": "2,1,1e6"},
        {"z": "0,1"},
        {"z": ",".join(str(i) for i in range(10))},
        {"z": ",".join(str((i * 7) % 13 - 6) for i in range(64))},
        {"z": "1e308,-1e308", "T": "1e-300"},
        {"z": "1e308,-1e308,0"},
        {"z": "3,3,3"},
        {"z": "1,1.0000000000000002"},
        {"z": "-1e308,5,5,5", "beta": "-1"},
    ],
)
def test_extreme_and_exact_limit_states_draw_every_chart_without_nan_or_warning(params):
    at = open_page(**params)
    assert not at.exception
    assert not at.warning
    assert chart_keys(at) == list(CHARTS)
    body = text(at)
    assert "NaN" not in body and "nan" not in body
    for key in CHARTS:
        spec = chart(at, key)
        assert spec["layout"]["title"]["text"]
        # A hidden trace (kept so that the chart has the same traces at every β) draws nothing.
        for item in (item for item in spec["data"] if item.get("visible") is not False):
            for axis in ("x", "y", "a", "b", "c"):
                if axis in item:
                    assert not np.isnan(values(item[axis]).astype(float)).any(), (key, item.get("name"))


def test_sixty_four_classes_draw_nine_lines_and_the_rest_summed():
    at = open_page(z=",".join(str(i) for i in range(64)))
    assert trace(chart(at, "probabilities"), "others")["name"] == "55 others (sum)"
    assert "the other 62 classes (total)" in text(at)  # the table keeps the two limits' winners


def test_one_and_one_point_0001_at_beta_a_million_is_zero_one():
    at = open_page(beta="1e6", eps="0.0001")
    dot = current(chart(at, "near_tie"), "current β = 1e6")
    assert values(dot["y"])[0] == 1.0
    # σ_β(1, 1.0001) at β = 10⁶: p₁ = 1/(1 + e^{100}) = 3.72008 × 10⁻⁴⁴.
    assert r"($3.72008 \times 10^{-44}$, 1)" in raw(at)
    assert r"\to (0, 1)$ as β → +∞" in raw(at)


def test_one_and_point_9999_tends_to_one_zero():
    at = open_page(beta="1e6", eps="-0.0001")
    spec = chart(at, "near_tie")
    assert values(current(spec, "current β = 1e6")["y"])[0] < 1e-40
    assert values(trace(spec, "eps-chosen")["y"])[-1] < 1e-300
    assert r"\to (1, 0)$ as β → +∞" in raw(at)


@pytest.mark.parametrize("beta", ["1", "1e300", "inf"])
def test_an_exact_tie_stays_at_one_half_for_every_beta(beta):
    at = open_page(beta=beta, eps="0")
    spec = chart(at, "near_tie")
    np.testing.assert_array_equal(values(trace(spec, "eps-chosen")["y"]), 0.5)
    assert values(trace(spec, "current")["y"])[0] == 0.5
    assert "no β, however large, breaks a tie" in text(at)


def test_moving_epsilon_redraws_the_chosen_curve():
    at = open_page(beta="100")
    at.select_slider(key="eps").set_value("-0.01").run()
    assert not at.exception
    spec = chart(at, "near_tie")
    chosen = trace(spec, "eps-chosen")
    x = values(chosen["x"])
    # σ_β(1, 0.99)₂ = 1/(1 + e^{0.01β}) = expit(−0.01β), the logistic with the sign flipped.
    np.testing.assert_allclose(values(chosen["y"]), expit(-0.01 * x), rtol=1e-9)
    assert "ln 99 / |ε| ≈ 459.5" in text(at)


@pytest.mark.parametrize(
    "eps",
    ["abc", "nan", "inf", "-inf", "<script>alert(1)</script>", "1e999", "0.5", "", "0.0001,0.01", "１"],
)
def test_hostile_epsilon_in_the_link_falls_back_to_the_default_and_is_named(eps):
    at = open_page(eps=eps)
    assert not at.exception
    # An empty value only clears the control; any other unusable one is named in the page's warning.
    assert [w.value.count("eps = ") for w in at.warning] == ([1] if eps else [])
    assert at.select_slider(key="eps").value == model.EPS_DEFAULT
    chosen = trace(chart(at, "near_tie"), "eps-chosen")
    np.testing.assert_array_equal(values(chosen["y"]), model.near_tie_curve(1e-4, values(chosen["x"])))


def test_labels_reach_the_charts_escaped_and_the_text_escaped():
    at = open_page(z="3,1,2", labels="<b>x</b>,$y$,*z*")
    assert not at.exception
    ternary = chart(at, "simplex")["layout"]["ternary"]
    assert ternary["aaxis"]["title"]["text"] == "<b>&lt;b&gt;x&lt;/b&gt;</b>"
    assert trace(chart(at, "probabilities"), "class-0")["name"] == "&lt;b&gt;x&lt;/b&gt;"
    written = raw(at)
    assert r"\<b\>x\</b\>" in written and r"\$y\$" in written and r"\*z\*" in written


def visible(text: str) -> str:
    """A Plotly title as read: tags dropped (σ<sub>β</sub> is 'σβ'), entities as one character."""
    return re.sub(r"&[a-z]+;", "x", re.sub(r"<[^>]+>", "", text or ""))


@pytest.mark.parametrize(
    "params",
    [
        {"T": "1"},
        {"beta": "-inf"},
        {"z": "0,1", "T": "1"},
        {"z": "1,1,3,4,1,2,3", "T": "1"},
        {"beta": "1e300"},
    ],
)
def test_every_chart_title_fits_a_phone_and_its_legend_sits_under_the_plot(params):
    at = open_page(**params)
    for key in CHARTS:
        layout = chart(at, key)["layout"]
        title = layout["title"]
        assert len(visible(title["text"])) <= 34, (key, title["text"])
        assert len(visible(title.get("subtitle", {}).get("text"))) <= 40, (key, title)
        assert len(visible(layout["xaxis"].get("title", {}).get("text"))) <= 36, key
        assert layout["legend"]["yref"] == "container" and layout["legend"]["y"] == 0, key
    # Side by side, the first two plots start at the same height.
    margins = [chart(at, key)["layout"]["margin"]["t"] for key in ("probabilities", "distance")]
    assert margins[0] == margins[1], margins
    # Seven classes: the triangle shows three, and says so under its title.
    if params.get("z") == "1,1,3,4,1,2,3":
        assert (
            chart(at, "simplex")["layout"]["title"]["subtitle"]["text"] == "3 of its 7 classes, named below"
        )


def test_the_formula_is_set_one_relation_a_line_to_fit_a_phone():
    # Before: one line of about 60 symbols, cut at the right edge of a phone.
    (formula,) = [element.value for element in open_page(T="1").latex]
    assert r"\begin{gathered}" in formula and formula.count(r"\\") == 2
