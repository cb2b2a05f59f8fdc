"""Knowledge distillation: a small student learns from a large teacher's soft targets at temperature T, on
real handwritten digits, trained here. Dark knowledge, three ways to train, the best T, why T², the omitted
digit, and Hinton et al.'s MNIST numbers beside ours."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import ui
from lessons.common import tables
from lessons.common.text import number
from lessons.distillation import captions, charts, figures, model, params
from lessons.distillation.model import HARD, Outcome, Recipe, Settings
from softmax_core.classifier import OneHiddenLayerNetwork
from ui import instant_chart, instant_numbers, progress
from ui import state as shared
from ui.charts import show
from ui.params import choice_slider
from ui.state import SharedState


@dataclass(frozen=True)
class Students:
    """The students of these settings and their teacher, each trained once for every session, with a bar."""

    settings: Settings
    network: OneHiddenLayerNetwork
    bar: DeltaGenerator  # the place of every training's bar: under the controls, one element for them all

    @classmethod
    def of(cls, settings: Settings) -> "Students":
        train = partial(model.train_teacher, settings.seed)
        bar = st.empty()
        teacher = progress.cached("distillation-teacher", settings.seed, train,
                                  text=captions.TEACHER_TRAINING, max_entries=8, slot=bar)  # fmt: skip
        return cls(settings, teacher, bar)

    def one(self, recipe: Recipe = HARD, omit: int | None = None) -> Outcome:
        key = self.settings.seed, self.settings.size, recipe, omit
        train = partial(model.trained_outcome, key[0], self.network, key[1], recipe, omit)
        return progress.cached("distillation-student", key, train, text=captions.student_training(recipe),
                               max_entries=1024, slot=self.bar)  # fmt: skip

    def curves(self, curves: dict[str, list[Recipe]], omit: int | None = None) -> dict[str, list[Outcome]]:
        """Every curve's students, at every T of the sweep: nothing here depends on the slider."""
        return model.regroup(curves, [self.one(recipe, omit) for line in curves.values() for recipe in line])

    def levels(self) -> dict[str, float]:
        """The hard-label student's and the teacher's test accuracy: the sweeps' two levels."""
        teacher_scores = model.teacher_scores(self.settings.seed, self.network)
        return {"hard": self.one().scores.accuracy, "teacher": teacher_scores.accuracy}

    def follow(self, view: ui.View, build: Callable[..., go.Figure], *args, key: str, inputs=(), **options):
        """Draw ``build(*args, beta=β, temperature=T, …)``, a builder of ``charts``, following the slider."""

        def chart(at: SharedState) -> go.Figure:
            return build(*args, beta=at.beta, temperature=at.temperature, **options)

        instant_chart.follow(chart, view.state, key=key, inputs=(self.settings.without_temperature, inputs))


def controls(view: ui.View) -> Settings:
    """The students' settings, in the link, and buttons for three telling temperatures."""
    temperature, note = model.distillation_temperature(view.temperature, view.beta)
    place = st.empty()  # its place on every run: what follows keeps its own (see ui.progress)
    instant_numbers.same_at(lambda at: model.distillation_temperature(at.temperature, at.beta)[1], view.state)
    if note:
        place.info(note, icon=":material/info:")
    presets = st.columns(len(model.PRESET_TEMPERATURES) + 1, vertical_alignment="bottom")
    with presets[0]:  # the students' T, following the slider
        instant_numbers.markdown(captions.students_temperature, view.state, key="students_temperature_text")
    for column, preset in zip(presets[1:], model.PRESET_TEMPERATURES, strict=True):
        column.button(
            f"T = {number(preset)}", key=f"kd_preset_{number(preset)}", on_click=shared.set_temperature,
            args=("T", preset), width="stretch",
        )  # fmt: skip
    size_column, alpha_column, t2_column, seed_column = st.columns([1.3, 1.3, 1, 0.8], gap="medium")
    size = choice_slider(params.TRANSFER, "Transfer set (digits the students learn from)", size_column)
    alpha = choice_slider(params.ALPHA, "α, weight of the soft targets", alpha_column)
    t2 = t2_column.segmented_control(
        "Soft loss", params.T_SQUARED.choices, default=params.T_SQUARED.default, required=True,
        key=params.T_SQUARED.name, bind="query-params",
    )  # fmt: skip
    seed = seed_column.number_input(
        "Data split", min_value=0, max_value=model.MAX_SEED, step=1, key=params.SPLIT_SEED.name,
        bind="query-params", help=captions.SPLIT_HELP,
    )  # fmt: skip
    return Settings(int(seed), int(size), float(alpha), t2 == params.T_SQUARED_CHOICES[0], temperature)


@ui.section("dark_knowledge")
def section_dark_knowledge(view: ui.View, students: Students) -> None:
    st.subheader("Dark knowledge")
    digit_column, example_column = st.columns([3, 1], vertical_alignment="bottom")
    digit = digit_column.segmented_control(
        "Digit", params.DIGIT.choices, default=params.DIGIT.default, required=True, key=params.DIGIT.name,
        bind="query-params", wrap=True,
    )  # fmt: skip
    example = example_column.number_input(
        "Example (1: the teacher's surest)", min_value=1, max_value=model.MAX_EXAMPLE, step=1,
        key=params.EXAMPLE.name, bind="query-params",
    )  # fmt: skip
    seed = students.settings.seed
    index, logits = model.example(seed, students.network, digit, int(example))
    image, *columns = st.columns([1, 2, 2], gap="medium")
    with image:
        show(figures.digit_image(model.split(seed).images_test[index], title=f"Test image: a {digit}"),
             key="kd_image")  # fmt: skip
    for column, log in zip(columns, (False, True), strict=True):
        with column:
            key = f"kd_teacher_{'log' if log else 'linear'}"
            students.follow(view, charts.teacher_chart, logits, digit=digit, log=log, key=key, inputs=index)
    st.markdown(model.dark_knowledge_intro(logits, digit))
    # One piece: its words change with T (at T = 1 it asks to raise T), at a stop two softmaxes of ten logits.
    now = lambda at: (model.dark_knowledge_at(logits, digit, at),)  # noqa: E731
    instant_numbers.pieces(now, view.state, key="dark_knowledge_text")


@ui.section("three_ways")
def section_three_ways(view: ui.View, students: Students) -> None:
    """Three students trained at the sidebar's T, and at the stops near it: their table and story follow."""
    st.subheader("A student trained three ways")
    teacher_scores = model.teacher_scores(students.settings.seed, students.network)

    def trained(at: SharedState) -> tuple[Settings, list[Recipe], list[Outcome]]:  # each one trained once
        temperature, _ = model.distillation_temperature(at.temperature, at.beta)
        settings = replace(students.settings, temperature=temperature)
        recipes = list(model.three_ways(settings.temperature, settings.alpha, settings.t_squared))
        return settings, recipes, [students.one(recipe) for recipe in recipes]

    def table(at: SharedState) -> tuple[list[object], list[list[object]]]:
        settings, recipes, outcomes = trained(at)
        return tables.cells(model.three_ways_table(settings, teacher_scores, recipes, outcomes))

    instant_numbers.table(table, view.state, key="three_ways_table")  # words too: "T = 1.2" in a name
    story = lambda at: model.three_ways_story(*trained(at)[::2])  # noqa: E731
    instant_numbers.markdown(story, view.state, key="three_ways_story")


@ui.section("best_t")
def section_sweep(view: ui.View, students: Students) -> None:
    st.subheader("Which temperature is best?")
    results = students.curves(model.sweep_recipes(students.settings.alpha))
    lines = model.sweep_lines(results, students.settings.alpha)
    students.follow(view, charts.sweep_chart, lines, key="kd_sweep", **students.levels())
    st.markdown(model.sweep_story(students.settings, results, students.one().scores.accuracy))


@ui.section("t_squared")
def section_t_squared(view: ui.View, students: Students) -> None:
    st.subheader("Why the soft loss is multiplied by T²")
    settings = students.settings
    both = students.curves(model.sweep_recipes(settings.alpha))["both"]
    plain = [students.one(recipe) for recipe in model.sweep_recipes(settings.alpha, t_squared=False)["both"]]
    compute = partial(model.gradient_norms, settings.seed, students.network, settings.size)
    norms = progress.cached("distillation-norms", (settings.seed, settings.size), lambda _: compute(),
                            text=captions.GRADIENTS)  # fmt: skip
    left, right = st.columns(2, gap="large")
    with left:
        students.follow(view, charts.norms_chart, norms, key="kd_norms")
    with right:
        lines, title = model.t_squared_lines(both, plain), captions.t_squared_title(settings.alpha)
        students.follow(view, charts.sweep_chart, lines, key="kd_sweep_t2", title=title, **students.levels())
    st.markdown(model.t_squared_story(settings, norms, both, plain, students.one().scores.accuracy))


@ui.section("omitted")
def section_omitted(view: ui.View, students: Students) -> None:
    """The students without one digit, at every T of the sweep: only the current T's mark moves with T."""
    st.subheader("A digit the student never sees")
    omit = st.segmented_control(
        "Digit left out of the transfer set", params.OMIT.choices, default=params.OMIT.default, required=True,
        key=params.OMIT.name, bind="query-params", wrap=True,
    )  # fmt: skip
    settings = students.settings
    results = students.curves(model.omitted_recipes(settings), omit)
    lines, hard = model.sweep_lines(results, settings.alpha, omit), students.one(HARD, omit)
    students.follow(
        view, charts.sweep_chart, lines, key="kd_omitted", inputs=omit, hard=hard.digit_accuracy[omit],
        teacher=model.teacher_digit_accuracy(settings.seed, students.network, omit),
        **captions.omitted_titles(omit),
    )  # fmt: skip
    st.markdown(model.omitted_story(settings, omit, hard, results))


@ui.section("hinton")
def section_hinton(view: ui.View, students: Students) -> None:
    st.subheader("Hinton et al.'s MNIST numbers beside ours")
    distilled = students.one(Recipe(model.HINTON_T, students.settings.alpha)).scores
    teacher_scores = model.teacher_scores(students.settings.seed, students.network)
    st.markdown(tables.to_markdown(model.hinton_table(teacher_scores, students.one().scores, distilled)))
    st.markdown(model.hinton_story(students.settings))


shell = ui.setup(__file__)
st.title("Knowledge distillation")
st.markdown(captions.INTRO)


def draw(view: ui.View) -> None:
    students = Students.of(controls(view))
    for section in (section_dark_knowledge, section_three_ways, section_sweep, section_t_squared,
                    section_omitted, section_hinton):  # fmt: skip
        section(view, students)


shell.live(draw, follows=True)
