"""The Excel annex ("Phụ lục") of a unit report: indicators, every activity, and document info.

Write-only mode streams rows, so 10,000 activities stay fast and small in memory. Every cell gets
Times New Roman explicitly; ratios are stored as fractions with a percent format and counts as
numbers, with formats that read "75%" and "1.234" whatever the reader's locale (`xlsx_print`).
Every sheet prints on A4 with its header row repeated and page numbers; the activity sheet prints
its key columns (the others are grouped and folded away, one click opens them) and every row is
as tall as its wrapped text.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from copy import copy
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dvcq_desktop import __version__
from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import ACTIVITY_STATUSES, Submission
from dvcq_desktop.progress import Progress
from dvcq_desktop.reports.build_unit import kem_theo_line, number_symbol
from dvcq_desktop.reports.wording import applies, kind_of, unit_display_name
from dvcq_desktop.reports.xlsx_cells import guard
from dvcq_desktop.reports.xlsx_print import COUNT_FMT, DATE_FMT, PERCENT_FMT, print_setup, row_height
from dvcq_desktop.storage.fsutil import write_atomic
from dvcq_desktop.text import format_date, format_datetime, ratio_percent, xml_safe

log = logging.getLogger(__name__)

FONT = "Times New Roman"
HEADER_ROW = 4  # rows 1–3: "Phụ lục", title, "(Kèm theo …)"

_thin = Side(style="thin", color="000000")
_BOX = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_F_BODY = Font(name=FONT, size=12)
_F_BOLD = Font(name=FONT, size=12, bold=True)
_F_TITLE = Font(name=FONT, size=14, bold=True)
_F_ITALIC = Font(name=FONT, size=13, italic=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
_HEAD = Alignment(horizontal="center", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="top")
_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
_SPAN = Alignment(horizontal="centerContinuous", vertical="center")

ACTIVITY_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 6),
    ("Nội dung", 9),
    ("Loại hoạt động", 24),
    ("Tên hoạt động", 40),
    ("Từ ngày", 12),
    ("Đến ngày", 12),
    ("Địa điểm", 22),
    ("Đơn vị chủ trì", 22),
    ("Đơn vị phối hợp", 22),
    ("Số người tham dự", 11),
    ("Số đoàn, nhóm", 9),
    ("Kết quả", 32),
    ("Văn bản liên quan", 18),
    ("Trạng thái", 14),
    ("Nổi bật", 8),
)
# Printed and shown: STT … Trạng thái minus these, which are grouped and folded (1-based columns).
FOLDED_COLUMNS = (3, 8, 9, 11, 13, 15)
INDICATOR_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 6),
    ("Nội dung", 34),
    ("Chỉ tiêu", 56),
    ("Đơn vị tính", 14),
    ("Kết quả", 14),
    ("Ghi chú", 30),
)


_STYLE_CACHE: dict[tuple[int, int, int, str | None, bool], Any] = {}


def _cell(
    ws: Worksheet,
    value: Any,
    font: Font = _F_BODY,
    align: Alignment = _WRAP,
    fmt: str | None = None,
    border: bool = True,
) -> WriteOnlyCell:
    # Assigning font/alignment/border hashes each style object per cell, which dominated the time
    # for 10,000 rows; the registered style ids are cached per workbook and copied instead.
    key = (id(ws.parent), id(font), id(align), fmt, border)
    c = WriteOnlyCell(ws, value=xml_safe(value) if isinstance(value, str) else value)
    cached = _STYLE_CACHE.get(key)
    if cached is not None:
        c._style = copy(cached)
        return guard(c)
    c.font = font
    c.alignment = align
    if border:
        c.border = _BOX
    if fmt:
        c.number_format = fmt
    _STYLE_CACHE[key] = copy(c._style)
    return guard(c)


def _prepare(ws: Worksheet, columns: tuple[tuple[str, float], ...], title: str, kem_theo: str) -> None:
    """Widths, freeze, filter and print setup must be set before rows stream out (write-only)."""
    last = get_column_letter(len(columns))
    for i, (_, width) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    print_setup(ws, HEADER_ROW)
    n = len(columns)
    ws.row_dimensions[HEADER_ROW].height = row_height((name, w) for name, w in columns)
    # centerContinuous centres the title across the table without merged cells (streamable)
    for text, font in (("Phụ lục", _F_TITLE), (title, _F_TITLE), (kem_theo, _F_ITALIC)):
        ws.append(
            [_cell(ws, text, font, _SPAN, border=False)]
            + [_cell(ws, None, font, _SPAN, border=False) for _ in range(n - 1)]
        )
    ws.append([_cell(ws, name, _F_BOLD, _HEAD) for name, _ in columns])
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW}"


def _finish_filter(ws: Worksheet, ncols: int, nrows: int) -> None:
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(ncols)}{HEADER_ROW + max(nrows, 1)}"


def _indicator_rows(ws: Worksheet, plan: Plan, sub: Submission) -> Iterable[list[WriteOnlyCell]]:
    comments = {v.indicator_id: v.comment for v in sub.indicators}
    kind = kind_of(sub)
    n = 0
    for area in sorted(plan.areas, key=lambda a: a.number):
        for ind in plan.indicators_of(area.id):
            if not applies(ind, kind):  # the Chủ tịch UBND's own duties, for agencies
                continue
            n += 1
            if ind.kind == "ratio":
                pct = ratio_percent(sub.value(ind.numerator or ""), sub.value(ind.denominator or ""))
                value: float | int | None = None if pct is None else pct / 100
                fmt = PERCENT_FMT
            else:
                value, fmt = sub.value(ind.id), COUNT_FMT
            ws.row_dimensions[HEADER_ROW + n].height = row_height(
                ((ind.label, 56), (area.short_title or area.title, 34), (comments.get(ind.id), 30))
            )
            yield [
                _cell(ws, n, align=_CENTER),
                _cell(ws, f"{area.number}. {area.short_title or area.title}"),
                _cell(ws, ind.label),
                _cell(ws, ind.unit, align=_CENTER),
                _cell(ws, value, fmt=fmt, align=_RIGHT),
                _cell(ws, comments.get(ind.id, "")),
            ]


def render_xlsx(
    submission: Submission, plan: Plan, out_path: str | os.PathLike[str], progress: Progress | None = None
) -> Path:
    sub = submission
    out = Path(out_path)
    report = progress or (lambda done, total, msg: None)
    acts = sorted(
        sub.activities,
        key=lambda a: (next((x.number for x in plan.areas if x.id == a.area_id), 99), a.start_date, a.title),
    )
    total = len(acts) + 3
    report(0, total, "Đang tạo bảng chỉ tiêu")
    kem_theo = kem_theo_line(sub)
    wb = Workbook(write_only=True)

    ws = wb.create_sheet("Chỉ tiêu")
    _prepare(ws, INDICATOR_COLUMNS, f"KẾT QUẢ CÁC CHỈ TIÊU {sub.period.label.upper()}", kem_theo)
    rows = 0
    for row in _indicator_rows(ws, plan, sub):
        ws.append(row)
        rows += 1
    _finish_filter(ws, len(INDICATOR_COLUMNS), rows)
    report(1, total, "Đang tạo danh mục hoạt động")

    ws = wb.create_sheet("Hoạt động")
    for col in FOLDED_COLUMNS:  # set before any row streams out (write-only)
        dim = ws.column_dimensions[get_column_letter(col)]
        dim.outlineLevel = 1
        dim.hidden = True
    _prepare(ws, ACTIVITY_COLUMNS, f"DANH MỤC HOẠT ĐỘNG {sub.period.label.upper()}", kem_theo)
    numbers = {a.id: a.number for a in plan.areas}
    type_labels = {t.id: t.label for t in plan.activity_types}
    for i, a in enumerate(acts, 1):
        doc = " ".join(
            x
            for x in (a.doc_number, f"ngày {format_date(a.doc_date)}" if a.doc_date else "", a.doc_summary)
            if x
        )
        ws.row_dimensions[HEADER_ROW + i].height = row_height(
            ((a.title, 40), (a.location, 22), (a.result, 32))
        )
        ws.append(
            [
                _cell(ws, i, align=_CENTER),
                _cell(ws, numbers.get(a.area_id), align=_CENTER),
                _cell(ws, type_labels.get(a.type_id, a.type_id)),
                _cell(ws, a.title),
                _cell(ws, a.start_date, fmt=DATE_FMT, align=_CENTER),
                _cell(ws, a.end_date, fmt=DATE_FMT, align=_CENTER),
                _cell(ws, a.location),
                _cell(ws, a.lead_unit),
                _cell(ws, a.partners),
                _cell(ws, a.participants, fmt=COUNT_FMT, align=_RIGHT),
                _cell(ws, a.groups, fmt=COUNT_FMT, align=_RIGHT),
                _cell(ws, a.result),
                _cell(ws, doc),
                _cell(ws, ACTIVITY_STATUSES.get(a.status, a.status), align=_CENTER),
                _cell(ws, "x" if a.notable else "", align=_CENTER),
            ]
        )
        if i % 1000 == 0:
            report(1 + i, total, f"Đã ghi {i}/{len(acts)} hoạt động")
    _finish_filter(ws, len(ACTIVITY_COLUMNS), len(acts))

    ws = wb.create_sheet("Thông tin")
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 64
    print_setup(ws, None, landscape=False, one_page=True)
    generated = datetime.now()
    info: list[tuple[str, Any, str | None]] = [
        ("Đơn vị", f"{sub.unit.name} ({sub.unit.code})", None),
        ("Cơ quan ban hành", unit_display_name(sub), None),
        ("Báo cáo số", number_symbol(sub), None),
        ("Ngày báo cáo", sub.document.date, DATE_FMT),
        ("Kế hoạch", f"{plan.number} – {plan.title}" if plan.number else plan.title, None),
        ("Phiên bản kế hoạch", sub.plan.version, None),
        ("Kỳ báo cáo", sub.period.label, None),
        (
            "Thời gian lấy số liệu",
            f"Từ {format_date(sub.period.start)} đến {format_date(sub.period.end)}",
            None,
        ),
        ("Hạn báo cáo", sub.period.deadline, DATE_FMT),
        ("Số hoạt động", len(acts), COUNT_FMT),
        ("Thời điểm tạo tệp", generated, "dd/mm/yyyy hh:mm"),
        ("Chốt số liệu lúc", format_datetime(sub.finalized_at) if sub.finalized_at else "Chưa chốt", None),
        ("Phiên bản phần mềm", f"dvcq-desktop {__version__}", None),
    ]
    ws.append([_cell(ws, "THÔNG TIN TỆP PHỤ LỤC", _F_TITLE, border=False)])
    ws.append([])
    for row_no, (label, value, fmt) in enumerate(info, 3):
        ws.row_dimensions[row_no].height = row_height(
            ((label, 26), (value if isinstance(value, str) else "", 64))
        )
        ws.append([_cell(ws, label, _F_BOLD), _cell(ws, value, fmt=fmt, align=_LEFT)])
    report(total - 1, total, "Đang lưu tệp Excel")
    for k in [k for k in _STYLE_CACHE if k[0] == id(wb)]:
        del _STYLE_CACHE[k]
    write_atomic(out, lambda tmp: wb.save(str(tmp)))
    report(total, total, "Đã tạo tệp Excel")
    log.info("report xlsx written: %s (%d activities)", out, len(acts))
    return out
