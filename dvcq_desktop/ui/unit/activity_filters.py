"""The filter row of the Hoạt động page: accent-blind search, area, activity type, status, dates."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QSizePolicy, QWidget

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import ACTIVITY_STATUSES
from dvcq_desktop.storage.activities import ActivityFilter
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import DateEdit

# More rows of filters than this (1024×600 at 175 %: five) and the table kept two rows of the log:
# the lists and dates then fold behind one "Lọc" button that says how many are in use.
MAX_ROWS = 3


class ActivityFilterBar(QWidget):
    typing = Signal()  # the search text changed (the page waits for a pause in the typing)
    changed = Signal()  # a list or a date changed: filter at once

    def __init__(self, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchBox")
        self.search_edit.setPlaceholderText(self.tr("Tìm kiếm, không cần gõ dấu (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.area_combo = QComboBox()
        self.area_combo.addItem(self.tr("Tất cả lĩnh vực"), None)
        for a in plan.areas:
            self.area_combo.addItem(f"{a.number}. {a.short_title}", a.id)
        self.type_combo = QComboBox()
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Mọi trạng thái"), None)
        for key, label in ACTIVITY_STATUSES.items():
            self.status_combo.addItem(label, key)
        self.from_edit = DateEdit(optional=True, blank_text=self.tr("từ ngày"))
        self.to_edit = DateEdit(optional=True, blank_text=self.tr("đến ngày"))
        clear_btn = QPushButton(self.tr("Bỏ lọc"))
        clear_btn.setToolTip(self.tr("Hiện tất cả hoạt động"))
        self.more_btn = QPushButton()
        self.more_btn.setObjectName("moreFilters")
        self.more_btn.setCheckable(True)
        self.more_btn.setToolTip(self.tr("Hiện hoặc ẩn các ô lọc theo lĩnh vực, loại, trạng thái, ngày"))
        self.more_btn.toggled.connect(lambda _on: self._show_folded())
        self.more_btn.hide()
        self.compact = False
        dash = QLabel("–")
        self._foldable: tuple[QWidget, ...] = (
            self.area_combo,
            self.type_combo,
            self.status_combo,
            self.from_edit,
            dash,
            self.to_edit,
            clear_btn,
        )
        self._fill_types()

        # One row on a wide window, two or three on a small one: no field squeezed below its text.
        lay = FlowLayout(self)
        fm = self.search_edit.fontMetrics()
        self.search_edit.setMinimumWidth(
            min(fm.horizontalAdvance(self.search_edit.placeholderText()) + 28, fm.horizontalAdvance("M") * 30)
        )
        self.search_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        lay.addWidget(self.search_edit)
        lay.addWidget(self.more_btn)
        for w in (self.area_combo, self.type_combo, self.status_combo):
            # as wide as its "all" entry; a longer choice is shortened with "…"
            w.setMinimumContentsLength(max(12, len(w.itemText(0)) + 1))
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            lay.addWidget(w)
        lay.addWidget(self.from_edit)
        lay.addWidget(dash)
        lay.addWidget(self.to_edit)
        lay.addWidget(clear_btn)
        self.changed.connect(self._update_more)
        self._update_more()

        self.search_edit.textChanged.connect(lambda _t: self.typing.emit())
        self.area_combo.currentIndexChanged.connect(self._area_changed)
        for combo in (self.type_combo, self.status_combo):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for d in (self.from_edit, self.to_edit):
            d.dateChanged.connect(lambda *_: self.changed.emit())
        clear_btn.clicked.connect(lambda _c=False: self.clear())

    # ---- folding on a small screen ---------------------------------------------------------------
    def rows_needed(self, width: int) -> int:
        """How many rows every field takes at `width`, placed as the flow layout places them (hidden
        ones too, so that folding them cannot change the answer and oscillate)."""
        spacing, rows, line = 6, 1, 0
        for w in (self.search_edit, *self._foldable):
            need = max(w.sizeHint().width(), w.minimumSizeHint().width(), w.minimumWidth())
            if line and line + spacing + need > width:
                rows, line = rows + 1, need
            else:
                line += (spacing if line else 0) + need
        return rows

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        compact = self.rows_needed(event.size().width()) > MAX_ROWS
        if compact != self.compact:
            self.compact = compact
            self.more_btn.setVisible(compact)
            self._show_folded()

    def _show_folded(self) -> None:
        shown = not self.compact or self.more_btn.isChecked()
        for w in self._foldable:
            w.setVisible(shown)

    def in_use(self) -> int:
        """How many of the folded filters are set (the search box is always in view)."""
        f = self.current(deleted=False)
        return sum(v is not None for v in (f.area_id, f.type_id, f.status, f.date_from, f.date_to))

    def _update_more(self) -> None:
        n = self.in_use()
        self.more_btn.setText(self.tr("Lọc ({n})").format(n=n) if n else self.tr("Lọc"))

    def _fill_types(self) -> None:
        """The activity types of the chosen area (all types when no area is chosen)."""
        area = self.area_combo.currentData()
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        self.type_combo.addItem(self.tr("Mọi loại hoạt động"), None)
        for t in self.plan.activity_types:
            if area is None or area in t.area_ids:
                self.type_combo.addItem(t.label, t.id)
        self.type_combo.blockSignals(False)

    def _area_changed(self) -> None:
        self._fill_types()
        self.changed.emit()

    def current(self, *, deleted: bool) -> ActivityFilter:
        return ActivityFilter(
            text=self.search_edit.text(),
            area_id=self.area_combo.currentData(),
            type_id=self.type_combo.currentData(),
            status=self.status_combo.currentData(),
            date_from=self.from_edit.value(),
            date_to=self.to_edit.value(),
            deleted=deleted,
        )

    def clear(self) -> None:
        """Back to "everything", emitting one `changed` rather than one per field."""
        fields: tuple[QWidget, ...] = (
            self.search_edit,
            self.area_combo,
            self.type_combo,
            self.status_combo,
            self.from_edit,
            self.to_edit,
        )
        for w in fields:
            w.blockSignals(True)
        self.search_edit.clear()
        self.area_combo.setCurrentIndex(0)
        self._fill_types()
        self.status_combo.setCurrentIndex(0)
        self.from_edit.clear_value()
        self.to_edit.clear_value()
        for w in fields:
            w.blockSignals(False)
        self.changed.emit()

    def show_area(self, area_id: str) -> bool:
        """Filter to one area of the plan; False when `area_id` is not one."""
        idx = self.area_combo.findData(area_id)
        if idx >= 0:
            self.area_combo.setCurrentIndex(idx)
        return idx >= 0

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()
