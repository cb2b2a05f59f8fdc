"""Numbers follow the temperature slider: for every stop, what the browser writes into the Playground's
metrics and progress bar, and into the readout under the slider on every page, is what the page itself
shows at that temperature."""

from __future__ import annotations

import json

import pytest

from lessons.common.scales import T_OPTIONS
from tests.apptest import followed, open_page


def sent(at, key: str = "numbers_now") -> dict:
    """What the run sent the browser for the container ``key`` (the content's follows travel in one
    element; the readout's in one of its own where the controls are a fragment apart: ui.shell)."""
    for element in at.get("bidi_component"):
        if element.proto.id.endswith("_numbers"):
            data = json.loads(element.proto.json)
            for target in data["targets"]:
                if target["target"] == key:
                    return {"slider": data["slider"], **target}
    raise LookupError(key)


def shown(at) -> dict:
    return {
        "metrics": [metric.value for metric in at.metric],
        "progress": [at.get("progress")[0].proto.value, at.get("progress")[0].proto.text],
    }


def test_every_stop_holds_what_the_page_shows_at_that_temperature():
    at = open_page("pages/playground.py", z="2,1,0.1", T="1")
    data = sent(at)
    assert data["target"] == "numbers_now" and data["slider"] == "temperature"
    assert [stop["label"] for stop in data["stops"]] == at.select_slider(key="temperature").options
    for value in (0.0, 0.3, 1.2, 5.0, float("inf")):
        index = T_OPTIONS.index(value)
        page = open_page("pages/playground.py", z="2,1,0.1", T=str(value))
        stop = data["stops"][index]
        assert {"metrics": stop["metrics"], "progress": stop["progress"]} == shown(page)


@pytest.mark.parametrize("z", ["2,1,0.1", "1e308,-1e308", "5,5,5,5"])
def test_the_current_stop_is_the_page_itself(z):
    at = open_page("pages/playground.py", z=z, T="0.5")
    stop = sent(at)["stops"][T_OPTIONS.index(0.5)]
    assert {"metrics": stop["metrics"], "progress": stop["progress"]} == shown(at)


@pytest.mark.parametrize("target", ["numbers_now", "formula", "steps_table"])
def test_each_logit_a_key_press_or_two_away_holds_what_the_page_shows_there(target):
    at = open_page("pages/playground.py", z="1,1.01,0", T="0.5")
    nudges = {nudge["slider"]: nudge for nudge in sent(at, target)["nudges"]}
    assert [(slider, nudge["at"]) for slider, nudge in nudges.items()] == [
        ("logit_0", 1.0), ("logit_1", 1.01), ("logit_2", 0.0)
    ]  # fmt: skip
    for slider, value in [("logit_0", 1.01), ("logit_0", 1.02), ("logit_1", 0.99), ("logit_2", -0.02)]:
        nudge = dict(nudges[slider]["stops"])[value]
        at.slider(key=slider).set_value(value).run()
        now = sent(at, target)
        drawn = {name: item for name, item in now["stops"][now["current"]].items() if name != "label"}
        assert nudge == drawn, (slider, value)
        at.slider(key=slider).set_value(nudges[slider]["at"]).run()


def test_only_a_page_that_says_its_numbers_follow_the_logits_sends_them_the_logits_moves():
    assert "nudges" in sent(open_page("pages/playground.py"))
    assert "nudges" not in sent(open_page("pages/loss.py"), "temperature_readout")
    assert all("nudges" not in target for target in followed(open_page("pages/boltzmann.py")))


def readout(at) -> str:
    return next(m.value for m in at.sidebar.markdown if m.value.startswith("**T = "))


@pytest.mark.parametrize("stem", ["playground", "loss", "classifier"])
@pytest.mark.parametrize("scale", ["T", "beta"])
def test_the_readout_under_the_slider_holds_each_stop_as_the_page_writes_it(stem, scale):
    at = open_page(f"pages/{stem}.py", z="2,1,0.1", **{scale: "2"})
    data = sent(at, "temperature_readout")
    assert data["target"] == "temperature_readout"
    labels = [stop["label"] for stop in data["stops"]]
    assert labels == at.select_slider(key="temperature").options
    for label in ("0", "0.5", "2", "100"):
        if label not in labels:  # the β scale's stops
            continue
        there = open_page(f"pages/{stem}.py", z="2,1,0.1", **{scale: label})
        pieces = data["stops"][labels.index(label)]["texts"]
        assert len(pieces) == 1
        assert "**{}**{}**{}**".format(*pieces[0]) == readout(there)
