"""The softmax classifier page in a real browser: every chart draws, a step button and the data choice reach
the link and the loss curve grows, the console stays clean."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import test_instant_pages as instant
from tests.browser.helpers import WATCH_CALLS, settle, wait_for_address

pytestmark = pytest.mark.browser

CHARTS = 7
LOSS_CURVE = "document.querySelector('.st-key-clf_loss .js-plotly-plot')"


def query(url: str) -> dict[str, str]:
    return {key: value[-1] for key, value in parse_qs(urlsplit(url).query).items()}


def loss_points(page) -> int:
    """How many points the drawn loss curve has: the steps taken + 1."""
    return page.evaluate(f"() => {LOSS_CURVE}._fullData[0].x.length")


def test_steps_and_the_data_set_reach_the_link_and_the_charts_redraw(server, page):
    page.goto(f"{server.url}/classifier?T=0.5")
    # A cold server imports scikit-learn and trains first: longer than settle() waits for a first chart.
    page.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot').length >= {CHARTS}", timeout=120_000
    )
    settle(page)
    assert loss_points(page) == 101

    page.get_by_role("button", name="10 steps", exact=True).click()
    wait_for_address(page, lambda url: query(url).get("clf_steps") == "110", timeout_ms=30_000)
    page.get_by_text("After 110 steps").wait_for(timeout=30_000)
    settle(page)
    page.wait_for_function(f"() => {LOSS_CURVE}._fullData[0].x.length === 111")

    page.locator(".st-key-clf_data button", has_text="Clouds").click()
    wait_for_address(page, lambda url: query(url).get("clf_data") == "Clouds", timeout_ms=30_000)
    page.get_by_text("x₁ (standardised)").first.wait_for(timeout=30_000)
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentWarning"]').count() == 0
    assert page.console_errors == []


def test_the_chart_at_t_moves_to_the_next_stop_before_the_server_answers(server, page):
    # The regions at T: the server's figure at T = 1.2, drawn while its answer is held back.
    instant.test_the_chart_moves_to_the_next_stop_before_the_server_answers(
        server, page, "classifier", "clf_regions_t"
    )


# Every change to the digits' pictures (a heatmap) of chart ``key``, counted in window.__pictureChanges.
WATCH_PICTURES = """key => {
    const chart = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    window.__pictureChanges = 0;
    new MutationObserver((records) => { window.__pictureChanges += records.length; })
        .observe(chart.querySelector('.hm'), {subtree: true, childList: true, attributes: true});
}"""


def test_the_hardest_digits_bars_move_by_animate_and_their_pictures_are_not_drawn_again(server, page):
    # Plotly.animate moves the bars (the traces the stop changes); the digits beside them, a heatmap that
    # plotly.js does not animate, stay as they are. Plotly.react redrew the whole chart: 45 → 15 ms a move.
    key = "clf_hardest_a"
    server_answer, _ = instant.chart_in_sight(server, page, "classifier", key, timeout_ms=120_000)
    page.wait_for_timeout(500)  # the catch-up of a chart come into sight
    page.evaluate(WATCH_PICTURES, key)
    page.evaluate(WATCH_CALLS, key)
    # T = 1 → 1.2
    instant.move_to_the_server_drawing(page, server_answer, "classifier", key, "ArrowRight", "1.2")
    # The bars by animate; the title by react, a frame later (ui/instant_chart.mjs, moveTo).
    assert page.evaluate("window.__calls") == ["animate", "react"]
    assert page.evaluate("window.__pictureChanges") == 0
    server_answer.release()
    assert page.console_errors == []
