"""The Loss page's URL parameters."""

from lessons.common.params import Param
from lessons.loss.training import DEFAULT_LEARNING_RATE, LEARNING_RATES

# Which labels exist depends on the logits of the same link: the page checks the label itself.
TARGET = Param(
    "target", "loss", "the correct class, by its label as the page lists it", "text", max_length=64
)
LEARNING_RATE = Param(
    "lr", "loss", "the learning rate η of the training steps", "choice",
    default=DEFAULT_LEARNING_RATE, choices=LEARNING_RATES,
)  # fmt: skip

PARAMS = (TARGET, LEARNING_RATE)
