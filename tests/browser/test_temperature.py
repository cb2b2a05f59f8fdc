"""The Temperature page in a real browser: nothing cut on a projector or a phone."""

from __future__ import annotations

import pytest

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
