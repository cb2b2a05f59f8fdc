"""The Sampling page, run headless with Streamlit's AppTest: presets, extremes and hostile links."""

from __future__ import annotations

import base64
import math
from functools import partial

import numpy as np
import pytest
import streamlit as st
from numpy.testing import assert_allclose
from streamlit.testing.v1 import AppTest

from lessons.common.text import escape_markdown
from lessons.sampling import model
from lessons.sampling.model import Knobs
from tests import apptest
from tests.pages.charts import chart, charts

PAGE = "pages/sampling.py"
CHARTS = ["next_token", "draws_histogram", "draw_distance", "gumbel_draw", "gumbel_across", "sweep", "cost"]
DEFAULT_WIDGETS = {"topk": "off", "topp": "off", "minp": "off", "order": "first", "prompt": "Avocados"}

open_page = partial(apptest.open_page, PAGE)
text = apptest.markdown_text


def values(data) -> np.ndarray:
    """A Plotly array from the spec: NumPy arrays travel as base64 ('bdata'), lists as themselves."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"]))
    return np.array(data, dtype=float)


def trace(spec: dict, meta: str) -> dict:
    return next(t for t in spec["data"] if t.get("meta") == meta)


def chart_keys(at: AppTest) -> list[str]:
    """The charts drawn, drawn by the server or following the temperature in the browser, in CHARTS order."""
    return sorted(charts(at), key=lambda key: CHARTS.index(key) if key in CHARTS else len(CHARTS))


def widgets(at: AppTest) -> dict[str, object]:
    return {
        "topk": at.select_slider(key="topk").value,
        "topp": at.select_slider(key="topp").value,
        "minp": at.select_slider(key="minp").value,
        "order": at.radio(key="order").value,
        "prompt": at.segmented_control(key="prompt").value,
    }


def test_default_view_draws_every_chart_without_warning():
    at = open_page()
    assert not at.exception and not at.warning
    assert at.title[0].value == "Sampling the next token"
    assert chart_keys(at) == CHARTS
    assert widgets(at) == DEFAULT_WIDGETS
    assert "No knob is on: every token can be drawn" in text(at)
    # The data's source and licence are named on the page (data/next-token/README.md, Apache-2.0).
    assert any("Artefact2/llm-sampling" in c.value and "Apache-2.0" in c.value for c in at.caption)
    # Nguyen et al. 2024's numbers, as their paper states them, with the citation beside them.
    assert "min-p 0.1 kept 18.4 % accuracy where top-p 0.9 fell to 0.7 %" in text(at)
    assert any("arXiv:2407.01082" in c.value for c in at.caption)


def test_the_bars_are_the_models_chain_at_the_current_settings():
    at = open_page(T="1.5", prompt="Battle", topk="20", topp="0.9", minp="0.05", order="last")
    assert not at.exception and not at.warning
    view = model.chain_view(
        model.next_token("Battle"), beta=1 / 1.5, knobs=Knobs(20, 0.9, 0.05, True), tail="tail"
    )
    bars = model.chart_bars(view)
    spec = chart(at, "next_token")
    assert_allclose(np.nan_to_num(values(trace(spec, "kept")["y"])), bars.heights["kept"], rtol=1e-15)
    assert_allclose(values(trace(spec, "reference")["y"]), bars.reference, rtol=1e-15)
    assert spec["layout"]["title"]["text"] == f"Next token at T = 1.5: {view.kept_tokens} kept"
    assert model.kept_sentence(view, Knobs(20, 0.9, 0.05, True)) in text(at)


def test_moving_a_knob_marks_the_removed_tokens():
    # (The browser writes a moved widget's value into the address: tests/browser/test_sampling.py.)
    at = open_page(T="1")
    at.select_slider(key="topk").set_value(5).run()
    assert not at.exception
    spec = chart(at, "next_token")
    assert spec["layout"]["title"]["text"] == "Next token at T = 1: 5 kept"
    assert trace(spec, "top_k")["name"] == "removed by top-k"
    assert np.count_nonzero(np.nan_to_num(values(trace(spec, "kept")["y"]))) == 5


def test_the_order_switch_changes_the_kept_set_at_high_temperature():
    at = open_page(T="3", topp="0.7")
    first = chart(at, "next_token")["layout"]["title"]["text"]
    at.radio(key="order").set_value("last").run()
    last = chart(at, "next_token")["layout"]["title"]["text"]
    # At T = 3 the tempered distribution is flat: top-p 0.7 needs many more tokens than at T = 1.
    kept_first, kept_last = (int(title.split(": ")[1].split()[0].replace(",", "")) for title in (first, last))
    assert kept_last < kept_first


@pytest.mark.parametrize("preset", model.PRESETS, ids=lambda preset: preset.label)
def test_every_preset_sets_its_knobs_and_temperature(preset):
    at = open_page(T="1")
    at.selectbox(key="sampler_preset").set_value(preset.label).run()
    assert not at.exception and not at.warning
    assert widgets(at) | {"prompt": "Avocados"} == {
        "topk": preset.top_k, "topp": preset.top_p, "minp": preset.min_p, "order": preset.order,
        "prompt": "Avocados",
    }  # fmt: skip
    assert at.select_slider(key="temperature").value == preset.temperature
    assert at.selectbox(key="sampler_preset").value is None  # a menu of actions: ready for the next
    # At T = 0 (greedy) the one-draw chart says why the arg max wins whatever the noise.
    assert chart_keys(at) == CHARTS
    note = chart(at, "gumbel_draw")["layout"]["title"].get("subtitle", {}).get("text", "")
    assert ("every other βz is −∞" in note) == (preset.temperature == 0)


def test_a_temperature_move_redraws_the_bars():
    at = open_page(T="1", topp="0.9")
    at.select_slider(key="temperature").set_value(0.5).run()
    assert not at.exception
    title = chart(at, "next_token")["layout"]["title"]["text"]
    assert title.startswith("Next token at T = 0.5")


@pytest.mark.parametrize(
    "params",
    [
        *apptest.TEMPERATURE_EXTREMES,
        {"beta": "-2", "topk": "5", "topp": "0.5"},
        {"T": "0", "minp": "1", "order": "last"},
        {"T": "inf", "topp": "0.1", "tail": "renormalise", "p_axis": "log"},
        {"T": "100", "prompt": "Avoidant", "draws": "100,000", "gen_tokens": "80"},
        {"T": "0.01", "prompt": "Rainbow", "topk": "1", "gen_text": ""},
    ],
)
def test_extreme_states_render_without_exception_warning_or_nan(params):
    at = open_page(**params)
    assert not at.exception
    assert not at.warning
    # At T = 0 (β = ±∞) the one-draw chart says so: every finite noise loses to the arg max.
    assert chart_keys(at) == CHARTS
    note = chart(at, "gumbel_draw")["layout"]["title"].get("subtitle", {}).get("text", "")
    assert ("every other βz is −∞" in note) == (params.get("T") == "0")
    assert ("every other βz is +∞" in note) == (params.get("beta") == "-inf")
    [sentence] = [md.value for md in at.markdown if "The sampler draws from" in md.value]
    titles = " ".join(chart(at, key)["layout"]["title"]["text"] for key in chart_keys(at))
    assert "nan" not in (sentence + titles).lower()


def test_a_link_sets_every_page_widget():
    at = open_page(
        prompt="Rainbow", tail="renormalise", topk="40", topp="0.95", minp="0.05", order="last", p_axis="log",
        draws="100", draw_seed="3", gen_text="A list", gen_tokens="10",
    )  # fmt: skip
    assert not at.exception and not at.warning
    assert widgets(at) == {"topk": 40, "topp": 0.95, "minp": 0.05, "order": "last", "prompt": "Rainbow"}
    assert at.segmented_control(key="tail").value == "renormalise"
    assert at.select_slider(key="draws").value == 100
    assert at.text_input(key="draw_seed").value == "3"
    assert at.text_input(key="gen_text").value == "A list"
    assert chart(at, "next_token")["layout"]["yaxis"]["type"] == "log"
    assert model.TAIL_LABEL not in list(chart(at, "next_token")["data"][0]["x"])


@pytest.mark.parametrize(
    "params",
    [
        {"topk": "0"},
        {"topk": "abc"},
        {"topp": "1.5"},
        {"topp": "nan"},
        {"minp": "-1"},
        {"order": "middle"},
        {"prompt": "<script>alert(1)</script>"},
        {"tail": "drop"},
        {"p_axis": "cubic"},
        {"draws": "7"},
        {"draw_seed": "-1"},
        {"draw_seed": "1e999"},
        {"gen_tokens": "1000"},
        {"gen_text": "x" * 500},
    ],
)
def test_hostile_page_parameters_fall_back_to_the_defaults_and_are_named_in_one_warning(params):
    at = open_page(**params)
    assert not at.exception
    [warning] = at.warning
    [name] = params
    assert f"{name} = " in warning.value and "was ignored" in warning.value
    assert widgets(at) == DEFAULT_WIDGETS
    assert chart_keys(at) == CHARTS


def test_new_seed_redraws_the_draws_and_puts_the_seed_in_the_link():
    at = open_page(draws="100")
    first = values(trace(chart(at, "draws_histogram"), "drawn")["y"])
    at.button(key="new_seed").click().run()
    assert not at.exception
    assert at.query_params["draw_seed"] == "1"
    entry = model.next_token("Avocados")
    view = model.chain_view(entry, beta=1.0, knobs=Knobs(), tail="tail")
    _, expected = model.grouped(view, model.draws(view.probabilities, 100, 1).shares)
    second = values(trace(chart(at, "draws_histogram"), "drawn")["y"])
    assert_allclose(second, expected, rtol=1e-15)
    assert not np.array_equal(first, second)


def test_the_generated_texts_are_the_models_at_the_page_settings():
    at = open_page(T="0.5", topk="10", gen_text="A class", gen_tokens="20", draw_seed="2")
    texts = model.side_by_side(model.docs_model(), "A class", 20, beta=2.0, knobs=Knobs(top_k=10), seed=2)
    blocks = [md.value for md in at.markdown]
    for generation in texts:
        start, space, words = model.continuation("A class", generation)
        assert f"…{escape_markdown(start)}{space}**{escape_markdown(words)}**" in blocks
    sweep = chart(at, "sweep")
    assert len(values(trace(sweep, "sweep")["x"])) == len(model.SWEEP_TEMPERATURES)
    assert math.isfinite(values(trace(sweep, "current")["y"])[0])


def test_the_ngram_model_is_built_once_and_shared_by_every_session(monkeypatch):
    # st.cache_resource: one model per server, however many students open the page.
    st.cache_resource.clear()
    builds = []
    real = model.build_ngram_model
    monkeypatch.setattr(model, "build_ngram_model", lambda text: builds.append(text) or real(text))
    for text in ("Built once", "Built once, read twice"):  # texts no cached generation holds yet
        at = open_page(gen_text=text, gen_tokens="10")
        assert not at.exception
    assert len(builds) == 1
