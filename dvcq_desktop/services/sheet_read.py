"""Reading the office's own workbooks (period roster, plan content) back in: one checked door.

The file is first looked at by `excel_guard.inspect_xlsx` (no zip bomb, no DTD), then read with
openpyxl in read-only mode. Formulas are read as formulas, not as their cached result, so a cell
holding one is refused by row and column: a roster or a plan is typed data, and a formula that
arrived from elsewhere (`=HYPERLINK(…)`, `=cmd|…`) must not silently become a unit's reason or an
indicator's name. Every text goes through the input door (`text.entry`), so what is stored is what
the editor would have stored. Each problem raises `sheet_row`, naming the sheet, the row and what
is wrong; nothing has been written at that point.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils.escape import unescape

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services.excel_guard import DEFAULT_EXCEL_LIMITS, ExcelLimits, open_xlsx
from dvcq_desktop.text import fold, format_date, format_int
from dvcq_desktop.text.entry import entry_line, entry_text

log = logging.getLogger(__name__)

YES = ("co", "x", "1", "true", "yes")
NO = ("khong", "0", "false", "no")


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    width: int = 20
    required: bool = True  # the column must be present (its cells may still be empty)
    multiline: bool = False
    max_chars: int = 500


@dataclass(frozen=True)
class Row:
    number: int  # as the officer sees it in Excel
    cells: dict[str, str]


class Sheet:
    """The rows of one sheet as cleaned texts, keyed by column."""

    def __init__(self, path: Path, name: str, rows: list[Row]) -> None:
        self.path, self.name, self.rows = path, name, rows

    def fail(self, row: int, problem: str) -> DvcqError:
        return DvcqError("sheet_row", path=self.path.name, sheet=self.name, row=row, problem=problem)


def open_book(path: Path, limits: ExcelLimits = DEFAULT_EXCEL_LIMITS) -> Any:
    """Formulas stay formulas: `read_sheet` refuses a formula cell instead of trusting its cached value."""
    return open_xlsx(path, limits, data_only=False)


def _text(v: Any, col: Col) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "có" if v else "không"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    if isinstance(v, datetime):
        return format_date(v.date())
    if isinstance(v, date):
        return format_date(v)
    # Excel stores a control character as "_x000B_": decode it so the door removes it.
    raw = unescape(v) if isinstance(v, str) else str(v)
    return entry_text(raw) if col.multiline else entry_line(raw)


def read_sheet(
    book: Any, path: Path, name: str, columns: Sequence[Col], limits: ExcelLimits = DEFAULT_EXCEL_LIMITS
) -> Sheet:
    """Rows of sheet `name` (header in row 1, matched without case or accents)."""
    path = Path(path)
    if name not in book.sheetnames:
        raise DvcqError("sheet_missing", path=path.name, sheet=name)
    ws = book[name]
    try:
        rows = _rows(ws, path, name, columns, limits)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OverflowError, EOFError) as exc:
        log.warning("bad xlsx content in %s: %r", path, exc)
        raise DvcqError("excel_unreadable", detail=repr(exc), path=path.name) from exc
    return Sheet(path, name, rows)


def _rows(ws: Any, path: Path, name: str, columns: Sequence[Col], limits: ExcelLimits) -> list[Row]:
    it: Iterator[tuple[Any, ...]] = ws.iter_rows(max_col=limits.max_columns)
    header = [fold(str(c.value or "")) for c in next(it, ())]
    index: dict[str, int] = {}
    missing = []
    for col in columns:
        key = fold(col.header)
        if key in header:
            index[col.key] = header.index(key)
        elif col.required:
            missing.append(col.header)
    if missing:
        raise DvcqError("sheet_columns", path=path.name, sheet=name, columns=", ".join(missing))
    out: list[Row] = []
    by_key = {c.key: c for c in columns}
    for n, cells in enumerate(it, start=2):
        if n > limits.max_rows:
            raise DvcqError("excel_too_many_rows", path=path.name, limit=format_int(limits.max_rows))
        texts: dict[str, str] = {}
        for key, i in index.items():
            cell = cells[i] if i < len(cells) else None
            value = getattr(cell, "value", None)
            col = by_key[key]
            if getattr(cell, "data_type", None) == "f" or (
                isinstance(value, str) and value.startswith("=") and getattr(cell, "data_type", "") != "s"
            ):
                raise DvcqError(
                    "sheet_row",
                    path=path.name,
                    sheet=name,
                    row=n,
                    problem=f"ô ở cột “{col.header}” là công thức; hãy ghi giá trị (chữ hoặc số)",
                )
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                value = value[: limits.max_cell_chars]
            text = _text(value, col)
            if len(text) > col.max_chars:
                raise DvcqError(
                    "sheet_row",
                    path=path.name,
                    sheet=name,
                    row=n,
                    problem=f"cột “{col.header}” dài quá {format_int(col.max_chars)} ký tự",
                )
            texts[key] = text
        if any(texts.values()):
            out.append(Row(n, texts))
    return out


def yes_no(sheet: Sheet, row: Row, col: Col, empty: bool | None = None) -> bool:
    """“có”/“không” (also x, 1, yes…); an empty cell is `empty`, or refused when that is None."""
    key = fold(row.cells.get(col.key, ""))
    if not key and empty is not None:
        return empty
    if key in YES:
        return True
    if key in NO:
        return False
    raise sheet.fail(
        row.number, f"cột “{col.header}” phải ghi “có” hoặc “không”, không phải “{row.cells[col.key]}”"
    )


def id_list(text: str) -> list[str]:
    return [x.strip() for x in text.replace(";", ",").split(",") if x.strip()]
