"""One area's indicator form, generated from the plan (no hand-written form per indicator).

Each count gets: label and unit, a whole-number box (blank = chưa nhập), a comment box, and,
where the activity log can support it, a suggestion with an "Áp dụng" button. Ratios are read-only
labels. A violated rule is said once, under the last figure it compares (the boxes of all its
figures get a coloured border and the message as tooltip), a warning with the comment box that
explains it. The lines a message or a suggestion can take are reserved, so the rows below do not
jump while the officer types.
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
from dvcq_desktop.ui.common.elided_label import ElidedLabel

ERROR_COLOR = "#c0392b"
WARNING_COLOR = "#9a6700"  # amber dark enough to read on white
ERROR_BG = "#fdecea"
WARNING_BG = "#fff4d6"
MAX_DIGITS = 9  # a ward's counts never reach a billion; longer input is a typo
COMMENT_MIN_WIDTH = 140
_COMMENT_NEEDED = f"QLineEdit {{ border: 2px solid {WARNING_COLOR}; }}"  # a warning still unexplained


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
        self.input.setPlaceholderText(parent.tr("chưa nhập"))
        # as wide as "chưa nhập" at the font scale in use (at 175 % a fixed 120 px cut it to "chưa n…")
        need = self.input.fontMetrics().horizontalAdvance(self.input.placeholderText()) + 24
        self.input.setMinimumWidth(need)
        self.input.setMaximumWidth(max(120, need))
        self.input.setAccessibleName(ind.label)
        self.label.setBuddy(self.input)
        self.comment = QLineEdit(parent)
        self.comment.setObjectName(f"comment_{ind.id}")
        self.comment.setPlaceholderText(parent.tr("Ghi chú (nếu có)"))
        # shrinks with the window, never below its hint (the hint grows with the font scale)
        hint_w = self.comment.fontMetrics().horizontalAdvance(self.comment.placeholderText()) + 24
        self.comment.setMinimumWidth(max(COMMENT_MIN_WIDTH, hint_w))
        # One line, shortened with "…" (whole text in the tooltip): wrapped, its height moved the
        # rows below; unwrapped at full width, it made the page wider than the window.
        self.suggestion = ElidedLabel("", parent, Qt.TextElideMode.ElideRight)
        self.suggestion.setStyleSheet("color:#2c5d8a")
        self.apply = QPushButton(parent.tr("Áp dụng"), parent)
        self.apply.setObjectName(f"apply_{ind.id}")
        self.apply.setToolTip(parent.tr("Điền số liệu theo nhật ký hoạt động"))
        # A link-like button: the reserved line is one text line high, not a push button's.
        self.apply.setFlat(True)
        self.apply.setCursor(Qt.CursorShape.PointingHandCursor)
        self.apply.setStyleSheet(
            "QPushButton { padding: 0 4px; border: none; color: #2c5d8a; text-decoration: underline; }"
        )
        self.suggested: int | None = None
        self._mark: tuple[str | None, tuple[str, ...]] = (None, ())
        for w in (self.suggestion, self.apply):
            _reserve_when_hidden(w)
            w.hide()

    def value(self) -> int | None:
        text = self.input.text()
        return parse_count(text) if len(text.replace(".", "").replace(" ", "")) <= MAX_DIGITS else None

    def set_value(self, value: int | None) -> None:
        self.input.setText("" if value is None else format_int(value))

    def set_suggestion(self, value: int | None, text: str) -> None:
        self.suggested = value
        self.suggestion.setText(text)
        self.update_suggestion()

    def update_suggestion(self) -> None:
        """Offered only when it says something: not for 0, not once the box already holds it."""
        useful = bool(self.suggested) and self.value() != self.suggested
        self.suggestion.setVisible(useful)
        self.apply.setVisible(useful)

    def mark(self, severity: str | None, messages: list[str]) -> None:
        # Evaluated on every keystroke: restyling is what costs (a re-polish), so skip no-ops.
        state = (severity, tuple(messages))
        if state == self._mark:
            return
        self._mark = state
        if severity is None:
            self.input.setStyleSheet("")
            self.input.setToolTip("")
            return
        color, bg = (ERROR_COLOR, ERROR_BG) if severity == "error" else (WARNING_COLOR, WARNING_BG)
        self.input.setStyleSheet(f"QLineEdit {{ border: 2px solid {color}; background: {bg}; }}")
        self.input.setToolTip("\n".join(messages))


class RuleRow:
    def __init__(self, rule: Rule, parent: QWidget) -> None:
        self.rule = rule
        self.message = QLabel(parent)
        self.message.setObjectName(f"rule_{rule.id}")
        self.message.setWordWrap(True)
        self.comment = QLineEdit(parent)
        self.comment.setObjectName(f"rule_comment_{rule.id}")
        self.comment.setPlaceholderText(parent.tr("Ghi rõ lý do (bắt buộc khi có cảnh báo)"))
        _reserve_when_hidden(self.message)
        if rule.severity != "error":  # an error is fixed in the figures, never explained
            _reserve_when_hidden(self.comment)
            # The amber frame it gets while empty changes its height by a pixel or two: fixed at
            # the larger of both, the rows below stay put when it appears or is filled in.
            plain = self.comment.sizeHint().height()
            self.comment.setStyleSheet(_COMMENT_NEEDED)
            self.comment.setFixedHeight(max(plain, self.comment.sizeHint().height()))
            self.comment.setStyleSheet("")
        self.show_result(False)

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
        # Set even when hidden: the reserved line has the height of the message it stands for.
        figures = f" ({format_int(left)} > {format_int(right)})" if violated else ""
        self.message.setText(f"{prefix}: {self.rule.message}{figures}")
        self.message.setVisible(violated)
        self.comment.setVisible(violated and not is_error)
        wanted = _COMMENT_NEEDED if not is_error and violated and not self.comment.text().strip() else ""
        if self.comment.styleSheet() != wanted:
            self.comment.setStyleSheet(wanted)


def _reserve_when_hidden(widget: QWidget) -> None:
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


def _anchors(plan: Plan, area: Area, rules: list[Rule]) -> dict[str, list[Rule]]:
    """Each rule under the last count of this area it compares (in the form's order)."""
    order = [i.id for i in plan.indicators_of(area.id) if i.kind != "ratio"]
    out: dict[str, list[Rule]] = {}
    for rule in rules:
        mine = [iid for iid in (*rule.left, *rule.right) if iid in order]
        anchor = max(mine, key=order.index) if mine else ""
        out.setdefault(anchor, []).append(rule)
    return out


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
        anchored = _anchors(plan, area, rules)
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
            if ind.suggest is None:
                grid.addWidget(row.label, r, 0)
            else:  # only these can ever show a suggestion: only they reserve its line, under the label
                cell = QVBoxLayout()
                cell.setSpacing(0)
                cell.addWidget(row.label)
                extra = QHBoxLayout()
                extra.addWidget(row.suggestion, 1)
                extra.addWidget(row.apply)
                extra.addStretch(1)
                cell.addLayout(extra)
                grid.addLayout(cell, r, 0)
            grid.addWidget(row.input, r, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(row.comment, r, 2, Qt.AlignmentFlag.AlignTop)
            r += 1
            row.input.textEdited.connect(self.edited)
            row.comment.textEdited.connect(self.edited)
            row.apply.clicked.connect(lambda _=False, i=ind.id: self.apply_requested.emit(i))
            r = self._add_rules(grid, anchored.pop(ind.id, []), r)
        for rest in anchored.values():  # a rule over figures of other areas only: at the bottom
            r = self._add_rules(grid, rest, r)

    def _add_rules(self, grid: QGridLayout, rules: list[Rule], r: int) -> int:
        for rule in rules:
            rr = RuleRow(rule, self.body)
            self.rules[rule.id] = rr
            grid.addWidget(rr.message, r, 0, 1, 3)
            r += 1
            if rule.severity != "error":
                grid.addWidget(rr.comment, r, 0, 1, 3)
                r += 1
            rr.comment.textEdited.connect(self.edited)
        return r

    # The group box is no longer checkable itself (its title could not wrap); keep its API.
    def isChecked(self) -> bool:  # noqa: N802 - QGroupBox API
        return self.toggle.isChecked()

    def setChecked(self, checked: bool) -> None:  # noqa: N802 - QGroupBox API
        self.toggle.setChecked(checked)
