"""The Playground's URL parameters: none of its own (it shows the shared view), and its sections."""

from lessons.common.params import Param

PARAMS: tuple[Param, ...] = ()

# The parts of the page a teacher link may hide (hide=…), with what each shows.
SECTIONS = {
    "chart": "the bars of the probabilities (hide them to let the class predict first)",
    "numbers": "the entropy and the largest probability, in numbers",
    "formula": "the softmax formula with the numbers substituted",
    "steps": "the step-by-step table, the naive way and the stable way",
}
