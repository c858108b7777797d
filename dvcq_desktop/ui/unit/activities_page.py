"""Hoạt động: the activity log with filters, accent-blind search, trash and undo."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.storage import activities
from dvcq_desktop.storage.activities import ActivityFilter
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_int
from dvcq_desktop.ui.common import read_only
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.style import BASE_POINT_SIZE
from dvcq_desktop.ui.common.widgets import page_head, set_enabled_why
from dvcq_desktop.ui.common.workers import Progress, in_worker
from dvcq_desktop.ui.unit import activity_model as am
from dvcq_desktop.ui.unit.activity_editor import ActivityEditor
from dvcq_desktop.ui.unit.activity_filters import ActivityFilterBar

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
# Pixel widths: sizing to contents would make Qt read every row of a 100,000-row model.
COLUMN_WIDTHS = {
    am.COL_DATE: 125,
    am.COL_AREA: 170,
    am.COL_TYPE: 160,
    am.COL_LOCATION: 150,
    am.COL_PEOPLE: 80,
    am.COL_STATUS: 120,
}


class ActivitiesPage(QWidget):
    rows_shown = Signal()  # the table shows the current filter's first rows
    filter_applied = Signal()  # ... and its full count (tests, benchmarks)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = ctx.workspace.plan
        self.model = am.ActivityTableModel(ctx.workspace.db, self.plan, self)
        self.editor: ActivityEditor | None = None
        self._undo_stack: list[list[str]] = []
        self._generation = 0
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)

        self.filters = ActivityFilterBar(self.plan)
        self.filters.typing.connect(self._search_timer.start)
        self.filters.changed.connect(self.apply_filter)
        # The fields tests and the window reach for, under the page's own names.
        self.search_edit = self.filters.search_edit
        self.from_edit, self.to_edit = self.filters.from_edit, self.filters.to_edit

        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 14, 18, 10)
        lay.addLayout(self._build_head())
        lay.addLayout(self._build_toolbar())
        lay.addWidget(self.filters)
        lay.addWidget(self._build_undo_bar())
        lay.addWidget(self._build_table(), 1)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #5b6b7a;")
        lay.addWidget(self.empty_label)

        self._shortcut("Ctrl+N", self.new_activity)
        self._shortcut("Ctrl+F", self.focus_search)
        # Ctrl+Z is the window menu's "Hoàn tác" (Chỉnh sửa), which calls undo_delete.
        # Delete/Enter are read from the table's own key events: they only mean something there,
        # and the table otherwise swallows Enter as "start editing a cell".
        self.table.installEventFilter(self)
        ctx.hub.activities_changed.connect(self.reload)
        self._update_counts()
        self._update_buttons()

    def _build_head(self) -> QHBoxLayout:
        self.count_label = QLabel()
        return page_head(self.tr("Nhật ký hoạt động"), self.count_label)

    def _build_toolbar(self) -> FlowLayout:
        self.add_btn = self._button(self.tr("Thê&m"), self.new_activity, self.tr("Thêm hoạt động (Ctrl+N)"))
        self.add_btn.setObjectName("primary")
        self.edit_btn = self._button(self.tr("&Sửa"), self.edit_selected, self.tr("Sửa (Enter)"))
        self.dup_btn = self._button(
            self.tr("&Nhân bản"), self.duplicate_selected, self.tr("Tạo bản sao để ghi hoạt động tương tự")
        )
        self.del_btn = self._button(
            self.tr("&Xóa"), self.delete_selected, self.tr("Chuyển vào Thùng rác (Delete)")
        )
        self.restore_btn = self._button(
            self.tr("&Khôi phục"), self.restore_selected, self.tr("Đưa hoạt động đã xóa trở lại nhật ký")
        )
        self.trash_btn = self._button(
            self.tr("Thùng &rác"), self._toggle_trash, self.tr("Xem các hoạt động đã xóa")
        )
        self.trash_btn.setCheckable(True)
        bar = FlowLayout()  # wraps rather than cutting the buttons on a small screen
        for b in (self.add_btn, self.edit_btn, self.dup_btn, self.del_btn):
            bar.addWidget(b)
        bar.addSpacing(16)
        bar.addWidget(
            self._button(
                self.tr("Tải mẫ&u Excel"),
                self._download_template,
                self.tr("Tạo tệp Excel mẫu để nhập nhiều hoạt động"),
            )
        )
        self.import_btn = self._button(
            self.tr("Nhập từ &Excel"), self._import_excel, self.tr("Nhập hoạt động từ tệp Excel")
        )
        bar.addWidget(self.import_btn)
        bar.addStretch(1)
        bar.addWidget(self.restore_btn)
        bar.addWidget(self.trash_btn)
        self.restore_btn.setVisible(False)
        return bar

    def _build_undo_bar(self) -> QFrame:
        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("undoBar")
        self.undo_label = QLabel()
        self.undo_btn = self._button(self.tr("&Hoàn tác"), self.undo_delete, self.tr("Khôi phục (Ctrl+Z)"))
        close_undo = self._button("✕", self.undo_bar.hide, self.tr("Ẩn"))
        close_undo.setFlat(True)
        ub = QHBoxLayout(self.undo_bar)
        ub.setContentsMargins(10, 4, 6, 4)
        ub.addWidget(self.undo_label, 1)
        ub.addWidget(self.undo_btn)
        ub.addWidget(close_undo)
        self.undo_bar.hide()
        return self.undo_bar

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.sortByColumn(am.COL_DATE, Qt.SortOrder.DescendingOrder)
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row size queries
        vh.setDefaultSectionSize(self.fontMetrics().height() + 12)
        vh.hide()
        hh = self.table.horizontalHeader()
        # the widths are designed at 100 %; a larger font scale widens them in proportion
        ratio = max(1.0, self.font().pointSizeF() / BASE_POINT_SIZE)
        for col, width in COLUMN_WIDTHS.items():
            hh.resizeSection(col, round(width * ratio))
        hh.setSectionResizeMode(am.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        return self.table

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_selected()
                return True
        return super().eventFilter(obj, event)

    # ---- small builders ------------------------------------------------------------------
    def _button(self, text: str, slot: Callable[[], object], tip: str) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.clicked.connect(lambda _c=False: slot())
        return b

    def _shortcut(self, key: object, slot: Callable[[], object], widget: QWidget | None = None) -> None:
        # Window-wide, not WidgetWithChildren: after the page is opened from the sidebar the focus
        # is still in the sidebar, and Ctrl+N/F/Z must work then. A hidden page's shortcut is inert.
        sc = QShortcut(QKeySequence(key), widget or self)  # type: ignore[call-overload]
        sc.activated.connect(slot)

    # ---- filtering -----------------------------------------------------------------------
    def current_filter(self) -> ActivityFilter:
        return self.filters.current(deleted=self.trash_btn.isChecked())

    def apply_filter(self) -> None:
        """Fetches the first rows on a worker thread, then, when no index can count at once,
        counts in a second task: a search through 100,000 rows takes longer than a keystroke,
        typing must never stall, and the first rows need not wait for the count."""
        self._search_timer.stop()
        self._generation += 1
        generation, f, order = self._generation, self.current_filter(), self.model.order
        ws = self.ctx.workspace
        self.count_label.setText(self.tr("Đang tìm…"))

        def work(wws: Workspace, _progress: Progress) -> tuple[int, int | None, list[dict[str, object]]]:
            return (generation, *am.fetch_first(wws.db, f, *order))

        def done(result: tuple[int, int | None, list[dict[str, object]]]) -> None:
            gen, count, first = result
            if gen != self._generation:
                return  # a newer keystroke superseded this search
            if not self.model.apply_result(f, order, count, first):
                self.model.set_filter(f)
            self._update_counts()
            self._update_buttons()
            self.rows_shown.emit()
            if self.model.count_pending:
                self._count_rest(generation, f)
            else:
                self.filter_applied.emit()

        self.ctx.tasks.start(in_worker(ws, work), on_done=done, on_error=lambda _c, m: self._filter_failed(m))

    def _count_rest(self, generation: int, f: ActivityFilter) -> None:
        def work(wws: Workspace, _progress: Progress) -> int:
            return activities.count(wws.db, f)

        def done(count: int) -> None:
            if generation != self._generation or not self.model.apply_count(f, count):
                return
            self._update_counts()
            self.filter_applied.emit()

        self.ctx.tasks.start(
            in_worker(self.ctx.workspace, work), on_done=done, on_error=lambda _c, m: self._filter_failed(m)
        )

    def _filter_failed(self, message: str) -> None:
        self.ctx.hub.status_message.emit(message)
        self._update_counts()

    def clear_filters(self) -> None:
        self.filters.clear()

    def focus_search(self) -> None:
        self.filters.focus_search()

    def _toggle_trash(self) -> None:
        trash = self.trash_btn.isChecked()
        self.restore_btn.setVisible(trash)
        for b in (self.add_btn, self.edit_btn, self.dup_btn, self.del_btn):
            b.setVisible(not trash)
        self.apply_filter()

    def reload(self) -> None:
        self.apply_filter()

    def flush(self) -> None:
        """Nothing waits to be written here: an open editor keeps its own draft (see MainWindow)."""

    def refresh(self) -> None:
        self.reload()

    def focus_target(self, target: object) -> None:
        """An area id filters the log to that area; an activity id opens it."""
        if isinstance(target, str) and not self.filters.show_area(target):
            if activities.get_or_none(self.ctx.workspace.db, target) is not None:
                self.open_editor(target)

    def _update_counts(self) -> None:
        n = self.model.rowCount()
        if self.model.count_pending:
            self.count_label.setText(self.tr("Đang đếm… (ít nhất {n} hoạt động)").format(n=format_int(n)))
            self.empty_label.setVisible(False)
            return
        trash = self.trash_btn.isChecked()
        self.count_label.setText(
            (self.tr("{n} hoạt động trong Thùng rác") if trash else self.tr("{n} hoạt động")).format(
                n=format_int(n)
            )
        )
        if n == 0:
            f = self.model.filter
            filtered = bool(f.text or f.area_id or f.type_id or f.status or f.date_from or f.date_to)
            self.empty_label.setText(
                self.tr("Không có hoạt động nào khớp với điều kiện lọc.")
                if filtered
                else self.tr("Thùng rác trống.")
                if trash
                else self.tr("Chưa có hoạt động nào. Bấm “Thêm” (Ctrl+N) để ghi hoạt động đầu tiên.")
            )
        self.empty_label.setVisible(n == 0)

    def _update_buttons(self) -> None:
        has = bool(self.selected_ids())
        for b in (self.edit_btn, self.dup_btn, self.del_btn, self.restore_btn):
            set_enabled_why(b, has, self.tr("Chọn một hoạt động trong bảng trước."))

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.activity_id(r) for r in rows) if i]

    # ---- actions -------------------------------------------------------------------------
    def new_activity(self) -> None:  # also Ctrl+N, which a read-only window's locked button cannot stop
        if not self.trash_btn.isChecked() and not read_only.refused(self.ctx):
            self.open_editor(None)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if ids and not self.trash_btn.isChecked():
            self.open_editor(ids[0])

    def open_editor(self, activity_id: str | None) -> None:
        if self.editor is not None and self.editor.isVisible():
            self.editor.raise_()
            return
        self.editor = ActivityEditor(self.ctx, activity_id, self)
        read_only.lock_named(self.ctx, self.editor, read_only.EDITOR_CONTROLS)  # viewing it still works
        self.editor.open()

    def duplicate_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        try:
            copy = activities.duplicate(self.ctx.workspace.db, ids[0])
        except DvcqError as exc:
            self.ctx.hub.status_message.emit(exc.message)
            return
        self.ctx.hub.activities_changed.emit()
        self.ctx.hub.status_message.emit(self.tr("Đã tạo bản sao; hãy sửa ngày và nội dung."))
        self.open_editor(copy.id)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.trash_btn.isChecked() or read_only.refused(self.ctx):  # the Delete key too
            return
        try:
            activities.soft_delete(self.ctx.workspace.db, ids)
        except Exception as exc:  # noqa: BLE001 - one Vietnamese line, details in the log
            log.exception("delete failed")
            self.ctx.hub.status_message.emit(user_message(exc))
            return
        self._undo_stack.append(ids)
        self.undo_label.setText(self.tr("Đã chuyển {n} hoạt động vào Thùng rác.").format(n=len(ids)))
        self.undo_bar.show()
        self.ctx.hub.activities_changed.emit()

    def undo_delete(self) -> None:
        if not self._undo_stack:
            return
        ids = self._undo_stack.pop()
        activities.restore(self.ctx.workspace.db, ids)
        self.undo_bar.setVisible(bool(self._undo_stack))
        if self._undo_stack:
            self.undo_label.setText(
                self.tr("Đã chuyển {n} hoạt động vào Thùng rác.").format(n=len(self._undo_stack[-1]))
            )
        self.ctx.hub.activities_changed.emit()
        self.ctx.hub.status_message.emit(self.tr("Đã khôi phục {n} hoạt động.").format(n=len(ids)))

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids and self.trash_btn.isChecked():
            activities.restore(self.ctx.workspace.db, ids)
            self.ctx.hub.activities_changed.emit()
            self.ctx.hub.status_message.emit(self.tr("Đã khôi phục {n} hoạt động.").format(n=len(ids)))

    # The Excel actions load openpyxl: imported when asked for, not when the page opens.
    def _download_template(self) -> None:
        from dvcq_desktop.ui.unit.excel_actions import download_template

        download_template(self.ctx, self)

    def _import_excel(self) -> None:
        from dvcq_desktop.ui.unit.excel_actions import import_excel

        import_excel(self.ctx, self)
