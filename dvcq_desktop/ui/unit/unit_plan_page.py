"""The "Kế hoạch của đơn vị" page: the unit's tasks as a tree by area with inline editing,
filters, progress per area, the suggested starting set, copying last period's tasks, the KẾ
HOẠCH's number and date, and writing the KẾ HOẠCH (Word + Excel)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.periods import PeriodInfo
from dvcq_desktop.domain.tasks import TASK_STATUSES, Task
from dvcq_desktop.domain.unit_kinds import kind_for
from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.services import periods as periods_service
from dvcq_desktop.services import unit_tasks
from dvcq_desktop.storage import tasks as repo
from dvcq_desktop.text import format_date
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import page_title
from dvcq_desktop.ui.unit.task_status_delegate import StatusDelegate
from dvcq_desktop.ui.unit.task_tree_model import COL_STATUS, TaskFilter, TaskTreeModel
from dvcq_desktop.ui.unit.unit_plan_meta_bar import PlanMetaBar

SAVE_DELAY_MS = 600


class UnitPlanPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ws = ctx.workspace
        self.plan = ws.plan
        self.period = ws.period
        self.model = TaskTreeModel(self.plan.areas, self._save, self.period.end.year, clock.today())
        self.model.edit_failed.connect(self._show_error)
        self._build()
        self._content_timer = QTimer(self)
        self._content_timer.setSingleShot(True)
        self._content_timer.setInterval(SAVE_DELAY_MS)
        self._content_timer.timeout.connect(self.flush)
        self._content_task: str | None = None
        ctx.hub.activities_changed.connect(self.refresh)
        self.refresh()

    # ---- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = page_title()
        self.title.setWordWrap(True)
        self.meta = PlanMetaBar(self.ctx, self.plan.id, self.period, self.flush, self._show_error)
        # the KẾ HOẠCH's fields, as the page has always offered them
        self.number_edit, self.date_edit = self.meta.number_edit, self.meta.date_edit
        self.issued_label = self.meta.issued_label

        self.add_btn = QPushButton(self.tr("Thêm nhiệm vụ"))
        self.delete_btn = QPushButton(self.tr("Xóa nhiệm vụ"))
        self.suggest_btn = QPushButton(self.tr("Gợi ý từ kế hoạch thành phố"))
        self.suggest_btn.setToolTip(
            self.tr(
                "Tạo mỗi nội dung của Kế hoạch của UBND Thành phố thành một nhiệm vụ để sửa lại cho đơn vị"
            )
        )
        self.copy_btn = QPushButton(self.tr("Chép từ năm trước"))
        actions = FlowLayout()
        for b in (self.add_btn, self.delete_btn, self.suggest_btn, self.copy_btn):
            actions.addWidget(b)
        actions.addStretch(1)

        self.area_filter = QComboBox()
        self.area_filter.setObjectName("areaFilter")
        self.area_filter.addItem(self.tr("Tất cả nội dung"), "")
        for a in self.plan.areas:
            self.area_filter.addItem(f"{a.number}. {a.short_title}", a.id)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("Mọi tình trạng"), "")
        for key, label in TASK_STATUSES.items():
            self.status_filter.addItem(label, key)
        self.lead_filter = QComboBox()
        self.lead_filter.setObjectName("leadFilter")
        self.lead_filter.addItem(self.tr("Mọi người chủ trì"), "")
        for combo in (self.area_filter, self.lead_filter):
            # as wide as its "all" entry, as on the activities page: a long area name or lead is
            # shortened with "…" (the list shows it whole), so the filters keep to one row
            combo.setMinimumContentsLength(len(combo.itemText(0)) + 1)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.overdue_check = QCheckBox(self.tr("Chỉ nhiệm vụ quá hạn"))
        filters = FlowLayout()
        for f in (
            QLabel(self.tr("Lọc:")),
            self.area_filter,
            self.status_filter,
            self.lead_filter,
            self.overdue_check,
        ):
            filters.addWidget(f)
        filters.addStretch(1)

        self.tree = QTreeView()
        self.tree.setObjectName("taskTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.tree.setItemDelegateForColumn(COL_STATUS, StatusDelegate(self.tree))
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((380, 140, 150, 130, 170, 190, 160)):
            header.resizeSection(col, width)

        self.content_edit = QPlainTextEdit()
        self.content_edit.setObjectName("taskContent")
        self.content_edit.setPlaceholderText(self.tr("Nội dung thực hiện của nhiệm vụ đang chọn"))
        self.links_label = QLabel()
        self.links_label.setWordWrap(True)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(QLabel(self.tr("Nội dung thực hiện:")))
        dl.addWidget(self.content_edit, 1)
        dl.addWidget(self.links_label)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(detail)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)

        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        # On a small screen or at 175 % the wrapped rows above would squeeze the tree to nothing:
        # the page scrolls and the tree keeps a dozen rows.
        split.setMinimumHeight(self.fontMetrics().height() * 18)
        split.setChildrenCollapsible(False)
        body = QWidget()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        lay = QVBoxLayout(body)
        lay.addWidget(self.title)
        lay.addWidget(self.meta)
        lay.addLayout(actions)
        lay.addLayout(filters)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)

        self.add_btn.clicked.connect(self.add_task)
        self.delete_btn.clicked.connect(self.delete_selected)
        self.suggest_btn.clicked.connect(self.add_suggested)
        self.copy_btn.clicked.connect(self.copy_previous)
        for c in (self.area_filter, self.status_filter, self.lead_filter):
            c.currentIndexChanged.connect(self._apply_filter)
        self.overdue_check.toggled.connect(self._apply_filter)
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.content_edit.textChanged.connect(self._content_typed)

    # ---- Page protocol ----------------------------------------------------------------------
    def refresh(self) -> None:
        db = self.ctx.workspace.db
        tasks = repo.list_tasks(db, self.plan.id, self.period.id)
        keep = self.selected_task()
        self.model.set_tasks(tasks, clock.today())
        self.tree.expandAll()
        self._fill_leads(tasks)
        prev = self._previous_period()
        self.copy_btn.setEnabled(prev is not None and not tasks)
        self.copy_btn.setToolTip(
            self.tr("Chưa có kỳ trước để chép.")
            if prev is None
            else self.tr("Chép nhiệm vụ của {label}").format(label=prev.label)
            if not tasks
            else self.tr("Kỳ này đã có nhiệm vụ.")
        )
        self.title.setText(
            self.tr("Kế hoạch của đơn vị — {period}: {n} nhiệm vụ").format(
                period=self.period.label, n=len(tasks)
            )
        )
        self.meta.load()
        if keep is not None:
            self.focus_target(keep.id)

    def flush(self) -> None:
        """Write the content being typed (the debounce timer would do it a moment later)."""
        self._content_timer.stop()
        task_id = self._content_task
        if task_id is None:
            return
        t = repo.get_or_none(self.ctx.workspace.db, task_id)
        text = self.content_edit.toPlainText()
        if t is not None and t.content != text.strip():
            self._save(replace(t, content=text))

    def focus_target(self, target: object) -> None:
        """A task id (from the overview's "việc cần làm") or an area id."""
        idx = self.model.index_of(str(target))
        if not idx.isValid():
            idx = self.model.area_index(str(target))
        if idx.isValid():
            self.tree.setCurrentIndex(idx)
            self.tree.scrollTo(idx)

    # ---- editing ----------------------------------------------------------------------------
    def _save(self, t: Task) -> Task:
        stored = repo.save(self.ctx.workspace.db, self.plan.id, self.period.id, t)
        self._show_error("")
        self.ctx.hub.report_changed.emit()
        return stored

    def selected_task(self) -> Task | None:
        return self.model.task(self.tree.currentIndex())

    def add_task(self) -> Task:
        current = self.tree.currentIndex()
        t = self.model.task(current)
        area = t.area_id if t else ""
        if not area and current.isValid():
            area = self.model.areas[current.row()].id
        area = area or str(self.area_filter.currentData() or "") or self.plan.areas[0].id
        new = self._save(Task(id=repo.new_id(), area_id=area, title=self.tr("Nhiệm vụ mới")))
        self.refresh()
        self.focus_target(new.id)
        self.tree.edit(self.tree.currentIndex())
        return new

    def delete_selected(self) -> None:
        t = self.selected_task()
        if t is None:
            return
        extra = (
            self.tr(" {n} hoạt động đã gắn sẽ được giữ nguyên, chỉ bỏ liên kết.").format(n=t.linked)
            if t.linked
            else ""
        )
        answer = QMessageBox.question(
            self, self.tr("Xóa nhiệm vụ"), self.tr("Xóa nhiệm vụ “{title}”?").format(title=t.title) + extra
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        repo.delete(self.ctx.workspace.db, t.id)
        self.ctx.hub.report_changed.emit()
        self.refresh()

    def add_suggested(self) -> int:
        unit = self.ctx.workspace.own_unit
        ubnd = kind_for(unit.level, unit.name, unit.kind).ubnd
        n = unit_tasks.add_suggested(self.ctx.workspace.db, self.plan, self.period.id, ubnd=ubnd)
        self.refresh()
        self.ctx.hub.status_message.emit(
            self.tr("Đã tạo {n} nhiệm vụ từ Kế hoạch của UBND Thành phố.").format(n=n)
            if n
            else self.tr("Các nhiệm vụ gợi ý đều đã có.")
        )
        return n

    def _previous_period(self) -> PeriodInfo | None:
        return unit_tasks.previous_period(periods_service.list_periods(self.ctx.workspace), self.period)

    def copy_previous(self) -> int:
        """Last year's tasks into this (empty) period; each year has its own plan version."""
        prev = self._previous_period()
        if prev is None:
            return 0
        try:
            n = unit_tasks.copy_period(
                self.ctx.workspace.db,
                self.plan.id,
                prev.id,
                self.period.id,
                years=self.period.end.year - prev.end.year,
                source_plan=prev.plan_id,
            )
        except DvcqError as exc:
            self._show_error(user_message(exc))
            return 0
        self.refresh()
        return n

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.flush()
        t = self.model.task(current)
        self._content_task = None
        self.content_edit.blockSignals(True)
        self.content_edit.setPlainText(t.content if t else "")
        self.content_edit.blockSignals(False)
        self.content_edit.setEnabled(t is not None)
        self._content_task = t.id if t else None
        self.delete_btn.setEnabled(t is not None)
        if t is None:
            self.links_label.clear()
            return
        rows = repo.linked_activities(self.ctx.workspace.db, t.id)
        self.links_label.setText(
            self.tr("Hoạt động đã gắn: {list}").format(
                list="; ".join(
                    f"{r['title']} ({format_date(date.fromisoformat(r['start_date']))})" for r in rows[:8]
                )
                + (self.tr(" và {n} hoạt động khác").format(n=len(rows) - 8) if len(rows) > 8 else "")
            )
            if rows
            else self.tr("Chưa có hoạt động nào gắn với nhiệm vụ này (gắn trong cửa sổ sửa hoạt động).")
        )

    def _content_typed(self) -> None:
        if self._content_task is not None:
            self._content_timer.start()

    # ---- filters ----------------------------------------------------------------------------
    def _fill_leads(self, tasks: list[Task]) -> None:
        keep = self.lead_filter.currentData()
        self.lead_filter.blockSignals(True)
        self.lead_filter.clear()
        self.lead_filter.addItem(self.tr("Mọi người chủ trì"), "")
        for lead in sorted({" ".join(t.lead.split()) for t in tasks if t.lead.strip()}):
            self.lead_filter.addItem(lead, lead)
        self.lead_filter.setCurrentIndex(max(0, self.lead_filter.findData(keep)))
        self.lead_filter.blockSignals(False)

    def _apply_filter(self) -> None:
        self.model.set_filter(
            TaskFilter(
                area_id=str(self.area_filter.currentData() or ""),
                status=str(self.status_filter.currentData() or ""),
                lead=str(self.lead_filter.currentData() or ""),
                overdue_only=self.overdue_check.isChecked(),
            )
        )
        self.tree.expandAll()

    # ---- the KẾ HOẠCH's number and date ------------------------------------------------------
    def save_meta(self) -> None:
        self.meta.save()

    def _show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
