"""The Teacher page's link: a view, what students may change, a note, as one address and its QR code.

Pure: the page gathers the teacher's choices and this module turns them into the link's parameters (in
the order a reader expects: the view, the page's own settings, then hide, lock and note), the address,
and the QR code as SVG, segno's output only (no text of the teacher's goes into it but the encoded link),
shown as an image with a fixed alternative text.
"""

from __future__ import annotations

import base64
import functools
import io
import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

import segno

from lessons.common.classroom import FRAME_GROUPS, Classroom, clean_note
from lessons.common.params import Param

# The frame's groups whose controls can be shown disabled; the links and the share button can only go.
LOCKABLE = ("temperature", "logits", "labels", "reset")
QR_ERROR = "m"  # 15 % of the code may be lost (a projector's glare, a phone at an angle) and it still reads
DENSE_VERSION = 10  # 57 × 57 modules: beyond, a phone at the back of a room may need to come closer
QR_CLASS = "softmax-lab-qr"  # ui/style.css sizes it for a projector


# Short names for the frame's groups, for a tick box in a narrow column (FRAME_GROUPS says more).
SHORT_NAMES = {
    "temperature": "Temperature",
    "logits": "Logits",
    "labels": "Class labels",
    "share": "Share button",
    "nav": "Links to other pages",
    "reset": "Reset button",
}


@dataclass(frozen=True)
class Part:
    """Something a teacher link can hide (and, for some, lock): a frame group or a page's section."""

    name: str
    label: str
    meaning: str
    lockable: bool


def parts(sections: Mapping[str, str]) -> tuple[Part, ...]:
    """The frame's groups, then the page's own sections (which can be hidden, not locked)."""
    frame = [
        Part(name, SHORT_NAMES.get(name, name), meaning, name in LOCKABLE)
        for name, meaning in FRAME_GROUPS.items()
    ]
    own = [Part(name, text[:1].upper() + text[1:], text, False) for name, text in sections.items()]
    return tuple(frame + own)


def param_text(param: Param, value: Hashable) -> str:
    """How a link writes ``value`` of ``param``: as the page's widget writes it, so the page reads it back."""
    if param.kind == "choice":
        return param.format(value)
    if param.kind == "integer":
        return str(int(value))  # type: ignore[call-overload]
    if param.kind == "number":
        number = float(value)  # type: ignore[arg-type]
        return str(int(number)) if number.is_integer() and math.isfinite(number) else repr(number)
    return str(value)


def page_settings(
    params: Iterable[Param], values: Mapping[str, Hashable]
) -> tuple[dict[str, str], list[str]]:
    """The link's parameters for the page's own settings the teacher set (``None`` or '' = the page's
    default, left out), and a sentence for each value the page would refuse (left out too)."""
    settings: dict[str, str] = {}
    problems = []
    for param in params:
        value = values.get(param.name)
        if value is None or value == "":
            continue
        text = param_text(param, value)
        notice = param.notice(text)
        if notice is None:
            settings[param.name] = text
        else:
            problems.append(notice)
    return settings, problems


def link_query(
    view: Mapping[str, str],
    settings: Mapping[str, str],
    *,
    hidden: Iterable[str] = (),
    locked: Iterable[str] = (),
    note: str = "",
) -> dict[str, str]:
    """The link's parameters: the view (``ui.state.to_params``), the page's settings, then the classroom.

    A part both hidden and locked is only hidden (a hidden control is not drawn at all); the note is
    cleaned as the page will show it (``lessons.common.classroom.clean_note``).
    """
    hidden = frozenset(hidden)
    room = Classroom(hidden=hidden, locked=frozenset(locked) - hidden, note=clean_note(note)[0])
    return {**view, **settings, **room.query()}


def link(root: str, url_path: str, query: Mapping[str, str]) -> str:
    """The address: the app's root, the page's path, the query (commas kept readable, as the app writes)."""
    return f"{root}/{url_path}?{urlencode(dict(query), safe=',')}"


def qr_code(text: str) -> segno.QRCode:
    """The QR code of ``text`` (never a Micro QR: phones' cameras read only full QR codes).

    Raises ValueError when ``text`` is too long for any QR code.
    """
    try:
        return segno.make(text, error=QR_ERROR, micro=False, boost_error=False)
    except segno.DataOverflowError as error:
        msg = f"the link is too long for a QR code ({len(text)} characters): shorten the note or the labels"
        raise ValueError(msg) from error


def qr_svg(code: segno.QRCode) -> str:
    """The code as an SVG document, black on white with its quiet zone, titled for a screen reader, with
    no size of its own (the page's CSS sizes it)."""
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=1,
        border=4,
        dark="#000000",
        light="#ffffff",
        title="QR code of the link",
        svgclass=QR_CLASS,
        omitsize=True,
        xmldecl=False,
    )
    return out.getvalue().decode("utf-8")


def qr_data_uri(code: segno.QRCode) -> str:
    """The SVG as a data URI for an image: served with the page, so it shows behind any proxy."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(code).encode("utf-8")).decode("ascii")


@dataclass(frozen=True)
class QrImage:
    """A link's QR code as the page shows it: the image, its squares across (without the quiet zone), and
    whether it is dense (beyond ``DENSE_VERSION``)."""

    data_uri: str
    squares: int
    dense: bool


@functools.lru_cache(maxsize=256)
def qr_image(text: str) -> QrImage:
    """The QR code of ``text`` as an image (``qr_code``, ``qr_data_uri``), kept for the next call: the
    Teacher page draws the code at the temperatures around the slider's (about 10 ms each), and the same
    links again at the next move.

    Raises ValueError when ``text`` is too long for any QR code.
    """
    code = qr_code(text)
    return QrImage(qr_data_uri(code), code.symbol_size(border=0)[0], code.version > DENSE_VERSION)
