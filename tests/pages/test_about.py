"""The About page, headless: the history with links to the pages that show it live (only to registered
pages), the citation, the licence and the data sources."""

from __future__ import annotations

import pytest

from lessons.about import model
from tests.apptest import TEMPERATURE_EXTREMES, open_page
from ui import navigation


def _links(at) -> list[tuple[str, str]]:
    return [(link.proto.page, link.proto.label) for link in at.get("page_link") if link.proto.query_string]


def test_every_step_links_to_a_registered_page_carrying_the_view():
    at = open_page("pages/about.py", z="2,1,0.1", T="0.5")
    assert not at.exception and not at.warning
    links = _links(at)
    registered = {page.stem for page in navigation.PAGES}
    assert {stem for stem, _ in links} <= registered
    assert ("boltzmann", "See it live: Boltzmann distribution") in links
    for event in model.HISTORY:
        assert any(f"{event.year} · " in md.value for md in at.markdown)
    assert all(link.proto.query_string == "z=2%2C1%2C0.1&T=0.5" for link in at.get("page_link")
               if link.proto.query_string)  # fmt: skip
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
