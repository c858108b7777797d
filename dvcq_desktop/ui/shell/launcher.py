"""From arguments to a window: open the workspace (or run the wizard), show errors in Vietnamese,
and build the context every page receives."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.storage import backups
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.context import AppContext, Hub
from dvcq_desktop.ui.common.screen_fit import fit_dialog, show_main_window
from dvcq_desktop.ui.common.style import apply_font_scale
from dvcq_desktop.ui.common.workers import TaskRunner, in_worker
from dvcq_desktop.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from dvcq_desktop.ui.shell.handoff import HandoffServer
    from dvcq_desktop.ui.wizard.wizard import FirstRunWizard

log = logging.getLogger(__name__)

_TITLES = {
    "db_locked": "Dữ liệu đang được mở ở cửa sổ khác",
    "db_corrupt": "Tệp dữ liệu bị hỏng",
    "db_corrupt_no_backup": "Tệp dữ liệu bị hỏng",
    "db_too_new": "Cần cập nhật phần mềm",
}


def error_dialog_text(exc: BaseException) -> tuple[str, str]:
    """(title, body) of the dialog for an error met while opening a workspace."""
    code = exc.code if isinstance(exc, DvcqError) else "internal"
    title = _TITLES.get(code, "Không mở được dữ liệu")
    return QApplication.translate("Launcher", title), user_message(exc)


def show_open_error(exc: BaseException, root: Path, parent: QWidget | None = None) -> bool:
    """Shows why the workspace did not open; True when a backup was restored (try again)."""
    title, text = error_dialog_text(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    restore = None
    backup = exc.params.get("backup") if isinstance(exc, DvcqError) and exc.code == "db_corrupt" else None
    if backup:
        restore = box.addButton(
            QApplication.translate("Launcher", "Khôi phục từ bản sao lưu"), QMessageBox.ButtonRole.AcceptRole
        )
    box.addButton(QApplication.translate("Launcher", "Đóng"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore is None or box.clickedButton() is not restore:
        return False
    from dvcq_desktop.services.setup import restore_workspace

    try:
        # restore_workspace keeps the damaged file aside; it is never overwritten in place.
        kept = restore_workspace(root, Path(str(backup)))
    except DvcqError as err:
        QMessageBox.warning(parent, title, err.message)
        return False
    from dvcq_desktop.messages import render

    QMessageBox.information(
        parent,
        QApplication.translate("Launcher", "Đã khôi phục"),
        render("restore_done", path=backup, kept=str(kept)),
    )
    return True


class HandedOff(Exception):
    """The workspace is open in another window of this app, which has been brought to the front."""


def open_workspace(root: Path, parent: QWidget | None = None) -> Workspace | None:
    """The open workspace, or None after the reason was shown; raises HandedOff when another
    window already has it open and came to the front instead (a second double-click)."""
    while True:
        try:
            # The daily backup copies the whole database (seconds on a large workspace): it runs
            # on a worker once the window is up (see `schedule_daily_backup`), not before it.
            return Workspace.open(root, auto_backup=False)
        except (DvcqError, OSError) as exc:
            log.warning("cannot open workspace %s: %r", root, exc)
            if isinstance(exc, DvcqError) and exc.code == "db_locked":
                from dvcq_desktop.ui.shell import handoff

                if handoff.send(root, None):
                    raise HandedOff(str(root)) from exc
            if not show_open_error(exc, root, parent):
                return None


def build_context(paths: AppPaths, ws: Workspace, open_file: Path | None = None) -> AppContext:
    return AppContext(
        paths=replace(paths, workspace=ws.root),
        workspace=ws,
        tasks=TaskRunner(),
        hub=Hub(),
        open_file=open_file,
    )


def schedule_daily_backup(ctx: AppContext, delay_ms: int = 3000) -> None:
    """The once-a-day rotating backup, off the GUI thread and after the window is shown (none
    for a workspace open for viewing only: its folder cannot be written)."""
    if ctx.workspace.read_only:
        return

    def start() -> None:
        ctx.tasks.start(
            in_worker(ctx.workspace, lambda wws, _p: backups.auto_backup_if_due(wws.db, wws.backups_dir))
        )

    QTimer.singleShot(delay_ms, start)


class Launcher(QObject):
    """Owns the open workspace and the top-level window for the life of the app."""

    def __init__(self, paths: AppPaths, open_file: Path | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.open_file = open_file
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self.wizard: FirstRunWizard | None = None
        self.handed_off = False  # start() found the data open in another window, now in front
        self.handoff: HandoffServer | None = None  # this window's listener (ui/shell/handoff.py)

    def start(self, *, demo_root: Path | None = None) -> bool:
        """Shows the wizard or the main window; False when nothing could be opened."""
        root = demo_root or self.paths.workspace
        if demo_root is None and not Workspace.exists(root):
            # Imported only here: a returning officer should not pay for loading the wizard.
            from dvcq_desktop.ui.wizard.wizard import FirstRunWizard

            self.wizard = FirstRunWizard(self.paths)
            self.wizard.accepted.connect(self._wizard_done)
            fit_dialog(self.wizard)
            self.wizard.show()
            return True
        try:
            ws = open_workspace(root)
        except HandedOff:
            self.handed_off = True
            return False
        if ws is None:
            return False
        self.show_main(ws, replace(self.paths, workspace=root))
        return True

    def start_in(self, frame: MainWindow) -> bool:
        """Open the workspace into a frame already on screen (see `MainWindow.frame`); False
        when it could not be opened (the reason has been shown over the frame)."""
        try:
            ws = open_workspace(self.paths.workspace, frame)
        except HandedOff:
            self.handed_off = True
            return False
        if ws is None:
            return False
        self.window = frame
        ctx = self._context(ws, self.paths)
        frame.attach(ctx)
        schedule_daily_backup(ctx)
        return True

    def _wizard_done(self) -> None:
        assert self.wizard is not None
        if self.wizard.workspace is not None:
            self.show_main(self.wizard.workspace, self.wizard.demo_paths or self.paths)
        self.wizard.deleteLater()
        self.wizard = None

    def show_main(self, ws: Workspace, paths: AppPaths) -> MainWindow:
        ctx = self._context(ws, paths)
        self.window = MainWindow(ctx)
        show_main_window(self.window)
        schedule_daily_backup(ctx)
        return self.window

    def _context(self, ws: Workspace, paths: AppPaths) -> AppContext:
        """The context for the open workspace (made once), with the officer's font scale."""
        if self.ctx is None or self.ctx.workspace is not ws:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_font_scale(app, ws.setting("font_scale", 1.0))
            self.ctx = build_context(paths, ws, self.open_file)
            self.ctx.hub.workspace_replaced.connect(self._rebuild_window)
        return self.ctx

    def _rebuild_window(self) -> None:
        """After a restore the pages hold handles on the closed database (models, cached rows,
        timers): a fresh window on the reopened workspace takes the old one's place and page."""
        old, ctx = self.window, self.ctx
        if old is None or ctx is None:
            return
        # A fresh hub: the old pages, alive until deleteLater runs, hear nothing more.
        ctx.hub = Hub()
        ctx.hub.workspace_replaced.connect(self._rebuild_window)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font_scale(app, ctx.workspace.setting("font_scale", 1.0))
        key = old.current_key()
        old.stop_timers()
        self.window = MainWindow(ctx)
        self.window.restoreGeometry(old.saveGeometry())
        if key is not None:
            self.window.navigate(key)
        show_main_window(self.window)
        old.hide()
        old.deleteLater()  # not now: the restore was started by a button inside it
        if self.handoff is not None and self.handoff.root != ctx.workspace.root:
            # The data folder moved: later starts look for this window under the new folder.
            from dvcq_desktop.ui.shell.post_start import listen_for_handoffs

            self.handoff.close()
            self.handoff = None
            listen_for_handoffs(self)

    def close(self) -> None:
        """Release the workspace (and its lock) after the window is gone."""
        if self.handoff is not None:
            self.handoff.close()
            self.handoff = None
        if self.window is not None:
            self.window.close()
        if self.ctx is not None:
            self.ctx.tasks.wait(10000)
            try:
                self.ctx.workspace.close()
            except Exception:  # noqa: BLE001 - closing at exit must not raise at the user
                log.warning("closing workspace failed", exc_info=True)
            self.ctx = None
