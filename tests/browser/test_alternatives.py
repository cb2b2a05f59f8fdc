"""What only a browser shows on 'Why exponentiate?': the page's own controls write the address bar, a shared
link redraws the very same Gumbel histogram, and the link to Boltzmann carries the thumb's temperature."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser import layout
from tests.browser.helpers import HeldBack, address, in_address, settle, wait_for_address, wait_for_follows
from tests.pages.test_alternatives import cells_at

pytestmark = pytest.mark.browser


def histogram_bars(page) -> list[str]:
    """The drawn shapes of the Gumbel histogram's bars (its chart holds the only 'share of samples')."""
    chart = page.locator(".st-key-gumbel_histogram .js-plotly-plot")
    return chart.locator(".bars path").evaluate_all("paths => paths.map(p => p.getAttribute('d'))")


def test_a_shared_link_shows_the_same_histogram_and_new_seed_changes_it(server, page, browser):
    link = f"{server.url}/alternatives?z=2,1,0.1&T=1&samples=300&seed=3"
    page.goto(link)
    settle(page)
    first = histogram_bars(page)
    assert len(first) == 3

    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.goto(link)
    settle(other)
    assert histogram_bars(other) == first
    other.context.close()

    page.get_by_role("button", name="New seed").click()
    wait_for_address(page, in_address("seed=4"))
    settle(page)
    assert histogram_bars(page) != first
    assert page.console_errors == []


def test_the_shift_slider_writes_its_value_into_the_address(server, page):
    page.goto(f"{server.url}/alternatives?z=2,1,0.1&T=1")
    settle(page)
    page.locator(".st-key-shift input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # one step of 0.5 from the default c = 2
    wait_for_address(page, in_address("shift=2.5"))
    settle(page)
    legend = page.locator(".st-key-shift_bars .legendtext")
    legend.filter(has_text="c = 2.5").first.wait_for(timeout=10_000)
    assert page.console_errors == []


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["projector", "phone"])
def test_nothing_is_cut_on_a_projector_or_a_phone(server, page, width, height):
    """No chart text outside its chart, no legend over a title, no cut button, no cut formula."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server.url}/alternatives?z=2,1,0.1&T=1")
    settle(page, timeout_ms=90_000)
    layout.show_every_chart(page)
    assert layout.problems(page) == []
    assert page.console_errors == []


LINK = "[class*='st-key-link_to_boltzmann'] a"


CELLS = "() => [...document.querySelectorAll('.st-key-properties_table :is(th, td)')].map(c => c.textContent)"


def test_the_table_and_the_link_follow_the_thumb_and_a_click_keeps_the_view(server, page):
    # The page's content is not rerun on a move (ui.shell, follows=True). The property table follows cell
    # by cell (at T = 1.2 sparsemax's support grows: words change). The link's address, for a new tab or a
    # copy, follows too; a click opens Boltzmann in this session, at its view.
    server_answer = HeldBack(page)
    page.goto(f"{server.url}/alternatives?z=2,1,0.1&T=1")
    settle(page)
    wait_for_follows(page)
    link = page.locator(LINK).first
    expect(link).to_have_attribute("href", f"{server.url}/boltzmann?z=2,1,0.1&T=1")
    before, after = cells_at("1"), cells_at("1.2")
    assert page.evaluate(CELLS) == before != after
    server_answer.holding = True
    page.locator(".st-key-temperature input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # T = 1 → 1.2
    expect(link).to_have_attribute("href", f"{server.url}/boltzmann?z=2,1,0.1&T=1.2", timeout=10_000)
    assert page.evaluate(CELLS) == after
    assert "T=1.2" not in address(page)  # no answer yet
    server_answer.release()
    wait_for_address(page, in_address("T=1.2"))
    link.click()
    wait_for_address(page, lambda url: urlsplit(url).path.rstrip("/").endswith("/boltzmann"))
    wait_for_address(page, in_address("T=1.2"))
    settle(page)
    assert page.locator(".st-key-temperature input[type=range]").get_attribute("aria-valuetext") == "1.2"
    assert page.console_errors == []


def test_the_links_on_the_about_page_carry_the_view_for_a_new_tab(server, page):
    # Drawn without parameters (a click keeps the session), their address is the view's once the page is on.
    page.goto(f"{server.url}/about?z=3,1,0.2&T=2")
    settle(page, charts=False)
    link = page.locator("[class*='st-key-link_to_'] a").first
    expect(link).to_have_attribute("href", re.compile(r"\?z=3,1,0\.2&T=2$"), timeout=30_000)
    assert page.console_errors == []
