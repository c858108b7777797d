"""A chart with an empty state: until there is something to draw, the pane says in words what
the chart will show and how to get there, instead of an empty 0–1 axis under a cut title."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class ChartPane(QStackedWidget):
    def __init__(self, chart: QChart, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QChartView(chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.empty_label = QLabel(empty_text)
        self.empty_label.setObjectName("chartEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #5b6b7a; background: white; padding: 16px;")
        self.addWidget(self.view)
        self.addWidget(self.empty_label)

    def set_empty(self, empty: bool) -> None:
        self.setCurrentWidget(self.empty_label if empty else self.view)

    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty_label
