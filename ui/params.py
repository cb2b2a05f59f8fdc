"""The one registry of URL parameters: the shared ones and every page's own, and the check of a link.

The shared parameters (``z``, ``T``, ``beta``, ``labels``) are read by ``ui.state``; each page's own are
declared in ``lessons/<stem>/params.py`` as ``PARAMS`` and bound to their widgets with
``bind="query-params"``. When a link arrives, ``check_link`` names every page parameter it cannot use,
for the page's one warning (Streamlit alone would fall back to the default in silence), and carries
values given under an older name over to the current one.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from lessons.common.params import Param

from .navigation import PAGES

SHARED: tuple[Param, ...] = (
    Param("z", "", "the logits, comma-separated (2 to 64 finite numbers)", "text"),
    Param("T", "", "the temperature; 0 and inf are the exact limits, a negative T is a negative β", "text"),
    Param("beta", "", "the inverse temperature β = 1/T, instead of T; negative β favours the smallest logit",
          "text"),
    Param("labels", "", "class names, comma-separated", "text", max_length=64 * 25),
    Param("hide", "", "a teacher link's groups and sections to hide, comma-separated", "text"),
    Param("lock", "", "a teacher link's groups to show disabled, comma-separated", "text"),
    Param("note", "", "a teacher's note shown above the page, plain text", "text", max_length=2000),
    Param("present", "", "presenter mode for a projector: 1 on, 0 off", "choice", default="0",
          choices=("0", "1")),
)  # fmt: skip
SHARED_NAMES = tuple(param.name for param in SHARED)


@functools.cache
def page_params(stem: str) -> tuple[Param, ...]:
    """The parameters page ``stem`` declares (``lessons/<stem>/params.py``), or none."""
    try:
        module = importlib.import_module(f"lessons.{stem}.params")
    except ModuleNotFoundError as error:
        if error.name not in (f"lessons.{stem}", f"lessons.{stem}.params"):
            raise
        return ()
    return tuple(module.PARAMS)


@functools.cache
def page_sections(stem: str) -> dict[str, str]:
    """The sections page ``stem`` lets a teacher link hide (``SECTIONS`` in its params module)."""
    try:
        module = importlib.import_module(f"lessons.{stem}.params")
    except ModuleNotFoundError as error:
        if error.name not in (f"lessons.{stem}", f"lessons.{stem}.params"):
            raise
        return {}
    return dict(getattr(module, "SECTIONS", {}))


def choice_slider(param: Param, label: str, container: Any = st, **options: Any) -> Any:
    """A select slider for the choice parameter ``param``, bound to the link: its options, default,
    format and key all come from the declaration, so the widget and the link's check agree."""
    return container.select_slider(
        label,
        options=param.choices,
        value=param.default,
        format_func=param.format,
        key=param.name,
        bind="query-params",
        **options,
    )


def link_text(param: Param) -> str | None:
    """The text the address holds now for the page parameter ``param`` (None when absent): for a value no
    widget holds, or one a page checks against the view (a class named by its label). Pages read the
    address only through here; ``param`` must be declared in its page's ``PARAMS``."""
    _declared(param)
    return st.query_params.get(param.name)


def write_link_text(param: Param, text: str) -> None:
    """Write ``text`` into the address as the page parameter ``param``, a value no widget holds (the
    steps a page has taken); an empty ``text`` takes ``param`` out of the address."""
    _declared(param)
    if text and st.query_params.get(param.name) != text:
        st.query_params[param.name] = text
    elif not text and param.name in st.query_params:
        del st.query_params[param.name]


def _declared(param: Param) -> None:
    if param not in page_params(param.owner):
        message = f"{param.name!r} is not declared in lessons/{param.owner}/params.py (PARAMS)"
        raise ValueError(message)


def current(param: Param) -> Any:
    """The value of ``param`` on this run: its widget's; where the page has not drawn the widget (in a
    section a teacher link hides), the link's value when it can be used, else the default."""
    if param.name in st.session_state:
        return st.session_state[param.name]
    text = link_text(param)
    return param.read(text) if text and param.notice(text) is None else param.default


def registry() -> tuple[Param, ...]:
    """Every parameter of the app: the shared ones, then each registered page's, in page order."""
    return SHARED + tuple(param for page in PAGES for param in page_params(page.stem))


def notices_for(stem: str, query: Mapping[str, str]) -> list[str]:
    """A sentence for each of page ``stem``'s parameters in ``query`` whose value cannot be used."""
    notices = []
    for param in page_params(stem):
        for name in (param.name, *param.aliases):
            if query.get(name):  # an empty value only clears the control: the default is what it asks for
                notice = param.notice(query[name], as_named=name)
                if notice is not None:
                    notices.append(notice)
    return notices


def check_link(stem: str) -> list[str]:
    """Check the page's own parameters in the address; return the notices for the page's warning.

    A value the registry refuses is taken out of the link before any widget reads it, so the page shows
    the default it announces. A value under an older name (``Param.aliases``) is given to the widget
    under its current name, which then writes that name into the address.
    """
    query = {key: st.query_params[key] for key in st.query_params}
    for param in page_params(stem):
        for name in (param.name, *param.aliases):
            if query.get(name) and param.notice(query[name]) is not None:
                _forget(name)
        for alias in param.aliases:
            if alias in query and param.name not in query and param.notice(query[alias]) is None:
                st.session_state[param.name] = param.read(query[alias])
    return notices_for(stem, query)


def _forget(name: str) -> None:
    # Streamlit seeds a bound widget from the link as it first arrived, and parses it its own way:
    # seed=1e999 raised OverflowError inside Streamlit, steps=2.5 became 2 while the warning said
    # "default". Streamlit has no public call to drop a value from that first link; this is the one
    # its own binding code uses to clear an invalid value (SessionState._clear_url_param), plus the
    # first-link copy it reads from.
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    with ctx.session_state.query_params() as query_params:
        query_params._initial_query_params.pop(name, None)
        query_params.remove_param(name)
