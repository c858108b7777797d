"""Issue 18 points 1, 2 and 6 in the widgets: the officer sees the package's limits while typing
(a counter near the limit, a red field past it, saving refused), pasted control characters never
reach the database, and an attachment is refused the moment it is chosen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dvcq_desktop.package.limits import DEFAULT_LIMITS
from dvcq_desktop.storage import activities
from dvcq_desktop.text.entry import max_length, number_range
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.unit.activity_editor import ActivityEditor
from dvcq_desktop.ui.unit.report_sections import NarrativeEditors, outline_sections


def test_title_counter_turns_red_past_the_limit_and_blocks_saving(qtbot: QtBot, ctx: AppContext) -> None:
    editor = ActivityEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    title, counter = editor.form.edits["title"], editor.form.counters["title"]
    limit = max_length("activity.title")
    title.setText("Hội nghị")
    assert not counter.isVisible()  # far from the limit: no noise
    title.setText("a" * int(limit * 0.9))
    assert counter.isVisible() and counter.text() == "1.800/2.000 ký tự"
    assert title.property("overLimit") is False or title.property("overLimit") is None
    title.setText("a" * (limit + 1))
    assert counter.over and title.property("overLimit") is True
    assert "#b3261e" in title.styleSheet()
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and activities.count(ctx.workspace.db) == 0
    title.setText("a" * limit)
    assert not counter.over and title.styleSheet() == ""
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: activities.count(ctx.workspace.db) == 1, timeout=5000)


def test_pasted_word_text_is_saved_clean(qtbot: QtBot, ctx: AppContext) -> None:
    editor = ActivityEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    QApplication.clipboard().setText("Họp\x0b dân\x1f khu phố")
    editor.form.edits["title"].setFocus()
    editor.form.edits["title"].paste()
    editor.form.memos["content"].setPlainText("Dòng 1\x0bvẫn dòng 1\nDòng 2\x00")
    qtbot.mouseClick(editor.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: activities.count(ctx.workspace.db) == 1, timeout=5000)
    a = activities.get(ctx.workspace.db, editor.base.id)
    assert "\x0b" not in a.title and "\x1f" not in a.title and a.title.startswith("Họp")
    assert a.content == "Dòng 1vẫn dòng 1\nDòng 2"


def test_counts_stop_at_the_schema_maximum(qtbot: QtBot, ctx: AppContext) -> None:
    editor = ActivityEditor(ctx)
    qtbot.addWidget(editor)
    spin = editor.form.participants_spin
    assert spin.maximum() == number_range("activity.participants")[1]
    spin.set_number(2**31 - 1)
    assert spin.number() == number_range("activity.participants")[1]


def test_narrative_counter_follows_the_section_on_screen(qtbot: QtBot, ctx: AppContext) -> None:
    panel = NarrativeEditors(outline_sections(ctx.workspace.plan))
    qtbot.addWidget(panel)
    panel.show()
    limit = max_length("narrative.text")
    first = panel.current_id()
    line = "x" * 99 + "\n"  # many short lines: one 1 MB line would take Qt minutes to lay out
    panel.editors[first].setPlainText(line * (limit // len(line) + 1))
    assert panel.counter.isVisible() and panel.counter.over
    assert panel.editors[first].property("overLimit") is True
    panel.list.setCurrentRow(1)
    assert not panel.counter.isVisible()  # the next section is empty
    panel.list.setCurrentRow(0)
    assert panel.counter.over


def test_attachment_too_big_or_a_link_is_refused_when_chosen(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    big = tmp_path / "video.pdf"
    with open(big, "wb") as f:
        f.truncate(DEFAULT_LIMITS.max_attachment_size + 1)
    link = tmp_path / "lối tắt.pdf"
    link.symlink_to(big)
    editor = ActivityEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    editor.add_files([big])
    assert editor.att_list.count() == 0
    assert "25 MB" in editor.error_label.text()
    editor.add_files([link])
    assert editor.att_list.count() == 0
    assert "liên kết" in editor.error_label.text()
    editor.confirm_discard = lambda: True  # type: ignore[method-assign]
