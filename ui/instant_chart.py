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
from dataclasses import replace
from pathlib import Path

import plotly
import plotly.graph_objects as go
import streamlit as st
from streamlit.components.v2 import component

from . import controls
from . import state as shared
from .figures.base import PLOTLY_CONFIG
from .figures.base import show as show_plotly
from .navigation import ROOT
from .shell import app_root_url

STATIC = ROOT / "static"  # Streamlit serves the folder beside the entry point (app.py) at /app/static/
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
SLIDER_KEY = "temperature"  # the key of controls.temperature_controls' slider

_JS = """
// plotly.js, loaded once per page and shared by every chart, across reruns.
function loadPlotly(src) {
  if (!window.__softmaxLabPlotly) {
    window.__softmaxLabPlotly = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => {
        window.__softmaxLabPlotly = null;
        reject(new Error('could not load ' + src));
      };
      document.head.appendChild(script);
    });
  }
  return window.__softmaxLabPlotly;
}

export default function ({ parentElement, data }) {
  const chart = parentElement.querySelector('.chart');
  chart.latest = data;
  // Every Plotly call on this chart goes through one queue, so they apply in the order they were made;
  // a failed call does not stop the ones after it.
  const queue = (call) => {
    const result = (chart.queue || Promise.resolve()).then(call);
    chart.queue = result.catch(() => {});
    return result;
  };

  // The stop the slider shows now, if the latest rerun's stops are the slider's (the slider may already
  // show stops of a rerun still on its way, e.g. after switching between T and β): else nothing.
  const sliderStop = () => {
    const input = document.querySelector(`.st-key-${chart.latest.slider} input[type=range]`);
    if (!input) return null;
    const stops = chart.latest.stops;
    const index = Number(input.value);
    const stop = stops[index];
    const same = stops.length === Number(input.max) + 1 && stop
      && stop.label === input.getAttribute('aria-valuetext');
    return same ? index : null;
  };
  const follow = () => queue(() => {
    const index = sliderStop();
    if (index === null || index === chart.shown || !chart.drawn) return;
    const [restyle, relayout, traces] = chart.latest.stops[index].update;
    chart.shown = index;
    return window.Plotly.update(chart, restyle, relayout, traces);
  });

  const figure = JSON.parse(data.figure);
  chart.style.minHeight = `${figure.layout.height || 450}px`;  // its place, kept while plotly.js loads
  queue(() => loadPlotly(data.plotly)).then(
    () => queue(() => {
      if (chart.latest !== data) return;  // a newer rerun's figure is already queued
      chart.querySelector('.loading')?.remove();
      chart.shown = data.current;
      chart.drawn = true;
      return window.Plotly.react(chart, figure.data, figure.layout, data.config);
    }).then(follow),
    (error) => { chart.textContent = 'The chart could not be drawn: ' + error.message + '.'; },
  );

  if (!chart.observer) {
    chart.observer = new MutationObserver(follow);
    chart.observer.observe(document.body, {
      subtree: true, attributes: true, attributeFilter: ['value', 'aria-valuetext'],
    });
  }
  // Called once, when the chart leaves the page (a new rerun's data calls this function again instead).
  return () => {
    chart.observer?.disconnect();
    chart.observer = null;
    if (chart.drawn) window.Plotly.purge(chart);  // its window resize listener, among others
  };
}
"""
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
    if script is None:
        show_plotly(figure, key=key)
        return
    options = controls.temperature_options(state)
    stops = []
    for value in options:
        change = update(replace(state, value=value))
        arguments = [change["data"], change["layout"], change["traces"]]
        stops.append({"label": controls.slider_label(value), "update": arguments})
    _chart(
        key=key,
        data={
            "figure": figure.to_json(),
            "config": {**PLOTLY_CONFIG, "responsive": True},
            "plotly": f"{app_root_url()}/app/static/{script}",
            "slider": SLIDER_KEY,
            "stops": stops,
            "current": options.index(state.value),
        },
    )
