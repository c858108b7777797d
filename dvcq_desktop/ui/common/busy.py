"""Progress of all long work in one place: the status bar shows it, whichever page started it.

`TaskRunner.progress` relays every task's progress; `BusyIndicator` shows it, and `show_progress`
is the one way a bar and a label show a task's `(done, total, message)`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from dvcq_desktop.ui.common.workers import TaskRunner


def show_progress(bar: QProgressBar, label: QLabel, done: int, total: int, message: str) -> None:
    """Indeterminate until a total is known; the label keeps its text when a step has none."""
    if total > 0:
        bar.setRange(0, total)
        bar.setValue(min(done, total))
    if message:
        label.setText(message)


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
        runner.progress.connect(self._on_progress)

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.bar.setRange(0, 0)
            self.label.setText(self.tr("Đang xử lý…"))
        self.setVisible(busy)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        show_progress(self.bar, self.label, done, total, message)
