"""How long a slider move takes to redraw, in a real browser: a page of the app against a minimal page.

For each app a Streamlit server runs on loopback and headless Chromium (Debian's) opens it; the script then
moves a slider (the temperature, unless --slider names another) with the keyboard, alternately one step
left and right, and times in the page from the key press to the moment the first chart's traces change
(the redraw), and to the end of the run the move started, when everything else on the page has followed.
Moves alternate between the two apps, so both see the same machine load. Prints medians and the ratios,
app / baseline (issue 3's target, for the chart of the temperature on /: ≤ 1.3).

    python3 benchmarks/bench_redraw.py [--moves 20] [--page temperature] [--slider logit_0]
        [--app app.py] [--baseline benchmarks/baseline_app.py]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402

# Records the milliseconds from the next key press to the first change of the first chart's traces (the
# bars on /; the curves and markers on the other pages), and to the last change of the page that followed
# (the end of the run the move started: Streamlit shows no run state for a fragment's run).
MEASURE_JS = """() => {
  window.__redrawMs = null;
  window.__lastChangeMs = null;
  const bars = () => {
    const plot = document.querySelector('.js-plotly-plot');
    return plot ? [...plot.querySelectorAll('.trace path')].map(p => p.getAttribute('d')).join('|') : '';
  };
  const before = bars();
  let pressed = null;
  document.addEventListener('keydown', () => { pressed = performance.now(); }, {capture: true, once: true});
  window.__observer = new MutationObserver(() => {
    if (pressed === null) return;
    window.__lastChangeMs = performance.now() - pressed;
    if (window.__redrawMs === null && bars() !== before) window.__redrawMs = window.__lastChangeMs;
  });
  const everything = {subtree: true, childList: true, attributes: true, characterData: true};
  window.__observer.observe(document.body, everything);
}"""
QUIET_MS = 400  # the page has settled when nothing has changed for this long


def idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
    page.wait_for_timeout(250)


def move(page, key: str) -> tuple[float, float]:
    """One move: milliseconds to the chart's redraw and to the end of the run."""
    page.evaluate(MEASURE_JS)
    page.keyboard.press(key)
    page.wait_for_function("() => window.__redrawMs !== null", timeout=30_000)
    page.wait_for_function(
        f"() => performance.now() - window.__lastChangeMs > {QUIET_MS}"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=30_000,
    )
    milliseconds = page.evaluate(
        "() => { window.__observer.disconnect(); return [window.__redrawMs, window.__lastChangeMs]; }"
    )
    idle(page)
    return tuple(milliseconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=20, help="moves per app (≥ 10)")
    parser.add_argument("--app", default="app.py", help="the app measured (e.g. a variant under study)")
    parser.add_argument("--baseline", default="benchmarks/baseline_app.py", help="the yardstick app")
    parser.add_argument("--page", default="", help="the app's page measured, by URL path (default: /)")
    parser.add_argument("--slider", default="temperature", help="the key of the app's slider moved")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    apps = {
        f"{Path(args.app).stem} /{args.page}": args.app,
        "baseline (1 slider, 1 chart)": args.baseline,
    }
    servers = {name: StreamlitServer(script) for name, script in apps.items()}
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in apps}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pages = {}
            # The page and slider measured in the app, and the baseline's only page and slider.
            targets = ((args.page, args.slider), ("", "temperature"))
            for (name, server), (path, key) in zip(servers.items(), targets, strict=True):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"{server.url}/{path}?z=2,1,0.1&T=1")
                page.wait_for_selector(".js-plotly-plot .trace path", state="attached", timeout=30_000)
                idle(page)
                page.locator(f".st-key-{key} input[type=range]").focus()
                move(page, "ArrowLeft")  # warm-up, not counted
                pages[name] = page
            for i in range(args.moves):
                key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
                for name, page in pages.items():
                    timings[name].append(move(page, key))
            browser.close()
    finally:
        for server in servers.values():
            server.stop()

    names = list(apps)
    header = f"{'app':32} {'chart redrawn ms':>17} {'p90':>6} {'page settled ms':>16} {'p90':>6}"
    print(f"{header}  ({args.moves} moves)")
    medians = {}
    for name, values in timings.items():
        columns = []
        for which in (0, 1):
            series = [value[which] for value in values]
            columns.append((statistics.median(series), statistics.quantiles(series, n=10)[-1]))
        medians[name] = [median for median, _ in columns]
        (redraw, redraw_p90), (ended, ended_p90) = columns
        print(f"{name:32} {redraw:17.1f} {redraw_p90:6.1f} {ended:16.1f} {ended_p90:6.1f}")
    redraw_ratio = medians[names[0]][0] / medians[names[1]][0]
    ended_ratio = medians[names[0]][1] / medians[names[1]][1]
    print(f"{names[0]} against the baseline: chart redrawn {redraw_ratio:.2f}× (target ≤ 1.3×)")
    print(f"{names[0]} against the baseline: page settled {ended_ratio:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
