"""The Playground's chart that follows the temperature slider in the browser (ui/instant_chart.py).

What the browser does with the data is pinned by the browser tests; here, that the data is right: one
stop per stop of the slider, with the slider's own labels and the core's exact probabilities.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import numpy as np
import plotly
import plotly.graph_objects as go
import pytest
from streamlit import config

from softmax_core import softmax
from tests.apptest import component_data, instant_chart, moved_by, open_app, open_page, text_box
from tests.pages.charts import charts
from ui import controls
from ui import instant_chart as instant_chart_module
from ui.navigation import PAGES
from ui.state import SharedState


def stop_probabilities(data: dict) -> list[list[float]]:
    return [stop["update"][0]["y"][0] for stop in data["stops"]]


def test_every_stop_of_the_slider_carries_the_core_probabilities_at_that_temperature():
    at = open_app(z="2,1,0.1", T="1")
    data = instant_chart(at, "probabilities")
    z = np.array([2.0, 1.0, 0.1])
    assert [stop["label"] for stop in data["stops"]] == at.select_slider(key="temperature").options
    assert len(data["stops"]) == len(controls.T_OPTIONS)
    for temperature, p in zip(controls.T_OPTIONS, stop_probabilities(data), strict=True):
        assert p == softmax(z, temperature=temperature).tolist()  # exact: the same floats
    assert stop_probabilities(data)[0] == [1.0, 0.0, 0.0]  # T = 0: the arg max
    assert stop_probabilities(data)[-1] == [1 / 3, 1 / 3, 1 / 3]  # T = ∞: uniform
    current = data["stops"][data["current"]]
    assert current["label"] == "1" and current["update"][1] == {
        "title.text": data["figure"]["layout"]["title"]["text"]
    }
    assert current["update"][0]["text"] == [["0.659", "0.2424", "0.09857"]]


def values(y) -> np.ndarray:
    """A trace's numbers, as plotly.py wrote them (a typed array's bytes) or as an update set them."""
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"])
    return np.asarray(y)


def test_a_logit_a_key_press_or_two_away_carries_the_chart_the_server_draws_there():
    at = open_app(z="1,1.01,0", T="0.5")
    data = instant_chart(at, "probabilities")
    nudges = {nudge["slider"]: nudge for nudge in data["nudges"]}
    assert list(nudges) == ["logit_0", "logit_1", "logit_2"]
    assert [nudge["at"] for nudge in nudges.values()] == [1.0, 1.01, 0.0]
    assert [value for value, _ in nudges["logit_0"]["stops"]] == [0.98, 0.99, 1.01, 1.02]
    for slider, value in [("logit_0", 1.01), ("logit_0", 1.02), ("logit_1", 0.99), ("logit_2", -0.02)]:
        update = dict(nudges[slider]["stops"])[value]
        moved = moved_by(data["figure"], update)
        at.slider(key=slider).set_value(value).run()
        drawn = go.Figure(instant_chart(at, "probabilities")["figure"])
        # The bars, their values, the arg max beside them (a tie at 1.01: split) and the title, as drawn.
        for trace in (0, 1):
            assert np.array_equal(values(moved.data[trace].y), values(drawn.data[trace].y))
            assert moved.data[trace].text == drawn.data[trace].text
        assert moved.layout.title.text == drawn.layout.title.text == "Probabilities at T = 0.5"
        at.slider(key=slider).set_value(nudges[slider]["at"]).run()
    assert dict(nudges["logit_0"]["stops"])[1.01][0]["y"][1] == [0.5, 0.5, 0.0]


def test_logits_without_sliders_have_no_key_presses_to_follow():
    at = open_app(z="1,2.005,0")  # off the sliders' grid: edited as text
    assert instant_chart(at, "probabilities")["nudges"] == []
    assert controls.logit_nudges(SharedState((10.0, -10.0)), reach=2) == [
        ("logit_0", 10.0, [(9.98, SharedState((9.98, -10.0))), (9.99, SharedState((9.99, -10.0)))]),
        ("logit_1", -10.0, [(-9.99, SharedState((10.0, -9.99))), (-9.98, SharedState((10.0, -9.98)))]),
    ]


def test_on_the_beta_scale_the_stops_run_from_arg_min_to_arg_max_and_include_a_linked_value():
    at = open_app(z="2,1,0.1", beta="0.37")  # 0.37 is between two stops of the slider
    data = instant_chart(at, "probabilities")
    labels = [stop["label"] for stop in data["stops"]]
    assert labels == at.select_slider(key="temperature").options
    assert labels[0] == "−∞" and labels[-1] == "∞" and labels[data["current"]] == "0.37"
    assert stop_probabilities(data)[0] == [0.0, 0.0, 1.0]  # β → −∞: the arg min
    assert stop_probabilities(data)[data["current"]] == softmax(np.array([2.0, 1.0, 0.1]), beta=0.37).tolist()
    assert data["stops"][data["current"]]["update"][1]["title.text"].startswith("Probabilities at T = 2.703")


def test_a_move_on_the_server_moves_the_current_stop_and_the_figure():
    at = open_app(z="2,1,0.1", T="1")
    at.select_slider(key="temperature").set_value(0.5).run()
    data = instant_chart(at, "probabilities")
    assert data["stops"][data["current"]]["label"] == "0.5"
    assert data["figure"]["layout"]["title"]["text"] == "Probabilities at T = 0.5"
    at.button(key="limit_hot").click().run()
    data = instant_chart(at, "probabilities")
    assert data["stops"][data["current"]]["label"] == "∞" and data["current"] == len(data["stops"]) - 1


def test_the_chart_follows_the_slider_by_its_key_and_loads_plotly_js_from_the_app_itself():
    data = instant_chart(open_app(), "probabilities")
    assert data["slider"] == "temperature" == instant_chart_module.SLIDER_KEY
    assert data["plotly"] == f"/app/static/{instant_chart_module.served_plotly_js()}"
    assert data["config"]["displaylogo"] is False and data["config"]["responsive"] is True


def test_where_plotly_js_cannot_be_served_the_chart_is_an_ordinary_plotly_chart(monkeypatch):
    monkeypatch.setattr(instant_chart_module, "served_plotly_js", lambda: None)
    at = open_app(z="2,1,0.1", T="1")
    assert not at.exception
    assert not [e for e in at.get("bidi_component") if e.proto.id.endswith("-probabilities")]
    (chart,) = at.get("plotly_chart")
    assert chart.proto.id.endswith("-probabilities")


def test_a_still_chart_is_drawn_by_the_same_component_without_stops_and_named_by_its_figure():
    # The Temperature page's animation does not depend on T: one plotly.js for the page (not also
    # Streamlit's own copy), no stops, and a token that a temperature move leaves alone (nothing redrawn).
    at = open_page("pages/temperature.py", z="2,1,0.1", T="1")
    data = instant_chart(at, "animation")
    assert data["stops"] == [] and data["plotly"] == f"/app/static/{instant_chart_module.served_plotly_js()}"
    assert len(data["figure"]["frames"]) > 1 and not at.get("plotly_chart")
    at.select_slider(key="temperature").set_value(1.2).run()
    assert instant_chart(at, "animation")["token"] == data["token"]
    at.text_input(key=text_box(at, "logits_text").key).set_value("3, 1, 0").run()
    assert instant_chart(at, "animation")["token"] != data["token"]  # a new figure, drawn anew


def test_where_plotly_js_cannot_be_served_a_still_chart_is_an_ordinary_plotly_chart(monkeypatch):
    monkeypatch.setattr(instant_chart_module, "served_plotly_js", lambda: None)
    at = open_page("pages/temperature.py", z="2,1,0.1", T="1")
    assert not at.exception
    assert "animation" in [e.proto.id.rsplit("-", 1)[-1] for e in at.get("plotly_chart")]
    assert not [e for e in at.get("bidi_component") if "figure" in component_data(e)]


@pytest.fixture
def static_folder(tmp_path, monkeypatch):
    folder = tmp_path / "static"
    monkeypatch.setattr(instant_chart_module, "STATIC", folder)
    return folder


def test_plotly_js_is_copied_into_the_static_folder_once(static_folder):
    name = instant_chart_module.served_plotly_js.__wrapped__()
    assert (static_folder / name).read_bytes() == instant_chart_module._bundle()[0].read_bytes()
    modified = (static_folder / name).stat().st_mtime_ns
    assert instant_chart_module.served_plotly_js.__wrapped__() == name
    assert (static_folder / name).stat().st_mtime_ns == modified
    assert [path.name for path in static_folder.iterdir()] == [name]  # no partial copy left behind


def test_plotly_js_is_not_served_from_a_folder_that_cannot_be_written(tmp_path, monkeypatch):
    (tmp_path / "a file").write_text("")
    monkeypatch.setattr(instant_chart_module, "STATIC", tmp_path / "a file" / "static")  # a read-only install
    assert instant_chart_module.served_plotly_js.__wrapped__() is None


def test_plotly_js_is_not_served_when_static_serving_is_off(static_folder):
    serving = config.get_option("server.enableStaticServing")
    config.set_option("server.enableStaticServing", False)
    try:
        assert instant_chart_module.served_plotly_js.__wrapped__() is None
    finally:
        config.set_option("server.enableStaticServing", serving)
    assert not static_folder.exists()


@pytest.fixture
def bundles(tmp_path, monkeypatch):
    """Stand-ins for the installed plotly package's plotly.js and the vendored cartesian bundle."""

    def write(name: str, first_line: str) -> Path:
        path = tmp_path / name
        path.write_text(
            f"/**\n* {first_line}\n* Copyright 2012-2026, Plotly, Inc.\n*/\n(function(){{}})();\n"
        )
        return path

    def use(full: str, cartesian: str) -> None:
        monkeypatch.setattr(instant_chart_module, "PLOTLY_JS", write("plotly.min.js", full))
        monkeypatch.setattr(instant_chart_module, "CARTESIAN_JS", write("plotly-cartesian.min.js", cartesian))
        instant_chart_module._bundle.cache_clear()

    yield use
    monkeypatch.undo()
    instant_chart_module._bundle.cache_clear()


def test_the_cartesian_bundle_is_served_while_its_version_is_that_of_the_plotly_package(
    bundles, static_folder
):
    bundles("plotly.js v4.1.1", "plotly.js (cartesian - minified) v4.1.1")
    source, name, traces = instant_chart_module._bundle()
    assert source == instant_chart_module.CARTESIAN_JS and name == "plotly-cartesian-4.1.1.min.js"
    assert traces == instant_chart_module.CARTESIAN_TRACES
    assert instant_chart_module.served_plotly_js.__wrapped__() == name
    assert (static_folder / name).read_bytes() == source.read_bytes()


@pytest.mark.parametrize("cartesian", ["plotly.js (cartesian - minified) v4.0.0", "no version here"])
def test_another_version_of_the_bundle_gives_way_to_the_plotly_package_own(bundles, cartesian):
    # A figure is drawn by the plotly.js of the plotly.py that wrote it (after `pip install -U plotly`, the
    # full bundle until tools/vendor_plotly.py is run again).
    bundles("plotly.js v4.2.0", cartesian)
    source, name, traces = instant_chart_module._bundle()
    assert source == instant_chart_module.PLOTLY_JS and traces is None
    assert name == f"plotly-{plotly.__version__}.min.js"
    assert instant_chart_module.drawable(go.Figure(go.Scatter3d(x=[1], y=[2], z=[3])))


def test_the_vendored_bundle_names_its_version_and_the_app_reads_it():
    version = instant_chart_module.plotly_js_version(instant_chart_module.CARTESIAN_JS)
    assert version is not None and re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert instant_chart_module.plotly_js_version(instant_chart_module.PLOTLY_JS) is not None


def test_a_chart_type_the_served_bundle_lacks_is_drawn_by_the_server(bundles, static_folder, monkeypatch):
    # plotly.js draws a trace type it does not have as a scatter, silently: such a chart goes to Streamlit's
    # own (full) plotly.js instead, whichever way the page draws it.
    bundles("plotly.js v4.1.1", "plotly.js (cartesian - minified) v4.1.1")
    cube = go.Figure(go.Scatter3d(x=[1, 2], y=[3, 4], z=[5, 6]))
    assert not instant_chart_module.drawable(cube)
    assert instant_chart_module.drawable(go.Figure([go.Bar(y=[1]), go.Heatmap(z=[[1]]), go.Scatter(y=[1])]))
    drawn = []
    monkeypatch.setattr(instant_chart_module, "server_drawn", lambda figure, **kw: drawn.append((figure, kw)))
    instant_chart_module.still(cube, key="cube")
    instant_chart_module.follow(lambda state: cube, SharedState(), key="cube")
    instant_chart_module.follow_temperature(cube, SharedState(), lambda stop: {}, key="cube")
    assert [(figure is cube, kw["key"]) for figure, kw in drawn] == [(True, "cube")] * 3


@pytest.mark.parametrize("page", [page.stem for page in PAGES])
def test_every_chart_of_every_page_is_of_a_type_the_served_bundle_has(page):
    at = open_page(f"pages/{page}.py", z="2,1,0.1", T="1")
    assert not at.exception
    types = {trace.get("type", "scatter") for spec in charts(at).values() for trace in spec["data"]}
    assert types <= instant_chart_module.CARTESIAN_TRACES
    assert not at.get("plotly_chart")  # none fell back to the server's chart


def test_a_chart_whose_stops_have_other_traces_is_drawn_by_the_server(monkeypatch):
    # Plotly.update cannot add or remove a trace: a chart that gains one at another stop is the server's.
    def build(state: SharedState) -> go.Figure:
        return go.Figure([go.Scatter(y=[1, 2])] * (1 if state.temperature <= 1 else 2))

    drawn = []
    monkeypatch.setattr(instant_chart_module, "server_drawn", lambda figure, **kw: drawn.append(kw["key"]))
    instant_chart_module.follow(build, SharedState(), key="grows")
    assert drawn == ["grows"]
