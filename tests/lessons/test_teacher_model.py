"""The Teacher page's link and QR code: parameters in order, values the pages read back, and a QR code
that decodes to exactly the link."""

from __future__ import annotations

import base64
import math
import re
from urllib.parse import parse_qsl, urlsplit
from xml.etree import ElementTree

import numpy as np
import pytest
import segno
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as hst

from lessons.common.classroom import FRAME_GROUPS, MAX_NOTE
from lessons.common.params import Param
from lessons.teacher import model

SVG = "{http://www.w3.org/2000/svg}"


def modules_of(svg: str) -> np.ndarray:
    """The dark modules an SVG of segno draws, read back from its path (``M x y`` then runs of ``h n``
    and relative moves ``m dx dy``; each run is a line through the middle of a row of modules)."""
    root = ElementTree.fromstring(svg)
    size = int(root.get("viewBox").split()[2])
    grid = np.zeros((size, size), dtype=bool)
    [path] = [p for p in root.iter(f"{SVG}path") if p.get("class") == "qrline"]
    x = y = 0.0
    for command, args in re.findall(r"([MmHh])([^MmHh]*)", path.get("d")):
        numbers = [float(n) for n in args.replace(",", " ").split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            length = numbers[0]
            grid[int(y - 0.5), int(x) : int(x + length)] = True
            x += length
    return grid


def decoded_svg(uri: str) -> str:
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    return base64.b64decode(uri[len(prefix) :]).decode("utf-8")


def scan(grid: np.ndarray, pixels: int = 6) -> str:
    """What a QR reader (ZXing, independent of segno) reads from the code drawn at ``pixels`` per module."""
    image = np.where(np.kron(grid, np.ones((pixels, pixels), dtype=bool)), 0, 255).astype(np.uint8)
    [result] = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return result.text


LINKS = [
    "http://127.0.0.1:8501/?z=2,1,0.1&T=1",
    "https://lab.example.org/softmax/temperature?z=3,1,2&T=0.5&hide=nav,share&lock=temperature"
    "&note=Find+the+T+where+p%E2%82%81+falls+below+%C2%BD+%F0%9F%94%A5",
    model.link(
        "https://lab.example.org",
        "sampling",
        model.link_query(
            {"z": ",".join(str(i / 7) for i in range(64)), "T": "0.25", "labels": ",".join(["token"] * 64)},
            {"topk": "5"},
            hidden=["nav"],
            note="n" * MAX_NOTE,
        ),
    ),
]


@pytest.mark.parametrize("url", LINKS, ids=["short", "unicode-note", "64-classes"])
def test_the_qr_code_shown_decodes_to_exactly_the_link(url):
    code = model.qr_code(url)
    svg = decoded_svg(model.qr_data_uri(code))
    drawn = modules_of(svg)
    # The picture is segno's encoding of the link (its matrix, with the 4-module quiet zone)...
    reference = segno.make(url, error="m", micro=False, boost_error=False)
    expected = np.array([[bool(v) for v in row] for row in reference.matrix_iter(border=4)])
    assert np.array_equal(drawn, expected)
    # ...and an independent reader gets the link back from it, character for character.
    assert scan(drawn) == url


def test_the_qr_svg_holds_only_the_code_and_a_fixed_title():
    url = model.link("http://x", "", model.link_query({}, {}, note="<script>alert(1)</script> & <b>x</b>"))
    svg = model.qr_svg(model.qr_code(url))
    root = ElementTree.fromstring(svg)
    assert {element.tag.removeprefix(SVG) for element in root.iter()} == {"svg", "title", "path"}
    assert root.find(f"{SVG}title").text == "QR code of the link"
    assert "script" not in svg and "alert" not in svg
    assert root.get("viewBox") and root.get("width") is None  # sized by the page's CSS


def test_a_link_too_long_for_any_qr_code_is_refused_with_a_sentence():
    with pytest.raises(ValueError, match="too long for a QR code"):
        model.qr_code("http://x/?labels=" + "x" * 3000)


def test_the_parts_are_the_frame_groups_then_the_sections_and_only_controls_lock():
    parts = model.parts({"entropy": "the entropy chart"})
    assert [p.name for p in parts] == [*FRAME_GROUPS, "entropy"]
    assert {p.name for p in parts if p.lockable} == {"temperature", "logits", "labels", "reset"}
    assert parts[-1].label == "The entropy chart"
    assert all(p.label for p in parts)


def test_the_link_lists_the_view_then_the_page_settings_then_the_classroom():
    query = model.link_query(
        {"z": "2,1,0.1", "T": "0.5"},
        {"units": "bits"},
        hidden=["nav", "temperature"],
        locked=["temperature", "logits"],
        note="  Compare\nT = 0.5 with T = 2  ",
    )
    assert list(query) == ["z", "T", "units", "hide", "lock", "note"]
    assert query["hide"] == "nav,temperature"
    assert query["lock"] == "logits"  # hidden wins: a hidden control is not drawn, locked or not
    assert query["note"] == "CompareT = 0.5 with T = 2"  # as the page will show it (control characters out)


def test_an_ordinary_link_has_no_classroom_parameters():
    assert model.link_query({"z": "1,2", "T": "1"}, {}) == {"z": "1,2", "T": "1"}


def test_a_long_note_is_cut_as_the_page_cuts_it():
    note = model.link_query({}, {}, note="x" * 500)["note"]
    assert len(note) == MAX_NOTE and note.endswith("…")


def test_the_address_reads_back_as_the_query():
    query = model.link_query({"z": "2,1,0.1", "T": "inf", "labels": "cat,dog,bird"}, {}, note="a & b = c?")
    url = model.link("https://host/base", "loss", query)
    parts = urlsplit(url)
    assert parts.path == "/base/loss"
    assert "z=2,1,0.1" in parts.query  # commas stay readable, as the app writes them
    assert dict(parse_qsl(parts.query)) == query


UNITS = Param("units", "x", "the units", "choice", default="nats", choices=("nats", "bits"))
COUNT = Param("n", "x", "a count", "integer", default=None, low=1, high=50)
SCALE = Param("c", "x", "a scale", "number", default=None, low=0.1, high=10)
WORD = Param("w", "x", "a word", "text", max_length=5)


def test_only_the_settings_the_teacher_set_go_into_the_link():
    settings, problems = model.page_settings(
        (UNITS, COUNT, SCALE, WORD), {"units": "bits", "n": None, "c": 2.0, "w": ""}
    )
    assert settings == {"units": "bits", "c": "2"} and not problems


def test_a_setting_the_page_would_refuse_is_left_out_and_named():
    settings, problems = model.page_settings((COUNT, WORD), {"n": 99, "w": "toolong"})
    assert settings == {}
    assert [p.split(" = ")[0] for p in problems] == ["n", "w"]


@settings(max_examples=60, deadline=None)
@given(
    hst.integers(min_value=1, max_value=50),
    hst.floats(min_value=0.1, max_value=10, allow_nan=False),
    hst.sampled_from(UNITS.choices),
)
def test_every_setting_reads_back_on_its_page_as_the_value_set(n, c, units):
    settings, problems = model.page_settings((COUNT, SCALE, UNITS), {"n": n, "c": c, "units": units})
    assert not problems
    assert COUNT.read(settings["n"]) == n
    assert math.isclose(SCALE.read(settings["c"]), c, rel_tol=0, abs_tol=0)  # repr round-trips exactly
    assert UNITS.read(settings["units"]) == units
