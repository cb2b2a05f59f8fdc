"""Parts of a page side by side where there is room for them, one under the other where there is not."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def side_by_side(name: str, count: int = 2) -> list[DeltaGenerator]:
    """``count`` containers in a row that wraps, each at least 20rem wide (``ui/style.css``).

    Why not ``st.columns``: columns stack only below 640 px, so at 150 % zoom (an 853-px-wide window, the
    sidebar open) two charts are squeezed to 230 px each; these stand side by side on a laptop and stack
    there and on a phone. ``name`` makes the row's key, ``side_by_side_<name>``, unique on the page.
    """
    row = st.container(horizontal=True, gap="large", key=f"side_by_side_{name}")
    return [row.container() for _ in range(count)]
