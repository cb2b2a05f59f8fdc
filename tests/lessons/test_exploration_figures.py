"""The Exploration page's figure builders, inspected trace by trace (by their ``meta`` ids)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as hst
from hypothesis.extra import numpy as hnp

from lessons.common.marks import limit_positions
from lessons.common.plot import MARK
from lessons.exploration import figures, model
from softmax_core.bandit import Annealing, agent_trace, testbed
from tests.lessons.traces import trace

CURVES = {
    meta: testbed(runs=20, steps=1000, **parameters)
    for meta, parameters in {
        "softmax": {"policy": "softmax", "tau": 0.2},
        "epsilon-greedy": {"policy": "epsilon-greedy", "epsilon": 0.1},
        "greedy": {"policy": "greedy"},
    }.items()
}
TAUS = np.array(model.STUDY_TAUS)
TAU_REWARDS = np.linspace(1.0, 0.0, TAUS.size) + np.where(TAUS == 0.2, 0.9, 0.0)
EPSILONS = np.array(model.STUDY_EPSILONS)
EPSILON_REWARDS = np.linspace(1.1, 1.3, EPSILONS.size)


def study(current_tau: float):
    best = int(np.argmax(TAU_REWARDS))
    return figures.parameter_study(
        TAUS, TAU_REWARDS, EPSILONS, EPSILON_REWARDS, best=best, current_tau=current_tau, reward_scale=1.0
    )


def test_every_trace_of_every_chart_has_a_stable_id():
    history = agent_trace(policy="softmax", tau=Annealing(start=1.0, end=0.01, steps=50), steps=80)
    built = [
        figures.learning_curves([(m, m, c.mean_reward) for m, c in CURVES.items()], kind="reward"),
        figures.learning_curves([(m, m, c.optimal_fraction) for m, c in CURVES.items()], kind="optimal"),
        study(0.5),
        figures.estimates_chart(history.estimates[-1], history.true_values, history.counts[-1], chosen=3),
        figures.policy_chart(history.probabilities[-1], chosen=3, tau=0.2),
        figures.agent_history(history.rewards, 1.2, history.temperatures),
        figures.gradient_curves(
            [(job.meta, job.name, np.full(1000, 0.5)) for job in model.gradient_jobs(10)]
        ),
    ]
    for figure in built:
        ids = [t.meta for t in figure.data]
        assert all(ids) and len(set(ids)) == len(ids), ids


def test_learning_curves_draw_each_agent_per_step_and_the_optimal_action_in_percent():
    series = [(m, f"name of {m}", c.optimal_fraction) for m, c in CURVES.items()]
    figure = figures.learning_curves(series, kind="optimal")
    softmax = trace(figure, "softmax")
    np.testing.assert_array_equal(softmax.x, np.arange(1, 1001))
    np.testing.assert_allclose(softmax.y, 100 * CURVES["softmax"].optimal_fraction)
    assert figure.layout.yaxis.range == (0, 100) and figure.layout.yaxis.ticksuffix == " %"
    assert trace(figure, "greedy").line.color == figures.COLORS["greedy"]
    rewards = figures.learning_curves([(m, m, c.mean_reward) for m, c in CURVES.items()], kind="reward")
    np.testing.assert_array_equal(trace(rewards, "epsilon-greedy").y, CURVES["epsilon-greedy"].mean_reward)
    assert rewards.layout.yaxis.title.text and rewards.layout.xaxis.title.text == "Step"
    # The legend under the plot (anchored to the figure's bottom): above it, three entries ran into the title.
    for panel in (figure, rewards):
        assert panel.layout.legend.yref == "container" and panel.layout.legend.y == 0


def test_the_study_is_on_a_log_axis_with_the_best_tau_starred():
    figure = study(0.5)
    assert figure.layout.xaxis.type == "log"
    np.testing.assert_array_equal(trace(figure, "study-softmax").x, TAUS)
    np.testing.assert_array_equal(trace(figure, "study-epsilon").y, EPSILON_REWARDS)
    star = trace(figure, "best-tau")
    assert star.x[0] == 0.2 and star.y[0] == TAU_REWARDS.max() and star.marker.symbol == "star"
    line = trace(figure, "current-tau")
    assert list(line.x) == [0.5, 0.5] and line.line.color == MARK
    assert "σ = 1" in figure.layout.title.subtitle.text
    assert figure.layout.legend.y < 0
    # The star's label fits: the axis reaches above the highest point.
    assert figure.layout.yaxis.range[1] > TAU_REWARDS.max()


@pytest.mark.parametrize("temperature", [0.0, math.inf])
def test_the_exact_limits_are_marked_just_past_the_ends_of_the_study_axis(temperature):
    figure = study(temperature)
    span = (float(min(TAUS.min(), EPSILONS.min())), float(TAUS.max()))
    expected = limit_positions(span)[0 if temperature == 0 else 1]
    assert trace(figure, "current-tau").x[0] == pytest.approx(expected)
    low, high = figure.layout.xaxis.range
    assert low < math.log10(expected) < high


def test_a_temperature_off_the_study_axis_is_named_under_the_title():
    figure = study(500.0)
    line = trace(figure, "current-tau")  # there, for the chart to follow T, but empty and out of the legend
    assert list(line.x) == [None, None] and line.showlegend is False
    assert "500" in figure.layout.title.subtitle.text and "off this axis" in figure.layout.title.subtitle.text


def test_estimates_show_q_as_bars_and_the_hidden_true_values_as_diamonds():
    history = agent_trace(policy="softmax", tau=0.3, steps=30, seed=2)
    chosen = int(history.actions[-1])
    figure = figures.estimates_chart(
        history.estimates[-1], history.true_values, history.counts[-1], chosen=chosen
    )
    bars = trace(figure, "estimates")
    np.testing.assert_array_equal(bars.y, history.estimates[-1])
    assert list(bars.x) == [str(arm) for arm in range(1, 11)]  # arms numbered from 1
    np.testing.assert_array_equal(bars.customdata, history.counts[-1])
    colors = list(bars.marker.color)
    assert colors[chosen] == figures.ACCENT and colors.count(figures.ACCENT) == 1
    np.testing.assert_array_equal(trace(figure, "true-values").y, history.true_values)


def test_policy_bars_are_the_probabilities_labelled_unless_negligible():
    p = np.array([0.85, 0.14, 0.01])
    figure = figures.policy_chart(p, chosen=0, tau=0.25)
    bars = trace(figure, "policy")
    np.testing.assert_array_equal(bars.y, p)
    assert list(bars.text) == ["0.85", "0.14", ""]
    assert "τ = 0.25" in figure.layout.title.subtitle.text
    assert figure.layout.yaxis.range == (0, 1.12)


def test_the_history_shows_tau_only_when_it_changes():
    constant = agent_trace(policy="softmax", tau=0.2, steps=50)
    figure = figures.agent_history(constant.rewards, 1.5, constant.temperatures)
    running = trace(figure, "running-reward")
    np.testing.assert_allclose(running.y, np.cumsum(constant.rewards) / np.arange(1, 51), rtol=1e-12)
    # τ constant: its trace is there (the chart follows T by restyling it) but empty, its axis hidden.
    assert len(trace(figure, "temperature").y) == 0 and figure.layout.yaxis2.visible is False
    assert figure.layout.showlegend is False
    assert figure.layout.shapes[0].y0 == 1.5  # the best arm's true value, the line to reach
    hot = agent_trace(policy="softmax", tau=float("inf"), steps=5)
    assert len(trace(figures.agent_history(hot.rewards, 1.5, hot.temperatures), "temperature").y) == 0
    annealed = agent_trace(policy="softmax", tau=Annealing(start=1.0, end=0.01, steps=20), steps=50)
    figure = figures.agent_history(annealed.rewards, 1.5, annealed.temperatures)
    tau = trace(figure, "temperature")
    np.testing.assert_array_equal(tau.y, annealed.temperatures[:50])
    assert tau.yaxis == "y2" and figure.layout.yaxis2.type == "log" and figure.layout.yaxis2.visible


def test_gradient_curves_tell_baseline_by_colour_and_step_size_by_dash():
    jobs = model.gradient_jobs(10)
    figure = figures.gradient_curves([(job.meta, job.name, np.linspace(0.1, 0.8, 1000)) for job in jobs])
    with_baseline = trace(figure, "gradient-0.1-baseline")
    without = trace(figure, "gradient-0.4-none")
    assert with_baseline.line.color == figures.WITH_BASELINE and with_baseline.line.dash == "solid"
    assert without.line.color == figures.WITHOUT_BASELINE and without.line.dash == "dash"
    assert with_baseline.y[-1] == pytest.approx(80.0)
    assert figure.layout.legend.y < 0  # below the axis: four entries cannot cover the subtitle on a phone


@given(
    hnp.arrays(np.float64, hst.integers(1, 40), elements=hst.floats(-3, 3)),
    hnp.arrays(np.float64, hst.integers(1, 40), elements=hst.floats(-3, 3)),
)
def test_the_reward_axis_holds_every_curve_with_plotlys_padding_on_a_grid_of_tenths(first, second):
    low, high = figures.reward_range([first, second])
    lowest, highest = min(first.min(), second.min()), max(first.max(), second.max())
    pad = 0.05 * (highest - lowest) / 0.9 if highest > lowest else 0.5
    assert low <= lowest - pad + 1e-9 and high >= highest + pad - 1e-9
    assert lowest - pad - low < 0.1 + 1e-9 and high - highest - pad < 0.1 + 1e-9  # the next tenth, no further
    for end in (low, high):
        assert math.isclose(end * 10, round(end * 10), abs_tol=1e-6)


def test_the_reward_axis_stays_while_softmaxs_curve_moves_between_the_others():
    # The other agents' curves do not change with τ; softmax's, within their extremes, leaves the axis as is
    # (the browser then moves the curve alone). Beyond them, the axis widens to hold it.
    others = [CURVES["epsilon-greedy"].mean_reward, CURVES["greedy"].mean_reward]
    low, high = min(c.min() for c in others), max(c.max() for c in others)
    axis = figures.reward_range(others)
    for scale in (0.0, 0.3, 0.9):
        softmax = low + scale * (high - low) * np.linspace(0, 1, 1000)
        curves = [
            (m, m, c) for m, c in (("softmax", softmax), ("epsilon-greedy", others[0]), ("greedy", others[1]))
        ]
        assert list(figures.learning_curves(curves, kind="reward").layout.yaxis.range) == axis
    wider = figures.reward_range([*others, np.array([high + 1.0])])
    assert wider[1] >= high + 1.0
