"""Every page and button of the receiving office (aggregator), driven through the real main window.

An EMPTY office (nothing received) must say so on every page; the demo office
(`ui.demo_aggregator`: five of six units received, one twice) must show the data. No exception may
escape and nothing may be logged at ERROR level; Ctrl+1..6 and Ctrl+F (board search) are pressed
for real. Only dialogs are answered and opened URLs recorded.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from support.sweep_helpers import CTRL, ErrorLog, go, open_window, settle

from dvcq_desktop.domain import clock
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.context import AppContext, Hub
from dvcq_desktop.ui.common.style import apply_style
from dvcq_desktop.ui.common.workers import TaskRunner
from dvcq_desktop.ui.devtools.demo_aggregator import ensure_aggregator_demo
from dvcq_desktop.ui.shell.main_window import MainWindow

PAGES = ("intake", "board", "consolidation", "units", "plans", "settings", "help")


def _close_box(qtbot: QtBot, page: object) -> None:
    """Answer the "Đã xuất Excel" box (window-modal, opened without blocking) with "Đóng"."""
    qtbot.waitUntil(lambda: any(b.isVisible() for b in page.findChildren(QMessageBox)))
    box = next(b for b in page.findChildren(QMessageBox) if b.isVisible())
    next(b for b in box.buttons() if b.text() == "Đóng").click()


def _fill_reason(reason: str) -> None:
    """Type a reason into the next modal dialog and press OK."""

    def fill() -> None:
        w = QApplication.activeModalWidget()
        if w is None:
            QTimer.singleShot(20, fill)
            return
        w.findChild(QLineEdit).setText(reason)
        w._accept()  # type: ignore[attr-defined]

    QTimer.singleShot(0, fill)


@pytest.fixture
def window(qtbot: QtBot, actx: AppContext, urls: list[str]) -> Iterator[MainWindow]:
    win = open_window(qtbot, actx)
    yield win
    actx.tasks.wait(10000)
    win.stop_timers()


def test_empty_office_every_page_says_so(
    qtbot: QtBot,
    window: MainWindow,
    actx: AppContext,
    errors: ErrorLog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key in reversed(PAGES):
        go(qtbot, window, PAGES, key)

    intake = go(qtbot, window, PAGES, "intake")
    assert intake.list_stack.currentWidget() is intake.drop_zone
    assert intake.log_table.rowCount() == 0 and intake.log_table.empty_hint.text().startswith(
        "Chưa tiếp nhận"
    )
    assert not intake.confirm_btn.isEnabled()
    empty = tmp_path / "usb-trong"
    empty.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(empty)))
    with qtbot.waitSignal(intake.preview_ready, timeout=10000):
        qtbot.mouseClick(intake.folder_btn, Qt.MouseButton.LeftButton)
    assert "Không tìm thấy tệp .dvcq" in intake.status.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([], "")))
    qtbot.mouseClick(intake.files_btn, Qt.MouseButton.LeftButton)  # cancelled: nothing happens
    intake.scan_usb()
    settle(qtbot, actx)
    assert intake.status.text()

    board = go(qtbot, window, PAGES, "board")
    assert board.proxy.rowCount() == board.board.expected > 0
    assert board.cards["missing"].number.text() == str(board.board.expected)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert board.search.hasFocus()
    board.search.setText("khong co don vi nay")
    assert board.proxy.rowCount() == 0 and board.table.empty_hint.isVisible()
    board.search.clear()
    board.table.clearSelection()
    board.table.setCurrentIndex(board.proxy.index(-1, 0))
    for btn in (board.detail_btn, board.fix_btn):  # nothing selected: say what to do
        board.message.clear()
        qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)
        assert board.message.text().startswith("Chọn một đơn vị")
    qtbot.mouseClick(board.reminder_btn, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().strip()
    board.export_excel(tmp_path / "tinh-hinh.xlsx")
    settle(qtbot, actx)
    _close_box(qtbot, board)
    assert (tmp_path / "tinh-hinh.xlsx").stat().st_size > 0
    board.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    dlg = board.open_detail(board.visible_rows()[0].unit_code)
    assert dlg.state.text().startswith("Chưa nhận được báo cáo")
    assert dlg.rev_table.rowCount() == 0
    assert dlg.diff_view.toPlainText().startswith("Chưa nhận") and dlg.narrative.toPlainText().startswith(
        "Chưa nhận"
    )
    assert not dlg.open_docx.isEnabled()
    dlg.close()

    cons = go(qtbot, window, PAGES, "consolidation")
    assert "Chưa nhận" in cons.subtitle.text() and "Tiếp nhận" in cons.subtitle.text()
    assert not cons.report_btn.isEnabled()
    assert cons.model.rowCount() == 0 and not cons.table.empty_hint.isHidden()  # on the 2nd tab
    assert "Chưa có" in cons.charts.bar_chart.title()

    units = go(qtbot, window, PAGES, "units")
    assert units.roster_table.rowCount() == board.board.expected
    units.roster_table.clearSelection()
    qtbot.mouseClick(units.exclude_btn, Qt.MouseButton.LeftButton)
    assert units.message.text() == "Chọn một đơn vị trong danh sách trước."
    assert units.history.rowCount() >= 1
    assert not errors.lines(), errors.lines()


# ---- the demo office ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("office-demo")
    ensure_aggregator_demo(work)
    return work


@pytest.fixture
def dctx(qapp: QApplication, demo_dir: Path, tmp_path: Path) -> Iterator[AppContext]:
    work = tmp_path / "work"
    shutil.copytree(demo_dir, work)
    apply_style(qapp)
    with Workspace.open(work / "van-phong", auto_backup=False) as ws:
        c = AppContext(
            paths=AppPaths(workspace=ws.root, log_dir=tmp_path / "logs", config_dir=tmp_path / "cfg"),
            workspace=ws,
            tasks=TaskRunner(),
            hub=Hub(),
        )
        yield c
        c.tasks.wait(10000)


def test_demo_office_every_page_and_button(
    qtbot: QtBot,
    dctx: AppContext,
    errors: ErrorLog,
    urls: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = dctx.workspace.root.parent
    win = open_window(qtbot, dctx)
    try:
        _demo(qtbot, win, dctx, work, urls, tmp_path, monkeypatch)
    finally:
        dctx.tasks.wait(10000)
        win.stop_timers()
    assert not errors.lines(), errors.lines()


def _demo(
    qtbot: QtBot,
    win: MainWindow,
    ctx: AppContext,
    work: Path,
    urls: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    intake = go(qtbot, win, PAGES, "intake")
    assert intake.log_table.rowCount() >= 6 and intake.log_table.empty_hint.isHidden()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(work / "usb-moi"))
    )
    with qtbot.waitSignal(intake.preview_ready, timeout=20000):
        qtbot.mouseClick(intake.folder_btn, Qt.MouseButton.LeftButton)
    outcomes = {intake.table.item(r, 4).text() for r in range(intake.table.rowCount())}
    assert "Mới" in outcomes and len(outcomes) == 2  # Xã Bình Minh new, the broken file rejected
    with qtbot.waitSignal(intake.import_done, timeout=20000):
        qtbot.mouseClick(intake.confirm_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(intake.clear_btn, Qt.MouseButton.LeftButton)
    assert intake.list_stack.currentWidget() is intake.drop_zone

    board = go(qtbot, win, PAGES, "board")
    b = board.board
    assert b.received == 6 and b.late >= 1 and b.missing == b.expected - 6
    board.status_combo.setCurrentIndex(2)  # Đã nộp
    assert board.proxy.rowCount() == 6
    board.search.setText("hiep ninh")
    assert [r.unit_code for r in board.visible_rows()] == ["TPTN-HN"]
    board.search.clear()
    board.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    assert board.proxy.rowCount() == 6
    board.table.selectRow(0)
    missing = [r.unit_name for r in board.board.rows if r.status == "missing"]
    assert missing[0] in board.reminder()

    # Received-time correction of Phường 1 (emailed the day before it was imported).
    rows = board.visible_rows()
    p1 = next(i for i, r in enumerate(rows) if r.unit_code == "TPTN-P1")
    board.table.selectRow(p1)
    when = datetime.combine(
        ctx.workspace.period.deadline - timedelta(days=1), datetime.min.time(), clock.VN_TZ
    )
    _fill_reason("Đơn vị gửi email ngày trước, nhập sau")
    qtbot.mouseClick(board.fix_btn, Qt.MouseButton.LeftButton)
    settle(qtbot, ctx)
    assert board.message.text().startswith("Đã sửa thời điểm nhận")
    board.correct(
        next(r for r in board.board.rows if r.unit_code == "TPTN-P1").package_id, when, "Sửa lần hai"
    )
    settle(qtbot, ctx)

    dlg = board.open_detail("TPTN-P1")
    assert dlg.values_table.rowCount() > 0 and dlg.narrative.toPlainText().strip()
    assert dlg.rev_table.rowCount() == 2
    dlg.show_diff()
    assert "Thay đổi từ lần" in dlg.diff_view.toPlainText()
    assert dlg.open_report(".docx") is not None and urls
    dlg.close()
    board.export_excel(tmp_path / "tinh-hinh.xlsx")
    settle(qtbot, ctx)
    _close_box(qtbot, board)
    assert (tmp_path / "tinh-hinh.xlsx").exists()

    cons = go(qtbot, win, PAGES, "consolidation")
    assert "Chưa nhận báo cáo nào" not in cons.subtitle.text()
    assert cons.model.rowCount() == 6 + 1 and cons.table.empty_hint.isHidden()  # + Tổng cộng
    assert cons.total_text("a2_tin_bai")
    for i in range(cons.charts.indicator_combo.count()):
        cons.charts.indicator_combo.setCurrentIndex(i)
    assert "Chưa có" not in cons.charts.bar_chart.title()
    for i in range(cons.tabs.count()):
        cons.tabs.setCurrentIndex(i)
    assert cons.highlights.topLevelItemCount() > 0
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "BaoCaoTongHop.docx"), "")),
    )
    with qtbot.waitSignal(cons.report_done, timeout=60000):
        qtbot.mouseClick(cons.report_btn, Qt.MouseButton.LeftButton)
    assert all(p is None or p.stat().st_size > 0 for p in cons.outputs)
    for btn in (cons.open_docx_btn, cons.open_xlsx_btn, cons.open_dir_btn):
        qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)

    units = go(qtbot, win, PAGES, "units")
    before = units.roster_table.rowCount()
    row = next(r for r in range(before) if units.roster_table.item(r, 0).text() == "TPTN-TT")
    units.roster_table.selectRow(row)
    _fill_reason("Sáp nhập, không còn báo cáo riêng")
    qtbot.mouseClick(units.exclude_btn, Qt.MouseButton.LeftButton)
    assert units.message.text().startswith("Đã lưu thay đổi")
    assert units.roster_table.item(row, 2).text() == "Không"
    units.roster_table.selectRow(row)
    _fill_reason("Đưa vào lại")
    qtbot.mouseClick(units.include_btn, Qt.MouseButton.LeftButton)
    assert units.roster_table.item(row, 2).text() == "Có"
    assert units.history.rowCount() >= 3
    board = go(qtbot, win, PAGES, "board")
    assert board.board.expected == before
