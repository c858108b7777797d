"""Start-up errors become one Vietnamese dialog text; a second window gets "db_locked"."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.shell.launcher import error_dialog_text
from dvcq_desktop.ui.shell.main_window import deadline_text


def test_second_instance_in_same_process_is_told_db_locked(qapp: QApplication, unit_ws: Workspace) -> None:
    with pytest.raises(DvcqError) as info:
        Workspace.open(unit_ws.root)
    assert info.value.code == "db_locked"
    title, text = error_dialog_text(info.value)
    assert title == "Dữ liệu đang được mở ở cửa sổ khác"
    assert "đang được mở ở một cửa sổ chương trình khác" in text
    assert str(unit_ws.root) in text
    assert "Traceback" not in text


def test_second_process_is_told_db_locked(qapp: QApplication, unit_ws: Workspace) -> None:
    code = textwrap.dedent(f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from dvcq_desktop.errors import DvcqError
        from dvcq_desktop.storage.workspace import Workspace
        from dvcq_desktop.ui.shell.launcher import error_dialog_text
        app = QApplication([])
        try:
            Workspace.open(Path({str(unit_ws.root)!r}))
        except DvcqError as exc:
            print(exc.code)
            print(error_dialog_text(exc)[1])
    """)
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        encoding="utf-8",
        cwd=Path(__file__).resolve().parents[2],
    )
    lines = out.stdout.splitlines()
    assert lines[0] == "db_locked", out.stderr
    assert "đang được mở ở một cửa sổ chương trình khác" in lines[1]


def test_other_errors_map_to_catalogue_text(qapp: QApplication, tmp_path: Path) -> None:
    title, text = error_dialog_text(DvcqError("db_corrupt", path="x.sqlite3", backup="b.sqlite3"))
    assert title == "Tệp dữ liệu bị hỏng" and "b.sqlite3" in text and "được giữ nguyên" in text
    title, text = error_dialog_text(RuntimeError("boom at line 3"))
    assert "boom" not in text and "nhật ký" in text


def test_deadline_text() -> None:
    from datetime import date

    assert deadline_text(date(2023, 11, 1), date(2023, 10, 20)) == "Còn 12 ngày đến hạn nộp (01/11/2023)"
    assert deadline_text(date(2023, 11, 1), date(2023, 11, 1)) == "Hôm nay là hạn nộp (01/11/2023)"
    assert deadline_text(date(2023, 11, 1), date(2023, 11, 4)) == "Đã quá hạn 3 ngày (01/11/2023)"
    assert deadline_text(date(2023, 11, 1), date(2026, 12, 7)) == "Đã quá hạn (01/11/2023)"


def test_daily_backup_runs_after_the_window_not_before(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.services.setup import init_workspace
    from dvcq_desktop.storage import backups
    from dvcq_desktop.ui.shell import launcher as launcher_mod

    root = tmp_path / "ws"
    init_workspace(root, role="unit", unit_code="TPTN-P1").close()
    for p in (root / "backups").glob("*"):
        p.unlink()
    paths = AppPaths(workspace=root, log_dir=tmp_path / "logs", config_dir=tmp_path)
    lau = launcher_mod.Launcher(paths)
    ws = launcher_mod.open_workspace(root)
    assert ws is not None and backups.list_backups(root / "backups") == []  # opening did not copy
    window = lau.show_main(ws, paths)
    qtbot.addWidget(window)
    qtbot.waitUntil(
        lambda: any("tu-dong" in p.name for p in backups.list_backups(root / "backups")), timeout=15000
    )
    assert lau.ctx is not None
    lau.ctx.tasks.wait(10000)
    window.close()
