r"""Sampling from softmax: the Gumbel-max trick, and the sampler chain of text generation.

Add independent standard Gumbel noise :math:`G_k = -\log(-\log U_k)` to the log-probabilities and
take the arg max: class k wins with probability exactly :math:`\operatorname{softmax}(z)_k`. This is
one more answer to "why exponentiate?": the exponential turns the max of noisy scores into a
normalised ratio. Every function takes a seeded ``numpy.random.Generator``, so the same seed gives
the same samples.

A language model samples its next token from softmax(z / T) after *truncation*: top-k, top-p
(nucleus) and min-p each remove the unlikely tail before the draw. `sampler_probabilities` is the
distribution such a sampler chain draws from, `truncation_reasons` says which knob removed each
token, `sample_tokens` and `gumbel_top_k` draw from it, and `diversity` and `total_variation`
measure what comes out.
"""

from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_logits, as_probabilities, check_reference, raise_nan
from ._typing import BoolArray, FloatArray
from .functions import log_softmax, softmax
from .limits import resolve_beta
from .losses import entropy

__all__ = [
    "TRUNCATION_REASONS",
    "Diversity",
    "diversity",
    "expected_total_variation",
    "gumbel_max_sample",
    "gumbel_softmax",
    "gumbel_top_k",
    "sample_tokens",
    "sampler_probabilities",
    "total_variation",
    "truncation_reasons",
]

# Noise is drawn in blocks of about this many numbers, so 100 000 samples of 64 classes need 8 MB.
_BLOCK = 1 << 20
_EPS = float(np.finfo(np.float64).eps)

#: What `truncation_reasons` returns for each token: kept, or the first knob of the chain that removed it.
TRUNCATION_REASONS: tuple[str, ...] = ("kept", "top_k", "top_p", "min_p")
_KEPT, _TOP_K, _TOP_P, _MIN_P = range(4)


def _check_rng(rng: object) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        msg = (
            f"rng must be a numpy.random.Generator, e.g. np.random.default_rng(0), not {type(rng).__name__}."
        )
        raise TypeError(msg)
    return rng


def _check_count(value: object, *, name: str, what: str) -> int:
    """A positive whole number (bools and non-integral numbers refused), or a clear ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        msg = f"{name} must be a positive whole number of {what}, got {value!r}."
        raise ValueError(msg)
    return int(value)


def _check_size(size: object, *, allow_none: bool) -> int | None:
    if size is None and allow_none:
        return None
    return _check_count(size, name="size", what="samples")


def _check_tau(tau: object) -> float:
    if isinstance(tau, str | bytes) or not isinstance(tau, numbers.Real):
        msg = f"tau must be a real number, got {tau!r}."
        raise TypeError(msg)
    value = float(tau)
    if not value >= 0:  # also NaN
        msg = f"tau must be ≥ 0 (0 gives one-hot samples, inf uniform ones), got {tau!r}."
        raise ValueError(msg)
    return value


def _one_vector(z: ArrayLike, *, what: str = "Sampling") -> FloatArray:
    """One vector of logits (1-d, non-empty, no NaN)."""
    logits, _ = as_logits(z, axis=-1)
    if logits.ndim != 1:
        msg = f"{what} takes one vector of logits (1-d), got an array of shape {logits.shape}."
        raise ValueError(msg)
    if np.isnan(logits).any():
        raise_nan(logits)
    return logits


def _log_probabilities(z: ArrayLike, beta: float) -> FloatArray:
    # log p, not βz: the same arg max (they differ by a constant), but the exact limits are already in
    # it as 0 and −inf, so classes with p = 0 are never drawn.
    return log_softmax(_one_vector(z), beta=beta)


def _gumbel_argmax(log_p: FloatArray, size: int, rng: np.random.Generator) -> NDArray[np.intp]:
    """``size`` Gumbel-max draws from the log-probabilities ``log_p``, the noise drawn in blocks."""
    classes = log_p.size
    samples = np.empty(size, dtype=np.intp)
    rows = max(1, _BLOCK // classes)
    for start in range(0, size, rows):
        count = min(rows, size - start)
        noisy = rng.gumbel(size=(count, classes))
        noisy += log_p
        samples[start : start + count] = np.argmax(noisy, axis=1)
    return samples


def gumbel_max_sample(
    z: ArrayLike,
    *,
    size: int,
    rng: np.random.Generator,
    beta: float | None = None,
    temperature: float | None = None,
) -> NDArray[np.intp]:
    r"""Draw classes from softmax(z) by the Gumbel-max trick: arg max of the logits plus Gumbel noise.

    .. math::

        k = \operatorname*{arg\,max}_{j} \bigl(\beta z_j + G_j\bigr), \qquad
        G_j = -\log(-\log U_j), \ U_j \sim \mathcal{U}(0, 1)
        \quad\Longrightarrow\quad P(k = i) = \sigma_\beta(z)_i

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d); ±inf allowed, NaN not.
    size : int
        The number of samples, at least 1.
    rng : numpy.random.Generator
        The source of randomness, e.g. ``np.random.default_rng(seed)``: the same seed gives the
        same samples.
    beta, temperature : float, optional
        Inverse temperature or temperature of the softmax sampled from, at most one (see `softmax`).

    Returns
    -------
    numpy.ndarray
        `size` class indices in [0, K), integers.

    Raises
    ------
    ValueError
        As `softmax`, if `z` is not 1-d, or `size` is not a positive integer.
    TypeError
        If `rng` is not a ``numpy.random.Generator``.

    Notes
    -----
    Why it works: :math:`e^{-e^{-(x - \beta z_j)}}` is the distribution function of
    :math:`\beta z_j + G_j`, and the chance that entry i is the largest integrates to
    :math:`e^{\beta z_i} / \sum_j e^{\beta z_j}`. The arg max is taken of
    :math:`\log \sigma_\beta(z) + G`, which differs from βz + G by a constant: it never overflows,
    and at the exact limits (T = 0, ∞) classes with probability 0 have log p = −inf and are never
    drawn. The noise is drawn in blocks of about a million numbers to bound memory.

    References
    ----------
    .. [1] E. J. Gumbel, *Statistical Theory of Extreme Values and Some Practical Applications*,
       National Bureau of Standards, Applied Mathematics Series 33, 1954.
    .. [2] C. J. Maddison, D. Tarlow, T. Minka, "A* sampling", NeurIPS 2014, arXiv:1411.0030, §2.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> draws = gumbel_max_sample([2.0, 1.0, 0.1], size=100_000, rng=rng)
    >>> frequencies = np.bincount(draws, minlength=3) / draws.size
    >>> bool(np.abs(frequencies - softmax([2.0, 1.0, 0.1])).max() < 0.01)
    True
    >>> gumbel_max_sample([2.0, 1.0, 0.1], size=5, rng=rng, temperature=0)  # the arg max, always
    array([0, 0, 0, 0, 0])
    """
    beta_value = resolve_beta(beta=beta, temperature=temperature)
    count = _check_count(size, name="size", what="samples")
    generator = _check_rng(rng)
    return _gumbel_argmax(_log_probabilities(z, beta_value), count, generator)


def gumbel_softmax(
    z: ArrayLike,
    *,
    tau: float,
    rng: np.random.Generator,
    size: int | None = None,
    beta: float | None = None,
    temperature: float | None = None,
) -> FloatArray:
    r"""Relaxed samples from softmax(z): the Gumbel-max trick with the arg max softened to a softmax.

    .. math::

        y = \operatorname{softmax}\!\left(\frac{\log \sigma_\beta(z) + G}{\tau}\right), \qquad
        G_j = -\log(-\log U_j), \ U_j \sim \mathcal{U}(0, 1)

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d); ±inf allowed, NaN not.
    tau : float
        The relaxation temperature τ ≥ 0: τ = 0 gives one-hot Gumbel-max samples, small τ nearly
        one-hot ones, large τ nearly uniform ones; ``inf`` is the uniform limit.
    rng : numpy.random.Generator
        The source of randomness, e.g. ``np.random.default_rng(seed)``.
    size : int, optional
        The number of samples; None (default) draws one sample of shape (K,).
    beta, temperature : float, optional
        Inverse temperature or temperature of the softmax relaxed, at most one (see `softmax`).
        Distinct from τ: T sets the distribution, τ how close each sample is to one-hot.

    Returns
    -------
    numpy.ndarray
        float64, shape (K,) or (size, K); every row is a probability vector (non-negative, sum 1).

    Raises
    ------
    ValueError
        As `gumbel_max_sample`, and if `tau` is negative or NaN.
    TypeError
        If `rng` is not a ``numpy.random.Generator`` or `tau` is not a number.

    Notes
    -----
    Each row is a point of the simplex whose arg max is a Gumbel-max sample (the same noise), so
    as τ → 0 the rows become one-hot samples from :math:`\sigma_\beta(z)`; unlike the arg max, the
    relaxed sample is differentiable in z, which is what it is used for. The softmax over the noisy
    log-probabilities is the core's, so it is stable (shift by the max) and exact at τ = 0 and ∞.

    References
    ----------
    .. [1] E. Jang, S. Gu, B. Poole, "Categorical reparameterization with Gumbel-softmax",
       ICLR 2017, arXiv:1611.01144.
    .. [2] C. J. Maddison, A. Mnih, Y. W. Teh, "The Concrete distribution: a continuous relaxation
       of discrete random variables", ICLR 2017, arXiv:1611.00712.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = gumbel_softmax([2.0, 1.0, 0.1], tau=0.5, rng=rng, size=4)
    >>> y.shape, bool(np.allclose(y.sum(axis=1), 1.0))
    ((4, 3), True)
    >>> gumbel_softmax([2.0, 1.0, 0.1], tau=0, rng=rng, temperature=0)
    array([1., 0., 0.])
    """
    beta_value = resolve_beta(beta=beta, temperature=temperature)
    tau_value = _check_tau(tau)
    count = _check_size(size, allow_none=True)
    generator = _check_rng(rng)
    log_p = _log_probabilities(z, beta_value)
    noisy = generator.gumbel(size=log_p.shape if count is None else (count, log_p.size))
    noisy += log_p
    return softmax(noisy, temperature=tau_value, axis=-1)


# --- The sampler chain: temperature, top-k, top-p, min-p ---------------------------------------------


def _check_top_k(top_k: object) -> int | None:
    if top_k is None:
        return None
    if isinstance(top_k, bool) or not isinstance(top_k, numbers.Integral) or top_k < 1:
        msg = f"top_k must be a whole number ≥ 1 (the number of tokens kept), or None for off; got {top_k!r}."
        raise ValueError(msg)
    return int(top_k)


def _check_fraction(value: object, *, name: str, low_open: bool) -> float | None:
    """top_p in (0, 1] (``low_open``) or min_p in [0, 1], as a float; None stays None (off)."""
    if value is None:
        return None
    interval = "0 < top_p ≤ 1" if low_open else "0 ≤ min_p ≤ 1"
    if isinstance(value, bool | str | bytes) or not isinstance(value, numbers.Real):
        msg = f"{name} must be a number with {interval}, or None for off; got {value!r}."
        raise ValueError(msg)
    number = float(value)
    inside = (0.0 < number <= 1.0) if low_open else (0.0 <= number <= 1.0)  # False for NaN
    if not inside:
        meaning = (
            "the share of probability the kept tokens reach; 1 keeps every token"
            if low_open
            else "the fraction of the top probability a token needs; 0 keeps every token"
        )
        msg = f"{name} must satisfy {interval} ({meaning}), got {value!r}."
        raise ValueError(msg)
    return number


def _check_flag(value: object, *, name: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        msg = f"{name} must be True or False, got {value!r}."
        raise ValueError(msg)
    return bool(value)


def _masked(z: FloatArray, keep: BoolArray, beta: float) -> FloatArray:
    """z with the removed tokens set to the logit of weight 0 at β: −inf for β ≥ 0, +inf for β < 0."""
    return np.where(keep, z, -math.inf if beta >= 0 else math.inf)


def _top_k(key: FloatArray, top_k: int, reasons: NDArray[np.int8]) -> None:
    """Remove every token ranked below the k-th; the tokens tied with the k-th stay."""
    if top_k < key.size:
        # A sort, not np.partition: introselect slows down a hundredfold on many tied logits (a flat tail).
        kth = np.sort(key)[key.size - top_k]
        reasons[key < kth] = _TOP_K


def _reach(
    candidates: NDArray[np.intp], key: FloatArray, q: FloatArray, target: float
) -> tuple[NDArray[np.intp], int]:
    """The candidates, most probable first, and the position where their running total reaches target."""
    # Ranked by the key, not by q: at T = ∞ every q is 1/K, yet the ranking is that of finite T.
    order = candidates[np.argsort(-key[candidates], kind="stable")]
    return order, int(np.searchsorted(np.cumsum(q[order]), target, side="left"))


def _top_p(
    z: FloatArray,
    key: FloatArray,
    beta: float,
    top_p: float,
    reasons: NDArray[np.int8],
) -> None:
    """Keep the most probable tokens whose total reaches top_p, and every token tied with the last."""
    alive = reasons == _KEPT
    q = softmax(_masked(z, alive, beta), beta=beta)
    # A total that equals top_p up to its rounding (about one ulp per term) reaches it: eight of ten
    # equal tokens reach 0.8, as at every large finite T, although their float sum is 0.7999999999999999.
    target = top_p - 4.0 * z.size * _EPS
    # Tokens with q below (1 − top_p)/(2K) hold less than (1 − top_p)/2 together, so the tokens above
    # hold more than top_p: sort those first (a prefix of the ranking), and all only if that fails.
    floor = 0.5 * (1.0 - top_p) / z.size
    order, reached = _reach(np.flatnonzero(alive & (q >= floor)), key, q, target)
    if reached == order.size:
        order, reached = _reach(np.flatnonzero(alive), key, q, target)
    last = order[min(reached, order.size - 1)]
    reasons[alive & (key < key[last])] = _TOP_P


def _min_p(key: FloatArray, beta: float, min_p: float, reasons: NDArray[np.int8]) -> None:
    r"""Keep the tokens with p ≥ min_p · p_max, compared as log-ratios: |β|(key_max − key) ≤ −log min_p.

    The log-ratio needs no normaliser and keeps its sign as β → 0, where every probability rounds to
    1/K: so the exact limit T = ∞ is the limit of finite T (min_p = 1 keeps the top logits only,
    any smaller min_p every live token). Gaps within a few ulps of the logits count as ties.
    """
    alive = reasons == _KEPT
    top = float(key[alive].max())
    margin = -math.log(min_p)  # ≥ 0, +inf never (min_p = 0 is skipped)
    if math.isinf(top):
        # +inf takes all the mass: every finite logit has p = 0 < min_p · p_max.
        keep = key == top
    else:
        # Near ±1e308 the gap or β·gap overflows to +inf (removed, rightly); −inf keys give NaN (removed).
        with np.errstate(invalid="ignore", over="ignore"):
            # The gap beyond rounding: ≤ 0 means tied with the top within a few ulps (each ulp term
            # scaled apart, so that |key| + |top| cannot overflow and tie logits a percent apart).
            gap = (top - key) - 8.0 * _EPS * np.abs(key) - 8.0 * _EPS * abs(top)
            if beta == 0:
                # β·gap → 0⁺ for a positive gap: below 0 < margin, but not ≤ 0 = margin at min_p = 1.
                keep = (gap <= 0) | ((margin > 0) & np.isfinite(key))
            else:
                keep = (gap <= 0) | (abs(beta) * gap <= margin * (1.0 + 8.0 * _EPS))
    reasons[alive & ~keep] = _MIN_P


class _Settings(NamedTuple):
    """Validated sampler settings: β of the draw, β of the truncation, and the three knobs."""

    beta: float
    truncation_beta: float
    top_k: int | None
    top_p: float | None
    min_p: float | None


def _settings(
    temperature: float | None,
    beta: float | None,
    top_k: object,
    top_p: object,
    min_p: object,
    temperature_last: object,
) -> _Settings:
    """Check every sampler setting once, e.g. before the many steps of a generation."""
    beta_value = resolve_beta(beta=beta, temperature=temperature)
    k = _check_top_k(top_k)
    p = _check_fraction(top_p, name="top_p", low_open=True)
    m = _check_fraction(min_p, name="min_p", low_open=False)
    last = _check_flag(temperature_last, name="temperature_last")
    # top_p = 1 and min_p = 0 remove nothing: skipping them also skips their rounding.
    return _Settings(
        beta=beta_value,
        truncation_beta=1.0 if last else beta_value,
        top_k=k,
        top_p=None if p == 1 else p,
        min_p=None if m == 0 else m,
    )


def _truncation_codes(z: FloatArray, settings: _Settings) -> NDArray[np.int8]:
    """Per token 0 (kept) or the code of the first knob that removed it; z checked by the caller."""
    beta = settings.truncation_beta
    # The distribution must exist before truncation: all −inf (β ≥ 0) raises here, as in softmax.
    check_reference(z.max() if beta >= 0 else z.min(), z, beta)
    reasons = np.zeros(z.size, dtype=np.int8)
    # The ranking of the tempered probabilities: the logits for β ≥ 0 (β = 0 read as the limit 0⁺, so
    # the ranking of every finite T holds at T = ∞), their negatives for β < 0.
    key = z if beta >= 0 else -z
    if settings.top_k is not None:
        _top_k(key, settings.top_k, reasons)
    if settings.top_p is not None:
        _top_p(z, key, beta, settings.top_p, reasons)
    if settings.min_p is not None:
        _min_p(key, beta, settings.min_p, reasons)
    return reasons


def _chain_probabilities(z: FloatArray, settings: _Settings) -> FloatArray:
    """The sampler chain's distribution for checked logits z and settings."""
    kept = _truncation_codes(z, settings) == _KEPT
    return softmax(_masked(z, kept, settings.beta), beta=settings.beta)


def sampler_probabilities(
    z: ArrayLike,
    *,
    temperature: float | None = None,
    beta: float | None = None,
    top_k: int | None = None,
    top_p: float | None = None,
    min_p: float | None = None,
    temperature_last: bool = False,
) -> FloatArray:
    r"""The distribution a sampler chain draws the next token from: temperature, top-k, top-p, min-p.

    .. math::

        p_i = \frac{[i \in S]\, e^{\beta z_i}}{\sum_{j \in S} e^{\beta z_j}}, \qquad
        S = S_{\min p} \cap S_{\text{top-}p} \cap S_{\text{top-}k}

    where, on the tempered probabilities :math:`q = \sigma_\beta(z)` renormalised over the tokens
    still kept at each step, in this order:

    - top-k: :math:`S_{\text{top-}k} = \{i : z_i \ge z_{(k)}\}`, the k largest logits and every
      token tied with the k-th;
    - top-p: the smallest set of most probable tokens with :math:`\sum_{i} q_i \ge \text{top\_p}`
      (and every token tied with the last one added);
    - min-p: :math:`S_{\min p} = \{i : q_i \ge \text{min\_p} \cdot \max_j q_j\}`.

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d); −inf allowed (a token that is never drawn), NaN not.
    temperature, beta : float, optional
        Temperature T or inverse temperature β = 1/T, at most one; neither means T = 1. T = 0 is the
        arg max (ties split equally), T = ∞ uniform over the kept tokens, as in `softmax`.
    top_k : int, optional
        Keep the k most probable tokens (k ≥ 1); None: off.
    top_p : float, optional
        Nucleus sampling: keep the fewest most probable tokens whose probability reaches top_p,
        0 < top_p ≤ 1 (1 keeps every token); None: off.
    min_p : float, optional
        Keep the tokens at least min_p times as probable as the most probable one, 0 ≤ min_p ≤ 1
        (0 keeps every token); None: off.
    temperature_last : bool, optional
        False (default, Hugging Face's order): temperature first, then the truncations on the
        tempered probabilities. True (llama.cpp's default order): truncate on the T = 1
        probabilities, then apply T to the survivors.

    Returns
    -------
    numpy.ndarray
        float64, shape (K,): the probabilities, exactly 0 for the removed tokens, summing to 1.
        At least the most probable token is always kept.

    Raises
    ------
    ValueError
        If `z` is not one non-empty vector, holds NaN or only −inf; if top_k is not a whole number
        ≥ 1, top_p not in (0, 1], min_p not in [0, 1], temperature_last not a bool; if both T and β
        are given or either is NaN.

    Notes
    -----
    The truncations are applied one after the other, each on the distribution left by the one
    before (renormalised), as Hugging Face's logits warpers and llama.cpp's samplers do; only top-p
    depends on that renormalisation. Tokens are ranked by their logits (by −z for β < 0), never by
    rounded probabilities, and ties in rank are kept or removed together.

    The exact limits are the limits of finite T: at T = 0 (temperature first) every truncation keeps
    the arg max tokens and top-p < 1 or min-p > 0 remove the rest. At T = ∞ the tempered
    probabilities are all 1/K but the ranking stays that of the logits, so top-p keeps the
    ⌈top_p · K⌉ largest logits (K the tokens still kept), min-p < 1 keeps every token and min-p = 1
    the largest logits only. Totals and ratios that reach top_p or min_p up to rounding count as
    reaching them, so the exact decimal settings a person types behave as meant.

    References
    ----------
    .. [1] A. Holtzman, J. Buys, L. Du, M. Forbes, Y. Choi, "The curious case of neural text
       degeneration", ICLR 2020, arXiv:1904.09751 (top-p, nucleus sampling).
    .. [2] A. Fan, M. Lewis, Y. Dauphin, "Hierarchical neural story generation", ACL 2018,
       arXiv:1805.04833 (top-k).
    .. [3] M. N. Nguyen, A. Baker, C. Neo, A. Roush, A. Kirsch, R. Shwartz-Ziv, "Turning up the
       heat: min-p sampling for creative and coherent LLM outputs", arXiv:2407.01082, 2024.
    .. [4] Hugging Face transformers, ``TemperatureLogitsWarper``, ``TopKLogitsWarper``,
       ``TopPLogitsWarper``, ``MinPLogitsWarper``; llama.cpp, ``common/sampling.h``.

    Examples
    --------
    >>> z = np.log([0.5, 0.3, 0.15, 0.05])
    >>> sampler_probabilities(z).round(3)
    array([0.5 , 0.3 , 0.15, 0.05])
    >>> sampler_probabilities(z, top_k=2).round(3)
    array([0.625, 0.375, 0.   , 0.   ])
    >>> sampler_probabilities(z, top_p=0.8).round(3)  # 0.5 + 0.3 reaches 0.8
    array([0.625, 0.375, 0.   , 0.   ])
    >>> sampler_probabilities(z, min_p=0.2).round(3)  # keeps p ≥ 0.2 · 0.5 = 0.1
    array([0.526, 0.316, 0.158, 0.   ])
    >>> sampler_probabilities(z, temperature=float("inf"), top_k=3)
    array([0.33333333, 0.33333333, 0.33333333, 0.        ])
    """
    settings = _settings(temperature, beta, top_k, top_p, min_p, temperature_last)
    return _chain_probabilities(_one_vector(z, what="A sampler"), settings)


def truncation_reasons(
    z: ArrayLike,
    *,
    temperature: float | None = None,
    beta: float | None = None,
    top_k: int | None = None,
    top_p: float | None = None,
    min_p: float | None = None,
    temperature_last: bool = False,
) -> NDArray[np.str_]:
    r"""Which knob of the sampler chain removed each token: "kept", "top_k", "top_p" or "min_p".

    .. math::

        r_i = \begin{cases}
            \text{kept} & i \in S \\
            \text{the first of top-k, top-p, min-p whose set excludes } i & \text{otherwise}
        \end{cases}

    Parameters
    ----------
    z, temperature, beta, top_k, top_p, min_p, temperature_last
        As `sampler_probabilities`.

    Returns
    -------
    numpy.ndarray
        Strings, shape (K,): one of `TRUNCATION_REASONS` per token. A token is "kept" exactly where
        `sampler_probabilities` can be positive (at T = 0 a kept token that is not an arg max still
        has probability 0: temperature removes it, not a knob).

    Raises
    ------
    ValueError
        As `sampler_probabilities`.

    Examples
    --------
    >>> z = np.log([0.5, 0.3, 0.15, 0.05])
    >>> truncation_reasons(z, top_k=3, top_p=0.7)
    array(['kept', 'kept', 'top_p', 'top_k'], dtype='<U5')
    >>> truncation_reasons(z, top_p=0.7, temperature=3)  # flatter: more tokens needed to reach 0.7
    array(['kept', 'kept', 'kept', 'top_p'], dtype='<U5')
    >>> truncation_reasons(z, top_p=0.7, temperature=3, temperature_last=True)  # truncated at T = 1
    array(['kept', 'kept', 'top_p', 'top_p'], dtype='<U5')
    """
    settings = _settings(temperature, beta, top_k, top_p, min_p, temperature_last)
    codes = _truncation_codes(_one_vector(z, what="A sampler"), settings)
    return np.array(TRUNCATION_REASONS)[codes]


def _draw(p: FloatArray, size: int, rng: np.random.Generator) -> NDArray[np.intp]:
    """Gumbel-max draws from probabilities ``p``, noise only for the tokens that can win (p > 0).

    G = −log E is a standard Gumbel for E ~ Exp(1), so arg max(log p + G) = arg max(p / E): the same
    draw as `gumbel_max_sample`'s, with NumPy's ziggurat exponentials and one division per entry in
    place of two logarithms (3–4 times faster).
    """
    support = np.flatnonzero(p)
    if support.size == 1:
        return np.full(size, support[0], dtype=np.intp)
    weights = p[support]
    samples = np.empty(size, dtype=np.intp)
    rows = max(1, _BLOCK // support.size)
    for start in range(0, size, rows):
        count = min(rows, size - start)
        race = rng.standard_exponential(size=(count, support.size))
        np.divide(weights, race, out=race)
        samples[start : start + count] = np.argmax(race, axis=1)
    return support[samples]


def sample_tokens(
    z: ArrayLike,
    *,
    size: int,
    rng: np.random.Generator,
    temperature: float | None = None,
    beta: float | None = None,
    top_k: int | None = None,
    top_p: float | None = None,
    min_p: float | None = None,
    temperature_last: bool = False,
) -> NDArray[np.intp]:
    r"""Draw `size` tokens (with replacement) from the sampler chain's distribution, by Gumbel-max.

    .. math::

        k = \operatorname*{arg\,max}_{i \in S} \bigl(\log p_i + G_i\bigr)
        \quad\Longrightarrow\quad P(k = i) = p_i

    with p = `sampler_probabilities` (z, ...) and S its kept tokens.

    Parameters
    ----------
    z : array_like
        One vector of K logits.
    size : int
        The number of draws, at least 1.
    rng : numpy.random.Generator
        The source of randomness; the same seed gives the same draws.
    temperature, beta, top_k, top_p, min_p, temperature_last
        As `sampler_probabilities`.

    Returns
    -------
    numpy.ndarray
        `size` token indices in [0, K); a removed token is never drawn.

    Raises
    ------
    ValueError
        As `sampler_probabilities`, and if `size` is not a positive whole number.
    TypeError
        If `rng` is not a ``numpy.random.Generator``.

    Notes
    -----
    Noise is drawn only for the kept tokens (the others have log p = −inf and could never win), so
    truncation also makes the draws cheaper. The noise is G = −log E with E exponential, so the arg max
    of log p + G is that of p / E (the race of exponential clocks): no logarithm is taken, and 10 000
    draws over 60 tokens take a few milliseconds.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> draws = sample_tokens(np.log([0.5, 0.3, 0.15, 0.05]), size=20_000, rng=rng, top_k=2)
    >>> shares = np.bincount(draws, minlength=4) / draws.size  # top-k 2: (0.5, 0.3) / 0.8
    >>> bool(np.abs(shares - [0.625, 0.375, 0.0, 0.0]).max() < 0.01)
    True
    """
    count = _check_count(size, name="size", what="draws")
    generator = _check_rng(rng)
    p = sampler_probabilities(
        z,
        temperature=temperature,
        beta=beta,
        top_k=top_k,
        top_p=top_p,
        min_p=min_p,
        temperature_last=temperature_last,
    )
    return _draw(p, count, generator)


def gumbel_top_k(
    z: ArrayLike,
    *,
    k: int,
    rng: np.random.Generator,
    size: int | None = None,
    beta: float | None = None,
    temperature: float | None = None,
) -> NDArray[np.intp]:
    r"""k draws without replacement from softmax(z), by the Gumbel-top-k trick: the k largest noisy logits.

    .. math::

        (i_1, \dots, i_k) = \operatorname*{arg\,top\text{-}k}_{j} \bigl(\log \sigma_\beta(z)_j + G_j\bigr),
        \qquad P(i_1, \dots, i_k) = \prod_{m=1}^{k} \frac{p_{i_m}}{1 - \sum_{l < m} p_{i_l}}

    Parameters
    ----------
    z : array_like
        One vector of K logits (1-d); −inf allowed, NaN not.
    k : int
        How many distinct tokens to draw, 1 ≤ k ≤ the number of tokens with p > 0.
    rng : numpy.random.Generator
        The source of randomness.
    size : int, optional
        The number of independent k-draws; None (default) draws one, shape (k,).
    beta, temperature : float, optional
        Inverse temperature or temperature, at most one (see `softmax`).

    Returns
    -------
    numpy.ndarray
        Token indices, shape (k,) or (size, k), each row distinct and in the order drawn: the
        first column alone is a Gumbel-max sample.

    Raises
    ------
    ValueError
        As `gumbel_max_sample`; if `k` is not a whole number ≥ 1, or exceeds the number of tokens
        with nonzero probability.
    TypeError
        If `rng` is not a ``numpy.random.Generator``.

    Notes
    -----
    Sorting one set of noisy logits gives the same distribution as drawing a token, removing it,
    renormalising and drawing again, k times: given which token has the largest noisy logit, the
    others' noisy logits are still independent Gumbels shifted by their log-probabilities [1]_.

    References
    ----------
    .. [1] W. Kool, H. van Hoof, M. Welling, "Stochastic beams and where to find them: the
       Gumbel-top-k trick for sampling sequences without replacement", ICML 2019, arXiv:1903.06059.
    .. [2] T. Vieira, "Gumbel-max trick and weighted reservoir sampling", 2014,
       https://timvieira.github.io/blog/post/2014/08/01/gumbel-max-trick-and-weighted-reservoir-sampling/

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> draw = gumbel_top_k([2.0, 1.0, 0.1, -1.0], k=3, rng=rng)
    >>> draw.shape, len(set(draw.tolist()))
    ((3,), 3)
    >>> gumbel_top_k([2.0, 1.0, 0.1, -1.0], k=2, rng=rng, temperature=0.001)  # the two largest
    array([0, 1])
    """
    beta_value = resolve_beta(beta=beta, temperature=temperature)
    draws = _check_count(k, name="k", what="tokens")
    count = _check_size(size, allow_none=True)
    generator = _check_rng(rng)
    log_p = _log_probabilities(z, beta_value)
    possible = int(np.count_nonzero(log_p > -math.inf))
    if draws > possible:
        msg = (
            f"k = {draws} distinct tokens cannot be drawn: only {possible} of the {log_p.size} tokens "
            "have a nonzero probability at this temperature."
        )
        raise ValueError(msg)
    noisy = generator.gumbel(size=(1 if count is None else count, log_p.size))
    noisy += log_p
    # The k largest, unordered (linear time), then ordered among themselves.
    top = np.argpartition(-noisy, draws - 1, axis=1)[:, :draws]
    order = np.argsort(-np.take_along_axis(noisy, top, axis=1), axis=1)
    rows = np.take_along_axis(top, order, axis=1)
    return rows[0] if count is None else rows


# --- What comes out: diversity and the distance from theory ------------------------------------------


class Diversity(NamedTuple):
    r"""How spread a next-token distribution is: the entropy, e^H and the kept-set size (see `diversity`).

    .. math:: V_{\text{eff}} = e^{H}

    Examples
    --------
    >>> Diversity(entropy=0.0, effective_vocabulary=1.0, kept=1).kept
    1
    """

    #: Shannon entropy H in nats.
    entropy: float
    #: e^H, the perplexity: the number of equally likely tokens with the same entropy.
    effective_vocabulary: float
    #: The number of tokens with nonzero probability.
    kept: int


def diversity(p: ArrayLike) -> Diversity:
    r"""Entropy, effective vocabulary e^H and kept-set size of one probability vector.

    .. math::

        H = -\sum_i p_i \log p_i, \qquad V_{\text{eff}} = e^{H}, \qquad |S| = \#\{i : p_i > 0\},
        \qquad 1 \le e^{H} \le |S|

    Parameters
    ----------
    p : array_like
        One probability vector (non-negative, summing to 1 within 1e-6).

    Returns
    -------
    Diversity
        ``(entropy, effective_vocabulary, kept)``. e^H equals |S| exactly when p is uniform over
        its kept tokens, and 1 when one token has all the mass.

    Raises
    ------
    ValueError
        As `entropy`, or if `p` is not 1-d.

    References
    ----------
    .. [1] F. Jelinek, R. L. Mercer, L. R. Bahl, J. K. Baker, "Perplexity — a measure of the
       difficulty of speech recognition tasks", J. Acoust. Soc. Am. 62(S1), 1977.

    Examples
    --------
    >>> diversity([0.25, 0.25, 0.25, 0.25, 0.0])
    Diversity(entropy=1.3862943611198906, effective_vocabulary=4.0, kept=4)
    >>> diversity([1.0, 0.0])
    Diversity(entropy=0.0, effective_vocabulary=1.0, kept=1)
    """
    probabilities, _ = as_probabilities(p, axis=-1)
    if probabilities.ndim != 1:
        msg = f"diversity takes one probability vector (1-d), got an array of shape {probabilities.shape}."
        raise ValueError(msg)
    h = float(entropy(probabilities))
    return Diversity(h, math.exp(h), int(np.count_nonzero(probabilities)))


def total_variation(p: ArrayLike, q: ArrayLike) -> float:
    r"""The total variation distance between two distributions on the same K outcomes.

    .. math:: \delta(p, q) = \tfrac12 \sum_{i=1}^{K} |p_i - q_i| = \max_{A} |p(A) - q(A)|

    Parameters
    ----------
    p, q : array_like
        Two probability vectors of the same length (non-negative, summing to 1 within 1e-6),
        e.g. the exact probabilities and the frequencies of N draws.

    Returns
    -------
    float
        In [0, 1]: 0 for equal distributions, 1 for disjoint supports.

    Raises
    ------
    ValueError
        If either is not a probability vector, or their shapes differ.

    Examples
    --------
    >>> total_variation([0.5, 0.5, 0.0], [0.25, 0.5, 0.25])
    0.25
    >>> total_variation([1.0, 0.0], [0.0, 1.0])
    1.0
    """
    first, _ = as_probabilities(p, axis=-1)
    second, _ = as_probabilities(q, axis=-1)
    if first.ndim != 1 or first.shape != second.shape:
        msg = (
            "p and q must be two probability vectors of the same length, "
            f"got shapes {first.shape} and {second.shape}."
        )
        raise ValueError(msg)
    return 0.5 * math.fsum(np.abs(first - second).tolist())


def expected_total_variation(p: ArrayLike, size: int) -> float:
    r"""The mean total variation between p and the frequencies of `size` draws from it, for large N.

    .. math::

        \mathbb{E}\, \delta(\hat p_N, p) \approx \sum_{i=1}^{K} \sqrt{\frac{p_i (1 - p_i)}{2 \pi N}}
        \;\propto\; \frac{1}{\sqrt N}

    Parameters
    ----------
    p : array_like
        One probability vector.
    size : int
        The number of draws N ≥ 1.

    Returns
    -------
    float
        The large-N approximation of the expected distance.

    Raises
    ------
    ValueError
        If `p` is not a probability vector or `size` is not a positive whole number.

    Notes
    -----
    Each frequency :math:`\hat p_i` is binomial over N with variance p_i(1 − p_i)/N and, by the
    central limit theorem, nearly normal; a normal deviation of standard deviation σ has mean size
    :math:`\sigma\sqrt{2/\pi}`. The approximation overestimates a little when N p_i is small.

    Examples
    --------
    >>> round(expected_total_variation([0.5, 0.5], 100), 6)  # 2 · sqrt(0.25 / (200 π))
    0.039894
    >>> round(expected_total_variation([0.5, 0.5], 10_000) / expected_total_variation([0.5, 0.5], 100), 6)
    0.1
    """
    probabilities, _ = as_probabilities(p, axis=-1)
    count = _check_count(size, name="size", what="draws")
    # p(1 − p) ≥ 0, but a p that rounds an ulp above 1 would make it −2e-16: clip, never sqrt(−x).
    variances = np.clip(probabilities * (1.0 - probabilities), 0.0, None)
    return math.fsum(np.sqrt(variances).ravel().tolist()) / math.sqrt(2.0 * math.pi * count)
