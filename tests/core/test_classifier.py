"""Softmax regression and the one-hidden-layer network: gradients, scikit-learn, training behaviour."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_digits, load_iris
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from softmax_core import softmax
from softmax_core.calibration import fit_temperature
from softmax_core.classifier import (
    OneHiddenLayerNetwork,
    SoftmaxRegression,
    network_objective,
    softmax_regression_objective,
    train_network,
    train_softmax_regression,
)


@pytest.fixture(autouse=True, scope="module")
def one_blas_thread():
    """Small matrix products run 5-20x faster on one BLAS thread than on threads fighting for 2 cores."""
    with threadpool_limits(limits=1):
        yield


def standardized(x: np.ndarray) -> np.ndarray:
    spread = x.std(axis=0)
    return (x - x.mean(axis=0)) / np.where(spread > 0, spread, 1.0)


def small_problem(seed: int, samples: int = 7, features: int = 3, classes: int = 4):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(samples, features)), rng.integers(0, classes, size=samples), rng


def finite_difference_gradient(loss, parameters, step=1e-6):
    """Central differences of ``loss(parameters)`` in every entry of every array."""
    gradient = []
    for index, array in enumerate(parameters):
        estimate = np.zeros_like(array)
        for position in np.ndindex(array.shape):
            shifted = [a.copy() for a in parameters]
            shifted[index][position] += step
            up = loss(tuple(shifted))
            shifted[index][position] -= 2 * step
            down = loss(tuple(shifted))
            estimate[position] = (up - down) / (2 * step)
        gradient.append(estimate)
    return gradient


# --- gradients ------------------------------------------------------------------------------------


@pytest.mark.parametrize("weight_decay", [0.0, 0.3])
@pytest.mark.parametrize("seed", [0, 1])
def test_softmax_regression_gradient_matches_finite_differences(weight_decay, seed):
    x, labels, rng = small_problem(seed)
    parameters = (rng.normal(size=(3, 4)), rng.normal(size=4))
    _, gradient = softmax_regression_objective(parameters, x, labels, weight_decay=weight_decay)
    estimate = finite_difference_gradient(
        lambda p: softmax_regression_objective(p, x, labels, weight_decay=weight_decay)[0], parameters
    )
    for exact, approximate in zip(gradient, estimate, strict=True):
        # Central differences err by about step² · (third derivative) + eps / step ≈ 1e-10.
        assert_allclose(exact, approximate, rtol=1e-6, atol=1e-9)


def test_softmax_regression_gradient_is_x_transpose_times_p_minus_y():
    x, labels, rng = small_problem(2)
    weights, bias = rng.normal(size=(3, 4)), rng.normal(size=4)
    p = softmax(x @ weights + bias, axis=1)
    y = np.eye(4)[labels]
    _, (grad_w, grad_b) = softmax_regression_objective((weights, bias), x, labels, weight_decay=0.5)
    assert_allclose(grad_w, x.T @ (p - y) / 7 + 0.5 * weights, rtol=1e-13, atol=1e-15)
    assert_allclose(grad_b, (p - y).mean(axis=0), rtol=1e-13, atol=1e-15)


def test_softmax_regression_loss_is_mean_cross_entropy_plus_half_lambda_times_squared_weights():
    x, labels, rng = small_problem(3)
    weights, bias = rng.normal(size=(3, 4)), rng.normal(size=4)
    p = softmax(x @ weights + bias, axis=1)
    expected = -np.log(p[np.arange(7), labels]).mean() + 0.5 * 0.2 * np.sum(weights**2)
    loss, _ = softmax_regression_objective((weights, bias), x, labels, weight_decay=0.2)
    assert loss == pytest.approx(expected, rel=1e-13)


@pytest.mark.parametrize("weight_decay", [0.0, 0.3])
@pytest.mark.parametrize("seed", [0, 1])
def test_network_gradient_matches_finite_differences(weight_decay, seed):
    x, labels, rng = small_problem(seed)
    parameters = (rng.normal(size=(3, 5)), rng.normal(size=5), rng.normal(size=(5, 4)), rng.normal(size=4))
    _, gradient = network_objective(parameters, x, labels, weight_decay=weight_decay)
    estimate = finite_difference_gradient(
        lambda p: network_objective(p, x, labels, weight_decay=weight_decay)[0], parameters
    )
    assert [g.shape for g in gradient] == [p.shape for p in parameters]
    for exact, approximate in zip(gradient, estimate, strict=True):
        assert_allclose(exact, approximate, rtol=1e-6, atol=1e-9)


def test_a_network_with_zero_output_weights_predicts_uniformly():
    x, labels, rng = small_problem(4)
    parameters = (rng.normal(size=(3, 5)), np.zeros(5), np.zeros((5, 4)), np.zeros(4))
    loss, gradient = network_objective(parameters, x, labels)
    assert loss == pytest.approx(math.log(4), rel=1e-15)
    # No signal reaches the hidden layer through zero output weights.
    assert not gradient[0].any() and not gradient[1].any()


# --- softmax regression against scikit-learn ------------------------------------------------------


@pytest.mark.parametrize("loader", [load_iris, load_digits], ids=["iris", "digits"])
@pytest.mark.parametrize("weight_decay", [0.01, 0.1])
def test_softmax_regression_matches_scikit_learns_logistic_regression(loader, weight_decay):
    x, y = loader(return_X_y=True)
    x = standardized(x)
    n = y.size
    model = train_softmax_regression(x, y, weight_decay=weight_decay, tolerance=1e-10, steps=5000)
    # sklearn minimises C·Σ loss + ½‖W‖², which is n·C times mean loss + ½λ‖W‖² when C = 1/(nλ).
    reference = LogisticRegression(C=1.0 / (n * weight_decay), tol=1e-12, max_iter=10_000).fit(x, y)
    # Softmax is unchanged by adding one vector to every class's weights, and one number to every
    # bias: compare after removing the mean over classes (the penalty already makes ΣW_k = 0).
    ours_w = model.weights - model.weights.mean(axis=1, keepdims=True)
    ours_b = model.bias - model.bias.mean()
    theirs_w = reference.coef_.T - reference.coef_.T.mean(axis=1, keepdims=True)
    theirs_b = reference.intercept_ - reference.intercept_.mean()
    assert_allclose(ours_w, theirs_w, atol=1e-4)
    assert_allclose(ours_b, theirs_b, atol=1e-4)
    assert_allclose(model.probabilities(x), reference.predict_proba(x), atol=1e-4)
    assert_allclose(model.weights.sum(axis=1), 0.0, atol=1e-12)


def test_gradient_descent_reaches_the_same_minimum_as_lbfgs():
    x, y = load_iris(return_X_y=True)
    x = standardized(x[:, 2:])
    lbfgs = train_softmax_regression(x, y, weight_decay=0.05, tolerance=1e-10)
    descent = train_softmax_regression(
        x, y, weight_decay=0.05, method="gradient_descent", learning_rate=1.0, steps=5000, tolerance=1e-9
    )
    # L-BFGS stops when a step gains less than 1e-12 of loss, here at a gradient of about 1e-6.
    assert descent.losses[-1] == pytest.approx(lbfgs.losses[-1], rel=1e-12)
    assert_allclose(descent.probabilities(x), lbfgs.probabilities(x), atol=1e-6)


# --- training behaviour -------------------------------------------------------------------------


def test_gradient_descent_with_a_small_learning_rate_lowers_the_loss_at_every_step():
    x, y = load_iris(return_X_y=True)
    model = train_softmax_regression(
        standardized(x), y, method="gradient_descent", learning_rate=0.2, steps=50, tolerance=0
    )
    assert model.losses.shape == (51,)
    assert model.losses[0] == pytest.approx(math.log(3), rel=1e-15)  # zero weights: uniform
    assert np.all(np.diff(model.losses) < 0)


def test_training_in_two_runs_equals_training_in_one():
    # The page's "step" button continues from the current weights.
    x, y = load_iris(return_X_y=True)
    x = standardized(x)
    settings = {"method": "gradient_descent", "learning_rate": 0.5, "tolerance": 0, "weight_decay": 0.01}
    once = train_softmax_regression(x, y, steps=20, **settings)
    first = train_softmax_regression(x, y, steps=8, **settings)
    second = train_softmax_regression(x, y, steps=12, initial=first.parameters, **settings)
    assert_allclose(second.weights, once.weights, rtol=1e-13, atol=1e-15)
    assert_allclose(np.concatenate([first.losses, second.losses[1:]]), once.losses, rtol=1e-13)


def test_dividing_the_weights_by_t_is_the_same_as_a_temperature():
    x, y = load_iris(return_X_y=True)
    x = standardized(x[:, 2:])
    model = train_softmax_regression(x, y, weight_decay=0.01)
    cooled = SoftmaxRegression(weights=model.weights / 3.0, bias=model.bias / 3.0, losses=model.losses)
    assert_allclose(cooled.probabilities(x), model.probabilities(x, temperature=3.0), rtol=1e-12)
    assert_array_equal(cooled.predict(x), model.predict(x))


def test_progress_is_reported_after_every_step():
    x, y = load_iris(return_X_y=True)
    calls = []
    train_softmax_regression(
        standardized(x),
        y,
        method="gradient_descent",
        steps=5,
        tolerance=0,
        progress=lambda *a: calls.append(a),
    )
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    calls.clear()
    network = train_network(standardized(x), y, hidden=4, steps=30, progress=lambda *a: calls.append(a))
    assert calls == [(step, 30) for step in range(1, len(network.losses))]


def test_zero_steps_return_the_starting_point():
    x, y = load_iris(return_X_y=True)
    model = train_softmax_regression(x, y, steps=0)
    assert not model.weights.any() and not model.bias.any()
    assert_allclose(model.losses, [math.log(3)], rtol=1e-15)


def test_a_missing_class_keeps_its_column_when_classes_is_given():
    x = np.array([[0.0], [1.0], [2.0]])
    model = train_softmax_regression(x, [0, 0, 1], classes=3, weight_decay=0.1)
    assert model.weights.shape == (1, 3) and model.bias.shape == (3,)
    assert (model.probabilities(x)[:, 2] < 1 / 3).all()


def digits_network_splits():
    x, y = load_digits(return_X_y=True)
    order = np.random.default_rng(0).permutation(y.size)
    train, validation = order[:600], order[600:1200]
    mean, spread = x[train].mean(axis=0), x[train].std(axis=0)
    x = (x - mean) / np.where(spread > 0, spread, 1.0)
    return x, y, train, validation


def test_a_network_trained_without_weight_decay_is_overconfident_and_a_decayed_one_underconfident():
    x, y, train, validation = digits_network_splits()
    sure = train_network(x[train], y[train], hidden=32, steps=300, seed=0, tolerance=0)
    timid = train_network(x[train], y[train], hidden=32, steps=300, seed=0, weight_decay=0.03)
    assert sure.losses[-1] < 1e-6  # it has learnt the training set by heart
    assert fit_temperature(sure.logits(x[validation]), y[validation]) > 2
    assert fit_temperature(timid.logits(x[validation]), y[validation]) < 0.7
    for network in (sure, timid):
        assert (network.predict(x[validation]) == y[validation]).mean() > 0.9


def test_network_training_is_determined_by_its_seed():
    x, y = load_iris(return_X_y=True)
    x = standardized(x)
    first, again = (train_network(x, y, hidden=6, steps=20, seed=7) for _ in range(2))
    other = train_network(x, y, hidden=6, steps=20, seed=8)
    assert isinstance(first, OneHiddenLayerNetwork)
    for a, b in zip(first.parameters, again.parameters, strict=True):
        assert_array_equal(a, b)
    assert not np.array_equal(first.hidden_weights, other.hidden_weights)


def test_a_network_learns_xor_which_softmax_regression_cannot():
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    assert_array_equal(train_network(x, y, hidden=4, steps=200, seed=1).predict(x), y)
    linear = train_softmax_regression(x, y, steps=200)
    assert (linear.predict(x) == y).mean() < 1


# --- bad input ----------------------------------------------------------------------------------


def test_gradient_descent_that_diverges_says_to_lower_the_learning_rate():
    # The gradient of softmax regression is bounded by |x|, so only a step that overflows diverges.
    x, y = [[1e150], [-1e150]], [0, 1]
    with pytest.raises(ValueError, match=r"the weights diverged\. Lower the learning rate"):
        train_softmax_regression(x, y, method="gradient_descent", learning_rate=1e200, steps=5)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"weight_decay": -1.0}, r"weight_decay must be a finite number ≥ 0, got -1.0"),
        ({"weight_decay": math.nan}, r"weight_decay must be a finite number ≥ 0"),
        ({"weight_decay": "0.1"}, r"weight_decay must be a real number, got '0.1'"),
        ({"method": "adam"}, r"method must be 'gradient_descent' or 'lbfgs', got 'adam'"),
        ({"steps": -1}, r"steps must be a whole number ≥ 0, got -1"),
        ({"steps": 2.5}, r"steps must be a whole number ≥ 0, got 2.5"),
        ({"learning_rate": 0.0}, r"learning_rate must be a finite number > 0, got 0.0"),
        ({"tolerance": math.inf}, r"tolerance must be a finite number ≥ 0"),
        ({"classes": 1}, r"A classifier needs at least 2 classes, got 1"),
        ({"classes": 2}, r"labels\[2\] = 2 is not a class index from 0 to 1"),
        ({"initial": (np.zeros((2, 3)),)}, r"initial must hold 2 arrays \(W, b\), got 1"),
        ({"initial": (np.zeros((3, 3)), np.zeros(3))}, r"initial W must be a finite array of shape \(2, 3\)"),
    ],
)
def test_softmax_regression_training_refuses_bad_settings(settings, message):
    x = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match=message):
        train_softmax_regression(x, [0, 1, 2], **settings)


@pytest.mark.parametrize(
    ("x", "labels", "message"),
    [
        ([1.0, 2.0], [0, 1], r"x must be a non-empty 2-d array of features.*got shape \(2,\)"),
        (np.zeros((0, 2)), np.zeros(0, dtype=int), r"x must be a non-empty 2-d array"),
        ([[1.0], [math.nan]], [0, 1], r"x must be finite, but x\[\(1, 0\)\] = nan"),
        ([[1.0], [2.0]], [0.0, 1.0], r"labels must be integer class indices.*dtype float64"),
        ([[1.0], [2.0]], [0, 1, 1], r"one per row of x \(shape \(2,\)\).*shape \(3,\)"),
        ([[1.0], [2.0]], [0, -1], r"labels\[1\] = -1 is not a class index"),
    ],
)
def test_both_trainers_refuse_bad_data(x, labels, message):
    with pytest.raises(ValueError, match=message):
        train_softmax_regression(x, labels)
    with pytest.raises(ValueError, match=message):
        train_network(x, labels, hidden=2)


def test_network_training_refuses_a_bad_width_or_seed():
    x, y = [[0.0], [1.0]], [0, 1]
    with pytest.raises(ValueError, match=r"hidden must be a whole number ≥ 1, got 0"):
        train_network(x, y, hidden=0)
    with pytest.raises(ValueError, match=r"seed must be a whole number, got 1.5"):
        train_network(x, y, seed=1.5)


def test_objectives_refuse_parameters_of_the_wrong_shape():
    x, labels = np.zeros((3, 2)), np.array([0, 1, 1])
    with pytest.raises(ValueError, match=r"W must have shape \(D, K\) with D = 2"):
        softmax_regression_objective((np.zeros((3, 2)), np.zeros(2)), x, labels)
    with pytest.raises(ValueError, match=r"initial b must be a finite array of shape \(2,\)"):
        softmax_regression_objective((np.zeros((2, 2)), np.zeros(3)), x, labels)
    with pytest.raises(ValueError, match=r"parameters must be \(W1, b1, W2, b2\), got 2 arrays"):
        network_objective((np.zeros((2, 2)), np.zeros(2)), x, labels)
