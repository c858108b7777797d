"""Writing user text into a workbook cell without it ever becoming a live formula.

openpyxl turns any string that begins with "=" into a formula, and a spreadsheet program may treat
text beginning with "+", "-", "@", a tab or a carriage return as one once the cell is edited
(OWASP "CSV injection"). A title such as `=cmd|' /C calc'!A0` typed by an officer would then run
on the receiving office's computer. Every workbook writer (annex, template, board, consolidation,
the unit's tasks, the multi-year view, the catalogue, the roster and the plan content) puts text
through `put` (or `guard`), which stores such text as a string cell with the quote prefix set: the officer still reads exactly what was typed, and nothing is evaluated.
It also drops the characters XML cannot hold, so old data can never make a workbook fail.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import Cell

from dvcq_desktop.text.entry import xml_safe

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def guard(cell: Any) -> Any:
    """Make a cell that already holds a value safe (works for write-only cells too)."""
    value = cell.value
    if isinstance(value, str):
        clean = xml_safe(value)
        if clean != value:
            cell.value = clean
        if is_risky(clean):
            cell.data_type = "s"
            cell.quotePrefix = True
    return cell


def put(ws: Any, row: int, column: int, value: Any) -> Cell:
    """`ws.cell(row, column, value)` for user text: never a formula, never an XML error."""
    cell = ws.cell(row=row, column=column)
    cell.value = xml_safe(value) if isinstance(value, str) else value
    return guard(cell)
