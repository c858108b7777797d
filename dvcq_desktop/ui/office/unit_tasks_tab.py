"""The unit detail's "Kế hoạch của đơn vị" tab: the tasks the unit set itself and where each
stands, as its current package reports them (format 1.1; older packages carry none)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.tasks import Task
from dvcq_desktop.services.unit_tasks import counts
from dvcq_desktop.text import format_int

HEADERS = ("Nội dung", "Nhiệm vụ", "Chủ trì", "Thời gian", "Sản phẩm", "Tình trạng", "Lý do")


class UnitTasksTab(QWidget):
    def __init__(self, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("unitTasks")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((70, 300, 120, 110, 150, 120)):
            self.table.setColumnWidth(col, width)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)

    def set_tasks(self, tasks: Sequence[Task]) -> None:
        numbers = {a.id: a.number for a in self.plan.areas}
        rows = sorted(tasks, key=lambda t: (numbers.get(t.area_id, 99), t.position))
        if not rows:
            self.summary.setText(self.tr("Đơn vị chưa gửi kế hoạch riêng (danh sách nhiệm vụ) trong kỳ."))
        else:
            c = counts(list(rows))
            self.summary.setText(
                self.tr(
                    "{total} nhiệm vụ: hoàn thành {done}, đang thực hiện {doing}, chưa thực hiện {todo}, "
                    "không thực hiện {dropped}."
                ).format(total=format_int(len(rows)), **{k: format_int(v) for k, v in c.items()})
            )
        self.table.setRowCount(len(rows))
        for i, t in enumerate(rows):
            values = (
                str(numbers.get(t.area_id, t.area_id)),
                t.title,
                t.lead,
                t.time_text(),
                t.output,
                t.status_label,
                t.reason,
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, col, item)
