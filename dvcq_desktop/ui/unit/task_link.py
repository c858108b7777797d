"""The activity editor's "Nhiệm vụ" row: which of the unit's tasks this activity answers, with
the task the area and the title's words point to offered in one click."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from dvcq_desktop.domain.tasks import Task
from dvcq_desktop.services.unit_tasks import ranked, suggest_task
from dvcq_desktop.ui.common.elided_label import ElidedButton

NO_TASK = ""


class TaskLinkBox(QWidget):
    changed = Signal()

    def __init__(self, tasks: Sequence[Task], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = list(tasks)
        self._area = ""
        self._text = ""
        self.combo = QComboBox()
        self.combo.setObjectName("taskCombo")
        # Task titles are sentences: the combo takes the row's width, not the longest title's
        # (which pushed the editor wider than a 1024 px screen); each item has its tooltip.
        self.combo.setMinimumContentsLength(12)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.suggest_btn = ElidedButton()
        self.suggest_btn.setObjectName("taskSuggest")
        self.suggest_btn.setFlat(True)
        self.suggest_btn.setCursor(Qt.CursorShape.PointingHandCursor)
        self.suggest_btn.setStyleSheet("text-align: left; color: #1a5fb4;")
        self.suggest_btn.hide()
        self.suggest_btn.clicked.connect(self.take_suggestion)
        self._suggested: Task | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.combo, 1)
        lay.addLayout(row)
        lay.addWidget(self.suggest_btn)
        self.combo.currentIndexChanged.connect(self._picked)
        self._fill(NO_TASK)
        if not self.tasks:
            self.combo.setEnabled(False)
            self.combo.setToolTip(self.tr("Đơn vị chưa có nhiệm vụ nào: thêm ở trang “Kế hoạch của đơn vị”."))

    def _fill(self, keep: str) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("(không gắn với nhiệm vụ nào)"), NO_TASK)
        for t in ranked(self.tasks, self._area, self._text):
            self.combo.addItem(t.title, t.id)
            self.combo.setItemData(self.combo.count() - 1, t.title, Qt.ItemDataRole.ToolTipRole)
        self.combo.setCurrentIndex(max(0, self.combo.findData(keep)))
        self.combo.blockSignals(False)

    def set_context(self, area_id: str, text: str) -> None:
        """Area or title changed: reorder on an area change, and refresh the one-click suggestion."""
        area_changed = area_id != self._area
        self._area, self._text = area_id, text
        if area_changed:
            self._fill(self.task_id() or NO_TASK)
        self._update_suggestion()

    def _update_suggestion(self) -> None:
        hit = suggest_task(self.tasks, self._area, self._text) if not self.task_id() else None
        self._suggested = hit
        if hit is None:
            self.suggest_btn.hide()
            return
        self.suggest_btn.setText(self.tr("Gợi ý: gắn với nhiệm vụ “{title}”").format(title=hit.title))
        self.suggest_btn.show()

    def take_suggestion(self) -> None:
        if self._suggested is not None:
            self.set_task_id(self._suggested.id)
            self.changed.emit()

    def _picked(self, _i: int) -> None:
        self._update_suggestion()
        self.changed.emit()

    def task_id(self) -> str | None:
        return str(self.combo.currentData() or "") or None

    def set_task_id(self, task_id: str | None) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, self.combo.findData(task_id or NO_TASK)))
        self.combo.blockSignals(False)
        self._update_suggestion()
