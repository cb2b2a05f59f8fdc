"""The Quiz page in Chromium: no answer in the page before it is revealed (the whole DOM is searched), the
reveal with its chart, the chart saved as a PNG by Plotly's camera (the view under its title), and its data
downloaded as CSV, read back to the question's numbers."""

from __future__ import annotations

import csv
import io

import pytest

from lessons.common.text import number
from lessons.quiz import model

pytestmark = pytest.mark.browser

SEED = 16  # its first question asks for a number (the loss), its second is a choice (T → 0)
VIEW = model.QuizView((2.0, 1.0, 0.1), ("class 1", "class 2", "class 3"), 2.0)
URL = f"/quiz?z=2,1,0.1&T=0.5&quiz={SEED}"
STEM = "softmax-lab_quiz_quiz_chart_z=2,1,0.1_T=0.5"
_PNG_OPTIONS = "() => document.querySelector('.js-plotly-plot')._context.toImageButtonOptions"
# The chart's title now, and a listener that records the layout as the camera button's own handler sees it
# (listeners on one element run in the order they were added: this one after plotly.js's).
_SEEN_BY_THE_CAMERA = """() => {
  const chart = document.querySelector('.js-plotly-plot');
  const camera = chart.querySelector('.modebar-btn[data-title="Download plot as a PNG"]');
  camera.addEventListener('click', () => {
    window.__seenByTheCamera = {title: structuredClone(chart.layout.title), top: chart.layout.margin.t};
  });
  return structuredClone(chart.layout.title);
}"""


def _settled(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
    page.wait_for_timeout(300)  # the run's last deltas drawn


def _dom(page) -> str:
    return page.evaluate("() => document.documentElement.outerHTML")


def _assert_not_revealed(page, question: model.Question) -> None:
    html = _dom(page)
    assert "Why:" not in html and page.locator(".js-plotly-plot").count() == 0
    assert question.why[:25] not in html
    if question.answer != "choice":
        assert number(question.correct) not in html


def test_answers_stay_out_of_the_page_until_revealed_and_the_chart_downloads_as_csv(server, page):
    first, second = model.make_round(SEED, VIEW)[:2]
    assert (first.kind, second.kind) == ("loss", "winner_cold")
    page.goto(server.url + URL)
    page.get_by_text(f"Question 1 of {model.ROUND_LENGTH}").wait_for()
    _settled(page)
    _assert_not_revealed(page, first)

    answer = page.locator('[data-testid="stNumberInput"] input').last
    answer.fill(f"{first.correct:.3f}")
    # Committed before the click: a number input commits on blur, and on a loaded machine the click's
    # blur could reach the form after its submit (the answer then counts as not given).
    answer.press("Tab")
    page.locator('[data-testid="InputInstructions"]').wait_for(state="detached")
    page.get_by_role("button", name="Check").click()
    page.get_by_text("Why:", exact=True).wait_for()
    page.wait_for_selector(".js-plotly-plot .main-svg")
    _settled(page)
    assert page.locator('[data-testid="stAlertContentSuccess"]').count() == 1
    assert number(first.correct) in page.locator('[data-testid="stMain"]').inner_text()

    # Plotly's own camera button saves the PNG under the page's, the chart's and the view's name, the view
    # under its title: in the layout plotly.js copies as the button's handler runs, never on screen.
    # The chart's config names the chart only; the view of the latest run is added at the click.
    png = page.evaluate(_PNG_OPTIONS)
    assert png == {"format": "png", "scale": 2, "filename": "softmax-lab_quiz_quiz_chart"}
    view = "Softmax Lab · z = 2, 1, 0.1 · T = 0.5"
    title = page.evaluate(_SEEN_BY_THE_CAMERA)
    page.locator(".js-plotly-plot").hover()
    with page.expect_download() as image:
        page.locator('.js-plotly-plot .modebar-btn[data-title="Download plot as a PNG"]').click()
    assert image.value.suggested_filename == f"{STEM}.png"
    assert image.value.path().read_bytes().startswith(b"\x89PNG")
    seen = page.evaluate("() => window.__seenByTheCamera")
    assert seen["title"]["text"] == title["text"] and seen["title"]["subtitle"]["text"] == view
    assert seen["top"] > page.evaluate("() => document.querySelector('.js-plotly-plot')._fullLayout.margin.t")
    assert page.evaluate("() => document.querySelector('.js-plotly-plot').layout.title") == title  # restored
    assert page.evaluate(_PNG_OPTIONS) == png  # restored too

    page.get_by_role("button", name="Data").last.click()
    with page.expect_download() as download:
        page.get_by_role("button", name="This chart's data (CSV)").click()
    assert download.value.suggested_filename == f"{STEM}.csv"
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    point = next(row for row in rows if row["series"].startswith("now:"))
    assert float(point["p(target), the probability of the correct class"]) == first.scene["p"]
    assert float(point["loss −log p (nats)"]) == first.correct
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Next question").click()
    page.get_by_text(f"Question 2 of {model.ROUND_LENGTH}").wait_for()
    _settled(page)
    _assert_not_revealed(page, second)
    right = second.options[int(second.correct)].text
    page.locator('[data-testid="stRadio"] label').filter(has_text=right).click()
    page.get_by_role("button", name="Check").click()
    page.get_by_text("Why:", exact=True).wait_for()
    _settled(page)
    assert page.locator('[data-testid="stAlertContentSuccess"]').count() == 1
    assert page.console_errors == []
