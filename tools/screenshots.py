"""Screenshot every registered page, full height, and report exceptions, warnings and console errors.

`../shared/tools/look` finds pages through Streamlit's own navigation links, which this app hides (the
sidebar links are drawn by ui.setup() so that cold and warm visits look the same); this walks
ui.navigation.PAGES instead.

    python3 tools/screenshots.py [--out /tmp/pages] [--query "z=2,1,0.1&T=0.5"] [--width 1400]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from ui.navigation import PAGES  # noqa: E402

SETTLED = """() => document.querySelector('[data-testid="stMain"] h1')
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && !document.querySelector('.chart .loading')
    && [...document.querySelectorAll('.js-plotly-plot')].every(c => c.querySelector('.main-svg'))"""


def settle(page, timeout_ms: int) -> None:
    """Wait until the script has finished, no placeholder is left and every chart has drawn (a page that
    trains a model on its first visit can take a while on a busy machine)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    try:
        page.wait_for_function(SETTLED, timeout=timeout_ms, polling=250)
    except Exception:  # a page that never settles is still photographed, and said so
        print(f"         (not settled after {timeout_ms} ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/pages")
    parser.add_argument("--query", default="", help="query string for every page, without '?'")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000, help="the viewport's height before it grows")
    parser.add_argument("--page", action="append", help="only this page's stem (repeatable)")
    parser.add_argument("--dark", action="store_true", help="emulate a dark colour scheme")
    parser.add_argument("--wait", type=int, default=1500, help="ms to wait after the page has settled")
    parser.add_argument("--timeout", type=int, default=90_000, help="ms a page may take to settle")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    server = StreamlitServer()
    problems = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for number, page_info in enumerate(PAGES, 1):
                if args.page and page_info.stem not in args.page:
                    continue
                page = browser.new_page(
                    viewport={"width": args.width, "height": args.height},
                    color_scheme="dark" if args.dark else "light",
                )
                errors: list[str] = []
                page.on("console", lambda m, e=errors: m.type == "error" and "/_stcore/" not in
                        m.location.get("url", "") and e.append(m.text))  # fmt: skip
                page.on("pageerror", lambda x, e=errors: e.append(str(x)))
                url = f"{server.url}/{page_info.url_path}" + (f"?{args.query}" if args.query else "")
                page.goto(url)
                settle(page, args.timeout)
                page.wait_for_timeout(args.wait)
                # The main area scrolls inside the page: grow the viewport to the content's height.
                height = page.evaluate(
                    "() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0"
                )
                page.set_viewport_size(
                    {"width": args.width, "height": min(max(int(height) + 50, args.height), 16000)}
                )
                page.wait_for_timeout(800)
                path = out / f"{number:02d}_{page_info.stem}.png"
                page.screenshot(path=str(path))
                exceptions = page.locator('[data-testid="stException"]').count()
                warnings = page.locator('[data-testid="stAlertContentWarning"]').count()
                bad = exceptions or errors
                problems += bool(bad)
                status = "PROBLEM" if bad else "ok"
                print(f"{status:8} {url}\n         {path} exceptions={exceptions} warnings={warnings}")
                for error in errors:
                    print(f"         console: {error[:200]}")
                page.close()
            browser.close()
    finally:
        server.stop()
    print(f"{len(PAGES)} page(s); {problems} with a problem. Open the screenshots and look at them.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
