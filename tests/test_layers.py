"""The layers keep to what they may import (README, "How the app works").

- ``softmax_core``: NumPy only; never Streamlit, Plotly or pandas.
- ``lessons``: the core, NumPy, pandas and plotly.py; never Streamlit, so every figure and page model is
  testable with no Streamlit installed.
- ``ui`` and ``pages``: Streamlit.
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import lessons
import softmax_core

ROOT = Path(__file__).resolve().parents[1]


def _modules(package) -> list[str]:
    found = pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
    return sorted(info.name for info in found)


# Importing a blocked name raises, so a module that imports one (directly or through another) fails.
_BLOCKING_IMPORT = """
import importlib, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ImportError(f"{{name}} is blocked in this layer")
sys.meta_path.insert(0, Block())
for name in {modules!r}:
    importlib.import_module(name)
print("imported", len({modules!r}))
"""


def _import_with_blocked(modules: list[str], blocked: set[str]) -> subprocess.CompletedProcess:
    code = _BLOCKING_IMPORT.format(blocked=sorted(blocked), modules=modules)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_core_imports_without_streamlit_plotly_or_pandas():
    result = _import_with_blocked(_modules(softmax_core), {"streamlit", "plotly", "pandas", "ui", "lessons"})
    assert result.returncode == 0, result.stderr


def test_every_lesson_module_imports_without_streamlit():
    modules = _modules(lessons)
    assert any(name.endswith(".figures") for name in modules)
    result = _import_with_blocked(modules, {"streamlit", "ui", "pages"})
    assert result.returncode == 0, result.stderr


def test_the_blocker_itself_catches_a_module_that_imports_streamlit():
    result = _import_with_blocked(["ui.state"], {"streamlit"})
    assert result.returncode != 0 and "streamlit is blocked" in result.stderr


def test_every_page_has_a_lesson_folder_or_none_and_no_page_logic_lives_in_ui():
    # ui/ is the frame: no module there is named after a page.
    stems = {path.stem for path in (ROOT / "pages").glob("*.py")}
    frame = {path.stem for path in (ROOT / "ui").glob("*.py")}
    assert not stems & frame, f"page modules in ui/: {sorted(stems & frame)}"
    for folder in (ROOT / "lessons").iterdir():
        if folder.is_dir() and folder.name not in {"common", "__pycache__"}:
            assert folder.name in stems, f"lessons/{folder.name}/ has no page pages/{folder.name}.py"


@pytest.mark.parametrize("script", sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("ui/*.mjs")))
def test_browser_code_is_valid_javascript(script):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: .ci/run installs Debian's nodejs")
    result = subprocess.run([node, "--check", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
