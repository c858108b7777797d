"""The tree of the unit's plan: an area row (with its progress) above each area's tasks.

Two levels only, so an index's internal id says where it is: 0 for an area row, area row + 1 for
a task row. Edits go through `save` (the page writes them to storage and hands back the stored
task); a refused edit (`DvcqError`) leaves the row as it was and is reported by `edit_failed`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from dvcq_desktop.domain.plan import Area
from dvcq_desktop.domain.tasks import TASK_STATUSES, Task, parse_timeframe
from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.text import format_percent

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm", "Tình trạng", "Lý do")
FIELDS = ("title", "lead", "partners", "timeframe", "output", "status", "reason")
COL_STATUS = FIELDS.index("status")
AUTO = "auto"  # the status follows the linked activities
STATUS_CHOICES: tuple[tuple[str, str], ...] = (
    (AUTO, "Theo hoạt động"),
    *TASK_STATUSES.items(),
)
TASK_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOR = "#b00020"


@dataclass(frozen=True)
class TaskFilter:
    area_id: str = ""
    status: str = ""  # effective status key
    lead: str = ""
    overdue_only: bool = False

    def accepts(self, t: Task, today: date, year: int) -> bool:
        return (
            (not self.area_id or t.area_id == self.area_id)
            and (not self.status or t.effective == self.status)
            and (not self.lead or " ".join(t.lead.split()) == self.lead)
            and (not self.overdue_only or t.overdue(today, year))
        )


class TaskTreeModel(QAbstractItemModel):
    edit_failed = Signal(str)

    def __init__(self, areas: tuple[Area, ...], save: Callable[[Task], Task], year: int, today: date) -> None:
        super().__init__()
        self.areas = tuple(sorted(areas, key=lambda a: a.number))
        self.save = save
        self.year = year
        self.today = today
        self.all: list[Task] = []
        self.filter = TaskFilter()
        self.groups: list[list[Task]] = [[] for _ in self.areas]

    # ---- content ----------------------------------------------------------------------------
    def set_tasks(self, tasks: list[Task], today: date | None = None) -> None:
        self.beginResetModel()
        self.all = list(tasks)
        if today is not None:
            self.today = today
        self._regroup()
        self.endResetModel()

    def set_filter(self, f: TaskFilter) -> None:
        self.beginResetModel()
        self.filter = f
        self._regroup()
        self.endResetModel()

    def _regroup(self) -> None:
        index = {a.id: i for i, a in enumerate(self.areas)}
        self.groups = [[] for _ in self.areas]
        for t in self.all:
            i = index.get(t.area_id)
            if i is not None and self.filter.accepts(t, self.today, self.year):
                self.groups[i].append(t)

    def task(self, index: Index) -> Task | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][index.row()]

    def area_index(self, area_id: str) -> QModelIndex:
        for i, a in enumerate(self.areas):
            if a.id == area_id:
                return self.index(i, 0)
        return QModelIndex()

    def index_of(self, task_id: str) -> QModelIndex:
        for gi, g in enumerate(self.groups):
            for r, t in enumerate(g):
                if t.id == task_id:
                    return self.createIndex(r, 0, gi + 1)
        return QModelIndex()

    def progress_text(self, gi: int) -> str:
        """ "3/5 hoàn thành (60%)" over the area's tasks, whatever the filter shows."""
        mine = [t for t in self.all if t.area_id == self.areas[gi].id]
        counted = [t for t in mine if t.effective != "dropped"]
        done = sum(t.effective == "done" for t in counted)
        if not mine:
            return "chưa có nhiệm vụ"
        pct = 100.0 * done / len(counted) if counted else 0.0
        return f"{done}/{len(counted)} hoàn thành ({format_percent(pct).replace(',0%', '%')})"

    # ---- QAbstractItemModel -------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not parent.isValid():
            if 0 <= row < len(self.areas) and 0 <= column < len(COLUMNS):
                return self.createIndex(row, column, 0)
            return QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        g = self.groups[parent.row()]
        if 0 <= row < len(g) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.areas)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.groups[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.internalId() != 0:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._area_data(index.row(), index.column(), role)
        t = self.task(index)
        assert t is not None
        col = index.column()
        if role == TASK_ROLE:
            return t.id
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_STATUS:
            how = "đặt bằng tay" if t.manual else f"theo các hoạt động đã gắn ({t.linked})"
            return f"{t.status_label} — {how}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(t, col)
        if role == Qt.ItemDataRole.EditRole:
            if col == COL_STATUS:
                return t.status if t.manual else AUTO
            if FIELDS[col] == "timeframe":
                return t.time_text()
            return getattr(t, FIELDS[col])
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col in (3, COL_STATUS)
            and t.overdue(self.today, self.year)
        ):
            return QBrush(QColor(OVERDUE_COLOR))
        return None

    def _display(self, t: Task, col: int) -> str:
        name = FIELDS[col]
        if name == "timeframe":
            text = t.time_text()
            return f"{text} (quá hạn)" if t.overdue(self.today, self.year) else text
        if name == "status":
            # following the activities: how many answer it, in a few words (the column is narrow)
            label = t.status_label
            if t.manual or t.effective == "dropped" or not t.linked:
                return label
            return f"{label} ({t.linked} hoạt động)"
        return str(getattr(t, name))

    def _area_data(self, row: int, col: int, role: int) -> Any:
        a = self.areas[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{a.number}. {a.short_title}"
            if col == COL_STATUS:
                return self.progress_text(row)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return a.title
        if role == Qt.ItemDataRole.FontRole:
            f = QFont()
            f.setBold(True)
            return f
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        t = self.task(index)
        if t is None or role != Qt.ItemDataRole.EditRole:
            return False
        name = FIELDS[index.column()]
        text = str(value or "")
        if name == "status":
            new = (
                replace(t, manual=False, status="todo")
                if text == AUTO
                else replace(t, status=text, manual=True)
            )
        elif name == "timeframe":
            words, d_from, d_to = parse_timeframe(text)
            new = replace(t, timeframe=words, date_from=d_from, date_to=d_to)
        else:
            changes: dict[str, Any] = {name: text}
            new = replace(t, **changes)
        if new == t:
            return False
        try:
            stored = self.save(new)
        except DvcqError as exc:
            self.edit_failed.emit(user_message(exc))
            return False
        self._replace(stored)
        gi = index.internalId() - 1
        self.dataChanged.emit(
            self.index(index.row(), 0, index.parent()),
            self.index(index.row(), len(COLUMNS) - 1, index.parent()),
        )
        area = self.index(gi, COL_STATUS)
        self.dataChanged.emit(area, area)
        return True

    def _replace(self, stored: Task) -> None:
        self.all = [stored if x.id == stored.id else x for x in self.all]
        for g in self.groups:
            for i, x in enumerate(g):
                if x.id == stored.id:
                    g[i] = stored
