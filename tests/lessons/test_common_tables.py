"""Markdown tables: a DataFrame and plain rows give the same table, every cell escaped."""

from __future__ import annotations

import pandas as pd

from lessons.common.tables import markdown_table, to_markdown


def test_a_dataframe_and_its_rows_make_the_same_table():
    frame = pd.DataFrame(
        {"z": ["2", "−1"], "p (%)": ["65.9", ""]}, index=pd.Index(["cat|dog", "*bird*"], name="class")
    )
    table = to_markdown(frame)
    assert table == markdown_table(["class", "z", "p (%)"], [["cat|dog", "2", "65.9"], ["*bird*", "−1", ""]])
    assert table.splitlines() == [
        "| class | z | p \\(%\\) |",
        "|:---|---:|---:|",
        "| cat\\|dog | 2 | 65\\.9 |",  # a | in a cell would end it; a . after digits could start a list
        "| \\*bird\\* | −1 |   |",  # an empty cell keeps its place
    ]
