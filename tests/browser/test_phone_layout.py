"""What a student sees on a 390-px phone (issue 14): wide tables a keyboard can scroll, the cross-entropy
formula within the screen, and the chart toolbar beside the title instead of over it."""

from __future__ import annotations

import pytest

from ui.navigation import PAGES

from . import layout
from .helpers import CHARTLESS, settle
from .test_accessibility import axe_source

pytestmark = pytest.mark.browser

TABLE = '[data-testid="stMarkdownContainer"] table'
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}

# The app's stylesheet (tables scroll in their own box) and the keyboard's script are in.
READY = """() => window.__softmaxLabKeyboard
  && [...document.querySelectorAll('style')].some((s) => s.textContent.includes('softmax-lab-skip'))"""


def open_on_phone(browser, server, path: str, *, charts: bool = True):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{server.url}/{path}")
    settle(page, timeout_ms=90_000, charts=charts)
    page.wait_for_function(READY, timeout=60_000)
    return context, page


def test_a_table_wider_than_a_phone_gets_a_named_tab_stop_and_passes_axe(browser, server):
    source = axe_source()
    context, page = open_on_phone(browser, server, "?z=2,1,0.1&T=1")
    try:
        table = page.locator('[data-testid="stMarkdownContainer"] table').first
        table.wait_for(timeout=30_000)
        page.wait_for_function(
            """() => { const t = document.querySelector('[data-testid="stMarkdownContainer"] table');
                       return t && t.scrollWidth > t.clientWidth + 1
                         && t.getAttribute('tabindex') === '0'; }""",
            timeout=10_000,
        )
        assert table.get_attribute("aria-label") == "Table, scrolls sideways"
        assert table.get_attribute("role") is None  # still read as a table, rows and columns
        page.add_script_tag(content=source)
        violations = page.evaluate(
            """async () => (await axe.run(document, {runOnly: {type: 'rule',
                 values: ['scrollable-region-focusable', 'aria-allowed-attr', 'aria-prohibited-attr']}}))
                 .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)"""
        )
        assert violations == []
    finally:
        context.close()


def test_a_table_checked_before_the_apps_stylesheet_came_gets_its_tab_stop_when_it_comes(browser, server):
    """On a loaded machine the app's stylesheet (st.html's element) can come seconds after the tables it makes
    scroll sideways, and the check of what scrolls (ui/keyboard.mjs) had looked at them before it (CI: a
    table without its tab stop). Here the table's tab stop is taken away, as that early check left it, and
    a stylesheet comes as st.html's element brings one, inside its <div>: the check looks again."""
    context, page = open_on_phone(browser, server, "?z=2,1,0.1&T=1")
    try:
        page.wait_for_function(f"() => document.querySelector('{TABLE}')?.getAttribute('tabindex') === '0'")
        page.evaluate(
            f"""() => {{
              const table = document.querySelector('{TABLE}');
              const names = ['tabindex', 'aria-label', 'data-softmax-lab-scroll'];
              names.forEach((name) => table.removeAttribute(name));
              // Beside the app's own stylesheet, as st.html's element brings it: inside a <div>, added to an
              // element of the page that holds no table (a bare <style> was caught and this was not: CI).
              const own = [...document.querySelectorAll('style')]
                .find((style) => style.textContent.includes('softmax-lab-skip'));
              const late = document.createElement('div');
              late.className = own.parentElement.className;
              late.innerHTML = '<style>.softmax-lab-late {{ color: inherit; }}</style>';
              own.parentElement.parentElement.append(late);
            }}"""
        )
        page.wait_for_function(
            f"() => document.querySelector('{TABLE}').getAttribute('tabindex') === '0'", timeout=5_000
        )
        assert page.locator(TABLE).first.get_attribute("aria-label") == "Table, scrolls sideways"
    finally:
        context.close()


def test_a_table_gets_its_tab_stop_when_the_pages_column_narrows_and_the_window_does_not(browser, server):
    """The sidebar opening narrows the page's column with no resize of the window and no new element: the
    check of what scrolls sideways (ui/keyboard.mjs) follows the column's width, not only the window."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    table = """() => { const t = document.querySelector('[data-testid="stMarkdownContainer"] table');
                       return t && [t.scrollWidth > t.clientWidth + 1, t.getAttribute('tabindex')]; }"""
    main = "(width) => { document.querySelector('[data-testid=\"stMain\"]').style.maxWidth = width; }"
    try:
        page.goto(f"{server.url}/?z=2,1,0.1&T=1")
        settle(page, timeout_ms=90_000)
        page.wait_for_function(READY, timeout=60_000)
        page.wait_for_function(f"() => ({table})()", timeout=30_000)
        assert page.evaluate(table) == [False, None]  # it fits: no tab stop
        page.evaluate(main, "380px")  # a style, not an element: only the column's width changes
        page.wait_for_function(f"() => ({table})()[1] === '0'", timeout=10_000)
        assert page.evaluate(table) == [True, "0"]
        page.evaluate(main, "")
        page.wait_for_function(f"() => ({table})()[1] === null", timeout=10_000)
    finally:
        context.close()


def test_the_cross_entropy_formula_fits_a_phone_and_the_toolbar_leaves_chart_titles_clear(browser, server):
    context, page = open_on_phone(browser, server, "loss?z=2,1,0.1&T=1")
    try:
        formula = page.locator(".katex-display", has_text="log p").first
        formula.wait_for(timeout=30_000)
        width = formula.evaluate("(box) => box.scrollWidth")
        assert width <= 340, f"the cross-entropy formula is {width} px wide"
        for plot in page.locator(".js-plotly-plot").all()[:2]:
            plot.scroll_into_view_if_needed()
            box = plot.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # shows the toolbar
            bar, title = plot.evaluate(
                """(p) => ['.modebar', '.gtitle'].map((s) => {
                     const r = p.querySelector(s).getBoundingClientRect();
                     return [r.left, r.top, r.right, r.bottom]; })"""
            )
            apart = bar[0] >= title[2] or bar[2] <= title[0] or bar[1] >= title[3] or bar[3] <= title[1]
            assert apart, f"the toolbar {bar} covers the title {title}"
    finally:
        context.close()


@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.stem)
def test_on_a_phone_no_chart_text_is_cut_and_no_legend_meets_a_title(browser, server, target):
    path = f"{target.url_path}?z=1,2,3,4,1,2,3&T=0.5"
    context, page = open_on_phone(browser, server, path, charts=target.stem not in CHARTLESS)
    try:
        layout.show_every_chart(page)
        assert layout.problems(page) == []
    finally:
        context.close()


def test_the_check_finds_a_title_pushed_past_the_charts_left_edge(browser, server):
    # The check above must be able to fail: move one chart's title 40 px left of its chart, as a title
    # placed at x = 0 with a glyph's overhang would be, only further.
    context, page = open_on_phone(browser, server, "?z=2,1,0.1&T=1")
    try:
        layout.show_every_chart(page)
        title = page.evaluate(
            """() => { const title = document.querySelector('.js-plotly-plot .gtitle');
                       title.setAttribute('x', Number(title.getAttribute('x')) - 40);
                       return title.textContent.trim(); }"""
        )
        found = layout.run(page, "clippedChartText")  # once: clipped_chart_text would wait 5 s for it to go
        assert len(found) == 1 and f'"{title}" (' in found[0] and "px past the left" in found[0]
    finally:
        context.close()
