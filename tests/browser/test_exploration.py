"""The Exploration page in a real browser: every chart draws, Step and ε reach the link, the console stays
clean, and the learning curves follow a temperature key press before the server answers."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.helpers import settle, wait_for_address
from tests.browser.test_instant_pages import (
    test_the_chart_moves_to_the_next_stop_before_the_server_answers as moves_before_the_answer,
)

pytestmark = pytest.mark.browser


def query(url: str) -> dict[str, str]:
    return {key: value[-1] for key, value in parse_qs(urlsplit(url).query).items()}


def test_the_agent_steps_and_epsilon_reach_the_link_and_the_charts_redraw(server, page):
    page.goto(f"{server.url}/exploration?bandit_runs=100&T=0.2")
    # A cold cache runs a few dozen testbeds first (seconds; longer on a busy machine).
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    settle(page)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 6", timeout=120_000)
    page.get_by_text("Step 0.").wait_for()

    page.get_by_role("button", name="Run 100").click()
    wait_for_address(page, lambda url: query(url).get("agent_steps") == "100", timeout_ms=30_000)
    page.get_by_text("Step 100.").wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 7", timeout=30_000)

    page.locator(".st-key-bandit_eps input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # ε = 0.1 → 0.2
    wait_for_address(page, lambda url: query(url).get("bandit_eps") == "0.2", timeout_ms=30_000)
    page.get_by_text("ε-greedy, ε = 0.2").first.wait_for(timeout=60_000)
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentWarning"]').count() == 0
    assert page.console_errors == []


def test_a_temperature_key_press_moves_the_curves_before_the_server_answers(server, page):
    # The server's messages held back: the learning curves show the server's figure at the next stop anyway.
    moves_before_the_answer(server, page, "exploration", "rewards")
