"""The About page's content: the history with its sources, the timeline, the citation, the licence and the
data sources with theirs."""

from __future__ import annotations

from lessons.about import figures, model
from lessons.common.export import chart_table
from tests.lessons.traces import trace

# The steps issue 20 asks for, by year and name.
REQUIRED = {
    1868: "Boltzmann",
    1902: "Gibbs",
    1959: "Luce",
    1989: "Bridle",
    2015: "Hinton",
    2017: "Guo",
    2018: "Sutton",
}
# Pages that exist or are being built (issue 20: links only to those registered at run time).
KNOWN_PAGES = {
    "playground", "temperature", "loss", "alternatives", "boltzmann", "argmax_limit", "sampling",
    "exploration", "classifier", "calibration", "distillation",
}  # fmt: skip


def test_the_history_has_every_step_in_order_each_with_a_source_and_a_page():
    years = [event.year for event in model.HISTORY]
    assert years == sorted(years)
    for year, name in REQUIRED.items():
        event = next(e for e in model.HISTORY if e.year == year)
        assert name in event.who and name.split()[0] in event.reference
        assert event.what and event.pages and set(event.pages) <= KNOWN_PAGES
    bridle = next(e for e in model.HISTORY if e.year == 1989)
    assert "softmax" in bridle.what and "1990" in bridle.reference  # named in 1989, published in 1990
    assert "arXiv:1503.02531" in next(e for e in model.HISTORY if e.year == 2015).reference
    assert "arXiv:1706.04599" in next(e for e in model.HISTORY if e.year == 2017).reference


def test_the_timeline_puts_each_event_at_its_year_named_and_exports_the_years():
    chart = figures.timeline(model.HISTORY)
    events = trace(chart, "events")
    assert list(events.x) == [float(e.year) for e in model.HISTORY]
    assert all(text.startswith(str(e.year)) for text, e in zip(events.text, model.HISTORY, strict=True))
    # Every event on a row of its own: the names of the close 2015–2020 events never collide.
    assert sorted(events.y) == list(range(1, len(model.HISTORY) + 1))
    names, rows = chart_table(chart)
    assert names[:3] == ["series", "year", "row"]
    assert [float(row[1]) for row in rows] == [float(e.year) for e in model.HISTORY]


def test_the_licence_says_there_is_none_yet_or_names_the_file(tmp_path):
    assert "does not carry a licence file" in model.licence_text(tmp_path)
    (tmp_path / "LICENSE.md").write_text("\nMIT License\n\nCopyright ...\n", encoding="utf-8")
    assert model.licence_text(tmp_path) == "See `LICENSE.md` in the repository: MIT License"


def test_the_citation_names_the_version_the_address_and_the_date():
    text, bibtex = model.citation("https://lab.example/", year=2026, accessed="2026-12-03")
    version = model.version()
    assert version in text and "https://lab.example/" in text and "2026-12-03" in text
    assert bibtex.startswith("@software{softmax_lab,") and f"version = {{{version}}}" in bibtex
    assert "url = {https://lab.example/}" in bibtex
    assert "url" not in model.citation("", year=2026, accessed="2026-12-03")[1].replace("urldate", "")


def test_the_data_sources_name_their_licences_and_the_shipped_licence_text_exists():
    by_name = {source.name: source for source in model.DATA_SOURCES}
    tokens = next(s for name, s in by_name.items() if "next-token" in name.lower())
    assert "Apache License 2.0" in tokens.licence and "Artefact2/llm-sampling" in tokens.source
    assert (model.ROOT / "data" / "next-token" / "LICENSE-Apache-2.0.txt").is_file()
    for name in ("Iris", "digits"):
        source = next(s for key, s in by_name.items() if name in key)
        assert "BSD 3-Clause" in source.licence and "CC BY 4.0" in source.licence
    assert all(set(source.pages) <= KNOWN_PAGES for source in model.DATA_SOURCES)
