"""Presenter mode, the temperature above the page and the charts' theme, headless (AppTest)."""

from __future__ import annotations

import json

import pytest

from tests.apptest import instant_chart, open_app, open_page
from tests.pages.charts import charts
from ui import appearance


def query(at, name: str):
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def marked(at) -> bool:
    return any(getattr(c, "key", None) == "softmax_presenting" for c in at.get("flex_container"))


def test_a_presenter_link_turns_it_on_and_keeps_it_in_the_address():
    at = open_app(z="2,1,0.1", T="0.5", present="1")
    assert not at.exception and not at.warning
    assert at.toggle(key=appearance.TOGGLE_KEY).value is True
    assert marked(at)
    assert query(at, "present") == "1"


def test_presenter_charts_are_taller_with_larger_type():
    plain = instant_chart(open_app(), "probabilities")["figure"]["layout"]
    presenting = instant_chart(open_app(present="1"), "probabilities")["figure"]["layout"]
    assert presenting["height"] == round(plain["height"] * 1.3)
    assert presenting["template"]["layout"]["font"]["size"] > plain["template"]["layout"]["font"]["size"]


def test_the_toggle_turns_it_off_and_takes_it_out_of_the_address():
    at = open_app(present="1")
    at.toggle(key=appearance.TOGGLE_KEY).set_value(False).run()
    assert not at.exception
    assert query(at, "present") is None
    assert not marked(at)
    at.toggle(key=appearance.TOGGLE_KEY).set_value(True).run()
    assert query(at, "present") == "1" and marked(at)


def test_presenter_mode_follows_the_presenter_to_another_page_and_stays_out_of_the_share_link():
    at = open_app(present="1")
    at.switch_page("pages/temperature.py").run()
    assert not at.exception
    assert at.toggle(key=appearance.TOGGLE_KEY).value is True
    assert query(at, "present") == "1"
    share = [code.value for code in at.sidebar.code]
    assert share and all("present" not in link for link in share)


@pytest.mark.parametrize("value", ["yes", "2", "<script>alert(1)</script>", "1;DROP", "true"])
def test_a_present_value_that_cannot_be_used_is_named_in_one_warning(value):
    at = open_app(z="3,1,2", present=value)
    assert not at.exception and not at.error
    [warning] = at.warning
    assert "present = `" in warning.value  # the value quoted as code: shown as typed, never run
    assert at.toggle(key=appearance.TOGGLE_KEY).value is False
    assert at.slider(key="logit_0").value == 3.0  # the rest of the link applies


def test_an_empty_present_asks_for_nothing():
    at = open_app(present="")
    assert not at.exception and not at.warning
    assert at.toggle(key=appearance.TOGGLE_KEY).value is False


def compact(at) -> dict | None:
    """The data of the temperature above the page (``ui.appearance.compact_temperature``), if drawn."""
    for element in at.get("bidi_component"):
        if element.proto.id.rsplit("-", 1)[-1] == appearance.COMPACT_KEY:
            return json.loads(element.proto.json)
    return None


def test_the_temperature_above_the_page_shows_the_sidebar_slider_and_is_no_second_widget():
    # One widget on the temperature: a second one would send stale values back (compact_temperature.mjs).
    at = open_app(z="2,1,0.1", T="1")
    assert not [s for s in at.select_slider if s.key == appearance.COMPACT_KEY]
    shown = compact(at)
    sidebar = at.select_slider(key="temperature")
    assert shown["label"] == sidebar.label == "Temperature T"
    assert shown["labels"] == list(sidebar.options)  # AppTest gives the options as the slider shows them
    assert shown["labels"][shown["current"]] == "1" and not shown["disabled"]
    at.select_slider(key="temperature").set_value(0.5).run()
    assert compact(at)["labels"][compact(at)["current"]] == "0.5"


def test_the_temperature_above_the_page_follows_the_scale_and_a_new_page():
    at = open_app(beta="2")
    shown = compact(at)
    assert shown["label"] == "Inverse temperature β" and shown["labels"][shown["current"]] == "2"
    at.switch_page("pages/loss.py").run()
    assert compact(at)["labels"][compact(at)["current"]] == "2"


def test_a_teacher_link_locks_or_hides_the_temperature_above_the_page_too():
    locked = open_app(T="0.5", lock="temperature")
    assert compact(locked)["disabled"] and compact(locked)["labels"][compact(locked)["current"]] == "0.5"
    hidden = open_app(T="0.5", hide="temperature")
    assert compact(hidden) is None


def test_charts_follow_the_theme_the_browser_reports():
    at = open_page("pages/temperature.py")
    at.session_state["_theme_seen"] = "dark"  # as ui/appearance.mjs reports a theme the server did not know
    at.run()
    assert not at.exception
    figures = [json.dumps(figure, separators=(",", ":")) for figure in charts(at).values()]
    assert figures and all('"paper_bgcolor":"#0f172a"' in spec for spec in figures)
