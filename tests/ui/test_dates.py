"""Dates as officers enter them: typed whole in the forms they use, and pickers that open near the
activity's date rather than on the blank sentinel's January 1900."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView, QWidget
from pytestqt.qtbot import QtBot

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.storage import activities
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.widgets import DateEdit
from dvcq_desktop.ui.unit.activity_editor import ActivityEditor
from dvcq_desktop.ui.unit.report_meta_form import DocumentMetaForm

TypeText = Callable[[QWidget, str], None]


def _saved_activity(ctx: AppContext, start: date) -> Activity:
    return activities.save(
        ctx.workspace.db,
        Activity(id=activities.new_id(), area_id="A1", type_id="", title="Tiếp xúc cử tri", start_date=start),
    )


def _editor(qtbot: QtBot, ctx: AppContext, start: date) -> ActivityEditor:
    editor = ActivityEditor(ctx, _saved_activity(ctx, start).id)
    qtbot.addWidget(editor)
    editor.confirm_discard = lambda: True  # type: ignore[method-assign]  # closed at teardown
    editor.show()
    return editor


def _tab_into(qtbot: QtBot, edit: QWidget) -> None:
    """Focus as the Tab key gives it: Qt then selects the day section, the cursor is not placed."""
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(edit.hasFocus, timeout=2000)


@pytest.mark.parametrize("typed", ["15/9/2023", "15092023", "15.09.2023", "15/9"])
def test_a_whole_date_typed_into_the_activity_date(
    qtbot: QtBot, ctx: AppContext, type_text: TypeText, typed: str
) -> None:
    editor = _editor(qtbot, ctx, date(2023, 3, 2))
    start = editor.form.start_edit
    _tab_into(qtbot, start)
    type_text(start, typed)
    qtbot.keyClick(start, Qt.Key.Key_Return)
    assert start.value() == date(2023, 9, 15)  # "15/9" takes the year of the date it replaces
    assert start.text() == "15/09/2023"


@pytest.mark.parametrize("typed", ["15/9/2023", "15092023"])
def test_a_typed_date_fills_a_blank_optional_field_when_leaving_it(
    qtbot: QtBot, ctx: AppContext, type_text: TypeText, typed: str
) -> None:
    editor = _editor(qtbot, ctx, date(2023, 3, 2))
    doc_date = editor.form.doc_date_edit
    assert doc_date.value() is None
    editor.form.sections.setCurrentIndex(2)  # the related document's section, as the officer opens it
    _tab_into(qtbot, doc_date)
    type_text(doc_date, typed)
    editor.form.edits["doc_summary"].setFocus()  # Tab on: leaving the field takes the date
    qtbot.waitUntil(lambda: doc_date.value() is not None, timeout=2000)
    assert doc_date.value() == date(2023, 9, 15)
    saved = editor.form.activity(editor.base)
    assert saved.doc_date == date(2023, 9, 15)


def test_a_typed_date_in_the_report_form(qtbot: QtBot, ctx: AppContext, type_text: TypeText) -> None:
    form = DocumentMetaForm()
    qtbot.addWidget(form)
    form.show()
    _tab_into(qtbot, form.date_edit)
    type_text(form.date_edit, "05012024")
    qtbot.keyClick(form.date_edit, Qt.Key.Key_Return)
    assert form.date_edit.value() == date(2024, 1, 5)


@pytest.mark.parametrize("typed", ["31/2/2024", "15/13/2023", "hôm qua"])
def test_a_text_that_is_no_date_keeps_the_previous_date(
    qtbot: QtBot, type_text: TypeText, typed: str
) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.set_value(date(2023, 5, 4))
    edit.show()
    _tab_into(qtbot, edit)
    type_text(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.value() == date(2023, 5, 4)
    assert edit.text() == "04/05/2023"


def test_escape_and_backspace_while_typing(qtbot: QtBot, type_text: TypeText) -> None:
    edit = DateEdit(optional=True)
    qtbot.addWidget(edit)
    edit.show()
    _tab_into(qtbot, edit)
    type_text(edit, "15/9/20233")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.value() == date(2023, 9, 15)
    type_text(edit, "1/1/2020")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.value() == date(2023, 9, 15)


def _open_picker(qtbot: QtBot, edit: DateEdit) -> None:
    # The drop-down arrow sits at the right edge of the field.
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 4, edit.height() // 2))
    qtbot.waitUntil(edit.calendarWidget().isVisible, timeout=2000)


def test_the_document_date_picker_opens_on_the_activity_month(qtbot: QtBot, ctx: AppContext) -> None:
    editor = _editor(qtbot, ctx, date(2023, 3, 2))
    doc_date = editor.form.doc_date_edit
    _open_picker(qtbot, doc_date)
    cal = doc_date.calendarWidget()
    assert (cal.yearShown(), cal.monthShown()) == (2023, 3)
    assert doc_date.value() is None  # opening chose nothing
    qtbot.keyClick(cal, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not cal.isVisible(), timeout=2000)
    assert doc_date.value() is None
    # The end date (blank: a one-day activity) opens on the activity's month too.
    _open_picker(qtbot, editor.form.end_edit)
    end_cal = editor.form.end_edit.calendarWidget()
    assert (end_cal.yearShown(), end_cal.monthShown()) == (2023, 3)


def test_picking_a_day_in_the_opened_month(qtbot: QtBot, ctx: AppContext) -> None:
    editor = _editor(qtbot, ctx, date(2023, 3, 2))
    doc_date = editor.form.doc_date_edit
    _open_picker(qtbot, doc_date)
    cal = doc_date.calendarWidget()
    days = cal.findChild(QTableView)  # the grid of days, which takes the keys
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Return)  # the day after the highlighted activity's date
    assert doc_date.value() == date(2023, 3, 3)


def test_an_arrow_key_after_typing_steps_from_the_typed_date(qtbot: QtBot, type_text: TypeText) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.set_value(date(2023, 5, 4))
    edit.show()
    _tab_into(qtbot, edit)
    type_text(edit, "15/9/2023")
    qtbot.keyClick(edit, Qt.Key.Key_Up)  # takes the typed date, then steps its day (Tab's section)
    assert edit.value() == date(2023, 9, 16)


def test_shift_on_the_way_to_a_slash_does_not_end_the_typing(qtbot: QtBot, type_text: TypeText) -> None:
    edit = DateEdit(optional=True)
    qtbot.addWidget(edit)
    edit.show()
    _tab_into(qtbot, edit)
    for part in ("15", "/", "9", "/", "2023"):
        if part == "/":
            qtbot.keyPress(edit, Qt.Key.Key_Shift)  # layouts where "/" is shifted
        type_text(edit, part)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.value() == date(2023, 9, 15)
