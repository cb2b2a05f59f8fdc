"""Figure builders of the Boltzmann page, inspected trace by trace (no browser)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from lessons.boltzmann import figures, model
from lessons.common.plot import CLASS_COLORS, MARK
from softmax_core import (
    boltzmann,
    entropy_envelope,
    heat_capacity,
    mean_energy,
    softmax_sweep,
    thermal_entropy,
)
from tests.lessons.traces import trace

TWO_LEVEL = np.array([0.0, 1.0])


# --- energy-level diagram ---------------------------------------------------------------------------


def test_level_diagram_draws_one_line_per_level_with_its_population_on_it():
    energies = np.array([0.0, 1.0, 2.5])
    p = boltzmann(energies, 1.0)
    figure = figures.level_diagram(
        energies, p, ("a", "b", "c"), mean_energy=0.4, kT=1.0, energy_unit="meV", title="Levels"
    )
    lines = trace(figure, "levels")
    assert_array_equal(
        np.asarray(lines.x, dtype=float)[~np.isnan(np.asarray(lines.x, dtype=float))], [0, 1] * 3
    )
    assert_array_equal(np.asarray(lines.y, dtype=float)[::3], energies)
    bars = trace(figure, "populations")
    assert bars.orientation == "h"
    assert_array_equal(bars.x, p)  # bar length = population, a whole line = 1
    assert_allclose(np.asarray(bars.y) - bars.width[0] / 2, energies)  # resting on its line
    assert list(bars.marker.color) == list(CLASS_COLORS[:3])
    # p = (1, e^−1, e^−2.5)/Z with Z = 1.4500: (0.6897, 0.2537, 0.05661).
    assert list(bars.text) == ["0.6897", "0.2537", "0.05661"]
    assert figure.layout.yaxis.title.text == "energy E (meV)"
    assert figure.layout.xaxis.title.text == "bar length = population p"
    assert figure.layout.title.text == "Levels"


def test_level_diagram_sets_degenerate_levels_side_by_side():
    energies = np.array([0.0, 0.0, 1.0, 0.0])
    assert_array_equal(figures.level_slots(energies), [0.0, 1.25, 0.0, 2.5])
    figure = figures.level_diagram(
        energies,
        boltzmann(energies, 0.0),
        ("a", "b", "c", "d"),
        mean_energy=0.0,
        kT=0.0,
        energy_unit="ε",
        title="",
    )
    assert_array_equal(trace(figure, "populations").base, [0.0, 1.25, 0.0, 2.5])
    assert_array_equal(trace(figure, "populations").x, [1 / 3, 1 / 3, 0.0, 1 / 3])


def bracket(figure) -> tuple[tuple[float, str], ...]:
    """The kT bracket's points as drawn (y, marker symbol): its start, then its end as a tick or an arrow."""
    kT = trace(figure, "kT")
    return tuple((y, symbol) for y, symbol in zip(kT.y, kT.marker.symbol, strict=True) if y is not None)


def test_level_diagram_marks_the_mean_energy_and_a_kt_bracket_from_the_ground():
    figure = figures.level_diagram(
        np.array([0.0, 1.0, 2.0]),
        np.array([0.6, 0.3, 0.1]),
        "abc",
        mean_energy=0.5,
        kT=0.7,
        energy_unit="ε",
        title="",
    )
    u = trace(figure, "mean-energy")
    assert set(u.y) == {0.5}
    assert [(a.text, a.y) for a in figure.layout.annotations] == [("U = 0.5", 0.5)]
    assert bracket(figure) == ((0.0, "line-ew"), (0.7, "line-ew"))
    assert trace(figure, "kT").text[1] == "kT"


def test_level_diagram_draws_negative_kt_down_from_the_top_and_clips_a_long_bracket():
    energies = np.array([0.0, 1.0, 2.0])
    p = np.array([0.1, 0.3, 0.6])
    negative = figures.level_diagram(energies, p, "abc", mean_energy=1.5, kT=-0.5, energy_unit="ε", title="")
    assert bracket(negative) == ((2.0, "line-ew"), (1.5, "line-ew"))
    assert trace(negative, "kT").text[1] == "|kT|"
    hot = figures.level_diagram(energies, p, "abc", mean_energy=1.0, kT=50.0, energy_unit="ε", title="")
    assert bracket(hot) == ((0.0, "line-ew"), (2.0, "arrow-up"))
    cold_top = figures.level_diagram(energies, p, "abc", mean_energy=1.0, kT=-50.0, energy_unit="ε", title="")
    assert bracket(cold_top) == ((2.0, "line-ew"), (0.0, "arrow-down"))


@pytest.mark.parametrize("kT", [None, 0.0, math.inf])
def test_level_diagram_has_no_kt_bracket_at_the_exact_limits(kT):
    figure = figures.level_diagram(
        TWO_LEVEL, np.array([1.0, 0.0]), "ab", mean_energy=0.0, kT=kT, energy_unit="ε", title=""
    )
    # Hidden, with nothing to draw: kept so that the chart has the same traces at every temperature.
    assert trace(figure, "kT").visible is False and bracket(figure) == ()


def test_level_diagram_has_the_same_traces_at_every_temperature():
    # A chart that follows the temperature slider cannot gain or lose a trace (Plotly.update).
    def metas(kT):
        figure = figures.level_diagram(
            TWO_LEVEL, np.array([0.5, 0.5]), "ab", mean_energy=0.5, kT=kT, energy_unit="ε", title=""
        )
        return [t.meta for t in figure.data]

    assert metas(None) == metas(0.0) == metas(1.0) == metas(-3.0) == metas(math.inf)


def test_level_diagram_survives_levels_at_the_ends_of_the_floats():
    energies = np.array([-1e308, 1e308])
    figure = figures.level_diagram(
        energies, np.array([1.0, 0.0]), "ab", mean_energy=-1e308, kT=1.0, energy_unit="ε", title=""
    )
    assert all(math.isfinite(v) for v in figure.layout.yaxis.range)


def test_level_diagram_hides_values_beyond_twelve_levels():
    energies = np.arange(20.0)
    figure = figures.level_diagram(
        energies,
        boltzmann(energies, 3.0),
        [str(i) for i in range(20)],
        mean_energy=3.0,
        kT=3.0,
        energy_unit="ε",
        title="",
    )
    assert trace(figure, "populations").text is None


# --- population bars --------------------------------------------------------------------------------


def test_population_bars_show_p_beside_the_limit_with_escaped_labels():
    p = boltzmann(TWO_LEVEL, 1.0)
    figure = figures.population_bars(
        p, ("<b>g</b>", "e"), limit=np.array([1.0, 0.0]), limit_name="ground state(s) (T → 0)", title="P"
    )
    bars, limit = trace(figure, "populations"), trace(figure, "limit")
    assert limit.name == "ground state(s) (T → 0)"
    assert_array_equal(bars.y, p)
    assert list(bars.x) == ["&lt;b&gt;g&lt;/b&gt;", "e"]
    assert list(bars.text) == ["0.7311", "0.2689"]
    assert_array_equal(limit.y, [1.0, 0.0])
    assert figure.layout.xaxis.type == "category"  # "0", "1" … are level names, not numbers
    assert figure.layout.yaxis.title.text == "population p"
    assert figure.layout.xaxis.title.text == "level"


def test_population_bars_drop_value_labels_when_they_would_collide():
    p = np.full(10, 0.1)
    figure = figures.population_bars(
        p, [str(i) for i in range(10)], limit=np.eye(10)[0], limit_name="x", title="", level_title="level n"
    )
    assert trace(figure, "populations").text is None and figure.layout.xaxis.title.text == "level n"


# --- U, S and C against T ---------------------------------------------------------------------------


def _curves(energies, kT):
    values = model.curves(energies, kT)
    return {key: np.asarray(v) for key, v in values.items()}


def test_thermodynamic_curves_have_three_log_panels_with_the_present_state_marked():
    grid = np.geomspace(0.01, 100, 50)
    values = _curves(TWO_LEVEL, grid)
    now = {
        "U": float(mean_energy(TWO_LEVEL, 0.5)),
        "S": float(thermal_entropy(TWO_LEVEL, 0.5)),
        "C": float(heat_capacity(TWO_LEVEL, 0.5)),
    }
    figure = figures.thermodynamic_curves(
        grid,
        values,
        x_title="kT (ε)",
        energy_unit="ε",
        current=(0.5, now, "now"),
        peak=(0.4168, 0.4392, "peak", "peak at 0.4168"),
    )
    for key in ("U", "S", "C"):
        assert_array_equal(trace(figure, f"positive-{key}").y, values[key])
    marks = [trace(figure, f"current-{key}") for key in ("U", "S", "C")]
    assert [(t.x[0], t.y[0]) for t in marks] == [(0.5, now["U"]), (0.5, now["S"]), (0.5, now["C"])]
    assert all(t.marker.color == MARK for t in marks)
    assert marks[0].text == ("now",) and marks[1].text is None  # labelled once, on the top panel
    lines = [trace(figure, f"current-line-{key}") for key in ("U", "S", "C")]
    assert all(list(t.x) == [0.5, 0.5] and t.line.dash == "dot" and t.showlegend is False for t in lines)
    assert [(t.xaxis, t.yaxis) for t in lines] == [("x", "y"), ("x2", "y2"), ("x3", "y3")]
    peak = trace(figure, "peak")
    assert (peak.x[0], peak.y[0], peak.text[0]) == (0.4168, 0.4392, "peak")
    assert peak.hovertemplate == "peak at 0.4168<extra></extra>"
    assert all(figure.layout[f"xaxis{i}"].type == "log" for i in ("", "2", "3"))
    assert figure.layout.xaxis3.title.text == "kT (ε)"
    assert figure.layout.xaxis.range == (-2.0, 2.0)  # log10 of the grid's ends, without padding
    assert [figure.layout[f"yaxis{i}"].title.text for i in ("", "2", "3")] == [
        "U (ε)",
        "S (k<sub>B</sub>)",
        "C (k<sub>B</sub>)",
    ]
    assert figure.layout.title.text == "U, S and C against temperature"
    assert "T > 0" in figure.layout.title.subtitle.text


def test_thermodynamic_curves_add_the_negative_branch_dashed():
    grid = np.geomspace(0.01, 100, 20)
    negative = _curves(TWO_LEVEL, -grid)
    figure = figures.thermodynamic_curves(
        grid, _curves(TWO_LEVEL, grid), x_title="", energy_unit="ε", current=None, negative=negative
    )
    dashed = [trace(figure, f"negative-{key}") for key in ("U", "S", "C")]
    assert all(t.line.dash == "dash" and t.name == "T < 0 (drawn at |T|)" for t in dashed)
    assert_array_equal(dashed[0].y, negative["U"])
    assert "T < 0 dashed" in figure.layout.title.subtitle.text


# --- populations against β --------------------------------------------------------------------------


def test_populations_against_beta_stack_the_cores_sweep_and_mark_beta():
    energies = np.array([0.0, 1.0, 2.0])
    betas = np.linspace(-6, 6, 25)
    p = softmax_sweep(-energies, betas)
    figure = figures.populations_against_beta(betas, p, ("a", "b", "c"), current_beta=1.5, beta_unit="ε⁻¹")
    stacked = [trace(figure, f"level-{i}") for i in range(3)]
    assert [t.name for t in stacked] == ["a", "b", "c"] and all(t.stackgroup == "p" for t in stacked)
    for i, level in enumerate(stacked):
        assert_array_equal(level.y, p[:, i])
    now = trace(figure, "current")
    assert now.x == (1.5, 1.5) and now.text[1] == "now: β = 1.5"
    assert figure.layout.xaxis.title.text == "coldness β = 1/kT (ε⁻¹)"
    assert figure.layout.yaxis.title.text == "population p (stacked)"


@pytest.mark.parametrize(
    ("beta", "x", "text"),
    [(math.inf, 6.0, "now: β = ∞ →"), (-math.inf, -6.0, "← now: β = −∞"), (-1e9, -6.0, "← now: β = −1e9")],
)
def test_populations_against_beta_mark_a_beta_beyond_the_axis_at_its_end(beta, x, text):
    betas = np.linspace(-6, 6, 5)
    figure = figures.populations_against_beta(
        betas, softmax_sweep(-TWO_LEVEL, betas), "ab", current_beta=beta, beta_unit=""
    )
    now = trace(figure, "current")
    assert now.x == (x, x) and now.text[1] == text


# --- maximum entropy --------------------------------------------------------------------------------


def test_max_entropy_has_the_cloud_both_branches_meeting_at_uniform_and_the_present_state():
    energies = np.array([0.0, 1.0, 2.0])
    curve = entropy_envelope(energies)
    s, u = model.entropy_and_mean_energy(energies, model.random_distributions(energies, n=100))
    figure = figures.max_entropy(
        u,
        s,
        curve.U,
        curve.S,
        curve.branch,
        current_u=0.7,
        current_s=0.9,
        max_s=math.log(3),
        energy_unit="ε",
    )
    assert [t.meta for t in figure.data] == ["samples", "positive", "negative", "same-U", "current"]
    assert trace(figure, "samples").name == "random distributions (100)"
    positive, negative = trace(figure, "positive"), trace(figure, "negative")
    assert positive.x[0] == 0.0 and negative.x[-1] == 2.0  # ground state … top level
    assert positive.x[-1] == negative.x[0] == pytest.approx(1.0)  # both end at T = ±∞, U = mean
    assert positive.y[-1] == pytest.approx(math.log(3))
    assert list(trace(figure, "current").x) == [0.7] and list(trace(figure, "current").y) == [0.9]
    assert list(trace(figure, "same-U").x) == [0.7, 0.7]
    assert figure.layout.xaxis.title.text.startswith(
        "mean energy U"
    ) and figure.layout.xaxis.title.text.endswith("(ε)")
    assert figure.layout.yaxis.title.text.startswith("entropy S")


def test_populations_against_beta_can_name_a_beta_the_axis_cannot_hold():
    betas = np.linspace(-6, 6, 5)
    figure = figures.populations_against_beta(
        betas,
        softmax_sweep(-TWO_LEVEL, betas),
        "ab",
        current_beta=-math.inf,
        beta_unit="",
        current_label="−2 ε⁻¹",
    )
    assert trace(figure, "current").text[1] == "← now: β = −2 ε⁻¹"


@pytest.mark.parametrize(("at", "position"), [(100.0, "top left"), (0.01, "top right"), (1.0, "top center")])
def test_thermodynamic_curves_point_the_present_label_inward_at_the_ends(at, position):
    grid = np.geomspace(0.01, 100, 9)
    now = {"U": 0.5, "S": 0.6, "C": 0.0}
    figure = figures.thermodynamic_curves(
        grid, _curves(TWO_LEVEL, grid), x_title="", energy_unit="ε", current=(at, now, "now")
    )
    assert trace(figure, "current-U").textposition == position


def test_level_diagram_puts_the_u_label_where_it_does_not_cover_a_bar():
    open_below = figures.level_diagram(
        TWO_LEVEL, np.array([0.73, 0.27]), "ab", mean_energy=0.27, kT=1.0, energy_unit="ε", title=""
    )
    assert open_below.layout.annotations[0].yanchor == "top"  # under the line: nothing below for 0.27 ε
    crowded = figures.level_diagram(
        np.array([-2.0, -1.0, -0.1]),
        np.array([0.86, 0.12, 0.02]),
        "abc",
        mean_energy=-1.846,
        kT=0.5,
        energy_unit="ε",
        title="",
    )
    assert crowded.layout.annotations[0].yanchor == "bottom"  # the ground bar sits just below U


def test_every_trace_of_every_chart_has_its_own_stable_meta_id():
    energies = np.array([0.0, 1.0, 2.0])
    p = boltzmann(energies, 1.0)
    grid = np.geomspace(0.01, 100, 9)
    now = {"U": 0.5, "S": 0.6, "C": 0.1}
    curve = entropy_envelope(energies)
    betas = np.linspace(-6, 6, 5)
    built = [
        figures.level_diagram(energies, p, "abc", mean_energy=0.5, kT=1.0, energy_unit="ε", title=""),
        figures.population_bars(p, "abc", limit=np.eye(3)[0], limit_name="x", title=""),
        figures.thermodynamic_curves(
            grid, _curves(energies, grid), x_title="", energy_unit="ε", current=(1.0, now, "now"),
            negative=_curves(energies, -grid), peak=(0.5, 0.4, "peak", "peak at 0.5"),
        ),
        figures.populations_against_beta(
            betas, softmax_sweep(-energies, betas), "abc", current_beta=1.0, beta_unit=""
        ),
        figures.max_entropy(
            np.array([0.5]), np.array([0.5]), curve.U, curve.S, curve.branch, current_u=0.5, current_s=0.6,
            max_s=math.log(3), energy_unit="ε",
        ),
    ]  # fmt: skip
    for figure in built:
        metas = [t.meta for t in figure.data]
        assert None not in metas and len(set(metas)) == len(metas), metas


# --- what a phone and a projector show: short titles, legends clear of them, one number format ---------


def visible(text: str) -> str:
    """A Plotly title as read: tags dropped (σ<sub>β</sub> is 'σβ'), entities as one character."""
    return re.sub(r"&[a-z]+;", "x", re.sub(r"<[^>]+>", "", text))


def every_figure(energies=None, kT=1.0):
    energies = np.array([0.0, 1.0, 2.0]) if energies is None else energies
    p = boltzmann(energies, kT)
    grid = np.geomspace(0.01, 100, 9)
    now = {"U": 0.5, "S": 0.6, "C": 0.1}
    curve = entropy_envelope(energies)
    betas = np.linspace(-6, 6, 5)
    return {
        "levels": figures.level_diagram(
            energies, p, "abc", mean_energy=0.5, kT=kT, energy_unit="meV", title="Levels and populations",
            subtitle="at kT = 25.85 meV, T = 300 K",
        ),
        "populations": figures.population_bars(
            p, "abc", limit=np.eye(3)[0], limit_name="ground state(s) (T → 0)",
            title="Populations p = e<sup>−E/kT</sup>/Z", subtitle="at T = 300 K",
        ),
        "thermodynamics": figures.thermodynamic_curves(
            grid, _curves(energies, grid), x_title="kT in units of ε (log scale)", energy_unit="ε",
            current=(1.0, now, "now"), negative=_curves(energies, -grid),
            peak=(0.5, 0.4, "peak", "peak at 0.5"),
        ),
        "inversion": figures.populations_against_beta(
            betas, softmax_sweep(-energies, betas), "abc", current_beta=1.0, beta_unit="(10³⁰⁸ ε)⁻¹"
        ),
        "max_entropy": figures.max_entropy(
            np.array([0.5]), np.array([0.5]), curve.U, curve.S, curve.branch, current_u=0.5, current_s=0.6,
            max_s=math.log(3), energy_unit="meV",
        ),
    }  # fmt: skip


@pytest.mark.parametrize("name", ["levels", "populations", "thermodynamics", "inversion", "max_entropy"])
def test_titles_fit_a_phone_and_legends_sit_under_the_plot(name):
    """On a 390-px phone a chart is about 350 px wide: at 19 px a title of 34 characters fits, a subtitle
    of 40 at 15 px, an axis title of 36 at 16 px (the page before this showed titles of up to 79
    characters, cut at the chart's edge, and legends over them)."""
    figure = every_figure()[name]
    title = figure.layout.title
    assert len(visible(title.text)) <= 34, title.text
    assert title.subtitle.text is None or len(visible(title.subtitle.text)) <= 40, title.subtitle.text
    for axis in ("xaxis", "xaxis3"):
        text = figure.layout[axis].title.text if axis in figure.layout else None
        assert text is None or len(visible(text)) <= 36, text
    if any(t.showlegend is not False for t in figure.data) and figure.layout.showlegend is not False:
        assert figure.layout.legend.yref == "container" and figure.layout.legend.y == 0


def test_population_labels_read_as_numbers_or_below_a_thousandth_never_in_powers_of_ten():
    labels = figures.population_labels(np.array([0.7311, 0.09857, 1.2e-5, 0.0, 0.001]))
    assert labels == ["0.7311", "0.09857", "< 0.001", "0", "0.001"]
    bars = trace(figures.population_bars(np.array([1 - 2e-9, 2e-9]), "ab", limit=np.eye(2)[0], limit_name="x",
                                         title=""), "populations")  # fmt: skip
    assert list(bars.text) == ["1", "< 0.001"] and "e" not in "".join(bars.text)


def test_hover_numbers_that_may_be_negative_carry_the_true_minus_sign():
    energies = np.array([-2.0, -1.0, -0.1])  # "My logits" (2, 1, 0.1): E = −z
    figures_ = every_figure(energies)
    levels = trace(figures_["levels"], "populations")
    assert list(levels.customdata[:, 1]) == ["−2", "−1", "−0.1"]
    assert "%{customdata[1]}" in levels.hovertemplate
    beta = trace(figures_["inversion"], "level-0")
    assert beta.customdata[0] == "−6" and "β = %{customdata}" in beta.hovertemplate
    u = trace(figures_["thermodynamics"], "positive-U")
    assert all(text.startswith("−") for text in u.customdata) and "-" not in "".join(u.customdata)
    curve = trace(figures_["max_entropy"], "positive")
    assert curve.customdata[0] == "−2"


def test_thermodynamic_curves_keep_the_negative_branch_hidden_at_positive_temperatures():
    grid = np.geomspace(0.01, 100, 20)
    figure = figures.thermodynamic_curves(
        grid, _curves(TWO_LEVEL, grid), x_title="", energy_unit="ε", current=None, negative=None
    )
    dashed = [trace(figure, f"negative-{key}") for key in ("U", "S", "C")]
    assert all(t.visible is False and set(t.y) == {None} for t in dashed)
