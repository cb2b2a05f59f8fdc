"""distillation_loss and distillation_grad: Hinton et al.'s loss, against the formula written again here.

The references are the textbook formulas, computed in mpmath with enough digits that their own
cancellation does not matter; the gradient is also checked by finite differences of the loss.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from hypothesis.extra.numpy import arrays

from softmax_core import cross_entropy, cross_entropy_grad, softmax
from softmax_core.classifier import softmax_regression_objective, train_softmax_regression
from softmax_core.distillation import distillation_grad, distillation_loss, student_objective, train_student

INF, NAN = math.inf, math.nan

# A small batch picked by hand: a confident teacher, a student that disagrees on the second example.
STUDENT = np.array([[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, -1.0, 0.0], [-3.0, 0.0, 3.0, 1.0]])
TEACHER = np.array([[6.0, 1.5, -2.0, 0.5], [0.0, 5.0, 1.0, 4.0], [-1.0, -1.0, 7.0, 2.0]])
LABELS = np.array([0, 1, 2])


def reference(student, teacher, labels, temperature, alpha, *, t_squared=True, digits=60):
    """Loss and gradient by the textbook formulas in mpmath: Σ q log(q/p), −log p_y, α T (p − q) …"""
    with mpmath.workdps(digits):
        T, a = mpmath.mpf(temperature), mpmath.mpf(alpha)
        n = len(student)

        def softmax(row, temp):
            weights = [mpmath.exp(mpmath.mpf(float(x)) / temp) for x in row]
            total = mpmath.fsum(weights)
            return [w / total for w in weights]

        loss, grad = mpmath.mpf(0), []
        for s, t, y in zip(student, teacher, labels, strict=True):
            q, p, p1 = softmax(t, T), softmax(s, T), softmax(s, 1)
            kl = mpmath.fsum(qk * mpmath.log(qk / pk) for qk, pk in zip(q, p, strict=True))
            factor = T**2 if t_squared else 1
            loss += a * factor * kl + (1 - a) * -mpmath.log(p1[y])
            soft = T if t_squared else 1 / T
            grad.append(
                [
                    (a * soft * (pk - qk) + (1 - a) * (p1k - (k == y))) / n
                    for k, (pk, qk, p1k) in enumerate(zip(p, q, p1, strict=True))
                ]
            )
        return float(loss / n), np.array([[float(g) for g in row] for row in grad])


def assert_close_to_reference(loss, grad, expected_loss, expected_grad, *, rtol):
    assert loss == pytest.approx(expected_loss, rel=rtol, abs=0)
    # Gradient entries near 0 are sums of larger terms: compare against the row's largest entry.
    np.testing.assert_allclose(grad, expected_grad, rtol=0, atol=rtol * np.abs(expected_grad).max())


@pytest.mark.parametrize("alpha", [0.0, 0.3, 1.0])
@pytest.mark.parametrize("temperature", [0.25, 1.0, 4.0, 20.0, 1000.0])
def test_loss_and_gradient_match_the_textbook_formula(temperature, alpha):
    loss = distillation_loss(STUDENT, TEACHER, LABELS, temperature=temperature, alpha=alpha)
    grad = distillation_grad(STUDENT, TEACHER, LABELS, temperature=temperature, alpha=alpha)
    expected_loss, expected_grad = reference(STUDENT, TEACHER, LABELS, temperature, alpha)
    assert_close_to_reference(loss, grad, expected_loss, expected_grad, rtol=4e-15)


@pytest.mark.parametrize("temperature", [1.0, 20.0])
def test_without_t_squared_the_soft_term_is_divided_by_t_squared(temperature):
    kwargs = {"temperature": temperature, "alpha": 0.6, "t_squared": False}
    loss = distillation_loss(STUDENT, TEACHER, LABELS, **kwargs)
    grad = distillation_grad(STUDENT, TEACHER, LABELS, **kwargs)
    expected_loss, expected_grad = reference(STUDENT, TEACHER, LABELS, temperature, 0.6, t_squared=False)
    assert_close_to_reference(loss, grad, expected_loss, expected_grad, rtol=4e-15)


def test_hand_worked_two_class_example():
    # s = (0, 0), t = (log 3, 0), T = 1: q = (3/4, 1/4), p = (1/2, 1/2),
    # KL = 3/4 log(3/2) + 1/4 log(1/2); CE = log 2. α = 1/2: (KL + log 2)/2 = 3/8 log 3.
    loss = distillation_loss([0.0, 0.0], [math.log(3), 0.0], 0, temperature=1.0, alpha=0.5)
    assert loss == pytest.approx(3 / 8 * math.log(3), rel=1e-15)
    # ½ (p − q) + ½ (p − e_0) = ½ (−1/4, 1/4) + ½ (−1/2, 1/2)
    grad = distillation_grad([0.0, 0.0], [math.log(3), 0.0], 0, temperature=1.0, alpha=0.5)
    np.testing.assert_allclose(grad, [-3 / 8, 3 / 8], rtol=1e-15)


@pytest.mark.parametrize("scale", [1e4, 1e300])
@pytest.mark.parametrize("temperature", [1.0, 20.0])
@pytest.mark.parametrize("alpha", [0.0, 0.5, 1.0])
def test_huge_logits_stay_finite_and_exact(scale, temperature, alpha):
    student, teacher = STUDENT * scale, TEACHER * scale
    loss = distillation_loss(student, teacher, LABELS, temperature=temperature, alpha=alpha)
    grad = distillation_grad(student, teacher, LABELS, temperature=temperature, alpha=alpha)
    assert math.isfinite(loss) and np.isfinite(grad).all()
    # The students are right, so the gradient is 1 − p at p ≈ 1 − e^(−gap/T): at scale 1e4 its digits
    # sit about 500/ln 10 places down and the reference needs them; at 1e300 it is 0 in any precision.
    digits = 1000 if scale < 1e100 else 40
    expected_loss, expected_grad = reference(student, teacher, LABELS, temperature, alpha, digits=digits)
    assert_close_to_reference(loss, grad, expected_loss, expected_grad, rtol=4e-15)


def assert_matches_reference_or_overflows(student, teacher, labels, temperature, alpha, *, digits):
    """Loss and gradient against the reference; a loss whose exact value exceeds the float range is inf."""
    loss = distillation_loss(student, teacher, labels, temperature=temperature, alpha=alpha)
    grad = distillation_grad(student, teacher, labels, temperature=temperature, alpha=alpha)
    with mpmath.workdps(digits):
        expected_loss, expected_grad = reference(student, teacher, labels, temperature, alpha, digits=digits)
    assert np.isfinite(grad).all()
    if math.isinf(expected_loss):
        assert loss == INF
        np.testing.assert_allclose(grad, expected_grad, rtol=0, atol=4e-15 * np.abs(expected_grad).max())
    else:
        assert_close_to_reference(loss, grad, expected_loss, expected_grad, rtol=1e-14)


@pytest.mark.parametrize("temperature", [1e-300, 1.0, 1e300])
@pytest.mark.parametrize("alpha", [0.0, 0.5, 1.0])
def test_logits_of_1e300_at_temperatures_from_1e_minus_300_to_1e300(temperature, alpha):
    # s/T spans 1e600 at T = 1e-300 (both softmaxes one-hot, T² KL = T·gap); at T = 1e300 the soft
    # term is T² times an O(1) KL, about 1e600: inf, while its gradient T (p − q) stays finite.
    student = np.array([[1e300, 0.0, -1e300], [-1e300, 3e299, 1e300]])
    teacher = np.array([[0.0, 1e300, -1e300], [-1e300, 5e299, 1e300]])
    # The reference's e^(s/T) must resolve log-ratios of 1e-300 against logits of 1e300: 700 digits.
    assert_matches_reference_or_overflows(student, teacher, [0, 2], temperature, alpha, digits=700)


@pytest.mark.parametrize("temperature", [5e-324, 1e-323, 1e-300])
@pytest.mark.parametrize("alpha", [0.0, 0.5, 1.0])
def test_logits_spanning_the_whole_float_range_at_the_smallest_temperatures(temperature, alpha):
    # max − min = 3.4e308 overflows; at a subnormal T halving the logits and T would round T (to 0 at
    # 5e-324), so the differences are halved instead. T² KL = T · 3.4e308, finite.
    student = np.array([[1.7e308, -1.7e308, 0.0], [1.0, 2.0, 3.0]])
    teacher = np.array([[-1.7e308, 1.7e308, 0.0], [3.0, 2.0, 1.0]])
    assert_matches_reference_or_overflows(student, teacher, [2, 1], temperature, alpha, digits=700)


def test_a_mean_is_finite_when_one_examples_cross_entropy_exceeds_the_float_range():
    # −log p_y = 3.4e308 for the first example, 0 for the second: their mean 1.7e308 is a float.
    student = np.array([[1.7e308, -1.7e308], [1.7e308, -1.7e308]])
    teacher = np.zeros((2, 2))
    assert distillation_loss(student, teacher, [1, 0], temperature=1.0, alpha=0.0) == pytest.approx(
        1.7e308, rel=1e-15
    )
    assert distillation_loss(student[:1], teacher[:1], [1], temperature=1.0, alpha=0.0) == INF


@pytest.mark.parametrize("temperature", [1e4, 1e8, 1e150])
def test_large_temperature_keeps_every_digit_of_the_soft_term(temperature):
    # Σ q (log q − log p) adds terms of size 1/T into a result of size 1/T²; in floats it is noise at
    # T = 1e8, so the reference needs about 2·log10(T) + 20 digits of its own.
    loss = distillation_loss(STUDENT, TEACHER, LABELS, temperature=temperature, alpha=1.0)
    grad = distillation_grad(STUDENT, TEACHER, LABELS, temperature=temperature, alpha=1.0)
    digits = int(2 * math.log10(temperature)) + 40
    expected_loss, expected_grad = reference(STUDENT, TEACHER, LABELS, temperature, 1.0, digits=digits)
    assert_close_to_reference(loss, grad, expected_loss, expected_grad, rtol=4e-15)


def test_infinite_temperature_is_logit_matching():
    # Hinton et al. 2015, Section 2.1: as T → ∞ the soft term's gradient is (s − t)/(nK) for
    # zero-mean logits, the gradient of ½ (s − t)² / K, and T² KL tends to that.
    student, teacher = (
        STUDENT - STUDENT.mean(axis=1, keepdims=True),
        TEACHER - TEACHER.mean(axis=1, keepdims=True),
    )
    n, k = student.shape
    loss = distillation_loss(student, teacher, LABELS, temperature=INF, alpha=1.0)
    grad = distillation_grad(student, teacher, LABELS, temperature=INF, alpha=1.0)
    assert loss == pytest.approx(((student - teacher) ** 2).sum() / (2 * k * n), rel=1e-15)
    np.testing.assert_allclose(grad, (student - teacher) / (k * n), rtol=1e-15)
    # … and the finite temperatures approach it.
    near = distillation_loss(student, teacher, LABELS, temperature=1e7, alpha=1.0)
    assert near == pytest.approx(loss, rel=1e-6)


def numerical_gradient(student, teacher, labels, step, **kwargs):
    """Central differences of the loss, one logit at a time."""
    grad = np.zeros_like(student)
    for index in np.ndindex(student.shape):
        up, down = student.copy(), student.copy()
        up[index] += step
        down[index] -= step
        grad[index] = (
            distillation_loss(up, teacher, labels, **kwargs)
            - distillation_loss(down, teacher, labels, **kwargs)
        ) / (2 * step)
    return grad


@pytest.mark.parametrize("alpha", [0.0, 1.0, 0.4])
@pytest.mark.parametrize("temperature", [1.0, 20.0])
@pytest.mark.parametrize("scale", [1.0, 1e4])
@pytest.mark.parametrize("t_squared", [True, False])
def test_gradient_matches_finite_differences(alpha, temperature, scale, t_squared):
    student, teacher = STUDENT * scale, TEACHER * scale
    kwargs = {"temperature": temperature, "alpha": alpha, "t_squared": t_squared}
    grad = distillation_grad(student, teacher, LABELS, **kwargs)
    # The step sets the truncation error (∝ step²·f‴, f‴ ~ 1/T for these logits) against the
    # rounding error (ε·|loss|/step, the loss being of the logits' size).
    step = 1e-4 * scale
    numerical = numerical_gradient(student, teacher, LABELS, step, **kwargs)
    np.testing.assert_allclose(grad, numerical, rtol=0, atol=1e-6 * max(np.abs(grad).max(), 1e-3))


def test_alpha_zero_is_plain_cross_entropy():
    loss = distillation_loss(STUDENT, TEACHER, LABELS, temperature=7.0, alpha=0.0)
    assert loss == pytest.approx(np.mean(cross_entropy(STUDENT, LABELS)), rel=1e-15)
    grad = distillation_grad(STUDENT, TEACHER, LABELS, temperature=7.0, alpha=0.0)
    np.testing.assert_allclose(grad, cross_entropy_grad(STUDENT, LABELS) / len(LABELS), rtol=4e-16)


@pytest.mark.parametrize("temperature", [0.01, 1.0, 20.0, 1e9, INF])
def test_a_student_equal_to_the_teacher_has_no_soft_loss(temperature):
    assert distillation_loss(TEACHER, TEACHER, LABELS, temperature=temperature, alpha=1.0) == 0.0
    grad = distillation_grad(TEACHER, TEACHER, LABELS, temperature=temperature, alpha=1.0)
    np.testing.assert_array_equal(grad, np.zeros_like(TEACHER))
    # Softmax ignores a constant added to a vector of logits: so does the soft term.
    shifted = TEACHER + np.array([[3.0], [-100.0], [0.5]])
    assert distillation_loss(shifted, TEACHER, LABELS, temperature=temperature, alpha=1.0) < 1e-26


def soft_gradient_norm(temperature, *, t_squared):
    grad = distillation_grad(
        STUDENT, TEACHER, LABELS, temperature=temperature, alpha=1.0, t_squared=t_squared
    )
    return float(np.linalg.norm(grad))


def test_t_squared_keeps_the_soft_gradient_on_one_scale_as_t_grows():
    # Hinton et al. 2015, Section 2: the soft targets' gradients scale as 1/T², so the loss is
    # multiplied by T². Without the factor the norm falls a hundredfold from T = 10 to T = 100 …
    temperatures = np.array([10.0, 30.0, 100.0, 300.0, 1000.0])
    bare = np.array([soft_gradient_norm(t, t_squared=False) for t in temperatures])
    assert bare[0] / bare[2] == pytest.approx(100.0, rel=0.1)
    # … and times T² it is almost constant, as is the gradient with the factor.
    scaled = bare * temperatures**2
    assert scaled.max() / scaled.min() < 1.1
    with_factor = np.array([soft_gradient_norm(t, t_squared=True) for t in temperatures])
    np.testing.assert_allclose(with_factor, scaled, rtol=1e-14)
    assert with_factor[-1] == pytest.approx(soft_gradient_norm(INF, t_squared=True), rel=1e-3)


def test_one_vector_is_a_batch_of_one():
    loss = distillation_loss(STUDENT[1], TEACHER[1], 1, temperature=3.0, alpha=0.5)
    assert loss == distillation_loss(STUDENT[1:2], TEACHER[1:2], [1], temperature=3.0, alpha=0.5)
    grad = distillation_grad(STUDENT[1], TEACHER[1], 1, temperature=3.0, alpha=0.5)
    assert grad.shape == (4,)
    np.testing.assert_array_equal(
        grad, distillation_grad(STUDENT[1:2], TEACHER[1:2], [1], temperature=3.0, alpha=0.5)[0]
    )


def test_whole_number_float_labels_are_class_indices():
    as_floats = distillation_loss(STUDENT, TEACHER, [0.0, 1.0, 2.0], temperature=2.0, alpha=0.5)
    assert as_floats == distillation_loss(STUDENT, TEACHER, LABELS, temperature=2.0, alpha=0.5)


def test_a_loss_beyond_the_float_range_is_inf_but_its_mean_over_a_batch_need_not_be():
    # One example's T² KL is ~3e308, above the largest float; α = 1/2 of it is not.
    student, teacher = np.array([[1.5e308, -1.5e308]]), np.array([[-1.5e308, 1.5e308]])
    assert distillation_loss(student, teacher, [0], temperature=1.0, alpha=1.0) == INF
    half = distillation_loss(student, teacher, [0], temperature=1.0, alpha=0.5)
    assert half == pytest.approx(1.5e308, rel=1e-15)


logit_batches = arrays(
    np.float64,
    hst.tuples(hst.integers(1, 4), hst.integers(1, 5)),
    elements=hst.floats(-1e6, 1e6, allow_nan=False),
)


@settings(max_examples=60, deadline=None)
@given(
    student=logit_batches,
    data=hst.data(),
    temperature=hst.floats(1e-3, 1e4),
    alpha=hst.floats(0.0, 1.0),
)
def test_loss_is_finite_and_non_negative_and_each_gradient_sums_to_zero(student, data, temperature, alpha):
    teacher = data.draw(arrays(np.float64, student.shape, elements=hst.floats(-1e6, 1e6, allow_nan=False)))
    labels = data.draw(arrays(np.int64, student.shape[:1], elements=hst.integers(0, student.shape[1] - 1)))
    loss = distillation_loss(student, teacher, labels, temperature=temperature, alpha=alpha)
    grad = distillation_grad(student, teacher, labels, temperature=temperature, alpha=alpha)
    assert math.isfinite(loss) and loss >= 0
    assert np.isfinite(grad).all()
    # Σ_k ∂L/∂s_k = 0: each part is a difference of two distributions; the tolerance is rounding.
    tolerance = 1e-15 * (alpha * temperature + 1) * student.shape[1]
    assert np.abs(grad.sum(axis=1)).max() <= tolerance
    soft = distillation_loss(student, teacher, labels, temperature=temperature, alpha=1.0)
    assert math.isfinite(soft) and soft >= 0


@settings(max_examples=40, deadline=None)
@given(
    student=arrays(np.float64, (3, 4), elements=hst.floats(-50, 50)),
    teacher=arrays(np.float64, (3, 4), elements=hst.floats(-50, 50)),
    shift=hst.floats(-1e3, 1e3),
    temperature=hst.floats(0.5, 50),
)
def test_a_constant_added_to_a_teachers_logits_changes_nothing(student, teacher, shift, temperature):
    before = distillation_loss(student, teacher, LABELS, temperature=temperature, alpha=1.0)
    after = distillation_loss(student, teacher + shift, LABELS, temperature=temperature, alpha=1.0)
    # The shift rounds the logits by up to ulp(|shift| + 50): the loss moves by about that times T.
    assert after == pytest.approx(before, rel=1e-9, abs=1e-12 * (abs(shift) + 50) * temperature)


GOOD = {"temperature": 2.0, "alpha": 0.5}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"temperature": 0.0}, "temperature must be positive"),
        ({"temperature": -1.0}, "temperature must be positive"),
        ({"temperature": -INF}, "temperature must be positive"),
        ({"temperature": NAN}, "temperature is NaN"),
        ({"alpha": -0.1}, "alpha, the weight of the soft targets, must be between 0 and 1"),
        ({"alpha": 1.5}, "must be between 0 and 1"),
        ({"alpha": INF}, "must be between 0 and 1"),
        ({"alpha": NAN}, "alpha is NaN"),
        ({"teacher": TEACHER[:, :3]}, r"same shape, got \(3, 4\) and \(3, 3\)"),
        ({"teacher": TEACHER[:2]}, "same shape"),
        ({"teacher": TEACHER[0]}, "same shape"),
        ({"labels": [0, 1, 4]}, "label 4 is not a class index: there are 4 classes"),
        ({"labels": [0, -1, 2]}, "label -1 is not a class index"),
        ({"labels": [0, 1.5, 2]}, "whole class indices from 0 to 3, got 1.5"),
        ({"labels": [0, NAN, 2]}, "whole class indices"),
        ({"labels": [True, False, True]}, "integer class indices"),
        ({"labels": ["a", "b", "c"]}, "integer class indices"),
        ({"labels": [0, 1]}, r"one class index per example, shape \(3,\), got shape \(2,\)"),
        ({"labels": 0}, "one class index per example"),
        (
            {"student": np.where(STUDENT == 0.0, NAN, STUDENT)},
            r"student_logits contains NaN .* at index \(1, 3\)",
        ),
        ({"teacher": np.where(TEACHER == 0.0, NAN, TEACHER)}, r"teacher_logits contains NaN .* \(1, 0\)"),
        (
            {"teacher": np.where(TEACHER == 0.5, INF, TEACHER)},
            r"teacher_logits must be finite.*\(0, 3\)\] = inf",
        ),
        ({"student": np.zeros((3, 0)), "teacher": np.zeros((3, 0))}, "student_logits is empty"),
        ({"student": np.zeros((1, 3, 4)), "teacher": np.zeros((1, 3, 4))}, "batch of shape"),
        ({"student": 1.0, "teacher": 1.0}, "batch of shape"),
    ],
)
@pytest.mark.parametrize("function", [distillation_loss, distillation_grad])
def test_bad_input_raises_a_clear_value_error(function, change, message):
    arguments = {"student": STUDENT, "teacher": TEACHER, "labels": LABELS, **GOOD, **change}
    student, teacher, labels = arguments.pop("student"), arguments.pop("teacher"), arguments.pop("labels")
    with pytest.raises(ValueError, match=message):
        function(student, teacher, labels, **arguments)


@pytest.mark.parametrize("change", [{"temperature": "2"}, {"alpha": None}, {"temperature": [1.0, 2.0]}])
def test_a_temperature_or_alpha_that_is_not_a_number_raises_a_type_error(change):
    with pytest.raises(TypeError, match="must be a"):
        distillation_loss(STUDENT, TEACHER, LABELS, **{**GOOD, **change})


# --- the softmax-regression student ----------------------------------------------------------------

RNG = np.random.default_rng(18)
X = RNG.normal(size=(7, 3))
TEACHER_X = RNG.normal(scale=3.0, size=(7, 4))
LABELS_X = np.array([0, 1, 2, 3, 0, 1, 1])
PARAMETERS = (RNG.normal(size=(3, 4)), RNG.normal(size=4))


@pytest.mark.parametrize(
    ("alpha", "temperature", "t_squared", "weight_decay"),
    [
        (0.0, 1.0, True, 0.0),
        (1.0, 1.0, True, 0.1),
        (1.0, 20.0, True, 0.0),
        (0.5, 20.0, False, 0.01),
        (0.3, 4.0, True, 1.0),
    ],
)
def test_student_gradient_matches_finite_differences(alpha, temperature, t_squared, weight_decay):
    kwargs = {
        "temperature": temperature,
        "alpha": alpha,
        "t_squared": t_squared,
        "weight_decay": weight_decay,
    }
    _, gradient = student_objective(PARAMETERS, X, TEACHER_X, LABELS_X, **kwargs)
    step = 1e-6
    for which, parameter in enumerate(PARAMETERS):
        numerical = np.zeros_like(parameter)
        for index in np.ndindex(parameter.shape):
            moved = [p.copy() for p in PARAMETERS], [p.copy() for p in PARAMETERS]
            moved[0][which][index] += step
            moved[1][which][index] -= step
            up, _ = student_objective(tuple(moved[0]), X, TEACHER_X, LABELS_X, **kwargs)
            down, _ = student_objective(tuple(moved[1]), X, TEACHER_X, LABELS_X, **kwargs)
            numerical[index] = (up - down) / (2 * step)
        np.testing.assert_allclose(gradient[which], numerical, rtol=0, atol=1e-8)


def test_at_alpha_zero_the_student_objective_is_softmax_regressions():
    # The issue-17 trainer's objective, written separately: the same chain rule, only G = P − Y.
    loss, (grad_w, grad_b) = student_objective(
        PARAMETERS, X, TEACHER_X, LABELS_X, temperature=3.0, alpha=0.0, weight_decay=0.2
    )
    expected, (expected_w, expected_b) = softmax_regression_objective(
        PARAMETERS, X, LABELS_X, weight_decay=0.2
    )
    assert loss == pytest.approx(expected, rel=1e-14)
    np.testing.assert_allclose(grad_w, expected_w, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(grad_b, expected_b, rtol=1e-13, atol=1e-16)


def test_a_student_on_hard_labels_alone_is_softmax_regression():
    student = train_student(
        X, TEACHER_X, LABELS_X, temperature=5.0, alpha=0.0, weight_decay=0.1, tolerance=1e-10
    )
    regression = train_softmax_regression(X, LABELS_X, classes=4, weight_decay=0.1, tolerance=1e-10)
    np.testing.assert_allclose(student.weights, regression.weights, atol=1e-8)
    np.testing.assert_allclose(student.probabilities(X), regression.probabilities(X), atol=1e-8)


def test_a_student_on_soft_targets_alone_matches_the_teacher_it_can_represent():
    # A teacher that is itself linear in x: at its own temperature, the student can copy it exactly.
    weights, bias = RNG.normal(size=(3, 4)), RNG.normal(size=4)
    x = RNG.normal(size=(60, 3))
    teacher = x @ weights + bias
    student = train_student(x, teacher, teacher.argmax(axis=1), temperature=2.0, alpha=1.0, tolerance=1e-10)
    np.testing.assert_allclose(
        student.probabilities(x, temperature=2.0), softmax(teacher / 2.0, axis=1), atol=1e-6
    )


def test_a_class_without_labels_is_learnt_from_the_soft_targets():
    # Hinton et al. 2015, §3: the omitted digit. Here class 1 sits between 0 and 2 and is never a label.
    x = np.linspace(-3, 3, 61)[:, np.newaxis]
    teacher = np.hstack([-2 * (x + 2) ** 2, -2 * x**2, -2 * (x - 2) ** 2])
    shown = np.abs(x[:, 0]) > 1.2  # the transfer set has no example the teacher calls 1
    distilled = train_student(
        x[shown], teacher[shown], teacher[shown].argmax(axis=1), temperature=4.0, alpha=1.0
    )
    hard = train_student(x[shown], teacher[shown], teacher[shown].argmax(axis=1), temperature=4.0, alpha=0.0)
    assert distilled.predict([[0.0]])[0] == 1
    assert hard.probabilities([[0.0]])[0, 1] < 1e-3


def test_training_reports_its_progress():
    seen = []
    train_student(
        X,
        TEACHER_X,
        LABELS_X,
        temperature=2.0,
        alpha=0.5,
        steps=5,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(step, 5) for step in range(1, 6)]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"x": X[:, 0]}, "x must be a non-empty 2-d array"),
        ({"x": np.where(X > 1.5, np.inf, X)}, "x must be finite"),
        (
            {"teacher_logits": TEACHER_X[:5]},
            r"one row of K logits per row of x, shape \(7, K\); got shape \(5, 4\)",
        ),
        ({"teacher_logits": TEACHER_X[0]}, "one row of K logits per row of x"),
        ({"labels": LABELS_X[:3]}, r"shape \(7,\)"),
        ({"labels": LABELS_X + 1}, "label 4 is not a class index"),
        ({"temperature": 0.0}, "temperature must be positive"),
        ({"alpha": 2.0}, "between 0 and 1"),
        ({"weight_decay": -1.0}, "weight_decay must be a finite number ≥ 0"),
        ({"initial": (np.zeros((3, 3)), np.zeros(3))}, r"W must be a finite array of shape \(3, 4\)"),
        ({"initial": (np.zeros((3, 4)),)}, r"parameters must be \(W, b\)"),
    ],
)
def test_bad_training_input_raises_a_clear_value_error(arguments, message):
    settings = {
        "x": X,
        "teacher_logits": TEACHER_X,
        "labels": LABELS_X,
        "temperature": 2.0,
        "alpha": 0.5,
        **arguments,
    }
    x, teacher, labels = settings.pop("x"), settings.pop("teacher_logits"), settings.pop("labels")
    with pytest.raises(ValueError, match=message):
        train_student(x, teacher, labels, **settings)


def test_gradient_descent_that_diverges_says_to_lower_the_learning_rate():
    # As for softmax regression: the gradient is bounded by |x|, so only a step that overflows diverges.
    x, teacher = [[1e150], [-1e150]], [[1.0, 0.0], [0.0, 1.0]]
    with pytest.raises(ValueError, match=r"the weights diverged\. Lower the learning rate"):
        train_student(
            x, teacher, [0, 1], temperature=2.0, alpha=0.5, method="gradient_descent", learning_rate=1e200
        )
