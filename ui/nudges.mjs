// What the logits' sliders show against what a run drew, for the charts and numbers that follow them
// (ui/instant_chart.mjs, ui/instant_numbers.mjs: their Python halves put this file before their own).
// Checked by `node --check`.
//
// `nudges` comes with a run: per logit slider its key, the value the run drew it at, and what the follower
// shows at the values a key press or two away ([value, stop] pairs: ui.controls.logit_nudges).

// The one logit's slider moved from the value the run drew, as the stop it shows: {key, stop} (no stop
// where the run sent none for its value); undefined where none moved, null where more than one did (only the
// server knows that view).
function nudged(nudges) {
  let found;
  for (const { slider, at, stops } of nudges || []) {
    const input = document.querySelector(`.st-key-${slider} input[type=range]`);
    const value = input && Number(input.value);
    if (!input || Math.abs(value - at) < 1e-9) continue;  // (a slider a teacher's link hides has not moved)
    if (found !== undefined) return null;
    found = { key: `${slider}=${value}`, stop: stops.find(([near]) => Math.abs(near - value) < 1e-9)?.[1] };
  }
  return found;
}
