"""Keyboard access on every page: shortcuts for the temperature, a skip link to it, scrollable formulas
and tables.

The work is done in the browser (``keyboard.mjs``), installed once per tab by an invisible element:

- ← and → step the temperature, ``0`` jumps to T = 0 (arg max) and ``i`` to T = ∞ (uniform), without
  the focus on the slider (a presenter's laptop, a projector, the sidebar closed); never while typing or
  in a widget that reads those keys itself, and not at all when a teacher link locks or hides it;
- ``t``, or the skip link that the first Tab shows, moves the focus to the temperature slider (it took
  ten Tabs);
- a formula or a Markdown table wider than its column gets a tab stop, so a keyboard can scroll it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.components.v2 import component

_keyboard = component(
    "softmax_lab.keyboard",
    html="<span hidden></span>",
    js=(Path(__file__).parent / "keyboard.mjs").read_text(encoding="utf-8"),
)


def install() -> None:
    """Install the browser half (an invisible element; the listeners are added once per tab)."""
    with st.container(key="keyboard_keeper", height=1, border=False):
        _keyboard(key="keyboard")
