r"""Softmax against its alternatives: other ways to turn logits into probabilities.

Why exponentiate? Any positive function, normalised, gives numbers that sum to 1. This module
computes the alternatives exactly, so that they can be compared with softmax on the same logits:

- `normalize`: the generic :math:`p_i = f(\beta z_i) / \sum_j f(\beta z_j)` with the named choices
  square, ReLU, absolute value, base-2 exponential and softmax itself (or any callable f);
- `sparsemax` (Martins & Astudillo 2016) and `entmax15` (Peters, Niculae & Martins 2019): the
  Euclidean and Tsallis-entropy relatives of softmax, which put *exact* zeros on unlikely classes;
- `logistic`: the two-class special case, :math:`\operatorname{softmax}(x, 0)_1 = \sigma(x)`.

Conventions as in `functions`: ``beta=`` or ``temperature=`` (see `resolve_beta`), the exact limits
β = ±∞ and β = 0 computed as limits, ±inf logits read as extended reals, no NumPy RuntimeWarning.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeAlias, overload

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, as_logits, check_reference, position, raise_nan
from ._stable import log_weights, reference, times_beta
from ._typing import FloatArray, FloatOrArray
from .functions import softmax
from .limits import resolve_beta, ties_onehot, uniform_limit

__all__ = ["NORMALIZERS", "entmax15", "logistic", "normalize", "sparsemax"]

#: The named choices of `normalize`, exponential family first.
NORMALIZERS = ("softmax", "exp2", "square", "abs", "relu")

# f(βz) = |β|^d f(±z) for these: the magnitude of β cancels in the ratio, only its sign remains.
_HOMOGENEOUS = {"square", "abs", "relu"}
_WEIGHT_TEXT = {"square": "z²", "abs": "|z|", "relu": "max(0, z)"}

#: A user's f of `normalize`: the array βz in, one weight per entry out.
Weighting: TypeAlias = Callable[[FloatArray], ArrayLike]
#: What sparsemax and 1.5-entmax differ in: the probabilities from y = β(z − m) and its descending sort.
_SparseWeights: TypeAlias = Callable[[FloatArray, FloatArray], FloatArray]


def _unknown_name(name: str) -> ValueError:
    choices = ", ".join(repr(choice) for choice in NORMALIZERS)
    return ValueError(f"Unknown normalisation {name!r}; choose one of {choices}, or pass a function.")


def _homogeneous(z: FloatArray, name: str, beta: float, axis: int) -> FloatArray:
    """Square, absolute value or ReLU of ±z, normalised; only the sign of β matters (see `normalize`)."""
    # β = 0 is read as the limit β → 0⁺, like softmax's uniform limit; the ratio is the same for all β > 0.
    x = -z if beta < 0 else z
    magnitude = np.abs(x) if name != "relu" else x
    top = np.maximum.reduce(magnitude, axis=axis, keepdims=True)
    if np.isnan(top).any():
        raise_nan(z)
    dead = top <= 0
    if dead.any():
        where = ""
        if z.ndim > 1:
            slice_index = np.delete(np.argwhere(dead)[0], axis)  # the reduced axis has length 1
            where = f" (the slice at index {position(slice_index)})"
        if name == "relu":
            inputs = "every logit" if beta >= 0 else "every −z (β < 0)"
            msg = (
                f"normalize(z, 'relu') is undefined here{where}: {inputs} is ≤ 0, so every ReLU output "
                "max(0, ·) is 0 and 0/0 has no value. Give at least one positive logit."
            )
        else:
            msg = (
                f"normalize(z, {name!r}) is undefined here{where}: every logit is 0, so every weight "
                f"{_WEIGHT_TEXT[name]} is 0 and 0/0 has no value. Give at least one nonzero logit."
            )
        raise ValueError(msg)
    infinite = np.isinf(top)
    with np.errstate(all="ignore"):
        # Dividing by the largest |x| leaves every ratio unchanged and keeps every weight in [0, 1],
        # with the largest exactly 1: nothing overflows, and the sum (≥ 1) cannot underflow.
        scaled = x / np.where(infinite, 1.0, top)
        if name == "square":
            weights = scaled * scaled
        elif name == "abs":
            weights = np.abs(scaled)
        else:
            weights = np.maximum(scaled, 0.0)
        p = weights / np.add.reduce(weights, axis=axis, keepdims=True)
    if infinite.any():
        # An infinite weight dominates its slice: the infinite entries share all the mass.
        p = np.where(infinite, ties_onehot(magnitude, top, axis), p)
    return p


def _callable(z: FloatArray, f: Weighting, beta: float, axis: int) -> FloatArray:
    if math.isinf(beta):
        msg = (
            "The limits β = ±∞ (T = 0) are known for the named normalisations only; give a finite "
            "beta (or a nonzero temperature) with a function f."
        )
        raise ValueError(msg)
    if np.isnan(z).any():
        raise_nan(z)
    # A user's f may overflow (np.exp of 1000): that shows up as inf in the checks below, not as a warning.
    with np.errstate(all="ignore"):
        weights = np.asarray(f(beta * z), dtype=np.float64)
    if weights.shape != z.shape:
        msg = f"f must return one weight per logit, shape {z.shape}, but it returned shape {weights.shape}."
        raise ValueError(msg)
    bad = ~(np.isfinite(weights) & (weights >= 0))
    if bad.any():
        index = np.argwhere(bad)[0]
        value = float(weights[tuple(index)])
        hint = (
            "a fast-growing f overflows: shift the logits first, as softmax does"
            if math.isinf(value)
            else "a probability cannot come from a negative or missing weight"
        )
        msg = f"f must return finite weights ≥ 0, but f(βz) at index {position(index)} is {value!r}; {hint}."
        raise ValueError(msg)
    with np.errstate(all="ignore"):
        totals = np.add.reduce(weights, axis=axis, keepdims=True)
    if not (np.isfinite(totals) & (totals > 0)).all():
        total = float(totals[~(np.isfinite(totals) & (totals > 0))][0])
        msg = f"The weights f(βz) sum to {total!r} in some slice, so they cannot be normalised to sum to 1."
        raise ValueError(msg)
    return weights / totals


def normalize(
    z: ArrayLike,
    f: str | Weighting,
    *,
    beta: float | None = None,
    temperature: float | None = None,
    axis: int = -1,
) -> FloatArray:
    r"""Normalise any non-negative function of the logits into probabilities.

    .. math::

        p_i = \frac{f(\beta z_i)}{\sum_{j=1}^{K} f(\beta z_j)}, \qquad \beta = \frac{1}{T}

    Parameters
    ----------
    z : array_like
        Logits, a vector or an array of vectors along `axis`. ±inf allowed for the named choices.
    f : str or callable
        One of the names in `NORMALIZERS`:

        - ``"softmax"``: :math:`f(x) = e^x`, exactly `softmax`;
        - ``"exp2"``: :math:`f(x) = 2^x = e^{x \ln 2}`, i.e. softmax at β ln 2;
        - ``"square"``: :math:`f(x) = x^2`;
        - ``"abs"``: :math:`f(x) = |x|`;
        - ``"relu"``: :math:`f(x) = \max(0, x)`;

        or a function taking the array βz and returning one finite weight ≥ 0 per entry.
    beta, temperature : float, optional
        Inverse temperature or temperature, at most one (see `softmax`); neither means β = 1.
    axis : int, optional
        The axis holding each vector of logits (default: the last).

    Returns
    -------
    numpy.ndarray
        float64 probabilities, the shape of `z`, each vector summing to 1.

    Raises
    ------
    ValueError
        Where the normalisation is undefined, 0/0: every logit ≤ 0 for ``"relu"``, every logit 0
        for ``"square"`` and ``"abs"``; an unknown name; NaN; for a callable, weights that are
        negative, not finite or sum to 0, or the limits β = ±∞. And as `softmax` for the
        exponential choices.
    TypeError
        If `f` is neither a name nor callable.

    Notes
    -----
    The square, the absolute value and the ReLU are homogeneous, :math:`f(\beta x) = |\beta|^d f(\pm x)`,
    so the magnitude of β cancels between numerator and denominator: these maps have **no
    temperature**. Only the sign of β remains (it matters for the ReLU, which then keeps the
    negative logits); β = 0 is read as the limit β → 0⁺, which equals every β > 0. They are not
    invariant to adding a constant to every logit, unlike softmax.

    Stable: the weights are computed from x / max|x|, which leaves every ratio unchanged and keeps
    every weight in [0, 1] with the largest exactly 1, so nothing overflows even for logits near
    1e308; the exponential choices are computed by `softmax` (shift by the max). Infinite logits
    dominate: the entries with an infinite weight share all the mass.

    References
    ----------
    .. [1] A. de Brébisson, P. Vincent, "An exploration of softmax alternatives belonging to the
       spherical loss family", ICLR 2016, arXiv:1511.05042 (normalised squares, "spherical softmax").
    .. [2] Wikipedia, "Softmax function", § Alternatives (base 2, i.e. a temperature of 1/ln 2).

    Examples
    --------
    >>> normalize([2.0, 1.0, 0.0], "square")  # 4, 1, 0 over 5
    array([0.8, 0.2, 0. ])
    >>> normalize([-3.0, 1.0], "square")  # the smaller logit gets the larger probability
    array([0.9, 0.1])
    >>> normalize([1.0, 0.0], "exp2")  # 2 and 1 over 3
    array([0.66666667, 0.33333333])
    >>> normalize([3.0, 1.0, -2.0], "relu", temperature=100)  # T cancels
    array([0.75, 0.25, 0.  ])
    >>> normalize([1.0, 2.0], lambda x: x + 1)
    array([0.4, 0.6])
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    if isinstance(f, str):
        if f not in NORMALIZERS:
            raise _unknown_name(f)
        if f == "softmax":
            return softmax(z, beta=beta, axis=axis)
        if f == "exp2":
            return softmax(z, beta=beta * math.log(2.0), axis=axis)
        z, axis = as_logits(z, axis=axis)
        return _homogeneous(z, f, beta, axis)
    if not callable(f):
        msg = f"f must be one of {NORMALIZERS} or a function, not {type(f).__name__}."
        raise TypeError(msg)
    z, axis = as_logits(z, axis=axis)
    return _callable(z, f, beta, axis)


def _sparse_map(z: ArrayLike, beta: float, axis: int, weights: _SparseWeights, *, halve: bool) -> FloatArray:
    """What sparsemax and 1.5-entmax share: validation, the exact limits, the shift and the sort.

    ``weights(y, u)`` gets y = β(z − m) (halved for entmax) clipped at −1 and its descending sort u,
    both with `axis` moved last, and returns the probabilities in y's layout.
    """
    z, axis = as_logits(z, axis=axis)
    shift = reference(z, beta, axis)
    check_reference(shift, z, beta)
    if math.isinf(beta):
        return ties_onehot(z, shift, axis)
    if beta == 0:
        return uniform_limit(z, axis)
    with np.errstate(all="ignore"):
        y = log_weights(z, shift, beta)
        if halve:
            y *= 0.5
        # The largest y is 0 and its p ≤ 1 forces the threshold τ ≥ −1, so an entry ≤ −1 is never in
        # the support: clipping there changes no output, and keeps −inf (and overflowed shifts) out
        # of the sums.
        np.maximum(y, -1.0, out=y)
        y = np.moveaxis(y, axis, -1)
        p = np.moveaxis(weights(y, -np.sort(-y, axis=-1)), -1, axis)
    infinite = np.isinf(shift)
    if np.any(infinite):
        # A +inf logit (−inf for β < 0) dominates its slice, as for softmax.
        p = np.where(infinite, ties_onehot(z, shift, axis), p)
    return p


def _sparsemax_weights(y: FloatArray, u: FloatArray) -> FloatArray:
    k = np.arange(1, u.shape[-1] + 1, dtype=np.float64)
    cumulative = np.cumsum(u, axis=-1)
    # At least 1 (u₁ = 0 < 1), except in a slice with a +inf logit, which _sparse_map replaces.
    support = np.maximum(np.count_nonzero(1.0 + k * u > cumulative, axis=-1, keepdims=True), 1)
    tau = (np.take_along_axis(cumulative, support - 1, axis=-1) - 1.0) / support
    return np.maximum(y - tau, 0.0)


def _entmax15_weights(y: FloatArray, u: FloatArray) -> FloatArray:
    k = np.arange(1, u.shape[-1] + 1, dtype=np.float64)
    mean = np.cumsum(u, axis=-1) / k
    mean_square = np.cumsum(u * u, axis=-1) / k
    deviation = k * (mean_square - mean * mean)  # S_k, the sum of squared deviations from M_k
    tau = mean - np.sqrt(np.maximum((1.0 - deviation) / k, 0.0))
    support = np.maximum(np.count_nonzero(tau <= u, axis=-1, keepdims=True), 1)
    p = np.maximum(y - np.take_along_axis(tau, support - 1, axis=-1), 0.0)
    p *= p
    p /= np.add.reduce(p, axis=-1, keepdims=True)
    return p


def sparsemax(
    z: ArrayLike, *, beta: float | None = None, temperature: float | None = None, axis: int = -1
) -> FloatArray:
    r"""Sparsemax: the Euclidean projection of βz onto the probability simplex, with exact zeros.

    .. math::

        \operatorname{sparsemax}(\beta z) = \operatorname*{arg\,min}_{p \in \Delta^{K-1}}
            \lVert p - \beta z \rVert^2, \qquad
        p_i = [\beta z_i - \tau]_+, \quad \tau = \frac{\sum_{j \le k} u_j - 1}{k}

    where :math:`u` is βz sorted in decreasing order and k the support size, the largest k with
    :math:`1 + k u_k > \sum_{j \le k} u_j`.

    Parameters
    ----------
    z : array_like
        Logits, a vector or an array of vectors along `axis`; ±inf allowed, NaN not.
    beta, temperature : float, optional
        Inverse temperature or temperature, at most one (see `softmax`); neither means β = 1.
        Unlike softmax, sparsemax *reaches* the one-hot arg max at a finite β: as soon as the gap
        between the two largest logits is at least 1/β.
    axis : int, optional
        The axis holding each vector of logits (default: the last).

    Returns
    -------
    numpy.ndarray
        float64 probabilities, the shape of `z`, each vector summing to 1, with exact zeros for
        every class outside the support.

    Raises
    ------
    ValueError
        As `softmax`: empty `z`, NaN, a vector whose logits are all −inf, both β and T given.

    Notes
    -----
    Stable: sparsemax is invariant to adding a constant, so βz is replaced by y = β(z − max z),
    which leaves the output unchanged and keeps every entry ≤ 0 with the largest exactly 0; the
    threshold then lies in [−1, 0), so entries below −1 are clipped to −1 (they are outside the
    support either way) and every sum stays of order K. Limits: β = +∞ is the arg max (ties split
    equally), β = −∞ the arg min, β = 0 the uniform distribution, as for softmax.

    References
    ----------
    .. [1] A. F. T. Martins, R. F. Astudillo, "From softmax to sparsemax: a sparse model of
       attention and multi-label classification", ICML 2016, arXiv:1602.02068, Algorithm 1.
    .. [2] M. Held, P. Wolfe, H. Crowder, "Validation of subgradient optimization",
       Mathematical Programming 6, 1974 (the sort-based projection onto the simplex).

    Examples
    --------
    >>> sparsemax([2.0, 1.0, 0.1])  # the gap 1 is enough: one-hot
    array([1., 0., 0.])
    >>> sparsemax([2.0, 1.0, 0.1], temperature=2)  # y = (1, 0.5, 0.05), τ = 0.25
    array([0.75, 0.25, 0.  ])
    >>> sparsemax([0.5, 0.0])  # two classes: ((1 + t)/2, (1 − t)/2) for |t| ≤ 1
    array([0.75, 0.25])
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    return _sparse_map(z, beta, axis, _sparsemax_weights, halve=False)


def entmax15(
    z: ArrayLike, *, beta: float | None = None, temperature: float | None = None, axis: int = -1
) -> FloatArray:
    r"""1.5-entmax: between softmax and sparsemax, smooth yet with exact zeros (exact, sort-based).

    .. math::

        \operatorname{entmax}_{1.5}(\beta z) = \operatorname*{arg\,max}_{p \in \Delta^{K-1}}
            p^\top \beta z + H^{\mathrm{T}}_{1.5}(p), \qquad
        p_i = \left[\tfrac{\beta z_i}{2} - \tau\right]_+^2, \quad \sum_i p_i = 1

    with :math:`H^{\mathrm{T}}_{1.5}(p) = \tfrac{4}{3}\bigl(1 - \sum_i p_i^{3/2}\bigr)` the Tsallis
    entropy. The threshold τ is found exactly: with u = βz/2 sorted in decreasing order, for each k
    the mean :math:`M_k` and the sum of squared deviations :math:`S_k` of the k largest give
    :math:`\tau_k = M_k - \sqrt{(1 - S_k)/k}`, and the support size is the number of k with
    :math:`\tau_k \le u_k`.

    Parameters
    ----------
    z : array_like
        Logits, a vector or an array of vectors along `axis`; ±inf allowed, NaN not.
    beta, temperature : float, optional
        Inverse temperature or temperature, at most one (see `softmax`); neither means β = 1.
    axis : int, optional
        The axis holding each vector of logits (default: the last).

    Returns
    -------
    numpy.ndarray
        float64 probabilities, the shape of `z`, each vector summing to 1, with exact zeros for
        every class outside the support.

    Raises
    ------
    ValueError
        As `softmax`: empty `z`, NaN, a vector whose logits are all −inf, both β and T given.

    Notes
    -----
    Stable: 1.5-entmax is invariant to adding a constant, so the input is shifted by its max first
    (every entry ≤ 0, the largest exactly 0); the threshold then lies in [−1, 0), so entries below
    −1 are clipped to −1 (outside the support either way), and the cumulative sums of u and u²
    stay of order K, where their difference loses no more than a few ulps. The result is
    renormalised once to sum to 1 within rounding. Limits as for `sparsemax`.

    Unlike sparsemax, 1.5-entmax is continuously differentiable: its Jacobian involves
    :math:`\sqrt{p_i}`, which goes to 0 smoothly as a class leaves the support.

    References
    ----------
    .. [1] B. Peters, V. Niculae, A. F. T. Martins, "Sparse sequence-to-sequence models", ACL 2019,
       arXiv:1905.05702, Algorithm 2 (the exact sort-based 1.5-entmax).

    Examples
    --------
    >>> entmax15([0.0, 0.0])
    array([0.5, 0.5])
    >>> p = entmax15([1.0, 0.0])  # ((4 + √7)/8, (4 − √7)/8)
    >>> bool(np.allclose(p, [(4 + 7 ** 0.5) / 8, (4 - 7 ** 0.5) / 8]))
    True
    >>> entmax15([2.0, 1.0, 0.1])[2]  # outside the support: exactly 0
    np.float64(0.0)
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    return _sparse_map(z, beta, axis, _entmax15_weights, halve=True)


@overload
def logistic(x: float, *, beta: float | None = None, temperature: float | None = None) -> np.float64: ...
@overload
def logistic(
    x: ArrayLike, *, beta: float | None = None, temperature: float | None = None
) -> FloatOrArray: ...
def logistic(x: ArrayLike, *, beta: float | None = None, temperature: float | None = None) -> FloatOrArray:
    r"""The logistic sigmoid :math:`\sigma(\beta x) = 1 / (1 + e^{-\beta x})`: softmax of two classes.

    .. math::

        \sigma(\beta x) = \frac{1}{1 + e^{-\beta x}}
            = \frac{e^{\beta x}}{e^{\beta x} + e^{0}} = \operatorname{softmax}_\beta(x, 0)_1,
        \qquad \operatorname{softmax}_\beta(z_1, z_2)_1 = \sigma\bigl(\beta (z_1 - z_2)\bigr)

    Parameters
    ----------
    x : array_like
        Real numbers (a logit difference), any shape, scalar included; ±inf allowed, NaN not.
    beta, temperature : float, optional
        Inverse temperature or temperature, at most one (see `softmax`); neither means β = 1.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        Values in [0, 1], the shape of `x` (a scalar for a scalar).

    Raises
    ------
    ValueError
        If `x` contains NaN, or both β and T are given.

    Notes
    -----
    Stable: for t = βx ≥ 0 it is computed as 1/(1 + e^{−t}) and for t < 0 as e^{t}/(1 + e^{t}),
    so the exponential is always of a number ≤ 0 and never overflows; this is softmax's
    shift-by-the-max for two classes. Limits: β = ±∞ gives the step 0, 1/2, 1 (1/2 at x = 0, the
    tie), β = 0 gives 1/2 (and 1 or 0 for x = ±inf, as softmax's limit β → 0⁺ does).

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer, 2006, §4.2
       (eq. 4.57: two classes, the posterior is the logistic sigmoid of the log-odds).

    Examples
    --------
    >>> print(logistic(0.0), logistic(800.0))  # e^800 would overflow; e^-800 is just 0
    0.5 1.0
    >>> print(logistic(-40.0))  # e^-40/(1 + e^-40), accurate where 1 − σ(40) rounds to 0
    4.248354255291589e-18
    >>> logistic([-1.0, 0.0, 2.0], temperature=0)
    array([0. , 0.5, 1. ])
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    x = as_float_array(x, name="x")
    if np.isnan(x).any():
        raise_nan(np.atleast_1d(x), name="x")
    with np.errstate(all="ignore"):
        if beta == 0:
            t = np.where(np.isinf(x), x, 0.0)
        else:
            t = times_beta(x, beta)
        small = np.exp(-np.abs(t))  # e^{−|t|} ≤ 1
        value = np.where(t >= 0, 1.0 / (1.0 + small), small / (1.0 + small))
    return value[()] if value.ndim == 0 else value
