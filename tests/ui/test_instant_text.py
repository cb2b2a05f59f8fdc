"""Text that follows the temperature slider (``ui.instant_numbers.markdown``): at every stop the browser is
sent the numbers of the text the page itself writes at that temperature, on every page that has such text.
"""

from __future__ import annotations

import doctest
import json
import math

import pytest

import ui.instant_numbers
from lessons.common.scales import BETA_OPTIONS, T_OPTIONS
from tests.apptest import open_page
from ui.instant_numbers import REACH, numbers_in
from ui.navigation import PAGES

WITH_TEMPERATURE = [page.stem for page in PAGES if page.stem not in ("quiz", "about")]


def followed(at, what: str = "numbers") -> dict[str, list[dict]]:
    """The stops of every Markdown (or with ``what="metrics"``, every row of metrics) that follows T on the
    page, by the key of its container."""
    found = {}
    for element in at.get("bidi_component"):
        if element.proto.id.endswith("-all_numbers"):  # every follow of the run, in one element
            for data in json.loads(element.proto.json)["targets"]:
                if any(stop.get(what) for stop in data["stops"]):
                    found[data["target"]] = data["stops"]
    return found


def sources(at, key: str, kind: str = "markdown") -> list[str]:
    """The Markdown (or ``kind``: the metrics' values) the page wrote in its container ``key``."""

    def find(node):
        for child in getattr(node, "children", {}).values():
            if str(getattr(child.proto, "id", "")).endswith(f"-{key}"):
                return child
            if (inside := find(child)) is not None:
                return inside
        return None

    def markdown(node) -> list[str]:
        out = []
        for child in getattr(node, "children", {}).values():
            out += (
                [child.value]
                if child.type == kind or {child.type, kind} == {"caption", "markdown"}
                else markdown(child)
            )
        return out

    container = find(at.main)
    return [] if container is None else markdown(container)


def test_numbers_in_reads_what_the_reader_sees():
    assert doctest.testmod(ui.instant_numbers).failed == 0
    assert numbers_in("| 1 | −0.2015 | 1.3e−5 | 1,000 | NaN |") == (
        "| # | # | # | # | # |",
        ["1", "−0.2015", "1.3e−5", "1,000", "NaN"],
    )
    # Numbers inside LaTeX are KaTeX's, not text nodes: left out; an escaped dollar is not LaTeX.
    assert numbers_in(r"$\log 3 = 1.099$ and \$5 at 2 % of $$x^2$$") == ("  and $# at # % of  ", ["5", "2"])
    assert numbers_in(r"98\.2 % \(of 797\)") == ("# % (of #)", ["98.2", "797"])


# Every text the pages make follow T: a page that stops following one must change this list.
EXPECTED: dict[str, set[str]] = {
    "playground": {"steps_table"},
    "temperature": {"intro", "entropy_note", "small_multiples_note", "relative_text"},
    "loss": {"neg_log_story", "gradient_note", "jacobian_note", "summary"},
    "alternatives": {"gumbel_gap"},
    "boltzmann": {"numbers_table"},
    "argmax_limit": {"limit_story", "distance_rate", "near_tie_story", "smooth_max_bounds", "ties_tables"},
    "sampling": {"kept_text", "draws_text", *(f"generated_measures_{i}" for i in range(3))},
    # Its numbers come from simulations: those the charts at the nearby stops ran.
    "exploration": {"learning_story", "temperature_story", "agent_story"},
    "classifier": {"confidence_text", "digits_text"},
    "calibration": {"measures_text"},
    "distillation": {"students_temperature_text", "three_ways_story"},
    "teacher": {"teacher_opens_at"},  # its link and QR code follow too (tests/browser/test_teacher.py)
}


# And every row of metrics (``ui.instant_numbers.follow``).
METRICS = {"playground": {"numbers_now"}, "loss": {"loss_now"}}


@pytest.mark.parametrize("stem", WITH_TEMPERATURE)
@pytest.mark.parametrize("scale", ["T", "beta"])
def test_each_stop_holds_the_numbers_of_the_text_the_page_writes_there(stem, scale):
    at = open_page(f"pages/{stem}.py", z="2,1,0.1", **{scale: "1"})
    assert not at.exception
    texts = followed(at)
    assert set(texts) == EXPECTED[stem]
    assert set(followed(at, "metrics")) == METRICS.get(stem, set())
    options = T_OPTIONS if scale == "T" else BETA_OPTIONS
    labels = at.select_slider(key="temperature").options
    current = options.index(1.0)
    # The stops a key press or two reach before the server answers, and the exact limits (as the charts).
    near = {0, len(options) - 1, *range(current - REACH, current + REACH + 1)}
    for key, stops in texts.items():
        assert [stop["label"] for stop in stops] == labels
        assert sources(at, key)
        assert stops[current]["numbers"] == [numbers_in(source)[1] for source in sources(at, key)]
        assert [i for i, stop in enumerate(stops) if "numbers" in stop] == sorted(near), key
        # Each one moves with T (else it need not follow), but the one agent's story before its first step.
        if key != "agent_story":
            assert len({json.dumps(stops[i]["numbers"]) for i in near}) > 1, key
    if not texts and stem not in METRICS:
        return
    # The exact limits on the T scale, where sentences change most; a neighbour and β → −∞ on the β scale.
    for value in (0.0, 1.2, math.inf) if scale == "T" else (-math.inf, 0.8):
        there = open_page(f"pages/{stem}.py", z="2,1,0.1", **{scale: str(value)})
        for key, stops in texts.items():
            sent = stops[options.index(value)]["numbers"]
            shapes = [numbers_in(source)[0] for source in sources(at, key)]
            written = sources(there, key)
            if not written:  # the page writes no such text there: it waits for the server
                assert all(numbers is None for numbers in sent), (key, value)
            for i, source in enumerate(written):
                shape, numbers = numbers_in(source)
                assert sent[i] == (numbers if shape == shapes[i] else None), (key, value)
        for key, stops in followed(at, "metrics").items():
            assert stops[options.index(value)]["metrics"] == sources(there, key, "metric"), (key, value)
