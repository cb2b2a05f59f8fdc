"""Each page's sections a teacher link may hide (``ui.section``): declared once, hidden for real.

Every name a page marks with ``@ui.section("…")`` is declared in its ``SECTIONS`` (the Teacher page offers
exactly those), and every declared name marks a section. A link that hides them all opens the page with
no error and no warning, without the sections' headings, and with the rest of the page intact.
"""

from __future__ import annotations

import ast

import pytest

from lessons.common.classroom import FRAME_GROUPS
from tests.apptest import ROOT, open_link_to
from ui import params as registry
from ui.navigation import PAGES


def marked(stem: str) -> dict[str, str]:
    """The section names ``pages/<stem>.py`` marks, each with the function it marks."""
    tree = ast.parse((ROOT / "pages" / f"{stem}.py").read_text(encoding="utf-8"))
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                if (
                    isinstance(decorator, ast.Call)
                    and ast.unparse(decorator.func) in ("ui.section", "section")
                    and isinstance(decorator.args[0], ast.Constant)
                ):
                    names[decorator.args[0].value] = node.name
    return names


STEMS = [page.stem for page in PAGES if (ROOT / "pages" / f"{page.stem}.py").exists()]
WITH_SECTIONS = [stem for stem in STEMS if registry.page_sections(stem)]


@pytest.mark.parametrize("stem", STEMS)
def test_every_marked_section_is_declared_and_every_declared_one_is_marked(stem):
    assert set(marked(stem)) == set(registry.page_sections(stem))


def test_the_pages_with_several_parts_let_a_teacher_hide_them():
    # The pages that are one tool, a flow from start to end (the Teacher page, the Quiz), have none.
    assert set(STEMS) - set(WITH_SECTIONS) == {"teacher", "quiz"}


def headings(at) -> list[str]:
    return [h.value for h in at.subheader] + [h.value for h in at.header]


@pytest.mark.parametrize("stem", WITH_SECTIONS)
def test_a_link_that_hides_every_section_draws_the_page_without_them(stem):
    shown = open_link_to(f"pages/{stem}.py", z="2,1,0.1", T="1")
    names = ",".join(registry.page_sections(stem))
    hidden = open_link_to(f"pages/{stem}.py", z="2,1,0.1", T="1", hide=names)
    assert not hidden.exception and not hidden.warning
    assert [t.value for t in hidden.title] == [t.value for t in shown.title]
    assert len(headings(hidden)) < len(headings(shown))
    assert set(headings(hidden)) <= set(headings(shown))


@pytest.mark.parametrize("stem", WITH_SECTIONS)
def test_a_section_name_is_not_a_name_of_the_frame(stem):
    assert not set(registry.page_sections(stem)) & set(FRAME_GROUPS)
