"""A workspace on a medium that cannot be written opens for viewing: the window says so, every
control that would write is disabled (or its text read-only) with a tooltip saying why, the
shortcuts that bypass buttons do nothing, and the folder is byte for byte what it was.

The folder is made read-only for real (tests/support/read_only_ws.py): a read-only tmpfs as root,
file permissions otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from support.read_only_ws import folder_digest, read_only_workspace
from support.sweep_helpers import activate

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common import read_only
from dvcq_desktop.ui.common.context import AppContext, Hub
from dvcq_desktop.ui.common.style import apply_style
from dvcq_desktop.ui.common.workers import TaskRunner
from dvcq_desktop.ui.shell.main_window import MainWindow
from dvcq_desktop.ui.unit.activity_editor import ActivityEditor

WHY = "Chế độ chỉ xem"


def _unit(folder: Path) -> None:
    with init_workspace(folder, role="unit", unit_code="TPTN-P1") as ws:
        fill_demo(ws, activities=6, seed=4)


def _office(folder: Path) -> None:
    init_workspace(folder, role="aggregator", unit_code="TPTN").close()


def _context(qapp: QApplication, ws: Workspace, tmp_path: Path) -> AppContext:
    apply_style(qapp)
    paths = AppPaths(workspace=ws.root, log_dir=tmp_path / "logs", config_dir=tmp_path / "cfg")
    return AppContext(paths=paths, workspace=ws, tasks=TaskRunner(), hub=Hub())


@pytest.fixture
def ro_unit(tmp_path: Path) -> Iterator[Path]:
    with read_only_workspace(tmp_path, _unit) as folder:
        yield folder


def _window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    activate(qtbot, w)
    return w


def _unresolved(w: MainWindow) -> set[str]:
    """The read-only table's controls that a page does not have (a renamed attribute would leave
    a control unlocked without this)."""
    missing = set()
    for spec in w.specs:
        page = w.page(spec.key)
        for path in read_only.WRITE_CONTROLS.get(spec.key, ()):
            if read_only.resolve(page, path) is None:
                missing.add(f"{spec.key}.{path}")
    return missing


def _locked(widget: QWidget) -> bool:
    """Disabled, or (text) read-only; either way with the reason in its tooltip."""
    stopped = not widget.isEnabled() or bool(getattr(widget, "isReadOnly", lambda: False)())
    return stopped and WHY in widget.toolTip()


def test_read_only_unit_window_says_so_and_writes_nothing(
    qtbot: QtBot, qapp: QApplication, ro_unit: Path, tmp_path: Path
) -> None:
    before = folder_digest(ro_unit)
    ws = Workspace.open(ro_unit)
    assert ws.read_only  # the app found out by itself
    ctx = _context(qapp, ws, tmp_path)
    messages: list[str] = []
    ctx.hub.status_message.connect(messages.append)
    try:
        w = _window(qtbot, ctx)
        assert w.windowTitle().endswith("(chỉ xem)")
        banner = w.findChild(QLabel, "readOnlyBanner")
        assert banner is not None and banner.isVisible()
        assert WHY in banner.text() and "chép thư mục dữ liệu sang ổ ghi được" in banner.text()
        for name in ("new_activity", "backup"):
            action = w.menu_actions[name]
            assert not action.isEnabled() and WHY in action.toolTip()

        w.navigate("activities")
        page = w.page("activities")
        assert page.model.rowCount() == 6  # viewing works
        page.table.selectRow(0)  # a selection makes the page enable its buttons: not these
        for b in (page.add_btn, page.edit_btn, page.dup_btn, page.del_btn, page.import_btn):
            assert _locked(b), b.text()
        assert page.search_edit.isEnabled() and not page.search_edit.isReadOnly()
        page.setFocus()
        qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # the shortcut
        assert not [e for e in page.findChildren(ActivityEditor) if e.isVisible()]
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
        live = ws.db.execute("SELECT count(*) FROM activities WHERE deleted_at IS NULL").fetchone()[0]
        assert live == 6
        assert any(WHY in m for m in messages)
        page.edit_selected()  # the activity still opens, to be read in full
        editor = page.editor
        assert editor is not None and editor.isVisible()
        assert _locked(editor.save_btn) and _locked(editor.att_add)
        editor.reject()

        w.navigate("indicators")
        ind = w.page("indicators")
        field = next(iter(ind.counts.values())).input
        assert _locked(field) and _locked(ind.save_button)
        old = field.text()
        qtbot.keyClicks(field, "123")
        assert field.text() == old

        w.navigate("report")
        rep = w.page("report")
        assert all(_locked(ed) for ed in rep.sections.editors.values())
        assert _locked(rep.meta_form.number_edit)
        assert "lưu tự động" not in rep.sections.saved_label.text()
        assert rep.word_btn.isEnabled()  # a report to another folder still works

        w.navigate("submit")
        sub = w.page("submit")
        assert _locked(sub.export_btn)
        assert "không xuất gói được" in sub.summary.text() and "có thể xuất gói" not in sub.summary.text()
        messages.clear()
        sub.focus_target([tmp_path / "bien-nhan.dvcqbn"])  # a receipt double-clicked: it would be stored
        assert messages and WHY in messages[-1]

        w.navigate("settings")
        st = w.page("settings")
        for control in (st.backup_button, st.save_signer_button, st.signer_name, st.font_scale):
            assert _locked(control)
        st.backup_button.setEnabled(True)  # what the page does when a backup task ends
        assert not st.backup_button.isEnabled()

        # the office's panel and its "signed packages only" switch: not on a unit's page
        assert _unresolved(w) == {"plans.office_panel/", "plans.signed_box.switch"}
        w.close()
    finally:
        ctx.tasks.wait(10000)
        ws.close()
    assert folder_digest(ro_unit) == before


def test_read_only_office_window_locks_intake_and_the_roster(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    with read_only_workspace(tmp_path, _office) as folder:
        ws = Workspace.open(folder)
        ctx = _context(qapp, ws, tmp_path)
        try:
            w = _window(qtbot, ctx)
            assert not w.menu_actions["import"].isEnabled()
            w.navigate("intake")
            intake = w.page("intake")
            for b in (intake.files_btn, intake.folder_btn, intake.usb_btn, intake.confirm_btn):
                assert _locked(b)
            assert _locked(intake.receipt_btn)
            w.navigate("plans")
            assert _locked(w.page("plans").signed_box.switch)
            w.navigate("board")
            assert _locked(w.page("board").fix_btn)
            w.navigate("units")
            units = w.page("units")
            assert _locked(units.include_btn) and _locked(units.add_btn)
            # the consolidated report can still be written, to a folder that takes files
            assert w.page("consolidation").default_report_path().parent == Path.home()
            assert not _unresolved(w)
            w.close()
        finally:
            ctx.tasks.wait(10000)
            ws.close()


def test_a_writable_workspace_has_no_banner_and_nothing_locked(qtbot: QtBot, ctx: AppContext) -> None:
    w = _window(qtbot, ctx)
    assert w.findChild(QLabel, "readOnlyBanner") is None
    assert "chỉ xem" not in w.windowTitle()
    w.navigate("activities")
    assert w.page("activities").add_btn.isEnabled()
    assert w.menu_actions["new_activity"].isEnabled()
