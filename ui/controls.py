"""The sidebar controls every page shares: the logits (sliders, text, presets, labels) and the temperature.

Widgets do not hold the state: each has a ``key`` named after what it holds and an ``on_change``
callback that writes the shared state (``ui.state``); before drawing, ``sync_widgets`` sets every
widget from that state, so the same controls show the same values on every page. The text boxes are
drawn from the state instead, each keyed by the text it shows (``_box_key`` says why).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from lessons.common.scales import (
    BETA_OPTIONS,
    MAX_LOGITS,
    MAX_SLIDERS,
    MIN_LOGITS,
    SLIDER_LIMIT,
    SLIDER_STEP,
    T_OPTIONS,
    sliders_fit,
)
from lessons.common.text import escape_markdown, number
from softmax_core import parse_beta, parse_logits, parse_temperature

from . import state as shared

_TEXT_ERROR_KEY = "_logits_text_error"
_TEMPERATURE_ERROR_KEY = "_temperature_text_error"


@dataclass(frozen=True)
class Preset:
    """A vector of logits that reproduces a reference worked example."""

    name: str
    logits: tuple[float, ...]
    source: str


PRESETS = (
    Preset("Wikipedia example", (1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0), 'Wikipedia, "Softmax function"'),
    Preset("Explaining Softmax table", (0.95, 0.99, 0.98), "'Explaining Softmax', try β = 1 and β = 500"),
    Preset("Temperature article", (2.0, 1.0, 0.1), "the temperature article's logits, T = 1"),
    Preset("Near tie", (1.0, 1.0001), "two logits 10⁻⁴ apart"),
    Preset("Big spread", (0.0, 10.0), "σ(0, 10): compare T = 1 with T = 100"),
)
_PRESETS_BY_NAME = {preset.name: preset for preset in PRESETS}


SLIDER_KEY = "temperature"  # the temperature slider; the browser halves of instant charts watch it
READOUT_KEY = "temperature_readout"  # the container of the line under it, which follows it too
BOX_KEY = "temperature_text"  # the container of the exact value box, which follows it too
# The slider's value and the temperature (scale, value) when the widgets were last set, or a move taken.
_SLIDER_SET_KEY = "_temperature_slider_set"
HELD_KEY = "_temperature_held"  # whether the page's slider holds its moves in the browser (``ui.shell``)
_PUSHED_KEY = "_temperature_slider_pushed"  # the slider was set to a new value since it was last drawn


def logits_text(logits: tuple[float, ...]) -> str:
    """The logits as the text box shows them: exact, comma-separated."""
    return ", ".join(shared.format_param(x) for x in logits)


def snap(value: float, options: tuple[float, ...]) -> float:
    """The grid value equal to ``value`` up to rounding (1/(1/0.3) is 0.30000000000000004), else itself."""
    for option in options:
        if option == value or (math.isfinite(value) and math.isclose(option, value, rel_tol=1e-9)):
            return option
    return value


def temperature_options(state: shared.SharedState) -> tuple[float, ...]:
    """The slider's stops for the current scale, with an off-grid current value (from a link) inserted."""
    options = T_OPTIONS if state.scale == "T" else BETA_OPTIONS
    if state.value in options:
        return options
    return tuple(sorted((*options, state.value)))


def _box_key(name: str, version: str) -> str:
    """The key of the text box ``name`` drawn for ``version`` of the state: a new box for each new text.

    The browser may send a box's text back stale: during quick moves it sends its next rerun before the
    box of the last run has reached it, and the old text arrives as if typed; its callback would undo
    the moves (seen on bursts of arrow keys on the temperature slider). So each box is keyed by the
    state it shows, and only an edit of the box drawn last counts (``_on_box_edit``). A box keeps the
    user's text while it is rejected; clearing the error starts a new box (``_clear_error``).
    """
    generation = st.session_state.get(f"_{name}_generation", 0)
    digest = hashlib.blake2s(f"{version}|{generation}".encode(), digest_size=6).hexdigest()
    return f"{name}-{digest}"


def _text_box(
    label: str,
    name: str,
    text: str,
    on_change: Callable[[str], None],
    *,
    version: str | None = None,
    **kwargs,
) -> None:
    """A text box showing ``text`` (for ``version`` of the state, if the text alone is ambiguous), in a
    container keyed ``name`` (``.st-key-<name>`` finds it); ``on_change(text)`` gets what was typed."""
    key = _box_key(name, text if version is None else version)
    st.session_state[f"_{name}_box"] = key
    with st.container(key=name):
        st.text_input(
            label, value=text, key=key, on_change=_on_box_edit, args=(name, key, on_change), **kwargs
        )


def _on_box_edit(name: str, key: str, on_change: Callable[[str], None]) -> None:
    if key != st.session_state.get(f"_{name}_box"):  # a stale echo of a box already replaced
        return
    text = st.session_state.get(key)
    if text is None:
        # Streamlit calls back without the box's value when a link to another page is clicked just as a
        # run draws the box (CI, once: "st.session_state has no key", the next page not drawn). Nothing was
        # typed there. Every callback below reads its widget's value the same way, for the same reason.
        return
    on_change(text)


def _clear_error(error_key: str, box: str) -> None:
    if st.session_state.get(error_key):
        st.session_state[f"_{box}_generation"] = st.session_state.get(f"_{box}_generation", 0) + 1
    st.session_state[error_key] = None


# --- callbacks: run before the rerun draws anything, so they may set other widgets' values ---


def _set_logits(logits: tuple[float, ...], **changes) -> None:
    shared.update(logits=logits, **changes)
    _clear_error(_TEXT_ERROR_KEY, "logits_text")


def _on_logit_slider(index: int) -> None:
    value = st.session_state.get(f"logit_{index}")
    if value is None:  # called back without the slider's value (``_on_box_edit``)
        return
    logits = list(shared.current().logits)
    logits[index] = float(value)
    _set_logits(tuple(logits))


def _on_logits_text(text: str) -> None:
    try:
        logits = parse_logits(text, max_values=MAX_LOGITS, min_values=MIN_LOGITS)
    except ValueError as error:
        st.session_state[_TEXT_ERROR_KEY] = str(error)
        return
    _set_logits(tuple(float(x) for x in logits))


def _on_add_class() -> None:
    logits = shared.current().logits
    _set_logits((*logits, 0.0))


def _on_remove_class() -> None:
    _set_logits(shared.current().logits[:-1])


def _on_preset() -> None:
    preset = _PRESETS_BY_NAME.get(st.session_state.get("preset"))  # (None: ``_on_box_edit``)
    if preset is not None:
        _set_logits(preset.logits, labels=())
    st.session_state["preset"] = None


def _on_labels_text(text: str) -> None:
    labels, _ = shared.parse_labels(text)
    shared.update(labels=labels)


def _on_scale() -> None:
    scale = st.session_state.get("scale")
    if scale is None:  # called back without the switch's value (``_on_box_edit``)
        return
    # The switch converts the temperature the thumb shows: a move held in the browser, which this request
    # carries, is the older act (left to the run, it was dropped: the callback had set the temperature).
    take_held_move()
    converted = shared.current().with_scale(scale)
    shared.set_temperature(converted.scale, snap(converted.value, temperature_options(converted)))


def _on_temperature_slider() -> None:
    value = st.session_state.get("temperature")
    if value is None:  # called back without the slider's value (``_on_box_edit``)
        return
    shared.set_temperature(shared.current().scale, float(value))
    _clear_error(_TEMPERATURE_ERROR_KEY, BOX_KEY)


def take_held_move(thumb: object = None, *, stale: bool = False) -> None:
    """Take into the state a move of the temperature slider held in the browser
    (``temperature_controls(held=True)``), which this run's request carries. Call it at the start of every
    run, before the state is read.

    The page's content asks for its catch-up with ``thumb``, ``{"index", "label", "count"}``: the thumb's
    position, what it shows and the slider's number of stops, read from the slider the reader sees
    (``instant_numbers.asked``); it is taken where those are the server's stops. Any other request carries
    the slider's value, taken where it differs from the value last set or taken. (After a switch between T
    and β, the value in a request can still index the old stops: Streamlit keeps a keyed widget's value
    across new options; the thumb's label cannot.) Nothing is taken where a callback of this request set
    the temperature (the newer act), nor from a ``stale`` request: it left before the browser had the
    controls' latest run (a limit's button, a typed value), and its thumb is as old.
    """
    slider, at = st.session_state.get(_SLIDER_SET_KEY, (None, None))
    value = st.session_state.get(SLIDER_KEY)
    state = shared.current()
    if at is None:
        return
    st.session_state[_SLIDER_SET_KEY] = (value, at)  # considered once: a rerun of this request finds it done
    if stale or (state.scale, state.value) != at:
        return
    options = temperature_options(state)
    if thumb is None:
        stop = value if value != slider and value in options else None
    else:
        stop = _thumb_stop(thumb, options)
    if stop is None or stop == state.value:
        return
    state = shared.set_temperature(state.scale, float(stop))
    _clear_error(_TEMPERATURE_ERROR_KEY, BOX_KEY)
    # The slider shows it already: not set again (``sync_widgets``), which would pull back a thumb that has
    # moved on since the request left.
    st.session_state[_SLIDER_SET_KEY] = (value, (state.scale, state.value))


def _thumb_stop(thumb: object, options: tuple[float, ...]) -> float | None:
    """The stop of ``options`` that ``thumb`` (``take_held_move``) shows, or None if it shows another."""
    if not isinstance(thumb, dict):
        return None
    index, label, count = thumb.get("index"), thumb.get("label"), thumb.get("count")
    if not isinstance(index, int) or count != len(options) or not 0 <= index < len(options):
        return None
    return options[index] if slider_label(options[index]) == label else None


def _on_temperature_text(text: str) -> None:
    state = shared.current()
    parse = parse_temperature if state.scale == "T" else parse_beta
    try:
        value = parse(text)
    except ValueError as error:
        st.session_state[_TEMPERATURE_ERROR_KEY] = str(error)
        return
    if state.scale == "T" and value < 0:
        shared.set_temperature("beta", 1.0 / value)
    else:
        shared.set_temperature(state.scale, value + 0.0)  # + 0.0: T = −0 is T = 0
    _clear_error(_TEMPERATURE_ERROR_KEY, BOX_KEY)


def _on_limit(beta: float) -> None:
    state = shared.current()
    if state.scale == "T" and beta >= 0:
        shared.set_temperature("T", 0.0 if beta > 0 else math.inf)
    else:
        shared.set_temperature("beta", beta)
    _clear_error(_TEMPERATURE_ERROR_KEY, BOX_KEY)


# --- drawing ---


def sync_widgets(state: shared.SharedState, *, new_page: bool) -> None:
    """Set every shared widget but the text boxes (``_box_key``) from the state, before any is drawn.

    Within a page only values that differ are set: re-setting an unchanged one would push it to the
    browser on every rerun and could snap back a slider the user is still moving. On a new page every
    value is set: the widgets there are new ones (Streamlit's widget ids include the page), and a
    value merely left in session state by the previous page's widgets would not reach them. The text
    boxes there start from the state too, so a rejected text of the previous page is forgotten.
    """
    wanted = {f"logit_{index}": float(x) for index, x in enumerate(state.logits[:MAX_SLIDERS])} | {
        "scale": state.scale,
        "temperature": state.value,
    }
    if new_page:
        _clear_error(_TEXT_ERROR_KEY, "logits_text")
        _clear_error(_TEMPERATURE_ERROR_KEY, BOX_KEY)
    # A slider that holds its moves in the browser is set only when the temperature changed on the server:
    # its value may be a move the server has not taken yet (``take_held_move``), which a set would undo.
    _, at = st.session_state.get(_SLIDER_SET_KEY, (None, None))
    keep = {SLIDER_KEY} if st.session_state.get(HELD_KEY) and at == (state.scale, state.value) else set()
    for key, value in wanted.items():
        if new_page or (key not in keep and st.session_state.get(key) != value):
            st.session_state[key] = value
            if key == SLIDER_KEY:
                st.session_state[_PUSHED_KEY] = True
    st.session_state[_SLIDER_SET_KEY] = (st.session_state.get(SLIDER_KEY), (state.scale, state.value))
    if new_page or "preset" not in st.session_state:
        st.session_state["preset"] = None


def slider_pushed() -> bool:
    """Whether the temperature slider is drawn with a new value of the server's (``sync_widgets`` set it)
    since it was last drawn: the thumb moves to it in the browser. Read once, where the slider is drawn."""
    return st.session_state.pop(_PUSHED_KEY, False)


def temperature_text(state: shared.SharedState) -> str:
    """What the exact value box under the temperature slider shows for ``state``."""
    return shared.format_param(state.value)


def slider_label(value: float) -> str:
    """How the temperature slider shows a stop, on its thumb and to a screen reader (aria-valuetext)."""
    return number(value)


def logit_nudges(
    state: shared.SharedState, *, reach: int
) -> list[tuple[str, float, list[tuple[float, shared.SharedState]]]]:
    """Where a key press or two on a logit slider takes the view: for each slider ``logits_controls``
    draws, its key, its value, and every value within ``reach`` steps of it on the slider's span, with the
    state at that value (``reach=2`` at z = 2: 1.98, 1.99, 2.01, 2.02; at the end of the span, 10: 9.98,
    9.99). Nothing where the logits have no sliders (too many, or off the sliders' grid).
    """
    if not sliders_fit(state.logits):
        return []
    nudges = []
    for index, at in enumerate(state.logits):
        # round(…, 10): the value the slider shows (2 + 0.01 is 2.0100000000000002 in floating point).
        near = {round(at + k * SLIDER_STEP, 10) for k in range(-reach, reach + 1) if k}
        values = sorted(value for value in near if -SLIDER_LIMIT <= value <= SLIDER_LIMIT)
        nudges.append((f"logit_{index}", at, [(value, state.with_logit(index, value)) for value in values]))
    return nudges


def logits_controls(state: shared.SharedState, *, locked: bool = False) -> None:
    """Presets, the logits as text and as sliders, add/remove a class; all disabled when ``locked``
    (a teacher link: students see the values but cannot change them)."""
    st.selectbox(
        "Preset",
        [preset.name for preset in PRESETS],
        index=None,
        key="preset",
        placeholder="Load a worked example…",
        on_change=_on_preset,
        disabled=locked,
        help="\n".join(f"- **{p.name}**: {p.source}" for p in PRESETS),
    )
    _text_box(
        "Logits z",
        "logits_text",
        logits_text(state.logits),
        _on_logits_text,
        disabled=locked,
        help=f"{MIN_LOGITS} to {MAX_LOGITS} numbers separated by commas, spaces or "
        "semicolons, e.g. 2, 1, 0.1 or 1e-3.",
    )
    error = st.session_state.get(_TEXT_ERROR_KEY)
    if error:
        st.error(
            f"{escape_markdown(error)} The logits shown are the last valid ones.", icon=":material/error:"
        )
    labels = state.class_labels
    if sliders_fit(state.logits):
        for index in range(len(state.logits)):
            st.slider(
                f"z for {labels[index]}",
                min_value=-SLIDER_LIMIT,
                max_value=SLIDER_LIMIT,
                step=SLIDER_STEP,
                key=f"logit_{index}",
                on_change=_on_logit_slider,
                args=(index,),
                disabled=locked,
            )
    else:
        st.caption(
            f"Sliders show up to {MAX_SLIDERS} logits between −10 and 10 in steps of 0.01; "
            "edit these in the text box above."
        )
    add, remove = st.columns(2)
    add.button(
        "Add",
        icon=":material/add:",
        help="Add a class with logit 0.",
        key="add_class",
        on_click=_on_add_class,
        disabled=locked or len(state.logits) >= MAX_LOGITS,
        width="stretch",
    )
    remove.button(
        "Remove",
        icon=":material/remove:",
        help="Remove the last class.",
        key="remove_class",
        on_click=_on_remove_class,
        disabled=locked or len(state.logits) <= MIN_LOGITS,
        width="stretch",
    )


def labels_controls(state: shared.SharedState, *, locked: bool = False) -> None:
    """The optional class labels, one box; disabled when ``locked``."""
    _text_box(
        "Class labels (optional)",
        "labels_text",
        ", ".join(state.labels),
        _on_labels_text,
        disabled=locked,
        placeholder="cat, dog, bird",
        help="Comma-separated; missing labels are 'class i'.",
    )


def readout(state: shared.SharedState) -> tuple[str, str, str]:
    """The line under the temperature slider, as the pieces it is drawn in: T and β bold, a dot between."""
    return f"T = {number(state.temperature)}", " · ", f"β = 1/T = {number(state.beta)}"


def temperature_controls(state: shared.SharedState, *, locked: bool = False, held: bool = False) -> None:
    """One log-scale slider read as T or β, an exact value box, and the exact limits in one click; all
    disabled when ``locked``.

    With ``held`` (a page whose every element that depends on T follows the slider in the browser) a move
    of the slider asks the server for nothing (``on_change="ignore"``): the browser redraws what follows,
    and the next request (the content's catch-up, or any other control's) carries the thumb's stop
    (``take_held_move``). Why: a run of the controls alone made Streamlit draw every element of the page
    three times (README, "Every page (issue 22)").
    """
    st.segmented_control(
        "Read the temperature as",
        ["T", "beta"],
        format_func={"T": "temperature T", "beta": "β = 1/T"}.get,
        required=True,
        key="scale",
        on_change=_on_scale,
        disabled=locked,
    )
    is_t = state.scale == "T"
    st.select_slider(
        "Temperature T" if is_t else "Inverse temperature β",
        options=temperature_options(state),
        format_func=slider_label,
        key=SLIDER_KEY,
        on_change="ignore" if held else _on_temperature_slider,
        disabled=locked,
        help="Logarithmic steps from 0.01 to 100; the ends are the exact limits"
        + (" T = 0 (arg max) and T = ∞ (uniform)." if is_t else " β = ±∞; β = 0 is uniform."),
    )
    with st.container(key=READOUT_KEY):  # follows the thumb (ui.shell, ui.instant_numbers)
        st.markdown("**{}**{}**{}**".format(*readout(state)))
    _text_box(
        "Exact value of T" if is_t else "Exact value of β",
        BOX_KEY,
        temperature_text(state),
        _on_temperature_text,
        version=f"{state.scale}:{state.value!r}",
        disabled=locked,
        help="Any number, 0, or inf (the exact limits)"
        + ("; a negative T is a negative β." if is_t else "; negative β favours the smallest logit."),
    )
    error = st.session_state.get(_TEMPERATURE_ERROR_KEY)
    if error:
        st.error(escape_markdown(error), icon=":material/error:")
    limits = [("limit_cold", "T → 0 · arg max", math.inf), ("limit_hot", "T → ∞ · uniform", 0.0)]
    if not is_t:
        limits.append(("limit_argmin", "β → −∞ · arg min", -math.inf))
    for key, label, beta in limits:
        st.button(label, key=key, on_click=_on_limit, args=(beta,), width="stretch", disabled=locked)
