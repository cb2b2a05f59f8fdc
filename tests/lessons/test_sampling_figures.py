"""Figure builders of the Sampling page, inspected trace by trace (no browser)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as hst
from numpy.testing import assert_allclose, assert_array_equal

from lessons.common.plot import ACCENT, MARK
from lessons.sampling import charts, figures, model
from lessons.sampling.model import Knobs
from ui import controls
from ui.state import SharedState


def trace(figure, meta):
    [found] = [t for t in figure.data if t.meta == meta]
    return found


def test_token_bars_stack_the_knobs_over_the_t1_reference():
    entry = model.next_token("Avocados")
    view = model.chain_view(entry, beta=1 / 1.5, knobs=Knobs(top_k=10, top_p=0.9), tail="tail")
    bars = model.chart_bars(view)
    figure = figures.token_bars(bars.labels, bars.reference, bars.heights, title="t", log_axis=True)
    assert_array_equal(trace(figure, "reference").y, bars.reference)
    assert trace(figure, "reference").xaxis in (None, "x")
    kept = trace(figure, "kept")
    assert kept.xaxis == "x2" and kept.marker.color == ACCENT
    kept_y = np.array(kept.y, dtype=float)  # None (a gap, as NaN) where nothing is kept: no outline
    assert_array_equal(np.nan_to_num(kept_y), bars.heights["kept"])
    assert np.isnan(kept_y[bars.heights["kept"] == 0]).all()
    removed = trace(figure, "top_k")
    assert removed.name == "removed by top-k" and removed.marker.pattern.shape == "/"
    # A knob that is off has an empty trace (the chart follows T by restyling it) and no legend entry.
    off = trace(figure, "min_p")
    assert off.showlegend is False and all(y is None for y in off.y)
    assert removed.showlegend is True
    assert figure.layout.barmode == "stack"
    assert figure.layout.yaxis.type == "log"
    assert figure.layout.xaxis2.overlaying == "x"
    assert list(kept.x) == list(bars.labels)


def test_token_bars_set_a_range_that_steps_between_nice_tops():
    # Hand-worked: the highest bar 0.2, 5 % above it 0.21, the next nice top 0.25. On the log axis plotly.js's
    # padding, 5 % of the axis beyond each end (low −4 − 0.183, high log10(0.2) + 0.183 = −0.516), widened to
    # half decades.
    reference = np.array([0.2, 0.1, 0.0001])
    heights = {"kept": np.array([0.19, 0.0, 0.0]), "top_k": np.array([0.0, 0.01, 0.0])}
    heights |= dict.fromkeys(("top_p", "min_p"), np.zeros(3))
    linear = figures.token_bars(("a", "b", "c"), reference, heights, title="t")
    assert_allclose(linear.layout.yaxis.range, [0, 0.25])
    log = figures.token_bars(("a", "b", "c"), reference, heights, title="t", log_axis=True)
    assert_allclose(log.layout.yaxis.range, [-4.5, -0.5])
    assert log.layout.yaxis.type == "log"
    certain = {**heights, "kept": np.array([1.0, 0.0, 0.0])}  # a certain token: 1.05, not the next top (1.5)
    bars = figures.token_bars(("a", "b", "c"), reference, certain, title="t")
    assert_allclose(bars.layout.yaxis.range, [0, 1.05])


def test_the_next_token_axis_changes_at_few_stops_of_the_slider():
    # Fitted to the tallest bar, the linear axis changed at 40 of the 42 steps between the slider's stops;
    # on nice tops at 10 (each change is an axis transition in the browser, and a jump for the reader).
    sampler = model.Sampler(model.PROMPT_NAMES[0], "tail", Knobs())
    state = SharedState()
    tops = []
    for value in controls.temperature_options(state):
        stop = state.with_value(value)
        bars = model.chart_bars(sampler.chain(stop.beta))
        highest = max(np.nanmax(heights) for heights in (bars.reference, *bars.heights.values()))
        top = charts.next_token_chart(sampler, False, stop).layout.yaxis.range[1]
        assert 1.05 * highest <= top <= 1.05
        tops.append(top)
    assert sum(a != b for a, b in itertools.pairwise(tops)) == 10, tops


@given(hst.floats(min_value=1e-12, max_value=1e12))
def test_nice_ceiling_is_the_least_nice_top_at_or_above(value):
    # The candidates of this decade and the next, each a nice top times a power of ten.
    power = 10.0 ** np.floor(np.log10(value))
    candidates = [t * p for p in (power, 10 * power) for t in figures.NICE_TOPS]
    assert np.isclose(figures.nice_ceiling(value), min(c for c in candidates if c >= value * (1 - 1e-9)))


def test_token_bars_escape_token_text():
    figure = figures.token_bars(("<b>", "x"), np.array([0.5, 0.5]), dict.fromkeys(
        ("kept", "top_k", "top_p", "min_p"), np.array([0.5, 0.5])), title="t")  # fmt: skip
    assert list(trace(figure, "kept").x) == ["&lt;b&gt;", "x"]


def test_draws_and_distance_charts():
    p = np.array([0.6, 0.4])
    drawn = model.draws(p, 1000, seed=0)
    histogram = figures.draws_histogram(("a", "b"), p, drawn.shares, draws=1000)
    assert_array_equal(trace(histogram, "exact").y, p)
    assert_array_equal(trace(histogram, "drawn").y, drawn.shares)
    assert histogram.layout.title.text == "1,000 draws"
    # The axis set to a nice top above both kinds of bar: the highest, 0.6 or the share near it, × 1.05.
    highest = max(0.6, float(drawn.shares.max()))
    assert tuple(histogram.layout.yaxis.range) == (0.0, figures.nice_ceiling(1.05 * highest)) == (0.0, 0.8)
    distance = figures.distance_curve(drawn.counts, drawn.distances, drawn.expected)
    assert distance.layout.xaxis.type == "log" and distance.layout.yaxis.type == "log"
    assert_array_equal(trace(distance, "measured").y, drawn.distances)
    assert_array_equal(trace(distance, "expected").x, drawn.counts)
    # Its log axis set (in decades) on whole half decades, beyond plotly.js's padding of the data (5 % of
    # the axis it would fit: 0.05/0.9 of the data's span each way), by less than half a decade.
    values = np.concatenate([drawn.distances, drawn.expected])
    logs = np.log10(values[values > 0])  # a distance of 0 (the draws' shares exact) is off a log axis
    pad = 0.05 * (logs.max() - logs.min()) / 0.9
    low, high = distance.layout.yaxis.range
    assert 2 * low == int(2 * low) and 2 * high == int(2 * high)
    assert logs.min() - pad - 0.5 < low <= logs.min() - pad + 1e-12
    assert logs.max() + pad - 1e-12 <= high < logs.max() + pad + 0.5


def test_noise_dumbbells_join_each_logit_to_its_noisy_value_and_mark_the_winner():
    labels = ("a", "b", "c")
    scaled, noisy = np.array([0.0, -1.0, -2.0]), np.array([0.5, 1.5, -1.0])
    kept = np.array([True, True, False])
    figure = figures.noise_dumbbells(labels, scaled, noisy, kept, 1, title="one draw")
    segments = trace(figure, "noise")
    assert_array_equal(np.asarray(segments.y, dtype=float)[[0, 1, 3, 4]], [0.0, 0.5, -1.0, 1.5])
    assert list(trace(figure, "noisy").marker.color)[1] == MARK
    assert figure.layout.annotations[0].x == "b"


def test_noise_across_temperatures_draws_the_winners_path_and_names_each_line():
    temperatures = np.geomspace(0.1, 10, 5)
    values = np.array([[0.0] * 5, [-5.0, -2.0, 0.5, 1.0, 1.2]])
    winner = np.argmax(values, axis=0)
    figure = figures.noise_across_temperatures(
        temperatures, values, ("a", "b"), winner, current=1.0, y_range=(-3.0, 3.0)
    )
    assert_array_equal(trace(figure, "winner").y, values.max(axis=0))
    assert [a.text for a in figure.layout.annotations] == ["a", "b"]
    assert figure.layout.shapes[0].x0 == 1.0


def test_label_spreading_keeps_order_and_gap():
    ends = np.array([1.0, 1.05, 1.1, -2.0])
    spread = figures._spread(ends, gap=0.3)
    assert_array_equal(np.argsort(spread), np.argsort(ends))
    assert np.diff(np.sort(spread)).min() >= 0.3 - 1e-12
    assert_allclose(figures._spread(np.array([0.0, 5.0]), gap=1.0), [0.0, 5.0])


def test_quality_sweep_labels_a_few_temperatures_and_marks_the_current_texts():
    temperatures = np.array(model.SWEEP_TEMPERATURES)
    distinct = np.linspace(0.4, 1.0, temperatures.size)
    log_likelihood = -np.linspace(1.5, 10.0, temperatures.size)
    figure = figures.quality_sweep(temperatures, distinct, log_likelihood, current=(0.9, -2.5))
    sweep = trace(figure, "sweep")
    assert [text for text in sweep.text if text] == ["T = 0", "T = 0.5", "T = 1", "T = 2", "T = 5"]
    assert list(trace(figure, "current").y) == [-2.5]
    # The log-likelihood axis set as plotly.js fits it: −10 to −1.5, and 0.05/0.9 of that span beyond:
    # the same while the current texts stay inside the sweep, wider where they leave it.
    assert_allclose(figure.layout.yaxis.range, [-10.0 - 8.5 / 18, -1.5 + 8.5 / 18])
    again = figures.quality_sweep(temperatures, distinct, log_likelihood, current=(0.5, -7.0))
    assert tuple(again.layout.yaxis.range) == tuple(figure.layout.yaxis.range)
    above = figures.quality_sweep(temperatures, distinct, log_likelihood, current=(0.5, -0.5))
    assert_allclose(above.layout.yaxis.range, [-10.0 - 9.5 / 18, -0.5 + 9.5 / 18])
    hidden = figures.quality_sweep(temperatures, distinct, log_likelihood, current=None)
    assert tuple(hidden.layout.yaxis.range) == tuple(figure.layout.yaxis.range)


def test_cost_curves_in_microseconds_with_gpt2s_vocabulary_marked():
    sizes = np.array([1e3, 1e6])
    figure = figures.cost_curves(
        sizes, np.array([1e-5, 1e-2]), np.array([2e-5, 3e-5]), np.array([4e-5, 4e-5])
    )
    assert_allclose(trace(figure, "full").y, [10.0, 10_000.0])
    assert figure.layout.shapes[0].x0 == 50_257
