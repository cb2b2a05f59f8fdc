r"""Statistical physics: softmax is the Boltzmann distribution, with energies as negative logits.

A system with energy levels :math:`E_1, \dots, E_K` in equilibrium at temperature T occupies level
k with probability :math:`p_k \propto e^{-E_k / kT}`: softmax of :math:`-E` at temperature kT
(kT is the thermal energy, in the same units as E, so that E/kT is a pure number).

Every function here takes the energies (a 1-d array, finite) and kT, which may be

- a number: the result is a scalar (`boltzmann`: a vector of K probabilities);
- a 1-d array of n values, for curves against temperature: one result per kT
  (`boltzmann`: an (n, K) array, row i at kT[i]).

kT may be 0 (the ground state(s), split equally), negative (a negative temperature: the highest
levels are the most populated, as in a population inversion) or ±inf (all levels equally likely);
these limits are exact. Entropy and heat capacity are in units of Boltzmann's constant k_B.

Stable throughout: energies are measured from the ground level (the top level for kT < 0), so
every exponent :math:`-(E_k - E_\mathrm{ref})/kT` is ≤ 0, and Z is carried as its logarithm.

References
----------
.. [1] F. Reif, *Fundamentals of Statistical and Thermal Physics*, McGraw-Hill, 1965, ch. 6–7.
.. [2] C. Kittel, H. Kroemer, *Thermal Physics*, 2nd ed., Freeman, 1980, ch. 3 (negative
   temperature: appendix E).
"""

from __future__ import annotations

from typing import NamedTuple, overload

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, position, raise_nan
from ._stable import log_sum_shifted
from ._typing import FloatArray, FloatOrArray

__all__ = [
    "boltzmann",
    "free_energy",
    "heat_capacity",
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
