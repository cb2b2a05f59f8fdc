"""The Temperature page in a real browser: the animation plays from its frames (nothing cut on a projector
or a phone: every page's check in test_app.py and test_phone_layout.py)."""

from __future__ import annotations

import pytest

from lessons.temperature import model
from tests.browser.helpers import settle

pytestmark = pytest.mark.browser


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
