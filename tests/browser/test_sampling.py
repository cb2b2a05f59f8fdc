"""What only a browser shows on the Sampling page: a knob moved by key writes the address bar and redraws the
next-token chart, a shared link opens the same view, and the bars follow a temperature key press before
the server answers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lessons.sampling import model, params
from lessons.sampling.captions import generated
from lessons.sampling.model import Knobs
from tests.browser import test_instant_pages as instant
from tests.browser.helpers import (
    WATCH_CALLS,
    HeldBack,
    address,
    box,
    choose,
    in_address,
    settle,
    wait_for_address,
    wait_for_follows,
)
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


# Each generated text as the page shows it: all its text, and the text in bold.
GENERATED = """() => [...document.querySelectorAll('[class*="st-key-generated_"]')]
    .filter(box => !box.className.includes('measures'))
    .map(box => {
        const text = box.querySelector('[data-testid="stMarkdownContainer"]');
        return [text.textContent, text.querySelector('strong')?.textContent ?? null];
    })"""


def test_the_generated_texts_follow_a_key_press_in_bold_before_the_server_answers(server, page):
    # At draw seed 1 the third text starts with a full stop at T = 1 and at T = 1.2: bold must open there too
    # (CommonMark opens no bold between a letter and punctuation; the page puts a hair space between).
    def texts(temperature: float) -> list[list[str]]:
        generations = model.side_by_side(
            model.docs_model(), params.GEN_TEXT.default, params.GEN_TOKENS.default, beta=1 / temperature,
            knobs=Knobs(), seed=1,
        )  # fmt: skip
        shown = [generated(params.GEN_TEXT.default, generation)[0] for generation in generations]
        return [[start + words, words] for start, words in shown]

    before, after = texts(1), texts(1.2)
    assert before != after and before[2][1].startswith(".") and after[2][1].startswith(".")
    server_answer = HeldBack(page)
    page.goto(f"{server.url}/sampling?T=1&draw_seed=1")
    settle(page, timeout_ms=120_000)
    wait_for_follows(page)
    assert page.evaluate(GENERATED) == before

    server_answer.holding = True
    page.locator(".st-key-temperature input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # T = 1 → 1.2
    shows = f"expected => JSON.stringify(({GENERATED})()) === JSON.stringify(expected)"
    page.wait_for_function(shows, arg=after, timeout=10_000)
    assert "T=1.2" not in address(page)  # no answer yet: the texts were sent with the page
    server_answer.release()
    wait_for_address(page, in_address("T=1.2"))
    settle(page)
    assert page.evaluate(GENERATED) == after
    assert page.console_errors == []


def test_a_preset_sets_the_temperature_of_the_slider_and_the_address_too(server, page):
    # The preset menu is in the page's content, a fragment apart from the temperature controls (ui.shell,
    # follows=True): the content's run sees a T the controls have not drawn, and the whole page runs again.
    page.goto(f"{server.url}/sampling?T=1")
    settle(page, timeout_ms=120_000)
    wait_for_follows(page)
    choose(page, "sampler_preset", "llama.cpp")  # T = 0.8, top-k 40, top-p 0.95, min-p 0.05
    wait_for_address(page, in_address("T=0.8"), timeout_ms=30_000)
    settle(page)
    # The whole page's run that follows draws the controls at 0.8 (and, at its end, removes the box at 1).
    expect(page.locator(".st-key-temperature input[type=range]")).to_have_attribute("aria-valuetext", "0.8")
    expect(page.locator(".st-key-temperature_text input")).to_have_count(1, timeout=10_000)
    expect(box(page, "temperature_text")).to_have_value("0.8")
    page.locator(".st-key-next_token .gtitle").filter(has_text="T = 0.8").wait_for(timeout=10_000)
    assert page.console_errors == []


def test_a_key_press_that_steps_the_bars_axis_sets_it_at_once_then_moves_the_bars(server, page):
    # T = 1 → 0.8 takes the tallest bar above 0.3, and the axis to 0.4. Given to Plotly.animate, the new range
    # was an axis transition, which draws both axes again (the slanted token labels) and then calls relayout
    # itself: 51 ms from the key press to the bars moved, against 30 with the range set by relayout first.
    key = "next_token"
    server_answer, _ = instant.chart_in_sight(server, page, "sampling", key, timeout_ms=120_000)
    ranges = [instant.expected_drawing("sampling", key, t)["ranges"][1] for t in ("1", "0.8")]
    assert ranges == [[0, 0.3], [0, 0.4]]  # the axis steps
    page.wait_for_timeout(500)  # the catch-up of a chart come into sight
    page.evaluate(WATCH_CALLS, key)
    # T = 1 → 0.8
    instant.move_to_the_server_drawing(page, server_answer, "sampling", key, "ArrowLeft", "0.8")
    # The range by relayout, the bars by animate, the title by react a frame later (ui/instant_chart.mjs).
    assert page.evaluate("window.__calls") == ["relayout", "animate", "react"]
    server_answer.release()
    assert page.console_errors == []
