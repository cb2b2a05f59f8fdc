"""A Plotly chart that follows the temperature slider in the browser, before the rerun arrives.

Why: a move of a Streamlit slider reruns the script and re-renders the page, and the browser's part of
that grows with the size of the page (README, "Redraw"). The chart is what the eye follows, so it does
not wait: the server sends the figure together with, for every stop of the temperature slider, the
``Plotly.update`` that turns it into the figure at that stop, all computed by ``softmax_core``. In the
browser plotly.js draws the figure, and watches the slider (Streamlit's ``st.select_slider`` is a native
``<input type=range>`` in the element that carries its key as the class ``st-key-temperature``; its
``value`` is the stop's index, its ``aria-valuetext`` the stop's label). As soon as the thumb moves, by
key, pointer or the server, the chart shows that stop. The rerun then redraws the chart from the
server's figure, so the chart always ends on the server's numbers.

plotly.js is the one in the installed plotly package (the version that wrote the figure), copied into
the app's ``static/`` folder and served by Streamlit (``server.enableStaticServing``): no call to an
outside host. Where it cannot be served, the chart is an ordinary ``st.plotly_chart``.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import plotly
import plotly.graph_objects as go
import streamlit as st
from streamlit.components.v2 import component

from lessons.common.plot import PLOTLY_CONFIG

from . import controls
from . import state as shared
from .charts import show as show_plotly
from .export import chart_tools
from .navigation import ROOT
from .shell import app_root_url

STATIC = ROOT / "static"  # Streamlit serves the folder beside the entry point (app.py) at /app/static/
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
_UNAVAILABLE_KEY = "_plotly_js_unavailable"
SLIDER_KEY = "temperature"  # the key of controls.temperature_controls' slider

# The browser half, an ES module (Streamlit's components v2 run its default export with the data of each run).
_JS = (Path(__file__).parent / "instant_chart.mjs").read_text(encoding="utf-8")
_chart = component(
    "softmax_lab.instant_chart",
    # Until plotly.js has loaded (about a second on a first visit), the chart's place says what is coming.
    html=(
        "<div class='chart' style='width: 100%'>"
        "<p class='loading' style='color: #64748b'>Drawing the chart…</p></div>"
    ),
    js=_JS,
    isolate_styles=False,  # Plotly's own stylesheet and the page's fonts apply, as for st.plotly_chart
)


@functools.cache
def served_plotly_js() -> str | None:
    """The name of plotly.js in ``static/``, copied there on first use; None where it cannot be served.

    The name carries plotly's version, so a browser never runs an older plotly.js than the one that
    wrote the figure, and each version is copied once (atomically: several servers may start at once).
    """
    if not st.get_option("server.enableStaticServing"):
        return None
    name = f"plotly-{plotly.__version__}.min.js"
    target = STATIC / name
    try:
        if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
            STATIC.mkdir(exist_ok=True)
            partial = target.with_name(f".{name}.{os.getpid()}")
            shutil.copyfile(PLOTLY_JS, partial)
            os.replace(partial, target)
    except OSError:
        return None
    return name


def follow_temperature(
    figure: go.Figure, state: shared.SharedState, update: Callable[[shared.SharedState], dict], *, key: str
) -> None:
    """Draw ``figure``, the chart of ``state``, and redraw it in the browser as the temperature slider moves.

    ``update(stop)`` gives the change from ``figure`` to the chart of ``stop``, ``state`` at another
    temperature, as ``{"data": …, "layout": …, "traces": […]}``: the arguments of ``Plotly.update`` (and
    of ``go.Figure.plotly_update``). It is called once for every stop of the slider.
    """
    script = served_plotly_js()
    if script is None or st.session_state.get(_UNAVAILABLE_KEY):
        show_plotly(figure, key=key)
        return
    options = controls.temperature_options(state)
    stops = []
    for value in options:
        change = update(state.with_value(value))
        arguments = [change["data"], change["layout"], change["traces"]]
        stops.append({"label": controls.slider_label(value), "update": arguments})
    _chart(
        key=key,
        data={
            "figure": figure.to_json(),
            "config": {**PLOTLY_CONFIG, "responsive": True},
            "plotly": f"{app_root_url()}/app/static/{script}",
            "script": script,
            "slider": SLIDER_KEY,
            "stops": stops,
            "current": options.index(state.value),
        },
        on_unavailable_change=_on_unavailable,
    )
    chart_tools(figure, key=key)  # its CSV and the view in NumPy, as under every chart (ui.export)


def _on_unavailable() -> None:
    # The browser could load plotly.js from neither address: every instant chart of this session falls
    # back to st.plotly_chart, which ships its own copy.
    st.session_state[_UNAVAILABLE_KEY] = True
