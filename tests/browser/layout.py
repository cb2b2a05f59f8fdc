"""What a projector or a phone would show cut: chart text outside its chart, a legend over a title,
a button's label cut to "…", a formula wider than its column that cannot be scrolled by keyboard.

The checks run in the page (``layout.js``); each returns readable findings, empty when all is well, so
a failing test names what is wrong and where (the chart's key, the text).
"""

from __future__ import annotations

from pathlib import Path

_CHECKS = (Path(__file__).with_name("layout.js")).read_text(encoding="utf-8")


LAID_OUT_MS = 5_000  # how long a chart may take to be laid out again after a resize, on a loaded machine


def run(page, check: str):
    """The findings of ``check`` (a function of ``layout.js``), read once."""
    return page.evaluate(f"() => ({_CHECKS}).{check}()")


def _once_laid_out(page, check: str) -> list[str]:
    """The findings of a check of the charts, read again while there are any, for up to ``LAID_OUT_MS``.

    plotly.js lays a chart out again after its width changes (the page's layout settling, a scroll
    bar): in between, its text sits where the old width put it. A busy CI machine once measured two
    charts then. What is still found after the wait is what the reader sees.
    """
    found = run(page, check)
    for _ in range(LAID_OUT_MS // 250):
        if not found:
            break
        page.wait_for_timeout(250)
        found = run(page, check)
    return found


def clipped_chart_text(page) -> list[str]:
    """Chart text that lies partly outside its chart's SVG (cut off), as 'chart key: "text"'."""
    return _once_laid_out(page, "clippedChartText")


def legends_over_titles(page) -> list[str]:
    """Legend entries drawn over a chart's title or subtitle."""
    return _once_laid_out(page, "legendsOverTitles")


def cut_buttons(page) -> list[str]:
    """Buttons and links in the page whose label is cut (shown with "…")."""
    return run(page, "cutButtons")


def wide_formulas(page) -> list[str]:
    """Display formulas wider than their column that do not scroll in a focusable region."""
    return run(page, "wideFormulas")


def problems(page) -> list[str]:
    """Everything above, for one look at a page whose charts are all drawn (``show_every_chart``)."""
    return clipped_chart_text(page) + legends_over_titles(page) + cut_buttons(page) + wide_formulas(page)


def show_every_chart(page) -> None:
    """Scroll the page through so that Plotly draws every chart, and wait until each one is drawn."""
    run(page, "showEveryChart")
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"], .chart')].every(
              (chart) => chart.querySelector('.main-svg'))""",
        timeout=60_000,
    )
