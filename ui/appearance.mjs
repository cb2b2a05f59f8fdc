// The browser half of ui/appearance.py: the sidebar's theme switch, and the check that the charts were
// drawn for the theme the page shows. Checked by `node --check`.
//
// Streamlit keeps the reader's theme ("System", "Light" or "Dark", as its menu's Settings sets it) in
// localStorage under `stActiveTheme-<path of the page the tab opened on>-v2` and reads it when the app
// loads. The switch stores the choice under the key of every page of the app (a later visit to any of
// them keeps it) and reloads: the address holds the view, so the reader comes back to the same page.
const VERSION = 2;
const CHOICES = ['System', 'Light', 'Dark'];

function storageKey(path) {
  return `stActiveTheme-${path}-v${VERSION}`;
}

// The addresses of the app's pages, from this page's address and the pages' paths ('' is the landing page).
function pagePaths(page, pages) {
  const here = window.location.pathname;
  const base = page && here.endsWith(`/${page}`) ? here.slice(0, -page.length - 1) : here.replace(/\/$/, '');
  const paths = new Set([here]);
  for (const path of pages) {
    if (path) paths.add(`${base}/${path}`);
    else {
      paths.add(base || '/');
      paths.add(`${base}/`);
    }
  }
  return [...paths];
}

function storedChoice() {
  try {
    const value = JSON.parse(window.localStorage.getItem(storageKey(window.location.pathname)) || 'null');
    return CHOICES.includes(value) ? value : 'System';
  } catch {
    return 'System';
  }
}

// What the page shows now: Streamlit paints the app's background with the theme's colour.
function shownTheme() {
  const app = document.querySelector('.stApp');
  if (!app) return null;
  const channels = getComputedStyle(app).backgroundColor.match(/[\d.]+/g);
  if (!channels || channels.length < 3) return null;
  const [red, green, blue] = channels.slice(0, 3).map(Number);
  return 0.299 * red + 0.587 * green + 0.114 * blue < 128 ? 'dark' : 'light';
}

// Once a second: a change of theme from Streamlit's menu or the system does not rerun the script, so the
// charts would keep the other theme's colours until the next move. Each mismatch is reported once.
function check() {
  const shown = shownTheme();
  // For ui/style.css: what only the dark theme needs (the primary button's dark text).
  if (shown && document.documentElement.dataset.softmaxLabTheme !== shown) {
    document.documentElement.dataset.softmaxLabTheme = shown;
  }
  const state = window.__softmaxLabTheme;
  if (!state || !state.report) return;
  if (shown && shown !== state.drawn && shown !== state.reported) {
    state.reported = shown;
    state.report(shown);
  }
}

export default function ({ parentElement, data, setTriggerValue }) {
  const select = parentElement.querySelector('select');
  select.value = storedChoice();
  select.style.colorScheme = shownTheme() || 'light';  // the open list in the page's colours
  select.onchange = () => {
    const value = JSON.stringify(select.value);
    try {
      for (const path of pagePaths(data.page, data.pages)) window.localStorage.setItem(storageKey(path), value);
    } catch {
      return;  // storage refused (a private window's quota): the menu's Settings still work
    }
    window.location.reload();
  };

  const state = window.__softmaxLabTheme || {};
  window.__softmaxLabTheme = state;
  if (state.drawn !== data.drawn) state.reported = null;
  state.drawn = data.drawn;
  state.report = (theme) => setTriggerValue('theme', theme);
  if (!state.timer) state.timer = window.setInterval(check, 1000);
  check();
  return () => {
    if (window.__softmaxLabTheme === state) state.report = null;
  };
}
