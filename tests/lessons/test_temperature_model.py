"""The Temperature page's model: sweeps, the two-logit comparisons and the sentences, without Streamlit."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.common.text import number
from lessons.temperature import model
from softmax_core import softmax

LOGITS = np.array([2.0, 1.0, 0.1])


def test_animation_runs_from_the_arg_max_to_uniform_through_41_temperatures():
    sweep = model.animation_sweep(LOGITS)
    assert sweep.shape == (41, 3) and len(model.ANIMATION_TEMPERATURES) == 41
    np.testing.assert_array_equal(sweep[0], [1.0, 0.0, 0.0])  # T = 0: the exact arg max
    np.testing.assert_array_equal(sweep[-1], [1 / 3] * 3)  # T = ∞: uniform
    assert model.ANIMATION_TEMPERATURES[20] == pytest.approx(1.0)
    np.testing.assert_allclose(sweep[20], softmax(LOGITS), rtol=1e-15)


def test_temperature_sweep_stretches_to_the_current_t():
    temperatures, sweep = model.temperature_sweep(LOGITS, 0.002)
    assert temperatures[0] == pytest.approx(0.001) and temperatures[-1] == pytest.approx(100.0)
    np.testing.assert_allclose(sweep[-1], softmax(LOGITS, temperature=100.0), rtol=1e-14)


@pytest.mark.parametrize(("gap", "beta", "expected"), [(0.0, math.inf, 0.0), (3.0, 0.0, 0.0), (2.0, 0.5, 1.0),
                                                       (1.0, math.inf, math.inf)])  # fmt: skip
def test_scaled_gap_reads_the_limits_as_limits(gap, beta, expected):
    assert model.scaled_gap(gap, beta) == expected


def test_comparisons_hold_the_cited_example_and_the_users_top_two():
    rows = model.comparisons(LOGITS, ("cat", "dog", "bird"), 0.5, 2.0)
    assert [row.name for row in rows] == [
        "σ(0, 10) at T = 1", "σ(0, 10) at T = 100", "yours: cat vs dog", "yours ×10, at 10·T",
    ]  # fmt: skip
    # σ(0, 10) at T = 1: e^10/(1 + e^10) = 0.9999546; at T = 100: 1/(1 + e^−0.1) = 0.5249792
    assert rows[0].split[0] == pytest.approx(0.9999546, abs=1e-7)
    assert rows[1].split[0] == pytest.approx(0.5249792, abs=1e-7)
    # Δ = 1 at T = 0.5 and Δ = 10 at T = 5: both Δ/T = 2, the same split σ(2) = 0.8808
    assert rows[2].scaled_gap == rows[3].scaled_gap == 2.0
    np.testing.assert_allclose(rows[2].split, rows[3].split, rtol=1e-15)
    table = model.comparison_table(rows)
    assert list(table.loc["yours: cat vs dog"]) == ["1, 2", "0.5", "1", "2", "0.1192, 0.8808"]


def test_logits_too_large_to_scale_by_ten_leave_out_the_last_comparison():
    rows = model.comparisons(np.array([1e308, -1e308]), ("a", "b"), 1.0, 1.0)
    assert len(rows) == 3 and rows[2].gap == math.inf


@pytest.mark.parametrize(
    ("logits", "words"),
    [
        (LOGITS, "the largest logit's curve has climbed to 1"),
        (np.array([3.0, 3, 1]), "the 2 tied largest logits"),
    ],
)
def test_curves_note_follows_ties_at_the_top(logits, words):
    assert words in model.curves_note(logits)


def test_the_legend_note_appears_beyond_ten_classes():
    assert "legend is hidden" in model.curves_note(np.arange(12.0))
    assert "legend" not in model.curves_note(LOGITS)


def test_entropy_note_gives_the_share_of_the_ceiling():
    # H(0.659, 0.2424, 0.09856) = 0.8467 nats, 77 % of log 3 = 1.0986
    note = model.entropy_note(LOGITS, "nats", 0.8467, 0.0, math.log(3))
    assert "77 % of the ceiling" in note and "from 0 (one class is certain)" in note
    assert "H stays flat" in model.entropy_note(np.ones(3), "bits", math.log2(3), math.log2(3), math.log2(3))


@pytest.mark.parametrize(("beta", "words"), [(1.0, "One factor of ten"), (math.inf, "a limit maps to itself"),
                                             (0.0, "a limit maps to itself")])  # fmt: skip
def test_small_multiples_note_at_a_finite_t_and_at_the_limits(beta, words):
    assert words in model.small_multiples_note(LOGITS, 1 / beta if beta else math.inf, beta)


def test_scale_verdict_says_identical_differ_or_as_close_as_you_like():
    p = softmax(LOGITS, beta=2.0)
    assert model.scale_verdict(p, softmax(LOGITS, beta=2.0), 2.0, 2.0)[1] == "identical"
    assert model.scale_verdict(p, softmax(LOGITS), 1.0, 2.0)[1:] == (
        "differ",
        f" by up to {number(float(np.max(np.abs(p - softmax(LOGITS)))))}. Set c = 1/T and they coincide.",
    )
    cold = softmax(LOGITS, beta=math.inf)
    assert (
        model.scale_verdict(cold, softmax(LOGITS), 1.0, math.inf)[1] == "no finite c gives the exact arg max"
    )
