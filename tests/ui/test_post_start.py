"""What happens right after start: the start-up warnings (the SQLite note once per version, short;
location warnings every time) and the .dvcq given on the command line, carried in the context."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.style import apply_style
from dvcq_desktop.ui.help.about_dialog import AboutDialog
from dvcq_desktop.ui.shell.launcher import Launcher, build_context
from dvcq_desktop.ui.shell.post_start import show_startup_warnings

OLD_SQLITE = "3.40.1"  # before the WAL-reset fix
LOCAL = "/dev/sda1 / ext4 rw 0 0\n"


@pytest.fixture
def launcher(qapp: QApplication, app_paths: AppPaths) -> Iterator[Launcher]:
    apply_style(qapp)
    init_workspace(app_paths.workspace, role="unit", unit_code="TPTN-P1").close()
    lau = Launcher(app_paths)
    assert lau.start()
    yield lau
    for box in qapp.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
    lau.close()


def _start_and_reopen(launcher: Launcher, app_paths: AppPaths) -> Launcher:
    """Quit and start the app again on the same workspace."""
    launcher.close()
    again = Launcher(app_paths)
    assert again.start()
    return again


def test_sqlite_note_goes_to_the_log_never_the_status_bar(
    qtbot: QtBot, launcher: Launcher, app_paths: AppPaths, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    texts = show_startup_warnings(launcher, sqlite_version=OLD_SQLITE, platform="linux", mounts_text=LOCAL)
    assert texts == []
    assert launcher.window is not None
    assert OLD_SQLITE not in launcher.window.statusBar().currentMessage()
    assert any("hai chương trình cùng ghi" in r.getMessage() for r in caplog.records)  # details logged

    again = _start_and_reopen(launcher, app_paths)
    try:
        caplog.clear()
        assert (
            show_startup_warnings(again, sqlite_version="3.45.1", platform="linux", mounts_text=LOCAL) == []
        )
        assert again.window is not None and "SQLite" not in again.window.statusBar().currentMessage()
        assert any("hai chương trình cùng ghi" in r.getMessage() for r in caplog.records)  # every start
    finally:
        again.close()


def test_network_share_warning_shows_at_every_start(
    qtbot: QtBot, launcher: Launcher, app_paths: AppPaths, qapp: QApplication
) -> None:
    root = str(app_paths.workspace)
    share = f"/dev/sda1 / ext4 rw 0 0\n//server/chung {root} cifs rw 0 0\n"

    def check(lau: Launcher) -> None:
        texts = show_startup_warnings(lau, sqlite_version="3.51.3", platform="linux", mounts_text=share)
        assert len(texts) == 1 and "ổ mạng" in texts[0]
        boxes = [w for w in qapp.topLevelWidgets() if w.objectName() == "startupWarningBox" and w.isVisible()]
        assert boxes and "ổ mạng" in boxes[0].text()
        for box in boxes:
            box.close()

    check(launcher)
    again = _start_and_reopen(launcher, app_paths)
    try:
        check(again)
    finally:
        again.close()


def test_about_dialog_shows_the_sqlite_details(qtbot: QtBot, app_paths: AppPaths) -> None:
    old = AboutDialog(app_paths, sqlite_version=OLD_SQLITE)
    qtbot.addWidget(old)
    assert old.notes_label.isVisibleTo(old) and "hai chương trình cùng ghi" in old.notes_label.text()
    assert old.notes_label.wordWrap()
    fixed = AboutDialog(app_paths, sqlite_version="3.51.3")
    qtbot.addWidget(fixed)
    assert not fixed.notes_label.isVisibleTo(fixed)


def test_context_carries_the_file_to_open(unit_ws: Workspace, app_paths: AppPaths) -> None:
    field = {f.name: f for f in fields(AppContext)}["open_file"]
    assert field.default is None
    path = Path("/tmp/goi.dvcq")
    assert build_context(app_paths, unit_ws, path).open_file == path
    assert build_context(app_paths, unit_ws).open_file is None
