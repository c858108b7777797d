"""The multi-year chart of Tổng hợp: one indicator's total per year (bars), or, with no indicator
picked, the share of units that reported and reported on time per year."""

from __future__ import annotations

import math

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from dvcq_desktop.services.multiyear import MultiYear


class MultiYearChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart_ = QChart()
        self.chart_.legend().setVisible(True)
        super().__init__(self.chart_, parent)
        self.setObjectName("multiYearChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)

    def _reset(self) -> None:
        self.chart_.removeAllSeries()
        for axis in self.chart_.axes():
            self.chart_.removeAxis(axis)

    def _draw(self, sets: list[QBarSet], labels: tuple[str, ...], top: float, percent: bool) -> None:
        series = QBarSeries()
        for s in sets:
            series.append(s)
        series.setLabelsVisible(True)
        self.chart_.addSeries(series)
        x = QBarCategoryAxis()
        x.append(list(labels))
        y = QValueAxis()
        if percent:
            y.setRange(0, 100)
            y.setLabelFormat("%d%%")
        else:
            step = max(1, math.ceil(top / 5))
            ymax = step * max(1, math.ceil(top / step))
            y.setRange(0, ymax)
            y.setTickCount(ymax // step + 1)
            y.setLabelFormat("%d")
        self.chart_.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def show_rates(self, m: MultiYear) -> None:
        self._reset()
        self.chart_.setTitle(self.tr("Tỷ lệ đơn vị đã nộp và nộp đúng hạn qua các kỳ"))
        sent, on_time = QBarSet(self.tr("Đã nộp (%)")), QBarSet(self.tr("Đúng hạn (%)"))
        sent.setColor(QColor("#2f6f9f"))
        on_time.setColor(QColor("#3c8d5a"))
        for a, b in zip(m.received_rates, m.on_time_rates, strict=True):
            sent.append(a or 0)
            on_time.append(b or 0)
        self._draw([sent, on_time], m.period_labels, 100, percent=True)

    def show_indicator(self, m: MultiYear, row: int) -> None:
        if not 0 <= row < len(m.indicators):
            self.show_rates(m)
            return
        ind = m.indicators[row]
        self._reset()
        self.chart_.setTitle(self.tr("{label} qua các kỳ").format(label=ind.label))
        bars = QBarSet(ind.unit)
        bars.setColor(QColor("#2f6f9f"))
        for v in ind.values:
            bars.append(v or 0)
        top = max((v or 0 for v in ind.values), default=0)
        self._draw([bars], m.period_labels, top, percent=ind.kind == "ratio")
