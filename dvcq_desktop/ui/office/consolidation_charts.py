"""The Biểu đồ tab of Tổng hợp: one count indicator by unit as bars, and who has reported as a pie."""

from __future__ import annotations

import math

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QPieSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.services.board import Board
from dvcq_desktop.services.consolidate import Consolidation
from dvcq_desktop.text import format_date, format_int, format_percent


class ConsolidationCharts(QWidget):
    def __init__(self, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cons: Consolidation | None = None
        self.board: Board | None = None
        self.indicator_combo = QComboBox()
        for ind in plan.indicators:
            if ind.kind == "count":
                self.indicator_combo.addItem(ind.label, ind.id)
        self.indicator_combo.currentIndexChanged.connect(self._fill_bar)
        self.bar_chart = QChart()
        self.bar_chart.legend().hide()
        self.bar_view = QChartView(self.bar_chart)
        self.bar_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.pie_chart = QChart()
        self.pie_chart.setTitle(self.tr("Đã nộp / chưa nộp"))
        self.pie_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.pie_view = QChartView(self.pie_chart)
        self.pie_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        cl = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Chỉ tiêu")))
        row.addWidget(self.indicator_combo, 1)
        cl.addLayout(row)
        crow = QHBoxLayout()
        crow.addWidget(self.bar_view, 3)
        crow.addWidget(self.pie_view, 2)
        cl.addLayout(crow, 1)

    def show_data(self, cons: Consolidation, board: Board) -> None:
        self.cons, self.board = cons, board
        self._fill_bar()
        self._fill_pie()

    def _fill_bar(self) -> None:
        if self.cons is None:
            return
        ind_id = self.indicator_combo.currentData()
        chart = self.bar_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        label = self.indicator_combo.currentText()
        chart.setTitle(
            self.tr("{label} theo đơn vị").format(label=label)
            if self.cons.units
            else self.tr("Chưa có đơn vị nào nộp báo cáo để vẽ biểu đồ.")
        )
        bars = QBarSet(label)
        bars.setColor(QColor("#2f6f9f"))
        names = []
        top = 0
        for code, name in self.cons.units:
            v = self.cons.per_unit[code].get(ind_id) or 0
            bars.append(v)
            names.append(name)
            top = max(top, v)
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(len(names) <= 15)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(names)
        x.setLabelsAngle(-30 if len(names) > 4 else 0)
        # whole-number ticks: a count axis reading "0, 1, 1, 2" would mislead
        step = max(1, math.ceil(top / 5))
        ymax = step * max(1, math.ceil(top / step))
        y = QValueAxis()
        y.setRange(0, ymax)
        y.setTickCount(ymax // step + 1)
        y.setLabelFormat("%d")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def _fill_pie(self) -> None:
        if self.board is None:
            return
        b = self.board
        self.pie_chart.removeAllSeries()
        pie = QPieSeries()
        for label, n, color in (
            (self.tr("Đúng hạn"), b.on_time, "#2e7d32"),
            (self.tr("Trễ hạn"), b.late, "#e0a000"),
            (self.tr("Chưa nộp"), b.missing, "#c62828"),
        ):
            if n:  # counts in the legend: slice labels are clipped on a narrow pane
                s = pie.append(f"{label}: {format_int(n)}", n)
                s.setColor(QColor(color))
        self.pie_chart.addSeries(pie)
        self.pie_chart.setTitle(
            self.tr("Đã nộp {r}/{e} ({p}) — hạn {d}").format(
                r=format_int(b.received),
                e=format_int(b.expected),
                p=format_percent(b.received_rate),
                d=format_date(b.deadline),
            )
        )
