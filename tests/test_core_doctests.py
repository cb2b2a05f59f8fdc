"""Every Examples section of the numerical core runs as a doctest: the documentation cannot drift.

Modules are discovered, not listed, so a new module of ``softmax_core`` is covered as soon as it exists.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import numpy as np
import pytest

import softmax_core

MODULES = sorted(
    info.name for info in pkgutil.iter_modules(softmax_core.__path__, prefix=f"{softmax_core.__name__}.")
)


def test_every_module_is_found():
    assert {"softmax_core.alternatives", "softmax_core.functions", "softmax_core.sampling"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_examples_in_docstrings_run_as_written(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, extraglobs={"np": np}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctests of {name} failed"
