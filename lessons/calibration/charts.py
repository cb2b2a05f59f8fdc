"""The calibration page's chart that follows the temperature, a pure function of the trained network's
measures (computed once per setting) and one stop of the slider.

The page draws it with ``ui.instant_chart.follow``, which also builds it at the slider's stops near the
current one so the browser can move it before the server answers: only the current-T marks change.
"""

from __future__ import annotations

import plotly.graph_objects as go

from lessons.calibration import figures
from lessons.calibration.model import Binned, Study


def measures_chart(
    result: Study, curves: dict[str, dict], fixed: Binned, *, beta: float, temperature: float
) -> go.Figure:
    """NLL, ECE, Brier score and accuracy against T (``curves``, `model.curves`), each minimum, the
    NLL-optimal and ECE-optimal T with both splits' values there, and the slider's T."""
    return figures.measures_against_temperature(
        result.temperatures, curves, fitted=result.fitted, at_fitted=fixed.at_fitted,
        ece_best=fixed.ece.best_validation, at_ece_best=fixed.at_ece_best, temperature=temperature, beta=beta,
    )  # fmt: skip
