"""Tables for the page: a DataFrame of display strings as one Markdown table."""

from __future__ import annotations

import pandas as pd

from lessons.common.text import escape_markdown


def to_markdown(table: pd.DataFrame) -> str:
    """A DataFrame as one Markdown table, with every cell escaped.

    One st.markdown element redraws in about half the browser time of st.table, which renders each
    cell as its own Markdown block; on a slider move that is the difference that matters.
    """
    header = [table.index.name or "", *table.columns]
    lines = ["| " + " | ".join(escape_markdown(str(cell)) for cell in header) + " |"]
    lines.append("|" + ":---|" + "---:|" * len(table.columns))
    for label, row in zip(table.index, table.itertuples(index=False), strict=True):
        cells = [label, *row]
        lines.append("| " + " | ".join(escape_markdown(str(cell)) or " " for cell in cells) + " |")
    return "\n".join(lines)
