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
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.unit.activity_editor import ActivityEditor, draft_key

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


def test_draft_is_per_activity_and_cancel_discards(
    qtbot: QtBot, ctx: AppContext, type_text: TypeText
) -> None:
    db = ctx.workspace.db
    saved = activities.save(
        db,
        Activity(
            id=activities.new_id(),
            area_id="A1",
            type_id="",
            title="Quán triệt nghị quyết",
            start_date=date(2023, 3, 2),
        ),
    )
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
    editor.form.start_edit.set_value(date(2024, 1, 5))  # after the 2023 data window: amber only
    assert editor.form.check() is True
    assert editor.form.date_warning.isVisible()
    assert not editor.form.date_error.isVisible()
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert activities.count(ctx.workspace.db) == 1


def test_attachments_are_copied_on_save(
    qtbot: QtBot, ctx: AppContext, type_text: TypeText, tmp_path: Path
) -> None:
    src = tmp_path / "biên bản.txt"
    src.write_text("nội dung biên bản", encoding="utf-8")
    editor = ActivityEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.form.edits["title"], "Họp dân khu phố 2")
    editor.add_files([src])
    assert editor.att_list.count() == 1
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=10000)  # copied on a worker
    a = activities.get(ctx.workspace.db, editor.base.id)
    assert [r.name for r in a.attachments] == ["biên bản.txt"]
    src.unlink()  # the workspace holds its own copy

    again = ActivityEditor(ctx, a.id)
    qtbot.addWidget(again)
    assert again.att_list.count() == 1
    again.att_list.setCurrentRow(0)
    qtbot.mouseClick(again.att_remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(again.save_btn, Qt.MouseButton.LeftButton)
    assert activities.get(ctx.workspace.db, a.id).attachments == ()


def test_a_large_attachment_is_copied_off_the_gui_thread_with_progress(
    qtbot: QtBot, ctx: AppContext, type_text: TypeText, tmp_path: Path
) -> None:
    video = tmp_path / "phóng sự.mp4"
    video.write_bytes(bytes(range(256)) * 40_000)  # 10 MB
    editor = ActivityEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.form.edits["title"], "Phóng sự mô hình Dân vận khéo")
    editor.add_files([video])
    reports: list[tuple[int, int]] = []
    editor.copy_progress.valueChanged.connect(lambda v: reports.append((v, editor.copy_progress.maximum())))
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    # The click returns at once: the dialog shows the copy, and neither Lưu nor Esc can race it.
    assert editor.copy_progress.isVisible() and not editor.save_btn.isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible()
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=20000)
    a = activities.get(ctx.workspace.db, editor.base.id)
    assert [(r.name, r.size) for r in a.attachments] == [("phóng sự.mp4", 10_240_000)]
    assert reports and reports[-1] == (10_000, 10_000)  # KiB, up to the whole file
    assert [v for v, _ in reports] == sorted(v for v, _ in reports)


def test_a_failed_copy_keeps_the_dialog_and_saves_nothing(
    qtbot: QtBot, ctx: AppContext, type_text: TypeText, tmp_path: Path
) -> None:
    src = tmp_path / "ảnh.jpg"
    src.write_bytes(b"x" * 5000)
    editor = ActivityEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.form.edits["title"], "Họp dân khu phố 3")
    editor.add_files([src])
    src.unlink()  # the USB stick was pulled out before Lưu
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.error_label.isVisible(), timeout=10000)
    assert "ảnh.jpg" in editor.error_label.text()
    assert editor.isVisible() and editor.save_btn.isEnabled() and not editor.copy_progress.isVisible()
    assert activities.get_or_none(ctx.workspace.db, editor.base.id) is None
    editor.confirm_discard = lambda: True  # type: ignore[method-assign]
    editor.reject()
