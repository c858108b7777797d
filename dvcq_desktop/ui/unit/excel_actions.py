"""The two Excel actions of the Hoạt động toolbar: "Tải mẫu Excel" and "Nhập từ Excel".

The activity page calls these functions; reading a workbook runs on a worker thread (a large
sheet takes seconds) with a progress dialog, then the preview dialog decides what is imported.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.services.excel_io import ImportPreview, read_activities
from dvcq_desktop.services.excel_template import write_template
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.workers import TaskSignals
from dvcq_desktop.ui.unit.excel_import_dialog import ExcelImportDialog

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExcelActions", text)


def _documents_dir() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs else Path.home()


def download_template(ctx: AppContext, parent: QWidget | None, path: Path | None = None) -> Path | None:
    """Ask where to save (unless `path` is given), write the template; returns the file or None."""
    if path is None:
        suggested = _documents_dir() / f"mau-nhap-hoat-dong-{ctx.workspace.plan.id}.xlsx"
        chosen, _ = QFileDialog.getSaveFileName(
            parent, _tr("Lưu mẫu Excel"), str(suggested), _tr("Bảng tính Excel (*.xlsx)")
        )
        if not chosen:
            return None
        path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    try:
        write_template(ctx.workspace.plan, path)
    except (DvcqError, OSError) as exc:
        log.warning("template not written to %s: %r", path, exc)
        QMessageBox.warning(parent, _tr("Chưa lưu được mẫu Excel"), user_message(exc))
        return None
    ctx.hub.status_message.emit(_tr("Đã lưu mẫu Excel tại {path}").format(path=str(path)))
    return path


def import_excel(ctx: AppContext, parent: QWidget | None, path: Path | None = None) -> TaskSignals | None:
    """Choose a file (unless `path` is given), read it off the GUI thread, then show the preview.

    Returns the task's signals (tests wait on `done`), or None when the officer cancelled.
    """
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent,
            _tr("Chọn tệp Excel cần nhập"),
            str(_documents_dir()),
            _tr("Bảng tính Excel (*.xlsx);;Tất cả các tệp (*)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
    plan = ctx.workspace.plan
    progress = QProgressDialog(_tr("Đang đọc tệp Excel…"), _tr("Dừng"), 0, 0, parent)
    progress.setObjectName("excel_read_progress")
    progress.setWindowTitle(_tr("Nhập từ Excel"))
    progress.setMinimumDuration(400)  # no flashing dialog for a small file
    stop = threading.Event()  # reading only: stopping leaves nothing to undo
    progress.canceled.connect(stop.set)

    def on_progress(done: int, total: int, message: str) -> None:
        progress.setMaximum(max(total, 0))
        progress.setValue(min(done, total) if total else 0)
        progress.setLabelText(message)

    def on_done(preview: ImportPreview) -> None:
        # hide(), not close(): close() emits `canceled`, which would ask a finished read to stop
        progress.hide()
        dialog = ExcelImportDialog(ctx, preview, parent)
        dialog.setObjectName("excel_import_dialog")
        dialog.open()

    def on_error(code: str, message: str) -> None:
        progress.hide()
        if code == "excel_cancelled":
            ctx.hub.status_message.emit(message)
            return
        QMessageBox.warning(parent, _tr("Không nhập được tệp Excel"), message)

    def work(report: Any) -> ImportPreview:
        return read_activities(path, plan, report, cancelled=stop.is_set)

    return ctx.tasks.start(work, on_done=on_done, on_error=on_error, on_progress=on_progress)
