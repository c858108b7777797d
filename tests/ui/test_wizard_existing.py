"""When the record of where the data lives is lost (a wiped Windows profile takes the config
folder) the app starts with the first-run wizard: "Mở thư mục dữ liệu có sẵn" opens the data that
is still there instead of starting afresh, remembers it for the next start, and refuses, in
Vietnamese, a folder that holds no data of this program."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from dvcq_desktop.paths import DB_FILENAME, AppPaths, moved_workspace
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.ui.wizard.wizard import FirstRunWizard


def _pick(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The officer picks `folder` in the system's folder dialog."""
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))


def _wizard(qtbot: QtBot, paths: AppPaths) -> FirstRunWizard:
    wiz = FirstRunWizard(paths)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    return wiz


def _click_expecting_warning(qtbot: QtBot, wiz: FirstRunWizard) -> str:
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(f"{box.windowTitle()}\n{box.text()}")
        box.accept()

    QTimer.singleShot(0, answer)
    wiz.role_page.existing_button.click()
    qtbot.waitUntil(lambda: bool(seen))
    return seen[0]


def test_existing_data_folder_is_opened_and_remembered(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "Ổ D" / "Dữ liệu DVCQ #2" / "Phường 1"
    with init_workspace(data, role="unit", unit_code="TPTN-P1") as ws:
        fill_demo(ws, activities=7, seed=2)
    # the profile was wiped: a fresh config folder, the default data folder empty
    paths = AppPaths(workspace=tmp_path / "mac-dinh", log_dir=tmp_path / "logs", config_dir=tmp_path / "cfg")
    wiz = _wizard(qtbot, paths)
    button = wiz.role_page.existing_button  # on the first page, where a returning officer starts
    assert button.text() == "Mở thư mục dữ liệu có sẵn…" and button.isVisible()

    _pick(monkeypatch, data.parent)  # one level too high: the data folder inside is found
    with qtbot.waitSignal(wiz.accepted):
        button.click()
    try:
        assert wiz.workspace is not None and wiz.workspace.root == data
        assert wiz.workspace.own_unit.name == "Phường 1"
        live = wiz.workspace.db.execute("SELECT count(*) FROM activities WHERE deleted_at IS NULL")
        assert live.fetchone()[0] == 7
        assert wiz.demo_paths is not None and wiz.demo_paths.workspace == data
        assert moved_workspace(paths.config_dir) == data  # the next start opens it by itself
        assert not (tmp_path / "mac-dinh" / DB_FILENAME).exists()  # nothing new was created
    finally:
        wiz.workspace.close()


def test_a_folder_without_our_data_is_refused_in_vietnamese(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = AppPaths(workspace=tmp_path / "mac-dinh", log_dir=tmp_path / "logs", config_dir=tmp_path / "cfg")
    wiz = _wizard(qtbot, paths)
    empty = tmp_path / "Tài liệu"
    empty.mkdir()
    _pick(monkeypatch, empty)
    text = _click_expecting_warning(qtbot, wiz)
    assert text.startswith("Chưa mở được thư mục dữ liệu\n")
    assert "không có dữ liệu của chương trình" in text and str(empty) in text

    # another program's database under our file name: recognised without being touched
    other = tmp_path / "Chương trình khác"
    other.mkdir()
    con = sqlite3.connect(other / DB_FILENAME)
    con.execute("CREATE TABLE ghi_chu (noi_dung TEXT)")
    con.commit()
    con.close()
    before = (other / DB_FILENAME).read_bytes()
    _pick(monkeypatch, other)
    text = _click_expecting_warning(qtbot, wiz)
    assert "không phải dữ liệu của chương trình này" in text
    assert (other / DB_FILENAME).read_bytes() == before  # not migrated into a workspace
    assert wiz.workspace is None and wiz.isVisible()
    assert moved_workspace(paths.config_dir) is None
