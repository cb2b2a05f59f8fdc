"""The Exploration page, run headless with Streamlit's AppTest: its charts against the core, the one agent's
buttons and link, annealing, the temperature's extremes and hostile links."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lessons.exploration import model
from softmax_core.bandit import agent_trace, testbed
from tests import apptest
from tests.lessons.traces import trace, traces, values
from tests.pages.charts import chart, charts

PAGE = "pages/exploration.py"
FAST = {"bandit_runs": "100"}  # a fifth of the page's default runs: the same page, five times faster
CHARTS = ["rewards", "optimal", "study", "estimates", "policy", "gradient"]

open_page = partial(apptest.open_page, PAGE)


ORDER = [*CHARTS[:5], "agent_history", "gradient"]  # the page's order, with the agent's history


def chart_keys(at: AppTest) -> list[str]:
    """The charts drawn, by the server or following the temperature in the browser, in the page's order."""
    return sorted(charts(at), key=lambda key: ORDER.index(key) if key in ORDER else len(ORDER))


text = apptest.markdown_text


def test_default_view_draws_every_chart_without_warning_and_the_testbeds_shape():
    at = open_page()
    assert not at.exception and not at.warning and not at.info
    assert chart_keys(at) == CHARTS
    rewards = chart(at, "rewards")
    # The page's default: T = 1, ε = 0.1, 500 runs; the curves are the core's, seed 0.
    expected = testbed(policy="softmax", tau=1.0, runs=500, steps=1000, seed=model.TESTBED_SEED)
    np.testing.assert_array_equal(values(trace(rewards, "softmax")["y"]), expected.mean_reward)
    page_text = text(at)
    assert "Averaged over 500 problems, softmax at τ = 1 earns 0.79" in page_text
    assert "**Your agent** (T = 1) is too hot" in page_text
    assert "the best τ is **0.2**" in page_text
    assert "**Step 0.**" in page_text
    for name in ("bandit_eps", "bandit_runs", "reward_scale", "agent_steps", "anneal"):
        assert name not in at.query_params  # defaults stay out of the link


def test_moving_the_temperature_moves_the_softmax_curve_and_the_mark_on_the_study():
    at = open_page(**FAST)
    at.select_slider(key="temperature").set_value(0.2).run()
    assert not at.exception
    expected = testbed(policy="softmax", tau=0.2, runs=100, steps=1000, seed=model.TESTBED_SEED)
    rewards = chart(at, "rewards")
    np.testing.assert_array_equal(values(trace(rewards, "softmax")["y"]), expected.mean_reward)
    assert trace(rewards, "softmax")["name"] == "softmax, τ = 0.2"
    assert list(values(trace(chart(at, "study"), "current-tau")["x"])) == [0.2, 0.2]
    assert "(T = 0.2) is about right" in text(at)


def test_epsilon_reaches_the_epsilon_greedy_curve():
    at = open_page(**FAST)
    at.select_slider(key="bandit_eps").set_value(0.01).run()
    assert not at.exception
    expected = testbed(policy="epsilon-greedy", epsilon=0.01, runs=100, steps=1000, seed=model.TESTBED_SEED)
    np.testing.assert_array_equal(
        values(trace(chart(at, "optimal"), "epsilon-greedy")["y"]), 100 * expected.optimal_fraction
    )


def test_a_larger_reward_scale_moves_the_best_temperature_up():
    at = open_page(**FAST)
    best_at_1 = values(trace(chart(at, "study"), "best-tau")["x"])[0]
    at.select_slider(key="reward_scale").set_value(10.0).run()
    assert not at.exception
    study = chart(at, "study")
    best_at_10 = values(trace(study, "best-tau")["x"])[0]
    assert best_at_10 >= 5 * best_at_1
    assert "σ = 10" in study["layout"]["title"]["subtitle"]["text"]
    assert f"the best τ is **{best_at_10:g}**" in text(at)


def test_step_run_100_reset_and_new_problem_replay_the_agent_from_the_link():
    at = open_page(**FAST)
    at.button(key="agent_step").click().run()
    assert at.number_input(key="agent_steps").value == 1 and at.query_params["agent_steps"] == "1"
    assert "agent_history" in chart_keys(at)
    at.button(key="agent_run_100").click().run()
    assert at.number_input(key="agent_steps").value == 101
    # What the page shows is the core's pure trace of 101 steps at T = 1, seed 0.
    expected = agent_trace(policy="softmax", tau=1.0, steps=101, seed=0)
    np.testing.assert_allclose(
        values(trace(chart(at, "policy"), "policy")["y"]), expected.probabilities[-1], rtol=1e-15
    )
    np.testing.assert_allclose(
        values(trace(chart(at, "estimates"), "estimates")["y"]), expected.estimates[-1], rtol=1e-15
    )
    assert f"**Step 101.** The agent drew arm {expected.actions[-1] + 1} " in text(at)
    at.button(key="agent_reset").click().run()
    assert at.number_input(key="agent_steps").value == 0 and "agent_history" not in chart_keys(at)
    at.button(key="agent_new").click().run()
    assert at.number_input(key="agent_seed").value == 1 and at.query_params["agent_seed"] == "1"
    other = agent_trace(policy="softmax", tau=1.0, steps=0, seed=1)
    np.testing.assert_array_equal(
        values(trace(chart(at, "estimates"), "true-values")["y"]), other.true_values
    )
    assert not at.exception and not at.warning


def test_a_shared_link_replays_the_same_agent_and_the_steps_stop_at_the_maximum():
    at = open_page(agent_steps="4950", agent_seed="7", T="0.2", **FAST)
    expected = agent_trace(policy="softmax", tau=0.2, steps=4950, seed=7)
    np.testing.assert_array_equal(
        values(trace(chart(at, "estimates"), "estimates")["y"]), expected.estimates[-1]
    )
    at.button(key="agent_run_100").click().run()
    assert at.number_input(key="agent_steps").value == model.MAX_AGENT_STEPS
    assert not at.exception


def test_annealing_from_the_link_draws_the_schedule_and_what_it_buys():
    at = open_page(anneal="exponential", anneal_to="0.01", anneal_steps="50", agent_steps="80", **FAST)
    assert not at.exception and not at.warning
    tau = values(trace(chart(at, "agent_history"), "temperature")["y"])
    assert tau[0] == 1.0 and tau[50] == 0.01 and tau[-1] == 0.01
    assert "softmax(Q/τ) at τ = 0.01" in chart(at, "policy")["layout"]["title"]["subtitle"]["text"]
    assert "annealed τ 1 → 0.01 over 50 steps it earns" in text(at)
    assert "Annealing pays here" in text(at)  # from T = 1, far too hot, cooling helps


def test_annealing_cannot_start_from_an_exact_limit_and_says_so():
    at = open_page(anneal="linear", T="0", **FAST)
    assert not at.exception and not at.warning
    assert any("finite and above 0" in caption.value for caption in at.caption)
    assert not traces(chart(at, "policy"), "temperature")


@pytest.mark.parametrize("extreme", apptest.TEMPERATURE_EXTREMES)
def test_the_temperatures_extremes_render_without_exception(extreme):
    at = open_page(agent_steps="20", **extreme, **FAST)
    assert not at.exception and not at.warning
    assert chart_keys(at) == [*CHARTS[:5], "agent_history", "gradient"]
    assert bool(at.info) == (extreme == {"beta": "-inf"})  # a negative T is read as |T|, and said so


def test_zero_temperature_is_exactly_the_greedy_agent():
    at = open_page(T="0", **FAST)
    rewards = chart(at, "rewards")
    np.testing.assert_array_equal(
        values(trace(rewards, "softmax")["y"]), values(trace(rewards, "greedy")["y"])
    )
    assert "ice cold: the greedy agent" in text(at)


@pytest.mark.parametrize(
    "params",
    [
        {"bandit_eps": "0.3"},
        {"bandit_eps": "nan"},
        {"bandit_eps": "-1"},
        {"bandit_runs": "1000000"},
        {"bandit_runs": "<script>alert(1)</script>"},
        {"reward_scale": "0"},
        {"reward_scale": "inf"},
        {"agent_steps": "-1"},
        {"agent_steps": "5001"},
        {"agent_steps": "1e308"},
        {"agent_seed": "-3"},
        {"agent_seed": "99999999999999999999999"},
        {"agent_seed": "__import__('os')"},
        {"anneal": "cosine"},
        {"anneal_to": "0"},
        {"anneal_steps": "7"},
    ],
)
def test_hostile_page_parameters_fall_back_to_the_defaults_and_are_named_in_one_warning(params):
    at = open_page(**{**FAST, **params})
    assert not at.exception
    [warning] = at.warning
    [name] = params
    assert f"{name} = " in warning.value and "was ignored" in warning.value
    assert at.select_slider(key="bandit_eps").value == 0.1
    assert at.select_slider(key="reward_scale").value == 1.0
    assert at.number_input(key="agent_steps").value == 0
    assert at.number_input(key="agent_seed").value == 0
    assert at.selectbox(key="anneal").value == "off"
    assert chart_keys(at) == CHARTS
