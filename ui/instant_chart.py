"""A Plotly chart that follows the temperature slider in the browser, before the rerun arrives.

Why: a move of a Streamlit slider reruns the script and re-renders the page, and the browser's part of
that grows with the size of the page (README, "Redraw"). The chart is what the eye follows, so it does
not wait: the server sends the figure together with, for every stop of the temperature slider, the
``Plotly.update`` that turns it into the figure at that stop, all computed by ``softmax_core``. In the
browser plotly.js draws the figure, and watches the slider (Streamlit's ``st.select_slider`` is a native
``<input type=range>`` in the element that carries its key as the class ``st-key-temperature``; its
``value`` is the stop's index, its ``aria-valuetext`` the stop's label). As soon as the thumb moves, by
key, pointer or the server, the chart shows that stop: the update applied to a copy of the figure that
shares everything it does not change, drawn with ``Plotly.react``, which then redraws only what changed;
where the traces' data change along axes that do not fit themselves to the data, ``Plotly.animate`` (no
duration) moves them first, without the whole redraw react makes of any change of data, and the labels
follow a frame later (``instant_chart.mjs``). So a chart that follows T moves fastest with a set range on
each axis its data move along (as ``lessons.sampling.figures`` and ``lessons.exploration.figures`` set).
The rerun then redraws the chart from the server's figure, so the chart always ends on the server's
numbers.

Every page's charts that depend on the temperature do the same through ``follow(build, state, key=…)``:
the page gives the chart as a pure function of the shared state, and each stop's update is the generic
difference between the figures (``lessons.common.plot_diff``), built for the stops near the current
one and the exact limits only, kept per session, and sent up to a budget of bytes. The figure sent is the
one these stops were built at, with the stop to draw: a rerun within the same stops sends the same figure,
written once (plotly.py's ``to_json`` and Streamlit's JSON of the data were a third of a move's server time
on the pages with several charts).

The charts that do not depend on the temperature are drawn by the same component (``still``), without
stops: a page then loads one plotly.js, not also the copy inside Streamlit's own chart element (4.7 MB of
JavaScript run again on every first visit: 875 ms of the main thread on /temperature here).

plotly.js is Plotly's own cartesian bundle (``ui/vendor/``: the chart types of a 2-D chart, 1.5 MB
against the full bundle's 4.8 MB, which took 0.7 s more to start in Chromium here on every first visit),
used while its version is the one inside the installed plotly package (the version that wrote the
figure); otherwise the full bundle from that package. Either is copied into the app's ``static/`` folder
and served by Streamlit (``server.enableStaticServing``): no call to an outside host. Where it cannot be
served, or a figure holds a chart type the bundle lacks (plotly.js would draw it, silently, as a
scatter), the chart is an ordinary ``st.plotly_chart``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import secrets
import shutil
from collections.abc import Callable, Hashable
from pathlib import Path

import plotly
import plotly.graph_objects as go
import streamlit as st
from streamlit.components.v2 import component

from lessons.common import theme
from lessons.common.plot_diff import plain, plot_updates, same

from . import appearance, controls, instant_numbers
from . import state as shared
from .export import chart_config, chart_tools
from .navigation import ROOT
from .shell import app_root_url, current_page

STATIC = ROOT / "static"  # Streamlit serves the folder beside the entry point (app.py) at /app/static/
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# npm's plotly.js-cartesian-dist-min, fetched by tools/vendor_plotly.py; its trace types are its README's.
CARTESIAN_JS = Path(__file__).parent / "vendor" / "plotly-cartesian.min.js"
CARTESIAN_TRACES = frozenset(
    {"bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image", "pie"}
    | {"scatter", "scatterternary", "violin"}
)
_UNAVAILABLE_KEY = "_plotly_js_unavailable"
WINDOW = instant_numbers.REACH  # stops built on each side of the current one (as the numbers that follow)
STOPS_BUDGET = 200_000  # bytes of stops sent per chart and rerun (see _nearest)
_STOPS_KEY = "_instant_chart_stops"  # per chart key: the stops' figures built, their JSON, the figure sent
_TOKENS_KEY = "_instant_chart_tokens"  # per chart key of follow_temperature: (fingerprint, token)
SLIDER_KEY = controls.SLIDER_KEY  # the slider the charts follow

# The browser half, an ES module (Streamlit's components v2 run its default export with the data of each run),
# after what it shares with instant_numbers.mjs (a component's module is one script: it imports no file).
_JS = "\n".join(
    (Path(__file__).parent / name).read_text(encoding="utf-8") for name in ("nudges.mjs", "instant_chart.mjs")
)
_chart = component(
    "softmax_lab.instant_chart",
    # Until plotly.js has loaded (about a second on a first visit), the chart's place says what is coming;
    # in the page's text colour, faded, so it reads in both themes (a fixed grey was 3.75:1 on dark).
    html=(
        "<div class='chart' style='width: 100%'>"
        "<p class='loading' style='opacity: 0.75'>Drawing the chart…</p></div>"
    ),
    js=_JS,
    isolate_styles=False,  # Plotly's own stylesheet and the page's fonts apply, as for st.plotly_chart
)


def plotly_js_version(path: Path) -> str | None:
    """The version a bundle names in its first comment: "plotly.js (cartesian - minified) v4.1.1"."""
    try:
        with path.open(encoding="utf-8") as file:
            head = file.read(200)
    except OSError:
        return None
    found = re.search(r"plotly\.js\b[^\n]*? v(\d+\.\d+\.\d+\S*)", head)
    return found.group(1) if found else None


@functools.cache
def _bundle() -> tuple[Path, str, frozenset[str] | None]:
    """The plotly.js to serve, its name in ``static/`` and the trace types it draws (None: every type)."""
    version = plotly_js_version(PLOTLY_JS)
    if version is not None and plotly_js_version(CARTESIAN_JS) == version:
        return CARTESIAN_JS, f"plotly-cartesian-{version}.min.js", CARTESIAN_TRACES
    return PLOTLY_JS, f"plotly-{plotly.__version__}.min.js", None


@functools.cache
def served_plotly_js() -> str | None:
    """The name of plotly.js in ``static/``, copied there on first use; None where it cannot be served.

    The name carries the version, so a browser never runs an older plotly.js than the one that wrote
    the figure, and each version is copied once (atomically: several servers may start at once).
    """
    if not st.get_option("server.enableStaticServing"):
        return None
    source, name, _ = _bundle()
    target = STATIC / name
    try:
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            STATIC.mkdir(exist_ok=True)
            partial = target.with_name(f".{name}.{os.getpid()}")
            shutil.copyfile(source, partial)
            os.replace(partial, target)
    except OSError:
        return None
    return name


def drawable(figure: go.Figure) -> bool:
    """Whether the served plotly.js has every chart type of ``figure``."""
    traces = _bundle()[2]
    return traces is None or all(trace.type in traces for trace in figure.data)


def follow(
    build: Callable[[shared.SharedState], go.Figure],
    state: shared.SharedState,
    *,
    key: str,
    inputs: Hashable = (),
) -> None:
    """Draw ``build(state)`` and redraw it in the browser as the temperature slider moves.

    ``build`` is the chart as a pure function of the shared state: it is called at the stops of the
    slider within ``WINDOW`` of the current one and at the two exact limits, and each of these stops'
    ``Plotly.update`` is the generic diff of the figures (``lessons.common.plot_diff``); at the other
    stops the chart waits for the server. ``inputs`` names everything else ``build`` reads (the page's
    own settings): the figures are kept per session and rebuilt when the logits, labels, scale,
    ``inputs`` or the figure at the current stop change, so a move to the next stop builds two figures. A
    session that opens a view another has opened (the same page, chart, stop and fingerprint) starts from
    that session's figures and stops (``_opened_view``) once its own figure at the stop is theirs.
    A chart whose stops cannot be reached by ``Plotly.update`` (a trace appears) is drawn by the server.
    """
    figure = build(state)
    options = controls.temperature_options(state)
    current = options.index(state.value)
    if _unavailable(figure):
        instant_numbers.cover({current})  # drawn by the server: it follows no move
        server_drawn(figure, key=key)
        return
    look = appearance.look()  # every stop in the reader's theme and presenter mode, as show() draws

    def dressed_at(stop: shared.SharedState) -> go.Figure:
        return theme.dress(build(stop), look)

    dressed = theme.dress(figure, look)
    base = plain(dressed)
    fingerprint = (state.scale, state.logits, state.labels, options, inputs, look)
    kept = st.session_state.setdefault(_STOPS_KEY, {})
    entry = kept.get(key)
    stale = entry is not None and current in entry["figures"] and not same(entry["figures"][current], base)
    last = len(options) - 1
    fill = functools.partial(
        _filled,
        base=base,
        dressed=dressed,
        dressed_at=dressed_at,
        state=state,
        options=options,
        current=current,
    )
    try:
        if entry is None or entry["fingerprint"] != fingerprint or stale:  # stale: a setting not in `inputs`
            entry = None
            if not stale:
                # Another session may have opened this view (a class on a teacher's link): its stops, unless
                # the figure here differs (a setting that `inputs` leaves out).
                opened = _opened_view(
                    current_page(), key, fingerprint, current,
                    _open=lambda: fill(_new_entry(fingerprint), _window(current, last)),
                )  # fmt: skip
                if same(opened["figures"][current], base):
                    entry = {**opened, "figures": dict(opened["figures"])}  # the figures are only read
            kept[key] = entry = entry or _new_entry(fingerprint)
        # Only the stops a thumb reaches before the server answers are built: the neighbours (a key press
        # or two) and the exact limits (their buttons). A logit move builds these few, not every stop.
        reach = {i for i in (current - 1, current, current + 1) if 0 <= i <= last}  # a key press either way
        if entry["window"] is not None and reach <= set(entry["window"]):
            # The stops sent with the last run still reach the next key press either way: nothing to build
            # (a move back and forth, or every other step of a drag, costs only the figure itself).
            window = entry["window"]
        else:
            window = _window(current, last)
        fill(entry, window)
    except _Unreachable:
        instant_numbers.cover({current})
        server_drawn(figure, key=key)
        return
    stops, sent = _nearest(entry["stops"], entry["bare"], current)
    instant_numbers.cover(i for i in sent if i in window)  # the others are bare: there it waits
    _draw(
        dressed,
        key=key,
        stops=stops,
        current=current,
        anchor=entry["anchor"],
        token=entry["token"],
        spec=entry["spec"],
    )


class _Unreachable(Exception):
    """A stop's figure has other traces than the current one's: ``Plotly.update`` cannot reach it."""


def _new_entry(fingerprint: tuple) -> dict:
    # The token names this set of figures: the browser skips redrawing a figure it already shows.
    return {"fingerprint": fingerprint, "figures": {}, "window": None, "token": secrets.token_hex(6)}


def _window(current: int, last: int) -> tuple[int, ...]:
    """The stops built around ``current`` (``WINDOW`` on each side) and the exact limits, 0 and ``last``."""
    return tuple(
        sorted({0, last} | {i for i in range(current - WINDOW, current + WINDOW + 1) if 0 <= i <= last})
    )


def _filled(
    entry: dict,
    window: tuple[int, ...],
    *,
    base: dict,
    dressed: go.Figure,
    dressed_at: Callable[[shared.SharedState], go.Figure],
    state: shared.SharedState,
    options: list[float],
    current: int,
) -> dict:
    """``entry`` with the figures of ``window``'s stops (``base`` at the ``current`` one, the others kept or
    built) and, for a new window, each stop's update as JSON and the figure sent. Raises ``_Unreachable``
    where a stop's figure has other traces."""
    figures = {i: f for i, f in entry["figures"].items() if i in window and i != current}
    figures[current] = base
    for i in window:
        if i not in figures:
            figures[i] = plain(dressed_at(state.with_value(options[i])))
    if entry["window"] != window:
        try:
            updates = plot_updates(base, [figures[i] for i in window])
        except ValueError as error:  # only this: an error in building a figure is not a reason to fall back
            raise _Unreachable from error
        # Each stop as the JSON the browser gets, written once per window, not on every rerun.
        bare = [_sendable({"label": controls.slider_label(value), "update": None}) for value in options]
        stops = list(bare)
        for i, update in zip(window, updates, strict=True):
            stops[i] = _sendable({"label": controls.slider_label(options[i]), "update": list(update)})
        # The figure sent is the one the window was built at (the anchor): within the window a rerun
        # sends the same figure and the stop to apply to it, and plotly.py writes it once (to_json was a
        # third of a move's server time on the pages with several charts).
        entry.update(stops=stops, bare=bare, anchor=current, spec=dressed.to_json())
    entry["figures"], entry["window"] = figures, window
    return entry


# Why: a first run builds each chart's figure at a dozen stops (on /boltzmann about 80 % of the page's own
# time, 150 of 200 ms); thirty students opening one link built the same figures thirty times, and kept thirty
# copies. An entry holds 0.03-0.44 MB (pickled): 128 of them, for an hour, are a lesson's views.
@st.cache_resource(max_entries=128, ttl="1h", show_spinner=False)
def _opened_view(page: str, key: str, fingerprint: tuple, current: int, _open: Callable[[], dict]) -> dict:
    """The stops of chart ``key`` on ``page`` as the first session to open this view built them (``_open``),
    shared by every session: read only (a session copies the entry before it moves on)."""
    return _open()


def _nearest(stops: list[str], bare: list[str], current: int) -> tuple[str, set[int]]:
    """The stops as a JSON list: the current stop, its neighbours, the exact limits, then the nearest
    others, as many as ``STOPS_BUDGET`` bytes hold; the rest without their update (``bare``: at those the
    chart waits for the server). And the indices of the stops sent whole.

    Why: every rerun sends them all again, and a chart whose curves change with T (their grid widens to
    hold it) costs tens of kB per stop; a key press or a short drag reaches the nearest stops first.
    """
    sent = set(range(len(stops)))
    if sum(map(len, stops)) > STOPS_BUDGET:
        last = len(stops) - 1
        rank = {current: 0, current - 1: 1, current + 1: 1, 0: 2, last: 2}  # a key press, then the limits
        order = sorted(range(len(stops)), key=lambda i: (rank.get(i, 3), abs(i - current)))
        sent, total = set(), 0
        for i in order:
            if total + len(stops[i]) > STOPS_BUDGET and i != current:
                continue
            sent.add(i)
            total += len(stops[i])
        stops = [stop if i in sent else bare[i] for i, stop in enumerate(stops)]
    return "[" + ",".join(stops) + "]", sent


def follow_temperature(
    figure: go.Figure, state: shared.SharedState, update: Callable[[shared.SharedState], dict], *, key: str
) -> None:
    """Draw ``figure``, the chart of ``state``, and redraw it in the browser as the temperature slider, or
    a logit's slider, moves.

    ``update(stop)`` gives the change from ``figure`` to the chart of ``stop``, ``state`` at another
    temperature or with one logit a key press or two away (``controls.logit_nudges``), as ``{"data": …,
    "layout": …, "traces": […]}``: the arguments of ``Plotly.update`` (and of ``go.Figure.plotly_update``).
    It is called once for every stop of the temperature slider and for those few logits, and sets
    everything in the chart that depends on the state (so that it turns the chart of any stop into the
    chart of ``stop``). (A chart with a hand-written update; ``follow`` finds the update by itself.)
    """
    options = controls.temperature_options(state)
    if _unavailable(figure):
        instant_numbers.cover({options.index(state.value)})
        server_drawn(figure, key=key)
        return
    stops = []
    for value in options:
        arguments = _arguments(update(state.with_value(value)))
        stops.append(_sendable({"label": controls.slider_label(value), "update": arguments}))
    # The stops' charts differ only by the temperature: named by what else draws them.
    fingerprint = (state.scale, state.logits, state.labels, options, appearance.look())
    tokens = st.session_state.setdefault(_TOKENS_KEY, {})
    if tokens.get(key, (None,))[0] != fingerprint:
        tokens[key] = (fingerprint, secrets.token_hex(6))
    current = options.index(state.value)
    stops_json = "[" + ",".join(stops) + "]"
    # A logit a key press or two away: the bars move there at once, before any run (ui.shell, logits=True).
    nudges = [
        {"slider": slider, "at": at, "stops": [[value, _arguments(update(moved))] for value, moved in near]}
        for slider, at, near in controls.logit_nudges(state, reach=instant_numbers.REACH)
    ]
    _draw(
        appearance.dress(figure),
        key=key,
        stops=stops_json,
        nudges=_sendable(nudges),
        current=current,
        token=tokens[key][1],
    )


def _arguments(update: dict) -> list:
    """``update`` (``{"data", "layout", "traces"}``) in the reader's look, as Plotly.update's arguments."""
    change = appearance.dress_update(update)
    return [change["data"], change["layout"], change["traces"]]


def still(figure: go.Figure, *, key: str, in_fragment: bool = True) -> None:
    """Draw a chart that does not follow the temperature, with the plotly.js of the charts that do
    (``ui.charts.show``, which says what ``in_fragment`` means).

    The token is the figure's digest: a rerun that sends the same figure again leaves the chart as it is.
    """
    if _unavailable(figure):
        server_drawn(figure, key=key, in_fragment=in_fragment)
        return
    dressed = appearance.dress(figure)
    spec = dressed.to_json()
    token = hashlib.blake2b(spec.encode(), digest_size=8).hexdigest()
    _draw(dressed, key=key, current=0, token=token, spec=spec, snippet_shown=in_fragment)


def server_drawn(figure: go.Figure, *, key: str, in_fragment: bool = True) -> None:
    """The chart drawn by Streamlit (``st.plotly_chart``), where plotly.js cannot be served: the app's
    template for the reader's theme and presenter mode, its toolbar, and its 'Data' menu."""
    st.plotly_chart(appearance.dress(figure), theme=None, key=key, config=chart_config(key))
    chart_tools(figure, key=key, snippet_shown=in_fragment)


def instant() -> bool:
    """Whether this session's charts are drawn by the app's plotly.js, in the browser (and so can follow
    the slider there): plotly.js is served, and the browser could load it."""
    return served_plotly_js() is not None and not st.session_state.get(_UNAVAILABLE_KEY)


def _unavailable(figure: go.Figure) -> bool:
    return not instant() or not drawable(figure)


def _sendable(stop: dict | list) -> str:
    """The stop (or stops) as the JSON the browser's JSON.parse takes.

    Python's json writes NaN and Infinity; JSON.parse refuses them. Plotly draws None (null) as it draws
    NaN: a gap.
    """
    try:  # most updates hold no such number: checked at C speed, not walked value by value
        return json.dumps(stop, allow_nan=False, separators=(",", ":"))
    except ValueError:
        return json.dumps(_strict_walk(stop), separators=(",", ":"))


def _strict_walk(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _strict_walk(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strict_walk(v) for v in value]
    return value


def _draw(
    figure: go.Figure,
    *,
    key: str,
    stops: str = "[]",
    nudges: str = "[]",
    current: int,
    anchor: int | None = None,
    token: str | None = None,
    spec: str | None = None,
    snippet_shown: bool = True,
) -> None:
    """Send the chart to the browser: ``spec`` (``figure.to_json()`` if not given), the figure at stop
    ``anchor`` (``current`` if not given), and ``stops``, a JSON list of the stops' labels and updates.
    The browser draws the figure at ``current``: ``spec`` with stop ``current``'s update applied.

    ``token`` names the figures of the stops: where the browser already shows stop ``current`` of the
    same token (it moved there before this rerun arrived), it does not draw the same figure again.
    ``figure`` is the chart at ``current``: its CSV and the view in NumPy (ui.export) are of it.
    ``nudges``, a JSON list, holds per logit slider its key, its value (``at``) and the updates of the
    ``figure`` at ``current`` to the chart with that logit at a nearby value (``follow_temperature``).
    """
    script = served_plotly_js()
    rest = {
        "config": {**chart_config(key), "responsive": True},  # the PNG named as show() names it
        "plotly": f"{app_root_url()}/app/static/{script}",
        "script": script,
        "slider": SLIDER_KEY,
        "current": current,
        "anchor": current if anchor is None else anchor,
        "token": token,
        "rest": instant_numbers.CATCH_UP_MS,  # a chart just out of sight moves once the thumb rests this long
    }
    spec = spec if spec is not None else figure.to_json()
    # Sent as bytes of JSON, written here: Streamlit would otherwise write a dict of data with json.dumps
    # twice a run (once to send, once to name the element), the figure's JSON escaped inside it.
    rest_json = json.dumps(rest, separators=(",", ":"))[1:]
    payload = f'{{"figure":{spec},"stops":{stops},"nudges":{nudges},{rest_json}'
    _chart(key=key, data=payload.encode(), on_unavailable_change=_on_unavailable)
    chart_tools(figure, key=key, snippet_shown=snippet_shown)  # its CSV and the view in NumPy (ui.export)


def preload() -> None:
    """Start loading plotly.js as the page opens (an invisible element in the sidebar, which the server
    sends first), so the first chart, drawn later in the run, finds it loaded or on its way."""
    script = served_plotly_js()
    if script is None or st.session_state.get(_UNAVAILABLE_KEY):
        return
    with st.container(key="plotly_keeper", height=1, border=False):  # takes no room (style.css)
        _chart(
            key="plotly_preload",
            data={"preload": True, "plotly": f"{app_root_url()}/app/static/{script}", "script": script},
            on_unavailable_change=_on_unavailable,
        )


def _on_unavailable() -> None:
    # The browser could load plotly.js from neither address: every instant chart of this session falls
    # back to st.plotly_chart, which ships its own copy.
    st.session_state[_UNAVAILABLE_KEY] = True
