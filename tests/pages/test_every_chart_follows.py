"""On every page, every chart that depends on the temperature follows the slider in the browser (issue 22).

A still chart (``ui.instant_chart.still``, drawn without stops) must not change when the temperature moves
one stop: a chart that does is drawn with ``ui.instant_chart.follow``. And every instant chart's update
for that stop, applied as plotly.js applies it, gives exactly the figure the server draws at that
temperature (on the page opened there afresh, where the figure sent is the one built at that stop).
"""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from lessons.common.plot_diff import plain, same
from tests.apptest import chart_data, open_page
from tests.pages.charts import still
from tests.ui.test_instant_follow import applied
from ui.navigation import PAGES

# Pages without the temperature: nothing on them can follow it.
WITHOUT_TEMPERATURE = {"teacher", "quiz", "about"}
STEMS = [page.stem for page in PAGES if page.stem not in WITHOUT_TEMPERATURE]


def still_charts(at) -> dict[str, dict]:
    return {key: plain(go.Figure(spec)) for key, spec in still(at).items()}


def instant_charts(at) -> dict[str, dict]:
    found = {}
    for element in at.get("bidi_component"):
        data = chart_data(element)
        if isinstance(data, dict) and data.get("stops") and "figure" in data:  # not numbers, not still
            found[element.proto.id.rsplit("-", 1)[-1]] = data
    return found


@pytest.mark.parametrize("stem", STEMS)
def test_every_chart_that_depends_on_the_temperature_follows_it(stem):
    at = open_page(f"pages/{stem}.py", z="2,1,0.1", T="1")
    assert not at.exception
    before_still, before_instant = still_charts(at), instant_charts(at)
    assert before_instant, f"/{stem}: no chart follows the temperature"
    at.select_slider(key="temperature").set_value(1.2).run()
    assert not at.exception
    after_still, after_instant = still_charts(at), instant_charts(at)
    moved = sorted(
        key for key in before_still if key in after_still and not same(before_still[key], after_still[key])
    )
    assert moved == [], f"/{stem}: drawn still, changed by a temperature move"
    assert set(after_instant) == set(before_instant)
    fresh = instant_charts(open_page(f"pages/{stem}.py", z="2,1,0.1", T="1.2"))
    for key, before in before_instant.items():
        after = after_instant[key]
        labels = [stop["label"] for stop in before["stops"]]
        stop = before["stops"][labels.index("1.2")]
        assert stop["update"] is not None, f"/{stem} {key}: the next stop waits for the server"
        assert fresh[key]["anchor"] == fresh[key]["current"]  # the figure built at T = 1.2, as sent
        figure = plain(go.Figure(fresh[key]["figure"]))
        assert same(applied(before["figure"], stop["update"]), figure), f"/{stem} {key}"
        assert same(plain(go.Figure(after["figure"])), figure), f"/{stem} {key}"
