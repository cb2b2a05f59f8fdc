"""The About page, headless: the history with links to the pages that show it live (only to registered
pages), the citation, the licence and the data sources."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from lessons.about import model
from tests.apptest import TEMPERATURE_EXTREMES, followed, open_page
from ui import navigation


def _links(at) -> list[tuple[str, str]]:
    """The links in the page's body (not the sidebar's), by page and label."""
    return [(link.proto.page, link.proto.label) for link in at.main.get("page_link")]


def _addresses(at) -> list[str]:
    """What the body's links open in a new tab at the current temperature (ui.shell.link_to)."""
    links = [target for target in followed(at) if target["target"].startswith("link_to")]
    return [link["stops"][link["current"]]["links"][0] for link in links]


def test_every_step_links_to_a_registered_page_carrying_the_view():
    at = open_page("pages/about.py", z="2,1,0.1", T="0.5")
    assert not at.exception and not at.warning
    links = _links(at)
    registered = {page.stem for page in navigation.PAGES}
    assert {stem for stem, _ in links} <= registered
    assert ("boltzmann", "See it live: Boltzmann distribution") in links
    for event in model.HISTORY:
        assert any(f"{event.year} · " in md.value for md in at.markdown)
    # A click keeps the session, which holds the view; a new tab opens the view's address.
    assert all(not link.proto.query_string for link in at.get("page_link"))
    addresses = _addresses(at)
    assert len(addresses) == len(links) and all(a.endswith("?z=2,1,0.1&T=0.5") for a in addresses)
    assert {urlsplit(a).path.strip("/") for a in addresses} == {stem for stem, _ in links}
    assert [h.value for h in at.header] == ["Where softmax comes from", "How to cite it", "Licence",
                                            "Data and its licences"]  # fmt: skip
    assert any(code.proto.code_text.startswith("@software{softmax_lab,") for code in at.get("code"))
    assert any("licence" in md.value for md in at.markdown)


def test_pages_not_registered_are_not_linked(monkeypatch):
    later = {"sampling", "exploration", "classifier", "calibration", "distillation"}
    monkeypatch.setattr(navigation, "PAGES", tuple(p for p in navigation.PAGES if p.stem not in later))
    at = open_page("pages/about.py")
    assert not at.exception
    assert not {stem for stem, _ in _links(at)} & later
    assert ("alternatives", "See it live: Why exponentiate?") in _links(at)


@pytest.mark.parametrize(
    "extreme", TEMPERATURE_EXTREMES, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items())
)
def test_the_page_opens_at_every_temperature_extreme(extreme):
    at = open_page("pages/about.py", z="2,1,0.1", **extreme)
    assert not at.exception and not at.warning
