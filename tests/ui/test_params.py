"""The registry of URL parameters: one meaning per name, every page's declared, and the link check."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest

from lessons.common.params import Param
from ui import params
from ui.navigation import PAGES


def test_no_name_means_two_things_across_pages():
    meanings = defaultdict(set)
    for param in params.registry():
        meanings[param.name].add((param.owner, param.meaning))
    for renamed in params.registry():
        for alias in renamed.aliases:
            # an older name is read on its own page only: there it may not also be a current name
            assert not [p for p in params.registry() if p.owner == renamed.owner and p.name == alias]
    twice = {name: owners for name, owners in meanings.items() if len(owners) > 1}
    assert not twice, f"a URL parameter name with two meanings: {twice}"


def test_every_page_parameter_is_owned_by_a_registered_page_and_shared_ones_by_none():
    stems = {page.stem for page in PAGES}
    for param in params.registry():
        assert param.owner in stems | {""}, param
    assert {p.name for p in params.registry() if p.owner == ""} == set(params.SHARED_NAMES)


def test_the_registry_names_the_pages_own_parameters_the_review_found():
    by_page = {(p.owner, p.name) for p in params.registry()}
    assert {("loss", "target"), ("temperature", "units"), ("boltzmann", "energy_units")} <= by_page
    assert ("boltzmann", "units") not in by_page  # an alias there, no longer a name


@pytest.mark.parametrize(
    ("stem", "query", "named"),
    [
        ("temperature", {"units": "furlongs"}, ["units"]),
        ("temperature", {"units": "bits", "scale_c": "abc"}, ["scale_c"]),
        ("boltzmann", {"system": "xyz"}, ["system"]),
        ("boltzmann", {"units": "furlongs"}, ["units"]),  # the older name is checked too
        ("alternatives", {"seed": "-1"}, ["seed"]),
        ("alternatives", {"seed": "3", "tau": "0.5", "samples": "300"}, []),
        ("alternatives", {"seed": ""}, []),  # empty: the control is cleared, the default shown
        ("playground", {"units": "furlongs"}, []),  # not a parameter of this page
    ],
)
def test_notices_name_exactly_the_unusable_page_parameters(stem, query, named):
    notices = params.notices_for(stem, query)
    assert [notice.split(" = ")[0] for notice in notices] == named


@pytest.mark.parametrize(
    ("param", "text", "value"),
    [
        (Param("n", "x", "a count", "integer", low=0, high=10), "7", 7),
        (Param("n", "x", "a count", "integer", low=0, high=10), "7.0", 7),
        (Param("c", "x", "a factor", "number", low=-1, high=1), " -0.5 ", -0.5),
        (Param("k", "x", "a choice", "choice", default=0.5, choices=(0.1, 0.5)), "0.5", 0.5),
        (Param("s", "x", "a word", "text", max_length=5), "héllo", "héllo"),
    ],
)
def test_read_gives_the_value_a_link_stands_for(param, text, value):
    assert param.read(text) == value and type(param.read(text)) is type(value)


@pytest.mark.parametrize(
    "text", ["nan", "inf", "-inf", "1e999", "abc", "", "11", "-1", "2.5", "<script>", "__import__('os')"]
)
def test_read_refuses_what_an_integer_parameter_cannot_be_with_a_sentence(text):
    param = Param("n", "x", "a count", "integer", low=0, high=10)
    with pytest.raises(ValueError, match=r"\.$"):
        param.read(text)
    assert param.notice(text).startswith("n = ")


def test_text_parameters_refuse_control_characters_and_overlong_text():
    param = Param("s", "x", "a word", "text", max_length=5)
    for text in ("a\u202eb", "tab\there", "123456"):
        assert param.notice(text) is not None


def test_a_choice_default_must_be_one_of_the_choices():
    with pytest.raises(ValueError, match="default"):
        Param("k", "x", "a choice", "choice", default="c", choices=("a", "b"))
    assert math.isinf(Param("f", "x", "free", "number").high)


@pytest.mark.parametrize(
    ("page", "name", "text", "widget", "default"),
    [
        ("alternatives", "seed", "1e999", "number_input", 0),  # raised OverflowError inside Streamlit
        ("exploration", "agent_steps", "2.5", "number_input", 0),  # became 2 while the warning said default
    ],
)
def test_a_refused_value_never_reaches_its_widget_which_shows_the_announced_default(
    page, name, text, widget, default
):
    from tests.apptest import open_app

    at = open_app(z="2,1,0.1", **{name: text}).switch_page(f"pages/{page}.py").run()
    assert not at.exception
    [warning] = at.warning
    assert f"{name} = " in warning.value and "default" in warning.value
    assert getattr(at, widget)(key=name).value == default
    assert name not in at.query_params
