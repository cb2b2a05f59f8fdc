"""``setup()``: the one call each page starts with (page config, sidebar navigation, shared controls)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import numpy as np
import streamlit as st

from . import controls
from . import state as shared
from .navigation import PAGES, ROOT, PageInfo, page_by_stem, sections

_PAGE_KEY = "_synced_page"


@dataclass(frozen=True)
class View:
    """What a page draws from: the shared state and the arrays and numbers derived from it."""

    state: shared.SharedState
    logits: np.ndarray
    labels: tuple[str, ...]
    beta: float
    temperature: float
    page: PageInfo


def setup(page_file: str) -> View:
    """Configure the page, draw the sidebar (navigation, logits, temperature, share) and return the view.

    Call it first, with ``__file__``: the page then works the same whether it was reached through
    ``app.py``'s navigation or opened alone by a cold server from a shared link.
    """
    page = page_by_stem(Path(page_file).stem)
    st.set_page_config(
        page_title=f"{page.title} · Softmax Lab",
        # A local file: a :material/...: page icon is fetched from an outside host, and the app works offline.
        page_icon=str(ROOT / "assets" / "favicon.png"),
        layout="wide",
        initial_sidebar_state="expanded",
    )
    state = shared.load()
    controls.sync_widgets(state, new_page=st.session_state.get(_PAGE_KEY) != page.stem)
    st.session_state[_PAGE_KEY] = page.stem
    params = shared.to_params(state)
    with st.sidebar:
        st.markdown("### :material/functions: Softmax Lab")
        _navigation(params)
        st.divider()
        st.markdown("#### Temperature")
        controls.temperature_controls(state)
        st.divider()
        st.markdown("#### Logits")
        controls.logits_controls(state)
        st.divider()
        _share(page, params)
    shared.save_to_url(state)
    notices = shared.notices()
    if notices:
        st.warning(
            "Some settings in this link could not be used; the rest of the view is as shared.\n\n"
            + "\n".join(f"- {notice}" for notice in notices),
            icon=":material/link_off:",
        )
    return View(
        state=state,
        logits=shared.logits_array(state),
        labels=state.class_labels,
        beta=state.beta,
        temperature=state.temperature,
        page=page,
    )


def _navigation(params: dict[str, str]) -> None:
    # Drawn here, not by st.navigation: a page opened alone on a cold server has no st.navigation.
    # Each link carries the shared parameters, so the next page opens on the same logits and T.
    for section, pages in sections().items():
        st.caption(section)
        for page in pages:
            st.page_link(page.path, label=page.title, icon=page.icon, query_params=params)


def link_to(stem: str, label: str) -> None:
    """A link, in the page body, to another page of the app, carrying the current view along."""
    page = page_by_stem(stem)
    st.page_link(page.path, label=label, icon=page.icon, query_params=shared.to_params(shared.current()))


def app_root_url() -> str:
    """The app's base address (scheme, host, base path) from the browser's URL, or '' in tests."""
    url = st.context.url
    if not url:
        return ""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    for page in PAGES:
        if page.url_path and path.endswith("/" + page.url_path):
            path = path[: -len(page.url_path) - 1]
            break
    return f"{parts.scheme}://{parts.netloc}{path}"


def share_url(page: PageInfo, params: dict[str, str]) -> str:
    """The link that reopens this view: the shared parameters plus the page's own bound ones."""
    page_params = {
        key: value for key, value in st.query_params.to_dict().items() if key not in shared.SHARED_PARAMS
    }
    query = urlencode({**params, **page_params}, safe=",")
    return f"{app_root_url()}/{page.url_path}?{query}"


def _share(page: PageInfo, params: dict[str, str]) -> None:
    with st.popover("Share this view", icon=":material/share:", width="stretch"):
        st.caption(
            "The address bar always holds this view; this is the same link. "
            "Whoever opens it sees these logits, labels, temperature and page settings."
        )
        st.code(share_url(page, params), language=None, wrap_lines=True)
