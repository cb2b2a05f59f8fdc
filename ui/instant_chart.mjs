// The browser half of ui/instant_chart.py: draws the figure with plotly.js and, as the temperature slider
// moves, applies the server's precomputed update for the stop the thumb shows. Checked by `node --check`.
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
