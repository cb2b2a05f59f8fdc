"""The shared figure plumbing: figures from plain dicts, unvalidated in the app, checked in the tests."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lessons.common import plot as base
from lessons.playground.figures import probability_bars


def spec_of(figure) -> dict:
    return json.loads(figure.to_json(validate=False))


def test_figures_from_dicts_carry_the_app_template_not_its_name():
    layout = base.base_layout(title="t", x_title="x", y_title="y")
    figure = base.figure([{"type": "bar", "x": ["a"], "y": np.array([1.0])}], layout)
    assert spec_of(figure)["layout"]["template"] == json.loads(json.dumps(base.TEMPLATE))
    assert spec_of(figure)["layout"]["xaxis"]["title"]["text"] == "x"


def test_the_tests_run_every_figure_through_plotly_validation():
    assert base.CHECK_AGAINST_VALIDATION  # set by tests/conftest.py for the whole session
    layout = base.base_layout(title="t", x_title="x", y_title="y")
    with pytest.raises(ValueError, match="no_such_property"):
        base.figure([{"type": "bar", "y": [1.0], "no_such_property": 1}], layout)


def test_the_check_catches_what_only_validation_would_fill_in():
    # Validation resolves a template's name; the unvalidated figure would send the bare name to Plotly.js.
    with pytest.raises(AssertionError, match="differs from the validated one"):
        base.figure([{"type": "bar", "y": [1.0]}], {"template": base.TEMPLATE_NAME, "title": {"text": "t"}})


def test_the_app_builds_figures_without_validation(monkeypatch):
    monkeypatch.setattr(base, "CHECK_AGAINST_VALIDATION", False)
    figure = base.figure([{"type": "bar", "y": [1.0], "opacity": "very"}], {})
    assert spec_of(figure)["data"][0]["opacity"] == "very"  # values go unchecked: the tests are the check
    with pytest.raises(ValueError, match="opacity"):
        monkeypatch.setattr(base, "CHECK_AGAINST_VALIDATION", True)
        base.figure([{"type": "bar", "y": [1.0], "opacity": "very"}], {})


def test_probability_bars_unvalidated_and_validated_are_the_same_figure(monkeypatch):
    args = (np.array([0.659, 0.242, 0.099]), ["cat", "dog", "<b>bird</b>"])
    checked = probability_bars(*args, argmax=np.array([1.0, 0.0, 0.0]), title="T = 1")
    monkeypatch.setattr(base, "CHECK_AGAINST_VALIDATION", False)
    fast = probability_bars(*args, argmax=np.array([1.0, 0.0, 0.0]), title="T = 1")
    assert spec_of(fast) == spec_of(checked)
    bars, onehot = checked.data
    assert list(bars.text) == ["0.659", "0.242", "0.099"] and bars.textposition == "outside"
    assert list(onehot.y) == [1.0, 0.0, 0.0] and onehot.name == "arg max (T → 0)"
    assert checked.layout.yaxis.range == (0, 1.12) and checked.layout.barmode == "group"


def test_the_chart_toolbar_sends_nothing_to_an_outside_service():
    config = base.PLOTLY_CONFIG
    assert config["showSendToCloud"] is False and config["showEditInChartStudio"] is False
    assert "sendChartToCloud" in config["modeBarButtonsToRemove"]
    assert config["displaylogo"] is False
