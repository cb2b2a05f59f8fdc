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
