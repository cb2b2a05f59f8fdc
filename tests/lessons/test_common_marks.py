"""The shared current-T marks and the temperature axis with its exact limits past the ends."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.common import marks
from lessons.common.plot import MARK, base_layout
from lessons.common.text import decade_label


def test_decade_labels_are_plain_near_one_and_powers_of_ten_beyond():
    assert [decade_label(e) for e in (-3, -2, 0, 2, 3)] == ["0.001", "0.01", "1", "100", "1000"]
    assert decade_label(-6) == "10⁻⁶" and decade_label(5) == "10⁵" and decade_label(-300) == "10⁻³⁰⁰"


def test_temperature_axis_puts_the_exact_limits_past_the_ends_as_0_and_infinity():
    layout = base_layout(title="t", x_title="x", y_title="y")
    marks.temperature_axis(layout, (0.01, 100.0))
    axis = layout["xaxis"]
    cold, hot = marks.limit_positions((0.01, 100.0))
    assert axis["type"] == "log"
    assert axis["ticktext"] == ["0", "0.01", "0.1", "1", "10", "100", "∞"]
    np.testing.assert_allclose(axis["tickvals"], [cold, 0.01, 0.1, 1, 10, 100, hot])
    # The limits sit inside the drawn range, a little beyond the span's ends.
    assert axis["range"][0] < math.log10(cold) < -2 and 2 < math.log10(hot) < axis["range"][1]


def test_temperature_axis_over_hundreds_of_decades_keeps_about_eight_ticks():
    layout = base_layout(title="t", x_title="x", y_title="y")
    marks.temperature_axis(layout, (5e-301, 100.0))
    assert 3 <= len(layout["xaxis"]["ticktext"]) - 2 <= 9
    assert layout["xaxis"]["ticktext"][1] == "10⁻³⁰⁰"


def test_current_line_is_a_dotted_trace_with_a_stable_id():
    line = marks.current_line(0.5, name="current T = 0.5", top=3.0, meta="now")
    assert line["meta"] == "now" and line["line"]["dash"] == "dot" and line["line"]["color"] == MARK
    np.testing.assert_array_equal(line["x"], [0.5, 0.5])
    np.testing.assert_array_equal(line["y"], [0.0, 3.0])


@pytest.mark.parametrize(("value", "drawn", "symbol"), [(2.0, 2.0, "circle"), (9.0, 5.0, "triangle-up"),
                                                        (math.inf, 5.0, "triangle-up")])  # fmt: skip
def test_current_point_above_the_top_is_a_triangle_at_the_top_with_its_value_in_the_hover(
    value, drawn, symbol
):
    point = marks.current_point(1.0, value, name="now", top=5.0, text="T = 1", units="nats")
    assert point["y"][0] == drawn and point["marker"]["symbol"] == symbol
    assert point["text"] == ["T = 1"] and point["mode"] == "markers+text"
    expected = "∞" if math.isinf(value) else marks.number(value)
    assert f"now: {expected} nats" in point["hovertemplate"]
    assert marks.current_point(1.0, 2.0, name="now", top=5.0)["mode"] == "markers"


def test_a_subtitle_is_a_muted_second_line_with_room_above_the_plot():
    # Beside add_note, which takes the same place in the mark colour.
    from lessons.common.plot import MUTED, subtitle

    layout = base_layout(title="Gradient of the loss", x_title="x", y_title="y")
    subtitle(layout, "∂L/∂z = β(p − onehot(target))")
    assert layout["title"] == {
        "text": "Gradient of the loss",
        "subtitle": {"text": "∂L/∂z = β(p − onehot(target))", "font": {"size": 15, "color": MUTED}},
    }
    assert layout["margin"]["t"] == 100
    layout["margin"]["t"] = 130
    subtitle(layout, "again")
    assert layout["margin"]["t"] == 130  # never less room than the layout already asked for


def test_a_narrow_temperature_axis_leaves_the_span_ends_unlabelled_beside_the_limits():
    layout = base_layout(title="t", x_title="x", y_title="y")
    marks.temperature_axis(layout, (0.01, 100.0), label_ends=False)
    assert layout["xaxis"]["ticktext"] == ["0", "", "0.1", "1", "10", "", "∞"]
    assert len(layout["xaxis"]["tickvals"]) == 7  # the grid lines at 0.01 and 100 stay
