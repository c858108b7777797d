"""Preview of an Excel import: every row with its problems, then "Nhập N dòng hợp lệ".

Rows are shown through a small table model (an import may hold thousands of rows), error rows
tinted red with their messages; nothing is written until the officer confirms, and then all
good rows go in one transaction on a worker thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.services.excel_io import COLUMNS, ImportPreview, PreviewRow, import_rows
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_int
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.widgets import set_enabled_why
from dvcq_desktop.ui.common.workers import Progress, in_worker

SHOWN = ("start_date", "area", "type", "title", "participants")
HEADERS = {c.key: c.header for c in COLUMNS}
ERROR_BG = QColor("#fdecea")
Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    def __init__(self, preview: ImportPreview, parent: Any = None) -> None:
        super().__init__(parent)
        self.all_rows = preview.rows
        self.rows: list[PreviewRow] = list(preview.rows)

    def show_only_errors(self, only: bool) -> None:
        self.beginResetModel()
        self.rows = [r for r in self.all_rows if not only or not r.ok]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(SHOWN) + 2

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802 - Qt API
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("Dòng")
        if section == 1:
            return self.tr("Kiểm tra")
        return HEADERS[SHOWN[section - 2]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return format_int(row.row)
            if col == 1:
                return self.tr("Hợp lệ") if row.ok else "; ".join(e.split(": ", 1)[-1] for e in row.errors)
            return row.cells.get(SHOWN[col - 2], "")
        if role == Qt.ItemDataRole.ToolTipRole and not row.ok:
            return "\n".join(row.errors)
        if role == Qt.ItemDataRole.BackgroundRole and not row.ok:
            return QBrush(ERROR_BG)
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QBrush(QColor("#1e7e34" if row.ok else "#c0392b"))
        return None


class ExcelImportDialog(QDialog):
    imported = Signal(int)

    def __init__(self, ctx: AppContext, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview = preview
        self.setWindowTitle(self.tr("Nhập hoạt động từ Excel"))
        good, bad = len(preview.good), len(preview.bad)
        self.summary = QLabel(
            self.tr("{file}: {good} dòng hợp lệ, {bad} dòng lỗi").format(
                file=preview.path.name, good=format_int(good), bad=format_int(bad)
            ),
            self,
        )
        self.summary.setStyleSheet("font-weight:bold")
        hint = QLabel(
            self.tr(
                "Chỉ các dòng hợp lệ được nhập. Sửa các dòng lỗi trong Excel rồi nhập lại "
                "riêng các dòng đó (không nhập lại dòng đã nhập để tránh trùng)."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.model = PreviewModel(preview, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.only_errors = QCheckBox(self.tr("Chỉ hiện dòng lỗi"), self)
        self.only_errors.setEnabled(bad > 0)
        self.only_errors.toggled.connect(self.model.show_only_errors)
        self.import_button = QPushButton(self.tr("Nhập {n} dòng hợp lệ").format(n=format_int(good)), self)
        set_enabled_why(
            self.import_button,
            good > 0,
            self.tr("Không có dòng hợp lệ nào để nhập: sửa tệp Excel rồi chọn lại."),
        )
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.run_import)
        cancel = QPushButton(self.tr("Hủy"), self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.only_errors)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(cancel)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(hint)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        from dvcq_desktop.ui.common.screen_fit import fit_dialog

        fit_dialog(self, QSize(1000, 560))  # the table scrolls inside, the buttons stay on screen
        # Column widths after the first paint: resizing to contents on thousands of rows is slow.
        QTimer.singleShot(0, lambda: self.table.resizeColumnToContents(0))

    def run_import(self) -> None:
        self.import_button.setEnabled(False)
        self.import_button.setText(self.tr("Đang nhập…"))
        ws, preview = self.ctx.workspace, self.preview

        def work(wws: Workspace, _progress: Progress) -> int:
            return import_rows(wws.db, preview)  # the import is one transaction

        self.ctx.tasks.start(in_worker(ws, work), on_done=self._done, on_error=self._failed)

    def _done(self, n: int) -> None:
        self.ctx.hub.activities_changed.emit()
        self.ctx.hub.status_message.emit(self.tr("Đã nhập {n} hoạt động từ Excel").format(n=format_int(n)))
        self.imported.emit(n)
        self.accept()

    def _failed(self, _code: str, message: str) -> None:
        self.import_button.setText(
            self.tr("Nhập {n} dòng hợp lệ").format(n=format_int(len(self.preview.good)))
        )
        self.import_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("Chưa nhập được"), message)
