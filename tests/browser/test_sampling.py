"""What only a browser shows on the Sampling page: a knob moved by key writes the address bar and redraws the
next-token chart, a shared link opens the same view, and the bars follow a temperature key press before
the server answers."""

from __future__ import annotations

import pytest

from lessons.sampling import model
from lessons.sampling.model import Knobs
from tests.browser.helpers import in_address, settle, wait_for_address
from tests.browser.test_instant_pages import (
    test_the_chart_moves_to_the_next_stop_before_the_server_answers as moves_before_the_answer,
)

pytestmark = pytest.mark.browser


def chart_title(page) -> str:
    return page.locator(".st-key-next_token .gtitle").first.text_content()


def test_a_knob_moved_by_key_writes_the_link_and_redraws_the_kept_set(server, page):
    page.goto(f"{server.url}/sampling?T=1.5&prompt=Avoidant&minp=0.1")
    # The first visit builds the n-gram model, sweeps T and times softmax: give it time on a busy machine.
    settle(page, timeout_ms=120_000)
    entry = model.next_token("Avoidant")
    kept = model.chain_view(entry, beta=1 / 1.5, knobs=Knobs(min_p=0.1), tail="tail").kept_tokens
    page.locator(".st-key-next_token .gtitle").filter(has_text=f": {kept} kept").wait_for(timeout=30_000)

    page.locator(".st-key-topk input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # off → top-k 1
    wait_for_address(page, in_address("topk=1"), timeout_ms=30_000)
    page.locator(".st-key-next_token .gtitle").filter(has_text=": 1 kept").wait_for(timeout=30_000)
    assert "T = 1.5" in chart_title(page)
    assert page.console_errors == []


def test_a_temperature_key_press_moves_the_bars_before_the_server_answers(server, page):
    # The server's messages held back: the next-token bars show the server's figure at the next stop anyway.
    moves_before_the_answer(server, page, "sampling", "next_token")
