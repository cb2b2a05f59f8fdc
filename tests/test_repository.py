"""The repository keeps its promises: CI runs the README's test command, the app works offline."""

import ast
import re
import subprocess
import tomllib
from pathlib import Path

from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_ci_runs_exactly_the_readme_test_command():
    test_command = readme_commands()[1]
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert test_command in ci_lines


def test_readme_opens_with_the_run_and_test_commands():
    run_command, test_command = readme_commands()[:2]
    assert run_command.endswith("streamlit run app.py")
    assert test_command.endswith("python3 -m pytest")
    first_screen = (ROOT / "README.md").read_text().splitlines()[:30]
    assert any(run_command in line for line in first_screen)
    assert any(test_command in line for line in first_screen)


def test_streamlit_config_keeps_the_app_offline_and_quiet():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "minimal"
    assert config["client"]["showSidebarNavigation"] is False
    assert config["runner"]["postScriptGC"] is False


def test_runtime_requirements_do_not_include_test_tools():
    runtime = (ROOT / "requirements.txt").read_text()
    for tool in ("pytest", "scipy", "playwright", "hypothesis", "mpmath"):
        assert tool not in runtime


# The one call that draws a page's view (with follows=True its content is a fragment apart from the
# temperature controls: ui.shell).
LIVE = ("shell.live(draw)", "shell.live(draw, follows=True)", "shell.live(draw, follows=True, logits=True)")


def test_every_page_sets_itself_up_first_and_draws_the_view_in_one_fragment():
    """setup() must run first (the cold-start trap: a page can run alone), and shell.live(draw) exactly once:
    without it a page has no temperature controls, with two the controls would be drawn twice. Below it, a
    page may draw sections that do not follow the view, outside the fragment."""
    for page in PAGES:
        tree = ast.parse((ROOT / page.path).read_text())
        statements = [
            node for node in tree.body if not isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef))
        ]
        setups = [i for i, node in enumerate(statements) if "ui.setup(__file__)" in ast.unparse(node)]
        lives = [node for node in statements if ast.unparse(node) in LIVE]
        first_drawing = next(
            i
            for i, node in enumerate(statements)
            if isinstance(node, ast.Expr) and "st." in ast.unparse(node)
        )
        assert setups and setups[0] < first_drawing, page.stem
        assert len(lives) == 1, page.stem
        # After the fragment, only sections that do not depend on the view (drawn on full reruns only).
        after = statements[statements.index(lives[0]) + 1 :]
        assert all(ast.unparse(node).startswith("section_") for node in after), page.stem


def test_the_static_folder_ships_so_a_fresh_start_has_no_missing_folder_warning():
    # Issue 14: a fresh clone printed "Static file serving is enabled, but no static folder found".
    tracked = subprocess.run(
        ["git", "ls-files", "static"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tracked, "static/ must be in the repository (its README), not only made at run time"
