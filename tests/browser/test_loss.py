"""The Loss page in a real browser: the target and the learning rate reach the link, training redraws."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import address, box, choose, settle, wait_for_address

pytestmark = pytest.mark.browser


def query(url: str) -> dict[str, str]:
    return {key: value[-1] for key, value in parse_qs(urlsplit(url).query).items()}


def test_target_learning_rate_and_training_in_the_browser(server, page):
    page.goto(f"{server.url}/loss?z=2,1,0.1&T=1&labels=cat,dog,bird")
    settle(page)
    choose(page, "target", "bird")
    wait_for_address(page, lambda url: query(url).get("target") == "bird")
    settle(page)
    # The address follows the widget at once; the metric follows with the rerun.
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("2.317", timeout=15_000)

    page.locator(".st-key-lr input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # η = 1 → 3
    wait_for_address(page, lambda url: query(url).get("lr") == "3")

    page.get_by_role("button", name="10 steps").click()
    page.get_by_text("After 10 steps").wait_for(timeout=15_000)
    wait_for_address(page, lambda url: query(url).get("trained") == "10@3")  # the steps are in the link
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0

    # Trained logits replace the shared ones: the link and the sidebar's controls (drawn outside the
    # page's fragment, where the button is) both show them.
    page.get_by_role("button", name="Use these logits everywhere").click()
    wait_for_address(page, lambda url: query(url).get("z") != "2,1,0.1")
    settle(page)
    trained = query(address(page))["z"]
    # The box is keyed by what it shows (ui.controls._box_key): until the rerun ends, the old box can still
    # be on the page beside the new one (settle() can return before Streamlit shows the run).
    boxes = page.locator(".st-key-logits_text input")
    expect(page.locator(f'.st-key-logits_text input[value="{trained.replace(",", ", ")}"]')).to_have_count(1)
    expect(boxes).to_have_count(1, timeout=15_000)
    assert page.console_errors == []


def test_renaming_the_labels_keeps_the_target_and_rewrites_the_link(server, page):
    page.goto(f"{server.url}/loss?z=2,1,0.1&T=1&labels=cat,dog,bird&target=dog")
    settle(page)
    box(page, "labels_text").fill("cat, puppy, bird")
    box(page, "labels_text").press("Enter")
    wait_for_address(page, lambda url: query(url).get("target") == "puppy")
    settle(page)
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("1.417", timeout=15_000)
    assert page.console_errors == []
