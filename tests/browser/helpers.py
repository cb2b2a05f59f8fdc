"""What the browser tests share: waiting for a settled page, reading charts, tables and the address."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit


def in_address(parameter: str):
    """A URL predicate: the (decoded) query string has this exact parameter (Streamlit writes ',' as %2C)."""
    return lambda url: parameter in unquote(urlsplit(url).query).split("&")


def settle(page, timeout_ms: int = 30_000) -> None:
    """Wait until Streamlit has finished the run and the charts are drawn."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms
    )
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout_ms)


def bar_paths(page) -> list[str]:
    """The drawn shapes of the first chart's bars: they change whenever the chart redraws new numbers."""
    return (
        page.locator(".js-plotly-plot")
        .first.locator(".bars path")
        .evaluate_all("paths => paths.map(p => p.getAttribute('d'))")
    )


def redrawn(page, before: list[str], timeout_ms: int = 10_000) -> bool:
    """Whether the first chart's bars change from ``before`` within the timeout."""
    for _ in range(timeout_ms // 50):
        if bar_paths(page) != before:
            return True
        page.wait_for_timeout(50)
    return False


def table_column(page, header: str) -> list[str]:
    """One column of the page's Markdown table, once a table with that column is on the page (after a
    click to another page, the previous page's charts may satisfy ``settle`` before the table is drawn)."""
    page.locator('[data-testid="stMarkdownContainer"] table thead th', has_text=header).first.wait_for()
    headers = page.locator('[data-testid="stMarkdownContainer"] table thead th').all_inner_texts()
    index = headers.index(header)
    rows = page.locator('[data-testid="stMarkdownContainer"] table tbody tr')
    return [row.locator("th, td").nth(index).inner_text() for row in rows.all()]


def chart_numbers(page) -> tuple[str, list[str]]:
    """The Playground chart's title and the values printed on its probability bars."""
    title, values = page.evaluate(
        """() => {
          const chart = document.querySelector('.js-plotly-plot');
          const values = [...chart.querySelectorAll('.trace.bars')[0].querySelectorAll('.point text')];
          return [chart.querySelector('.gtitle').textContent, values.map((text) => text.textContent)];
        }"""
    )
    return title, values
