r"""Classifiers whose last step is softmax, trained with NumPy: softmax regression and a small network.

Softmax regression (multinomial logistic regression) models :math:`P(y = k \mid x) =
\operatorname{softmax}(x^\top W + b)_k`. Training minimises the mean cross-entropy plus an L2 weight
penalty, and the gradient is the lesson: for the logits it is simply :math:`(P - Y)/n`, predicted
minus true probabilities, so :math:`\nabla_W = X^\top (P - Y)/n + \lambda W`. The one-hidden-layer
network puts a tanh layer before the same softmax; trained long without weight decay it becomes
overconfident, with strong weight decay underconfident, which is what temperature scaling corrects
(`softmax_core.calibration`).

Both trainers run full-batch gradient descent (one step is the lesson) or L-BFGS (to convergence,
for comparing with scikit-learn and for the page models); both are deterministic given their seed.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_count, as_features, as_float_array, as_nonnegative
from ._typing import FloatArray
from .functions import log_softmax, softmax
from .optimize import Method, Parameters, Progress, minimize

__all__ = [
    "OneHiddenLayerNetwork",
    "SoftmaxRegression",
    "network_objective",
    "softmax_regression_objective",
    "train_network",
    "train_softmax_regression",
]

IndexArray: TypeAlias = NDArray[np.intp]


# --- input checks -----------------------------------------------------------------------------------


def _as_labels(labels: ArrayLike, samples: int, classes: int | None) -> tuple[IndexArray, int]:
    """Labels as class indices, and the number of classes K (from `classes` or the labels)."""
    indices = np.asarray(labels)
    if indices.dtype.kind not in "iu" or indices.shape != (samples,):
        msg = (
            f"labels must be integer class indices, one per row of x (shape ({samples},)); "
            f"got dtype {indices.dtype} and shape {indices.shape}."
        )
        raise ValueError(msg)
    if classes is None:
        classes = max(int(indices.max()) + 1, 2)
    elif isinstance(classes, bool) or not isinstance(classes, numbers.Integral):
        msg = f"classes must be a whole number, got {classes!r}."
        raise ValueError(msg)
    classes = int(classes)
    if classes < 2:
        msg = f"A classifier needs at least 2 classes, got {classes}."
        raise ValueError(msg)
    outside = (indices < 0) | (indices >= classes)
    if outside.any():
        where = int(np.argmax(outside))
        msg = f"labels[{where}] = {int(indices[where])} is not a class index from 0 to {classes - 1}."
        raise ValueError(msg)
    return indices.astype(np.intp, copy=False), classes


def _as_parameters(initial: Parameters, shapes: list[tuple[int, ...]], names: list[str]) -> Parameters:
    if len(initial) != len(shapes):
        msg = f"initial must hold {len(shapes)} arrays ({', '.join(names)}), got {len(initial)}."
        raise ValueError(msg)
    arrays = []
    for array, shape, name in zip(initial, shapes, names, strict=True):
        array = as_float_array(array, name=name)
        if array.shape != shape or not np.isfinite(array).all():
            msg = f"initial {name} must be a finite array of shape {shape}, got shape {array.shape}."
            raise ValueError(msg)
        arrays.append(array.copy())
    return tuple(arrays)


def _one_hot_minus(p: FloatArray, labels: IndexArray) -> FloatArray:
    """P − Y in place of P: the predicted minus the one-hot true probabilities."""
    p[np.arange(labels.size), labels] -= 1.0
    return p


def _mean_nll(logits: FloatArray, labels: IndexArray) -> tuple[float, FloatArray]:
    """The mean cross-entropy of the logits and the softmax probabilities P, from one log-softmax."""
    if not np.isfinite(logits).all():
        msg = (
            "The logits overflowed during training: the weights diverged. Lower the learning rate "
            "(gradient descent is stable below 2 / L, L the largest curvature of the loss)."
        )
        raise ValueError(msg)
    log_p = log_softmax(logits, axis=1)
    nll = 0.0 - float(log_p[np.arange(labels.size), labels].mean())
    return nll, np.exp(log_p)


def _penalty(weight_decay: float, *weights: FloatArray) -> float:
    return 0.5 * weight_decay * sum(float(np.vdot(w, w)) for w in weights)


# --- softmax regression -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SoftmaxRegression:
    r"""A trained softmax regression (multinomial logistic regression), from `train_softmax_regression`.

    .. math:: P(y = k \mid x) = \operatorname{softmax}(x^\top W + b)_k

    Attributes
    ----------
    weights : numpy.ndarray
        W, shape (D, K): column k is the weight vector of class k.
    bias : numpy.ndarray
        b, shape (K,).
    losses : numpy.ndarray
        The training objective (mean cross-entropy + L2 penalty) before the first step and after
        each step, so ``losses[-1]`` is the final loss.

    Examples
    --------
    >>> model = SoftmaxRegression(weights=np.array([[1.0, -1.0]]), bias=np.zeros(2), losses=np.array([]))
    >>> model.probabilities([[0.0], [1.0]]).round(3)
    array([[0.5  , 0.5  ],
           [0.881, 0.119]])
    >>> model.probabilities([[1.0]], temperature=2.0).round(3)  # W / 2: the same boundary, softer
    array([[0.731, 0.269]])
    """

    weights: FloatArray
    bias: FloatArray
    losses: FloatArray

    @property
    def parameters(self) -> Parameters:
        """(W, b), the order `softmax_regression_objective` takes them in."""
        return (self.weights, self.bias)

    def logits(self, x: ArrayLike) -> FloatArray:
        """The logits :math:`xW + b`, shape (n, K), for features x of shape (n, D)."""
        return as_features(x) @ self.weights + self.bias

    def probabilities(
        self, x: ArrayLike, *, temperature: float | None = None, beta: float | None = None
    ) -> FloatArray:
        """softmax((xW + b) / T), shape (n, K); dividing by T is scaling W and b by 1/T."""
        return softmax(self.logits(x), temperature=temperature, beta=beta, axis=1)

    def predict(self, x: ArrayLike) -> IndexArray:
        """The most probable class of each row of x (the first of ties)."""
        predicted: IndexArray = np.argmax(self.logits(x), axis=1)
        return predicted


def softmax_regression_objective(
    parameters: Parameters, x: ArrayLike, labels: ArrayLike, *, weight_decay: float = 0.0
) -> tuple[float, Parameters]:
    r"""Softmax regression's training loss and its gradient with respect to (W, b).

    .. math::

        L(W, b) = -\frac{1}{n} \sum_{i=1}^{n} \log \operatorname{softmax}(x_i^\top W + b)_{y_i}
                  + \frac{\lambda}{2} \lVert W \rVert_F^2, \qquad
        \nabla_W L = \frac{1}{n} X^\top (P - Y) + \lambda W, \qquad
        \nabla_b L = \frac{1}{n} \mathbf{1}^\top (P - Y)

    with P the predicted probabilities (n × K) and Y the one-hot labels.

    Parameters
    ----------
    parameters : tuple of numpy.ndarray
        (W, b), shapes (D, K) and (K,).
    x : array_like
        Features, shape (n, D), finite.
    labels : array_like of int
        Classes, shape (n,), from 0 to K − 1.
    weight_decay : float, optional
        λ ≥ 0, the L2 penalty on W (default 0). The bias is not penalised, as in scikit-learn.

    Returns
    -------
    loss : float
        L(W, b).
    gradient : tuple of numpy.ndarray
        (∇_W L, ∇_b L), the shapes of (W, b).

    Raises
    ------
    ValueError
        If the shapes disagree, an input is not finite, or a label is not a class index.

    Notes
    -----
    The loss is computed with `log_softmax`, so it stays finite where a probability underflows,
    and P is taken from the same log-probabilities. The gradient of the cross-entropy with respect
    to the logits is P − Y (see `cross_entropy_grad`); the chain rule through the linear map
    :math:`z = xW + b` multiplies it by :math:`x^\top` for W and by 1 for b.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006, §4.3.4
       ("Multiclass logistic regression"), eq. (4.109).

    Examples
    --------
    At W = 0 every class has probability 1/K, so the loss is log K and the gradient pulls each
    class's weights towards the mean of its samples:

    >>> loss, (grad_w, grad_b) = softmax_regression_objective(
    ...     (np.zeros((1, 2)), np.zeros(2)), [[1.0], [-1.0]], [0, 1])
    >>> print(round(loss, 6), round(math.log(2), 6))
    0.693147 0.693147
    >>> grad_w, grad_b
    (array([[-0.5,  0.5]]), array([0., 0.]))
    """
    x = as_features(x)
    samples, dimension = x.shape
    weight_decay = as_nonnegative(weight_decay, name="weight_decay")
    if len(parameters) != 2:
        msg = f"parameters must be (W, b), got {len(parameters)} arrays."
        raise ValueError(msg)
    weights = as_float_array(parameters[0], name="W")
    if weights.ndim != 2 or weights.shape[0] != dimension:
        msg = f"W must have shape (D, K) with D = {dimension}, the features of x; got {weights.shape}."
        raise ValueError(msg)
    labels, classes = _as_labels(labels, samples, weights.shape[1])
    (weights, bias) = _as_parameters(parameters, [(dimension, classes), (classes,)], ["W", "b"])
    return _regression_objective(weights, bias, x, labels, weight_decay)


def _regression_objective(
    weights: FloatArray, bias: FloatArray, x: FloatArray, labels: IndexArray, weight_decay: float
) -> tuple[float, Parameters]:
    with np.errstate(over="ignore", invalid="ignore"):
        logits = x @ weights + bias
    nll, p = _mean_nll(logits, labels)
    error = _one_hot_minus(p, labels) / labels.size
    grad_w = x.T @ error + weight_decay * weights
    return nll + _penalty(weight_decay, weights), (grad_w, error.sum(axis=0))


def train_softmax_regression(
    x: ArrayLike,
    labels: ArrayLike,
    *,
    classes: int | None = None,
    weight_decay: float = 0.0,
    method: Method = "lbfgs",
    steps: int = 1000,
    learning_rate: float = 0.5,
    tolerance: float = 1e-6,
    initial: Parameters | None = None,
    progress: Progress | None = None,
) -> SoftmaxRegression:
    r"""Fit softmax regression: minimise the mean cross-entropy plus an L2 penalty on the weights.

    .. math::

        \min_{W, b} \; -\frac{1}{n} \sum_{i=1}^{n} \log \operatorname{softmax}(x_i^\top W + b)_{y_i}
            + \frac{\lambda}{2} \lVert W \rVert_F^2

    One step of gradient descent with learning rate η is
    :math:`W \leftarrow W - \eta \bigl(\tfrac{1}{n} X^\top (P - Y) + \lambda W\bigr)`,
    :math:`b \leftarrow b - \eta \, \tfrac{1}{n} \mathbf{1}^\top (P - Y)`
    (see `softmax_regression_objective`); L-BFGS uses the same gradient.

    Parameters
    ----------
    x : array_like
        Features, shape (n, D), finite. Standardised features train much faster.
    labels : array_like of int
        Classes, shape (n,).
    classes : int, optional
        K, the number of classes (default: the largest label + 1). Give it when a class may be
        missing from `labels`.
    weight_decay : float, optional
        λ ≥ 0 (default 0). scikit-learn's ``LogisticRegression(C=...)`` minimises the same objective
        with :math:`C = 1 / (n \lambda)`.
    method : {'lbfgs', 'gradient_descent'}, optional
        L-BFGS to convergence (default), or plain full-batch gradient descent with `learning_rate`.
    steps : int, optional
        The most steps (iterations) to take, ≥ 0 (default 1000).
    learning_rate : float, optional
        η > 0 for gradient descent (default 0.5); unused by L-BFGS.
    tolerance : float, optional
        Stop when every entry of the gradient is at most this in absolute value (default 1e-6).
        L-BFGS also stops when a step lowers the loss by less than 1e-12 · max(1, loss), as SciPy's
        does, which on a loss heading for 0 (separable data, no weight decay) comes first.
    initial : tuple of numpy.ndarray, optional
        (W, b) to start from, to continue a training; default zeros, where every class has
        probability 1/K (the objective is convex, so the start only matters for the path).
    progress : callable, optional
        Called as ``progress(done, steps)`` after every step, e.g. to move a progress bar.

    Returns
    -------
    SoftmaxRegression
        The weights, the bias and the loss history.

    Raises
    ------
    ValueError
        For invalid inputs, or if gradient descent diverges (the learning rate is too large).

    Notes
    -----
    Without weight decay and with separable classes the loss has no minimum (the weights grow
    forever); L-BFGS then stops at `steps`. With λ > 0 the minimum is unique for W, and for b up to
    adding the same constant to every class (softmax is unchanged by it).

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006, §4.3.4.
    .. [2] J. Nocedal, S. J. Wright, *Numerical Optimization*, 2nd ed., Springer, 2006, §7.2
       (L-BFGS, Algorithm 7.4 and 7.5).

    Examples
    --------
    >>> x = [[-2.0], [-1.0], [1.0], [2.0]]
    >>> model = train_softmax_regression(x, [0, 0, 1, 1], weight_decay=0.1)
    >>> model.predict(x)
    array([0, 0, 1, 1])
    >>> bool(model.losses[-1] < model.losses[0] == math.log(2))
    True
    """
    x = as_features(x)
    labels, classes = _as_labels(labels, x.shape[0], classes)
    weight_decay = as_nonnegative(weight_decay, name="weight_decay")
    shapes = [(x.shape[1], classes), (classes,)]
    if initial is None:
        start: Parameters = (np.zeros(shapes[0]), np.zeros(shapes[1]))
    else:
        start = _as_parameters(initial, shapes, ["W", "b"])

    def objective(parameters: Parameters) -> tuple[float, Parameters]:
        return _regression_objective(parameters[0], parameters[1], x, labels, weight_decay)

    (weights, bias), losses = minimize(
        objective, start, method=method, steps=steps, learning_rate=learning_rate,
        tolerance=tolerance, progress=progress,
    )  # fmt: skip
    return SoftmaxRegression(weights=weights, bias=bias, losses=losses)


# --- one hidden layer -------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class OneHiddenLayerNetwork:
    r"""A trained network with one tanh hidden layer and a softmax output, from `train_network`.

    .. math:: P(y = k \mid x) = \operatorname{softmax}\bigl(\tanh(x^\top W_1 + b_1) W_2 + b_2\bigr)_k

    Attributes
    ----------
    hidden_weights, hidden_bias : numpy.ndarray
        :math:`W_1` (D, H) and :math:`b_1` (H,).
    output_weights, output_bias : numpy.ndarray
        :math:`W_2` (H, K) and :math:`b_2` (K,).
    losses : numpy.ndarray
        The training objective before the first step and after each step.

    Examples
    --------
    >>> network = OneHiddenLayerNetwork(
    ...     np.eye(2), np.zeros(2), np.array([[2.0, 0.0], [0.0, 2.0]]), np.zeros(2), np.array([]))
    >>> network.predict([[1.0, 0.0], [0.0, 3.0]])
    array([0, 1])
    """

    hidden_weights: FloatArray
    hidden_bias: FloatArray
    output_weights: FloatArray
    output_bias: FloatArray
    losses: FloatArray

    @property
    def parameters(self) -> Parameters:
        """(W₁, b₁, W₂, b₂), the order `network_objective` takes them in."""
        return (self.hidden_weights, self.hidden_bias, self.output_weights, self.output_bias)

    def logits(self, x: ArrayLike) -> FloatArray:
        """The logits :math:`\\tanh(xW_1 + b_1) W_2 + b_2`, shape (n, K)."""
        hidden = np.tanh(as_features(x) @ self.hidden_weights + self.hidden_bias)
        return hidden @ self.output_weights + self.output_bias

    def probabilities(
        self, x: ArrayLike, *, temperature: float | None = None, beta: float | None = None
    ) -> FloatArray:
        """softmax(logits / T), shape (n, K)."""
        return softmax(self.logits(x), temperature=temperature, beta=beta, axis=1)

    def predict(self, x: ArrayLike) -> IndexArray:
        """The most probable class of each row of x (the first of ties)."""
        predicted: IndexArray = np.argmax(self.logits(x), axis=1)
        return predicted


def network_objective(
    parameters: Parameters, x: ArrayLike, labels: ArrayLike, *, weight_decay: float = 0.0
) -> tuple[float, Parameters]:
    r"""A one-hidden-layer network's training loss and its gradient, by backpropagation.

    .. math::

        H = \tanh(X W_1 + b_1), \quad Z = H W_2 + b_2, \quad
        L = -\frac{1}{n} \sum_i \log \operatorname{softmax}(z_i)_{y_i}
            + \frac{\lambda}{2} \bigl(\lVert W_1 \rVert_F^2 + \lVert W_2 \rVert_F^2\bigr)

    .. math::

        \nabla_Z = \tfrac{1}{n}(P - Y), \quad
        \nabla_{W_2} = H^\top \nabla_Z + \lambda W_2, \quad
        \nabla_{A} = (\nabla_Z W_2^\top) \odot (1 - H \odot H), \quad
        \nabla_{W_1} = X^\top \nabla_A + \lambda W_1

    and the biases' gradients are the column sums of :math:`\nabla_Z` and :math:`\nabla_A`.

    Parameters
    ----------
    parameters : tuple of numpy.ndarray
        (W₁, b₁, W₂, b₂), shapes (D, H), (H,), (H, K), (K,).
    x : array_like
        Features, shape (n, D), finite.
    labels : array_like of int
        Classes, shape (n,), from 0 to K − 1.
    weight_decay : float, optional
        λ ≥ 0 on W₁ and W₂ (default 0); biases are not penalised.

    Returns
    -------
    loss : float
        L.
    gradient : tuple of numpy.ndarray
        The gradients, in the order and shapes of `parameters`.

    Raises
    ------
    ValueError
        If the shapes disagree, an input is not finite, or a label is not a class index.

    Notes
    -----
    The same P − Y as softmax regression, passed back through the hidden layer; tanh' = 1 − tanh².

    References
    ----------
    .. [1] D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by
       back-propagating errors", Nature 323, 1986.
    .. [2] I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press, 2016, §6.5.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> parameters = (rng.normal(size=(2, 3)), np.zeros(3), np.zeros((3, 2)), np.zeros(2))
    >>> loss, gradient = network_objective(parameters, [[1.0, 0.0], [0.0, 1.0]], [0, 1])
    >>> print(round(loss, 6))  # W₂ = 0: uniform predictions, log 2
    0.693147
    >>> [g.shape for g in gradient]
    [(2, 3), (3,), (3, 2), (2,)]
    """
    x = as_features(x)
    weight_decay = as_nonnegative(weight_decay, name="weight_decay")
    if len(parameters) != 4:
        msg = f"parameters must be (W1, b1, W2, b2), got {len(parameters)} arrays."
        raise ValueError(msg)
    hidden_shape = np.shape(parameters[0])
    output_shape = np.shape(parameters[2])
    if len(hidden_shape) != 2 or len(output_shape) != 2:
        msg = f"W1 and W2 must be 2-d, got shapes {hidden_shape} and {output_shape}."
        raise ValueError(msg)
    labels, classes = _as_labels(labels, x.shape[0], output_shape[1])
    width = hidden_shape[1]
    shapes = [(x.shape[1], width), (width,), (width, classes), (classes,)]
    checked = _as_parameters(parameters, shapes, ["W1", "b1", "W2", "b2"])
    return _network_objective(checked, x, labels, weight_decay)


def _network_objective(
    parameters: Parameters, x: FloatArray, labels: IndexArray, weight_decay: float
) -> tuple[float, Parameters]:
    hidden_weights, hidden_bias, output_weights, output_bias = parameters
    with np.errstate(over="ignore", invalid="ignore"):
        hidden = np.tanh(x @ hidden_weights + hidden_bias)
        logits = hidden @ output_weights + output_bias
    nll, p = _mean_nll(logits, labels)
    grad_logits = _one_hot_minus(p, labels) / labels.size
    grad_pre = (grad_logits @ output_weights.T) * (1.0 - hidden * hidden)
    gradient = (
        x.T @ grad_pre + weight_decay * hidden_weights,
        grad_pre.sum(axis=0),
        hidden.T @ grad_logits + weight_decay * output_weights,
        grad_logits.sum(axis=0),
    )
    return nll + _penalty(weight_decay, hidden_weights, output_weights), gradient


def train_network(
    x: ArrayLike,
    labels: ArrayLike,
    *,
    hidden: int = 32,
    classes: int | None = None,
    weight_decay: float = 0.0,
    method: Method = "lbfgs",
    steps: int = 1000,
    learning_rate: float = 0.5,
    tolerance: float = 1e-6,
    seed: int = 0,
    progress: Progress | None = None,
) -> OneHiddenLayerNetwork:
    r"""Fit a one-hidden-layer tanh network with a softmax output, from a seeded random start.

    .. math::

        P(y = k \mid x) = \operatorname{softmax}\bigl(\tanh(x^\top W_1 + b_1) W_2 + b_2\bigr)_k

    minimising the mean cross-entropy plus
    :math:`\frac{\lambda}{2}(\lVert W_1 \rVert^2 + \lVert W_2 \rVert^2)`, see `network_objective`.

    Parameters
    ----------
    x : array_like
        Features, shape (n, D), finite; standardise them first.
    labels : array_like of int
        Classes, shape (n,).
    hidden : int, optional
        H, the number of hidden units, ≥ 1 (default 32).
    classes : int, optional
        K (default: the largest label + 1).
    weight_decay : float, optional
        λ ≥ 0 (default 0). None and many steps give an overconfident model; a strong one (say 0.1
        on standardised digits) an underconfident one.
    method : {'lbfgs', 'gradient_descent'}, optional
        As in `train_softmax_regression`.
    steps : int, optional
        The most steps to take, ≥ 0 (default 1000).
    learning_rate : float, optional
        η > 0 for gradient descent (default 0.5).
    tolerance : float, optional
        Stop when every gradient entry is at most this in absolute value (default 1e-6); L-BFGS
        also stops as in `train_softmax_regression`. Give 0 to train as long as the loss falls.
    seed : int, optional
        Seeds the initial weights :math:`W_1 \sim \mathcal{N}(0, 1/D)`,
        :math:`W_2 \sim \mathcal{N}(0, 1/H)` (biases start at 0).
    progress : callable, optional
        Called as ``progress(done, steps)`` after every step.

    Returns
    -------
    OneHiddenLayerNetwork
        The weights and the loss history.

    Raises
    ------
    ValueError
        For invalid inputs, or if gradient descent diverges.

    Notes
    -----
    The objective is not convex: another seed gives another local minimum. Trained to near-zero
    training loss without weight decay, the logits keep growing, so the network is sure of its
    mistakes on new data: the overconfidence that Guo et al. (2017) found in modern networks.

    References
    ----------
    .. [1] C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, "On Calibration of Modern Neural Networks",
       ICML 2017, §3 (training long without weight decay miscalibrates), https://arxiv.org/abs/1706.04599
    .. [2] X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward neural
       networks", AISTATS 2010 (the initial scale).

    Examples
    --------
    XOR, which no linear softmax can separate:

    >>> x = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    >>> network = train_network(x, [0, 1, 1, 0], hidden=4, steps=200, seed=1)
    >>> network.predict(x)
    array([0, 1, 1, 0])
    """
    x = as_features(x)
    labels, classes = _as_labels(labels, x.shape[0], classes)
    hidden = as_count(hidden, name="hidden", smallest=1)
    weight_decay = as_nonnegative(weight_decay, name="weight_decay")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        msg = f"seed must be a whole number, got {seed!r}."
        raise ValueError(msg)
    rng = np.random.default_rng(int(seed))
    dimension = x.shape[1]
    start = (
        rng.normal(scale=1.0 / math.sqrt(dimension), size=(dimension, hidden)),
        np.zeros(hidden),
        rng.normal(scale=1.0 / math.sqrt(hidden), size=(hidden, classes)),
        np.zeros(classes),
    )

    def objective(parameters: Parameters) -> tuple[float, Parameters]:
        return _network_objective(parameters, x, labels, weight_decay)

    fitted, losses = minimize(
        objective, start, method=method, steps=steps, learning_rate=learning_rate,
        tolerance=tolerance, progress=progress,
    )  # fmt: skip
    return OneHiddenLayerNetwork(*fitted, losses=losses)
