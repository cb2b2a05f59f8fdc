"""A prototype for bench_redraw.py: the temperature slider redraws the Playground's bars in the browser.

Not part of the app. It measures the one design that redraws faster than Streamlit's rerun cycle: two
``st.components.v2`` components, a temperature slider in the sidebar and the Playground's bar chart,
drawn by plotly.js in the page. The server sends the chart's figure (the app's own builder) and the
probabilities at every stop of the slider, all computed by ``softmax_core``; a move restyles the bars at
once from those rows, and the rerun it triggers updates the rest. The frame around it is
``floor_app.py``'s (``playground_frame.py``: sidebar, logits controls, title). plotly.js comes from the
installed plotly package, copied into ``benchmarks/static/`` and served by Streamlit's static file
serving, which ``bench_redraw.py`` turns on. A prototype: one T scale, no exact limits, no address bar.

    python3 benchmarks/bench_redraw.py --app benchmarks/client_app.py --slider temperature_index
"""

import shutil
from pathlib import Path

import plotly
import streamlit as st
from streamlit.components.v2 import component

from benchmarks.playground_frame import chart_title, frame
from softmax_core import argmax_onehot, softmax
from ui import controls, figures
from ui import state as shared
from ui.figures.base import PLOTLY_CONFIG
from ui.text import number

STATIC = Path(__file__).parent / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
if not (STATIC / "plotly.min.js").exists():
    STATIC.mkdir(exist_ok=True)
    shutil.copyfile(PLOTLY_JS, STATIC / "plotly.min.js")

SLIDER_JS = """
export default function ({ parentElement, data, setStateValue }) {
  const input = parentElement.querySelector('input');
  const value = parentElement.querySelector('output');
  input.max = data.labels.length - 1;
  if (input.dataset.index !== String(data.index)) {  // the server moved it (a link, a limit button)
    input.value = data.index;
    input.dataset.index = String(data.index);
  }
  const show = () => { value.textContent = data.labels[+input.value]; };
  show();
  input.oninput = () => {
    show();
    window.dispatchEvent(new CustomEvent('softmax-lab:temperature', { detail: +input.value }));
    input.dataset.index = input.value;
    setStateValue('index', +input.value);
  };
}
"""
SLIDER_HTML = (
    "<label style='display:block;font-size:0.875rem'>Temperature T: <output></output>"
    "<input type='range' min='0' step='1' style='width:100%;accent-color:#2563eb'></label>"
)
CHART_JS = """
function plotlyReady() {
  if (!window.__plotly) {
    window.__plotly = new Promise((resolve) => {
      const script = document.createElement('script');
      script.src = './app/static/plotly.min.js';
      script.onload = () => resolve(window.Plotly);
      document.head.appendChild(script);
    });
  }
  return window.__plotly;
}
export default function ({ parentElement, data }) {
  const chart = parentElement.querySelector('.chart');
  const figure = JSON.parse(data.figure);
  plotlyReady().then((Plotly) => Plotly.react(chart, figure.data, figure.layout, data.config));
  // The latest rows only: each rerun runs this again with new data, replacing the previous listener.
  window.removeEventListener('softmax-lab:temperature', chart.onMove);
  chart.onMove = (event) => {
    const row = data.rows[event.detail];
    window.Plotly.update(chart, { y: [row.p], text: [row.text] }, { 'title.text': row.title }, [0]);
  };
  window.addEventListener('softmax-lab:temperature', chart.onMove);
}
"""
slider = component("softmax_lab_prototype.slider", html=SLIDER_HTML, js=SLIDER_JS, isolate_styles=False)
chart = component(
    "softmax_lab_prototype.chart", html="<div class='chart'></div>", js=CHART_JS, isolate_styles=False
)


stops = controls.LOG_GRID
index = int(st.session_state.get("temperature_index", {}).get("index", stops.index(1.0)))


def temperature(_state: shared.SharedState) -> None:
    slider(
        key="temperature_index",
        data={"labels": [number(t) for t in stops], "index": index},
        default={"index": index},
        on_index_change=lambda: None,
    )


state = frame("Client-side prototype", temperature)
z = shared.logits_array(state)
p = softmax(z, temperature=stops[index])
figure = figures.probability_bars(
    p, state.class_labels, argmax=argmax_onehot(z), title=chart_title(stops[index])
)
rows = []
for t in stops:
    row = softmax(z, temperature=t)
    rows.append({"p": row.tolist(), "text": [number(x) for x in row], "title": chart_title(t)})
chart(key="chart", data={"figure": figure.to_json(), "config": PLOTLY_CONFIG, "rows": rows})
