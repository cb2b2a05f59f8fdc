r"""Statistical physics: softmax is the Boltzmann distribution, with energies as negative logits.

A system with energy levels :math:`E_1, \dots, E_K` in equilibrium at temperature T occupies level
k with probability :math:`p_k \propto e^{-E_k / kT}`: softmax of :math:`-E` at temperature kT
(kT is the thermal energy, in the same units as E, so that E/kT is a pure number).

The functions of one state take the energies (a 1-d array, finite) and kT, which may be

- a number: the result is a scalar (`boltzmann`: a vector of K probabilities);
- a 1-d array of n values, for curves against temperature: one result per kT
  (`boltzmann`: an (n, K) array, row i at kT[i]).

kT may be 0 (the ground state(s), split equally), negative (a negative temperature: the highest
levels are the most populated, as in a population inversion) or ±inf (all levels equally likely);
these limits are exact. Entropy and heat capacity are in units of Boltzmann's constant k_B.

Two functions take the energies alone and look along the whole temperature axis:
`heat_capacity_peak` (where C(T) is largest) and `entropy_envelope` (the curve of (U, S) over every
kT of both signs).

Stable throughout: energies are measured from the ground level (the top level for kT < 0), so
every exponent :math:`-(E_k - E_\mathrm{ref})/kT` is ≤ 0, and Z is carried as its logarithm.

References
----------
.. [1] F. Reif, *Fundamentals of Statistical and Thermal Physics*, McGraw-Hill, 1965, ch. 6–7.
.. [2] C. Kittel, H. Kroemer, *Thermal Physics*, 2nd ed., Freeman, 1980, ch. 3 (negative
   temperature: appendix E).
"""

from __future__ import annotations

import math
import sys
from typing import NamedTuple, overload

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, position, raise_nan
from ._stable import log_sum_shifted
from ._typing import FloatArray, FloatOrArray

__all__ = [
    "EntropyEnvelope",
    "boltzmann",
    "entropy_envelope",
    "free_energy",
    "heat_capacity",
    "heat_capacity_peak",
    "log_partition_function",
    "mean_energy",
    "partition_function",
    "thermal_entropy",
]


class _Ensemble(NamedTuple):
    """The canonical ensemble at each kT (one row per kT, K columns per level)."""

    levels: FloatArray  # (K,): the energies
    kT: FloatArray  # (n, 1), −0.0 replaced by 0.0
    reference: FloatArray  # (n, 1): the lowest energy (the highest when kT < 0)
    gaps: FloatArray  # (n, K): E − reference, ±inf where that overflows
    y: FloatArray  # (n, K): −(E − reference)/kT ≤ 0, exactly 0 at the reference level
    p: FloatArray  # (n, K): the Boltzmann probabilities
    total: FloatArray  # (n,): Σ e^y = Z · e^{reference/kT}, in [1, K]
    log_total: FloatArray  # (n,): log Σ e^y, accurate when Σ e^y is close to 1
    scalar: bool  # kT was a number, not an array


def _energies(energies: ArrayLike) -> FloatArray:
    levels = as_float_array(energies, name="energies")
    if levels.ndim != 1 or levels.size == 0:
        msg = f"energies must be a non-empty 1-d array of energy levels, got shape {levels.shape}."
        raise ValueError(msg)
    if np.isnan(levels).any():
        raise_nan(levels, name="energies")
    infinite = np.isinf(levels)
    if infinite.any():
        where = position(np.argwhere(infinite)[0])
        msg = f"energies must be finite, but energies[{where}] is {levels[infinite][0]}."
        raise ValueError(msg)
    return levels


def _thermal_energies(kT: ArrayLike) -> tuple[FloatArray, bool]:
    values = as_float_array(kT, name="kT")
    if values.ndim > 1:
        msg = f"kT must be a number or a 1-d array of values, got shape {values.shape}."
        raise ValueError(msg)
    if np.isnan(values).any():
        raise_nan(np.atleast_1d(values), name="kT")
    # −0.0 is 0: the ground state, not the top level (a typed "0" has no sign).
    return np.where(values == 0, 0.0, np.atleast_1d(values)), values.ndim == 0


def _ensemble(energies: ArrayLike, kT: ArrayLike) -> _Ensemble:
    levels = _energies(energies)
    kT, scalar = _thermal_energies(kT)
    kT = kT[:, np.newaxis]
    reference = np.where(kT < 0, levels.max(), levels.min())
    with np.errstate(all="ignore"):
        gaps = levels - reference
        y = -gaps / kT
        overflowed = np.isinf(gaps)
        if overflowed.any():
            # Levels spanning more than 1.8e308: halving is exact and cannot overflow.
            y = np.where(overflowed, 2.0 * ((0.5 * reference - 0.5 * levels) / kT), y)
        # At kT = 0 the reference level is 0/0; its weight e^0 = 1 for every kT.
        y[levels == reference] = 0.0
        weights = np.exp(y)
        total = weights.sum(axis=1)
        p = weights / total[:, np.newaxis]
        log_total = log_sum_shifted(y, axis=1)[:, 0]
    return _Ensemble(levels, kT, reference, gaps, y, p, total, log_total, scalar)


def _result(values: FloatArray, ensemble: _Ensemble) -> FloatOrArray:
    """One value per kT: a NumPy scalar when kT was a number."""
    return values[0] if ensemble.scalar else values


def _mean_log_weight(ensemble: _Ensemble) -> FloatArray:
    """Σ p_k y_k ≤ 0, skipping the levels with p = 0 (where y may be −inf)."""
    populated = ensemble.p > 0
    mean: FloatArray = np.sum(ensemble.p * np.where(populated, ensemble.y, 0.0), axis=1)
    return mean


def boltzmann(energies: ArrayLike, kT: ArrayLike) -> FloatArray:
    r"""Boltzmann distribution over energy levels: the softmax of −E at temperature kT.

    .. math::

        p_k = \frac{e^{-E_k/kT}}{Z} = \sigma(-E / kT)_k,
        \qquad Z = \sum_{j=1}^{K} e^{-E_j/kT}

    Parameters
    ----------
    energies : array_like
        The K energy levels, 1-d, finite.
    kT : float or array_like
        Thermal energy (temperature times Boltzmann's constant), in the units of `energies`: a
        number, or a 1-d array for one distribution per value. 0, negative and ±inf allowed.

    Returns
    -------
    numpy.ndarray
        float64 probabilities: shape (K,) for a number kT, (len(kT), K) for an array.

    Raises
    ------
    ValueError
        If `energies` is empty, not 1-d, or not finite, or `kT` is NaN or more than 1-d.

    Notes
    -----
    Stable: the exponents are measured from the ground level, :math:`-(E_k - E_\min)/kT \le 0`.
    Exact limits: kT = 0 puts all the mass on the ground level(s), split equally when degenerate;
    kT < 0 favours the highest levels (kT → 0⁻: the top level); kT = ±inf gives 1/K each. Agrees
    with ``softmax(-energies, temperature=kT)`` to within rounding of the exponents.

    Examples
    --------
    >>> boltzmann([0.0, 1.0], 1.0).round(4)
    array([0.7311, 0.2689])
    >>> boltzmann([0.0, 0.0, 1.0], 0)
    array([0.5, 0.5, 0. ])
    >>> boltzmann([0.0, 1.0], [0.0, float("inf")])
    array([[1. , 0. ],
           [0.5, 0.5]])
    """
    ensemble = _ensemble(energies, kT)
    # One row when kT was a number.
    return ensemble.p[0] if ensemble.scalar else ensemble.p


@overload
def log_partition_function(energies: ArrayLike, kT: float) -> np.float64: ...
@overload
def log_partition_function(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray: ...
def log_partition_function(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray:
    r"""Logarithm of the partition function, log Z, finite where Z itself overflows.

    .. math::

        \log Z = \log \sum_{k=1}^{K} e^{-E_k/kT}
               = -\frac{E_\min}{kT} + \log \sum_{k=1}^{K} e^{-(E_k - E_\min)/kT}

    Parameters
    ----------
    energies : array_like
        The K energy levels, 1-d, finite.
    kT : float or array_like
        Thermal energy: a number or a 1-d array (0, negative and ±inf allowed).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        log Z, one per kT.

    Raises
    ------
    ValueError
        As `boltzmann`.

    Notes
    -----
    Stable: the ground level is taken out of the sum exactly (E_max when kT < 0), the rest lies in
    [1, K] and its log is computed as log1p. Limits: kT = ±inf gives log K; kT = 0 gives
    −E_min·∞ (±inf), or log g, the log of the ground-state degeneracy, when E_min = 0.

    Examples
    --------
    >>> print(log_partition_function([-1000.0, 0.0], 1.0))  # Z = e^1000 overflows, log Z does not
    1000.0
    >>> print(round(log_partition_function([0.0, 0.0, 5.0], 0), 6))  # log 2
    0.693147
    """
    ensemble = _ensemble(energies, kT)
    with np.errstate(all="ignore"):
        # −E_ref/kT, with 0/0 → 0: a level at energy 0 has weight 1 at every kT.
        offset = np.where(ensemble.reference == 0, 0.0, -ensemble.reference / ensemble.kT)[:, 0]
    return _result(offset + ensemble.log_total, ensemble)


@overload
def partition_function(energies: ArrayLike, kT: float) -> np.float64: ...
@overload
def partition_function(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray: ...
def partition_function(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray:
    r"""The partition function Z, the normaliser of the Boltzmann distribution.

    .. math:: Z = \sum_{k=1}^{K} e^{-E_k/kT} = e^{-E_\min/kT} \sum_{k=1}^{K} e^{-(E_k - E_\min)/kT}

    Parameters
    ----------
    energies : array_like
        The K energy levels, 1-d, finite.
    kT : float or array_like
        Thermal energy: a number or a 1-d array (0, negative and ±inf allowed).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        Z, one per kT; ``inf`` where it exceeds the largest float (use `log_partition_function`).

    Raises
    ------
    ValueError
        As `boltzmann`.

    Notes
    -----
    The sum after the ground level is factored out lies in [1, K]; only the factor
    :math:`e^{-E_\min/kT}` can overflow, and then Z is honestly inf (no warning). Limits: kT = ±inf
    gives K; kT = 0 gives 0, inf, or the degeneracy g of the ground level when E_min = 0.

    Examples
    --------
    >>> print(partition_function([0.0, 0.0, 1.0], float("inf")))
    3.0
    >>> print(partition_function([-1000.0, 0.0], 1.0))
    inf
    """
    ensemble = _ensemble(energies, kT)
    with np.errstate(all="ignore"):
        offset = np.where(ensemble.reference == 0, 0.0, -ensemble.reference / ensemble.kT)[:, 0]
        return _result(np.exp(offset) * ensemble.total, ensemble)


@overload
def free_energy(energies: ArrayLike, kT: float) -> np.float64: ...
@overload
def free_energy(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray: ...
def free_energy(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray:
    r"""Helmholtz free energy F = −kT log Z.

    .. math:: F = -kT \log Z = E_\min - kT \log \sum_{k=1}^{K} e^{-(E_k - E_\min)/kT}

    Parameters
    ----------
    energies : array_like
        The K energy levels, 1-d, finite.
    kT : float or array_like
        Thermal energy: a number or a 1-d array (0, negative and ±inf allowed).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        F in the units of `energies`, one per kT.

    Raises
    ------
    ValueError
        As `boltzmann`.

    Notes
    -----
    Stable: written as E_min minus kT times a logarithm of a number in [1, K], so neither Z nor
    E/kT is ever formed. Limits: kT = 0 gives E_min exactly; kT = +inf gives −inf (+inf for
    kT = −inf) when K > 1, since F ≈ E_min − kT log K; a single level has F = E at every kT.

    Examples
    --------
    >>> print(free_energy([1.0, 2.0], 0))
    1.0
    >>> print(round(free_energy([0.0, 0.0], 1.0), 6))  # −log 2
    -0.693147
    """
    ensemble = _ensemble(energies, kT)
    log_total = ensemble.log_total
    with np.errstate(all="ignore"):
        # kT·0 is 0 even at kT = ±inf: a single level keeps F = E.
        thermal = np.where(log_total == 0, 0.0, ensemble.kT[:, 0] * log_total)
        # Beyond −1.8e308 (a huge kT or a ground level near −1.8e308), F is honestly −inf.
        return _result(ensemble.reference[:, 0] - thermal, ensemble)


@overload
def mean_energy(energies: ArrayLike, kT: float) -> np.float64: ...
@overload
def mean_energy(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray: ...
def mean_energy(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray:
    r"""Mean (internal) energy U = ⟨E⟩ of the Boltzmann distribution.

    .. math:: U = \sum_{k=1}^{K} p_k E_k = E_\min + \sum_{k=1}^{K} p_k (E_k - E_\min)

    Parameters
    ----------
    energies : array_like
        The K energy levels, 1-d, finite.
    kT : float or array_like
        Thermal energy: a number or a 1-d array (0, negative and ±inf allowed).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        U in the units of `energies`, one per kT.

    Raises
    ------
    ValueError
        As `boltzmann`.

    Notes
    -----
    Measured from the ground level, so U = E_min exactly at kT = 0 (no rounding of p · E_min);
    kT = ±inf gives the mean of the levels. Levels spanning more than the largest float are
    halved (exactly) and the result doubled, so that E_k − E_min cannot overflow.

    Examples
    --------
    >>> print(mean_energy([0.0, 1.0], 0))
    0.0
    >>> print(mean_energy([0.0, 1.0], float("inf")))
    0.5
    >>> print(round(mean_energy([0.0, 1.0], 1.0), 6))  # 1/(1 + e)
    0.268941
    """
    ensemble = _ensemble(energies, kT)
    p, reference = ensemble.p, ensemble.reference
    gaps = np.where(p > 0, ensemble.gaps, 0.0)
    if np.isfinite(gaps).all():
        with np.errstate(over="ignore"):  # only a rounding beyond E_max = 1.8e308 could overflow
            return _result(reference[:, 0] + np.sum(p * gaps, axis=1), ensemble)
    # Populated levels spanning more than 1.8e308: halve everything (exactly), then double.
    half_reference = 0.5 * reference
    half_gaps = 0.5 * ensemble.levels - half_reference
    return _result(2.0 * (half_reference[:, 0] + np.sum(p * half_gaps, axis=1)), ensemble)


@overload
def thermal_entropy(energies: ArrayLike, kT: float) -> np.float64: ...
@overload
def thermal_entropy(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray: ...
def thermal_entropy(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray:
    r"""Thermodynamic (Gibbs) entropy S/k_B of the Boltzmann distribution, in nats.

    .. math::

        \frac{S}{k_B} = -\sum_{k=1}^{K} p_k \log p_k = \log Z + \frac{U}{kT}
                      = \log \sum_k e^{y_k} - \sum_k p_k y_k,
        \qquad y_k = -\frac{E_k - E_\min}{kT}

    Parameters
    ----------
    energies : array_like
        The K energy levels, 1-d, finite.
    kT : float or array_like
        Thermal energy: a number or a 1-d array (0, negative and ±inf allowed).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        S/k_B, between 0 and log K, one per kT.

    Raises
    ------
    ValueError
        As `boltzmann`.

    Notes
    -----
    Stable: both terms of the last form are ≥ 0 and are added, never cancelled, so S keeps its
    relative accuracy even when it is tiny (one level nearly certain), where −Σ p log p from the
    rounded probabilities would not. Limits: kT = 0 gives log g (g the ground-state degeneracy),
    kT = ±inf gives log K.

    Examples
    --------
    >>> print(round(thermal_entropy([0.0, 0.0, 7.0], 0), 6))  # log 2
    0.693147
    >>> print(round(thermal_entropy([0.0, 1.0, 2.0], float("inf")), 6))  # log 3
    1.098612
    """
    ensemble = _ensemble(energies, kT)
    return _result(ensemble.log_total - _mean_log_weight(ensemble), ensemble)


@overload
def heat_capacity(energies: ArrayLike, kT: float) -> np.float64: ...
@overload
def heat_capacity(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray: ...
def heat_capacity(energies: ArrayLike, kT: ArrayLike) -> FloatOrArray:
    r"""Heat capacity at constant volume in units of k_B: the energy variance over (kT)².

    .. math::

        \frac{C}{k_B} = \frac{\langle E^2 \rangle - \langle E \rangle^2}{(kT)^2}
                      = \sum_{k=1}^{K} p_k (y_k - \bar y)^2,
        \qquad y_k = -\frac{E_k - E_\min}{kT}, \quad \bar y = \sum_k p_k y_k

    Parameters
    ----------
    energies : array_like
        The K energy levels, 1-d, finite.
    kT : float or array_like
        Thermal energy: a number or a 1-d array (0, negative and ±inf allowed).

    Returns
    -------
    numpy.float64 or numpy.ndarray
        C/k_B ≥ 0, one per kT.

    Raises
    ------
    ValueError
        As `boltzmann`.

    Notes
    -----
    Stable: the variance is taken of the dimensionless exponents y, as a sum of squares about their
    mean (never ⟨E²⟩ − ⟨E⟩², which cancels), so (kT)² is never formed and cannot overflow or
    underflow. It tends to 0 at both ends, kT → 0 (only the ground level is populated) and
    kT → ±∞ (every y → 0); those limits are exactly 0. For two levels 0 and ε this is the Schottky
    anomaly, :math:`x^2 e^x / (1 + e^x)^2` with x = ε/kT [2]_.

    References
    ----------
    .. [1] F. Reif, *Fundamentals of Statistical and Thermal Physics*, McGraw-Hill, 1965, §6.5.
    .. [2] C. Kittel, H. Kroemer, *Thermal Physics*, 2nd ed., Freeman, 1980, ch. 3, problem 3.

    Examples
    --------
    >>> print(round(heat_capacity([0.0, 1.0], 1.0), 6))  # e / (1 + e)^2
    0.196612
    >>> print(heat_capacity([0.0, 1.0], 0), heat_capacity([0.0, 1.0], float("inf")))
    0.0 0.0
    """
    ensemble = _ensemble(energies, kT)
    populated = ensemble.p > 0
    deviation = np.where(populated, ensemble.y - _mean_log_weight(ensemble)[:, np.newaxis], 0.0)
    return _result(np.sum(ensemble.p * deviation**2, axis=1), ensemble)


def _half_spread(levels: FloatArray) -> float:
    """(E_max − E_min)/2, computed in halves so that it never overflows."""
    return float(0.5 * levels.max() - 0.5 * levels.min())


def _smallest_gap(levels: FloatArray) -> float:
    """The smallest positive distance between two levels (0 when all levels are equal)."""
    distinct = np.unique(levels)
    if distinct.size < 2:
        return 0.0
    with np.errstate(over="ignore"):  # a gap beyond 1.8e308 overflows: count it as the largest float
        gaps = np.diff(distinct)
    return min(float(gaps.min()), sys.float_info.max)


def heat_capacity_peak(energies: ArrayLike) -> tuple[float, float] | None:
    r"""Where the heat capacity peaks over kT > 0, and its height: the Schottky peak of any spectrum.

    .. math::

        kT^* = \operatorname*{arg\,max}_{kT > 0} \frac{C(kT)}{k_B}, \qquad
        \frac{C^*}{k_B} = \frac{C(kT^*)}{k_B}

    Parameters
    ----------
    energies : array_like
        The K energy levels, 1-d, finite.

    Returns
    -------
    tuple of (float, float) or None
        (kT*, C*/k_B), kT* in the units of `energies`; None when every level is equal (C ≡ 0).

    Raises
    ------
    ValueError
        If `energies` is empty, not 1-d, or not finite.

    Notes
    -----
    C vanishes at both ends, kT → 0 (only the ground level) and kT → ∞ (all levels equal), so it has
    an interior maximum; for many levels it may be a plateau, and the highest point is returned.
    A log grid of 400 values of kT from a hundredth of the smallest gap to a hundred times the
    spread finds it (clipped to the range of floats), then six grids ten times finer around the best
    point refine it: kT* to about 1e-7 relative. C is flat at its maximum, so C* is accurate to
    about 1e-14 relative. For several peaks the highest is returned.

    For two levels 0 and Δ, :math:`C/k_B = u^2 / \cosh^2 u` with u = Δ/2kT, which peaks where
    :math:`u \tanh u = 1`: u* = 1.19967864…, so kT* = Δ/2u* ≈ 0.416778 Δ and
    C*/k_B = u*² − 1 ≈ 0.439229 [1]_.

    References
    ----------
    .. [1] C. Kittel, H. Kroemer, *Thermal Physics*, 2nd ed., Freeman, 1980, ch. 3, problem 3
       (the two-level heat capacity, the Schottky anomaly).

    Examples
    --------
    >>> kT, c = heat_capacity_peak([0.0, 1.0])  # Schottky: Δ/2u*, u*² − 1 with u* tanh u* = 1
    >>> print(round(kT, 6), round(c, 6))
    0.416778 0.439229
    >>> print(heat_capacity_peak([2.0, 2.0]))
    None
    """
    levels = _energies(energies)
    gap = _smallest_gap(levels)
    if gap == 0:
        return None
    # Clipped to the range of floats (subnormals below 1e-308 keep a few digits).
    lo = max(math.log10(gap) - 2.0, -315.0)
    hi = min(math.log10(_half_spread(levels)) + math.log10(2.0) + 2.0, 308.0)
    grid = np.logspace(lo, hi, 400)
    for _ in range(6):
        c = np.asarray(heat_capacity(levels, grid))  # one value per kT of the grid
        best = int(np.argmax(c))
        step = math.log10(grid[1] / grid[0]) if grid.size > 1 else 0.0
        centre = math.log10(grid[best])
        grid = np.logspace(centre - step, centre + step, 21)
    c = np.asarray(heat_capacity(levels, grid))
    best = int(np.argmax(c))
    if c[best] <= 0:
        return None
    return float(grid[best]), float(c[best])


class EntropyEnvelope(NamedTuple):
    """The Boltzmann curve in the (U, S) plane, in the order of decreasing coldness β = 1/kT."""

    U: FloatArray  #: mean energy, in the units of the energies
    S: FloatArray  #: entropy S/k_B, in nats
    branch: FloatArray  #: +1 where kT > 0, 0 at kT = ±inf (uniform), −1 where kT < 0


def entropy_envelope(energies: ArrayLike, *, points: int = 160) -> EntropyEnvelope:
    r"""The Boltzmann distributions over every kT of both signs, as a curve of (U, S): the upper
    edge of every distribution over these levels in the plane of mean energy and entropy.

    .. math::

        \bigl(U(\beta), S(\beta)\bigr) = \Bigl(\sum_k p_k E_k,\; -\sum_k p_k \log p_k\Bigr),
        \qquad p = \sigma(-\beta E), \quad \beta = \frac{1}{kT}: +\infty \to 0 \to -\infty

    Parameters
    ----------
    energies : array_like
        The K energy levels, 1-d, finite.
    points : int, optional
        Values of kT on each branch (default 160), at least 2.

    Returns
    -------
    EntropyEnvelope
        ``U``, ``S`` and ``branch``, each of length 2·points + 3, in the order of decreasing β: from
        kT → 0⁺ (the ground level(s)) through kT = ±inf (uniform, ``branch`` 0) to kT → 0⁻ (the top
        level(s)); ``branch`` is +1 where kT > 0 and −1 where kT < 0. With all levels equal there is
        one point per branch.

    Raises
    ------
    ValueError
        If `energies` is empty, not 1-d, or not finite, or `points` is not an integer ≥ 2.

    Notes
    -----
    Among all distributions with mean energy U, the Boltzmann distribution has the largest entropy
    [1]_: every other distribution lies below this curve. U increases along it (dU/dT = C ≥ 0), and
    S rises from log g₀ (g₀ ground levels) to log K at kT = ±inf and falls to log g_top.

    p and S depend on E/kT only, so the curve is computed on the energies scaled by a power of two
    (exact) into [−1, 1] and U is scaled back: kT then reaches far beyond the spread even for levels
    near ±1.8e308. The kT grid runs from a hundredth of the smallest gap (every level but the lowest
    empty) to a thousand times the spread (nearly uniform), log-spaced, then through kT = ±inf to
    the same values negated. The end kT → 0⁻ is the ground state of −E, mirrored: U changes sign,
    S does not.

    References
    ----------
    .. [1] E. T. Jaynes, "Information theory and statistical mechanics", Physical Review 106(4),
       1957, :doi:`10.1103/PhysRev.106.620`.

    Examples
    --------
    >>> curve = entropy_envelope([0.0, 1.0], points=2)
    >>> curve.U[[0, 3, -1]], curve.S[[0, 3, -1]].round(6)  # ground, uniform, top
    (array([0. , 0.5, 1. ]), array([0.      , 0.693147, 0.      ]))
    >>> curve.branch
    array([ 1.,  1.,  1.,  0., -1., -1., -1.])
    """
    if isinstance(points, bool) or not isinstance(points, int) or points < 2:
        msg = f"points must be an integer of at least 2, got {points!r}."
        raise ValueError(msg)
    levels = _energies(energies)
    exponent = math.frexp(float(np.max(np.abs(levels))))[1]  # 2**exponent may itself overflow
    scaled = np.ldexp(levels, -exponent)
    gap = _smallest_gap(scaled)
    if gap == 0:  # all levels equal: every kT gives the uniform distribution
        positive = np.array([1.0])
    else:
        lo = max(math.log10(gap) - 2.0, -315.0)
        hi = math.log10(_half_spread(scaled)) + 3.5
        positive = np.logspace(lo, hi, points)
    kT = np.concatenate([[0.0], positive, [math.inf], -positive[::-1]])
    # kT → 0⁻ (β = −∞): the top level(s) of E are the ground level(s) of −E.
    top_energy = -float(mean_energy(-scaled, 0.0))
    top_entropy = float(thermal_entropy(-scaled, 0.0))
    branch = np.concatenate([np.ones(len(positive) + 1), [0.0], -np.ones(len(positive) + 1)])
    return EntropyEnvelope(
        U=np.ldexp(np.append(mean_energy(scaled, kT), top_energy), exponent),
        S=np.append(thermal_entropy(scaled, kT), top_entropy),
        branch=branch,
    )
