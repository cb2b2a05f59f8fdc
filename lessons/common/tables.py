"""Tables for the page: display strings (or a DataFrame of them) as one Markdown table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from lessons.common.text import escape_markdown


def to_markdown(table: pd.DataFrame) -> str:
    """A DataFrame as one Markdown table, with every cell escaped.

    One st.markdown element redraws in about half the browser time of st.table, which renders each
    cell as its own Markdown block; on a slider move that is the difference that matters.
    """
    return markdown_table(*cells(table))


def cells(table: pd.DataFrame) -> tuple[list[object], list[list[object]]]:
    """A DataFrame's header (its index's name first) and rows (each with its index label first), as
    ``markdown_table`` takes them."""
    rows = [[label, *row] for label, row in zip(table.index, table.itertuples(index=False), strict=True)]
    return [table.index.name or "", *table.columns], rows


def markdown_table(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """Cells as one Markdown table, every cell escaped: the first column left-aligned, the others right.

    ``to_markdown`` without the DataFrame, which costs about a millisecond to build: for a table that is
    written again at each stop of the temperature slider it follows to (``ui.instant_numbers``).
    """
    lines = ["| " + " | ".join(escape_markdown(str(cell)) for cell in header) + " |"]
    lines.append("|" + ":---|" + "---:|" * (len(header) - 1))
    lines += ["| " + " | ".join(escape_markdown(str(cell)) or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)
