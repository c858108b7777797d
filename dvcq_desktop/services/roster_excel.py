"""The period's roster (units expected to report) to and from Excel.

The office exports the list fixed for a period, marks units in or out with a reason in Excel, and
imports it back. Reading checks the whole sheet first (every code in the catalogue and valid on the
period's last day, no code twice, “có/không” in the column, a reason for every unit left out and
for every change, no unit of the list silently dropped) and returns the changes; nothing is stored
until the office applies them, all in one transaction, each change audited with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dvcq_desktop.domain.catalog import LEVELS
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services import roster as roster_service
from dvcq_desktop.services.intake import require_aggregator
from dvcq_desktop.services.sheet_read import Col, open_book, read_sheet, yes_no
from dvcq_desktop.services.sheet_write import help_sheet, new_book, table_sheet
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_date

SHEET = "Danh sách đơn vị"
HELP = "Hướng dẫn"
COLUMNS = (
    Col("code", "Mã đơn vị", 18),
    Col("name", "Tên đơn vị", 40, required=False),
    Col("level", "Cấp", 24, required=False),
    Col("included", "Phải báo cáo (có/không)", 16),
    Col("reason", "Lý do đưa vào/đưa ra", 48, multiline=True),
)
_BY_KEY = {c.key: c for c in COLUMNS}


@dataclass(frozen=True)
class RosterChange:
    code: str
    name: str
    before: bool | None  # None: the unit was not on the period's list
    after: bool
    reason: str


@dataclass(frozen=True)
class RosterImport:
    period_id: str
    path: Path
    changes: tuple[RosterChange, ...]
    unchanged: int


def write_roster_xlsx(ws: Workspace, period_id: str, path: Path) -> Path:
    cat = ws.catalog
    rows = []
    for e in roster_service.roster(ws, period_id):
        level = cat.unit(e.unit_code).level if cat.has_unit(e.unit_code) else ""
        rows.append(
            {
                "code": e.unit_code,
                "name": e.unit_name,
                "level": LEVELS.get(level, level),
                "included": "có" if e.included else "không",
                "reason": e.reason,
            }
        )
    period = ws.plan_for(period_id).period(period_id)
    wb = new_book()
    table_sheet(wb, SHEET, COLUMNS, rows, yes_no=("included",))
    help_sheet(
        wb,
        HELP,
        f"Danh sách đơn vị phải báo cáo — {period.label}",
        [
            f"Danh sách lấy theo danh mục đơn vị còn hiệu lực ngày {format_date(period.end)}.",
            "Cột “Phải báo cáo”: ghi “có” hoặc “không”. Đơn vị ghi “không” phải có lý do.",
            "Đổi “có” thành “không” (hoặc ngược lại) phải ghi lý do ở cột “Lý do đưa vào/đưa ra”.",
            "Muốn thêm đơn vị: thêm một dòng với mã đơn vị trong danh mục, ghi “có” và lý do.",
            "Không xóa dòng: muốn đưa đơn vị ra thì ghi “không” kèm lý do.",
            "Cột “Tên đơn vị” và “Cấp” chỉ để xem; tên lấy theo danh mục.",
            "Khi nhập lại, chương trình cho xem các thay đổi trước khi áp dụng; tệp có lỗi thì không thay đổi gì.",
        ],
    )
    wb.save(str(path))
    return Path(path)


def read_roster_xlsx(ws: Workspace, period_id: str, path: Path) -> RosterImport:
    """The changes the file asks for, or `sheet_row`/`roster_excel_missing` naming the fault."""
    path = Path(path)
    current = {e.unit_code: e for e in roster_service.roster(ws, period_id)}
    end = ws.plan_for(period_id).period(period_id).end
    book = open_book(path)
    try:
        sheet = read_sheet(book, path, SHEET, COLUMNS)
    finally:
        book.close()
    cat = ws.catalog
    seen: dict[str, int] = {}
    changes: list[RosterChange] = []
    unchanged = 0
    for row in sheet.rows:
        code, reason = row.cells["code"], row.cells["reason"]
        if not code:
            raise sheet.fail(row.number, "chưa ghi mã đơn vị")
        if code in seen:
            raise sheet.fail(row.number, f"mã đơn vị “{code}” trùng với dòng {seen[code]}")
        seen[code] = row.number
        if not cat.has_unit(code):
            raise sheet.fail(row.number, f"mã đơn vị “{code}” không có trong danh mục đơn vị")
        unit = cat.unit(code)
        after = yes_no(sheet, row, _BY_KEY["included"])
        old = current.get(code)
        before = None if old is None else old.included
        if not after and not reason:
            raise sheet.fail(row.number, f"đơn vị “{code}” không phải báo cáo nhưng chưa ghi lý do")
        if before != after and not reason:
            raise sheet.fail(row.number, f"đơn vị “{code}” được đưa vào danh sách nhưng chưa ghi lý do")
        if old is None and after and not unit.active_on(end):
            raise sheet.fail(
                row.number, f"đơn vị “{code}” không còn hiệu lực ngày {format_date(end)} (cuối kỳ số liệu)"
            )
        if before == after and (not reason or reason == (old.reason if old else "")):
            unchanged += 1
            continue
        changes.append(RosterChange(code, unit.name, before, after, reason))
    for code, e in current.items():
        if code not in seen:
            raise DvcqError(
                "roster_excel_missing", path=path.name, unit_code=code, unit=e.unit_name, period=period_id
            )
    return RosterImport(period_id, path, tuple(changes), unchanged)


def apply_roster_import(ws: Workspace, imp: RosterImport) -> int:
    """Store every change in one transaction (all or nothing); each is audited with its reason."""
    require_aggregator(ws)
    with ws.db.atomic():
        for c in imp.changes:
            roster_service.set_included(ws, c.code, c.after, c.reason, imp.period_id)
    return len(imp.changes)
