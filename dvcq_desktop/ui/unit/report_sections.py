"""The narrative part of the Báo cáo page: the outline's sections on the left, one editor each.

One QPlainTextEdit per section (in a stack) keeps each section's own undo history while the
officer moves between them. This widget knows nothing about the database: it reports edits,
section changes and "Gợi ý từ dữ liệu" clicks; the page saves and drafts.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.reports.build_unit import DEFAULT_TITLES
from dvcq_desktop.text import clean
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import LengthCounter

_III_NUMBERS = {"III.uu_diem": 1, "III.han_che": 2, "III.nguyen_nhan": 3}
_EMPTY_COLOR = QColor("#7a8895")


@dataclass(frozen=True)
class SectionInfo:
    id: str
    label: str  # short, for the list: "II.2. Tuyên truyền, “Dân vận khéo”"
    heading: str  # full, above the editor: "II. Kết quả thực hiện — 2. Tiếp tục đẩy mạnh …"
    hint: str


def outline_sections(plan: Plan) -> list[SectionInfo]:
    """The narrative sections in report order, titled as the report titles them."""
    areas = {a.id: a for a in plan.areas}
    ii = DEFAULT_TITLES["II"]
    iii = DEFAULT_TITLES["III"]
    out = []
    for s in plan.outline:
        title = s.title.strip() or DEFAULT_TITLES.get(s.id, s.id)
        area = areas.get(s.area_id or "")
        if area is not None:
            out.append(
                SectionInfo(
                    s.id,
                    f"II.{area.number}. {area.short_title or area.title}",
                    f"II. {ii} — {area.number}. {area.title}",
                    "area",
                )
            )
        elif s.id in _III_NUMBERS:
            n = _III_NUMBERS[s.id]
            out.append(SectionInfo(s.id, f"III.{n}. {title}", f"III. {iii} — {n}. {title}", "text"))
        else:
            out.append(SectionInfo(s.id, f"{s.id}. {title}", f"{s.id}. {title}", "text"))
    return out


class NarrativeEditors(QWidget):
    edited = Signal(str)  # section id whose text the officer changed
    section_left = Signal(str)  # the officer moved away from this section
    suggest_requested = Signal(str)  # "Gợi ý từ dữ liệu" for this section

    def __init__(self, sections: list[SectionInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sections = sections
        self._loading = False
        self.list = QListWidget()
        self.list.setObjectName("sectionList")
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(170)
        self.list.setMaximumWidth(230)
        # Item padding from a stylesheet is not in the wrapped size hint (Qt elides instead), so
        # spacing between items gives the air, and long area names wrap instead of scrolling.
        self.list.setSpacing(2)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.editors: dict[str, QPlainTextEdit] = {}
        # One counter for the section on screen: visible near the package's limit, red past it.
        self.counter = LengthCounter("narrative.text")
        for info in sections:
            item = QListWidgetItem(info.label)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.list.addItem(item)
            ed = QPlainTextEdit()
            ed.setObjectName(f"narrative_{info.id}")
            ed.setTabChangesFocus(True)
            ed.setPlaceholderText(self._placeholder(info))
            ed.textChanged.connect(lambda sid=info.id: self._text_changed(sid))
            self.editors[info.id] = ed
            self.stack.addWidget(ed)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: 600; color: #1f2d3a;")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5b6b7a;")
        self.suggest_btn = QPushButton(self.tr("Gợi ý từ dữ liệu"))
        self.suggest_btn.setToolTip(self.tr("Soạn sẵn câu văn từ hoạt động và số liệu chỉ tiêu đã nhập"))
        self.suggest_btn.clicked.connect(lambda _c=False: self.suggest_requested.emit(self.current_id()))
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #5b6b7a;")
        tools = FlowLayout()  # at 175 % the button, counter and "saved" note wrap, not cut
        tools.addWidget(self.suggest_btn)
        tools.addStretch(1)
        tools.addWidget(self.counter)
        tools.addWidget(self.saved_label)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.heading)
        right.addWidget(self.hint)
        right.addLayout(tools)
        right.addWidget(self.stack, 1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.list)
        lay.addLayout(right, 1)
        self._current = ""
        self.list.currentRowChanged.connect(self._row_changed)
        if sections:
            self.list.setCurrentRow(0)

    def _placeholder(self, info: SectionInfo) -> str:
        if info.hint == "area":
            return self.tr(
                "Viết kết quả thực hiện nội dung này. Để trống thì báo cáo dùng câu tóm tắt "
                "từ nhật ký hoạt động."
            )
        return self.tr("Viết nội dung phần này. Để trống thì báo cáo dùng câu gợi ý từ dữ liệu.")

    def _hint(self, info: SectionInfo) -> str:
        if info.hint == "area":
            return self.tr(
                "Số liệu chỉ tiêu và các hoạt động nổi bật được tự động thêm vào báo cáo "
                "sau phần viết này. Mỗi dòng là một đoạn văn."
            )
        return self.tr("Mỗi dòng là một đoạn văn.")

    # ---- navigation ----------------------------------------------------------------------
    def current_id(self) -> str:
        return self._current

    def current_editor(self) -> QPlainTextEdit:
        return self.editors[self._current]

    def select(self, section_id: str) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == section_id:
                self.list.setCurrentRow(i)
                return True
        return False

    def _row_changed(self, row: int) -> None:
        if not 0 <= row < len(self.sections):
            return
        previous = self._current
        info = self.sections[row]
        self._current = info.id
        self.stack.setCurrentWidget(self.editors[info.id])
        self.counter.update_for(self.editors[info.id])
        self.heading.setText(info.heading)
        self.hint.setText(self._hint(info))
        if previous and previous != info.id:
            self.section_left.emit(previous)

    # ---- text ----------------------------------------------------------------------------
    def _text_changed(self, section_id: str) -> None:
        if section_id == self._current:
            self.counter.update_for(self.editors[section_id])
        self._mark(section_id)
        if not self._loading:
            self.edited.emit(section_id)

    def _mark(self, section_id: str) -> None:
        """Grey list entries are sections still empty (the report will draft them)."""
        empty = not self.editors[section_id].toPlainText().strip()
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == section_id:
                item.setForeground(QBrush(_EMPTY_COLOR) if empty else QBrush())
                item.setToolTip(
                    self.tr("Chưa viết — báo cáo sẽ dùng câu tự động từ dữ liệu")
                    if empty
                    else self.sections[i].heading
                )

    def text(self, section_id: str) -> str:
        return clean(self.editors[section_id].toPlainText())

    def set_texts(self, texts: dict[str, str], skip: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        """Show stored texts; sections in `skip` (unsaved edits) and unchanged ones are left alone."""
        self._loading = True
        try:
            for sid, ed in self.editors.items():
                stored = texts.get(sid, "")
                if sid not in skip and clean(ed.toPlainText()) != clean(stored):
                    ed.setPlainText(stored)
                self._mark(sid)
        finally:
            self._loading = False

    def insert_suggestion(self, section_id: str, text: str, *, replace: bool) -> None:
        """As one undoable edit, so Ctrl+Z brings the officer's own text back."""
        ed = self.editors[section_id]
        cur = QTextCursor(ed.document())
        cur.beginEditBlock()
        if replace:
            cur.select(QTextCursor.SelectionType.Document)
            cur.insertText(text)
        else:
            cur.movePosition(QTextCursor.MoveOperation.End)
            existing = ed.toPlainText()
            sep = "" if not existing.strip() else ("\n" if existing.endswith("\n") else "\n")
            cur.insertText(sep + text)
        cur.endEditBlock()
        ed.setTextCursor(cur)
        ed.setFocus()

    def set_saved_text(self, text: str, error: bool = False) -> None:
        self.saved_label.setText(text)
        self.saved_label.setStyleSheet("color: #b3261e;" if error else "color: #5b6b7a;")
