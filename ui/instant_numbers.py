"""Numbers that follow the temperature slider in the browser, before the rerun arrives.

The charts of a page follow the thumb (``ui.instant_chart``); the numbers beside them should not lag a
move behind. For a container of ``st.metric`` elements, an ``st.progress`` bar and short Markdown lines
(the readout under the slider), the server sends, for every stop of the slider, what each shows there:
computed by ``softmax_core`` and written as the page writes it, never in JavaScript. In the browser
(``instant_numbers.mjs``), as soon as the thumb moves, they take the stop's text (and the bar its
length) in place; the rerun then writes the same. Without JavaScript, or before the first move, the
page's own elements show the server's numbers.

Longer text (a sentence, a table) follows through ``markdown()``: the page gives its Markdown as a function of
the temperature, and at each stop the browser writes the numbers of that stop's text over the numbers it
shows (``numbers_in``), in order, where the rest of the text is the same; LaTeX in it waits for the rerun.

Every follower of a run (these numbers, and the charts of ``ui.instant_chart``) names the stops it was sent
(``cover``). On a page whose content is a fragment apart from the temperature controls (``ui.shell``,
``follows=True``) the browser asks for the content's rerun (``gathered(catch_up=True)``) as soon as the
thumb is on a stop one of them lacks, and otherwise once the thumb has rested for ``CATCH_UP_MS``.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable, Container, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.components.v2 import component

from lessons.common.tables import markdown_table
from lessons.common.text import escape_markdown

from . import controls
from . import state as shared

_numbers = component(
    "softmax_lab.instant_numbers",
    html="<span hidden></span>",
    # After what it shares with instant_chart.mjs (a component's module is one script: it imports no file).
    js="\n".join(
        (Path(__file__).parent / name).read_text(encoding="utf-8")
        for name in ("nudges.mjs", "instant_numbers.mjs")
    ),
)

# The follows of the run being drawn, sent together at its end (``gathered``); None outside that block.
_pending: ContextVar[list[dict[str, object]] | None] = ContextVar("instant_numbers_pending", default=None)
# The stops every follower of that run was sent, by index (``cover``); None: every stop.
_covered: ContextVar[set[int] | None] = ContextVar("instant_numbers_covered", default=None)
# Whether the followers of that run also follow the logits' sliders (``gathered(logits=True)``).
_logits: ContextVar[bool] = ContextVar("instant_numbers_logits", default=False)
REACH = 2  # stops followed on each side of the current one (two key presses before the server answers)
# How long the thumb rests on a stop the content already shows before the content reruns (ui.shell): long
# enough that a run of key presses or a drag is not slowed by it, short enough that a download made after
# the move has the new temperature's numbers.
CATCH_UP_MS = 700
_RUN_KEY = "_instant_numbers_content_run"
_SESSION_KEY = "_instant_numbers_session"
_ASKED_KEY = "_instant_numbers_asked"  # what the browser said when it asked for a catch-up (``asked``)

# A number as the pages write it (lessons.common.text.number): a sign, digits with separators, an exponent;
# or ∞ or NaN. The browser's copy of this pattern is in instant_numbers.mjs: the two must agree.
NUMBER = re.compile(r"[−-]?(?:[0-9]+(?:[.,][0-9]+)*(?:e[−-]?[0-9]+)?|∞|NaN)")
_MATH = re.compile(r"(?<!\\)\$\$.*?(?<!\\)\$\$|(?<!\\)\$.+?(?<!\\)\$", re.DOTALL)  # KaTeX draws these
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash escape shows the sign alone


@dataclass(frozen=True)
class Numbers:
    """What the followed container shows at one temperature: its metrics' values, in page order; its
    progress bar's share (0–1) and text, where it has one; and its other Markdown elements, in page order,
    each as the pieces of text it is drawn in (a bold run is a piece of its own: ``**T = 1** · β`` is
    ``("T = 1", " · β")``). A piece is plain text: no Markdown, no LaTeX."""

    metrics: Sequence[str] = ()
    progress: float | None = None
    progress_text: str = ""
    texts: Sequence[Sequence[str]] = ()
    markdown: Sequence[str] = ()  # instead of ``texts``: the Markdown elements' sources (only numbers follow)
    latex: Sequence[str] = ()  # the LaTeX elements' sources (``st.latex``): the browser draws each anew
    links: Sequence[str] = ()  # the addresses of its links (``st.page_link``, ``st.link_button``), in order
    inputs: Sequence[str] = ()  # the texts of its text boxes (``st.text_input``), in page order
    codes: Sequence[str] = ()  # the texts of its one-line code blocks (``st.code``), in page order
    images: Sequence[str] = ()  # the addresses of its images (a data URI), in page order


def numbers_in(source: str) -> tuple[str, list[str]]:
    """The numbers a reader sees in the Markdown ``source``, in order, and the rest of what it shows.

    The numbers in its LaTeX are left out (KaTeX draws them in nodes of its own), and a backslash escape
    counts as the sign it shows (``98\\.2`` is 98.2).

    >>> numbers_in(r"p = **0.659**, loss 0.417 nats ($-\\log p$), 98\\.2 %, T = ∞")
    ('p = **#**, loss # nats ( ), # %, T = #', ['0.659', '0.417', '98.2', '∞'])
    """
    text = _ESCAPED.sub(r"\1", _MATH.sub(" ", source))
    return NUMBER.sub("#", text), NUMBER.findall(text)


def follow(
    numbers: Callable[[shared.SharedState], Numbers],
    state: shared.SharedState,
    *,
    key: str,
    reach: int | None = None,
    commits: int | None = None,
    pushed: bool = False,
) -> None:
    """Make the metrics, the progress bar and the text in the container ``key`` follow the temperature
    slider.

    ``numbers(stop)`` gives what they show at ``stop``, ``state`` at another temperature: exactly what
    the page passes to ``st.metric``, ``st.progress`` and ``st.markdown`` at that temperature. It is
    called once per stop of the slider (43 on the T scale, 85 on the β scale), so it must be cheap: a
    softmax and a few numbers; or, with ``reach``, only at the stops within ``reach`` of the current one
    and at the two exact limits (the stops the charts follow to, ``ui.instant_chart``): at the others the
    numbers wait for the server.
    Call it after the container is drawn. With ``commits``, the number of the temperature controls' run
    (the readout under the slider, drawn with every one of them), it also tells the browser the stop the
    server now holds, and the page's content names that run when it asks for its rerun (``asked``). With
    ``pushed`` that run set the slider to the server's value (a limit's button, a typed value, the T/β
    switch): the thumb then shows it, and moves the reader made before are over.
    """
    options = controls.temperature_options(state)
    current = options.index(state.value)
    near = _near(len(options), current, reach)
    stops: list[dict[str, object]] = []
    # A text follows to the stops where only its numbers change: elsewhere (another sentence, a number
    # that became a word) it waits for the server.
    now = numbers(state)
    shapes = [numbers_in(source)[0] for source in now.markdown]
    for index, value in enumerate(options):
        stop: dict[str, object] = {"label": controls.slider_label(value), "metrics": [], "texts": []}
        stops.append(stop)
        if index in near:
            stop.update(_shown(now if index == current else numbers(state.with_value(value)), shapes))
    followed: dict[str, object] = {"target": key, "stops": stops, "current": current}
    if _logits.get():
        # A logit a key press or two away: the numbers move there at once, with the chart's bars.
        followed["nudges"] = [
            {
                "slider": slider,
                "at": at,
                "stops": [[value, _shown(numbers(moved), shapes)] for value, moved in near],
            }
            for slider, at, near in controls.logit_nudges(state, reach=REACH)
        ]
    if commits is not None:
        followed["committed"] = [current, controls.slider_label(state.value), commits, _session(), pushed]
    if now.latex:
        katex = katex_script()
        if katex is None:  # no KaTeX to draw it with: the formula waits for the server
            near = {current}
        followed["katex"] = katex
    # Covered: the stops where every text is drawn in as many pieces as now (the browser writes each piece
    # over a text node of its own) and every Markdown has the shape it has now.
    drawn_in = [len(pieces) for pieces in now.texts]
    cover(
        index
        for index, stop in enumerate(stops)
        if index in near
        and all(values is not None for values in stop.get("numbers", ()))
        and [len(pieces) for pieces in stop["texts"]] == drawn_in
    )
    pending = _pending.get()
    if pending is None:
        _send([followed], key=key)
    else:
        pending.append(followed)


def _shown(shown: Numbers, shapes: list[str]) -> dict[str, object]:
    """What a followed container shows at one stop, as the browser takes it; a Markdown's numbers only
    where its text has the shape it has now (``shapes``)."""
    stop: dict[str, object] = {
        "metrics": list(shown.metrics),
        "texts": [list(pieces) for pieces in shown.texts],
    }
    if shown.markdown:
        found = [numbers_in(source) for source in shown.markdown]
        stop["numbers"] = [values if shape == shapes[i] else None for i, (shape, values) in enumerate(found)]
    if shown.progress is not None:
        stop["progress"] = [int(shown.progress * 100), shown.progress_text]  # as st.progress rounds it
    if shown.latex:
        stop["latex"] = list(shown.latex)
    if shown.links:
        stop["links"] = list(shown.links)
    if shown.inputs:
        stop["inputs"] = list(shown.inputs)
    if shown.codes:
        stop["codes"] = list(shown.codes)
    if shown.images:
        stop["images"] = list(shown.images)
    return stop


def _near(count: int, current: int, reach: int | None) -> Container[int]:
    """The stops within ``reach`` of ``current`` and the two exact limits, of ``count`` stops; all of them
    without ``reach``."""
    return range(count) if reach is None else {0, count - 1, *range(current - reach, current + reach + 1)}


def cover(stops: Iterable[int]) -> None:
    """Record that a follower of the run being drawn was sent the stops ``stops`` (indices of the slider's
    options): at the others it waits for the server. Outside ``gathered`` it does nothing."""
    covered = _covered.get()
    if covered is not None:
        covered.intersection_update(stops)


@contextmanager
def gathered(state: shared.SharedState, *, catch_up: bool = False, logits: bool = False) -> Iterator[None]:
    """Send every ``follow`` of the block in one invisible element at its end, not one element each.

    Why: each element is a component the server serialises and the browser mounts on every move, and a
    page may have six texts that follow (about 2 ms of script each, measured on ``/loss``). The stops are
    needed only by the next move, so they can wait for the end of the run.

    With ``catch_up`` (the block is a fragment that a move of the slider does not rerun: ``ui.shell``) the
    element also tells the browser the stop the block was drawn at and the stops all its followers were
    sent (``cover``); the browser then reruns the fragment when the thumb is elsewhere (module docstring).

    With ``logits``, every ``follow`` of the block is also sent what it shows with each logit a key press
    or two from its value (``controls.logit_nudges``), and shows it while that logit's slider is there and
    the temperature's where the run drew it: its ``numbers`` must read the logits from the state they get.
    """
    options = controls.temperature_options(state)
    pending, covered = _pending.set([]), _covered.set(set(range(len(options))))
    nudging = _logits.set(logits)
    try:
        yield
        followed = _pending.get()
        if catch_up:
            stops = {
                "drawn": options.index(state.value),
                "covered": sorted(_covered.get()),
                "labels": [controls.slider_label(value) for value in options],
                "restMs": CATCH_UP_MS,
                # Every run's data differs, so the browser looks again after each (this run may have
                # drawn another stop than the thumb's, if the server had not taken that yet).
                "run": _next_run(),
            }
            if logits:
                # The logits it was drawn at, and the key presses its followers were sent (the server runs
                # the whole page for any other: ui.shell): once the thumb rests there, the content reruns.
                stops["logits"] = [
                    {"slider": slider, "at": at, "stops": [[value, True] for value, _ in near]}
                    for slider, at, near in controls.logit_nudges(state, reach=REACH)
                ]
            _send(followed, key="all", catch_up=stops)
        elif followed:
            _send(followed, key="all")
    finally:
        _pending.reset(pending)
        _covered.reset(covered)
        _logits.reset(nudging)


@functools.cache
def katex_script() -> str | None:
    """The file name of the KaTeX module Streamlit's frontend serves beside its other scripts
    (``/static/js/``), or None where it cannot be found. The browser draws a stop's formula with it, in the
    page's KaTeX fonts and stylesheet: those of the older KaTeX inside Streamlit's Markdown, which draws
    ``st.latex``, whose class names the browser gives the drawing (``instant_numbers.mjs``)."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    for script in sorted(folder.glob("katex.*.js")):
        with script.open(encoding="utf-8") as file:
            text = file.read()
        if "as default}" in text[-400:] and "renderToString" in text:
            return script.name
    return None


def _send(followed: list[dict[str, object]], *, key: str, catch_up: dict[str, object] | None = None) -> None:
    data: dict[str, object] = {"slider": controls.SLIDER_KEY, "targets": followed}
    with st.container(key=f"instant_numbers_{key}", height=1, border=False):  # takes no room (style.css)
        if catch_up is None:
            _numbers(key=f"{key}_numbers", data=data)
        else:
            numbers_key = f"{key}_numbers"
            _numbers(
                key=numbers_key,
                data={**data, "catchUp": catch_up},
                on_stale_change=functools.partial(_caught_up, numbers_key),
            )


def _session() -> str:
    """A name of this session: a tab that reconnects to a new one (another replica) counts its controls'
    runs from 1 again, and the browser tells the two counts apart by it."""
    return st.session_state.setdefault(_SESSION_KEY, secrets.token_hex(6))


def _next_run() -> int:
    run = st.session_state.get(_RUN_KEY, 0) + 1
    st.session_state[_RUN_KEY] = run
    return run


def _caught_up(numbers_key: str) -> None:
    # The browser asked for the content's rerun (the thumb left what it was sent, or rested): the rerun of
    # the fragment this element is in is the answer. Kept for ``asked``: the thumb's stop and the controls'
    # run it had then.
    asked = (st.session_state.get(numbers_key) or {}).get("stale")
    st.session_state[_ASKED_KEY] = asked if isinstance(asked, dict) else None


def asked() -> dict | None:
    """What the browser said when it asked for this run of the page's content (its catch-up), or None if
    this run was not asked so: ``index``, ``label`` and ``count``, the thumb's stop, what it shows and the
    slider's number of stops (``controls.take_held_move``); ``run``, the number of the temperature
    controls' run (``follow(commits=…)``) it had drawn (0 for none).

    Read once, at the start of the content's run. A request that left before the controls' latest run
    reached the browser shows the thumb from before that run (``ui.shell``)."""
    return st.session_state.pop(_ASKED_KEY, None)


def markdown(
    source_at: Callable[[shared.SharedState], str],
    state: shared.SharedState,
    *,
    key: str,
    write: Callable[[str], object] = st.markdown,
) -> None:
    """``st.markdown(source_at(state))`` in a container ``key``, its numbers following the temperature slider.

    ``source_at(stop)`` is the Markdown at ``stop``, ``state`` at another temperature; it is called at the
    stops the charts follow to (``REACH``), as the charts' figures are. Where its numbers are cut to a few
    digits the text may stay the same from one stop to the next, and nothing moves. ``write`` draws it
    instead of ``st.markdown``: ``st.caption``, say, with its ``help``.
    """
    source = source_at(state)
    with st.container(key=key):
        write(source)
    follow(
        lambda at: Numbers(markdown=(source if at == state else source_at(at),)), state, key=key, reach=REACH
    )


def pieces(
    pieces_at: Callable[[shared.SharedState], Sequence[str]], state: shared.SharedState, *, key: str
) -> None:
    """A sentence of plain-text pieces, every other one bold (the second, the fourth…), in a container
    ``key``, its text following the temperature slider.

    Unlike ``markdown``, words may change from stop to stop (a verdict: "identical", "differ"), as long as
    the pieces stay as many: the browser writes each over the text node it is drawn in. ``pieces_at(stop)``
    is called at the stops the charts follow to (``REACH``); no piece may be empty (it would draw no node).
    """
    shown = tuple(pieces_at(state))
    with st.container(key=key):
        st.markdown(
            "".join(f"**{escape_markdown(p)}**" if i % 2 else escape_markdown(p) for i, p in enumerate(shown))
        )
    follow(
        lambda at: Numbers(texts=[shown if at == state else tuple(pieces_at(at))]),
        state,
        key=key,
        reach=REACH,
    )


def table(
    cells_at: Callable[[shared.SharedState], tuple[Sequence[object], Sequence[Sequence[object]]]],
    state: shared.SharedState,
    *,
    key: str,
) -> None:
    """A Markdown table (``lessons.common.tables.markdown_table`` of ``cells_at(state)``: its header and
    rows) in a container ``key``, every cell following the temperature slider, words included (a "no"
    that becomes "yes"). The browser writes each cell over its text node: it follows to the stops where
    the table has as many cells and none is empty. ``cells_at(stop)`` is called at the stops the charts
    follow to (``REACH``)."""
    header, rows = cells_at(state)
    with st.container(key=key):
        st.markdown(markdown_table(header, rows))

    def flat(at: shared.SharedState) -> tuple[str, ...]:
        top, body = (header, rows) if at == state else cells_at(at)
        shown = tuple(str(cell) for cell in [*top, *(cell for row in body for cell in row)])
        return shown if all(cell.strip() for cell in shown) else ()  # an empty cell draws no text node

    follow(lambda at: Numbers(texts=[flat(at)]), state, key=key, reach=REACH)


def same_at(
    drawn: Callable[[shared.SharedState], Hashable], state: shared.SharedState, *, reach: int | None = None
) -> None:
    """Declare that part of the content is drawn as it is only at the stops where ``drawn(stop)`` equals
    ``drawn(state)`` (an element that comes or goes with the sign of β): at the others the browser reruns
    the content at once (``cover``). With ``reach``, ``drawn`` is called only at the stops within ``reach``
    of the current one and at the exact limits (those the charts follow to); the others are not covered."""
    now = drawn(state)
    options = controls.temperature_options(state)
    near = _near(len(options), options.index(state.value), reach)
    cover(i for i, value in enumerate(options) if i in near and drawn(state.with_value(value)) == now)


def latex(source_at: Callable[[shared.SharedState], str], state: shared.SharedState, *, key: str) -> None:
    """``st.latex(source_at(state))`` in a container ``key``, following the temperature slider: at each stop
    the browser draws that stop's formula with the KaTeX Streamlit serves (``katex_script``), in place of
    the server's, which it shows again at the server's stop. ``source_at(stop)`` is called at the stops the
    charts follow to (``REACH``)."""
    source = source_at(state)
    with st.container(key=key):
        st.latex(source)
    follow(lambda at: Numbers(latex=(source if at == state else source_at(at),)), state, key=key, reach=REACH)
