"""The Teacher page: the link follows every choice, its QR code decodes to it, and the link opens the view
the teacher composed (hidden parts absent, locked ones disabled with their values, the note shown)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from lessons.quiz.params import QUIZ
from tests.apptest import open_app, open_page
from tests.lessons.test_teacher_model import decoded_svg, modules_of, scan
from ui import params as registry


def teacher(**params: str):
    return open_page("pages/teacher.py", **params)


def the_link(at) -> str:
    """The link the page shows (the main area's code block; the sidebar's is its own share link)."""
    [link] = [code.value for code in at.main.code]
    return link


def the_qr(at) -> str:
    [uri] = [m for md in at.markdown for m in re.findall(r"\((data:image/svg\+xml;base64,[^)]+)\)", md.value)]
    return scan(modules_of(decoded_svg(uri)))


def follow(link: str, page: str):
    """Open ``link`` as a student would (through the app, then its page), in a new session."""
    at = open_app(**dict(parse_qsl(urlsplit(link).query)))
    if page != "playground":
        at.switch_page(f"pages/{page}.py").run()
    return at


def test_the_default_link_is_the_playground_at_the_sidebar_view_and_its_qr_code_reads_it():
    at = teacher(z="3,1,2", T="0.5")
    assert not at.exception and not at.warning
    assert the_link(at) == "/?z=3,1,2&T=0.5"
    assert the_qr(at) == the_link(at)


def test_the_link_follows_the_page_and_the_classroom_choices():
    at = teacher(z="3,1,2", T="0.5")
    at.selectbox(key="teach_page").select("temperature").run()
    at.checkbox(key="teach_hide_nav").check().run()
    at.checkbox(key="teach_lock_temperature").check().run()
    at.text_area(key="teach_note").input("Find T where p₁ < ½").run()
    assert not at.exception
    link = the_link(at)
    assert urlsplit(link).path == "/temperature"
    assert dict(parse_qsl(urlsplit(link).query)) == {
        "z": "3,1,2", "T": "0.5", "hide": "nav", "lock": "temperature", "note": "Find T where p₁ < ½"
    }  # fmt: skip
    assert the_qr(at) == link


def test_the_composed_link_opens_the_view_the_teacher_chose():
    at = teacher(z="3,1,2", T="0.5")
    at.selectbox(key="teach_page").select("temperature").run()
    at.checkbox(key="teach_hide_nav").check().run()
    at.checkbox(key="teach_lock_temperature").check().run()
    at.text_area(key="teach_note").input("Compare T = 0.5 with T = 2").run()
    student = follow(the_link(at), "temperature")
    assert not student.exception and not student.warning
    slider = student.select_slider(key="temperature")
    assert slider.disabled and slider.value == 0.5
    assert student.slider(key="logit_0").value == 3.0
    assert not student.sidebar.get("page_link")
    [note] = student.info
    assert "Compare T = 0.5 with T = 2" in note.value.replace("\\", "")


def test_a_hidden_part_cannot_also_be_locked():
    at = teacher()
    at.checkbox(key="teach_hide_temperature").check().run()
    assert at.checkbox(key="teach_lock_temperature").disabled
    at.checkbox(key="teach_lock_logits").check().run()
    query = dict(parse_qsl(urlsplit(the_link(at)).query))
    assert query["hide"] == "temperature" and query["lock"] == "logits"


def test_the_page_settings_go_into_the_link_and_the_page_reads_them():
    at = teacher()
    at.selectbox(key="teach_page").select("temperature").run()
    at.selectbox(key="teach_temperature_units").select("bits").run()
    link = the_link(at)
    assert "units=bits" in link
    student = follow(link, "temperature")
    assert not student.exception and not student.warning
    assert next(w for w in student.get("segmented_control") if w.key == "units").value == "bits"


@pytest.mark.skipif(not any(p.name == "quiz" for p in registry.page_params("quiz")), reason="no quiz page")
def test_a_new_quiz_round_goes_into_the_link():
    at = teacher()
    at.selectbox(key="teach_page").select("quiz").run()
    at.button(key="teach_quiz_quiz__new").click().run()
    assert not at.exception
    seed = dict(parse_qsl(urlsplit(the_link(at)).query))["quiz"]
    assert QUIZ.low <= int(seed) <= QUIZ.high
    student = follow(the_link(at), "quiz")
    assert not student.exception and not student.warning


def test_a_page_section_can_be_hidden(monkeypatch):
    sections = {"entropy": "the entropy chart"}
    monkeypatch.setattr(registry, "page_sections", lambda stem: sections if stem == "temperature" else {})
    at = teacher()
    at.selectbox(key="teach_page").select("temperature").run()
    at.checkbox(key="teach_hide_entropy").check().run()
    assert not [c for c in at.checkbox if c.key == "teach_lock_entropy"]  # sections hide, never lock
    assert dict(parse_qsl(urlsplit(the_link(at)).query))["hide"] == "entropy"


@pytest.mark.parametrize(
    "note",
    ["<script>alert(1)</script>", "**bold** [link](http://evil.example) $x$", "a\u202eb\nc\x00d", "é" * 280],
    ids=["html", "markdown", "control-characters", "longest"],
)
def test_a_hostile_note_is_only_ever_text_inside_the_link(note):
    at = teacher()
    at.text_area(key="teach_note").input(note).run()
    assert not at.exception and not at.error
    link = the_link(at)
    sent = dict(parse_qsl(urlsplit(link).query))["note"]
    assert len(sent) <= 280 and "\n" not in sent and "\u202e" not in sent and "\x00" not in sent
    assert the_qr(at) == link
    # Nowhere on the teacher's page is the note rendered: not as Markdown, not as HTML.
    assert all(note[:10] not in md.value for md in at.markdown)
    student = follow(link, "playground")
    assert not student.exception and not student.error
