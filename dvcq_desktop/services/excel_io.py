"""Activities in from Excel: the columns both sides share, and a checked import.

Officers already keep lists in Excel; `excel_template` writes the sheet they fill in. Reading never
trusts the sheet: every row is checked and reported by row number and column in Vietnamese, and
only good rows are imported, all in one transaction.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils.datetime import from_excel
from openpyxl.utils.escape import unescape
from sqlite_utils import Database

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import ACTIVITY_STATUSES, Activity
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.progress import Progress
from dvcq_desktop.services.excel_guard import DEFAULT_EXCEL_LIMITS, ExcelLimits, open_xlsx
from dvcq_desktop.storage import activities
from dvcq_desktop.text import clean, fold, format_date, format_int, parse_date, parse_number
from dvcq_desktop.text.entry import field_text, number_range, over_limit

log = logging.getLogger(__name__)


DATA_SHEET = "Hoạt động"
LIST_SHEET = "DanhMuc"  # ASCII: list formulas referencing it need no quoting rules
HELP_SHEET = "Hướng dẫn"
TEMPLATE_ROWS = 1000  # rows pre-formatted with validations
DATE_FORMAT = "DD/MM/YYYY"
YES, NO = "Có", "Không"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    kind: str = "text"  # text | date | int | area | type | status | bool
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("start_date", "Ngày bắt đầu", 14, "date", True),
    Column("end_date", "Ngày kết thúc", 14, "date"),
    Column("area", "Lĩnh vực", 34, "area", True),
    Column("type", "Loại hoạt động", 40, "type", True),
    Column("title", "Tên hoạt động", 48, required=True),
    Column("content", "Nội dung", 48),
    Column("location", "Địa điểm", 24),
    Column("lead_unit", "Đơn vị chủ trì", 24),
    Column("partners", "Đơn vị phối hợp", 28),
    Column("participants", "Số người tham gia", 12, "int"),
    Column("groups", "Số đoàn, nhóm", 12, "int"),
    Column("result", "Kết quả", 36),
    Column("doc_number", "Số, ký hiệu văn bản", 20),
    Column("doc_date", "Ngày văn bản", 14, "date"),
    Column("doc_summary", "Trích yếu văn bản", 40),
    Column("status", "Trạng thái", 16, "status"),
    Column("notable", "Nổi bật", 10, "bool"),
)


def _header_key(text: str) -> str:
    # Tolerate "Tên hoạt động (*)", different case or missing accents in hand-made sheets.
    return fold(re.sub(r"\(.*?\)|\*", " ", text))


_BY_HEADER = {_header_key(c.header): c for c in COLUMNS}


def area_label(plan: Plan, area_id: str) -> str:
    a = plan.area(area_id)
    return f"{a.number}. {a.short_title}"


# ---- reading ----------------------------------------------------------------------------------
@dataclass
class PreviewRow:
    row: int  # Excel row number, as the officer sees it
    cells: dict[str, str]  # column key -> text as shown in the preview
    activity: Activity | None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportPreview:
    path: Path
    rows: list[PreviewRow]

    @property
    def good(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.ok]

    @property
    def bad(self) -> list[PreviewRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def summary(self) -> str:
        return f"{len(self.good)} dòng hợp lệ, {len(self.bad)} dòng lỗi"


def read_activities(
    path: Path,
    plan: Plan,
    progress: Progress | None = None,
    *,
    cancelled: Callable[[], bool] | None = None,
    limits: ExcelLimits = DEFAULT_EXCEL_LIMITS,
) -> ImportPreview:
    """Stream the sheet row by row (openpyxl read-only) within `limits`; `cancelled()` is asked
    every few hundred rows and stops the reading with `excel_cancelled`."""
    path = Path(path)
    wb = open_xlsx(path, limits)
    try:
        if not wb.sheetnames:
            raise DvcqError("excel_no_sheets", path=path.name)
        ws = wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else wb.worksheets[0]
        total = min(int(ws.max_row or 0), limits.max_rows)
        # A bounded width: a crafted dimension (A1:XFD1048576) would pad every row to 16,384 cells.
        rows_iter = ws.iter_rows(values_only=True, max_col=limits.max_columns)
        mapping: dict[int, Column] | None = None
        look = _Lookups.of(plan)
        texts = _Texts(limits.max_cell_chars)
        out: list[PreviewRow] = []
        for n, values in enumerate(rows_iter, start=1):
            if n > limits.max_rows:
                raise DvcqError(
                    "excel_too_many_rows", detail=str(n), path=path.name, limit=format_int(limits.max_rows)
                )
            if cancelled is not None and n % 200 == 0 and cancelled():
                raise DvcqError("excel_cancelled", detail=str(n))
            if mapping is None:
                mapping = _match_header(values)
                if mapping is None:
                    if n >= 10:
                        break
                    continue
                missing = [c.header for c in COLUMNS if c.required and c not in mapping.values()]
                if missing:
                    raise DvcqError("excel_missing_columns", path=path.name, columns=", ".join(missing))
                continue
            raw = {col.key: values[i] for i, col in mapping.items() if i < len(values)}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
                continue
            out.append(_parse_row(n, raw, plan, look, texts))
            if progress and n % 200 == 0:
                progress(n, total, "Đang đọc tệp Excel")
        if mapping is None:
            raise DvcqError(
                "excel_missing_columns",
                path=path.name,
                columns=", ".join(c.header for c in COLUMNS if c.required),
            )
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OverflowError, EOFError) as exc:
        log.warning("bad xlsx content in %s: %r", path, exc)
        raise DvcqError("excel_unreadable", detail=repr(exc), path=path.name) from exc
    finally:
        wb.close()  # read-only workbooks keep the file open (a lock on Windows)
    if progress:
        progress(total, total, "Đã đọc xong tệp Excel")
    return ImportPreview(path, out)


def _match_header(values: tuple[Any, ...]) -> dict[int, Column] | None:
    found = {
        i: _BY_HEADER[_header_key(v)]
        for i, v in enumerate(values)
        if isinstance(v, str) and _header_key(v) in _BY_HEADER
    }
    return found if any(c.key == "title" for c in found.values()) else None


class _Bad(Exception):
    pass


SHOWN_CHARS = 300  # what the preview table shows of a cell; the import keeps the whole text


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str) and len(v) > SHOWN_CHARS:
        v = v[:SHOWN_CHARS] + "…"  # for display and messages only
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    if isinstance(v, datetime):
        return format_date(v.date())
    if isinstance(v, date):
        return format_date(v)
    return clean(str(v))


def _date(v: Any) -> date | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, int | float) and not isinstance(v, bool) and 1 <= v < 2958466:
        # A date typed into a cell without a date format arrives as its Excel serial number.
        return from_excel(v).date()
    try:
        return parse_date(str(v))
    except ValueError:
        raise _Bad(f"ngày không hợp lệ “{_text(v)}” (cần dạng dd/mm/yyyy)") from None


class _Texts:
    """Cleaned text of the text columns, one copy per distinct cell value: a workbook repeating one
    long shared string in every row must not cost a cleaned copy per row (memory)."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self._memo: dict[tuple[str, str], str] = {}

    def get(self, key: str, v: Any) -> str:
        if v is None:
            return ""
        raw = v if isinstance(v, str) else _text(v)
        if len(raw) > self.max_chars:
            raise _Bad(f"ô dài quá {format_int(self.max_chars)} ký tự")
        memo_key = (key, raw)
        text = self._memo.get(memo_key)
        if text is None:
            # Excel stores a control character of a cell as an "_x000B_" escape; decode it so
            # the input door removes the character instead of keeping the escape as text.
            text = self._memo[memo_key] = field_text(f"activity.{key}", unescape(raw))
        limit = over_limit(f"activity.{key}", text)
        if limit is not None:
            raise _Bad(f"dài quá {format_int(limit)} ký tự (hiện có {format_int(len(text))})")
        return text


def _int(v: Any, key: str) -> int | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    try:
        x = float(v) if isinstance(v, int | float) and not isinstance(v, bool) else parse_number(str(v))
    except (ValueError, OverflowError):
        raise _Bad(f"“{_text(v)}” không phải là số") from None
    if x < 0:
        raise _Bad(f"số không được âm ({_text(v)})")
    if not float(x).is_integer():
        raise _Bad(f"cần số nguyên ({_text(v)})")
    hi = number_range(f"activity.{key}")[1]
    if x > hi:  # the same bound as the editor and the package, so the import cannot fail later
        raise _Bad(f"số quá lớn ({_text(v)}), tối đa {format_int(hi)}")
    return int(x)


def _lookup(v: Any, choices: dict[str, str], what: str) -> str:
    key = fold(_text(v))
    if key in choices:
        return choices[key]
    raise _Bad(f"không có {what} “{_text(v)}” trong kế hoạch")


@dataclass(frozen=True)
class _Lookups:
    """Folded names accepted for each choice column, built once per file (not per row)."""

    areas: dict[str, str]
    types: dict[str, str]
    statuses: dict[str, str]

    @classmethod
    def of(cls, plan: Plan) -> _Lookups:
        areas: dict[str, str] = {}
        for a in plan.areas:
            for name in (area_label(plan, a.id), a.short_title, a.title, a.id, str(a.number)):
                areas[fold(name)] = a.id
        types = {fold(t.id): t.id for t in plan.activity_types}
        types.update({fold(t.label): t.id for t in plan.activity_types})
        statuses = {fold(k): k for k in ACTIVITY_STATUSES}
        statuses.update({fold(label): key for key, label in ACTIVITY_STATUSES.items()})
        return cls(areas, types, statuses)


def _parse_row(n: int, raw: dict[str, Any], plan: Plan, look: _Lookups, texts: _Texts) -> PreviewRow:
    cells = {c.key: _text(raw.get(c.key)) for c in COLUMNS}
    errors: list[str] = []
    parsed: dict[str, Any] = {}
    for col in COLUMNS:
        v = raw.get(col.key)
        try:
            if col.required and not _text(v):
                raise _Bad("chưa nhập (bắt buộc)")
            if col.kind == "date":
                parsed[col.key] = _date(v)
            elif col.kind == "int":
                parsed[col.key] = _int(v, col.key)
            elif col.kind == "area":
                parsed[col.key] = _lookup(v, look.areas, "lĩnh vực")
            elif col.kind == "type":
                parsed[col.key] = _lookup(v, look.types, "loại hoạt động")
            elif col.kind == "status":
                parsed[col.key] = _lookup(v, look.statuses, "trạng thái") if _text(v) else "done"
            elif col.kind == "bool":
                parsed[col.key] = fold(_text(v)) in ("co", "x", "1", "true")
            else:
                parsed[col.key] = texts.get(col.key, v)
                if col.required and not parsed[col.key]:
                    raise _Bad("chưa nhập (bắt buộc)")
        except _Bad as exc:
            errors.append(f"Dòng {n}, cột “{col.header}”: {exc}")
    if not errors:
        if parsed["area"] not in plan.activity_type(parsed["type"]).area_ids:
            errors.append(
                f"Dòng {n}, cột “Loại hoạt động”: loại “{cells['type']}” không thuộc "
                f"lĩnh vực “{area_label(plan, parsed['area'])}”"
            )
        if parsed["end_date"] and parsed["end_date"] < parsed["start_date"]:
            errors.append(f"Dòng {n}, cột “Ngày kết thúc”: trước ngày bắt đầu")
    if errors:
        return PreviewRow(n, cells, None, errors)
    act = Activity(
        id=activities.new_id(),
        area_id=parsed["area"],
        type_id=parsed["type"],
        title=parsed["title"],
        start_date=parsed["start_date"],
        end_date=parsed["end_date"],
        content=parsed["content"],
        location=parsed["location"],
        lead_unit=parsed["lead_unit"],
        partners=parsed["partners"],
        participants=parsed["participants"],
        groups=parsed["groups"],
        result=parsed["result"],
        doc_number=parsed["doc_number"],
        doc_date=parsed["doc_date"],
        doc_summary=parsed["doc_summary"],
        status=parsed["status"],
        notable=parsed["notable"],
    )
    return PreviewRow(n, cells, act, [])


def import_rows(db: Database, preview: ImportPreview) -> int:
    """Insert every good row of the preview in one transaction; returns how many."""
    items = [r.activity for r in preview.good if r.activity is not None]
    if not items:
        return 0
    return activities.save_many(db, items)
