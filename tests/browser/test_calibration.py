"""The calibration page in a real browser: it trains behind a progress bar and draws every chart, the
network and the binning reach the link, the console stays clean."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import test_instant_pages as instant
from tests.browser.helpers import settle, wait_for_address

pytestmark = pytest.mark.browser

CHARTS = 4


def query(url: str) -> dict[str, str]:
    return {key: value[-1] for key, value in parse_qs(urlsplit(url).query).items()}


def wait_for_charts(page) -> None:
    # A cold server imports scikit-learn and trains two networks first: longer than settle() waits.
    page.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot').length >= {CHARTS}", timeout=180_000
    )
    settle(page)


def test_the_network_and_the_binning_reach_the_link_and_the_page_redraws(server, page):
    page.goto(f"{server.url}/calibration")
    wait_for_charts(page)
    page.get_by_text("They agree to").wait_for()

    page.locator(".st-key-cal_model button", has_text="Underconfident").click()
    wait_for_address(page, lambda url: query(url).get("cal_model") == "Underconfident", timeout_ms=30_000)
    page.get_by_text("the network is underconfident").first.wait_for(timeout=60_000)
    wait_for_charts(page)

    page.locator(".st-key-cal_binning button", has_text="equal mass").click()
    wait_for_address(page, lambda url: query(url).get("cal_binning") == "equal mass", timeout_ms=30_000)
    page.get_by_text("equal mass bins").first.wait_for(timeout=60_000)
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentWarning"]').count() == 0
    assert page.console_errors == []


def test_the_chart_at_t_moves_to_the_next_stop_before_the_server_answers(server, page):
    # Every measure against T: the server's figure at T = 1.2, drawn while its answer is held back.
    instant.test_the_chart_moves_to_the_next_stop_before_the_server_answers(
        server, page, "calibration", "cal_measures"
    )
