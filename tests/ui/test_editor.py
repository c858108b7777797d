"""The activity editor: inline checks, attachments, and the draft that survives a crash."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.storage import activities, drafts
from dvcq_desktop.ui.activity_editor import ActivityEditor, draft_key
from dvcq_desktop.ui.context import AppContext

TypeText = Callable[[QWidget, str], None]


def test_draft_survives_a_crash(qtbot: QtBot, ctx: AppContext, type_text: TypeText) -> None:
    db = ctx.workspace.db
    editor = ActivityEditor(ctx)
    editor.show()
    type_text(editor.form.edits["title"], "Đối thoại với hộ kinh doanh chợ Phường 1")
    type_text(editor.form.memos["content"], "Ghi chép dở dang")
    qtbot.waitUntil(lambda: drafts.load(db, draft_key(None)) is not None, timeout=3000)
    # A crash: the C++ dialog vanishes without reject()/accept() running.
    shiboken6.delete(editor)

    again = ActivityEditor(ctx)
    qtbot.addWidget(again)
    again.show()
    assert again.draft_bar.isVisible()
    assert "Khôi phục bản nháp chưa lưu?" in again.draft_label.text()
    assert again.form.edits["title"].text() == ""
    qtbot.mouseClick(again.draft_restore_btn, Qt.MouseButton.LeftButton)
    assert again.form.edits["title"].text() == "Đối thoại với hộ kinh doanh chợ Phường 1"
    assert again.form.memos["content"].toPlainText() == "Ghi chép dở dang"
    qtbot.mouseClick(again.save_btn, Qt.MouseButton.LeftButton)
    assert drafts.load(db, draft_key(None)) is None
    assert activities.count(db) == 1


def test_draft_is_per_activity_and_cancel_discards(qtbot: QtBot, ctx: AppContext, type_text: TypeText) -> None:
    db = ctx.workspace.db
    saved = activities.save(db, Activity(id=activities.new_id(), area_id="A1", type_id="",
                                         title="Quán triệt nghị quyết", start_date=date(2023, 3, 2)))
    editor = ActivityEditor(ctx, saved.id)
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.draft_bar.isVisible()
    type_text(editor.form.edits["location"], "Hội trường")
    editor.save_draft()
    assert drafts.load(db, draft_key(saved.id)) is not None
    assert drafts.load(db, draft_key(None)) is None
    editor.confirm_discard = lambda: True  # type: ignore[method-assign]
    editor.reject()
    assert drafts.load(db, draft_key(saved.id)) is None
    assert activities.get(db, saved.id).location == ""


def test_inline_validation(qtbot: QtBot, ctx: AppContext, type_text: TypeText) -> None:
    editor = ActivityEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.form.title_error.isVisible()
    type_text(editor.form.edits["title"], "Tiếp công dân định kỳ")
    editor.form.start_edit.set_value(date(2023, 5, 10))
    editor.form.end_edit.set_value(date(2023, 5, 9))
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    assert not editor.form.title_error.isVisible()
    assert editor.form.date_error.isVisible()
    assert activities.count(ctx.workspace.db) == 0
    editor.form.end_edit.clear_value()
    editor.form.start_edit.set_value(date(2024, 1, 5))   # after the 2023 data window: amber only
    assert editor.form.check() is True
    assert editor.form.date_warning.isVisible()
    assert not editor.form.date_error.isVisible()
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert activities.count(ctx.workspace.db) == 1


def test_attachments_are_copied_on_save(qtbot: QtBot, ctx: AppContext, type_text: TypeText,
                                        tmp_path: Path) -> None:
    src = tmp_path / "biên bản.txt"
    src.write_text("nội dung biên bản", encoding="utf-8")
    editor = ActivityEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.form.edits["title"], "Họp dân khu phố 2")
    editor.add_files([src])
    assert editor.att_list.count() == 1
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    a = activities.get(ctx.workspace.db, editor.base.id)
    assert [r.name for r in a.attachments] == ["biên bản.txt"]
    src.unlink()   # the workspace holds its own copy

    again = ActivityEditor(ctx, a.id)
    qtbot.addWidget(again)
    assert again.att_list.count() == 1
    again.att_list.setCurrentRow(0)
    qtbot.mouseClick(again.att_remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(again.save_btn, Qt.MouseButton.LeftButton)
    assert activities.get(ctx.workspace.db, a.id).attachments == ()
