"""The one home of the shared view state: logits, labels and temperature.

The URL is read once per session (and again when the address changes under the session, e.g. the
browser's back button), validated, kept in ``st.session_state`` and written back after every change,
so the address bar always shares the current view. Pages never touch ``st.query_params``; page-only
controls bind themselves to the URL with ``bind="query-params"``.

The first half of this module is pure (``from_params`` / ``to_params``) and tested without Streamlit.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import streamlit as st

from lessons.common.scales import MAX_LABEL_LENGTH, MAX_LOGITS, MIN_LOGITS
from lessons.common.text import escape_markdown, quote
from softmax_core import parse_beta, parse_logits, parse_temperature, resolve_beta

Scale = Literal["T", "beta"]

SHARED_PARAMS = ("z", "T", "beta", "labels")
DEFAULT_LOGITS = (2.0, 1.0, 0.1)

_STATE_KEY = "_shared_state"
_WRITTEN_KEY = "_shared_params_written"
_NOTICES_KEY = "_shared_notices"
_CHANGED_KEY = "_shared_state_changed"  # a control changed the state in this run's request (``update``)


@dataclass(frozen=True)
class SharedState:
    """What every page shows: the logits z, optional class labels and the temperature.

    The temperature is kept exactly as the user set it, in the scale they read it in: either
    ``temperature_as_set`` (T, from 0 to ∞) or ``beta_as_set`` (β = 1/T, any sign, ±∞), never both, so a
    link says ``T=0.3`` and not ``beta=3.3333333333333335``. A negative temperature is a negative β and
    lives on the β scale only. ``beta`` is the number the core takes.
    """

    logits: tuple[float, ...] = DEFAULT_LOGITS
    temperature_as_set: float | None = 1.0
    beta_as_set: float | None = None
    labels: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if (self.temperature_as_set is None) == (self.beta_as_set is None):
            msg = "set the temperature on one scale: temperature_as_set or beta_as_set, not both or neither"
            raise ValueError(msg)
        t = self.temperature_as_set
        if t is not None and not (t >= 0 and math.copysign(1.0, t) > 0):
            msg = f"temperature_as_set = {t!r}: a negative (or −0) T is a negative β, set on the β scale"
            raise ValueError(msg)

    @classmethod
    def on_scale(cls, scale: Scale, value: float, **fields) -> SharedState:
        """The state with the temperature ``value`` read on ``scale`` (T or β)."""
        if scale == "T":
            return cls(temperature_as_set=value, beta_as_set=None, **fields)
        return cls(temperature_as_set=None, beta_as_set=value, **fields)

    @property
    def scale(self) -> Scale:
        """The scale the user reads the temperature in: "T" or "beta"."""
        return "T" if self.temperature_as_set is not None else "beta"

    @property
    def value(self) -> float:
        """The temperature as set, in its own scale: what the slider and the link show."""
        value = self.temperature_as_set if self.temperature_as_set is not None else self.beta_as_set
        assert value is not None  # __post_init__: exactly one is set
        return value

    @property
    def beta(self) -> float:
        """Inverse temperature β = 1/T (+inf at T = 0, 0 at T = ∞): the number to give the core."""
        if self.beta_as_set is not None:
            return self.beta_as_set
        return resolve_beta(temperature=self.value)

    @property
    def temperature(self) -> float:
        """Temperature T = 1/β, for display (0 at β = ±∞, ∞ at β = 0).

        At β = −∞ this is 0 like at β = +∞ (the core reads ``temperature=0`` as the arg max): give the
        core ``beta``, never this (``tests/ui/test_state.py`` checks that no page does).
        """
        if self.temperature_as_set is not None:
            return self.temperature_as_set
        b = self.value
        return math.inf if b == 0 else abs(1.0 / b) if math.isinf(b) else 1.0 / b

    def with_value(self, value: float) -> SharedState:
        """The same state with the temperature ``value`` on the same scale."""
        return self.on_scale(self.scale, value, logits=self.logits, labels=self.labels)

    def with_logit(self, index: int, value: float) -> SharedState:
        """The same state with logit ``index`` at ``value`` (a move of that logit's slider)."""
        logits = list(self.logits)
        logits[index] = value
        return replace(self, logits=tuple(logits))

    @property
    def class_labels(self) -> tuple[str, ...]:
        """One distinct label per logit: the user's where given, 'class i' elsewhere."""
        k = len(self.logits)
        given = list(self.labels[:k]) + [f"class {i + 1}" for i in range(len(self.labels), k)]
        # Plotly merges bars of equal category names, so repeated labels get a counter.
        seen: dict[str, int] = {}
        distinct = []
        for label in given:
            seen[label] = seen.get(label, 0) + 1
            distinct.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
        return tuple(distinct)

    def with_scale(self, scale: Scale) -> SharedState:
        """The same temperature, read in the other scale."""
        if scale == self.scale:
            return self
        value = self.beta if scale == "beta" else self.temperature
        return self.on_scale(scale, value, logits=self.logits, labels=self.labels)


def format_param(x: float) -> str:
    """Shortest text that reads back as exactly ``x`` ('2' rather than '2.0', 'inf' for ∞)."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


def parse_labels(text: str) -> tuple[tuple[str, ...], list[str]]:
    """Split 'cat, dog, bird' into labels; returns the labels and what was trimmed, as notices."""
    notices = []
    parts = [part.strip() for part in text.split(",")]
    if len(parts) > MAX_LOGITS:
        notices.append(f"only the first {MAX_LOGITS} of {len(parts)} labels are used")
        parts = parts[:MAX_LOGITS]
    labels = []
    for part in parts:
        # Control and format characters (newlines, bidi overrides) would garble the axis labels.
        clean = "".join(ch for ch in part if not unicodedata.category(ch).startswith("C")).strip()
        if len(clean) > MAX_LABEL_LENGTH:
            clean = clean[: MAX_LABEL_LENGTH - 1] + "…"
        labels.append(clean)
    while labels and not labels[-1]:
        labels.pop()
    return tuple(labels), notices


def _first(params: Mapping[str, str | list[str]], key: str) -> str | None:
    value = params.get(key)
    if isinstance(value, list):
        value = value[-1] if value else None
    return value


def from_params(params: Mapping[str, str | list[str]]) -> tuple[SharedState, list[str]]:
    """Read the shared state from URL query parameters.

    Never raises: what cannot be used is replaced by the default and described in the returned
    notices (one sentence each), which the page shows in one warning.
    """
    state = SharedState()
    notices: list[str] = []

    z_text = _first(params, "z")
    if z_text is not None:
        try:
            logits = parse_logits(z_text, max_values=MAX_LOGITS, min_values=MIN_LOGITS)
        except ValueError as error:
            notices.append(f"z = {quote(z_text)} was ignored: {escape_markdown(str(error))}")
        else:
            state = replace(state, logits=tuple(float(x) for x in logits))

    t_text, beta_text = _first(params, "T"), _first(params, "beta")
    temperature_state, t_notice = _read_temperature(t_text, state) if t_text is not None else (None, None)
    beta_state, beta_notice = _read_beta(beta_text, state) if beta_text is not None else (None, None)
    if temperature_state is not None and beta_state is not None:
        # Both usable: T wins, as it did before β existed in links; β is named as ignored.
        both = "give the temperature T or β = 1/T, not both."
        beta_state, beta_notice = None, f"beta = {quote(beta_text or '')} was ignored: {both}"
    # What is valid is used, what is not is named: /?T=abc&beta=2 opens at β = 2.
    state = temperature_state or beta_state or state
    notices.extend(notice for notice in (t_notice, beta_notice) if notice)

    labels_text = _first(params, "labels")
    if labels_text is not None:
        labels, label_notices = parse_labels(labels_text)
        notices.extend(f"labels: {notice}." for notice in label_notices)
        state = replace(state, labels=labels)
    return state, notices


def _read_temperature(text: str, state: SharedState) -> tuple[SharedState | None, str | None]:
    try:
        temperature = parse_temperature(text)
    except ValueError as error:
        return None, f"T = {quote(text)} was ignored: {escape_markdown(str(error))}"
    if temperature < 0:
        # A negative temperature is a negative β (the arg-min convention), which the β scale shows.
        return state.on_scale("beta", resolve_beta(temperature=temperature), logits=state.logits), None
    return state.with_value(temperature + 0.0), None  # + 0.0: T = −0 is T = 0, as the core reads it


def _read_beta(text: str, state: SharedState) -> tuple[SharedState | None, str | None]:
    try:
        return state.on_scale("beta", parse_beta(text), logits=state.logits), None
    except ValueError as error:
        return None, f"beta = {quote(text)} was ignored: {escape_markdown(str(error))}"


def to_params(state: SharedState) -> dict[str, str]:
    """The query parameters that reproduce ``state`` (the inverse of ``from_params``)."""
    params = {"z": ",".join(format_param(x) for x in state.logits)}
    params[state.scale] = format_param(state.value)
    if any(state.labels):
        params["labels"] = ",".join(state.labels)
    return params


# --- Session glue: the only code that reads or writes st.query_params for the shared state. ---


def _url_shared_params() -> dict[str, str]:
    return {key: st.query_params[key] for key in SHARED_PARAMS if key in st.query_params}


def load() -> SharedState:
    """The session's shared state, read from the URL on the first run or when the address changed."""
    in_url = _url_shared_params()
    written = st.session_state.get(_WRITTEN_KEY)
    # An address without the shared parameters is a page switch within the session (the sidebar's links
    # carry none), which keeps the state; one that differs from what we wrote was typed, pasted or
    # reached with back/forward, so it wins. Unless a control changed the state in this run's request:
    # the request carries the address the browser had when it left, and after quick moves of a logit's
    # slider that is older than what the last run wrote, whose answer was still on its way (read as a
    # navigation, it undid the move: the slider back at 1, the address at 1.01, the chart at 1).
    changed = st.session_state.pop(_CHANGED_KEY, False)
    if _STATE_KEY not in st.session_state or (in_url and in_url != written and not changed):
        state, notices = from_params(in_url)
        st.session_state[_STATE_KEY] = state
        st.session_state[_NOTICES_KEY] = notices
        st.session_state.pop(_WRITTEN_KEY, None)
    return st.session_state[_STATE_KEY]


def current() -> SharedState:
    """The shared state as it stands now (after any callback of this rerun)."""
    return st.session_state[_STATE_KEY]


def update(**changes) -> SharedState:
    """Replace fields of the shared state (called from widget callbacks); clears URL notices."""
    before = st.session_state[_STATE_KEY]
    state = replace(before, **changes)
    st.session_state[_STATE_KEY] = state
    st.session_state[_NOTICES_KEY] = []
    if state != before:
        # For ``load``, this run's; ``save_to_url`` ends it. Not for a change that changes nothing: Streamlit
        # delivers a box's edit again when its run was cut short, and read as a control's change it hid a
        # Back pressed meanwhile (CI, once: the address went back, then forward to the edit's view).
        st.session_state[_CHANGED_KEY] = True
    return state


def add_notices(more: list[str]) -> None:
    """Add sentences to the page's warning about the link (a page parameter that could not be used)."""
    if more:
        st.session_state[_NOTICES_KEY] = [*st.session_state.get(_NOTICES_KEY, []), *more]


def set_temperature(scale: Scale, value: float) -> SharedState:
    """Set the temperature to ``value`` read on ``scale`` (from a control's callback); clears URL notices."""
    state = current()
    return update(**vars(state.on_scale(scale, value, logits=state.logits, labels=state.labels)))


def notices() -> list[str]:
    """What the URL asked for that could not be used, until the user changes something."""
    return st.session_state.get(_NOTICES_KEY, [])


def save_to_url(state: SharedState) -> None:
    """Write the shared parameters into the address bar, touching only those that changed."""
    wanted = to_params(state)
    for key in SHARED_PARAMS:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[_WRITTEN_KEY] = wanted
    # The run's end (a fragment's run reads no address): a later navigation is read again.
    st.session_state.pop(_CHANGED_KEY, None)


def logits_array(state: SharedState) -> np.ndarray:
    """The logits as a read-only float64 array, ready for the core."""
    z = np.array(state.logits, dtype=np.float64)
    z.flags.writeable = False
    return z
