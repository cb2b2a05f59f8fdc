"""The optimisers the core's trainers share: full-batch gradient descent and L-BFGS, on a tuple of arrays.

Deterministic and NumPy only. Softmax regression, the one-hidden-layer network (`softmax_core.classifier`)
and the distilled student (`softmax_core.distillation`) give an objective returning the loss and its
gradient; `minimize` flattens the parameters, runs the method and reshapes the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np

from ._checks import as_count, as_nonnegative
from ._typing import FloatArray

__all__ = ["Method", "Parameters", "Progress", "minimize"]

Method = Literal["gradient_descent", "lbfgs"]
Progress = Callable[[int, int], object]
Parameters = tuple[FloatArray, ...]

# L-BFGS: the number of curvature pairs kept, and the sufficient-decrease constant of the line search.
_MEMORY = 10
_ARMIJO = 1e-4
# L-BFGS also stops when a step lowers the loss by less than this times max(1, loss). Without it, a
# network driving its loss towards 0 spends its steps on changes of 1e-15 and less.
_LOSS_RTOL = 1e-12


def _as_method(method: str) -> str:
    if method not in ("gradient_descent", "lbfgs"):
        msg = f"method must be 'gradient_descent' or 'lbfgs', got {method!r}."
        raise ValueError(msg)
    return method


def minimize(
    objective: Callable[[Parameters], tuple[float, Parameters]],
    start: Parameters,
    *,
    method: Method = "lbfgs",
    steps: int,
    learning_rate: float = 1.0,
    tolerance: float = 0.0,
    progress: Progress | None = None,
) -> tuple[Parameters, FloatArray]:
    """Minimise ``objective`` over a tuple of arrays, from ``start``, by gradient descent or L-BFGS.

    Parameters
    ----------
    objective : callable
        ``objective(parameters) -> (loss, gradients)``, the gradients shaped as the parameters.
    start : tuple of ndarray
        The parameters to start from (not modified).
    method : {"lbfgs", "gradient_descent"}
        Full-batch gradient descent, θ ← θ − η ∇L(θ), or limited-memory BFGS with a backtracking
        (Armijo) line search.
    steps : int
        At most this many steps.
    learning_rate : float
        η, for gradient descent (> 0; unused by L-BFGS).
    tolerance : float
        Stop once every component of the gradient is at most this (≥ 0).
    progress : callable, optional
        Called as ``progress(done, steps)`` after every step.

    Returns
    -------
    parameters : tuple of ndarray
        The parameters reached, shaped as ``start``.
    losses : ndarray
        The loss at the start and after every step taken.

    Examples
    --------
    >>> import numpy as np
    >>> (x,), losses = minimize(lambda p: (float(p[0] @ p[0]), (2 * p[0],)), (np.ones(2),), steps=20)
    >>> bool(np.abs(x).max() < 1e-6 and losses[0] == 2.0)
    True
    """
    run = _gradient_descent if _as_method(method) == "gradient_descent" else _lbfgs
    steps = as_count(steps, name="steps", smallest=0)
    learning_rate = as_nonnegative(learning_rate, name="learning_rate", positive=True)
    tolerance = as_nonnegative(tolerance, name="tolerance")
    shapes = [p.shape for p in start]
    cuts = np.cumsum([p.size for p in start])[:-1]

    def unflatten(theta: FloatArray) -> Parameters:
        return tuple(part.reshape(shape) for part, shape in zip(np.split(theta, cuts), shapes, strict=True))

    def flat_objective(theta: FloatArray) -> tuple[float, FloatArray]:
        loss, gradient = objective(unflatten(theta))
        return loss, np.concatenate([g.ravel() for g in gradient])

    theta = np.concatenate([p.ravel() for p in start])
    theta, losses = run(flat_objective, theta, steps, learning_rate, tolerance, progress)
    return unflatten(theta), np.array(losses)


def _gradient_descent(
    objective: Callable[[FloatArray], tuple[float, FloatArray]],
    theta: FloatArray,
    steps: int,
    learning_rate: float,
    tolerance: float,
    progress: Progress | None,
) -> tuple[FloatArray, list[float]]:
    """θ ← θ − η ∇L(θ), `steps` times or until the gradient is below `tolerance`."""
    loss, gradient = objective(theta)
    losses = [loss]
    for step in range(1, steps + 1):
        if np.abs(gradient).max() <= tolerance:
            break
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported by the objective
            theta = theta - learning_rate * gradient
        loss, gradient = objective(theta)
        losses.append(loss)
        if progress is not None:
            progress(step, steps)
    return theta, losses


def _lbfgs(
    objective: Callable[[FloatArray], tuple[float, FloatArray]],
    theta: FloatArray,
    steps: int,
    learning_rate: float,
    tolerance: float,
    progress: Progress | None,
) -> tuple[FloatArray, list[float]]:
    """Limited-memory BFGS with a backtracking (Armijo) line search; `learning_rate` is unused.

    The direction is −H∇L, with H the inverse-Hessian estimate of the last few steps (two-loop
    recursion, Nocedal & Wright Algorithm 7.4). A pair whose curvature sᵀy is not positive, which
    a non-convex loss can produce, is skipped so that H stays positive definite.
    """
    del learning_rate
    loss, gradient = objective(theta)
    losses = [loss]
    pairs: list[tuple[FloatArray, FloatArray, float]] = []
    for step in range(1, steps + 1):
        if np.abs(gradient).max() <= tolerance:
            break
        direction = -gradient
        alphas = []
        for s, y, rho in reversed(pairs):
            alpha = rho * float(s @ direction)
            direction -= alpha * y
            alphas.append(alpha)
        if pairs:
            s, y, _ = pairs[-1]
            direction *= float(s @ y) / float(y @ y)
        else:
            # First step: a length of 1 in the parameters, so the line search starts at a sane scale.
            direction /= max(1.0, float(np.linalg.norm(direction)))
        for (s, y, rho), alpha in zip(pairs, reversed(alphas), strict=True):
            beta = rho * float(y @ direction)
            direction += (alpha - beta) * s
        slope = float(gradient @ direction)
        if slope >= 0:  # numerically not a descent direction: restart from the gradient
            pairs.clear()
            direction, slope = -gradient, -float(gradient @ gradient)
        size = 1.0
        for _ in range(40):
            candidate = theta + size * direction
            new_loss, new_gradient = objective(candidate)
            if new_loss <= loss + _ARMIJO * size * slope:
                break
            size *= 0.5
        else:
            break  # no decrease left at the precision of floats: converged as far as possible
        s, y = candidate - theta, new_gradient - gradient
        curvature = float(s @ y)
        if curvature > 1e-12 * float(y @ y):
            pairs.append((s, y, 1.0 / curvature))
            del pairs[:-_MEMORY]
        decrease = loss - new_loss
        theta, loss, gradient = candidate, new_loss, new_gradient
        losses.append(loss)
        if progress is not None:
            progress(step, steps)
        if decrease <= _LOSS_RTOL * max(1.0, abs(loss)):
            break  # as SciPy's L-BFGS-B stops (its ftol): the loss has nothing left to give
    return theta, losses
