"""Small input widgets that allow "no value", which Qt's spin box and date edit do not."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolTip,
    QWidget,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.errors import user_message
from dvcq_desktop.text import format_int, parse_typed_date
from dvcq_desktop.text.entry import max_length

# The minimum is the "blank" sentinel shown with special text; real dates are never this early.
_BLANK_DATE = QDate(1900, 1, 1)
_TYPED_CHARS = frozenset("0123456789/.- ")
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
    }
)


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class DateEdit(QDateEdit):
    """dd/MM/yyyy with a calendar popup; `optional=True` allows a blank value (None).

    Typing replaces the whole date, in any of the forms officers use ("15/9/2023", "15092023",
    "15/9"), wherever the cursor is: Qt's own editing goes section by section and types into
    whichever section the cursor happens to be in, so "15/9/2023" typed after Tab became 01/09/2023.
    Enter, Tab or leaving the field takes the typed date; a text that is no date puts the previous
    value back, and Esc does too. The calendar opens on the date shown, or for a blank field on the
    fallback (the activity's date, else today), never on the blank sentinel's January 1900.
    """

    # A class default: Qt calls `validate` from inside the base constructor.
    _typing = False  # the line edit holds what the officer is typing, not Qt's sections

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
        self._fallback = to_qdate(clock.today())
        self.setToolTip(self.tr("Gõ ngày dạng 15/9/2023 hoặc 15092023, hoặc bấm mũi tên để chọn"))
        self.calendarWidget().window().installEventFilter(self)

    # ---- value ---------------------------------------------------------------------------
    def value(self) -> date | None:
        if self.optional and self.date() == _BLANK_DATE:
            return None
        return to_date(self.date())

    def set_value(self, d: date | None) -> None:
        self._typing = False
        if d is None:
            self.setDate(_BLANK_DATE if self.optional else self._fallback)
        else:
            self.setDate(to_qdate(d))

    def clear_value(self) -> None:
        self.set_value(None)

    def set_fallback(self, d: date) -> None:
        """The day the calendar opens on when the field is blank (e.g. the activity's date)."""
        self._fallback = to_qdate(d)

    # ---- typing a whole date --------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        edit = self.lineEdit()
        if plain and len(text) == 1 and text in _TYPED_CHARS and (self._typing or text.isdigit()):
            self._show_typed((edit.text() if self._typing else "") + text)
            return
        if self._typing and event.key() == Qt.Key.Key_Backspace:
            self._show_typed(edit.text()[:-1])
            return
        if self._typing and event.key() == Qt.Key.Key_Escape:
            self._typing = False
            self._show_value()
            return
        # Any other key (Enter, the arrows…) acts on the typed date, not on half a text; Shift or
        # AltGr alone (pressed on the way to a "/" on some layouts) is not such a key.
        if event.key() not in _MODIFIER_KEYS:
            self.commit_typed()
        super().keyPressEvent(event)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        # The line edit's validator calls this on every change, and Qt's version rewrites a
        # half-typed "15/9/" into "15/09/": while typing, the text is the officer's.
        if self._typing:
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit_typed()
        super().focusOutEvent(event)

    def _show_typed(self, text: str) -> None:
        # Signals blocked: Qt would read the half-typed text section by section and put the old
        # value back at the first keystroke.
        self._typing = True
        edit = self.lineEdit()
        edit.blockSignals(True)
        edit.setText(text)
        edit.setCursorPosition(len(text))
        edit.blockSignals(False)

    def _show_value(self) -> None:
        edit = self.lineEdit()
        edit.blockSignals(True)
        edit.setText(
            self.textFromDateTime(self.dateTime()) if not self._is_blank() else self.specialValueText()
        )
        edit.blockSignals(False)

    def _is_blank(self) -> bool:
        return self.optional and self.date() == _BLANK_DATE

    def commit_typed(self) -> None:
        """Take what was typed: a date in range becomes the value, anything else is dropped."""
        if not self._typing:
            return
        self._typing = False
        typed = self.lineEdit().text().strip()
        default_year = (self._fallback if self._is_blank() else self.date()).year()
        try:
            when = to_qdate(parse_typed_date(typed, default_year)) if typed else None
        except ValueError:
            when = None
        if typed == "" and self.optional:
            when = _BLANK_DATE
        if when is not None and self.minimumDate() <= when <= self.maximumDate():
            self.setDate(when)
        else:  # said where the officer is looking; the previous date stays
            QToolTip.showText(
                self.mapToGlobal(self.rect().bottomLeft()),
                self.tr("“{text}” không phải là ngày: gõ ngày/tháng/năm, ví dụ 15/9/2023").format(text=typed),
                self,
            )
        self._show_value()

    # ---- the calendar opens near the date that matters --------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._is_blank():
            cal = self.calendarWidget()
            # Without signals: selecting a day is the officer's choice, not the popup opening.
            cal.blockSignals(True)
            cal.setSelectedDate(self._fallback)
            cal.blockSignals(False)
            cal.setCurrentPage(self._fallback.year(), self._fallback.month())
        return super().eventFilter(watched, event)


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


_USUAL_TIP = "dvcqUsualTip"  # the tooltip a widget shows while it can be used
# Set on a control that must stay disabled whatever its page decides (read-only mode,
# ui/common/read_only.py): its value is the reason shown.
LOCKED_WHY = "dvcqLockedWhy"


def set_enabled_why(widget: QWidget | QAction, enabled: bool, why: str) -> None:
    """Enable a button, or disable it with the reason as its tooltip (Qt shows tooltips on
    disabled widgets too): a greyed button that does not say why only looks broken."""
    locked = widget.property(LOCKED_WHY)
    if locked:
        enabled, why = False, str(locked)
    usual = widget.property(_USUAL_TIP)
    if usual is None:
        usual = widget.toolTip()
        widget.setProperty(_USUAL_TIP, usual)
    widget.setEnabled(enabled)
    if enabled or not why:
        widget.setToolTip(str(usual))
    else:
        widget.setToolTip(f"{why}\n{usual}" if usual else why)


def page_title(text: str = "") -> QLabel:
    """A page's heading. The application's style sheet sizes it (1.35 × the text, at every scale)."""
    title = QLabel(text)
    title.setObjectName("pageTitle")
    return title


def page_head(text: str, right: QWidget) -> QHBoxLayout:
    """The heading on the left and a line of context (the period, a count) on the right."""
    head = QHBoxLayout()
    head.addWidget(page_title(text))
    head.addStretch(1)
    head.addWidget(right)
    return head


ERROR_COLOR = "#b00020"


def show_failure(label: QLabel, exc: BaseException) -> None:
    """The Vietnamese message for `exc` in red in a note label, escaped: it often names a file,
    and a rich-text label would take a "<" or "&" in that name for markup."""
    label.setText(f"<span style='color:{ERROR_COLOR}'>{escape(user_message(exc), quote=False)}</span>")
