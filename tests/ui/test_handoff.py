"""A second start on data already open hands its file (or just itself) to the open window."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.shell import post_start
from dvcq_desktop.ui.shell.handoff import HandoffServer, allow_foreground
from dvcq_desktop.ui.shell.launcher import Launcher
from dvcq_desktop.ui.shell.package_view import PackageViewDialog

ROOT = Path(__file__).resolve().parents[2]

# The real second start, in its own process: `dvcq-desktop --workspace WS [FILE]`.
_SECOND = textwrap.dedent("""
    import sys
    from dvcq_desktop.app import main
    sys.exit(main(sys.argv[1:]))
""")


def _second_start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DVCQ_HOME": str(tmp_path / "home")}
    return subprocess.Popen(
        [sys.executable, "-c", _SECOND, *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
    )


def _finish(qtbot: QtBot, proc: subprocess.Popen[str]) -> int:
    # The open window must keep processing events while the second start waits for its answer.
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)
    return proc.returncode


def test_a_package_opened_again_goes_to_the_open_window(
    qtbot: QtBot, qapp: QApplication, unit_ws: Workspace, tmp_path: Path
) -> None:
    server = HandoffServer(unit_ws.root)
    assert server.listening
    got: list[Path] = []
    server.open_file.connect(got.append)
    pkg = tmp_path / "Phường 1 — báo cáo.dvcq"
    pkg.write_bytes(b"PK")
    try:
        code = _finish(qtbot, _second_start(tmp_path, "--workspace", str(unit_ws.root), str(pkg)))
    finally:
        server.close()
    assert code == 0
    assert got == [pkg.resolve()]


def test_a_second_start_without_a_file_brings_the_window_forward(
    qtbot: QtBot, qapp: QApplication, unit_ws: Workspace, tmp_path: Path
) -> None:
    server = HandoffServer(unit_ws.root)
    raised: list[bool] = []
    server.raise_window.connect(lambda: raised.append(True))
    try:
        code = _finish(qtbot, _second_start(tmp_path, "--workspace", str(unit_ws.root)))
    finally:
        server.close()
    assert code == 0 and raised == [True]


def test_without_a_listener_the_second_start_still_says_why(
    qtbot: QtBot, qapp: QApplication, unit_ws: Workspace, tmp_path: Path
) -> None:
    # An older window (or one whose listener failed) holds the data: the locked-data box is shown.
    env_box = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox
        def close_boxes():
            for w in QApplication.topLevelWidgets():
                if isinstance(w, QMessageBox) and w.isVisible():
                    print("BOX", w.windowTitle(), flush=True)
                    w.reject()
            QTimer.singleShot(50, close_boxes)
        _exec = QApplication.exec
        def watched(*_a):
            QTimer.singleShot(50, close_boxes)     # the box comes over the frame, inside exec
            return _exec()
        QApplication.exec = watched
        from dvcq_desktop.app import main
        sys.exit(main(sys.argv[1:]))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DVCQ_HOME": str(tmp_path / "home")}
    out = subprocess.run(
        [sys.executable, "-c", env_box, "--workspace", str(unit_ws.root)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert out.returncode == 1
    assert "BOX Dữ liệu đang được mở ở cửa sổ khác" in out.stdout


def test_the_open_window_shows_a_handed_package(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    from dvcq_desktop.services.setup import init_workspace

    root = tmp_path / "ws"
    init_workspace(root, role="unit", unit_code="TPTN-P1").close()
    launcher = Launcher(AppPaths(workspace=root, log_dir=tmp_path / "logs", config_dir=tmp_path))
    try:
        assert launcher.start()
        post_start.listen_for_handoffs(launcher)
        assert launcher.handoff is not None and launcher.handoff.listening
        pkg = tmp_path / "goi-hong.dvcq"
        pkg.write_bytes(b"not a zip")
        assert _finish(qtbot, _second_start(tmp_path, "--workspace", str(root), str(pkg))) == 0

        def shown() -> list[PackageViewDialog]:
            return [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, PackageViewDialog) and w.isVisible()
            ]

        qtbot.waitUntil(lambda: bool(shown()), timeout=10000)
        dialog = shown()[0]
        assert dialog.parent() is launcher.window
        dialog.close()
    finally:
        launcher.close()
    assert launcher.handoff is None


def test_sender_lets_the_open_window_come_to_the_front_on_windows() -> None:
    calls: list[int] = []

    class User32:
        def AllowSetForegroundWindow(self, pid: int) -> int:  # noqa: N802 - the Win32 name
            calls.append(pid)
            return 1

    assert allow_foreground(User32(), windows=True) is True
    assert calls == [0xFFFFFFFF]  # ASFW_ANY: the receiver's pid sits behind its lock
    assert allow_foreground(User32(), windows=False) is False
    assert calls == [0xFFFFFFFF]


def test_after_the_data_folder_moves_the_window_listens_under_the_new_folder(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    from dvcq_desktop.services.setup import init_workspace
    from dvcq_desktop.ui.settings.data_location import move_into_context
    from dvcq_desktop.ui.shell.handoff import server_name

    root = tmp_path / "ws"
    init_workspace(root, role="unit", unit_code="TPTN-P1").close()
    launcher = Launcher(AppPaths(workspace=root, log_dir=tmp_path / "logs", config_dir=tmp_path))
    try:
        assert launcher.start()
        post_start.listen_for_handoffs(launcher)
        assert launcher.ctx is not None
        new_root = tmp_path / "Ổ D" / "Dữ liệu #2"
        move_into_context(launcher.ctx, new_root)
        assert launcher.handoff is not None and launcher.handoff.root == new_root
        # A later start finds the data in the new folder and looks for this window under its name.
        assert launcher.handoff.listening
        assert launcher.handoff.server.serverName() == server_name(new_root)
    finally:
        launcher.close()
