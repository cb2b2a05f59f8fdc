"""URL parameters, declared once: name, owner, meaning, and how a link's text is read and checked.

Every parameter a link may carry is a :class:`Param`: the shared ones (``ui.params.SHARED``) and each
page's own (``PARAMS`` in ``lessons/<stem>/params.py``). ``ui.params`` collects them into one registry;
a test fails when one name means two things. Pages draw their widgets from the same declaration
(``options=UNITS.choices, default=UNITS.default, key=UNITS.name``), so the URL, the widget and the
warning for a bad link can never disagree.

Pure: no Streamlit. ``read`` never evaluates anything; it compares or parses text.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Literal

from lessons.common.text import number, quote

Kind = Literal["choice", "number", "integer", "text"]
MAX_TEXT = 200  # no parameter of this app needs more; longer text is refused, not cut


@dataclass(frozen=True)
class Param:
    """One URL parameter.

    ``owner`` is the page's stem, or ``""`` for a parameter every page shares. ``kind`` says how its
    text is read: one of ``choices`` (compared as the widget writes them: ``format(choice)``), a finite
    ``number`` or ``integer`` within ``[low, high]``, or plain ``text`` of at most ``max_length``
    characters. ``default`` is what the page shows when the link does not say.
    """

    name: str
    owner: str
    meaning: str
    kind: Kind
    default: Hashable = None
    choices: tuple[Hashable, ...] = ()
    low: float = -math.inf
    high: float = math.inf
    max_length: int = MAX_TEXT
    aliases: tuple[str, ...] = ()  # older names a link may still use on the owner's page
    # How the widget shows a choice, which is also how Streamlit writes it into the link
    # (``samples=100,000``): the widget's ``format_func``.
    format: Callable[[Hashable], str] = field(default=str, compare=False)

    def __post_init__(self) -> None:
        if self.kind == "choice" and self.default is not None and self.default not in self.choices:
            msg = f"{self.name}: the default {self.default!r} is not one of its choices"
            raise ValueError(msg)

    @property
    def vocabulary(self) -> str:
        """What the parameter accepts, in words, for messages and the README."""
        if self.kind == "choice":
            return "one of " + ", ".join(self.format(c) for c in self.choices)
        if self.kind in ("number", "integer"):
            noun = "a whole number" if self.kind == "integer" else "a number"
            if math.isfinite(self.low) and math.isfinite(self.high):
                return f"{noun} from {number(self.low)} to {number(self.high)}"
            return noun
        return f"text of at most {self.max_length} characters"

    def read(self, text: str) -> Hashable:
        """The value ``text`` stands for; ValueError with a sentence saying why not."""
        if self.kind == "choice":
            return self._read_choice(text)
        if self.kind in ("number", "integer"):
            return self._read_number(text)
        return self._read_text(text)

    def notice(self, text: str, *, as_named: str | None = None) -> str | None:
        """The warning for a link whose value ``text`` (under the name ``as_named``, by default the
        parameter's own) cannot be used, or None when it can."""
        try:
            self.read(text)
        except ValueError as error:
            name = as_named or self.name
            return f"{name} = {quote(text)} was ignored: {error} The page uses its default."
        return None

    def _read_choice(self, text: str) -> Hashable:
        for choice in self.choices:
            if text == self.format(choice):
                return choice
        msg = f"it must be {self.vocabulary}."
        raise ValueError(msg)

    def _read_number(self, text: str) -> float | int:
        try:
            value = float(text.strip())
        except ValueError:
            msg = f"it is not a number; give {self.vocabulary}."
            raise ValueError(msg) from None
        if not math.isfinite(value):
            msg = f"it must be finite; give {self.vocabulary}."
            raise ValueError(msg)
        if self.kind == "integer":
            if value != math.floor(value):
                msg = f"it must be {self.vocabulary}."
                raise ValueError(msg)
            value = int(value)
        if not self.low <= value <= self.high:
            msg = f"it must be {self.vocabulary}."
            raise ValueError(msg)
        return value

    def _read_text(self, text: str) -> str:
        if len(text) > self.max_length:
            msg = f"it is {len(text)} characters long; at most {self.max_length} are kept."
            raise ValueError(msg)
        if any(unicodedata.category(ch).startswith("C") for ch in text):
            msg = "it holds control characters."
            raise ValueError(msg)
        return text
