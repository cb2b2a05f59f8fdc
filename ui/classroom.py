"""Teacher links in the session: read once from the link, kept while the student moves between pages.

What the names mean and how they are checked is pure (``lessons.common.classroom``); here the link's
``hide``, ``lock`` and ``note`` are kept in the session, so a student who follows a page link (which
carries no parameters) still sees what the teacher chose.
"""

from __future__ import annotations

import streamlit as st

from lessons.common.classroom import Classroom, read

from . import params

_KEY = "_classroom_query"
NAMES = ("hide", "lock", "note")


def load(stem: str) -> tuple[Classroom, list[str]]:
    """The classroom of this session on page ``stem``, and notices for names the page does not know."""
    in_url = {name: st.query_params[name] for name in NAMES if name in st.query_params}
    if in_url:
        st.session_state[_KEY] = in_url  # a new teacher link replaces the last one
    return read(st.session_state.get(_KEY, {}), params.page_sections(stem))
