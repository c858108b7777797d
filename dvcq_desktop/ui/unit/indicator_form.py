"""One area's indicator form, generated from the plan (no hand-written form per indicator).

Each count gets: label and unit, a whole-number box (blank = chưa nhập), a comment box, an issue
line for the rules it takes part in, and, where the activity log can support it, a suggestion
with an "Áp dụng" button. Ratios are read-only labels. Violated rules of the area are listed at
the bottom, warnings with the comment box that explains them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QMouseEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain.plan import Area, Indicator, Plan, Rule
from dvcq_desktop.text import format_int

ERROR_COLOR = "#c0392b"
WARNING_COLOR = "#9a6700"  # amber dark enough to read on white
ERROR_BG = "#fdecea"
WARNING_BG = "#fff4d6"
MAX_DIGITS = 9  # a ward's counts never reach a billion; longer input is a typo
COMMENT_MIN_WIDTH = 140


def parse_count(text: str) -> int | None:
    """ "1.230" or "1230" -> 1230; blank -> None (chưa nhập). The validator allows only digits/dots."""
    digits = text.replace(".", "").replace(" ", "")
    return int(digits) if digits else None


class CountRow:
    """The widgets of one count indicator; plain holder, the form lays them out."""

    def __init__(self, ind: Indicator, parent: QWidget) -> None:
        self.indicator = ind
        self.label = QLabel(f"{ind.label} <span style='color:#666'>({ind.unit})</span>", parent)
        self.label.setWordWrap(True)
        self.input = QLineEdit(parent)
        self.input.setObjectName(f"value_{ind.id}")
        self.input.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9. ]{0,13}"), self.input))
        self.input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.input.setMaximumWidth(120)
        self.input.setPlaceholderText(parent.tr("chưa nhập"))
        self.input.setAccessibleName(ind.label)
        self.label.setBuddy(self.input)
        self.comment = QLineEdit(parent)
        self.comment.setObjectName(f"comment_{ind.id}")
        self.comment.setPlaceholderText(parent.tr("Ghi chú (nếu có)"))
        self.comment.setMinimumWidth(COMMENT_MIN_WIDTH)  # shrinks with the window, never vanishes
        self.issue = QLabel(parent)
        self.issue.setWordWrap(True)
        self.issue.hide()
        self.suggestion = QLabel(parent)
        self.suggestion.setStyleSheet("color:#2c5d8a")
        self.apply = QPushButton(parent.tr("Áp dụng"), parent)
        self.apply.setObjectName(f"apply_{ind.id}")
        self.apply.setToolTip(parent.tr("Điền số liệu theo nhật ký hoạt động"))
        self.suggested: int | None = None
        self._mark: tuple[str | None, tuple[str, ...]] = (None, ())
        for w in (self.suggestion, self.apply):
            w.hide()

    def value(self) -> int | None:
        text = self.input.text()
        return parse_count(text) if len(text.replace(".", "").replace(" ", "")) <= MAX_DIGITS else None

    def set_value(self, value: int | None) -> None:
        self.input.setText("" if value is None else format_int(value))

    def set_suggestion(self, value: int | None, text: str) -> None:
        self.suggested = value
        self.suggestion.setText(text)
        self.suggestion.setVisible(value is not None)
        self.apply.setVisible(value is not None)
        self.apply.setEnabled(value is not None and self.value() != value)

    def mark(self, severity: str | None, messages: list[str]) -> None:
        # Evaluated on every keystroke: restyling is what costs (a re-polish), so skip no-ops.
        state = (severity, tuple(messages))
        if state == self._mark:
            return
        self._mark = state
        if severity is None:
            self.input.setStyleSheet("")
            self.issue.hide()
            self.input.setToolTip("")
            return
        color, bg = (ERROR_COLOR, ERROR_BG) if severity == "error" else (WARNING_COLOR, WARNING_BG)
        self.input.setStyleSheet(f"QLineEdit {{ border: 2px solid {color}; background: {bg}; }}")
        self.issue.setStyleSheet(f"color:{color}")
        self.issue.setText("\n".join(messages))
        self.input.setToolTip("\n".join(messages))
        self.issue.show()


class RuleRow:
    def __init__(self, rule: Rule, parent: QWidget) -> None:
        self.rule = rule
        self.message = QLabel(parent)
        self.message.setObjectName(f"rule_{rule.id}")
        self.message.setWordWrap(True)
        self.comment = QLineEdit(parent)
        self.comment.setObjectName(f"rule_comment_{rule.id}")
        self.comment.setPlaceholderText(parent.tr("Ghi rõ lý do (bắt buộc khi có cảnh báo)"))
        self.message.hide()
        self.comment.hide()

    def show_result(self, violated: bool, left: int = 0, right: int = 0) -> None:
        is_error = self.rule.severity == "error"
        color = ERROR_COLOR if is_error else WARNING_COLOR
        prefix = (
            QCoreApplication.translate("RuleRow", "Lỗi")
            if is_error
            else QCoreApplication.translate("RuleRow", "Cảnh báo")
        )
        if not self.message.styleSheet():
            self.message.setStyleSheet(f"color:{color}; font-weight:bold")
        self.message.setText(f"{prefix}: {self.rule.message} ({format_int(left)} > {format_int(right)})")
        self.message.setVisible(violated)
        self.comment.setVisible(violated and not is_error)
        wanted = (
            f"QLineEdit {{ border: 2px solid {WARNING_COLOR}; }}"
            if not is_error and violated and not self.comment.text().strip()
            else ""
        )
        if self.comment.styleSheet() != wanted:
            self.comment.setStyleSheet(wanted)


class _TitleLabel(QLabel):
    """The area title: wrapped (a QGroupBox title never wraps and forced a horizontal scrollbar
    at 1366×768); a click on it collapses or opens the group like a click on its box."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class AreaForm(QGroupBox):
    """A collapsible group with the area's title; collapsing hides the rows, not the title."""

    edited = Signal()
    apply_requested = Signal(str)  # indicator id

    def __init__(self, plan: Plan, area: Area, rules: list[Rule], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self.setObjectName(f"area_{area.id}")
        text = f"{area.number}. {area.title}"
        hint = self.tr("Bấm vào ô đánh dấu để thu gọn hoặc mở rộng nhóm này")
        self.toggle = QCheckBox(self)
        self.toggle.setChecked(True)
        self.toggle.setAccessibleName(text)
        self.toggle.setToolTip(hint)
        self.title_label = _TitleLabel(text, self)
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-weight: 600;")
        self.title_label.setToolTip(hint)
        self.title_label.clicked.connect(self.toggle.toggle)
        head = QHBoxLayout()
        head.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.title_label, 1)
        self.body = QWidget(self)
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addWidget(self.body)
        self.toggle.toggled.connect(self.body.setVisible)
        grid = QGridLayout(self.body)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        self.counts: dict[str, CountRow] = {}
        self.ratios: dict[str, QLabel] = {}
        self.rules: dict[str, RuleRow] = {}
        r = 0
        for ind in plan.indicators_of(area.id):
            if ind.kind == "ratio":
                name = QLabel(
                    f"{ind.label} <span style='color:#666'>{self.tr('(tự tính)')}</span>", self.body
                )
                name.setWordWrap(True)
                value = QLabel("—", self.body)
                value.setObjectName(f"ratio_{ind.id}")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value.setStyleSheet("font-weight:bold")
                value.setToolTip(self.tr("Tỷ lệ do chương trình tính từ số liệu, không nhập tay"))
                grid.addWidget(name, r, 0)
                grid.addWidget(value, r, 1)
                self.ratios[ind.id] = value
                r += 1
                continue
            row = CountRow(ind, self.body)
            self.counts[ind.id] = row
            grid.addWidget(row.label, r, 0)
            grid.addWidget(row.input, r, 1)
            grid.addWidget(row.comment, r, 2)
            extra = QHBoxLayout()
            row.suggestion.setWordWrap(True)  # a long suggestion wraps instead of widening the page
            extra.addWidget(row.suggestion, 1)
            extra.addWidget(row.apply, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(extra, r + 1, 0, 1, 3)
            grid.addWidget(row.issue, r + 2, 0, 1, 3)
            row.input.textEdited.connect(self.edited)
            row.comment.textEdited.connect(self.edited)
            row.apply.clicked.connect(lambda _=False, i=ind.id: self.apply_requested.emit(i))
            r += 3
        for rule in rules:
            rr = RuleRow(rule, self.body)
            self.rules[rule.id] = rr
            grid.addWidget(rr.message, r, 0, 1, 3)
            grid.addWidget(rr.comment, r + 1, 0, 1, 3)
            rr.comment.textEdited.connect(self.edited)
            r += 2

    # The group box is no longer checkable itself (its title could not wrap); keep its API.
    def isChecked(self) -> bool:  # noqa: N802 - QGroupBox API
        return self.toggle.isChecked()

    def setChecked(self, checked: bool) -> None:  # noqa: N802 - QGroupBox API
        self.toggle.setChecked(checked)
