"""Tổng quan: how far the report is, at a glance, and what still has to be done before the deadline.

The numbers come from `services.overview` (Qt-free, shared with the CLI); they are computed on a
worker thread with its own connection because on a full year's log the grouped queries take a
noticeable fraction of a second, and the page must never freeze the window.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dvcq_desktop.services.overview import Overview, TodoItem, overview
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_int
from dvcq_desktop.ui.common.chart_pane import ChartPane
from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.common.workers import Progress, in_worker

ROLE_TARGET = Qt.ItemDataRole.UserRole + 1
# Distinguishable on a cheap monitor and in grey print-outs (one per plan area, cycled if more).
AREA_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf", "#7f7f7f")
SEVERITY_COLORS = {"error": "#c0392b", "warning": "#9a6700", "info": "#333333"}


def _nice_step(peak: int) -> int:
    """A whole tick step (1, 2, 5, 10, 20, 50 …) giving at most about five ticks up to `peak`."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if peak <= step * m * 5:
                return step * m
        step *= 10


class OverviewPage(QWidget):
    key = "overview"
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = ctx.workspace.plan
        self.data: Overview | None = None
        self._stale = True

        self.countdown = QLabel(self)
        self.countdown.setObjectName("countdown")
        self._countdown_font()
        self.countdown.setWordWrap(True)  # a long "Đã quá hạn…" at 175 % takes two lines
        self.period_label = QLabel(self)
        self.period_label.setWordWrap(True)

        self.table = QTableWidget(0, 5, self)
        # Short headers leave the area names room at 1366 px; the tooltips say what is counted.
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Nội dung"),
                self.tr("Hoạt động"),
                self.tr("Chỉ tiêu"),
                self.tr("Lỗi"),
                self.tr("Cảnh báo"),
            ]
        )
        for col, tip in (
            (1, self.tr("Số hoạt động đã ghi trong kỳ")),
            (2, self.tr("Số chỉ tiêu đã nhập / tổng số chỉ tiêu")),
            (3, self.tr("Lỗi số liệu phải sửa trước khi nộp")),
            (4, self.tr("Cảnh báo cần ghi giải thích")),
        ):
            if (header := self.table.horizontalHeaderItem(col)) is not None:  # set by the labels above
                header.setToolTip(tip)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._open_area)

        self.chart = QChart()
        self.chart.setTitle(self.tr("Hoạt động theo tháng"))
        # Six legend entries do not fit beside the table at 1366 px; each table row carries its
        # area's colour instead, so the legend would only repeat it.
        self.chart.legend().setVisible(False)
        self.chart_pane = ChartPane(
            self.chart,
            self.tr(
                "Biểu đồ số hoạt động theo từng tháng, tô màu theo nội dung, sẽ hiện ở đây khi "
                "kỳ này có hoạt động. Ghi hoạt động ở trang Hoạt động (Ctrl+2) hoặc nhập từ Excel."
            ),
            self,
        )
        self.chart_view = self.chart_pane.view

        self.todo = QListWidget(self)
        self.todo.setObjectName("todo")
        self.todo.setToolTip(self.tr("Bấm vào một việc để mở đúng chỗ cần sửa"))
        self.todo.itemActivated.connect(self.open_item)
        self.todo.itemClicked.connect(self.open_item)

        self.grid = QGridLayout()
        self.narrow: bool | None = None  # table and chart side by side, or the chart below
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.addWidget(self.countdown)
        lay.addWidget(self.period_label)
        lay.addLayout(self.grid, 3)
        todo_title = QLabel(self.tr("<b>Việc cần làm trước khi nộp</b>"), self)
        lay.addWidget(todo_title)
        lay.addWidget(self.todo, 2)
        # On a small screen or at a large font the page scrolls rather than squeezing the chart.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._reflow()

        for sig in (
            ctx.hub.activities_changed,
            ctx.hub.indicators_changed,
            ctx.hub.report_changed,
            ctx.hub.exports_changed,
        ):
            sig.connect(self._on_data_changed)

    # ---- layout -------------------------------------------------------------------------------
    def _countdown_font(self) -> None:
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 1.6)  # relative: the officer's font scale still applies
        f.setBold(True)
        self.countdown.setFont(f)

    def _too_narrow(self) -> bool:
        """Side by side, the chart gets 5/9 of the width: QtCharts shortens a month label to "T…"
        unless each of the months (plus one) has the label's width and about 20 px of padding;
        the table gets 4/9 and needs its area names and four number columns."""
        fm = self.fontMetrics()
        months = max(12, len(self.data.months) if self.data else 0)
        chart_need = (months + 1) * (fm.horizontalAdvance("T12") + 20) + 90
        return self.width() * 5 // 9 < chart_need or self.width() * 4 // 9 < fm.horizontalAdvance("M") * 30

    def _month_labels_upright(self) -> None:
        """Even below the table the chart may lack room for "T12" under each of 13 slots (the
        sidebar takes more at 175 %): the month labels then stand vertically, whole."""
        fm = self.fontMetrics()
        months = max(12, len(self.data.months) if self.data else 0)
        plot = self.chart_pane.width() - fm.horizontalAdvance("000") - 60
        fits = plot // (months + 1) - 10 >= fm.horizontalAdvance("T12") + 2
        for axis in self.chart.axes():
            if isinstance(axis, QBarCategoryAxis):
                axis.setLabelsAngle(0 if fits else -90)

    def _reflow(self) -> None:
        narrow = self._too_narrow()
        if narrow == self.narrow:
            return
        self.narrow = narrow
        for w in (self.table, self.chart_pane):
            self.grid.removeWidget(w)
        if narrow:
            self.grid.addWidget(self.table, 0, 0)
            self.grid.addWidget(self.chart_pane, 1, 0)
            self.grid.setColumnStretch(1, 0)
        else:
            self.grid.addWidget(self.table, 0, 0)
            self.grid.addWidget(self.chart_pane, 0, 1)
            self.grid.setColumnStretch(0, 4)
            self.grid.setColumnStretch(1, 5)
        fm = self.fontMetrics()
        rows = len(self.plan.areas) + 1
        self.table.setMinimumHeight((fm.height() + 12) * rows + 8 if narrow else 0)
        self.chart_pane.setMinimumHeight(fm.height() * 14)
        self.todo.setMinimumHeight(fm.height() * 4)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._reflow()
        self._fit_rows()
        self._month_labels_upright()

    def _fit_rows(self) -> None:
        """Area names wrap onto a second line rather than being cut ("1. Qu…"); the table is as
        tall as its rows when the chart is below it (the page scrolls)."""
        self.table.resizeRowsToContents()
        if self.narrow:
            rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
            self.table.setMinimumHeight(self.table.horizontalHeader().height() + rows + 6)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._countdown_font()
            self.narrow = None
            self._reflow()

    # ---- loading ----------------------------------------------------------------------------
    def flush(self) -> None:
        """Nothing waits to be written: every change on this page is saved when it is made."""

    def refresh(self) -> None:
        ws, plan = self.ctx.workspace, self.plan
        period = ws.period

        def work(wws: Workspace, _progress: Progress) -> Overview:
            return overview(wws.db, plan, period)

        self._stale = False
        self.ctx.tasks.start(
            in_worker(ws, work),
            on_done=self.show_overview,
            on_error=lambda _c, msg: self.ctx.hub.status_message.emit(msg),
        )

    def _on_data_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # recomputed when the page is shown next

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def show_overview(self, ov: Overview) -> None:
        self.data = ov
        # Once a package went out, say so: an officer who reported is not "N days late".
        self.countdown.setText(ov.headline or ov.countdown)
        color = "#c0392b" if ov.late else ("#1e7b34" if ov.exported else "#1a5276")
        self.countdown.setStyleSheet(f"color: {color}")  # size and weight: _countdown_font
        self.countdown.setToolTip(ov.countdown if ov.exported else "")
        p = ov.period
        self.period_label.setText(
            self.tr("{label}: số liệu từ {start} đến {end} · {n} hoạt động").format(
                label=p.label,
                start=p.start.strftime("%d/%m/%Y"),
                end=p.end.strftime("%d/%m/%Y"),
                n=format_int(ov.total_activities),
            )
        )
        self._fill_table(ov)
        self._fill_chart(ov)
        self._fill_todo(ov.todo)
        self.loaded.emit()

    def _fill_table(self, ov: Overview) -> None:
        self.table.setRowCount(len(ov.areas))
        for r, a in enumerate(ov.areas):
            cells = [
                f"{a.number}. {a.title}",
                format_int(a.activities),
                f"{a.filled}/{a.total}",
                format_int(a.errors),
                format_int(a.warnings),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ROLE_TARGET, a.area_id)
                if c == 0:
                    item.setData(Qt.ItemDataRole.DecorationRole, QColor(AREA_COLORS[r % len(AREA_COLORS)]))
                    item.setToolTip(f"{a.number}. {self.ctx.workspace.plan.area(a.area_id).title}")
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 3 and a.errors:
                    item.setForeground(QBrush(QColor(SEVERITY_COLORS["error"])))
                if c == 4 and a.warnings:
                    item.setForeground(QBrush(QColor(SEVERITY_COLORS["warning"])))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._fit_rows()

    def _fill_chart(self, ov: Overview) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QStackedBarSeries()
        for i, a in enumerate(ov.areas):
            # Full titles do not fit six legend slots; the table beside the chart names each area.
            bars = QBarSet(self.tr("Nội dung %n", "", a.number))
            bars.setProperty("area_title", f"{a.number}. {a.title}")
            bars.append([float(n) for n in ov.monthly[a.area_id]])
            bars.setColor(QColor(AREA_COLORS[i % len(AREA_COLORS)]))
            series.append(bars)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        # "T12/22" is elided at 1366 px with eleven months; the year range goes in the title.
        x.append([label.split("/")[0] for label in ov.month_labels])
        if ov.months:
            (y0, m0), (y1, m1) = ov.months[0], ov.months[-1]
            self.chart.setTitle(
                self.tr("Hoạt động theo tháng (%1/%2 – %3/%4)")
                .replace("%1", str(m0))
                .replace("%2", str(y0))
                .replace("%3", str(m1))
                .replace("%4", str(y1))
            )
        if not ov.total_activities:
            self.chart.setTitle(self.tr("Chưa có hoạt động nào trong kỳ"))
        self.chart_pane.set_empty(not ov.total_activities)
        y = QValueAxis()
        peak = max(
            (sum(ov.monthly[a.area_id][m] for a in ov.areas) for m in range(len(ov.months))), default=0
        )
        # Whole-number ticks: nice numbers on a 0..1 or 0..3 range give fractions that "%d"
        # prints as "0 0 0 0 0 1".
        step = _nice_step(peak)
        y.setRange(0, step * max(1, math.ceil(peak / step)))
        y.setTickType(QValueAxis.TickType.TicksDynamic)
        y.setTickAnchor(0)
        y.setTickInterval(step)
        y.setLabelFormat("%d")
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self._month_labels_upright()

    def bar_sets(self) -> list[QBarSet]:
        return [b for s in self.chart.series() if isinstance(s, QStackedBarSeries) for b in s.barSets()]

    def _fill_todo(self, items: tuple[TodoItem, ...]) -> None:
        self.todo.clear()
        if not items:
            done = QListWidgetItem(self.tr("Không còn việc nào; có thể lập báo cáo và nộp."))
            done.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.todo.addItem(done)
            return
        for t in items:
            item = QListWidgetItem(t.text)
            item.setData(ROLE_TARGET, (t.page, t.target))
            item.setForeground(QBrush(QColor(SEVERITY_COLORS.get(t.severity, "#333333"))))
            item.setToolTip(self.tr("Bấm để mở chỗ cần sửa"))
            self.todo.addItem(item)

    # ---- navigation -------------------------------------------------------------------------
    def open_item(self, item: QListWidgetItem) -> None:
        target = item.data(ROLE_TARGET)
        if target:
            page, where = target
            self.ctx.hub.navigate.emit(page, where)

    def _open_area(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.ctx.hub.navigate.emit("indicators", item.data(ROLE_TARGET))

    def focus_target(self, target: object) -> None:
        """Nothing to scroll to here; selecting the area row is enough."""
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(ROLE_TARGET) == target:
                self.table.selectRow(r)
