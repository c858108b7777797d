"""Tình hình nộp: who of the expected units has reported, on time or late, and who is still missing.

The board is two queries (services.board), so it is rebuilt on the GUI thread whenever the page is
shown or an import lands; only the Excel export goes to a worker.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services import board as board_service
from dvcq_desktop.services import history
from dvcq_desktop.services import roster as roster_service
from dvcq_desktop.services.board import Board, BoardRow
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_date, format_datetime, format_int, format_percent
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.empty_hint import empty_hint
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.report_files import ascii_slug
from dvcq_desktop.ui.common.style import BASE_POINT_SIZE
from dvcq_desktop.ui.common.widgets import page_title
from dvcq_desktop.ui.common.workers import Progress, in_worker
from dvcq_desktop.ui.office import board_model as bm
from dvcq_desktop.ui.office.agg_common import StatCard, open_path
from dvcq_desktop.ui.office.received_at_dialog import ReceivedAtDialog

log = logging.getLogger(__name__)

FILTERS: tuple[tuple[str, set[str]], ...] = (
    ("Tất cả đơn vị", set()),
    ("Chưa nộp", {"missing"}),
    ("Đã nộp", {"on_time", "late", "revised"}),
    ("Đúng hạn", {"on_time"}),
    ("Trễ hạn", {"late"}),
    ("Đã nộp bản sửa đổi", {"revised"}),
)


class BoardPage(QWidget):
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.board: Board | None = None

        self.title = page_title(self.tr("Tình hình nộp báo cáo"))
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        # Five cards side by side are wider than the page at 175 % on a 1024 px screen (the
        # sidebar grew with the period page): they wrap onto a second line.
        cards = FlowLayout()
        self.cards = {
            "expected": StatCard(self.tr("Phải nộp")),
            "received": StatCard(self.tr("Đã nộp"), "#2f6f9f"),
            "on_time": StatCard(self.tr("Đúng hạn"), "#1b5e20"),
            "late": StatCard(self.tr("Trễ hạn"), "#9a6700"),
            "missing": StatCard(self.tr("Chưa nộp"), "#b3261e"),
        }
        for c in self.cards.values():
            cards.addWidget(c)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm đơn vị, không cần gõ dấu (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        for label, statuses in FILTERS:
            self.status_combo.addItem(self.tr(label), sorted(statuses))
        self.search.textChanged.connect(self.apply_filter)
        self.status_combo.currentIndexChanged.connect(self._combo_changed)
        self.status_combo.activated.connect(self._combo_changed)  # the same entry chosen again
        self.card: str | None = None  # the card whose units the table shows
        # Each card filters the table to the units it counts (the combo follows, and says so).
        for key, card in self.cards.items():
            card.make_clickable(self.tr("Bấm để chỉ xem các đơn vị này trong bảng"))
            card.clicked.connect(lambda k=key: self.filter_by_card(k))
        self.reminder_btn = QPushButton(self.tr("Sao chép &lời nhắc"))
        self.reminder_btn.setToolTip(
            self.tr("Chép lời nhắc các đơn vị chưa nộp để dán vào Zalo hoặc thư điện tử")
        )
        self.excel_btn = QPushButton(self.tr("&Xuất Excel"))
        self.fix_btn = QPushButton(self.tr("&Sửa thời điểm nhận…"))
        self.detail_btn = QPushButton(self.tr("X&em chi tiết"))
        self.reminder_btn.clicked.connect(self.copy_reminder)
        self.excel_btn.clicked.connect(self.export_excel)
        self.fix_btn.clicked.connect(self.correct_selected)
        self.detail_btn.clicked.connect(self.open_selected)
        bar = FlowLayout()  # wraps onto a second line rather than cutting the buttons
        fm = self.search.fontMetrics()
        self.search.setMinimumWidth(
            min(fm.horizontalAdvance(self.search.placeholderText()) + 28, fm.horizontalAdvance("M") * 30)
        )
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        bar.addWidget(self.search)
        bar.addWidget(self.status_combo)
        bar.addStretch(1)
        for b in (self.detail_btn, self.fix_btn, self.reminder_btn, self.excel_btn):
            bar.addWidget(b)

        self.model = bm.BoardModel(self)
        self.proxy = bm.BoardProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(bm.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(self._double_clicked)
        empty_hint(self.table, self.tr("Không có đơn vị nào khớp với điều kiện lọc."))
        h = self.table.horizontalHeader()
        h.setStretchLastSection(True)
        ratio = max(1.0, self.font().pointSizeF() / BASE_POINT_SIZE)  # widths designed at 100 %
        for col, w in (
            (bm.COL_CODE, 105),
            (bm.COL_NAME, 230),
            (bm.COL_STATUS, 260),
            (bm.COL_REVISION, 65),
            (bm.COL_FINALIZED, 140),
            (bm.COL_RECEIVED, 140),
        ):
            h.resizeSection(col, round(w * ratio))
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.extra_label = QLabel()
        self.extra_label.setWordWrap(True)
        self.extra_label.setStyleSheet("color: #9a6700;")
        self.message = QLabel()
        self.message.setWordWrap(True)

        # On a small screen the cards and buttons leave the table no room: the page scrolls and
        # the table keeps at least eight rows.
        body = QWidget()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.table.setMinimumHeight(self.fontMetrics().height() * 2 * 8)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addLayout(cards)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.extra_label)
        lay.addWidget(self.message)
        ctx.hub.imports_changed.connect(self.refresh)
        # Window-wide (the focus is usually still in the sidebar); inert while the page is hidden.
        QShortcut(QKeySequence("Ctrl+F"), self).activated.connect(self._focus_search)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    _focus_search = focus_search  # Ctrl+F here, and Chỉnh sửa › Tìm đơn vị in the menu

    # ---- data -----------------------------------------------------------------------------
    def flush(self) -> None:
        """Nothing waits to be written: every change on this page is saved when it is made."""

    def focus_target(self, target: object) -> None:
        """No item of this page is a navigation target; showing the page is enough."""

    def refresh(self) -> None:
        b = board_service.board(self.ctx.workspace)
        self.board = b
        self.title.setText(self.tr("Tình hình nộp báo cáo — {period}").format(period=b.period_label))
        self.subtitle.setText(b.summary_text())
        c = self.cards
        c["expected"].set_value(
            format_int(b.expected), self.tr("hạn nộp {d}").format(d=format_date(b.deadline))
        )
        c["received"].set_value(
            format_int(b.received), self.tr("tỷ lệ {p}").format(p=format_percent(b.received_rate))
        )
        c["on_time"].set_value(
            format_int(b.on_time), self.tr("tỷ lệ {p}").format(p=format_percent(b.on_time_rate))
        )
        c["late"].set_value(format_int(b.late))
        c["missing"].set_value(format_int(b.missing))
        self.model.set_rows(list(b.rows))
        self.extra_label.setVisible(bool(b.extra))
        if b.extra:
            self.extra_label.setText(
                self.tr(
                    "Đã nhận thêm từ {n} đơn vị không có trong danh sách phải nộp kỳ này "
                    "(không tính vào tỷ lệ): {names}."
                ).format(n=len(b.extra), names=", ".join(r.unit_name for r in b.extra))
            )
        self.apply_filter()
        self.refreshed.emit()

    def filter_by_card(self, key: str) -> None:
        """A card's click: the table shows the units it counts; a second click shows all again."""
        self.card = None if self.card == key or bm.CARD_MATCH[key] is None else key
        self.status_combo.blockSignals(True)  # the card's filter replaces the combo's
        self.status_combo.setCurrentIndex(0)
        self.status_combo.blockSignals(False)
        self.apply_filter()

    def _combo_changed(self) -> None:
        self.card = None  # the officer chose another filter: the card's is off
        self.apply_filter()

    def apply_filter(self) -> None:
        for key, c in self.cards.items():
            c.set_active(key == self.card)
        test = bm.CARD_MATCH[self.card] if self.card else None
        self.proxy.set_filter(set(self.status_combo.currentData() or []), self.search.text(), test)

    def visible_rows(self) -> list[BoardRow]:
        return [self.proxy.data(self.proxy.index(i, 0), bm.ROW_ROLE) for i in range(self.proxy.rowCount())]

    def selected_row(self) -> BoardRow | None:
        idx = self.table.currentIndex()
        return self.proxy.data(idx.siblingAtColumn(0), bm.ROW_ROLE) if idx.isValid() else None

    # ---- actions --------------------------------------------------------------------------
    def reminder(self) -> str:
        if self.board is None:
            self.refresh()
        assert self.board is not None
        return board_service.reminder_text(self.board)

    def copy_reminder(self) -> None:
        QApplication.clipboard().setText(self.reminder())
        self.message.setText(
            self.tr("Đã chép lời nhắc {n} đơn vị chưa nộp. Dán (Ctrl+V) vào Zalo hoặc thư điện tử.").format(
                n=self.board.missing if self.board else 0
            )
        )

    def export_excel(self, path: Path | None = None) -> None:
        ws = self.ctx.workspace
        if path is None:
            default = ws.exports_dir / f"TinhHinhNop_{ascii_slug(ws.period.id)}.xlsx"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Xuất tình hình nộp ra Excel"), str(default), self.tr("Excel (*.xlsx)")
            )
            if not chosen:
                return
            path = Path(chosen) if chosen.lower().endswith(".xlsx") else Path(chosen + ".xlsx")
        out = path
        self.excel_btn.setEnabled(False)
        self.message.setText(self.tr("Đang xuất Excel…"))

        def work(wws: Workspace, progress: Progress) -> Path:
            progress(0, 1, "Đang xuất tình hình nộp")
            return board_service.board_to_xlsx(board_service.board(wws), out)

        self.ctx.tasks.start(
            in_worker(self.ctx.workspace, work), on_done=self._exported, on_error=self._failed
        )

    def _exported(self, path: Path) -> None:
        self.excel_btn.setEnabled(True)
        self.last_export = path
        self.message.setText(self.tr("Đã lưu {path}").format(path=path))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Đã xuất Excel"),
            self.tr("Đã lưu {path}").format(path=path),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        open_btn = box.addButton(self.tr("Mở tệp"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Đóng"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r: box.clickedButton() is open_btn and open_path(path))
        box.open()

    def _failed(self, _code: str, message: str) -> None:
        self.excel_btn.setEnabled(True)
        self.message.setText(self.tr("Không xuất được: {msg}").format(msg=message))

    def correct_selected(self) -> None:
        r = self.selected_row()
        if r is None or r.revision is None:
            self.message.setText(self.tr("Chọn một đơn vị đã nộp để sửa thời điểm nhận."))
            return
        revs = history.revisions(self.ctx.workspace, r.unit_code)
        dlg = ReceivedAtDialog(revs, r.unit_name, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.correct(*dlg.value())

    def correct(self, package_id: str, when: datetime, reason: str) -> None:
        try:
            roster_service.correct_received_at(self.ctx.workspace, package_id, when, reason)
        except DvcqError as exc:
            self.message.setText(exc.message)
            return
        self.message.setText(
            self.tr("Đã sửa thời điểm nhận thành {at} (đã ghi nhật ký).").format(at=format_datetime(when))
        )
        self.ctx.hub.imports_changed.emit()  # board, consolidation and detail views recompute

    def _double_clicked(self, index: QModelIndex) -> None:
        r = self.proxy.data(index.siblingAtColumn(0), bm.ROW_ROLE)
        if r is not None:
            self.open_detail(r.unit_code)

    def open_selected(self) -> None:
        r = self.selected_row()
        if r is None:
            self.message.setText(self.tr("Chọn một đơn vị trong bảng để xem chi tiết."))
            return
        self.open_detail(r.unit_code)

    def open_detail(self, unit_code: str) -> QDialog:
        from dvcq_desktop.ui.office.unit_detail import UnitDetailDialog

        dlg = UnitDetailDialog(self.ctx, unit_code, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg
