"""Start-up shows the window's frame first, then opens the workspace into that same window."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from dvcq_desktop.paths import DB_FILENAME
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.peek import glance

ROOT = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_glance_reads_role_unit_and_size_and_changes_nothing(tmp_path: Path) -> None:
    with init_workspace(tmp_path / "ws", role="unit", unit_code="TPTN-P1") as ws:
        ws.set_setting("window_geometry", "AdnQywADAAA=")
        ws.set_setting("font_scale", 1.3)
        unit_name = ws.own_unit.name
    db = tmp_path / "ws" / DB_FILENAME
    before = _digest(db)
    seen = glance(tmp_path / "ws")
    assert seen is not None
    assert (seen.role, seen.unit_name, seen.geometry, seen.font_scale) == (
        "unit",
        unit_name,
        "AdnQywADAAA=",
        1.3,
    )
    assert _digest(db) == before
    with init_workspace(tmp_path / "agg", role="aggregator", unit_code="TPTN") as ws:
        pass
    office = glance(tmp_path / "agg")
    assert office is not None and office.role == "aggregator" and office.geometry == ""


def test_glance_is_none_for_anything_it_cannot_read(tmp_path: Path) -> None:
    assert glance(tmp_path / "nothing") is None
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / DB_FILENAME).write_bytes(b"not a database at all" * 100)
    assert glance(bad) is None
    assert (bad / DB_FILENAME).read_bytes() == b"not a database at all" * 100


# The child reports what the first paint of a main window showed and what the window held once
# its page was painted with the workspace open; it closes any message box and reports its text.
_CHILD = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget
    seen = {}

    class Watch(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
                win = obj.window()
                if isinstance(win, QMainWindow) and "frame" not in seen:
                    seen["frame"] = {"attached": win.ctx is not None, "id": id(win),
                                     "title": win.windowTitle(),
                                     "sidebar": [win.sidebar.item(i).text() for i in range(win.sidebar.count())],
                                     "status": win.statusBar().currentMessage(),
                                     "menus": [a.text() for a in win.menuBar().actions()],
                                     "qt_copy": QApplication.translate("QLineEdit", "&Copy")}
                page = getattr(win, "stack", None) and win.stack.currentWidget()
                if (isinstance(win, QMainWindow) and win.ctx is not None and "ready" not in seen
                        and page is not None and (obj is page or page.isAncestorOf(obj))):
                    seen["ready"] = {"id": id(win), "page": type(page).__name__,
                                     "unit": win.unit_label.text()}
                    QTimer.singleShot(0, win.close)
            return False

    def boxes():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                seen["box"] = w.text()
                w.reject()
        QTimer.singleShot(50, boxes)

    watch = Watch()
    _exec = QApplication.exec
    def watched(*_a):
        QApplication.instance().installEventFilter(watch)
        QTimer.singleShot(50, boxes)
        return _exec()
    QApplication.exec = watched
    from dvcq_desktop.app import main
    code = main(["--workspace", sys.argv[1]])
    print("RESULT", json.dumps({"code": code, **seen}, ensure_ascii=False), flush=True)
""")


def _run(root: Path, tmp_path: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DVCQ_HOME": str(tmp_path / "home")}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")]
    assert lines, out.stderr[-2000:]
    return json.loads(lines[-1][len("RESULT ") :])  # type: ignore[no-any-return]


def test_the_frame_is_painted_before_the_workspace_opens_then_filled(tmp_path: Path) -> None:
    with init_workspace(tmp_path / "ws", role="unit", unit_code="TPTN-P1") as ws:
        unit_name = ws.own_unit.name
    got = _run(tmp_path / "ws", tmp_path)
    frame, ready = got["frame"], got["ready"]
    assert isinstance(frame, dict) and isinstance(ready, dict)
    assert frame["attached"] is False
    assert frame["sidebar"] == [
        "Tổng quan",
        "Hoạt động",
        "Chỉ tiêu",
        "Báo cáo",
        "Nộp báo cáo",
        "Kế hoạch của đơn vị",
        "Kế hoạch & kỳ báo cáo",
        "Cài đặt",
        "Trợ giúp",
    ]
    assert unit_name in str(frame["title"]) and frame["status"] == "Đang mở dữ liệu…"
    assert frame["menus"] == ["&Tệp", "&Chỉnh sửa", "Đ&i tới", "Trợ &giúp"]  # no jump when attached
    assert frame["qt_copy"] == "&Sao chép"  # Qt's own strings are Vietnamese from the start
    assert ready["id"] == frame["id"]  # the same window, filled in place
    assert ready["page"] == "OverviewPage" and ready["unit"] == unit_name
    assert got["code"] == 0


def test_a_damaged_workspace_is_explained_over_the_frame_and_the_app_exits(tmp_path: Path) -> None:
    init_workspace(tmp_path / "ws", role="unit", unit_code="TPTN-P1").close()
    db = tmp_path / "ws" / DB_FILENAME
    db.write_bytes(b"\0" * 4096)
    got = _run(tmp_path / "ws", tmp_path)
    assert got["code"] == 1
    assert "hỏng" in str(got["box"]) and "ready" not in got
    assert db.read_bytes() == b"\0" * 4096  # the damaged file is left for the restore
