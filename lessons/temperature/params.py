"""The Temperature page's URL parameters."""

from lessons.common.params import Param

SCALE_LIMIT = 1e6

UNITS = Param(
    "units", "temperature", "the unit of entropy on the entropy chart", "choice",
    default="nats", choices=("nats", "bits"),
)  # fmt: skip
SCALE_C = Param(
    "scale_c", "temperature", "the factor c that multiplies the logits in 'Is the temperature trainable?'",
    "number", default=1.0, low=-SCALE_LIMIT, high=SCALE_LIMIT,
)  # fmt: skip

PARAMS = (UNITS, SCALE_C)

# The parts of the page a teacher link may hide (hide=…), with what each shows.
SECTIONS = {
    "animation": "the animation from T = 0 to T = ∞",
    "curves": "every class's probability against T and against β",
    "entropy": "the entropy against T",
    "multiples": "the bars at T/10, T and 10·T",
    "relative": "why only Δ/T matters, with its table",
    "trainable": "whether the temperature is trainable (the scale c)",
}
