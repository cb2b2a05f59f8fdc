"""The Boltzmann distribution page, run headless with Streamlit's AppTest."""

from __future__ import annotations

import json
import math
import re
from functools import partial

import numpy as np
import pytest
from numpy.testing import assert_allclose
from streamlit.testing.v1 import AppTest

from lessons.boltzmann import captions, model
from lessons.common.text import number
from softmax_core import boltzmann, heat_capacity, mean_energy, softmax, thermal_entropy
from tests import apptest
from tests.lessons.traces import trace, values

PAGE = "pages/boltzmann.py"
CHARTS = ("levels_diagram", "populations", "thermodynamics", "inversion", "max_entropy")

# A NumPy RuntimeWarning anywhere in the page (overflow, 0/0) fails the test.
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")


open_page = partial(apptest.open_page, PAGE)


def numbers(at: AppTest) -> dict[str, str]:
    """The thermodynamics table: quantity → value as shown."""
    source = next(md.value for md in at.markdown if md.value.startswith("| quantity |"))
    rows = [line.strip("|").split(" | ") for line in source.splitlines()[2:]]
    return {row[0].strip(): row[-1].strip() for row in rows}


def charts(at: AppTest) -> dict[str, dict]:
    """Every chart of the page as its Plotly spec, by the page's chart keys (in page order): drawn by the
    server, or as an instant chart that follows the temperature slider in the browser."""
    specs = {
        chart.proto.id.rsplit("-", 1)[1]: json.loads(chart.proto.spec) for chart in at.get("plotly_chart")
    }
    for element in at.get("bidi_component"):
        key = element.proto.id.rsplit("-", 1)[1]
        if key in CHARTS:
            specs[key] = apptest.instant_chart(at, key)["figure"]
    assert sorted(specs) == sorted(CHARTS), list(specs)
    return {key: specs[key] for key in CHARTS}


def all_text(at: AppTest) -> str:
    return " ".join(md.value for md in at.markdown) + " ".join(c.value for c in at.caption)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert not at.error, [e.value for e in at.error]
    assert "NaN" not in numbers(at).values()


# --- the default view and hand-worked numbers ------------------------------------------------------


def test_default_view_is_the_two_level_system_at_kt_1_with_hand_worked_numbers():
    at = open_page(z="2,1,0.1", T="1")
    assert_clean(at)
    assert at.segmented_control(key="system").value == "Two-level"
    shown = numbers(at)
    # Levels 0 and ε at kT = ε: Z = 1 + 1/e = 1.368, ln Z = 0.3133, F = −0.3133 ε, U = 1/(1 + e) = 0.2689 ε,
    # S = ln Z + U/kT = 0.5822 k_B, C = e/(1 + e)² = 0.1966 k_B (by hand, e = 2.71828).
    assert shown["partition function Z"] == "1.368"
    assert shown["ln Z"] == "0.3133"
    assert shown["free energy F"] == "−0.3133 ε"
    assert shown["mean energy U"] == "0.2689 ε"
    assert shown["entropy S"] == "0.5822 $k_B$"
    assert shown["heat capacity C"] == "0.1966 $k_B$"
    assert shown["temperature"] == "kT = 1 ε"
    assert shown["coldness β"] == "1 ε⁻¹"
    specs = charts(at)
    assert_allclose(values(trace(specs["populations"], "populations")["y"]), boltzmann([0.0, 1.0], 1.0))
    assert specs["levels_diagram"]["layout"]["yaxis"]["title"]["text"] == "energy E (ε)"
    for key, spec in specs.items():  # every trace carries its stable id
        assert None not in [t.get("meta") for t in spec["data"]], key


def test_two_level_heat_capacity_marks_the_schottky_peak_at_0_4168():
    at = open_page(T="1")
    spec = charts(at)["thermodynamics"]
    peak = trace(spec, "peak")
    # The maximum of x² eˣ/(1 + eˣ)² (x = ΔE/kT) is at x = 2.39936, kT = 0.41678 ΔE, C = 0.43923 k_B
    # (Kittel & Kroemer, Thermal Physics, ch. 3, problem 3); test_boltzmann_model.py solves it with scipy.
    assert peak["text"] == ["Schottky peak<br>C = 0.4392 k<sub>B</sub>"]
    assert peak["hovertemplate"].startswith("Schottky peak: C = 0.4392 k<sub>B</sub> at kT = 0.4168 ε")
    assert values(peak["x"])[0] == pytest.approx(0.416778, rel=1e-5)
    assert values(peak["y"])[0] == pytest.approx(0.439229, rel=1e-5)
    assert "Schottky anomaly" in all_text(at) and "0.42 ΔE" in all_text(at)


def test_curves_over_t_are_the_cores_and_mark_the_present_temperature():
    at = open_page(T="0.5")
    spec = charts(at)["thermodynamics"]
    solid = [trace(spec, f"positive-{key}") for key in ("U", "S", "C")]  # one panel each
    x = values(solid[0]["x"])
    assert x[0] == pytest.approx(0.01) and x[-1] == pytest.approx(100.0)
    assert_allclose(values(solid[0]["y"]), mean_energy([0.0, 1.0], x), rtol=1e-15)
    assert_allclose(values(solid[1]["y"]), thermal_entropy([0.0, 1.0], x), rtol=1e-15)
    assert_allclose(values(solid[2]["y"]), heat_capacity([0.0, 1.0], x), rtol=1e-15)
    marks = [trace(spec, f"current-{key}") for key in ("U", "S", "C")]
    assert [values(m["x"])[0] for m in marks] == [0.5, 0.5, 0.5]
    assert values(marks[2]["y"])[0] == pytest.approx(float(heat_capacity([0.0, 1.0], 0.5)))
    assert spec["layout"]["xaxis3"]["title"]["text"] == "kT in units of ε (log scale)"
    assert spec["layout"]["xaxis"]["type"] == "log"


def test_ladder_matches_the_truncated_oscillator_closed_form():
    at = open_page(T="2", system="Ladder")
    assert_clean(at)
    # E_n = (n + ½)ε, n = 0…9, at kT = 2ε: U = ½ + 1/(e^½ − 1) − 10/(e^5 − 1) = 1.974 ε and
    # Z = e^{−1/4}(1 − e^{−5})/(1 − e^{−1/2}) = 1.966 (geometric series).
    b = 0.5
    u = 0.5 + 1 / math.expm1(b) - 10 / math.expm1(10 * b)
    z = math.exp(-b / 2) * -math.expm1(-10 * b) / -math.expm1(-b)
    shown = numbers(at)
    assert shown["mean energy U"] == f"{number(u)} ε" == "1.974 ε"
    assert shown["partition function Z"] == number(z) == "1.966"
    assert shown["free energy F"] == f"{number(-2 * math.log(z))} ε"
    bars = trace(charts(at)["populations"], "populations")
    assert len(values(bars["y"])) == 10
    assert "cut off at N levels" in all_text(at)


def test_ladder_levels_slider_sets_the_number_of_levels():
    at = open_page(T="1", system="Ladder")
    at.slider(key="levels").set_value(25).run()
    assert_clean(at)
    bars = trace(charts(at)["populations"], "populations")
    expected = boltzmann(np.arange(25) + 0.5, 1.0)
    assert_allclose(values(bars["y"]), expected, rtol=1e-15)
    assert values(bars["x"]).tolist() == [str(n) for n in range(25)]


def test_ladder_levels_slider_is_disabled_for_the_other_systems():
    assert open_page(T="1").slider(key="levels").disabled
    assert not open_page(T="1", system="Ladder").slider(key="levels").disabled


def test_degenerate_ground_level_at_t_zero_splits_equally_and_keeps_entropy_ln_2():
    at = open_page(T="0", system="Degenerate")
    assert_clean(at)
    assert values(trace(charts(at)["populations"], "populations")["y"]).tolist() == [0.5, 0.5, 0.0]
    shown = numbers(at)
    assert shown["entropy S"] == "0.6931 $k_B$"  # residual entropy ln 2
    assert shown["partition function Z"] == "2"  # the two ground states, e^0 each
    assert shown["mean energy U"] == "0 ε" and shown["heat capacity C"] == "0 $k_B$"
    assert shown["temperature"] == "T = 0"
    assert "split equally" in all_text(at)


def test_my_logits_are_energies_minus_z_and_give_softmax():
    at = open_page(z="2,1,0.1", T="0.5", labels="cat,dog,bird", system="My logits")
    assert_clean(at)
    specs = charts(at)
    bars = trace(specs["populations"], "populations")
    assert values(bars["x"]).tolist() == ["cat", "dog", "bird"]
    # softmax((2, 1, 0.1)/0.5) = (0.8638, 0.1169, 0.01932), as on the Playground.
    assert_allclose(values(bars["y"]), softmax([2.0, 1.0, 0.1], temperature=0.5), rtol=1e-15)
    diagram = specs["levels_diagram"]
    assert_allclose(values(trace(diagram, "levels")["y"])[::3], [-2.0, -1.0, -0.1])
    p = softmax([2.0, 1.0, 0.1], temperature=0.5)
    assert numbers(at)["mean energy U"] == f"{number(float(-(p @ [2.0, 1.0, 0.1])))} ε" == "−1.846 ε"


def test_labels_are_escaped_in_the_charts():
    at = open_page(z="1,2", labels="<b>x</b>,y", system="My logits")
    assert_clean(at)
    assert values(trace(charts(at)["populations"], "populations")["x"])[0] == "&lt;b&gt;x&lt;/b&gt;"


# --- negative temperature and the exact limits ------------------------------------------------------


def test_negative_beta_shows_a_population_inversion():
    at = open_page(beta="-1")
    assert_clean(at)
    specs = charts(at)
    # p ∝ e^{E} at kT = −1: (1, e)/(1 + e) = (0.2689, 0.7311).
    assert_allclose(values(trace(specs["populations"], "populations")["y"]), [0.268941, 0.731059], rtol=1e-5)
    assert numbers(at)["mean energy U"] == "0.7311 ε"
    assert numbers(at)["temperature"] == "kT = −1 ε"
    negative = [trace(specs["thermodynamics"], f"negative-{key}") for key in ("U", "S", "C")]
    assert_allclose(values(negative[0]["y"]), mean_energy([0.0, 1.0], -values(negative[0]["x"])), rtol=1e-15)
    text = all_text(at)
    assert "Population inversion" in text and "Purcell and Pound (1951)" in text and "laser" in text
    assert trace(specs["populations"], "limit")["name"] == "top level(s) (T → 0⁻)"


def test_beta_minus_infinity_puts_everything_on_the_top_level():
    at = open_page(beta="-inf", system="Ladder")
    assert_clean(at)
    specs = charts(at)
    p = values(trace(specs["populations"], "populations")["y"])
    assert p[-1] == 1.0 and p[:-1].sum() == 0.0
    shown = numbers(at)
    assert shown["temperature"] == "T = 0⁻ (β = −∞)"
    assert shown["mean energy U"] == "9.5 ε" and shown["coldness β"] == "−∞"
    assert shown["partition function Z"] == "∞ (the exact limit)"
    now = trace(specs["inversion"], "current")
    assert now["text"][1] == "← now: β = −∞"


def test_infinite_temperature_is_uniform_with_f_minus_infinity():
    at = open_page(T="inf", system="Ladder")
    assert_clean(at)
    assert_allclose(
        values(trace(charts(at)["populations"], "populations")["y"]), np.full(10, 0.1), rtol=1e-15
    )
    shown = numbers(at)
    assert shown["free energy F"] == "−∞" and shown["mean energy U"] == "5 ε"
    assert shown["entropy S"] == f"{number(math.log(10))} $k_B$"


def test_exact_limit_buttons_move_the_page():
    at = open_page(T="1", system="Degenerate")
    at.button(key="limit_cold").click().run()
    assert_clean(at)
    assert numbers(at)["temperature"] == "T = 0"
    at.segmented_control(key="scale").set_value("beta").run()
    at.button(key="limit_argmin").click().run()
    assert_clean(at)
    assert values(trace(charts(at)["populations"], "populations")["y"]).tolist() == [0.0, 0.0, 1.0]


# --- units ------------------------------------------------------------------------------------------


def test_mev_units_show_energies_in_mev_and_temperature_in_kelvin():
    at = open_page(T="1", units="meV")
    assert_clean(at)
    shown = numbers(at)
    # ε = 25.85 meV: U = 0.2689 × 25.85 = 6.952 meV; T = 25.85/0.08617333262 = 300 K.
    assert shown["mean energy U"] == "6.952 meV"
    assert shown["temperature"] == "kT = 25.85 meV, T = 300 K"
    spec = charts(at)["thermodynamics"]
    assert spec["layout"]["xaxis3"]["title"]["text"] == "temperature T (K) (log scale)"
    x = values(trace(spec, "positive-U")["x"])
    assert x[0] == pytest.approx(0.01 * 25.85 / model.K_B_MEV_PER_K)


def test_changing_units_and_energy_unit_reruns_with_the_new_scale():
    at = open_page(T="1")
    assert at.number_input(key="epsilon").disabled
    at.segmented_control(key="energy_units").set_value("eV").run()
    at.number_input(key="epsilon").set_value(1000.0).run()
    assert_clean(at)
    shown = numbers(at)
    # ε = 1000 meV = 1 eV: U = 0.2689 eV, T = 1 eV / k_B = 11,600 K.
    assert shown["mean energy U"] == "0.2689 eV"
    assert shown["temperature"] == "kT = 1 eV, T = 1.16e4 K"
    assert charts(at)["inversion"]["layout"]["xaxis"]["title"]["text"] == "coldness β = 1/kT (eV⁻¹)"


def test_energies_too_large_for_mev_fall_back_to_units_of_epsilon_with_a_sentence():
    at = open_page(z="1e308,-1e308", system="My logits", units="meV")
    assert_clean(at)
    assert "shows them in units of ε" in all_text(at)
    assert numbers(at)["mean energy U"].endswith(" ε")


# --- maximum entropy --------------------------------------------------------------------------------


def test_max_entropy_chart_puts_the_boltzmann_curve_above_every_random_distribution():
    at = open_page(T="1", system="Ladder")
    spec = charts(at)["max_entropy"]
    samples = trace(spec, "samples")
    assert samples["name"] == "random distributions (2,000)"
    u, s = values(samples["x"]), values(samples["y"])
    assert len(u) == 2000
    curve = trace(spec, "positive"), trace(spec, "negative")
    curve_u = np.concatenate([values(c["x"]) for c in curve])
    curve_s = np.concatenate([values(c["y"]) for c in curve])
    order = np.argsort(curve_u)
    # Linear interpolation of a concave curve lies below it: a sample above it would beat the maximum.
    assert np.all(s <= np.interp(u, curve_u[order], curve_s[order]) + 1e-3)
    now = trace(spec, "current")
    ladder = np.arange(10) + 0.5
    assert values(now["x"])[0] == pytest.approx(float(mean_energy(ladder, 1.0)))
    assert values(now["y"])[0] == pytest.approx(float(thermal_entropy(ladder, 1.0)))


def test_two_levels_say_that_every_distribution_lies_on_the_curve():
    default = all_text(open_page(T="1"))
    assert "all lie on the curve, hidden under it" in default and "Each grey dot" not in default
    assert "Each grey dot" in all_text(open_page(T="1", system="Ladder"))


# --- extremes and hostile links ---------------------------------------------------------------------


@pytest.mark.parametrize("system", model.SYSTEMS)
@pytest.mark.parametrize(
    "temperature",
    [*apptest.TEMPERATURE_EXTREMES, {"beta": "-0.01"}],
)
def test_every_system_renders_at_the_ends_of_the_slider_and_the_exact_limits(system, temperature):
    at = open_page(z="3,1,0.2", system=system, **temperature)
    assert_clean(at)
    p = values(trace(charts(at)["populations"], "populations")["y"])
    assert p.sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    "z",
    [
        "1e6,0,0",
        "1,1",
        "5,5,5,5",
        "1e308,-1e308",
        "1,1.0001",
        ",".join(str(i) for i in range(10)),
        ",".join(str((i * 37) % 64 - 32) for i in range(64)),
    ],
    ids=["one-logit-1e6", "K2-tie", "all-equal", "huge-spread", "near-tie", "K10", "K64"],
)
@pytest.mark.parametrize("temperature", [{"T": "1"}, {"T": "0"}, {"beta": "-3"}])
def test_my_logits_survive_extreme_vectors(z, temperature):
    at = open_page(z=z, system="My logits", **temperature)
    assert_clean(at)
    logits = np.array([float(x) for x in z.split(",")])
    beta = -3.0 if "beta" in temperature else (math.inf if temperature["T"] == "0" else 1.0)
    bars = values(trace(charts(at)["populations"], "populations")["y"])
    assert_allclose(bars, softmax(logits, beta=beta), rtol=1e-12, atol=1e-300)


def test_a_typed_huge_temperature_widens_the_curves_to_reach_it():
    at = open_page(T="1e6", system="Ladder")
    assert_clean(at)
    x = values(trace(charts(at)["thermodynamics"], "positive-U")["x"])
    assert x[-1] >= 1e6


@pytest.mark.parametrize(
    "params",
    [
        {"system": "<script>alert(1)</script>"},
        {"system": "two-level"},
        {"system": ""},
        {"units": "nan"},
        {"units": "K"},
        {"epsilon": "nan"},
        {"epsilon": "inf"},
        {"epsilon": "-1"},
        {"epsilon": "0"},
        {"epsilon": "1e999"},
        {"epsilon": "<img src=x onerror=alert(1)>"},
        {"epsilon": "__import__('os')"},
        {"levels": "1e9"},
        {"levels": "abc"},
        {"levels": "-5"},
        {"levels": "2.5"},
        {"levels": "nan"},
        {"system": "Ladder", "levels": "100000", "units": "eV", "epsilon": "1e-300"},
    ],
)
def test_hostile_page_parameters_fall_back_to_usable_values_and_are_named_in_one_warning(params):
    at = open_page(T="1", **params)
    assert not at.exception and not at.error
    # Each value the page cannot use is named; the usable ones of a mixed link are not.
    usable = {("system", "Ladder"), ("units", "eV")}
    refused = [name for name, value in params.items() if value and (name, value) not in usable]
    assert len(at.warning) == (1 if refused else 0)
    warning = at.warning[0].value if refused else ""
    for name in params:
        assert (f"{name} = " in warning) == (name in refused), (name, warning)
    assert "NaN" not in numbers(at).values()
    # An empty value clears a bound control (Streamlit's rule); the page then shows the default.
    assert at.segmented_control(key="system").value in (*model.SYSTEMS, None)
    assert at.segmented_control(key="energy_units").value in (*model.UNITS, None)
    epsilon = at.number_input(key="epsilon").value
    assert model.MIN_EPSILON_MEV <= epsilon <= model.MAX_EPSILON_MEV
    assert 2 <= at.slider(key="levels").value <= model.MAX_LADDER_LEVELS


@pytest.mark.parametrize("params", [{"system": ""}, {"units": ""}, {"epsilon": ""}])
def test_an_emptied_control_shows_the_default_two_level_system_in_units_of_epsilon(params):
    at = open_page(T="1", **params)
    assert_clean(at)
    assert numbers(at)["mean energy U"] == "0.2689 ε"


def test_each_system_can_be_chosen_and_rerun():
    at = open_page(T="0.7")
    for system in model.SYSTEMS:
        at.segmented_control(key="system").set_value(system).run()
        assert_clean(at)
        charts(at)  # all five drawn
    at.select_slider(key="temperature").set_value(0.4).run()
    assert_clean(at)
    assert numbers(at)["temperature"] == "kT = 0.4 ε"


# --- what a phone and a projector show --------------------------------------------------------------


def visible(text: str) -> str:
    """A Plotly title as read: tags dropped (e<sup>−E/kT</sup> is 'e−E/kT'), entities as one character."""
    return re.sub(r"&[a-z]+;", "x", re.sub(r"<[^>]+>", "", text))


def strings(node) -> list[str]:
    """Every string in a chart's spec (titles, labels, text, hover text), keys excepted."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, value in node.items() if key not in ("bdata", "dtype") for s in strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in strings(value)]
    return []


@pytest.mark.parametrize(
    "params",
    [
        {"T": "1"},
        {"T": "1", "units": "meV"},
        {"beta": "-inf", "system": "Ladder", "units": "eV"},
        {"z": "2,1,0.1", "T": "0.5", "system": "My logits"},
        {"z": "1e308,-1e308", "system": "My logits", "units": "meV"},
    ],
)
def test_every_chart_title_fits_a_phone_and_every_legend_sits_under_its_plot(params):
    # Before: titles of up to 79 characters cut at the chart's edge, and legends drawn over them.
    for key, spec in charts(open_page(**params)).items():
        layout = spec["layout"]
        title = layout["title"]
        assert len(visible(title["text"])) <= 34, (key, title["text"])
        assert len(visible(title.get("subtitle", {}).get("text", ""))) <= 40, (key, title)
        for axis in ("xaxis", "xaxis3"):
            text = layout.get(axis, {}).get("title", {}).get("text", "")
            assert len(visible(text)) <= 36, (key, text)
        if layout.get("showlegend") is not False:
            assert layout["legend"]["yref"] == "container" and layout["legend"]["y"] == 0, key


def test_negative_numbers_in_charts_carry_the_true_minus_sign():
    at = open_page(z="2,1,0.1", T="0.5", system="My logits")
    specs = charts(at)
    # E = −z: the hover of each level names its energy with "−", as the table does.
    assert values(trace(specs["levels_diagram"], "populations")["customdata"])[:, 1].tolist() == [
        "−2",
        "−1",
        "−0.1",
    ]
    assert values(trace(specs["inversion"], "level-0")["customdata"])[0].startswith("−")
    for key, spec in specs.items():
        hyphens = [s for s in strings(spec) if re.search(r"(^|[\s=(:])-\d", s)]
        assert not hyphens, (key, hyphens[:3])


def test_bars_label_tiny_populations_below_a_thousandth_not_in_powers_of_ten():
    at = open_page(T="0.1", system="Ladder", levels="4")
    text = trace(charts(at)["populations"], "populations")["text"]
    # e^{−1/0.1} = 4.5e−05 relative to the ground level: shown as "< 0.001" (it was "4.54e−05").
    assert text == ["1", "< 0.001", "< 0.001", "< 0.001"]


def test_disabled_controls_say_why():
    default = open_page(T="1")
    assert default.number_input(key="epsilon").disabled and default.slider(key="levels").disabled
    captions_shown = [c.value for c in default.caption]
    assert captions.EPSILON_UNUSED in captions_shown and captions.LEVELS_UNUSED in captions_shown
    # The help of a greyed-out control says why first (issue 14).
    assert default.number_input(key="epsilon").help.startswith(f"**Greyed out:** {captions.EPSILON_UNUSED}")
    assert default.slider(key="levels").help.startswith(f"**Greyed out:** {captions.LEVELS_UNUSED}")
    both = open_page(T="1", units="meV", system="Ladder")
    assert not both.number_input(key="epsilon").disabled and not both.slider(key="levels").disabled
    captions_shown = [c.value for c in both.caption]
    assert captions.EPSILON_UNUSED not in captions_shown and captions.LEVELS_UNUSED not in captions_shown
    assert both.number_input(key="epsilon").help == captions.EPSILON_HELP
    assert both.slider(key="levels").help == captions.LEVELS_HELP
