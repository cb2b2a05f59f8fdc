"""Teacher links on every page: hidden groups are absent, locked ones disabled with their values."""

from __future__ import annotations

import pytest

from tests.apptest import open_app
from ui.navigation import PAGES

SIDEBAR_WIDGETS = {
    "temperature": [("select_slider", "temperature"), ("button", "limit_cold")],
    "logits": [("selectbox", "preset"), ("slider", "logit_0"), ("button", "add_class")],
}


def open_link(page: str = "", **params):
    at = open_app(**params)
    if page:
        at.switch_page(f"pages/{page}.py").run()
    return at


def widgets(at, kind: str, key: str):
    return [w for w in at.get(kind) if getattr(w, "key", None) == key]


@pytest.mark.parametrize("page", [p.stem for p in PAGES if p.stem in ("playground", "temperature", "loss")])
@pytest.mark.parametrize("group", ["temperature", "logits"])
def test_a_locked_group_is_shown_disabled_with_the_linked_values(page, group):
    at = open_link(page, z="3,1,2", T="0.5", lock=group)
    assert not at.exception
    for kind, key in SIDEBAR_WIDGETS[group]:
        [widget] = widgets(at, kind, key)
        assert widget.disabled, (kind, key)
    assert at.select_slider(key="temperature").value == 0.5
    assert at.slider(key="logit_0").value == 3.0
    other = "logits" if group == "temperature" else "temperature"
    assert not any(w.disabled for kind, key in SIDEBAR_WIDGETS[other] for w in widgets(at, kind, key))


@pytest.mark.parametrize("group", ["temperature", "logits"])
def test_a_hidden_group_is_absent_and_the_page_still_shows_the_linked_view(group):
    at = open_link(z="3,1,2", T="0.5", hide=group)
    assert not at.exception and not at.warning
    for kind, key in SIDEBAR_WIDGETS[group]:
        assert not widgets(at, kind, key)
    assert at.query_params["T"] in ("0.5", ["0.5"])


def test_hiding_nav_share_labels_and_reset_removes_them():
    at = open_link(hide="nav,share,labels,reset")
    assert not at.exception
    assert not at.sidebar.get("page_link")
    assert not at.sidebar.get("popover")
    assert not [b for b in at.get("text_input") if "labels_text" in (b.key or "")]
    assert not widgets(at, "button", "reset_view")


def test_the_classroom_follows_the_student_to_another_page():
    at = open_link(lock="temperature", hide="nav")
    at.switch_page("pages/temperature.py").run()
    assert not at.exception
    assert at.select_slider(key="temperature").disabled
    assert not at.sidebar.get("page_link")


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"hide": "furlongs"}, "hide = "),
        ({"lock": "<script>alert(1)</script>"}, "lock = "),
        ({"hide": "nav,everything", "lock": "temperature"}, "hide = "),
        ({"note": "n" * 400}, "note: only its first 280 characters"),
    ],
)
def test_hostile_teacher_links_are_named_in_one_warning_and_the_rest_applies(params, named):
    at = open_link(**params)
    assert not at.exception and not at.error
    [warning] = at.warning
    assert named in warning.value
    if "nav" in params.get("hide", ""):
        assert not at.sidebar.get("page_link")


def test_the_note_is_shown_as_plain_text_above_the_page():
    at = open_link(note="<b>Class 7B</b>: find the T where **p** halves")
    [info] = at.info
    assert "&lt;b&gt;" in info.value or "\\<b\\>" in info.value or "<b>" not in info.value.replace("\\", "")
    assert "Class 7B" in info.value
