"""The figure builders of the 'Why exponentiate?' page, checked by their traces and layout."""

from __future__ import annotations

import math

import numpy as np
from numpy.testing import assert_array_equal

from lessons.alternatives import figures
from lessons.alternatives.model import MAPS, difference_axis, evaluate
from lessons.common.text import number
from softmax_core import gumbel_softmax, logistic, normalize, softmax
from tests.lessons.traces import trace, traces

Z = np.array([2.0, 1.0, 0.1])
LABELS = ("cat", "dog", "<b>bird</b>")


def outputs(z, beta=1.0):
    return [(m.key, m.name, evaluate(m, z, beta).p) for m in MAPS]


def test_map_bars_has_one_trace_per_map_with_the_cores_values():
    figure = figures.map_bars(outputs(Z), LABELS, title="six maps")
    bars = [trace(figure, f"map-{m.key}") for m in MAPS]
    assert [bar.name for bar in bars] == [m.name for m in MAPS]
    assert all(bar.type == "bar" for bar in bars)
    assert_array_equal(trace(figure, "map-softmax").y, softmax(Z))
    assert_array_equal(trace(figure, "map-square").y, normalize(Z, "square"))
    assert list(trace(figure, "map-softmax").x) == ["cat", "dog", "&lt;b&gt;bird&lt;/b&gt;"]
    assert figure.layout.barmode == "group"
    assert figure.layout.xaxis.title.text == "class"
    assert figure.layout.yaxis.title.text == "probability p"
    assert figure.layout.title.text == "six maps"
    assert len({trace.marker.color for trace in figure.data}) == len(MAPS)


def test_map_bars_marks_an_undefined_map_in_the_legend_and_draws_no_bar():
    z = np.array([-1.0, -2.0, -3.0])
    figure = figures.map_bars(outputs(z), LABELS, title="t")
    relu = trace(figure, "map-relu")
    assert relu.name == "normalised ReLU (max(0, z)): undefined here"
    assert np.isnan(np.asarray(relu.y, dtype=float)).all()
    assert not np.isnan(np.asarray(trace(figure, "map-softmax").y, dtype=float)).any()


def test_shift_bars_shows_softmax_and_square_before_and_after():
    c = 2.0
    figure = figures.shift_bars(
        LABELS, softmax(Z), softmax(Z + c), normalize(Z, "square"), normalize(Z + c, "square"), shift=c
    )
    ids = ("softmax-original", "softmax-shifted", "square-original", "square-shifted")
    assert [t.meta for t in figure.data] == list(ids)
    assert [trace(figure, i).name for i in ids] == ["z", "z + c, c = 2"] * 2
    assert [trace(figure, i).showlegend for i in ids] == [True, True, False, False]
    assert_array_equal(trace(figure, "softmax-shifted").y, softmax(Z + c))
    assert_array_equal(trace(figure, "square-shifted").y, normalize(Z + c, "square"))
    assert trace(figure, "square-original").xaxis == "x2" and trace(figure, "softmax-original").xaxis == "x"
    assert [a.text for a in figure.layout.annotations] == ["softmax", "normalised square"]
    assert figure.layout.xaxis.title.text == "class" and figure.layout.xaxis2.title.text == "class"
    assert figure.layout.yaxis.title.text == "probability p"


def test_shift_bars_leaves_an_undefined_square_empty():
    figure = figures.shift_bars(LABELS, softmax(Z), softmax(Z), normalize(Z, "square"), None, shift=-1.5)
    assert np.isnan(np.asarray(trace(figure, "square-shifted").y, dtype=float)).all()
    assert trace(figure, "softmax-shifted").name == "z + c, c = −1.5"


def test_logistic_curves_coincide_and_mark_the_current_difference():
    d = difference_axis(1.0, 1.0)
    pair = np.column_stack([d, np.zeros_like(d)])
    current = (1.0, float(softmax([2.0, 1.0])[0]))
    figure = figures.logistic_curves(
        d, softmax(pair)[:, 0], logistic(d), current=current, labels=("cat", "<b>dog</b>"), title="t"
    )
    assert len(figure.data) == 3
    np.testing.assert_allclose(
        trace(figure, "softmax").y, trace(figure, "sigmoid").y, rtol=4e-16, atol=1e-300
    )
    marker = trace(figure, "current")
    assert list(marker.x) == [1.0]
    # By hand: σ(1) = 1/(1 + e^-1) = 0.7310585786300049.
    assert math.isclose(marker.y[0], 0.7310585786300049, rel_tol=1e-15)
    assert marker.name == "now: d = 1, p = 0.7311"
    assert [shape.x0 for shape in figure.layout.shapes] == [1.0]
    # The curves' ends, ±6 temperatures (plotly.js pads no line), set so the curves move with it at each T.
    assert tuple(figure.layout.xaxis.range) == (-6.0, 6.0)
    assert figure.layout.xaxis.title.text == "logit difference<br>d = z(cat) − z(&lt;b&gt;dog&lt;/b&gt;)"
    assert figure.layout.yaxis.title.text == "probability of cat"


def test_logistic_curves_without_a_current_point_have_no_marker():
    d = difference_axis(math.inf, 1.0)
    figure = figures.logistic_curves(d, logistic(d), logistic(d), current=None, labels=("a", "b"), title="t")
    assert len(figure.data) == 2 and not traces(figure, "current") and not figure.layout.shapes


def test_gumbel_histogram_puts_the_shares_beside_softmax():
    shares = np.array([0.64, 0.26, 0.10])
    figure = figures.gumbel_histogram(shares, softmax(Z), LABELS, samples=100_000)
    assert figure.layout.title.text == "100,000 Gumbel-max samples"
    assert figure.layout.title.subtitle.text == "arg max(z/T + Gumbel noise), beside softmax p"
    assert [t.type for t in figure.data] == ["bar", "scatter"]
    assert_array_equal(trace(figure, "shares").y, shares)
    assert_array_equal(trace(figure, "softmax").y, softmax(Z))
    assert figure.layout.yaxis.title.text == "share of samples"
    assert figure.layout.xaxis.title.text == "class"


def test_relaxed_samples_is_a_heat_map_of_the_rows_with_values_for_few_classes():
    samples = gumbel_softmax(Z, tau=0.5, rng=np.random.default_rng(0), size=8)
    figure = figures.relaxed_samples(samples, LABELS, tau=0.5)
    heatmap = trace(figure, "samples")
    assert heatmap.type == "heatmap"
    assert_array_equal(heatmap.z, samples)
    assert (heatmap.zmin, heatmap.zmax) == (0.0, 1.0)
    assert list(heatmap.y) == [str(i) for i in range(1, 9)]
    # Cell values by the one number rule (4 significant digits), not Plotly's own "%{z:.2f}".
    assert heatmap.texttemplate == "%{text}"
    assert [list(row) for row in heatmap.text] == [[number(v) for v in row] for row in samples]
    assert figure.layout.yaxis.type == "category"
    assert figure.layout.title.text == "8 Gumbel-softmax samples, τ = 0.5"
    assert figure.layout.xaxis.title.text == "class" and figure.layout.yaxis.title.text == "sample"


def test_relaxed_samples_of_many_classes_drop_the_cell_text():
    z = np.linspace(-1, 1, 40)
    samples = gumbel_softmax(z, tau=2.0, rng=np.random.default_rng(0), size=8)
    figure = figures.relaxed_samples(samples, [f"c{i}" for i in range(40)], tau=2.0)
    assert trace(figure, "samples").texttemplate is None


def test_every_trace_of_every_chart_has_a_stable_id():
    d = difference_axis(1.0, 1.0)
    built = [
        figures.map_bars(outputs(Z), LABELS, title="t"),
        figures.shift_bars(LABELS, softmax(Z), softmax(Z), normalize(Z, "square"), None, shift=1.0),
        figures.logistic_curves(
            d, logistic(d), logistic(d), current=(1.0, 0.7), labels=("a", "b"), title="t"
        ),
        figures.gumbel_histogram(softmax(Z), softmax(Z), LABELS, samples=10),
        figures.relaxed_samples(np.full((2, 3), 1 / 3), LABELS, tau=1.0),
    ]
    for figure in built:
        ids = [t.meta for t in figure.data]
        assert all(isinstance(i, str) and i for i in ids) and len(set(ids)) == len(ids), ids


def test_every_title_and_axis_title_line_fits_a_phone():
    # About 38 characters of a 19-px title, and 40 of a 16-px axis title, fit the 358 px a chart gets on a
    # 390-px phone (default labels); a longer title is split in title and subtitle, an axis title in lines.
    d = difference_axis(1.0, 1.0)
    labels = ("class 1", "class 2", "class 3")
    built = [
        figures.map_bars(outputs(Z), labels, title="Six maps of the same logits, at β = −0.01"),
        figures.shift_bars(labels, softmax(Z), softmax(Z), normalize(Z, "square"), None, shift=1.0),
        figures.logistic_curves(
            d, logistic(d), logistic(d), current=(1.0, 0.7), labels=labels[:2], title="t"
        ),
        figures.gumbel_histogram(softmax(Z), softmax(Z), labels, samples=100_000),
        figures.relaxed_samples(np.full((2, 3), 1 / 3), labels, tau=0.5),
    ]
    for figure in built:
        layout = figure.layout.to_plotly_json()
        assert len(layout["title"]["text"]) <= 44, layout["title"][
            "text"
        ]  # the page's own, at most "T = −0.01"
        for axis in ("xaxis", "yaxis", "xaxis2"):
            for line in layout.get(axis, {}).get("title", {}).get("text", "").split("<br>"):
                assert len(line) <= 40, line


def test_legends_of_several_entries_sit_under_the_plot_clear_of_the_title():
    d = difference_axis(1.0, 1.0)
    for figure in (
        figures.map_bars(outputs(Z), LABELS, title="t"),
        figures.logistic_curves(
            d, logistic(d), logistic(d), current=(1.0, 0.7), labels=("a", "b"), title="t"
        ),
        figures.gumbel_histogram(softmax(Z), softmax(Z), LABELS, samples=10),
    ):
        assert figure.layout.legend.yref == "container" and figure.layout.legend.y == 0
