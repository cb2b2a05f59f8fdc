r"""Information measures on softmax outputs: entropy, the cross-entropy loss and its gradient."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_probabilities
from ._stable import complement, times_beta
from ._typing import FloatArray, FloatOrArray
from .functions import log_softmax, softmax
from .limits import resolve_beta

__all__ = ["cross_entropy", "cross_entropy_grad", "entropy"]


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
