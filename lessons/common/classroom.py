"""Teacher links: what a link hides or locks for the student who opens it, and the note it carries.

``hide=temperature,nav`` removes those controls and sections from the page; ``lock=logits`` shows them
disabled with their values, so a class sees the teacher's example but cannot change it. The names are
the frame's groups (:data:`FRAME_GROUPS`) and each page's own sections (``SECTIONS`` in
``lessons/<stem>/params.py``). ``note=`` is a line of plain text shown above the page.

Pure: ``read`` takes the link's values and returns what to hide and lock plus a sentence for each name
it does not know, for the page's one warning.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from lessons.common.text import quote

# The controls and parts that every page has (ui/shell.py draws them).
FRAME_GROUPS: dict[str, str] = {
    "temperature": "the temperature controls",
    "logits": "the logits controls (presets, text, sliders, add and remove)",
    "labels": "the class labels box",
    "share": "the share link",
    "nav": "the links to the other pages",
    "reset": "the Reset the view button",
}
MAX_NOTE = 280  # one or two sentences on a projector


@dataclass(frozen=True)
class Classroom:
    """What a teacher link asks of the page: groups hidden, groups locked, and a note."""

    hidden: frozenset[str] = field(default_factory=frozenset)
    locked: frozenset[str] = field(default_factory=frozenset)
    note: str = ""

    def shows(self, group: str) -> bool:
        """Whether the group or section ``group`` is drawn."""
        return group not in self.hidden

    def locks(self, group: str) -> bool:
        """Whether the controls of ``group`` are drawn disabled (hidden ones are not drawn at all)."""
        return group in self.locked

    def query(self) -> dict[str, str]:
        """The link's parameters that reproduce this classroom (empty for an ordinary link)."""
        params = {}
        if self.hidden:
            params["hide"] = ",".join(sorted(self.hidden))
        if self.locked:
            params["lock"] = ",".join(sorted(self.locked))
        if self.note:
            params["note"] = self.note
        return params


OPEN_CLASSROOM = Classroom()  # an ordinary link: nothing hidden or locked, no note


def _names(text: str) -> list[str]:
    return [name.strip().lower() for name in text.split(",") if name.strip()]


def clean_note(text: str) -> tuple[str, str | None]:
    """The note as it is shown: control characters removed, cut at :data:`MAX_NOTE` characters (with a
    notice saying so). It is shown as plain text, never as Markdown or HTML (the page escapes it)."""
    clean = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C")).strip()
    if len(clean) > MAX_NOTE:
        return clean[: MAX_NOTE - 1] + "…", f"note: only its first {MAX_NOTE} characters are shown."
    return clean, None


def read(query: Mapping[str, str], sections: Mapping[str, str] | None = None) -> tuple[Classroom, list[str]]:
    """The classroom a link asks for, and a sentence for each name it gives that the page does not know.

    ``sections`` are the page's own section names (with what each is); unknown names are ignored and
    named, known ones are kept in the order of no importance.
    """
    known = {**FRAME_GROUPS, **(sections or {})}
    notices = []
    groups: dict[str, frozenset[str]] = {}
    for key in ("hide", "lock"):
        names = _names(query.get(key, ""))
        unknown = [name for name in names if name not in known]
        if unknown:
            listed = ", ".join(quote(name) for name in unknown)
            choices = ", ".join(sorted(known))
            notices.append(f"{key} = {listed}: not a part of this page, so ignored; it knows {choices}.")
        groups[key] = frozenset(name for name in names if name in known)
    note, note_notice = clean_note(query.get("note", ""))
    if note_notice:
        notices.append(note_notice)
    return Classroom(hidden=groups["hide"], locked=groups["lock"], note=note), notices
