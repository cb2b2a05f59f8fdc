r"""The stable building blocks the public functions share, each with the one trick it relies on.

Private: the public functions validate their input and handle the exact limits, then call these
on finite, nonzero β with NaN already excluded.
"""

from __future__ import annotations

import numpy as np

from ._typing import FloatArray, FloatOrArray


def reference(z: FloatArray, beta: float, axis: int) -> FloatOrArray:
    """The logit each slice is shifted by: its max for β ≥ 0, its min for β < 0.

    Kept as an array of reduced dims for a batch; a NumPy scalar for one vector, which NumPy
    broadcasts faster. (The ufuncs' own ``reduce`` skips the Python layer of ``z.max()``.)
    """
    extreme = np.maximum if beta >= 0 else np.minimum
    # NumPy's stubs type ``keepdims`` of a ufunc's reduce as a literal True or False only.
    shift: FloatOrArray = extreme.reduce(z, axis=axis, keepdims=z.ndim > 1)  # type: ignore[call-overload]
    return shift


def log_weights(z: FloatArray, shift: FloatOrArray, beta: float) -> FloatArray:
    r"""y = β(z − m) in a new array: every entry ≤ 0, exactly 0 at the reference logit m.

    Shift before scaling: :math:`z - m` is exact whenever z and m are within a factor of 2
    (Sterbenz), and one rounding of the product follows, whereas :math:`\beta z - \beta m`
    rounds two large products first and then cancels them. Call under ``np.errstate(all="ignore")``.
    """
    y = np.subtract(z, shift)
    if abs(beta) < 1.0 and not np.isfinite(y).all():
        # The shift overflowed (logits spanning more than 1.8e308), yet β(z − m) may be a float:
        # redo it in halves, which cannot overflow and is exact but for the last bit of a
        # subnormal, with β doubled (exact).
        y = np.subtract(0.5 * z, 0.5 * shift)
        beta = 2.0 * beta
    if beta != 1.0:
        y *= beta
    return y


def log_sum_shifted(y: FloatArray, axis: int) -> FloatArray:
    r"""log Σ e^y for shifted y (max 0), as log1p of the mass beyond the reference entry (keepdims).

    .. math:: \log \sum_k e^{y_k} = \operatorname{log1p}(\delta), \qquad
              \delta = \sum_k e^{y_k} - 1

    δ is summed directly, without the reference term 1, so it keeps its relative accuracy when
    it is tiny (log1p(1e-20) is 1e-20, while log(1 + 1e-20) is 0). Every y = 0 contributes 1
    exactly, so those are counted rather than summed. Call under ``np.errstate(all="ignore")``.
    """
    at_reference = y == 0
    weights = np.exp(y)
    weights[at_reference] = 0.0
    delta: FloatArray = weights.sum(axis=axis, keepdims=True)
    delta += np.count_nonzero(at_reference, axis=axis, keepdims=True) - 1
    return _log1p(delta)


def _log1p(delta: FloatArray) -> FloatArray:
    """log(1 + δ) for δ ≥ 0, within an ulp (for an integer δ, a count of ties: np.log of the exact 1 + δ).

    For δ < 1, ``np.log1p``. For δ ≥ 1 the sum s = 1 + δ is rounded, but its rounding error
    e = 1 − (s − δ) is exact (Fast2Sum, as δ ≥ 1), so log(1 + δ) = log s + e/s to within a
    rounding: NumPy 2.4's log1p is up to an ulp off there (log1p(2) is not the double nearest
    log 3, which a threefold tie gives), while ``np.log`` of an exact argument is not.
    Call under ``np.errstate(all="ignore")``.
    """
    small = np.log1p(delta)
    total = delta + 1.0
    error = 1.0 - (total - delta)
    large = np.log(total) + np.where(np.isfinite(error), error / total, 0.0)
    result: FloatArray = np.where(delta >= 1.0, large, small)
    return result


def complement(p: FloatArray, axis: int) -> FloatArray:
    r"""1 − p, accurate also where p is close to 1.

    .. math:: 1 - p_k = \sum_{j \ne k} p_j

    Only the largest p of a vector can exceed 1/2; there ``1 - p`` would cancel, so the sum of the
    others is used instead. Elsewhere ``1 - p`` lies in [1/2, 1] and is accurate as it stands.
    """
    result = 1.0 - p
    top = np.argmax(p, axis=axis, keepdims=True)
    others = p.copy()
    np.put_along_axis(others, top, 0.0, axis=axis)
    np.put_along_axis(result, top, others.sum(axis=axis, keepdims=True), axis=axis)
    return result


def times_beta(x: FloatArray, beta: float) -> FloatArray:
    """β·x where 0 stays 0 even for β = ±inf: the limit of β times a factor vanishing like e^{−β}."""
    if np.isinf(beta):
        return np.multiply(np.sign(x), beta, out=np.zeros_like(x), where=x != 0)
    return beta * x
