"""What only a browser shows on 'Why exponentiate?': the page's own controls write the address bar,
and a shared link redraws the very same Gumbel histogram."""

from __future__ import annotations

import pytest

from tests.browser import layout
from tests.browser.helpers import in_address, settle, wait_for_address

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
