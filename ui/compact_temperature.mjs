// The browser half of ui.appearance.compact_temperature: the temperature above the page (a phone, a
// projector) as a view of the sidebar's temperature slider, not a second Streamlit widget. Checked by
// `node --check`.
//
// Why not a second st.select_slider on the same state: each run sets the one not moved from the state,
// and a run cut short by the next key press leaves that setting unsent, so the browser sends the old
// value back with the next run as if the reader had moved it, and the temperature jumps back (seen after
// five quick arrow presses). Here a move is handed to the sidebar's slider as arrow-key presses, as the
// keyboard shortcuts do (ui/keyboard.mjs): one widget, one value, and every instant chart follows it.
const SLIDER = '.st-key-temperature input[type=range]';

function press(input, key) {
  for (const type of ['keydown', 'keyup']) {
    input.dispatchEvent(new KeyboardEvent(type, { key, code: key, bubbles: true, cancelable: true }));
  }
}

export default function ({ parentElement, data }) {
  const root = parentElement.querySelector('.compact-temperature');
  const input = root.querySelector('input');
  const output = root.querySelector('output');
  root.latest = data;
  // Each run sends these again, mostly unchanged: written only when they change, as a write of the same
  // text or attribute is still a change of the page for the browser to lay out.
  const label = root.querySelector('label');
  if (label.textContent !== data.label) label.textContent = data.label;
  if (input.title !== data.help) input.title = data.help;
  if (input.max !== String(data.labels.length - 1)) input.max = String(data.labels.length - 1);
  if (input.disabled !== data.disabled) input.disabled = data.disabled;
  input.style.accentColor = data.accent;  // (read back as rgb(); the same colour set again is no change)

  // Writes only what changed: the observer below sees this element's attributes too, and a write of the
  // same value is still a mutation (it looped).
  const show = (index) => {
    const label = root.latest.labels[index] ?? '';
    if (input.value !== String(index)) input.value = String(index);
    if (input.getAttribute('aria-valuetext') !== label) input.setAttribute('aria-valuetext', label);
    if (output.textContent !== label) output.textContent = label;
  };
  // The sidebar's slider, when it holds this run's stops (after a switch between T and β the two may
  // briefly differ).
  const sidebar = () => {
    const slider = document.querySelector(SLIDER);
    return slider && Number(slider.max) === root.latest.labels.length - 1 ? slider : null;
  };
  const follow = () => {
    const slider = sidebar();
    if (slider && !root.dragging && root.target === undefined) show(Number(slider.value));
  };
  // One press per frame, each from the value the last one left: presses dispatched at once would all
  // step from the same value (the slider's state updates after the event), and a jump became one step.
  const walk = () => {
    const slider = sidebar();
    const target = root.target;
    if (!slider || target === undefined || Number(slider.value) === target || root.steps-- <= 0) {
      root.target = undefined;
      follow();
      return;
    }
    press(slider, target > Number(slider.value) ? 'ArrowRight' : 'ArrowLeft');
    window.requestAnimationFrame(walk);
  };
  // The sidebar's slider holds the value in the browser; a run's own stop is the one it was asked for, and
  // under load an answer arrives after the thumb has moved on (after a tap's walk to 60, the bar showed
  // the 12 of an earlier step's run for 50 ms).
  if (root.target === undefined && !root.dragging) {
    const slider = sidebar();
    show(slider ? Number(slider.value) : data.current);
  }

  if (!root.wired) {
    root.wired = true;
    input.addEventListener('input', () => {
      const walking = root.target !== undefined;
      root.target = Number(input.value);
      root.steps = 2 * root.latest.labels.length;  // a slider that does not move (locked) ends the walk
      show(root.target);
      if (!walking) walk();
    });
    input.addEventListener('pointerdown', () => { root.dragging = true; });
    root.release = () => {
      root.dragging = false;
      follow();
    };
    window.addEventListener('pointerup', root.release);
    window.addEventListener('pointercancel', root.release);
    root.observer = new MutationObserver((records) => {
      if (records.some((record) => record.target !== input)) follow();
    });
    root.observer.observe(document.body, {
      subtree: true, attributes: true, attributeFilter: ['value', 'aria-valuetext'],
    });
  }
  return () => {
    root.observer?.disconnect();
    window.removeEventListener('pointerup', root.release);
    window.removeEventListener('pointercancel', root.release);
  };
}
