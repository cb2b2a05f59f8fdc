"""Every ValueError of the numerical core, with its message; and no RuntimeWarning for any input."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest

from softmax_core import (
    argmax_onehot,
    argmin_onehot,
    boltzmann,
    cross_entropy,
    cross_entropy_grad,
    entropy,
    free_energy,
    heat_capacity,
    log_partition_function,
    log_softmax,
    logsumexp,
    mean_energy,
    naive_exponentials,
    naive_softmax,
    partition_function,
    resolve_beta,
    smooth_max,
    softmax,
    softmax_jacobian,
    softmax_sweep,
    thermal_entropy,
)

INF, NAN = math.inf, math.nan
SOFTMAX_LIKE = [softmax, log_softmax]
REDUCTIONS = [logsumexp, argmax_onehot, argmin_onehot]


# --- ValueError messages ------------------------------------------------------------------------


@pytest.mark.parametrize("function", [*SOFTMAX_LIKE, *REDUCTIONS])
def test_empty_logits_are_refused(function):
    with pytest.raises(ValueError, match=r"^z is empty: at least one logit is needed\.$"):
        function([])
    with pytest.raises(ValueError, match="z is empty"):
        function(np.zeros((3, 0)))


@pytest.mark.parametrize("function", [*SOFTMAX_LIKE, *REDUCTIONS])
def test_nan_is_refused_with_its_index(function):
    message = r"^z contains NaN \(not a number\) at index 2; every entry must be a number\.$"
    with pytest.raises(ValueError, match=message):
        function([1.0, 2.0, NAN, 4.0])


def test_nan_in_a_batch_is_located_by_row_and_column():
    with pytest.raises(ValueError, match=r"at index \(1, 0\)"):
        softmax([[1.0, 2.0], [NAN, 0.0]])


@pytest.mark.parametrize("keywords", [{}, {"temperature": 0}, {"beta": 0}, {"beta": 5e-324}, {"beta": 3.0}])
def test_all_minus_infinity_logits_have_no_distribution(keywords):
    message = r"^Every logit is -inf, so every weight e\^\(βz\) is 0 and no probability distribution exists\."
    with pytest.raises(ValueError, match=message):
        softmax([-INF, -INF, -INF], **keywords)
    with pytest.raises(ValueError, match=message):
        log_softmax([-INF, -INF], **keywords)


def test_all_minus_infinity_slice_of_a_batch_is_named():
    with pytest.raises(ValueError, match=r"Every logit is -inf \(the slice at index \(1, 0\)\)"):
        softmax([[0.0, 1.0], [-INF, -INF]])


def test_all_plus_infinity_logits_have_no_distribution_for_negative_beta():
    with pytest.raises(ValueError, match=r"^Every logit is \+inf and β < 0, so every weight"):
        softmax([INF, INF], beta=-1.0)


def test_sweep_refuses_a_beta_for_which_no_distribution_exists():
    with pytest.raises(ValueError, match="Every logit is -inf"):
        softmax_sweep([-INF, -INF], [-1.0, 0.0])
    with pytest.raises(ValueError, match=r"Every logit is \+inf and β < 0"):
        softmax_sweep([INF], [1.0, -1.0])


@pytest.mark.parametrize("function", [softmax, log_softmax, softmax_jacobian])
def test_beta_and_temperature_together_are_refused(function):
    with pytest.raises(ValueError, match=r"^Give either beta or temperature, not both \(β = 1/T\)\.$"):
        function([1.0, 2.0], beta=1.0, temperature=1.0)


def test_both_given_is_refused_by_resolve_beta_and_the_losses():
    with pytest.raises(ValueError, match="not both"):
        resolve_beta(beta=2.0, temperature=0.5)
    with pytest.raises(ValueError, match="not both"):
        cross_entropy([1.0, 2.0], 0, beta=1.0, temperature=1.0)


@pytest.mark.parametrize(
    ("keywords", "name"), [({"beta": NAN}, "beta"), ({"temperature": NAN}, "temperature")]
)
def test_nan_beta_or_temperature_is_refused(keywords, name):
    message = rf"^{name} is NaN \(not a number\); give a number, or inf for the exact limit\.$"
    with pytest.raises(ValueError, match=message):
        softmax([1.0, 2.0], **keywords)


def test_an_integer_beyond_the_floats_is_refused():
    with pytest.raises(ValueError, match=r"^beta is too large for a float; use inf for the exact limit\.$"):
        resolve_beta(beta=10**400)
    with pytest.raises(ValueError, match=r"^z must be numbers; int too large to convert to float\.$"):
        softmax([10**400, 1])


def test_text_temperature_is_a_type_error_pointing_to_the_parser():
    with pytest.raises(TypeError, match="parse_temperature"):
        resolve_beta(temperature="0.5")
    with pytest.raises(TypeError, match=r"beta must be a real number, got \[1, 2\]"):
        resolve_beta(beta=[1, 2])


def test_a_single_number_is_not_a_vector_of_logits():
    message = r"^z must be a vector of logits \(or an array of vectors\), not a single number\.$"
    with pytest.raises(ValueError, match=message):
        softmax(3.0)


def test_an_axis_out_of_range_is_refused():
    with pytest.raises(ValueError, match="axis 2 is out of bounds"):
        softmax([1.0, 2.0], axis=2)


def test_text_logits_are_refused_as_not_numbers():
    with pytest.raises(ValueError, match=r"^z must be numbers; could not convert string to float"):
        softmax(["1", "two"])


def test_complex_logits_are_refused():
    with pytest.raises(TypeError, match="complex values have no softmax"):
        softmax(np.array([1 + 1j, 2.0]))


def test_sweep_needs_one_vector_and_a_1d_array_of_betas():
    message = r"^softmax_sweep takes one vector of logits \(1-d\), got an array of shape \(2, 2\)\.$"
    with pytest.raises(ValueError, match=message):
        softmax_sweep(np.zeros((2, 2)), [1.0])
    message = r"^betas must be a 1-d array of inverse temperatures, got shape \(2, 2\)\.$"
    with pytest.raises(ValueError, match=message):
        softmax_sweep([1.0, 2.0], np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"^betas contains NaN \(not a number\) at index 1"):
        softmax_sweep([1.0, 2.0], [1.0, NAN])


def test_jacobian_needs_one_vector():
    message = r"^softmax_jacobian takes one vector of logits \(1-d\), got an array of shape \(1, 2\)\.$"
    with pytest.raises(ValueError, match=message):
        softmax_jacobian([[1.0, 2.0]])


@pytest.mark.parametrize("function", [cross_entropy, cross_entropy_grad])
def test_target_must_be_a_class_index_in_range(function):
    message = r"^target 3 is not a class index: there are 3 classes, numbered 0 to 2\.$"
    with pytest.raises(ValueError, match=message):
        function([1.0, 2.0, 3.0], 3)
    with pytest.raises(ValueError, match=r"^target -1 is not a class index"):
        function([1.0, 2.0, 3.0], -1)
    with pytest.raises(ValueError, match=r"^target must be an integer class index from 0 to 2, got 1\.0\.$"):
        function([1.0, 2.0, 3.0], 1.0)
    message = r"^target must hold one class index per vector of logits, shape \(2,\), got shape \(\)\.$"
    with pytest.raises(ValueError, match=message):
        function([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], 1)


def test_entropy_refuses_what_is_not_a_distribution():
    with pytest.raises(ValueError, match=r"^p must not be negative, but p\[1\] = -0\.1\.$"):
        entropy([1.1, -0.1])
    with pytest.raises(ValueError, match=r"^p must sum to 1, but it sums to 0\.9\.$"):
        entropy([0.5, 0.4])
    message = r"^p must sum to 1, but it sums to 2\.0 \(the slice at index 1\)\.$"
    with pytest.raises(ValueError, match=message):
        entropy([[0.5, 0.5], [1.0, 1.0]])
    with pytest.raises(ValueError, match=r"^p contains NaN \(not a number\) at index 0"):
        entropy([NAN, 1.0])
    with pytest.raises(ValueError, match=r"^p is empty"):
        entropy([])


@pytest.mark.parametrize("base", [0, -2, 1, INF, NAN])
def test_entropy_base_must_be_positive_and_not_one(base):
    with pytest.raises(ValueError, match=r"^base must be a positive number other than 1 \(2 for bits\)"):
        entropy([0.5, 0.5], base=base)


PHYSICS = [
    boltzmann,
    partition_function,
    log_partition_function,
    free_energy,
    mean_energy,
    thermal_entropy,
    heat_capacity,
]


@pytest.mark.parametrize("function", PHYSICS)
def test_physics_refuses_bad_energies_and_kt(function):
    message = r"^energies must be a non-empty 1-d array of energy levels, got shape \(0,\)\.$"
    with pytest.raises(ValueError, match=message):
        function([], 1.0)
    message = r"^energies must be a non-empty 1-d array of energy levels, got shape \(1, 2\)\.$"
    with pytest.raises(ValueError, match=message):
        function([[0.0, 1.0]], 1.0)
    with pytest.raises(ValueError, match=r"^energies must be finite, but energies\[1\] is inf\.$"):
        function([0.0, INF], 1.0)
    with pytest.raises(ValueError, match=r"^energies contains NaN \(not a number\) at index 0"):
        function([NAN, 1.0], 1.0)
    with pytest.raises(ValueError, match=r"^kT contains NaN \(not a number\) at index 0"):
        function([0.0, 1.0], NAN)
    message = r"^kT must be a number or a 1-d array of values, got shape \(1, 1\)\.$"
    with pytest.raises(ValueError, match=message):
        function([0.0, 1.0], [[1.0]])


# --- No RuntimeWarning, whatever the input ------------------------------------------------------

NASTY_LOGITS = [
    [0.0, 0.0],
    [1e308, -1e308],
    [1.7976931348623157e308, -1.7976931348623157e308, 0.0],
    [5e-324, -5e-324, 0.0],
    [1000.0, 999.9, 999.95],
    [-1e308, -1e308],
    [INF, -INF, 0.0],
    [INF, INF],
    [-INF, 0.0],
    [-INF, -INF],
    [7.0],
]
NASTY_BETAS = [INF, -INF, 0.0, -0.0, 1e300, -1e300, 1e-300, -1e-300, 1e-320, 5e-324, 1.0, -1.0, 20.0, 1.7e308]


def _call_allowing_value_error(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except ValueError:
        return None


def test_no_runtime_warning_escapes_the_softmax_family():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for z, beta in itertools.product(NASTY_LOGITS, NASTY_BETAS):
            for batch in (np.array(z), np.array([z, z])):
                p = _call_allowing_value_error(softmax, batch, beta=beta)
                if p is not None:
                    assert not np.isnan(p).any(), (z, beta)
                    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=8e-16 * len(z))
                log_p = _call_allowing_value_error(log_softmax, batch, beta=beta)
                if log_p is not None:
                    assert not np.isnan(log_p).any(), (z, beta)
                assert not np.isnan(logsumexp(batch, beta=beta)).any(), (z, beta)
                assert not np.isnan(smooth_max(batch, beta)).any(), (z, beta)
                _call_allowing_value_error(cross_entropy, batch, np.zeros(batch.shape[:-1], int), beta=beta)
                gradient = _call_allowing_value_error(
                    cross_entropy_grad, batch, np.zeros(batch.shape[:-1], int), beta=beta
                )
                if gradient is not None:
                    assert not np.isnan(gradient).any(), (z, beta)
            jacobian = _call_allowing_value_error(softmax_jacobian, z, beta=beta)
            if jacobian is not None:
                assert not np.isnan(jacobian).any(), (z, beta)
            naive_softmax(z, beta)
            naive_exponentials(z, beta)
            if z:
                argmax_onehot(z)
                argmin_onehot(z)
        for z in NASTY_LOGITS:
            sweep = _call_allowing_value_error(softmax_sweep, z, NASTY_BETAS)
            if sweep is not None:
                assert not np.isnan(sweep).any(), z
            sweep = _call_allowing_value_error(softmax_sweep, z, [b for b in NASTY_BETAS if b > 0])
            if sweep is not None:
                assert not np.isnan(sweep).any(), z


NASTY_ENERGIES = [
    [0.0, 1.0],
    [0.0, 0.0, 1.0],
    [-1e308, 1e308],
    [1.7976931348623157e308, -1.7976931348623157e308, 0.0],
    [5e-324, 0.0],
    [-1000.0, 0.0, 1000.0],
    [3.0],
]
NASTY_KT = [0.0, -0.0, 5e-324, -5e-324, 1e-300, -1e-300, 1.0, -1.0, 1e300, 1.7e308, -1.7e308, INF, -INF]


def test_no_runtime_warning_escapes_the_physics_functions():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for energies in NASTY_ENERGIES:
            for function in PHYSICS:
                values = function(energies, NASTY_KT)
                assert not np.isnan(values).any(), (function.__name__, energies)
                for kT in NASTY_KT:
                    assert not np.isnan(function(energies, kT)).any(), (function.__name__, energies, kT)
