r"""The textbook softmax, with no shift: kept on purpose, to show where it breaks.

Everything else in `softmax_core` is stable. These two functions compute the formula exactly as it
is written on paper, so that the app can put their overflow (``inf``) and its consequence
(``inf / inf = NaN``) next to the stable result. They never raise and never warn: the inf and NaN
they return *are* the lesson. Do not use them for anything else.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._typing import FloatArray

__all__ = ["naive_exponentials", "naive_softmax"]


def naive_exponentials(z: ArrayLike, beta: float) -> FloatArray:
    r"""The weights :math:`e^{\beta z_k}` computed as written, inf where they overflow.

    .. math:: w_k = e^{\beta z_k}

    Parameters
    ----------
    z : array_like
        Logits.
    beta : float
        Inverse temperature β.

    Returns
    -------
    numpy.ndarray
        float64, the shape of `z`: inf where :math:`\beta z_k > 709.78` (the log of the largest
        float), 0 where :math:`\beta z_k < -745.13`.

    Notes
    -----
    Not stable, deliberately: :math:`e^{\beta z}` overflows as soon as βz exceeds about 709.78.
    `softmax` subtracts the max first, which keeps every exponent ≤ 0. Floating-point warnings are
    silenced; NaN and inf come back as values.

    Examples
    --------
    >>> naive_exponentials([0.99], 500)  # e^495 ≈ 9.5e214: fine
    array([9.45732997e+214])
    >>> naive_exponentials([0.99], 1000)  # e^990 overflows
    array([inf])
    """
    with np.errstate(all="ignore"):
        return np.exp(beta * np.asarray(z, dtype=np.float64))


def naive_softmax(z: ArrayLike, beta: float) -> FloatArray:
    r"""Softmax computed as written, :math:`e^{\beta z_k} / \sum_j e^{\beta z_j}`: overflows honestly.

    .. math:: \sigma_\beta(z)_k = \frac{e^{\beta z_k}}{\sum_{j=1}^{K} e^{\beta z_j}}

    Parameters
    ----------
    z : array_like
        Logits; a vector, or an array of vectors along the last axis.
    beta : float
        Inverse temperature β.

    Returns
    -------
    numpy.ndarray
        float64, the shape of `z`: correct while every :math:`e^{\beta z_k}` is a normal float;
        NaN once one overflows (inf/inf) or all underflow (0/0).

    Notes
    -----
    This is why stable softmax exists: at β = 1000 on the 'Explaining Softmax' logits
    z = (0.95, 0.99, 0.98), :math:`e^{990}` is inf and the result is NaN, while `softmax` gives
    (0.0000, 0.99995, 0.00005). It never raises or warns, whatever the input.

    References
    ----------
    .. [1] P. Blanchard, D. J. Higham, N. J. Higham, "Accurately computing the log-sum-exp and
       softmax functions", IMA J. Numer. Anal. 41(4), 2021, :doi:`10.1093/imanum/draa038`.

    Examples
    --------
    >>> naive_softmax([0.95, 0.99, 0.98], 500).round(4)
    array([0.    , 0.9933, 0.0067])
    >>> naive_softmax([0.95, 0.99, 0.98], 1000)
    array([nan, nan, nan])
    """
    with np.errstate(all="ignore"):
        weights = np.exp(beta * np.asarray(z, dtype=np.float64))
        p: FloatArray = weights / weights.sum(axis=-1, keepdims=True)
        return p
