"""Nộp báo cáo: checklist → destination (USB first) → export with read-back → email draft → history.

Success is shown only when the export use case returns, i.e. after the package was read back from
the destination and verified (reliability.md T6); any failure shows its Vietnamese message and no
success. The export runs on a worker with its own database connection.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QDir, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.package import WrittenPackage
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.precheck import ERROR, CheckItem, has_errors, precheck
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common import destinations as dst
from dvcq_desktop.ui.common import read_only
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.style import ERROR as RED
from dvcq_desktop.ui.common.widgets import page_head, set_enabled_why
from dvcq_desktop.ui.common.workers import Progress, in_worker
from dvcq_desktop.ui.unit.checklist_view import GREEN, ChecklistSummary, ChecklistView
from dvcq_desktop.ui.unit.destination_box import LAST_DIR_KEY, DestinationBox
from dvcq_desktop.ui.unit.email_compose import open_email_draft
from dvcq_desktop.ui.unit.export_history import ExportHistoryTable

log = logging.getLogger(__name__)

SUCCESS_TEXT = "Đã xuất và kiểm tra xong — có thể rút USB."


class SubmitPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[CheckItem] = []
        self.last_written: WrittenPackage | None = None
        self.running = False
        self._stale = True
        self._checked_at = 0.0

        self.dest_box = DestinationBox(ctx, self.tr("2. Nơi lưu gói báo cáo"))
        self.dest_box.changed.connect(self._update_buttons)
        right = QVBoxLayout()
        right.addWidget(self.dest_box)
        right.addWidget(self._build_export_box(), 1)
        # Side by side on a wide window; on a small screen or at a large font the three steps
        # stack and the page scrolls (see _reflow).
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.check_box = self._build_checklist_box()
        self.top.addWidget(self.check_box, 3)
        self.top.addLayout(right, 2)

        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(18, 14, 18, 10)
        lay.addLayout(self._build_head())
        lay.addLayout(self.top, 1)
        lay.addWidget(self._build_history_box())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        for sig in (
            ctx.hub.activities_changed,
            ctx.hub.indicators_changed,
            ctx.hub.report_changed,
            ctx.hub.settings_changed,
        ):
            sig.connect(self._data_changed)
        ctx.hub.exports_changed.connect(self.load_history)
        self._reset_run_view()
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        fm = self.fontMetrics()
        narrow = self.width() < fm.horizontalAdvance("M") * 80
        self.top.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        self.check_box.setMinimumHeight(fm.height() * 14 if narrow else 0)

    def _build_head(self) -> QHBoxLayout:
        self.period_label = QLabel()
        return page_head(self.tr("Nộp báo cáo"), self.period_label)

    def _build_checklist_box(self) -> QGroupBox:
        self.summary = ChecklistSummary()
        self.checklist = ChecklistView()
        self.checklist.fix_requested.connect(self.fix)
        check_box = QGroupBox(self.tr("1. Kiểm tra trước khi xuất"))
        cl = QVBoxLayout(check_box)
        cl.addWidget(self.summary)
        cl.addWidget(self.checklist, 1)
        return check_box

    def _build_export_box(self) -> QGroupBox:
        self.export_btn = self._button(
            self.tr("&Xuất gói báo cáo"),
            self.export,
            self.tr("Lập báo cáo Word, Excel và gói .dvcq, ghi ra nơi đã chọn rồi đọc lại để kiểm tra"),
        )
        self.export_btn.setObjectName("primary")
        self.export_btn.setMinimumHeight(34)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {RED}; font-weight: 600;")
        self.result_frame = QFrame()
        self.result_frame.setObjectName("resultFrame")
        self.result_frame.setStyleSheet(
            "QFrame#resultFrame { background: #e7f4ea; border: 1px solid #a9d5b4; border-radius: 5px; }"
        )
        self.success_label = QLabel()
        self.success_label.setStyleSheet(f"color: {GREEN}; font-weight: 600;")
        self.success_label.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_btn = self._button(
            self.tr("Mở thư mục"), self.open_folder, self.tr("Mở thư mục chứa gói vừa xuất")
        )
        self.email_btn = self._button(
            self.tr("Soạn email"),
            self.compose_email,
            self.tr("Soạn thư gửi cơ quan tiếp nhận, đã đính kèm gói"),
        )
        rl = QVBoxLayout(self.result_frame)
        rl.addWidget(self.success_label)
        rl.addWidget(self.result_label)
        rb = QHBoxLayout()
        rb.addWidget(self.open_btn)
        rb.addWidget(self.email_btn)
        rb.addStretch(1)
        rl.addLayout(rb)
        export_box = QGroupBox(self.tr("3. Xuất và gửi"))
        el = QVBoxLayout(export_box)
        el.addWidget(self.export_btn)
        el.addWidget(self.progress)
        el.addWidget(self.progress_label)
        el.addWidget(self.error_label)
        el.addWidget(self.result_frame)
        el.addStretch(1)

        return export_box

    def _build_history_box(self) -> QGroupBox:
        self.history_table = ExportHistoryTable(self.ctx)
        history_box = QGroupBox(self.tr("Các lần đã xuất"))
        hl = QVBoxLayout(history_box)
        hl.addWidget(self.history_table)
        history_box.setMaximumHeight(190)
        return history_box

    def _button(self, text: str, slot: object, tip: str) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.clicked.connect(lambda _c=False: slot())  # type: ignore[operator]
        return b

    # ---- refresh -------------------------------------------------------------------------
    def flush(self) -> None:
        """Nothing waits to be written: every change on this page is saved when it is made."""

    def focus_target(self, target: object) -> None:
        """A receipt opened from the file manager is taken here and shows in the export history."""
        if isinstance(target, list) and target and not read_only.refused(self.ctx):  # it is stored
            from dvcq_desktop.services.receipts import take_receipt

            for path in target:
                outcome = take_receipt(self.ctx.workspace, Path(path))
                self.ctx.hub.status_message.emit(outcome.message)
            self.load_history()

    def refresh(self) -> None:
        ws = self.ctx.workspace
        self.period_label.setText(f"{ws.own_unit.name} — {ws.period.label}")
        # The window calls refresh() right after building the page: one check is enough then.
        if self._stale or time.monotonic() - self._checked_at > 2.0:
            self.run_checks()
        self.reload_destinations()
        self.load_history()
        self._stale = False

    def _data_changed(self) -> None:
        if self.isVisible():
            self.run_checks()
        else:
            self._stale = True

    # ---- checklist -----------------------------------------------------------------------
    def run_checks(self) -> None:
        self._checked_at = time.monotonic()
        try:
            self.items = precheck(self.ctx.workspace)
        except Exception:  # noqa: BLE001 - the page must still open; export re-checks anyway
            log.exception("precheck failed")
            self.items = [CheckItem(ERROR, self.tr("Không kiểm tra được dữ liệu; xem nhật ký lỗi."))]
        self.summary.show_items(self.items, viewing_only=self.ctx.workspace.read_only)
        self.checklist.show_items(self.items)
        self._update_buttons()

    def fix(self, index: int) -> None:
        """Open the page and place the item points at ("Sửa")."""
        item = self.items[index]
        if item.target_key:
            self.ctx.hub.navigate.emit(item.target_key, item.target)

    # ---- destination ---------------------------------------------------------------------
    def reload_destinations(self) -> None:
        self.dest_box.reload()

    def destination(self) -> Path | None:
        return self.dest_box.destination()

    def set_destination(self, path: Path) -> None:
        self.dest_box.set_destination(path)

    # ---- export --------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        blocked = has_errors(self.items)
        if self.running:
            why = self.tr("Đang xuất gói, chờ xong đã.")
        elif blocked:
            why = self.tr("Sửa các lỗi trong danh sách kiểm tra trước khi xuất.")
        else:
            why = self.tr("Chọn nơi ghi gói (USB hoặc thư mục) trước khi xuất.")
        set_enabled_why(
            self.export_btn, not self.running and not blocked and self.destination() is not None, why
        )
        self.dest_box.set_running(self.running)

    def _reset_run_view(self) -> None:
        self.progress.hide()
        self.progress_label.hide()
        self.error_label.hide()
        self.result_frame.hide()

    def export(self) -> None:
        dest = self.destination()
        self.run_checks()
        if self.running or dest is None or has_errors(self.items):
            return
        self._reset_run_view()
        self.running = True
        self.progress.setValue(0)
        self.progress.show()
        self.progress_label.show()
        self.progress_label.setText(self.tr("Đang chuẩn bị…"))
        self._update_buttons()

        def task(ws: Workspace, progress: Progress) -> WrittenPackage:
            return export_package(ws, dest, progress=progress)

        self.ctx.tasks.start(
            in_worker(self.ctx.workspace, task),
            on_done=self._export_done,
            on_error=self._export_failed,
            on_progress=self._progress,
        )

    def _progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setValue(int(done * 100 / total))
        if done < total:  # the final "done" line belongs to the result view, shown on return only
            self.progress_label.setText(message)

    def _export_done(self, written: WrittenPackage) -> None:
        self.running = False
        self.last_written = written
        self.progress.hide()
        self.progress_label.hide()
        folder_path = written.path.parent
        try:
            self.ctx.workspace.set_setting(LAST_DIR_KEY, str(folder_path))
        except Exception:  # noqa: BLE001 - remembering the folder is a convenience
            log.warning("could not remember export folder", exc_info=True)
        on_usb = dst.is_removable(str(folder_path.anchor if sys.platform == "win32" else folder_path))
        self.success_label.setText(SUCCESS_TEXT if on_usb else self.tr("Đã xuất và kiểm tra xong."))
        self.result_label.setText(
            self.tr("Lần gửi: {rev}\nTệp: {path}").format(
                rev=written.revision, path=QDir.toNativeSeparators(str(written.path))
            )
        )
        self.result_frame.show()
        self._update_buttons()
        self.ctx.hub.exports_changed.emit()
        self.ctx.hub.status_message.emit(
            self.tr("Đã xuất gói báo cáo lần {rev}.").format(rev=written.revision)
        )

    def _export_failed(self, code: str, message: str) -> None:
        self.running = False
        self.progress.hide()
        self.progress_label.hide()
        self.result_frame.hide()
        self.error_label.setText(self.tr("Chưa xuất được gói: {msg}").format(msg=message))
        self.error_label.show()
        self.run_checks()
        self.reload_destinations()

    # ---- after export --------------------------------------------------------------------
    def open_folder(self) -> None:
        if self.last_written is not None:
            dst.reveal(self.last_written.path)

    def compose_email(self) -> Path | None:
        """Write the .eml draft and open it; fall back to mailto: plus revealing the package."""
        if self.last_written is None:
            return None
        return open_email_draft(self.ctx, self.last_written)

    def load_history(self) -> None:
        self.history_table.load(self.ctx.workspace)
