"""Pure figure builders: arrays in, a ``go.Figure`` out, testable without a browser."""

from .base import show
from .playground import probability_bars, probability_bars_title, probability_bars_update

__all__ = ["probability_bars", "probability_bars_title", "probability_bars_update", "show"]
