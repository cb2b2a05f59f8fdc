"""What a projector or a phone would show cut: chart text outside its chart, a legend over a title,
a button's label cut to "…", a formula wider than its column that cannot be scrolled by keyboard.

The checks run in the page (``layout.js``); each returns readable findings, empty when all is well, so
a failing test names what is wrong and where (the chart's key, the text).
"""

from __future__ import annotations

from pathlib import Path

_CHECKS = (Path(__file__).with_name("layout.js")).read_text(encoding="utf-8")


def _run(page, check: str):
    return page.evaluate(f"() => ({_CHECKS}).{check}()")


def clipped_chart_text(page) -> list[str]:
    """Chart text that lies partly outside its chart's SVG (cut off), as 'chart key: "text"'."""
    return _run(page, "clippedChartText")


def legends_over_titles(page) -> list[str]:
    """Legend entries drawn over a chart's title or subtitle."""
    return _run(page, "legendsOverTitles")


def cut_buttons(page) -> list[str]:
    """Buttons and links in the page whose label is cut (shown with "…")."""
    return _run(page, "cutButtons")


def wide_formulas(page) -> list[str]:
    """Display formulas wider than their column that do not scroll in a focusable region."""
    return _run(page, "wideFormulas")


def problems(page) -> list[str]:
    """Everything above, for one look at a page whose charts are all drawn (``show_every_chart``)."""
    return clipped_chart_text(page) + legends_over_titles(page) + cut_buttons(page) + wide_formulas(page)


def show_every_chart(page) -> None:
    """Scroll the page through so that Plotly draws every chart, and wait until each one is drawn."""
    _run(page, "showEveryChart")
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(
              (chart) => chart.querySelector('.main-svg'))""",
        timeout=60_000,
    )
