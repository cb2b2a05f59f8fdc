"""The URL ⇄ shared state mapping, without Streamlit running."""

import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as hst

from ui.state import SharedState, format_param, from_params, parse_labels, to_params


def test_temperature_article_link_reads_logits_and_temperature():
    state, notices = from_params({"z": "2,1,0.1", "T": "1"})
    assert state.logits == (2.0, 1.0, 0.1)
    assert (state.scale, state.value, state.beta) == ("T", 1.0, 1.0)
    assert notices == []


def test_beta_link_is_read_in_the_beta_scale():
    state, notices = from_params({"z": "0.95,0.99,0.98", "beta": "500"})
    assert (state.scale, state.value, state.beta) == ("beta", 500.0, 500.0)
    assert state.temperature == pytest.approx(0.002)
    assert notices == []


def test_no_parameters_give_the_default_view():
    assert from_params({}) == (SharedState(), [])


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"z": "nan,1"}, "z"),
        ({"z": "inf,1"}, "z"),
        ({"z": "1e999,1"}, "z"),
        ({"z": "abc"}, "z"),
        ({"z": "<script>alert(1)</script>"}, "z"),
        ({"z": "__import__('os').system('ls')"}, "z"),
        ({"z": ",".join(["1"] * 100_000)}, "z"),
        ({"z": ""}, "z"),
        ({"z": "5"}, "z"),
        ({"T": "nan"}, "T"),
        ({"T": "hot"}, "T"),
        ({"T": "1e999"}, "T"),
        ({"beta": "<b>"}, "beta"),
    ],
)
def test_unusable_parameter_falls_back_to_its_default_with_a_notice(params, ignored):
    state, notices = from_params(params)
    default = SharedState()
    if ignored == "z":
        assert state.logits == default.logits
    else:
        assert (state.scale, state.value) == (default.scale, default.value)
    assert len(notices) == 1
    assert notices[0].startswith(f"{ignored} = ")


def test_notice_quotes_user_text_as_inline_code_so_it_is_never_rendered():
    _, notices = from_params({"z": "<script>alert(1)</script>"})
    assert "`<script>alert(1)</s…`" in notices[0]


def test_zero_temperature_is_the_exact_arg_max_limit_not_an_error():
    state, notices = from_params({"T": "0"})
    assert (state.value, state.beta, notices) == (0.0, math.inf, [])


def test_infinite_temperature_is_the_uniform_limit():
    state, notices = from_params({"T": "inf"})
    assert (state.beta, notices) == (0.0, [])


def test_negative_temperature_is_read_as_negative_beta():
    state, notices = from_params({"T": "-1"})
    assert (state.scale, state.value, notices) == ("beta", -1.0, [])


def test_both_temperature_and_beta_keeps_temperature_and_says_beta_was_ignored():
    state, notices = from_params({"T": "2", "beta": "3"})
    assert (state.scale, state.value) == ("T", 2.0)
    assert len(notices) == 1 and "not both" in notices[0]


def test_labels_are_padded_and_made_distinct_for_the_chart():
    state, _ = from_params({"z": "1,2,3,4", "labels": "cat, cat, dog"})
    assert state.class_labels == ("cat", "cat (2)", "dog", "class 4")


def test_labels_lose_control_characters_and_are_shortened():
    labels, _ = parse_labels("a\u202eb\n, " + "x" * 100)
    assert labels == ("ab", "x" * 23 + "…")


def test_too_many_labels_are_cut_with_a_notice():
    labels, notices = parse_labels(",".join(["a"] * 70))
    assert len(labels) == 64 and "64" in notices[0]


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (2.0, "2"),
        (0.1, "0.1"),
        (-1e-05, "-1e-05"),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        (1.0001, "1.0001"),
    ],
)
def test_format_param_is_short(x, text):
    assert format_param(x) == text


finite = hst.floats(allow_nan=False, allow_infinity=False, width=64)


@given(
    logits=hst.lists(finite, min_size=2, max_size=64).map(tuple),
    scale=hst.sampled_from(["T", "beta"]),
    value=hst.one_of(finite, hst.sampled_from([0.0, math.inf])),
)
def test_url_round_trip_reproduces_the_state_exactly(logits, scale, value):
    if scale == "T" and value <= 0:
        value = -value + 0.0  # a T of −0 or below is set on the β scale
    if value != 0 and math.isfinite(value) and not 1e-300 <= abs(value) <= 1e300:
        value = 1.0
    state = SharedState.on_scale(scale, value, logits=logits, labels=("a", "b"))
    assert from_params(to_params(state)) == (state, [])


def test_switching_scale_keeps_the_same_temperature():
    state = SharedState.on_scale("T", 0.5)
    as_beta = state.with_scale("beta")
    assert (as_beta.scale, as_beta.value) == ("beta", 2.0)
    assert as_beta.with_scale("T").value == 0.5
    assert SharedState.on_scale("T", 0.0).with_scale("beta").value == math.inf


def test_a_valid_beta_is_used_when_the_temperature_beside_it_is_not():
    # Issue 14: /?T=abc&beta=2 used to drop both and open at T = 1.
    state, notices = from_params({"T": "abc", "beta": "2"})
    assert (state.scale, state.value) == ("beta", 2.0)
    assert len(notices) == 1 and notices[0].startswith("T = ")


def test_when_both_are_valid_the_temperature_wins_and_beta_is_named():
    state, notices = from_params({"T": "0.5", "beta": "2"})
    assert (state.scale, state.value) == ("T", 0.5)
    assert len(notices) == 1 and notices[0].startswith("beta = ")


def test_the_temperature_is_kept_in_one_explicit_field_for_its_scale():
    on_t = SharedState.on_scale("T", 0.3)
    on_beta = SharedState.on_scale("beta", -math.inf)
    assert (on_t.temperature_as_set, on_t.beta_as_set) == (0.3, None)
    assert (on_beta.temperature_as_set, on_beta.beta_as_set) == (None, -math.inf)
    # β = −∞ has no T the core reads the same way; the state says β, and T only for display.
    assert on_beta.beta == -math.inf and on_beta.temperature == 0.0


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"temperature_as_set": 1.0, "beta_as_set": 1.0},
        {"temperature_as_set": -0.5},
        {"temperature_as_set": -0.0},
    ],
)
def test_a_state_with_the_temperature_on_no_scale_two_scales_or_negative_t_cannot_be_made(fields):
    fields = {"temperature_as_set": None, **fields} if not fields else fields
    with pytest.raises(ValueError, match=r"temperature_as_set|scale"):
        SharedState(**fields)


def test_a_link_with_minus_zero_temperature_is_the_arg_max_limit():
    state, notices = from_params({"T": "-0"})
    assert (state.scale, state.value, state.beta, notices) == ("T", 0.0, math.inf, [])
    assert math.copysign(1.0, state.value) == 1.0


def test_no_page_gives_the_core_the_display_temperature():
    # view.temperature is 0 at β = −∞ as at β = +∞; the core must get β (SharedState.temperature says why).
    import softmax_core

    root = Path(__file__).resolve().parents[2]
    core_call = re.compile(
        rf"\b({'|'.join(softmax_core.__all__)})\(.*temperature=(view|stop|state|self\.state)\.temperature\b"
    )
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("pages", "lessons", "ui")
        for path in sorted((root / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if core_call.search(line)
    ]
    assert not offenders, offenders
