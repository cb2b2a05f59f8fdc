"""What the arg max page writes under its charts (lessons.argmax_limit.captions), branch by branch."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.argmax_limit import captions, model


def scene(z, beta=1.0, labels=None):
    z = np.array(z, dtype=np.float64)
    return model.Scene.of(z, beta, labels or tuple(f"class {i + 1}" for i in range(z.size)))


def test_names_escape_labels_and_count_beyond_three():
    assert captions.names(("*a*", "b", "c", "d", "e"), [0, 1, 2, 3, 4]) == r"\*a\*, b, c and 2 more"


def test_sci_typesets_powers_of_ten_and_leaves_short_numbers_plain():
    assert captions.sci(0.659) == "0.659"
    assert captions.sci(3.72008e-44, 6) == r"$3.72008 \times 10^{-44}$"


@pytest.mark.parametrize(
    ("beta", "expected"),
    [
        (1.0, ""),
        (math.inf, "is the exact limit: it is marked at the right end"),
        (0.0, "a log axis has no 0, so it is marked at the left end"),
        (1e300, r"lies far beyond this axis; it is marked at the right end"),
        (1e-300, "lies far before this axis; it is marked at the left end"),
    ],
)
def test_where_marked_says_why_the_current_beta_is_at_an_end(beta, expected):
    text = captions.where_marked(scene([2.0, 1.0, 0.1], beta))
    assert (expected in text) if expected else text == ""


def test_convergence_of_equal_logits_says_the_uniform_already_is_the_limit():
    text = captions.convergence(scene([3.0, 3.0, 3.0]))
    assert "All 3 logits are equal" in text and "the tie split 3 ways" in text


def test_convergence_beyond_ten_classes_says_the_rest_are_summed():
    assert "the rest are summed (dashed)" in captions.convergence(scene(np.arange(12.0)))


def test_rate_of_equal_logits_has_no_curve_and_a_tie_stays_at_its_ceiling():
    text = captions.rate(scene([3.0, 3.0]), 0.0)
    assert "exactly 0 for every β" in text and "it stays at 2(1 − 1/2) = 1" in text


def test_rate_at_an_underflowed_distance_says_so():
    text = captions.rate(scene([0.0, 1000.0], 10.0), 0.0)
    assert "as e^(−|β|·gap) is below the smallest float." in text


def test_near_tie_for_negative_beta_looks_towards_minus_infinity():
    s = scene([2.0, 1.0, 0.1], -1.0)
    text = captions.near_tie(s, 0.01, np.array([0.5, 0.5]), None)
    assert r"\to (1, 0)$ as β → −∞" in text


def test_simplex_of_many_classes_names_the_three_shown_and_the_tied_ones_left_out():
    z = [1.0, 5.0, 5.0, 0.0, 0.0]
    s = scene(z)
    text = captions.simplex(s, model.three_classes(s.z))
    assert "the largest logit (class 2), the next largest (class 3) and the smallest (class 4)" in text
    assert "class 5 also has the smallest logit but is not shown: the full arg min splits that tie." in text
    assert "the arg max end sits mid-edge (two tied)" in text


@pytest.mark.parametrize(
    ("z", "beta", "expected"),
    [
        ([2.0, 1.0, 0.1], 0.0, "and so is the smooth max (triangle at the top)"),
        ([2.0, 1.0, 0.1], math.inf, "At β = ∞ it is exactly max z = 2."),
        ([2.0, 1.0, 0.1], -2.0, "a soft minimum"),
        ([3.0, 3.0], -1.0, "log K / |β| below min z"),
        ([1.0, 5.0, 5.0], 1.0, "With 2 tied extremes it approaches as log 2 / |β|"),
    ],
)
def test_smooth_max_caption_follows_the_side_the_limit_and_ties(z, beta, expected):
    s = scene(z, beta)
    assert expected in captions.smooth_max(s, float(np.max(z)))


def test_ties_table_shows_the_example_and_the_readers_logits():
    text = captions.ties(scene([2.0, 1.0, 0.1]))
    assert "arg max = (0, 0.5, 0.5)" in text and "(1, 0, 0)" in text
    assert text.count("| class |") == 2
