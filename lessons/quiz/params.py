"""The Quiz page's URL parameter: the round's seed, so a whole class answers the same questions."""

from lessons.common.params import Param
from lessons.quiz.model import MAX_SEED

QUIZ = Param(
    "quiz", "quiz", "the quiz round: everyone who opens the link gets the same questions for its view",
    "integer", low=0, high=MAX_SEED,
)  # fmt: skip

PARAMS = (QUIZ,)
