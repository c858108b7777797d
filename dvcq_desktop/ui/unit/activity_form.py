"""The fields of one activity, their inline checks, and their state as plain JSON for drafts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain.plan import Period, Plan
from dvcq_desktop.domain.records import ACTIVITY_STATUSES, Activity
from dvcq_desktop.domain.tasks import Task
from dvcq_desktop.text import format_date
from dvcq_desktop.text.entry import number_range
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import CountSpinBox, DateEdit, LengthCounter
from dvcq_desktop.ui.unit.task_link import TaskLinkBox

TEXT_FIELDS = ("title", "location", "lead_unit", "partners", "doc_number", "doc_summary")
MEMO_FIELDS = ("content", "result")


def _scrolling(layout: QLayout) -> QScrollArea:
    """`layout` in a frameless area that scrolls vertically when the window is short."""
    body = QWidget()
    body.setLayout(layout)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(body)
    return area


def _error_label(kind: str = "fieldError") -> QLabel:
    label = QLabel()
    label.setObjectName(kind)
    label.setWordWrap(True)
    label.hide()
    return label


class ActivityForm(QWidget):
    changed = Signal()

    def __init__(
        self, plan: Plan, period: Period, parent: QWidget | None = None, tasks: list[Task] | None = None
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.period = period
        self.task_link = TaskLinkBox(tasks or [])
        self.start_edit = DateEdit()
        self.start_edit.setObjectName("startDate")
        self.end_edit = DateEdit(optional=True, blank_text=self.tr("(một ngày)"))
        self.end_edit.setObjectName("endDate")
        self.area_combo = QComboBox()
        self.area_combo.setObjectName("areaCombo")
        for a in plan.areas:
            self.area_combo.addItem(f"{a.number}. {a.short_title}", a.id)
            # The plan's full wording as a tooltip: short titles are for narrow widgets only.
            self.area_combo.setItemData(self.area_combo.count() - 1, a.title, Qt.ItemDataRole.ToolTipRole)
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("typeCombo")
        for combo in (self.area_combo, self.type_combo):
            # the row's width, not the longest label's: at 175 % one activity type's label made the
            # form wider than a 1024 px screen; the open list and the tooltip show it whole
            combo.setMinimumContentsLength(16)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.edits: dict[str, QLineEdit] = {}
        for name in TEXT_FIELDS:
            self.edits[name] = QLineEdit()
            self.edits[name].setObjectName(f"{name}Edit")
        self.memos: dict[str, QPlainTextEdit] = {}
        for name in MEMO_FIELDS:
            m = QPlainTextEdit()
            m.setObjectName(f"{name}Edit")
            m.setTabChangesFocus(True)  # Tab moves on, as in every other field
            self.memos[name] = m
        # A counter under every text field, visible near the package's limit, red past it.
        fields: dict[str, QLineEdit | QPlainTextEdit] = {**self.edits, **self.memos}
        self.counters = {n: LengthCounter(f"activity.{n}").watch(w) for n, w in fields.items()}
        self.participants_spin = CountSpinBox(maximum=number_range("activity.participants")[1])
        self.participants_spin.setObjectName("participantsSpin")
        self.groups_spin = CountSpinBox(maximum=number_range("activity.groups")[1])
        self.groups_spin.setObjectName("groupsSpin")
        self.doc_date_edit = DateEdit(optional=True, blank_text=self.tr("ngày/tháng/năm"))
        self.status_combo = QComboBox()
        for key, label in ACTIVITY_STATUSES.items():
            self.status_combo.addItem(label, key)
        self.notable_check = QCheckBox(self.tr("Hoạt động nổi bật (nêu trong báo cáo)"))
        self.title_error = _error_label()
        self.date_error = _error_label()
        self.date_warning = _error_label("fieldWarning")
        self.edits["title"].setPlaceholderText(self.tr("Bắt buộc, ví dụ: Hội nghị đối thoại với Nhân dân…"))
        self._build()
        self._fill_types()
        self.area_combo.currentIndexChanged.connect(self._fill_types)
        self._connect_changes()
        self.set_status("done")

    def _build(self) -> None:
        left = QFormLayout()
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel(self.tr("đến")))
        dates.addWidget(self.end_edit)
        dates.addStretch(1)
        left.addRow(self.tr("Ngày:"), dates)
        left.addRow("", self.date_error)
        left.addRow("", self.date_warning)
        left.addRow(self.tr("Lĩnh vực:"), self.area_combo)
        left.addRow(self.tr("Loại hoạt động:"), self.type_combo)
        left.addRow(self.tr("Tên hoạt động:"), self.edits["title"])
        left.addRow("", self.title_error)
        left.addRow("", self.counters["title"])
        left.addRow(self.tr("Địa điểm:"), self.edits["location"])
        left.addRow("", self.counters["location"])
        left.addRow(self.tr("Đơn vị chủ trì:"), self.edits["lead_unit"])
        left.addRow("", self.counters["lead_unit"])
        left.addRow(self.tr("Đơn vị phối hợp:"), self.edits["partners"])
        left.addRow("", self.counters["partners"])
        counts = FlowLayout()  # the two counts and their words wrap at 175 % on a 1024 px screen
        counts.addWidget(self.participants_spin)
        counts.addWidget(QLabel(self.tr("người, trong")))
        counts.addWidget(self.groups_spin)
        counts.addWidget(QLabel(self.tr("đoàn/nhóm/buổi")))
        counts.addStretch(1)
        left.addRow(self.tr("Số người tham gia:"), counts)
        left.addRow(self.tr("Trạng thái:"), self.status_combo)
        left.addRow("", self.notable_check)
        left.addRow(self.tr("Nhiệm vụ:"), self.task_link)
        self._left = left

        content = QVBoxLayout()
        content.addWidget(QLabel(self.tr("Nội dung:")))
        content.addWidget(self.memos["content"], 3)
        content.addWidget(self.counters["content"])
        content.addWidget(QLabel(self.tr("Kết quả:")))
        content.addWidget(self.memos["result"], 2)
        content.addWidget(self.counters["result"])
        doc = QGroupBox(self.tr("Văn bản liên quan"))
        df = QFormLayout(doc)
        df.addRow(self.tr("Số/ký hiệu:"), self.edits["doc_number"])
        df.addRow("", self.counters["doc_number"])
        df.addRow(self.tr("Ngày:"), self.doc_date_edit)
        df.addRow(self.tr("Trích yếu:"), self.edits["doc_summary"])
        df.addRow("", self.counters["doc_summary"])
        self._docs = QVBoxLayout()
        self._docs.addWidget(doc)

        # Sections as tabs, each scrolling on its own: the whole form never fits a 1024×600
        # screen at a large font, and the Lưu/Hủy buttons below the tabs must stay on screen.
        self.sections = QTabWidget()
        self.sections.setObjectName("activitySections")
        self.sections.setDocumentMode(True)
        for layout, title in (
            (left, self.tr("Thông tin chung")),
            (content, self.tr("Nội dung, kết quả")),
            (self._docs, self.tr("Văn bản, tệp đính kèm")),
        ):
            self.sections.addTab(_scrolling(layout), title)
        self._docs.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.sections)

    def add_to_left(self, widget: QWidget) -> None:
        """A box of the editor's own (the attachments) in the documents section, above its stretch."""
        self._docs.insertWidget(self._docs.count() - 1, widget)

    def _connect_changes(self) -> None:
        for e in self.edits.values():
            e.textEdited.connect(self.changed)
        for m in self.memos.values():
            m.textChanged.connect(self.changed)
        for s in (self.participants_spin, self.groups_spin):
            s.valueChanged.connect(self.changed)
        for d in (self.start_edit, self.end_edit, self.doc_date_edit):
            d.dateChanged.connect(self.changed)
        for c in (self.area_combo, self.type_combo, self.status_combo):
            c.currentIndexChanged.connect(self.changed)
        self.notable_check.toggled.connect(self.changed)
        self.task_link.changed.connect(self.changed)
        self.area_combo.currentIndexChanged.connect(lambda _i: self._task_context())
        self.edits["title"].textChanged.connect(lambda _t: self._task_context())
        self.start_edit.dateChanged.connect(self._start_changed)

    def _start_changed(self) -> None:
        """Blank date pickers (end, related document) open on the activity's month."""
        start = self.start_edit.value()
        if start is not None:
            self.end_edit.set_fallback(start)
            self.doc_date_edit.set_fallback(start)

    def _fill_types(self) -> None:
        area = self.area_combo.currentData()
        keep = self.type_combo.currentData()
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        for t in self.plan.activity_types:
            if area in t.area_ids:
                self.type_combo.addItem(t.label, t.id)
                self.type_combo.setItemData(self.type_combo.count() - 1, t.label, Qt.ItemDataRole.ToolTipRole)
        idx = self.type_combo.findData(keep)
        self.type_combo.setCurrentIndex(max(0, idx))
        self.type_combo.blockSignals(False)

    def _task_context(self) -> None:
        self.task_link.set_context(str(self.area_combo.currentData() or ""), self.edits["title"].text())

    def set_status(self, key: str) -> None:
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(key)))

    # ---- values --------------------------------------------------------------------------
    def set_activity(self, a: Activity) -> None:
        self.start_edit.set_value(a.start_date)
        self.end_edit.set_value(a.end_date)
        self.area_combo.setCurrentIndex(max(0, self.area_combo.findData(a.area_id)))
        self._fill_types()
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(a.type_id)))
        for name, e in self.edits.items():
            e.setText(getattr(a, name))
        for name, m in self.memos.items():
            m.setPlainText(getattr(a, name))
        self.participants_spin.set_number(a.participants)
        self.groups_spin.set_number(a.groups)
        self.doc_date_edit.set_value(a.doc_date)
        self.set_status(a.status)
        self.notable_check.setChecked(a.notable)
        self._task_context()
        self.task_link.set_task_id(a.task_id)

    def activity(self, base: Activity) -> Activity:
        """`base` with the form's values (id, attachments and timestamps come from `base`)."""
        start = self.start_edit.value() or base.start_date
        end = self.end_edit.value()
        return replace(
            base,
            start_date=start,
            end_date=None if end == start else end,
            area_id=str(self.area_combo.currentData()),
            type_id=str(self.type_combo.currentData() or ""),
            participants=self.participants_spin.number(),
            groups=self.groups_spin.number(),
            doc_date=self.doc_date_edit.value(),
            status=str(self.status_combo.currentData()),
            notable=self.notable_check.isChecked(),
            title=self.edits["title"].text(),
            location=self.edits["location"].text(),
            lead_unit=self.edits["lead_unit"].text(),
            partners=self.edits["partners"].text(),
            doc_number=self.edits["doc_number"].text(),
            doc_summary=self.edits["doc_summary"].text(),
            content=self.memos["content"].toPlainText(),
            result=self.memos["result"].toPlainText(),
            task_id=self.task_link.task_id(),
        )

    def state(self) -> dict[str, Any]:
        """Everything typed, as JSON-able values (for the crash draft)."""

        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "start": iso(self.start_edit.value()),
            "end": iso(self.end_edit.value()),
            "area": self.area_combo.currentData(),
            "type": self.type_combo.currentData(),
            "participants": self.participants_spin.number(),
            "groups": self.groups_spin.number(),
            "doc_date": iso(self.doc_date_edit.value()),
            "status": self.status_combo.currentData(),
            "notable": self.notable_check.isChecked(),
            "task": self.task_link.task_id(),
            **{n: e.text() for n, e in self.edits.items()},
            **{n: m.toPlainText() for n, m in self.memos.items()},
        }

    def set_state(self, s: dict[str, Any]) -> None:
        def d(x: object) -> date | None:
            try:
                return date.fromisoformat(str(x)) if x else None
            except ValueError:
                return None

        if d(s.get("start")):
            self.start_edit.set_value(d(s.get("start")))
        self.end_edit.set_value(d(s.get("end")))
        self.area_combo.setCurrentIndex(max(0, self.area_combo.findData(s.get("area"))))
        self._fill_types()
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(s.get("type"))))
        for name, e in self.edits.items():
            e.setText(str(s.get(name) or ""))
        for name, m in self.memos.items():
            m.setPlainText(str(s.get(name) or ""))
        for spin, key in ((self.participants_spin, "participants"), (self.groups_spin, "groups")):
            v = s.get(key)
            spin.set_number(v if isinstance(v, int) else None)
        self.doc_date_edit.set_value(d(s.get("doc_date")))
        self.set_status(str(s.get("status") or "done"))
        self.notable_check.setChecked(bool(s.get("notable")))
        self._task_context()
        self.task_link.set_task_id(str(s.get("task") or "") or None)

    # ---- checks --------------------------------------------------------------------------
    def check(self) -> bool:
        """Shows inline messages; True when nothing blocks saving (warnings do not)."""
        title_ok = bool(self.edits["title"].text().strip())
        self.title_error.setText(self.tr("Cần nhập tên hoạt động."))
        self.title_error.setVisible(not title_ok)
        start, end = self.start_edit.value(), self.end_edit.value()
        dates_ok = not (start and end and end < start)
        self.date_error.setText(self.tr("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
        self.date_error.setVisible(not dates_ok)
        p = self.period
        outside = start is not None and not (p.start <= start <= p.end)
        self.date_warning.setText(
            self.tr(
                "Ngày nằm ngoài khoảng số liệu của {period} ({start} – {end}): hoạt động sẽ không "
                "được tính vào báo cáo kỳ này."
            ).format(period=p.label, start=format_date(p.start), end=format_date(p.end))
        )
        self.date_warning.setVisible(outside)
        too_long = [n for n, c in self.counters.items() if c.over]
        if not (title_ok and dates_ok):
            self.sections.setCurrentIndex(0)  # the messages are in the first section
        if not title_ok:
            self.edits["title"].setFocus()
        elif not dates_ok:
            self.end_edit.setFocus()
        elif too_long:
            fields: dict[str, QWidget] = {**self.edits, **self.memos}
            fields[too_long[0]].setFocus()
        return title_ok and dates_ok and not too_long
