"""Browser history that a learner can leave: one entry per view, not one per step of a slider.

The work is done in the browser (``history.mjs``): drawn once per page, it makes Streamlit's own
``pushState`` for a query that keeps the page, the logits and the labels a ``replaceState``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.components.v2 import component

_history = component(
    "softmax_lab.history",
    html="<span hidden></span>",
    js=(Path(__file__).parent / "history.mjs").read_text(encoding="utf-8"),
)


def one_entry_per_view() -> None:
    """Install the browser half (an invisible element; the patch itself runs once per tab)."""
    with st.container(key="history_keeper", height=1, border=False):
        _history(key="history")
