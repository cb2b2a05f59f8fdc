"""Softmax Lab's shared UI: ``setup()`` for every page, the state, the controls and the figures."""

from .shell import Shell, View, link_to, section, setup

__all__ = ["Shell", "View", "link_to", "section", "setup"]
