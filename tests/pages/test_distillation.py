"""The Distillation page, run headless with Streamlit's AppTest: every chart and table against the model, the
settings and temperatures from the link and the buttons, the temperature's extremes and hostile links.

The page's students are cached per process: the first test trains them (about 10 s on one core), the
others mostly reuse them.
"""

from __future__ import annotations

from functools import partial

import pytest
from streamlit.testing.v1 import AppTest

from lessons.common.text import escape_markdown
from lessons.distillation import model
from lessons.distillation.model import HARD
from tests import apptest
from tests.lessons.traces import trace, values
from tests.pages.charts import chart, charts

PAGE = "pages/distillation.py"
CHARTS = [
    "kd_image",
    "kd_teacher_linear",
    "kd_teacher_log",
    "kd_sweep",
    "kd_norms",
    "kd_sweep_t2",
    "kd_omitted",
]
SUBHEADERS = [
    "Dark knowledge",
    "A student trained three ways",
    "Which temperature is best?",
    "Why the soft loss is multiplied by T²",
    "A digit the student never sees",
    "Hinton et al.'s MNIST numbers beside ours",
]

open_page = partial(apptest.open_page, PAGE)
text = apptest.markdown_text


def chart_keys(at: AppTest) -> set[str]:
    return set(charts(at))


def shown_metas(spec: dict) -> list[str]:
    """The ids of the traces a chart shows (a trace of a chart that follows T may be hidden)."""
    return [t["meta"] for t in spec["data"] if t.get("visible", True) is not False]


def test_default_view_draws_every_section_and_the_models_numbers():
    at = open_page()
    assert not at.exception and not at.warning and not at.info and not at.error
    assert chart_keys(at) == set(CHARTS)
    assert [s.value for s in at.subheader] == SUBHEADERS
    # The hard-label student's level on the sweep is the model's own student (seed 0, 50 digits).
    teacher = model.train_teacher(0)
    hard = model.outcome(0, model.train_one(0, teacher, 50, HARD)).scores
    sweep = chart(at, "kd_sweep")
    assert set(values(trace(sweep, "hard")["y"])) == {hard.accuracy}
    page = text(at)
    row = f"Student: hard labels only | {model.percent(hard.accuracy)} ({hard.errors} errors) |"
    assert escape_markdown(row).replace("\\|", "|") in page
    teacher_errors = model.teacher_scores(0, teacher).errors
    assert f"| Teacher | 67 errors | {teacher_errors} errors |" in page  # Hinton et al.'s beside ours
    # At the default T = 1 the two teacher distributions are one.
    assert shown_metas(chart(at, "kd_teacher_linear")) == ["teacher-t1"]
    assert "Raise T to soften the probabilities" in page


def test_a_preset_button_and_the_slider_set_the_students_temperature():
    at = open_page()
    at.button(key="kd_preset_20").click().run()
    assert not at.exception
    assert at.select_slider(key="temperature").value == 20
    assert trace(chart(at, "kd_teacher_linear"), "teacher-current")["name"] == "T = 20"
    assert "At T = 20 the teacher still prefers 7" in text(at)
    at.select_slider(key="temperature").set_value(4.0).run()
    assert not at.exception
    assert values(trace(chart(at, "kd_sweep"), "current-line")["x"]).tolist() == [4.0, 4.0]
    assert "| Student\\: soft targets at T = 4 |" in text(at)


def test_settings_from_the_link_reach_every_section():
    at = open_page(
        T="5", kd_transfer="200", kd_alpha="0.25", kd_t2="without T²", kd_seed="3", kd_digit="2",
        kd_example="4", kd_omit="8",
    )  # fmt: skip
    assert not at.exception and not at.warning
    assert at.select_slider(key="kd_transfer").value == 200
    assert at.select_slider(key="kd_alpha").value == 0.25
    assert at.segmented_control(key="kd_t2").value == "without T²"
    assert at.number_input(key="kd_seed").value == 3
    assert at.segmented_control(key="kd_digit").value == 2
    assert at.number_input(key="kd_example").value == 4
    page = text(at)
    assert "All three students learn from the same 200 digits" in page
    assert escape_markdown("both, α = 0.25 (soft targets at T = 5, no T²)") in page
    assert "every 8 is gone" in page
    assert chart(at, "kd_omitted")["layout"]["title"]["text"] == "Test 8s recognised"


@pytest.mark.parametrize(
    ("extreme", "note"),
    [
        ({"T": "0.01"}, None),
        ({"T": "100"}, None),
        ({"T": "0"}, "At T = 0"),
        ({"T": "inf"}, "At T = ∞"),
        ({"beta": "-inf"}, "The temperature is negative"),
        ({"beta": "-0.5"}, "|T| = 2"),
    ],
)
def test_the_temperatures_extremes_render_with_a_note_where_the_students_use_another_t(extreme, note):
    at = open_page(**extreme)
    assert not at.exception and not at.warning and not at.error
    assert chart_keys(at) == set(CHARTS)
    infos = [info.value for info in at.info]
    assert infos == [] if note is None else (len(infos) == 1 and note in infos[0])


@pytest.mark.parametrize(
    "params",
    [
        {"kd_transfer": "7"},
        {"kd_transfer": "abc"},
        {"kd_alpha": "2"},
        {"kd_alpha": "nan"},
        {"kd_t2": "maybe"},
        {"kd_seed": "-1"},
        {"kd_seed": "1e300"},
        {"kd_digit": "11"},
        {"kd_example": "0"},
        {"kd_example": "51"},
        {"kd_example": "<script>alert(1)</script>"},
        {"kd_omit": "three"},
    ],
)
def test_hostile_page_parameters_fall_back_to_the_defaults_and_are_named_in_one_warning(params):
    at = open_page(**params)
    assert not at.exception and not at.error
    [warning] = at.warning
    [name] = params
    assert f"{name} = " in warning.value and "was ignored" in warning.value
    assert at.select_slider(key="kd_transfer").value == 50
    assert at.select_slider(key="kd_alpha").value == 0.5
    assert at.segmented_control(key="kd_t2").value == "with T²"
    assert at.number_input(key="kd_seed").value == 0
    assert at.segmented_control(key="kd_digit").value == 7
    assert at.number_input(key="kd_example").value == 1
    assert at.segmented_control(key="kd_omit").value == 3
    assert chart_keys(at) == set(CHARTS)
