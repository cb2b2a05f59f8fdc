"""The Distillation page's words: its introduction, the texts of its progress bars, the help of its controls,
the students' T above its buttons and the titles it gives the charts.

Pure (no Streamlit). The stories and tables with this run's numbers are in ``model``.
"""

from __future__ import annotations

from lessons.common.text import number
from lessons.distillation import model

INTRO = (
    "A large model, the **teacher**, guides the training of a small one, the **student**: the student "
    "learns from the teacher's probabilities as well as from the true labels. At T = 1 those probabilities "
    "are almost one-hot; a higher **temperature** softens them, so the student also sees how the teacher "
    "ranks the wrong answers. Here the digits are scikit-learn's 1,797 handwritten 8×8 images; the teacher "
    "is a network with one hidden layer trained on 1,000 of them, the student a softmax regression trained "
    "on a few dozen, and both are trained in this page. The temperature is in the sidebar (Hinton, Vinyals & "
    "Dean, *Distilling the Knowledge in a Neural Network*, 2015)."
)
# The progress bars' texts while the teacher, a student and the gradient sizes are computed.
TEACHER_TRAINING = (
    f"Training the teacher, a network with {model.TEACHER_HIDDEN} hidden units, on "
    f"{model.TRAIN_SIZE:,} digits…"
)
GRADIENTS = "Measuring the gradients…"
SPLIT_HELP = "Which random split of the digits into 1,000 training and 797 test digits."


def students_temperature(at: model.Stop) -> str:
    """The T the students train at, at a stop of the slider, before the buttons of telling temperatures."""
    temperature = model.distillation_temperature(at.temperature, at.beta)[0]
    return f"**T = {number(temperature)}** for the students. Try:"


def student_training(recipe: model.Recipe) -> str:
    return f"Training a student: {recipe.name}"


def t_squared_title(alpha: float) -> str:
    """The title of the mix's accuracy with and without T²."""
    return f"Both, α = {number(alpha)}: with and without T²"


def omitted_titles(omit: int) -> dict[str, str]:
    """The omitted digit chart's title and y-axis title: the share of the test images of ``omit`` right."""
    return {"title": f"Test {omit}s recognised", "y_title": f"Share of the test {omit}s right"}
