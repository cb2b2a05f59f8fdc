"""How long each page's script takes on the server when the temperature moves, with and without validation.

    python3 benchmarks/bench_pages.py [--moves 20] [--slider logit_0]

Every page runs headless in Streamlit's AppTest (no browser), and the temperature slider steps back and forth.
Each move runs twice, alternating: once as the app ships (figures wrapped from dicts without plotly.py's
validation, `lessons.common.plot.figure`), and once with every figure validated by plotly.py, the default
that `go.Figure(spec)` would give. The ratio is app / validated: below 1 is faster. It covers the script
only: the browser's share of a move is measured by bench_redraw.py.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import plotly.graph_objects as go  # noqa: E402

from lessons.common import plot as base  # noqa: E402
from lessons.common.scales import T_OPTIONS  # noqa: E402
from tests.apptest import open_app, open_page  # noqa: E402
from ui.navigation import PAGES  # noqa: E402

FAST = base.figure


def validated(traces: list[dict], layout: dict, frames: list[dict] | None = None) -> go.Figure:
    """The same figure, validated by plotly.py on construction: the yardstick."""
    spec = {"data": traces, "layout": layout} | ({"frames": frames} if frames is not None else {})
    return go.Figure(spec)


def use(build) -> None:
    """Make every figure module build its figures with ``build`` (they import ``figure`` by name)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("lessons.") and getattr(module, "figure", None) in (FAST, validated):
            module.figure = build


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=20, help="moves per page and mode (≥ 10)")
    parser.add_argument("--slider", default="temperature", help="the slider moved: temperature or logit_0")
    args = parser.parse_args()

    print(f"{'page':16} {'app ms':>8} {'validated ms':>13} {'ratio':>6}  (median script time per move)")
    for page in PAGES:
        at = open_app(z="2,1,0.1", T="1") if not page.url_path else open_page(f"pages/{page.stem}.py")
        i = T_OPTIONS.index(1.0)
        values = [T_OPTIONS[i + i_move % 2] for i_move in range(2 * args.moves + 2)]
        if args.slider != "temperature":  # a logit: every chart that follows T builds all its stops again
            values = [2.0 + 0.5 * (i_move % 2) for i_move in range(2 * args.moves + 2)]
        timings: dict[str, list[float]] = {"app": [], "validated": []}
        for move, value in enumerate(values):
            mode = "app" if move % 2 == 0 else "validated"
            use(FAST if mode == "app" else validated)
            if args.slider == "temperature":
                at.select_slider(key="temperature").set_value(value)
            else:
                at.slider(key=args.slider).set_value(value)
            start = time.perf_counter()
            at.run()
            elapsed = time.perf_counter() - start
            if move >= 2:  # the first move of each mode warms caches up
                timings[mode].append(elapsed * 1e3)
        use(FAST)
        if at.exception:
            print(f"{page.stem}: {at.exception[0].message}")
            return 1
        app, yardstick = (statistics.median(timings[mode]) for mode in ("app", "validated"))
        print(f"{'/' + page.url_path:16} {app:8.1f} {yardstick:13.1f} {app / yardstick:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
