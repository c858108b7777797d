"""The unit's tasks as a workbook: one row per task with its area, lead, time, output, status and
linked activities — the KẾ HOẠCH's annex in a form the officer can sort, filter and print."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import Submission
from dvcq_desktop.domain.tasks import Task, UnitPlanMeta
from dvcq_desktop.reports.build_unit_plan import number_symbol
from dvcq_desktop.reports.wording import lower_first, self_first
from dvcq_desktop.reports.xlsx_cells import put
from dvcq_desktop.reports.xlsx_print import DATE_FMT, fit_rows, print_setup, widths_of
from dvcq_desktop.storage.fsutil import write_atomic
from dvcq_desktop.text import upper_vi

FONT = "Times New Roman"
HEADER_ROW = 4
COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 6),
    ("Nội dung", 9),
    ("Nhiệm vụ", 38),
    ("Nội dung thực hiện", 40),
    ("Chủ trì", 20),
    ("Phối hợp", 22),
    ("Thời gian", 16),
    ("Từ ngày", 12),
    ("Đến ngày", 12),
    ("Sản phẩm", 24),
    ("Tình trạng", 16),
    ("Lý do", 24),
    ("Hoạt động liên quan", 11),
    ("Quá hạn", 9),
)
# Printed and shown: the rest; these are grouped and folded (one click opens them): the content
# is long, and the dates are in "Thời gian" already (1-based columns).
FOLDED_COLUMNS = (4, 8, 9)
_thin = Side(style="thin", color="000000")
_BOX = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_SPAN = Alignment(horizontal="centerContinuous", vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)


def render_tasks_xlsx(
    sub: Submission,
    plan: Plan,
    meta: UnitPlanMeta,
    out_path: str | os.PathLike[str],
    today: date,
) -> Path:
    out = Path(out_path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Nhiệm vụ"
    n = len(COLUMNS)
    for i, (_, w) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for col in FOLDED_COLUMNS:
        dim = ws.column_dimensions[get_column_letter(col)]
        dim.outlineLevel = 1
        dim.hidden = True
    year = sub.period.end.year
    title = upper_vi(
        f"Danh mục nhiệm vụ thực hiện công tác dân vận chính quyền {lower_first(sub.period.label)}"
    )
    kem = f"(Kèm theo Kế hoạch số {number_symbol(meta)} của {self_first(sub)})"
    for r, (text, font) in enumerate(
        (
            ("Phụ lục", Font(name=FONT, size=14, bold=True)),
            (title, Font(name=FONT, size=14, bold=True)),
            (kem, Font(name=FONT, size=13, italic=True)),
        ),
        1,
    ):
        for c in range(1, n + 1):
            cell = ws.cell(r, c, text if c == 1 else None)
            cell.font, cell.alignment = font, _SPAN
    for c, (name, _) in enumerate(COLUMNS, 1):
        cell = ws.cell(HEADER_ROW, c, name)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
    numbers = {a.id: a.number for a in plan.areas}
    tasks: list[Task] = sorted(sub.tasks, key=lambda t: (numbers.get(t.area_id, 99), t.position))
    body = Font(name=FONT, size=12)
    for i, t in enumerate(tasks, 1):
        values = (
            i,
            numbers.get(t.area_id, ""),
            t.title,
            t.content,
            t.lead,
            t.partners,
            t.time_text(),
            t.date_from,
            t.date_to,
            t.output,
            t.status_label,
            t.reason,
            t.linked,
            "Quá hạn" if t.overdue(today, year) else "",
        )
        row = HEADER_ROW + i
        for c, v in enumerate(values, 1):
            cell = put(ws, row, c, v)  # the officer's text as typed, never a live formula
            cell.font, cell.border = body, _BOX
            cell.alignment = _CENTER if c in (1, 2, 8, 9, 13, 14) else _WRAP
            if c in (8, 9):
                cell.number_format = DATE_FMT
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(n)}{HEADER_ROW + max(len(tasks), 1)}"
    print_setup(ws, HEADER_ROW)
    # rows as tall as their visible text: a folded column's long content would leave gaps
    fit_rows(ws, HEADER_ROW, widths_of(ws, [c for c in range(1, n + 1) if c not in FOLDED_COLUMNS]))
    write_atomic(out, lambda tmp: wb.save(str(tmp)))
    return out
