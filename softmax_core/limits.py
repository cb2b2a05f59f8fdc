r"""The exact limits of softmax, and the one place where (β, T) becomes β.

Softmax with inverse temperature :math:`\beta = 1/T` has three limits that floating point cannot
reach by itself, so they are computed here exactly rather than left to ``inf * 0 = NaN``:

- :math:`\beta \to +\infty` (:math:`T \to 0^+`): the one-hot **arg max**, ties split equally;
- :math:`\beta \to -\infty` (:math:`T \to 0^-`): the one-hot **arg min**;
- :math:`\beta \to 0` (:math:`T \to \pm\infty`): the **uniform** distribution.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_logits, raise_nan
from ._typing import FloatArray, FloatOrArray

__all__ = ["argmax_onehot", "argmin_onehot", "resolve_beta"]


def _real(value: float, *, name: str) -> float:
    """``value`` as a Python float: a real number or ±inf, never NaN."""
    if isinstance(value, str | bytes):
        msg = f"{name} must be a number, not text; use parse_{name} to read what a user typed."
        raise TypeError(msg)
    try:
        number = float(value)
    except OverflowError:
        msg = f"{name} is too large for a float; use inf for the exact limit."
        raise ValueError(msg) from None
    except (TypeError, ValueError):
        msg = f"{name} must be a real number, got {value!r}."
        raise TypeError(msg) from None
    if math.isnan(number):
        msg = f"{name} is NaN (not a number); give a number, or inf for the exact limit."
        raise ValueError(msg)
    return number


def resolve_beta(*, beta: float | None = None, temperature: float | None = None) -> float:
    r"""The inverse temperature β from either β or the temperature T, validated.

    .. math:: \beta = \frac{1}{T}

    Every function that takes ``beta=`` / ``temperature=`` passes them through here, so the
    conversion and its limits are defined once.

    Parameters
    ----------
    beta : float, optional
        Inverse temperature, any real number or ±inf.
    temperature : float, optional
        Temperature T, any real number or ±inf. Give at most one of ``beta`` and ``temperature``.

    Returns
    -------
    float
        β. Neither given: 1.0. ``temperature=0``: +inf (the arg max; −0.0 too, since a typed 0 has
        no sign). ``temperature=±inf``: 0.0 (uniform). A negative temperature gives a negative β
        (the arg-min, negative-temperature convention).

    Raises
    ------
    ValueError
        If both are given, or either is NaN.
    TypeError
        If a value is not a real number (text must go through `parse_temperature` / `parse_beta`).

    Notes
    -----
    ``1/T`` overflows to inf for a subnormal T (|T| < 5.6e-309), so such a temperature acts as
    T = 0, the arg max. That is exact unless two logits differ by less than about 700|T|, itself a
    subnormal amount; `parse_temperature` accepts no such T.

    Examples
    --------
    >>> resolve_beta()
    1.0
    >>> resolve_beta(temperature=0.5)
    2.0
    >>> resolve_beta(temperature=0), resolve_beta(temperature=float("inf"))
    (inf, 0.0)
    >>> resolve_beta(temperature=-2)
    -0.5
    """
    if beta is not None and temperature is not None:
        msg = "Give either beta or temperature, not both (β = 1/T)."
        raise ValueError(msg)
    if temperature is None:
        return 1.0 if beta is None else _real(beta, name="beta")
    temperature = _real(temperature, name="temperature")
    if temperature == 0:
        return math.inf
    if math.isinf(temperature):
        return 0.0
    return 1.0 / temperature


def ties_onehot(z: FloatArray, reference: FloatOrArray, axis: int) -> FloatArray:
    """Mass split equally over the entries of ``z`` equal to ``reference`` (its max or min)."""
    winners = z == reference
    onehot: FloatArray = winners / np.count_nonzero(winners, axis=axis, keepdims=True)
    return onehot


def uniform_limit(z: FloatArray, axis: int) -> FloatArray:
    r"""The limit β → 0⁺ of softmax: uniform, with the extended-real conventions for ±inf logits.

    For every β > 0 a −inf logit has weight 0 and +inf logits take all the mass, so the limit
    keeps both: uniform over the +inf entries if there are any, else over the entries that are not
    −inf. For finite logits this is simply 1/K. The caller has excluded all-(−inf) slices.
    """
    rank = np.where(np.isinf(z), z, 0.0)
    return ties_onehot(rank, rank.max(axis=axis, keepdims=True), axis)


def argmax_onehot(z: ArrayLike, axis: int = -1) -> FloatArray:
    r"""The one-hot arg max of the logits, ties split equally: the limit of softmax as T → 0⁺.

    .. math::

        \operatorname{argmax}(z)_k =
        \begin{cases} 1/m & z_k = \max_j z_j \\ 0 & \text{otherwise} \end{cases}
        \qquad m = \#\{k : z_k = \max_j z_j\}

    Parameters
    ----------
    z : array_like
        Logits, a vector or an array of vectors along `axis`. ±inf entries are allowed.
    axis : int, optional
        The axis holding each vector (default: the last).

    Returns
    -------
    numpy.ndarray
        float64, the shape of `z`; each vector sums to 1.

    Raises
    ------
    ValueError
        If `z` is empty or contains NaN.

    Notes
    -----
    This is what softmax tends to as β → +∞, and what `softmax` returns at ``temperature=0``: the
    weights :math:`e^{\beta(z_k - \max z)}` go to 1 for every maximum and to 0 for the rest. Ties
    split the mass because the limit treats equal logits equally.

    References
    ----------
    .. [1] I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press, 2016, §6.2.2.3
       ("softmax ... a softened version of the arg max").

    Examples
    --------
    >>> argmax_onehot([1, 5, 5])
    array([0. , 0.5, 0.5])
    >>> argmax_onehot([[2, 1], [0, 3]])
    array([[1., 0.],
           [0., 1.]])
    """
    z, axis = as_logits(z, axis=axis)
    top = z.max(axis=axis, keepdims=True)
    if np.isnan(top).any():
        raise_nan(z)
    return ties_onehot(z, top, axis)


def argmin_onehot(z: ArrayLike, axis: int = -1) -> FloatArray:
    r"""The one-hot arg min of the logits, ties split equally: the limit of softmax as T → 0⁻.

    .. math::

        \operatorname{argmin}(z)_k =
        \begin{cases} 1/m & z_k = \min_j z_j \\ 0 & \text{otherwise} \end{cases}
        \qquad m = \#\{k : z_k = \min_j z_j\}

    Parameters
    ----------
    z : array_like
        Logits, a vector or an array of vectors along `axis`. ±inf entries are allowed.
    axis : int, optional
        The axis holding each vector (default: the last).

    Returns
    -------
    numpy.ndarray
        float64, the shape of `z`; each vector sums to 1.

    Raises
    ------
    ValueError
        If `z` is empty or contains NaN.

    Notes
    -----
    A negative temperature is a negative β, and softmax with β → −∞ puts all the mass on the
    smallest logits: ``argmin_onehot(z) == argmax_onehot(-z)``. In physics this is the ground state
    (the lowest energy) that a Boltzmann distribution selects as kT → 0⁺.

    Examples
    --------
    >>> argmin_onehot([3, 1, 2])
    array([0., 1., 0.])
    >>> argmin_onehot([0, 0, 1])
    array([0.5, 0.5, 0. ])
    """
    z, axis = as_logits(z, axis=axis)
    bottom = z.min(axis=axis, keepdims=True)
    if np.isnan(bottom).any():
        raise_nan(z)
    return ties_onehot(z, bottom, axis)
