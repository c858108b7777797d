"""Progress of all long work in one place: the status bar shows it, whichever page started it.

`ReportingTaskRunner` is the app's `TaskRunner` with one extra signal that relays every task's
progress, so the main window can drive a single progress bar without pages knowing about it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from dvcq_desktop.ui.workers import Progress, TaskRunner, TaskSignals


class ReportingTaskRunner(TaskRunner):
    progress = Signal(int, int, str)     # done, total, message — from whichever task reports

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def start(self, fn: Callable[[Progress], Any], *, on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[str, str], None] | None = None,
              on_progress: Callable[[int, int, str], None] | None = None) -> TaskSignals:
        signals = super().start(fn, on_done=on_done, on_error=on_error, on_progress=on_progress)
        signals.progress.connect(self.progress)
        return signals


class BusyIndicator(QWidget):
    """A message and a progress bar, hidden while nothing runs; indeterminate until a total is known."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(False)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        self.setVisible(False)
        runner.busy_changed.connect(self._on_busy)
        if isinstance(runner, ReportingTaskRunner):
            runner.progress.connect(self._on_progress)

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.bar.setRange(0, 0)
            self.label.setText(self.tr("Đang xử lý…"))
        self.setVisible(busy)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if message:
            self.label.setText(message)
