"""The calibration page's URL parameters: which network, the seed of its split and start, and the binning."""

from lessons.calibration.model import BIN_COUNTS, BINNINGS, MAX_SEED, MODEL_NAMES, MODELS
from lessons.common.params import Param

MODEL = Param(
    "cal_model", "calibration", "which network the page studies: the over- or the underconfident", "choice",
    default="overconfident", choices=MODELS, format=lambda kind: MODEL_NAMES[kind],
)  # fmt: skip
SEED = Param(
    "cal_seed", "calibration", "the seed of the digits' train / validation / test split and of the network's "
    "start", "integer", default=0, low=0, high=MAX_SEED,
)  # fmt: skip
BINS = Param(
    "cal_bins", "calibration", "how many confidence bins the reliability diagram and the ECE use", "choice",
    default=15, choices=BIN_COUNTS,
)  # fmt: skip
BINNING = Param(
    "cal_binning", "calibration", "the confidence bins: equal width or equal mass (the same count in each)",
    "choice", default=BINNINGS[0], choices=BINNINGS,
)  # fmt: skip

PARAMS = (MODEL, SEED, BINS, BINNING)

# The parts of the page a teacher link may hide (hide=…), with what each shows.
SECTIONS = {
    "summary": "the fitted T with the test accuracy, NLL and ECE before and after, and scikit-learn's check",
    "reliability": "the reliability diagrams before and after temperature scaling",
    "measures": "NLL, ECE, Brier score and accuracy against T",
    "networks": "the over- and the underconfident network's NLL either side of T = 1",
}
