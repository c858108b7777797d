"""Tiếp nhận: drop files or folders (or scan the USB sticks), see what each file would do, then import.

Every batch starts as a dry run (DHIS2's "dry run" + import summary, peers.md §3): the table shows
per file what importing would do and why, nothing is stored, and only "Nhập N gói" imports. The
real import re-reads the files in a worker and shows the final outcomes, which can differ from the
preview if a file changed on the stick in between; the import log tab reads the persistent log.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.services import intake
from dvcq_desktop.services.intake import ImportOutcome
from dvcq_desktop.storage import aggregator_repo as repo
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_datetime
from dvcq_desktop.ui.common.busy import show_progress
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.destinations import removable_roots
from dvcq_desktop.ui.common.empty_hint import empty_hint
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.style import ACCENT
from dvcq_desktop.ui.common.widgets import page_title, set_enabled_why
from dvcq_desktop.ui.common.workers import Progress, in_worker
from dvcq_desktop.ui.office.agg_common import OUTCOME_COLORS, brush_pair, cell, period_label
from dvcq_desktop.ui.office.key_accept import KeyAcceptButton
from dvcq_desktop.ui.office.receipt_actions import ReceiptButton

COLUMNS = ("Tệp", "Đơn vị", "Kỳ", "Lần gửi", "Kết quả", "Lý do")
DROP_STYLE = (
    "QLabel {{ border: 2px dashed {border}; border-radius: 10px; background: {bg}; color: #34495e; }}"
)
LOG_COLUMNS = ("Thời điểm", "Tệp", "Đơn vị", "Lần gửi", "Kết quả", "Lý do", "SHA-256")


class IntakePage(QWidget):
    preview_ready = Signal()  # the dry run's table is shown (tests)
    import_done = Signal()  # the real import's outcomes are shown (tests)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.paths: list[Path] = []
        self.outcomes: list[ImportOutcome] = []
        self.previewing = True
        self.running = False
        self.setAcceptDrops(True)

        self.hint = QLabel(
            self.tr(
                "Kéo thả tệp .dvcq hoặc cả thư mục vào đây, hoặc chọn bằng các nút dưới. "
                "Phần mềm kiểm tra trước và chưa lưu gì cho đến khi bấm “Nhập”."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #34495e;")
        self.files_btn = QPushButton(self.tr("Chọn tệ&p…"))
        self.folder_btn = QPushButton(self.tr("Chọn thư &mục…"))
        self.usb_btn = QPushButton(self.tr("&Quét USB"))
        self.usb_btn.setToolTip(self.tr("Tìm mọi tệp .dvcq trên các USB đang cắm"))
        self.confirm_btn = QPushButton(self.tr("Nhập"))
        self.confirm_btn.setObjectName("primary")
        self.confirm_btn.setEnabled(False)
        self.clear_btn = QPushButton(self.tr("&Bỏ danh sách"))
        self.clear_btn.setEnabled(False)
        self.key_btn = KeyAcceptButton(self)  # a unit signed with a new key: accept with a reason
        self.key_btn.changed.connect(lambda: self.preview(self.paths))
        self.receipt_btn = ReceiptButton(ctx, self)  # after an import: signed receipts, reply .eml
        self.files_btn.clicked.connect(self.choose_files)
        self.folder_btn.clicked.connect(self.choose_folder)
        self.usb_btn.clicked.connect(self.scan_usb)
        self.confirm_btn.clicked.connect(self.confirm)
        self.clear_btn.clicked.connect(self.clear)
        bar = FlowLayout()  # wraps onto a second line rather than cutting the buttons
        for b in (self.files_btn, self.folder_btn, self.usb_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.key_btn)
        bar.addWidget(self.receipt_btn)
        bar.addWidget(self.clear_btn)
        bar.addWidget(self.confirm_btn)

        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: 600;")

        self.table = self._table(COLUMNS)
        self.log_table = self._table(LOG_COLUMNS)
        empty_hint(
            self.log_table,
            self.tr("Chưa tiếp nhận gói nào. Các lần nhập (kể cả tệp bị từ chối) sẽ được ghi ở đây."),
        )
        # Until there is a list, the tab is one big target that says what to do.
        self.drop_zone = QLabel(
            self.tr(
                "Thả tệp .dvcq hoặc thư mục vào đây\n\n(từ USB, thư mục tải về của thư điện tử hoặc Zalo)"
            )
        )
        self.drop_zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_zone.setStyleSheet(DROP_STYLE.format(border="#9bb5ca", bg="#f7f9fb"))
        big = self.drop_zone.font()
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.drop_zone.setFont(big)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.drop_zone)
        self.list_stack.addWidget(self.table)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.list_stack, self.tr("Danh sách tệp"))
        self.tabs.addTab(self.log_table, self.tr("Nhật ký tiếp nhận"))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(page_title(self.tr("Tiếp nhận báo cáo")))
        lay.addWidget(self.hint)
        lay.addLayout(bar)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addWidget(self.summary)
        lay.addWidget(self.tabs, 1)
        self._update_buttons()

    def _table(self, headers: tuple[str, ...]) -> QTableWidget:
        t = QTableWidget(0, len(headers))
        t.setHorizontalHeaderLabels([self.tr(h) for h in headers])
        t.verticalHeader().hide()
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setWordWrap(False)
        h = t.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(True)
        for col in range(len(headers)):  # never narrower than the header text ("Lần gửi" was cut)
            h.resizeSection(col, max(h.sectionSize(col), h.sectionSizeHint(col)))
        return t

    # ---- page protocol --------------------------------------------------------------------
    def flush(self) -> None:
        """Nothing waits to be written: every change on this page is saved when it is made."""

    def refresh(self) -> None:
        self.load_log()

    def focus_target(self, target: object) -> None:
        """A .dvcq opened by double-click (or several): preview them at once."""
        items = target if isinstance(target, (list, tuple)) else [target]
        paths = [Path(str(p)) for p in items if p]
        if paths:
            self.preview(paths)

    # ---- choosing files -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_paths(event.mimeData()) and not self.running:
            event.acceptProposedAction()
            self._highlight(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._highlight(False)
        super().dragLeaveEvent(event)

    def _highlight(self, on: bool) -> None:
        self.tabs.setCurrentIndex(0)
        self.drop_zone.setStyleSheet(
            DROP_STYLE.format(border=ACCENT if on else "#9bb5ca", bg="#e1eefa" if on else "#f7f9fb")
        )

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._local_paths(event.mimeData()) and not self.running:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self._highlight(False)
        paths = self._local_paths(event.mimeData())
        if paths and not self.running:
            event.acceptProposedAction()
            self.preview(paths)

    @staticmethod
    def _local_paths(mime: object) -> list[Path]:
        if mime is None or not mime.hasUrls():  # type: ignore[attr-defined]
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]  # type: ignore[attr-defined]

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn gói báo cáo"), str(Path.home()), self.tr("Gói báo cáo (*.dvcq);;Mọi tệp (*)")
        )
        if files:
            self.preview([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Chọn thư mục chứa các gói .dvcq"), str(Path.home())
        )
        if folder:
            self.preview([Path(folder)])

    def scan_usb(self) -> None:
        roots = removable_roots()
        if not roots:
            self.status.setText(
                self.tr(
                    "Không thấy USB nào đang cắm. Cắm USB rồi bấm lại “Quét USB”, hoặc dùng “Chọn thư mục…”."
                )
            )
            return
        self.status.setText(
            self.tr("Đang tìm tệp .dvcq trên: {roots}").format(roots=", ".join(str(r) for r in roots))
        )
        self.preview(roots)

    # ---- dry run and import ---------------------------------------------------------------
    def preview(self, paths: list[Path]) -> None:
        if self.running:
            return
        self.paths = list(paths)
        self.previewing = True
        self._start(True)

    def confirm(self) -> None:
        if self.running or not self.paths or not self._storable():
            return
        self.previewing = False
        self._start(False)

    def _start(self, dry_run: bool) -> None:
        self.running = True
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Đang kiểm tra các tệp…") if dry_run else self.tr("Đang nhập…"))
        self._update_buttons()
        paths, accept = list(self.paths), dict(self.key_btn.accepted)

        def work(ws: Workspace, progress: Progress) -> list[ImportOutcome]:
            return intake.import_packages(ws, paths, dry_run=dry_run, progress=progress, accept_keys=accept)

        self.ctx.tasks.start(
            in_worker(self.ctx.workspace, work),
            on_done=self._done,
            on_error=self._failed,
            on_progress=self._progress,
        )

    def _progress(self, done: int, total: int, message: str) -> None:
        show_progress(self.progress, self.status, done, total, message)

    def _done(self, outcomes: list[ImportOutcome]) -> None:
        self.running = False
        self.progress.hide()
        self.outcomes = outcomes
        self.key_btn.update_for(outcomes if self.previewing else [])
        self.receipt_btn.update_for([] if self.previewing else outcomes)
        self.fill(outcomes)
        self.summary.setText(intake.summary_text(outcomes, dry_run=self.previewing))
        if not outcomes:
            self.status.setText(self.tr("Không tìm thấy tệp .dvcq nào ở nơi đã chọn."))
        elif self.previewing:
            n = self._storable()
            self.status.setText(
                self.tr("Kiểm tra xong, chưa lưu gì. Bấm “Nhập {n} gói” để nhập.").format(n=n)
                if n
                else self.tr("Không có gói nào cần nhập.")
            )
        else:
            done = self.tr("Đã nhập xong. Xem “Tình hình nộp” để biết đơn vị nào còn thiếu.")
            if self.receipt_btn.slots:  # the next step at the office: acknowledge what arrived
                done += " " + self.tr("Gửi biên nhận cho các đơn vị bằng nút “Lập biên nhận…”.")
            self.status.setText(done)
            self.ctx.hub.imports_changed.emit()
            self.ctx.hub.status_message.emit(intake.summary_text(outcomes))
            self.load_log()
        self._update_buttons()
        (self.preview_ready if self.previewing else self.import_done).emit()

    def _failed(self, _code: str, message: str) -> None:
        self.running = False
        self.progress.hide()
        self.status.setText(self.tr("Không thực hiện được: {msg}").format(msg=message))
        self._update_buttons()

    def clear(self) -> None:
        self.paths, self.outcomes = [], []
        self.key_btn.reset()
        self.receipt_btn.update_for([])
        self.table.setRowCount(0)
        self.list_stack.setCurrentWidget(self.drop_zone)
        self.summary.clear()
        self.status.clear()
        self._update_buttons()

    def _storable(self) -> int:
        return sum(1 for o in self.outcomes if o.stored) if self.previewing else 0

    def _update_buttons(self) -> None:
        n = self._storable()
        self.confirm_btn.setText(self.tr("Nhập {n} gói").format(n=n) if n else self.tr("Nhập"))
        busy = self.tr("Đang đọc hoặc nhập gói, chờ xong đã.")
        nothing = self.tr("Chưa có gói mới nào để nhập: kéo thả tệp .dvcq vào đây hoặc bấm “Chọn tệp…”.")
        set_enabled_why(self.confirm_btn, not self.running and n > 0, busy if self.running else nothing)
        empty = self.tr("Danh sách đang trống.")
        set_enabled_why(
            self.clear_btn, not self.running and bool(self.outcomes), busy if self.running else empty
        )
        for b in (self.files_btn, self.folder_btn, self.usb_btn):
            set_enabled_why(b, not self.running, busy)

    # ---- tables ---------------------------------------------------------------------------
    def fill(self, outcomes: list[ImportOutcome]) -> None:
        t = self.table
        t.setRowCount(len(outcomes))
        for row, o in enumerate(outcomes):
            unit = o.unit_name or o.unit_code or ""
            values = (
                o.file.name,
                unit,
                period_label(self.ctx, o.period_id),
                cell(o.revision),
                intake.outcome_label(o.outcome),
                o.message,
            )
            bg, fg = brush_pair(OUTCOME_COLORS[o.outcome])
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(str(o.file) if col == 0 else text)
                if col == 4:
                    item.setBackground(bg)
                    item.setForeground(fg)
                    item.setData(Qt.ItemDataRole.UserRole, o.outcome)
                if col == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                t.setItem(row, col, item)
        self._widths(t, (280, 170, 100, 70, 170))
        self.list_stack.setCurrentWidget(t if outcomes else self.drop_zone)
        self.tabs.setCurrentIndex(0)

    @staticmethod
    def _widths(t: QTableWidget, widths: tuple[int, ...]) -> None:
        for col, w in enumerate(widths):
            t.setColumnWidth(col, w)

    def load_log(self) -> None:
        rows = repo.import_log(self.ctx.workspace.db, limit=500)
        t = self.log_table
        t.setRowCount(len(rows))
        names = {u.code: u.name for u in self.ctx.workspace.catalog.units}
        for i, r in enumerate(rows):
            outcome = r.get("outcome") or "rejected"
            when = format_datetime(clock.parse_iso(r["at"])) if r.get("at") else ""
            values = (
                when,
                Path(r.get("file_path") or "").name,
                names.get(r.get("unit_code") or "", r.get("unit_code") or ""),
                cell(r.get("revision")),
                intake.outcome_label(outcome) if outcome in intake.OUTCOMES else outcome,
                r.get("message") or "",
                (r.get("file_sha256") or "")[:16],
            )
            bg, fg = brush_pair(OUTCOME_COLORS.get(outcome, ("#ffffff", "#111111")))
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip((r.get("file_path") or "") if col == 1 else text)
                if col == 4:
                    item.setBackground(bg)
                    item.setForeground(fg)
                t.setItem(i, col, item)
        self._widths(t, (130, 220, 160, 60, 160, 420))
