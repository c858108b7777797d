"""Small input widgets that allow "no value", which Qt's spin box and date edit do not."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from dvcq_desktop.text import format_int
from dvcq_desktop.text.entry import max_length

# The minimum is the "blank" sentinel shown with special text; real dates are never this early.
_BLANK_DATE = QDate(1900, 1, 1)


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class DateEdit(QDateEdit):
    """dd/MM/yyyy with a calendar popup; `optional=True` allows a blank value (None)."""

    def __init__(
        self, parent: QWidget | None = None, *, optional: bool = False, blank_text: str = ""
    ) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.optional = optional
        if optional:
            self.setMinimumDate(_BLANK_DATE)
            self.setSpecialValueText(blank_text or " ")
            self.setDate(_BLANK_DATE)
        self._fallback = QDate.currentDate()

    def value(self) -> date | None:
        if self.optional and self.date() == _BLANK_DATE:
            return None
        return to_date(self.date())

    def set_value(self, d: date | None) -> None:
        if d is None:
            self.setDate(_BLANK_DATE if self.optional else self._fallback)
        else:
            self.setDate(to_qdate(d))

    def clear_value(self) -> None:
        self.set_value(None)

    def set_fallback(self, d: date) -> None:
        """The day the calendar opens on when the field is blank (e.g. the activity's date)."""
        self._fallback = to_qdate(d)
        if self.optional and self.date() == _BLANK_DATE:
            self.calendarWidget().setSelectedDate(self._fallback)


class CountSpinBox(QSpinBox):
    """A whole number ≥ 0 or blank (None): -1 is the blank sentinel shown as empty text."""

    def __init__(self, parent: QWidget | None = None, maximum: int = 1_000_000) -> None:
        super().__init__(parent)
        self.setRange(-1, maximum)
        self.setSpecialValueText(" ")
        self.setValue(-1)
        self.setGroupSeparatorShown(True)

    def number(self) -> int | None:
        v = self.value()
        return None if v < 0 else v

    def set_number(self, n: int | None) -> None:
        self.setValue(-1 if n is None else n)


class LengthCounter(QLabel):
    """ "1.700/2.000 ký tự" under a text field once it nears the package's limit for that field
    (the same limit storage and the package enforce); past it the count and the field turn red, so
    the officer sees the problem while typing, not at export."""

    NEAR = 0.8

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = max_length(key)
        self.setObjectName("lengthCounter")
        self.hide()
        self.over = False

    def watch(self, edit: QLineEdit | QPlainTextEdit) -> LengthCounter:
        edit.textChanged.connect(lambda *_a: self.update_for(edit))
        return self

    def update_for(self, edit: QLineEdit | QPlainTextEdit) -> None:
        if isinstance(edit, QPlainTextEdit):
            n = max(0, edit.document().characterCount() - 1)  # O(1); the text itself is not copied
        else:
            n = len(edit.text())
        over = n > self.limit
        self.setVisible(n >= self.NEAR * self.limit)
        self.setText(self.tr("{n}/{limit} ký tự").format(n=format_int(n), limit=format_int(self.limit)))
        self.over = over
        self.setStyleSheet("color: #b3261e; font-weight: 600;" if over else "color: #5b6b7a;")
        if bool(edit.property("overLimit")) != over:
            edit.setStyleSheet("border: 2px solid #b3261e;" if over else "")
            edit.setProperty("overLimit", over)
