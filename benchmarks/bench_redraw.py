"""How long a slider move takes to redraw, in a real browser: a page of the app against a minimal page.

For each app a Streamlit server runs on loopback and headless Chromium (Debian's) opens it; the script then
moves a slider (the temperature, unless --slider names another) with the keyboard, alternately one step
left and right, and times in the page from the key press to the moment the first chart's traces change.
Moves alternate between the two apps, so both see the same machine load. Prints medians and the ratio,
app / baseline (issue 3's target for the temperature on /: ≤ 1.3).

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

# Resolves with the milliseconds from the next key press to the first change of the first chart's traces
# (the bars on /; the curves and markers on the other pages).
MEASURE_JS = """() => {
  window.__redrawMs = null;
  const bars = () => {
    const plot = document.querySelector('.js-plotly-plot');
    return plot ? [...plot.querySelectorAll('.trace path')].map(p => p.getAttribute('d')).join('|') : '';
  };
  const before = bars();
  let pressed = null;
  document.addEventListener('keydown', () => { pressed = performance.now(); }, {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (pressed !== null && bars() !== before) {
      window.__redrawMs = performance.now() - pressed;
      observer.disconnect();
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true});
}"""


def idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
    page.wait_for_timeout(250)


def move(page, key: str) -> float:
    page.evaluate(MEASURE_JS)
    page.keyboard.press(key)
    page.wait_for_function("() => window.__redrawMs !== null", timeout=30_000)
    milliseconds = page.evaluate("() => window.__redrawMs")
    idle(page)
    return milliseconds


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
    timings: dict[str, list[float]] = {name: [] for name in apps}
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

    medians = {name: statistics.median(values) for name, values in timings.items()}
    print(f"{'app':32} {'median ms':>10} {'p90 ms':>8}  (key press → chart redrawn, {args.moves} moves)")
    for name, values in timings.items():
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"{name:32} {medians[name]:10.1f} {p90:8.1f}")
    names = list(apps)
    ratio = medians[names[0]] / medians[names[1]]
    print(f"ratio {names[0]} / baseline: {ratio:.2f} (target ≤ 1.3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
