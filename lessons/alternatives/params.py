"""The 'Why exponentiate?' page's URL parameters."""

from lessons.common.params import Param
from lessons.common.text import number

SAMPLE_COUNTS = (10, 30, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000)
TAUS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
MAX_SEED = 2**32 - 1


def thousands(n: int) -> str:
    """A sample count as the slider shows it (and the link carries it): 100,000."""
    return f"{n:,}"


SHIFT = Param(
    "shift", "alternatives", "the constant c added to every logit in the translation test", "number",
    default=2.0, low=-10.0, high=10.0,
)  # fmt: skip
SAMPLES = Param(
    "samples", "alternatives", "how many Gumbel-max samples the histogram draws", "choice",
    default=1_000, choices=SAMPLE_COUNTS, format=thousands,
)  # fmt: skip
SEED = Param(
    "seed", "alternatives", "the seed of the Gumbel noise, so a shared link shows the same draws", "integer",
    default=0, low=0, high=MAX_SEED,
)  # fmt: skip
TAU = Param(
    "tau", "alternatives", "the relaxation temperature τ of the Gumbel-softmax", "choice",
    default=0.5, choices=TAUS, format=number,
)  # fmt: skip

PARAMS = (SHIFT, SAMPLES, SEED, TAU)

# The parts of the page a teacher link may hide (hide=…), with what each shows.
SECTIONS = {
    "maps": "the same logits through softmax and five alternatives",
    "properties": "the property table, computed live",
    "invariance": "adding a constant to every logit",
    "logistic": "two classes: the logistic sigmoid",
    "maxent": "maximum entropy",
    "gumbel": "Gumbel-max sampling and Gumbel-softmax",
}
