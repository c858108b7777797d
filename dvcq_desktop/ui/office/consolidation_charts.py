"""The Biểu đồ tab of Tổng hợp: one count indicator by unit as bars, and who has reported as a pie.

The bars are horizontal so every unit's full name stands on its own line at any width and font
scale (vertical bars cut "Phường Hiệp Ninh" to "Phư…"); the pie goes below the bars when the two
do not fit side by side, and the tab scrolls.
"""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QComboBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.services.board import Board
from dvcq_desktop.services.consolidate import Consolidation
from dvcq_desktop.text import format_date, format_int, format_percent
from dvcq_desktop.ui.common.chart_pane import ChartPane


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
        self.bar_pane = ChartPane(
            self.bar_chart,
            self.tr(
                "Khi đã nhận báo cáo, biểu đồ này so sánh chỉ tiêu đã chọn giữa các đơn vị, "
                "mỗi đơn vị một thanh. Nhận gói báo cáo ở trang Tiếp nhận."
            ),
        )
        self.bar_view = self.bar_pane.view
        self.pie_chart = QChart()
        self.pie_chart.setTitle(self.tr("Đã nộp / chưa nộp"))
        self.pie_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.pie_pane = ChartPane(self.pie_chart, "")
        self.pie_view = self.pie_pane.view
        body = QWidget()
        cl = QVBoxLayout(body)
        # the list of indicators never widens the tab: a long name is shortened, whole in the list
        self.indicator_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.indicator_combo.setMinimumContentsLength(16)
        cl.addWidget(QLabel(self.tr("Chỉ tiêu")))  # above the list, which gets the full width
        cl.addWidget(self.indicator_combo)
        self.chart_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.chart_row.addWidget(self.bar_pane, 3)
        self.chart_row.addWidget(self.pie_pane, 2)
        cl.addLayout(self.chart_row, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        """Bars and pie side by side when both fit, else the pie under the bars; the bar chart
        is tall enough for one readable line per unit."""
        fm = self.fontMetrics()
        names = [name for _code, name in self.cons.units] if self.cons else []
        longest = max((fm.horizontalAdvance(n) for n in names), default=fm.horizontalAdvance("M") * 12)
        side = self.width() >= longest + fm.horizontalAdvance("M") * 55
        self.chart_row.setDirection(
            QBoxLayout.Direction.LeftToRight if side else QBoxLayout.Direction.TopToBottom
        )
        self.bar_pane.setMinimumHeight(
            max(fm.height() * 12, (fm.height() + 10) * len(names) + fm.height() * 6)
        )
        self.pie_pane.setMinimumHeight(fm.height() * 14)

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
            self.tr("Theo đơn vị") if self.cons.units else self.tr("Chưa có đơn vị nào nộp báo cáo")
        )
        chart.setToolTip(label)
        self.bar_pane.set_empty(not self.cons.units)
        bars = QBarSet(label)
        bars.setColor(QColor("#2f6f9f"))
        names = []
        top = 0
        # top to bottom in the consolidation's order: a horizontal axis lists from the bottom up
        for code, name in reversed(self.cons.units):
            v = self.cons.per_unit[code].get(ind_id) or 0
            bars.append(v)
            names.append(name)
            top = max(top, v)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(len(names) <= 15)
        chart.addSeries(series)
        units = QBarCategoryAxis()
        units.append(names)
        # whole-number ticks: a count axis reading "0, 1, 1, 2" would mislead
        step = max(1, math.ceil(top / 5))
        ymax = step * max(1, math.ceil(top / step))
        values = QValueAxis()
        values.setRange(0, ymax)
        values.setTickCount(ymax // step + 1)
        values.setLabelFormat("%d")
        chart.addAxis(units, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(units)
        series.attachAxis(values)
        self._reflow()

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
            # two lines: the pie sits in the narrower half of the tab
            self.tr("Đã nộp {r}/{e} ({p})<br>hạn {d}").format(
                r=format_int(b.received),
                e=format_int(b.expected),
                p=format_percent(b.received_rate),
                d=format_date(b.deadline),
            )
        )
