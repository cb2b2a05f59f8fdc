r"""Knowledge distillation: a student's loss against a teacher's soft targets at temperature T.

A small *student* learns from a large *teacher* by matching the teacher's probabilities at a
temperature T > 1, :math:`q = \sigma(t / T)`, which are soft enough to show how the teacher ranks the
wrong classes ("dark knowledge"), alongside the usual cross-entropy on the true labels [1]_:

.. math::

    \mathcal{L} = \alpha\, T^2\, \mathrm{KL}\!\left(\sigma(t/T) \,\|\, \sigma(s/T)\right)
        + (1 - \alpha)\, \mathrm{CE}\!\left(\sigma(s), y\right)

with s the student's logits, t the teacher's, y the labels, both terms averaged over the batch.
The soft term's gradient with respect to s is :math:`T(\sigma(s/T) - \sigma(t/T))`, which shrinks
like 1/T as T grows; the factor T² in the loss is what keeps it on the scale of the hard term's.

References
----------
.. [1] G. Hinton, O. Vinyals, J. Dean, "Distilling the Knowledge in a Neural Network", NIPS 2014
   Deep Learning Workshop, 2015, :arxiv:`1503.02531`.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_features, as_float_array, as_nonnegative, raise_nan
from ._stable import log_sum_shifted
from ._typing import FloatArray
from .classifier import SoftmaxRegression
from .losses import cross_entropy, cross_entropy_grad
from .optimize import Method, Parameters, Progress, minimize

__all__ = ["distillation_grad", "distillation_loss", "student_objective", "train_student"]

# Taylor coefficients 1/n!, n = 2 … 17, of h(c) = (e^c − 1 − c)/c² = Σ_{n≥2} c^(n−2)/n!: at |c| ≤ 1/2
# the first term left out, 2·(1/2)^16/18! relative to h(0) = 1/2, is below 1e-20.
_H_COEFFICIENTS = tuple(1.0 / math.factorial(n) for n in range(2, 18))
# Rows whose scaled differences |c| all stay below this use the series; above it e^c − 1 − c has no
# harmful cancellation (at c = ±1/2 it loses under 4 bits of the result's 53).
_SERIES_BELOW = 0.5
# Above this e^c would overflow; q·e^c is then taken as exp(c + log q).
_EXP_OVERFLOW = 700.0


def _series_h(c: FloatArray) -> FloatArray:
    """h(c) = (e^c − 1 − c)/c² by Horner's rule, accurate for |c| ≤ 1/2 (h(0) = 1/2 exactly)."""
    h = np.full_like(c, _H_COEFFICIENTS[-1])
    for coefficient in reversed(_H_COEFFICIENTS[:-1]):
        h *= c
        h += coefficient
    return h


def _soft_term(
    s: FloatArray, t: FloatArray, temperature: float, *, t2_weight: float = 1.0, kl_weight: float = 1.0
) -> tuple[FloatArray, FloatArray, FloatArray]:
    r"""Per row: w₂·T²·KL(q ‖ p), w₁·KL(q ‖ p) and T·(p − q), for q = σ(t/T), p = σ(s/T); s, t (n, K).

    The weights (α/n for the loss) go in before the last factor, so that a mean which is a float is
    not lost to one row's term overflowing on the way.

    With g = s − t centred under q (Σ q g = 0) and c = g/T, p = q e^c / Σ q e^c, so

    .. math:: \mathrm{KL}(q \| p) = \log\Big(1 + \sum_k q_k (e^{c_k} - 1 - c_k)\Big)

    is a log1p of a sum of non-negative terms: no cancellation, and KL ≥ 0 by construction, where the
    textbook Σ q (log q − log p) cancels to noise as T grows (its terms are O(1/T), their sum O(1/T²)).
    """
    with np.errstate(all="ignore"):
        s_shifted = s - s.max(axis=1, keepdims=True)
        t_shifted = t - t.max(axis=1, keepdims=True)
    if not (np.isfinite(s_shifted).all() and np.isfinite(t_shifted).all()):
        if 2.0 * (0.5 * temperature) != temperature:
            return _soft_term_tiny(s, t, temperature, t2_weight=t2_weight, kl_weight=kl_weight)
        # Logits spanning more than 1.8e308: the same softmaxes from half the logits at half the T.
        t2kl, kl, t_diff = _soft_term(
            0.5 * s, 0.5 * t, 0.5 * temperature, t2_weight=4.0 * t2_weight, kl_weight=kl_weight
        )
        return t2kl, kl, 2.0 * t_diff
    with np.errstate(all="ignore"):
        y_t, y_s = t_shifted / temperature, s_shifted / temperature
        lse_t, lse_s = log_sum_shifted(y_t, axis=1), log_sum_shifted(y_s, axis=1)
        log_q = y_t - lse_t
        q = np.exp(log_q)
        g = s_shifted - t_shifted
        for _ in range(2):  # a second pass removes what the first left by rounding
            g -= (q * g).sum(axis=1, keepdims=True)
        c = g / temperature
        series = np.abs(c) < _SERIES_BELOW
        small_rows = series.all(axis=1, keepdims=True)
        h = _series_h(np.where(series, c, 0.0))
        huge = c > _EXP_OVERFLOW
        expm1_c = np.expm1(np.where(huge, 0.0, c))
        q_e_c = np.exp(c + log_q)  # q·e^c, used only where e^c alone would overflow
        # q (e^c − 1) and q (e^c − 1 − c), each term as accurate as its own size.
        q_expm1 = np.where(huge, q_e_c - q, q * expm1_c)
        q_f = np.where(series, q * c * c * h, np.where(huge, q_e_c - q * (1.0 + c), q * (expm1_c - c)))
        total = q_f.sum(axis=1, keepdims=True)  # Σ q e^c − 1: KL = log1p(total)
        kl = np.log1p(total)
        weighted_kl = kl_weight * kl

        # Small c (T large against the logit gaps): T²·KL through g² h(c), which neither underflows
        # nor needs T² (T may be inf: the limit ½ Σ q g², Hinton et al.'s logit matching).
        scale = np.abs(g).max(axis=1, keepdims=True)
        scale[scale == 0] = 1.0
        u = g / scale
        t2_total = scale * (scale * (t2_weight * (q * u * u * h).sum(axis=1, keepdims=True)))
        log1p_ratio = np.where(total > 0, kl / total, 1.0)
        t2kl_small = t2_total * log1p_ratio
        t_total = (q * g * c * h).sum(axis=1, keepdims=True)  # T·total
        t_diff_small = q * (g * (1.0 + c * h) - t_total) / (1.0 + total)

        # Larger c: the same identities without the series; p − q = q (e^c − 1 − total) / (1 + total).
        t2kl_large = temperature * (temperature * (t2_weight * kl))
        t_diff_large = temperature * (q_expm1 / (1.0 + total) - q * (total / (1.0 + total)))

        # Σ q e^c beyond the float range (KL ≳ 700): every term is large, the direct form is exact enough.
        direct_rows = ~np.isfinite(total)
        if direct_rows.any():
            t_log_ratio = (t_shifted - temperature * lse_t) - (s_shifted - temperature * lse_s)
            t_kl = np.where(q > 0, q * t_log_ratio, 0.0).sum(axis=1, keepdims=True)
            p = np.exp(y_s - lse_s)
            t2kl_large = np.where(direct_rows, (t2_weight * temperature) * t_kl, t2kl_large)
            weighted_kl = np.where(direct_rows, (kl_weight / temperature) * t_kl, weighted_kl)
            t_diff_large = np.where(direct_rows, temperature * (p - q), t_diff_large)

        t2kl = np.where(small_rows, t2kl_small, t2kl_large)[:, 0]
        t_diff = np.where(small_rows, t_diff_small, t_diff_large)
        # The teacher's top class: there p and q are both near 1 (or g near 0 by the centring) and the
        # formula cancels; its entry is minus the sum of the others, each accurate (Σ (p − q) = 0).
        top = np.argmax(q, axis=1)[:, np.newaxis]
        np.put_along_axis(t_diff, top, 0.0, axis=1)
        np.put_along_axis(t_diff, top, -t_diff.sum(axis=1, keepdims=True), axis=1)
    return t2kl, weighted_kl[:, 0], t_diff


def _soft_term_tiny(
    s: FloatArray, t: FloatArray, temperature: float, *, t2_weight: float, kl_weight: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """`_soft_term` for logits spanning more than 1.8e308 at a subnormal T, which halving would round.

    A logit more than 1.8e308 below its row's largest has probability exactly 0 at such a T, so p and q
    come from the shifted logits even where those overflow to −inf; KL's logit differences, which may
    exceed the float range while T times them does not, are formed from half the logits.
    """
    with np.errstate(all="ignore"):
        s_half = 0.5 * s - 0.5 * s.max(axis=1, keepdims=True)
        t_half = 0.5 * t - 0.5 * t.max(axis=1, keepdims=True)
        y_s = (s - s.max(axis=1, keepdims=True)) / temperature
        y_t = (t - t.max(axis=1, keepdims=True)) / temperature
        lse_s, lse_t = log_sum_shifted(y_s, axis=1), log_sum_shifted(y_t, axis=1)
        p, q = np.exp(y_s - lse_s), np.exp(y_t - lse_t)
        # T·KL = Σ q (T log q − T log p) = Σ q (2 (t_half − s_half) − T (lse_t − lse_s)), halved.
        half_t_kl = np.where(q > 0, q * ((t_half - s_half) - (0.5 * temperature) * (lse_t - lse_s)), 0.0).sum(
            axis=1
        )
        t2kl = (2.0 * t2_weight * temperature) * half_t_kl
        kl = 2.0 * (kl_weight * half_t_kl / temperature)
    return t2kl, kl, temperature * (p - q)


def _number(value: float, *, name: str) -> float:
    """``value`` as a Python float, not NaN; text and other objects are refused."""
    if isinstance(value, str | bytes):
        msg = f"{name} must be a number, not text."
        raise TypeError(msg)
    try:
        number = float(value)
    except OverflowError:
        msg = f"{name} is too large for a float."
        raise ValueError(msg) from None
    except (TypeError, ValueError):
        msg = f"{name} must be a real number, got {value!r}."
        raise TypeError(msg) from None
    if math.isnan(number):
        msg = f"{name} is NaN (not a number); give a number."
        raise ValueError(msg)
    return number


def _logits(values: ArrayLike, *, name: str) -> FloatArray:
    """A batch of finite logits of shape (n, K), from a vector (one example) or a 2-d array."""
    z = as_float_array(values, name=name)
    if z.ndim not in (1, 2):
        msg = f"{name} must be one vector of K logits or a batch of shape (n, K), got shape {z.shape}."
        raise ValueError(msg)
    if z.size == 0:
        msg = f"{name} is empty (shape {z.shape}): at least one example with one logit is needed."
        raise ValueError(msg)
    if np.isnan(z).any():
        raise_nan(z, name=name)
    if np.isinf(z).any():
        where = tuple(int(i) for i in np.argwhere(np.isinf(z))[0])
        index = where[0] if len(where) == 1 else where
        msg = f"{name} must be finite, but {name}[{index}] = {float(z[where])!r}."
        raise ValueError(msg)
    return z.reshape(-1, z.shape[-1])


def _labels(values: ArrayLike, *, examples: int, classes: int, vector: bool) -> np.ndarray:
    """Integer class indices in [0, K), one per example; integral floats such as 3.0 are accepted."""
    labels = np.asarray(values)
    expected: tuple[int, ...] = () if vector else (examples,)
    if labels.shape != expected:
        what = (
            "one class index (a single example)"
            if vector
            else f"one class index per example, shape {expected}"
        )
        msg = f"labels must hold {what}, got shape {labels.shape}."
        raise ValueError(msg)
    if labels.dtype.kind == "f":
        integral = np.isfinite(labels) & (labels == np.round(labels))
        if not integral.all():
            bad = labels[~integral].flat[0]
            msg = f"labels must be whole class indices from 0 to {classes - 1}, got {float(bad)!r}."
            raise ValueError(msg)
    elif labels.dtype.kind not in "iu":
        msg = f"labels must be integer class indices from 0 to {classes - 1}, got {labels.dtype} values."
        raise ValueError(msg)
    outside = (labels < 0) | (labels >= classes)
    if outside.any():
        bad = labels[outside].flat[0].item()
        msg = f"label {bad!r} is not a class index: there are {classes} classes, numbered 0 to {classes - 1}."
        raise ValueError(msg)
    return labels.astype(np.int64).reshape(examples)


def _validated(
    student_logits: ArrayLike,
    teacher_logits: ArrayLike,
    labels: ArrayLike,
    temperature: float,
    alpha: float,
) -> tuple[FloatArray, FloatArray, np.ndarray, float, float]:
    """The checked inputs: student and teacher logits (n, K), labels (n,), T and α."""
    temperature = _number(temperature, name="temperature")
    if not temperature > 0:
        msg = f"temperature must be positive (T > 0; T = 1 is plain softmax), got {temperature!r}."
        raise ValueError(msg)
    alpha = _number(alpha, name="alpha")
    if not 0 <= alpha <= 1:
        msg = f"alpha, the weight of the soft targets, must be between 0 and 1, got {alpha!r}."
        raise ValueError(msg)
    vector = np.ndim(student_logits) == 1
    s = _logits(student_logits, name="student_logits")
    t = _logits(teacher_logits, name="teacher_logits")
    if s.shape != t.shape or np.ndim(teacher_logits) != np.ndim(student_logits):
        msg = (
            f"student_logits and teacher_logits must have the same shape, got {np.shape(student_logits)} "
            f"and {np.shape(teacher_logits)}."
        )
        raise ValueError(msg)
    y = _labels(labels, examples=s.shape[0], classes=s.shape[1], vector=vector)
    return s, t, y, temperature, alpha


def _weighted_cross_entropy(s: FloatArray, y: np.ndarray, weight: float) -> float:
    """weight · the mean cross-entropy, finite whenever the result is, even if one example's is not.

    An example's −log p_y exceeds 1.8e308 only when its logits span more than that: there it is weighted
    before it is formed, as w·max(s) − w·s_y + w·log Σ e^(s − max s).
    """
    n = s.shape[0]
    terms = weight * (np.asarray(cross_entropy(s, y), dtype=np.float64).reshape(n) / n)
    huge = np.isinf(terms)
    if huge.any():
        rows, w = s[huge], weight / n
        top = rows.max(axis=1, keepdims=True)
        with np.errstate(over="ignore"):  # a logit 1.8e308 below the top has e^(s − top) = 0 exactly
            spread = log_sum_shifted(rows - top, axis=1)[:, 0]
        mine = np.take_along_axis(rows, y[huge][:, np.newaxis], axis=1)[:, 0]
        with np.errstate(over="ignore"):  # beyond the float range only if the weighted loss is
            terms[huge] = (w * top[:, 0] - w * mine) + w * spread
    return _total(terms)


def _total(terms: FloatArray) -> float:
    """The exact sum of non-negative terms, inf when it exceeds the float range (fsum raises there)."""
    try:
        return math.fsum(terms)
    except OverflowError:
        return math.inf


def _loss_and_gradient(
    s: FloatArray,
    t: FloatArray,
    y: np.ndarray,
    temperature: float,
    alpha: float,
    t_squared: bool,
    *,
    gradient: bool,
) -> tuple[float, FloatArray]:
    """The mean loss and its gradient (zeros unless asked) of checked (n, K) inputs, from one soft term."""
    n = s.shape[0]
    weight = alpha / n
    loss, grad = 0.0, np.zeros_like(s)
    if alpha > 0:
        weighted_t2kl, weighted_kl, t_diff = _soft_term(s, t, temperature, t2_weight=weight, kl_weight=weight)
        loss += _total(weighted_t2kl if t_squared else weighted_kl)
        if gradient:
            with np.errstate(over="ignore"):  # (p − q)/T beyond the float range at a subnormal T
                grad += weight * (t_diff if t_squared else t_diff / temperature / temperature)
    if alpha < 1:
        loss += _weighted_cross_entropy(s, y, 1.0 - alpha)
        if gradient:
            grad += ((1.0 - alpha) / n) * cross_entropy_grad(s, y)
    return loss, grad


def distillation_loss(
    student_logits: ArrayLike,
    teacher_logits: ArrayLike,
    labels: ArrayLike,
    *,
    temperature: float,
    alpha: float,
    t_squared: bool = True,
) -> float:
    r"""The distillation loss of Hinton et al.: soft targets at temperature T plus the true labels.

    .. math::

        \mathcal{L} = \frac{1}{n} \sum_{i=1}^{n} \Big[
            \alpha\, T^2\, \mathrm{KL}\big(\sigma(t_i/T) \,\|\, \sigma(s_i/T)\big)
            + (1 - \alpha)\, \big(-\log \sigma(s_i)_{y_i}\big) \Big],
        \qquad
        \mathrm{KL}(q \| p) = \sum_k q_k \log \frac{q_k}{p_k}

    Parameters
    ----------
    student_logits : array_like
        The student's logits s, shape (n, K), or one vector of K for a single example.
    teacher_logits : array_like
        The teacher's logits t, the same shape.
    labels : array_like of int
        The true classes y, one per example (shape (n,), or a single int for one vector);
        whole-number floats such as 3.0 are accepted.
    temperature : float
        T > 0, the temperature of both soft distributions (the hard term is always at T = 1).
        ``inf`` is the exact limit T → ∞, where the soft term becomes logit matching (Notes).
    alpha : float
        α in [0, 1], the weight of the soft term: 0 is plain cross-entropy, 1 soft targets only.
    t_squared : bool, optional
        Multiply the soft term by T² (default, as in [1]_). False leaves it out, so that the page
        can show what the factor is for: without it the soft gradient fades like 1/T².

    Returns
    -------
    float
        The mean loss over the batch, ≥ 0 (0 when α = 1 and the student's logits equal the
        teacher's up to a constant per example).

    Raises
    ------
    ValueError
        If T ≤ 0 or NaN, α is outside [0, 1] or NaN, the logits are empty, not 1-d or 2-d, hold
        NaN or ±inf, or differ in shape, or a label is not a whole number in [0, K).
    TypeError
        If T or α is not a number.

    Notes
    -----
    Stable for any finite logits and T > 0. The KL divergence is computed as

    .. math::

        \mathrm{KL}(q \| p) = \log\Big(1 + \sum_k q_k \big(e^{c_k} - 1 - c_k\big)\Big),
        \qquad c = \frac{g}{T}, \quad g = (s - t) - \textstyle\sum_k q_k (s_k - t_k),

    a log1p of non-negative terms (e^c − 1 − c ≥ 0), so it is never negative and keeps every digit
    as T grows; the textbook Σ q (log q − log p) sums terms of size 1/T to a result of size 1/T² and
    loses the difference to rounding. Near c = 0 the bracket is c² h(c) with h a Taylor series, and
    T² KL is formed from g² h(c), so neither T² nor c² is ever computed: as T → ∞ the soft term
    tends to :math:`\tfrac{1}{2K} \sum_k g_k^2`, the squared logit difference of Hinton et al.'s
    Section 2.1, which ``temperature=inf`` returns exactly. Where Σ q e^c would overflow (KL above
    about 700) the direct form is used; there every term is large. The cross-entropy term goes
    through `log_softmax`, finite where the probability underflows. Each example's terms are weighted by
    α/n or (1 − α)/n before they are summed, so the mean is inf only when its exact value exceeds the
    float range (at T = 1e300 an O(1) KL times T² is), never because one example's term does.

    References
    ----------
    .. [1] G. Hinton, O. Vinyals, J. Dean, "Distilling the Knowledge in a Neural Network", NIPS 2014
       Deep Learning Workshop, 2015, :arxiv:`1503.02531`, Sections 2 and 2.1.
    .. [2] S. Kullback, R. A. Leibler, "On Information and Sufficiency", Ann. Math. Statist. 22(1),
       1951.

    Examples
    --------
    >>> student = [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]]
    >>> teacher = [[4.0, 1.5, -2.0], [0.0, 5.0, 1.0]]
    >>> print(round(distillation_loss(student, teacher, [0, 1], temperature=4.0, alpha=0.7), 6))
    0.706029
    >>> print(distillation_loss(student, student, [0, 1], temperature=20.0, alpha=1.0))  # KL(q ‖ q)
    0.0
    >>> distillation_loss([1e300, 0.0], [0.0, 1e300], 0, temperature=1.0, alpha=1.0)  # KL ≈ 1e300
    1e+300
    """
    s, t, y, temperature, alpha = _validated(student_logits, teacher_logits, labels, temperature, alpha)
    loss, _ = _loss_and_gradient(s, t, y, temperature, alpha, t_squared, gradient=False)
    return loss


def distillation_grad(
    student_logits: ArrayLike,
    teacher_logits: ArrayLike,
    labels: ArrayLike,
    *,
    temperature: float,
    alpha: float,
    t_squared: bool = True,
) -> FloatArray:
    r"""The gradient of `distillation_loss` with respect to the student's logits.

    .. math::

        \frac{\partial \mathcal{L}}{\partial s_i} =
            \frac{\alpha\, T}{n} \big(\sigma(s_i/T) - \sigma(t_i/T)\big)
            + \frac{1 - \alpha}{n} \big(\sigma(s_i) - e_{y_i}\big)

    (without `t_squared` the soft term is :math:`\frac{\alpha}{nT}(\sigma(s_i/T) - \sigma(t_i/T))`).

    Parameters
    ----------
    student_logits, teacher_logits, labels, temperature, alpha, t_squared
        As `distillation_loss`.

    Returns
    -------
    numpy.ndarray
        float64, the shape of `student_logits`; each example's gradient sums to 0 (adding a
        constant to a student's logits changes neither softmax).

    Raises
    ------
    ValueError, TypeError
        As `distillation_loss`.

    Notes
    -----
    The soft part :math:`T(p - q)` is computed as :math:`q \odot (g\,(1 + c\,h(c)) - T\,\delta) /
    (1 + \delta)` with δ = Σ q (e^c − 1 − c), the notation of `distillation_loss`: for large T it
    tends to q ⊙ g (to g/K at T = ∞) without the cancellation of two nearly equal softmaxes.
    For T ≫ the logit gaps, :math:`T(p - q) \approx g/K` does not depend on T, while the
    gradient without T² is that divided by T²: the reason for the factor [1]_.

    References
    ----------
    .. [1] G. Hinton, O. Vinyals, J. Dean, "Distilling the Knowledge in a Neural Network", 2015,
       :arxiv:`1503.02531`, Section 2.1.

    Examples
    --------
    >>> distillation_grad([0.0, 0.0], [0.0, 0.0], 0, temperature=1.0, alpha=0.0)  # p − e_y
    array([-0.5,  0.5])
    >>> distillation_grad([1.0, 0.0], [0.0, 0.0], 0, temperature=float("inf"), alpha=1.0)  # g / K
    array([ 0.25, -0.25])
    >>> distillation_grad([[1.0, 0.0]], [[0.0, 0.0]], [0], temperature=20.0, alpha=1.0)
    array([[ 0.24994793, -0.24994793]])
    """
    s, t, y, temperature, alpha = _validated(student_logits, teacher_logits, labels, temperature, alpha)
    _, grad = _loss_and_gradient(s, t, y, temperature, alpha, t_squared, gradient=True)
    return grad.reshape(np.shape(student_logits))


def _student_logits(weights: FloatArray, bias: FloatArray, x: FloatArray) -> FloatArray:
    """s = xW + b, or the trainers' error when the weights have diverged."""
    with np.errstate(over="ignore", invalid="ignore"):
        logits: FloatArray = x @ weights + bias
    if not np.isfinite(logits).all():
        msg = (
            "The student's logits overflowed during training: the weights diverged. Lower the learning "
            "rate (gradient descent is stable below 2 / L, L the largest curvature of the loss)."
        )
        raise ValueError(msg)
    return logits


def _student_inputs(
    x: ArrayLike, teacher_logits: ArrayLike, labels: ArrayLike, temperature: float, alpha: float
) -> tuple[FloatArray, FloatArray, np.ndarray, float, float]:
    """Checked features (n, D), teacher logits (n, K), labels, T and α for a student."""
    features = as_features(x)
    teacher = _logits(teacher_logits, name="teacher_logits")
    if np.ndim(teacher_logits) != 2 or teacher.shape[0] != features.shape[0]:
        msg = (
            f"teacher_logits must hold one row of K logits per row of x, shape ({features.shape[0]}, K); "
            f"got shape {np.shape(teacher_logits)}."
        )
        raise ValueError(msg)
    checked = _validated(teacher, teacher, labels, temperature, alpha)
    return features, teacher, checked[2], checked[3], checked[4]


def _student_parameters(parameters: Parameters, dimension: int, classes: int) -> Parameters:
    """(W, b) checked against the shapes (D, K) and (K,)."""
    if len(parameters) != 2:
        msg = f"parameters must be (W, b), got {len(parameters)} arrays."
        raise ValueError(msg)
    checked = []
    for array, shape, name in zip(parameters, [(dimension, classes), (classes,)], ["W", "b"], strict=True):
        values = as_float_array(array, name=name)
        if values.shape != shape or not np.isfinite(values).all():
            msg = f"{name} must be a finite array of shape {shape}, got shape {values.shape}."
            raise ValueError(msg)
        checked.append(values)
    return tuple(checked)


def _student_objective(
    weights: FloatArray,
    bias: FloatArray,
    x: FloatArray,
    teacher: FloatArray,
    labels: np.ndarray,
    settings: tuple[float, float, bool, float],
) -> tuple[float, Parameters]:
    temperature, alpha, t_squared, weight_decay = settings
    logits = _student_logits(weights, bias, x)
    loss, grad_logits = _loss_and_gradient(
        logits, teacher, labels, temperature, alpha, t_squared, gradient=True
    )
    penalty = 0.5 * weight_decay * float(np.vdot(weights, weights))
    return loss + penalty, (x.T @ grad_logits + weight_decay * weights, grad_logits.sum(axis=0))


def student_objective(
    parameters: Parameters,
    x: ArrayLike,
    teacher_logits: ArrayLike,
    labels: ArrayLike,
    *,
    temperature: float,
    alpha: float,
    t_squared: bool = True,
    weight_decay: float = 0.0,
) -> tuple[float, Parameters]:
    r"""A softmax-regression student's distillation loss and its gradient with respect to (W, b).

    .. math::

        s_i = x_i^\top W + b, \qquad
        J(W, b) = \mathcal{L}(s, t, y) + \frac{\lambda}{2} \lVert W \rVert_F^2, \qquad
        \nabla_W J = X^\top G + \lambda W, \qquad \nabla_b J = \mathbf{1}^\top G

    with :math:`\mathcal{L}` the `distillation_loss` and :math:`G = \partial \mathcal{L} / \partial s`
    its gradient (`distillation_grad`), one row per example.

    Parameters
    ----------
    parameters : tuple of numpy.ndarray
        (W, b), shapes (D, K) and (K,).
    x : array_like
        Features of the transfer set, shape (n, D), finite.
    teacher_logits : array_like
        The teacher's logits on the same examples, shape (n, K).
    labels : array_like of int
        The true classes, shape (n,), from 0 to K − 1. A class may be missing: K comes from the teacher.
    temperature, alpha, t_squared
        As `distillation_loss`.
    weight_decay : float, optional
        λ ≥ 0, the L2 penalty on W (default 0); the bias is not penalised.

    Returns
    -------
    loss : float
        J(W, b).
    gradient : tuple of numpy.ndarray
        (∇_W J, ∇_b J), the shapes of (W, b).

    Raises
    ------
    ValueError
        As `distillation_loss`, and if the shapes disagree or an input is not finite.

    Notes
    -----
    At α = 0 this is softmax regression's own objective
    (`softmax_core.classifier.softmax_regression_objective`): the chain rule through s = xW + b is the
    same, only G changes.

    Examples
    --------
    At W = 0 the student is uniform; the soft term pulls class k's weights towards the features of the
    examples the teacher gives k:

    >>> x, teacher = [[1.0], [-1.0]], [[2.0, 0.0], [0.0, 2.0]]
    >>> loss, (grad_w, grad_b) = student_objective(
    ...     (np.zeros((1, 2)), np.zeros(2)), x, teacher, [0, 1], temperature=1.0, alpha=1.0)
    >>> grad_w.round(4), grad_b
    (array([[-0.3808,  0.3808]]), array([0., 0.]))
    """
    features, teacher, labels_, temperature, alpha = _student_inputs(
        x, teacher_logits, labels, temperature, alpha
    )
    weight_decay = as_nonnegative(weight_decay, name="weight_decay")
    weights, bias = _student_parameters(parameters, features.shape[1], teacher.shape[1])
    settings = (temperature, alpha, bool(t_squared), weight_decay)
    return _student_objective(weights, bias, features, teacher, labels_, settings)


def train_student(
    x: ArrayLike,
    teacher_logits: ArrayLike,
    labels: ArrayLike,
    *,
    temperature: float,
    alpha: float,
    t_squared: bool = True,
    weight_decay: float = 0.0,
    method: Method = "lbfgs",
    steps: int = 1000,
    learning_rate: float = 0.5,
    tolerance: float = 1e-6,
    initial: Parameters | None = None,
    progress: Progress | None = None,
) -> SoftmaxRegression:
    r"""Distil a teacher into a softmax-regression student: minimise the distillation loss over (W, b).

    .. math::

        (W, b) = \arg\min_{W, b}\ \mathcal{L}\big(XW + b,\ t,\ y\big) + \frac{\lambda}{2} \lVert W \rVert_F^2

    with :math:`\mathcal{L}` the `distillation_loss` at temperature T and weight α, see
    `student_objective`. α = 0 trains on the hard labels alone, α = 1 on the teacher's soft targets alone.

    Parameters
    ----------
    x : array_like
        Features of the transfer set, shape (n, D), finite; standardise them first.
    teacher_logits : array_like
        The teacher's logits on the transfer set, shape (n, K).
    labels : array_like of int
        The true classes, shape (n,).
    temperature, alpha, t_squared
        As `distillation_loss`.
    weight_decay : float, optional
        λ ≥ 0 (default 0).
    method, steps, learning_rate, tolerance, initial, progress
        As `softmax_core.classifier.train_softmax_regression`: the same optimisers (L-BFGS by default,
        or full-batch gradient descent), the same stopping rule and progress callback.

    Returns
    -------
    softmax_core.classifier.SoftmaxRegression
        The student's weights, bias and objective history.

    Raises
    ------
    ValueError
        For invalid inputs, or if gradient descent diverges.

    Notes
    -----
    The student learns from every class the teacher scores, even one absent from the transfer set's
    labels: its weights move by the soft targets' share of that class ("dark knowledge", [1]_, §3).
    With α = 1 the factor T² only rescales the objective, which L-BFGS hardly notices; mixed with the
    hard labels (0 < α < 1) it sets the two terms' balance, and gradient descent feels its scale.

    References
    ----------
    .. [1] G. Hinton, O. Vinyals, J. Dean, "Distilling the Knowledge in a Neural Network", 2015,
       :arxiv:`1503.02531`.

    Examples
    --------
    No example is labelled 1, but the teacher ranks class 1 second everywhere: a student trained on
    the soft targets alone learns that class 1 lies between 0 and 2; on the hard labels it cannot.

    >>> x = [[-2.0], [-1.0], [1.0], [2.0]]
    >>> teacher = [[3.0, 1.0, -3.0], [2.0, 1.0, -3.0], [-3.0, 1.0, 2.0], [-3.0, 1.0, 3.0]]
    >>> student = train_student(x, teacher, [0, 0, 2, 2], temperature=2.0, alpha=1.0)
    >>> student.predict(x)
    array([0, 0, 2, 2])
    >>> student.probabilities([[0.0]]).round(2)
    array([[0.19, 0.62, 0.19]])
    >>> train_student(x, teacher, [0, 0, 2, 2], temperature=2.0, alpha=0.0).probabilities([[0.0]]).round(2)
    array([[0.5, 0. , 0.5]])
    """
    features, teacher, labels_, temperature, alpha = _student_inputs(
        x, teacher_logits, labels, temperature, alpha
    )
    weight_decay = as_nonnegative(weight_decay, name="weight_decay")
    dimension, classes = features.shape[1], teacher.shape[1]
    if initial is None:
        start: Parameters = (np.zeros((dimension, classes)), np.zeros(classes))
    else:
        start = _student_parameters(initial, dimension, classes)
    settings = (temperature, alpha, bool(t_squared), weight_decay)

    def objective(parameters: Parameters) -> tuple[float, Parameters]:
        return _student_objective(parameters[0], parameters[1], features, teacher, labels_, settings)

    (weights, bias), losses = minimize(
        objective, start, method=method, steps=steps, learning_rate=learning_rate,
        tolerance=tolerance, progress=progress,
    )  # fmt: skip
    return SoftmaxRegression(weights=weights, bias=bias, losses=losses)
