"""The Temperature page's figure builders, inspected trace by trace without a browser."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.common.plot import ACCENT
from lessons.common.scales import temperature_grid
from lessons.common.text import number
from lessons.temperature import figures
from softmax_core import entropy, softmax, softmax_sweep
from tests.lessons.traces import trace

LOGITS = np.array([2.0, 1.0, 0.1])
LABELS = ("cat", "dog", "<b>bird</b>")


def t_chart(temperature: float, beta: float, logits=LOGITS, labels=LABELS):
    span = figures.temperature_span(temperature)
    temperatures = temperature_grid(*span)
    return figures.probabilities_vs_temperature(
        temperatures,
        softmax_sweep(logits, 1.0 / temperatures),
        labels,
        cold_limit=softmax(logits, temperature=0),
        hot_limit=softmax(logits, temperature=math.inf),
        temperature=temperature,
        beta=beta,
        current=softmax(logits, beta=beta),
    )


def beta_chart(beta: float, logits=LOGITS, labels=LABELS):
    betas = figures.beta_grid(figures.beta_span(beta))
    return figures.probabilities_vs_beta(
        betas,
        softmax_sweep(logits, betas),
        labels,
        argmin_limit=softmax(logits, beta=-math.inf),
        argmax_limit=softmax(logits, beta=math.inf),
        beta=beta,
        current=softmax(logits, beta=beta),
    )


# --- axes and grids ---


@pytest.mark.parametrize(
    ("temperature", "span"),
    [
        (1.0, (0.01, 100.0)),
        (0.0, (0.01, 100.0)),
        (math.inf, (0.01, 100.0)),
        (-2.0, (0.01, 100.0)),
        (0.002, (0.001, 100.0)),
        (250.0, (0.01, 1000.0)),
        (1e-300, (0.01, 100.0)),  # beyond 10⁻⁶ the axis stays put and a note says where T is
    ],
)
def test_temperature_axis_stretches_by_whole_decades_to_show_the_current_t(temperature, span):
    assert figures.temperature_span(temperature) == pytest.approx(span)


def test_beta_axis_is_symmetric_and_stretches_to_the_current_beta():
    assert figures.beta_span(1.0) == 100.0
    assert figures.beta_span(-500.0) == 1000.0
    assert figures.beta_span(math.inf) == 100.0
    betas = figures.beta_grid(100.0)
    assert betas[0] == pytest.approx(-100.0) and betas[-1] == pytest.approx(100.0)
    assert betas[len(betas) // 2] == 0.0  # exactly uniform in the middle
    np.testing.assert_allclose(betas, -betas[::-1])


def test_temperature_grid_is_log_spaced_with_both_ends():
    grid = temperature_grid(0.01, 100.0)
    assert grid[0] == pytest.approx(0.01) and grid[-1] == pytest.approx(100.0)
    np.testing.assert_allclose(np.diff(np.log10(grid)), 1 / 60)


# --- probabilities against T ---


def test_temperature_chart_has_a_curve_per_class_equal_to_the_core_and_titled_axes():
    figure = t_chart(1.0, 1.0)
    assert figure.layout.xaxis.title.text == "temperature T (log scale)"
    assert figure.layout.yaxis.title.text == "probability p"
    assert figure.layout.xaxis.type == "log"
    curves = [trace(figure, f"class-{k}") for k in range(3)]
    assert [curve.name for curve in curves] == ["cat", "dog", "&lt;b&gt;bird&lt;/b&gt;"]
    temperatures = curves[0].x
    expected = softmax_sweep(LOGITS, 1.0 / temperatures)
    for k, curve in enumerate(curves):
        np.testing.assert_array_equal(curve.y, expected[:, k])
    assert len(figure.data) == 3 + 2 + 2  # curves, two limits, the current line and its dots


def test_current_temperature_is_a_vertical_line_with_a_dot_on_every_curve():
    figure = t_chart(0.5, 2.0)
    line = trace(figure, "current-line")
    assert line.name == "current T = 0.5"
    assert list(line.x) == [0.5, 0.5] and list(line.y) == [0.0, 1.0]
    dots = trace(figure, "current-values")
    np.testing.assert_array_equal(dots.x, [0.5] * 3)
    np.testing.assert_array_equal(dots.y, softmax(LOGITS, temperature=0.5))
    assert not figure.layout.title.subtitle.text


def test_exact_limits_sit_past_the_axis_ends_with_their_own_tick_labels():
    figure = t_chart(1.0, 1.0)
    cold, hot = trace(figure, "limit-cold"), trace(figure, "limit-hot")
    np.testing.assert_array_equal(cold.y, [1.0, 0.0, 0.0])
    np.testing.assert_allclose(hot.y, [1 / 3] * 3)
    assert cold.x[0] < 0.01 < 100 < hot.x[0]
    ticks = dict(zip(figure.layout.xaxis.ticktext, figure.layout.xaxis.tickvals, strict=True))
    assert ticks["0"] == cold.x[0] and ticks["∞"] == hot.x[0] and ticks["1"] == 1.0


def test_temperature_zero_is_marked_at_the_cold_end_and_said_in_words():
    figure = t_chart(0.0, math.inf)
    line = trace(figure, "current-line")
    assert line.x[0] == trace(figure, "limit-cold").x[0]
    assert "exact limit" in figure.layout.title.subtitle.text


def test_negative_beta_is_not_drawn_on_the_temperature_axis_but_pointed_to():
    figure = t_chart(-0.5, -2.0)
    # Kept, hidden: the chart has the same traces at every temperature (it follows the slider).
    assert trace(figure, "current-line").visible is False and trace(figure, "current-values").visible is False
    assert "see it on the β chart" in figure.layout.title.subtitle.text


def test_temperature_beyond_the_axis_is_named_in_the_subtitle():
    figure = t_chart(1e-300, 1e300)
    assert trace(figure, "current-line").visible is False and trace(figure, "current-values").visible is False
    assert figure.layout.title.subtitle.text == "current T = 1e−300 lies left of this axis"


def test_equal_logits_draw_the_later_curve_dashed_so_both_show():
    figure = t_chart(1.0, 1.0, logits=np.array([1.0, 2.0, 1.0]), labels=("a", "b", "c"))
    assert [trace(figure, f"class-{k}").line.dash for k in range(3)] == [None, None, "dash"]


def test_more_than_ten_classes_hide_the_legend_but_keep_every_curve():
    logits = np.arange(12.0)
    labels = tuple(f"class {i}" for i in range(12))
    figure = t_chart(1.0, 1.0, logits=logits, labels=labels)
    curves = [trace(figure, f"class-{k}") for k in range(12)]
    assert len(curves) == 12 and not any(curve.showlegend for curve in curves)


# --- probabilities against β ---


def test_beta_chart_runs_from_arg_min_through_uniform_to_arg_max():
    figure = beta_chart(1.0)
    assert figure.layout.xaxis.title.text == "β = 1/T (symmetric log scale)<br>← arg min · arg max →"
    assert figure.layout.title.subtitle.text == "through β = 0 into negative β"
    cat = trace(figure, "class-0")
    # The axis is asinh(β); the hover shows the true β, written by number() (a true minus sign).
    np.testing.assert_allclose(cat.x, np.arcsinh(figures.beta_grid(100.0)))
    assert list(cat.customdata) == [number(b) for b in figures.beta_grid(100.0)]
    middle = len(cat.y) // 2
    assert cat.y[middle] == pytest.approx(1 / 3)  # β = 0: uniform
    assert cat.y[-1] == pytest.approx(1.0) and cat.y[0] == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_array_equal(trace(figure, "limit-argmin").y, [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(trace(figure, "limit-argmax").y, [1.0, 0.0, 0.0])
    assert list(figure.layout.xaxis.ticktext) == ["−∞", "−100", "−10", "−1", "0", "1", "10", "100", "∞"]


@pytest.mark.parametrize("beta", [2.0, -2.0, 0.0, 500.0])
def test_current_beta_is_marked_at_its_symmetric_log_position(beta):
    figure = beta_chart(beta)
    line = trace(figure, "current-line")
    assert line.name == f"current β = {number(beta)}"
    assert line.x[0] == pytest.approx(math.asinh(beta))
    dots = trace(figure, "current-values")
    np.testing.assert_array_equal(dots.y, softmax(LOGITS, beta=beta))


@pytest.mark.parametrize(
    ("beta", "words"), [(math.inf, "the arg max"), (-math.inf, "the arg min"), (0.0, "uniform")]
)
def test_exact_beta_limits_are_marked_at_the_ends_or_centre_and_said_in_words(beta, words):
    figure = beta_chart(beta)
    line = trace(figure, "current-line")
    if math.isinf(beta):
        limit = trace(figure, "limit-argmax" if beta > 0 else "limit-argmin")
        assert line.x[0] == limit.x[0]
    else:
        assert line.x[0] == 0.0
    assert words in figure.layout.title.subtitle.text


@pytest.mark.parametrize(
    ("temperature", "beta"), [(1.0, 1.0), (0.0, math.inf), (-0.5, -2.0), (1e-300, 1e300)]
)
def test_the_temperature_chart_has_the_same_traces_at_every_temperature(temperature, beta):
    # The browser moves it from stop to stop with Plotly.update, which cannot add or remove a trace.
    assert [t.meta for t in t_chart(temperature, beta).data] == [t.meta for t in t_chart(1.0, 1.0).data]


# --- entropy ---


def test_entropy_chart_draws_the_curve_its_ceiling_and_the_current_point():
    temperatures = temperature_grid(0.01, 100.0)
    h = entropy(softmax_sweep(LOGITS, 1 / temperatures), base=2)
    current = float(entropy(softmax(LOGITS), base=2))
    figure = figures.entropy_vs_temperature(
        temperatures, h, units="bits", ceiling=math.log2(3), cold_limit=0.0, temperature=1.0, beta=1.0,
        current=current,
    )  # fmt: skip
    assert figure.layout.yaxis.title.text == "entropy H (bits)"
    assert figure.layout.xaxis.title.text == "temperature T (log scale)"
    ceiling = trace(figure, "ceiling")
    assert ceiling.name == "ceiling log K = 1.585 bits (uniform)"
    np.testing.assert_array_equal(ceiling.y, [math.log2(3)] * 2)
    np.testing.assert_array_equal(trace(figure, "entropy").y, h)
    point = trace(figure, "current-entropy")
    assert point.text == (f"H = {number(current)}",)
    assert point.x[0] == 1.0 and point.y[0] == current
    # Hand value: H(0.659, 0.2424, 0.09856) = 0.8467 nats = 1.2215 bits
    assert current == pytest.approx(0.84670 / math.log(2), abs=1e-4)


def test_entropy_at_infinite_temperature_is_marked_on_the_ceiling_at_the_hot_end():
    temperatures = temperature_grid(0.01, 100.0)
    figure = figures.entropy_vs_temperature(
        temperatures, entropy(softmax_sweep(LOGITS, 1 / temperatures)), units="nats", ceiling=math.log(3),
        cold_limit=0.0, temperature=math.inf, beta=0.0, current=math.log(3),
    )  # fmt: skip
    point = trace(figure, "current-entropy")
    assert point.x[0] == trace(figure, "entropy-limits").x[1]
    assert point.textposition == "bottom left"  # facing into the plot
    assert "uniform" in figure.layout.title.subtitle.text


# --- small multiples ---


def test_small_multiples_are_three_panels_on_one_y_axis_with_the_middle_one_now():
    betas = np.array([10.0, 1.0, 0.1])
    p = softmax_sweep(LOGITS, betas)
    figure = figures.small_multiples(p, LABELS, titles=("T/10<br>= 0.1", "T, now<br>= 1", "10·T<br>= 10"))
    bars = [trace(figure, meta) for meta in ("bars-colder", "bars-now", "bars-hotter")]
    assert [bar.xaxis for bar in bars] == ["x", "x2", "x3"]
    assert {bar.yaxis for bar in bars} == {"y", "y2", "y3"}
    for bar, row in zip(bars, p, strict=True):
        np.testing.assert_array_equal(bar.y, row)
    assert figure.layout.yaxis2.matches == "y" and figure.layout.yaxis3.matches == "y"
    assert tuple(figure.layout.yaxis.range) == (0, 1.12)
    titles = [a.text for a in figure.layout.annotations]
    assert titles == ["T/10<br>= 0.1", "<b>T, now<br>= 1</b>", "10·T<br>= 10"]
    assert [bar.name for bar in bars] == ["T/10 = 0.1", "T, now = 1", "10·T = 10"]  # a hover's one line
    assert bars[1].marker.color == ACCENT and bars[0].marker.color != ACCENT
    assert figure.layout.yaxis.title.text == "probability p"
    assert all(figure.layout[f"xaxis{i}"].title.text == "class" for i in ("", "2", "3"))
    assert len(figure.layout.shapes) == 3  # the uniform level in each panel
    assert all(shape.y0 == pytest.approx(1 / 3) for shape in figure.layout.shapes)


# --- the animation ---


def test_animation_has_a_frame_per_temperature_play_pause_and_a_slider():
    temperatures = np.concatenate(([0.0], np.logspace(-2, 2, 39), [math.inf]))
    betas = np.array([math.inf, *(1 / temperatures[1:-1]), 0.0])
    p = softmax_sweep(LOGITS, betas)
    figure = figures.temperature_animation(temperatures, p, LABELS)
    assert len(figure.frames) == 41
    assert figure.frames[0].name == "0" and figure.frames[-1].name == "∞" and figure.frames[20].name == "1"
    for frame, row in zip(figure.frames, p, strict=True):
        np.testing.assert_array_equal(frame.data[0].y, row)
        assert tuple(frame.traces) == (0,)
    np.testing.assert_array_equal(trace(figure, "bars").y, p[0])  # starts cold
    assert all(frame.data[0].meta == "bars" for frame in figure.frames)
    buttons = figure.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["▶ Play", "❚❚ Pause"]
    assert all(b.method == "animate" for b in buttons)
    play = buttons[0].args[1]
    assert play["frame"]["redraw"] is False and play["fromcurrent"] is True
    slider = figure.layout.sliders[0]
    assert [step.label for step in slider.steps] == [frame.name for frame in figure.frames]
    assert slider.currentvalue.prefix == "T = "
    assert figure.layout.xaxis.title.text == "class" and figure.layout.yaxis.title.text == "probability p"
    uniform = figure.layout.shapes[0]
    assert uniform.y0 == pytest.approx(1 / 3) and uniform.showlegend and "1/K" in uniform.name


def test_frame_names_are_distinct_so_the_slider_reaches_every_frame():
    temperatures = np.concatenate(([0.0], np.logspace(-2, 2, 39), [math.inf]))
    figure = figures.temperature_animation(temperatures, np.full((41, 2), 0.5), ("a", "b"))
    names = [frame.name for frame in figure.frames]
    assert len(set(names)) == len(names)


# --- relative to the temperature ---


def gap_chart(points):
    x = np.linspace(-12, 12, 241)
    return figures.gap_over_temperature(x, softmax_sweep(np.array([1.0, 0.0]), x)[:, 0], points)


def test_gap_chart_is_the_logistic_curve_with_the_cited_points_on_it():
    # σ(0, 10): p(10) = 1 / (1 + e^−10) = 0.9999546 at T = 1, 1 / (1 + e^−0.1) = 0.5249792 at T = 100
    points = [("σ(0, 10) at T = 1", 10.0, 0.9999546), ("σ(0, 10) at T = 100", 0.1, 0.5249792)]
    figure = gap_chart(points)
    curve = trace(figure, "sigmoid")
    np.testing.assert_allclose(curve.y, 1 / (1 + np.exp(-curve.x)), rtol=1e-14)
    assert figure.layout.xaxis.title.text == "Δ/T: the gap between two logits<br>over the temperature"
    assert figure.layout.yaxis.title.text == "p(larger) / (p(larger) + p(smaller))"
    first = trace(figure, "point-0")
    assert first.name == "σ(0, 10) at T = 1: Δ/T = 10" and first.x[0] == 10.0
    assert figure.layout.legend.yref == "container" and figure.layout.legend.y == 0  # under the plot


def test_points_beyond_the_axis_are_drawn_at_its_edge_as_arrows():
    figure = gap_chart(
        [("a", 1.0, 0.7), ("b", 2.0, 0.9), ("yours", math.inf, 1.0), ("yours ×10", -40.0, 0.0)]
    )
    yours, scaled = trace(figure, "point-2"), trace(figure, "point-3")
    assert yours.x[0] == 12.0 and yours.marker.symbol == "triangle-right"
    assert yours.name == "yours: Δ/T = ∞ (beyond the axis)"
    assert scaled.x[0] == -12.0 and scaled.marker.symbol == "triangle-left-open"


def test_user_labels_in_point_names_are_escaped():
    figure = gap_chart([("<img src=x>", 1.0, 0.7)])
    assert trace(figure, "point-0").name.startswith("&lt;img src=x&gt;")


# --- scaling the logits ---


def test_scaled_bars_say_identical_when_c_is_one_over_t():
    p = softmax(LOGITS, temperature=2.0)
    figure = figures.scaled_logits_bars(p, softmax(LOGITS, beta=0.5), LABELS, temperature=2.0, scale=0.5)
    assert figure.layout.title.text == "Divide by T or multiply by c"
    assert figure.layout.title.subtitle.text == "T = 2, c = 0.5: identical"
    by_t, by_c = trace(figure, "by-temperature"), trace(figure, "by-scale")
    assert [by_t.name, by_c.name] == ["softmax(z / T), T = 2", "softmax(c · z), c = 0.5"]
    np.testing.assert_array_equal(by_t.y, by_c.y)
    assert figure.layout.yaxis.title.text == "probability p" and figure.layout.xaxis.title.text == "class"


def test_scaled_bars_give_the_largest_difference_otherwise():
    p, q = softmax(LOGITS, temperature=2.0), softmax(LOGITS)
    figure = figures.scaled_logits_bars(p, q, LABELS, temperature=2.0, scale=1.0)
    difference = number(float(np.max(np.abs(p - q))))
    assert figure.layout.title.subtitle.text.endswith(f"they differ by up to {difference}")


def test_every_trace_of_every_chart_has_a_stable_id():
    temperatures = temperature_grid(0.01, 100.0)
    built = [
        t_chart(0.5, 2.0),
        beta_chart(-2.0),
        figures.entropy_vs_temperature(
            temperatures, entropy(softmax_sweep(LOGITS, 1 / temperatures)), units="nats", ceiling=math.log(3),
            cold_limit=0.0, temperature=1.0, beta=1.0, current=0.8,
        ),
        figures.small_multiples(
            softmax_sweep(LOGITS, np.array([10.0, 1.0, 0.1])), LABELS, titles=("a", "b", "c")
        ),
        figures.temperature_animation(np.array([0.0, 1.0, math.inf]), np.full((3, 3), 1 / 3), LABELS),
        gap_chart([("a", 1.0, 0.7), ("b", 2.0, 0.9), ("c", 3.0, 0.95)]),
        figures.scaled_logits_bars(softmax(LOGITS), softmax(LOGITS), LABELS, temperature=1.0, scale=1.0),
    ]  # fmt: skip
    for figure in built:
        ids = [t.meta for t in figure.data]
        assert all(isinstance(i, str) and i for i in ids), figure.layout.title.text
        assert len(set(ids)) == len(ids), ids


def test_every_title_and_axis_title_line_fits_a_phone():
    # About 38 characters of a 19-px title, and 40 of a 16-px axis title, fit the 358 px a chart gets on a
    # 390-px phone; a longer title is split into title and subtitle, an axis title into lines.
    temperatures = temperature_grid(0.01, 100.0)
    built = [
        t_chart(0.5, 2.0),
        beta_chart(-2.0),
        figures.entropy_vs_temperature(
            temperatures, entropy(softmax_sweep(LOGITS, 1 / temperatures)), units="nats", ceiling=math.log(3),
            cold_limit=0.0, temperature=1.0, beta=1.0, current=0.8,
        ),
        figures.small_multiples(
            softmax_sweep(LOGITS, np.array([10.0, 1.0, 0.1])), LABELS, titles=("a", "b", "c")
        ),
        figures.temperature_animation(np.array([0.0, 1.0, math.inf]), np.full((3, 3), 1 / 3), LABELS),
        gap_chart([("a", 1.0, 0.7)]),
        figures.scaled_logits_bars(
            softmax(LOGITS), softmax(LOGITS, beta=0.5), LABELS, temperature=1.0, scale=0.5
        ),
    ]  # fmt: skip
    for figure in built:
        layout = figure.layout.to_plotly_json()
        assert len(layout["title"]["text"]) <= 38, layout["title"]["text"]
        for axis in ("xaxis", "yaxis"):
            for line in layout[axis]["title"]["text"].split("<br>"):
                assert len(line) <= 40, line


def test_legends_of_several_entries_sit_under_the_plot_clear_of_the_title():
    # Above the plot (the template's place) a legend that wraps on a phone climbs into the title.
    temperatures = temperature_grid(0.01, 100.0)
    for figure in (
        t_chart(0.5, 2.0),
        beta_chart(1.0),
        figures.entropy_vs_temperature(
            temperatures, entropy(softmax_sweep(LOGITS, 1 / temperatures)), units="nats", ceiling=math.log(3),
            cold_limit=0.0, temperature=1.0, beta=1.0, current=0.8,
        ),
        figures.scaled_logits_bars(softmax(LOGITS), softmax(LOGITS), LABELS, temperature=1.0, scale=1.0),
    ):  # fmt: skip
        assert figure.layout.legend.yref == "container" and figure.layout.legend.y == 0


def test_bar_values_and_hover_numbers_use_the_one_number_rule():
    # number(): 4 significant digits and a true minus sign, as on the Playground's bars (0.2424, 0.09857).
    figure = figures.scaled_logits_bars(softmax(LOGITS), softmax(LOGITS), LABELS, temperature=1.0, scale=1.0)
    assert list(trace(figure, "by-temperature").text) == ["0.659", "0.2424", "0.09857"]
    assert figure.layout.uniformtext.mode == "hide"  # values too wide for a phone's bars are left out
    beta = trace(beta_chart(1.0), "class-0")
    assert beta.customdata[0] == "−100" and "%{customdata}" in beta.hovertemplate
