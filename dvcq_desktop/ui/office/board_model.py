"""The Tình hình nộp table: board rows as a Qt model, and a proxy that filters and sorts them the
Vietnamese way (Phường 2 before Phường 10, Đ after D) through a sort role of collation keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from dvcq_desktop.services.board import BoardRow
from dvcq_desktop.text import fold, format_datetime
from dvcq_desktop.text.sortkey import sort_key_text
from dvcq_desktop.ui.office.agg_common import STATUS_COLORS

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
COL_CODE, COL_NAME, COL_STATUS, COL_REVISION, COL_FINALIZED, COL_RECEIVED, COL_NOTE, COL_TASKS = range(8)
HEADERS = (
    "Mã",
    "Đơn vị",
    "Tình trạng",
    "Lần gửi",
    "Hoàn thành lúc\n(đơn vị ghi)",
    "Nhận lúc\n(cơ quan ghi)",
    "Ghi chú",
    "Nhiệm vụ của đơn vị\n(hoàn thành/tổng)",
)
_STATUS_ORDER = {"missing": 0, "late": 1, "revised": 2, "on_time": 3}
Index = QModelIndex | QPersistentModelIndex


def note(r: BoardRow) -> str:
    parts = [r.timeliness_note] if r.timeliness_note else []
    if r.flagged:
        parts.append(f"{r.flagged} bản cũ hơn đến sau")
    if r.signed is False:  # accepted while the period takes unsigned packages: say so where it is seen
        parts.append("gói chưa ký")
    return "; ".join(parts)


class BoardModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BoardRow] = []

    def set_rows(self, rows: list[BoardRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._text(r, col) or None
        if role == SORT_ROLE:
            return self._sort(r, col)
        if role == ROW_ROLE:
            return r
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and col == COL_STATUS:
            bg, fg = STATUS_COLORS[r.status]
            return QBrush(QColor(bg if role == Qt.ItemDataRole.BackgroundRole else fg))
        if role == Qt.ItemDataRole.FontRole and col == COL_STATUS:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_REVISION, COL_TASKS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(r: BoardRow, col: int) -> str:
        if col == COL_CODE:
            return r.unit_code
        if col == COL_NAME:
            return r.unit_name
        if col == COL_STATUS:
            return r.label
        if col == COL_REVISION:
            return "" if r.revision is None else str(r.revision)
        if col == COL_FINALIZED:
            return format_datetime(r.finalized_at) if r.finalized_at else ""
        if col == COL_RECEIVED:
            return format_datetime(r.received_at) if r.received_at else ""
        if col == COL_TASKS:
            return f"{r.tasks_done}/{r.tasks_total}" if r.tasks_total else ""
        return note(r)

    @staticmethod
    def _sort(r: BoardRow, col: int) -> str:
        """Strings compare the same way everywhere; numbers are zero-padded into them."""
        name = sort_key_text(r.unit_name)
        if col == COL_CODE:
            return r.unit_code
        if col == COL_STATUS:
            return f"{_STATUS_ORDER[r.status]}{r.days_late:05d}{name}"
        if col == COL_REVISION:
            return f"{r.revision or 0:05d}{name}"
        if col == COL_FINALIZED:
            return (r.finalized_at.isoformat() if r.finalized_at else "~") + name
        if col == COL_RECEIVED:
            return (r.received_at.isoformat() if r.received_at else "~") + name
        if col == COL_NOTE:
            return note(r) + name
        if col == COL_TASKS:
            share = r.tasks_done / r.tasks_total if r.tasks_total else -1.0
            return f"{share + 1:08.5f}{name}"
        return name


# The units each card counts, exactly as services.board counts them ("Đúng hạn" and "Trễ hạn" go
# by the first revision received, so a revised report is counted by when it first came).
CARD_MATCH: dict[str, Callable[[BoardRow], bool] | None] = {
    "expected": None,
    "received": lambda r: r.status != "missing",
    "on_time": lambda r: r.on_time is True,
    "late": lambda r: r.on_time is False,
    "missing": lambda r: r.status == "missing",
}


class BoardProxy(QSortFilterProxyModel):
    """Status filter and accent-insensitive search over name and code."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.statuses: set[str] = set()
        self.query = ""
        self.row_test: Callable[[BoardRow], bool] | None = None  # a card's own test of its units
        self.setSortRole(SORT_ROLE)

    def set_filter(
        self, statuses: set[str], query: str, row_test: Callable[[BoardRow], bool] | None = None
    ) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self.statuses, self.query, self.row_test = set(statuses), fold(query.strip()), row_test
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.statuses, self.query, self.row_test = set(statuses), fold(query.strip()), row_test
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, BoardModel)
        r = model.rows[source_row]
        if self.statuses and r.status not in self.statuses:
            return False
        if self.row_test is not None and not self.row_test(r):
            return False
        return not self.query or self.query in fold(r.unit_name) or self.query in fold(r.unit_code)
