"""The apps that benchmarks/bench_redraw.py measures against still run and still draw what they claim."""

import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from softmax_core import softmax
from ui.controls import LOG_GRID
from ui.text import number

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _run(name: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(BENCHMARKS / name), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("name", ["baseline_app.py", "floor_app.py", "client_app.py"])
def test_benchmark_app_runs_without_exception(name):
    assert not _run(name).exception


def test_floor_app_move_redraws_the_chart_at_the_new_temperature():
    at = _run("floor_app.py", z="2,1,0.1")
    at.select_slider(key="temperature").set_value(0.5).run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("Probabilities at T = 0.5,")
    p = softmax(np.array([2.0, 1.0, 0.1]), temperature=0.5)
    assert spec["data"][0]["text"] == [number(x) for x in p]


def test_client_app_sends_the_core_probabilities_at_every_stop_of_its_slider():
    at = _run("client_app.py", z="2,1,0.1")
    data = {
        element.proto.component_name: json.loads(element.proto.json) for element in at.get("bidi_component")
    }
    rows = data["softmax_lab_prototype.chart"]["rows"]
    assert len(rows) == len(LOG_GRID) == len(data["softmax_lab_prototype.slider"]["labels"])
    for t, row in zip(LOG_GRID, rows, strict=True):
        assert row["p"] == softmax(np.array([2.0, 1.0, 0.1]), temperature=t).tolist()
