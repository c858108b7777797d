"""The GUI thread's half of `gc_policy`: automatic collection off, a timer on the GUI thread collects."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from dvcq_desktop.gc_policy import collect_if_due, pause_automatic

INTERVAL_MS = 500  # often enough that cyclic garbage from long work never piles up for long


def install(owner: QObject) -> QTimer:
    """Pause automatic collection and collect from a timer owned by `owner` (the application), so that
    every cycle holding Qt objects is freed on the GUI thread. Returns the timer (tests stop it)."""
    pause_automatic()
    existing = owner.findChild(QTimer, "gc_guard")
    if isinstance(existing, QTimer):  # the app opened twice in one process (tests): one timer
        return existing
    timer = QTimer(owner)
    timer.setObjectName("gc_guard")
    timer.timeout.connect(collect_if_due)
    timer.start(INTERVAL_MS)
    return timer
