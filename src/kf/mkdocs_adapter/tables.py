"""Wide tables become cards on phones (core/tables.py): each cell is labelled with its
column's heading."""

from __future__ import annotations

from kf.core.tables import label_cells


def label_table_cells(page) -> None:
    page.content = label_cells(page.content)
