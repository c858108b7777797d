"""The dialog to add or edit one activity: the form, its attachments, and a crash-proof draft.

While the dialog is open its state is written to the `drafts` table shortly after each edit, so
a crash or power cut loses no typing; reopening the same activity (or a new one) offers it back.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.records import Activity, AttachmentRef
from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.package.limits import DEFAULT_LIMITS
from dvcq_desktop.services.activity_save import save_activity
from dvcq_desktop.storage import activities, attachments, drafts
from dvcq_desktop.storage import tasks as task_repo
from dvcq_desktop.text import format_datetime
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.widgets import set_enabled_why
from dvcq_desktop.ui.common.workers import in_worker
from dvcq_desktop.ui.unit.activity_form import ActivityForm

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 800


def draft_key(activity_id: str | None) -> str:
    return f"activity_editor:{activity_id or 'new'}"


class ActivityEditor(QDialog):
    def __init__(
        self, ctx: AppContext, activity_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ws = ctx.workspace
        self.is_new = activity_id is None
        self.key = draft_key(activity_id)
        period = ws.period
        if activity_id is None:
            # Today, pulled into the period's data window so a new entry counts by default.
            day = min(max(clock.today(), period.start), period.end)
            self.base = Activity(
                id=activities.new_id(), area_id=ws.plan.areas[0].id, type_id="", title="", start_date=day
            )
        else:
            self.base = activities.get(ws.db, activity_id)
        self.setWindowTitle(self.tr("Thêm hoạt động") if self.is_new else self.tr("Sửa hoạt động"))
        self.form = ActivityForm(ws.plan, period, tasks=task_repo.list_tasks(ws.db, ws.plan.id, period.id))
        self.form.set_activity(self.base)
        self._stored: list[AttachmentRef] = list(self.base.attachments)
        self._removed: set[str] = set()
        self._pending: list[Path] = []
        self.dirty = False

        self._saving = False
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self._build_draft_bar())
        lay.addWidget(self.form, 1)
        self.form.add_to_left(self._build_attachments())
        lay.addWidget(self.error_label)
        lay.addLayout(self._build_buttons())

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self.form.changed.connect(self._on_change)
        self.save_btn.clicked.connect(self.save)
        self.cancel_btn.clicked.connect(self.reject)
        self.att_open.clicked.connect(self.open_attachment)
        self.att_remove.clicked.connect(self.remove_attachment)
        self.att_list.currentRowChanged.connect(lambda _r: self._update_att_buttons())
        self.draft_restore_btn.clicked.connect(self.restore_draft)
        self.draft_discard_btn.clicked.connect(self.discard_draft)
        # One shortcut only: StandardKey.Save is Ctrl+S too, and two shortcuts on one key are
        # "ambiguous" to Qt, which then runs neither.
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        self._refresh_attachments()
        self._offer_draft()
        from dvcq_desktop.ui.common.screen_fit import fit_dialog

        fit_dialog(self, self.sizeHint().expandedTo(QSize(820, 640)))  # Lưu/Hủy stay on screen
        self.form.edits["title"].setFocus()

    def _build_draft_bar(self) -> QFrame:
        """Offers an unsaved draft of this activity found from an earlier session."""
        self.draft_bar = QFrame()
        self.draft_bar.setObjectName("draftBar")
        self.draft_label = QLabel()
        self.draft_restore_btn = QPushButton(self.tr("Khôi phục"))
        self.draft_discard_btn = QPushButton(self.tr("Bỏ bản nháp"))
        db_lay = QHBoxLayout(self.draft_bar)
        db_lay.setContentsMargins(10, 4, 6, 4)
        db_lay.addWidget(self.draft_label, 1)
        db_lay.addWidget(self.draft_restore_btn)
        db_lay.addWidget(self.draft_discard_btn)
        self.draft_bar.hide()
        return self.draft_bar

    def _build_attachments(self) -> QGroupBox:
        self.att_list = QListWidget()
        self.att_list.setObjectName("attachmentList")
        self.att_list.setMinimumHeight(90)
        self.att_add = att_add = QPushButton(self.tr("Thêm tệ&p…"))
        att_add.clicked.connect(self._choose_files)
        self.att_open = QPushButton(self.tr("Mở"))
        self.att_remove = QPushButton(self.tr("Gỡ"))
        att_box = QGroupBox(self.tr("Tệp đính kèm"))
        ab = QHBoxLayout(att_box)
        ab.addWidget(self.att_list, 1)
        col = QVBoxLayout()
        for b in (att_add, self.att_open, self.att_remove):
            col.addWidget(b)
        col.addStretch(1)
        ab.addLayout(col)
        return att_box

    def _build_buttons(self) -> QHBoxLayout:
        self.save_btn = QPushButton(self.tr("&Lưu (Ctrl+S)"))
        self.save_btn.setObjectName("primary")
        self.save_btn.setDefault(True)
        self.cancel_btn = QPushButton(self.tr("&Hủy"))
        # Shown while new attachments are copied in on a worker (a video from a USB stick).
        self.copy_progress = QProgressBar()
        self.copy_progress.setObjectName("attachmentCopyProgress")
        self.copy_progress.setFormat(self.tr("Đang chép tệp đính kèm… %p%"))
        self.copy_progress.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_progress, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_btn)
        buttons.addWidget(self.save_btn)
        return buttons

    # ---- drafts --------------------------------------------------------------------------
    def _offer_draft(self) -> None:
        found = drafts.load(self.ctx.workspace.db, self.key)
        if found is None:
            return
        self._draft, when = found
        self.draft_label.setText(
            self.tr("Có bản nháp chưa lưu lúc {when}. Khôi phục bản nháp chưa lưu?").format(
                when=format_datetime(when)
            )
        )
        self.draft_bar.show()

    def restore_draft(self) -> None:
        state: dict[str, Any] = getattr(self, "_draft", {})
        self.form.set_state(state.get("form", {}))
        self._pending = [Path(p) for p in state.get("pending_files", []) if Path(p).is_file()]
        self._removed = set(state.get("removed", []))
        self._refresh_attachments()
        self.draft_bar.hide()
        self._on_change()

    def discard_draft(self) -> None:
        drafts.delete(self.ctx.workspace.db, self.key)
        self.draft_bar.hide()

    def draft_state(self) -> dict[str, Any]:
        return {
            "form": self.form.state(),
            "pending_files": [str(p) for p in self._pending],
            "removed": sorted(self._removed),
            "activity_id": None if self.is_new else self.base.id,
        }

    def save_draft(self) -> None:
        if not self.dirty:
            return
        try:
            drafts.save(self.ctx.workspace.db, self.key, self.draft_state())
        except Exception:  # noqa: BLE001 - a failed draft must never interrupt typing
            log.warning("draft not saved", exc_info=True)

    def _on_change(self) -> None:
        self.dirty = True
        self._draft_timer.start()

    # ---- attachments ---------------------------------------------------------------------
    def _refresh_attachments(self) -> None:
        self.att_list.clear()
        for ref in self._stored:
            if ref.sha256 not in self._removed:
                item = QListWidgetItem(f"{ref.name}  ({max(1, ref.size // 1024)} KB)")
                item.setData(Qt.ItemDataRole.UserRole, ("stored", ref.sha256))
                self.att_list.addItem(item)
        for p in self._pending:
            item = QListWidgetItem(self.tr("{name}  (chưa lưu)").format(name=p.name))
            item.setData(Qt.ItemDataRole.UserRole, ("pending", str(p)))
            self.att_list.addItem(item)
        self._update_att_buttons()

    def _update_att_buttons(self) -> None:
        has = self.att_list.currentItem() is not None
        why = self.tr("Chọn một tệp trong danh sách đính kèm trước.")
        set_enabled_why(self.att_open, has, why)
        set_enabled_why(self.att_remove, has, why)

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn tệp đính kèm"))
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        """Files are copied into the workspace on save, so Hủy leaves nothing behind."""
        for p in paths:
            try:  # refused when chosen (a link, a device, over the package's size limit)
                with attachments.open_regular(p, DEFAULT_LIMITS.max_attachment_size):
                    pass
            except (DvcqError, OSError) as exc:
                self._show_error(user_message(exc))
                continue
            if p not in self._pending:
                self._pending.append(p)
        self._refresh_attachments()
        self._on_change()

    def remove_attachment(self) -> None:
        item = self.att_list.currentItem()
        if item is None:
            return
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        if kind == "stored":
            self._removed.add(value)
        else:
            self._pending = [p for p in self._pending if str(p) != value]
        self._refresh_attachments()
        self._on_change()

    def open_attachment(self) -> None:
        item = self.att_list.currentItem()
        if item is None:
            return
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        try:
            if kind == "pending":
                path = Path(value)
            else:
                ref = next(r for r in self._stored if r.sha256 == value)
                # A private copy with the original name: the viewer shows a sensible title, and
                # editing it cannot alter the content-addressed original.
                path = attachments.private_copy(self.ctx.workspace.attachments_dir, ref)
        except Exception as exc:  # noqa: BLE001 - one Vietnamese line, details in the log
            log.warning("cannot open attachment", exc_info=True)
            self._show_error(user_message(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # ---- save / cancel -------------------------------------------------------------------
    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def save(self) -> None:
        if self._saving or not self.form.check():
            return
        ws = self.ctx.workspace
        a = replace(self.form.activity(self.base), attachments=())
        removed, pending = set(self._removed), list(self._pending)
        if not pending:
            # Nothing to copy: a row and a few links are saved faster than a thread starts.
            try:
                saved = save_activity(ws, a, removed=removed)
            except Exception as exc:  # noqa: BLE001 - shown inline; the draft keeps the typing
                log.warning("save failed", exc_info=True)
                self._show_error(user_message(exc))
                return
            self._saved(saved)
            return
        self._set_saving(True)
        self.ctx.tasks.start(
            in_worker(
                ws,
                lambda wws, progress: save_activity(
                    wws, a, removed=removed, pending=pending, progress=progress
                ),
            ),
            on_done=self._saved,
            on_error=self._save_failed,
            on_progress=self._copy_progressed,
        )

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self._draft_timer.stop()
        self._show_error("")
        for w in (self.form, self.save_btn, self.cancel_btn, self.draft_bar, self.att_list):
            w.setEnabled(not saving)
        self.copy_progress.setRange(0, 0)  # busy until the first report gives the size
        self.copy_progress.setVisible(saving)

    def _copy_progressed(self, done: int, total: int, _name: str) -> None:
        self.copy_progress.setRange(0, max(total, 1))
        self.copy_progress.setValue(min(done, max(total, 1)))

    def _save_failed(self, _code: str, message: str) -> None:
        self._set_saving(False)
        self._show_error(message)  # the dialog stays open; the draft keeps the typing

    def _saved(self, saved: Activity) -> None:
        self._saving = False
        self._finish()
        self.ctx.hub.activities_changed.emit()
        self.ctx.hub.status_message.emit(self.tr("Đã lưu hoạt động “{title}”.").format(title=saved.title))
        super().accept()

    def _finish(self) -> None:
        self._draft_timer.stop()
        self.dirty = False
        try:
            drafts.delete(self.ctx.workspace.db, self.key)
        except Exception:  # noqa: BLE001
            log.warning("draft not deleted", exc_info=True)

    def confirm_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Bỏ thay đổi?"),
            self.tr("Các thay đổi chưa được lưu. Bỏ các thay đổi này?"),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        discard = box.addButton(self.tr("Bỏ thay đổi"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Tiếp tục sửa"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is discard

    def reject(self) -> None:
        if self._saving:
            return  # the copy finishes and the dialog closes itself; Esc must not orphan it
        if self.dirty and not self.confirm_discard():
            return
        self._finish()
        super().reject()
