"""The board as an Excel sheet: Times New Roman, real dates (not text), header row frozen.

Excel has no time zones, so times are written as Vietnam local time without an offset.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dvcq_desktop.domain import clock
from dvcq_desktop.reports.office_records import Board
from dvcq_desktop.reports.xlsx_cells import put
from dvcq_desktop.storage.fsutil import write_atomic
from dvcq_desktop.text import format_date, format_percent

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DT_FORMAT = "dd/mm/yyyy hh:mm"
HEADERS = (
    "STT",
    "Mã đơn vị",
    "Tên đơn vị",
    "Tình trạng",
    "Số ngày trễ",
    "Lần gửi hiện hành",
    "Số bản đã nhận",
    "Đơn vị hoàn thành lúc",
    "Cơ quan nhận lúc",
    "Ghi chú",
)
WIDTHS = (6, 14, 36, 30, 11, 11, 11, 18, 18, 40)


def local(dt: datetime | None) -> datetime | None:
    return dt.astimezone(clock.VN_TZ).replace(tzinfo=None) if dt else None


def style_header(ws: Worksheet, row: int, ncols: int) -> None:
    for c in range(1, ncols + 1):
        cell = ws.cell(row=row, column=c)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.border = BOX


def add_board_sheet(wb: Workbook, b: Board, title: str = "Tình hình nộp") -> Worksheet:
    ws = wb.create_sheet(title)
    ws["A1"] = f"TÌNH HÌNH NỘP BÁO CÁO {b.period_label.upper()}"
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws["A2"] = (
        f"Hạn nộp: {format_date(b.deadline)}. Đã nộp {b.received}/{b.expected} "
        f"({format_percent(b.received_rate)}); đúng hạn {b.on_time}; trễ hạn {b.late}; "
        f"chưa nộp {b.missing}."
    )
    ws["A2"].font = Font(name=FONT, size=12, italic=True)
    head = 4
    for c, h in enumerate(HEADERS, 1):
        ws.cell(row=head, column=c, value=h)
    style_header(ws, head, len(HEADERS))
    rows = list(b.rows) + list(b.extra)
    for i, r in enumerate(rows, 1):
        note = r.timeliness_note
        if r in b.extra:
            note = "Không thuộc danh sách đơn vị phải báo cáo kỳ này"
        if r.flagged:
            note = (note + "; " if note else "") + f"{r.flagged} bản cũ hơn/cạnh tranh đã lưu vào lịch sử"
        values = (
            i,
            r.unit_code,
            r.unit_name,
            r.label,
            r.days_late if r.status != "missing" else None,
            r.revision,
            r.revisions,
            local(r.finalized_at),
            local(r.received_at),
            note,
        )
        for c, v in enumerate(values, 1):
            cell = put(ws, head + i, c, v)  # unit names and notes are user text
            cell.font = Font(name=FONT, size=12)
            cell.border = BOX
            if isinstance(v, datetime):
                cell.number_format = DT_FORMAT
            cell.alignment = Alignment(
                vertical="top", wrap_text=c in (3, 4, 10), horizontal="center" if c in (1, 5, 6, 7) else None
            )
    for c, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = ws.cell(row=head + 1, column=1)
    ws.auto_filter.ref = f"A{head}:{get_column_letter(len(HEADERS))}{head + len(rows)}"
    return ws


def save_atomic(wb: Workbook, path: Path) -> Path:
    """Write next to the target, fsync, then replace: a crash never leaves half a workbook."""
    return write_atomic(path, lambda tmp: wb.save(str(tmp)))


def write_board_xlsx(b: Board, path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    add_board_sheet(wb, b)
    return save_atomic(wb, path)
