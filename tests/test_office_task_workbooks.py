"""The office's workbooks count each unit's own plan: the board workbook and the consolidated
workbook carry, per unit, its tasks and how many are done, in progress, not started and dropped,
and the consolidated workbook counts them by area. Read back with openpyxl from real packages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from support.ws_helpers import new_unit_ws

from dvcq_desktop.domain.tasks import Task
from dvcq_desktop.services.board import board, board_to_xlsx
from dvcq_desktop.services.consolidate import consolidated_report
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.intake import import_packages
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import tasks as repo
from dvcq_desktop.storage.workspace import Workspace

AREAS = ("A1", "A2", "A3", "A4", "A5", "A6")
# Each unit's tasks as (area, status) — set by hand, so each travels with exactly this status.
PLANS: dict[str, list[tuple[str, str]]] = {
    "TPTN-P1": [("A1", "done"), ("A1", "done"), ("A2", "doing"), ("A3", "todo"), ("A4", "dropped")],
    "TPTN-P3": [("A2", "doing"), ("A2", "todo"), ("A6", "todo"), ("A6", "done")],
    "TPTN-P2": [],  # reports without a plan of its own
}
COLUMNS = ("Số nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Không thực hiện")


def _expected(tasks: list[tuple[str, str]]) -> tuple[int, int, int, int, int]:
    c = Counter(status for _area, status in tasks)
    return (len(tasks), c["done"], c["doing"], c["todo"], c["dropped"])


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office workspace that imported the three units' packages (others have not reported)."""
    root = tmp_path_factory.mktemp("office")
    usb = root / "usb"
    usb.mkdir()
    for code, tasks in PLANS.items():
        with new_unit_ws(root / code, code) as ws:
            for i, (area, status) in enumerate(tasks):
                reason = "Thiếu kinh phí" if status == "dropped" else ""
                t = Task(
                    id=repo.new_id(),
                    area_id=area,
                    title=f"Nhiệm vụ {i + 1} của {code}",
                    status=status,
                    manual=True,
                    reason=reason,
                )
                repo.save(ws.db, ws.plan.id, ws.period.id, t)
            export_package(ws, usb)
    with init_workspace(root / "agg", role="aggregator", unit_code="TPTN") as agg:
        import_packages(agg, [usb])
    return root / "agg"


def _task_columns(sheet: Worksheet) -> tuple[int, dict[str, int]]:
    """(first data row, column heading → column index) of the board sheet."""
    for row in sheet.iter_rows(min_row=1, max_row=10):
        heads = {str(c.value): c.column for c in row if c.value is not None}
        if "Số nhiệm vụ" in heads:
            return row[0].row + 1, heads
    raise AssertionError("no task headings on the board sheet")


def _per_unit(sheet: Worksheet) -> dict[str, tuple[object, ...]]:
    first, heads = _task_columns(sheet)
    code_col = next(c.column for r in sheet.iter_rows(max_row=first) for c in r if c.value == "Mã đơn vị")
    out = {}
    for r in range(first, sheet.max_row + 1):
        code = sheet.cell(row=r, column=code_col).value
        if code:
            out[str(code)] = tuple(sheet.cell(row=r, column=heads[h]).value for h in COLUMNS)
    return out


def _check_board_sheet(sheet: Worksheet, ws: Workspace) -> None:
    got = _per_unit(sheet)
    for code, tasks in PLANS.items():
        assert got[code] == (_expected(tasks) if tasks else (None,) * 5), code
    roster = {r.unit_code for r in board(ws).rows}
    assert set(got) == roster  # every unit on the roster has its row, reported or not
    for code in roster - set(PLANS):
        assert got[code] == (None,) * 5  # has not reported: nothing to count
    # the group heading stands over the five counts, the sheet prints on one page width
    _first, heads = _task_columns(sheet)
    group = sheet.cell(row=_first - 2, column=heads["Số nhiệm vụ"]).value
    assert group == "Nhiệm vụ trong kế hoạch của đơn vị"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${_first - 2}:${_first - 1}"


def test_board_workbook_counts_each_units_tasks(office: Path, tmp_path: Path) -> None:
    with Workspace.open(office, auto_backup=False) as ws:
        out = board_to_xlsx(board(ws), tmp_path / "tinh-hinh.xlsx")
        sheet = load_workbook(out).worksheets[0]
        _check_board_sheet(sheet, ws)


def test_consolidated_workbook_counts_tasks_per_unit_and_by_area(office: Path, tmp_path: Path) -> None:
    with Workspace.open(office, auto_backup=False) as ws:
        _docx, xlsx = consolidated_report(ws, tmp_path / "tong-hop.docx", tmp_path / "tong-hop.xlsx")
        assert xlsx is not None
        wb = load_workbook(xlsx)
        _check_board_sheet(wb["Tình hình nộp"], ws)
        numbers = {a.id: a.number for a in ws.plan.areas}
    sheet = wb["Nhiệm vụ theo nội dung"]
    assert "2 đơn vị gửi kế hoạch" in str(sheet["A1"].value)
    heads = [c.value for c in sheet[3]]
    assert heads[2:] == ["Số nhiệm vụ", "Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Không thực hiện"]
    rows = {r[0]: r[2:] for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] is not None}
    every = [t for tasks in PLANS.values() for t in tasks]
    for area in AREAS:
        mine = [t for t in every if t[0] == area]
        c = Counter(s for _a, s in mine)
        assert rows[numbers[area]] == (len(mine), c["todo"], c["doing"], c["done"], c["dropped"]), area
    total = next(r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] == "Tổng cộng")
    c = Counter(s for _a, s in every)
    assert total[2:] == (len(every), c["todo"], c["doing"], c["done"], c["dropped"])
