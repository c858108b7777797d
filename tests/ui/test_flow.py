"""The officer's first day, driven through the real widgets: wizard → editor → log → search →
delete → undo."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.storage import activities
from dvcq_desktop.ui.common.style import apply_style
from dvcq_desktop.ui.shell.launcher import Launcher
from dvcq_desktop.ui.unit.activities_page import ActivitiesPage

TypeText = Callable[[QWidget, str], None]


@pytest.fixture
def launcher(qapp: QApplication, app_paths: AppPaths) -> Iterator[Launcher]:
    apply_style(qapp)
    lau = Launcher(app_paths)
    yield lau
    lau.close()


def _add_activity(
    qtbot: QtBot, type_text: TypeText, page: ActivitiesPage, title: str, location: str, people: str
) -> None:
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert editor is not None and editor.isVisible()
    form = editor.form
    type_text(form.edits["title"], title)
    type_text(form.edits["location"], location)
    form.participants_spin.lineEdit().selectAll()
    qtbot.keyClicks(form.participants_spin.lineEdit(), people)
    type_text(form.memos["content"], "Nội dung ghi nhanh")
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_wizard_to_log_search_delete_undo(qtbot: QtBot, launcher: Launcher, type_text: TypeText) -> None:
    assert launcher.start()
    wiz = launcher.wizard
    assert wiz is not None
    qtbot.addWidget(wiz)
    assert wiz.role_page.unit_radio.isChecked()
    wiz.next()
    qtbot.keyClicks(wiz.unit_page.filter_edit, "phuong 1")
    visible = [
        wiz.unit_page.unit_list.item(i).text()
        for i in range(wiz.unit_page.unit_list.count())
        if not wiz.unit_page.unit_list.item(i).isHidden()
    ]
    assert visible and all("Phường 1" in v for v in visible)
    assert wiz.unit_page.unit().code == "TPTN-P1"
    wiz.next()
    assert wiz.plan_page.choice() is not None
    wiz.next()
    type_text(wiz.signer_page.name_edit, "Nguyễn Văn An")
    wiz.next()
    assert wiz.currentPage() is wiz.doc_page
    qtbot.mouseClick(wiz.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: launcher.window is not None and launcher.window.isVisible())
    window = launcher.window
    assert window is not None
    assert "Phường 1" in window.windowTitle()
    assert launcher.ctx is not None and launcher.ctx.workspace.unit_code == "TPTN-P1"
    assert launcher.ctx.workspace.setting("signer")["name"] == "Nguyễn Văn An"

    window.navigate("activities")
    page = window.page("activities")
    assert isinstance(page, ActivitiesPage)
    _add_activity(qtbot, type_text, page, "Dân vận khéo trong chỉnh trang đô thị", "Khu phố 3", "45")
    _add_activity(qtbot, type_text, page, "Hội nghị tiếp xúc cử tri", "Hội trường UBND", "120")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    titles = {page.model.index(r, 3).data() for r in range(2)}
    assert titles == {"Dân vận khéo trong chỉnh trang đô thị", "Hội nghị tiếp xúc cử tri"}
    saved = activities.page(launcher.ctx.workspace.db)
    assert {r["participants"] for r in saved} == {45, 120}

    qtbot.keyClicks(page.search_edit, "dan van")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.index(0, 3).data().startswith("Dân vận khéo")

    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.undo_bar.isVisibleTo(page)
    page.search_edit.clear()
    page.apply_filter()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)

    qtbot.mouseClick(page.undo_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert not page.undo_bar.isVisibleTo(page)
    with qtbot.waitSignal(page.filter_applied):
        page.trash_btn.click()
    assert page.model.rowCount() == 0
    assert page.restore_btn.isVisible() and not page.add_btn.isVisible()
