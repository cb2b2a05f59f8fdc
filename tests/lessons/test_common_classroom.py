"""Teacher links read as plain data: what is hidden, locked and noted, and what is named as unknown."""

from __future__ import annotations

import pytest

from lessons.common.classroom import FRAME_GROUPS, MAX_NOTE, OPEN_CLASSROOM, clean_note, read


def test_an_ordinary_link_hides_and_locks_nothing():
    room, notices = read({})
    assert room == OPEN_CLASSROOM and notices == [] and room.query() == {}
    assert all(room.shows(group) and not room.locks(group) for group in FRAME_GROUPS)


def test_hide_and_lock_take_comma_lists_of_frame_groups_and_page_sections():
    room, notices = read(
        {"hide": "nav, Share", "lock": "temperature,entropy"}, {"entropy": "the entropy chart"}
    )
    assert notices == []
    assert not room.shows("nav") and not room.shows("share") and room.shows("temperature")
    assert room.locks("temperature") and room.locks("entropy") and not room.locks("logits")
    assert room.query() == {"hide": "nav,share", "lock": "entropy,temperature"}


@pytest.mark.parametrize("value", ["everything", "<script>alert(1)</script>", "nav,,furlongs", "ｎａｖ"])
def test_unknown_names_are_named_in_one_sentence_and_the_known_ones_still_apply(value):
    room, notices = read({"hide": value})
    unknown = [name.strip() for name in value.lower().split(",") if name.strip() and name.strip() != "nav"]
    assert len(notices) == 1 and notices[0].startswith("hide = ")
    assert all(name[:19] in notices[0] for name in unknown)  # quoted, cut at 20 characters
    assert room.shows("nav") == ("nav" not in value.split(","))


def test_a_section_of_another_page_is_unknown_here():
    _, notices = read({"hide": "entropy"}, {"gradient": "the gradient chart"})
    assert notices and "entropy" in notices[0]


def test_the_note_is_plain_text_without_control_characters_and_cut_with_a_notice():
    assert clean_note("  Look at class 2\u202e\n ") == ("Look at class 2", None)
    long, notice = clean_note("x" * (MAX_NOTE + 50))
    assert len(long) == MAX_NOTE and long.endswith("…") and str(MAX_NOTE) in notice
    room, notices = read({"note": "<b>hi</b> *there*"})
    assert room.note == "<b>hi</b> *there*" and notices == []  # escaped where it is shown
