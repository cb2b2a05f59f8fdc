"""Exports in the frame (AppTest): every chart has its CSV button and a PNG named after the view, and the
NumPy snippet a page shows runs and prints the numbers the page shows."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import numpy as np
import pytest

from lessons.common import export
from softmax_core import softmax
from tests.apptest import chart_data, component_data, open_app, open_page
from tests.lessons.traces import values
from ui.navigation import PAGES

VIEW = {"z": "2,1,0.1", "T": "0.5", "labels": "cat,dog,bird"}


def _downloads(at) -> dict[str, object]:
    return {element.proto.id.rsplit("-", 1)[-1]: element for element in at.get("download_button")}


def _snippet(at) -> str:
    codes = [
        element.proto.code_text for element in at.get("code") if "import numpy" in element.proto.code_text
    ]
    assert codes, "no NumPy snippet on the page"
    assert len(set(codes)) == 1  # the same view under every chart
    return codes[0]


def _run(code: str, tmp_path) -> dict:
    done = subprocess.run(
        [sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return export.read_snippet_output(done.stdout)


def _configs(at) -> dict[str, dict]:
    """Every chart's Plotly config by key: the server's charts and the instant charts that follow T."""
    configs = {c.proto.id.rsplit("-", 1)[-1]: json.loads(c.proto.config) for c in at.get("plotly_chart")}
    for element in at.get("bidi_component"):
        data = component_data(element)
        if isinstance(data, dict) and "figure" in data:
            configs[element.proto.id.rsplit("-", 1)[-1]] = data["config"]
    return configs


def _view(at) -> dict:
    """The view the browser adds to a saved PNG (ui.png_title), as this run sent it."""
    (element,) = [e for e in at.get("bidi_component") if e.proto.id.endswith("-png_title")]
    return json.loads(element.proto.json)


@pytest.mark.parametrize("stem", ["classifier", "distillation", "sampling"])
def test_a_temperature_move_leaves_the_configs_alone_and_moves_the_view_of_the_png(stem):
    # A chart whose config changes is drawn again by Streamlit: a move of T changes only the view element.
    at = open_page(f"pages/{stem}.py", **VIEW)
    before = _configs(at)
    at.select_slider(key="temperature").set_value(2.0).run()
    assert not at.exception
    assert _configs(at) == before
    assert _view(at) == {"stem": "z=2,1,0.1_T=2", "text": "Softmax Lab · z = 2, 1, 0.1 · T = 2"}


@pytest.mark.parametrize("stem", ["temperature", "alternatives", "calibration"])
def test_every_chart_has_a_csv_button_and_a_png_named_after_the_page_and_view(stem):
    at = open_page(f"pages/{stem}.py", **VIEW)
    assert not at.exception
    configs = _configs(at)
    assert configs
    for key, config in configs.items():
        # The chart's part of the PNG's name; the browser adds the view's part at the click (png_title.mjs).
        assert config["toImageButtonOptions"]["filename"] == f"softmax-lab_{stem}_{key}"
        assert config["displaylogo"] is False  # the app's toolbar, not Plotly's default
    assert _view(at) == {"stem": "z=2,1,0.1_T=0.5", "text": "Softmax Lab · z = 2, 1, 0.1 · T = 0.5"}
    downloads = _downloads(at)
    for key in configs:
        button = downloads[f"{key}__csv"]
        assert button.proto.label == "This chart's data (CSV)"
        # Built on click, not on every run: the button holds a deferred file, no data.
        assert not button.proto.url


def test_the_playground_snippet_prints_the_numbers_its_table_shows(tmp_path):
    at = open_app(**VIEW)
    assert "probabilities__csv" in _downloads(at)  # the instant chart has its CSV too
    printed = _run(_snippet(at), tmp_path)
    table = next(md.value for md in at.markdown if md.value.startswith("| class |"))
    # The 'softmax p' column, Markdown escapes removed.
    shown = [re.sub(r"\\(.)", r"\1", line.split(" | ")[6]) for line in table.splitlines()[2:5]]
    assert shown == ["0.8638", "0.1169", "0.01932"]
    assert [f"{p:.4g}" for p in printed["p"]] == shown
    np.testing.assert_allclose(printed["p"], softmax([2, 1, 0.1], temperature=0.5), rtol=1e-12)


def test_the_loss_snippet_follows_the_chosen_target_and_prints_the_metrics(tmp_path):
    at = open_page("pages/loss.py", **VIEW, target="dog")
    printed = _run(_snippet(at), tmp_path)
    metrics = {metric.label: metric.value for metric in at.metric}
    assert f"{printed['loss (nats)']:.4g}" == metrics["Loss (nats)"]
    assert f"{printed['loss (bits)']:.4g}" == metrics["Loss (bits)"]


def test_the_snippet_follows_a_temperature_move(tmp_path):
    at = open_page("pages/temperature.py", **VIEW, units="bits")
    at.select_slider(key="temperature").set_value(2.0).run()
    code = _snippet(at)
    assert re.search(r"^T = 2\.0 ", code, re.MULTILINE)
    printed = _run(code, tmp_path)
    expected = export.snippet_numbers("temperature", logits=(2, 1, 0.1), beta=0.5, options={"units": "bits"})
    assert printed.keys() == expected.keys()
    for name, value in expected.items():
        np.testing.assert_allclose(printed[name], value, rtol=1e-12)


def _plotted(spec: dict) -> tuple[int, set[float]]:
    """How many points the spec's data traces plot (cells of a heatmap), and every number they plot: their
    arrays, category names that are numbers ('5'), and a heatmap's row and column numbers where it names
    none."""
    count, numbers = 0, set()
    for trace in spec["data"]:
        if trace.get("hoverinfo") == "skip" or trace.get("visible", True) is False:
            continue
        arrays = [values(trace[k]) for k in ("x", "y", "z") if k in trace and not isinstance(trace[k], str)]
        z = values(trace["z"]) if "z" in trace else None
        grid = z is not None and z.ndim == 2
        count += z.size if grid else max((len(a) for a in arrays), default=0)
        if grid:
            numbers |= set(map(float, range(max(z.shape))))
        for array in arrays:
            numbers |= {float(v) for v in array.ravel().tolist() if _is_float(str(v))}
    return count, numbers


@pytest.mark.parametrize("page", [page.stem for page in PAGES])
def test_every_chart_csv_has_a_row_per_plotted_point_with_its_numbers(page):
    at = open_app(**VIEW) if page == "playground" else open_page(f"pages/{page}.py", **VIEW)
    assert not at.exception
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    specs += [data["figure"] for data in map(chart_data, at.get("bidi_component")) if "figure" in data]
    for spec in specs:
        names, rows = export.chart_table(spec)
        count, numbers = _plotted(spec)
        assert len(rows) == count, (page, spec["layout"].get("title"))
        # Every number in a y column is one the chart plots (x may be read back from a transformed axis).
        y_columns = [i for i, name in enumerate(names) if name in _y_titles(spec)]
        for row in rows:
            for i in y_columns:
                if _is_float(row[i]) and row[i] not in ("inf", "-inf", "nan"):
                    assert float(row[i]) in numbers, (page, names[i], row)


def _y_titles(spec: dict) -> set[str]:
    return {
        export.column_name(axis.get("title"))
        for key, axis in spec["layout"].items()
        if key.startswith("yaxis")
    }


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_a_chart_drawn_outside_the_fragment_offers_no_numpy_view_that_would_go_stale():
    # The Temperature page's animation is drawn once per full run: a temperature move leaves it, and its
    # menu, as drawn. A snippet there would keep printing the numbers at the old temperature.
    at = open_page("pages/temperature.py", **VIEW)
    snippets = [e for e in at.get("code") if "import numpy" in e.proto.code_text]
    assert "animation" in _configs(at)
    assert len(snippets) == len(_configs(at)) - 1
