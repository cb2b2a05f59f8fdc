"""The Loss page's sweeps: the loss over many temperatures, and cross-entropy beside squared error
over a family of logits. Pure (no Streamlit, the page caches them); every value comes from the core.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lessons.common.scales import temperature_grid, temperature_range
from softmax_core import cross_entropy, cross_entropy_grad, smooth_max, softmax, softmax_jacobian

_T_POINTS = 241
# The family's target logit runs over logit(p_t) in ±9.2: p_t from 1e-4 to 1 − 1e-4.
_LOGIT_SPAN = 9.2
_FAMILY_POINTS = 161


def temperatures_around(temperature: float) -> np.ndarray:
    """The slider's span of T, widened to hold the current T (if finite and > 0) with a factor 2 to spare."""
    return temperature_grid(*temperature_range(temperature, margin=2.0), points=_T_POINTS)


def loss_over_temperature(logits: np.ndarray, target: int, temperatures: np.ndarray) -> np.ndarray:
    """The cross-entropy −log σ(z/T)_target at each temperature, in nats (core ``cross_entropy``)."""
    return np.array([cross_entropy(logits, target, temperature=t) for t in temperatures])


def strongest_other(logits: np.ndarray, target: int) -> int:
    """The class with the largest logit other than the target: the arg max when the target is not it."""
    others = np.array(logits, dtype=np.float64)
    others[target] = -math.inf
    return int(np.argmax(others))


@dataclass(frozen=True)
class LossFamily:
    """Cross-entropy and squared error along one family of logits: the other logits fixed, the
    target's swept so that p(target) runs from about 1e-4 to 1 − 1e-4.

    ``gradient_*`` are the magnitudes |∂L/∂z_target|; ``beta`` is the β they were computed at.
    """

    p_target: np.ndarray
    cross_entropy: np.ndarray
    squared_error: np.ndarray
    gradient_cross_entropy: np.ndarray
    gradient_squared_error: np.ndarray
    beta: float


def squared_error(probabilities: np.ndarray, target: int) -> np.ndarray:
    """Squared error of probabilities against the one-hot target, Σ_k (p_k − [k = target])², per row."""
    onehot = np.zeros(probabilities.shape[-1])
    onehot[target] = 1.0
    return np.sum((probabilities - onehot) ** 2, axis=-1)


def squared_error_gradient(logits: np.ndarray, target: int, beta: float) -> np.ndarray:
    """∂/∂z of the squared error: 2 J (p − onehot), with the softmax Jacobian J from the core."""
    p = softmax(logits, beta=beta)
    residual = p.copy()
    residual[target] -= 1.0
    return 2.0 * softmax_jacobian(logits, beta=beta) @ residual


def _family_logits(logits: np.ndarray, target: int, beta: float) -> np.ndarray | None:
    others = np.delete(logits, target)
    # Shifting every logit by the others' smooth max changes no probability (softmax ignores a
    # common shift) and puts p(target) = 1/2 at z_target = 0, so the sweep is z_target = logit(p)/β.
    centre = smooth_max(others, beta)
    with np.errstate(over="ignore", invalid="ignore"):
        shifted = others - centre
        sweep = np.linspace(-_LOGIT_SPAN, _LOGIT_SPAN, _FAMILY_POINTS) / beta
    if not (math.isfinite(centre) and np.isfinite(sweep).all()) or np.isnan(shifted).any():
        return None
    rows = np.repeat(shifted[np.newaxis, :], _FAMILY_POINTS, axis=0)
    return np.insert(rows, target, sweep, axis=1)


def loss_family(logits: np.ndarray, target: int, beta: float) -> LossFamily:
    """Both losses and their gradient magnitudes along the family, at β; at β = ±∞ or 0 (where the
    gradients are infinite or 0) or where the sweep leaves the float range, at β = 1 instead."""
    rows = None
    if math.isfinite(beta) and beta != 0:
        rows = _family_logits(logits, target, beta)
    if rows is None:
        beta = 1.0
        rows = _family_logits(logits, target, beta)
    targets = np.full(len(rows), target)
    p = softmax(rows, beta=beta)
    return LossFamily(
        p_target=p[:, target],
        cross_entropy=cross_entropy(rows, targets, beta=beta),
        squared_error=squared_error(p, target),
        gradient_cross_entropy=np.abs(cross_entropy_grad(rows, targets, beta=beta)[:, target]),
        gradient_squared_error=np.abs([squared_error_gradient(row, target, beta)[target] for row in rows]),
        beta=beta,
    )
