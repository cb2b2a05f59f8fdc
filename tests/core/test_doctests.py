"""The Examples sections of softmax_core's docstrings run as doctests under plain pytest."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import softmax_core

MODULES = sorted(info.name for info in pkgutil.iter_modules(softmax_core.__path__, prefix="softmax_core."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE, raise_on_error=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctest examples failed in {name}"


FUNCTIONS = [name for name in softmax_core.__all__ if callable(getattr(softmax_core, name))]


def test_every_public_function_has_an_example():
    missing = [name for name in FUNCTIONS if ">>>" not in (getattr(softmax_core, name).__doc__ or "")]
    assert not missing, f"no Examples section: {missing}"


def test_every_public_function_states_its_formula_or_format():
    # Mathematical objects carry their formula; the text helpers describe the text they read/write.
    text_helpers = {"parse_logits", "parse_temperature", "parse_beta", "format_number"}
    missing = [
        name
        for name in FUNCTIONS
        if name not in text_helpers and ".. math::" not in getattr(softmax_core, name).__doc__
    ]
    assert not missing, f"no formula: {missing}"
