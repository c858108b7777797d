"""The multi-year view as an Excel workbook: one sheet of indicator totals by year (with a line
chart of the counts), one of each unit's on-time record by year. Times New Roman, numbers as
numbers, ratios as percentages with one decimal."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dvcq_desktop.reports.xlsx_cells import put
from dvcq_desktop.services.board import STATUS_LABELS
from dvcq_desktop.services.multiyear import MultiYear
from dvcq_desktop.storage.fsutil import replace_with_retry

FONT = "Times New Roman"
_SIDE = Side(style="thin", color="000000")
_BOX = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)


def _header(ws: Worksheet, row: int, titles: list[str]) -> None:
    for c, title in enumerate(titles, start=1):
        cell = put(ws, row, c, title)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.border = _BOX


def _body(ws: Worksheet, row: int, values: list[object], formats: dict[int, str] | None = None) -> None:
    for c, value in enumerate(values, start=1):
        cell = put(ws, row, c, value)  # unit names and indicator labels: never a formula
        cell.font = Font(name=FONT, size=12)
        cell.border = _BOX
        if formats and c in formats:
            cell.number_format = formats[c]


def _indicators(wb: Workbook, m: MultiYear) -> None:
    ws = wb.active
    assert ws is not None
    ws.title = "Chỉ tiêu qua các năm"
    ws["A1"] = "TỔNG HỢP CHỈ TIÊU QUA CÁC KỲ BÁO CÁO"
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    _header(ws, 3, ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", *m.period_labels])
    first = 4
    counts = [r for r in m.indicators if r.kind == "count"]
    for i, r in enumerate([*counts, *(r for r in m.indicators if r.kind == "ratio")]):
        fmt = "0.0" if r.kind == "ratio" else "#,##0"
        cols = {4 + j: fmt for j in range(len(m.period_ids))}
        _body(ws, first + i, [r.indicator_id, r.label, r.unit, *r.values], cols)
    for c, w in enumerate([22, 60, 14] + [12] * len(m.period_ids), start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "D4"
    if counts and m.period_ids:
        chart = LineChart()
        chart.title = "Chỉ tiêu đếm qua các năm (5 chỉ tiêu đầu)"
        chart.y_axis.title = "Số lượng"
        n = min(5, len(counts))
        data = Reference(ws, min_col=3, max_col=3 + len(m.period_ids), min_row=first, max_row=first + n - 1)
        chart.add_data(data, from_rows=True, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=4, max_col=3 + len(m.period_ids), min_row=3, max_row=3))
        ws.add_chart(chart, f"{get_column_letter(5 + len(m.period_ids))}3")


def _units(wb: Workbook, m: MultiYear) -> None:
    ws = wb.create_sheet("Đúng hạn qua các năm")
    ws["A1"] = "TÌNH HÌNH NỘP BÁO CÁO ĐÚNG HẠN QUA CÁC KỲ"
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    _header(ws, 3, ["Mã đơn vị", "Tên đơn vị", *m.period_labels, "Số kỳ đúng hạn", "Số kỳ phải nộp"])
    for i, u in enumerate(m.units):
        cells: list[object] = [u.unit_code, u.unit_name]
        for s, late in zip(u.statuses, u.days_late, strict=True):
            if s is None:
                cells.append("—")
            else:
                cells.append(STATUS_LABELS[s] + (f" ({late} ngày)" if late and s != "missing" else ""))
        _body(ws, 4 + i, [*cells, u.on_time_count, u.expected_count])
    row = 4 + len(m.units)
    _body(
        ws, row, ["", "Tỷ lệ đã nộp (%)", *m.received_rates], {3 + j: "0.0" for j in range(len(m.period_ids))}
    )
    _body(
        ws,
        row + 1,
        ["", "Tỷ lệ đúng hạn (%)", *m.on_time_rates],
        {3 + j: "0.0" for j in range(len(m.period_ids))},
    )
    for c, w in enumerate([16, 40] + [22] * len(m.period_ids) + [14, 14], start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "C4"


def write_multiyear_xlsx(m: MultiYear, path: Path) -> Path:
    wb = Workbook()
    _indicators(wb, m)
    _units(wb, m)
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    try:
        wb.save(str(tmp))
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        replace_with_retry(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
