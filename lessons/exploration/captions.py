"""The Exploration page's words: its introduction and the help of its controls.

Pure (no Streamlit). The stories with this run's numbers are in ``model``.
"""

from __future__ import annotations

from lessons.common.text import number

INTRO = (
    "A **bandit** has 10 arms; each pays a noisy reward around a true value the agent does not know. The "
    "agent keeps an estimate Q(a) of each arm and must choose: pull the arm that looks best (**exploit**) or "
    "try another whose estimate may be wrong (**explore**). A **softmax agent** pulls arm a with probability "
    "softmax(Q/τ)ₐ, so one knob, the temperature τ (the slider's **T**), sets how boldly it explores. "
    "This is Sutton & Barto's 10-armed testbed (*Reinforcement Learning*, 2nd ed., ch. 2): every curve "
    "averages many agents, each on its own randomly drawn bandit."
)
# The progress bar's text once the runs are done, while the charts are drawn.
DRAWING = "Drawing the charts…"
NEARBY = "Running the softmax agents at the nearby temperatures too, so the curves follow the slider at once…"
ANNEAL_HELP = "Start hot and end cold: τ falls from the current T to the final τ over the steps chosen."


def negative_temperature(temperature: float) -> str:
    """Why the agents use |T| when the shared temperature is negative."""
    return (
        "The temperature is negative: softmax would favour the arms that look *worst*, which no learner "
        f"wants. The agents here use |T| = {number(abs(temperature))}."
    )
