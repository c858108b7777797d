"""The unit × indicator table of the Tổng hợp page: one row per reporting unit plus a total row,
one column per indicator of the chosen area (ratios per unit and for the total recomputed by the
service from summed parts, never averaged)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from dvcq_desktop.domain.plan import Indicator, Plan
from dvcq_desktop.services.consolidate import Consolidation
from dvcq_desktop.text import format_int, format_percent

Index = QModelIndex | QPersistentModelIndex
HEADER_WRAP = 16


def wrap(text: str, width: int = HEADER_WRAP) -> str:
    """Break a long indicator label over lines so a column can stay narrow."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines[:4]) + ("…" if len(lines) > 4 else "")


class UnitIndicatorModel(QAbstractTableModel):
    def __init__(self, plan: Plan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.cons: Consolidation | None = None
        self.indicators: list[Indicator] = []

    def set_data(self, cons: Consolidation, area_id: str | None) -> None:
        self.beginResetModel()
        self.cons = cons
        self.indicators = [i for i in self.plan.indicators if area_id is None or i.area_id == area_id]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        # No unit, no "Tổng cộng" row either: a blank total over nothing reads as a failure; the
        # page shows why the table is empty instead.
        if parent.isValid() or self.cons is None or not self.cons.units:
            return 0
        return len(self.cons.units) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.indicators) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Đơn vị") if section == 0 else wrap(self.indicators[section - 1].label)
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            ind = self.indicators[section - 1]
            return f"{ind.label} ({ind.unit})"
        return None

    def value(self, row: int, col: int) -> int | float | None:
        assert self.cons is not None
        ind = self.indicators[col - 1]
        total = row == len(self.cons.units)
        if ind.kind == "ratio":
            return (
                self.cons.ratios.get(ind.id)
                if total
                else self.cons.per_unit_ratios[self.cons.units[row][0]].get(ind.id)
            )
        return (
            self.cons.totals.get(ind.id) if total else self.cons.per_unit[self.cons.units[row][0]].get(ind.id)
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.cons is None:
            return None
        row, col = index.row(), index.column()
        total = row == len(self.cons.units)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self.tr("Tổng cộng") if total else self.cons.units[row][1]
            v = self.value(row, col)
            if self.indicators[col - 1].kind == "ratio":
                return format_percent(v) if v is not None else ""
            return format_int(int(v)) if v is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.BackgroundRole and total:
            return QBrush(QColor("#eef2f6"))
        return None
