"""What only a real browser shows: pages render, charts redraw, the address bar follows, no console error.

Debian's Chromium driven by Playwright (see conftest.py); skipped with a message on a machine without it,
a failure in CI.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser import layout
from tests.browser.helpers import (
    CHARTLESS,
    COUNT_REDRAWS,
    REDRAWS,
    HeldBack,
    address,
    bar_paths,
    box,
    chart_numbers,
    eventually,
    in_address,
    redrawn,
    settle,
    table_column,
    wait_for_address,
    wait_for_follows,
)
from ui import instant_chart, instant_numbers
from ui.navigation import PAGES

# Pages that open with no chart: the quiz draws one only when an answer is revealed; the teacher's page
# draws a QR code.

pytestmark = pytest.mark.browser


def test_cold_server_opens_a_shared_link_to_a_page_with_its_controls_and_numbers(cold_server, page):
    """Right after a (re)start no session has run app.py: the page file runs alone and must still set
    itself up (page config, sidebar navigation, shared controls) from the link's parameters."""
    target = next((p for p in PAGES if not p.default), PAGES[0])
    page.goto(f"{cold_server.url}/{target.stem}?z=2,1,0.1&T=1&labels=cat,dog,bird")
    settle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    for registered in PAGES:
        assert sidebar.get_by_role("link", name=registered.title).count() == 1
    # Waited for: on a loaded machine a box can still be drawn anew (ui.controls._box_key) as this reads it.
    expect(box(page, "logits_text")).to_have_value("2, 1, 0.1")
    expect(box(page, "labels_text")).to_have_value("cat, dog, bird")
    expect(page.get_by_text("T = 1 · β = 1/T = 1")).to_have_count(1)
    assert page.title() == f"{target.title} · Softmax Lab"

    # The session carries the view to the landing page, whose numbers are the link's.
    sidebar.get_by_role("link", name="Playground").click()
    wait_for_address(page, in_address("z=2,1,0.1"))
    settle(page)
    assert table_column(page, "softmax p")[:3] == ["0.659", "0.2424", "0.09857"]
    # The landing page runs as /playground here; its link and its chart's plotly.js are from the app's root.
    assert bar_paths(page)
    page.get_by_role("button", name="Share this view").click()
    share = page.locator('[data-testid="stPopoverBody"] code').inner_text()
    assert share == f"{cold_server.url}/?z=2,1,0.1&T=1&labels=cat,dog,bird"
    assert page.console_errors == []


def test_keyboard_on_the_temperature_slider_redraws_chart_and_table_and_updates_the_address(server, page):
    page.goto(f"{server.url}/?z=2,1,0.1&T=1")
    settle(page)
    before_bars = bar_paths(page)
    assert table_column(page, "softmax p")[:3] == ["0.659", "0.2424", "0.09857"]
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.locator(".st-key-temperature input[type=range]").focus()
    page.keyboard.press("ArrowLeft")  # one log step colder: T = 0.8
    wait_for_address(page, in_address("T=0.8"))
    settle(page)
    assert redrawn(page, before_bars)
    # A move travels over the websocket only: no HTTP request (the favicon is inline, not re-fetched).
    assert requests == []
    # softmax(2, 1, 0.1; T = 0.8): e^2.5, e^1.25, e^0.125 over their sum 16.81 = (0.7249, 0.2077, 0.06743)
    assert table_column(page, "softmax p")[:3] == ["0.7249", "0.2077", "0.06743"]
    # The rest of what the move reruns follows too: the readout, the exact value and the share link.
    expect(page.get_by_text("T = 0.8 · β = 1/T = 1.25")).to_have_count(1)
    expect(box(page, "temperature_text")).to_have_value("0.8")
    page.get_by_role("button", name="Share this view").click()
    assert page.locator('[data-testid="stPopoverBody"] code').inner_text() == f"{server.url}/?z=2,1,0.1&T=0.8"
    assert page.console_errors == []


IN_NUMBERS = """() => {
    const box = document.querySelector('.st-key-numbers_now');
    const bar = box.querySelector('[role=progressbar]');
    const track = box.querySelector('[data-testid=stProgressBarTrack]');
    return {
        metrics: [...box.querySelectorAll('[data-testid=stMetricValue]')].map(m => m.textContent),
        bar: [bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuetext'), track.style.width,
              track.firstElementChild.style.transform],
        text: box.querySelector('[data-testid=stProgress] [data-testid=stMarkdownContainer]').textContent,
    };
}"""


def in_numbers(page) -> dict:
    return page.evaluate(IN_NUMBERS)


def test_the_chart_follows_the_slider_in_the_browser_before_the_server_answers(server, page):
    server_answer = HeldBack(page)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server.url}/?z=2,1,0.1&T=1")
    settle(page)
    wait_for_follows(page)  # the numbers' stops, sent at the end of the run

    server_answer.holding = True
    page.locator(".st-key-temperature input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # T = 1.2
    # softmax(2, 1, 0.1; T = 1.2): e^1.667, e^0.8333, e^0.08333 over their sum 8.682 = (0.6098, 0.265, 0.1252)
    chart_moved = "() => document.querySelector('.js-plotly-plot .gtitle').textContent.includes('1.2')"
    page.wait_for_function(chart_moved, timeout=10_000)
    assert chart_numbers(page) == (
        "Probabilities at T = 1.2",
        ["0.6098", "0.265", "0.1252"],
    )
    assert "T=1.2" not in address(page)  # no answer yet: the rerun writes the address
    # The 'Explaining Softmax' table follows too (its numbers: the server's, sent with the last run).
    assert table_column(page, "softmax p")[:3] == ["0.6098", "0.265", "0.1252"]
    # The numbers beside the chart follow too: H = −Σ p ln p of those p, the largest p, H's share of ln 3.
    # (0.6098 ln 0.6098 + 0.265 ln 0.265 + 0.1252 ln 0.1252 = −0.9137; 0.9137 / 1.0986 = 83 %.)
    assert in_numbers(page) == {
        "metrics": ["0.9137", "0.6098"],
        "bar": ["83", "83%", "83%", "translateX(-17%)"],
        "text": "H = 1.318 bits: 83 % of the maximum log K = 1.099 nats (1.585 bits) of the uniform "
        "distribution",
    }
    # And the readout under the slider, on every page (1 / 1.2 = 0.8333).
    assert page.locator(".st-key-temperature_readout").inner_text() == "T = 1.2 · β = 1/T = 0.8333"

    page.evaluate(COUNT_REDRAWS, "probabilities")
    server_answer.release()
    wait_for_address(page, in_address("T=1.2"))
    settle(page)
    assert table_column(page, "softmax p")[:3] == ["0.6098", "0.265", "0.1252"]
    assert chart_numbers(page)[1] == ["0.6098", "0.265", "0.1252"]
    assert page.evaluate(REDRAWS, "probabilities") == 0  # the rerun's figure is the one the stop drew
    assert in_numbers(page)["metrics"] == ["0.9137", "0.6098"]  # and React's text is the same
    # plotly.js came from the app itself, like everything else: no outside host (blob: and data: URLs are
    # made in the page, e.g. the component's script).
    _, name, traces = instant_chart._bundle()  # the vendored cartesian bundle while plotly's version is its
    assert f"{server.url}/app/static/{name}" in requests
    if traces is not None:  # it has the chart types the app counts on (any other goes to the server's chart)
        assert set(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)")) == traces
    assert [url for url in requests if not url.startswith((server.url, f"blob:{server.url}/", "data:"))] == []
    assert page.console_errors == []


def test_the_chart_follows_a_logit_slider_in_the_browser_before_the_server_answers(server, page):
    server_answer = HeldBack(page)
    page.goto(f"{server.url}/?z=1,1.01,0&T=1")
    settle(page)
    argmax = "() => [...document.querySelector('.js-plotly-plot').data[1].y]"
    assert page.evaluate(argmax) == [0, 1, 0]

    server_answer.holding = True
    page.locator(".st-key-logit_0 input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # z = (1.01, 1.01, 0): a tie
    # e^1.01 / (2 e^1.01 + 1) = 0.423 twice, 1 / 6.491 = 0.1541; the arg max split between the two.
    assert eventually(page, lambda: chart_numbers(page)[1] == ["0.423", "0.423", "0.1541"])
    assert page.evaluate(argmax) == [0.5, 0.5, 0]
    page.keyboard.press("ArrowRight")  # z = (1.02, 1.01, 0): the first class ahead
    # e^1.02, e^1.01, e^0 over their sum 6.519.
    assert eventually(page, lambda: chart_numbers(page)[1] == ["0.4254", "0.4212", "0.1534"])
    assert page.evaluate(argmax) == [1, 0, 0]
    assert chart_numbers(page)[0] == "Probabilities at T = 1"
    # The numbers beside the chart, the formula and the table follow too (the page says they do).
    # H = −Σ p ln p = 0.4254 · 0.8547 + 0.4212 · 0.8646 + 0.1534 · 1.875 = 1.015; 1.015 / ln 3 = 92 %.
    assert eventually(page, lambda: in_numbers(page)["metrics"] == ["1.015", "0.4254"])
    assert in_numbers(page)["bar"][0] == "92"
    assert table_column(page, "softmax p")[:3] == ["0.4254", "0.4212", "0.1534"]
    formula = page.locator(".st-key-formula .softmax-lab-latex .katex-html")
    assert eventually(page, lambda: "e1.02" in formula.inner_text().replace("\n", ""))
    assert in_address("z=1,1.01,0")(address(page))  # no answer yet: the rerun writes the address

    # A logit and the temperature both moved: only the server knows that view, and the chart waits for it.
    page.locator(".st-key-temperature input[type=range]").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert chart_numbers(page) == ("Probabilities at T = 1", ["0.4254", "0.4212", "0.1534"])

    server_answer.release()
    wait_for_address(page, in_address("z=1.02,1.01,0"))
    wait_for_address(page, in_address("T=1.2"))
    settle(page)
    # softmax(1.02, 1.01, 0; T = 1.2), from the server.
    assert eventually(
        page, lambda: chart_numbers(page) == ("Probabilities at T = 1.2", ["0.4134", "0.4099", "0.1767"])
    )
    assert page.evaluate(argmax) == [1, 0, 0]
    assert page.console_errors == []


def test_the_chart_follows_a_drag_of_the_thumb_before_it_is_released(server, page):
    page.goto(f"{server.url}/?z=2,1,0.1&T=1")
    settle(page)
    handle = page.locator('.st-key-temperature [data-testid="stSliderThumbValue"]').locator("..")
    handle.scroll_into_view_if_needed()  # the mouse reaches only what the viewport shows
    thumb = handle.bounding_box()
    x, y = thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y, steps=4)
    page.wait_for_function(
        "() => !document.querySelector('.js-plotly-plot .gtitle').textContent.includes('T = 1,')"
    )

    # The chart at the thumb's stop, once its title is drawn too: a moved chart's labels follow its bars a
    # frame later (ui/instant_chart.mjs), and a read between the two once saw T = 5's bars under "T = 4".
    def at_thumb():
        label = page.locator(".st-key-temperature input[type=range]").get_attribute("aria-valuetext")
        shown = chart_numbers(page)
        return shown if re.search(rf"T = {re.escape(label)}(?![\d.])", shown[0]) else None

    during = eventually(page, at_thumb)
    assert during, chart_numbers(page)
    held_at = page.locator(".st-key-temperature input[type=range]").get_attribute("aria-valuetext")
    # Still held down: the run the thumb's stop may start (the content's, at once for a stop its followers
    # were not sent) writes the address and leaves the thumb where the pointer holds it.
    wait_for_address(page, lambda url: not in_address("T=1")(url))
    settle(page)
    assert page.locator(".st-key-temperature input[type=range]").get_attribute("aria-valuetext") == held_at
    page.mouse.up()
    settle(page)
    # Released where the drag showed it: the chart, the table and the address agree. (The table follows
    # only to the stops near the one it was drawn at: beyond them it waits for the content's rerun.)
    assert chart_numbers(page) == during
    assert eventually(page, lambda: table_column(page, "softmax p")[:3] == during[1])
    # The box the reader sees: until the run ends, the box of the drag's first stop is on the page, hidden.
    assert in_address(f"T={box(page, 'temperature_text').input_value()}")(address(page))
    assert page.console_errors == []


def test_after_quick_moves_a_limit_and_a_scale_switch_the_chart_shows_the_numbers_of_the_table(server, page):
    page.goto(f"{server.url}/?z=2,1,0.1&T=1&labels=cat,dog,bird")
    settle(page)
    slider = page.locator(".st-key-temperature input[type=range]")

    def chart_agrees_with_the_table(title: str) -> None:
        settle(page)
        page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")
        # The table follows to the stops near the one it was drawn at; beyond them, the content's rerun.
        agree = lambda: chart_numbers(page) == (title, table_column(page, "softmax p")[:3])  # noqa: E731
        assert eventually(page, agree), (chart_numbers(page), table_column(page, "softmax p")[:3])

    slider.focus()
    for _ in range(5):  # faster than the reruns they start
        page.keyboard.press("ArrowLeft")
    wait_for_address(page, in_address("T=0.3"))
    chart_agrees_with_the_table("Probabilities at T = 0.3")

    page.get_by_role("button", name="T → ∞ · uniform").click()
    wait_for_address(page, in_address("T=inf"))
    chart_agrees_with_the_table("Probabilities at T = ∞")

    page.locator(".st-key-scale").get_by_role("radio", name="β = 1/T").click()
    wait_for_address(page, in_address("beta=0"))
    slider.focus()
    page.keyboard.press("ArrowLeft")  # β = −0.01: the arg-min side
    wait_for_address(page, in_address("beta=-0.01"))
    chart_agrees_with_the_table("Probabilities at T = −100")

    box(page, "temperature_text").fill("0.37")  # between two stops of the slider
    box(page, "temperature_text").press("Enter")
    wait_for_address(page, in_address("beta=0.37"))
    chart_agrees_with_the_table("Probabilities at T = 2.703")
    slider.focus()
    page.keyboard.press("ArrowRight")
    wait_for_address(page, in_address("beta=0.4"))
    chart_agrees_with_the_table("Probabilities at T = 2.5")
    assert page.console_errors == []


def test_a_temperature_set_with_the_slider_goes_along_to_the_next_page(server, page):
    page.goto(f"{server.url}/?z=3,1,0.2&T=2")
    settle(page)
    page.locator(".st-key-temperature input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # one log step hotter: T = 2.5
    wait_for_address(page, in_address("T=2.5"))
    settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Temperature").click()
    wait_for_address(page, lambda url: urlsplit(url).path.rstrip("/").endswith("/temperature"))
    wait_for_address(page, in_address("T=2.5"))
    settle(page)
    expect(box(page, "temperature_text")).to_have_value("2.5")
    assert in_address("z=3,1,0.2")(address(page))
    assert page.console_errors == []


def test_every_control_change_is_in_the_address_bar_and_the_share_link(server, page):
    page.goto(f"{server.url}/?z=2,1,0.1&T=1")
    settle(page)
    page.locator(".st-key-scale").get_by_role("radio", name="β = 1/T").click()
    wait_for_address(page, in_address("beta=1"))
    box(page, "logits_text").fill("3, 1, 0.5")
    box(page, "logits_text").press("Enter")
    wait_for_address(page, in_address("z=3,1,0.5"))
    settle(page)
    page.get_by_role("button", name="Share this view").click()
    share = page.locator('[data-testid="stPopoverBody"] code').inner_text()
    assert share == f"{server.url}/?z=3,1,0.5&beta=1"
    assert page.console_errors == []


def test_a_sidebar_link_opens_the_next_page_with_the_same_controls(server, page):
    page.goto(f"{server.url}/?z=3,1,0.2&T=2&labels=cat,dog,bird")
    settle(page)
    for target in [p for p in PAGES if not p.default] + [PAGES[0]]:
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name=target.title).click()
        wait_for_address(
            page, lambda url, stem=target.url_path: urlsplit(url).path.rstrip("/").endswith(stem)
        )
        settle(page, charts=target.stem not in CHARTLESS)
        # The sidebar's boxes are keyed by what they show: wait for the run that draws this page's.
        expect(box(page, "logits_text")).to_have_value("3, 1, 0.2", timeout=15_000)
        expect(box(page, "labels_text")).to_have_value("cat, dog, bird", timeout=15_000)
        expect(box(page, "temperature_text")).to_have_value("2", timeout=15_000)
        thumb = page.locator(".st-key-logit_0 [data-testid=stSliderThumbValue]").inner_text()
        assert thumb == "3.00", target.stem
        # A page that writes its own parameters (the quiz's seed) rewrites the address during its run.
        wait_for_address(page, lambda url: in_address("z=3,1,0.2")(url) and in_address("T=2")(url))
    assert page.console_errors == []


def test_a_hostile_link_shows_one_warning_and_the_page_still_works(server, page):
    page.goto(f"{server.url}/?z=%3Cscript%3Ealert(1)%3C/script%3E&T=nan")
    settle(page)
    warnings = page.locator('[data-testid="stAlertContentWarning"]')
    assert warnings.count() == 1
    assert "<script>alert(1)</s…" in warnings.inner_text()
    # Read until it holds: a box is drawn anew for each text, and a busy machine once read the new one empty.
    logits = box(page, "logits_text")
    assert eventually(page, lambda: logits.input_value() == "2, 1, 0.1"), logits.input_value()
    assert page.locator('[data-testid="stException"]').count() == 0
    # The warning is about the link; once the user moves a control it is about nothing, and goes.
    page.locator(".st-key-temperature input[type=range]").focus()
    page.keyboard.press("ArrowRight")
    wait_for_address(page, in_address("T=1.2"))
    # The address is written early in the rerun and the warning goes at its end: wait for the end (a
    # busy CI machine once read the count between the two).
    expect(warnings).to_have_count(0, timeout=15_000)
    assert page.console_errors == []


@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.stem)
def test_every_page_renders_without_console_errors_or_clipped_text(server, page, target):
    page.set_viewport_size({"width": 1280, "height": 900})  # a laptop, or a projector's 720 p at 150 %
    page.goto(f"{server.url}/{target.url_path}?z=1,2,3,4,1,2,3&T=0.5")
    settle(page, charts=target.stem not in CHARTLESS)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentWarning"]').count() == 0
    assert page.console_errors == []
    layout.show_every_chart(page)
    assert layout.problems(page) == []  # no chart text cut at its edge, no legend on a title, no cut button
    if target.stem in CHARTLESS:
        return
    # No chart offers to send itself to an outside service (plotly.js's "Share chart…" upload).
    titles = page.locator(".modebar-btn").evaluate_all("buttons => buttons.map(b => b.dataset.title)")
    assert titles, "every page has a chart with a toolbar"
    assert not [t for t in titles if "Share" in t or "Cloud" in t or "Chart Studio" in t], titles


def test_a_mistyped_page_path_still_draws_the_chart_with_no_console_error(server, page):
    # Issue 14: /nonexistent_page asked for /nonexistent_page/app/static/plotly….js, ran the HTML it got
    # back as a script and left the chart blank.
    page.goto(f"{server.url}/nonexistent_page?z=2,1,0.1&T=1")
    settle(page)
    assert chart_numbers(page)[1] == ["0.659", "0.2424", "0.09857"]
    # Streamlit's own word on the path is all the console holds.
    assert [e for e in page.console_errors if "does not seem to exist" not in e] == []


def test_where_plotly_js_cannot_be_loaded_the_chart_is_drawn_by_the_server(server, page):
    page.route(re.compile(r"/app/static/plotly-[^/]*\.js$"), lambda route: route.abort())
    page.goto(f"{server.url}/?z=2,1,0.1&T=1")
    # The component tells the server, which draws the same chart with st.plotly_chart instead.
    page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').first.wait_for(timeout=30_000)
    settle(page)
    assert chart_numbers(page)[1] == ["0.659", "0.2424", "0.09857"]


def test_slider_steps_replace_the_history_entry_while_new_logits_add_one(server, page):
    # Issue 14: every step of a slider added a browser-history entry, so leaving took many Back presses.
    page.goto(f"{server.url}/?z=2,1,0.1&T=1")
    settle(page)
    start = page.evaluate("history.length")
    page.locator(".st-key-temperature input[type=range]").focus()
    for expected in ("T=1.2", "T=1.5", "T=2"):
        page.keyboard.press("ArrowRight")
        wait_for_address(page, in_address(expected))
    assert page.evaluate("history.length") == start
    logits = box(page, "logits_text")
    logits.fill("3, 1, 0")
    logits.press("Enter")
    wait_for_address(page, in_address("z=3,1,0"))
    assert page.evaluate("history.length") == start + 1
    page.go_back()
    wait_for_address(page, in_address("z=2,1,0.1"))
    # The view of the address gone back to: e^(z/2) over their sum 5.418.
    assert eventually(
        page, lambda: chart_numbers(page) == ("Probabilities at T = 2", ["0.5017", "0.3043", "0.194"])
    )
    assert page.console_errors == []


def test_a_logit_move_reruns_only_the_logits_controls_and_the_page_catches_up_once_the_thumb_rests(
    server, page
):
    messages = HeldBack(page)  # never holding: it counts the server's messages
    page.goto(f"{server.url}/?z=1,1.01,0&T=1")
    settle(page)
    wait_for_follows(page)
    page.get_by_role("button", name="Share this view").click()
    share = page.locator('[data-testid="stPopoverBody"] code')
    assert share.inner_text() == f"{server.url}/?z=1,1.01,0&T=1"
    page.keyboard.press("Escape")

    messages.count = 0
    page.locator(".st-key-logit_0 input[type=range]").focus()
    page.keyboard.press("ArrowRight")
    wait_for_address(page, in_address("z=1.01,1.01,0"))  # written by the run of the logits' controls
    expect(box(page, "logits_text")).to_have_value("1.01, 1.01, 0")
    # e^1.01 / (2 e^1.01 + 1) = 0.423 twice, 1 / 6.491 = 0.1541: the page shows the new logits, followed.
    assert chart_numbers(page)[1] == ["0.423", "0.423", "0.1541"]
    assert in_numbers(page)["metrics"] == ["1.016", "0.423"]
    assert messages.count < 40  # the logits' controls: a whole page sends over a hundred
    # Once the thumb has rested, the whole page runs: the share link and the table from the server.
    page.wait_for_timeout(instant_numbers.CATCH_UP_MS)
    settle(page)
    assert eventually(page, lambda: messages.count > 100)
    page.get_by_role("button", name="Share this view").click()
    expect(share).to_have_text(f"{server.url}/?z=1.01,1.01,0&T=1")
    assert table_column(page, "softmax p")[:3] == ["0.423", "0.423", "0.1541"]

    # A jump beyond the key presses the page was sent (Page Up: 2, a tenth of the span) runs it all at once.
    page.keyboard.press("Escape")
    page.locator(".st-key-logit_0 input[type=range]").focus()
    page.keyboard.press("PageUp")
    wait_for_address(page, in_address("z=3.01,1.01,0"))
    settle(page)
    # e^3.01, e^1.01, 1 over their sum 24.03.
    assert eventually(page, lambda: chart_numbers(page)[1] == ["0.8441", "0.1142", "0.04161"])
    assert table_column(page, "softmax p")[:3] == ["0.8441", "0.1142", "0.04161"]
    assert page.console_errors == []


def test_quick_moves_of_a_logit_slider_all_count_while_the_answers_are_on_their_way(server, page):
    # Each move's request carries the address the browser has: here the one before the first move, whose
    # answer (with the new address) is held back. Read as a navigation, it undid the second move: the slider
    # went back to 1, the chart showed z = 1 and the address said 1.01.
    server_answer = HeldBack(page)
    page.goto(f"{server.url}/?z=1,1.01,0&T=1")
    settle(page)
    wait_for_follows(page)
    server_answer.holding = True
    slider = page.locator(".st-key-logit_0 input[type=range]")
    slider.focus()
    for _ in range(2):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)  # sent: Streamlit sends a slider's value a moment after the key
    server_answer.release()
    wait_for_address(page, in_address("z=1.02,1.01,0"))
    settle(page)
    # e^1.02, e^1.01, e^0 over their sum 6.519.
    assert eventually(page, lambda: chart_numbers(page)[1] == ["0.4254", "0.4212", "0.1534"])
    assert table_column(page, "softmax p")[:3] == ["0.4254", "0.4212", "0.1534"]
    assert slider.get_attribute("aria-valuetext") == "1.02"
    assert page.console_errors == []
