"""The arg max limit page's URL parameters."""

from lessons.argmax_limit.model import EPS_DEFAULT, EPS_OPTIONS
from lessons.common.params import Param

EPS = Param(
    "eps", "argmax_limit", "the gap ε of the near tie σ_β(1, 1 + ε)", "choice",
    default=EPS_DEFAULT, choices=EPS_OPTIONS,
)  # fmt: skip

PARAMS = (EPS,)

# The parts of the page a teacher link may hide (hide=…), with what each shows.
SECTIONS = {
    "convergence": "σ_β(z) tending to the one-hot limit, and its distance to it",
    "near_tie": "how late the limit comes near a tie (with its ε slider), and the path through the simplex",
    "smooth_max": "the smooth max whose gradient softmax is, and how the limits split ties (with the table)",
}
