"""The Playground's chart that follows the temperature slider in the browser (ui/instant_chart.py).

What the browser does with the data is pinned by the browser tests; here, that the data is right: one
stop per stop of the slider, with the slider's own labels and the core's exact probabilities.
"""

from __future__ import annotations

import numpy as np
import plotly
import pytest
from streamlit import config

from softmax_core import softmax
from tests.apptest import instant_chart, open_app, open_page, text_box
from ui import controls
from ui import instant_chart as instant_chart_module


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
    assert data["plotly"] == f"/app/static/plotly-{plotly.__version__}.min.js"
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
    assert data["stops"] == [] and data["plotly"] == f"/app/static/plotly-{plotly.__version__}.min.js"
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
    assert not [e for e in at.get("bidi_component") if "figure" in (e.proto.json or "")]


@pytest.fixture
def static_folder(tmp_path, monkeypatch):
    folder = tmp_path / "static"
    monkeypatch.setattr(instant_chart_module, "STATIC", folder)
    return folder


def test_plotly_js_is_copied_from_the_installed_plotly_package_once(static_folder):
    name = instant_chart_module.served_plotly_js.__wrapped__()
    assert (static_folder / name).read_bytes() == instant_chart_module.PLOTLY_JS.read_bytes()
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
