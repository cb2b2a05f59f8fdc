"""What only a browser shows on the arg max page: the ε slider reads the link and writes the address bar, and
the charts fit a phone."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import layout
from tests.browser.helpers import settle, wait_for_address

pytestmark = pytest.mark.browser
# The first visit loads plotly.js (4 MB) while other tests share the two cores: give it time.
FIRST_LOAD_MS = 120_000


def epsilon_in_address(value: str):
    return lambda url: parse_qs(urlsplit(url).query).get("eps") == [value]


def test_epsilon_from_the_link_is_shown_and_a_key_press_moves_it_into_the_address(server, page):
    page.goto(f"{server.url}/argmax_limit?z=2,1,0.1&beta=1000000&eps=-0.0001")
    settle(page, FIRST_LOAD_MS)
    slider = page.locator(".st-key-eps input[type=range]")
    assert slider.get_attribute("aria-valuetext") == "-0.0001"
    # σ_β(1, 0.9999) at β = 10⁶ is (1, 3.7 × 10⁻⁴⁴): the caption says where it tends.
    assert page.get_by_text("as β → +∞, but it is 99 %", exact=False).count() == 1
    slider.focus()
    page.keyboard.press("ArrowRight")  # the next stop: −10⁻⁶
    wait_for_address(page, epsilon_in_address("-1e-06"))
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.console_errors == []


def test_on_a_phone_no_chart_text_is_cut_and_no_legend_meets_a_title(server, page):
    # Seven classes and β < 0: the simplex's subtitle, the smooth min's, the |β| axis titles.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/argmax_limit?z=1,1,3,4,1,2,3&beta=-2")
    settle(page, FIRST_LOAD_MS)
    layout.show_every_chart(page)
    assert layout.clipped_chart_text(page) == []
    assert layout.legends_over_titles(page) == []
    assert page.console_errors == []
