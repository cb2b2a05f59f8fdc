"""The Teacher page in Chromium: its link, its buttons and its QR code follow the temperature slider before
the server answers, and the server's rerun then draws the same."""

from __future__ import annotations

import time
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.apptest import open_page
from tests.browser.helpers import (
    HeldBack,
    address,
    eventually,
    in_address,
    settle,
    wait_for_address,
    wait_for_follows,
)
from tests.lessons.test_teacher_model import decoded_svg, modules_of, scan
from tests.ui.test_instant_text import sources
from ui.instant_numbers import CATCH_UP_MS, numbers_in

pytestmark = pytest.mark.browser

_SHOWN = """() => ({
  line: document.querySelector('.st-key-teacher_opens_at [data-testid="stMarkdownContainer"]').innerText,
  code: document.querySelector('.st-key-teacher_link [data-testid="stCode"] code').innerText,
  // Each button's anchors (Streamlit draws a hidden second one for a button with a tooltip).
  hrefs: [...document.querySelectorAll('.st-key-teacher_link [data-testid="stLinkButton"]')].map((button) => [
    ...new Set([...button.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))),
  ]),
  qr: document.querySelector('.st-key-teacher_qr img').getAttribute('src'),
})"""


def _query(link: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(link).query))


def _check(shown: dict, temperature: str) -> None:
    """The link at ``temperature``, opened by both buttons (one in presenter mode), its QR code read back to
    it, and the sentence above with the numbers the page writes there."""
    assert _query(shown["code"]) == {"z": "2,1,0.1", "T": temperature}
    assert shown["hrefs"] == [[shown["code"]], [shown["code"] + "&present=1"]]
    assert scan(modules_of(decoded_svg(shown["qr"]))) == shown["code"]
    [source] = sources(open_page("pages/teacher.py", z="2,1,0.1", T=temperature), "teacher_opens_at")
    assert numbers_in(shown["line"])[1] == numbers_in(source)[1]


def test_the_link_and_its_qr_code_follow_the_thumb_before_the_server_answers(server, page):
    server_answer = HeldBack(page)
    page.goto(f"{server.url}/teacher?z=2,1,0.1&T=1")
    settle(page, charts=False)
    wait_for_follows(page)
    page.wait_for_selector(".st-key-teacher_link code")  # Streamlit loads its code block's module lazily
    _check(page.evaluate(_SHOWN), "1")

    server_answer.holding = True
    page.locator(".st-key-temperature input[type=range]").focus()
    page.wait_for_timeout(CATCH_UP_MS)
    server_answer.asked.clear()
    pressed = time.monotonic()
    page.keyboard.press("ArrowRight")  # T = 1 → 1.2
    moved_on = "() => document.querySelector('.st-key-teacher_link code').innerText.endsWith('T=1.2')"
    page.wait_for_function(moved_on, timeout=10_000)
    moved = page.evaluate(_SHOWN)
    _check(moved, "1.2")
    assert "T=1.2" not in address(page)  # no answer yet: the address is written by the rerun
    # The move is held in the browser (its page follows, ui.shell): the server hears of it once the thumb
    # has rested, and the content's rerun draws the page at the thumb's stop.
    eventually(page, lambda: server_answer.asked)
    assert [round(t - pressed, 3) for t in server_answer.asked if t - pressed < CATCH_UP_MS / 1000] == []

    server_answer.release()
    wait_for_address(page, in_address("T=1.2"))
    settle(page, charts=False)
    assert page.evaluate(_SHOWN) == moved
    assert page.console_errors == []
