"""Cross-check of benchmarks/load.py against real browsers: the same moves, the same messages, similar times.

    python3 benchmarks/load_crosscheck.py [--tabs 3] [--moves 8] [--think 1]

N Chromium tabs (Debian's /usr/bin/chromium through Playwright) and N simulated students of load.py open
the same links (load.student_link) on one server and make the same temperature moves, one stop left or
right, interleaved: tab i moves, then student i makes the same move. For each move it compares

- what was sent: the browser's ``BackMsg.rerun_script`` (read from the websocket's frames) and the
  student's, field by field (query string, page, fragment, every widget's id and value); and
- how long it took: the rerun message sent → the run's ``script_finished`` received, timed in the page
  for the browser (around its WebSocket) and in load.py for the student.

Prints the medians side by side and the number of messages that differed (0 expected).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from benchmarks import load  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


# Timed in the page itself (Playwright delivers frame events to Python late when a run sends many large
# deltas): the time of every rerun_script the page sends and every script_finished it receives, told apart
# by their top-level protobuf field numbers, read with a minimal protobuf reader (`i += varint()` would
# add the length to the index read before the length's own bytes: hence the two steps).
_TIMING_SCRIPT = (
    """
(() => {
  const RERUN = __RERUN__, FINISHED = __FINISHED__, EARLY = __EARLY__;
  const fields = (bytes) => {
    const seen = new Map(); let i = 0;
    const varint = () => { let value = 0, shift = 0, b;
      do { b = bytes[i++]; value += (b & 127) * 2 ** shift; shift += 7; } while (b & 128); return value; };
    while (i < bytes.length) {
      const key = varint(), wire = key % 8, field = Math.floor(key / 8);
      seen.set(field, null);
      if (wire === 0) seen.set(field, varint());
      else if (wire === 2) { const n = varint(); i += n; }
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else break;
    }
    return seen;
  };
  window.__sent = []; window.__finished = [];
  const Native = window.WebSocket;
  class Timed extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        // A run's end; not one cut short for the rerun it asked for (the run that follows is the answer).
        const seen = event.data instanceof ArrayBuffer ? fields(new Uint8Array(event.data)) : new Map();
        if (seen.has(FINISHED) && seen.get(FINISHED) !== EARLY) window.__finished.push(performance.now());
      });
    }
    send(data) {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer || data);
      if (fields(bytes).has(RERUN)) window.__sent.push(performance.now());
      return super.send(data);
    }
  }
  window.WebSocket = Timed;
})();
""".replace("__RERUN__", str(BackMsg.DESCRIPTOR.fields_by_name["rerun_script"].number))
    .replace("__FINISHED__", str(ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number))
    .replace("__EARLY__", str(ForwardMsg.FINISHED_EARLY_FOR_RERUN))
)


class BrowserTab:
    """A tab whose websocket messages are timed in the page, and read by Playwright to compare them."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.page.add_init_script(_TIMING_SCRIPT)
        self.sent: list[BackMsg] = []
        self.page.on("websocket", self._watch)
        self.page.goto(url)
        self.settle()

    def _watch(self, socket) -> None:
        def sent(payload) -> None:
            message = BackMsg()
            message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
            if message.WhichOneof("type") == "rerun_script":
                self.sent.append(message)

        socket.on("framesent", sent)

    def settle(self) -> None:
        self.page.wait_for_selector('[data-testid="stMain"] h1', state="attached", timeout=120_000)
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000
        )

    def move(self, step: int) -> tuple[float, BackMsg]:
        """One key press on the temperature slider; the rerun it sent and its time to script_finished."""
        count = len(self.sent)
        sends = self.page.evaluate("() => window.__sent.length")
        self.page.locator(".st-key-temperature input[type=range]").focus()
        self.page.keyboard.press("ArrowRight" if step > 0 else "ArrowLeft")
        ms = self.page.wait_for_function(
            """(n) => {
              const sent = window.__sent[n];
              const done = sent === undefined ? undefined : window.__finished.find((t) => t > sent);
              return done === undefined ? null : done - sent;
            }""",
            arg=sends,
            timeout=60_000,
        ).json_value()
        deadline = time.monotonic() + 10
        while len(self.sent) <= count and time.monotonic() < deadline:
            self.page.wait_for_timeout(5)
        return ms / 1000, self.sent[count]


def comparable(message: BackMsg) -> dict:
    """A rerun message without what differs by nature between two clients (the page's host and port)."""
    rerun = message.rerun_script
    return {
        "query": rerun.query_string,
        "page": rerun.page_script_hash,
        "fragment": rerun.fragment_id,
        "widgets": {w.id: w.SerializeToString(deterministic=True) for w in rerun.widget_states.widgets},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=3)
    parser.add_argument("--moves", type=int, default=8)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--verbose", action="store_true", help="print every pair of moves")
    args = parser.parse_args(argv)

    server = load.LocalServer()
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()

    def run(coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=120)

    times: dict[str, list[float]] = {"browser": [], "load.py": []}
    differing: list[str] = []
    try:
        run(load.warm_up(server.url))
        links = [load.student_link(i, args.seed, load.PAGES) for i in range(args.tabs)]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            tabs = [BrowserTab(browser, f"{server.url}/{page}?{query}") for page, query, _ in links]
            students = [load.Student(server.url) for _ in links]
            for student, (page, query, _) in zip(students, links, strict=True):
                run(student.open(page, query))
            rng = random.Random(args.seed)
            for _ in range(args.moves):
                for tab, student in zip(tabs, students, strict=True):
                    _, options, current = student.temperature_stops()
                    stop = load._next_stop(rng, options, current)
                    step = options.index(stop) - options.index(current)
                    seconds, sent = tab.move(step)
                    times["browser"].append(seconds)
                    moved = run(student.move_temperature(stop))
                    times["load.py"].append(moved.seconds)
                    if args.verbose:
                        print(f"/{student.page:13} {stop:>5}: browser {seconds * 1000:7.1f} ms, "
                              f"load.py {moved.seconds * 1000:7.1f} ms", flush=True)  # fmt: skip
                    if comparable(sent) != comparable(student.last_sent):
                        differing.append(f"{tab.page.url}: {sent} against {student.last_sent}")
                    tab.page.wait_for_timeout(int(args.think * 1000))
            for tab in tabs:
                tab.context.close()
            browser.close()
        for student in students:
            run(student.close())
    finally:
        server.stop()
        loop.call_soon_threadsafe(loop.stop)
    for who, values in times.items():
        ms = sorted(v * 1000 for v in values)
        p95 = load.percentile(ms, 95)
        print(f"{who:8} moves={len(ms)} median_ms={statistics.median(ms):.1f} p95_ms={p95:.1f}")
    print(f"messages that differed: {len(differing)}")
    for line in differing[:10]:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
