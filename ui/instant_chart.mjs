// The browser half of ui/instant_chart.py: draws the figure with plotly.js and, as the temperature slider
// moves, applies the server's precomputed update for the stop the thumb shows. Checked by `node --check`.
// plotly.js, loaded once per page and shared by every chart, across reruns; an address that does not
// serve JavaScript (the HTML page a mistyped path gets) counts as a failure.
async function loadScript(src) {
  // Asked first, so that an HTML page is never run as a script (a console error in every browser).
  const answer = await fetch(src, { method: 'HEAD' });
  if (!answer.ok || !/javascript/.test(answer.headers.get('content-type') || '')) {
    throw new Error('not plotly.js: ' + src);
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error('no Plotly in ' + src)));
    script.onerror = () => reject(new Error('could not load ' + src));
    document.head.appendChild(script);
  });
}

// The candidates in order: the address the server computed from the app's root, then the same file
// relative to this page (a page's path is one segment below the root, so this holds behind any prefix).
function loadPlotly(sources) {
  if (!window.__softmaxLabPlotly) {
    window.__softmaxLabPlotly = sources.reduce(
      (loaded, src) => loaded.catch(() => loadScript(src)),
      Promise.reject(new Error('no source')),
    ).catch((error) => {
      window.__softmaxLabPlotly = null;
      throw error;
    });
  }
  return window.__softmaxLabPlotly;
}

// plotly.py sends a NumPy array as {bdata: base64, dtype, shape}; plotly.js decodes such a spec anew each time
// it reads the figure, so for Plotly.react every array of the chart is new and the whole chart is computed
// again: a react that changed nothing took 65 ms on /calibration, 34 ms on /loss. Decoded once, as plotly.js
// decodes them (a typed array, or one row of it per row of a 2-D shape), the arrays keep their identity and
// react redraws only what changed (16 and 4 ms).
const TYPED = {
  f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array, u2: Uint16Array,
  i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray,
};
function decoded(value) {
  if (Array.isArray(value)) return value.map(decoded);
  if (!value || typeof value !== 'object') return value;
  if (typeof value.bdata === 'string' && TYPED[value.dtype]) {
    const bytes = Uint8Array.from(atob(value.bdata), (c) => c.charCodeAt(0));
    const array = new TYPED[value.dtype](bytes.buffer);
    const shape = value.shape === undefined ? [] : String(value.shape).split(',').map(Number);
    if (shape.length > 2) return value;  // (an image's pixels: left to plotly.js)
    if (shape.length < 2) return array;
    return Array.from({ length: shape[0] }, (_, row) => array.subarray(row * shape[1], (row + 1) * shape[1]));
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decoded(item)]));
}

// "shapes[2].x0" → ["shapes", 2, "x0"]: the attribute paths of Plotly.update's arguments.
function pathParts(path) {
  return path.split('.').flatMap((part) => {
    const [name, ...indices] = part.split('[');
    return [name, ...indices.map((index) => Number(index.slice(0, -1)))];
  });
}

// Plotly.update's rules: the traces an update names (all, if none), and the value the i-th of them gets
// (a value given as an array holds one value per trace, in turn).
function updatedTraces(traces, count) {
  return traces == null ? Array.from({ length: count }, (_, i) => i) : [].concat(traces);
}
function perTrace(value, i) {
  return Array.isArray(value) ? value[i % value.length] : value;
}

// A copy of `object` with the value at `parts` set, sharing every branch it does not change.
function withValue(object, [head, ...rest], value) {
  const copy = Array.isArray(object) ? object.slice() : { ...object };
  copy[head] = rest.length === 0 ? value : withValue(object?.[head], rest, value);
  return copy;
}

// `figure` after Plotly.update(figure, restyle, relayout, traces), as Plotly.react takes it: only the changed
// branches are new objects, so react redraws only what they hold. (Plotly.update redraws the whole chart for
// any change of a shape or an annotation; react, which compares old and new, redraws that shape:
// /calibration's chart moved in 59 ms in the page, now 19.) Plotly.update's rules apply (`perTrace`).
function applied(figure, [restyle, relayout, traces]) {
  const data = figure.data.slice();
  const indices = updatedTraces(traces, data.length);
  for (const [path, value] of Object.entries(restyle || {})) {
    const parts = pathParts(path);
    indices.forEach((trace, i) => {
      data[trace] = withValue(data[trace], parts, perTrace(value, i));
    });
  }
  let layout = figure.layout;
  for (const [path, value] of Object.entries(relayout || {})) layout = withValue(layout, pathParts(path), value);
  return { ...figure, data, layout };
}

// The chart's figure after a stop's update, in the margins the chart has now, automatic ones included:
// react computes the layout afresh, and with an axis's automargin plotly.js then drew every move twice, once
// in the margins of the layout and again in the ones the labels pushed (/sampling's slanted tokens: 79 → 40
// ms). The update's own margins (a title that grows) still apply, and labels that need more room still push.
// A margin within a pixel of the one drawn is kept as it is: pushed by a legend, the margin plotly.js works
// out moves by a fraction of a pixel from one drawing to the next (/loss's comparison: b = 97.50, 97.00,
// 97.50), and any new margin makes react draw the whole chart again (55-88 ms a move there, against 16-20).
function updated(chart, update) {
  const size = chart._fullLayout._size;
  const margin = { ...chart.layout.margin };
  const moved = ['l', 'r', 't', 'b'].filter((side) => !(Math.abs(margin[side] - size[side]) < 1));
  for (const side of moved) margin[side] = size[side];
  const layout = moved.length ? withValue(chart.layout, ['margin'], margin) : chart.layout;
  return applied({ data: chart.data, layout }, update);
}

// The trace attributes that Plotly.animate moves without redrawing the chart (its transitions, with no
// duration: no easing, only the traces' paths and points drawn again), on the trace types it animates.
// Plotly.react computes every trace again and redraws the whole chart for any change of a trace's data,
// axes and margins included: /loss's −log p chart moved its point in 25-30 ms of the main thread, 4 by
// animate (measured in the page, 16 updates).
const ANIMATED = new Set(['x', 'y', 'text', 'customdata', 'hovertemplate']);
const ANIMATED_TYPES = new Set(['scatter', 'bar']);

// An axis's range, which Plotly.animate moves with the traces (in the same frame).
const RANGE = /^[xy]axis\d*\.range$/;

// The part of a stop's update that Plotly.animate can apply ({data, traces, layout}), or null where only
// Plotly.react redraws right: a trace type it does not animate among the traces the update changes (a
// heatmap beside them, which it leaves alone, stays drawn: /classifier's hardest digits, 45 → 15 ms), new
// data on an axis that fits its data (animate does not fit it again), another change of an axis; the rest
// of the update (a legend's name, an annotation) is react's (`moveTo`).
function animation(chart, [restyle, relayout, traces]) {
  const paths = Object.keys(restyle || {}).filter((path) => ANIMATED.has(path));
  const indices = updatedTraces(traces, chart.data.length);
  const types = chart._fullData.filter((trace) => indices.includes(trace.index)).map((trace) => trace.type);
  if (!paths.length || !types.every((type) => ANIMATED_TYPES.has(type))) return null;
  const full = chart._fullLayout;
  const axes = Object.keys(relayout || {}).filter((path) => /^[xy]axis/.test(path));
  if (!axes.every((path) => RANGE.test(path))) return null;
  // Only an axis whose traces get new positions along it: /exploration's learning curves get new y on a
  // set range, and their step axis (x), fitted to steps that stay, is drawn right by animate.
  const fits = (trace, letter) => {
    const axis = full[trace[`${letter}axis`].replace(letter, `${letter}axis`)];
    return axis?.autorange && axis.type !== 'category';
  };
  const moves = (trace, letter) => paths.includes(letter) && fits(trace, letter);
  if (indices.some((i) => chart._fullData.filter((trace) => trace.index === i)
    .some((trace) => moves(trace, 'x') || moves(trace, 'y')))) return null;
  const data = indices.map((_, i) => Object.fromEntries(paths.map((path) => [path, perTrace(restyle[path], i)])));
  // A stop's update sets every range that differs from the figure its stops were built at, and the chart
  // may show that range already: animate would draw the axis again all the same (/sampling's bars, T = 1 ↔
  // 1.2: 45 ms a move against 19 without the axis).
  const moved = axes.filter((path) => !same(relayout[path], valueAt(chart.layout, pathParts(path))));
  return { data, traces: indices, layout: Object.fromEntries(moved.map((path) => [path, relayout[path]])) };
}

// Labels: text that stays where it is, so drawn a frame late it never points at the wrong place: the
// chart's title and subtitle, an annotation's text (not its place), a trace's name (its legend entry).
const LABEL = /^(title\.|annotations\[\d+\]\.text$)/;
const TRACE_LABEL = 'name';

// Whether two values of a figure's attribute draw the same (null, as an update sends it, unsets).
function same(a, b) {
  if (a == null || b == null) return a == null && b == null;
  return a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

// The entries of a stop's update that change what the chart shows. An update sets every path that varies
// over the window of stops, and most are what the chart shows already (a subtitle shown only at T = 0, an
// annotation's arrow): the chart shows its figure with `from` applied, the update of the stop it is at.
function changed(entries, shown, current) {
  return Object.fromEntries(
    Object.entries(entries).filter(([path, value]) =>
      shown && path in shown ? !same(value, shown[path]) : !same(value, current(path))),
  );
}

function valueAt(object, parts) {
  return parts.reduce((value, part) => (value == null ? undefined : value[part]), object);
}

// The chart moved to a stop's update: its traces' data by Plotly.animate where it can (`animation`), the
// rest (a legend's name, an annotation) by Plotly.react first, on the data it shows: react draws at once
// and animate in the next frame, before the browser paints, so the two land in the same picture (a label
// never points where its point was). Where only labels change besides, react draws them once the moved
// traces are on screen, a frame later: react cost /sampling's bars 9 ms of their 25 to the screen, and
// Streamlit sends the move to the server only after the browser has painted it.
function moveTo(chart, update, from) {
  const animated = animation(chart, update);
  if (!animated) {
    const { data, layout } = updated(chart, update);
    return window.Plotly.react(chart, data, layout);
  }
  const [restyle, relayout, traces] = update;
  const [shownRestyle, shownRelayout, shownTraces] = from || [];
  const indices = updatedTraces(traces, chart.data.length);
  const others = changed(
    Object.fromEntries(Object.entries(restyle).filter(([path]) => !ANIMATED.has(path))),
    same(shownTraces, traces) ? shownRestyle : null,  // (null traces: all of them)
    (path) => indices.map((trace) => valueAt(chart.data[trace], pathParts(path))),
  );
  const around = changed(
    Object.fromEntries(Object.entries(relayout || {}).filter(([path]) => !RANGE.test(path))),
    shownRelayout,
    (path) => valueAt(chart.layout, pathParts(path)),
  );
  const labels = Object.keys(others).every((path) => path === TRACE_LABEL)
    && Object.keys(around).every((path) => LABEL.test(path));
  if (!labels) {
    const { data, layout } = updated(chart, [others, around, traces]);
    window.Plotly.react(chart, data, layout);
  }
  // A new range is set at once, by relayout, and animate moves the traces alone: given to animate, a range
  // is an axis transition, which draws both axes of the plot again before its own relayout (/sampling's
  // next-token bars, whose slanted labels cost most: 51 ms from the key press to the bars moved, against
  // 30). Both land before the next paint (animate draws in the next frame).
  if (Object.keys(animated.layout).length) window.Plotly.relayout(chart, animated.layout);
  const moved = window.Plotly.animate(chart, { ...animated, layout: {} }, {
    transition: { duration: 0 }, frame: { duration: 0, redraw: false }, mode: 'immediate',
  });
  if (!labels || !(Object.keys(others).length || Object.keys(around).length)) return moved;
  // After the paint of the moved traces (animate draws them in the next frame); the next chart in sight
  // waits for it (`inTurn`), and so does the chart's next move (`show` returns this to the chart's queue).
  chart.labelled = new Promise(afterPaint).then(() => {
    const { data, layout } = updated(chart, [others, around, traces]);
    return window.Plotly.react(chart, data, layout);
  });
  return Promise.all([moved, chart.labelled]);
}

// Calls `then` once the browser has painted the next frame, in a task of the highest priority where the
// browser has them: ahead of what came in meanwhile, Streamlit's drawing of the server's answer above all
// (50 ms and more here), which the next chart in sight waited for: /loss's second chart moved at 90-95 ms
// after the key press, now at 54-66.
function afterPaint(then) {
  requestAnimationFrame(() => (window.scheduler?.postTask
    ? window.scheduler.postTask(then, { priority: 'user-blocking' })
    : setTimeout(then, 0)));
}

// The chart highest on the page of those waiting in `turns.waiting` (a Map from chart to what it waits to
// do), taken out with what it waits to do; null when none waits, and the turns are then free.
// The highest, not the first to ask: the charts' observers see the thumb in the order they were made, which
// after a few reruns is no order at all (on /loss the second chart went first, and the first waited for its
// 50 ms), and their components mount in no set order either (/boltzmann drew its top chart last).
function nextTurn(turns) {
  let first = null;
  for (const chart of turns.waiting.keys()) {
    if (!first || chart.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) first = chart;
  }
  if (!first) {
    turns.busy = false;
    return null;
  }
  const action = turns.waiting.get(first);
  turns.waiting.delete(first);
  return [first, action];
}

// The charts in sight move one at a time, in page order, each after the browser has painted the one
// before: the first chart (the one a reader watches) is on screen as soon as it has moved, rather than
// when the last of the page's charts has.
function inTurn(chart, show) {
  const turns = window.__softmaxLabTurns || (window.__softmaxLabTurns = { waiting: new Map(), busy: false });
  const next = () => {
    const turn = nextTurn(turns);
    if (!turn) return;
    const [first, move] = turn;
    move();
    // After the paint, and after this chart's labels where they follow its traces a frame later (`moveTo`).
    afterPaint(() => Promise.resolve(first.labelled).finally(next));
  };
  turns.waiting.set(chart, show);
  if (!turns.busy) {
    turns.busy = true;
    // After every chart's observer has seen this change (they run one after another, in one task).
    queueMicrotask(next);
  }
}

// The element whose scrolling brings `element` into sight (null: the document's viewport).
function scroller(element) {
  for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(node).overflowY)) return node;
  }
  return null;
}

// A page's charts are first drawn one a frame, the highest on the page first: the chart at the top is on
// screen before the others are drawn (plotly.js takes 50-400 ms a chart here, and the browser paints only
// between tasks, so drawn all at once the first chart would wait for the last). On /boltzmann, drawn in the
// order their components mounted, the top chart came last: 1 s after plotly.js had loaded.
function firstDraw(chart, draw) {
  const draws = window.__softmaxLabFirstDraws
    || (window.__softmaxLabFirstDraws = { waiting: new Map(), busy: false });
  const next = () => nextTurn(draws)?.[1]().finally(() => afterPaint(next));
  return new Promise((resolve, reject) => {
    draws.waiting.set(chart, () => Promise.resolve().then(draw).then(resolve, reject));
    if (!draws.busy) {
      draws.busy = true;
      // In a task of its own: every chart that plotly.js's arrival lets draw has asked by then (each asks
      // a few promise steps after it loaded), so the highest of them goes first.
      setTimeout(next, 0);
    }
  });
}

export default function ({ parentElement, data: sent, setStateValue }) {
  // A chart's data comes as bytes of JSON (ui.instant_chart._draw writes it); the preload's as an object.
  const data = ArrayBuffer.isView(sent) ? JSON.parse(new TextDecoder().decode(sent)) : sent;
  const relative = new URL(`app/static/${data.script}`, window.location.href).href;
  if (data.preload) {  // ui.instant_chart.preload: plotly.js only, fetched while the page is drawn
    parentElement.querySelector('.chart')?.remove();  // no chart here, so nothing is "loading"
    loadPlotly([data.plotly, relative]).catch(() => setStateValue('unavailable', true));
    return;
  }
  const chart = parentElement.querySelector('.chart');
  chart.latest = data;
  // A chart that does not follow the temperature (ui.instant_chart.still) has no stops: nothing to watch.
  const follows = data.stops.length > 0;
  chart.classList.toggle('still', !follows);
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
  // Where the thumbs are, as a stop of this chart and its update: the temperature's stop (its index) or,
  // with the temperature where the rerun drew it, one logit's slider a key press or two from its value then
  // (`nudged`, ui/nudges.mjs: its key). Null where only the server's answer can draw it.
  const thumbsAt = () => {
    const index = sliderStop();
    const nudge = nudged(chart.latest.nudges);
    if (nudge === undefined) return index === null ? null : [index, chart.latest.stops[index].update];
    return nudge && index === chart.latest.current ? [nudge.key, nudge.stop] : null;
  };
  const show = () => queue(() => {
    chart.waiting = false;
    const [at, update] = thumbsAt() || [null];
    if (at === null || at === chart.shown || !chart.drawn) return;
    if (!update) return;  // a stop too far to send: the server's answer draws it
    // The update of the stop the chart shows: a temperature's, or the logit's it moved to last.
    const from = typeof chart.shown === 'number' ? chart.latest.stops[chart.shown]?.update : chart.nudge;
    chart.shown = at;
    chart.nudge = update;
    chart.showing = chart.latest.token && `${chart.latest.token}:${at}`;
    return moveTo(chart, update, from);
  });
  // The charts in sight move in the frame of the key press; those within a screen of the viewport once
  // the thumb has rested (data.rest ms without a move, as the page's content catches up: ui/shell.py) and
  // the browser is idle, or as they come in sight; those further away as they come that near (or the page
  // is printed). A page of six charts moves the one the reader looks at as fast as a page of one, and a
  // chart out of sight is not redrawn for every stop the thumb passes.
  const follow = () => {
    if (chart.inSight !== false) return inTurn(chart, show);
    chart.waiting = true;
    if (chart.near === false) return;  // chart.catchUp, below
    stopResting(chart);
    // The idle callback is cancelled too: one still pending when the thumb moves again would draw that move
    // at once (seen under load: 380-500 ms after a key press).
    const idle = () => {
      chart.resting = null;
      if (window.requestIdleCallback) chart.idling = window.requestIdleCallback(show, { timeout: 300 });
      else show();
    };
    chart.resting = window.setTimeout(idle, chart.latest.rest || 0);
  };

  // The figure this rerun draws, by name: the one the chart shows already if the thumb got there first
  // (the server's figure at a stop is what the stop's update gives, so it is not drawn a second time).
  const token = data.token && `${data.token}:${data.current}`;
  if (!chart.drawn) {
    const height = data.figure.layout.height;
    chart.style.minHeight = `${height || 450}px`;  // its place, kept while plotly.js loads
  }
  queue(() => loadPlotly([data.plotly, relative])).then(
    () => queue(() => {
      if (chart.latest !== data) return;  // a newer rerun's figure is already queued
      chart.shown = data.current;
      if (chart.drawn && token && chart.showing === token) return;
      const draw = () => {
        if (chart.latest !== data) return;  // a newer rerun's figure is queued behind this one
        chart.querySelector('.loading')?.remove();
        chart.showing = token;
        chart.drawn = true;
        chart.outdated = null;
        // The figure sent is the one at the stop its window of stops was built at; the figure at the server's
        // stop is that stop's update applied to it (the same numbers: the update sets every path that
        // varies over the window).
        const figure = decoded(data.figure);  // with its frames, if it is an animation
        const stop = data.stops[data.current];
        const moved = data.anchor === data.current ? figure : applied(figure, stop.update);
        return window.Plotly.react(chart, { ...moved, config: data.config });
      };
      if (!chart.drawn) return firstDraw(chart, draw);
      if (follows && chart.near === false) {
        chart.outdated = draw;  // drawn as it comes near the viewport (chart.catchUp)
        return;
      }
      return draw();
    }).then(() => follows && follow()),
    // plotly.js cannot be had here: the server draws this chart with st.plotly_chart from now on.
    () => setStateValue('unavailable', true),
  );

  if (!chart.observer && follows) {
    chart.observer = new MutationObserver(follow);
    chart.observer.observe(document.body, {
      subtree: true, attributes: true, attributeFilter: ['value', 'aria-valuetext'],
    });
  }
  if (!chart.sight && follows && window.IntersectionObserver) {
    // What a chart far from the viewport put off: the latest rerun's figure, then the thumb's stop.
    chart.catchUp = () => {
      const redraw = chart.outdated;
      chart.outdated = null;
      if (redraw) queue(redraw).then(() => { chart.waiting = false; follow(); });
      else if (chart.waiting) show();
    };
    chart.sight = new IntersectionObserver(([entry]) => {
      chart.inSight = entry.isIntersecting;
      if (chart.inSight) follow();
    });
    chart.sight.observe(chart);
    // Near: within a screen of the viewport, so that it is redrawn before the reader scrolls to it. The
    // margin applies to the observer's root; Streamlit's page scrolls in a container, not the document.
    chart.nearby = new IntersectionObserver(([entry]) => {
      chart.near = entry.isIntersecting;
      if (chart.near) chart.catchUp();
    }, { root: scroller(chart), rootMargin: '100% 0px' });
    chart.nearby.observe(chart);
    window.addEventListener('beforeprint', chart.catchUp);
  }
  // plotly.js's `responsive` follows the window only: a chart first drawn while its column was narrower
  // (the page's layout still settling) kept that width, its title cut (CI: 147 px wide on a 390-px phone).
  if (!chart.resizer && window.ResizeObserver) {
    chart.resizer = new ResizeObserver(([entry]) => {
      const drawnWidth = chart._fullLayout?.width;
      if (!chart.drawn || !drawnWidth || Math.abs(entry.contentRect.width - drawnWidth) < 1) return;
      queue(() => window.Plotly.Plots.resize(chart));
    });
    chart.resizer.observe(chart);
  }
  // Called once, when the chart leaves the page (a new rerun's data calls this function again instead).
  return () => {
    chart.resizer?.disconnect();
    chart.resizer = null;
    chart.observer?.disconnect();
    chart.observer = null;
    chart.sight?.disconnect();
    chart.sight = null;
    stopResting(chart);
    chart.nearby?.disconnect();
    chart.nearby = null;
    window.removeEventListener('beforeprint', chart.catchUp);
    window.__softmaxLabTurns?.waiting.delete(chart);
    window.__softmaxLabFirstDraws?.waiting.delete(chart);
    if (chart.drawn) window.Plotly.purge(chart);  // its window resize listener, among others
  };
}

// A chart's wait for the thumb to rest, and the idle callback that wait ends in.
function stopResting(chart) {
  window.clearTimeout(chart.resting);
  if (chart.idling && window.cancelIdleCallback) window.cancelIdleCallback(chart.idling);
  chart.resting = null;
  chart.idling = null;
}
