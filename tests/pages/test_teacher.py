"""The Teacher page: the link follows every choice, its QR code decodes to it, and the link opens the view
the teacher composed (hidden parts absent, locked ones disabled with their values, the note shown)."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from lessons.common.scales import T_OPTIONS
from lessons.quiz.params import QUIZ
from lessons.teacher import model
from tests.apptest import open_app, open_page
from tests.lessons.test_teacher_model import decoded_svg, modules_of, scan
from tests.pages.test_follows import catch_up
from tests.ui.test_instant_text import followed
from ui import params as registry
from ui.instant_numbers import REACH
from ui.state import format_param


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


def _qr_follows(at) -> list[dict] | None:
    """The stops the QR code's image was sent (``ui.instant_numbers``), or None if it follows nothing."""
    for element in at.get("bidi_component"):
        if element.proto.id.endswith("-all_numbers"):
            for data in json.loads(element.proto.json)["targets"]:
                if data["target"] == "teacher_qr":
                    return data["stops"]
    return None


def test_a_dense_code_says_so_and_its_caption_and_image_follow_the_temperature():
    labels = ",".join(f"class number {i}" for i in range(12))
    at = teacher(z=",".join(str(i) for i in range(12)), labels=labels, T="1")
    assert not at.exception and not at.warning
    [caption] = [c.value for c in at.caption if "dense code" in c.value]
    stops = _qr_follows(at)
    current = T_OPTIONS.index(1.0)
    near = [i for i, stop in enumerate(stops) if stop.get("images")]
    assert near == sorted({0, len(T_OPTIONS) - 1, *range(current - REACH, current + REACH + 1)})
    # Each image is the code of the link at its stop: read back, it is the link with that stop's T.
    for i in near:
        link = scan(modules_of(decoded_svg(stops[i]["images"][0])))
        assert dict(parse_qsl(urlsplit(link).query))["T"] == format_param(T_OPTIONS[i])
    assert f"({model.qr_image(the_link(at)).squares} squares across)" in caption
    assert followed(at)["teacher_qr_dense"][current]["numbers"]


def test_a_link_too_long_for_a_code_says_so_at_every_temperature():
    labels = ",".join("é" * 24 for _ in range(64))
    at = teacher(z=",".join("1" for _ in range(64)), labels=labels, T="1")
    assert not at.exception
    [warning] = [w.value for w in at.warning]
    assert warning.startswith("No QR code: the link is too long for a QR code")
    assert _qr_follows(at) is None
    at.select_slider(key="temperature").set_value(1.2).run()
    assert not at.exception and [w.value for w in at.warning] != [warning]  # its length, at 1.2


def test_a_link_that_fits_a_code_only_at_some_temperatures_waits_for_the_server_at_the_others():
    # Labels that bring the link at T = 1 to exactly the most a QR code holds: at T = 1.2 (two characters
    # more) the page would show the warning, so the code follows only where it fits, and elsewhere the
    # browser asks the server at once.
    z = ",".join("1" for _ in range(64))

    def link(labels: list[str]) -> str:
        return the_link(teacher(z=z, labels=",".join(labels), T="1"))

    low, high = 1, 4000  # the most characters of a link a code holds (byte mode, as any link)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if _fits("a" * middle) else (low, middle - 1)
    labels = ["a" * 24 for _ in range(64)]
    missing = low - len(link(labels))
    # Each "é" is six characters in the link (%C3%A9), one more "a" is… one fewer: five at a time, then
    # the rest by shortening the last label.
    accents, rest = divmod(missing + 4, 5)
    for i in range(accents):
        labels[i // 24] = labels[i // 24][: i % 24] + "é" + labels[i // 24][i % 24 + 1 :]
    labels[-1] = labels[-1][: 24 - (4 - rest)]
    assert len(link(labels)) == low

    at = teacher(z=z, labels=",".join(labels), T="1")
    assert not at.exception and not at.warning
    current = T_OPTIONS.index(1.0)
    stops = _qr_follows(at)
    assert stops[current]["images"] and stops[current - 1]["images"]  # T = 0.8: as long as at T = 1
    covered = catch_up(at)["catchUp"]["covered"]
    assert current in covered and current + 1 not in covered  # T = 1.2: no code, the server answers
    at.select_slider(key="temperature").set_value(1.2).run()
    assert not at.exception and at.warning[0].value.startswith("No QR code")


def _fits(text: str) -> bool:
    try:
        model.qr_code(text)
    except ValueError:
        return False
    return True
