// One browser-history entry per view, not per slider step. Streamlit's frontend pushes a history entry
// whenever the script changes the address's query; while a control moves (T, β, a page's own setting)
// that made leaving the app take many presses of Back. Here a change that keeps the page and its logits
// and labels replaces the current entry; a new page or new logits still push one, so Back undoes them.
const KEEP = ['z', 'labels'];

export default function () {
  if (window.__softmaxLabHistory) return;  // patched once per browser tab, across reruns and pages
  window.__softmaxLabHistory = true;
  const push = window.history.pushState.bind(window.history);
  window.history.pushState = (state, unused, url) => {
    if (url !== undefined && url !== null) {
      const now = new URL(window.location.href);
      const next = new URL(String(url), now);
      const sameView = next.pathname === now.pathname
        && KEEP.every((key) => next.searchParams.get(key) === now.searchParams.get(key));
      if (sameView) {
        window.history.replaceState(state, unused, url);
        return;
      }
    }
    push(state, unused, url);
  };
}
