"""Numbers that follow the temperature slider in the browser, before the rerun arrives.

The charts of a page follow the thumb (``ui.instant_chart``); the numbers beside them should not lag a
move behind. For a container of ``st.metric`` elements, an ``st.progress`` bar and short Markdown lines
(the readout under the slider), the server sends, for every stop of the slider, what each shows there:
computed by ``softmax_core`` and written as the page writes it, never in JavaScript. In the browser
(``instant_numbers.mjs``), as soon as the thumb moves, they take the stop's text (and the bar its
length) in place; the rerun then writes the same. Without JavaScript, or before the first move, the
page's own elements show the server's numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.components.v2 import component

from . import controls
from . import state as shared

_numbers = component(
    "softmax_lab.instant_numbers",
    html="<span hidden></span>",
    js=(Path(__file__).parent / "instant_numbers.mjs").read_text(encoding="utf-8"),
)


@dataclass(frozen=True)
class Numbers:
    """What the followed container shows at one temperature: its metrics' values, in page order; its
    progress bar's share (0–1) and text, where it has one; and its other Markdown elements, in page order,
    each as the pieces of text it is drawn in (a bold run is a piece of its own: ``**T = 1** · β`` is
    ``("T = 1", " · β")``). A piece is plain text: no Markdown, no LaTeX."""

    metrics: Sequence[str] = ()
    progress: float | None = None
    progress_text: str = ""
    texts: Sequence[Sequence[str]] = ()


def follow(numbers: Callable[[shared.SharedState], Numbers], state: shared.SharedState, *, key: str) -> None:
    """Make the metrics, the progress bar and the text in the container ``key`` follow the temperature
    slider.

    ``numbers(stop)`` gives what they show at ``stop``, ``state`` at another temperature: exactly what
    the page passes to ``st.metric``, ``st.progress`` and ``st.markdown`` at that temperature. It is
    called once per stop of the slider (43 on the T scale, 85 on the β scale), so it must be cheap: a
    softmax and a few numbers.
    Call it after the container is drawn.
    """
    stops = []
    for value in controls.temperature_options(state):
        shown = numbers(state.with_value(value))
        stop: dict[str, object] = {
            "label": controls.slider_label(value),
            "metrics": list(shown.metrics),
            "texts": [list(pieces) for pieces in shown.texts],
        }
        if shown.progress is not None:
            stop["progress"] = [int(shown.progress * 100), shown.progress_text]  # as st.progress rounds it
        stops.append(stop)
    with st.container(key=f"instant_numbers_{key}", height=1, border=False):  # takes no room (style.css)
        _numbers(key=f"{key}_numbers", data={"target": key, "slider": controls.SLIDER_KEY, "stops": stops})
