"""Exploration: softmax action selection on Sutton & Barto's 10-armed testbed, where the temperature sets
how boldly an agent explores. Learning curves, the parameter study, one agent step by step, the gradient
bandit."""

import streamlit as st

import ui
from lessons.exploration import captions, figures, model, params
from lessons.exploration.model import Job, Run, Study
from softmax_core.bandit import AgentTrace, Annealing, LearningCurves, agent_trace
from ui import instant_chart
from ui.charts import show
from ui.params import choice_slider
from ui.state import SharedState


@st.cache_data(max_entries=256, show_spinner=False)
def curves(run: Run) -> LearningCurves:
    """One testbed run, cached: the same settings never run twice (nor the same stop of the slider)."""
    return run.curves()


@st.cache_data(max_entries=64, show_spinner=False)
def trace(steps: int, seed: int, tau: float | Annealing) -> AgentTrace:
    return agent_trace(policy="softmax", tau=tau, steps=steps, seed=seed)


def run_jobs(jobs: tuple[Job, ...]) -> list[LearningCurves]:
    """Every job's curves, with a progress bar while they run (cached ones return at once)."""
    bar = st.progress(0.0, text=model.job_label(jobs[0]))
    results = []
    for done, job in enumerate(jobs):
        bar.progress(done / len(jobs), text=model.job_label(job))
        results.append(curves(job.run))
    bar.empty()
    return results


def tau_at(at: SharedState) -> float:
    """The agents' τ at a stop of the temperature slider."""
    return model.agent_temperature(at.temperature, at.beta)


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
    results = run_jobs(model.learning_jobs(tau_at(view.state), epsilon, runs, None))

    def follow(kind: str, key: str) -> None:  # the panel at any stop: only softmax's curve runs again
        def panel(at: SharedState):
            jobs = model.learning_jobs(tau_at(at), epsilon, runs, None)
            return figures.learning_panel([(job.meta, job.name, curves(job.run)) for job in jobs], kind=kind)

        instant_chart.follow(panel, view.state, key=key, inputs=(epsilon, runs))

    reward_column, optimal_column = st.columns(2, gap="large")
    with reward_column:
        follow("reward", "rewards")
    with optimal_column:
        follow("optimal", "optimal")
    st.markdown(model.learning_story(tau_at(view.state), runs, *results[:3]))


@ui.section("study")
def section_parameter_study(view: ui.View) -> None:
    st.subheader("Which temperature is best? It depends on the rewards")
    scale = choice_slider(params.REWARD_SCALE, "Reward scale σ (spread of the arms' values and of the noise)")
    runs = _runs()
    tau_jobs, epsilon_jobs = model.study_jobs(runs, scale)
    results = run_jobs(tau_jobs + epsilon_jobs)
    study = Study.of(results[: len(tau_jobs)], results[len(tau_jobs) :])

    def marked(at: SharedState):
        return figures.study_chart(study, current_tau=tau_at(at), reward_scale=scale)

    instant_chart.follow(marked, view.state, key="study", inputs=(runs, scale))
    st.markdown(model.study_story(scale, study.best_tau))
    tau = tau_at(view.state)
    now = curves(Run("softmax", runs, tau=tau, reward_scale=scale))
    st.markdown(model.temperature_story(tau, now, study, scale))


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
    annealing, why_not = model.schedule(kind, tau_at(view.state), end, length)
    if why_not:
        st.caption(why_not)

    def history(at: SharedState) -> AgentTrace:  # the same problem and luck at any stop, with its τ
        annealed, _ = model.schedule(kind, tau_at(at), end, length)
        return trace(steps, seed, annealed or tau_at(at))

    def follow(chart, key: str) -> None:
        instant_chart.follow(
            lambda at: chart(history(at)), view.state, key=key, inputs=(steps, seed, kind, end, length)
        )

    beliefs, policy = st.columns(2, gap="large")
    with beliefs:
        follow(figures.beliefs_chart, "estimates")
    with policy:
        follow(figures.choice_chart, "policy")
    st.markdown(model.agent_story(history(view.state)))
    if steps:
        follow(figures.history_chart, "agent_history")
    if annealing is not None:
        constant, annealed = (curves(Run("softmax", _runs(), tau=t)) for t in (annealing.start, annealing))
        st.markdown(model.annealing_story(annealing, constant, annealed, _runs()))


@ui.section("gradient")
def section_gradient(view: ui.View) -> None:
    st.subheader("The gradient bandit: softmax of learnt preferences")
    jobs = model.gradient_jobs(_runs())
    results = {job.meta: result for job, result in zip(jobs, run_jobs(jobs), strict=True)}
    show(
        figures.gradient_curves([(j.meta, j.name, results[j.meta].optimal_fraction) for j in jobs]),
        key="gradient",
    )
    st.markdown(model.gradient_story(results))


def draw(view: ui.View) -> None:
    if view.beta < 0:
        st.info(captions.negative_temperature(view.temperature), icon=":material/info:")
    section_learning_curves(view)
    section_parameter_study(view)
    section_one_agent(view)
    section_gradient(view)


shell = ui.setup(__file__)
st.title("Exploration: softmax on the k-armed bandit")
st.markdown(captions.INTRO)
shell.live(draw)
