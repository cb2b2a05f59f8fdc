"""How the page looks to its reader: presenter mode, the light or dark theme, and a phone's screen.

- **Presenter mode** (``present=1`` in a link, or the sidebar's toggle, kept for the session): the sidebar
  starts collapsed, the page's type is larger (``ui/style.css``, scoped under a marker drawn only then),
  charts are taller with thicker lines and stronger colours (``lessons.common.theme``), and the
  temperature is shown above the page, where the keyboard's shortcuts (``ui.keyboard``) also move it.
- **The theme** follows the browser (``[theme.light]`` and ``[theme.dark]`` in ``.streamlit/config.toml``);
  the sidebar's switch stores the reader's choice where Streamlit's own menu does and reloads. Charts are
  drawn for the theme the browser shows: ``st.context.theme.type``, corrected by the browser when it
  changes without a rerun (Streamlit does not rerun on a change of theme).
- **On a phone** the sidebar starts collapsed; the temperature is shown above the page too (CSS shows it
  below 768 px and in presenter mode), as a view that moves the sidebar's slider.
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import streamlit as st
from streamlit.components.v2 import component

from lessons.common import theme

from . import controls, params
from . import state as shared
from .navigation import PAGES

PRESENT = next(param for param in params.SHARED if param.name == "present")
_PRESENT_KEY = "_presenting"
TOGGLE_KEY = "present_toggle"
COMPACT_KEY = "temperature_compact"
_THEME_SEEN_KEY = "_theme_seen"  # the theme the browser reported when it differed from the server's guess

_switch = component(
    "softmax_lab.appearance",
    html=(
        "<div class='theme'><label for='softmax-lab-theme'>Theme</label>"
        "<select id='softmax-lab-theme'><option value='System'>As the browser</option>"
        "<option value='Light'>Light</option><option value='Dark'>Dark</option></select></div>"
    ),
    css=(
        ".theme { display: flex; align-items: center; gap: 0.75rem; font-size: 0.875rem; }"
        ".theme select { flex: 1; font: inherit; color: inherit; background: transparent; cursor: pointer;"
        " border: 1px solid currentColor; border-radius: 0.5rem; padding: 0.3rem 0.5rem;"
        " min-height: 2.5rem; }"
    ),
    js=(Path(__file__).parent / "appearance.mjs").read_text(encoding="utf-8"),
)
_compact = component(
    "softmax_lab.compact_temperature",
    html=(
        "<div class='compact-temperature'><div class='head'><label for='softmax-lab-compact-t'></label>"
        "<output for='softmax-lab-compact-t'></output></div>"
        "<input id='softmax-lab-compact-t' type='range' min='0' step='1'></div>"
    ),
    css=(
        ".compact-temperature .head { display: flex; justify-content: space-between; font-size: 0.875rem; }"
        ".compact-temperature output { font-weight: 600; }"
        # A thumb a finger can hold: 2.75 rem (44 px) tall, the track across the whole width.
        ".compact-temperature input { width: 100%; min-height: 2.75rem; margin: 0; cursor: pointer; }"
        ".compact-temperature input:disabled { cursor: not-allowed; opacity: 0.5; }"
    ),
    js=(Path(__file__).parent / "compact_temperature.mjs").read_text(encoding="utf-8"),
    isolate_styles=False,  # in the page's DOM, where the keyboard's `t` (ui/keyboard.mjs) finds it
)


# --- presenter mode ---


def load_presenting() -> tuple[bool, list[str]]:
    """Whether this run presents: as the link says (``present=1`` or ``0``), else as the session left it;
    and a sentence for a value of ``present`` that cannot be used, for the page's one warning."""
    text = st.query_params.get(PRESENT.name)
    if text:  # an empty value asks for nothing, as for a page's own parameters (ui.params.notices_for)
        notice = PRESENT.notice(text)
        if notice is not None:
            return presenting(), [notice]
        st.session_state[_PRESENT_KEY] = PRESENT.read(text) == "1"
    elif presenting():
        st.query_params[PRESENT.name] = "1"  # a page link carries no parameters: the address keeps it
    return presenting(), []


def presenting() -> bool:
    """Whether the session is in presenter mode."""
    return bool(st.session_state.get(_PRESENT_KEY, False))


def _on_toggle() -> None:
    on = st.session_state.get(TOGGLE_KEY)
    if on is None:  # called back without the toggle's value (``controls._on_box_edit``)
        return
    st.session_state[_PRESENT_KEY] = bool(on)
    if on:
        st.query_params[PRESENT.name] = "1"
    elif PRESENT.name in st.query_params:
        del st.query_params[PRESENT.name]


def mark_presenting() -> None:
    """In presenter mode, the marker that ``ui/style.css`` scopes the larger type under (nothing else)."""
    if presenting():
        with st.container(key="softmax_presenting", height=1, border=False):
            st.html("<span hidden></span>")


# --- the theme ---


def theme_type() -> str:
    """'dark' or 'light': the theme the browser shows, as far as the server knows."""
    seen = st.session_state.get(_THEME_SEEN_KEY)
    if seen in ("dark", "light"):
        return seen
    return "dark" if st.context.theme.type == "dark" else "light"


def look() -> theme.Look:
    """How this session's charts are drawn."""
    return theme.Look(dark=theme_type() == "dark", present=presenting())


def dress(figure: go.Figure) -> go.Figure:
    """``figure`` as the reader sees charts: in the page's theme, larger in presenter mode."""
    return theme.dress(figure, look())


def dress_update(update: dict) -> dict:
    """An instant chart's ``Plotly.update`` arguments for the reader's look (``dress``)."""
    return theme.dress_update(update, look())


def display_controls(stem: str, *, new_page: bool) -> None:
    """The sidebar's presenter toggle and theme switch."""
    if new_page or st.session_state.get(TOGGLE_KEY) != presenting():
        st.session_state[TOGGLE_KEY] = presenting()
    st.toggle(
        "Presenter mode",
        key=TOGGLE_KEY,
        on_change=_on_toggle,
        help="For a projector: larger type, thicker lines, taller charts, the sidebar closed and the "
        "temperature above the page. Keys (with nothing else selected): ← and → step the temperature, "
        "0 jumps to T = 0 (arg max), i to T = ∞ (uniform), t moves the focus to the temperature slider.",
    )
    paths = sorted({page.url_path for page in PAGES})
    current = next(page.url_path for page in PAGES if page.stem == stem)
    result = _switch(
        key="theme_switch",
        data={"drawn": theme_type(), "page": current, "pages": paths},
        on_theme_change=_on_theme_seen,
    )
    seen = getattr(result, "theme", None)
    if seen in ("dark", "light"):
        st.session_state[_THEME_SEEN_KEY] = seen


def _on_theme_seen() -> None:
    # The value is read from the component's result in display_controls; nothing else to do here.
    return None


# --- the temperature above the page, on a phone or a projector ---


def compact_temperature(state: shared.SharedState, *, locked: bool = False) -> None:
    """The temperature above the page (shown by CSS on a phone and in presenter mode): a view of the
    sidebar's slider that moves it by arrow-key presses (``compact_temperature.mjs`` says why it is not a
    second widget on the same state)."""
    options = controls.temperature_options(state)
    with st.container(key="temperature_compact_bar"):
        _compact(
            key=COMPACT_KEY,
            data={
                "label": "Temperature T" if state.scale == "T" else "Inverse temperature β",
                "labels": [controls.slider_label(value) for value in options],
                "current": options.index(state.value),
                "disabled": locked,
                "accent": st.get_option(f"theme.{theme_type()}.primaryColor") or "",
                "help": "The same temperature as in the sidebar, here for a phone or a projector.",
            },
        )
