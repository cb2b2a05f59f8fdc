// The browser half of ui/keyboard.py: shortcuts for the temperature that need no focus on the slider, a
// skip link to it, and wide formulas and tables that a keyboard can scroll. Checked by `node --check`.
//
// The temperature slider is React Aria's: a hidden <input type=range> inside `.st-key-temperature` that
// answers key presses (a value set from outside would not reach Streamlit). A shortcut hands the same key
// to it, so a step is exactly the step of an arrow key on the focused slider; the limits are the
// sidebar's own buttons. Both work with the sidebar closed; a locked (disabled) control ignores them.
const SLIDER = '.st-key-temperature input[type=range]';
const COMPACT = '.st-key-temperature_compact input[type=range]';
const BUTTONS = { '0': '.st-key-limit_cold button', i: '.st-key-limit_hot button' };
// Where a key already means something: typing, or a widget that reads arrow keys itself.
const BUSY = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role=slider], '
  + '[role=tab], [role=tablist], [role=radio], [role=radiogroup], [role=listbox], [role=option], '
  + '[role=menu], [role=menuitem], [role=combobox], [role=spinbutton], [role=grid], [role=dialog]';

function enabled(element) {
  return element && !element.disabled && element.getAttribute('aria-disabled') !== 'true' ? element : null;
}

function press(input, key) {
  for (const type of ['keydown', 'keyup']) {
    input.dispatchEvent(new KeyboardEvent(type, { key, code: key, bubbles: true, cancelable: true }));
  }
}

function visible(element) {
  return element && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
}

// The slider to give the focus to: the one above the page where it is shown (phone, projector), else
// the sidebar's, opening the sidebar first when it is closed.
function focusTemperature() {
  const compact = document.querySelector(COMPACT);
  if (visible(compact)) {
    compact.focus();
    return;
  }
  const slider = document.querySelector(SLIDER);
  if (!slider) return;
  const open = document.querySelector('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button');
  if (!visible(slider) && open) {
    open.click();
    window.setTimeout(() => slider.focus(), 350);  // after the sidebar's slide-in
  } else {
    slider.focus();
  }
}

function onKey(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
  const focused = document.activeElement;
  if (focused && focused !== document.body && focused.closest(BUSY)) return;
  const slider = enabled(document.querySelector(SLIDER));
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    if (!slider) return;
    event.preventDefault();
    press(slider, event.key);
  } else if (event.key in BUTTONS && !event.shiftKey) {
    const button = enabled(document.querySelector(BUTTONS[event.key]));
    if (!button) return;
    event.preventDefault();
    button.click();
  } else if (event.key === 't' && slider) {
    event.preventDefault();
    focusTemperature();
  }
}

// A link before everything else, shown when the keyboard reaches it: one Tab and Enter to the temperature.
function addSkipLink() {
  const link = document.createElement('a');
  link.href = '#';
  link.className = 'softmax-lab-skip';
  link.textContent = 'Skip to the temperature (or press t)';
  link.addEventListener('click', (event) => {
    event.preventDefault();
    focusTemperature();
  });
  document.body.prepend(link);
  return link;
}

// A formula or a Markdown table wider than its column scrolls sideways (ui/style.css gives tables
// `display: block; overflow-x: auto`); a keyboard can scroll only what it can focus (WCAG 2.1.1; axe's
// scrollable-region-focusable). Only the ones that do scroll get a tab stop and a name that says so.
// A table keeps its role, so a screen reader still reads rows and columns.
const SCROLLING = [
  { selector: '.katex-display, [data-testid="stMarkdownContainer"] .katex-html', role: 'region', label: 'Formula, scrolls sideways' },
  { selector: '[data-testid="stMarkdownContainer"] table', role: null, label: 'Table, scrolls sideways' },
];

// The boxes in `root` (or that are `root`): a changed paragraph may hold its own formulas.
function boxesIn(root, selector) {
  const boxes = [...root.querySelectorAll(selector)];
  return root.matches(selector) ? [root, ...boxes] : boxes;
}

function focusableScrolling(roots) {
  for (const { selector, role, label } of SCROLLING) {
    for (const box of roots.flatMap((root) => boxesIn(root, selector))) {
      const scrolls = box.scrollWidth > box.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(box).overflowX);
      if (scrolls && !box.hasAttribute('tabindex')) {
        box.setAttribute('tabindex', '0');
        if (role) box.setAttribute('role', role);
        box.setAttribute('aria-label', label);
        box.dataset.softmaxLabScroll = '1';
      } else if (!scrolls && box.dataset.softmaxLabScroll) {
        box.removeAttribute('tabindex');
        if (role) box.removeAttribute('role');
        box.removeAttribute('aria-label');
        delete box.dataset.softmaxLabScroll;
      }
    }
  }
}

// Where a change of the page may have made a box scroll, or stop: the element it happened in, or the
// Markdown around it (a number the browser rewrote in a formula). A chart's own redraws (plotly.js, on
// every move of the temperature) hold no formula or table: measuring every box of the page then cost
// 6-8 ms a move on /loss (a CPU profile).
function changedRoot(record) {
  const element = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
  if (!element || !element.isConnected || element.closest('.js-plotly-plot')) return null;
  return element.closest('[data-testid="stMarkdownContainer"]') || element;
}

// Whether a mutation added a stylesheet: a <style> or <link>, or an element that holds one (st.html's
// element brings the app's own inside its <div>). A loop, not a copy of the node list, in the callback above.
function addsStylesheet(record) {
  for (const node of record.addedNodes) {
    if (node.nodeName === 'STYLE' || node.nodeName === 'LINK') return true;
    if (node.nodeType === Node.ELEMENT_NODE && node.querySelector('style, link[rel="stylesheet"]')) return true;
  }
  return false;
}

export default function () {
  if (window.__softmaxLabKeyboard) return;  // once per browser tab, across reruns and pages
  window.__softmaxLabKeyboard = true;
  document.addEventListener('keydown', onKey);
  addSkipLink();
  // Checked once a frame: the boxes in what changed, or every box after a change of the layout's width
  // (the window, the sidebar opened or closed).
  const roots = new Set();
  let pending = false;
  const soon = () => {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      const changed = [...roots].filter((root) => root.isConnected);
      roots.clear();
      // The outermost only: a box inside two changed elements is measured once.
      focusableScrolling(changed.filter((root) => !changed.some((other) => other !== root && other.contains(root))));
    });
  };
  const everything = () => {
    roots.add(document.body);
    soon();
  };
  new MutationObserver((records) => {
    const before = roots.size;
    for (const record of records) {
      // First, as cheaply as can be: a redraw of a chart brings hundreds of these a move, all in its SVG,
      // and this callback runs before the browser paints the moved chart.
      if (record.target instanceof SVGElement) continue;
      // A stylesheet may make boxes drawn before it scroll: the app's own (st.html's element) can come
      // seconds after the tables it styles on a loaded machine (a table left without its tab stop, in CI).
      if (addsStylesheet(record)) {
        everything();
        continue;
      }
      const root = changedRoot(record);
      if (root) roots.add(root);
    }
    if (roots.size > before) soon();
  }).observe(document.body, { childList: true, subtree: true });
  document.fonts?.addEventListener?.('loadingdone', everything);  // a web font, drawn wider than its fallback
  if (window.ResizeObserver) {  // the main column's width: it follows the window's too
    let width = null;
    new ResizeObserver(([entry]) => {
      if (width !== null && Math.abs(entry.contentRect.width - width) >= 1) everything();
      width = entry.contentRect.width;
    }).observe(document.querySelector('[data-testid="stMain"]') || document.body);
  } else {
    window.addEventListener('resize', everything);
  }
  everything();
}
