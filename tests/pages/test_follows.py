"""A page whose content a temperature move does not rerun (``ui.shell``, ``live(draw, follows=True)``) has
every element that depends on the temperature follow the slider in the browser.

The browser leaves such a page's content as drawn while the thumb moves among the stops its followers were
sent (it reruns it once the thumb rests: ``ui.instant_numbers.CATCH_UP_MS``). So between the page drawn at
one stop and the page drawn at any stop it covers, every element that differs must be one that follows: a
chart of ``ui.instant_chart`` (its 'Data' menu catches up with the content), a container whose numbers
follow (``ui.instant_numbers``), or the temperature controls (a fragment of their own, rerun on every move).
Anything else, a button's label or a sentence written by the server, would show the old temperature.
"""

from __future__ import annotations

import re

import pytest

from lessons.common.scales import BETA_OPTIONS, T_OPTIONS
from tests.apptest import component_data, open_page
from ui.navigation import PAGES
from ui.state import format_param

# The pages whose content a move does not rerun: a page that stops following must change this list.
FOLLOWS = [
    "playground", "temperature", "loss", "alternatives", "boltzmann", "argmax_limit", "sampling",
    "exploration", "classifier", "calibration", "distillation", "teacher", "about",
]  # fmt: skip
# Elements of the temperature controls' fragment drawn in the page body (by the key of their container).
CONTROLS = ("temperature_compact_bar", "png_title_keeper")


def catch_up(at) -> dict | None:
    """What the page's content told the browser to catch up by (``ui.instant_numbers.gathered``)."""
    for element in at.get("bidi_component"):
        if element.proto.id.endswith("-all_numbers"):
            return {**component_data(element)}
    return None


def elements(at) -> list[tuple[tuple[str, ...], str, str]]:
    """Every element of the page body in order: the keys of its containers, its type, what it shows."""
    found = []

    def walk(node, keys: tuple[str, ...]) -> None:
        for child in getattr(node, "children", {}).values():
            key = str(getattr(child.proto, "id", "") or "").rsplit("-", 1)[-1]
            if getattr(child, "children", None):
                walk(child, (*keys, key))
            else:
                # A CSV built on click is named anew by every run (a still chart's too): not what it shows.
                shown = re.sub(r'deferred_file_id: "\w+"', "", str(child.proto))
                found.append(((*keys, key), child.type, shown))

    walk(at.main, ())
    return found


def followers(at) -> set[str]:
    """The keys of the elements and containers that follow the slider: the charts and their 'Data' menus,
    the containers of numbers, and the element that sends those numbers."""
    data = catch_up(at)
    keys = {target["target"] for target in data["targets"]} | {"all_numbers", "instant_numbers_all"}
    for element in at.get("bidi_component"):
        sent = component_data(element)
        if isinstance(sent, dict) and sent.get("stops") and "figure" in sent:
            key = element.proto.id.rsplit("-", 1)[-1]
            keys |= {key, f"{key}__tools"}
    return keys


# Views whose text says more than a first visit's: one agent after 20 steps (its story names the last draw).
MORE = [("exploration", {"agent_steps": "20"})]


@pytest.mark.parametrize(("stem", "more"), [(stem, {}) for stem in FOLLOWS] + MORE)
@pytest.mark.parametrize(("scale", "value"), [("T", "1"), ("beta", "0.01")])  # β = 0.01: its sign changes
def test_everything_that_changes_between_stops_the_content_was_sent_follows_the_slider(
    stem, more, scale, value
):
    options = T_OPTIONS if scale == "T" else BETA_OPTIONS
    at = open_page(f"pages/{stem}.py", z="2,1,0.1", **{scale: value}, **more)
    assert not at.exception
    sent = catch_up(at)
    assert sent is not None and "catchUp" in sent, f"/{stem}: its content reruns on every move"
    drawn, covered = sent["catchUp"]["drawn"], sent["catchUp"]["covered"]
    last = len(options) - 1
    # A key press either way: the content stays as drawn. (At an exact limit a sentence may say something
    # else, not only other numbers: there the browser reruns the content at once.)
    if scale == "T":  # (β = 0 next to β = 0.01 is such a limit, T = ∞)
        assert {drawn - 1, drawn + 1} <= set(covered), f"/{stem}: a key press waits for the server"
    following = followers(at)
    # The page as a rerun draws it at T = 1 (a page's first run sets some of its widgets' values, and
    # AppTest shows that as a change of the widget).
    slider = at.select_slider(key="temperature")
    slider.set_value(options[drawn + 1]).run()
    at.select_slider(key="temperature").set_value(options[drawn]).run()
    before = elements(at)
    for stop in (drawn - 2, drawn - 1, drawn + 1, drawn + 2, 0, last):
        if stop not in covered:
            continue  # there the browser reruns the content at once
        at.select_slider(key="temperature").set_value(options[stop]).run()
        assert not at.exception
        after = elements(at)
        assert [(keys, kind) for keys, kind, _ in after] == [(keys, kind) for keys, kind, _ in before], (
            f"/{stem}: elements come or go at {scale} = {format_param(options[stop])}"
        )
        changed = [
            (keys, kind)
            for (keys, kind, shown), (_, _, now) in zip(before, after, strict=True)
            if shown != now and not (set(keys) & following or set(keys) & set(CONTROLS))
        ]
        assert changed == [], f"/{stem} at {scale} = {format_param(options[stop])}: drawn by the server only"


def test_every_page_with_the_temperature_but_the_quiz_follows_it():
    # The quiz hides the answer until asked (its own reveal): a move reruns it. (The Teacher's link, its
    # buttons and its QR code follow: tests/browser/test_teacher.py.)
    assert set(FOLLOWS) == {page.stem for page in PAGES} - {"quiz"}
