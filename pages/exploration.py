"""Exploration: softmax action selection on Sutton & Barto's 10-armed testbed, where the temperature sets
how boldly an agent explores. Learning curves, the parameter study, one agent step by step, the gradient
bandit."""

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

import ui
from lessons.exploration import captions, charts, figures, model, params
from lessons.exploration.charts import Agent
from lessons.exploration.model import Job, Run, Study
from softmax_core.bandit import AgentTrace, Annealing, LearningCurves
from ui import instant_chart, instant_numbers
from ui.charts import show
from ui.params import choice_slider
from ui.state import SharedState


@st.cache_data(max_entries=256, show_spinner=False)
def curves(run: Run) -> LearningCurves:
    """One testbed run, cached: the same settings never run twice (nor the same stop of the slider)."""
    return run.curves()


@st.cache_data(max_entries=64, show_spinner=False)
def trace(steps: int, seed: int, tau: float | Annealing) -> AgentTrace:
    return charts.softmax_agent(steps, seed, tau)


@contextmanager
def running(jobs: tuple[Job, ...], then: str = captions.DRAWING) -> Iterator[list[LearningCurves]]:
    """Every job's curves, with a progress bar while they run (cached ones return at once) and, saying
    ``then``, while the block draws them: a chart that follows T runs the agents at the nearby stops too."""
    bar = st.progress(0.0, text=model.job_label(jobs[0]))
    results = []
    for done, job in enumerate(jobs):
        bar.progress(done / len(jobs), text=model.job_label(job))
        results.append(curves(job.run))
    bar.progress(1.0, text=then)
    try:
        yield results
    finally:
        bar.empty()


def _runs() -> int:
    return st.session_state.get(params.RUNS.name, params.RUNS.default)


def _advance(count: int) -> None:
    steps = int(st.session_state.get(params.AGENT_STEPS.name) or 0)
    st.session_state[params.AGENT_STEPS.name] = min(steps + count, model.MAX_AGENT_STEPS)


def _reset() -> None:
    st.session_state[params.AGENT_STEPS.name] = 0


def _new_problem() -> None:
    seed = int(st.session_state.get(params.AGENT_SEED.name) or 0)
    st.session_state[params.AGENT_SEED.name] = (seed + 1) % (model.MAX_SEED + 1)
    st.session_state[params.AGENT_STEPS.name] = 0


@ui.section("learning")
def section_learning_curves(view: ui.View) -> None:
    st.subheader("Learning curves")
    left, right = st.columns(2)
    epsilon = choice_slider(params.EPSILON, "ε of the ε-greedy agent", left)
    runs = choice_slider(params.RUNS, "Runs (bandit problems averaged)", right)

    def follow(kind: str, key: str) -> None:  # the panel at any stop: only softmax's curve runs again
        def panel(at: SharedState):
            settings = {"epsilon": epsilon, "runs": runs, "kind": kind}
            return charts.learning(at.temperature, at.beta, **settings, curves=curves)

        instant_chart.follow(panel, view.state, key=key, inputs=(epsilon, runs))

    jobs = model.learning_jobs(charts.tau_of(view), epsilon, runs, None)
    with running(jobs, then=captions.NEARBY) as results:
        reward_column, optimal_column = st.columns(2, gap="large")
        with reward_column:
            follow("reward", "rewards")
        with optimal_column:
            follow("optimal", "optimal")
    _, epsilon_greedy, greedy = results[:3]

    def learning_story(at: SharedState) -> str:  # softmax: the curves its chart was drawn from
        softmax = curves(Run("softmax", runs, tau=charts.tau_of(at)))
        return model.learning_story(charts.tau_of(at), runs, softmax, epsilon_greedy, greedy)

    instant_numbers.markdown(learning_story, view.state, key="learning_story")


@ui.section("study")
def section_parameter_study(view: ui.View) -> None:
    st.subheader("Which temperature is best? It depends on the rewards")
    scale = choice_slider(params.REWARD_SCALE, "Reward scale σ (spread of the arms' values and of the noise)")
    runs = _runs()
    tau_jobs, epsilon_jobs = model.study_jobs(runs, scale)
    with running(tau_jobs + epsilon_jobs) as results:
        study = Study.of(results[: len(tau_jobs)], results[len(tau_jobs) :])

        def marked(at: SharedState):
            return charts.study(at.temperature, at.beta, results=study, reward_scale=scale)

        instant_chart.follow(marked, view.state, key="study", inputs=(runs, scale))
    st.markdown(model.study_story(scale, study.best_tau))

    def temperature_story(at: SharedState) -> str:  # at σ = 1, the runs of the learning curves at the stop
        now = curves(Run("softmax", runs, tau=charts.tau_of(at), reward_scale=scale))
        return model.temperature_story(charts.tau_of(at), now, study, scale)

    instant_numbers.markdown(temperature_story, view.state, key="temperature_story")


def agent_controls() -> tuple[int, int]:
    """Step, Run 100, Reset, New problem; then the steps taken and the problem's number, both in the link."""
    step, hundred, reset, new = st.columns(4)
    step.button("Step", key="agent_step", on_click=_advance, args=(1,), width="stretch")
    hundred.button("Run 100", key="agent_run_100", on_click=_advance, args=(100,), width="stretch")
    reset.button("Reset", key="agent_reset", on_click=_reset, width="stretch")
    new.button(
        "New problem", key="agent_new", on_click=_new_problem, icon=":material/casino:", width="stretch"
    )
    count, problem = st.columns(2)
    steps = count.number_input(
        "Steps taken", min_value=0, max_value=model.MAX_AGENT_STEPS, step=1, key=params.AGENT_STEPS.name,
        bind="query-params",
    )  # fmt: skip
    seed = problem.number_input(
        "Problem number (seed)", min_value=0, max_value=model.MAX_SEED, step=1, key=params.AGENT_SEED.name,
        bind="query-params",
    )  # fmt: skip
    return int(steps), int(seed)


def annealing_controls() -> tuple[str, float, int]:
    """The annealing schedule's kind, final τ and length."""
    kind_column, end_column, length_column = st.columns(3)
    kind = kind_column.selectbox(
        "Anneal τ from T", params.ANNEAL.choices, key=params.ANNEAL.name, bind="query-params",
        help=captions.ANNEAL_HELP,
    )  # fmt: skip
    end = choice_slider(params.ANNEAL_TO, "Final τ", end_column, disabled=kind == "off")
    length = choice_slider(params.ANNEAL_STEPS, "Steps to reach it", length_column, disabled=kind == "off")
    return kind, end, length


@ui.section("agent")
def section_one_agent(view: ui.View) -> None:
    st.subheader("One agent, step by step")
    steps, seed = agent_controls()
    kind, end, length = annealing_controls()
    annealing, why_not = model.schedule(kind, charts.tau_of(view), end, length)
    # The note on a schedule that cannot start from T comes and goes with T; with a schedule, its story
    # needs two more testbed runs at each stop: there a move waits for the server.
    instant_numbers.same_at(lambda at: model.schedule(kind, charts.tau_of(at), end, length), view.state)
    if why_not:
        st.caption(why_not)
    agent = Agent(steps, seed, kind, end, length)

    def follow(chart, key: str) -> None:  # the same problem and luck at any stop, with its τ
        instant_chart.follow(
            lambda at: chart(at.temperature, at.beta, agent=agent, traces=trace), view.state, key=key,
            inputs=agent,
        )  # fmt: skip

    beliefs, policy = st.columns(2, gap="large")
    with beliefs:
        follow(charts.estimates, "estimates")
    with policy:
        follow(charts.policy, "policy")
    agent_story = lambda at: model.agent_story(agent.trace(at.temperature, at.beta, trace))  # noqa: E731
    instant_numbers.markdown(agent_story, view.state, key="agent_story")
    if steps:
        follow(charts.rewards, "agent_history")
    if annealing is not None:
        constant, annealed = (curves(Run("softmax", _runs(), tau=t)) for t in (annealing.start, annealing))
        st.markdown(model.annealing_story(annealing, constant, annealed, _runs()))


@ui.section("gradient")
def section_gradient(view: ui.View) -> None:
    st.subheader("The gradient bandit: softmax of learnt preferences")
    jobs = model.gradient_jobs(_runs())
    with running(jobs) as curves_of:
        results = {job.meta: result for job, result in zip(jobs, curves_of, strict=True)}
        show(
            figures.gradient_curves([(j.meta, j.name, results[j.meta].optimal_fraction) for j in jobs]),
            key="gradient",
        )
    st.markdown(model.gradient_story(results))


def draw(view: ui.View) -> None:
    note = st.empty()  # its place on every run: what follows keeps its own (see ui.progress)
    instant_numbers.same_at(lambda at: at.beta < 0, view.state)  # the note comes and goes with the sign
    if view.beta < 0:
        note.info(captions.negative_temperature(view.temperature), icon=":material/info:")
    section_learning_curves(view)
    section_parameter_study(view)
    section_one_agent(view)
    section_gradient(view)


shell = ui.setup(__file__)
st.title("Exploration: softmax on the k-armed bandit")
st.markdown(captions.INTRO)
shell.live(draw, follows=True)
