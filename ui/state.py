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


@dataclass(frozen=True)
class SharedState:
    """What every page shows: the logits z, optional class labels and the temperature.

    The temperature is kept as the user set it, in the scale they read it in (``value`` is T when
    ``scale == "T"``, β when ``scale == "beta"``), so a link says ``T=0.3`` and not
    ``beta=3.3333333333333335``. ``0`` and ``inf`` are the exact limits.
    """

    logits: tuple[float, ...] = DEFAULT_LOGITS
    scale: Scale = "T"
    value: float = 1.0
    labels: tuple[str, ...] = field(default=())

    @property
    def beta(self) -> float:
        """Inverse temperature β = 1/T (±inf at T = 0, 0 at T = ∞)."""
        if self.scale == "beta":
            return self.value
        return resolve_beta(temperature=self.value)

    @property
    def temperature(self) -> float:
        """Temperature T = 1/β (0 at β = ±inf, inf at β = 0)."""
        if self.scale == "T":
            return self.value
        return math.inf if self.value == 0 else 1.0 / self.value

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
        return replace(self, scale=scale, value=value)


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
    if t_text is not None and beta_text is not None:
        notices.append(f"beta = {quote(beta_text)} was ignored: give the temperature T or β = 1/T, not both.")
        beta_text = None
    if t_text is not None:
        try:
            temperature = parse_temperature(t_text)
        except ValueError as error:
            notices.append(f"T = {quote(t_text)} was ignored: {escape_markdown(str(error))}")
        else:
            if temperature < 0:
                # A negative temperature is a negative β (the arg-min convention), which the β scale shows.
                state = replace(state, scale="beta", value=resolve_beta(temperature=temperature))
            else:
                state = replace(state, scale="T", value=temperature)
    elif beta_text is not None:
        try:
            state = replace(state, scale="beta", value=parse_beta(beta_text))
        except ValueError as error:
            notices.append(f"beta = {quote(beta_text)} was ignored: {escape_markdown(str(error))}")

    labels_text = _first(params, "labels")
    if labels_text is not None:
        labels, label_notices = parse_labels(labels_text)
        notices.extend(f"labels: {notice}." for notice in label_notices)
        state = replace(state, labels=labels)
    return state, notices


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
    # reached with back/forward, so it wins.
    if _STATE_KEY not in st.session_state or (in_url and in_url != written):
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
    state = replace(st.session_state[_STATE_KEY], **changes)
    st.session_state[_STATE_KEY] = state
    st.session_state[_NOTICES_KEY] = []
    return state


def add_notices(more: list[str]) -> None:
    """Add sentences to the page's warning about the link (a page parameter that could not be used)."""
    if more:
        st.session_state[_NOTICES_KEY] = [*st.session_state.get(_NOTICES_KEY, []), *more]


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


def logits_array(state: SharedState) -> np.ndarray:
    """The logits as a read-only float64 array, ready for the core."""
    z = np.array(state.logits, dtype=np.float64)
    z.flags.writeable = False
    return z
