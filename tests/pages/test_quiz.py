"""The Quiz page, headless: a round from the link's seed and view, answers right and wrong, each revealed with
its chart and reason, the score, a variation of a missed question, and nothing of an answer on the page
before it is revealed."""

from __future__ import annotations

import json

import pytest

from lessons.common.text import number
from lessons.quiz import model
from tests.apptest import TEMPERATURE_EXTREMES, open_page
from tests.pages.charts import still

VIEW = {"z": "2,1,0.1", "T": "0.5"}
LABELS = ("class 1", "class 2", "class 3")


def _round(seed: int, logits=(2.0, 1.0, 0.1), beta=2.0) -> tuple[model.Question, ...]:
    return model.make_round(seed, model.QuizView(logits, LABELS, beta))


def _page_text(at) -> str:
    """Everything the run put on the page, as the protobuf text of every element."""
    kinds = (
        "markdown", "caption", "code", "success", "info", "warning", "error", "exception", "metric",
        "text", "radio", "number_input", "slider", "button", "progress", "latex",
    )  # fmt: skip
    charts = json.dumps(still(at))  # the chart's numbers too
    return "\n".join([*(str(element.proto) for kind in kinds for element in at.get(kind)), charts])


def _charts(at) -> list[str]:
    return list(still(at))


def _answer(at, question: model.Question, key: str, *, right: bool):
    if question.answer == "choice":
        wrong = (int(question.correct) + 1) % len(question.options)
        at.radio(key=key).set_value(int(question.correct) if right else wrong)
    elif question.answer == "number":
        at.number_input(key=key).set_value(question.correct if right else question.correct + 1.0)
    else:
        guess = round(question.correct, 2)
        at.slider(key=key).set_value(guess if right else (0.0 if guess > 0.5 else 1.0))
    return _click(at, "Check")


def _click(at, label: str):
    return next(button for button in at.button if button.label == label).click().run()


def _assert_nothing_revealed(at, question: model.Question) -> None:
    text = _page_text(at)
    assert not _charts(at), "a chart before the answer"
    assert not at.success and not at.info
    assert "Why:" not in text and question.why[:40] not in text
    if question.answer != "choice":
        assert number(question.correct) not in text  # the number itself appears nowhere


def test_the_link_seed_gives_its_round_and_no_answer_is_on_the_page_before_check():
    at = open_page("pages/quiz.py", **VIEW, quiz="42")
    assert not at.exception and not at.warning
    questions = _round(42)
    assert questions[0].prompt in [md.value for md in at.markdown]
    assert at.number_input(key="quiz").value == 42 and at.query_params["quiz"] == "42"
    _assert_nothing_revealed(at, questions[0])


def test_a_whole_round_right_and_wrong_answers_revealed_then_the_score_and_a_variation():
    at = open_page("pages/quiz.py", **VIEW, quiz="7")
    questions = _round(7)
    for index, question in enumerate(questions):
        _assert_nothing_revealed(at, question)
        right = index % 2 == 0
        at = _answer(at, question, f"quiz_answer_7_{index}", right=right)
        assert not at.exception
        assert (len(at.success), len(at.info)) == ((1, 0) if right else (0, 1)), index
        assert "Why:" in _page_text(at) and question.why in [
            md.value.split("**Why:** ")[-1] for md in at.markdown
        ]
        assert _charts(at) == ["quiz_chart"]
        assert ("Try a variation" in [b.label for b in at.button]) is not right
        at = _click(at, "See your score" if index == len(questions) - 1 else "Next question")
    assert "Score: 4 of 8" in [header.value for header in at.subheader]
    summary = next(md.value for md in at.markdown if md.value.startswith("1. "))
    assert summary.count("✓") == 4 and summary.count("✗") == 4 and summary.count("you answered") == 4
    missed = [b.label for b in at.button if b.label.startswith("Try a variation of")]
    assert [label.split(":")[0] for label in missed] == [f"Try a variation of {i}" for i in (2, 4, 6, 8)]

    at = _click(at, missed[0])
    variation = model.variation(7, 1, 1, questions[1].kind, model.QuizView((2.0, 1.0, 0.1), LABELS, 2.0))
    assert variation.prompt in [md.value for md in at.markdown]
    _assert_nothing_revealed(at, variation)
    at = _answer(at, variation, "quiz_practice_7_1", right=True)
    assert len(at.success) == 1 and _charts(at) == ["quiz_practice_chart"]
    at = _click(at, "Back to the round")
    assert "Score: 4 of 8" in [header.value for header in at.subheader]  # practice is not scored


def test_the_same_seed_gives_every_student_the_same_questions_and_another_seed_others():
    first = open_page("pages/quiz.py", **VIEW, quiz="1234")
    again = open_page("pages/quiz.py", **VIEW, quiz="1234")
    other = open_page("pages/quiz.py", **VIEW, quiz="1235")
    prompt = [md.value for md in first.markdown][1]
    assert prompt == [md.value for md in again.markdown][1] == _round(1234)[0].prompt
    assert _round(1235)[0].prompt in [md.value for md in other.markdown]


def test_a_first_visit_gets_a_round_of_its_own_written_into_the_link():
    at = open_page("pages/quiz.py", **VIEW)
    seed = int(at.query_params["quiz"])
    assert 0 <= seed <= model.MAX_SEED and at.number_input(key="quiz").value == seed
    assert _round(seed)[0].prompt in [md.value for md in at.markdown]


def test_a_new_round_changes_the_seed_and_starts_again():
    at = open_page("pages/quiz.py", **VIEW, quiz="5")
    at = _answer(at, _round(5)[0], "quiz_answer_5_0", right=True)
    at = _click(at, "New round")
    seed = int(at.query_params["quiz"])
    assert at.number_input(key="quiz").value == seed
    assert "Question 1 of 8" in at.subheader[0].value and not at.success


def test_checking_without_an_answer_asks_for_one():
    at = open_page("pages/quiz.py", **VIEW, quiz="42")
    at = _click(at, "Check")
    assert any("Choose or type an answer first" in c.value for c in at.caption)
    _assert_nothing_revealed(at, _round(42)[0])


@pytest.mark.parametrize("bad", ["abc", "-1", "1e9", "2.5"])
def test_a_hostile_round_is_named_in_one_warning_and_a_round_is_drawn(bad):
    at = open_page("pages/quiz.py", **VIEW, quiz=bad)
    assert not at.exception and not at.error
    assert len(at.warning) == 1 and "quiz" in at.warning[0].value
    assert "Question 1 of 8" in at.subheader[0].value


@pytest.mark.parametrize(
    "extreme", TEMPERATURE_EXTREMES, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items())
)
def test_every_question_kind_works_at_the_temperature_extremes(extreme):
    at = open_page("pages/quiz.py", z="2,1,0.1", **extreme, quiz="3")
    assert not at.exception and not at.warning
    beta = {"0.01": 100.0, "100": 0.01, "0": float("inf"), "inf": 0.0}.get(extreme.get("T"), float("-inf"))
    question = _round(3, beta=beta)[0]
    at = _answer(at, question, "quiz_answer_3_0", right=True)
    assert not at.exception and len(at.success) == 1 and _charts(at) == ["quiz_chart"]


def test_a_temperature_move_keeps_the_answer_on_screen_and_redraws_the_next_questions():
    at = open_page("pages/quiz.py", **VIEW, quiz="11")
    questions = _round(11)
    at = _answer(at, questions[0], "quiz_answer_11_0", right=True)
    at.select_slider(key="temperature").set_value(2.0).run()
    assert not at.exception and len(at.success) == 1  # the answered question is revealed as it was asked
    at = _click(at, "Next question")
    assert _round(11, beta=0.5)[1].prompt in [md.value for md in at.markdown]


def test_the_reveal_chart_is_the_question_chart_with_a_csv_download():
    at = open_page("pages/quiz.py", **VIEW, quiz="42")
    at = _answer(at, _round(42)[0], "quiz_answer_42_0", right=False)
    (spec,) = still(at).values()
    assert spec["layout"]["title"]["text"]
    assert any(b.proto.id.endswith("quiz_chart__csv") for b in at.get("download_button"))
