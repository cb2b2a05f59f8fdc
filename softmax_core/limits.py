r"""The exact limits of softmax, and the one place where (β, T) becomes β.

Softmax with inverse temperature :math:`\beta = 1/T` has three limits that floating point cannot
reach by itself, so they are computed here exactly rather than left to ``inf * 0 = NaN``:

- :math:`\beta \to +\infty` (:math:`T \to 0^+`): the one-hot **arg max**, ties split equally;
- :math:`\beta \to -\infty` (:math:`T \to 0^-`): the one-hot **arg min**;
- :math:`\beta \to 0` (:math:`T \to \pm\infty`): the **uniform** distribution.

How fast softmax reaches the one-hot limits: `distance_to_limit`, its exponential asymptote
`distance_asymptote` and the rate `distance_decay_rate` of that exponential.
"""

from __future__ import annotations

import math
from typing import overload

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, as_logits, raise_nan
from ._typing import FloatArray, FloatOrArray

__all__ = [
    "argmax_onehot",
    "argmin_onehot",
    "distance_asymptote",
    "distance_decay_rate",
    "distance_to_limit",
    "resolve_beta",
]


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


def _vector_and_betas(z: ArrayLike, beta: ArrayLike, *, name: str) -> tuple[FloatArray, FloatArray, bool]:
    """One vector of logits, the β values as a 1-d array, and whether β was a number."""
    z, _ = as_logits(z, axis=-1)
    if z.ndim != 1:
        msg = f"{name} takes one vector of logits (1-d), got an array of shape {z.shape}."
        raise ValueError(msg)
    if np.isnan(z).any():
        raise_nan(z)
    betas = as_float_array(beta, name="beta")
    if betas.ndim > 1:
        msg = f"beta must be a number or a 1-d array of inverse temperatures, got shape {betas.shape}."
        raise ValueError(msg)
    scalar = betas.ndim == 0
    betas = np.atleast_1d(betas)
    if np.isnan(betas).any():
        raise_nan(betas, name="beta")
    return z, betas, scalar


def _approach(z: FloatArray, upward: bool) -> tuple[float, float, float] | None:
    """(extreme, next, 2n/m) of the approach to the arg max (upward) or the arg min: the m tied extreme
    logits, the n logits at the next distinct value; None when all logits are equal."""
    extreme = z.max() if upward else z.min()
    winners = z == extreme
    rest = z[~winners]
    if rest.size == 0:
        return None
    second = rest.max() if upward else rest.min()
    runners_up = np.count_nonzero(z == second)
    return float(extreme), float(second), 2.0 * runners_up / np.count_nonzero(winners)


def _times_gap(x: FloatArray, a: float, b: float) -> FloatArray:
    """x·|a − b| for x ≥ 0, with 0·gap = 0 even for an infinite gap, and no overflow in forming the gap."""
    high, low = max(a, b), min(a, b)
    with np.errstate(over="ignore", invalid="ignore"):
        gap = high - low
        if math.isinf(gap) and math.isfinite(high) and math.isfinite(low):
            # Logits spanning more than 1.8e308: the halves cannot overflow, and the product may be small.
            product = 2.0 * (x * (0.5 * high - 0.5 * low))
        else:
            product = x * gap
        rate: FloatArray = np.where(x == 0, 0.0, product)
    return rate


@overload
def distance_to_limit(z: ArrayLike, beta: float) -> np.float64: ...
@overload
def distance_to_limit(z: ArrayLike, beta: ArrayLike) -> FloatOrArray: ...
def distance_to_limit(z: ArrayLike, beta: ArrayLike) -> FloatOrArray:
    r"""The L1 distance from softmax to the one-hot limit it tends to as β → ±∞.

    .. math::

        d(\beta) = \bigl\lVert \sigma_\beta(z) - a \bigr\rVert_1
                 = \sum_{k \in M} \Bigl(\frac{1}{m} - \sigma_\beta(z)_k\Bigr)
                   + \sum_{k \notin M} \sigma_\beta(z)_k
                 = 2 \sum_{k \notin M} \sigma_\beta(z)_k

    where a is the one-hot limit: ``argmax_onehot(z)`` for β ≥ 0, with M its m tied maxima, and
    ``argmin_onehot(z)`` for β < 0, with M the minima.

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d); ±inf allowed, NaN not.
    beta : float or array_like
        Inverse temperature β: a number, or a 1-d array for one distance per value. 0 and ±inf
        allowed; β ≥ 0 (−0.0 included) is measured against the arg max, β < 0 against the arg min.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        d(β) in [0, 2): a scalar for a number β, else one per β.

    Raises
    ------
    ValueError
        If `z` is not a non-empty vector, `z` or `beta` holds NaN, `beta` is more than 1-d, or no
        distribution exists at some β (see `softmax_sweep`).

    Notes
    -----
    The m winners have equal probabilities, each at most 1/m, and all probabilities sum to 1, so the
    two sums of the distance are equal, and the second is a sum of small positive terms: accurate
    where the first is not (below 1e-16, 1 − p_max rounds to 0, and ``abs(p - a).sum()`` reports
    half the distance). The probabilities are `softmax_sweep`'s. The distance is exactly 0 at
    β = ±inf, and once e^{−|β|·gap} underflows; at β = 0 (uniform) it is 2(K − m)/K.

    Examples
    --------
    >>> print(distance_to_limit([1.0, 0.0], 1.0))  # 2 e^-1 / (1 + e^-1)
    0.5378828427399902
    >>> distance_to_limit([1.0, 0.0], [0.0, 40.0, float("inf")])
    array([1.00000000e+00, 8.49670851e-18, 0.00000000e+00])
    >>> print(distance_to_limit([0.0, 1.0], -40.0))  # against the arg min, (1, 0)
    8.496708510583178e-18
    """
    from .functions import softmax_sweep  # here, not at the top: functions imports this module

    z, betas, scalar = _vector_and_betas(z, beta, name="distance_to_limit")
    p = softmax_sweep(z, betas)
    distance = np.zeros(betas.size)
    for rows, winners in ((betas >= 0, z == z.max()), (betas < 0, z == z.min())):
        if rows.any():
            distance[rows] = 2.0 * p[rows][:, ~winners].sum(axis=1)
    return distance[0] if scalar else distance


@overload
def distance_decay_rate(z: ArrayLike, beta: float) -> np.float64: ...
@overload
def distance_decay_rate(z: ArrayLike, beta: ArrayLike) -> FloatOrArray: ...
def distance_decay_rate(z: ArrayLike, beta: ArrayLike) -> FloatOrArray:
    r"""The rate |β|·gap at which the distance to the limit decays, minus its log–log slope.

    .. math::

        r(\beta) = |\beta| \cdot \mathrm{gap}
                 = -\frac{d \log A(\beta)}{d \log |\beta|},
        \qquad A(\beta) = \frac{2n}{m}\, e^{-|\beta| \cdot \mathrm{gap}}

    where gap is the distance from the m tied extreme logits (the maxima for β ≥ 0, the minima for
    β < 0) to the n logits at the next distinct value, and A is `distance_asymptote`.

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d); ±inf allowed, NaN not.
    beta : float or array_like
        Inverse temperature β: a number or a 1-d array; 0 and ±inf allowed.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        r(β) ≥ 0: a scalar for a number β, else one per β. 0 at β = 0 and when all logits are equal
        (the distance is then 0 for every β); inf at β = ±inf.

    Raises
    ------
    ValueError
        If `z` is not a non-empty vector, `z` or `beta` holds NaN, or `beta` is more than 1-d.

    Notes
    -----
    On log–log axes a power law would be a straight line; the distance bends down ever more steeply,
    with slope −r(β): exponential decay. The gap of logits spanning more than 1.8e308 overflows while
    |β|·gap may be small, so it is then computed in halves; an infinite gap (an infinite extreme or
    next logit) gives r = inf for every β ≠ 0.

    Examples
    --------
    >>> print(distance_decay_rate([2.0, 0.5, 0.0], 10.0))  # gap 1.5
    15.0
    >>> distance_decay_rate([2.0, 0.5, 0.0], [-10.0, 0.0])  # the arg min side: gap 0.5
    array([5., 0.])
    >>> print(distance_decay_rate([1e308, -1e308], 1e-300))  # the gap 2e308 overflows, the rate not
    200000000.0
    """
    z, betas, scalar = _vector_and_betas(z, beta, name="distance_decay_rate")
    rate = np.zeros(betas.size)
    for rows, upward in ((betas >= 0, True), (betas < 0, False)):
        approach = _approach(z, upward) if rows.any() else None
        if approach is not None:
            rate[rows] = _times_gap(np.abs(betas[rows]), approach[0], approach[1])
    return rate[0] if scalar else rate


@overload
def distance_asymptote(z: ArrayLike, beta: float) -> np.float64: ...
@overload
def distance_asymptote(z: ArrayLike, beta: ArrayLike) -> FloatOrArray: ...
def distance_asymptote(z: ArrayLike, beta: ArrayLike) -> FloatOrArray:
    r"""The leading term of the distance to the limit as |β| → ∞, (2n/m) e^{−|β|·gap}.

    .. math::

        d(\beta) = 2 \frac{S}{m + S}, \quad S = \sum_{k \notin M} e^{-|\beta| (|z_k - z^*|)}
        \qquad\Longrightarrow\qquad
        d(\beta) \simeq A(\beta) = \frac{2n}{m}\, e^{-|\beta| \cdot \mathrm{gap}}

    with z* the m tied extreme logits (the maxima for β ≥ 0, the minima for β < 0), and n the logits
    at the next distinct value, gap away.

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d); ±inf allowed, NaN not.
    beta : float or array_like
        Inverse temperature β: a number or a 1-d array; 0 and ±inf allowed.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        A(β): a scalar for a number β, else one per β; 0 for every β when all logits are equal
        (the distance is then 0), 0 at β = ±inf, and 2n/m at β = 0.

    Raises
    ------
    ValueError
        As `distance_decay_rate`.

    Notes
    -----
    The relative error of the asymptote is of the order of (n/m) e^{−|β|·gap} and of the next
    level's e^{−|β|·gap'}/e^{−|β|·gap}: it is the distance's tangent on a log scale far from the
    uniform end. The exponent is `distance_decay_rate`, computed without overflowing the gap.

    Examples
    --------
    >>> print(distance_asymptote([1.0, 0.0], 40.0), distance_to_limit([1.0, 0.0], 40.0))
    8.496708510583178e-18 8.496708510583178e-18
    >>> distance_asymptote([3.0, 3.0, 1.0, 1.0, 1.0], [1.0, 0.0])  # 2·3/2 e^{-2β}
    array([0.40600585, 3.        ])
    """
    z, betas, scalar = _vector_and_betas(z, beta, name="distance_asymptote")
    value = np.zeros(betas.size)
    for rows, upward in ((betas >= 0, True), (betas < 0, False)):
        approach = _approach(z, upward) if rows.any() else None
        if approach is not None:
            value[rows] = approach[2] * np.exp(-_times_gap(np.abs(betas[rows]), approach[0], approach[1]))
    return value[0] if scalar else value
