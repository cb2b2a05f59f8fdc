"""Softmax Lab's shared UI: ``setup()`` for every page, the state, the controls and the figures."""

from .shell import View, setup

__all__ = ["View", "setup"]
