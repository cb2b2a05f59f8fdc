"""axe-core, the standard accessibility checker, on every page in the light theme, the dark theme and
presenter mode: no serious or critical violation of the WCAG 2 A and AA rules.

axe-core comes from npm (tests/browser/package.json, installed by .ci/run into tests/browser/node_modules);
nothing is downloaded here. One server, one browser context per mode, the pages one after the other.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ui.navigation import PAGES

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MODES = {
    "light": ("light", ""),
    "dark": ("dark", ""),
    "presenter": ("light", "present=1"),
}

# The page's own run (ui.setup sets its title) and its end (Streamlit's own mark of the script's state, the
# hook of its end-to-end tests; the running indicator shows only after 0.5 s), nothing stale or still a
# skeleton, every instant chart drawn, and the app's stylesheet in (st.html's element can come seconds
# after the rest).
SETTLED = """([path, title]) => window.location.pathname === path
  && document.title === `${title} · Softmax Lab`
  && document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === 'notRunning'
  && !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-testid="stSkeleton"]')
  && !document.querySelector('[data-stale="true"]')
  && !document.querySelector('.chart .loading')
  && [...document.querySelectorAll('style')].some((s) => s.textContent.includes('.softmax-lab-skip'))"""

# Pages are reached as a reader reaches them, by the sidebar's links (closed in presenter mode): no reload.
OPEN = """(path) => {
  const link = [...document.querySelectorAll('[data-testid="stSidebar"] a')]
    .find((a) => new URL(a.href).pathname === path);
  link.click();
}"""

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ` + v.nodes.slice(0, 3).map((n) => {
      const why = (n.failureSummary || '').split('\\n').slice(1).join(' ').trim();
      return `${n.target.join(' ')} (${why})`;
    }).join('; '));
}"""


def settle(page, path: str, title: str) -> None:
    """Wait until page ``path`` is settled twice in a row, 0.2 s apart, with as many elements both times (a
    fragment's catch-up run could start just after the page's run ends)."""
    last = None
    while True:
        page.wait_for_function(SETTLED, arg=[path, title], timeout=90_000)
        count = page.evaluate("() => document.querySelectorAll('[data-testid=stElementContainer]').length")
        if count == last:
            return
        last = count
        page.wait_for_timeout(200)


def axe_source() -> str:
    if AXE.exists():
        return AXE.read_text(encoding="utf-8")
    message = f"{AXE} is missing: `npm ci --prefix tests/browser` installs it (.ci/run does)."
    if os.environ.get("CI"):
        pytest.fail(message + " CI runs the accessibility test and must not skip it.")
    pytest.skip(message)


@pytest.mark.timeout(900)
@pytest.mark.parametrize("mode", MODES)
def test_every_page_has_no_serious_or_critical_wcag_violation(browser, server, mode):
    source = axe_source()
    scheme, query = MODES[mode]
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    try:
        page.goto(f"{server.url}/" + (f"?{query}" if query else ""))
        page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
        page.add_script_tag(content=source)  # once: the pages that follow are drawn in the same document
        for info in PAGES:
            path = f"/{info.url_path}"
            if page.evaluate("() => window.location.pathname") != path:
                page.evaluate(OPEN, path)
            settle(page, path, info.title)
            violations = page.evaluate(RUN_AXE, RULES)
            if violations:
                found[info.stem] = violations
    finally:
        context.close()
    assert not found, "\n".join(f"{stem}: {v}" for stem, violations in found.items() for v in violations)
