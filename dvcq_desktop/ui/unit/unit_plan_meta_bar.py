"""The KẾ HOẠCH's own line on the "Kế hoạch của đơn vị" page: số / ký hiệu, ngày ban hành, whether
it is still a DỰ THẢO, and "Lập Kế hoạch (Word)…" (the document and its task workbook)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPushButton, QSizePolicy, QWidget

from dvcq_desktop.domain.plan import Period
from dvcq_desktop.domain.tasks import UnitPlanMeta
from dvcq_desktop.errors import user_message
from dvcq_desktop.services.unit_plan import meta_for, write_unit_plan
from dvcq_desktop.storage import tasks as repo
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import DateEdit

log = logging.getLogger(__name__)


class PlanMetaBar(QWidget):
    """`before_write` writes what the page still holds (typed content) before the document is made;
    `show_error` puts a message on the page."""

    def __init__(
        self,
        ctx: AppContext,
        plan_id: str,
        period: Period,
        before_write: Callable[[], None],
        show_error: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.plan_id, self.period = ctx, plan_id, period
        self._before_write, self._show_error = before_write, show_error
        # Sized to what they hold ("27", "KH-UBND") in the current font: at 1024 px the whole line,
        # "Lập Kế hoạch (Word)…" included, then fits on one row instead of two.
        fm, pad = self.fontMetrics(), 2 * self.fontMetrics().averageCharWidth() + 8
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("planNumber")
        self.number_edit.setMaximumWidth(fm.horizontalAdvance("0000") + pad)
        self.number_edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.symbol_edit = QLineEdit()
        self.symbol_edit.setObjectName("planSymbol")
        self.symbol_edit.setMaximumWidth(fm.horizontalAdvance("KH-UBND-VP") + pad)
        self.symbol_edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.date_edit = DateEdit(optional=True, blank_text=self.tr("(chưa ban hành)"))
        self.date_edit.setObjectName("planDate")
        self.issued_label = QLabel()
        self.issued_label.setObjectName("planState")
        self.write_btn = QPushButton(self.tr("Lập Kế hoạch (Word)…"))
        # The row wraps onto another line on a small screen or at 175 % text instead of squeezing.
        row = FlowLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        w: QWidget
        for w in (QLabel(self.tr("Số:")), self.number_edit, QLabel("/"), self.symbol_edit):
            row.addWidget(w)
        row.addWidget(QLabel(self.tr("Ngày ban hành:")))
        row.addWidget(self.date_edit)
        row.addWidget(self.issued_label)
        row.addStretch(1)
        row.addWidget(self.write_btn)
        self.write_btn.clicked.connect(self.write_document)
        for e in (self.number_edit, self.symbol_edit):
            e.editingFinished.connect(self.save)
        self.date_edit.dateChanged.connect(lambda _d: self.save())

    def load(self) -> None:
        m = meta_for(self.ctx.workspace, self.period.id)
        for w in (self.number_edit, self.symbol_edit, self.date_edit):
            w.blockSignals(True)
        self.number_edit.setText(m.number)
        self.symbol_edit.setText(m.symbol)
        self.date_edit.set_value(m.date)
        for w in (self.number_edit, self.symbol_edit, self.date_edit):
            w.blockSignals(False)
        self._show_state(m)

    def _show_state(self, m: UnitPlanMeta) -> None:
        self.issued_label.setText(
            self.tr("Đã ban hành") if m.issued else self.tr("DỰ THẢO (chưa có số và ngày)")
        )

    def save(self) -> None:
        db = self.ctx.workspace.db
        m = UnitPlanMeta(self.number_edit.text(), self.symbol_edit.text(), self.date_edit.value())
        old = repo.plan_meta(db, self.plan_id, self.period.id, m.symbol)
        m = replace(m, report_by=old.report_by)
        repo.set_plan_meta(db, self.plan_id, self.period.id, m)
        self._show_state(m)
        self.ctx.hub.report_changed.emit()

    def write_document(self) -> None:
        self._before_write()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lập Kế hoạch của đơn vị"), f"ke-hoach-{self.period.id}.docx", "Word (*.docx)"
        )
        if not path:
            return
        docx = Path(path)
        try:
            written = write_unit_plan(self.ctx.workspace, docx, docx.with_suffix(".xlsx"), self.period.id)
        except Exception as exc:  # noqa: BLE001 - shown on the page; details in the log
            log.warning("unit plan failed", exc_info=True)
            self._show_error(user_message(exc))
            return
        self.ctx.hub.status_message.emit(
            self.tr("Đã lập: {files}").format(files=", ".join(p.name for p in written))
        )
