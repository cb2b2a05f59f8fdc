// The browser half of ui/png_title.py: a PNG saved with Plotly's camera button says which view it shows.
// Checked by `node --check`.
//
// The button saves the chart as drawn, and plotly.js reads the chart's config and copies its layout
// synchronously when the button's click handler runs. This listener runs first (capture phase, on the
// document): it adds the view of the latest run (the data of ui/png_title.follow_view) to the file name
// (the chart's name, from ui/export.chart_config) and under the title, with room for it at the top, and
// puts both back once the click is handled. The chart on screen is never redrawn: only the copy that
// becomes the PNG carries the line.
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
  const view = window.__softmaxLabView;
  if (!chart || !chart._context || !chart.layout || !view) return;
  const { layout, _context: context } = chart;
  const options = context.toImageButtonOptions || {};
  chart.layout = withView(layout, chart._fullLayout && chart._fullLayout.margin, view.text);
  context.toImageButtonOptions = { ...options, filename: `${options.filename || 'softmax-lab'}_${view.stem}` };
  window.setTimeout(() => {
    chart.layout = layout;
    context.toImageButtonOptions = options;
  }, 0);
}

export default function ({ data }) {
  window.__softmaxLabView = data;  // the view of the latest run
  if (window.__softmaxLabPngTitle) return;  // the listener: once per browser tab, across reruns and pages
  window.__softmaxLabPngTitle = true;
  document.addEventListener('click', onClick, true);
}
