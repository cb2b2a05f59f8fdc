"""Where a slider move's time goes in the browser (the temperature's, or another's with ``--slider``): per
move, when Streamlit sent the move to the server, when each of the server's messages came in, and when
React committed the page, in ms after the key press.

    python3 benchmarks/trace_move.py --page loss [--moves 6] [--app app.py] [--renders] [--slider logit_0]
        [--tasks]

`bench_redraw.py` says how long a move takes to the page settled; this says what the page waited for. Each
line is one move: `s` the move sent, `m` a message received (one per element the server's run sends, and
one at its start and end), `c` a React commit (Streamlit draws the page again: every element of the page,
as every one reads the run's context), then the medians of the moves. Read with `bench_redraw.py`'s
measure of the page settled, in the same tab.

The commits are counted by a stand-in for the React developer tools' hook (React calls it at every commit),
the messages by a listener on the page's WebSocket; both are installed before the page's first script.
With ``--renders`` each commit also says how many components it rendered (`c120:1904`): a count, not a
time, so it does not vary from run to run as the times do (the walk over the page's components that
counts them adds a millisecond or two to each commit). A component rendered in a commit is one React ran
(its ``PerformedWork`` flag) that is not the object the last commit showed: a subtree React skipped keeps
its objects, and the flags of its last rendering.

With ``--tasks`` each move is also recorded by Chromium's tracing, and the page's main-thread tasks of a
millisecond or more up to the page settled are printed under it: when each began and how long it ran, in
ms after the key press, and what took most of it (the event dispatched, React, a timer, an animation
frame, style and layout). It shows what a move's send to the server waited for.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_redraw import (
    CHROMIUM,
    CHROMIUM_ARGS,
    INSTANT,
    READOUT,
    WITHOUT_CHART,
    StreamlitServer,
    arrows,
    move,
    ready_page,
)
from playwright.sync_api import sync_playwright

# Installed before the page's scripts: React looks for the hook when it loads and reports every commit to it.
RECORD_JS = """
window.__moveLog = [];
window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  supportsFiber: true, renderers: new Map(), isDisabled: false,
  inject() { return 1; }, checkDCE() {}, setStrictMode() {},
  onCommitFiberRoot(id, root) {
    const at = performance.now();
    window.__moveLog.push(['c', at, window.__countRenders ? rendered(root.current) : null]);
  },
  onCommitFiberUnmount() {}, onPostCommitFiberRoot() {}, onScheduleFiberRoot() {},
};
let shown = new WeakSet();  // the components of the last commit's tree
function rendered(top) {
  const now = new WeakSet();
  const stack = [top];
  let count = 0;
  while (stack.length) {
    const fiber = stack.pop();
    now.add(fiber);
    // PerformedWork (1): React ran the component in this commit; host elements (a DOM tag) are not counted.
    if (fiber.flags & 1 && typeof fiber.type !== 'string' && !shown.has(fiber)) count += 1;
    if (fiber.child) stack.push(fiber.child);
    if (fiber.sibling) stack.push(fiber.sibling);
  }
  shown = now;
  return count;
}
const PageSocket = window.WebSocket;
window.WebSocket = class extends PageSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => window.__moveLog.push(['m', performance.now()]));
  }
  send(data) {
    window.__moveLog.push(['s', performance.now()]);
    return super.send(data);
  }
};
document.addEventListener('keydown', () => window.__moveLog.push(['key', performance.now()]), true);
"""


# The trace events that say what a task ran (a JavaScript function is named by its file, `script_name`).
WHAT_RAN = {
    "EventDispatch",
    "FireAnimationFrame",
    "TimerFire",
    "FunctionCall",
    "RunPostTaskCallback",
    "UpdateLayoutTree",
    "Layout",
    "Paint",
}


def script_name(url: str) -> str:
    """A script's file name without its build's hash: ``react-dom``, ``softmax_lab.instant_chart``."""
    name = url.rsplit("/", 1)[-1].removesuffix(".js")
    # Streamlit's chunks end in ".<8 characters>", a component's module in "-<hex digest>".
    return re.sub(r"(\.[A-Za-z0-9_-]{8}|-[0-9a-f]{6,})$", "", name).removeprefix("st-bidi-") or "?"


def tasks(trace_json: bytes, pressed_at: float, until: float) -> list[str]:
    """The main thread's tasks of a recorded move (``pressed_at``: the key press, in the trace's clock, µs),
    one line each: start and length in ms after the key press, and the three events that took most."""
    events = json.loads(trace_json)["traceEvents"]
    main = next(
        (
            (e["pid"], e["tid"])
            for e in events
            if e.get("name") == "EventDispatch" and e.get("args", {}).get("data", {}).get("type") == "keydown"
        ),
        None,
    )
    timed = [e for e in events if (e.get("pid"), e.get("tid")) == main and e.get("ph") == "X" and "dur" in e]
    lines = []
    for task in (e for e in timed if e["name"] == "RunTask"):
        start, length = (task["ts"] - pressed_at) / 1000, task["dur"] / 1000
        if length < 1 or not -1 <= start <= until:
            continue
        took: dict[str, float] = {}
        for event in timed:
            inside = task["ts"] <= event["ts"] <= task["ts"] + task["dur"]
            if event is task or not inside or event["name"] not in WHAT_RAN:
                continue
            data = event.get("args", {}).get("data", {})
            name = event["name"]
            if name == "EventDispatch":
                name = f"{name}:{data.get('type', '')}"
            elif name == "RunPostTaskCallback":
                name = f"postTask:{data.get('priority', '')}"
            elif name == "FunctionCall":
                name = f"JS:{script_name(data.get('url', ''))}"
            took[name] = took.get(name, 0) + event["dur"] / 1000
        most = sorted(took.items(), key=lambda item: -item[1])[:3]
        lines.append(f"  {start:6.1f} +{length:5.1f} ms  " + ", ".join(f"{n} {t:.0f}" for n, t in most))
    return lines


def trace(page, arrow: str, selector: str) -> tuple[list[tuple], float]:
    """One move: its events (kind, ms after the key press[, components rendered]) up to the page settled,
    and the page settled."""
    page.evaluate("() => { window.__moveLog = []; }")
    _, settled, _ = move(page, arrow, selector)
    log = page.evaluate("() => window.__moveLog")
    pressed = next(at for kind, at in log if kind == "key")
    events = [
        (kind, at - pressed, *rest)
        for kind, at, *rest in log
        if kind != "key" and at - pressed <= settled + 1
    ]
    return events, settled


def traced(browser, page, arrow: str, selector: str) -> tuple[list[tuple], float, list[str]]:
    """``trace``, recorded by Chromium's tracing too: with the main thread's tasks of the move (``tasks``)."""
    browser.start_tracing(
        page=page,
        categories=["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"],
    )
    page.evaluate("() => performance.mark('trace-move')")
    events, settled = trace(page, arrow, selector)
    recorded = browser.stop_tracing()
    # The key press in the trace's clock (µs): the mark's time there, plus the key's time after the mark.
    mark = next(e for e in json.loads(recorded)["traceEvents"] if e.get("name") == "trace-move")
    marked = page.evaluate("() => performance.getEntriesByName('trace-move').at(-1).startTime")
    pressed = next(at for kind, at, *_ in page.evaluate("() => window.__moveLog") if kind == "key")
    return events, settled, tasks(recorded, mark["ts"] + (pressed - marked) * 1000, settled)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--page", default="loss", help="the page's URL path (default: loss)")
    parser.add_argument("--app", default="app.py", help="the app measured")
    parser.add_argument("--moves", type=int, default=6, help="moves timed, after two not timed")
    parser.add_argument("--renders", action="store_true", help="the components each commit rendered")
    parser.add_argument(
        "--slider", default="temperature", help="the key of the slider moved (logit_0: a logit)"
    )
    parser.add_argument("--tasks", action="store_true", help="the main thread's tasks of each move")
    args = parser.parse_args()
    selector = READOUT if args.page in WITHOUT_CHART else INSTANT
    server = StreamlitServer(args.app)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            setting = f"window.__countRenders = {'true' if args.renders else 'false'};"
            page = ready_page(
                browser, server.url, args.page, args.slider, selector, init_script=setting + RECORD_JS
            )
            for arrow in arrows(2):  # warm-up, not timed
                move(page, arrow, selector)
            moves, timelines = [], []
            for arrow in arrows(args.moves):
                if args.tasks:
                    *move_traced, timeline = traced(browser, page, arrow, selector)
                    moves.append(tuple(move_traced))
                    timelines.append(timeline)
                else:
                    moves.append(trace(page, arrow, selector))
            browser.close()
    finally:
        server.stop()
    for events, settled in moves:
        shown = " ".join(
            f"{kind}{at:.0f}" + (f":{rest[0]}" if rest and rest[0] is not None else "")
            for kind, at, *rest in events
        )
        print(f"settled {settled:6.1f} ms: {shown}")
        if timelines:
            print("\n".join(timelines.pop(0)))

    def median(values) -> float:
        return statistics.median(values) if values else float("nan")

    def first(kind: str) -> float:
        """The median, over the moves, of the time of the move's first event of ``kind``."""
        return median([next((at for k, at, *_ in events if k == kind), float("nan")) for events, _ in moves])

    messages = median([sum(kind == "m" for kind, *_ in events) for events, _ in moves])
    commits = median([sum(kind == "c" for kind, *_ in events) for events, _ in moves])
    settled = median([settled for _, settled in moves])
    renders = ""
    if args.renders:
        per_move = [sum(rest[0] for kind, _, *rest in events if kind == "c") for events, _ in moves]
        largest = [max(rest[0] for kind, _, *rest in events if kind == "c") for events, _ in moves]
        renders = f" ({median(per_move):g} components rendered, {median(largest):g} in the largest)"
    print(
        f"/{args.page}, medians of {len(moves)} moves: move sent at {first('s'):.1f} ms, first answer at "
        f"{first('m'):.1f} ms, {messages:g} messages, {commits:g} React commits{renders}, page settled at "
        f"{settled:.1f} ms"
    )


if __name__ == "__main__":
    main()
