"""Writing the office's editable workbooks (period roster, plan content): one table per sheet, the
header in row 1 (what `sheet_read` matches), every text through `xlsx_cells.put` so a name or a
reason that begins with "=" stays text, a "có/không" list where a column takes one, and a sheet of
instructions in Vietnamese."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dvcq_desktop.reports.xlsx_cells import put
from dvcq_desktop.services.sheet_read import Col

FONT = "Times New Roman"
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F0")


def new_book() -> Workbook:
    wb = Workbook()
    first = wb.active
    if first is not None:
        wb.remove(first)
    return wb


def table_sheet(
    wb: Workbook,
    name: str,
    columns: Sequence[Col],
    rows: Iterable[dict[str, Any]],
    *,
    yes_no: Sequence[str] = (),
    choices: dict[str, Sequence[str]] | None = None,
) -> Any:
    ws = wb.create_sheet(name)
    for c, col in enumerate(columns, start=1):
        cell = put(ws, 1, c, col.header)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = col.width
    n = 1
    for n, row in enumerate(rows, start=2):
        lines = 1
        for c, col in enumerate(columns, start=1):
            value = row.get(col.key, "")
            cell = put(ws, n, c, value)
            cell.font = Font(name=FONT, size=12)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines = max(lines, _lines(str(value), col.width))
        if lines > 1:
            # Neither Excel nor LibreOffice grows a row for wrapped text written by a program:
            # without a height the second line is hidden or overlaps the next row.
            ws.row_dimensions[n].height = min(409, 16 * lines)
    last = max(n, 1) + 200  # room for rows the officer adds
    lists = {key: ("có", "không") for key in yes_no} | dict(choices or {})
    for key, values in lists.items():
        c = next(i for i, col in enumerate(columns, start=1) if col.key == key)
        letter = get_column_letter(c)
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    _print_setup(ws)
    return ws


def _lines(text: str, width: int) -> int:
    """Lines a wrapped text takes in a column `width` characters wide (Times New Roman 12 fits
    about 1.4 characters per width unit)."""
    return sum(max(1, math.ceil(len(part) / max(width * 1.4 - 2, 1))) for part in text.split("\n"))


def _print_setup(ws: Any) -> None:
    # Printed or opened as PDF, a table is one page wide (landscape A4), its header on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if ws.max_row > 1:
        ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.5


def help_sheet(wb: Workbook, name: str, title: str, lines: Sequence[str]) -> None:
    ws = wb.create_sheet(name)
    ws.column_dimensions["A"].width = 110
    _print_setup(ws)
    cell = put(ws, 1, 1, title)
    cell.font = Font(name=FONT, size=14, bold=True)
    for r, line in enumerate(lines, start=3):
        ws.row_dimensions[r].height = 16 * _lines(line, 110)
        cell = put(ws, r, 1, line)
        cell.font = Font(name=FONT, size=12)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
