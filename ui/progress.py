"""Training behind a progress bar, cached per setting for every session.

``st.cache_data`` replays the elements a cached function draws, so a progress bar drawn from inside one
would come back, stale, on every later run that hits the cache. Here the bar lives outside the
computation: ``cached(...)`` looks the setting up in a store shared by all sessions (``st.cache_resource``)
and only on a miss draws a bar, passes the computation a ``progress(done, total)`` callback for the core's
trainers, and removes the bar when it is done.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

Value = TypeVar("Value")
Progress = Callable[[int, int], None]
UPDATES = 40  # about this many redraws of a bar, however many steps: each one is a message to the browser


@st.cache_resource(show_spinner=False)
def _store(name: str) -> tuple[OrderedDict, threading.Lock]:
    """The results of one kind of computation, most recently used last, and a lock for the store."""
    return OrderedDict(), threading.Lock()


def cached(
    name: str,
    key: Hashable,
    compute: Callable[[Progress], Value],
    *,
    text: str,
    max_entries: int = 32,
    slot: DeltaGenerator | None = None,
) -> Value:
    """``compute(progress)`` for this ``key``, from the store ``name`` when it holds it, else run with a bar
    labelled ``text`` and kept (the least recently used of more than ``max_entries`` is dropped).

    ``compute`` must be deterministic in ``key``: any session asking for the key gets the stored value.
    ``slot`` is the bar's place, an ``st.empty()``: by default one drawn here; many calls in a run (a
    sweep of trainings) share one.
    """
    if slot is None:
        # The bar's place, on every run: the elements after it keep their place in the page whether or
        # not this run trains. Were the bar drawn only on a miss, the run after the first would move them
        # up one place, and the browser would build every later chart anew (plotly.js draws each again).
        slot = st.empty()
    store, lock = _store(name)
    with lock:
        if key in store:
            store.move_to_end(key)
            return store[key]

    def report(done: int, total: int) -> None:
        if total and (done % max(1, total // UPDATES) == 0 or done >= total):
            slot.progress(min(done / total, 1.0), text=text)

    slot.progress(0.0, text=text)
    try:
        value = compute(report)
    finally:
        slot.empty()
    with lock:
        store[key] = value
        while len(store) > max_entries:
            store.popitem(last=False)
    return value
