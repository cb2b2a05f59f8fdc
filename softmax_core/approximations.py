r"""Cheaper stand-ins for a softmax over a huge vocabulary: a two-level softmax and a sampled softmax.

The probability of one token, :math:`p_t = e^{z_t} / \sum_{j=1}^{K} e^{z_j}`, needs the normaliser,
and the normaliser touches every one of the K logits: with K = 50 000 tokens that is most of the work
of a language model's last layer. Two classic ways around it, and what each gives up:

- **Two-level (hierarchical) softmax**: put the tokens in C clusters; the model scores the clusters
  and, within the chosen cluster, its tokens: :math:`p_t = P(c(t)) \, P(t \mid c(t))`. One token's
  probability touches C + K/C numbers (about 2√K). It gives up the flat model: the clusters are fixed
  in advance and every token's probability factors through its cluster's, so a poor clustering
  costs accuracy; and the full distribution (to sample with temperature and top-p, say) still
  touches all K tokens.
- **Sampled softmax**: estimate the normaliser from S randomly drawn tokens. It touches S + 1
  logits. It gives up exactness: the estimate of :math:`\log p_t` is biased (too high, by Jensen's
  inequality) and noisy, and badly so when a few tokens hold most of the mass and the draw misses
  them. It is a training-time trick: it yields no distribution to sample from.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_logits, raise_nan
from ._typing import FloatArray
from .functions import log_softmax, logsumexp
from .sampling import _check_count, _check_rng

__all__ = [
    "cluster_logsumexp",
    "sampled_log_probability",
    "two_level_log_probability",
    "two_level_log_softmax",
]


def _vector(values: ArrayLike, *, name: str, check_nan: bool = True) -> FloatArray:
    """One non-empty vector of logits; NaN refused unless the caller checks only the entries it reads."""
    vector, _ = as_logits(values, axis=-1, name=name)
    if vector.ndim != 1:
        msg = f"{name} must be one vector of logits (1-d), got an array of shape {vector.shape}."
        raise ValueError(msg)
    if check_nan and np.isnan(vector).any():
        raise_nan(vector, name=name)
    return vector


def _refuse_nan(read: FloatArray, *, name: str) -> None:
    """NaN among the entries read: the cheap functions never look at the rest, so they check only these."""
    if np.isnan(read).any():
        msg = f"{name} contains NaN (not a number) among the logits read; every entry must be a number."
        raise ValueError(msg)


def _clusters(tokens: int, cluster_size: object) -> tuple[int, int]:
    """(B, C): the cluster size, checked, and the number of clusters ⌈K / B⌉."""
    size = _check_count(cluster_size, name="cluster_size", what="tokens per cluster")
    return size, -(-tokens // size)


def _check_target(target: object, tokens: int) -> int:
    index = int(target) if isinstance(target, numbers.Integral) and not isinstance(target, bool) else -1
    if not 0 <= index < tokens:
        msg = f"target must be a token index in [0, {tokens}), got {target!r}."
        raise ValueError(msg)
    return index


def _two_level_inputs(
    cluster_logits: ArrayLike, token_logits: ArrayLike, cluster_size: object, *, check_nan: bool = True
) -> tuple[FloatArray, FloatArray, int]:
    tokens = _vector(token_logits, name="token_logits", check_nan=check_nan)
    clusters = _vector(cluster_logits, name="cluster_logits")
    size, count = _clusters(tokens.size, cluster_size)
    if clusters.size != count:
        msg = (
            f"cluster_logits must hold one score per cluster: {tokens.size} tokens in clusters of "
            f"{size} make {count} clusters, got {clusters.size} scores."
        )
        raise ValueError(msg)
    return clusters, tokens, size


def cluster_logsumexp(z: ArrayLike, *, cluster_size: int) -> FloatArray:
    r"""The log-sum-exp of each cluster of consecutive tokens: the cluster scores that make a two-level
    softmax equal the flat one.

    .. math::

        s_c = \log \sum_{t \in c} e^{z_t}, \qquad c = \{cB, \dots, \min(cB + B, K) - 1\}

    Parameters
    ----------
    z : array_like
        One vector of K token logits.
    cluster_size : int
        B, the tokens per cluster (the last cluster may be smaller).

    Returns
    -------
    numpy.ndarray
        The ⌈K/B⌉ cluster scores.

    Raises
    ------
    ValueError
        If `z` is not one vector without NaN, or `cluster_size` is not a whole number ≥ 1.

    Notes
    -----
    With these scores, :math:`P(c) P(t \mid c) = p_t` exactly; but computing them touches all K
    logits, which is the cost the two-level softmax exists to avoid. A trained two-level model
    learns its own cluster scores instead, and they are not these.

    Examples
    --------
    >>> cluster_logsumexp([0.0, 0.0, 1.0, 1.0, 5.0], cluster_size=2).round(4)
    array([0.6931, 1.6931, 5.    ])
    """
    tokens = _vector(z, name="z")
    size, count = _clusters(tokens.size, cluster_size)
    padded = np.full(count * size, -math.inf)
    padded[: tokens.size] = tokens
    return np.asarray(logsumexp(padded.reshape(count, size), axis=1))


def two_level_log_softmax(
    cluster_logits: ArrayLike, token_logits: ArrayLike, *, cluster_size: int
) -> FloatArray:
    r"""The log-probabilities of every token under a two-level (hierarchical) softmax.

    .. math::

        \log p_t = \log \operatorname{softmax}(s)_{c(t)}
                 + \log \operatorname{softmax}(z_{c(t)})_{t}, \qquad c(t) = \lfloor t / B \rfloor

    Parameters
    ----------
    cluster_logits : array_like
        s, one score per cluster (⌈K/B⌉ of them).
    token_logits : array_like
        z, one score per token (K); each is compared only with the tokens of its own cluster.
    cluster_size : int
        B, the tokens per cluster: tokens cB … cB + B − 1 form cluster c.

    Returns
    -------
    numpy.ndarray
        K log-probabilities; their exponentials sum to 1.

    Raises
    ------
    ValueError
        If either input is not a vector without NaN, `cluster_size` is not a whole number ≥ 1, or
        the number of cluster scores is not ⌈K/B⌉.

    Notes
    -----
    The full distribution touches all K token logits, like the flat softmax: the saving is only for
    one token's probability (`two_level_log_probability`) and for sampling, which draws a cluster
    (C numbers) and then a token within it (B numbers).

    References
    ----------
    .. [1] J. Goodman, "Classes for fast maximum entropy training", ICASSP 2001, arXiv:cs/0108006.
    .. [2] F. Morin, Y. Bengio, "Hierarchical probabilistic neural network language model",
       AISTATS 2005.

    Examples
    --------
    >>> z = np.array([0.0, 1.0, 2.0, 3.0])
    >>> s = cluster_logsumexp(z, cluster_size=2)  # the exact cluster scores
    >>> bool(np.allclose(two_level_log_softmax(s, z, cluster_size=2), log_softmax(z)))
    True
    >>> np.exp(two_level_log_softmax([0.0, 0.0], z, cluster_size=2)).round(3)  # equal clusters
    array([0.134, 0.366, 0.134, 0.366])
    """
    clusters, tokens, size = _two_level_inputs(cluster_logits, token_logits, cluster_size)
    count = clusters.size
    padded = np.full(count * size, -math.inf)
    padded[: tokens.size] = tokens
    within = log_softmax(padded.reshape(count, size), axis=1)
    return (within + log_softmax(clusters)[:, None]).ravel()[: tokens.size]


def two_level_log_probability(
    cluster_logits: ArrayLike, token_logits: ArrayLike, target: int, *, cluster_size: int
) -> float:
    r"""log p of one token under a two-level softmax, touching C + B numbers instead of K.

    .. math::

        \log p_t = s_{c} - \log \sum_{c'=1}^{C} e^{s_{c'}} + z_t - \log \sum_{u \in c} e^{z_u},
        \qquad c = \lfloor t / B \rfloor

    Parameters
    ----------
    cluster_logits, token_logits, cluster_size
        As `two_level_log_softmax`.
    target : int
        The token t, an index in [0, K).

    Returns
    -------
    float
        :math:`\log p_t`, equal to ``two_level_log_softmax(...)[target]``.

    Raises
    ------
    ValueError
        As `two_level_log_softmax` (NaN only among the logits read), or if `target` is not a token
        index.

    Notes
    -----
    With C = B = √K this reads about 2√K numbers: 2 000 instead of 1 000 000 at K = 10⁶. The two
    log-sum-exps are the core's (shifted by their max, so nothing overflows).

    Examples
    --------
    >>> z = np.array([0.0, 1.0, 2.0, 3.0])
    >>> print(round(two_level_log_probability([0.0, 0.0], z, 3, cluster_size=2), 6))  # log(0.5 · 0.731)
    -1.006409
    """
    # Only the target's cluster is read, so only it is checked for NaN: the point is not to touch all K.
    clusters, tokens, size = _two_level_inputs(cluster_logits, token_logits, cluster_size, check_nan=False)
    t = _check_target(target, tokens.size)
    c = t // size
    block = tokens[c * size : (c + 1) * size]
    _refuse_nan(block, name="token_logits")
    return float(clusters[c] - logsumexp(clusters) + tokens[t] - logsumexp(block))


def sampled_log_probability(z: ArrayLike, target: int, *, samples: int, rng: np.random.Generator) -> float:
    r"""An estimate of log p of one token from S randomly drawn other tokens (sampled softmax).

    .. math::

        \widehat{\log p_t} = z_t - \log\Bigl(e^{z_t} + \frac{K - 1}{S} \sum_{s=1}^{S} e^{z_{j_s}}\Bigr),
        \qquad j_s \sim \mathcal{U}\{1, \dots, K\} \setminus \{t\}

    Parameters
    ----------
    z : array_like
        One vector of K ≥ 2 logits (only S + 1 of them are read).
    target : int
        The token t, an index in [0, K).
    samples : int
        S, how many other tokens to draw (with replacement), at least 1.
    rng : numpy.random.Generator
        The source of randomness.

    Returns
    -------
    float
        The estimate; its error shrinks like 1/√S.

    Raises
    ------
    ValueError
        If `z` is not one vector of at least 2 logits, a logit read is NaN, `target` is not a token
        index, or `samples` is not a whole number ≥ 1.
    TypeError
        If `rng` is not a ``numpy.random.Generator``.

    Notes
    -----
    The bracket is an unbiased estimate of the normaliser Z (each draw's :math:`(K-1)e^{z_j}` has
    mean :math:`\sum_{j \ne t} e^{z_j}`), but its logarithm is not: by Jensen's inequality
    :math:`\mathbb{E}\log\hat Z \le \log Z`, so the estimate of log p is too high on average. With a
    uniform proposal the variance is large when a few logits dominate; practical versions draw
    from a unigram proposal and correct by its probabilities [1]_. The sum is a log-sum-exp
    (shifted by its max), so large logits do not overflow. Only the S + 1 logits read are checked
    for NaN, so the cost does not grow with K.

    References
    ----------
    .. [1] S. Jean, K. Cho, R. Memisevic, Y. Bengio, "On using very large target vocabulary for
       neural machine translation", ACL 2015, arXiv:1412.2007.
    .. [2] Y. Bengio, J.-S. Senécal, "Adaptive importance sampling to accelerate training of a
       neural probabilistic language model", IEEE Trans. Neural Networks 19(4), 2008.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> z = rng.normal(size=100_000)
    >>> exact = float(log_softmax(z)[7])
    >>> estimate = sampled_log_probability(z, 7, samples=2_000, rng=rng)
    >>> abs(estimate - exact) < 0.05
    True
    """
    logits = _vector(z, name="z", check_nan=False)
    if logits.size < 2:
        msg = "A sampled softmax needs at least 2 tokens: the target and one other to draw."
        raise ValueError(msg)
    t = _check_target(target, logits.size)
    count = _check_count(samples, name="samples", what="drawn tokens")
    generator = _check_rng(rng)
    drawn = generator.integers(0, logits.size - 1, size=count)
    drawn += drawn >= t  # skip the target: uniform over the K − 1 others
    read = logits[drawn]
    _refuse_nan(read, name="z")
    _refuse_nan(logits[t : t + 1], name="z")
    # log((K − 1)/S · Σ e^{z_j}) as one log-sum-exp with the weight folded into the exponents.
    others = logsumexp(read) + math.log((logits.size - 1) / count)
    return float(logits[t] - np.logaddexp(logits[t], others))
