r"""Information measures on softmax outputs: entropy, and two losses with their gradients.

The cross-entropy :math:`-\log p_t` and the squared error :math:`\lVert p - e_t \rVert^2` (the Brier
score), both of the logits z against the correct class t, at inverse temperature β.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_probabilities
from ._stable import complement, times_beta
from ._typing import FloatArray, FloatOrArray
from .functions import log_softmax, softmax
from .limits import resolve_beta

__all__ = ["cross_entropy", "cross_entropy_grad", "entropy", "squared_error", "squared_error_grad"]


def entropy(p: ArrayLike, *, base: float | None = None, axis: int = -1) -> FloatOrArray:
    r"""Shannon entropy of a probability vector, in nats (or in the units of `base`).

    .. math:: H(p) = -\sum_{k=1}^{K} p_k \log p_k, \qquad 0 \log 0 = 0

    Parameters
    ----------
    p : array_like
        Probabilities along `axis`: non-negative, summing to 1 (within 1e-6).
    base : float, optional
        Base of the logarithm: None for nats (e), 2 for bits, 10 for hartleys.
    axis : int, optional
        The axis holding each distribution (default: the last).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        One entropy per distribution, between 0 (one-hot) and log K (uniform).

    Raises
    ------
    ValueError
        If `p` is empty, holds NaN or a negative entry, does not sum to 1, or `base` is not a
        positive number other than 1.

    Notes
    -----
    The term 0 log 0 is taken as its limit 0 (never computed as 0 · (−inf) = NaN), so one-hot
    distributions, such as softmax at T = 0, have entropy exactly 0.

    References
    ----------
    .. [1] C. E. Shannon, "A mathematical theory of communication", Bell System Technical
       Journal 27, 1948.
    .. [2] T. M. Cover, J. A. Thomas, *Elements of Information Theory*, 2nd ed., Wiley, 2006, §2.1.

    Examples
    --------
    >>> print(entropy([0.5, 0.5], base=2))
    1.0
    >>> print(entropy([1.0, 0.0, 0.0]))
    0.0
    >>> print(round(entropy([0.25, 0.25, 0.25, 0.25]), 6))  # log 4
    1.386294
    """
    p, axis = as_probabilities(p, axis=axis)
    if base is not None:
        base = float(base)
        if not (base > 0 and base != 1 and math.isfinite(base)):
            msg = f"base must be a positive number other than 1 (2 for bits), got {base!r}."
            raise ValueError(msg)
    log_p = np.log(p, out=np.zeros_like(p), where=p > 0)
    # 0 − Σ, not −Σ: a one-hot distribution has entropy +0, not −0.
    h = 0.0 - np.sum(p * log_p, axis=axis)
    if base is not None:
        h = h / math.log(base)
    value: FloatOrArray = h[()]
    return value


def _class_indices(target: ArrayLike, batch_shape: tuple[int, ...], classes: int) -> NDArray[np.integer]:
    """``target`` as integer class indices in [0, K), one per vector (shape ``batch_shape + (1,)``)."""
    indices = np.asarray(target)
    if indices.dtype.kind not in "iu":
        msg = f"target must be an integer class index from 0 to {classes - 1}, got {target!r}."
        raise ValueError(msg)
    if indices.shape != batch_shape:
        msg = (
            f"target must hold one class index per vector of logits, shape {batch_shape}, "
            f"got shape {indices.shape}."
        )
        raise ValueError(msg)
    outside = (indices < 0) | (indices >= classes)
    if outside.any():
        bad = int(indices[outside].flat[0])
        msg = f"target {bad} is not a class index: there are {classes} classes, numbered 0 to {classes - 1}."
        raise ValueError(msg)
    return indices[..., np.newaxis]


def cross_entropy(
    z: ArrayLike, target: ArrayLike, *, beta: float | None = None, temperature: float | None = None
) -> FloatOrArray:
    r"""Cross-entropy loss of the logits against the correct class: :math:`-\log \sigma_\beta(z)_t`.

    .. math::

        \mathcal{L}(z, t) = -\log \sigma_\beta(z)_t
            = \log \sum_{k=1}^{K} e^{\beta z_k} - \beta z_t

    Parameters
    ----------
    z : array_like
        Logits along the last axis: one vector of K, or a batch of shape (..., K).
    target : int or array_like of int
        The correct class, 0 ≤ t < K; one per vector for a batch (shape ``z.shape[:-1]``).
    beta, temperature : float, optional
        Inverse temperature or temperature, at most one (see `softmax`); neither means β = 1.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The loss in nats, ≥ 0: a scalar for one vector, else one per vector.

    Raises
    ------
    ValueError
        As `softmax`, and if `target` is not an integer class index of the right shape.

    Notes
    -----
    Computed through `log_softmax`, so it stays finite where the predicted probability underflows:
    ``-log(softmax(z)[t])`` would be ``-log 0 = inf`` for z = (0, −800), t = 1, while the loss is 800.
    At T = 0 it is 0 when t is the unique arg max and +inf when it is not.

    Examples
    --------
    >>> print(cross_entropy([0.0, -800.0], 1))
    800.0
    >>> print(round(cross_entropy([2.0, 1.0, 0.1], 0), 4))
    0.417
    """
    log_p = log_softmax(z, beta=beta, temperature=temperature, axis=-1)
    t = _class_indices(target, log_p.shape[:-1], log_p.shape[-1])
    # 0 − x, not −x: a certain prediction costs +0, not −0.
    loss: FloatOrArray = (0.0 - np.take_along_axis(log_p, t, axis=-1)[..., 0])[()]
    return loss


def cross_entropy_grad(
    z: ArrayLike, target: ArrayLike, *, beta: float | None = None, temperature: float | None = None
) -> FloatArray:
    r"""Gradient of the cross-entropy loss with respect to the logits: :math:`\beta(p - e_t)`.

    .. math::

        \frac{\partial \mathcal{L}}{\partial z_k} = \beta \left( \sigma_\beta(z)_k - [k = t] \right)

    Parameters
    ----------
    z : array_like
        Logits along the last axis: one vector of K, or a batch of shape (..., K).
    target : int or array_like of int
        The correct class, 0 ≤ t < K; one per vector for a batch.
    beta, temperature : float, optional
        Inverse temperature or temperature, at most one (see `softmax`); neither means β = 1.

    Returns
    -------
    numpy.ndarray
        float64, the shape of `z`; each vector sums to 0.

    Raises
    ------
    ValueError
        As `cross_entropy`.

    Notes
    -----
    The target's entry :math:`\beta(p_t - 1)` is computed as :math:`-\beta \sum_{k \ne t} p_k`, so
    it keeps its relative accuracy when the prediction is nearly certain (p_t ≈ 1), where
    ``p_t - 1`` would cancel to 0. At β = ±inf, entries whose factor vanishes are exactly 0.

    Examples
    --------
    >>> cross_entropy_grad([0.0, 0.0], 0)
    array([-0.5,  0.5])
    >>> print(cross_entropy_grad([0.0, -40.0], 0)[0])  # not 0: −e^-40 / (1 + e^-40)
    -4.248354255291589e-18
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    p = softmax(z, beta=beta, axis=-1)
    t = _class_indices(target, p.shape[:-1], p.shape[-1])
    difference = p.copy()
    np.put_along_axis(difference, t, -np.take_along_axis(complement(p, axis=-1), t, axis=-1), axis=-1)
    return times_beta(difference, beta)


def squared_error(
    z: ArrayLike, target: ArrayLike, *, beta: float | None = None, temperature: float | None = None
) -> FloatOrArray:
    r"""Squared error of softmax against the one-hot target, the Brier score :math:`\lVert p - e_t \rVert^2`.

    .. math::

        \mathcal{L}_2(z, t) = \sum_{k=1}^{K} \bigl(\sigma_\beta(z)_k - [k = t]\bigr)^2
            = (1 - p_t)^2 + \sum_{k \ne t} p_k^2, \qquad p = \sigma_\beta(z)

    Parameters
    ----------
    z : array_like
        Logits along the last axis: one vector of K, or a batch of shape (..., K).
    target : int or array_like of int
        The correct class, 0 ≤ t < K; one per vector for a batch (shape ``z.shape[:-1]``).
    beta, temperature : float, optional
        Inverse temperature or temperature, at most one (see `softmax`); neither means β = 1.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The loss, between 0 (certain and right) and 2 (certain and wrong): a scalar for one vector,
        else one per vector.

    Raises
    ------
    ValueError
        As `cross_entropy`.

    Notes
    -----
    Unlike the cross-entropy it is bounded, and its gradient (`squared_error_grad`) vanishes as
    p_t → 0, so a confidently wrong prediction barely learns [2]_. Accurate when the prediction is
    nearly certain: :math:`1 - p_t` is taken as the sum of the other probabilities where p_t is
    close to 1, so the loss keeps its relative accuracy there (for z = (0, −40), t = 0 it is
    :math:`2 p_1^2`, where ``(p_t - 1)**2`` rounds to 0 and gives half of it). Every term is a square,
    so nothing cancels. At T = 0 it is 0 when t is the unique arg max and 2 when another class is.

    References
    ----------
    .. [1] G. W. Brier, "Verification of forecasts expressed in terms of probability", Monthly
       Weather Review 78(1), 1950.
    .. [2] P. Golik, P. Doetsch, H. Ney, "Cross-entropy vs. squared error training: a theoretical
       and experimental comparison", Interspeech 2013.

    Examples
    --------
    >>> print(squared_error([0.0, 0.0], 0))  # (1/2)² + (1/2)²
    0.5
    >>> print(squared_error([2.0, 1.0, 0.1], 2, temperature=0))  # certain and wrong
    2.0
    >>> print(squared_error([0.0, -40.0], 0))  # 2 e^-80 / (1 + e^-40)²
    3.60970277569083e-35
    """
    p = softmax(z, beta=beta, temperature=temperature, axis=-1)
    t = _class_indices(target, p.shape[:-1], p.shape[-1])
    # |p − e_t| entry by entry: 1 − p_t at the target, by `complement` (the others' sum near p_t = 1).
    residual = p.copy()
    np.put_along_axis(residual, t, np.take_along_axis(complement(p, axis=-1), t, axis=-1), axis=-1)
    loss: FloatOrArray = np.sum(residual**2, axis=-1)
    return loss


def squared_error_grad(
    z: ArrayLike, target: ArrayLike, *, beta: float | None = None, temperature: float | None = None
) -> FloatArray:
    r"""Gradient of the squared error with respect to the logits: :math:`2 J^\top (p - e_t)`.

    .. math::

        \frac{\partial \mathcal{L}_2}{\partial z_j}
            = 2 \sum_k (p_k - [k = t]) \frac{\partial p_k}{\partial z_j}
            = 2 \beta\, p_j \bigl(p_j - [j = t] - \langle p - e_t, p \rangle\bigr)

    Parameters
    ----------
    z : array_like
        Logits along the last axis: one vector of K, or a batch of shape (..., K).
    target : int or array_like of int
        The correct class, 0 ≤ t < K; one per vector for a batch.
    beta, temperature : float, optional
        Inverse temperature or temperature, at most one (see `softmax`); neither means β = 1.

    Returns
    -------
    numpy.ndarray
        float64, the shape of `z`; each vector sums to 0.

    Raises
    ------
    ValueError
        As `cross_entropy`.

    Notes
    -----
    The bracket is written without differences of numbers near 1, with q = 1 − p from `complement`:

    .. math::

        p_j - [j = t] - \langle p - e_t, p \rangle =
        \begin{cases}
            -\bigl(q_t^2 + \sum_{k \ne t} p_k^2\bigr) & j = t \\
            p_j q_j + p_t q_t - \sum_{k \ne j, t} p_k^2 & j \ne t
        \end{cases}

    The target's entry is a sum of squares; for j ≠ t only the sum over the other classes can
    cancel, and for the most probable class it is summed directly (elsewhere as the total less
    :math:`p_j^2`, which is then small). So the gradient keeps its relative accuracy when the
    prediction is nearly certain, right or wrong, where :math:`2 J (p - e_t)` with ``p_t - 1``
    loses it. It vanishes as p_t → 0 with a confident wrong class: that is why a squared-error
    model learns slowly from its worst mistakes. At β = ±inf, entries whose factor vanishes are
    exactly 0.

    References
    ----------
    .. [1] P. Golik, P. Doetsch, H. Ney, "Cross-entropy vs. squared error training: a theoretical
       and experimental comparison", Interspeech 2013.

    Examples
    --------
    >>> squared_error_grad([0.0, 0.0], 0)
    array([-0.5,  0.5])
    >>> squared_error_grad([0.0, 40.0], 0)  # confidently wrong: about 4 e^-40, it barely learns
    array([-1.6993417e-17,  1.6993417e-17])
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    p = softmax(z, beta=beta, axis=-1)
    t = _class_indices(target, p.shape[:-1], p.shape[-1])
    q = complement(p, axis=-1)
    p_t = np.take_along_axis(p, t, axis=-1)
    q_t = np.take_along_axis(q, t, axis=-1)
    squares = p * p
    np.put_along_axis(squares, t, 0.0, axis=-1)
    beside_target = squares.sum(axis=-1, keepdims=True)  # Σ_{k≠t} p_k²
    rest = beside_target - squares  # Σ_{k≠j,t} p_k²: small beside p_j q_j unless j is the top class
    top = np.argmax(p, axis=-1, keepdims=True)
    np.put_along_axis(squares, top, 0.0, axis=-1)
    np.put_along_axis(rest, top, squares.sum(axis=-1, keepdims=True), axis=-1)
    bracket = p * q + p_t * q_t - rest
    np.put_along_axis(bracket, t, -(q_t * q_t + beside_target), axis=-1)
    return times_beta(2.0 * (p * bracket), beta)
