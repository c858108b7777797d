"""Shows what an imported workbook (period roster, plan content) would change, before anything is
stored: a summary, a table of the changes, and “Áp dụng” / “Hủy”. The caller applies on accept."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ChangePreview(QDialog):
    def __init__(
        self,
        title: str,
        summary: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changePreview")
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setObjectName("changeTable")
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # long names and reasons are cut in the cell
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        # Long names and reasons wrap in the stretched last column instead of ending in “…”.
        header.sectionResized.connect(self._fit_rows)
        lay.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.apply_button = self.buttons.addButton(self.tr("Áp dụng"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("applyChanges")
        self.apply_button.setEnabled(bool(rows))
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.accept)
        lay.addWidget(self.buttons)
        # Never larger than the screen: at 175 % a 1024×600 screen has ~585×340 logical pixels.
        screen = self.screen().availableGeometry() if self.screen() else None
        w, h = (
            (760, 420) if screen is None else (min(760, screen.width() - 20), min(420, screen.height() - 40))
        )
        self.resize(w, h)

    def _fit_rows(self, *_args: object) -> None:
        # After the layout has settled: the heights follow the stretched column's final width.
        # The table as the timer's context: a dialog closed before the timer fires cancels it.
        QTimer.singleShot(0, self.table, self.table.resizeRowsToContents)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fit_rows()
