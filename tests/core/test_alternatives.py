"""Softmax's alternatives and Gumbel sampling: hand-worked values, properties, limits and error messages."""

from __future__ import annotations

import itertools
import math
import re
import warnings

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from numpy.testing import assert_allclose, assert_array_equal
from scipy import stats

from softmax_core import (
    NORMALIZERS,
    argmax_onehot,
    entmax15,
    gumbel_max_sample,
    gumbel_softmax,
    logistic,
    normalize,
    softmax,
    sparsemax,
)

EPS = np.finfo(np.float64).eps
INF, NAN = math.inf, math.nan
SPARSE_MAPS = [sparsemax, entmax15]
SQRT7 = math.sqrt(7.0)

finite_logits = hst.lists(
    hst.floats(min_value=-50, max_value=50, allow_nan=False, allow_infinity=False), min_size=1, max_size=12
)
betas = hst.sampled_from([0.1, 0.5, 1.0, 2.0, 10.0, -1.0, -3.0])


def threshold_reference(y, power: int) -> list[mpmath.mpf]:
    """The exact solution p_i = [y_i − τ]_+^power with Σ p = 1, τ found by bisection at 50 digits.

    The definition of sparsemax (power 1, y = βz) and of 1.5-entmax (power 2, y = βz/2), solved
    without sorting, so that it checks the sort-based algorithms independently.
    """
    with mpmath.workdps(50):
        y = [mpmath.mpf(v) for v in y]

        def mass(tau):
            return sum(max(v - tau, 0) ** power for v in y)

        low, high = max(y) - 1, max(y)  # mass(low) ≥ 1 > mass(high) = 0
        for _ in range(200):
            middle = (low + high) / 2
            low, high = (middle, high) if mass(middle) >= 1 else (low, middle)
        return [max(v - low, 0) ** power for v in y]


# --- normalize: hand-worked values ----------------------------------------------------------------


def test_normalised_square_of_two_one_zero_is_four_fifths_one_fifth():
    # By hand: (4, 1, 0) / 5.
    assert_allclose(normalize([2.0, 1.0, 0.0], "square"), [0.8, 0.2, 0.0], rtol=EPS)


def test_normalised_square_reverses_the_order_of_a_large_negative_logit():
    # By hand: 9/10 and 1/10, although −3 < 1: squaring forgets the sign.
    assert_allclose(normalize([-3.0, 1.0], "square"), [0.9, 0.1], rtol=EPS)


def test_normalised_relu_keeps_only_positive_logits():
    # By hand: (3, 1, 0) / 4.
    assert_array_equal(normalize([3.0, 1.0, -2.0], "relu"), [0.75, 0.25, 0.0])


def test_normalised_absolute_value():
    # By hand: (2, 1, 1) / 4.
    assert_array_equal(normalize([-2.0, 1.0, -1.0], "abs"), [0.5, 0.25, 0.25])


def test_base_two_exponential_is_powers_of_two_normalised():
    # By hand: 2^2, 2^1, 2^0 = 4, 2, 1 over 7.
    assert_allclose(normalize([2.0, 1.0, 0.0], "exp2"), [4 / 7, 2 / 7, 1 / 7], rtol=2 * EPS)


def test_base_two_is_softmax_at_temperature_one_over_ln_two():
    # Wikipedia, "Softmax function": a base other than e is softmax with β = ln b.
    z = [1.5, -0.25, 3.0, 0.0]
    assert_allclose(normalize(z, "exp2", temperature=0.5), softmax(z, beta=2 * math.log(2)), rtol=4 * EPS)


def test_softmax_by_name_is_softmax():
    z = np.array([[2.0, 1.0, 0.1], [0.0, -1.0, 5.0]])
    assert_array_equal(normalize(z, "softmax", temperature=0.3), softmax(z, temperature=0.3))


@pytest.mark.parametrize("name", ["square", "abs", "relu"])
@pytest.mark.parametrize("temperature", [0.01, 1.0, 100.0, 0.0, INF, 1e-300, 1e300])
def test_homogeneous_maps_have_no_temperature(name, temperature):
    # f(z/T) = T^−d f(z): the factor cancels, exactly, for every positive T and both limits.
    z = [3.0, 1.0, -2.0, 0.5]
    assert_array_equal(normalize(z, name, temperature=temperature), normalize(z, name))


def test_a_negative_temperature_turns_the_relu_to_the_negative_logits():
    # ReLU(βz) with β < 0 is |β| ReLU(−z): by hand, (0, 0, 2) / 2.
    assert_array_equal(normalize([3.0, 1.0, -2.0], "relu", beta=-0.5), [0.0, 0.0, 1.0])
    assert_array_equal(
        normalize([3.0, 1.0, -2.0], "square", beta=-7.0), normalize([3.0, 1.0, -2.0], "square")
    )


def test_square_of_huge_logits_does_not_overflow():
    # (1e308)² overflows; the ratios (1, 1/4) do not. By hand: 1/(1 + 1/4) = 0.8.
    assert_allclose(normalize([1e308, -5e307], "square"), [0.8, 0.2], rtol=4 * EPS)
    assert_allclose(normalize([1.7976931348623157e308, 0.0], "abs"), [1.0, 0.0])


def test_square_of_subnormal_logits_does_not_underflow():
    # (5e-324)² is 0 in floating point; the normalised ratio 1/2 is not.
    assert_array_equal(normalize([5e-324, -5e-324], "square"), [0.5, 0.5])


def test_infinite_logits_take_all_the_mass_of_the_homogeneous_maps():
    assert_array_equal(normalize([INF, 1.0, -INF], "square"), [0.5, 0.0, 0.5])
    assert_array_equal(normalize([INF, 1.0, -INF], "relu"), [1.0, 0.0, 0.0])


def test_normalize_works_along_an_axis_of_a_batch():
    z = np.array([[2.0, -1.0], [1.0, 3.0], [0.5, 0.5]])
    for name in NORMALIZERS:
        columns = normalize(z, name, axis=0)
        for j in range(2):
            assert_allclose(columns[:, j], normalize(z[:, j], name), rtol=2 * EPS)


def test_a_callable_weight_function_is_applied_to_beta_z():
    # By hand: f(βz) = βz + 1 with β = 2: (3, 5) / 8.
    assert_allclose(normalize([1.0, 2.0], lambda x: x + 1, beta=2), [3 / 8, 5 / 8], rtol=EPS)


# --- normalize: where it is undefined, with the reason --------------------------------------------


def test_relu_of_all_non_positive_logits_is_undefined_and_says_why():
    message = (
        r"^normalize\(z, 'relu'\) is undefined here: every logit is ≤ 0, so every ReLU output max\(0, ·\) "
        r"is 0 and 0/0 has no value\. Give at least one positive logit\.$"
    )
    with pytest.raises(ValueError, match=message):
        normalize([-1.0, 0.0, -3.0], "relu")


def test_relu_with_negative_beta_of_all_non_negative_logits_says_minus_z():
    with pytest.raises(ValueError, match=r"every −z \(β < 0\) is ≤ 0"):
        normalize([1.0, 0.0], "relu", beta=-1)


@pytest.mark.parametrize(("name", "weight"), [("square", "z²"), ("abs", "|z|")])
def test_square_and_absolute_value_of_all_zero_logits_are_undefined(name, weight):
    message = (
        rf"^normalize\(z, '{name}'\) is undefined here: every logit is 0, so every weight "
        rf"{re.escape(weight)} is 0 and 0/0 has no value\. Give at least one nonzero logit\.$"
    )
    with pytest.raises(ValueError, match=message):
        normalize([0.0, -0.0, 0.0], name)


def test_an_undefined_slice_of_a_batch_is_named():
    with pytest.raises(ValueError, match=r"undefined here \(the slice at index 1\)"):
        normalize([[1.0, 2.0], [-1.0, -2.0]], "relu")
    with pytest.raises(ValueError, match=r"\(the slice at index 0\)"):
        normalize([[0.0, 1.0], [0.0, 2.0]], "square", axis=0)


def test_unknown_name_lists_the_choices():
    message = (
        r"^Unknown normalisation 'cube'; choose one of 'softmax', 'exp2', 'square', 'abs', 'relu', "
        r"or pass a function\.$"
    )
    with pytest.raises(ValueError, match=message):
        normalize([1.0, 2.0], "cube")


def test_f_that_is_neither_a_name_nor_a_function_is_a_type_error():
    with pytest.raises(TypeError, match=r"^f must be one of .* or a function, not int\.$"):
        normalize([1.0, 2.0], 2)


def test_nan_is_refused_by_every_named_map():
    for name in NORMALIZERS:
        with pytest.raises(ValueError, match=r"z contains NaN \(not a number\) at index 1"):
            normalize([1.0, NAN], name)


@pytest.mark.parametrize(
    ("f", "message"),
    [
        (
            lambda x: -x,
            r"f must return finite weights ≥ 0, but f\(βz\) at index 0 is -1000\.0; a probability",
        ),
        (np.exp, r"f must return finite weights ≥ 0, but f\(βz\) at index 0 is inf; a fast-growing f"),
        (lambda x: x[:1], r"f must return one weight per logit, shape \(2,\), but it returned shape \(1,\)"),
        (lambda x: 0 * x, r"The weights f\(βz\) sum to 0\.0 in some slice"),
    ],
)
def test_a_callable_that_gives_no_distribution_is_refused(f, message):
    with pytest.raises(ValueError, match=message):
        normalize([1000.0, 2.0], f)


def test_a_callable_has_no_known_zero_temperature_limit():
    with pytest.raises(ValueError, match=r"limits β = ±∞ \(T = 0\) are known for the named"):
        normalize([1.0, 2.0], np.exp, temperature=0)


# --- sparsemax: hand-worked values ----------------------------------------------------------------


def test_sparsemax_of_the_textbook_logits_is_one_hot():
    # By hand: u = (2, 1, 0.1), 1 + 2·1 = 3 is not > 2 + 1, so the support is {1}, τ = 1.
    assert_array_equal(sparsemax([2.0, 1.0, 0.1]), [1.0, 0.0, 0.0])


def test_sparsemax_of_the_textbook_logits_at_temperature_two():
    # By hand: y = (1, 0.5, 0.05); support 2 (1 + 2·0.5 > 1.5, 1 + 3·0.05 < 1.55), τ = 0.25.
    assert_allclose(sparsemax([2.0, 1.0, 0.1], temperature=2), [0.75, 0.25, 0.0], rtol=EPS)
    assert sparsemax([2.0, 1.0, 0.1], temperature=2)[2] == 0.0


def test_sparsemax_with_everything_in_the_support():
    # By hand: τ = (0.8 − 1)/3 = −1/15, p = (0.5, 0.2, 0.1) + 1/15.
    assert_allclose(sparsemax([0.5, 0.2, 0.1]), [17 / 30, 8 / 30, 5 / 30], rtol=4 * EPS)


@pytest.mark.parametrize("t", [-3.0, -1.0, -0.5, 0.0, 0.25, 0.999, 1.0, 2.0, 50.0])
def test_sparsemax_of_two_classes_is_the_hard_sigmoid(t):
    # Martins & Astudillo 2016, §2.2: sparsemax([t, 0])₁ = [(1 + t)/2] clipped to [0, 1].
    expected = min(1.0, max(0.0, (1 + t) / 2))
    assert_allclose(sparsemax([t, 0.0]), [expected, 1 - expected], atol=EPS)


def test_sparsemax_reaches_the_arg_max_at_a_finite_beta():
    # Two classes with gap d are one-hot from β = 1/d on: by hand, β = 1/0.25 = 4.
    assert_array_equal(sparsemax([1.0, 1.25], beta=4), [0.0, 1.0])
    assert sparsemax([1.0, 1.25], beta=3.9)[0] > 0


# --- 1.5-entmax: hand-worked values ---------------------------------------------------------------


def test_entmax15_of_one_and_zero():
    # By hand: y = (1/2, 0), (1/2 − τ)² + τ² = 1 gives τ = (1 − √7)/4, p = ((4 + √7)/8, (4 − √7)/8).
    assert_allclose(entmax15([1.0, 0.0]), [(4 + SQRT7) / 8, (4 - SQRT7) / 8], rtol=4 * EPS)


def test_entmax15_of_the_textbook_logits_has_an_exact_zero():
    # By hand: y = (1, 0.5, 0.05) − 1; support 2, τ = −0.25 − √0.4375; the third class is outside.
    p = entmax15([2.0, 1.0, 0.1])
    assert_allclose(p, [(4 + SQRT7) / 8, (4 - SQRT7) / 8, 0.0], rtol=4 * EPS)
    assert p[2] == 0.0


def test_entmax15_with_everything_in_the_support():
    # By hand: y = (0, −1/4, −1/2), M = −1/4, S = 1/8, τ = −1/4 − √(7/24); p_i = (y_i − τ)².
    root = math.sqrt(7 / 24)
    expected = [(0.25 + root) ** 2, root**2, (root - 0.25) ** 2]
    assert_allclose(entmax15([1.0, 0.5, 0.0]), expected, rtol=8 * EPS)


@pytest.mark.parametrize("t", [0.0, 0.5, 1.0, 1.9, 2.0, 3.0])
def test_entmax15_of_two_classes_saturates_at_two(t):
    # Peters, Niculae & Martins 2019, Fig. 1: 1.5-entmax([t, 0])₁ = ((t/2 + √(2 − t²/4))/2)² up to
    # t = 2, and 1 from there on. (Derived as for [1, 0] above.)
    a = t / 2
    expected = 1.0 if t >= 2 else ((a + math.sqrt(2 - a * a)) / 2) ** 2
    assert_allclose(entmax15([t, 0.0])[0], expected, rtol=4 * EPS)


# --- sparse maps: properties ----------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(z=finite_logits, beta=betas)
def test_sparsemax_matches_the_projection_solved_by_bisection(z, beta):
    reference = threshold_reference([beta * v for v in z], power=1)
    assert_allclose(
        sparsemax(z, beta=beta), [float(p) for p in reference], atol=64 * EPS * (1 + abs(beta) * 50)
    )


@settings(max_examples=60, deadline=None)
@given(z=finite_logits, beta=betas)
def test_entmax15_matches_its_definition_solved_by_bisection(z, beta):
    reference = threshold_reference([beta * v / 2 for v in z], power=2)
    assert_allclose(
        entmax15(z, beta=beta), [float(p) for p in reference], atol=64 * EPS * (len(z) + abs(beta) * 50)
    )


@pytest.mark.parametrize("sparse_map", SPARSE_MAPS)
@settings(max_examples=40, deadline=None)
@given(z=finite_logits, beta=betas)
def test_sparse_maps_give_probability_vectors_in_the_order_of_the_logits(sparse_map, z, beta):
    p = sparse_map(z, beta=beta)
    assert (p >= 0).all()
    assert math.isclose(math.fsum(p), 1.0, rel_tol=16 * EPS * len(z))
    order = np.argsort(np.multiply(beta, z), kind="stable")
    assert (np.diff(p[order]) >= -8 * EPS).all()


@pytest.mark.parametrize("sparse_map", SPARSE_MAPS)
@settings(max_examples=40, deadline=None)
@given(
    z=hst.lists(hst.integers(min_value=-1000, max_value=1000), min_size=1, max_size=12),
    c=hst.integers(min_value=-(10**6), max_value=10**6),
)
def test_sparse_maps_are_invariant_to_adding_a_constant(sparse_map, z, c):
    # Integers: z + c is exact, so the two outputs must agree to the last bit.
    z = np.array(z, dtype=float)
    assert_array_equal(sparse_map(z + c), sparse_map(z))


@pytest.mark.parametrize("sparse_map", SPARSE_MAPS)
def test_sparse_maps_are_permutation_equivariant(sparse_map):
    z = np.array([0.3, -1.2, 0.9, 0.0, 0.85])
    for permutation in itertools.permutations(range(5)):
        permutation = list(permutation)
        assert_allclose(sparse_map(z[permutation]), sparse_map(z)[permutation], atol=2 * EPS)


@pytest.mark.parametrize("sparse_map", SPARSE_MAPS)
def test_sparse_maps_tend_to_the_arg_max_and_reach_it_exactly(sparse_map):
    z = [0.3, 1.0, 0.99, -2.0]
    assert_array_equal(sparse_map(z, beta=INF), argmax_onehot(z))
    assert_array_equal(sparse_map(z, beta=1e6), argmax_onehot(z))  # a finite β, exactly one-hot
    assert_array_equal(sparse_map(z, temperature=0), [0.0, 1.0, 0.0, 0.0])
    assert_array_equal(sparse_map(z, beta=-INF), [0.0, 0.0, 0.0, 1.0])


@pytest.mark.parametrize("sparse_map", SPARSE_MAPS)
def test_sparse_maps_split_ties_equally_in_the_limits(sparse_map):
    assert_array_equal(sparse_map([1.0, 5.0, 5.0], temperature=0), [0.0, 0.5, 0.5])
    assert_array_equal(sparse_map([1.0, 5.0, 5.0]), [0.0, 0.5, 0.5])
    assert_array_equal(sparse_map([1.0, 5.0, 5.0], temperature=INF), [1 / 3] * 3)


@pytest.mark.parametrize("sparse_map", SPARSE_MAPS)
def test_sparse_maps_are_uniform_at_infinite_temperature_and_nearly_so_at_high(sparse_map):
    z = [2.0, 1.0, 0.1]
    assert_array_equal(sparse_map(z, beta=0.0), [1 / 3] * 3)
    assert_allclose(sparse_map(z, temperature=1e6), [1 / 3] * 3, atol=1e-6)


@pytest.mark.parametrize("sparse_map", SPARSE_MAPS)
def test_sparse_maps_of_huge_logits_shift_first(sparse_map):
    assert_array_equal(sparse_map([1e308, -1e308]), [1.0, 0.0])  # the shift overflows to −inf: still 0
    assert_array_equal(sparse_map([1e6, 0.0, 1.0]), [1.0, 0.0, 0.0])
    assert_allclose(sparse_map([1000.0, 1000.5]), sparse_map([0.0, 0.5]), atol=EPS)
    assert_allclose(sparse_map([1e300, -1e300], beta=1e-300), sparse_map([1.0, -1.0]), atol=4 * EPS)


@pytest.mark.parametrize("sparse_map", SPARSE_MAPS)
def test_sparse_maps_treat_infinite_logits_as_extended_reals(sparse_map):
    assert_array_equal(sparse_map([INF, 1.0, INF]), [0.5, 0.0, 0.5])
    assert_array_equal(sparse_map([-INF, 0.5, 0.0]), [0.0, *sparse_map([0.5, 0.0])])
    assert_array_equal(sparse_map([-INF, 1.0], beta=-1), [1.0, 0.0])


@pytest.mark.parametrize("sparse_map", SPARSE_MAPS)
def test_sparse_maps_work_along_an_axis_of_a_batch(sparse_map):
    z = np.array([[2.0, -1.0, INF], [1.0, 3.0, 0.0], [0.5, 0.5, 1.0]])
    for axis in (0, 1):
        batch = sparse_map(z, temperature=2, axis=axis)
        for j in range(3):
            row = np.take(z, j, axis=1 - axis)
            assert_allclose(np.take(batch, j, axis=1 - axis), sparse_map(row, temperature=2), atol=EPS)


@pytest.mark.parametrize("sparse_map", SPARSE_MAPS)
def test_sparse_maps_refuse_what_softmax_refuses(sparse_map):
    with pytest.raises(ValueError, match=r"z contains NaN \(not a number\) at index 1"):
        sparse_map([0.0, NAN])
    with pytest.raises(ValueError, match=r"^Every logit is -inf, so every weight"):
        sparse_map([-INF, -INF])
    with pytest.raises(ValueError, match=r"^z is empty"):
        sparse_map([])
    with pytest.raises(ValueError, match=r"^Give either beta or temperature, not both"):
        sparse_map([1.0, 2.0], beta=1, temperature=1)


def test_entmax15_lies_between_softmax_and_sparsemax_in_sparsity():
    z = np.linspace(-2, 2, 9)
    zeros = [int(np.count_nonzero(f(z) == 0)) for f in (softmax, entmax15, sparsemax)]
    assert zeros[0] == 0 < zeros[1] < zeros[2]


# --- logistic -------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    z1=hst.floats(min_value=-1e3, max_value=1e3, allow_nan=False),
    z2=hst.floats(min_value=-1e3, max_value=1e3, allow_nan=False),
    beta=betas,
)
def test_two_class_softmax_is_the_logistic_of_the_difference(z1, z2, beta):
    p = softmax([z1, z2], beta=beta)
    assert math.isclose(
        p[0], logistic(z1 - z2, beta=beta), rel_tol=8 * EPS * (1 + abs(beta * (z1 - z2))), abs_tol=1e-300
    )


@pytest.mark.parametrize("x", [-745.0, -40.0, -1.0, 0.0, 1e-10, 3.0, 40.0])
def test_logistic_against_mpmath(x):
    exact = 1 / (1 + mpmath.exp(-mpmath.mpf(x)))
    assert math.isclose(logistic(x), float(exact), rel_tol=4 * EPS, abs_tol=5e-324)


def test_logistic_limits_are_exact():
    assert_array_equal(logistic([-INF, -1.0, 0.0, 1.0, INF], temperature=0), [0.0, 0.0, 0.5, 1.0, 1.0])
    assert_array_equal(logistic([-1.0, 0.0, 1.0], beta=-INF), [1.0, 0.5, 0.0])
    assert_array_equal(logistic([-INF, -5.0, 5.0, INF], beta=0.0), [0.0, 0.5, 0.5, 1.0])
    assert logistic(1e308, beta=1e308) == 1.0


def test_logistic_refuses_nan_and_keeps_the_shape():
    with pytest.raises(ValueError, match=r"x contains NaN \(not a number\) at index 0"):
        logistic(NAN)
    assert logistic(np.zeros((2, 3))).shape == (2, 3)
    assert isinstance(logistic(2.0), np.floating)


# --- Gumbel-max and Gumbel-softmax ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("z", "temperature"),
    [([2.0, 1.0, 0.1], 1.0), ([1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0], 2.0), ([0.0, 3.0], 0.5)],
)
def test_gumbel_max_frequencies_pass_a_chi_square_test_against_softmax(z, temperature):
    # Pearson's chi-square goodness of fit; the seed is fixed, so this is deterministic, and the
    # threshold is the 99.9 % quantile, so a correct sampler fails it for about one seed in 1000.
    n = 200_000
    draws = gumbel_max_sample(z, size=n, rng=np.random.default_rng(20240607), temperature=temperature)
    observed = np.bincount(draws, minlength=len(z))
    expected = n * softmax(z, temperature=temperature)
    chi_square = float(((observed - expected) ** 2 / expected).sum())
    assert chi_square < stats.chi2.ppf(0.999, df=len(z) - 1)


def test_gumbel_max_with_a_wrong_distribution_fails_the_same_test():
    # The test above can fail: samples of softmax at T = 1 are far from softmax at T = 1.2.
    n = 200_000
    draws = gumbel_max_sample([2.0, 1.0, 0.1], size=n, rng=np.random.default_rng(20240607))
    expected = n * softmax([2.0, 1.0, 0.1], temperature=1.2)
    chi_square = float(((np.bincount(draws, minlength=3) - expected) ** 2 / expected).sum())
    assert chi_square > stats.chi2.ppf(0.999, df=2)


def test_the_same_seed_gives_the_same_samples():
    z = [0.5, 0.1, -0.3, 2.0]
    first = gumbel_max_sample(z, size=1000, rng=np.random.default_rng(7))
    assert_array_equal(first, gumbel_max_sample(z, size=1000, rng=np.random.default_rng(7)))
    assert not np.array_equal(first, gumbel_max_sample(z, size=1000, rng=np.random.default_rng(8)))


def test_samples_drawn_in_blocks_equal_samples_drawn_at_once():
    # 70 000 samples of 64 classes are drawn in several blocks of noise; the stream is the same.
    z = np.linspace(-1, 1, 64)
    draws = gumbel_max_sample(z, size=70_000, rng=np.random.default_rng(3))
    noise = np.random.default_rng(3).gumbel(size=(70_000, 64))
    assert_array_equal(draws, np.argmax(noise + np.log(softmax(z)), axis=1))


def test_gumbel_max_at_the_limits_draws_only_the_limit_classes():
    rng = np.random.default_rng(1)
    assert set(gumbel_max_sample([1.0, 3.0, 3.0], size=2000, rng=rng, temperature=0)) == {1, 2}
    assert set(gumbel_max_sample([1.0, 3.0, 3.0], size=200, rng=rng, beta=-INF)) == {0}
    uniform = np.bincount(gumbel_max_sample([1e6, 0.0, -1e6], size=30_000, rng=rng, temperature=INF))
    assert_allclose(uniform / 30_000, [1 / 3] * 3, atol=0.015)
    assert set(gumbel_max_sample([0.0, -INF, 5.0, INF], size=100, rng=rng)) == {3}


def test_gumbel_softmax_rows_are_distributions_that_sharpen_as_tau_falls():
    z = [2.0, 1.0, 0.1]
    soft = gumbel_softmax(z, tau=10.0, rng=np.random.default_rng(0), size=500)
    sharp = gumbel_softmax(z, tau=0.05, rng=np.random.default_rng(0), size=500)
    assert_allclose(soft.sum(axis=1), 1.0, rtol=4 * EPS)
    assert sharp.max(axis=1).mean() > 0.95 > 0.5 > soft.max(axis=1).mean()
    assert gumbel_softmax(z, tau=1.0, rng=np.random.default_rng(0)).shape == (3,)


def test_gumbel_softmax_at_tau_zero_is_the_gumbel_max_sample_of_the_same_noise():
    z = [0.4, 1.0, -0.5, 0.0]
    relaxed = gumbel_softmax(z, tau=0, rng=np.random.default_rng(11), size=2000, temperature=0.7)
    draws = gumbel_max_sample(z, size=2000, rng=np.random.default_rng(11), temperature=0.7)
    assert_array_equal(relaxed, np.eye(4)[draws])
    uniform = gumbel_softmax(z, tau=INF, rng=np.random.default_rng(11), size=3)
    assert_array_equal(uniform, np.full((3, 4), 0.25))


def test_sampling_needs_a_numpy_generator():
    message = r"^rng must be a numpy\.random\.Generator, e\.g\. np\.random\.default_rng\(0\), not int\.$"
    with pytest.raises(TypeError, match=message):
        gumbel_max_sample([1.0, 2.0], size=10, rng=7)


@pytest.mark.parametrize("size", [0, -3, 2.5, True, "10"])
def test_sampling_needs_a_positive_whole_number_of_samples(size):
    with pytest.raises(ValueError, match=r"^size must be a positive whole number of samples, got "):
        gumbel_max_sample([1.0, 2.0], size=size, rng=np.random.default_rng())


def test_sampling_takes_one_vector_of_finite_or_infinite_logits():
    rng = np.random.default_rng()
    message = r"^Sampling takes one vector of logits \(1-d\), got an array of shape \(1, 2\)\.$"
    with pytest.raises(ValueError, match=message):
        gumbel_max_sample([[1.0, 2.0]], size=3, rng=rng)
    with pytest.raises(ValueError, match=r"z contains NaN"):
        gumbel_softmax([1.0, NAN], tau=1.0, rng=rng)


@pytest.mark.parametrize(("tau", "error"), [(-1, ValueError), (NAN, ValueError), ("0.5", TypeError)])
def test_gumbel_softmax_needs_a_relaxation_temperature_of_at_least_zero(tau, error):
    message = (
        r"tau must be ≥ 0 \(0 gives one-hot samples, inf uniform ones\), got"
        if error is ValueError
        else r"^tau must be a real number, got '0\.5'\.$"
    )
    with pytest.raises(error, match=message):
        gumbel_softmax([1.0, 2.0], tau=tau, rng=np.random.default_rng())


# --- no RuntimeWarning, no NaN --------------------------------------------------------------------

NASTY_LOGITS = [
    [0.0, 0.0],
    [1e308, -1e308],
    [1.7976931348623157e308, -1.7976931348623157e308, 0.0],
    [5e-324, -5e-324, 0.0],
    [1000.0, 1000.0, -1000.0],
    [INF, 0.0],
    [INF, INF, -INF],
    [-INF, 0.0],
    [-INF, -INF],
    [7.0],
    [-3.0, 1.0, -0.5],
]
NASTY_BETAS = [INF, -INF, 0.0, -0.0, 1e300, -1e300, 1e-300, -1e-300, 5e-324, 1.0, -1.0, 1.7e308]


def _value_or_none(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except ValueError:
        return None


def test_no_runtime_warning_and_no_nan_from_the_alternatives():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for z, beta in itertools.product(NASTY_LOGITS, NASTY_BETAS):
            for batch in (np.array(z), np.array([z, z])):
                outputs = [_value_or_none(normalize, batch, name, beta=beta) for name in NORMALIZERS]
                outputs += [_value_or_none(f, batch, beta=beta) for f in SPARSE_MAPS]
                for p in outputs:
                    if p is not None:
                        assert not np.isnan(p).any(), (z, beta)
                        assert_allclose(p.sum(axis=-1), 1.0, rtol=16 * EPS * len(z))
            if not any(math.isnan(v) for v in z):
                assert not np.isnan(logistic(z, beta=beta)).any()
            draws = _value_or_none(gumbel_max_sample, z, size=50, rng=np.random.default_rng(0), beta=beta)
            relaxed = _value_or_none(
                gumbel_softmax, z, tau=0.5, rng=np.random.default_rng(0), size=5, beta=beta
            )
            if draws is not None:
                assert ((draws >= 0) & (draws < len(z))).all()
                assert not np.isnan(relaxed).any()
