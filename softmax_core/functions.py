r"""The softmax family: softmax, its logarithm, log-sum-exp, the smooth max, sweeps and the Jacobian.

All take the logits z and an inverse temperature :math:`\beta = 1/T` (``beta=`` or
``temperature=``, see `resolve_beta`). Conventions shared by every function here:

- **Shift before scaling.** The exponent is computed as :math:`\beta(z - m)` with m the max of z
  (the min when β < 0), so every exponent is ≤ 0 and nothing overflows. Subtracting first is exact
  for close logits; scaling first, :math:`\beta z - \max(\beta z)`, as SciPy and PyTorch do, rounds
  βz before the cancellation: on z = (0.95, 0.99, 0.98) at β = 500 that costs 88 ulps, against
  under 1 ulp here.
- **Exact limits.** β = ±∞ (T = 0) and β = 0 (T = ±∞) are computed as the limits they are
  (`argmax_onehot`, `argmin_onehot`, uniform), never as ``inf * 0``.
- **Infinite logits** are extended reals: a logit with βz = −∞ has weight exactly 0, logits with
  βz = +∞ share all the mass equally (the limit of a logit growing without bound), and β = 0 is
  the limit β → 0⁺. If every βz is −∞ no distribution exists and `ValueError` is raised.
- No NumPy RuntimeWarning escapes: overflow and underflow that the algorithm expects are silenced
  where they happen, and what would be NaN is handled as a limit.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, as_logits, check_reference, raise_nan, raise_no_distribution
from ._stable import complement, log_sum_shifted, log_weights, reference, times_beta
from ._typing import BoolArray, FloatArray, FloatOrArray
from .limits import resolve_beta, ties_onehot, uniform_limit

__all__ = ["log_softmax", "logsumexp", "smooth_max", "softmax", "softmax_jacobian", "softmax_sweep"]

# Up to this many logits a plain Python loop beats NumPy, whose cost per call is then mostly
# overhead (a few microseconds per ufunc against nanoseconds per element).
_SMALL = 16


def _small_softmax(z: FloatArray, beta: float) -> FloatArray | None:
    """Softmax of a short, finite 1-d vector with plain floats; None when the input needs the checks.

    The same algorithm as the array path (shift by the max or min, then scale, exponentiate and
    normalise), with ``math.fsum`` for a correctly rounded total.
    """
    values = z.tolist()
    high, low = max(values), min(values)
    # NaN or ±inf anywhere makes the sum non-finite; a spread beyond 1.8e308 would overflow z − m.
    if not (math.isfinite(sum(values)) and math.isfinite(high - low)):
        return None
    shift = high if beta > 0 else low
    weights = [math.exp(beta * (value - shift)) for value in values]
    total = math.fsum(weights)
    return np.array([weight / total for weight in weights])


def _finite_beta_softmax(z: FloatArray, shift: FloatOrArray, beta: float, axis: int) -> FloatArray:
    """e^{β(z − m)} normalised, in one buffer: subtract into it, exponentiate and divide in place."""
    with np.errstate(all="ignore"):
        p = log_weights(z, shift, beta)
        np.exp(p, out=p)
        # NumPy's stubs type ``keepdims`` of a ufunc's reduce as a literal True or False only.
        p /= np.add.reduce(p, axis=axis, keepdims=p.ndim > 1)  # type: ignore[call-overload]
    return p


def softmax(
    z: ArrayLike, *, beta: float | None = None, temperature: float | None = None, axis: int = -1
) -> FloatArray:
    r"""Softmax with inverse temperature β: turns logits into probabilities.

    .. math::

        \sigma_\beta(z)_k = \frac{e^{\beta z_k}}{\sum_{j=1}^{K} e^{\beta z_j}}
                          = \frac{e^{\beta (z_k - m)}}{\sum_{j=1}^{K} e^{\beta (z_j - m)}},
        \qquad \beta = \frac{1}{T}, \quad
        m = \begin{cases} \max_j z_j & \beta > 0 \\ \min_j z_j & \beta < 0 \end{cases}

    Parameters
    ----------
    z : array_like
        Logits: a vector of K scores, or an array of such vectors along `axis`. ±inf is allowed
        (see Notes); NaN is not.
    beta : float, optional
        Inverse temperature β. Give `beta` or `temperature`, not both; neither means β = 1.
    temperature : float, optional
        Temperature T = 1/β. ``0`` is the exact arg max, ``inf`` the uniform distribution, and a
        negative T is a negative β (the arg-min convention).
    axis : int, optional
        The axis holding each vector of logits (default: the last).

    Returns
    -------
    numpy.ndarray
        float64 probabilities, the shape of `z`, each vector summing to 1 within a few ulps.

    Raises
    ------
    ValueError
        If `z` is empty, contains NaN (the message gives its index), if every logit of a vector is
        −inf (no distribution exists), or if both `beta` and `temperature` are given.

    Notes
    -----
    Stable: subtracting m from every logit leaves each ratio unchanged and makes every exponent
    β(z − m) ≤ 0, so e^{...} cannot overflow and the largest weight is exactly 1 (the sum ≥ 1 cannot
    underflow). The shift comes *before* the scaling, see the module notes.

    Limits, exact: β = +∞ (``temperature=0``) gives `argmax_onehot`, β = −∞ gives `argmin_onehot`,
    β = 0 (``temperature=inf``) the uniform distribution 1/K.

    Infinite logits: a −inf logit gets probability exactly 0 (for β ≥ 0), +inf logits share all the
    mass; β < 0 mirrors this, and β = 0 is read as the limit β → 0⁺.

    Short 1-d vectors (K ≤ 16) take a plain-Python path, because there NumPy's per-call overhead
    dominates; it runs the same algorithm and agrees to within an ulp or two.

    References
    ----------
    .. [1] J. S. Bridle, "Probabilistic interpretation of feedforward classification network
       outputs, with relationships to statistical pattern recognition", Neurocomputing, 1990.
    .. [2] P. Blanchard, D. J. Higham, N. J. Higham, "Accurately computing the log-sum-exp and
       softmax functions", IMA J. Numer. Anal. 41(4), 2021, :doi:`10.1093/imanum/draa038`.
    .. [3] Wikipedia, "Softmax function", https://en.wikipedia.org/wiki/Softmax_function

    Examples
    --------
    >>> softmax([2.0, 1.0, 0.1]).round(3)
    array([0.659, 0.242, 0.099])
    >>> softmax([2.0, 1.0, 0.1], temperature=10).round(3)
    array([0.366, 0.331, 0.303])
    >>> softmax([2.0, 1.0, 0.1], temperature=0)
    array([1., 0., 0.])
    >>> softmax([1000.0, 1000.0])  # e^1000 overflows, the shifted weights do not
    array([0.5, 0.5])
    >>> softmax([0.0, float("-inf"), 0.0])
    array([0.5, 0. , 0.5])
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    z, axis = as_logits(z, axis=axis)
    if z.ndim == 1 and z.size <= _SMALL and 0 < abs(beta) < math.inf:
        p = _small_softmax(z, beta)
        if p is not None:
            return p
    shift = reference(z, beta, axis)
    finite = math.isfinite(shift) if z.ndim == 1 else np.isfinite(shift).all()
    if not finite:
        check_reference(shift, z, beta)
    if math.isinf(beta):
        return ties_onehot(z, shift, axis)
    if beta == 0:
        return uniform_limit(z, axis)
    p = _finite_beta_softmax(z, shift, beta, axis)
    if not finite:
        # A +inf logit (−inf for β < 0) dominates its slice: the others' weights are 0 beside it.
        p = np.where(np.isinf(shift), ties_onehot(z, shift, axis), p)
    return p


def log_softmax(
    z: ArrayLike, *, beta: float | None = None, temperature: float | None = None, axis: int = -1
) -> FloatArray:
    r"""The logarithm of softmax, accurate and finite where softmax itself underflows to 0.

    .. math::

        \log \sigma_\beta(z)_k = \beta z_k - \log \sum_j e^{\beta z_j}
                               = y_k - \log \sum_j e^{y_j}, \qquad y = \beta (z - m)

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
        float64 log-probabilities (≤ 0), the shape of `z`; −inf exactly where the probability is 0
        in the limits and for infinite logits.

    Raises
    ------
    ValueError
        As `softmax`: empty `z`, NaN, a vector whose logits are all −inf, both β and T given.

    Notes
    -----
    Stable: with y ≤ 0 and max y = 0 the sum lies in [1, K], so its log never overflows, and it is
    computed as log1p of the sum without its leading 1, which keeps it accurate when that is tiny.
    Taking ``np.log(softmax(z))`` instead gives −inf wherever the probability underflows.

    Examples
    --------
    >>> print(log_softmax([0.0, -800.0])[1])
    -800.0
    >>> log_softmax([2.0, 1.0, 0.1]).round(4)
    array([-0.417, -1.417, -2.317])
    >>> log_softmax([1.0, 3.0], temperature=0)
    array([-inf,   0.])
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    z, axis = as_logits(z, axis=axis)
    shift = reference(z, beta, axis)
    check_reference(shift, z, beta)
    if math.isinf(beta) or beta == 0:
        limit = ties_onehot(z, shift, axis) if beta != 0 else uniform_limit(z, axis)
        with np.errstate(divide="ignore"):
            return np.log(limit)
    with np.errstate(all="ignore"):
        y = log_weights(z, shift, beta)
        y -= log_sum_shifted(y, axis)
    infinite = np.isinf(shift)
    if infinite.any():
        with np.errstate(divide="ignore"):
            y = np.where(infinite, np.log(ties_onehot(z, shift, axis)), y)
    return y


def _squeeze(value: FloatOrArray, axis: int) -> FloatOrArray:
    """Drop the reduced axis; a single result becomes a NumPy scalar, as NumPy reductions do."""
    value = np.asarray(value)
    squeezed: FloatOrArray = (np.squeeze(value, axis=axis) if value.ndim else value)[()]
    return squeezed


def logsumexp(z: ArrayLike, *, beta: float = 1.0, axis: int = -1) -> FloatOrArray:
    r"""The log-sum-exp :math:`\log \sum_k e^{\beta z_k}`, computed without overflow.

    .. math::

        \operatorname{LSE}_\beta(z) = \log \sum_{k=1}^{K} e^{\beta z_k}
            = \beta m + \log \sum_{k=1}^{K} e^{\beta (z_k - m)},
        \qquad \frac{\partial\, \operatorname{LSE}_\beta}{\partial z_k} = \beta\, \sigma_\beta(z)_k

    Parameters
    ----------
    z : array_like
        Logits, a vector or an array of vectors along `axis`; ±inf allowed, NaN not.
    beta : float, optional
        Inverse temperature β (default 1), any real number or ±inf.
    axis : int, optional
        The axis to reduce (default: the last).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        One value per vector: a scalar for a 1-d `z`, else an array with `axis` removed.

    Raises
    ------
    ValueError
        If `z` is empty or contains NaN, or `beta` is NaN.

    Notes
    -----
    Stable: the term βm is taken out exactly, and the remaining sum lies in [1, K]; its logarithm is
    log1p of the sum beyond the leading 1, as in [1]_. A vector of only −inf (for β > 0) has
    LSE = log 0 = −inf, which is returned, not raised. Limits: β → ±∞ gives ±∞ · max (or min),
    and log(number of maxima) where that extreme is 0; β = 0 gives log K.

    References
    ----------
    .. [1] P. Blanchard, D. J. Higham, N. J. Higham, "Accurately computing the log-sum-exp and
       softmax functions", IMA J. Numer. Anal. 41(4), 2021, :doi:`10.1093/imanum/draa038`.

    Examples
    --------
    >>> import math
    >>> print(logsumexp([1000.0, 1000.0]), 1000 + math.log(2))
    1000.6931471805599 1000.6931471805599
    >>> print(logsumexp([1.0, 2.0, 3.0], beta=0))  # log 3
    1.0986122886681098
    """
    beta = resolve_beta(beta=beta)
    z, axis = as_logits(z, axis=axis)
    shift = reference(z, beta, axis)
    if np.isnan(shift).any():
        raise_nan(z)
    with np.errstate(all="ignore"):
        if math.isinf(beta):
            count = np.count_nonzero(z == shift, axis=axis, keepdims=True)
            value = np.where(shift == 0, np.log(count), beta * shift)
        elif beta == 0:
            live = np.count_nonzero(z > -math.inf, axis=axis, keepdims=True)
            value = np.where((z == math.inf).any(axis=axis, keepdims=True), math.inf, np.log(live))
        else:
            y = log_weights(z, shift, beta)
            # βm is ±inf exactly when the slice holds a dominant or only dead infinite logits.
            value = np.where(np.isinf(shift), beta * shift, beta * shift + log_sum_shifted(y, axis))
    return _squeeze(value, axis)


def smooth_max(z: ArrayLike, beta: float, *, axis: int = -1) -> FloatOrArray:
    r"""The smooth maximum :math:`\frac{1}{\beta} \log \sum_k e^{\beta z_k}`, which tends to max z.

    .. math::

        \operatorname{smax}_\beta(z) = \frac{1}{\beta} \log \sum_{k=1}^{K} e^{\beta z_k}
            = m + \frac{1}{\beta} \log \sum_{k=1}^{K} e^{\beta (z_k - m)},
        \qquad \max_k z_k \le \operatorname{smax}_\beta(z) \le \max_k z_k + \frac{\log K}{\beta}
        \ (\beta > 0)

    Parameters
    ----------
    z : array_like
        Logits, a vector or an array of vectors along `axis`; ±inf allowed, NaN not.
    beta : float
        Inverse temperature β. β > 0 gives a smooth max from above, β < 0 a smooth min from below.
    axis : int, optional
        The axis to reduce (default: the last).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        One value per vector.

    Raises
    ------
    ValueError
        If `z` is empty or contains NaN, or `beta` is NaN.

    Notes
    -----
    Computed as m + log1p(·)/β, not as ``logsumexp / beta``, so a huge β cannot overflow βm.
    Limits: β = +∞ gives max z exactly, β = −∞ gives min z; at β = 0 (as β → 0⁺) the bound
    log K/β diverges, so the result is +inf, unless only one logit is finite (or all are −inf), in
    which case it is that logit (or −inf).

    Examples
    --------
    >>> print(smooth_max([1.0, 2.0, 3.0], 100))
    3.0
    >>> print(round(smooth_max([1.0, 2.0, 3.0], 1), 4))
    3.4076
    >>> print(smooth_max([1.0, 2.0, 3.0], float("-inf")))
    1.0
    """
    beta = resolve_beta(beta=beta)
    z, axis = as_logits(z, axis=axis)
    shift = reference(z, beta, axis)
    if np.isnan(shift).any():
        raise_nan(z)
    if math.isinf(beta):
        return _squeeze(shift, axis)
    if beta == 0:
        live = np.count_nonzero(z > -math.inf, axis=axis, keepdims=True)
        value = np.where(live == 1, shift, np.where(live == 0, -math.inf, math.inf))
        return _squeeze(value, axis)
    with np.errstate(all="ignore"):
        y = log_weights(z, shift, beta)
        value = np.where(np.isinf(shift), shift, shift + log_sum_shifted(y, axis) / beta)
    return _squeeze(value, axis)


def softmax_sweep(z: ArrayLike, betas: ArrayLike) -> FloatArray:
    r"""Softmax of one vector at many inverse temperatures at once: row i is softmax(z, beta=betas[i]).

    .. math:: P_{ik} = \sigma_{\beta_i}(z)_k = \frac{e^{\beta_i (z_k - m_i)}}{\sum_j e^{\beta_i (z_j - m_i)}}

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d); ±inf allowed, NaN not.
    betas : array_like
        The inverse temperatures, a 1-d array (a scalar counts as one); ±inf and 0 allowed.

    Returns
    -------
    numpy.ndarray
        float64, shape (len(betas), K); each row sums to 1.

    Raises
    ------
    ValueError
        If `z` is not a non-empty vector, `betas` is not 1-d, either contains NaN, or a row's
        distribution does not exist (all logits −inf at some β ≥ 0, or all +inf at some β < 0).

    Notes
    -----
    Vectorised over β, for the charts of probabilities against temperature: one exponential per
    entry of the (len(betas), K) result, and the same shift-before-scaling as `softmax`, each row
    shifted by max z (β > 0) or min z (β < 0). Rows at β = ±inf and 0 are the exact limits.

    Examples
    --------
    >>> softmax_sweep([2.0, 1.0, 0.1], [0.0, 1.0, float("inf")]).round(3)
    array([[0.333, 0.333, 0.333],
           [0.659, 0.242, 0.099],
           [1.   , 0.   , 0.   ]])
    """
    z, _ = as_logits(z, axis=-1)
    if z.ndim != 1:
        msg = f"softmax_sweep takes one vector of logits (1-d), got an array of shape {z.shape}."
        raise ValueError(msg)
    betas = as_float_array(betas, name="betas")
    if betas.ndim > 1:
        msg = f"betas must be a 1-d array of inverse temperatures, got shape {betas.shape}."
        raise ValueError(msg)
    betas = np.atleast_1d(betas)
    if np.isnan(betas).any():
        raise_nan(betas, name="betas")
    top, bottom = z.max(), z.min()
    if np.isnan(top):
        raise_nan(z)
    if top == -math.inf and (betas >= 0).any():
        raise_no_distribution(np.array(True), 1.0)
    if bottom == math.inf and (betas < 0).any():
        raise_no_distribution(np.array(True), -1.0)

    column = betas[:, np.newaxis]
    shift = np.where(column > 0, top, bottom)
    with np.errstate(all="ignore"):
        gaps = z - shift
        p: FloatArray = gaps * column
        # As in log_weights: where z − m overflowed and |β| < 1, redo the shift in halves.
        redo = (np.abs(column) < 1.0) & ~np.isfinite(gaps).all(axis=1, keepdims=True)
        if redo.any():
            p = np.where(redo, (0.5 * z - 0.5 * shift) * (2.0 * column), p)
        np.exp(p, out=p)
        p /= p.sum(axis=1, keepdims=True)
    limits: tuple[tuple[BoolArray, Callable[[], FloatArray]], ...] = (
        (np.isinf(shift) & (column != 0), lambda: ties_onehot(z, shift, -1)),
        (column == math.inf, lambda: ties_onehot(z, top, -1)),
        (column == -math.inf, lambda: ties_onehot(z, bottom, -1)),
        (column == 0, lambda: uniform_limit(z, -1)),
    )
    for rows, onehot in limits:
        if rows.any():
            p = np.where(rows, onehot(), p)
    return p


def softmax_jacobian(
    z: ArrayLike, *, beta: float | None = None, temperature: float | None = None
) -> FloatArray:
    r"""The Jacobian of softmax with respect to the logits, :math:`\beta(\operatorname{diag} p - p p^\top)`.

    .. math::

        J_{kj} = \frac{\partial \sigma_\beta(z)_k}{\partial z_j}
               = \beta\, p_k (\delta_{kj} - p_j), \qquad p = \sigma_\beta(z)

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d).
    beta, temperature : float, optional
        Inverse temperature or temperature, at most one (see `softmax`); neither means β = 1.

    Returns
    -------
    numpy.ndarray
        float64, shape (K, K), symmetric; every row and column sums to 0.

    Raises
    ------
    ValueError
        As `softmax`, and if `z` is not 1-d.

    Notes
    -----
    The diagonal :math:`\beta p_k (1 - p_k)` takes :math:`1 - p_k` as the sum of the other
    probabilities where p_k is close to 1, so it keeps its relative accuracy when one class
    dominates. At β = ±inf the entries that vanish like :math:`\beta e^{-\beta c}` are exactly 0.

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    beta = resolve_beta(beta=beta, temperature=temperature)
    z = as_float_array(z, name="z")
    if z.ndim != 1:
        msg = f"softmax_jacobian takes one vector of logits (1-d), got an array of shape {z.shape}."
        raise ValueError(msg)
    p = softmax(z, beta=beta)
    jacobian = -np.outer(p, p)
    np.fill_diagonal(jacobian, p * complement(p, axis=0))
    return times_beta(jacobian, beta)
