"""The export history of the current report slot: one row per package written, newest first."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from dvcq_desktop.storage import exports
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_datetime
from dvcq_desktop.ui.common import destinations as dst
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.empty_hint import empty_hint

COL_REVISION, COL_WHEN, COL_FILE, COL_ID, COL_SIZE, COL_RECEIPT = range(6)


class ExportHistoryTable(QTableWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.ctx = ctx
        self.setHorizontalHeaderLabels(
            [
                self.tr("Lần"),
                self.tr("Thời điểm xuất"),
                self.tr("Tệp"),
                self.tr("Mã gói"),
                self.tr("Dung lượng"),
                self.tr("Biên nhận của cơ quan"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        hh = self.horizontalHeader()
        for col, width in (
            (COL_REVISION, 50),
            (COL_WHEN, 150),
            (COL_ID, 100),
            (COL_SIZE, 90),
            (COL_RECEIPT, 260),
        ):
            # Never narrower than the header text itself ("Dung lượng" was cut at 1366 px).
            hh.resizeSection(col, max(width, hh.sectionSizeHint(col)))
        hh.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        self.setToolTip(
            self.tr("Bấm đúp để mở thư mục chứa gói. Kéo thả biên nhận (.dvcqbn) của cơ quan vào đây để lưu.")
        )
        self.setAcceptDrops(True)  # a receipt saved from the office's e-mail, dragged onto its package
        self.doubleClicked.connect(lambda _i: self.reveal_current())
        empty_hint(self, self.tr("Chưa xuất gói báo cáo lần nào trong kỳ này."))

    def load(self, ws: Workspace) -> None:
        from dvcq_desktop.services.receipts import receipt_text

        rows = exports.history(ws.db, ws.plan.id, ws.period.id)
        deadline = ws.period.deadline
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            try:
                when = format_datetime(datetime.fromisoformat(row["created_at"]))
            except (TypeError, ValueError):
                when = str(row["created_at"])
            cells = [
                str(row["revision"]),
                when,
                Path(row["path"]).name,
                row["package_id"][:8],
                dst.format_size(row["size"]),
                receipt_text(ws, row["package_id"], deadline),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(row["path"] if c == COL_FILE else row["package_id"] if c == COL_ID else text)
                item.setData(Qt.ItemDataRole.UserRole, row["path"])
                if c in (COL_REVISION, COL_SIZE):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)

    # ---- receipts dropped on the table ------------------------------------------------------
    @staticmethod
    def _receipts(mime: QMimeData | None) -> list[Path]:
        from dvcq_desktop.package.receipt_file import EXTENSION

        if mime is None or not mime.hasUrls():
            return []
        files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return [f for f in files if f.suffix.lower() == EXTENSION]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self._receipts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        if self._receipts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        files = self._receipts(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        from dvcq_desktop.services.receipts import take_receipt

        ws = self.ctx.workspace
        for f in files:  # each is checked whole: a refused one changes nothing and says why
            self.ctx.hub.status_message.emit(take_receipt(ws, f).message)
        self.load(ws)

    def reveal_current(self) -> None:
        item = self.item(self.currentRow(), COL_FILE) if self.currentRow() >= 0 else None
        if item is None:
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        if path.exists():
            dst.reveal(path)
        else:
            self.ctx.hub.status_message.emit(
                self.tr("Không còn thấy tệp {path} (USB đã rút?).").format(path=path)
            )
