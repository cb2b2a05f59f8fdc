r"""A word-level n-gram language model whose logits are log smoothed counts, to generate text with.

The model counts, in a training text, how often each word follows each context of the n − 1 words
before it. Its logits for the next word are the logarithms of those counts, smoothed so that no
word is impossible; softmax of the logits at T = 1 gives back the smoothed relative frequencies,
and any sampler setting of `sampling.sampler_probabilities` can then be used to generate text.

The training text can be any string; `python_docs_text` returns the prose of the Python
documentation that ships with Python itself (the standard library's ``pydoc_data.topics``), so
nothing has to be downloaded. Building a trigram model of it takes a few tens of milliseconds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from ._typing import FloatArray
from .sampling import _chain_probabilities, _check_count, _check_rng, _settings

__all__ = [
    "Generation",
    "NGramModel",
    "build_ngram_model",
    "detokenize",
    "distinct_ngrams",
    "generate",
    "ngram_logits",
    "python_docs_text",
    "tokenize",
]

# A word (with inner hyphens or apostrophes, so "built-in" and "don't" stay whole), or one mark.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_NO_SPACE_BEFORE = frozenset(".,;:!?)]}'%")
_NO_SPACE_AFTER = frozenset("([{")
# Lines of the documentation that are not prose: RST underlines, table rules and table rows.
_RULE = re.compile(r"^([\s*=\-~^+|]+|[|+].*)$")
# Markup marks inside prose lines: "quoted names" and *emphasis*.
_MARKUP = re.compile(r"[\"“”*`]")


def tokenize(text: str) -> list[str]:
    r"""Split text into word and punctuation tokens.

    A token is a run of letters, digits and underscores, with inner hyphens or apostrophes kept
    (``built-in``, ``don't``), or a single other non-space character.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        The tokens in order; no whitespace is kept.

    Raises
    ------
    TypeError
        If `text` is not a string.

    Examples
    --------
    >>> tokenize("A built-in object, e.g. None.")
    ['A', 'built-in', 'object', ',', 'e', '.', 'g', '.', 'None', '.']
    """
    if not isinstance(text, str):
        msg = f"text must be a string, not {type(text).__name__}."
        raise TypeError(msg)
    return _TOKEN.findall(text)


def detokenize(tokens: Sequence[str]) -> str:
    r"""Join tokens into readable text: spaces between words, none before closing punctuation.

    Parameters
    ----------
    tokens : sequence of str
        Tokens as `tokenize` makes them.

    Returns
    -------
    str
        The text; ``detokenize(tokenize(s))`` is s with its spacing normalised.

    Examples
    --------
    >>> detokenize(["The", "list", "(", "or", "tuple", ")", "is", "empty", "."])
    'The list (or tuple) is empty.'
    """
    parts: list[str] = []
    for token in tokens:
        if parts and token not in _NO_SPACE_BEFORE and parts[-1] not in _NO_SPACE_AFTER:
            parts.append(" ")
        parts.append(token)
    return "".join(parts)


def python_docs_text() -> str:
    r"""The prose of the Python documentation shipped with Python (``pydoc_data.topics``).

    The topics are the pages ``help()`` shows for keywords and symbols (``help("assert")``). Code,
    grammar and tables (indented lines), RST underlines, quotes and emphasis marks are dropped, so
    the text is the English of the reference manual.

    Returns
    -------
    str
        About 300 000 characters on Python 3.11 (the amount varies a little between versions):
        one paragraph per line.

    Examples
    --------
    >>> text = python_docs_text()
    >>> len(text) > 100_000, "statement" in text
    (True, True)
    """
    # Imported here, not at the top: half a megabyte of text that only the model builder needs.
    from pydoc_data.topics import topics

    paragraphs: list[str] = []
    for _, page in sorted(topics.items()):
        lines: list[str] = []
        for line in page.splitlines():
            if not line.strip() or line.startswith(" ") or _RULE.match(line):
                if lines:
                    paragraphs.append(" ".join(lines))
                    lines = []
                continue
            lines.append(_MARKUP.sub("", line).strip())
        if lines:
            paragraphs.append(" ".join(lines))
    return "\n".join(paragraphs)


@dataclass(frozen=True)
class _Level:
    """The counts of one order n ≥ 2, sorted by context so each context's words are one slice."""

    contexts: NDArray[np.int64]  # each context's key, sorted
    starts: NDArray[np.int64]  # where its words begin in ``words``
    types: NDArray[np.int64]  # N₁₊(c·): how many different words follow it
    totals: FloatArray  # c(c·): how many times it is followed by a word
    words: NDArray[np.int64]  # the words following each context, context by context
    counts: FloatArray  # c(c w), aligned with ``words``


@dataclass(frozen=True, eq=False)
class NGramModel:
    r"""A word n-gram model with Witten–Bell smoothing: its counts (build it with `build_ngram_model`).

    .. math:: P(w \mid h) = \operatorname{softmax}(z)_w, \qquad z = \text{`ngram_logits`}(h)

    Examples
    --------
    >>> build_ngram_model("a b a c", order=2).order
    2
    """

    #: n: the model sees the n − 1 words before the next one.
    order: int
    #: The words it knows, in order of first appearance; logits are indexed like this.
    vocabulary: tuple[str, ...]
    #: word → its index in `vocabulary`.
    index: dict[str, int]
    #: c(w): how often each word occurs in the training text.
    unigram_counts: FloatArray
    #: The counts of orders 2 … n.
    levels: tuple[_Level, ...]


def build_ngram_model(text: str | Sequence[str], *, order: int = 3) -> NGramModel:
    r"""Count the n-grams of a text: the model behind `ngram_logits`.

    .. math::

        c(w_{1} \dots w_{m}) = \#\{t : (x_t, \dots, x_{t+m-1}) = (w_1, \dots, w_m)\},
        \qquad m = 1, \dots, n

    Parameters
    ----------
    text : str or sequence of str
        The training text, or its tokens (a string is split by `tokenize`). At least `order`
        tokens.
    order : int, optional
        n, at least 1 (default 3, a trigram model: the next word given the two before it).

    Returns
    -------
    NGramModel
        The counts, sorted for lookups by context.

    Raises
    ------
    ValueError
        If `order` is not a whole number ≥ 1, the text has fewer than `order` tokens, or the
        vocabulary is so large that the keys of n words overflow 64 bits (V^n ≥ 2^63).

    Notes
    -----
    Each n-gram is encoded as one integer, its words' indices as digits in base V, so counting is
    one ``np.unique`` per order: a trigram model of 100 000 tokens builds in about 30 ms.

    Examples
    --------
    >>> model = build_ngram_model("the cat sat . the cat ran .", order=2)
    >>> model.vocabulary
    ('the', 'cat', 'sat', '.', 'ran')
    >>> model.unigram_counts
    array([2., 2., 1., 2., 1.])
    """
    n = _check_count(order, name="order", what="words (n of the n-gram)")
    tokens = tokenize(text) if isinstance(text, str) else [str(token) for token in text]
    if len(tokens) < n:
        msg = f"The text has {len(tokens)} tokens; an order-{n} model needs at least {n}."
        raise ValueError(msg)
    index: dict[str, int] = {}
    ids = np.fromiter((index.setdefault(token, len(index)) for token in tokens), dtype=np.int64)
    size = len(index)
    if n * math.log2(max(size, 2)) >= 63:
        msg = f"A vocabulary of {size} words is too large for keys of {n} words in 64 bits; lower the order."
        raise ValueError(msg)
    levels = []
    for m in range(2, n + 1):
        keys = np.zeros(ids.size - m + 1, dtype=np.int64)
        for offset in range(m):
            keys = keys * size + ids[offset : offset + keys.size]
        grams, counts = np.unique(keys, return_counts=True)
        contexts, starts, types = np.unique(grams // size, return_index=True, return_counts=True)
        weights = counts.astype(np.float64)
        levels.append(
            _Level(
                contexts=contexts,
                starts=starts.astype(np.int64),
                types=types.astype(np.int64),
                totals=np.add.reduceat(weights, starts),
                words=grams % size,
                counts=weights,
            )
        )
    return NGramModel(
        order=n,
        vocabulary=tuple(index),
        index=index,
        unigram_counts=np.bincount(ids, minlength=size).astype(np.float64),
        levels=tuple(levels),
    )


def _context_ids(model: NGramModel, context: Sequence[str]) -> list[int]:
    """The indices of the last n − 1 context words; −1 for a word the model never saw."""
    words = list(context)
    tail = words[max(0, len(words) - (model.order - 1)) :] if model.order > 1 else []
    return [model.index.get(word, -1) for word in tail]


def _smoothed_counts(model: NGramModel, ids: Sequence[int]) -> FloatArray:
    """The Witten–Bell smoothed counts at the longest context of ``ids`` the training text holds."""
    size = len(model.vocabulary)
    counts = model.unigram_counts
    probabilities = counts / counts.sum()
    for m, level in enumerate(model.levels, start=2):
        context = ids[len(ids) - (m - 1) :] if len(ids) >= m - 1 else None
        if context is None or min(context, default=0) < 0:
            break
        key = 0
        for word in context:
            key = key * size + word
        where = int(np.searchsorted(level.contexts, key))
        if where == level.contexts.size or level.contexts[where] != key:
            break  # an unseen context: the shorter one's estimate stands
        start, types = int(level.starts[where]), int(level.types[where])
        counts = types * probabilities
        counts[level.words[start : start + types]] += level.counts[start : start + types]
        probabilities = counts / (level.totals[where] + types)
    return counts


def ngram_logits(model: NGramModel, context: Sequence[str]) -> FloatArray:
    r"""The model's logits for the next word: the log of its smoothed counts after `context`.

    .. math::

        z_w = \log \tilde c(h\, w), \qquad
        \tilde c(h\, w) = c(h\, w) + N_{1+}(h\,\cdot)\; P(w \mid h'), \qquad
        P(w \mid h) = \frac{\tilde c(h\, w)}{c(h\,\cdot) + N_{1+}(h\,\cdot)}

    with h the last n − 1 words, h' the last n − 2 (recursively down to
    :math:`P(w) = c(w) / N`), :math:`c(h\,\cdot)` how often h is followed by a word and
    :math:`N_{1+}(h\,\cdot)` by how many different words. So softmax(z) = P(w | h).

    Parameters
    ----------
    model : NGramModel
        From `build_ngram_model`.
    context : sequence of str
        The words so far (tokens); only the last n − 1 are used, and fewer are fine.

    Returns
    -------
    numpy.ndarray
        float64, one finite logit per word of ``model.vocabulary``.

    Notes
    -----
    Witten–Bell smoothing gives a context the more weight for unseen words the more different
    words it has been seen with; the pseudo-counts :math:`N_{1+} P(w \mid h')` make every word of
    the vocabulary possible, so every logit is finite. A context the text never holds (or that
    has an unknown word) backs off to the longest shorter context it does hold.

    References
    ----------
    .. [1] I. H. Witten, T. C. Bell, "The zero-frequency problem: estimating the probabilities of
       novel events in adaptive text compression", IEEE Trans. Inf. Theory 37(4), 1991.
    .. [2] S. F. Chen, J. Goodman, "An empirical study of smoothing techniques for language
       modeling", Computer Speech & Language 13(4), 1999, §2.5.
    .. [3] D. Jurafsky, J. H. Martin, *Speech and Language Processing*, 3rd ed. draft, ch. 3.

    Examples
    --------
    >>> model = build_ngram_model("the cat sat . the cat ran .", order=2)
    >>> z = ngram_logits(model, ["the"])  # "the" was followed by "cat" twice, by 1 type
    >>> np.exp(z).round(3)  # the smoothed counts: 2 + 1 · P(w)
    array([0.25 , 2.25 , 0.125, 0.25 , 0.125])
    """
    return np.log(_smoothed_counts(model, _context_ids(model, context)))


class Generation(NamedTuple):
    r"""Text generated by `generate`: the tokens, and their log-likelihoods under the model.

    .. math:: \bar\ell = \frac{1}{M} \sum_{t=1}^{M} \log P(x_t \mid x_{<t})

    Examples
    --------
    >>> out = Generation(("a", "b"), np.log([0.5, 0.25]))
    >>> print(out.log_likelihoods.mean().round(4))  # the mean log-likelihood, its quality
    -1.0397
    """

    #: The generated tokens (not the prompt).
    tokens: tuple[str, ...]
    #: log P(token | context) of each under the model itself (T = 1, no truncation), in nats.
    log_likelihoods: FloatArray


def generate(
    model: NGramModel,
    prompt: str | Sequence[str],
    *,
    length: int,
    rng: np.random.Generator,
    temperature: float | None = None,
    beta: float | None = None,
    top_k: int | None = None,
    top_p: float | None = None,
    min_p: float | None = None,
    temperature_last: bool = False,
) -> Generation:
    r"""Continue a prompt by `length` tokens, each drawn by the sampler chain from the model's logits.

    .. math::

        x_{t+1} \sim p_{\text{sampler}}\bigl(z(x_{t-n+2} \dots x_t)\bigr), \qquad
        \ell_{t+1} = \log \operatorname{softmax}\bigl(z(x_{t-n+2} \dots x_t)\bigr)_{x_{t+1}}

    Parameters
    ----------
    model : NGramModel
        From `build_ngram_model`.
    prompt : str or sequence of str
        The text to continue (a string is split by `tokenize`); may be empty.
    length : int
        M, the number of tokens to generate (≥ 1).
    rng : numpy.random.Generator
        The source of randomness; the same seed and settings give the same text.
    temperature, beta, top_k, top_p, min_p, temperature_last
        The sampler settings, as `sampling.sampler_probabilities`.

    Returns
    -------
    Generation
        The M tokens and their log-likelihoods under the model (its quality measure: close to 0
        for predictable text, very negative for gibberish).

    Raises
    ------
    ValueError
        As `sampler_probabilities`, or if `length` is not a positive whole number.
    TypeError
        If `rng` is not a ``numpy.random.Generator``.

    Notes
    -----
    Each token is one draw by inverse CDF (a uniform number placed on the running total of p),
    exactly as likely as a Gumbel-max draw and cheaper for a single draw. At T = 0 the text is
    deterministic and soon repeats itself in a loop; at large T it becomes a uniform draw from the
    vocabulary, gibberish.

    Examples
    --------
    >>> model = build_ngram_model("the cat sat . the cat sat . the dog ran .", order=2)
    >>> out = generate(model, "the", length=3, rng=np.random.default_rng(0), temperature=0)
    >>> out.tokens  # greedy: the most frequent continuation every time
    ('cat', 'sat', '.')
    """
    settings = _settings(temperature, beta, top_k, top_p, min_p, temperature_last)
    steps = _check_count(length, name="length", what="tokens")
    generator = _check_rng(rng)
    words = tokenize(prompt) if isinstance(prompt, str) else [str(word) for word in prompt]
    ids = _context_ids(model, words)
    tokens: list[str] = []
    log_likelihoods = np.empty(steps)
    for step in range(steps):
        counts = _smoothed_counts(model, ids)
        p = _chain_probabilities(np.log(counts), settings)
        # One draw by inverse CDF: one uniform number, where Gumbel-max needs K. A token with p = 0
        # adds nothing to the running total, so no u can land on it.
        total = np.cumsum(p)
        word = min(int(np.searchsorted(total, generator.random() * total[-1], side="right")), p.size - 1)
        while p[word] == 0:  # only if u · total rounded up to the total: take the last possible token
            word -= 1
        # The smoothed counts are positive, and softmax of their logs is their share of the total.
        log_likelihoods[step] = math.log(counts[word]) - math.log(counts.sum())
        tokens.append(model.vocabulary[word])
        ids = [*ids, word][max(0, len(ids) + 2 - model.order) :] if model.order > 1 else []
    return Generation(tuple(tokens), log_likelihoods)


def distinct_ngrams(tokens: Sequence[str], *, n: int = 2) -> float:
    r"""The share of distinct n-grams in a text, a measure of its diversity (distinct-n).

    .. math::

        \text{distinct-}n = \frac{\#\{\text{different } n\text{-grams}\}}{\#\{n\text{-grams}\}}

    Parameters
    ----------
    tokens : sequence of str
        The text as tokens.
    n : int, optional
        The length of the n-grams (default 2: bigrams).

    Returns
    -------
    float
        In (0, 1]: 1 when no n-gram repeats, small for text caught in a loop; NaN-free: a text
        shorter than n has no n-grams and raises.

    Raises
    ------
    ValueError
        If `n` is not a whole number ≥ 1 or the text has fewer than n tokens.

    References
    ----------
    .. [1] J. Li, M. Galley, C. Brockett, J. Gao, B. Dolan, "A diversity-promoting objective
       function for neural conversation models", NAACL 2016, arXiv:1510.03055.

    Examples
    --------
    >>> distinct_ngrams("the cat is the cat is the cat".split())  # 3 different of 7
    0.42857142857142855
    """
    size = _check_count(n, name="n", what="tokens per n-gram")
    words = list(tokens)
    if len(words) < size:
        msg = f"distinct-{size} needs at least {size} tokens, got {len(words)}."
        raise ValueError(msg)
    grams = [tuple(words[i : i + size]) for i in range(len(words) - size + 1)]
    return len(set(grams)) / len(grams)
