"""Backup now and restore, as the Cài đặt page offers them.

A backup runs on a worker with its own connection (the SQLite backup API copies page by page and
reports progress). A restore must replace the database file, so the open workspace is closed
first (after running tasks finished), the file is restored by the same use case as `dvcq restore`,
and the workspace is opened again and put back into the shared context; the launcher then
rebuilds the main window (`Hub.workspace_replaced`), since pages keep handles on the old one.
The backup is validated *before* anything is closed, so a bad file changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.services.setup import restore_workspace
from dvcq_desktop.storage import backups
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.workers import Progress, TaskSignals, in_worker

log = logging.getLogger(__name__)

MANUAL_KIND = "thu-cong"


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupActions", text)


def backup_now(
    ctx: AppContext,
    *,
    on_done: Callable[[Path], None] | None = None,
    on_error: Callable[[str, str], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    dest: Path | None = None,
) -> TaskSignals:
    ws = ctx.workspace
    target = dest or ws.backups_dir / backups.backup_name(MANUAL_KIND)

    def work(wws: Workspace, progress: Progress) -> Path:
        made = backups.backup_to(wws.db, target, progress)
        if dest is None:  # the workspace's own backup also goes to the second destination
            backups.mirror_backup(made, backups.mirror_dir_of(wws.db))
        return made

    return ctx.tasks.start(in_worker(ws, work), on_done=on_done, on_error=on_error, on_progress=on_progress)


def confirm_restore(path: Path, parent: QWidget | None) -> bool:
    text = _tr(
        "Khôi phục dữ liệu từ bản sao lưu:\n{path}\n\n"
        "Toàn bộ dữ liệu hiện tại (hoạt động, chỉ tiêu, báo cáo) sẽ được thay bằng nội dung "
        "của bản sao lưu này. Dữ liệu hiện tại không mất: chương trình giữ một bản trong thư mục "
        "sao lưu trước khi khôi phục.\n\nChương trình sẽ đóng dữ liệu đang mở, khôi phục rồi mở lại; "
        "các trang được tải lại theo dữ liệu đã khôi phục. Tiếp tục?"
    ).format(path=str(path))
    answer = QMessageBox.question(
        parent,
        _tr("Khôi phục dữ liệu"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def restore_into_context(ctx: AppContext, path: Path) -> Path:
    """Close, restore, reopen; returns where the replaced database was kept. Qt-dialog free (tested).

    Raises DvcqError when the backup is not usable (nothing closed then) or when the restored
    data cannot be opened (the previous database is then put back and reopened).
    """
    backups.validate_backup(path)
    ctx.hub.workspace_closing.emit()  # pending edits are written first, so the kept copy has them
    ctx.tasks.wait(30000)  # no worker may hold a connection while the file is replaced
    old = ctx.workspace
    root = old.root
    old.close()
    try:
        try:
            kept = restore_workspace(root, path)
        except BaseException:
            ctx.workspace = Workspace.open(root, auto_backup=False)
            raise
        try:
            ctx.workspace = Workspace.open(root, auto_backup=False)
        except DvcqError:
            log.exception("restored database does not open; putting the previous one back")
            restore_workspace(root, kept)
            ctx.workspace = Workspace.open(root, auto_backup=False)
            raise
    finally:
        # Reopened (restored or not) as a new object: pages holding the old one must be rebuilt.
        if ctx.workspace is not old:
            ctx.hub.workspace_replaced.emit()
    hub = ctx.hub  # the launcher gives the rebuilt window a fresh hub
    for signal in (
        hub.settings_changed,
        hub.activities_changed,
        hub.indicators_changed,
        hub.report_changed,
        hub.exports_changed,
    ):
        signal.emit()
    return kept


def request_restore(ctx: AppContext, path: Path, parent: QWidget | None, *, confirm: bool = True) -> bool:
    """The GUI flow: explain and confirm, restore, report the outcome in Vietnamese."""
    if confirm and not confirm_restore(path, parent):
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        kept = restore_into_context(ctx, path)
    except (DvcqError, OSError) as exc:
        QApplication.restoreOverrideCursor()
        log.warning("restore from %s failed: %r", path, exc)
        QMessageBox.warning(parent, _tr("Chưa khôi phục được"), user_message(exc))
        return False
    QApplication.restoreOverrideCursor()
    ctx.hub.status_message.emit(
        _tr("Đã khôi phục dữ liệu từ {path}. Dữ liệu cũ được giữ tại {kept}.").format(
            path=path.name, kept=str(kept)
        )
    )
    return True
