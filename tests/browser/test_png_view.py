"""A chart that does not depend on the temperature stays as drawn when the temperature moves, and the PNG
saved from it names the new temperature (the view is added at the click: ui/png_title.mjs)."""

from __future__ import annotations

import pytest

from tests.browser.helpers import in_address, settle, wait_for_address

pytestmark = pytest.mark.browser

CHART = ".st-key-clf_confusion .js-plotly-plot"  # the digits' confusion matrix: trained at T = 1
# Marks the chart's element and counts its drawings from now on: a redraw in place fires plotly_afterplot,
# a new element has no mark.
WATCH = """selector => {
    const chart = document.querySelector(selector);
    chart.__watched = true;
    window.__drawings = 0;
    chart.on('plotly_afterplot', () => { window.__drawings += 1; });
}"""


def test_a_temperature_move_leaves_a_chart_that_does_not_follow_it_and_its_png_names_the_new_view(
    server, page
):
    page.goto(f"{server.url}/classifier?z=2,1,0.1&T=1")
    settle(page)
    page.locator(CHART).scroll_into_view_if_needed()
    page.wait_for_selector(f"{CHART} .main-svg")
    settle(page)
    page.evaluate(WATCH, CHART)

    page.locator(".st-key-temperature input[type=range]").focus()
    page.keyboard.press("ArrowRight")
    wait_for_address(page, in_address("T=1.2"))
    page.wait_for_function("() => window.__softmaxLabView && window.__softmaxLabView.stem.endsWith('T=1.2')")
    settle(page)
    page.wait_for_timeout(500)  # time for a redraw that should not come
    assert page.evaluate(f"() => document.querySelector('{CHART}').__watched") is True
    assert page.evaluate("() => window.__drawings") == 0

    page.locator(CHART).hover()
    with page.expect_download() as image:
        page.locator(f'{CHART} .modebar-btn[data-title="Download plot as a PNG"]').click()
    assert image.value.suggested_filename == "softmax-lab_classifier_clf_confusion_z=2,1,0.1_T=1.2.png"
    assert image.value.path().read_bytes().startswith(b"\x89PNG")
    assert page.console_errors == []
