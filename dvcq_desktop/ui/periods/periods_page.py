"""Kế hoạch & kỳ báo cáo: every period of the workspace, which one the officer works on, and
(unit) taking the office's plan file; the office's own tools are in plan_office_panel.

Choosing a period rebuilds the main window, so every page, report and package follows it."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.errors import user_message
from dvcq_desktop.services import periods
from dvcq_desktop.text import format_date
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.flow_layout import FlowLayout
from dvcq_desktop.ui.common.widgets import page_title

log = logging.getLogger(__name__)

HEADERS = ("Kỳ", "Số liệu từ", "đến", "Hạn nộp", "Kế hoạch", "Tình trạng")


class PeriodsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("periodsPage")
        outer = QVBoxLayout(self)
        outer.addWidget(page_title(self.tr("Kế hoạch & kỳ báo cáo")))
        # On a small screen or at a large font the page scrolls: squeezed, the office's period list
        # showed half a row and its tools a strip (1024×600 at 175 %).
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.today_label = QLabel()
        self.today_label.setObjectName("periodsToday")
        self.today_label.setWordWrap(True)
        lay.addWidget(self.today_label)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("periodsTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.choose_selected())
        lay.addWidget(self.table, 1)
        row = FlowLayout()  # the buttons wrap at 175 % rather than squeeze
        self.choose_button = QPushButton(self.tr("Làm việc với kỳ đã chọn"))
        self.choose_button.setObjectName("choosePeriod")
        self.choose_button.clicked.connect(self.choose_selected)
        row.addWidget(self.choose_button)
        self.take_button = QPushButton(self.tr("Nhận tệp kế hoạch của cơ quan tổng hợp…"))
        self.take_button.setObjectName("takePlanFile")
        self.take_button.clicked.connect(self.pick_plan_file)
        row.addWidget(self.take_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.office_panel: QWidget | None = None
        if ctx.workspace.role == "aggregator":
            self.take_button.hide()
            from dvcq_desktop.ui.periods.plan_office_panel import PlanOfficePanel

            self.table.setMaximumHeight(190)  # a handful of years; the office's tools need the room
            line = self.fontMetrics().height()
            self.table.setMinimumHeight(5 * line)  # the header and at least three years
            self.office_panel = PlanOfficePanel(ctx, self)
            self.office_panel.changed.connect(self.refresh)
            from dvcq_desktop.ui.periods.signed_only import SignedOnlyBox

            self.signed_box = SignedOnlyBox(ctx, self)  # the selected period's "signed packages only"
            self.table.itemSelectionChanged.connect(
                lambda: self.signed_box.show_period(self.selected_period())
            )
            lay.addWidget(self.signed_box)
            self.office_panel.setMinimumHeight(12 * line)  # a tab's form, not a strip
            lay.addWidget(self.office_panel, 2)
        self.refresh()

    # ---- the period list -----------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.ctx.workspace
        items = periods.period_dicts(ws)
        self.table.setRowCount(len(items))
        chosen_row = 0
        for r, d in enumerate(items):
            marks = []
            if d["chosen"]:
                marks.append(self.tr("đang làm việc"))
                chosen_row = r
            if d["current"]:
                marks.append(self.tr("kỳ hiện tại theo ngày hôm nay"))
            if d["unsent_earlier"]:
                marks.append(self.tr("chưa nộp"))
            if d["provisional"]:
                marks.append(d["note"])
            elif d["submitted"]:
                marks.append(self.tr("đã xuất gói"))
            cells = [
                d["label"],
                _dmy(d["start"]),
                _dmy(d["end"]),
                _dmy(d["deadline"]),
                d["plan_id"],
                "; ".join(marks),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, d["id"])
                if d["chosen"]:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.selectRow(chosen_row)
        self.today_label.setText(self._today_text(items))

    def _today_text(self, items: list[dict[str, object]]) -> str:
        cur = next((d for d in items if d["current"]), None)
        chosen = next((d for d in items if d["chosen"]), None)
        late = next((d for d in items if d["unsent_earlier"]), None)
        parts = []
        if chosen is not None:
            parts.append(self.tr("Đang làm việc với kỳ {label}.").format(label=chosen["label"]))
        if cur is not None and cur is not chosen:
            parts.append(self.tr("Theo ngày hôm nay, kỳ hiện tại là {label}.").format(label=cur["label"]))
        if late is not None:
            parts.append(
                self.tr("Kỳ {label} chưa nộp báo cáo (hạn {deadline}).").format(
                    label=late["label"], deadline=_dmy(str(late["deadline"]))
                )
            )
        return " ".join(parts)

    def selected_period(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0)
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def choose_selected(self) -> None:
        pid = self.selected_period()
        if pid is None or pid == self.ctx.workspace.chosen[1]:
            return
        try:
            periods.choose(self.ctx.workspace, pid)
        except Exception as exc:  # noqa: BLE001 - one line for the officer, the log has the rest
            log.exception("choosing period %s failed", pid)
            self.ctx.hub.status_message.emit(user_message(exc))
            return
        self.ctx.hub.status_message.emit(self.tr("Đã chuyển sang kỳ {id}.").format(id=pid))
        self.ctx.hub.workspace_replaced.emit()  # pages keep the old plan: a fresh window

    # ---- unit: the office's plan file ----------------------------------------------------
    def pick_plan_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp kế hoạch"), "", self.tr("Tệp kế hoạch (*.dvcqkh);;Mọi tệp (*)")
        )
        if path:
            self.take_file(Path(path))

    def take_file(self, path: Path) -> bool:
        from dvcq_desktop.ui.periods.plan_take_dialog import PlanTakeDialog

        dialog = PlanTakeDialog(self.ctx.workspace, path, self)
        taken = bool(dialog.exec()) and dialog.outcome is not None
        if taken and dialog.outcome is not None:
            self.ctx.hub.status_message.emit(dialog.outcome.message)
            if dialog.outcome.outcome == "new":
                self.ctx.hub.workspace_replaced.emit()
        return taken

    def flush(self) -> None:
        """Nothing waits for a timer here: every change is stored when its button is pressed."""

    def focus_target(self, target: object) -> None:
        """A plan file opened by double-click or handed over by another start (file routing)."""
        files = target if isinstance(target, list) else [target]
        for f in files:
            # other targets (a section name, an unknown key) are not files: ignored, never a dialog
            if isinstance(f, (str, Path)) and self.ctx.workspace.role == "unit" and Path(f).is_file():
                self.take_file(Path(f))


def _dmy(iso: str) -> str:
    from datetime import date

    return format_date(date.fromisoformat(iso))
