"""What only a browser shows on the Boltzmann page: every option of the System control in full, a click
that enables the ladder's slider and writes the link, and charts that fit a phone."""

from __future__ import annotations

import pytest

from tests.browser import layout
from tests.browser.helpers import in_address, settle, wait_for_address

pytestmark = pytest.mark.browser
# The first visit loads plotly.js (4 MB) while other tests share the two cores: give it time.
FIRST_LOAD_MS = 120_000


def test_the_system_buttons_show_in_full_and_ladder_enables_its_slider(server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server.url}/boltzmann")
    settle(page, FIRST_LOAD_MS)
    # Before: "My lo…" and "e…", cut beside the other controls.
    assert layout.cut_buttons(page) == []
    levels = page.locator(".st-key-levels input[type=range]")
    assert levels.is_disabled()
    assert page.get_by_text("Only the Ladder system has N levels to choose.").count() == 1
    page.locator(".st-key-system button", has_text="Ladder").click()
    wait_for_address(page, in_address("system=Ladder"))
    settle(page)
    page.get_by_text("Only the Ladder system has N levels to choose.").wait_for(state="detached")
    assert levels.is_enabled()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.console_errors == []


def test_on_a_phone_no_chart_text_is_cut_and_no_legend_meets_a_title(server, page):
    # Negative T, ten levels, kelvin: the longest titles, legends and labels the page draws.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/boltzmann?beta=-1&system=Ladder&energy_units=meV")
    settle(page, FIRST_LOAD_MS)
    layout.show_every_chart(page)
    assert layout.clipped_chart_text(page) == []
    assert layout.legends_over_titles(page) == []
    assert page.console_errors == []
