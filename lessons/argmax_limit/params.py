"""The arg max limit page's URL parameters."""

from lessons.argmax_limit.model import EPS_DEFAULT, EPS_OPTIONS
from lessons.common.params import Param

EPS = Param(
    "eps", "argmax_limit", "the gap ε of the near tie σ_β(1, 1 + ε)", "choice",
    default=EPS_DEFAULT, choices=EPS_OPTIONS,
)  # fmt: skip

PARAMS = (EPS,)
