"""A chart's place in the page does not depend on the temperature.

The browser keeps an element by its place. A note drawn only at some temperatures (β < 0, T = 0 or ∞)
moved every later chart down a place when the thumb reached them, and the browser built each of those
charts anew instead of updating it. Such notes now have their place (an ``st.empty()``) on every run.
"""

from __future__ import annotations

import pytest

from tests.apptest import open_page
from ui.navigation import PAGES

WITH_TEMPERATURE = [page.stem for page in PAGES if page.stem not in ("quiz", "teacher", "about")]
# The temperatures where pages add or drop a note: the exact limits and a negative temperature.
EDGES = [{"T": "0"}, {"T": "inf"}, {"beta": "-1"}]


def places(at) -> dict[str, tuple[int, ...]]:
    """Every chart's place in the page's element tree, by its key: the server's and the instant ones."""
    found: dict[str, tuple[int, ...]] = {}

    def walk(node, path: tuple[int, ...]) -> None:
        for index, child in getattr(node, "children", {}).items():
            place = (*path, index)
            if child.type in ("plotly_chart", "bidi_component"):
                found[child.proto.id.rsplit("-", 1)[-1]] = place
            walk(child, place)

    walk(at.main, ())
    return found


@pytest.mark.parametrize("stem", WITH_TEMPERATURE)
def test_every_chart_keeps_its_place_at_the_edges_of_the_temperature(stem):
    at_one = open_page(f"pages/{stem}.py", z="2,1,0.1", T="1")
    assert not at_one.exception
    reference = places(at_one)
    assert reference
    for edge in EDGES:
        at = open_page(f"pages/{stem}.py", z="2,1,0.1", **edge)
        assert not at.exception
        moved = {
            key: (reference.get(key), place)
            for key, place in places(at).items()
            if reference.get(key) != place
        }
        assert not moved, (edge, moved)
