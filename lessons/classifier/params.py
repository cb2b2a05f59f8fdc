"""The softmax classifier page's URL parameters: the plane data set and its training, and the digits' λ."""

from lessons.classifier.model import (
    DIGIT_WEIGHT_DECAYS,
    LEARNING_RATES,
    MAX_STEPS,
    PLANE_NAMES,
    PLANES,
    SPREADS,
    WEIGHT_DECAYS,
)
from lessons.common.params import Param
from lessons.common.text import number

PLANE = Param(
    "clf_data",
    "classifier",
    "the two-feature data set the classifier trains on: iris or clouds",
    "choice",
    default="iris",
    choices=PLANES,
    format=lambda name: PLANE_NAMES[name],
)
SPREAD = Param(
    "clf_spread",
    "classifier",
    "the spread (standard deviation) of the three clouds: their overlap",
    "choice",
    default=1.0,
    choices=SPREADS,
    format=number,
)
LEARNING_RATE = Param(
    "clf_lr",
    "classifier",
    "the learning rate η of the classifier's gradient descent",
    "choice",
    default=1.0,
    choices=LEARNING_RATES,
    format=number,
)
WEIGHT_DECAY = Param(
    "clf_l2",
    "classifier",
    "λ, the L2 weight penalty (λ/2)‖W‖² of the plane classifier",
    "choice",
    default=0.01,
    choices=WEIGHT_DECAYS,
    format=number,
)
STEPS = Param(
    "clf_steps",
    "classifier",
    "how many gradient-descent steps the plane classifier has taken",
    "integer",
    default=100,
    low=0,
    high=MAX_STEPS,
)
DIGITS_WEIGHT_DECAY = Param(
    "clf_digits_l2",
    "classifier",
    "λ, the L2 weight penalty of softmax regression on the digits",
    "choice",
    default=0.001,
    choices=DIGIT_WEIGHT_DECAYS,
    format=number,
)

PARAMS = (PLANE, SPREAD, LEARNING_RATE, WEIGHT_DECAY, STEPS, DIGITS_WEIGHT_DECAY)

# The parts of the page a teacher link may hide (hide=…), with what each shows.
SECTIONS = {
    "plane": "training on a plane: its controls, the decision regions at T = 1 and the loss",
    "scale": "temperature as a scale on W: the regions and the probabilities along a path at T",
    "digits": "the same model on the 64-pixel digits: the confusion matrix and the hardest digits",
}
