"""The board as an Excel sheet: Times New Roman, real dates (not text), header rows frozen, and
each unit's own plan counted (tasks done, in progress, not started, dropped).

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
from dvcq_desktop.reports.office_records import Board, BoardRow
from dvcq_desktop.reports.xlsx_cells import put
from dvcq_desktop.reports.xlsx_print import COUNT_FMT, LINE_PT, fit_rows, print_setup, widths_of
from dvcq_desktop.storage.fsutil import write_atomic
from dvcq_desktop.text import format_date, format_percent

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DT_FORMAT = "dd/mm/yyyy hh:mm"
# The unit's own plan (format 1.1): the same counts, words and order as the unit detail's
# "Kế hoạch của đơn vị" tab, under one group heading; blank for a unit that sent no plan.
TASKS_GROUP = "Nhiệm vụ trong kế hoạch của đơn vị"
TASK_HEADERS = ("Số nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Không thực hiện")
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
    *TASK_HEADERS,
    "Ghi chú",
)
WIDTHS = (6, 14, 30, 26, 10, 9, 9, 18, 18, 10, 11, 11, 11, 11, 26)
FIRST_TASK_COL = 10
NOTE_COL = len(HEADERS)
HEAD_ROW = 4  # the group heading; column headings below it, data from HEAD_ROW + 2
WRAPPED = (3, 4, NOTE_COL)
CENTERED = (1, 5, 6, 7)


def local(dt: datetime | None) -> datetime | None:
    return dt.astimezone(clock.VN_TZ).replace(tzinfo=None) if dt else None


def style_header(ws: Worksheet, row: int, ncols: int) -> None:
    for c in range(1, ncols + 1):
        cell = ws.cell(row=row, column=c)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.border = BOX


def _header(ws: Worksheet) -> None:
    """Two rows: the task counts under their group heading, every other heading over both rows."""
    top, sub = HEAD_ROW, HEAD_ROW + 1
    for c, h in enumerate(HEADERS, 1):
        if FIRST_TASK_COL <= c < FIRST_TASK_COL + len(TASK_HEADERS):
            ws.cell(row=sub, column=c, value=h)
        else:
            ws.cell(row=top, column=c, value=h)
            ws.merge_cells(start_row=top, start_column=c, end_row=sub, end_column=c)
    ws.cell(row=top, column=FIRST_TASK_COL, value=TASKS_GROUP)
    ws.merge_cells(
        start_row=top,
        start_column=FIRST_TASK_COL,
        end_row=top,
        end_column=FIRST_TASK_COL + len(TASK_HEADERS) - 1,
    )
    style_header(ws, top, len(HEADERS))
    style_header(ws, sub, len(HEADERS))
    ws.row_dimensions[sub].height = 2 * LINE_PT + 2  # "Đang thực hiện" wraps onto two lines


def task_counts(r: BoardRow) -> tuple[int | None, ...]:
    """Số nhiệm vụ, hoàn thành, đang thực hiện, chưa thực hiện, không thực hiện (None: no plan sent)."""
    if not r.tasks_total:
        return (None,) * len(TASK_HEADERS)
    return (r.tasks_total, r.tasks_done, r.tasks_doing, r.tasks_todo, r.tasks_dropped)


def add_board_sheet(wb: Workbook, b: Board, title: str = "Tình hình nộp") -> Worksheet:
    """The board on one sheet that prints landscape on one page width, headings on every page."""
    ws = wb.create_sheet(title)
    ws["A1"] = f"TÌNH HÌNH NỘP BÁO CÁO {b.period_label.upper()}"
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws["A2"] = (
        f"Hạn nộp: {format_date(b.deadline)}. Đã nộp {b.received}/{b.expected} "
        f"({format_percent(b.received_rate)}); đúng hạn {b.on_time}; trễ hạn {b.late}; "
        f"chưa nộp {b.missing}."
    )
    ws["A2"].font = Font(name=FONT, size=12, italic=True)
    _header(ws)
    first = HEAD_ROW + 2
    rows = list(b.rows) + list(b.extra)
    for i, r in enumerate(rows):
        note = r.timeliness_note
        if r in b.extra:
            note = "Không thuộc danh sách đơn vị phải báo cáo kỳ này"
        if r.flagged:
            note = (note + "; " if note else "") + f"{r.flagged} bản cũ hơn/cạnh tranh đã lưu vào lịch sử"
        values = (
            i + 1,
            r.unit_code,
            r.unit_name,
            r.label,
            r.days_late if r.status != "missing" else None,
            r.revision,
            r.revisions,
            local(r.finalized_at),
            local(r.received_at),
            *task_counts(r),
            note,
        )
        for c, v in enumerate(values, 1):
            cell = put(ws, first + i, c, v)  # unit names and notes are user text
            cell.font = Font(name=FONT, size=12)
            cell.border = BOX
            if isinstance(v, datetime):
                cell.number_format = DT_FORMAT
            elif isinstance(v, int) and c >= FIRST_TASK_COL:
                cell.number_format = COUNT_FMT
            centered = c in CENTERED or FIRST_TASK_COL <= c < NOTE_COL
            cell.alignment = Alignment(
                vertical="top", wrap_text=c in WRAPPED, horizontal="center" if centered else None
            )
    for c, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = ws.cell(row=first, column=4)  # headings and unit names stay in view
    ws.auto_filter.ref = f"A{HEAD_ROW + 1}:{get_column_letter(len(HEADERS))}{HEAD_ROW + 1 + len(rows)}"
    print_setup(ws, HEAD_ROW)
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 1}"
    fit_rows(ws, first, widths_of(ws, WRAPPED))
    return ws


def save_atomic(wb: Workbook, path: Path) -> Path:
    """Write next to the target, fsync, then replace: a crash never leaves half a workbook."""
    return write_atomic(path, lambda tmp: wb.save(str(tmp)))


def write_board_xlsx(b: Board, path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    add_board_sheet(wb, b)
    return save_atomic(wb, path)
