"""The Playground's numbers, without Streamlit."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.playground.model import entropy_share, softmax_steps


def test_uniform_is_all_of_the_maximum_entropy_and_one_hot_none():
    share, note = entropy_share(np.full(4, 0.25))
    assert share == pytest.approx(1.0)
    # log 4 = 1.386 nats = 2 bits.
    assert note == "H = 2 bits: 100 % of the maximum log K = 1.386 nats (2 bits) of the uniform distribution"
    assert entropy_share(np.array([1.0, 0.0, 0.0]))[0] == 0.0


def test_the_default_view_says_77_percent():
    # softmax(2, 1, 0.1) = (0.659, 0.2424, 0.09857): H = 0.8467 nats = 1.222 bits, 77 % of ln 3.
    p = np.array([0.659001, 0.242433, 0.098566])
    share, note = entropy_share(p)
    assert share == pytest.approx(0.8467 / math.log(3), abs=1e-3)
    assert note.startswith("H = 1.222 bits: 77 % of the maximum log K = 1.099 nats")


def test_at_t_infinity_every_stable_exponential_is_one_even_beyond_the_float_range():
    # β = 0: β(z − m) = 0 for every class, though z − m = −2e308 overflows to −inf (0 · −inf was NaN).
    table = softmax_steps(np.array([1e308, -1e308, 0.0]), ("a", "b", "c"), 0.0)
    assert list(table["exp(β(z − m)), stable"]) == ["1", "1", "1", "3"]
    assert list(table["softmax p"])[:3] == ["0.3333"] * 3
