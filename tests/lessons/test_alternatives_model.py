"""The live property table of the 'Why exponentiate?' page, cell by cell, and its helpers."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as hst

from lessons.alternatives.model import (
    MAPS,
    MAPS_BY_KEY,
    PROPERTIES,
    difference_axis,
    evaluate,
    probe_shift,
    property_table,
    temperature_label,
    two_classes,
    undefined_note,
)
from lessons.common.text import number
from softmax_core import logistic, normalize, softmax

INF = math.inf
LABELS3 = ("class 1", "class 2", "class 3")


def table(z, beta=1.0, labels=None):
    z = np.array(z, dtype=float)
    labels = labels or tuple(f"class {i + 1}" for i in range(len(z)))
    return property_table(z, labels, beta)


def cell(frame, key: str, column: str) -> str:
    return frame.loc[MAPS_BY_KEY[key].name, column]


def test_table_has_one_row_per_map_and_one_column_per_property():
    frame = table([2.0, 1.0, 0.1])
    assert list(frame.index) == [m.name for m in MAPS]
    assert list(frame.columns) == list(PROPERTIES)
    assert frame.index.name == "map"


def test_textbook_logits_softmax_is_positive_ordered_invariant_and_tempered():
    frame = table([2.0, 1.0, 0.1])
    assert cell(frame, "softmax", "outputs positive") == "yes"
    assert cell(frame, "softmax", "sum to 1") == "yes"
    assert cell(frame, "softmax", "order preserved") == "yes"
    assert cell(frame, "softmax", "invariant to z + c") == "yes"
    assert cell(frame, "softmax", "changes with T (T → T/2)").startswith("yes: p moves up to ")
    assert cell(frame, "softmax", "sparse (exact zeros)") == "no"
    assert cell(frame, "softmax", "differentiable (documented)") == "yes, smooth"


def test_textbook_logits_square_is_not_invariant_and_says_by_how_much():
    # By hand: c = 1; (2, 1, 0.1)² / 5.01 against (3, 2, 1.1)² / 14.21: class 1 moves most.
    frame = table([2.0, 1.0, 0.1])
    moved = np.abs(normalize([2.0, 1.0, 0.1], "square") - normalize([3.0, 2.0, 1.1], "square")).max()
    assert cell(frame, "square", "invariant to z + c") == f"no: p moves up to {number(moved)}"  # 0.165
    assert cell(frame, "square", "changes with T (T → T/2)") == "no"  # T cancels in the ratio


def test_textbook_logits_sparse_maps_have_exact_zeros():
    # Sparsemax(2, 1, 0.1) = (1, 0, 0) and 1.5-entmax(2, 1, 0.1) has p₃ = 0 (hand-worked in the core tests).
    frame = table([2.0, 1.0, 0.1])
    assert cell(frame, "sparsemax", "sparse (exact zeros)") == "yes: 2 of 3 are 0"
    assert cell(frame, "sparsemax", "outputs positive") == "no: 2 of 3 are 0"
    assert cell(frame, "entmax15", "sparse (exact zeros)") == "yes: 1 of 3 is 0"
    assert cell(frame, "sparsemax", "invariant to z + c") == "yes"
    # Sparsemax stays one-hot when T halves: no change; 1.5-entmax still moves.
    assert cell(frame, "sparsemax", "changes with T (T → T/2)") == "no"
    assert cell(frame, "entmax15", "changes with T (T → T/2)").startswith("yes")


def test_negative_logits_make_the_square_break_the_order():
    # (−3)² = 9 beats (−0.5)² = 0.25 although −3 < −0.5: the worst pair is class 1 against class 3.
    frame = table([-3.0, 1.0, -0.5])
    assert (
        cell(frame, "square", "order preserved") == "no: class 1 has a smaller z but a larger p than class 3"
    )
    assert cell(frame, "softmax", "order preserved") == "yes"
    assert cell(frame, "relu", "order preserved") == "yes"
    assert cell(frame, "relu", "sparse (exact zeros)") == "yes: 2 of 3 are 0"


def test_the_order_cell_names_the_user_labels():
    frame = table([-3.0, 1.0, -0.5], labels=("cat", "dog", "bird"))
    assert cell(frame, "square", "order preserved") == "no: cat has a smaller z but a larger p than bird"


def test_relu_of_non_positive_logits_is_undefined_in_every_computed_cell():
    frame = table([-1.0, -2.0, -3.0])
    row = frame.loc[MAPS_BY_KEY["relu"].name]
    assert row["outputs positive"] == "undefined here: every weight is 0, and 0/0 has no value"
    assert (
        list(row[["sum to 1", "order preserved", "invariant to z + c", "sparse (exact zeros)"]]) == ["—"] * 4
    )
    assert row["differentiable (documented)"].startswith("no")
    assert cell(frame, "softmax", "invariant to z + c") == "yes"


def test_a_map_that_becomes_undefined_after_the_shift_is_not_invariant():
    # c = 1/2 turns (−1/2, −1/2) into (0, 0), where the normalised square is 0/0.
    frame = table([-0.5, -0.5])
    assert cell(frame, "square", "invariant to z + c") == "no: undefined at z + c"
    assert cell(frame, "softmax", "invariant to z + c") == "yes"


def test_zero_temperature_makes_softmax_sparse_and_scaling_change_nothing():
    frame = table([2.0, 1.0, 0.1], beta=INF)
    for key in ("softmax", "exp2", "sparsemax", "entmax15"):
        assert cell(frame, key, "outputs positive") == "no: 2 of 3 are 0"
        assert cell(frame, key, "changes with T (T → T/2)") == "no"
        assert cell(frame, key, "invariant to z + c") == "yes"


def test_infinite_temperature_is_uniform_for_the_tempered_maps():
    frame = table([2.0, 1.0, 0.1], beta=0.0)
    for key in ("softmax", "exp2", "sparsemax", "entmax15"):
        assert cell(frame, key, "outputs positive") == "yes"
        assert cell(frame, key, "changes with T (T → T/2)") == "no"


def test_negative_beta_reverses_the_order_of_softmax():
    frame = table([2.0, 1.0, 0.1], beta=-1.0)
    assert (
        cell(frame, "softmax", "order preserved") == "no: class 3 has a smaller z but a larger p than class 1"
    )
    assert cell(frame, "square", "order preserved") == "yes"


def test_probabilities_below_the_float_range_still_count_as_positive_and_changing():
    # softmax(0, 1e6) prints as (0, 1), but p₁ = e^-1e6 > 0 and halving T squares it.
    frame = table([0.0, 1e6])
    assert cell(frame, "softmax", "outputs positive") == "yes"
    assert cell(frame, "softmax", "sparse (exact zeros)") == "no"
    assert cell(frame, "softmax", "changes with T (T → T/2)") == (
        "yes: log p moves up to 1e6 (p too small to print)"
    )
    assert cell(frame, "sparsemax", "sparse (exact zeros)") == "yes: 1 of 2 is 0"


def test_logits_near_the_float_limit_leave_no_room_for_a_shift():
    frame = table([1.7e308, -1.7e308])
    assert cell(frame, "softmax", "invariant to z + c").startswith("— (no room to add a constant")


@settings(max_examples=60, deadline=None)
@given(
    z=hst.lists(hst.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=2, max_size=12),
    beta=hst.sampled_from([0.01, 0.5, 1.0, 3.0, 100.0, -2.0, INF, 0.0]),
)
# Found by hypothesis: at T = 0, adding 1/2 rounds the two logits into a tie, which the limit splits.
@example(z=[0.0, 8.38015286704337e-117], beta=INF)
@example(z=[-8.38015286704337e-117, 0.0, 1.0], beta=-INF)
def test_the_invariant_maps_are_always_found_invariant(z, beta):
    # The tolerance must absorb the rounding of z + c at every scale: never a false "no".
    frame = table(z, beta=beta)
    for key in ("softmax", "exp2", "sparsemax", "entmax15"):
        assert cell(frame, key, "invariant to z + c") == "yes", key
        assert cell(frame, key, "sum to 1") == "yes", key


@settings(max_examples=40, deadline=None)
@given(
    z=hst.lists(hst.floats(min_value=-1e3, max_value=1e3, allow_nan=False), min_size=2, max_size=12),
    beta=hst.sampled_from([0.01, 1.0, 100.0, -2.0]),
)
def test_the_homogeneous_maps_never_change_with_temperature(z, beta):
    frame = table(z, beta=beta)
    for key in ("square", "relu"):
        assert cell(frame, key, "changes with T (T → T/2)") in {"no", "—"}, key


def test_softmax_changes_with_temperature_unless_all_logits_are_equal():
    assert cell(table([1.0, 1.0, 1.0]), "softmax", "changes with T (T → T/2)") == "no"
    assert cell(table([1.0, 1.0, 1.5]), "softmax", "changes with T (T → T/2)").startswith("yes")


def test_evaluate_reports_the_cores_reason_for_an_undefined_map():
    outcome = evaluate(MAPS_BY_KEY["square"], np.zeros(3), 1.0)
    assert outcome.p is None
    assert outcome.undefined == (
        "every logit is 0, so every weight z² is 0 and 0/0 has no value. Give at least one nonzero logit."
    )
    defined = evaluate(MAPS_BY_KEY["exp2"], np.array([1.0, 0.0]), 1.0)
    np.testing.assert_allclose(defined.p, [2 / 3, 1 / 3])
    np.testing.assert_allclose(defined.log_p, np.log([2 / 3, 1 / 3]))


@pytest.mark.parametrize(
    ("z", "expected"),
    [
        ([2.0, 1.0, 0.1], 1.0),  # max(1, 2)/2
        ([-3.0, 1.0, -0.5], 1.5),
        ([0.1, 0.2], 0.5),  # at least 1/2
        ([1.7e308, 0.0], -8.5e307),  # +c would overflow: the other sign
        ([1.7e308, -1.7e308], None),
    ],
)
def test_probe_shift_is_half_the_size_of_the_logits_and_fits_in_a_float(z, expected):
    assert probe_shift(np.array(z)) == expected


def test_difference_axis_spans_six_temperatures_and_the_current_difference():
    d = difference_axis(1.0, 1.0)
    assert d[0] == -6.0 and d[-1] == 6.0 and d.size == 401 and d[200] == 0.0
    assert difference_axis(20.0, 1.0)[-1] == 25.0
    assert difference_axis(1.0, 0.01)[-1] == 600.0
    assert difference_axis(0.0, INF)[-1] == 1.0
    assert difference_axis(INF, 1.0)[-1] == 6.0
    assert np.isfinite(difference_axis(1.0, 5e-324)).all()


def test_softmax_row_agrees_with_the_core():
    z = np.array([0.3, -1.0, 2.5])
    outcome = evaluate(MAPS_BY_KEY["softmax"], z, 2.0)
    np.testing.assert_array_equal(outcome.p, softmax(z, beta=2.0))


NASTY_LOGITS = [
    [1e308, -1e308, 0.0],
    [1.7976931348623157e308, -1.7976931348623157e308],
    [5e-324, -5e-324],
    [1e300, 1e300 * (1 + 2**-52)],
    [0.0, 0.0],
    [-1e-300, -2.0],
    [1e6, 0.0, 1.0],
]
NASTY_BETAS = [INF, -INF, 0.0, 1e-300, 5e-324, 1e100, 1e300, 1.7e308, -1e300, 1.0]


def test_the_table_never_warns_and_never_shows_nan():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for z, beta in itertools.product(NASTY_LOGITS, NASTY_BETAS):
            frame = table(z, beta=beta)
            assert not frame.map(lambda text: "nan" in text.lower()).to_numpy().any(), (z, beta)
            difference_axis(z[0] - z[1], beta)


# --- what the page says about the current view ---


@pytest.mark.parametrize(
    ("beta", "temperature", "text"),
    [(2.0, 0.5, "T = 0.5"), (-2.0, -0.5, "β = −2"), (-INF, -0.0, "β = −∞"), (INF, 0.0, "T = 0")],
)
def test_a_negative_temperature_is_named_as_beta(beta, temperature, text):
    assert temperature_label(beta, temperature) == text


def test_undefined_note_names_each_undefined_map_and_why():
    z = np.array([-1.0, -2.0, -3.0])
    note = undefined_note({m.key: evaluate(m, z, 1.0) for m in MAPS})
    assert note.startswith("**normalised ReLU \\(max\\(0, z\\)\\) is undefined here:** every logit is ≤ 0")
    assert undefined_note({m.key: evaluate(m, np.array([2.0, 1.0]), 1.0) for m in MAPS}) == ""


def test_two_classes_is_the_sigmoid_of_the_first_two_logits_difference():
    pair = two_classes(np.array([3.0, 1.5, 0.2]), 2.0)
    # By hand: d = 1.5 at β = 2: σ(3) = 1/(1 + e^-3) = 0.9525741268224334.
    assert pair.current[0] == 1.5 and math.isclose(pair.current[1], 0.9525741268224334, rel_tol=1e-15)
    np.testing.assert_array_equal(pair.sigmoid_curve, logistic(pair.differences, beta=2.0))
    np.testing.assert_allclose(pair.softmax_curve, pair.sigmoid_curve, rtol=1e-15, atol=1e-300)
    assert two_classes(np.array([1e308, -1e308]), 1.0).current is None  # the difference overflows
