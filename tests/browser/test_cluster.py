"""Two replicas behind HAProxy (deploy/local-cluster): tabs stick to one, and survive losing it.

Each test starts its own cluster of 2 replicas on loopback and kills one replica with SIGKILL (a crash, not
a shutdown). The state of a view lives in the URL, so a tab whose replica is gone reconnects through the
proxy to the other one and must show exactly what it showed. Needs Debian's haproxy and chromium (CI
installs both); without haproxy the tests are skipped locally and fail in CI.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks import load
from tests.browser.helpers import wait_for_address

pytestmark = [pytest.mark.browser, pytest.mark.cluster]

ROOT = Path(__file__).resolve().parents[2]
LOCAL_CLUSTER = ROOT / "deploy" / "local-cluster"
RECONNECT_SECONDS = 10.0
# Streamlit's frontend (1.67) asks for a rerun when its websocket comes back only if the last run was cut
# off, was a fragment run, or the page has a fragment on a timer. A tab whose last run was a full one
# (just opened, or a logit changed) otherwise keeps its drawing over a blank session on the new replica,
# and its next temperature move (a fragment rerun of a fragment that session never registered) is dropped
# in silence. The app needs a fragment on a timer (it announces it with an auto_rerun message) to fail
# over; until it has one, the checks after the crash are expected to fail.
NO_RECONNECT_HOOK = (
    "the app has no fragment on a timer (no auto_rerun message): after a replica is lost, its tabs keep "
    "their drawing over a blank session and drop the next temperature move (issue 21, see the report)"
)

# Six tabs, each on its own page with its own view (logits, temperature or β, labels, a page setting).
VIEWS = (
    "/?z=2,1,0.1&T=0.5",
    "/temperature?z=3,1,0.2&T=2&units=bits",
    "/loss?z=1,0,-1.5&T=0.8",
    "/boltzmann?z=0.5,1.5,-2,1&beta=3",
    "/argmax_limit?z=1,1.2,0.7&T=0.3",
    "/alternatives?z=2.5,-1,0.5&T=1.5&labels=cat,dog,bird",
)


def _require_haproxy() -> None:
    if shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists():
        return
    message = "haproxy is missing: install Debian's haproxy (apt-get install -y haproxy)."
    if os.environ.get("CI"):
        pytest.fail(message + " CI runs the cluster tests and must not skip them.")
    pytest.skip(message + " Cluster tests are skipped on this machine.")


@pytest.fixture
def cluster(tmp_path):
    """``deploy/local-cluster up --replicas 2`` on a free port; ``down`` afterwards, whatever happened."""
    _require_haproxy()
    state = ["--state-dir", str(tmp_path / "cluster")]
    command = [
        sys.executable,
        str(LOCAL_CLUSTER),
        *state,
        "up",
        "--replicas",
        "2",
        "--port",
        str(load.free_port()),
    ]
    started = subprocess.run(command, capture_output=True, text=True, timeout=120)
    try:
        assert started.returncode == 0, started.stderr
        info = json.loads(started.stdout.strip().splitlines()[-1])
        assert set(info) >= {"url", "replicas", "proxy_pid"} and len(info["replicas"]) == 2
        yield info
    finally:
        subprocess.run([sys.executable, str(LOCAL_CLUSTER), *state, "down"], capture_output=True, timeout=60)


class Tab:
    """One browser tab in a context of its own (its own cookies: a student of its own)."""

    def __init__(self, browser, base_url: str, view: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.view, self.base_url = view, base_url
        self.replicas: list[tuple[float, str]] = []  # (when, X-Replica) of every response
        self.finished: list[float] = []  # when a script run finished (ForwardMsg.script_finished)
        self.auto_rerun = False  # whether a run announced a fragment on a timer
        self.console_errors: list[str] = []
        self.page.on("response", self._on_response)
        self.page.on("websocket", self._on_websocket)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        # Every CSP violation is logged, whatever the browser would have said about it.
        self.page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
        )

    def _on_response(self, response) -> None:
        if response.url.startswith(self.base_url):  # not the blob: and data: URLs the page makes
            self.replicas.append((time.monotonic(), response.headers.get("x-replica", "")))

    def _on_websocket(self, socket) -> None:
        def received(payload) -> None:
            message = ForwardMsg()
            message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
            kind = message.WhichOneof("type")
            if kind == "script_finished":
                self.finished.append(time.monotonic())
            elif kind == "auto_rerun":
                self.auto_rerun = True

        socket.on("framereceived", received)

    def _on_console(self, message) -> None:
        # On a page path Streamlit first probes /<page>/_stcore/health to find its base path: 404s of its own.
        location = message.location.get("url", "")
        if message.type == "error" and not location.endswith(("/_stcore/health", "/_stcore/host-config")):
            self.console_errors.append(f"{message.text} ({location})")

    def open(self) -> None:
        """Asks for the page without waiting for it: the tabs load side by side, as a class's do."""
        self.page.goto(self.base_url + self.view, wait_until="commit")

    @property
    def replica(self) -> str:
        """The replica that answered last."""
        return self.replicas[-1][1]

    def fingerprint(self) -> dict:
        """What the tab shows: its address, every visible text, and every chart's data (its numbers)."""
        return self.page.evaluate(
            """() => ({
              // The Playground is both / and /playground (its file's name, the address a server that
              // opens it without app.py's navigation gives it): one page.
              address: decodeURIComponent(
                (location.pathname === '/playground' ? '/' : location.pathname) + location.search),
              text: [...document.querySelectorAll('[data-testid="stSidebar"], [data-testid="stMain"]')]
                .map((e) => e.innerText).join('\\n'),
              charts: [...document.querySelectorAll('.js-plotly-plot')].map((e) => JSON.stringify(e.data)),
            })"""
        )

    def settled_fingerprint(self, timeout_s: float = 30.0) -> dict:
        """The fingerprint once two reads half a second apart agree (charts may still be drawing)."""
        deadline = time.monotonic() + timeout_s
        last = self.fingerprint()
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(500)
            current = self.fingerprint()
            if current == last:
                return current
            last = current
        return last

    def errors_on_screen(self) -> list[str]:
        selectors = '[data-testid="stException"], [data-testid="stAlertContentError"], [role="dialog"]'
        return self.page.locator(selectors).all_inner_texts()


def settle(page, timeout_ms: int = 60_000) -> None:
    """Until Streamlit has finished the run (no status widget), the page's title is drawn and so are its
    charts (plotly.js can come seconds after the run ends while a class opens its tabs; a fingerprint taken
    before would miss them)."""
    page.wait_for_selector('[data-testid="stMain"] h1', state="attached", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms
    )
    page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=timeout_ms)
    page.wait_for_function("() => !document.querySelector('.chart .loading')", timeout=timeout_ms)


def address(url: str) -> tuple[str, dict[str, list[str]]]:
    """A page's path and its query's parameters (Streamlit rewrites the order and encodes commas)."""
    parts = urlsplit(url)
    return parts.path, parse_qs(unquote(parts.query))


def chart_title(page) -> str:
    return page.locator(".js-plotly-plot .gtitle").first.text_content() or ""


def test_tabs_stick_to_a_replica_and_come_back_on_the_other_with_the_same_view(browser, cluster):
    tabs = [Tab(browser, cluster["url"], view) for view in VIEWS]
    for tab in tabs:
        tab.open()
    for tab in tabs:
        settle(tab.page)
    # Each tab sticks to one replica (the proxy's cookie), and the two replicas share the class.
    for tab in tabs:
        assert len({replica for _, replica in tab.replicas}) == 1, (tab.view, tab.replicas)
        assert any(cookie["name"] == "softmax_replica" for cookie in tab.context.cookies())
        assert address(tab.page.url) == address(tab.view), (tab.view, tab.page.url)
    names = {replica["name"]: replica["pid"] for replica in cluster["replicas"]}
    assert {tab.replica for tab in tabs} == set(names)
    for tab in tabs:
        # The CSP passes: nothing on the page was refused, nothing else went wrong.
        assert tab.console_errors == [], (tab.view, tab.console_errors)
    before = [tab.settled_fingerprint() for tab in tabs]
    if not all(tab.auto_rerun for tab in tabs):
        pytest.xfail(NO_RECONNECT_HOOK)

    # The replica of the Playground's tab crashes.
    lost = tabs[0].replica
    survivor = next(name for name in names if name != lost)
    moved = [tab for tab in tabs if tab.replica == lost]
    killed_at = time.monotonic()
    os.kill(names[lost], signal.SIGKILL)

    for tab in moved:
        # Back within 10 s: a run finished on a new websocket through the proxy, answered by the other
        # replica, and the tab shows exactly what it showed (the new session read the view from the address).
        def back(tab: Tab = tab) -> bool:
            return (
                any(when > killed_at for when in tab.finished)
                and tab.replica == survivor
                and not tab.page.locator('[data-testid="stStatusWidget"]').count()
            )

        while time.monotonic() - killed_at < RECONNECT_SECONDS and not back():
            tab.page.wait_for_timeout(50)
        took = time.monotonic() - killed_at
        assert back(), (tab.view, f"not back after {took:.1f} s", tab.replicas[-3:])
        assert tab.settled_fingerprint() == before[tabs.index(tab)], tab.view
        assert tab.errors_on_screen() == [], (tab.view, tab.errors_on_screen())
        print(f"{tab.view}: back on {survivor} {took:.1f} s after the crash")
    for tab in tabs:
        if tab not in moved:
            assert tab.replica == survivor and tab.settled_fingerprint() == before[tabs.index(tab)]

    # The instant chart on / still works on the survivor: it follows the slider before the server answers,
    # then the server's run agrees (T = 0.5 → 0.4, one stop colder).
    playground = tabs[0].page
    playground.wait_for_selector(".js-plotly-plot .main-svg", state="attached")
    playground.locator(".st-key-temperature input[type=range]").focus()
    playground.keyboard.press("ArrowLeft")
    playground.wait_for_function(
        "() => document.querySelector('.js-plotly-plot .gtitle').textContent.includes('T = 0.4')",
        timeout=5000,
    )
    wait_for_address(playground, lambda url: "T=0.4" in unquote(url).split("?", 1)[-1].split("&"))
    settle(playground)
    assert "T = 0.4" in chart_title(playground) and tabs[0].errors_on_screen() == []
    for tab in tabs:
        tab.context.close()


def test_under_load_only_the_moves_in_flight_at_a_crash_fail(cluster):
    """24 simulated students through the proxy (benchmarks/load.py); one replica is killed midway."""
    # At a human pace (a move every 5 s): 24 students ask for about 5 runs a second, within what two
    # replicas do on a 2-core machine and about what one does, so the survivor is busy but not lost.
    # (40 students at a move every 8 s checked the same in 68 s of a suite over its budget; this, in 40.)
    # What this checks is failover, not capacity (benchmarks/load.py measures that): how many moves end
    # within the limit depends on the machine and on the tests beside this one. On 4 December the CI
    # machine ran 1.7x slower than on the 3rd, and with another test worker beside it 50 students at a
    # move every 8 s completed 176 of 250 moves in the limit (p95 20 s), 250 of 250 when run alone.
    plan = load.Plan(
        sessions=24,
        moves=5,
        think=5.0,
        ramp=4.0,
        moves_per_page=10,
        time_limit=90.0,
        move_timeout=60.0,
        seed=3,
    )
    pids = [replica["pid"] for replica in cluster["replicas"]]
    names = {replica["name"]: replica["pid"] for replica in cluster["replicas"]}
    killed: dict = {}
    records_so_far: list[load.Record] = []

    async def probe() -> bool:
        student = load.Student(cluster["url"])
        try:
            await student.open("", "")
            return student.auto_rerun
        finally:
            await student.close()

    if not load.run_sync(probe()):
        pytest.xfail(NO_RECONNECT_HOOK)

    async def scenario():
        async def crash():
            # Midway: once every student has opened its page (or 30 s), and then 3 s of moves.
            deadline = time.monotonic() + 30
            while (
                sum(r.kind == "open" for r in records_so_far) < plan.sessions and time.monotonic() < deadline
            ):
                await asyncio.sleep(0.2)
            await asyncio.sleep(3.0)
            killed["name"] = "replica1"
            killed["at"] = time.monotonic()
            os.kill(names["replica1"], signal.SIGKILL)

        crasher = asyncio.create_task(crash())
        records, sampler = await load.run_load(plan, cluster["url"], pids, records=records_so_far)
        await crasher
        return records, sampler

    records, sampler = load.run_sync(scenario())
    print(load.summary_line(plan.sessions, records, sampler.peak))
    at = killed["at"]
    errors = [r for r in records if r.error]
    on_lost = {r.student for r in records if r.replica == killed["name"] and r.start < at}
    # Both replicas had students. Errors only under what was in flight at the crash (at most one per
    # student), none once a student has noticed (within a second).
    assert on_lost and len(on_lost) < plan.sessions
    assert len({r.student for r in errors}) == len(errors), [(r.student, r.kind, r.error) for r in errors]
    for record in errors:
        assert record.start <= at + 1.0 and record.start + record.seconds >= at, record  # in flight
    assert not [r for r in records if r.start > at + 1.0 and r.error]
    # ... and the students of the lost replica went on moving, on the other one.
    after = [r for r in records if r.kind == "move" and r.start > at + 1.0 and r.student in on_lost]
    assert after and all(not r.error and r.replica != killed["name"] for r in after)
    # ... and no student was left stuck: every one finished a move after the crash.
    moved_after = {r.student for r in records if r.kind == "move" and r.start > at + 1.0 and not r.error}
    assert moved_after == {r.student for r in records}, sorted({r.student for r in records} - moved_after)
