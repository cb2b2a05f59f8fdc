"""Knowledge distillation: a small student learns from a large teacher's soft targets at temperature T, on
real handwritten digits, trained here. Dark knowledge, three ways to train, the best T, why T², the omitted
digit, and Hinton et al.'s MNIST numbers beside ours."""

import streamlit as st

import ui
from lessons.common.tables import to_markdown
from lessons.common.text import number
from lessons.distillation import figures, model, params
from lessons.distillation.model import HARD, Outcome, Recipe, Settings
from softmax_core import softmax
from softmax_core.classifier import OneHiddenLayerNetwork
from ui import progress
from ui import state as shared
from ui.charts import show
from ui.params import choice_slider


def teacher(seed: int) -> OneHiddenLayerNetwork:
    """The teacher for this split, trained once for every session, behind a progress bar."""
    return progress.cached(
        "distillation-teacher", seed, lambda report: model.train_teacher(seed, report), max_entries=8,
        text=f"Training the teacher, a network with {model.TEACHER_HIDDEN} hidden units, on 1,000 digits…",
    )  # fmt: skip


@st.cache_data(max_entries=1024, show_spinner=False)
def student(
    seed: int, size: int, recipe: Recipe, omit: int | None, _teacher: OneHiddenLayerNetwork
) -> Outcome:
    """One student's test scores, cached by its settings (the teacher is the seed's): never trained twice."""
    return model.outcome(seed, model.train_one(seed, _teacher, size, recipe, omit))


@st.cache_data(max_entries=32, show_spinner=False)
def gradient_norms(seed: int, size: int, _teacher: OneHiddenLayerNetwork) -> model.GradientNorms:
    return model.gradient_norms(seed, _teacher, size)


def train_all(
    settings: Settings, network: OneHiddenLayerNetwork, recipes: list[Recipe], omit: int | None = None
) -> list[Outcome]:
    """Every recipe's student, with a progress bar while they train (cached ones return at once)."""
    bar = st.progress(0.0, text="Training the students…")
    results = []
    for done, recipe in enumerate(recipes):
        bar.progress(
            done / len(recipes), text=f"Training student {done + 1} of {len(recipes)}: {recipe.name}"
        )
        results.append(student(settings.seed, settings.size, recipe, omit, network))
    bar.empty()
    return results


shell = ui.setup(__file__)
st.title("Knowledge distillation")
st.markdown(
    "A large model, the **teacher**, guides the training of a small one, the **student**: the student "
    "learns from the teacher's probabilities as well as from the true labels. At T = 1 those probabilities "
    "are almost one-hot; a higher **temperature** softens them, so the student also sees how the teacher "
    "ranks the wrong answers. Here the digits are scikit-learn's 1,797 handwritten 8×8 images; the teacher "
    "is a network with one hidden layer trained on 1,000 of them, the student a softmax regression trained "
    "on a few dozen, and both are trained in this page. The temperature is in the sidebar (Hinton, Vinyals & "
    "Dean, *Distilling the Knowledge in a Neural Network*, 2015)."
)


def controls(view: ui.View) -> Settings:
    """The students' settings, in the link, and buttons for three telling temperatures."""
    temperature, note = model.distillation_temperature(view.temperature, view.beta)
    if note:
        st.info(note, icon=":material/info:")
    presets = st.columns(len(model.PRESET_TEMPERATURES) + 1, vertical_alignment="bottom")
    presets[0].markdown(f"**T = {number(temperature)}** for the students. Try:")
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
        bind="query-params", help="Which random split of the digits into 1,000 training and 797 test digits.",
    )  # fmt: skip
    return Settings(int(seed), int(size), float(alpha), t2 == params.T_SQUARED_CHOICES[0], temperature)


def show_sweep(settings: Settings, network: OneHiddenLayerNetwork, lines, *, key: str, **options) -> float:
    """Accuracy against T for ``lines``, beside the hard-label student and the teacher; returns the former."""
    hard = student(settings.seed, settings.size, HARD, None, network).scores.accuracy
    teacher_accuracy = model.teacher_scores(settings.seed, network).accuracy
    figure = figures.accuracy_sweep(
        model.SWEEP_TEMPERATURES, lines, hard=hard, teacher=teacher_accuracy, current=settings.temperature,
        **options,
    )  # fmt: skip
    show(figure, key=key)
    return hard


def section_dark_knowledge(settings: Settings, network: OneHiddenLayerNetwork) -> None:
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
    data = model.split(settings.seed)
    logits = network.logits(data.x_test)
    index = model.examples_of(settings.seed, logits, digit)[int(example) - 1]
    p_one, p_now = softmax(logits[index]), softmax(logits[index], temperature=settings.temperature)
    image, linear, log = st.columns([1, 2, 2], gap="medium")
    with image:
        show(figures.digit_image(data.images_test[index], title=f"Test image: a {digit}"), key="kd_image")
    for column, on_log in ((linear, False), (log, True)):
        with column:
            figure = figures.teacher_probabilities(
                p_one, p_now, digit=digit, temperature=settings.temperature, log=on_log
            )
            show(figure, key=f"kd_teacher_{'log' if on_log else 'linear'}")
    st.markdown(model.dark_knowledge_story(p_one, p_now, digit, settings.temperature))


def section_three_ways(settings: Settings, network: OneHiddenLayerNetwork) -> None:
    st.subheader("A student trained three ways")
    recipes = list(model.three_ways(settings.temperature, settings.alpha, settings.t_squared))
    outcomes = train_all(settings, network, recipes)
    teacher_scores = model.teacher_scores(settings.seed, network)
    st.markdown(to_markdown(model.three_ways_table(settings, teacher_scores, recipes, outcomes)))
    st.markdown(model.three_ways_story(settings, outcomes))


def section_sweep(settings: Settings, network: OneHiddenLayerNetwork) -> dict[str, list[Outcome]]:
    st.subheader("Which temperature is best?")
    curves = model.sweep_recipes(settings.alpha)
    outcomes = train_all(settings, network, [recipe for recipes in curves.values() for recipe in recipes])
    results = model.regroup(curves, outcomes)
    lines = [(meta, model.curve_name(meta, settings.alpha), model.accuracies(results[meta]))
             for meta in ("soft", "both")]  # fmt: skip
    hard = show_sweep(settings, network, lines, key="kd_sweep")
    st.markdown(model.sweep_story(settings, results, hard))
    return results


def section_t_squared(
    settings: Settings, network: OneHiddenLayerNetwork, results: dict[str, list[Outcome]]
) -> None:
    st.subheader("Why the soft loss is multiplied by T²")
    plain = train_all(settings, network, model.sweep_recipes(settings.alpha, t_squared=False)["both"])
    norms = gradient_norms(settings.seed, settings.size, network)
    left, right = st.columns(2, gap="large")
    with left:
        figure = figures.gradient_norms(
            norms.temperatures, norms.soft_with, norms.soft_without, norms.hard, current=settings.temperature
        )
        show(figure, key="kd_norms")
    with right:
        lines = [("both", "with T²", model.accuracies(results["both"])),
                 ("both-plain", "without T²", model.accuracies(plain))]  # fmt: skip
        title = f"Both, α = {number(settings.alpha)}: with and without T²"
        hard = show_sweep(settings, network, lines, key="kd_sweep_t2", title=title)
    st.markdown(model.t_squared_story(settings, norms, results["both"], plain, hard))


def section_omitted(settings: Settings, network: OneHiddenLayerNetwork) -> None:
    st.subheader("A digit the student never sees")
    omit = st.segmented_control(
        "Digit left out of the transfer set", params.OMIT.choices, default=params.OMIT.default, required=True,
        key=params.OMIT.name, bind="query-params", wrap=True,
    )  # fmt: skip
    recipes = model.omitted_recipes(settings)
    outcomes = train_all(settings, network, recipes, omit)
    rows = [(model.omitted_meta(recipe), recipe.short, outcome.digit_accuracy[omit])
            for recipe, outcome in zip(recipes, outcomes, strict=True)]  # fmt: skip
    show(figures.omitted_digit(rows, digit=omit), key="kd_omitted")
    st.markdown(model.omitted_story(settings, omit, recipes, outcomes))


def section_hinton(settings: Settings, network: OneHiddenLayerNetwork) -> None:
    st.subheader("Hinton et al.'s MNIST numbers beside ours")
    hinton = Recipe(model.HINTON_T, settings.alpha)
    distilled = student(settings.seed, settings.size, hinton, None, network).scores
    alone = student(settings.seed, settings.size, HARD, None, network).scores
    table = model.hinton_table(model.teacher_scores(settings.seed, network), alone, distilled)
    st.markdown(to_markdown(table))
    st.markdown(model.hinton_story(settings))


def draw(view: ui.View) -> None:
    settings = controls(view)
    network = teacher(settings.seed)
    section_dark_knowledge(settings, network)
    section_three_ways(settings, network)
    results = section_sweep(settings, network)
    section_t_squared(settings, network, results)
    section_omitted(settings, network)
    section_hinton(settings, network)


shell.live(draw)
