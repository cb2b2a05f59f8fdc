"""Shared fixtures: the app's root, a running Streamlit server, and a real headless Chromium page."""

from __future__ import annotations

import functools
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner

from lessons.common import plot as figure_base

# The app wraps its figure dicts without validation; every figure a test builds, directly or through
# AppTest, is also validated by plotly.py and must come out the same.
figure_base.CHECK_AGAINST_VALIDATION = True

# Every AppTest run scans the metadata of every installed package for Streamlit components (0.65 s here,
# three quarters of a page test). The installed packages do not change during a run: scan once.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


_BASE_PATH_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """``streamlit run <script>`` on a free loopback port, from the project root, until ``stop()``."""

    def __init__(self, script: str = "app.py") -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-m", "streamlit", "run", script,
            "--server.port", str(self.port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            # No watcher: an edit during a benchmark or a test run would rerun pages mid-measurement.
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        # Its output goes to a file, which a failed test prints the end of (an app's traceback is logged
        # there, not shown), and which never fills as an unread pipe would and stops the server.
        self.log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("streamlit did not become healthy within 60 s")

    def log_tail(self, lines: int = 60) -> str:
        """The end of what the server has written (its log, the tracebacks of the app's exceptions)."""
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)."
    if os.environ.get("CI"):
        pytest.fail(message + " CI runs the browser tests and must not skip them.")
    pytest.skip(message + " Browser tests are skipped on this machine.")


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run, driven by Playwright (never downloaded)."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _first_to_open_each_view() -> None:
    """Each test's sessions open their views as the first to do so: the stops that another test's session
    built for a view (ui.instant_chart shares them between sessions) are dropped before each test."""
    from ui.instant_chart import _opened_view

    _opened_view.clear()


@pytest.fixture(scope="session")
def server(browser) -> Iterator[StreamlitServer]:
    """A server shared by the browser tests that do not need a cold start."""
    running = StreamlitServer()
    yield running
    running.stop()


@pytest.fixture
def cold_server(browser) -> Iterator[StreamlitServer]:
    """A server that no session has visited yet: Streamlit is still in its legacy pages/ mode."""
    running = StreamlitServer()
    yield running
    running.stop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Each phase's report, kept on the test (``page`` reads whether the test failed)."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request):
    """A fresh browser page that records console errors and uncaught exceptions. After a failed test it
    prints what the page showed (the CI log then says what the test waited for in vain)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.console_errors = []

    def record(message) -> None:
        # On a page path Streamlit first probes /<page>/_stcore/health to find its base path; the 404s
        # of that probe are its own, not the app's.
        if message.type == "error" and not _BASE_PATH_PROBE.search(message.location.get("url", "")):
            tab.console_errors.append(f"{message.text} ({message.location.get('url')})")

    tab.on("console", record)
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not tab.is_closed():
        try:
            shown = tab.locator('[data-testid="stMain"]').inner_text(timeout=2000)
        except Exception as error:  # a diagnostic only: the failure is reported already
            shown = f"(unreadable: {error})"
        print(f"The page at the failure, {tab.url}:\n{shown[:3000]}\nConsole errors: {tab.console_errors}")
        for name in ("server", "cold_server"):
            running = request.node.funcargs.get(name)
            if isinstance(running, StreamlitServer):
                print(f"The end of the {name}'s log:\n{running.log_tail()}")
    context.close()
