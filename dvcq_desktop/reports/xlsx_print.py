"""Workbooks that print: A4, fit to the paper's width, header row on every page, page numbers,
rows as tall as their wrapped text, and numbers that read "1.234" and "75%" on any computer.

Number formats: Excel puts the *reader's* separators into "#,##0" (an English Windows shows
"1,480"), and a locale tag such as "[$-42A]#,##0" only changes separators in LibreOffice — Excel
keeps the system's. A format made of literal dots works in both: counts get
`[>=1000000]#\\.###\\.###;[>=1000]#\\.###;0`, still real numbers underneath. Ratios are fractions
shown "0%", which has no separator to localise.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

COUNT_FMT = "[>=1000000]#\\.###\\.###;[>=1000]#\\.###;0"
PERCENT_FMT = "0%"
DATE_FMT = "dd/mm/yyyy"
PAPER_A4 = "9"  # OOXML paper size code
LINE_PT = 15.75  # one line of 12 pt Times New Roman with its leading
CHARS_PER_WIDTH = 1.15  # characters of 12 pt text per unit of column width (Calibri 11 digits)


def print_setup(
    ws: Worksheet,
    header_row: int | None,
    *,
    landscape: bool = True,
    pages_wide: int = 1,
    title_cols: str | None = None,
    one_page: bool = False,
) -> None:
    """A4, `pages_wide` pages across (1 = fit to width), header row repeated, "Trang x/y"."""
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.footer = 0.3
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    if title_cols:
        ws.print_title_cols = title_cols
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = "Times New Roman"


def lines_needed(text: object, width: float) -> int:
    """How many lines a wrapped cell of this column width needs (an estimate on the safe side)."""
    if text is None:
        return 1
    per_line = max(int(width * CHARS_PER_WIDTH) - 1, 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def row_height(cells: Iterable[tuple[object, float]]) -> float:
    """Height in points for a row of (value, column width) wrapped cells."""
    return LINE_PT * max((lines_needed(v, w) for v, w in cells), default=1) + 2


def fit_rows(ws: Worksheet, first_row: int, widths: dict[int, float]) -> None:
    """Size every row from `first_row` down to its wrapped text (columns given by index → width):
    LibreOffice otherwise keeps the default height and the text runs over the rows below."""
    for row in ws.iter_rows(min_row=first_row):
        cells = [(c.value, widths[c.column]) for c in row if c.column in widths and c.value is not None]
        if cells:
            ws.row_dimensions[row[0].row].height = row_height(cells)


def widths_of(ws: Worksheet, columns: Iterable[int]) -> dict[int, float]:
    return {c: float(ws.column_dimensions[get_column_letter(c)].width or 10) for c in columns}
