"""The activity log as a windowed table model: SQLite is read in blocks, never all at once.

A ward with 100,000 rows must open the log in well under a second, so the model only knows the
row count up front; rows are fetched `BLOCK` at a time with LIMIT/OFFSET when the view paints
them, and a few recent blocks are kept (LRU). Sorting and filtering are done in SQL.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from sqlite_utils import Database

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import ACTIVITY_STATUSES
from dvcq_desktop.storage import activities
from dvcq_desktop.storage.activities import ActivityFilter
from dvcq_desktop.text import format_date, format_int

ID_ROLE = Qt.ItemDataRole.UserRole + 1
BLOCK = 200
CACHE_BLOCKS = 8

_Index = QModelIndex | QPersistentModelIndex

# (column key used for SQL sorting, header text); order is the on-screen order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("start_date", "Ngày"),
    ("area_id", "Lĩnh vực"),
    ("type_id", "Loại hoạt động"),
    ("title", "Tên hoạt động"),
    ("location", "Địa điểm"),
    ("participants", "Số người"),
    ("status", "Trạng thái"),
)
COL_DATE, COL_AREA, COL_TYPE, COL_TITLE, COL_LOCATION, COL_PEOPLE, COL_STATUS = range(len(COLUMNS))


def date_span(start: date, end: date | None) -> str:
    """ "17–19/10/2023", "29/09–01/10/2023": a range as short as a Vietnamese reader writes it."""
    if end is None or end == start:
        return format_date(start)
    if start.year != end.year:
        return f"{format_date(start)}–{format_date(end)}"
    if start.month != end.month:
        return f"{start.day:02d}/{start.month:02d}–{format_date(end)}"
    return f"{start.day:02d}–{format_date(end)}"


def fetch_first(
    db: Database, f: ActivityFilter, order_by: str, descending: bool
) -> tuple[int | None, list[dict[str, Any]]]:
    """First block and, when an index can answer at once, the row count; safe to run in a
    worker thread with that thread's own connection. A count of None must be completed by
    `activities.count` (slow for some filters) so the first rows are shown without waiting."""
    first = activities.page(db, f, order_by=order_by, descending=descending, limit=BLOCK)
    if len(first) < BLOCK:
        return len(first), first
    return activities.quick_count(db, f), first


class ActivityTableModel(QAbstractTableModel):
    def __init__(self, db: Database, plan: Plan, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._areas = {a.id: a.short_title for a in plan.areas}
        self._types = {t.id: t.label for t in plan.activity_types}
        self._filter = ActivityFilter()
        self._order_by = "start_date"
        self._descending = True
        self._count = activities.count(db, self._filter)
        self._count_pending = False
        self._blocks: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- state ---------------------------------------------------------------------------
    @property
    def filter(self) -> ActivityFilter:
        return self._filter

    @property
    def order(self) -> tuple[str, bool]:
        return self._order_by, self._descending

    def set_filter(self, f: ActivityFilter) -> None:
        self._filter = f
        self.reload()

    @property
    def count_pending(self) -> bool:
        """True while only the first rows are known and the full count is still being made."""
        return self._count_pending

    def apply_result(
        self, f: ActivityFilter, order: tuple[str, bool], count: int | None, first: list[dict[str, Any]]
    ) -> bool:
        """Install what `fetch_first` computed off-thread; False if the sort changed meanwhile.
        Without a count the table holds the first rows until `apply_count` brings the rest."""
        if order != self.order:
            return False
        self.beginResetModel()
        self._filter = f
        self._count = len(first) if count is None else count
        self._count_pending = count is None
        self._blocks.clear()
        if first:
            self._blocks[0] = first
        self.endResetModel()
        return True

    def apply_count(self, f: ActivityFilter, count: int) -> bool:
        """Complete a pending count; the new rows are appended, so the view keeps its scroll
        position and selection. False when the filter has changed since (a stale count)."""
        if f != self._filter or not self._count_pending:
            return False
        self._count_pending = False
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:  # rows deleted meanwhile: start again from the top
            self.beginResetModel()
            self._count = count
            self._blocks.clear()
            self.endResetModel()
        return True

    def reload(self) -> None:
        """Re-count and drop cached rows (after a filter change, a save, a delete)."""
        self.beginResetModel()
        self._blocks.clear()
        self._count = activities.count(self._db, self._filter)
        self._count_pending = False
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self._order_by = COLUMNS[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._blocks.clear()
        self.layoutChanged.emit()

    # ---- rows ----------------------------------------------------------------------------
    def row_dict(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < self._count:
            return None
        block_no, offset = divmod(row, BLOCK)
        block = self._blocks.get(block_no)
        if block is None:
            block = activities.page(
                self._db,
                self._filter,
                order_by=self._order_by,
                descending=self._descending,
                limit=BLOCK,
                offset=block_no * BLOCK,
            )
            self._blocks[block_no] = block
            while len(self._blocks) > CACHE_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block_no)
        # The table can shrink under us (another window deleted rows): a short block is not an error.
        return block[offset] if offset < len(block) else None

    def activity_id(self, row: int) -> str | None:
        r = self.row_dict(row)
        return str(r["id"]) if r else None

    # ---- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][1]) if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.row_dict(index.row())
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == ID_ROLE:
            return r["id"]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_PEOPLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_TITLE, COL_TYPE, COL_LOCATION):
            return self._display(r, col)
        if role == Qt.ItemDataRole.FontRole and col == COL_TITLE and r["notable"]:
            return self._bold  # "hoạt động nổi bật" stand out without another column
        return None

    def _display(self, r: dict[str, Any], col: int) -> str:
        if col == COL_DATE:
            start = date.fromisoformat(r["start_date"])
            end = date.fromisoformat(r["end_date"]) if r["end_date"] else None
            return date_span(start, end)
        if col == COL_AREA:
            return self._areas.get(r["area_id"], r["area_id"])
        if col == COL_TYPE:
            return self._types.get(r["type_id"], r["type_id"])
        if col == COL_TITLE:
            return str(r["title"])
        if col == COL_LOCATION:
            return str(r["location"])
        if col == COL_PEOPLE:
            return "" if r["participants"] is None else format_int(int(r["participants"]))
        if col == COL_STATUS:
            return ACTIVITY_STATUSES.get(r["status"], r["status"])
        return ""
