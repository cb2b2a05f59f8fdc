"""Quiz: predict, then see. A round of questions drawn from the current view; each answer is revealed with
the chart that explains it; a score at the end and a variation of every missed question."""

import contextlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

import ui
from lessons.common.text import escape_markdown
from lessons.quiz import figures, model
from lessons.quiz.params import QUIZ
from ui.charts import show

PROGRESS_KEY = "_quiz_progress"
MISSING_KEY = "_quiz_missing"  # a check pressed with no answer given

shell = ui.setup(__file__)
st.title("Quiz: predict, then see")
st.markdown(
    "Commit to an answer first, then see why: a learner who predicts before looking remembers more. "
    "The questions are built from the logits and the temperature in the sidebar, and checked by the same "
    "code that draws every chart of the app. Change the view to get new numbers."
)


def quiz_view(view: ui.View) -> model.QuizView:
    return model.QuizView(tuple(float(x) for x in view.logits), view.labels, view.beta)


def progress_of(seed: int) -> model.Progress:
    progress = st.session_state.get(PROGRESS_KEY)
    return (
        progress if isinstance(progress, model.Progress) and progress.seed == seed else model.Progress(seed)
    )


def save(progress: model.Progress) -> None:
    st.session_state[PROGRESS_KEY] = progress
    st.session_state[MISSING_KEY] = False


def new_round() -> None:
    st.session_state[QUIZ.name] = model.new_seed()
    st.session_state.pop(PROGRESS_KEY, None)


def check(question: model.Question, key: str, seed: int, practice: bool) -> None:
    given = st.session_state.get(key)
    if given is None:
        st.session_state[MISSING_KEY] = True
        return
    progress = progress_of(seed)
    save(progress.answer_practice(float(given)) if practice else progress.answer(question, float(given)))


def start_round() -> None:
    """Give the page a round when the link names none (a first visit, or back from another page: the round
    this session was on), and put it into the link now, so the share link carries it from the first run."""
    asked = st.query_params.get(QUIZ.name)
    if st.session_state.get(QUIZ.name) is not None or (asked and QUIZ.notice(asked) is None):
        return
    progress = st.session_state.get(PROGRESS_KEY)
    seed = progress.seed if isinstance(progress, model.Progress) else model.new_seed()
    st.session_state[QUIZ.name] = seed
    # Once the widget is bound Streamlit writes the value itself (and refuses a direct write).
    with contextlib.suppress(StreamlitAPIException):
        st.query_params[QUIZ.name] = str(seed)


def round_controls() -> None:
    """The round's number, in the link (``quiz=``): the same number and view give the same questions."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.number_input(
            "Round", min_value=int(QUIZ.low), max_value=int(QUIZ.high), value=None, step=1, key=QUIZ.name,
            bind="query-params", placeholder="a round number", width=220,
            help="Everyone who opens this page's link (the sidebar's 'Share this view') gets this round: "
            "the same round number, logits and temperature give the same questions.",
        )  # fmt: skip
        st.button("New round", icon=":material/refresh:", on_click=new_round)


def ask(question: model.Question, key: str, seed: int, *, practice: bool = False) -> None:
    """The question and its answer widget in a form: nothing about the answer is on the page yet."""
    with st.form(f"{key}_form", border=True):
        st.markdown(question.prompt)
        if question.answer == "choice":
            st.radio(
                "Your answer", range(len(question.options)), index=None, key=key,
                format_func=lambda i: question.options[i].markdown,
            )  # fmt: skip
        elif question.answer == "number":
            unit = f" ({question.unit})" if question.unit else ""
            st.number_input(f"Your answer{unit}", value=None, step=question.step, format="%.4f", key=key)
        else:
            st.slider(
                "Your guess", min_value=question.low, max_value=question.high, value=question.start,
                step=question.step, key=key,
            )  # fmt: skip
        st.form_submit_button(
            "Check", type="primary", icon=":material/visibility:", on_click=check,
            args=(question, key, seed, practice),
        )  # fmt: skip
    if st.session_state.get(MISSING_KEY):
        st.caption("Choose or type an answer first, then press Check.")


def reveal(attempt: model.Attempt, *, chart_key: str) -> None:
    """Right or not, the answer, one sentence why, and the app's chart of it."""
    question = attempt.question
    answer = escape_markdown(question.answer_text())
    if attempt.right:
        st.success(f"**Right:** {answer}.", icon=":material/check_circle:")
    else:
        given = escape_markdown(question.answer_text(attempt.given))
        st.info(
            f"**Not this time.** You answered {given}; the answer is **{answer}**.", icon=":material/school:"
        )
    st.markdown(f"{question.prompt}\n\n**Why:** {question.why}")
    show(figures.reveal_chart(question), key=chart_key)


def section_practice(progress: model.Progress, view: model.QuizView) -> None:
    """A variation of a missed question: the same idea on other numbers, not scored."""
    practice = progress.practice
    st.subheader(f"Practice: a variation of question {progress.practice_of + 1} (not scored)")
    if practice.given is None:
        key = f"quiz_practice_{progress.seed}_{progress.variations}"
        ask(practice.question, key, progress.seed, practice=True)
    else:
        reveal(practice, chart_key="quiz_practice_chart")
    with st.container(horizontal=True):
        back = lambda: save(progress.close_practice())  # noqa: E731
        st.button("Back to the round", icon=":material/arrow_back:", on_click=back)
        if practice.given is not None:
            again = lambda: save(progress.vary(progress.practice_of, view))  # noqa: E731
            st.button("Another variation", icon=":material/replay:", on_click=again)


def section_summary(progress: model.Progress, view: model.QuizView) -> None:
    """The score, every question with both answers, and a variation of each missed one."""
    total = len(progress.attempts)
    st.subheader(f"Score: {progress.score} of {total}")
    st.markdown(progress.summary())
    with st.container(horizontal=True):
        st.button("New round", key="quiz_new_round_end", icon=":material/refresh:", on_click=new_round,
                  type="primary")  # fmt: skip
        for index, attempt in enumerate(progress.attempts):
            if not attempt.right:
                st.button(
                    f"Try a variation of {index + 1}: {attempt.question.title}", key=f"quiz_vary_{index}",
                    icon=":material/replay:", on_click=lambda i=index: save(progress.vary(i, view)),
                )  # fmt: skip


def section_question(progress: model.Progress, questions: tuple[model.Question, ...], view: model.QuizView):
    """The question being asked, or the answer just given, revealed."""
    position, total = progress.position, len(questions)
    if progress.revealed:
        index = position - 1
        st.subheader(f"Question {index + 1} of {total}: {questions[index].title}")
        reveal(progress.attempts[-1], chart_key="quiz_chart")
        with st.container(horizontal=True):
            st.button(
                "See your score" if position == total else "Next question", type="primary",
                icon=":material/arrow_forward:", on_click=lambda: save(progress.next()),
            )  # fmt: skip
            if not progress.attempts[-1].right:
                again = lambda: save(progress.vary(index, view))  # noqa: E731
                st.button("Try a variation", icon=":material/replay:", on_click=again)
    else:
        st.subheader(f"Question {position + 1} of {total}: {questions[position].title}")
        ask(questions[position], f"quiz_answer_{progress.seed}_{position}", progress.seed)


def draw(view: ui.View) -> None:
    seed = st.session_state.get(QUIZ.name)
    if seed is None:
        st.caption("Type a round number, or press New round.")
        return
    progress, asked = progress_of(int(seed)), quiz_view(view)
    questions = model.make_round(int(seed), asked)
    answered = f"{progress.position} of {len(questions)} answered, {progress.score} right"
    st.progress(progress.position / len(questions), text=f"Round {seed}: {answered}")
    if progress.practice is not None:
        section_practice(progress, asked)
    elif progress.position == len(questions) and not progress.revealed:
        section_summary(progress, asked)
    else:
        section_question(progress, questions, asked)


start_round()
round_controls()
shell.live(draw)
