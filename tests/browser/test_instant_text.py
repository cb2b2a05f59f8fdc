"""Text whose numbers depend on the temperature follows the slider before the server answers.

The server's messages are held back (as in test_instant_pages.py); after a key press on the temperature
slider every followed text on the page must show the numbers the page itself writes at the next stop (taken
from an AppTest run at that temperature), its LaTeX untouched; once the answer arrives, the rerun's text is
the same.
"""

from __future__ import annotations

import pytest

from tests.apptest import open_page
from tests.browser.helpers import HeldBack, address, in_address, settle, wait_for_address, wait_for_follows
from tests.ui.test_instant_text import EXPECTED, sources
from ui.instant_numbers import numbers_in

pytestmark = pytest.mark.browser

# The numbers a reader sees in a container, in order, outside KaTeX: ui/instant_numbers.mjs reads them so.
SHOWN = r"""key => {
    const box = document.querySelector(`.st-key-${key}`);
    if (!box) return null;
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT, {
        acceptNode: n => (n.parentElement.closest('.katex') ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_ACCEPT),
    });
    const found = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        found.push(...(n.nodeValue.match(/[−-]?(?:[0-9]+(?:[.,][0-9]+)*(?:e[−-]?[0-9]+)?|∞|NaN)/g) || []));
    }
    return found;
}"""
# A page with a table, and one with metrics and sentences beside LaTeX. The Playground's table is held
# back in test_app.py (its softmax column moves to T = 1.2 before the answer); run here too, it timed out
# twice in full CI runs on 4 December (never alone, nor beside another test), cause not found yet.
PAGES = [stem for stem in ("boltzmann", "loss") if EXPECTED[stem]]


def numbers_at(stem: str, temperature: str) -> dict[str, list[str]]:
    at = open_page(f"pages/{stem}.py", z="2,1,0.1", T=temperature)
    return {key: [n for source in sources(at, key) for n in numbers_in(source)[1]] for key in EXPECTED[stem]}


@pytest.mark.parametrize("stem", PAGES)
def test_the_numbers_in_the_text_move_to_the_next_stop_before_the_server_answers(server, page, stem):
    server_answer = HeldBack(page)
    page.goto(f"{server.url}/{stem}?z=2,1,0.1&T=1")
    settle(page)
    wait_for_follows(page)
    before, after = numbers_at(stem, "1"), numbers_at(stem, "1.2")
    for key in EXPECTED[stem]:
        assert page.evaluate(SHOWN, key) == before[key], key
    assert before != after

    server_answer.holding = True
    page.locator(".st-key-temperature input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # T = 1 → 1.2
    for key in EXPECTED[stem]:
        page.wait_for_function(
            f"([key, expected]) => JSON.stringify(({SHOWN})(key)) === JSON.stringify(expected)",
            arg=[key, after[key]],
            timeout=10_000,
        )
    assert "T=1.2" not in address(page)  # no answer yet: the address is written by the rerun

    server_answer.release()
    wait_for_address(page, in_address("T=1.2"))
    settle(page)
    for key in EXPECTED[stem]:
        assert page.evaluate(SHOWN, key) == after[key], key
    assert page.console_errors == []
