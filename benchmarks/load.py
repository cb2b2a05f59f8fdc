"""A class of simulated students on one server (or a cluster): Streamlit's own websocket protocol, human pace.

    python3 benchmarks/load.py --sessions 50 [--moves 12] [--think 2] [--time-limit 180]
    python3 benchmarks/load.py --url http://127.0.0.1:8080 --server-pid 123 --server-pid 456 --sessions 50
    python3 benchmarks/load.py --churn 500   # open and close 500 sessions: does the memory come back?

Each student is a websocket client on ``/_stcore/stream`` that speaks what Streamlit's frontend speaks, with
the protobuf messages of the installed ``streamlit.proto``: it fetches the page over HTTP as a browser does
(which gets it the XSRF cookie and, behind the proxy, the affinity cookie), opens the stream, asks for a run
of its page with its own link's query string (``BackMsg.rerun_script``), and reads the run's deltas: the
widgets' ids (the user key ends each id), their values and the fragment each was drawn in. It then moves the
temperature slider (``key="temperature"``, a ``st.select_slider``) one stop at a time, as a key press would,
sending every widget's current value the way the browser's WidgetStateManager does, and waits for the run's
``script_finished``. Between moves it thinks (``--think`` seconds, ±50 %), and every few moves it follows a
sidebar link to another page. After each move it checks that the address the server wrote back
(``page_info_changed``) holds its own logits and the temperature it chose: sessions must not mix.

Students arrive over ``--ramp`` seconds (a class opening the teacher's link). Reported: move → script
finished (p50/p95/p99, over temperature moves only), errors (an exception or error box in a run, a run that
never finishes within ``--move-timeout``, a lost connection under a move, or a view that is not the
student's own), and the server's resident memory from ``/proc/<pid>/status`` (the ``--server-pid``\\ s, or
the server this script started). A lost connection is reopened through the same address the way the
browser does (the old session id offered; the current view re-sent when the frontend would), so behind a
proxy the student moves on on another replica; after a hung run the student reloads the page. The last
line is always

    sessions=N moves=M errors=E p50_ms=… p95_ms=… p99_ms=… rss_mib=…

where ``rss_mib`` is the peak resident memory of the server(s) during the run. Bounded: at most 1,000
sessions, 100 moves each, 15 minutes, and only loopback addresses (the script refuses any other host).

Downloads are checked through the proxy by a real browser (tests/browser/test_download_cluster.py): a CSV
is made on the replica on click and fetched over HTTP, which this protocol-level student does not do.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import http.client
import http.cookiejar
import ipaddress
import json
import math
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("", "temperature", "loss", "boltzmann", "argmax_limit", "alternatives")  # URL paths, "" is "/"
TEMPERATURE_KEY = "temperature"
REPLICA_HEADER = "x-replica"  # set by the proxy (deploy/haproxy.cfg): which replica answered

# The content's catch-up (ui.instant_numbers): a component whose key ends so, and the id of its events.
CATCH_UP_SUFFIX = "-all_numbers"
TRIGGER_PREFIX = "$$STREAMLIT_INTERNAL_KEY_"  # Streamlit's, before a component's id and "__events"

MAX_SESSIONS = 1000
MAX_MOVES = 100
MAX_SECONDS = 900.0
FINISHED_OK = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


# --- addresses -----------------------------------------------------------------------------------------


def require_loopback(url: str) -> urllib.parse.SplitResult:
    """``url`` split, if it is an http URL whose host resolves to loopback addresses only; else ValueError.

    The generator opens hundreds of connections: it must never be pointed at someone else's server.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"{url!r} is not an http://host:port URL; the load generator speaks plain HTTP.")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except OSError as error:
        raise ValueError(f"{parts.hostname!r} does not resolve: {error}") from None
    addresses = {info[4][0].split("%")[0] for info in infos}
    outside = sorted(a for a in addresses if not ipaddress.ip_address(a).is_loopback)
    if not addresses or outside:
        message = (
            f"The load generator runs against loopback addresses only; {parts.hostname!r} resolves to "
            f"{', '.join(outside) or 'nothing'}."
        )
        raise ValueError(message)
    return parts


def user_key(element_id: str) -> str | None:
    """The user key at the end of a widget id: ``$$ID-<hash>-<key>`` (Streamlit's element id format)."""
    if not element_id.startswith("$$ID-"):
        return None
    key = element_id.split("-", maxsplit=2)[-1]
    return None if key == "None" else key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- server memory -------------------------------------------------------------------------------------


def rss_mib(pids: Iterable[int]) -> float:
    """The summed resident memory of these processes, from /proc (0 for a process that is gone)."""
    total_kib = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "VmRSS: 0 kB")
        total_kib += int(line.split()[1])
    return total_kib / 1024


def cpu_seconds(pids: Iterable[int]) -> float:
    """The CPU time (user + system) these processes have used, from /proc/<pid>/stat."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / os.sysconf("SC_CLK_TCK")


def listening_pids(port: int) -> list[int]:
    """The processes that listen on this TCP port on loopback (from /proc/net/tcp{,6} and /proc/*/fd)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(fields[9])
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            links = {os.readlink(fd) for fd in (proc / "fd").iterdir()}
        except OSError:
            continue
        if any(f"socket:[{inode}]" in links for inode in inodes):
            pids.append(int(proc.name))
    return sorted(pids)


class LocalServer:
    """The app from the checkout, started as deployed (deploy/serve.py), on a free loopback port."""

    def __init__(self, *, options: Sequence[str] = (), env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable, str(ROOT / "deploy" / "serve.py"),
            "--server.port", str(self.port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false", *options,
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        self.pid = self.process.pid
        wait_healthy(self.url, process=self.process)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def wait_healthy(url: str, *, process: subprocess.Popen | None = None, timeout: float = 60.0) -> None:
    """Wait until ``url``/_stcore/health answers ``ok``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited early with code {process.returncode}")
        try:
            with _opener(http.cookiejar.CookieJar()).open(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not become healthy within {timeout:.0f} s")


def _opener(jar: http.cookiejar.CookieJar) -> urllib.request.OpenerDirector:
    # No proxy from the environment: the target is loopback, and must be reached directly.
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar)
    )


# --- one browser tab, as Streamlit's frontend drives it ----------------------------------------------------


class MoveError(Exception):
    """A run that failed as the user would see it: an exception, an error box, no end, a lost connection."""


class Disconnected(MoveError):
    """The connection was lost (under a run, or found closed before one)."""


@dataclass
class Element:
    """What the frontend keeps of one element of the page: its widget id, proto, fragment and run."""

    kind: str
    proto: object
    fragment_id: str
    run_id: str


@dataclass
class Run:
    """One script run the student asked for: how long it took and what it showed."""

    seconds: float
    status: int
    errors: list[str]


@dataclass
class Student:
    """One simulated browser tab on ``base_url``: page, query string, elements, widget values, cookies."""

    base_url: str
    page: str = ""
    query: str = ""
    move_timeout: float = 30.0
    session_id: str = ""
    page_script_hash: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # url path → page script hash (from `navigation`)
    elements: dict[tuple[int, ...], Element] = field(default_factory=dict)
    values: dict[str, WidgetState] = field(default_factory=dict)
    replica: str = ""
    replicas_seen: list[str] = field(default_factory=list)
    # What the frontend (Streamlit 1.67, App.handleConnectionStateChanged) looks at when its websocket
    # reconnects: it asks for a rerun only if its last run was cut off, was a fragment run, or the page
    # has a fragment on a timer (an auto_rerun message).
    last_run_fragments: tuple[str, ...] = ()
    auto_rerun: bool = False
    interrupted: bool = False
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)
    ws: ClientConnection | None = None
    last_sent: BackMsg | None = None  # the last rerun message sent (benchmarks/load_crosscheck.py)

    # -- connection --

    async def open(self, page: str, query: str) -> Run:
        """Load ``/page?query`` as a browser does: the HTML (cookies), the stream, the page's first run."""
        self.page, self.query = page, query
        await self.connect()
        return await self.rerun(page_name=page)

    async def connect(self) -> None:
        """GET the page (and /_stcore/health, which sets the XSRF cookie), then open the stream with them."""
        parts = require_loopback(self.base_url)
        page_url = f"{self.base_url}/{self.page}" + (f"?{self.query}" if self.query else "")
        try:
            replica = await asyncio.to_thread(self._fetch, page_url, f"{self.base_url}/_stcore/health")
        except (OSError, http.client.HTTPException) as error:  # refused, 502/503 from a proxy, cut short
            raise Disconnected(f"cannot load /{self.page}: {error!r}") from None
        cookies = {cookie.name: cookie.value for cookie in self.jar}
        xsrf = cookies.get("_streamlit_xsrf", "")
        # The frontend's subprotocols: "streamlit", then its XSRF token, then the session it had (to resume).
        protocols = [
            "streamlit",
            xsrf or "PLACEHOLDER_AUTH_TOKEN",
            *([self.session_id] if self.session_id else []),
        ]
        headers = (
            {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())} if cookies else {}
        )
        try:
            self.ws = await connect(
                f"ws://{parts.netloc}/_stcore/stream",
                origin=f"http://{parts.netloc}",
                subprotocols=protocols,
                additional_headers=headers,
                proxy=None,
                compression=None,  # Streamlit's server.enableWebsocketCompression is off by default
                max_size=256 * 2**20,
                ping_interval=None,  # browsers answer the server's pings but send none
                open_timeout=self.move_timeout,
            )
        except (OSError, InvalidHandshake, TimeoutError) as error:
            raise Disconnected(f"cannot open the stream: {error!r}") from None
        handshake_replica = self.ws.response.headers.get(REPLICA_HEADER, "") if self.ws.response else ""
        self.replica = handshake_replica or replica
        self.replicas_seen.append(self.replica)

    def _fetch(self, *urls: str) -> str:
        replica = ""
        for url in urls:
            with _opener(self.jar).open(url, timeout=self.move_timeout) as response:
                response.read()
                replica = response.headers.get(REPLICA_HEADER, replica)
        return replica

    @property
    def reruns_on_reconnect(self) -> bool:
        """Whether the browser asks for a rerun when its websocket comes back (see ``auto_rerun``)."""
        return self.interrupted or bool(self.last_run_fragments) or self.auto_rerun

    async def reconnect(self, *, attempts: int = 20, delay: float = 0.5) -> Run:
        """After a lost connection, as the frontend does: reopen the stream (offering the old session id)
        and, if the frontend would (``reruns_on_reconnect``), ask for a full run of the current page with the
        current query string and widget values. Otherwise the page stays as it was drawn, whatever session
        (a resumed one, or a blank one on another replica) is behind it now."""
        await self.close()
        last: Exception | None = None
        for attempt in range(attempts):
            try:
                await self.connect()
                if not self.reruns_on_reconnect:
                    return Run(0.0, ForwardMsg.FINISHED_SUCCESSFULLY, [])
                if not self.page_script_hash:  # the page never loaded: load it, as a reload would
                    return await self.rerun(page_name=self.page)
                return await self.rerun(page_script_hash=self.page_script_hash, widgets=True)
            except (Disconnected, OSError) as error:
                last = error
                await self.close()
                await asyncio.sleep(delay * min(attempt + 1, 4))
        raise Disconnected(f"could not reconnect: {last!r}")

    async def reload(self) -> Run:
        """What a student does when a run hangs: reload the page (a new session, the current address).

        Keeping the old stream would leave the hung run's late messages to be taken for the next run's."""
        await self.close()
        self.session_id, self.elements, self.values = "", {}, {}
        self.last_run_fragments, self.auto_rerun, self.interrupted = (), False, False
        return await self.open(self.page, self.query)

    async def close(self) -> None:
        if self.ws is not None:
            ws, self.ws = self.ws, None
            try:
                await asyncio.wait_for(ws.close(), timeout=5)
            except (TimeoutError, OSError, ConnectionClosed):
                pass

    @property
    def connected(self) -> bool:
        from websockets.protocol import State

        return self.ws is not None and self.ws.state is State.OPEN

    # -- what the frontend sends --

    def widget(self, key: str) -> tuple[str, Element]:
        """The widget drawn with user key ``key``: its id and element."""
        for element in self.elements.values():
            element_id = getattr(element.proto, "id", "")
            if element_id and user_key(element_id) == key:
                return element_id, element
        raise KeyError(f"no widget with key {key!r} on /{self.page}")

    def widget_states(self) -> list[WidgetState]:
        """Every drawn widget's current value, as the browser's WidgetStateManager sends them with a rerun."""
        drawn = {getattr(e.proto, "id", "") for e in self.elements.values()}
        return [state for widget_id, state in self.values.items() if widget_id in drawn]

    def client_state(self, back: BackMsg, *, page_name: str | None, page_script_hash: str, fragment_id: str):
        rerun = back.rerun_script
        if self.query:
            rerun.query_string = self.query
        if page_name is not None:
            rerun.page_name = page_name
        if page_script_hash:
            rerun.page_script_hash = page_script_hash
        if fragment_id:
            rerun.fragment_id = fragment_id
        context = rerun.context_info
        context.timezone, context.timezone_offset, context.locale = "UTC", 0, "en-US"
        context.url = f"{self.base_url}/{self.page}"
        context.is_embedded, context.color_scheme = False, "light"
        return rerun

    async def rerun(
        self,
        *,
        page_name: str | None = None,
        page_script_hash: str = "",
        fragment_id: str = "",
        changes: dict[str, WidgetState] | None = None,
        triggers: Sequence[WidgetState] = (),
        widgets: bool = False,
    ) -> Run:
        """Send one ``rerun_script`` and read until its run has finished; ``changes`` are widget values the
        user just set (they become the widgets' values, as in the browser), ``triggers`` values for this
        rerun only (a component's event)."""
        if not self.connected:
            raise Disconnected("the connection is closed")
        for widget_id, state in (changes or {}).items():
            self.values[widget_id] = state
        back = BackMsg()
        rerun = self.client_state(
            back, page_name=page_name, page_script_hash=page_script_hash, fragment_id=fragment_id
        )
        if widgets or changes or triggers:
            rerun.widget_states.widgets.extend(self.widget_states())
            rerun.widget_states.widgets.extend(triggers)
        else:
            rerun.widget_states.SetInParent()
        self.last_sent = back
        started = time.perf_counter()
        try:
            self.interrupted = True
            await self.ws.send(back.SerializeToString())
            status, errors = await asyncio.wait_for(self._read_run(), timeout=self.move_timeout)
            self.interrupted = False
        except ConnectionClosed as error:
            raise Disconnected(f"connection lost under a run: {error!r}") from None
        except TimeoutError:
            raise MoveError(f"no script_finished within {self.move_timeout:.0f} s") from None
        return Run(time.perf_counter() - started, status, errors)

    async def _read_run(self) -> tuple[int, list[str]]:
        """Apply ForwardMsgs until the run started by our rerun finishes (a run cut short by a rerun the
        script asked for, FINISHED_EARLY_FOR_RERUN, is followed by that rerun: keep reading)."""
        run_id, fragments, errors = "", (), []
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.ws.recv())
            kind = message.WhichOneof("type")
            if kind == "new_session":
                run_id = message.metadata.run.script_run_id
                fragments = tuple(message.metadata.run.fragment_ids)
                self.session_id = message.new_session.initialize.session_id or self.session_id
                self.page_script_hash = message.new_session.page_script_hash
            elif kind == "navigation":
                self.pages = {
                    page.url_pathname: page.page_script_hash for page in message.navigation.app_pages
                }
                if message.navigation.page_script_hash:
                    self.page_script_hash = message.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "auto_rerun":
                self.auto_rerun = True
            elif kind == "delta" and run_id:
                errors.extend(self._apply(message, run_id))
            elif kind == "script_finished" and run_id and message.metadata.run.script_run_id == run_id:
                status = message.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    run_id = ""
                    continue
                self._drop_stale(
                    run_id, fragments, full=status != ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                )
                self.last_run_fragments = fragments
                if status not in FINISHED_OK:
                    errors.append(f"script finished with status {status}")
                return status, errors

    def _apply(self, message: ForwardMsg, run_id: str) -> list[str]:
        delta, path = message.delta, tuple(message.metadata.delta_path)
        kind = delta.WhichOneof("type")
        if kind == "add_block":
            self.elements[path] = Element("block", None, delta.fragment_id, run_id)
            return []
        if kind != "new_element":
            return []
        element_kind = delta.new_element.WhichOneof("type")
        proto = getattr(delta.new_element, element_kind)
        self.elements[path] = Element(element_kind, proto, delta.fragment_id, run_id)
        if element_kind == "exception":
            return [f"exception on /{self.page}: {proto.type}: {proto.message[:200]}"]
        if element_kind == "alert" and proto.format == proto.ERROR:
            return [f"error box on /{self.page}: {proto.body[:200]}"]
        widget_id = getattr(proto, "id", "")
        if widget_id:
            state = _initial_state(element_kind, proto, known=widget_id in self.values)
            if state is not None:
                self.values[widget_id] = state
        return []

    def _drop_stale(self, run_id: str, fragments: Sequence[str], *, full: bool) -> None:
        # As the frontend at a run's end: elements this run did not redraw are gone (for a fragment run, only
        # those of its fragments), and so are the values of widgets no longer drawn.
        def stale(element: Element) -> bool:
            return element.run_id != run_id and (full or element.fragment_id in fragments)

        self.elements = {path: e for path, e in self.elements.items() if not stale(e)}
        drawn = {getattr(e.proto, "id", "") for e in self.elements.values()}
        self.values = {widget_id: state for widget_id, state in self.values.items() if widget_id in drawn}

    # -- what a student does --

    def temperature_stops(self) -> tuple[str, list[str], str]:
        """The temperature slider's id, its stops (as shown) and the current one."""
        widget_id, element = self.widget(TEMPERATURE_KEY)
        options = list(element.proto.options)
        return widget_id, options, self.values[widget_id].string_array_value.data[0]

    def catch_up(self) -> tuple[Element, dict] | None:
        """The element by which the page's content asks for its rerun once the thumb rests (ui.shell,
        ``follows=True``; ``ui.instant_numbers.gathered(catch_up=True)``) and its data; None on a page whose
        slider reruns at every move."""
        for element in self.elements.values():
            if element.kind == "bidi_component" and element.proto.id.endswith(CATCH_UP_SUFFIX):
                data = json.loads(element.proto.json or "{}")
                if "catchUp" in data:
                    return element, data
        return None

    def committed_run(self) -> int:
        """The number of the temperature controls' latest run drawn (``instant_numbers.follow(commits=…)``):
        the browser names it when it asks for the content's catch-up (0 for none)."""
        runs = [
            target["committed"][2]
            for element in self.elements.values()
            if element.kind == "bidi_component"
            for target in json.loads(element.proto.json or "{}").get("targets", ())
            if target.get("committed")
        ]
        return max(runs, default=0)

    async def move_temperature(self, stop: str) -> Run:
        """Move the temperature slider to ``stop`` (as one key press would) and wait for its run.

        On a page whose slider holds its moves in the browser (``on_change="ignore"``: every element that
        depends on the temperature follows the thumb there) the browser asks for nothing at the move: once
        the thumb has rested (700 ms) the content asks for its catch-up, which names the thumb's stop, and
        carries the slider's new value. That request is sent here at once: the rest is part of the student's
        thinking. The server then runs the content, takes the move and runs the whole page (ui.shell).
        """
        widget_id, element = self.widget(TEMPERATURE_KEY)
        state = WidgetState(id=widget_id)
        state.string_array_value.data.append(stop)
        held = self.catch_up()
        if held is None:
            return await self.rerun(
                page_script_hash=self.page_script_hash,
                fragment_id=element.fragment_id,
                changes={widget_id: state},
            )
        numbers, _ = held
        options = list(element.proto.options)
        # As the component's setTriggerValue sends it (ui/instant_numbers.mjs): the JSON of JavaScript.
        run = self.committed_run()
        thumb = {"index": options.index(stop), "label": stop, "count": len(options), "run": run}
        trigger = WidgetState(id=f"{TRIGGER_PREFIX}{numbers.proto.id}__events")
        trigger.json_trigger_value = json.dumps(
            [{"event": "stale", "value": thumb}], separators=(",", ":"), ensure_ascii=False
        )
        return await self.rerun(
            page_script_hash=self.page_script_hash,
            fragment_id=numbers.fragment_id,
            changes={widget_id: state},
            triggers=[trigger],
        )

    async def navigate(self, page: str) -> Run:
        """Follow the sidebar's link to ``page`` (no query string: the session carries the view)."""
        page_hash = self.pages.get(page) or self.pages.get(page.replace("_", " "))
        self.page, self.query = page, ""
        if page_hash is None:  # e.g. a cold server's first session, before the navigation was sent
            return await self.rerun(page_name=page)
        return await self.rerun(page_script_hash=page_hash)

    def view(self) -> dict[str, list[str]]:
        """The query string the server last wrote into the address bar, parsed."""
        return urllib.parse.parse_qs(self.query, keep_blank_values=True)


def _slider(state: WidgetState, proto, set_value: bool) -> None:
    if proto.options:  # st.select_slider: the stops as shown
        labels = list(proto.raw_value) if set_value else [proto.options[int(i)] for i in proto.default]
        state.string_array_value.data.extend(labels)
    else:
        state.double_array_value.data.extend(proto.value if set_value else proto.default)


def _text(state: WidgetState, proto, set_value: bool) -> None:
    if set_value and proto.HasField("value"):
        state.string_value = proto.value
    elif not set_value and proto.HasField("default"):
        state.string_value = proto.default


def _button_group(state: WidgetState, proto, set_value: bool) -> None:
    labels = list(proto.raw_values) if set_value else [proto.options[int(i)].content for i in proto.default]
    state.string_array_value.data.extend(labels)


def _choice(state: WidgetState, proto, set_value: bool) -> None:
    if set_value and proto.HasField("raw_value"):
        state.string_value = proto.raw_value
    elif not set_value and proto.HasField("default"):
        state.string_value = proto.options[proto.default]


def _number(state: WidgetState, proto, set_value: bool) -> None:
    number = proto.value if set_value and proto.HasField("value") else proto.default
    if proto.data_type == proto.INT:
        state.int_value = int(number)
    else:
        state.double_value = number


def _toggle(state: WidgetState, proto, set_value: bool) -> None:
    state.bool_value = proto.value if set_value else proto.default


def _multiselect(state: WidgetState, proto, set_value: bool) -> None:
    state.string_array_value.data.extend(
        proto.raw_values if set_value else [proto.options[int(i)] for i in proto.default]
    )


# How the frontend reads each widget's value from its proto (the kinds this app draws, and a few more).
_VALUE_READERS = {
    "slider": _slider,
    "text_input": _text,
    "text_area": _text,
    "button_group": _button_group,
    "selectbox": _choice,
    "radio": _choice,
    "number_input": _number,
    "checkbox": _toggle,
    "toggle": _toggle,
    "multiselect": _multiselect,
}


def _initial_state(kind: str, proto, *, known: bool) -> WidgetState | None:
    """A widget's value as the frontend takes it from a delta: the server's value when it sets one
    (``set_value``), else the value the browser already holds, else the widget's default. None for
    buttons (trigger values only), elements without a value, and widgets this app does not use."""
    read = _VALUE_READERS.get(kind)
    set_value = getattr(proto, "set_value", False)
    if read is None or (known and not set_value):
        return None
    state = WidgetState(id=proto.id)
    read(state, proto, set_value)
    return state


# --- the class -------------------------------------------------------------------------------------------


@dataclass
class Record:
    """One action of one student: what, when (monotonic seconds), how long, and whether it failed."""

    student: int
    kind: str  # "open", "move", "navigate", "reconnect"
    start: float
    seconds: float
    error: str = ""
    replica: str = ""
    page: str = ""


@dataclass
class Plan:
    sessions: int
    moves: int
    think: float
    ramp: float
    moves_per_page: int
    time_limit: float
    move_timeout: float
    seed: int
    pages: tuple[str, ...] = PAGES


def student_link(index: int, seed: int, pages: Sequence[str]) -> tuple[str, str, tuple[float, ...]]:
    """Student ``index``'s own first page and link: logits of its own, a temperature of its own."""
    rng = random.Random(seed * 100_003 + index)
    logits = tuple(round(rng.uniform(-3, 3), 1) for _ in range(rng.randint(3, 6)))
    temperature = rng.choice(("0.3", "0.5", "0.8", "1", "1.5", "2", "3"))
    query = "z=" + ",".join(f"{x:g}" for x in logits) + f"&T={temperature}"
    return pages[index % len(pages)], query, logits


def _next_stop(rng: random.Random, options: list[str], current: str) -> str:
    """One key press left or right, kept off the exact limits at the ends (T = 0 and T = ∞)."""
    index = options.index(current) if current in options else len(options) // 2
    step = rng.choice((-1, 1))
    if not 1 <= index + step <= len(options) - 2:
        step = -step
    return options[min(max(index + step, 1), len(options) - 2)]


def _check_view(student: Student, logits: tuple[float, ...], stop: str) -> str:
    """'' if the address the server wrote holds this student's own logits and chosen temperature."""
    view = student.view()
    z = tuple(float(x) for x in view.get("z", [""])[0].split(",") if x)
    if z != logits:
        return f"view has z={view.get('z')} instead of the student's own {logits}"
    shown = view.get("T", [""])[0]
    if not shown or not math.isclose(float(shown), float(stop.replace("∞", "inf")), rel_tol=1e-9):
        return f"view has T={shown!r} after a move to {stop!r}"
    return ""


async def run_student(index: int, plan: Plan, base_url: str, deadline: float, records: list[Record]) -> None:
    rng = random.Random(plan.seed * 7919 + index)
    page, query, logits = student_link(index, plan.seed, plan.pages)
    student = Student(base_url, move_timeout=plan.move_timeout)
    await asyncio.sleep(plan.ramp * index / max(plan.sessions, 1))

    async def act(kind: str, action) -> Run | None:
        start = time.monotonic()
        try:
            run = await action()
        except MoveError as error:
            records.append(Record(index, kind, start, time.monotonic() - start, str(error), student.replica))
            if kind not in ("reconnect", "reload"):
                # A lost connection is reopened as the frontend does; a hung run is reloaded.
                await act(*(("reconnect", student.reconnect) if isinstance(error, Disconnected) else
                            ("reload", student.reload)))  # fmt: skip
            return None
        error = "; ".join(run.errors)
        records.append(Record(index, kind, start, run.seconds, error, student.replica, student.page))
        return run

    try:
        if await act("open", lambda: student.open(page, query)) is None and not student.connected:
            return
        for move in range(plan.moves):
            await asyncio.sleep(plan.think * rng.uniform(0.5, 1.5))
            if time.monotonic() > deadline:
                break
            if not student.connected and await act("reconnect", student.reconnect) is None:
                break
            if move and move % plan.moves_per_page == 0:
                target = rng.choice([p for p in plan.pages if p != student.page])
                await act("navigate", lambda target=target: student.navigate(target))
                await asyncio.sleep(plan.think * rng.uniform(0.5, 1.5))
                if not student.connected and await act("reconnect", student.reconnect) is None:
                    break
            await _move(student, rng, logits, act, records, index)
    finally:
        await student.close()


async def _move(student: Student, rng: random.Random, logits, act, records: list[Record], index: int) -> None:
    """One key press on the temperature slider, and the check that the address then holds the student's
    own view."""
    try:
        _, options, current = student.temperature_stops()
    except KeyError as error:
        records.append(Record(index, "move", time.monotonic(), 0.0, str(error), student.replica))
        return
    stop = _next_stop(rng, options, current)
    run = await act("move", lambda: student.move_temperature(stop))
    if run is not None and not run.errors:
        mismatch = _check_view(student, logits, stop)
        if mismatch:
            records[-1].error = mismatch


class MemorySampler:
    """The servers' RSS every ``interval`` seconds, in the background: idle, peak and last."""

    def __init__(self, pids: Sequence[int], interval: float = 0.5):
        self.pids, self.interval = list(pids), interval
        self.samples: list[float] = []
        self._task: asyncio.Task | None = None

    async def _loop(self) -> None:
        while True:
            self.samples.append(rss_mib(self.pids))
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        self.samples.append(rss_mib(self.pids))

    @property
    def peak(self) -> float:
        return max(self.samples, default=0.0)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation between order statistics (NumPy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary_line(sessions: int, records: Sequence[Record], rss: float) -> str:
    """The last line: ``sessions=N moves=M errors=E p50_ms=… p95_ms=… p99_ms=… rss_mib=…``."""
    moves = [r.seconds * 1000 for r in records if r.kind == "move" and not r.error]
    errors = sum(1 for r in records if r.error)
    p50, p95, p99 = (percentile(moves, q) for q in (50, 95, 99))
    return (
        f"sessions={sessions} moves={len(moves)} errors={errors} "
        f"p50_ms={p50:.1f} p95_ms={p95:.1f} p99_ms={p99:.1f} rss_mib={rss:.1f}"
    )


async def run_load(
    plan: Plan, base_url: str, pids: Sequence[int], *, records: list[Record] | None = None
) -> tuple[list[Record], MemorySampler]:
    """Run the class: ``plan.sessions`` students at once (their starts spread over ``plan.ramp`` s), each
    action appended to ``records`` as it ends (pass a list to watch them come)."""
    require_loopback(base_url)
    records = [] if records is None else records
    sampler = MemorySampler(pids)
    sampler.start()
    deadline = time.monotonic() + plan.time_limit
    tasks = [
        asyncio.create_task(run_student(i, plan, base_url, deadline, records)) for i in range(plan.sessions)
    ]
    # The hard bound: past the time limit (plus one move's timeout for the moves in flight) all stop.
    done, pending = await asyncio.wait(tasks, timeout=plan.time_limit + plan.move_timeout + 15)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        if task.exception() is not None:
            records.append(Record(-1, "crash", time.monotonic(), 0.0, repr(task.exception())))
    await sampler.stop()
    return records, sampler


async def warm_up(base_url: str, pages: Sequence[str] = PAGES) -> list[str]:
    """Visit each page once, one after the other: the first visits import the pages' modules.

    Done before any measurement. It also keeps a cold server's first visits from running concurrently: on
    Streamlit 1.67, first visits that import plotly and pandas in parallel threads can fail with "partially
    initialized module" (seen with 6 simultaneous first visits: 2 failed, in 3 trials of 3).
    """
    errors = []
    for page in pages:
        student = Student(base_url)
        try:
            run = await student.open(page, "")
            errors.extend(run.errors)
        except MoveError as error:
            errors.append(str(error))
        finally:
            await student.close()
    return errors


async def churn(base_url: str, count: int, concurrency: int, pids: Sequence[int]) -> list[Record]:
    """Open ``count`` sessions, ``concurrency`` at a time; each loads a page, moves once and closes."""
    records: list[Record] = []
    gate = asyncio.Semaphore(concurrency)

    async def one(index: int) -> None:
        async with gate:
            page, query, _ = student_link(index, 1, PAGES)
            student = Student(base_url)
            start = time.monotonic()
            try:
                await student.open(page, query)
                _, options, current = student.temperature_stops()
                run = await student.move_temperature(_next_stop(random.Random(index), options, current))
                records.append(Record(index, "move", start, run.seconds, "; ".join(run.errors)))
            except (MoveError, KeyError) as error:
                records.append(Record(index, "move", start, time.monotonic() - start, str(error)))
            finally:
                await student.close()

    await asyncio.gather(*(one(i) for i in range(count)))
    return records


def run_sync(coroutine):
    """``asyncio.run(coroutine)``, in a thread of its own when this thread already runs an event loop (as
    under Playwright's sync API in a test session)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


# --- command line -----------------------------------------------------------------------------------------


def _bounded(value: str, kind, low, high, name: str):
    number = kind(value)
    if not low <= number <= high:
        raise argparse.ArgumentTypeError(f"{name} must be between {low} and {high}, not {value}")
    return number


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running app (loopback only); default: start one from the checkout")
    parser.add_argument("--server-pid", type=int, action="append", default=[], help="whose RSS to report")
    parser.add_argument(
        "--sessions", type=lambda v: _bounded(v, int, 1, MAX_SESSIONS, "--sessions"), default=10
    )
    parser.add_argument("--moves", type=lambda v: _bounded(v, int, 1, MAX_MOVES, "--moves"), default=12)
    parser.add_argument(
        "--think",
        type=lambda v: _bounded(v, float, 0.0, 60.0, "--think"),
        default=2.0,
        help="mean seconds between a student's actions (each drawn ±50 %%)",
    )
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the students arrive")
    parser.add_argument("--moves-per-page", type=int, default=4, help="moves before following a link")
    parser.add_argument(
        "--time-limit",
        type=lambda v: _bounded(v, float, 1.0, MAX_SECONDS, "--time-limit"),
        default=180.0,
        help="no move starts after this many seconds",
    )
    parser.add_argument("--move-timeout", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pages", default=",".join(p or "/" for p in PAGES), help="comma-separated URL paths"
    )
    parser.add_argument(
        "--churn",
        type=lambda v: _bounded(v, int, 1, 5000, "--churn"),
        default=0,
        help="instead: open and close this many sessions and follow the memory",
    )
    parser.add_argument("--concurrency", type=int, default=25, help="sessions open at once in --churn")
    parser.add_argument(
        "--settle",
        type=float,
        default=150.0,
        help="in --churn: seconds to wait after the last close (see server.disconnectedSessionTTL)",
    )
    parser.add_argument("--records", type=Path, help="write every action as JSON lines here")
    parser.add_argument("--server-option", action="append", default=[], help="for the server this starts")
    return parser.parse_args(argv)


def _report(records: Sequence[Record], sessions: int, rss_peak: float, extra: Sequence[str] = ()) -> None:
    by_kind: dict[str, list[Record]] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record)
    for kind, group in sorted(by_kind.items()):
        ok = [r.seconds * 1000 for r in group if not r.error]
        failed = len(group) - len(ok)
        if ok:
            print(f"{kind:10} n={len(group):5d} failed={failed:4d} median_ms={statistics.median(ok):8.1f}")
        else:
            print(f"{kind:10} n={len(group):5d} failed={failed:4d}")
    pages = sorted({r.page for r in records if r.kind == "move"})
    for page in pages:
        ok = [r.seconds * 1000 for r in records if r.kind == "move" and r.page == page and not r.error]
        if ok:
            print(f"  moves on /{page:13} n={len(ok):5d} median_ms={statistics.median(ok):8.1f}")
    for error in sorted({r.error for r in records if r.error})[:10]:
        print(f"  error: {error}")
    for line in extra:
        print(line)
    print(summary_line(sessions, records, rss_peak), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    server = None
    if args.url:
        base_url = args.url.rstrip("/")
        require_loopback(base_url)
        pids = args.server_pid or listening_pids(require_loopback(base_url).port or 80)
    else:
        server = LocalServer(options=args.server_option)
        base_url, pids = server.url, [server.pid, *args.server_pid]
    # An interrupted run still stops the server it started.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        names = ", ".join(f"{pid} ({_command(pid)})" for pid in pids)
        print(f"target {base_url}; memory of {names or 'no process'}", flush=True)
        if args.churn:
            return _main_churn(args, base_url, pids)
        pages = tuple("" if p.strip() in ("", "/") else p.strip().strip("/") for p in args.pages.split(","))
        plan = Plan(
            sessions=args.sessions, moves=args.moves, think=args.think,
            ramp=args.ramp, moves_per_page=max(args.moves_per_page, 1),
            time_limit=args.time_limit, move_timeout=args.move_timeout, seed=args.seed, pages=pages,
        )  # fmt: skip
        warm_errors = run_sync(warm_up(base_url, pages))
        if warm_errors:
            print(f"warm-up errors: {warm_errors}", flush=True)
        time.sleep(1)
        idle, cpu_before, started = rss_mib(pids), cpu_seconds(pids), time.monotonic()
        records, sampler = run_sync(run_load(plan, base_url, pids))
        cpu, wall = cpu_seconds(pids) - cpu_before, time.monotonic() - started
        if args.records:
            args.records.write_text("".join(json.dumps(r.__dict__) + "\n" for r in records))
        per_session = (sampler.peak - idle) / plan.sessions
        actions = sum(1 for r in records if r.kind in ("open", "move", "navigate", "reconnect", "reload"))
        extra = [
            f"rss idle_mib={idle:.1f} peak_mib={sampler.peak:.1f} per_session_mib={per_session:.2f}",
            # What the server spent, whatever else the machine ran: its capacity is about 1 / this per core.
            f"server cpu_s={cpu:.1f} over {wall:.0f} s, {1000 * cpu / max(actions, 1):.1f} ms per action "
            f"({actions} opens, moves and page changes), load average {os.getloadavg()[0]:.1f}",
        ]
        _report(records, plan.sessions, sampler.peak, extra)
        return 0
    finally:
        if server is not None:
            server.stop()


def _main_churn(args: argparse.Namespace, base_url: str, pids: Sequence[int]) -> int:
    # Warm up first: the first session imports the pages' modules, which stay; that is the idle to return to.
    run_sync(warm_up(base_url))
    time.sleep(2)
    idle = rss_mib(pids)
    print(f"idle after one visit of each page: {idle:.1f} MiB", flush=True)

    async def measured() -> tuple[list[Record], float]:
        sampler = MemorySampler(pids)
        sampler.start()
        records = await churn(base_url, args.churn, args.concurrency, pids)
        await sampler.stop()
        return records, sampler.peak

    records, peak = run_sync(measured())
    closed = rss_mib(pids)
    print(
        f"after {args.churn} sessions opened and closed: peak {peak:.1f} MiB, now {closed:.1f} MiB",
        flush=True,
    )
    time.sleep(args.settle)
    # Streamlit reaps sessions past server.disconnectedSessionTTL on its next write to the session storage,
    # i.e. the next disconnect: one more visit is what a server in use would see anyway.
    run_sync(churn(base_url, 1, 1, pids))
    time.sleep(2)
    settled = rss_mib(pids)
    extra = [
        f"rss idle_mib={idle:.1f} peak_mib={peak:.1f} closed_mib={closed:.1f} "
        f"settled_mib={settled:.1f} (after {args.settle:.0f} s and one more visit)"
    ]
    _report(records, args.churn, settled, extra)
    return 0


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "gone"


if __name__ == "__main__":
    sys.exit(main())
