"""Danh mục đơn vị: the catalogue of units, and the roster of units that must report this period.

The roster is a snapshot fixed when the period opens (services.roster): catalogue changes made
afterwards do not move it, so the reporting rate can never pass 100 %. Including or excluding a
unit is an explicit decision with a reason, kept in the audit log.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.catalog import LEVELS
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services import roster as roster_service
from dvcq_desktop.storage import audit
from dvcq_desktop.text import format_date, format_datetime, sort_key
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import page_title

log = logging.getLogger(__name__)


class ReasonDialog(QDialog):
    """Include/exclude one unit: the unit (fixed or chosen from a list) and a required reason."""

    def __init__(self, title: str, units: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.unit_combo = QComboBox()
        for code, name in units:
            self.unit_combo.addItem(f"{name} ({code})", code)
        self.unit_combo.setEnabled(len(units) > 1)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Ví dụ: sáp nhập từ 01/7"))
        self.reason.setMinimumWidth(380)
        form = QFormLayout()
        form.addRow(self.tr("Đơn vị"), self.unit_combo)
        form.addRow(self.tr("Lý do (bắt buộc)"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Lưu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def _accept(self) -> None:
        if not self.reason.text().strip():
            self.reason.setStyleSheet("border: 1px solid #b3261e;")
            self.reason.setFocus()
            return
        self.accept()

    def value(self) -> tuple[str, str]:
        return str(self.unit_combo.currentData()), self.reason.text().strip()


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return t


class UnitsPage(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = page_title(self.tr("Danh mục đơn vị"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #34495e;")

        self.roster_table = _table(
            [self.tr("Mã"), self.tr("Đơn vị"), self.tr("Phải nộp"), self.tr("Lý do"), self.tr("Chốt lúc")]
        )
        self.include_btn = QPushButton(self.tr("Đưa vào &danh sách…"))
        self.exclude_btn = QPushButton(self.tr("&Loại khỏi danh sách…"))
        self.add_btn = QPushButton(self.tr("Thêm đơn &vị từ danh mục…"))
        self.include_btn.clicked.connect(lambda: self.edit_selected(True))
        self.exclude_btn.clicked.connect(lambda: self.edit_selected(False))
        self.add_btn.clicked.connect(self.add_unit)
        self.message = QLabel()
        self.message.setWordWrap(True)
        bar = FlowLayout()  # wraps onto a second line rather than cutting the buttons
        for b in (self.include_btn, self.exclude_btn, self.add_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        roster_tab = QWidget()
        rl = QVBoxLayout(roster_tab)
        rl.addWidget(self.note)
        rl.addLayout(bar)
        rl.addWidget(self.roster_table, 1)
        rl.addWidget(self.message)

        self.catalog_table = _table(
            [
                self.tr("Mã"),
                self.tr("Tên"),
                self.tr("Cấp"),
                self.tr("Trực thuộc"),
                self.tr("Hiệu lực từ"),
                self.tr("Hiệu lực đến"),
                self.tr("Đơn vị kế thừa"),
                self.tr("Phải báo cáo"),
            ]
        )
        self.history = _table(
            [self.tr("Thời điểm"), self.tr("Đơn vị"), self.tr("Thay đổi"), self.tr("Lý do")]
        )

        self.tabs = QTabWidget()
        self.tabs.addTab(roster_tab, self.tr("Phải nộp kỳ này"))
        self.tabs.addTab(self.catalog_table, self.tr("Danh mục đơn vị"))
        self.tabs.addTab(self.history, self.tr("Lịch sử thay đổi"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(self.title)
        lay.addWidget(self.tabs, 1)

    # ---- data -----------------------------------------------------------------------------
    def flush(self) -> None:
        """Nothing waits to be written: every change on this page is saved when it is made."""

    def focus_target(self, target: object) -> None:
        """No item of this page is a navigation target; showing the page is enough."""

    def refresh(self) -> None:
        ws = self.ctx.workspace
        period = ws.period
        self.entries = roster_service.roster(ws)
        fixed = min((e.fixed_at for e in self.entries), default="")
        n_in = sum(1 for e in self.entries if e.included)
        self.title.setText(self.tr("Danh mục đơn vị — {period}").format(period=period.label))
        self.note.setText(
            self.tr(
                "Danh sách {n} đơn vị phải nộp được chốt khi mở kỳ ({at}). Đơn vị thêm vào danh mục sau đó không tự "
                "vào danh sách, nên tỷ lệ nộp không bao giờ vượt 100%. Mỗi lần đưa vào hoặc loại ra cần ghi lý do "
                "và được lưu vào nhật ký."
            ).format(n=n_in, at=format_datetime(clock.parse_iso(fixed)) if fixed else self.tr("chưa mở"))
        )
        self._fill_roster()
        self._fill_catalog()
        self._fill_history()

    def _fill_roster(self) -> None:
        t = self.roster_table
        t.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            values = (
                e.unit_code,
                e.unit_name,
                self.tr("Có") if e.included else self.tr("Không"),
                e.reason,
                format_datetime(clock.parse_iso(e.fixed_at)) if e.fixed_at else "",
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.unit_code)
                if not e.included:
                    item.setForeground(QBrush(QColor("#8a8f96")))
                t.setItem(i, col, item)
        for col, w in enumerate((120, 300, 90, 360)):
            t.setColumnWidth(col, w)

    def _fill_catalog(self) -> None:
        units = self.ctx.workspace.catalog.units
        names = {u.code: u.name for u in units}
        t = self.catalog_table
        t.setRowCount(len(units))
        for i, u in enumerate(units):
            values = (
                u.code,
                u.name,
                LEVELS.get(u.level, u.level),
                names.get(u.parent or "", u.parent or ""),
                format_date(u.valid_from) if u.valid_from else "",
                format_date(u.valid_to) if u.valid_to else "",
                names.get(u.successor or "", u.successor or ""),
                self.tr("Có") if u.expected else self.tr("Không"),
            )
            for col, text in enumerate(values):
                t.setItem(i, col, QTableWidgetItem(text))
        for col, w in enumerate((120, 230, 150, 200, 100, 100, 180)):
            t.setColumnWidth(col, w)

    def _fill_history(self) -> None:
        ws = self.ctx.workspace
        prefix = f"{ws.plan.id}/{ws.period.id}"
        rows = [r for r in audit.entries(ws.db, "roster") if str(r.get("entity_id", "")).startswith(prefix)]
        names = {e.unit_code: e.unit_name for e in self.entries}
        t = self.history
        t.setRowCount(len(rows))
        actions = {
            "fix": self.tr("Chốt danh sách khi mở kỳ"),
            "include": self.tr("Đưa vào"),
            "exclude": self.tr("Loại ra"),
        }
        for i, r in enumerate(rows):
            code = str(r.get("entity_id", "")).rsplit("/", 1)[-1] if r.get("action") != "fix" else ""
            at = r.get("at") or r.get("created_at") or ""
            values = (
                format_datetime(clock.parse_iso(at)) if at else "",
                names.get(code, code),
                actions.get(r.get("action", ""), r.get("action", "")),
                r.get("reason") or "",
            )
            for col, text in enumerate(values):
                t.setItem(i, col, QTableWidgetItem(str(text)))
        for col, w in enumerate((140, 220, 200)):
            t.setColumnWidth(col, w)

    # ---- editing --------------------------------------------------------------------------
    def selected_code(self) -> str | None:
        items = self.roster_table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def edit_selected(self, include: bool) -> None:
        code = self.selected_code()
        if code is None:
            self.message.setText(self.tr("Chọn một đơn vị trong danh sách trước."))
            return
        name = next(e.unit_name for e in self.entries if e.unit_code == code)
        title = self.tr("Đưa vào danh sách phải nộp") if include else self.tr("Loại khỏi danh sách phải nộp")
        dlg = ReasonDialog(title, [(code, name)], self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.set_included(code, include, dlg.value()[1])

    def add_unit(self) -> None:
        on_roster = {e.unit_code for e in self.entries}
        own = self.ctx.workspace.unit_code
        candidates = sorted(
            (
                (u.code, u.name)
                for u in self.ctx.workspace.catalog.units
                if u.code not in on_roster and u.code != own
            ),
            key=lambda u: sort_key(u[1]),
        )
        if not candidates:
            self.message.setText(self.tr("Mọi đơn vị trong danh mục đã có trong danh sách."))
            return
        dlg = ReasonDialog(self.tr("Thêm đơn vị vào danh sách phải nộp"), candidates, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            code, reason = dlg.value()
            self.set_included(code, True, reason)

    def set_included(self, code: str, include: bool, reason: str) -> bool:
        try:
            roster_service.set_included(self.ctx.workspace, code, include, reason)
        except DvcqError as exc:
            self.message.setText(exc.message)
            return False
        self.message.setText(self.tr("Đã lưu thay đổi (có ghi lý do vào nhật ký)."))
        self.refresh()
        self.ctx.hub.imports_changed.emit()  # board and consolidation count the same units
        self.changed.emit()
        return True
