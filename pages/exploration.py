"""Exploration: softmax action selection on Sutton & Barto's 10-armed testbed, where the temperature sets
how boldly an agent explores. Learning curves, the parameter study, one agent step by step, the gradient
bandit."""

import streamlit as st

import ui
from lessons.common.text import number
from lessons.exploration import figures, model, params
from lessons.exploration.model import Job, Run, Study
from softmax_core.bandit import AgentTrace, Annealing, LearningCurves, agent_trace
from ui.charts import show
from ui.params import choice_slider


@st.cache_data(max_entries=256, show_spinner=False)
def curves(run: Run) -> LearningCurves:
    """One testbed run, cached: the same settings never run twice."""
    return run.curves()


@st.cache_data(max_entries=32, show_spinner=False)
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


def _advance(count: int) -> None:
    steps = int(st.session_state.get(params.AGENT_STEPS.name) or 0)
    st.session_state[params.AGENT_STEPS.name] = min(steps + count, model.MAX_AGENT_STEPS)


def _reset() -> None:
    st.session_state[params.AGENT_STEPS.name] = 0


def _new_problem() -> None:
    seed = int(st.session_state.get(params.AGENT_SEED.name) or 0)
    st.session_state[params.AGENT_SEED.name] = (seed + 1) % (model.MAX_SEED + 1)
    st.session_state[params.AGENT_STEPS.name] = 0


shell = ui.setup(__file__)
st.title("Exploration: softmax on the k-armed bandit")
st.markdown(
    "A **bandit** has 10 arms; each pays a noisy reward around a true value the agent does not know. The "
    "agent keeps an estimate Q(a) of each arm and must choose: pull the arm that looks best (**exploit**) or "
    "try another whose estimate may be wrong (**explore**). A **softmax agent** pulls arm a with probability "
    "softmax(Q/τ)ₐ, so one knob, the temperature τ (the **T** on the left), sets how boldly it explores. "
    "This is Sutton & Barto's 10-armed testbed (*Reinforcement Learning*, 2nd ed., ch. 2): every curve "
    "averages many agents, each on its own randomly drawn bandit."
)


def section_learning_curves(view: ui.View) -> None:
    st.subheader("Learning curves")
    tau = model.agent_temperature(view.temperature, view.beta)
    left, right = st.columns(2)
    epsilon = choice_slider(params.EPSILON, "ε of the ε-greedy agent", left)
    runs = choice_slider(params.RUNS, "Runs (bandit problems averaged)", right)
    jobs = model.learning_jobs(tau, epsilon, runs, None)
    series = [(job.meta, job.name, result) for job, result in zip(jobs, run_jobs(jobs), strict=True)]
    reward_column, optimal_column = st.columns(2, gap="large")
    with reward_column:
        show(
            figures.learning_curves([(m, n, c.mean_reward) for m, n, c in series], kind="reward"),
            key="rewards",
        )
    with optimal_column:
        show(
            figures.learning_curves([(m, n, c.optimal_fraction) for m, n, c in series], kind="optimal"),
            key="optimal",
        )
    st.markdown(model.learning_story(tau, runs, *(c for _, _, c in series[:3])))


def section_parameter_study(view: ui.View) -> None:
    st.subheader("Which temperature is best? It depends on the rewards")
    scale = choice_slider(params.REWARD_SCALE, "Reward scale σ (spread of the arms' values and of the noise)")
    runs = st.session_state.get(params.RUNS.name, params.RUNS.default)
    tau_jobs, epsilon_jobs = model.study_jobs(runs, scale)
    results = run_jobs(tau_jobs + epsilon_jobs)
    study = Study.of(results[: len(tau_jobs)], results[len(tau_jobs) :])
    tau = model.agent_temperature(view.temperature, view.beta)
    show(
        figures.parameter_study(
            study.taus,
            study.tau_rewards,
            study.epsilons,
            study.epsilon_rewards,
            best=study.best,
            current_tau=tau,
            reward_scale=scale,
        ),
        key="study",
    )
    st.markdown(model.study_story(scale, study.best_tau))
    now = curves(Run("softmax", runs, tau=tau, reward_scale=scale))
    st.markdown(model.temperature_story(tau, now, study, scale))


def annealing_controls() -> tuple[str, float, int]:
    """The annealing schedule's kind, final τ and length."""
    kind_column, end_column, length_column = st.columns(3)
    kind = kind_column.selectbox(
        "Anneal τ from T",
        params.ANNEAL.choices,
        key=params.ANNEAL.name,
        bind="query-params",
        help="Start hot and end cold: τ falls from the current T to the final τ over the steps chosen.",
    )
    end = choice_slider(params.ANNEAL_TO, "Final τ", end_column, disabled=kind == "off")
    length = choice_slider(params.ANNEAL_STEPS, "Steps to reach it", length_column, disabled=kind == "off")
    return kind, end, length


def section_one_agent(view: ui.View) -> None:
    st.subheader("One agent, step by step")
    tau = model.agent_temperature(view.temperature, view.beta)
    step, hundred, reset, new = st.columns(4)
    step.button("Step", key="agent_step", on_click=_advance, args=(1,), width="stretch")
    hundred.button("Run 100", key="agent_run_100", on_click=_advance, args=(100,), width="stretch")
    reset.button("Reset", key="agent_reset", on_click=_reset, width="stretch")
    new.button(
        "New problem", key="agent_new", on_click=_new_problem, icon=":material/casino:", width="stretch"
    )
    count, problem = st.columns(2)
    steps = count.number_input(
        "Steps taken",
        min_value=0,
        max_value=model.MAX_AGENT_STEPS,
        step=1,
        key=params.AGENT_STEPS.name,
        bind="query-params",
    )
    seed = problem.number_input(
        "Problem number (seed)",
        min_value=0,
        max_value=model.MAX_SEED,
        step=1,
        key=params.AGENT_SEED.name,
        bind="query-params",
    )
    kind, end, length = annealing_controls()
    annealing, why_not = model.schedule(kind, tau, end, length)
    if why_not:
        st.caption(why_not)
    history = trace(int(steps), int(seed), annealing or tau)
    chosen = int(history.actions[-1]) if len(history.actions) else None
    beliefs, policy = st.columns(2, gap="large")
    with beliefs:
        figure = figures.estimates_chart(
            history.estimates[-1], history.true_values, history.counts[-1], chosen=chosen
        )
        show(figure, key="estimates")
    with policy:
        figure = figures.policy_chart(
            history.probabilities[-1], chosen=chosen, tau=float(history.temperatures[-1])
        )
        show(figure, key="policy")
    st.markdown(model.agent_story(history))
    if len(history.actions):
        best_value = float(history.true_values[history.best_arm])
        show(figures.agent_history(history.rewards, best_value, history.temperatures), key="agent_history")
    if annealing is not None:
        runs = st.session_state.get(params.RUNS.name, params.RUNS.default)
        constant, annealed = (curves(Run("softmax", runs, tau=t)) for t in (tau, annealing))
        st.markdown(model.annealing_story(annealing, constant, annealed, runs))


def section_gradient(view: ui.View) -> None:
    st.subheader("The gradient bandit: softmax of learnt preferences")
    runs = st.session_state.get(params.RUNS.name, params.RUNS.default)
    jobs = model.gradient_jobs(runs)
    results = run_jobs(jobs)
    show(
        figures.gradient_curves(
            [(j.meta, j.name, r.optimal_fraction) for j, r in zip(jobs, results, strict=True)]
        ),
        key="gradient",
    )
    st.markdown(model.gradient_story({job.meta: r for job, r in zip(jobs, results, strict=True)}))


def draw(view: ui.View) -> None:
    if view.beta < 0:
        st.info(
            "The temperature is negative: softmax would favour the arms that look *worst*, which no learner "
            f"wants. The agents here use |T| = {number(abs(view.temperature))}.",
            icon=":material/info:",
        )
    section_learning_curves(view)
    section_parameter_study(view)
    section_one_agent(view)
    section_gradient(view)


shell.live(draw)
