"""``setup()``, the one call each page starts with, and ``Shell.live()``, which draws what moves.

A page is split in two. ``setup()`` runs on full reruns only: page config, the sidebar's navigation, and
empty slots. ``Shell.live(draw)`` then draws the logits controls, and runs the page's ``draw(view)``
together with the temperature controls and the share link as one ``st.fragment``: moving the temperature
reruns that fragment alone, and the browser redraws only what depends on the view, not the navigation,
the logits sliders or the page's static text (measured: ``benchmarks/bench_redraw.py``).

A page whose every element that depends on the temperature follows the slider in the browser (its charts
through ``ui.instant_chart``, its numbers through ``ui.instant_numbers``; ``tests/pages/test_follows.py``
checks it) says so with ``live(draw, follows=True)``: the temperature controls are then a fragment of their
own (for the T/β switch, the exact value box and the limits' buttons), and a move of the slider asks the
server for nothing (``controls.temperature_controls(held=True)``). The page's content, already showing the
thumb's stop, reruns when the thumb reaches a stop its followers were not sent, or once the thumb has
rested (``CATCH_UP_MS``), so its downloads and the stops around the thumb catch up
(``instant_numbers.gathered``); that request names the thumb's stop, which the server takes
(``controls.take_held_move``), and as the controls have not drawn it, the whole page runs (the address, the
share link). A page whose followers follow the logits' sliders too (``live(draw, follows=True,
logits=True)``: the Playground) has its logits controls as a third fragment: a logit's key press or two
reruns only them, and the content catches up the same way.
Why: a rerun of the content costs the browser 250-400 ms of its main thread on a page of ten charts
(React and plotly.js redraw each element, changed or not), four times the whole of a one-chart page's move;
and any run, even of the controls alone, makes Streamlit draw every element of the page three times.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import numpy as np
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lessons.common.classroom import OPEN_CLASSROOM, Classroom
from lessons.common.text import escape_markdown

from . import appearance, classroom, controls, history, instant_numbers, keyboard, params, png_title
from . import state as shared
from .navigation import PAGES, ROOT, PageInfo, page_by_stem, sections

_PAGE_KEY = "_synced_page"
_SIDEBAR_LOGITS_KEY = "_sidebar_logits"  # the logits and labels of the page's last whole run
_CONTENT_VIEW_KEY = "_content_view"  # the state the page's content (``draw``) was last drawn at
_CONTENT_STOPS_KEY = "_content_stops"  # the slider's stops a page's content (a fragment apart) was drawn at
_CONTROLS_AT_KEY = "_controls_at"  # the temperature the controls (a fragment apart) were last drawn at
_CONTROLS_RUN_KEY = "_controls_run"  # the number of the controls' last whole run (instant_numbers.asked)
_PUSHED_RUN_KEY = "_controls_pushed_run"  # the number of their last run that moved the thumb (``_run``)


@dataclass(frozen=True)
class View:
    """What a page draws from: the shared state and the arrays and numbers derived from it."""

    state: shared.SharedState
    logits: np.ndarray
    labels: tuple[str, ...]
    beta: float
    temperature: float
    page: PageInfo
    classroom: Classroom = OPEN_CLASSROOM

    @classmethod
    def of(cls, state: shared.SharedState, page: PageInfo, classroom: Classroom = OPEN_CLASSROOM) -> View:
        """The view of ``state`` on ``page``, for a session opened with a teacher link's ``classroom``."""
        return cls(
            state=state,
            logits=shared.logits_array(state),
            labels=state.class_labels,
            beta=state.beta,
            temperature=state.temperature,
            page=page,
            classroom=classroom,
        )

    def shows(self, section: str) -> bool:
        """Whether to draw the page's section ``section`` (a teacher link may hide it: ``hide=``)."""
        return self.classroom.shows(section)


def current_page() -> str:
    """The stem of the page being drawn ('' before ``setup`` has run)."""
    return str(st.session_state.get(_PAGE_KEY) or "")


def section(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Mark a page's section function ``f(view, …)`` (or ``f(shell, …)``, outside ``live()``) as the
    section ``name`` that a teacher link may hide.

    The page declares ``name`` with what it shows in ``SECTIONS`` of ``lessons/<stem>/params.py`` (the
    Teacher page offers those); with ``hide=name`` in the link the decorated function draws nothing.
    """

    def mark(draw: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(draw)
        def drawn(view: View | Shell, *args, **kwargs) -> None:
            if view.shows(name):
                draw(view, *args, **kwargs)

        return drawn

    return mark


@dataclass(frozen=True)
class Shell:
    """The page's frame, as ``setup()`` left it: the slots that ``live()`` fills on every run.

    ``logits`` and ``labels`` may be drawn from outside ``live()``: they change only on full reruns (the
    fragment reruns the whole page when a control of its own changes them). The temperature may not.
    """

    page: PageInfo
    logits: np.ndarray
    labels: tuple[str, ...]
    notices: DeltaGenerator
    temperature: DeltaGenerator
    share: DeltaGenerator
    classroom: Classroom
    compact: DeltaGenerator | None = None  # the temperature above the page (phone, projector)
    logits_controls: DeltaGenerator | None = None  # the sidebar's logits and labels

    def shows(self, section: str) -> bool:
        """Whether to draw the page's section ``section`` outside ``live()`` (``hide=`` may remove it)."""
        return self.classroom.shows(section)

    def live(self, draw: Callable[[View], None], *, follows: bool = False, logits: bool = False) -> None:
        """Draw ``draw(view)``, the temperature controls and the share link, as one ``st.fragment``.

        Everything that depends on the shared view belongs in ``draw``; what does not (the title, an
        introduction) goes before this call, so that a move of the temperature leaves it alone. With
        ``follows`` (every element of ``draw`` that depends on the temperature follows the slider in the
        browser), the controls are a fragment of their own and a move of the slider reruns nothing until
        the thumb rests (module docstring).
        With ``logits`` every element of ``draw`` that follows the temperature in the browser follows the
        logits' sliders too, a key press or two (``instant_numbers.gathered``; the charts through
        ``instant_chart.follow_temperature``): each reads the logits from the state it is given. The logits'
        controls are then a fragment too, and such a move reruns only them (``_run_logits``).
        """
        from . import instant_chart  # here, not above: instant_chart itself imports this module

        state = shared.current()
        # This whole run draws the content at the state as it is now (``_run_logits`` reads it).
        st.session_state[_SIDEBAR_LOGITS_KEY] = (state.logits, state.labels)
        st.session_state[_CONTENT_VIEW_KEY] = state
        held = follows and instant_chart.instant()
        st.session_state[controls.HELD_KEY] = held
        if held:
            if logits:
                st.fragment(self._run_logits)()
            else:
                self._draw_logits(state)
            st.fragment(self._run_controls)()
            st.fragment(self._run)(draw, controls_too=False, logits=logits)
        else:
            self._draw_logits(state)
            st.fragment(self._run)(draw, logits=logits)

    def _run_logits(self) -> None:
        # Why: a logit's move that reran the whole page settled about 3x the baseline's (README, issue 22).
        # The content shows a logit a key press or two from where it was drawn (its followers were sent it),
        # so the run of that move draws the logits' controls and writes the address; the content reruns once
        # the thumb has rested (instant_numbers.gathered), and, finding other logits than the page's last
        # whole run, runs the whole page (``_run``: the share link, the downloads). Anything else (a typed
        # list, a preset, a class added, labels, two moves apart, a logit after the temperature) runs it now.
        controls.take_held_move()
        state = shared.current()
        drawn = st.session_state.get(_CONTENT_VIEW_KEY)
        if drawn is not None and state != drawn and state not in _nudged_views(drawn):
            st.rerun()
        controls.sync_widgets(state, new_page=False)
        self._draw_logits(state)
        shared.save_to_url(state)

    def _draw_logits(self, state: shared.SharedState) -> None:
        if self.logits_controls is None:
            return
        with self.logits_controls:
            _sidebar_logits(state, self.classroom)

    def _run_controls(self) -> None:
        controls.take_held_move()
        state = shared.current()
        stops = controls.temperature_options(state)
        if st.session_state.get(_CONTENT_STOPS_KEY) not in (None, stops):
            # Other stops (T and β switched, or a typed value between two stops): every follower's stops
            # are the old ones, so the whole page runs again at once, as a page of one fragment would.
            st.session_state[_CONTENT_STOPS_KEY] = stops  # (once: the content is drawn at them next)
            st.rerun()
        controls.sync_widgets(state, new_page=False)
        run = self._controls(state, held=True)
        # At the end: a run cut short (below) has not drawn its temperature, nor written it into the address.
        # (Nor is one cut short after its last element, where Streamlit has nothing left to stop it at.)
        st.session_state[_CONTROLS_AT_KEY] = (state.scale, state.value)
        st.session_state[_CONTROLS_RUN_KEY] = run

    def _run(self, draw: Callable[[View], None], *, controls_too: bool = True, logits: bool = False) -> None:
        # The content's catch-up names the thumb's stop, a move the slider held in the browser. One that left
        # before the browser had the controls' latest run that moved the thumb (a limit's button, a typed
        # value) shows the thumb from before: not a move (taken for one, it undid the typed value). The
        # content is then drawn at the server's temperature, and the browser asks again if the thumb is
        # elsewhere. (Not a run of the whole page: it would read the request's address, as old as its
        # thumb, as one typed.)
        asked = instant_numbers.asked()
        stale = asked is not None and asked.get("run", 0) < st.session_state.get(_PUSHED_RUN_KEY, 0)
        controls.take_held_move(asked, stale=stale)
        state = shared.current()
        if (state.logits, state.labels) != st.session_state.get(_SIDEBAR_LOGITS_KEY):
            # A control of the page changed the logits (the Loss page's trained logits): the sidebar's
            # logits controls, outside this fragment, must show them too.
            st.rerun()
        drawn_at = st.session_state.get(_CONTROLS_AT_KEY)
        if not controls_too and drawn_at not in (None, (state.scale, state.value)):
            # The temperature controls, a fragment apart, have not drawn this temperature: the thumb's stop
            # was taken above (the catch-up after a move), or a control of the content set it (a preset's
            # button), or this rerun, asked by the browser, cut the controls' run short (Streamlit runs the
            # newest fragment request at once). The whole page runs again, at the temperature set: the
            # controls, the address and the share link take it.
            st.rerun()
        # Callbacks of this rerun may have changed the state: the widgets drawn below show it.
        controls.sync_widgets(state, new_page=False)
        # The numbers that follow the slider, sent once at the end; without the controls, with what the
        # browser needs to ask for this fragment's rerun when the thumb leaves what it was sent.
        if not controls_too:
            st.session_state[_CONTENT_STOPS_KEY] = controls.temperature_options(state)
        with instant_numbers.gathered(state, catch_up=not controls_too, logits=logits):
            if controls_too:
                st.session_state[_CONTROLS_RUN_KEY] = self._controls(state)
            draw(View.of(state, self.page, self.classroom))
        st.session_state[_CONTENT_VIEW_KEY] = state
        # After draw: a page may name a setting of the link it could not use (ui.state.add_notices).
        notices = shared.notices()
        if notices:
            with self.notices:
                st.warning(
                    "Some settings in this link could not be used; the rest of the view is as shared.\n\n"
                    + "\n".join(f"- {notice}" for notice in notices),
                    icon=":material/link_off:",
                )

    def _controls(self, state: shared.SharedState, *, held: bool = False) -> int:
        """The temperature controls, the line under them, the share link and the address: what follows
        every move of the temperature on the server. Returns this run's number, which the line under the
        slider gives the browser (``instant_numbers.asked``)."""
        run = st.session_state.get(_CONTROLS_RUN_KEY, 0) + 1
        pushed = controls.slider_pushed()
        if pushed:
            st.session_state[_PUSHED_RUN_KEY] = run
        room = self.classroom
        if room.shows("temperature"):
            with self.temperature:
                controls.temperature_controls(state, locked=room.locks("temperature"), held=held)
            if self.compact is not None:
                with self.compact:
                    appearance.compact_temperature(state, locked=room.locks("temperature"))
        if room.shows("share"):
            with self.share:
                _share(self.page, shared.to_params(state))
        shared.save_to_url(state)
        png_title.follow_view(state)  # the view a saved PNG names: held in the browser, not in each chart
        if room.shows("temperature"):
            with self.temperature:  # the exact value box follows the thumb
                instant_numbers.follow(
                    lambda at: instant_numbers.Numbers(inputs=[controls.temperature_text(at)]),
                    state,
                    key=controls.BOX_KEY,
                )
            # Last: it also names the stop the server holds now and this run's number, which the page's
            # content sends back when it asks for its rerun (``_run``: a request older than a run that moved
            # the thumb is stale). A run cut short before it (Streamlit runs the newest fragment request at
            # once) is not counted: its number is given again.
            with self.temperature:
                instant_numbers.follow(  # the line under the slider follows the thumb
                    lambda at: instant_numbers.Numbers(texts=[controls.readout(at)]),
                    state,
                    key=controls.READOUT_KEY,
                    commits=run,
                    pushed=pushed,
                )
        return run


@functools.cache
def _style() -> str:
    return f"<style>{(Path(__file__).parent / 'style.css').read_text(encoding='utf-8')}</style>"


@functools.cache
def favicon() -> str:
    """The app's icon inline, as a data URL: the browser re-applies the icon on every rerun, and a served
    file (/media/...) would be fetched again on every move of a slider; a :material/...: icon would be
    fetched from an outside host."""
    encoded = base64.b64encode((ROOT / "assets" / "favicon.png").read_bytes()).decode()
    return f"data:image/png;base64,{encoded}"


@st.fragment(run_every="10m")
def _rerun_on_reconnect() -> None:
    """Draws nothing. Streamlit's frontend asks a new server for a run after a reconnect only when the
    page has a fragment on a timer (or its last run was a fragment run or was cut off): without this,
    a tab whose replica was lost keeps its old drawing over an empty session, and its next move is
    ignored (tests/browser/test_cluster.py). Once in ten minutes it reruns this empty fragment."""


def setup(page_file: str) -> Shell:
    """Configure the page, draw the sidebar's navigation and the slots of its controls, and return its frame.

    Call it first, with ``__file__``, then draw the page's static text and end with
    ``shell.live(draw)``. The page then works the same whether it was reached through ``app.py``'s
    navigation or opened alone by a cold server from a shared link.
    """
    page = page_by_stem(Path(page_file).stem)
    presenting, present_notices = appearance.load_presenting()
    st.set_page_config(
        page_title=f"{page.title} · Softmax Lab",
        page_icon=favicon(),
        layout="wide",
        # Collapsed on a phone, so a shared link opens on the page; and on a projector.
        initial_sidebar_state="collapsed" if presenting else "auto",
    )
    st.html(_style())  # a <style> only: Streamlit adds it without a visible element
    shared.load()
    controls.take_held_move()  # a move of the temperature held in the browser, which this request carries
    state = shared.current()
    new_page = st.session_state.get(_PAGE_KEY) != page.stem
    if new_page:
        shared.add_notices(params.check_link(page.stem) + present_notices)
    controls.sync_widgets(state, new_page=new_page)
    st.session_state[_PAGE_KEY] = page.stem
    notices = st.container()
    appearance.mark_presenting()
    compact = st.container()
    room, room_notices = classroom.load(page.stem)
    if new_page:
        shared.add_notices(room_notices)
    if room.note:
        # Plain text, escaped: a link's note is never Markdown or HTML.
        st.info(escape_markdown(room.note), icon=":material/school:")
    with st.sidebar:
        st.markdown("### :material/functions: Softmax Lab")
        share = st.container()  # first in the sidebar: where a teacher looks for the link
        # The controls before the fourteen page links, so the temperature is in sight without a scroll
        # on a laptop or a projector (the links alone are taller than a 720-pixel screen).
        temperature = st.container()
        if room.shows("temperature"):
            st.markdown("#### Temperature")
            temperature = st.container()
        logits_controls = st.container()  # drawn by Shell.live (a fragment of its own on some pages)
        if room.shows("reset"):
            st.divider()
            st.button(
                "Reset the view",
                icon=":material/restart_alt:",
                key="reset_view",
                on_click=_reset_view,
                args=(page.stem,),
                help="Back to the default logits, temperature and this page's default settings.",
                width="stretch",
                disabled=room.locks("reset"),
            )
        if room.shows("nav"):
            st.divider()
            _navigation()
        st.divider()
        appearance.display_controls(page.stem, new_page=new_page)
        history.one_entry_per_view()
        keyboard.install()
        from . import instant_chart  # here, not above: instant_chart itself imports this module

        instant_chart.preload()
    _rerun_on_reconnect()
    return Shell(
        page=page,
        logits=shared.logits_array(state),
        labels=state.class_labels,
        notices=notices,
        temperature=temperature,
        share=share,
        classroom=room,
        compact=compact,
        logits_controls=logits_controls,
    )


def _sidebar_logits(state: shared.SharedState, room: Classroom) -> None:
    if room.shows("logits") or room.shows("labels"):
        st.divider()
        st.markdown("#### Logits")
    if room.shows("logits"):
        controls.logits_controls(state, locked=room.locks("logits"))
    if room.shows("labels"):
        controls.labels_controls(state, locked=room.locks("labels"))


def _nudged_views(state: shared.SharedState) -> list[shared.SharedState]:
    """The states one logit's slider a key press or two from ``state``: those a page's followers were sent."""
    return [
        moved for _, _, near in controls.logit_nudges(state, reach=instant_numbers.REACH) for _, moved in near
    ]


def _navigation() -> None:
    # Drawn here, not by st.navigation: a page opened alone on a cold server has no st.navigation.
    # The links carry no parameters, so they never change and stay out of the fragment: a click keeps
    # the session, whose state the next page shows and writes back into its address.
    for section, pages in sections().items():
        st.caption(section)
        for page in pages:
            st.page_link(page.path, label=page.title, icon=page.icon)


def link_to(stem: str, label: str, *, key: str | None = None) -> None:
    """A link, in the page body, to another page of the app, carrying the current view along.

    A click opens the page in this session, which holds the view (as the sidebar's links do); the address a
    new tab or a copied link opens is the view's, at every stop of the temperature slider
    (``instant_numbers``): a link drawn with the view's parameters would take the temperature the page
    was drawn at, where the content is not rerun on a move (``live(follows=True)``). ``key`` names it
    where a page links to the same page more than once."""
    page = page_by_stem(stem)
    key = f"link_to_{key or stem}"
    with st.container(key=key, width="content"):  # in a row of links, as wide as its label (a phone)
        st.page_link(page.path, label=label, icon=page.icon)
    follow = lambda at: instant_numbers.Numbers(links=(page_address(page, shared.to_params(at)),))  # noqa: E731
    instant_numbers.follow(follow, shared.current(), key=key, reach=instant_numbers.REACH)


def app_root_url() -> str:
    """The app's base address (scheme, host, base path) from the browser's URL, or '' in tests."""
    return root_of(st.context.url or "")


def root_of(url: str) -> str:
    """The app's base address in ``url``, a page's address: without the page's path, query or fragment.

    A page's path is its ``url_path`` under ``app.py``'s navigation, or its file's stem when a cold server
    runs it in legacy mode (the landing page is then ``/playground``, not ``/``).
    """
    if not url:
        return ""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    page_paths = sorted({p for page in PAGES for p in (page.url_path, page.stem) if p}, key=len, reverse=True)
    suffix = next((f"/{page_path}" for page_path in page_paths if path.endswith(f"/{page_path}")), "")
    return f"{parts.scheme}://{parts.netloc}{path.removesuffix(suffix)}"


def share_url(page: PageInfo, params: dict[str, str]) -> str:
    """The link that reopens this view: the shared parameters plus the page's own bound ones."""
    # Presenter mode is how this screen shows the view, not part of it: whoever opens the link chooses.
    page_params = {
        key: value
        for key, value in st.query_params.to_dict().items()
        if key not in shared.SHARED_PARAMS and key != appearance.PRESENT.name
    }
    return page_address(page, {**params, **page_params})


def page_address(page: PageInfo, params: dict[str, str]) -> str:
    """The address of ``page`` with ``params`` in its query (commas kept, as the app writes them)."""
    return f"{app_root_url()}/{page.url_path}?{urlencode(params, safe=',')}"


def _share(page: PageInfo, params: dict[str, str]) -> None:
    with st.popover("Share this view", icon=":material/share:", width="stretch"):
        st.caption(
            "The address bar always holds this view; this is the same link (copy it with the button "
            "at its right). Whoever opens it sees these logits, labels, temperature and page settings."
        )
        st.code(share_url(page, params), language=None, wrap_lines=True)


def _reset_view(stem: str) -> None:
    defaults = shared.SharedState()
    shared.update(**vars(defaults))
    for param in params.page_params(stem):
        if param.default is None:
            st.session_state.pop(param.name, None)
        else:
            st.session_state[param.name] = param.default
