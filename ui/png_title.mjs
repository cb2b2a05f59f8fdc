// The browser half of ui/png_title.py: a PNG saved with Plotly's camera button says which view it shows.
// Checked by `node --check`.
//
// The button saves the chart as drawn, and plotly.js copies the chart's layout synchronously when the
// button's click handler runs. This listener runs first (capture phase, on the document): it adds the
// view (``toImageButtonOptions.viewText``, written by ui/export.chart_config) under the title, with room
// for it at the top, and puts the layout back once the click is handled. The chart on screen is never
// redrawn: only the copy that becomes the PNG carries the line.
const CAMERA = '.modebar-btn[data-title^="Download plot" i]';
const LINE = 20;  // px of top margin for the added line

function withView(layout, fullMargin, view) {
  const title = typeof layout.title === 'string' ? { text: layout.title } : { ...(layout.title || {}) };
  const subtitle = { ...(title.subtitle || {}) };
  subtitle.text = subtitle.text ? `${subtitle.text}<br>${view}` : view;
  const margin = { ...(layout.margin || {}), t: (fullMargin ? fullMargin.t : 80) + LINE };
  return { ...layout, title: { ...title, subtitle }, margin };
}

function onClick(event) {
  const button = event.target instanceof Element ? event.target.closest(CAMERA) : null;
  const chart = button ? button.closest('.js-plotly-plot') : null;
  const view = chart && chart._context && (chart._context.toImageButtonOptions || {}).viewText;
  if (!view || !chart.layout) return;
  const layout = chart.layout;
  chart.layout = withView(layout, chart._fullLayout && chart._fullLayout.margin, view);
  window.setTimeout(() => {
    chart.layout = layout;
  }, 0);
}

export default function () {
  if (window.__softmaxLabPngTitle) return;  // once per browser tab, across reruns and pages
  window.__softmaxLabPngTitle = true;
  document.addEventListener('click', onClick, true);
}
