"""The Distillation page in a real browser: it trains and draws every chart, a temperature button reaches the
link and redraws the teacher's soft targets, and the console stays clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import test_instant_pages as instant
from tests.browser.helpers import address, in_address, settle, wait_for_address

pytestmark = pytest.mark.browser

TRAINING_MS = 180_000  # a cold server trains the teacher and about 30 students first (10–40 s on 2 cores)


def test_the_page_trains_draws_and_a_temperature_button_reaches_the_link(server, page):
    page.goto(f"{server.url}/distillation?kd_digit=3")
    page.get_by_text("Hinton et al.'s MNIST numbers beside ours").wait_for(timeout=TRAINING_MS)
    settle(page, timeout_ms=TRAINING_MS)
    # The charts that follow T are drawn by plotly.js in the page, once it has loaded: wait for all seven.
    expect(page.locator(".js-plotly-plot")).to_have_count(7, timeout=30_000)
    assert page.locator('[data-testid="stMarkdownContainer"] table').count() == 2

    page.get_by_role("button", name="T = 20").click()
    wait_for_address(page, in_address("T=20"), timeout_ms=TRAINING_MS)
    page.get_by_text("At T = 20 the teacher still prefers 3").wait_for(timeout=TRAINING_MS)
    settle(page, timeout_ms=TRAINING_MS)
    legend = (
        page.locator(".js-plotly-plot")
        .nth(1)
        .locator(".legendtext")
        .evaluate_all("texts => texts.map((text) => text.textContent)")
    )
    assert legend == ["T = 1", "T = 20"]
    assert in_address("kd_digit=3")(address(page))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.console_errors == []


def test_the_chart_at_t_moves_to_the_next_stop_before_the_server_answers(server, page):
    # The teacher's probabilities at T: the server's figure at T = 1.2, drawn while its answer is held back.
    instant.test_the_chart_moves_to_the_next_stop_before_the_server_answers(
        server, page, "distillation", "kd_teacher_linear"
    )
