"""Pure figure builders: arrays in, a ``go.Figure`` out, testable without a browser."""

from .base import show
from .playground import probability_bars

__all__ = ["probability_bars", "show"]
