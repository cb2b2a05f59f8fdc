"""Softmax Lab's shared UI: ``setup()`` for every page, the state, the controls and the figures."""

from .shell import View, link_to, setup

__all__ = ["View", "link_to", "setup"]
