"""Exact limits: T = 0, T = ±inf, ±inf logits, and how (β, T) becomes β."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from softmax_core import (
    argmax_onehot,
    argmin_onehot,
    entropy,
    log_softmax,
    resolve_beta,
    softmax,
    softmax_sweep,
)

INF = math.inf


# --- resolve_beta -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [
        ({}, 1.0),
        ({"beta": 2.5}, 2.5),
        ({"beta": -INF}, -INF),
        ({"temperature": 0.5}, 2.0),
        ({"temperature": -4}, -0.25),
        ({"temperature": 0}, INF),
        ({"temperature": -0.0}, INF),
        ({"temperature": INF}, 0.0),
        ({"temperature": -INF}, 0.0),
        ({"temperature": 5e-324}, INF),  # 1/T overflows: T is 0 to every logit difference
        ({"beta": np.float32(2.0)}, 2.0),
    ],
)
def test_resolve_beta_turns_temperature_into_beta(keywords, expected):
    beta = resolve_beta(**keywords)
    assert beta == expected
    assert type(beta) is float


# --- T = 0: the arg max -------------------------------------------------------------------------


def test_zero_temperature_is_the_arg_max():
    assert_array_equal(softmax([2.0, 1.0, 0.1], temperature=0), [1.0, 0.0, 0.0])


def test_zero_temperature_splits_ties_equally():
    assert_array_equal(softmax([1.0, 5.0, 5.0], temperature=0), [0.0, 0.5, 0.5])
    assert_array_equal(softmax([7.0, 7.0, 7.0, 7.0], beta=INF), [0.25] * 4)


def test_zero_temperature_equals_argmax_onehot_on_a_batch():
    z = np.array([[1.0, 5.0, 5.0], [3.0, -1.0, 2.0]])
    assert_array_equal(softmax(z, temperature=0), argmax_onehot(z))
    assert_array_equal(softmax(z, temperature=0, axis=0), argmax_onehot(z, axis=0))


def test_beta_minus_infinity_is_the_arg_min():
    assert_array_equal(softmax([2.0, 1.0, 1.0], beta=-INF), [0.0, 0.5, 0.5])
    assert_array_equal(argmin_onehot([2.0, 1.0, 1.0]), [0.0, 0.5, 0.5])


def test_argmin_onehot_is_argmax_onehot_of_the_negated_logits():
    z = np.array([[0.5, -2.0, -2.0, 3.0], [1.0, 1.0, 1.0, 1.0]])
    assert_array_equal(argmin_onehot(z), argmax_onehot(-z))


def test_onehot_of_a_zero_temperature_has_zero_entropy():
    assert entropy(softmax([4.0, 1.0], temperature=0)) == 0.0


# --- T = ±inf: uniform --------------------------------------------------------------------------


def test_infinite_temperature_is_uniform():
    assert_array_equal(softmax([2.0, 1.0, 0.1, -7.0], temperature=INF), [0.25] * 4)
    assert_array_equal(softmax([2.0, 1.0, 0.1, -7.0], temperature=-INF), [0.25] * 4)
    assert_array_equal(softmax([1e308, -1e308], beta=0), [0.5, 0.5])


def test_infinite_temperature_keeps_minus_infinity_logits_at_zero():
    # β = 0 is the limit β → 0⁺: for every β > 0 a −inf logit has weight 0.
    assert_array_equal(softmax([-INF, 1.0, 2.0], beta=0), [0.0, 0.5, 0.5])
    assert_array_equal(softmax([INF, 1.0, INF], beta=0), [0.5, 0.0, 0.5])


# --- infinite logits ----------------------------------------------------------------------------


def test_minus_infinity_logits_get_probability_exactly_zero():
    p = softmax([-INF, 0.0, 1.0, -INF])
    assert p[0] == 0.0
    assert p[3] == 0.0
    assert p[1:3].sum() == pytest.approx(1.0)


def test_plus_infinity_logits_share_all_the_mass_equally():
    assert_array_equal(softmax([INF, 3.0, INF, -INF]), [0.5, 0.0, 0.5, 0.0])
    assert_array_equal(softmax([INF, INF]), [0.5, 0.5])


def test_negative_beta_mirrors_the_roles_of_plus_and_minus_infinity():
    assert_array_equal(softmax([INF, 3.0, 4.0], beta=-1), softmax([-INF, -3.0, -4.0]))
    assert_array_equal(softmax([-INF, 3.0, -INF], beta=-2), [0.5, 0.0, 0.5])


def test_log_softmax_of_infinite_logits():
    assert_array_equal(log_softmax([INF, 1.0, -INF]), [0.0, -INF, -INF])
    assert log_softmax([-INF, 0.0])[0] == -INF


def test_sweep_limit_rows_are_exact():
    sweep = softmax_sweep([3.0, 1.0, 3.0], [-INF, 0.0, INF])
    assert_array_equal(sweep, [[0.0, 1.0, 0.0], [1 / 3, 1 / 3, 1 / 3], [0.5, 0.0, 0.5]])


# --- approaching the limits continuously --------------------------------------------------------


@pytest.mark.parametrize("temperature", [1e-3, 1e-10, 1e-100, 1e-300])
def test_small_temperatures_approach_the_arg_max(temperature):
    p = softmax([0.95, 0.99, 0.98], temperature=temperature)
    assert np.max(np.abs(p - [0.0, 1.0, 0.0])) <= math.exp(-0.01 / temperature) * 2


@pytest.mark.parametrize("temperature", [1e3, 1e10, 1e100, 1e300])
def test_large_temperatures_approach_uniform(temperature):
    p = softmax([2.0, 1.0, 0.1], temperature=temperature)
    assert np.max(np.abs(p - 1 / 3)) <= 2.0 / temperature
