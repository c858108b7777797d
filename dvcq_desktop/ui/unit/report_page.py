"""Báo cáo: write the narrative, fill in the document's số/ngày/người ký, preview, create Word and Excel.

Nothing typed is lost: every edit is saved about a second after the officer stops typing, and
at once when they move to another section, leave the page or quit. The preview draws the same
document model the Word file is written from, so what is seen is what will be printed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QHideEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.errors import user_message
from dvcq_desktop.reports.build_unit import build_unit_report, draft_sentences
from dvcq_desktop.storage import report_data
from dvcq_desktop.storage.snapshot import load_submission
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.report_files import default_name, with_suffix, write_report_file
from dvcq_desktop.ui.common.widgets import page_title
from dvcq_desktop.ui.unit.report_meta_form import DocumentMetaForm
from dvcq_desktop.ui.unit.report_preview import ReportPreview
from dvcq_desktop.ui.unit.report_sections import NarrativeEditors, outline_sections

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 1000
PREVIEW_DELAY_MS = 600
META_TARGETS = ("meta", "document", "signer")


class ReportPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ws = ctx.workspace
        self.plan = ws.plan
        self._dirty: set[str] = set()
        self._meta_dirty = False
        self._busy = False
        self.last_file: Path | None = None

        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.preview_pane = ReportPreview(
            lambda: build_unit_report(load_submission(self.ctx.workspace), self.plan)
        )
        self.preview = self.preview_pane.browser

        head, result_bar = self._build_head(), self._build_result_bar()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._build_editors())
        self.splitter.addWidget(self.preview_pane)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([620, 540])

        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 14, 18, 10)
        lay.addLayout(head)
        lay.addWidget(result_bar)
        lay.addWidget(self.splitter, 1)
        self._narrow: bool | None = None

        for sig in (ctx.hub.activities_changed, ctx.hub.indicators_changed, ctx.hub.settings_changed):
            sig.connect(self._data_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        self.load()

    # ---- layout ----------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        """Editors and preview side by side when both are readable; on a small screen or at a
        large font the preview becomes a third tab instead of squeezing all three panes."""
        narrow = self.width() < self.fontMetrics().horizontalAdvance("M") * 75
        if narrow == self._narrow:
            return
        self._narrow = narrow
        if narrow:
            self.tabs.addTab(self.preview_pane, self.tr("Xem trước"))
        else:
            self.tabs.removeTab(self.tabs.indexOf(self.preview_pane))
            self.splitter.addWidget(self.preview_pane)
            self.splitter.setSizes([620, 540])
            self.preview_pane.show()  # the tab stack had hidden it

    def _build_head(self) -> QHBoxLayout:
        title = page_title(self.tr("Báo cáo"))
        self.period_label = QLabel()
        self.period_label.setStyleSheet("color: #5b6b7a;")
        self.word_btn = QPushButton(self.tr("Tạo tệp &Word"))
        self.word_btn.setObjectName("primary")
        self.word_btn.setToolTip(self.tr("Tạo báo cáo theo thể thức Nghị định 30/2020/NĐ-CP (.docx)"))
        self.word_btn.clicked.connect(lambda _c=False: self.create_file("docx"))
        self.excel_btn = QPushButton(self.tr("Tạo tệp &Excel"))
        self.excel_btn.setToolTip(self.tr("Tạo phụ lục số liệu chỉ tiêu và danh sách hoạt động (.xlsx)"))
        self.excel_btn.clicked.connect(lambda _c=False: self.create_file("xlsx"))
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.period_label)
        head.addStretch(1)
        head.addWidget(self.word_btn)
        head.addWidget(self.excel_btn)
        return head

    def _build_result_bar(self) -> QFrame:
        """Shown after a file is written: where it is, and the two things one does next."""
        self.result_bar = QFrame()
        self.result_bar.setObjectName("draftBar")
        self.result_label = QLabel()
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_btn = QPushButton(self.tr("&Mở tệp"))
        self.open_btn.clicked.connect(lambda _c=False: self.open_file())
        self.folder_btn = QPushButton(self.tr("Mở t&hư mục"))
        self.folder_btn.clicked.connect(lambda _c=False: self.open_folder())
        close_btn = QPushButton("✕")
        close_btn.setFlat(True)
        close_btn.setToolTip(self.tr("Ẩn"))
        close_btn.clicked.connect(lambda _c=False: self.result_bar.hide())
        rb = QHBoxLayout(self.result_bar)
        rb.setContentsMargins(10, 4, 6, 4)
        rb.addWidget(self.result_label, 1)
        rb.addWidget(self.open_btn)
        rb.addWidget(self.folder_btn)
        rb.addWidget(close_btn)
        self.result_bar.hide()
        return self.result_bar

    def _build_editors(self) -> QTabWidget:
        self.sections = NarrativeEditors(outline_sections(self.plan))
        self.sections.edited.connect(self._narrative_edited)
        self.sections.section_left.connect(lambda _sid: self.flush())
        self.sections.suggest_requested.connect(self.suggest)
        self.sections.set_saved_text(
            self.tr("Chế độ chỉ xem: nội dung không sửa được.")
            if self.ctx.workspace.read_only
            else self.tr("Nội dung được lưu tự động.")
        )
        self.meta_form = DocumentMetaForm()
        self.meta_form.changed.connect(self._meta_edited)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.sections, self.tr("Nội dung báo cáo"))
        self.tabs.addTab(self.meta_form, self.tr("Thông tin văn bản"))
        self.tabs.currentChanged.connect(lambda _i: self.flush())
        return self.tabs

    # ---- loading -------------------------------------------------------------------------
    def _ids(self) -> tuple[str, str]:
        ws = self.ctx.workspace
        return self.plan.id, ws.period.id

    def _stored_meta(self) -> Any:
        ws = self.ctx.workspace
        plan_id, period_id = self._ids()
        return report_data.document_meta(
            ws.db, plan_id, period_id, ws.setting("doc_defaults", {}) or {}, ws.setting("signer", {}) or {}
        )

    def load(self) -> None:
        """Fill editors and form from the database, keeping any edit not saved yet."""
        plan_id, period_id = self._ids()
        self.period_label.setText(self.ctx.workspace.period.label)
        self.sections.set_texts(
            report_data.narratives(self.ctx.workspace.db, plan_id, period_id), skip=set(self._dirty)
        )
        if not self._meta_dirty:
            self.meta_form.set_meta(self._stored_meta())
            self.meta_form.set_plan_ref(self.ctx.workspace.setting("plan_ref", {}) or {})
        self.refresh_preview()

    def refresh(self) -> None:
        self.flush()
        try:
            self.load()
        except Exception as exc:  # noqa: BLE001 - one Vietnamese line, details in the log
            log.exception("report page reload failed")
            self.ctx.hub.status_message.emit(user_message(exc))

    def focus_target(self, target: object) -> None:
        """A narrative section id ("II.2") opens its editor; "meta"/"signer" the document form."""
        if isinstance(target, str) and target in META_TARGETS:
            self.tabs.setCurrentWidget(self.meta_form)
            self.meta_form.number_edit.setFocus()
        elif isinstance(target, str) and self.sections.select(target):
            self.tabs.setCurrentWidget(self.sections)
            self.sections.current_editor().setFocus()

    # ---- saving --------------------------------------------------------------------------
    def _narrative_edited(self, section_id: str) -> None:
        self._dirty.add(section_id)
        self.sections.set_saved_text(self.tr("Đang chờ lưu…"))
        self._save_timer.start()

    def _meta_edited(self) -> None:
        self._meta_dirty = True
        self.sections.set_saved_text(self.tr("Đang chờ lưu…"))
        self._save_timer.start()

    def has_unsaved(self) -> bool:
        return bool(self._dirty) or self._meta_dirty

    def flush(self) -> bool:
        """Save every pending edit now; True when nothing is left unsaved."""
        self._save_timer.stop()
        if not self.has_unsaved():
            return True
        db = self.ctx.workspace.db
        plan_id, period_id = self._ids()
        try:
            for sid in sorted(self._dirty):
                report_data.set_narrative(db, plan_id, period_id, sid, self.sections.text(sid))
                self._dirty.discard(sid)
            if self._meta_dirty:
                report_data.set_document_meta(db, plan_id, period_id, self.meta_form.meta())
                self.ctx.workspace.set_setting("plan_ref", self.meta_form.plan_ref())
                self._meta_dirty = False
        except Exception as exc:  # noqa: BLE001 - keep the edits on screen and say so
            log.exception("saving the report failed")
            msg = user_message(exc)
            self.sections.set_saved_text(self.tr("Chưa lưu được: {msg}").format(msg=msg), error=True)
            self.ctx.hub.status_message.emit(msg)
            self._save_timer.start(5000)  # try again; the text stays in the editor meanwhile
            return False
        self.sections.set_saved_text(
            self.tr("Đã lưu lúc {time}").format(time=clock.now().strftime("%H:%M:%S"))
        )
        self.ctx.hub.report_changed.emit()
        self._preview_timer.start()
        return True

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def _data_changed(self) -> None:
        if self.isVisible():
            self._preview_timer.start()

    # ---- preview -------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        self._preview_timer.stop()
        self.preview_pane.refresh()

    def preview_html(self) -> str:
        return self.preview.toHtml()

    # ---- "Gợi ý từ dữ liệu" --------------------------------------------------------------
    def suggest(self, section_id: str) -> None:
        try:
            text = draft_sentences(load_submission(self.ctx.workspace), self.plan, section_id)
        except Exception as exc:  # noqa: BLE001 - one Vietnamese line, details in the log
            log.exception("drafting %s failed", section_id)
            self.ctx.hub.status_message.emit(user_message(exc))
            return
        if not text.strip():
            self.ctx.hub.status_message.emit(self.tr("Chưa có dữ liệu để gợi ý cho phần này."))
            return
        replace = True
        if self.sections.editors[section_id].toPlainText().strip():
            choice = self._ask_merge()
            if choice is None:
                return
            replace = choice == "replace"
        self.sections.insert_suggestion(section_id, text, replace=replace)

    def _ask_merge(self) -> str | None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Gợi ý từ dữ liệu"),
            self.tr("Phần này đã có nội dung. Thay bằng câu gợi ý hay thêm vào cuối?"),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("suggestMergeBox")
        append = box.addButton(self.tr("Thêm vào cuối"), QMessageBox.ButtonRole.AcceptRole)
        replace = box.addButton(self.tr("Thay thế"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(append)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "append" if clicked is append else "replace" if clicked is replace else None

    # ---- files ---------------------------------------------------------------------------
    def _default_path(self, kind: str) -> Path:
        ws = self.ctx.workspace
        folder = Path.home() if ws.read_only else ws.exports_dir  # viewing only: the folder takes no file
        return folder / default_name(kind, ws.own_unit.name, ws.period.id)

    def create_file(self, kind: str) -> None:
        """Ask where to save (default: the workspace's exports folder), then write in the background."""
        caption = self.tr("Lưu báo cáo Word") if kind == "docx" else self.tr("Lưu phụ lục Excel")
        filt = self.tr("Tài liệu Word (*.docx)") if kind == "docx" else self.tr("Bảng tính Excel (*.xlsx)")
        path, _f = QFileDialog.getSaveFileName(self, caption, str(self._default_path(kind)), filt)
        if path:
            self.generate(kind, with_suffix(Path(path), kind))

    def generate(self, kind: str, out: Path) -> None:
        if self._busy:
            return
        if not self.flush():
            return  # never write a file that lacks what is on screen
        self._set_busy(True)
        ws = self.ctx.workspace
        period_id = ws.period.id
        self.ctx.tasks.start(
            lambda progress: write_report_file(ws, kind, out, period_id, progress),
            on_done=self._generated,
            on_error=self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.word_btn.setEnabled(not busy)
        self.excel_btn.setEnabled(not busy)

    def _generated(self, path: object) -> None:
        self._set_busy(False)
        self.last_file = Path(str(path))
        what = (
            self.tr("báo cáo Word") if self.last_file.suffix.lower() == ".docx" else self.tr("phụ lục Excel")
        )
        self.result_label.setText(self.tr("Đã tạo {what}: {path}").format(what=what, path=self.last_file))
        self.result_label.setStyleSheet("")
        self.open_btn.setVisible(True)
        self.folder_btn.setVisible(True)
        self.result_bar.show()
        self.ctx.hub.status_message.emit(self.tr("Đã tạo {name}").format(name=self.last_file.name))

    def _failed(self, _code: str, message: str) -> None:
        self._set_busy(False)
        self.result_label.setText(self.tr("Không tạo được tệp: {msg}").format(msg=message))
        self.result_label.setStyleSheet("color: #b3261e;")
        self.open_btn.setVisible(False)
        self.folder_btn.setVisible(False)
        self.result_bar.show()

    def open_file(self) -> None:
        if self.last_file and self.last_file.exists():
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_file))):
                self.ctx.hub.status_message.emit(self.tr("Không có chương trình nào mở được tệp này."))

    def open_folder(self) -> None:
        folder = self.last_file.parent if self.last_file else self.ctx.workspace.exports_dir
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
