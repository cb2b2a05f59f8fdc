"""Exports: every chart's CSV reads back to the numbers it plots (the exact limits and β as values, not as
the positions they are drawn at), file names are safe, and every NumPy snippet runs alone and prints the
numbers the core gives."""

from __future__ import annotations

import ast
import csv
import io
import json
import math
import subprocess
import sys

import numpy as np
import pytest

from lessons.common import export
from lessons.loss.figures import jacobian_heatmap
from lessons.playground.figures import probability_bars
from lessons.temperature import figures as temperature
from softmax_core import softmax, softmax_jacobian, softmax_sweep

Z = np.array([2.0, 1.0, 0.1])
LABELS = ("cat", "dog, the <b>good</b> one", 'bird "quoted"')


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_bars_read_back_exactly_with_the_axis_titles_as_columns():
    p = softmax(Z, temperature=0.7)
    chart = probability_bars(p, LABELS, argmax=np.array([1.0, 0.0, 0.0]), title="t")
    rows = _read(export.chart_csv(chart))
    assert list(rows[0]) == ["series", "class", "probability p"]
    bars = [row for row in rows if row["series"] == "softmax p"]
    assert [row["class"] for row in bars] == list(LABELS)  # commas, quotes and '<b>' survive as typed
    assert [float(row["probability p"]) for row in bars] == p.tolist()  # bit for bit
    assert [float(r["probability p"]) for r in rows if r["series"].startswith("arg max")] == [1.0, 0.0, 0.0]


def test_limits_drawn_past_the_axis_ends_export_as_t_zero_and_infinity():
    temperatures = np.geomspace(0.01, 100, 41)
    chart = temperature.probabilities_vs_temperature(
        temperatures, softmax_sweep(Z, 1 / temperatures), LABELS, cold_limit=softmax(Z, temperature=0),
        hot_limit=softmax(Z, temperature=math.inf), temperature=0.0, beta=math.inf,
        current=softmax(Z, temperature=0),
    )  # fmt: skip
    rows = _read(export.chart_csv(chart))
    assert list(rows[0])[:3] == ["series", "temperature T", "probability p"]  # '(log scale)' dropped
    cold = [r for r in rows if r["series"] == "T = 0: arg max"]
    hot = [r for r in rows if r["series"] == "T = ∞: uniform"]
    assert {r["temperature T"] for r in cold} == {"0.0"} and {r["temperature T"] for r in hot} == {"inf"}
    assert [r["label"] for r in cold] == list(LABELS)
    curve = [r for r in rows if r["series"] == "cat"]
    assert [float(r["temperature T"]) for r in curve] == temperatures.tolist()
    assert not [r for r in rows if r["series"].startswith("current T") and "values" not in r["series"]]


@pytest.mark.parametrize("beta", [-2.0, 0.37, 5.0, -math.inf])
def test_beta_on_its_asinh_axis_exports_as_beta(beta):
    betas = temperature.beta_grid(temperature.beta_span(beta))
    chart = temperature.probabilities_vs_beta(
        betas, softmax_sweep(Z, betas), LABELS, argmin_limit=softmax(Z, beta=-math.inf),
        argmax_limit=softmax(Z, beta=math.inf), beta=beta, current=softmax(Z, beta=beta),
    )  # fmt: skip
    rows = _read(export.chart_csv(chart))
    column = next(name for name in rows[0] if "β = 1/T" in name)
    assert not {"←", "→", "scale"} & set(column.split())  # how it is drawn is not part of its name
    np.testing.assert_allclose([float(r[column]) for r in rows if r["series"] == "cat"], betas, rtol=1e-14)
    current = [r for r in rows if r["series"].endswith("(values)")]
    assert {float(r[column]) for r in current} == {beta}
    assert [float(r["probability p"]) for r in current] == softmax(Z, beta=beta).tolist()
    assert {r[column] for r in rows if r["series"] == "β = −∞: arg min"} == {"-inf"}


def test_a_heatmap_exports_one_row_per_cell_named_by_its_colour_bar():
    jacobian = softmax_jacobian(Z)
    rows = _read(export.chart_csv(jacobian_heatmap(jacobian, LABELS, target=0)))
    assert list(rows[0]) == ["series", "logit z_j (column)", "probability p_i (row)", "∂p_i/∂z_j"]
    assert len(rows) == 9
    cell = next(
        r for r in rows if r["logit z_j (column)"] == LABELS[2] and r["probability p_i (row)"] == LABELS[0]
    )
    assert float(cell["∂p_i/∂z_j"]) == jacobian[0, 2]


def test_column_names_drop_markup_and_drawing_remarks():
    assert export.column_name({"text": "temperature T (log scale)"}) == "temperature T"
    assert (
        export.column_name("← towards the arg min · inverse β (symmetric log scale) · max →") == "inverse β"
    )
    assert export.column_name("loss −log p (nats)") == "loss −log p (nats)"
    assert export.column_name("a<br>b &amp; c") == "a b & c"
    assert export.column_name("β = 1/T (symmetric log scale)<br>← arg min · arg max →") == "β = 1/T"


def test_file_stems_name_the_page_chart_and_view_and_are_safe():
    stem = export.file_stem("loss", "neg_log", logits=(2.0, -1.5, 0.1), scale="T", value=0.5)
    assert stem == "softmax-lab_loss_neg_log_z=2,-1.5,0.1_T=0.5"
    many = export.file_stem(
        "playground", "probabilities", logits=tuple(range(20)), scale="beta", value=-math.inf
    )
    assert many == "softmax-lab_playground_probabilities_K=20_beta=-inf"
    odd = export.file_stem("x/../y", "a b:c", logits=(1.0, 2.0), scale="T", value=math.inf)
    assert "/" not in odd and " " not in odd and ":" not in odd


def test_the_view_under_a_saved_png_title_names_the_logits_and_the_temperature_as_set():
    assert export.view_text(logits=(2.0, -1.5, 0.1), scale="T", value=0.5) == (
        "Softmax Lab · z = 2, −1.5, 0.1 · T = 0.5"
    )
    assert export.view_text(logits=(1.0, 5.0), scale="T", value=0.0).endswith("T = 0 (arg max)")
    assert export.view_text(logits=(1.0, 5.0), scale="T", value=math.inf).endswith("T = ∞ (uniform)")
    assert export.view_text(logits=(0.95, 0.99), scale="beta", value=-2.0).endswith("β = −2")
    assert export.view_text(logits=tuple(range(20)), scale="beta", value=math.inf) == (
        "Softmax Lab · K = 20 logits · β = ∞"
    )


# --- The NumPy snippets ------------------------------------------------------------------------------------

# Every snippet runs in one child Python, isolated (-I: no project on the path, no user site), each in a
# fresh namespace, printing into a buffer of its own.
_RUNNER = """
import contextlib, io, json, sys
results = []
for code in json.load(sys.stdin):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<snippet>", "exec"), {"__name__": "__main__"})
    results.append(out.getvalue())
print(json.dumps(results))
"""

VIEWS = (
    ((2.0, 1.0, 0.1), "T", 1.0),
    ((2.0, 1.0, 0.1), "T", 0.5),
    ((1.0, 5.0, 5.0), "T", 0.0),  # the exact arg max, a tie
    ((1.0, 5.0, 5.0), "T", math.inf),
    ((0.95, 0.99, 0.98), "beta", 500.0),  # 'Explaining Softmax'
    ((0.95, 0.99, 0.98), "beta", -2.0),
    ((3.0, -1.0, 0.5), "beta", -math.inf),
    ((3.0, -1.0, 0.5), "beta", 0.0),
    ((1000.0, -1000.0, 0.0), "T", 0.01),  # a naive softmax would overflow
    (tuple(np.round(np.random.default_rng(3).normal(0, 4, 64), 3).tolist()), "T", 2.5),  # K = 64
)
OPTIONS = ({}, {"units": "bits", "target": 1}, {"units": "nats", "target": 2})


def _beta(scale: str, value: float) -> float:
    return value if scale == "beta" else (math.inf if value == 0 else 1 / value)


def _imports(code: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
    return names


def test_every_snippet_runs_with_only_numpy_and_prints_the_core_numbers(tmp_path):
    cases, snippets = [], []
    for page in export.SNIPPET_PAGES:
        for logits, scale, value in VIEWS:
            for options in OPTIONS:
                labels = tuple(f'it\'s "{i}"\n' for i in range(len(logits)))  # quotes, a newline: still code
                code = export.numpy_snippet(
                    page, logits=logits, labels=labels, scale=scale, value=value, options=options
                )
                assert _imports(code) == {"numpy"}, page
                assert len(code.splitlines()) <= 45, page  # short enough to read
                cases.append((page, logits, _beta(scale, value), options))
                snippets.append(code)
    done = subprocess.run(
        [sys.executable, "-I", "-W", "error", "-c", _RUNNER], input=json.dumps(snippets), cwd=tmp_path,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for (page, logits, beta, options), output in zip(cases, json.loads(done.stdout), strict=True):
        printed = export.read_snippet_output(output)
        expected = export.snippet_numbers(page, logits=logits, beta=beta, options=options)
        assert list(printed) == list(expected), (page, beta)
        for name, value in expected.items():
            np.testing.assert_allclose(
                printed[name], value, rtol=1e-12, atol=0, err_msg=f"{page} {name} β={beta}"
            )


def test_pages_without_the_sidebar_numbers_have_no_snippet():
    assert (
        export.numpy_snippet("exploration", logits=(1.0, 2.0), labels=("a", "b"), scale="T", value=1.0)
        is None
    )
    assert export.numpy_snippet("quiz", logits=(1.0, 2.0), labels=("a", "b"), scale="T", value=1.0) is None
