"""Each chart that follows the temperature, timed with that chart in sight: not only a page's first.

`bench_redraw.py` times a page's first chart that follows T, at the top of the page. A reader scrolled
further down sees two to four charts at once, and those charts move one after another. This script scrolls
each such chart into sight in a 1400 × 1000 tab and times key presses on the temperature slider, with
`bench_redraw.move`. It reports the chart's last change before the page settles, and the page settled.
The baseline's chart and the pages of --before are timed in the same rounds, so that all of them see the
same machine load.

    python3 benchmarks/bench_in_sight.py --pages loss,boltzmann [--before /tmp/before/app.py]
        [--moves 4] [--rounds 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_redraw import CHROMIUM, CHROMIUM_ARGS, INSTANT, StreamlitServer, arrows, idle, move, ready_page

# The charts that follow T, by the key of their element, in page order.
FOLLOWING_KEYS = """() => [...document.querySelectorAll('.chart.js-plotly-plot:not(.still)')]
    .map((chart) => [...chart.closest('[class*="st-key-"]').classList].find((c) => c.startsWith('st-key-')))
    .map((name) => name.slice('st-key-'.length))"""


def time_in_sight(browser, url: str, path: str, moves: int) -> dict[str, list[tuple[float, float]]]:
    """Each following chart of ``path``: (chart redrawn, page settled) for each of ``moves`` key presses."""
    page = ready_page(browser, url, path, "temperature", INSTANT)
    try:
        timings = {}
        for key in page.evaluate(FOLLOWING_KEYS):
            selector = f".st-key-{key} .js-plotly-plot"
            page.locator(selector).scroll_into_view_if_needed()
            idle(page)
            page.locator(".st-key-temperature input[type=range]").focus()
            move(page, "ArrowLeft", selector)  # warm-up: the chart come into sight catches up first
            timings[key] = [move(page, arrow, selector)[:2] for arrow in arrows(moves)]
        return timings
    finally:
        page.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", required=True, help="URL paths, comma-separated")
    parser.add_argument("--app", default="app.py")
    parser.add_argument("--before", default="", help="the same pages of another checkout")
    parser.add_argument("--baseline", default="benchmarks/baseline_app.py")
    parser.add_argument("--moves", type=int, default=4, help="moves per chart and round")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    apps = [("now", args.app)] + ([("before", args.before)] if args.before else [])
    servers = {script: StreamlitServer(script) for _, script in [*apps, ("baseline", args.baseline)]}
    results: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for round_ in range(args.rounds):
                order = apps if round_ % 2 == 0 else apps[::-1]
                for path in args.pages.split(","):
                    for label, script in order:
                        for key, moved in time_in_sight(
                            browser, servers[script].url, path, args.moves
                        ).items():
                            results.setdefault((label, path, key), []).extend(moved)
                    baseline = ready_page(
                        browser, servers[args.baseline].url, "", "temperature", ".js-plotly-plot"
                    )
                    results.setdefault(("baseline", "", "chart"), []).extend(
                        move(baseline, arrow, ".js-plotly-plot")[:2] for arrow in arrows(args.moves)
                    )
                    baseline.close()
            browser.close()
    finally:
        for server in servers.values():
            server.stop()

    base_redraw, base_settled = (
        statistics.median(column) for column in zip(*results.pop(("baseline", "", "chart")), strict=True)
    )
    print(
        f"{'app':7} {'page':14} {'chart in sight':28} {'redrawn ms':>10} {'ratio':>6}"
        f" {'settled ms':>10} {'ratio':>6}"
    )
    for (label, path, key), moved in sorted(results.items(), key=lambda item: (item[0][1], item[0][0])):
        redraw, settled = (statistics.median(column) for column in zip(*moved, strict=True))
        print(
            f"{label:7} /{path:13} {key:28} {redraw:10.1f} {redraw / base_redraw:5.2f}× "
            f"{settled:10.1f} {settled / base_settled:5.2f}×"
        )
    print(
        f"baseline chart: redrawn {base_redraw:.1f} ms, settled {base_settled:.1f} ms"
        " (issue 22: ≤ 1.3×, ≤ 2×)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
