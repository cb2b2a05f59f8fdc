"""Input checks shared by the public functions, with messages a student can act on.

Private: the public functions call these first, so that every bad input fails in one place and with
one wording. Each message is built before the ``raise`` and says what was wrong and where.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from typing import NoReturn, SupportsInt

import numpy as np
from numpy.lib.array_utils import normalize_axis_index
from numpy.typing import ArrayLike

from ._typing import BoolArray, FloatArray, FloatOrArray


def as_float_array(values: ArrayLike, *, name: str) -> FloatArray:
    """``values`` as a float64 array (no copy when it already is one), or a clear error."""
    if type(values) is np.ndarray and values.dtype == np.float64:
        return values
    array = np.asarray(values)
    if array.dtype.kind == "c":
        msg = f"{name} must be real numbers; complex values have no softmax."
        raise TypeError(msg)
    if array.dtype == np.float64:
        return array
    try:
        # A long double beyond 1.8e308 becomes ±inf here, which the callers then treat as a limit.
        with np.errstate(over="ignore"):
            return array.astype(np.float64)
    except (TypeError, ValueError, OverflowError) as error:
        msg = f"{name} must be numbers; {error}."
        raise ValueError(msg) from None


def as_logits(z: ArrayLike, *, axis: int, name: str = "z") -> tuple[FloatArray, int]:
    """Validate the array of logits ``z`` and ``axis``; return them as (float64 array, axis ≥ 0).

    NaN is not checked here: the callers find it for free in the max or min they need anyway.
    """
    z = as_float_array(z, name=name)
    if z.ndim == 0:
        msg = f"{name} must be a vector of logits (or an array of vectors), not a single number."
        raise ValueError(msg)
    axis = normalize_axis_index(axis, z.ndim)
    if z.size == 0:
        msg = f"{name} is empty: at least one logit is needed."
        raise ValueError(msg)
    return z, axis


def position(index: Iterable[SupportsInt]) -> str:
    """An array index as a reader writes it: ``2`` for a vector, ``(1, 2)`` for a batch."""
    index = tuple(int(i) for i in index)
    return str(index[0]) if len(index) == 1 else str(index)


def raise_nan(values: FloatArray, *, name: str = "z") -> NoReturn:
    """Raise the ValueError for a NaN in ``values``, naming the first position holding one."""
    where = position(np.argwhere(np.isnan(values))[0])
    msg = f"{name} contains NaN (not a number) at index {where}; every entry must be a number."
    raise ValueError(msg)


def raise_no_distribution(dead: BoolArray | np.bool_, beta: float) -> NoReturn:
    """Raise the ValueError for a slice whose weights e^{βz} are all exactly 0.

    ``dead`` is a boolean array in the shape of the reduced max (or min), True where that happens.
    """
    where = "" if dead.size == 1 else f" (the slice at index {position(np.argwhere(dead)[0])})"
    if beta >= 0:
        msg = (
            f"Every logit is -inf{where}, so every weight e^(βz) is 0 and no probability "
            "distribution exists. Give at least one finite logit."
        )
    else:
        msg = (
            f"Every logit is +inf{where} and β < 0, so every weight e^(βz) is 0 and no probability "
            "distribution exists. Give at least one finite logit."
        )
    raise ValueError(msg)


def check_reference(reference: FloatOrArray, z: FloatArray, beta: float, *, name: str = "z") -> None:
    """Check the max (β ≥ 0) or min (β < 0) of each slice: NaN anywhere, or no distribution.

    NaN propagates through ``max`` and ``min``, so one look at the reduced array finds it.
    """
    if np.isnan(reference).any():
        raise_nan(z, name=name)
    dead = reference == (-math.inf if beta >= 0 else math.inf)
    if dead.any():
        raise_no_distribution(dead, beta)


def as_probabilities(p: ArrayLike, *, axis: int) -> tuple[FloatArray, int]:
    """Validate a probability vector (or a batch of them along ``axis``)."""
    p, axis = as_logits(p, axis=axis, name="p")
    if np.isnan(p).any():
        raise_nan(p, name="p")
    negative = p < 0
    if negative.any():
        index = np.argwhere(negative)[0]
        msg = f"p must not be negative, but p[{position(index)}] = {float(p[tuple(index)])!r}."
        raise ValueError(msg)
    with np.errstate(over="ignore", invalid="ignore"):
        totals = p.sum(axis=axis)
    # 1e-6 accepts probabilities typed or rounded by hand, such as 0.33, 0.33, 0.34.
    wrong = ~(np.abs(totals - 1.0) <= 1e-6)
    if wrong.any():
        index = np.argwhere(np.atleast_1d(wrong))[0]
        total = np.atleast_1d(totals)[tuple(index)]
        where = "" if totals.ndim == 0 else f" (the slice at index {position(index)})"
        msg = f"p must sum to 1, but it sums to {float(total)!r}{where}."
        raise ValueError(msg)
    return p, axis


def as_features(x: ArrayLike) -> FloatArray:
    features = as_float_array(x, name="x")
    if features.ndim != 2 or features.shape[0] == 0 or features.shape[1] == 0:
        msg = (
            "x must be a non-empty 2-d array of features, one row per sample and one column per "
            f"feature; got shape {features.shape}."
        )
        raise ValueError(msg)
    if not np.isfinite(features).all():
        index = np.argwhere(~np.isfinite(features))[0]
        msg = f"x must be finite, but x[{position(index)}] = {float(features[tuple(index)])!r}."
        raise ValueError(msg)
    return features


def as_count(value: int, *, name: str, smallest: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < smallest:
        msg = f"{name} must be a whole number ≥ {smallest}, got {value!r}."
        raise ValueError(msg)
    return int(value)


def as_nonnegative(value: float, *, name: str, positive: bool = False) -> float:
    if isinstance(value, bool | str | bytes) or not isinstance(value, numbers.Real):
        msg = f"{name} must be a real number, got {value!r}."
        raise ValueError(msg)
    number = float(value)
    if not (math.isfinite(number) and (number > 0 if positive else number >= 0)):
        bound = "> 0" if positive else "≥ 0"
        msg = f"{name} must be a finite number {bound}, got {value!r}."
        raise ValueError(msg)
    return number
