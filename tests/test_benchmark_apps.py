"""The apps that benchmarks/bench_redraw.py measures against still run and still draw what they claim."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _run(name: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(BENCHMARKS / name), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_the_baseline_app_draws_one_slider_and_one_bar_chart():
    at = _run("baseline_app.py")
    assert not at.exception
    assert len(at.select_slider) + len(at.slider) == 1 and len(at.get("plotly_chart")) == 1
