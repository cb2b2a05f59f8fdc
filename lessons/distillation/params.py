"""The Distillation page's URL parameters: the data split, the transfer set, α and T², the digit shown,
and the digit left out."""

from lessons.common.params import Param
from lessons.common.text import number
from lessons.distillation.model import ALPHAS, DIGITS, MAX_EXAMPLE, MAX_SEED, TRANSFER_SIZES

T_SQUARED_CHOICES = ("with T²", "without T²")

TRANSFER = Param(
    "kd_transfer", "distillation", "how many of the teacher's training digits the students learn from",
    "choice",
    default=50, choices=TRANSFER_SIZES, format=lambda n: f"{n:,}",
)  # fmt: skip
ALPHA = Param(
    "kd_alpha", "distillation", "α, the weight of the soft targets in the student's loss (1 − α: labels)",
    "choice", default=0.5, choices=ALPHAS, format=number,
)  # fmt: skip
T_SQUARED = Param(
    "kd_t2", "distillation", "whether the soft loss is multiplied by T², as Hinton et al. do", "choice",
    default=T_SQUARED_CHOICES[0], choices=T_SQUARED_CHOICES,
)  # fmt: skip
SPLIT_SEED = Param(
    "kd_seed", "distillation", "which random split of the digits into training and test sets", "integer",
    default=0, low=0, high=MAX_SEED,
)  # fmt: skip
DIGIT = Param(
    "kd_digit", "distillation", "the digit whose teacher probabilities are shown", "choice",
    default=7, choices=DIGITS,
)  # fmt: skip
EXAMPLE = Param(
    "kd_example", "distillation", "which test image of that digit: 1 is the one the teacher is surest of",
    "integer", default=1, low=1, high=MAX_EXAMPLE,
)  # fmt: skip
OMIT = Param(
    "kd_omit", "distillation", "the digit left out of the transfer set in the omitted-class experiment",
    "choice",
    default=3, choices=DIGITS,
)  # fmt: skip

PARAMS = (TRANSFER, ALPHA, T_SQUARED, SPLIT_SEED, DIGIT, EXAMPLE, OMIT)

# The parts of the page a teacher link may hide (hide=…), with what each shows.
SECTIONS = {
    "dark_knowledge": "the teacher's probabilities for one image at T = 1 and at T",
    "three_ways": "a student trained on hard labels, soft targets and both, in a table",
    "best_t": "the students' accuracy against T, with the best T starred",
    "t_squared": "why the soft loss is multiplied by T²: gradient sizes, and the mix without it",
    "omitted": "a digit left out of the transfer set, learnt from the soft targets anyway",
    "hinton": "Hinton, Vinyals & Dean's MNIST numbers beside ours",
}
