r"""Calibration: does a classifier's confidence match how often it is right? And temperature scaling.

A classifier is *calibrated* when, among the predictions it makes with confidence c, a fraction c
is correct. The measures here take the predicted probabilities p (one row per sample, one column
per class) and the true labels:

- `reliability_bins` and `expected_calibration_error`: bin the predictions by confidence
  :math:`\max_k p_k` and compare each bin's accuracy with its mean confidence;
- `negative_log_likelihood` and `brier_score`: the two proper scoring rules, on logits and on
  probabilities;
- `fit_temperature`: the one number T that makes softmax(z / T) calibrated on a validation set
  (temperature scaling, Guo et al. 2017). Dividing the logits by T leaves every arg max, and so
  the accuracy, unchanged: only the confidence moves.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_float_array, as_probabilities, position, raise_nan
from ._typing import FloatArray
from .functions import log_softmax, softmax

__all__ = [
    "ReliabilityBins",
    "brier_score",
    "expected_calibration_error",
    "fit_temperature",
    "negative_log_likelihood",
    "reliability_bins",
]

Strategy = Literal["uniform", "quantile"]
IndexArray: TypeAlias = NDArray[np.intp]
_STRATEGIES = ("uniform", "quantile")
# fit_temperature stops when a Newton step or the bracket is this small relative to β.
_RTOL = 4 * float(np.finfo(np.float64).eps)


# --- input checks -----------------------------------------------------------------------------------


def _as_table(values: ArrayLike, *, name: str, what: str) -> FloatArray:
    """``values`` as a float64 (samples × classes) array, or a clear error."""
    table = as_float_array(values, name=name)
    if table.ndim != 2:
        msg = (
            f"{name} must be a 2-d array of {what}, one row per sample and one column per class; "
            f"got an array of shape {table.shape}."
        )
        raise ValueError(msg)
    if table.shape[0] == 0 or table.shape[1] == 0:
        msg = f"{name} is empty (shape {table.shape}): at least one sample and one class are needed."
        raise ValueError(msg)
    return table


def _as_probability_table(p: ArrayLike) -> FloatArray:
    table = _as_table(p, name="p", what="probabilities")
    return as_probabilities(table, axis=1)[0]


def _as_labels(labels: ArrayLike, *, samples: int, classes: int) -> IndexArray:
    """``labels`` as integer class indices in [0, classes), one per sample, or a clear error."""
    indices = np.asarray(labels)
    if indices.dtype.kind not in "iu":
        msg = (
            f"labels must be integer class indices from 0 to {classes - 1}, "
            f"got an array of dtype {indices.dtype}."
        )
        raise ValueError(msg)
    if indices.shape != (samples,):
        msg = f"labels must hold one class index per sample, shape ({samples},), got shape {indices.shape}."
        raise ValueError(msg)
    outside = (indices < 0) | (indices >= classes)
    if outside.any():
        where = int(np.argmax(outside))
        msg = (
            f"labels[{where}] = {int(indices[where])} is not a class index: there are {classes} classes, "
            f"numbered 0 to {classes - 1}."
        )
        raise ValueError(msg)
    return indices.astype(np.intp, copy=False)


def _as_bin_count(bins: int) -> int:
    if isinstance(bins, bool) or not isinstance(bins, numbers.Integral) or bins < 1:
        msg = f"bins must be a whole number ≥ 1, got {bins!r}."
        raise ValueError(msg)
    return int(bins)


def _as_strategy(strategy: str) -> str:
    if strategy not in _STRATEGIES:
        msg = (
            f"strategy must be 'uniform' (equal-width bins) or 'quantile' (equal-mass bins), "
            f"got {strategy!r}."
        )
        raise ValueError(msg)
    return strategy


# --- binning by confidence --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ReliabilityBins:
    r"""Predictions grouped by confidence: what a reliability diagram draws (see `reliability_bins`).

    .. math:: B_b = \{\, i : e_b < c_i \le e_{b+1} \,\}, \qquad b = 0, \dots, \text{bins} - 1

    Bin b holds the predictions whose confidence c lies in :math:`(e_b, e_{b+1}]` (the first bin
    also holds :math:`c = e_0`). The arrays are read-only.

    Attributes
    ----------
    edges : numpy.ndarray
        float64, shape (bins + 1,), non-decreasing: the bin edges.
    counts : numpy.ndarray
        int64, shape (bins,): how many predictions fall in each bin.
    confidence : numpy.ndarray
        float64, shape (bins,): the mean confidence of each bin; NaN for an empty bin.
    accuracy : numpy.ndarray
        float64, shape (bins,): the fraction of each bin's predictions that are correct; NaN for an
        empty bin.

    Examples
    --------
    >>> bins = reliability_bins([[0.75, 0.25], [0.25, 0.75]], [0, 0], bins=4)
    >>> bins.counts, bins.gaps
    (array([0, 0, 2, 0]), array([  nan,   nan, -0.25,   nan]))
    """

    edges: FloatArray
    counts: IndexArray
    confidence: FloatArray
    accuracy: FloatArray

    @property
    def count(self) -> IndexArray:
        """The counts per bin (the same array as `counts`)."""
        return self.counts

    @property
    def mean_confidence(self) -> FloatArray:
        """The mean confidence per bin (the same array as `confidence`)."""
        return self.confidence

    @property
    def gaps(self) -> FloatArray:
        """Accuracy minus confidence per bin: negative where the model is overconfident; NaN if empty."""
        return self.accuracy - self.confidence


def _binned(
    p: ArrayLike, labels: ArrayLike, bins: int, strategy: str
) -> tuple[FloatArray, IndexArray, FloatArray, FloatArray]:
    """Validate, then bin by confidence: (edges, counts, summed confidence, number correct) per bin."""
    bins = _as_bin_count(bins)
    strategy = _as_strategy(strategy)
    p = _as_probability_table(p)
    samples, classes = p.shape
    labels = _as_labels(labels, samples=samples, classes=classes)
    confidence = p.max(axis=1)
    # arg max takes the first of tied classes, as NumPy, scikit-learn and PyTorch do.
    correct = p.argmax(axis=1) == labels
    if strategy == "uniform":
        # b / bins correctly rounded: linspace's b · (1/bins) is 1 ulp below 5/6 for bins = 6, which would
        # put a confidence of exactly 5/6 in the bin above its edge.
        edges = np.arange(bins + 1) / bins
    else:
        edges = np.quantile(confidence, np.linspace(0.0, 1.0, bins + 1))
        # Interpolated quantiles are monotone in exact arithmetic; make sure rounding keeps them so.
        edges = np.maximum.accumulate(edges)
    # side="left" puts a confidence equal to an inner edge in the bin below: bins are (lower, upper].
    index = np.searchsorted(edges[1:-1], confidence, side="left")
    counts = np.bincount(index, minlength=bins)
    summed_confidence = np.bincount(index, weights=confidence, minlength=bins).astype(np.float64)
    hits = np.bincount(index, weights=correct, minlength=bins).astype(np.float64)
    return edges, counts, summed_confidence, hits


def reliability_bins(
    p: ArrayLike, labels: ArrayLike, *, bins: int = 15, strategy: Strategy = "uniform"
) -> ReliabilityBins:
    r"""Group predictions into bins by confidence; per bin its edges, count, mean confidence and accuracy.

    .. math::

        B_b = \{\, i : e_b < c_i \le e_{b+1} \,\}, \qquad
        \operatorname{conf}(B_b) = \frac{1}{|B_b|} \sum_{i \in B_b} c_i, \qquad
        \operatorname{acc}(B_b) = \frac{1}{|B_b|} \sum_{i \in B_b} [\hat y_i = y_i]

    with confidence :math:`c_i = \max_k p_{ik}` and prediction :math:`\hat y_i = \arg\max_k p_{ik}`.

    Parameters
    ----------
    p : array_like
        Predicted probabilities, shape (n, K): one row per sample, each summing to 1 (within 1e-6).
    labels : array_like of int
        The true class of each sample, shape (n,), from 0 to K − 1.
    bins : int, optional
        The number of bins (default 15, as in Guo et al.).
    strategy : {'uniform', 'quantile'}, optional
        ``'uniform'``: equal-width bins, edges b/bins on [0, 1]. ``'quantile'``: equal-mass bins,
        edges at the quantiles of the confidences, so each bin holds about n/bins predictions.

    Returns
    -------
    ReliabilityBins
        Edges, counts, mean confidence and accuracy per bin (NaN for empty bins).

    Raises
    ------
    ValueError
        If `p` is not a 2-d table of probabilities, `labels` are not one class index per row, `bins`
        is not a whole number ≥ 1 or `strategy` is unknown.

    Notes
    -----
    A confidence equal to an inner edge belongs to the bin below it, as in scikit-learn's
    ``calibration_curve``; equal-width edges are b/bins correctly rounded, so a confidence of exactly
    5/6 lies in the fifth of 6 bins (``np.linspace`` would put that edge 1 ulp lower). Equal-mass
    edges that coincide (many equal confidences) leave some bins empty rather than splitting equal
    confidences between bins. Ties in the arg max go to the first class.

    References
    ----------
    .. [1] M. H. DeGroot, S. E. Fienberg, "The comparison and evaluation of forecasters", Journal of
       the Royal Statistical Society D 32(1/2), 1983.
    .. [2] C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, "On Calibration of Modern Neural Networks",
       ICML 2017, §2 (reliability diagrams), https://arxiv.org/abs/1706.04599
    .. [3] J. Nixon, M. Dusenberry, L. Zhang, G. Jerfel, D. Tran, "Measuring Calibration in Deep
       Learning", CVPR Workshops 2019 (equal-mass bins), https://arxiv.org/abs/1904.01685

    Examples
    --------
    >>> p = [[0.9, 0.1], [0.8, 0.2], [0.4, 0.6], [0.7, 0.3]]
    >>> result = reliability_bins(p, [0, 1, 1, 0], bins=2)
    >>> result.edges, result.counts
    (array([0. , 0.5, 1. ]), array([0, 4]))
    >>> result.confidence, result.accuracy
    (array([ nan, 0.75]), array([ nan, 0.75]))
    """
    edges, counts, summed_confidence, hits = _binned(p, labels, bins, strategy)
    filled = counts > 0
    confidence = np.divide(summed_confidence, counts, out=np.full(counts.shape, np.nan), where=filled)
    accuracy = np.divide(hits, counts, out=np.full(counts.shape, np.nan), where=filled)
    for array in (edges, counts, confidence, accuracy):
        array.setflags(write=False)
    return ReliabilityBins(edges=edges, counts=counts, confidence=confidence, accuracy=accuracy)


def expected_calibration_error(
    p: ArrayLike, labels: ArrayLike, *, bins: int = 15, strategy: Strategy = "uniform"
) -> float:
    r"""Expected calibration error: the gap between accuracy and confidence, averaged over bins.

    .. math::

        \operatorname{ECE} = \sum_{b \,:\, |B_b| > 0} \frac{|B_b|}{n}
            \bigl| \operatorname{acc}(B_b) - \operatorname{conf}(B_b) \bigr|
        = \frac{1}{n} \sum_b \Bigl| \sum_{i \in B_b} \bigl([\hat y_i = y_i] - c_i\bigr) \Bigr|

    with the bins :math:`B_b` of `reliability_bins`.

    Parameters
    ----------
    p : array_like
        Predicted probabilities, shape (n, K), each row summing to 1 (within 1e-6).
    labels : array_like of int
        The true class of each sample, shape (n,).
    bins : int, optional
        The number of bins (default 15).
    strategy : {'uniform', 'quantile'}, optional
        Equal-width (default) or equal-mass bins, see `reliability_bins`.

    Returns
    -------
    float
        The ECE, between 0 (calibrated in every bin) and 1.

    Raises
    ------
    ValueError
        As `reliability_bins`.

    Notes
    -----
    Computed from each bin's sums, the right-hand form above, so empty bins need no special case.
    The ECE depends on the binning: with one sample per bin it is the mean of :math:`|[\hat y_i =
    y_i] - c_i|`, which no calibrated model makes small, and a temperature tuned to minimise it on
    one split fits that split's bins. The negative log likelihood has no bins.

    References
    ----------
    .. [1] M. P. Naeini, G. F. Cooper, M. Hauskrecht, "Obtaining Well Calibrated Probabilities
       Using Bayesian Binning", AAAI 2015, https://ojs.aaai.org/index.php/AAAI/article/view/9602
    .. [2] C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, "On Calibration of Modern Neural Networks",
       ICML 2017, eq. (3), https://arxiv.org/abs/1706.04599

    Examples
    --------
    Two predictions at confidence 0.75 (one right), two at 0.875 (both right): the first bin is
    0.25 overconfident, the second 0.125 underconfident, and each holds half the samples.

    >>> p = [[0.75, 0.25], [0.25, 0.75], [0.875, 0.125], [0.125, 0.875]]
    >>> print(expected_calibration_error(p, [0, 0, 0, 1], bins=8))
    0.1875
    """
    _, counts, summed_confidence, hits = _binned(p, labels, bins, strategy)
    return float(np.abs(hits - summed_confidence).sum() / counts.sum())


# --- scoring rules ----------------------------------------------------------------------------------


def negative_log_likelihood(
    logits: ArrayLike, labels: ArrayLike, *, temperature: float | None = None, beta: float | None = None
) -> float:
    r"""Mean negative log likelihood of the labels under softmax(logits / T): the cross-entropy loss.

    .. math::

        \operatorname{NLL}(T) = -\frac{1}{n} \sum_{i=1}^{n} \log \sigma_\beta(z_i)_{y_i}
            = \frac{1}{n} \sum_{i=1}^{n} \Bigl( \log \sum_{k} e^{\beta z_{ik}} - \beta z_{i y_i} \Bigr),
        \qquad \beta = \frac{1}{T}

    Parameters
    ----------
    logits : array_like
        Logits z, shape (n, K). ±inf is allowed as in `log_softmax`; NaN is not.
    labels : array_like of int
        The true class of each sample, shape (n,).
    temperature, beta : float, optional
        Temperature T or inverse temperature β = 1/T, at most one; neither means T = 1.

    Returns
    -------
    float
        The loss in nats, ≥ 0; +inf at T = 0 if some label is not an arg max.

    Raises
    ------
    ValueError
        If `logits` is not a 2-d table, contains NaN, or `labels` are not one class index per row.

    Notes
    -----
    Computed with `log_softmax`, so a confident wrong prediction costs its full, finite loss
    (800 nats for z = (0, −800) with label 1) rather than ``-log 0 = inf``.

    References
    ----------
    .. [1] C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, "On Calibration of Modern Neural Networks",
       ICML 2017, §2 ("Negative log likelihood"), https://arxiv.org/abs/1706.04599

    Examples
    --------
    >>> print(round(negative_log_likelihood([[2.0, 1.0, 0.1]], [0]), 4))
    0.417
    >>> print(negative_log_likelihood([[0.0, -800.0], [0.0, 0.0]], [1, 0]) == (800 + math.log(2)) / 2)
    True
    """
    z = _as_table(logits, name="logits", what="logits")
    if np.isnan(z).any():
        raise_nan(z, name="logits")
    labels = _as_labels(labels, samples=z.shape[0], classes=z.shape[1])
    log_p = log_softmax(z, beta=beta, temperature=temperature, axis=1)
    picked = log_p[np.arange(z.shape[0]), labels]
    # 0 − mean, not −mean: a certain, correct model scores +0.
    return float(0.0 - picked.mean())


def brier_score(p: ArrayLike, labels: ArrayLike) -> float:
    r"""Brier score: the mean squared distance between the predicted and the one-hot true distribution.

    .. math:: \operatorname{BS} = \frac{1}{n} \sum_{i=1}^{n} \sum_{k=1}^{K} \bigl(p_{ik} - [k = y_i]\bigr)^2

    Parameters
    ----------
    p : array_like
        Predicted probabilities, shape (n, K), each row summing to 1 (within 1e-6).
    labels : array_like of int
        The true class of each sample, shape (n,).

    Returns
    -------
    float
        Between 0 (certain and right) and 2 (certain and wrong).

    Raises
    ------
    ValueError
        As `reliability_bins`.

    Notes
    -----
    Brier's original multi-class definition, summed over classes (scikit-learn's
    ``brier_score_loss`` for more than two classes). Like the NLL it is a proper scoring rule, but
    bounded: a confident mistake costs at most 2.

    References
    ----------
    .. [1] G. W. Brier, "Verification of forecasts expressed in terms of probability", Monthly
       Weather Review 78(1), 1950.

    Examples
    --------
    >>> print(brier_score([[0.5, 0.5], [1.0, 0.0]], [0, 1]))
    1.25
    """
    p = _as_probability_table(p)
    labels = _as_labels(labels, samples=p.shape[0], classes=p.shape[1])
    difference = p.copy()
    difference[np.arange(p.shape[0]), labels] -= 1.0
    return float(np.einsum("ik,ik->", difference, difference) / p.shape[0])


# --- temperature scaling ----------------------------------------------------------------------------


def _slope_and_curvature(gaps: FloatArray, beta: float) -> tuple[float, float]:
    r"""The first two derivatives in β of the mean NLL: the means over samples of E_p[g] and Var_p[g].

    With :math:`g_{ik} = z_{ik} - z_{i y_i}`, the NLL is the mean of :math:`\log \sum_k e^{\beta
    g_{ik}}`, whose first and second derivatives are the mean and the variance of g under
    :math:`p = \sigma_\beta(g_i)`. Using g rather than z removes the label's logit before it can
    cancel against the others.
    """
    p = softmax(gaps, beta=beta, axis=1)
    mean = np.einsum("ik,ik->i", p, gaps)
    spread = gaps - mean[:, np.newaxis]
    variance = np.einsum("ik,ik,ik->i", p, spread, spread)
    return float(mean.mean()), float(variance.mean())


def fit_temperature(logits: ArrayLike, labels: ArrayLike) -> float:
    r"""The temperature T > 0 that minimises the mean negative log likelihood of softmax(logits / T).

    .. math::

        T^\star = \frac{1}{\beta^\star}, \qquad
        \beta^\star = \operatorname*{arg\,min}_{\beta > 0} \ \frac{1}{n} \sum_{i=1}^{n}
            \Bigl( \log \sum_k e^{\beta z_{ik}} - \beta z_{i y_i} \Bigr)

    Fitted on a validation set, this is temperature scaling (Guo et al. 2017): T > 1 softens an
    overconfident model, T < 1 sharpens an underconfident one, and no arg max moves.

    Parameters
    ----------
    logits : array_like
        Finite logits z, shape (n, K), of the samples to calibrate on.
    labels : array_like of int
        Their true classes, shape (n,).

    Returns
    -------
    float
        :math:`T^\star`, to about 1e-14 relative. Two limits are returned as such, since the core
        computes softmax exactly there: ``0.0`` when every label's logit is a largest one of its row
        (the loss decreases for ever as T → 0: the arg max, with NLL → 0 or the log of the ties), and
        ``inf`` when the labels' logits are on average no higher than their rows' means (no β > 0
        beats the uniform prediction, T = ∞).

    Raises
    ------
    ValueError
        If `logits` is not a finite 2-d table, `labels` are not one class index per row, or every
        row's logits are all equal (then every T gives the same loss, log K).

    Notes
    -----
    The mean NLL is convex in β: its second derivative is the mean variance of the logits under
    softmax, ≥ 0. Its slope at β = 0 is :math:`\overline{\operatorname{mean}_k g_{ik}}` and as
    β → ∞ it tends to :math:`\overline{\max_k g_{ik}} \ge 0`, with :math:`g_{ik} = z_{ik} - z_{iy_i}`;
    these two signs decide whether a finite minimum exists. It is then found by Newton's method on
    the slope, kept inside a bracket [lo, hi] of opposite slopes and falling back to bisection when a
    step would leave it, which converges quadratically and cannot diverge. A fixed budget of gradient
    steps, as in the popular reference implementation (L-BFGS with lr = 0.01 and 50 iterations on T),
    can stop short of the minimum; scikit-learn's ``CalibratedClassifierCV(method="temperature")``
    minimises over log β in [−10, 10] with Brent's method and agrees with this to its tolerance.

    References
    ----------
    .. [1] C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, "On Calibration of Modern Neural Networks",
       ICML 2017, §4.2 ("Temperature scaling"), https://arxiv.org/abs/1706.04599
    .. [2] W. H. Press et al., *Numerical Recipes*, 3rd ed., 2007, §9.4 (Newton's method with
       bracketing, ``rtsafe``).

    Examples
    --------
    Four predictions, all with logit gap 1, three of them right: the NLL is minimal where the
    predicted probability of being right, 1/(1 + e^(−β)), equals the observed 3/4, so β = log 3.

    >>> t = fit_temperature([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], [0, 0, 0, 0])
    >>> print(round(t, 12), round(1 / math.log(3), 12))
    0.910239226627 0.910239226627
    >>> fit_temperature([[2.0, 0.0], [0.0, 3.0]], [0, 1])  # every prediction right: T → 0
    0.0
    """
    z = _as_table(logits, name="logits", what="logits")
    if not np.isfinite(z).all():
        index = np.argwhere(~np.isfinite(z))[0]
        msg = (
            f"logits must be finite to fit a temperature, but logits[{position(index)}] = "
            f"{float(z[tuple(index)])!r}."
        )
        raise ValueError(msg)
    labels = _as_labels(labels, samples=z.shape[0], classes=z.shape[1])
    gaps = z - z[np.arange(z.shape[0]), labels][:, np.newaxis]
    # g = 0 everywhere exactly when every row is constant.
    if not gaps.any():
        msg = (
            "Every row of logits has all its entries equal, so softmax is uniform at every "
            "temperature and every T gives the same loss (log K): there is no temperature to fit."
        )
        raise ValueError(msg)
    slope_at_zero = float(gaps.mean(axis=1).mean())
    slope_at_infinity = float(gaps.max(axis=1).mean())
    if slope_at_infinity <= 0:
        return 0.0
    if slope_at_zero >= 0:
        return math.inf

    lo, hi, beta = 0.0, math.inf, 1.0
    for _ in range(400):
        slope, curvature = _slope_and_curvature(gaps, beta)
        if slope == 0:
            return 1.0 / beta
        if slope < 0:
            lo = beta
        else:
            hi = beta
        step = -slope / curvature if curvature > 0 else math.inf
        if math.isinf(hi):
            # No upper end yet: at least double β, so an upper end is found in few steps.
            candidate = beta + step if math.isfinite(step) else 2.0 * beta
            following = max(candidate, 2.0 * beta)
        else:
            following = beta + step
            if not lo < following < hi:
                following = 0.5 * (lo + hi)
        if not math.isfinite(following):
            break
        if abs(following - beta) <= _RTOL * beta or (math.isfinite(hi) and hi - lo <= _RTOL * hi):
            return 1.0 / following
        beta = following
    msg = "fit_temperature did not converge; please report the logits that caused this."
    raise RuntimeError(msg)
