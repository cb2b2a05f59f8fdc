"""How long a slider move takes to redraw, in a real browser: a page of the app against a minimal page.

For each app a Streamlit server runs on loopback and headless Chromium (Debian's) opens it; the script then
moves a slider (the temperature, unless --slider names another) with the keyboard, alternately one step
left and right, and times in the page from the key press to the moment the first chart's traces take
their new shape (the redraw: their last change before the page settles), and to the end of the run the
move started, when everything else on the page has followed.
Moves alternate between the two apps, so both see the same machine load. Prints medians and the ratios,
app / baseline (issue 3's target, for the chart of the temperature on /: ≤ 1.3).

    python3 benchmarks/bench_redraw.py [--moves 20] [--page temperature] [--slider logit_0]
        [--app app.py] [--baseline benchmarks/baseline_app.py] [--before /tmp/before/app.py]
    python3 benchmarks/bench_redraw.py --all [--before /tmp/before/app.py]   # every page, one run
        [--pages loss,sampling]                             # (and each page's first visit)
        [--one-tab --rounds 2]    # one tab open at a time: no other tab's work falls in a move

With --one-tab, each round opens every target in turn, alone, for --moves moves (in the order reversed on
every other round), so a move is never timed while another tab finishes its own work.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from ui.controls import READOUT_KEY  # noqa: E402
from ui.navigation import PAGES  # noqa: E402

# Every page (the Playground's is at /): each has the temperature slider. A page's first chart that follows
# the temperature in the browser is the first instant chart (ui/instant_chart.mjs draws into a div.chart);
# on a page without one, what is timed first is the line under the slider (T = …, which follows in the
# browser too), and the page settled is all its own.
WITHOUT_CHART = {"quiz", "teacher", "about"}
INSTANT = ".chart.js-plotly-plot:not(.still)"  # not a chart that stands still (ui.instant_chart.still)
READOUT = f".st-key-{READOUT_KEY}"
# (URL path, what is timed first) of every page
ALL_PAGES = tuple((page.url_path, READOUT if page.stem in WITHOUT_CHART else INSTANT) for page in PAGES)
FIRST_VISITS = 3  # fresh browser contexts per page for the time to the first chart

# Records the milliseconds from the next key press to the latest change of the first chart's traces (the
# bars on /; the curves and markers on the other pages: a move may draw them twice, a new axis range at
# once, then the traces a frame later, and the chart has followed only once they are drawn), and to the
# last change of the page that followed (the end of the run the move started: Streamlit shows no run state
# for a fragment's run).
MEASURE_JS = """(selector) => {
  window.__redrawMs = null;
  window.__lastChangeMs = null;
  window.__lastChangeAt = performance.now();  // the clock's time of the last change (for the quiet wait)
  const bars = () => {
    const plot = document.querySelector(selector);
    if (!plot) return '';
    // Lines, bars and shapes are paths, a marker moves by its transform; a heatmap is an image (data URL).
    const paths = [...plot.querySelectorAll('.trace path, .shapelayer path')]
      .map(p => p.getAttribute('d') + p.getAttribute('transform'));
    const images = [...plot.querySelectorAll('.hm image, image')].map(i => i.getAttribute('href'));
    return plot.matches('.js-plotly-plot') ? paths.concat(images).join('|') : plot.textContent;
  };
  let shown = bars();
  let pressed = null;
  document.addEventListener('keydown', () => { pressed = performance.now(); }, {capture: true, once: true});
  window.__observer = new MutationObserver(() => {
    if (pressed === null) return;
    window.__lastChangeAt = performance.now();
    window.__lastChangeMs = window.__lastChangeAt - pressed;
    const now = bars();
    if (now !== shown) {
      shown = now;
      window.__redrawMs = window.__lastChangeMs;
    }
  });
  const everything = {subtree: true, childList: true, attributes: true, characterData: true};
  window.__observer.observe(document.body, everything);
}"""
QUIET_MS = 400  # the page has settled when nothing has changed for this long
# A page whose content a move does not rerun (ui/shell.py, follows=True) reruns it once the thumb has rested
# this long, and may redraw the charts just out of sight then: "caught up" waits for that too.
CAUGHT_UP_QUIET_MS = 1500


def idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
    page.wait_for_timeout(250)


def move(page, key: str, selector: str = ".js-plotly-plot") -> tuple[float, float, float]:
    """One move: milliseconds to the redraw of the chart ``selector``, to the page settled (the last change
    before ``QUIET_MS`` without one) and to the page caught up (the last change before
    ``CAUGHT_UP_QUIET_MS`` without one: the content's rerun once the thumb rests, where a move did not
    rerun it)."""
    page.evaluate(MEASURE_JS, selector)
    page.keyboard.press(key)
    page.wait_for_function("() => window.__redrawMs !== null", timeout=30_000)
    page.wait_for_function(
        f"() => performance.now() - window.__lastChangeAt > {QUIET_MS}"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=30_000,
    )
    # The chart's latest change before the page settled (the content's catch-up, later, draws it again).
    settled, redraw = page.evaluate("() => [window.__lastChangeMs, window.__redrawMs]")
    page.wait_for_function(
        f"() => performance.now() - window.__lastChangeAt > {CAUGHT_UP_QUIET_MS}"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=30_000,
    )
    caught_up = page.evaluate("() => { window.__observer.disconnect(); return window.__lastChangeMs; }")
    idle(page)
    return redraw, settled, caught_up


def arrows(moves: int) -> list[str]:
    """``moves`` key presses that go right and back left in turn, so the thumb stays between two stops."""
    return ["ArrowRight" if i % 2 == 0 else "ArrowLeft" for i in range(moves)]


def ready_page(browser, url: str, path: str, key: str, selector: str, *, init_script: str = ""):
    """A tab on ``path``, its chart ``selector`` drawn and in sight, the slider ``key`` focused, warmed up;
    ``init_script`` runs in it before the page's own scripts."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    if init_script:
        page.add_init_script(init_script)
    page.goto(f"{url}/{path}?z=2,1,0.1&T=1")
    drawn = f"{selector} .trace path" if "plotly" in selector else selector
    page.wait_for_selector(drawn, state="attached", timeout=180_000)
    # Every chart of the page drawn (a page's lower sections may still be computing their first run: moves
    # timed meanwhile would measure that work).
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.chart')].some((chart) => !chart.querySelector('.main-svg'))",
        timeout=180_000,
    )
    idle(page)
    # The chart in sight, as for a reader who watches it while moving T: one out of sight moves when the
    # browser is idle, or as it comes near (ui/instant_chart.mjs), unseen.
    page.locator(selector).first.scroll_into_view_if_needed()
    idle(page)
    page.locator(f".st-key-{key} input[type=range]").focus()
    move(page, "ArrowLeft", selector)  # warm-up, not counted
    return page


def time_moves(browser, targets: list, servers: dict, args) -> dict[str, list[tuple[float, float, float]]]:
    """Each target's moves, interleaved move by move across open tabs, or (--one-tab) a tab at a time."""
    timings: dict[str, list[tuple[float, float, float]]] = {name: [] for name, *_ in targets}
    presses = arrows(args.moves)
    if args.one_tab:
        for round_ in range(args.rounds):
            for name, script, path, key, selector in targets[:: 1 if round_ % 2 == 0 else -1]:
                page = ready_page(browser, servers[script].url, path, key, selector)
                timings[name] += [move(page, arrow, selector) for arrow in presses]
                page.close()
        return timings
    pages = {}
    for name, script, path, key, selector in targets:
        pages[name] = (ready_page(browser, servers[script].url, path, key, selector), selector)
        print(f"ready: {name}", file=sys.stderr, flush=True)
    for arrow in presses:
        for name, (page, selector) in pages.items():
            timings[name].append(move(page, arrow, selector))
    return timings


# Records, from the start of navigation, the first frame after the first chart's SVG is in the page: read
# after the wait, performance.now() would also count the page's other charts drawn meanwhile (the evaluate
# waits for the main thread, and the charts below are drawn one after another in long tasks).
FIRST_CHART_JS = """(selector) => {
  const seen = () => {
    if (window.__firstChartAt !== undefined || !document.querySelector(selector)) return;
    window.__firstChartAt = null;
    requestAnimationFrame(() => { window.__firstChartAt = performance.now(); });
  };
  new MutationObserver(seen).observe(document, {subtree: true, childList: true});
}"""


def first_visit(browser, url: str, selector: str) -> float:
    """Milliseconds from the start of navigation to the first chart drawn (the frame after its SVG came), in
    a fresh browser context (no cached plotly.js, no session): what a student who opens a shared link
    waits for."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.add_init_script(f"({FIRST_CHART_JS})({json.dumps(f'{selector} .main-svg')})")
        page.goto(url)
        page.wait_for_function("() => typeof window.__firstChartAt === 'number'", timeout=180_000)
        return page.evaluate("() => window.__firstChartAt")
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=20, help="moves per app (≥ 10)")
    parser.add_argument("--app", default="app.py", help="the app measured (e.g. a variant under study)")
    parser.add_argument("--baseline", default="benchmarks/baseline_app.py", help="the yardstick app")
    parser.add_argument("--page", default="", help="the app's page measured, by URL path (default: /)")
    parser.add_argument("--slider", default="temperature", help="the key of the app's slider moved")
    parser.add_argument("--all", action="store_true", help="every page's first chart that follows T")
    parser.add_argument("--before", default="", help="the same page(s) of another checkout, in the same run")
    parser.add_argument("--pages", default="", help="with --all: only these URL paths, comma-separated")
    parser.add_argument("--one-tab", action="store_true", help="one tab open at a time (see above)")
    parser.add_argument("--rounds", type=int, default=2, help="with --one-tab: rounds over the targets")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    # (name, app script, page path, slider key, CSS selector of the chart timed)
    targets = [
        (f"{label} /{args.page}", script, args.page, args.slider, ".js-plotly-plot")
        for label, script in ((Path(args.app).stem, args.app), ("before", args.before))
        if script
    ]
    if args.all:
        targets = [
            (f"{label} /{stem}", script, stem, "temperature", selector)
            for stem, selector in ALL_PAGES
            if not args.pages or stem in args.pages.split(",")
            for label, script in (("now", args.app), ("before", args.before))
            if script
        ]
    targets.append(("baseline (1 slider, 1 chart)", args.baseline, "", "temperature", ".js-plotly-plot"))
    scripts = list(dict.fromkeys(script for _, script, *_ in targets))
    servers = {script: StreamlitServer(script) for script in scripts}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            visits = {}
            if args.all:  # first visits before the moves, on servers that have run each page once
                charted = [
                    (name, f"{servers[script].url}/{path}?z=2,1,0.1&T=1", selector)
                    for name, script, path, _, selector in targets
                    if selector != READOUT  # no chart to wait for
                ]
                for _, url, selector in charted:
                    first_visit(browser, url, selector)  # the server's first run of the page, not counted
                # Round after round, and the baseline's visit before each page's, so that both see the
                # same load (a run's first visits spread over minutes, and the machine's load drifts).
                *pages, (baseline_name, baseline_url, baseline_selector) = charted
                visits = {name: [] for name, *_ in charted}
                for _ in range(FIRST_VISITS):
                    for name, url, selector in pages:
                        visits[baseline_name].append(first_visit(browser, baseline_url, baseline_selector))
                        visits[name].append(first_visit(browser, url, selector))
            timings = time_moves(browser, targets, servers, args)
            browser.close()
    finally:
        for server in servers.values():
            server.stop()

    baseline = targets[-1][0]
    header = f"{'app':32} {'chart redrawn ms':>17} {'page settled ms':>16} {'caught up ms':>13}"
    print(f"{header} {'ratios':>20}  ({args.moves} moves)")
    medians = {
        name: [statistics.median(column) for column in zip(*moves, strict=True)]
        for name, moves in timings.items()
    }
    without_chart = {name for name, *_, selector in targets if selector == READOUT}
    for name in timings:
        redraw, ended, caught = medians[name]
        pairs = zip(medians[name], medians[baseline], strict=True)
        ratios = " ".join(f"{mine / theirs:.2f}×" for mine, theirs in pairs)
        shown = f"{name} *" if name in without_chart else name
        print(f"{shown:32} {redraw:17.1f} {ended:16.1f} {caught:13.1f} {ratios:>20}")
    print(
        "ratios: chart redrawn, page settled, caught up, against the baseline of this run "
        "(issue 22: ≤ 1.3×, ≤ 2×)"
    )
    if without_chart:
        print("* no chart follows the temperature: the first column is the line under the slider (T = …)")
    for name, values in visits.items():
        median = statistics.median(values)
        ratio = median / statistics.median(visits[baseline])
        print(f"first visit {name:32} {median:7.0f} ms {ratio:5.2f}× (median of {len(values)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
