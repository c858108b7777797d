"""The main window behaves like a Windows program: a menu bar whose items do what the pages'
buttons do, F1 for the current page's guide, Ctrl+Q, and a window that reopens on the page and
with the column widths the officer left."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot
from support.sweep_helpers import activate

from dvcq_desktop import APP_TITLE
from dvcq_desktop.domain.records import Activity
from dvcq_desktop.storage import activities
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.help.help_page import HelpPage
from dvcq_desktop.ui.shell import pages
from dvcq_desktop.ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
# What the guide says about each page: the page F1 must open, from the guide's own files.
UNIT_TOPICS = {
    "overview": "index.md",
    "activities": "nhap-hoat-dong.md",
    "indicators": "chi-tieu.md",
    "report": "lap-bao-cao.md",
    "submit": "nop-bao-cao.md",
    "settings": "cai-dat.md",
    "help": "index.md",
}
OFFICE_TOPICS = {
    "intake": "tiep-nhan.md",
    "board": "tinh-hinh-nop.md",
    "consolidation": "bao-cao-tong-hop.md",
    "units": "tinh-hinh-nop.md",
    "settings": "cai-dat.md",
}


def _window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    activate(qtbot, w)
    return w


def _menu_titles(w: MainWindow) -> list[str]:
    return [a.text() for a in w.menuBar().actions()]


def test_the_menu_bar_has_the_four_menus_with_mnemonics(qtbot: QtBot, ctx: AppContext) -> None:
    w = _window(qtbot, ctx)
    assert _menu_titles(w) == ["&Tệp", "&Chỉnh sửa", "Đ&i tới", "Trợ &giúp"]
    shortcuts = {name: a.shortcut().toString() for name, a in w.menu_actions.items()}
    assert shortcuts["quit"] == "Ctrl+Q" and shortcuts["guide"] == "F1" and shortcuts["undo"] == "Ctrl+Z"
    assert [shortcuts[f"go_{s.key}"] for s in w.specs] == [f"Ctrl+{i + 1}" for i in range(len(w.specs))]


def test_the_window_title_names_the_unit_once_and_not_the_app(qtbot: QtBot, ctx: AppContext) -> None:
    w = _window(qtbot, ctx)
    # Qt appends the application's display name itself (app.py sets it): the title must not.
    assert w.windowTitle() == ctx.workspace.own_unit.name
    assert APP_TITLE not in w.windowTitle()


@pytest.mark.parametrize("context", ["ctx", "actx"])
def test_each_go_to_item_and_its_shortcut_shows_its_page(
    qtbot: QtBot, request: pytest.FixtureRequest, context: str
) -> None:
    w = _window(qtbot, request.getfixturevalue(context))
    for spec in reversed(w.specs):
        w.menu_actions[f"go_{spec.key}"].trigger()
        assert w.current_key() == spec.key
        assert w.stack.currentWidget() is w.page(spec.key)
    for i, spec in enumerate(w.specs):
        activate(qtbot, w)
        qtbot.keyClick(w, getattr(Qt.Key, f"Key_{i + 1}"), CTRL)
        assert w.current_key() == spec.key


@pytest.mark.parametrize(("context", "topics"), [("ctx", UNIT_TOPICS), ("actx", OFFICE_TOPICS)])
def test_f1_opens_the_guide_at_the_current_pages_topic(
    qtbot: QtBot, request: pytest.FixtureRequest, context: str, topics: dict[str, str]
) -> None:
    w = _window(qtbot, request.getfixturevalue(context))
    for key, topic in topics.items():
        w.navigate(key)
        activate(qtbot, w)
        qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_F1)
        assert w.current_key() == "help", key
        guide = w.page("help")
        assert isinstance(guide, HelpPage)
        assert guide.current_page() == topic, key
        assert (guide.root / topic).is_file()


def test_every_page_names_a_guide_page_that_exists() -> None:
    from dvcq_desktop.ui.help.help_page import help_dir

    for spec in {*pages.UNIT_PAGES, *pages.AGGREGATOR_PAGES}:
        assert (help_dir() / spec.help).is_file(), spec.key


def test_ctrl_q_quits(qtbot: QtBot, ctx: AppContext) -> None:
    w = _window(qtbot, ctx)
    w.navigate("activities")
    activate(qtbot, w)
    qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=3000)


def test_file_menu_backup_and_settings(qtbot: QtBot, ctx: AppContext) -> None:
    w = _window(qtbot, ctx)
    w.menu_actions["settings"].trigger()
    assert w.current_key() == "settings"
    w.navigate("overview")
    settings = w.page("settings")
    with qtbot.waitSignal(settings.backup_done, timeout=20000) as done:  # type: ignore[union-attr]
        w.menu_actions["backup"].trigger()
    assert w.current_key() == "settings"
    assert done.args and done.args[0].is_file()


def test_file_menu_export_runs_the_submit_pages_checks(qtbot: QtBot, ctx: AppContext) -> None:
    w = _window(qtbot, ctx)
    w.menu_actions["export"].trigger()
    assert w.current_key() == "submit"
    submit = w.page("submit")
    assert submit.items  # type: ignore[union-attr]  # the pre-export checklist ran
    qtbot.waitUntil(lambda: not submit.running, timeout=30000)  # type: ignore[union-attr]
    ctx.tasks.wait(30000)


def test_edit_menu_undo_brings_back_a_deleted_activity(qtbot: QtBot, ctx: AppContext) -> None:
    db = ctx.workspace.db
    a = activities.save(
        db,
        Activity(
            id=activities.new_id(),
            area_id="A1",
            type_id="",
            title="Họp tổ dân phố",
            start_date=date(2023, 3, 2),
        ),
    )
    w = _window(qtbot, ctx)
    w.menu_actions["undo"].trigger()  # nothing deleted yet: said, nothing happens
    assert "Không có" in w.statusBar().currentMessage()
    w.navigate("activities")
    page = w.page("activities")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)  # type: ignore[union-attr]
    page.table.selectRow(0)  # type: ignore[union-attr]
    page.delete_selected()  # type: ignore[union-attr]
    assert activities.count(db) == 0
    w.navigate("report")
    w.menu_actions["undo"].trigger()
    assert w.current_key() == "activities"
    assert activities.count(db) == 1 and activities.get(db, a.id).title == "Họp tổ dân phố"


def test_edit_menu_find_and_new_go_to_the_page(qtbot: QtBot, ctx: AppContext) -> None:
    w = _window(qtbot, ctx)
    w.menu_actions["find"].trigger()
    page = w.page("activities")
    assert w.current_key() == "activities"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search_edit, timeout=2000)  # type: ignore[union-attr]


def test_office_find_goes_to_the_board_search(qtbot: QtBot, actx: AppContext) -> None:
    w = _window(qtbot, actx)
    assert "import" in w.menu_actions and "export" not in w.menu_actions
    w.menu_actions["find"].trigger()
    assert w.current_key() == "board"
    board = w.page("board")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is board.search, timeout=2000)  # type: ignore[union-attr]


def test_help_menu_about(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    from dvcq_desktop.ui.help.about_dialog import AboutDialog

    w = _window(qtbot, ctx)
    shown: list[AboutDialog] = []

    def record(dialog: AboutDialog) -> int:  # instead of a modal loop a stray closer could end
        shown.append(dialog)
        return 0

    monkeypatch.setattr(AboutDialog, "exec", record)
    w.menu_actions["about"].trigger()
    assert len(shown) == 1 and shown[0].windowTitle() == "Giới thiệu" and shown[0].parent() is w


def test_the_window_reopens_on_the_last_page_with_the_columns_left(qtbot: QtBot, ctx: AppContext) -> None:
    w = _window(qtbot, ctx)
    w.navigate("activities")
    header = w.page("activities").table.horizontalHeader()  # type: ignore[union-attr]
    header.resizeSection(2, 333)
    w.navigate("indicators")
    w.close()

    again = _window(qtbot, ctx)
    assert again.current_key() == "indicators"
    again.navigate("activities")
    assert again.page("activities").table.horizontalHeader().sectionSize(2) == 333  # type: ignore[union-attr]


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].upper() if i >= 0 else None


@pytest.mark.parametrize("context", ["ctx", "actx"])
def test_alt_letters_of_the_buttons_are_unique_on_each_page_and_apart_from_the_menus(
    qtbot: QtBot, request: pytest.FixtureRequest, context: str
) -> None:
    w = _window(qtbot, request.getfixturevalue(context))
    menus = {_mnemonic(t) for t in _menu_titles(w)}
    assert None not in menus and len(menus) == 4
    with_letters = 0
    for spec in w.specs:
        w.navigate(spec.key)
        page = w.page(spec.key)
        letters = [
            m
            for b in page.findChildren(QAbstractButton)
            if (m := _mnemonic(b.text())) is not None  # type: ignore[union-attr]
        ]
        with_letters += len(letters)
        assert len(letters) == len(set(letters)), (spec.key, letters)
        assert not set(letters) & menus, (spec.key, letters)
    assert with_letters >= 10  # the main buttons have them


def test_a_disabled_button_says_why(qtbot: QtBot, ctx: AppContext) -> None:
    w = _window(qtbot, ctx)
    w.navigate("activities")
    page = w.page("activities")
    edit = page.edit_btn  # type: ignore[union-attr]
    assert not edit.isEnabled()  # nothing selected in an empty log
    assert "Chọn một hoạt động" in edit.toolTip()


def test_the_office_buttons_say_why_they_wait(qtbot: QtBot, actx: AppContext) -> None:
    w = _window(qtbot, actx)
    intake = w.page("intake")
    assert not intake.confirm_btn.isEnabled()  # type: ignore[union-attr]
    assert "Chưa có gói mới nào để nhập" in intake.confirm_btn.toolTip()  # type: ignore[union-attr]
    w.navigate("consolidation")
    cons = w.page("consolidation")
    assert not cons.report_btn.isEnabled()  # type: ignore[union-attr]
    assert "Tiếp nhận" in cons.report_btn.toolTip()  # type: ignore[union-attr]


def test_ctrl_z_in_a_text_box_undoes_the_typing_not_a_deletion(
    qtbot: QtBot, ctx: AppContext, type_text: Any
) -> None:
    w = _window(qtbot, ctx)
    w.navigate("report")
    editor = w.page("report").sections.current_editor()  # type: ignore[union-attr]
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=2000)
    type_text(editor, "Đã tổ chức")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == ""  # the box's own undo
    assert "Không có thao tác xóa" not in w.statusBar().currentMessage()
