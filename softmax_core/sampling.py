r"""Sampling from softmax with Gumbel noise: the Gumbel-max trick and its relaxation, Gumbel-softmax.

Add independent standard Gumbel noise :math:`G_k = -\log(-\log U_k)` to the log-probabilities and
take the arg max: class k wins with probability exactly :math:`\operatorname{softmax}(z)_k`. This is
one more answer to "why exponentiate?": the exponential turns the max of noisy scores into a
normalised ratio. Every function takes a seeded ``numpy.random.Generator``, so the same seed gives
the same samples.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._checks import as_logits
from .functions import log_softmax, softmax
from .limits import resolve_beta

__all__ = ["gumbel_max_sample", "gumbel_softmax"]

# Noise is drawn in blocks of about this many numbers, so 100 000 samples of 64 classes need 8 MB.
_BLOCK = 1 << 20


def _check_rng(rng) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        msg = (
            f"rng must be a numpy.random.Generator, e.g. np.random.default_rng(0), not {type(rng).__name__}."
        )
        raise TypeError(msg)
    return rng


def _check_size(size, *, allow_none: bool) -> int | None:
    if size is None and allow_none:
        return None
    if isinstance(size, bool) or not isinstance(size, numbers.Integral) or size < 1:
        msg = f"size must be a positive whole number of samples, got {size!r}."
        raise ValueError(msg)
    return int(size)


def _check_tau(tau) -> float:
    if isinstance(tau, str | bytes) or not isinstance(tau, numbers.Real):
        msg = f"tau must be a real number, got {tau!r}."
        raise TypeError(msg)
    tau = float(tau)
    if not tau >= 0:  # also NaN
        msg = f"tau must be ≥ 0 (0 gives one-hot samples, inf uniform ones), got {tau!r}."
        raise ValueError(msg)
    return tau


def _log_probabilities(z, beta: float) -> np.ndarray:
    z, _ = as_logits(z, axis=-1)
    if z.ndim != 1:
        msg = f"Sampling takes one vector of logits (1-d), got an array of shape {z.shape}."
        raise ValueError(msg)
    # log p, not βz: the same arg max (they differ by a constant), but the exact limits are already in
    # it as 0 and −inf, so classes with p = 0 are never drawn.
    return log_softmax(z, beta=beta)


def gumbel_max_sample(z, *, size, rng, beta=None, temperature=None) -> np.ndarray:
    r"""Draw classes from softmax(z) by the Gumbel-max trick: arg max of the logits plus Gumbel noise.

    .. math::

        k = \operatorname*{arg\,max}_{j} \bigl(\beta z_j + G_j\bigr), \qquad
        G_j = -\log(-\log U_j), \ U_j \sim \mathcal{U}(0, 1)
        \quad\Longrightarrow\quad P(k = i) = \sigma_\beta(z)_i

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d); ±inf allowed, NaN not.
    size : int
        The number of samples, at least 1.
    rng : numpy.random.Generator
        The source of randomness, e.g. ``np.random.default_rng(seed)``: the same seed gives the
        same samples.
    beta, temperature : float, optional
        Inverse temperature or temperature of the softmax sampled from, at most one (see `softmax`).

    Returns
    -------
    numpy.ndarray
        `size` class indices in [0, K), integers.

    Raises
    ------
    ValueError
        As `softmax`, if `z` is not 1-d, or `size` is not a positive integer.
    TypeError
        If `rng` is not a ``numpy.random.Generator``.

    Notes
    -----
    Why it works: :math:`e^{-e^{-(x - \beta z_j)}}` is the distribution function of
    :math:`\beta z_j + G_j`, and the chance that entry i is the largest integrates to
    :math:`e^{\beta z_i} / \sum_j e^{\beta z_j}`. The arg max is taken of
    :math:`\log \sigma_\beta(z) + G`, which differs from βz + G by a constant: it never overflows,
    and at the exact limits (T = 0, ∞) classes with probability 0 have log p = −inf and are never
    drawn. The noise is drawn in blocks of about a million numbers to bound memory.

    References
    ----------
    .. [1] E. J. Gumbel, *Statistical Theory of Extreme Values and Some Practical Applications*,
       National Bureau of Standards, Applied Mathematics Series 33, 1954.
    .. [2] C. J. Maddison, D. Tarlow, T. Minka, "A* sampling", NeurIPS 2014, arXiv:1411.0030, §2.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> draws = gumbel_max_sample([2.0, 1.0, 0.1], size=100_000, rng=rng)
    >>> frequencies = np.bincount(draws, minlength=3) / draws.size
    >>> bool(np.abs(frequencies - softmax([2.0, 1.0, 0.1])).max() < 0.01)
    True
    >>> gumbel_max_sample([2.0, 1.0, 0.1], size=5, rng=rng, temperature=0)  # the arg max, always
    array([0, 0, 0, 0, 0])
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    size = _check_size(size, allow_none=False)
    rng = _check_rng(rng)
    log_p = _log_probabilities(z, beta)
    classes = log_p.size
    samples = np.empty(size, dtype=np.intp)
    rows = max(1, _BLOCK // classes)
    for start in range(0, size, rows):
        count = min(rows, size - start)
        noisy = rng.gumbel(size=(count, classes))
        noisy += log_p
        samples[start : start + count] = np.argmax(noisy, axis=1)
    return samples


def gumbel_softmax(z, *, tau, rng, size=None, beta=None, temperature=None) -> np.ndarray:
    r"""Relaxed samples from softmax(z): the Gumbel-max trick with the arg max softened to a softmax.

    .. math::

        y = \operatorname{softmax}\!\left(\frac{\log \sigma_\beta(z) + G}{\tau}\right), \qquad
        G_j = -\log(-\log U_j), \ U_j \sim \mathcal{U}(0, 1)

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d); ±inf allowed, NaN not.
    tau : float
        The relaxation temperature τ ≥ 0: τ = 0 gives one-hot Gumbel-max samples, small τ nearly
        one-hot ones, large τ nearly uniform ones; ``inf`` is the uniform limit.
    rng : numpy.random.Generator
        The source of randomness, e.g. ``np.random.default_rng(seed)``.
    size : int, optional
        The number of samples; None (default) draws one sample of shape (K,).
    beta, temperature : float, optional
        Inverse temperature or temperature of the softmax relaxed, at most one (see `softmax`).
        Distinct from τ: T sets the distribution, τ how close each sample is to one-hot.

    Returns
    -------
    numpy.ndarray
        float64, shape (K,) or (size, K); every row is a probability vector (non-negative, sum 1).

    Raises
    ------
    ValueError
        As `gumbel_max_sample`, and if `tau` is negative or NaN.
    TypeError
        If `rng` is not a ``numpy.random.Generator`` or `tau` is not a number.

    Notes
    -----
    Each row is a point of the simplex whose arg max is a Gumbel-max sample (the same noise), so
    as τ → 0 the rows become one-hot samples from :math:`\sigma_\beta(z)`; unlike the arg max, the
    relaxed sample is differentiable in z, which is what it is used for. The softmax over the noisy
    log-probabilities is the core's, so it is stable (shift by the max) and exact at τ = 0 and ∞.

    References
    ----------
    .. [1] E. Jang, S. Gu, B. Poole, "Categorical reparameterization with Gumbel-softmax",
       ICLR 2017, arXiv:1611.01144.
    .. [2] C. J. Maddison, A. Mnih, Y. W. Teh, "The Concrete distribution: a continuous relaxation
       of discrete random variables", ICLR 2017, arXiv:1611.00712.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = gumbel_softmax([2.0, 1.0, 0.1], tau=0.5, rng=rng, size=4)
    >>> y.shape, bool(np.allclose(y.sum(axis=1), 1.0))
    ((4, 3), True)
    >>> gumbel_softmax([2.0, 1.0, 0.1], tau=0, rng=rng, temperature=0)
    array([1., 0., 0.])
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    tau = _check_tau(tau)
    size = _check_size(size, allow_none=True)
    rng = _check_rng(rng)
    log_p = _log_probabilities(z, beta)
    noisy = rng.gumbel(size=log_p.shape if size is None else (size, log_p.size))
    noisy += log_p
    return softmax(noisy, temperature=tau, axis=-1)
