"""The ranges every page shares: the temperature slider's stops and span, and the logits' limits.

One definition each, so a chart's temperature axis, the slider and the URL parser always agree.
"""

from __future__ import annotations

import math

import numpy as np

T_MIN, T_MAX = 0.01, 100.0  # the temperature slider's finite span; its ends are the exact limits
_MANTISSAS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)
# Ten steps a decade from 0.01 to 100: one arrow key press changes T by a factor of about 1.25.
LOG_GRID: tuple[float, ...] = (
    *(
        round(m * 10.0**e, 10)
        for e in range(round(math.log10(T_MIN)), round(math.log10(T_MAX)))
        for m in _MANTISSAS
    ),
    T_MAX,
)
T_OPTIONS: tuple[float, ...] = (0.0, *LOG_GRID, math.inf)
BETA_OPTIONS: tuple[float, ...] = (-math.inf, *(-g for g in reversed(LOG_GRID)), 0.0, *LOG_GRID, math.inf)

MIN_LOGITS, MAX_LOGITS = 2, 64
MAX_LABEL_LENGTH = 24
SLIDER_LIMIT = 10.0  # logit sliders span −10…10; other values are edited as text
SLIDER_STEP = 0.01
MAX_SLIDERS = 10


def sliders_fit(logits: tuple[float, ...]) -> bool:
    """Whether sliders can show these logits exactly (few enough, in range, on the slider's step)."""
    return len(logits) <= MAX_SLIDERS and all(
        abs(x) <= SLIDER_LIMIT and abs(x / SLIDER_STEP - round(x / SLIDER_STEP)) < 1e-6 for x in logits
    )


def temperature_range(*marks: float, margin: float = 1.0) -> tuple[float, float]:
    """The slider's span ``(T_MIN, T_MAX)``, widened so that each finite, positive mark lies at least a
    factor ``margin`` inside it (marks of 0, ∞ or NaN are left to the exact limits)."""
    low, high = T_MIN, T_MAX
    for mark in marks:
        if 0 < mark < math.inf:
            low, high = min(low, mark / margin), max(high, mark * margin)
    return low, high


def temperature_grid(
    low: float, high: float, *, points: int | None = None, per_decade: int = 60
) -> np.ndarray:
    """Log-spaced temperatures from ``low`` to ``high``, ends included: ``points`` of them, or
    ``per_decade`` per factor of ten."""
    if points is None:
        points = round(math.log10(high / low) * per_decade) + 1
    return np.geomspace(low, high, points)
