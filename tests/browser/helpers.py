"""What the browser tests share: waiting for a settled page, reading charts, tables and the address."""

from __future__ import annotations

import re
import time
from urllib.parse import unquote, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


def in_address(parameter: str):
    """A URL predicate: the (decoded) query string has this exact parameter (Streamlit writes ',' as %2C)."""
    return lambda url: parameter in unquote(urlsplit(url).query).split("&")


def address(page) -> str:
    """The address the tab shows now. Playwright's ``page.url`` can lag behind: Chromium does not report
    every ``history.replaceState`` (the frame replaces the entry on each step of a slider), so the tests
    read ``location.href``, what the reader sees and copies."""
    return page.evaluate("() => location.href")


def wait_for_address(page, predicate, timeout_ms: int = 30_000) -> str:
    """Wait until ``predicate(address)`` holds for the tab's address; return the address."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        url = address(page)
        if predicate(url):
            return url
        if time.monotonic() > deadline:
            raise AssertionError(f"the address stayed {url!r} for {timeout_ms} ms")
        page.wait_for_timeout(50)


def eventually(page, read, timeout_ms: int = 10_000):
    """``read()`` once it is true, else its last value after ``timeout_ms``: for what the page's content
    shows once it has caught up with the thumb (``ui.shell``, ``follows=True``: it reruns on its own, once
    the thumb has rested)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not (value := read()) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    return value


CHARTLESS = {"quiz", "teacher"}  # the pages that open with no chart


def settle(page, timeout_ms: int = 30_000, *, charts: bool = True) -> None:
    """Wait until Streamlit has finished the run and the charts are drawn (with ``charts=False``, for a
    page that opens with no chart, until its title is drawn)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms
    )
    drawn = ".js-plotly-plot .main-svg" if charts else '[data-testid="stMain"] h1'
    page.wait_for_selector(drawn, timeout=timeout_ms)


def box(page, name: str):
    """The sidebar's text box ``name`` (``logits_text``, ``labels_text``, ``temperature_text``) the reader
    sees. Each box is keyed by the text it shows (``ui.controls._box_key``): a run that draws a new text
    draws a new box, and Streamlit keeps the old one, hidden, until the run ends. ``settle`` can return
    before Streamlit shows the run, so a bare selector can match both (CI, once: a strict-mode error)."""
    return page.locator(f".st-key-{name} input:visible")


def choose(page, key: str, option: str, attempts: int = 4) -> None:
    """Choose ``option`` in the select box ``key`` as a reader does: open its list, click the option. On a
    loaded machine React can draw the box again just after the click that opened it (the run's last
    elements), which closes the list: the reader then opens it again, and so does this (once the list is
    found closed, at most ``attempts`` times)."""
    for attempt in range(attempts):
        page.locator(f".st-key-{key}").click()
        try:
            page.get_by_role("option", name=option).click(timeout=5_000)
            return
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")  # a list still open, but slow to show the option, is closed


def wait_for_follows(page, timeout_ms: int = 30_000) -> None:
    """Wait until the run's numbers that follow the slider have arrived: they travel in one element at the
    end of the run (``ui.instant_numbers.gathered``), and Streamlit shows its running state only after a
    while, so ``settle`` can return before a run's last element."""
    page.wait_for_selector(".st-key-instant_numbers_all", state="attached", timeout=timeout_ms)


def bar_paths(page) -> list[str]:
    """The drawn shapes of the first chart's bars: they change whenever the chart redraws new numbers."""
    return (
        page.locator(".js-plotly-plot")
        .first.locator(".bars path")
        .evaluate_all("paths => paths.map(p => p.getAttribute('d'))")
    )


def redrawn(page, before: list[str], timeout_ms: int = 10_000) -> bool:
    """Whether the first chart's bars change from ``before`` within the timeout."""
    for _ in range(timeout_ms // 50):
        if bar_paths(page) != before:
            return True
        page.wait_for_timeout(50)
    return False


def table_column(page, header: str) -> list[str]:
    """One column of the page's Markdown table, once a table with that column is on the page (after a
    click to another page, the previous page's charts may satisfy ``settle`` before the table is drawn)."""
    page.locator('[data-testid="stMarkdownContainer"] table thead th', has_text=header).first.wait_for()
    headers = page.locator('[data-testid="stMarkdownContainer"] table thead th').all_inner_texts()
    index = headers.index(header)
    rows = page.locator('[data-testid="stMarkdownContainer"] table tbody tr')
    return [row.locator("th, td").nth(index).inner_text() for row in rows.all()]


def chart_numbers(page) -> tuple[str, list[str]]:
    """The Playground chart's title and the values printed on its probability bars (nothing while the chart
    is being drawn anew: ``eventually`` asks again)."""
    title, values = page.evaluate(
        """() => {
          const chart = document.querySelector('.js-plotly-plot');
          const bars = chart?.querySelector('.trace.bars');
          const title = chart?.querySelector('.gtitle');
          if (!bars || !title) return ['', []];
          const values = [...bars.querySelectorAll('.point text')];
          return [title.textContent, values.map((text) => text.textContent)];
        }"""
    )
    return title, values


# Counts the whole redraws (Plotly.react, plotly.js's own entry for a new figure) of the chart `key`.
COUNT_REDRAWS = """key => {
    const chart = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    const react = window.Plotly.react;
    chart.__counted = true;
    window.__redraws = 0;
    window.Plotly.react = function (target, ...rest) {
        if (target === chart) window.__redraws += 1;
        return react.call(this, target, ...rest);
    };
}"""
# The names of the plotly.js calls on chart ``key`` from now on, in order, in window.__calls.
WATCH_CALLS = """key => {
    const chart = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    window.__calls = [];
    for (const name of ['react', 'animate', 'relayout']) {
        const call = window.Plotly[name];
        window.Plotly[name] = function (target, ...rest) {
            if (target === chart) window.__calls.push(name);
            return call.call(this, target, ...rest);
        };
    }
}"""
# The redraws counted since COUNT_REDRAWS, or null where the chart is no longer the element counted: the
# browser built it anew (a redraw too, which the count would miss).
REDRAWS = """key => {
    const chart = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    return chart && chart.__counted ? window.__redraws : null;
}"""


class HeldBack:
    """Streamlit's websocket of ``page``, relayed both ways; while ``holding`` the server's messages wait,
    so a test sees what the browser does on its own before the server answers. ``count`` counts the
    server's messages (one per element drawn, and a few for the run itself: a run of the whole Playground
    sends over a hundred); ``asked`` holds when the browser sent each of its own (``time.monotonic()``: a
    rerun asked for). Install it before ``goto``.
    """

    def __init__(self, page) -> None:
        self.holding = False
        self.count = 0
        self.asked: list[float] = []
        self._held: list = []
        self._browser_side: list = []
        page.route_web_socket(re.compile(r"/_stcore/stream"), self._relay)

    def _relay(self, websocket) -> None:
        upstream = websocket.connect_to_server()

        def ask(message) -> None:
            self.asked.append(time.monotonic())
            upstream.send(message)

        websocket.on_message(ask)
        upstream.on_message(lambda message: self._from_server(websocket, message))
        self._browser_side.append(websocket)

    def _from_server(self, websocket, message) -> None:
        self.count += 1
        if self.holding:
            self._held.append(message)
        else:
            websocket.send(message)

    def release(self) -> None:
        """Send what was held, in order, and stop holding."""
        self.holding = False
        for message in self._held:
            self._browser_side[-1].send(message)
        self._held.clear()
