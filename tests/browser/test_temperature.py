"""The Temperature page in a real browser: nothing cut on a projector or a phone."""

from __future__ import annotations

import pytest

from lessons.temperature import model
from tests.browser import layout
from tests.browser.helpers import settle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["projector", "phone"])
def test_nothing_is_cut_on_a_projector_or_a_phone(server, page, width, height):
    """No chart text outside its chart, no legend over a title, no cut button, no cut formula."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server.url}/temperature?z=2,1,0.1&T=1")
    settle(page, timeout_ms=90_000)
    layout.show_every_chart(page)
    assert layout.problems(page) == []
    assert page.console_errors == []


def test_the_animation_plays_in_the_browser_from_its_frames(server, page):
    """The animation is drawn by the app's own chart component (ui.instant_chart.still) with its frames:
    ▶ Play moves the bars and the scrubber through them without asking the server."""
    page.goto(f"{server.url}/temperature?z=2,1,0.1&T=1")
    settle(page, timeout_ms=90_000)
    chart = page.locator(".st-key-animation .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    chart.locator(".main-svg").first.wait_for()
    frames = chart.evaluate("(gd) => gd._transitionData._frames.length")
    assert frames == len(model.ANIMATION_TEMPERATURES)
    bars = "(gd) => [...gd.querySelectorAll('.bars path')].map((p) => p.getAttribute('d')).join()"
    before = chart.evaluate(bars)
    chart.locator(".updatemenu-button", has_text="Play").click()
    page.wait_for_function(
        f"([gd, before]) => ({bars})(gd) !== before", arg=[chart.element_handle(), before], timeout=10_000
    )
    assert page.console_errors == []
