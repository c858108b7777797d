"""Every page and button of the unit (ward officer) app, driven through the real main window.

Two workspaces: an EMPTY one, just after the first-run wizard (no activity, no figure, no export),
where each page must say in Vietnamese that there is nothing yet; and a demo one
(`services.demo.fill_demo`), where each table must show the data. On both, no exception may
escape and nothing may be logged at ERROR level; the keyboard shortcuts the issue lists
(Ctrl+1..7, Ctrl+N, Ctrl+S, Esc, Ctrl+F, Delete, Ctrl+Z) are pressed for real.
Only dialogs are answered (QFileDialog/QMessageBox) and opened URLs recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from support.sweep_helpers import CTRL, ErrorLog, activate, go, open_window, settle

from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.excel_io import COLUMNS, area_label
from dvcq_desktop.storage import activities, exports
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.style import apply_font_scale
from dvcq_desktop.ui.shell.main_window import MainWindow
from dvcq_desktop.ui.unit.excel_import_dialog import ExcelImportDialog

PAGES = (
    "overview",
    "activities",
    "indicators",
    "report",
    "submit",
    "unit_plan",
    "plans",
    "settings",
    "help",
)


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext, urls: list[str]) -> Iterator[MainWindow]:
    win = open_window(qtbot, ctx)
    yield win
    ctx.tasks.wait(10000)
    win.stop_timers()


def _answer_modal(button_text: str | None = None) -> None:
    """Close the next modal dialog (accept it, or click the button with this text)."""

    def close() -> None:
        w = QApplication.activeModalWidget()
        if w is None:
            QTimer.singleShot(20, close)
            return
        if button_text and isinstance(w, QMessageBox):
            for b in w.buttons():
                if b.text() == button_text:
                    b.click()
                    return
        w.accept()  # type: ignore[attr-defined]

    QTimer.singleShot(0, close)


def _checklist_texts(page: object) -> list[str]:
    return [i.text for i in page.items]  # type: ignore[attr-defined]


# ---- the empty workspace ---------------------------------------------------------------------


def test_empty_workspace_every_page_says_so(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, errors: ErrorLog, tmp_path: Path
) -> None:
    for key in reversed(PAGES):  # every Ctrl+<n>, the last one ends on Tổng quan
        go(qtbot, window, PAGES, key)

    ov = window.page("overview")
    assert ov.table.rowCount() == 6
    assert {ov.table.item(r, 1).text() for r in range(6)} == {"0"}
    # An empty chart says why it is empty; its axis must not read "0 0 0 0 0 1".
    assert "Chưa có hoạt động" in ov.chart.title()
    axis_labels = [a for a in ov.chart.axes(Qt.Orientation.Vertical)]
    assert axis_labels and axis_labels[0].max() >= 1
    assert ov.todo.count() > 0

    acts = go(qtbot, window, PAGES, "activities")
    assert acts.model.rowCount() == 0
    assert acts.empty_label.isVisible()
    assert acts.empty_label.text().startswith("Chưa có hoạt động nào")
    qtbot.keyClick(acts, Qt.Key.Key_F, CTRL)
    assert acts.search_edit.hasFocus()
    qtbot.keyClick(acts.table, Qt.Key.Key_Delete)  # nothing selected: nothing happens
    qtbot.keyClick(acts, Qt.Key.Key_Z, CTRL)
    assert not acts.undo_bar.isVisible()
    with qtbot.waitSignal(acts.filter_applied):
        acts.trash_btn.click()
    assert acts.empty_label.text() == "Thùng rác trống."
    with qtbot.waitSignal(acts.filter_applied):
        acts.trash_btn.click()
    qtbot.keyClick(acts, Qt.Key.Key_N, CTRL)  # Ctrl+N opens the editor …
    editor = acts.editor
    assert editor is not None and editor.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # … Esc closes it unchanged
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert activities.count(ctx.workspace.db) == 0

    ind = go(qtbot, window, PAGES, "indicators")
    assert "0/" in ind.summary.text()

    rep = go(qtbot, window, PAGES, "report")
    assert "BÁO CÁO" in rep.preview.toPlainText()

    sub = go(qtbot, window, PAGES, "submit")
    texts = _checklist_texts(sub)
    assert any("chưa có hoạt động nào" in t for t in texts)
    # Section names as the report numbers them, never internal ids ("III.uu_diem").
    assert not [t for t in texts if re.search(r"[a-z]_[a-z]", t)], texts
    assert sub.history_table.rowCount() == 0
    assert sub.history_table.empty_hint.isVisible()
    assert "Chưa xuất" in sub.history_table.empty_hint.text()

    st = go(qtbot, window, PAGES, "settings")
    assert st.backup_list.count() > 0 or st.backup_list.empty_hint.isVisible()

    hp = go(qtbot, window, PAGES, "help")
    assert hp.current_page() == "index.md"
    assert not errors.lines(), errors.lines()


def test_empty_workspace_buttons(
    qtbot: QtBot,
    window: MainWindow,
    ctx: AppContext,
    errors: ErrorLog,
    urls: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = ctx.workspace
    # Báo cáo: suggestion with no data, then Word and Excel files of the empty report.
    rep = go(qtbot, window, PAGES, "report")
    messages: list[str] = []
    ctx.hub.status_message.connect(messages.append)
    first = rep.sections.sections[0].id
    rep.suggest(first)
    assert messages or rep.sections.editors[first].toPlainText().strip()
    saved: list[str] = []

    def save_as(_parent: object, _caption: str, default: str, _filter: str) -> tuple[str, str]:
        saved.append(default)
        return str(tmp_path / Path(default).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    for btn in (rep.word_btn, rep.excel_btn):
        qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: rep.word_btn.isEnabled(), timeout=30000)
        assert rep.last_file is not None and rep.last_file.stat().st_size > 0
        assert rep.result_label.text().startswith("Đã tạo")
    rep.open_file()
    rep.open_folder()
    assert len(urls) == 2

    # Nộp báo cáo: an empty report can still be exported; the history then lists it.
    sub = go(qtbot, window, PAGES, "submit")
    (tmp_path / "usb").mkdir()
    sub.set_destination(tmp_path / "usb")
    with qtbot.waitSignal(ctx.hub.exports_changed, timeout=30000):
        qtbot.mouseClick(sub.export_btn, Qt.MouseButton.LeftButton)
    assert sub.last_written is not None and sub.last_written.path.exists()
    assert sub.history_table.rowCount() == 1 and not sub.history_table.empty_hint.isVisible()
    eml = sub.compose_email()
    assert eml is not None and eml.exists() and urls[-1].endswith(".eml")
    qtbot.mouseClick(sub.open_btn, Qt.MouseButton.LeftButton)
    assert len(exports.history(ws.db, ws.plan.id, ws.period.id)) == 1

    # Cài đặt: font scale, backup now, signer defaults.
    st = go(qtbot, window, PAGES, "settings")
    before = st.backup_list.count()
    try:
        st.font_scale.setCurrentIndex(st.font_scale.count() - 1)
        assert ws.setting("font_scale") == st.font_scale.currentData()
    finally:
        apply_font_scale(QApplication.instance(), 1.0)  # type: ignore[arg-type]
    with qtbot.waitSignal(st.backup_done, timeout=30000):
        qtbot.mouseClick(st.backup_button, Qt.MouseButton.LeftButton)
    assert st.backup_list.count() == before + 1 and not st.backup_list.empty_hint.isVisible()
    st.signer_name.setText("Nguyễn Văn An")
    qtbot.mouseClick(st.save_signer_button, Qt.MouseButton.LeftButton)
    assert ws.setting("signer")["name"] == "Nguyễn Văn An"
    for key in ("workspace", "backups", "logs"):
        assert st.open_folder(key)

    # Trợ giúp: every link of the index opens a guide page; About opens and closes.
    hp = go(qtbot, window, PAGES, "help")
    links = re.findall(r"\]\(([\w-]+\.md)", (hp.root / "index.md").read_text(encoding="utf-8"))
    assert links
    for link in links:
        assert hp.focus_target(link) and hp.current_page() == link
        assert hp.browser.toPlainText().strip()
    qtbot.mouseClick(hp.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(hp.home_button, Qt.MouseButton.LeftButton)
    assert hp.current_page() == "index.md"
    _answer_modal()
    qtbot.mouseClick(hp.about_button, Qt.MouseButton.LeftButton)
    assert not errors.lines(), errors.lines()


# ---- the demo workspace -----------------------------------------------------------------------


@pytest.fixture
def demo(ctx: AppContext) -> AppContext:
    fill_demo(ctx.workspace, activities=60, seed=3)
    return ctx


def test_demo_workspace_pages_show_the_data(
    qtbot: QtBot, demo: AppContext, window: MainWindow, errors: ErrorLog
) -> None:
    ws = demo.workspace
    for key in PAGES:
        go(qtbot, window, PAGES, key)
    ov = window.page("overview")
    assert sum(int(ov.table.item(r, 1).text()) for r in range(ov.table.rowCount())) == 60
    assert "Chưa có hoạt động" not in ov.chart.title()
    assert sum(b.sum() for b in ov.bar_sets()) == 60
    axis = ov.chart.axes(Qt.Orientation.Vertical)[0]
    assert axis.max() >= max(sum(b.at(i) for b in ov.bar_sets()) for i in range(11))

    acts = window.page("activities")
    assert acts.model.rowCount() == activities.count(ws.db) == 60 and not acts.empty_label.isVisible()
    ind = window.page("indicators")
    entered = re.search(r"Đã nhập (\d+)/(\d+)", ind.summary.text())
    assert entered and 0 < int(entered[1]) <= int(entered[2])
    sub = window.page("submit")
    assert any("hoạt động trong kỳ" in t for t in _checklist_texts(sub))
    rep = window.page("report")
    assert "Trong kỳ báo cáo, đơn vị chưa ghi nhận" not in rep.preview.toPlainText()
    plan = window.page("unit_plan")
    assert 20 <= len(plan.model.all) <= 40 and plan.issued_label.text() == "Đã ban hành"
    assert not errors.lines(), errors.lines()


def test_demo_keyboard_delete_undo_editor(
    qtbot: QtBot,
    demo: AppContext,
    window: MainWindow,
    errors: ErrorLog,
    type_text: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = demo.workspace.db
    acts = go(qtbot, window, PAGES, "activities")
    # Ctrl+F then typing filters (accent-free search).
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert acts.search_edit.hasFocus()
    title = acts.model.index(0, 3).data()
    with qtbot.waitSignal(acts.filter_applied, timeout=5000):
        acts.search_edit.setText(title)
    assert 1 <= acts.model.rowCount() < 60
    with qtbot.waitSignal(acts.filter_applied, timeout=5000):
        acts.search_edit.clear()

    # Delete moves the selected row to the trash, Ctrl+Z brings it back.
    acts.table.setFocus()
    acts.table.selectRow(0)
    qtbot.keyClick(acts.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: activities.count(db) == 59)
    assert acts.undo_bar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: activities.count(db) == 60)
    assert not acts.undo_bar.isVisible()

    # Enter opens the editor; Ctrl+S saves a change.
    qtbot.waitUntil(lambda: acts.model.rowCount() == 60)
    settle(qtbot, demo)
    acts.table.selectRow(0)
    aid = acts.selected_ids()[0]
    qtbot.keyClick(acts.table, Qt.Key.Key_Return)
    editor = acts.editor
    assert editor is not None and editor.isVisible()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.form.edits["title"].setText("Hội nghị đối thoại sửa bằng phím")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert activities.get(db, aid).title == "Hội nghị đối thoại sửa bằng phím"

    # Esc on a changed editor asks first; "Bỏ thay đổi" discards.
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    editor = acts.editor
    assert editor is not None and editor.isVisible()
    editor.form.edits["title"].setText("Không lưu")
    _answer_modal("Bỏ thay đổi")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert activities.count(db) == 60

    # Nhân bản, trash view and restore.
    activate(qtbot, window)
    acts.table.selectRow(0)
    acts.dup_btn.click()
    qtbot.waitUntil(lambda: acts.editor is not None and acts.editor.isVisible())
    acts.editor.reject()
    assert activities.count(db) == 61
    assert not errors.lines(), errors.lines()


def test_demo_excel_template_and_import(
    qtbot: QtBot,
    demo: AppContext,
    window: MainWindow,
    errors: ErrorLog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = demo.workspace
    acts = go(qtbot, window, PAGES, "activities")
    template = tmp_path / "mau.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(template), "")))
    # Looked up as the officer reads them: the & of each button's Alt letter is not shown.
    buttons = {b.text().replace("&", ""): b for b in acts.findChildren(type(acts.add_btn))}
    buttons["Tải mẫu Excel"].click()
    assert template.exists()

    wb = Workbook()
    sheet = wb.active
    sheet.append([c.header for c in COLUMNS])
    row = {
        "Ngày bắt đầu": datetime(2023, 3, 1),
        "Lĩnh vực": area_label(ws.plan, "A2"),
        "Loại hoạt động": "Tuyên truyền",
        "Tên hoạt động": "Tuyên truyền pháp luật từ Excel",
    }
    sheet.append([row.get(c.header) for c in COLUMNS])
    src = tmp_path / "nhap.xlsx"
    wb.save(src)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(src), "")))
    buttons["Nhập từ Excel"].click()
    qtbot.waitUntil(lambda: acts.findChild(ExcelImportDialog) is not None, timeout=10000)
    dialog = acts.findChild(ExcelImportDialog)
    with qtbot.waitSignal(demo.hub.activities_changed, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    settle(qtbot, demo)
    qtbot.waitUntil(lambda: acts.model.rowCount() == 61)

    # Chỉ tiêu: the log's suggestions can be applied and the page saves.
    ind = go(qtbot, window, PAGES, "indicators")
    ind.save_now()
    assert ind.state.text()
    assert not errors.lines(), errors.lines()
