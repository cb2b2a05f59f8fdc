"""The Loss page's URL parameters."""

from __future__ import annotations

from collections.abc import Sequence

from lessons.common.params import Param
from lessons.common.text import quote
from lessons.loss.training import DEFAULT_LEARNING_RATE, LEARNING_RATES, MAX_STEPS, parse_runs

# Which labels exist depends on the logits of the same link: the page checks the label itself
# (`target_notice`), once the link's labels are known.
TARGET = Param(
    "target", "loss", "the correct class, by its label as the page lists it", "text", max_length=64
)
LEARNING_RATE = Param(
    "lr", "loss", "the learning rate η of the training steps", "choice",
    default=DEFAULT_LEARNING_RATE, choices=LEARNING_RATES,
)  # fmt: skip

# Written by the page as training goes on (not by a widget): the steps replay exactly from the link's logits.
TRAINED = Param(
    "trained", "loss", "the training steps taken, as runs of steps@η: 10@1,5@0.3", "text",
    max_length=12 * MAX_STEPS,
)  # fmt: skip

PARAMS = (TARGET, LEARNING_RATE, TRAINED)

_LISTED = 5  # classes named in the notice; beyond, "…"


def target_notice(text: str | None, labels: Sequence[str]) -> str | None:
    """The warning for a link whose ``target=`` names no class of these ``labels`` (which the page then
    replaces by the first class), or None when it names one or says nothing."""
    if not text or text in labels or TARGET.notice(text) is not None:  # the last: named by the link check
        return None
    listed = ", ".join(quote(label) for label in labels[:_LISTED]) + (", …" if len(labels) > _LISTED else "")
    return (
        f"{TARGET.name} = {quote(text)} was ignored: it is not one of the classes ({listed}); give a class "
        f"by its label. The page uses {quote(labels[0])}."
    )


def trained_notice(text: str | None) -> str | None:
    """The warning for a link whose ``trained=`` cannot be replayed, or None when it can (or is absent)."""
    if not text or TRAINED.notice(text) is not None:  # the last: named by the link check
        return None
    try:
        parse_runs(text)
    except ValueError as error:
        return f"{TRAINED.name} = {quote(text)} was ignored: {error} The page starts from step 0."
    return None


# The parts of the page a teacher link may hide (hide=…), with what each shows. The target and its loss,
# at the top, stay: every other part is about that class.
SECTIONS = {
    "curves": "the −log p curve and the loss against T",
    "gradient": "the gradient β(p − onehot) and the softmax Jacobian",
    "training": "training the logits by gradient steps",
    "comparison": "cross-entropy beside squared error",
}
