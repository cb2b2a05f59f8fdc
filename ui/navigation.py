"""The app's pages, in one list: app.py registers them, ui.setup() draws the sidebar links from them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class PageInfo:
    """One page: its file under ``pages/``, its title and its Material icon."""

    stem: str
    title: str
    icon: str
    section: str
    default: bool = False

    @property
    def path(self) -> str:
        """Path relative to the entry point, as ``st.Page`` and ``st.page_link`` take it."""
        return f"pages/{self.stem}.py"

    @property
    def url_path(self) -> str:
        """The page's address: its file's stem (``""`` for the landing page)."""
        return "" if self.default else self.stem


PAGES: tuple[PageInfo, ...] = (
    PageInfo("playground", "Playground", ":material/tune:", "Explore", default=True),
    PageInfo("temperature", "Temperature", ":material/thermostat:", "Explore"),
    PageInfo("loss", "Loss (−log p)", ":material/trending_down:", "Explore"),
    PageInfo("alternatives", "Why exponentiate?", ":material/functions:", "Explore"),
    PageInfo("boltzmann", "Boltzmann distribution", ":material/science:", "Physics & limits"),
    PageInfo("argmax_limit", "The arg max limit", ":material/target:", "Physics & limits"),
    PageInfo("sampling", "Sampling (top-k, top-p)", ":material/casino:", "What T is for"),
    PageInfo("exploration", "Exploration (bandits)", ":material/explore:", "What T is for"),
    PageInfo("classifier", "The softmax classifier", ":material/scatter_plot:", "What T is for"),
    PageInfo("calibration", "Calibration", ":material/verified:", "What T is for"),
    PageInfo("distillation", "Knowledge distillation", ":material/school:", "What T is for"),
    PageInfo("quiz", "Quiz: predict, then see", ":material/quiz:", "Learn"),
    PageInfo("teacher", "Teach with a link", ":material/co_present:", "Teach"),
    PageInfo("about", "About", ":material/info:", "About"),
)


def sections() -> dict[str, list[PageInfo]]:
    """Pages grouped by section, in registration order."""
    grouped: dict[str, list[PageInfo]] = {}
    for page in PAGES:
        grouped.setdefault(page.section, []).append(page)
    return grouped


def page_by_stem(stem: str) -> PageInfo:
    """The registered page whose file is ``pages/<stem>.py``."""
    for page in PAGES:
        if page.stem == stem:
            return page
    msg = f"No page is registered for pages/{stem}.py; add it to ui.navigation.PAGES."
    raise KeyError(msg)
