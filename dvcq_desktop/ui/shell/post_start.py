"""What happens around the launcher at start (called from app.py, kept here to keep app.py small):
a `.dvcq` given on the command line, the start-up warnings, the smoke mode."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Unpack

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from dvcq_desktop.messages import render
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services.file_routing import Route, route_for, workspace_busy
from dvcq_desktop.services.startup_checks import Location, startup_checks
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.devtools import smoke
from dvcq_desktop.ui.shell.launcher import Launcher
from dvcq_desktop.ui.shell.package_view import PackageViewDialog

log = logging.getLogger(__name__)


def open_standalone(paths: AppPaths, file: str | None, *, demo: bool = False) -> int | None:
    """With no workspace on this PC (or one already open in another window) a double-clicked
    package is only checked, in its own dialog; returns the exit code then, else None."""
    if not file or demo:
        return None
    root = paths.workspace
    if Workspace.exists(root):
        if not workspace_busy(root):
            return None
        from dvcq_desktop.ui.shell import handoff

        if handoff.send(root, Path(file)):
            return 0  # the window that has the data open shows it (import preview or view)
        note = render("open_file_workspace_busy", name=Path(file).name)
    else:
        note = render("open_file_no_workspace", name=Path(file).name)
    dialog = PackageViewDialog(Path(file), note=note)
    if smoke.smoke_path() is not None:
        QTimer.singleShot(0, dialog.accept)
    dialog.exec()
    return 0


def apply_route(route: Route, launcher: Launcher) -> QWidget | None:
    """Unit: the read-only package view over the main window; aggregator: the import preview."""
    if launcher.ctx is None or launcher.window is None:
        return None
    if route.in_main_window:
        launcher.ctx.hub.navigate.emit(route.page or "", route.target)
        return launcher.window
    dialog = PackageViewDialog(route.path, launcher.window)
    dialog.setModal(False)
    dialog.show()
    return dialog


def show_startup_warnings(
    launcher: Launcher, *, sqlite_version: str | None = None, **location: Unpack[Location]
) -> list[str]:
    """At start: location warnings every time (status bar, the serious ones also in a non-blocking
    box). The SQLite note is not the officer's to act on: it goes to the log and the About box,
    never the status bar. Every detail goes to the log.
    `sqlite_version` and `location` (see `check_location`) are for tests."""
    if launcher.ctx is None or launcher.window is None:
        return []
    ws = launcher.ctx.workspace
    version = sqlite_version or sqlite3.sqlite_version
    try:
        found = startup_checks(ws.root, sqlite_version=version, **location)
        for w in found:
            log.warning("start-up check %s: %s", w.code, w.text)
        shown = [w for w in found if w.code != "startup_sqlite_old"]
    except Exception:  # noqa: BLE001 - a check must never stop the app from starting
        log.warning("start-up checks failed", exc_info=True)
        return []
    texts = [w.brief for w in shown]
    if texts:
        launcher.window.statusBar().showMessage("  ".join(texts), 120_000)
    serious = [w.text for w in shown if w.serious]
    if serious and smoke.smoke_path() is None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            launcher.window.tr("Cảnh báo về nơi lưu dữ liệu"),
            "\n\n".join(serious),
            QMessageBox.StandardButton.Ok,
            launcher.window,
        )
        box.setObjectName("startupWarningBox")
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
    return texts


def listen_for_handoffs(launcher: Launcher) -> None:
    """A later double-click on a .dvcq (or on the app) while this window has the data open
    lands here: the file is routed as if given at start, and the window comes to the front."""
    from dvcq_desktop.ui.shell.handoff import HandoffServer

    if launcher.ctx is None or launcher.handoff is not None:
        return
    server = HandoffServer(launcher.ctx.workspace.root, launcher)

    def to_front() -> None:
        window = launcher.window
        if window is not None:
            if window.isMinimized():
                window.showNormal()
            window.raise_()
            window.activateWindow()

    def open_file(path: Path) -> None:
        to_front()
        if launcher.ctx is None:
            return
        route = route_for(path, launcher.ctx.workspace.role)
        log.info("handed-off file %s opens in view %s", route.path, route.view)
        apply_route(route, launcher)

    server.open_file.connect(open_file)
    server.raise_window.connect(to_front)
    launcher.handoff = server


def _after_main(launcher: Launcher) -> None:
    if launcher.window is None or launcher.ctx is None:
        return
    listen_for_handoffs(launcher)
    show_startup_warnings(launcher)
    if launcher.ctx.open_file is not None:
        route = route_for(launcher.ctx.open_file, launcher.ctx.workspace.role)
        log.info("opening %s in view %s", route.path, route.view)
        if smoke.smoke_path() is not None:
            smoke.say(f"route: {route.view} {route.path.name}")
        # After the window has painted, so the dialog sits over it and the intake page exists.
        QTimer.singleShot(0, lambda: apply_route(route, launcher))


def after_start(launcher: Launcher) -> None:
    """Call right after `launcher.start()` succeeded (main window shown, or the wizard)."""
    if launcher.window is not None:
        _after_main(launcher)
    elif launcher.wizard is not None:
        # Connected after the launcher's own slot, so the main window exists when this runs.
        launcher.wizard.accepted.connect(lambda: _after_main(launcher))
    shot = smoke.smoke_path()
    if shot is not None:
        smoke.arm(lambda: launcher.window, shot)
