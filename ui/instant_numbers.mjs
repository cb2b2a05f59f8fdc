// The browser half of ui/instant_numbers.py: as the temperature slider moves, the metrics, the progress bar,
// the text and the numbers in the Markdown of one container show the server's numbers for the stop the thumb
// shows (and, on a page that says so, as a logit's slider moves). Checked by `node --check`.
//
// The text is changed in place (the text node React rendered, the bar's width), never by replacing nodes,
// so the rerun's React update finds its own nodes and writes the server's numbers over them.

function firstText(element) {
  return element ? document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode() : null;
}

function textNodes(element) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  return nodes;
}

function write(node, text) {
  if (node && node.nodeValue !== text) node.nodeValue = text;
}

// Keys that alone are no act of the reader (`__softmaxLabTouch`).
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

// ui/instant_numbers.py's NUMBER: the two must agree.
const NUMBER = /[−-]?(?:[0-9]+(?:[.,][0-9]+)*(?:e[−-]?[0-9]+)?|∞|NaN)/g;

// Writes `values` over the numbers the element shows, in order, leaving its LaTeX alone (the server left
// those out too); only where it shows as many numbers as the stop has, so a text drawn differently from
// what the server expected is never half rewritten.
function writeNumbers(element, values) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest('.katex') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  let count = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const found = node.nodeValue.match(NUMBER);
    if (found) {
      nodes.push(node);
      count += found.length;
    }
  }
  if (count !== values.length) return;
  let next = 0;
  nodes.forEach((node) => write(node, node.nodeValue.replace(NUMBER, () => values[next++])));
}

export default function ({ parentElement, data, setTriggerValue }) {
  const keeper = parentElement;
  keeper.latest = data;
  keeper.asked = null;  // a new run: whatever was asked of the last one has been answered
  window.clearTimeout(keeper.resting);

  // Each followed container's stop for the thumbs' position, if the latest rerun's stops are the slider's
  // (the slider may already show stops of a rerun still on its way: ui/instant_chart.mjs); or, with the
  // temperature where the rerun drew it, a logit's slider moved a key press or two (`nudged`, ui/nudges.mjs).
  // With `textsOnly`, its metrics, text and bar alone.
  const show = (textsOnly) => {
    const input = document.querySelector(`.st-key-${keeper.latest.slider} input[type=range]`);
    if (!input) return;
    for (const followed of keeper.latest.targets) {
      const { target, stops } = followed;
      let stop = stops[Number(input.value)];
      let same = stops.length === Number(input.max) + 1 && stop
        && stop.label === input.getAttribute('aria-valuetext');
      let atServer = Number(input.value) === followed.current;
      const nudge = nudged(followed.nudges);
      if (nudge !== undefined) {
        same = same && atServer && Boolean(nudge?.stop);
        stop = nudge?.stop;
        atServer = false;
      }
      const box = document.querySelector(`.st-key-${target}`);
      if (same && box) showStop(box, stop);
      if (textsOnly === true) continue;
      if (same && box && stop.latex) showLatex(box, stop.latex, atServer, followed.katex);
    }
    if (keeper.latest.catchUp && textsOnly !== true) catchUp(keeper, input, setTriggerValue);
  };

  // The stop the server holds now: the temperature controls' latest run (ui/shell.py) names it.
  for (const followed of data.targets) {
    // A formula's KaTeX, loaded now: the first move finds it ready (and asks the server for nothing).
    if (followed.katex) loadKatex(followed.katex).catch(() => {});
    if (followed.committed) {
      const [index, label, run, session, pushed] = followed.committed;
      // The newest run of the session only: React may mount an older readout again (a run cut short) with
      // its old data. A new session (a reconnect to another replica) counts from 1 again.
      const had = window.__softmaxLabCommitted;
      if (had && had.session === session && run <= had.run) continue;
      window.__softmaxLabCommitted = { index, label, run, session };
      window.__softmaxLabAsked = null;  // the thumb may be asked for again (catchUp)
      // The server set the thumb: earlier moves are over, unless the reader's latest act was a move. That
      // move came after the act that set it (a limit's button, a typed value, the T/β switch): the run that
      // set the thumb ends (the address changes) before React draws its elements, and a key pressed between
      // the two moves the thumb from the old stop, where Streamlit's slider then keeps it (CI, once: "i"
      // then ← in presenter mode left the thumb at 100 and the address at T=inf).
      if (pushed && !window.__softmaxLabMovedLast) window.__softmaxLabTouched = false;
      document.dispatchEvent(new Event('softmax-lab-committed'));
    }
  }
  // Whether the reader has moved the thumb (a key, arrow presses of the keyboard shortcuts or of the bar
  // above the page, a pointer) since the server last set it: only such a move is asked for. After a
  // switch between T and β the thumb shows, for a moment, the old scale's stop on the new scale.
  // Any other key or pointer press is another act of the reader, which may make the server set the thumb.
  if (!window.__softmaxLabTouch) {
    window.__softmaxLabTouch = (event) => {
      if (MODIFIERS.has(event.key)) return;
      window.__softmaxLabMovedLast = Boolean(event.target.closest?.(`.st-key-${data.slider}`));
      if (window.__softmaxLabMovedLast) window.__softmaxLabTouched = true;
    };
    document.addEventListener('keydown', window.__softmaxLabTouch, true);
    document.addEventListener('pointerdown', window.__softmaxLabTouch, true);
  }
  if (data.catchUp && !keeper.listening) {
    // A run of the controls has ended: whatever was asked before it may have been cut short by it.
    keeper.listening = () => { keeper.asked = null; keeper.show?.(); };
    document.addEventListener('softmax-lab-committed', keeper.listening);
  }
  keeper.show = show;
  // This rerun may have arrived after the thumb moved on: show the thumb's stop once React has drawn it.
  requestAnimationFrame(show);
  if (!keeper.observer) {
    keeper.observer = new MutationObserver(show);
    keeper.observer.observe(document.body, {
      subtree: true, attributes: true, attributeFilter: ['value', 'aria-valuetext'],
    });
  }
  // An older answer of the server (the thumb moved on while it ran) writes its text into a followed
  // container before this element's data comes, often a frame before: the thumb's stop is written over
  // it before the browser paints (an observer's callback runs before the next paint), not a frame later.
  // Each write of ours that changed something calls it once more, to find nothing left to change.
  keeper.texts ??= new MutationObserver(() => show(true));
  keeper.texts.disconnect();  // the containers of this run (React may have drawn some anew)
  for (const { target } of data.targets) {
    const box = document.querySelector(`.st-key-${target}`);
    if (box) keeper.texts.observe(box, { subtree: true, childList: true, characterData: true });
  }
  return () => {
    keeper.observer?.disconnect();
    keeper.observer = null;
    keeper.texts?.disconnect();
    keeper.texts = null;
    if (keeper.listening) document.removeEventListener('softmax-lab-committed', keeper.listening);
    keeper.listening = null;
    window.clearTimeout(keeper.resting);
  };
}

// The addresses of the page links and link buttons in `box` at `stop`: what a new tab, or a copied link,
// opens. Each link's every anchor: Streamlit draws a second, hidden one for a link button with a tooltip.
// A page link's click opens the page in this session, whose view the server holds (ui.shell.link_to).
function showLinks(box, stop) {
  box.querySelectorAll('[data-testid="stPageLink"], [data-testid="stLinkButton"]').forEach((element, i) => {
    const href = stop.links?.[i];
    element.querySelectorAll('a[href]').forEach((link) => {
      if (href && link.getAttribute('href') !== href) link.setAttribute('href', href);
    });
  });
}

// What the container `box` shows at `stop`: its metrics, its Markdown's text or numbers, its progress bar,
// its links, its text boxes, its code blocks and images.
function showStop(box, stop) {
  showLinks(box, stop);
  // A text box's text, as the server would draw it at the stop; not one the reader is typing in. (Its
  // value property: React's own record of it then agrees, and an edit from there is the reader's.)
  box.querySelectorAll('[data-testid="stTextInput"] input').forEach((input, i) => {
    const text = stop.inputs?.[i];
    if (text !== undefined && input !== document.activeElement && input.value !== text) input.value = text;
  });
  // A one-line code block's text (a link to copy): in the text node it is drawn in. (Its copy button copies
  // the server's text, the stop's once the content has caught up.)
  box.querySelectorAll('[data-testid="stCode"] code').forEach((code, i) => {
    const text = stop.codes?.[i];
    const nodes = textNodes(code);
    if (text !== undefined && nodes.length === 1) write(nodes[0], text);
  });
  box.querySelectorAll('img').forEach((image, i) => {
    const src = stop.images?.[i];
    if (src && image.getAttribute('src') !== src) image.setAttribute('src', src);
  });
  box.querySelectorAll('[data-testid="stMetricValue"]').forEach((value, i) => {
    if (i < stop.metrics.length) write(firstText(value), stop.metrics[i]);
  });
  // The other Markdown elements: each text node in order, where the element has as many as the stop.
  const texts = [...box.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .filter((element) => !element.closest('[data-testid="stMetric"], [data-testid="stProgress"]'));
  texts.forEach((element, i) => {
    const values = stop.numbers?.[i];
    if (values) writeNumbers(element, values);
    const pieces = stop.texts[i];
    const nodes = textNodes(element);
    if (pieces && nodes.length === pieces.length) nodes.forEach((node, j) => write(node, pieces[j]));
  });
  const progress = box.querySelector('[data-testid="stProgress"]');
  if (progress && stop.progress) {
    // As Streamlit draws a bar at `percent`: the track that long, its fill moved in from the left.
    const [percent, text] = stop.progress;
    const bar = progress.querySelector('[role="progressbar"]');
    const track = progress.querySelector('[data-testid="stProgressBarTrack"]');
    // Only what differs: a write of aria-valuetext, even of the same text, wakes every observer of the
    // slider's (this one too, which would write again).
    if (bar && bar.getAttribute('aria-valuenow') !== String(percent)) {
      bar.setAttribute('aria-valuenow', String(percent));
      bar.setAttribute('aria-valuetext', `${percent}%`);
    }
    if (track) track.style.width = `${percent}%`;
    if (track?.firstElementChild) track.firstElementChild.style.transform = `translateX(-${100 - percent}%)`;
    write(firstText(progress.querySelector('[data-testid="stMarkdownContainer"]')), text);
  }
}

// The page's content is a fragment that a move of the slider does not rerun (ui/shell.py, follows=True): it
// asks for its rerun at once where the thumb shows a stop one of its followers lacks (that chart or text
// waits for the server), and once the thumb has rested on another stop than the one it was drawn at (its
// downloads, and the stops around the thumb, catch up).
//
// On a page whose followers follow the logits' sliders too (`logits`: ui.shell, live(logits=True)), a logit a
// key press or two from where the content was drawn is one more stop it shows: the content reruns once the
// thumb has rested there. A logit further away the server runs the whole page for by itself (ui.shell).
function catchUp(keeper, input, setTriggerValue) {
  const { drawn, covered, labels, restMs, logits } = keeper.latest.catchUp;
  const index = Number(input.value);
  const same = Number(input.max) + 1 === labels.length && labels[index] === input.getAttribute('aria-valuetext');
  const moved = nudged(logits);  // undefined: no logit's slider moved; null: several did
  window.clearTimeout(keeper.resting);
  if (same && index === drawn && moved === undefined) return;  // back where it was drawn: nothing to catch up
  if (moved && !moved.stop) return;  // the server runs the whole page for that logit
  // The slider's moves are held in the browser (ui.controls, held=True): the request names the thumb's
  // stop, which the server takes. A thumb the reader has not moved since the server set it is asked for
  // only at the server's stop (a typed value: the content catches up with the controls).
  const committed = window.__softmaxLabCommitted;
  const atServer = committed?.index === index && committed?.label === input.getAttribute('aria-valuetext');
  if (moved === undefined && !window.__softmaxLabTouched && !atServer) return;
  const asking = moved === undefined ? input.value : `${input.value} ${moved?.key}`;
  // Once per stop and run of the controls: a request the server found stale is not sent again until the
  // controls' newer run has arrived (else each answer would ask again, and again).
  const sent = `${asking} ${committed?.session} ${committed?.run}`;
  const ask = () => {
    if (keeper.asked === asking || window.__softmaxLabAsked === sent) return;  // the answer is on its way
    keeper.asked = asking;
    window.__softmaxLabAsked = sent;
    // The thumb's stop as the reader sees it (ui.controls.take_held_move), and the controls' run this page
    // has drawn: the server tells by it a request that left before that run's answer arrived, whose thumb
    // is from before (ui.shell).
    setTriggerValue('stale', {
      index, label: input.getAttribute('aria-valuetext'), count: Number(input.max) + 1, run: committed?.run ?? 0,
    });
  };
  const shown = moved === undefined ? covered.includes(index) : Boolean(moved) && index === drawn;
  if (same && shown) keeper.resting = window.setTimeout(ask, restMs);
  else ask();
}

// KaTeX, the module Streamlit's frontend draws st.latex with (ui.instant_numbers.katex_script), loaded once.
function loadKatex(script) {
  if (!window.__softmaxLabKatex) {
    const url = new URL(`static/js/${script}`, window.location.href).href;
    window.__softmaxLabKatex = import(url).then((module) => module.default).catch((error) => {
      window.__softmaxLabKatex = null;
      throw error;
    });
  }
  return window.__softmaxLabKatex;
}

// The formulas of the container `box` at a stop: at the server's own stop the page's (React's) elements;
// at another, each drawn by KaTeX into an element of ours beside the page's, which is hidden meanwhile.
// React's own nodes are never changed (the rerun's React update finds them as it left them).
function showLatex(box, sources, atServer, script) {
  const mine = [...box.querySelectorAll('.softmax-lab-latex')];
  const theirs = [...box.querySelectorAll('.katex-display')].filter((display) => !display.closest('.softmax-lab-latex'));
  // Ours for another element than the page shows now (React drew a new one): gone.
  mine.filter((element) => !theirs.includes(element.previousElementSibling)).forEach((element) => element.remove());
  if (atServer || !script || theirs.length !== sources.length) {
    box.latexWanted = null;
    theirs.forEach((display) => {
      display.nextElementSibling?.classList.contains('softmax-lab-latex') && display.nextElementSibling.remove();
      display.style.display = '';
    });
    return;
  }
  box.latexWanted = sources;
  // After the next paint: the charts, which the eye follows, move first (ui/instant_chart.mjs).
  const painted = new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  Promise.all([loadKatex(script), painted]).then(([katex]) => {
    if (box.latexWanted !== sources) return;  // the thumb moved on meanwhile
    theirs.forEach((display, i) => {
      let element = display.nextElementSibling;
      if (!element?.classList.contains('softmax-lab-latex')) {
        element = document.createElement('div');
        element.className = 'softmax-lab-latex';
        display.after(element);
      }
      if (element.dataset.source !== sources[i]) {
        katex.render(sources[i], element, { displayMode: true, throwOnError: false });
        asPageDrawsIt(element);
        element.dataset.source = sources[i];
      }
      display.style.display = 'none';
    });
  }).catch(() => {});  // no KaTeX: the page's formula stays until the server's answer
}

// Streamlit's Markdown draws formulas with the KaTeX inside its rehype-katex (0.16), and the page's stylesheet
// is that version's; the KaTeX module served beside it (0.18) prefixes its layout classes ("katex-sizing",
// "katex-strut"). Named as 0.16 names them, the formula is drawn as the page's own (checked pixel for
// pixel by tests/browser/test_follows.py).
const KATEX_OWN = new Set(['katex-display', 'katex-error', 'katex-html', 'katex-mathml']);
function asPageDrawsIt(element) {
  element.querySelectorAll('[class*="katex-"]').forEach((node) => {
    for (const name of [...node.classList]) {
      if (name.startsWith('katex-') && !KATEX_OWN.has(name)) node.classList.replace(name, name.slice('katex-'.length));
    }
  });
}
