"""The consolidation workbook: totals, unit × indicator, the board, "Dân vận khéo" models.

Numbers are real numbers (counts as integers, ratios as fractions formatted "0.0%"), so the office
can keep computing in Excel; every cell is Times New Roman like the report.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.tasks import STATUS_ORDER, TASK_STATUSES
from dvcq_desktop.reports.board_xlsx import BOX, FONT, add_board_sheet, save_atomic, style_header
from dvcq_desktop.reports.consolidated_tasks import TaskTally
from dvcq_desktop.reports.office_records import Board, Consolidation
from dvcq_desktop.reports.xlsx_cells import guard, put
from dvcq_desktop.reports.xlsx_print import COUNT_FMT, LINE_PT, PERCENT_FMT, fit_rows, print_setup, widths_of

_STYLES: WeakKeyDictionary[Workbook, dict[tuple[str | None, bool], StyleArray]] = WeakKeyDictionary()


def _put(ws: Worksheet, row: int, col: int, value: object, *, pct: bool = False, wrap: bool = False) -> None:
    if pct and isinstance(value, float):
        value = value / 100
    cell = put(ws, row, col, value)
    number = PERCENT_FMT if pct else (COUNT_FMT if isinstance(value, int) else None)
    # openpyxl hashes every Font/Border/Alignment assigned to a cell (~0.5 ms each, most of the
    # workbook's time at 10,000 cells): style one cell per combination the normal way, then give
    # the others a copy of its style ids — the same entries in styles.xml either way.
    styles = _STYLES.setdefault(ws.parent, {})
    key = (number, wrap)
    cached = styles.get(key)
    if cached is not None:
        cell._style = copy(cached)
        guard(cell)  # the copied style replaced the quote prefix
        return
    cell.font = Font(name=FONT, size=12)
    cell.border = BOX
    if number is not None:
        cell.number_format = number
    cell.alignment = Alignment(vertical="top", wrap_text=wrap)
    styles[key] = copy(cell._style)
    guard(cell)


def _title(ws: Worksheet, text: str) -> None:
    put(ws, 1, 1, text)
    ws["A1"].font = Font(name=FONT, size=14, bold=True)


def _ordered(plan: Plan) -> list[tuple[int, str, str, str, str]]:
    """(area number, indicator id, label, unit, kind) in plan order."""
    return [
        (a.number, i.id, i.label, i.unit, i.kind)
        for a in sorted(plan.areas, key=lambda a: a.number)
        for i in plan.indicators_of(a.id)
    ]


def add_totals_sheet(wb: Workbook, plan: Plan, cons: Consolidation) -> Worksheet:
    ws = wb.create_sheet("Tổng hợp")
    _title(ws, f"TỔNG HỢP KẾT QUẢ CÁC CHỈ TIÊU ({len(cons.units)} đơn vị)")
    heads = ("STT", "Nội dung", "Chỉ tiêu", "Đơn vị tính", "Tổng cộng", "Số đơn vị có số liệu")
    for c, h in enumerate(heads, 1):
        put(ws, 3, c, h)
    style_header(ws, 3, len(heads))
    for k, (area, ind_id, label, unit, kind) in enumerate(_ordered(plan), 1):
        r = 3 + k
        ratio = kind == "ratio"
        value = cons.ratios.get(ind_id) if ratio else cons.totals.get(ind_id)
        reporting = sum(1 for v in cons.per_unit.values() if v.get(ind_id) is not None) if not ratio else None
        for c, v in enumerate((k, area, label, unit), 1):
            _put(ws, r, c, v, wrap=c == 3)
        _put(ws, r, 5, value, pct=ratio)
        _put(ws, r, 6, reporting)
    for c, w in enumerate((6, 9, 60, 14, 14, 14), 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A4"
    return ws


def add_unit_sheet(wb: Workbook, plan: Plan, cons: Consolidation) -> Worksheet:
    ws = wb.create_sheet("Theo đơn vị")
    _title(ws, "SỐ LIỆU THEO ĐƠN VỊ")
    heads = ["STT", "Chỉ tiêu", "Đơn vị tính", *(n for _c, n in cons.units), "Tổng cộng"]
    for c, h in enumerate(heads, 1):
        put(ws, 3, c, h)
    style_header(ws, 3, len(heads))
    for k, (_area, ind_id, label, unit, kind) in enumerate(_ordered(plan), 1):
        r = 3 + k
        ratio = kind == "ratio"
        _put(ws, r, 1, k)
        _put(ws, r, 2, label, wrap=True)
        _put(ws, r, 3, unit)
        for j, (code, _n) in enumerate(cons.units):
            v = cons.per_unit_ratios[code].get(ind_id) if ratio else cons.per_unit[code].get(ind_id)
            _put(ws, r, 4 + j, v, pct=ratio)
        _put(
            ws,
            r,
            4 + len(cons.units),
            cons.ratios.get(ind_id) if ratio else cons.totals.get(ind_id),
            pct=ratio,
        )
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 12
    for j in range(len(cons.units) + 1):
        ws.column_dimensions[get_column_letter(4 + j)].width = 13
    ws.freeze_panes = "D4"  # labels and header stay visible while scrolling across units
    return ws


def add_models_sheet(wb: Workbook, cons: Consolidation) -> Worksheet:
    ws = wb.create_sheet("Dân vận khéo")
    _title(ws, "MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” CỦA CÁC ĐƠN VỊ")
    heads = ("STT", "Đơn vị", "Mô hình, điển hình", "Ngày", "Số người tham gia")
    for c, head in enumerate(heads, 1):
        put(ws, 3, c, head)
    style_header(ws, 3, len(heads))
    for k, h in enumerate(cons.dan_van_kheo, 1):
        for c, v in enumerate((k, h.unit_name, h.title, h.start_date, h.participants), 1):
            _put(ws, 3 + k, c, v, wrap=c == 3)
        ws.cell(row=3 + k, column=4).number_format = "dd/mm/yyyy"
    for c, w in enumerate((6, 28, 60, 12, 14), 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A4"
    return ws


def add_tasks_sheet(wb: Workbook, plan: Plan, tally: TaskTally) -> Worksheet:
    """The units' own plans by area of the city's plan: the consolidated report's table 4 of
    Phụ lục I, as numbers (each unit's counts are on the board sheet)."""
    ws = wb.create_sheet("Nhiệm vụ theo nội dung")
    _title(ws, f"NHIỆM VỤ TRONG KẾ HOẠCH CỦA CÁC ĐƠN VỊ, THEO NỘI DUNG ({tally.units} đơn vị gửi kế hoạch)")
    heads = ("STT", "Nội dung", "Số nhiệm vụ", *(TASK_STATUSES[k] for k in STATUS_ORDER))
    for c, h in enumerate(heads, 1):
        put(ws, 3, c, h)
    style_header(ws, 3, len(heads))
    areas = sorted(plan.areas, key=lambda a: a.number)
    for k, a in enumerate(areas, 1):
        by_status = tally.by_area.get(a.id, {})
        values = (
            a.number,
            a.short_title,
            sum(by_status.values()),
            *(by_status.get(s, 0) for s in STATUS_ORDER),
        )
        for c, v in enumerate(values, 1):
            _put(ws, 3 + k, c, v, wrap=c == 2)
    total_row = 4 + len(areas)
    for c, v in enumerate((None, "Tổng cộng", tally.total(), *(tally.total(s) for s in STATUS_ORDER)), 1):
        _put(ws, total_row, c, v, wrap=c == 2)
        ws.cell(row=total_row, column=c).font = Font(name=FONT, size=12, bold=True)
    for row in ws.iter_rows(min_row=4, max_row=total_row):
        for cell in row:
            if cell.column != 2:  # counts and STT centred, as in the Word report's table
                cell.alignment = Alignment(horizontal="center", vertical="top")
    for c, w in enumerate((6, 44, 12, 12, 12, 12, 12), 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.row_dimensions[3].height = 2 * LINE_PT + 2  # "Không thực hiện" wraps in its heading
    ws.freeze_panes = "A4"
    return ws


def write_consolidated_xlsx(
    plan: Plan, cons: Consolidation, b: Board, path: Path, tasks: TaskTally | None = None
) -> Path:
    """`tasks`: the units' own plans counted by area (services.consolidate); the sheet is left out
    when no unit sent one."""
    wb = Workbook()
    wb.remove(wb.active)
    totals = add_totals_sheet(wb, plan, cons)
    units = add_unit_sheet(wb, plan, cons)
    add_board_sheet(wb, b)  # prints on one page width, task counts per unit included
    if tasks is not None and tasks.total():
        by_area = add_tasks_sheet(wb, plan, tasks)
        print_setup(by_area, 3, landscape=False)
        fit_rows(by_area, 4, widths_of(by_area, (2,)))
    models = add_models_sheet(wb, cons)
    # every sheet prints on A4: header row repeated, rows as tall as their wrapped text; the
    # unit × indicator sheet spreads over pages across with its label columns on each one
    print_setup(totals, 3, landscape=False)
    print_setup(units, 3, pages_wide=max(1, -(-len(cons.units) // 8)), title_cols="A:C")
    print_setup(models, 3, landscape=False)
    for ws, first, wrapped in (
        (totals, 4, (3,)),
        (units, 3, (2, 3)),
        (models, 4, (3,)),
    ):
        fit_rows(ws, first, widths_of(ws, wrapped))
    units.row_dimensions[3].height = 48  # unit names wrap in their header cells
    return save_atomic(wb, path)
