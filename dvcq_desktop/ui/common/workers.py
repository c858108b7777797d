"""The one helper for long work: run a core function off the GUI thread, report through signals.

Core functions stay Qt-free and take a plain `progress(done, total, message)` callback; this
module adapts it to Qt signals. A function that touches the database must work on its own
connection inside the worker: sqlite connections are per thread. `in_worker` wraps it so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.progress import Progress

if TYPE_CHECKING:
    from dvcq_desktop.storage.workspace import Workspace

log = logging.getLogger(__name__)
T = TypeVar("T")


def in_worker(ws: Workspace, fn: Callable[[Workspace, Progress], T]) -> Callable[[Progress], T]:
    """Wrap `fn(ws, progress)` so it runs on the worker thread's own connection to `ws`'s folder
    (`Workspace.for_thread()`, closed afterwards): the services take a Workspace and use `ws.db`."""

    def task(progress: Progress) -> T:
        with ws.for_thread() as wws:
            return fn(wws, progress)

    return task


class TaskSignals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str, str)  # error code, Vietnamese message


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: TaskSignals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.setAutoDelete(True)

    def _progress(self, done: int, total: int, message: str = "") -> None:
        self.signals.progress.emit(int(done), int(total), str(message))

    def run(self) -> None:
        try:
            result = self.fn(self._progress)
        except DvcqError as exc:
            log.warning("task failed: %r", exc)
            self.signals.failed.emit(exc.code, exc.message)
        except BaseException as exc:  # noqa: BLE001 - shown as one Vietnamese line, logged in full
            log.exception("task crashed")
            self.signals.failed.emit("internal", user_message(exc))
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps their signal objects alive until they finish.

    `progress` relays every task's progress, so one indicator (the status bar's) can show all
    long work without the pages that start it knowing about it.
    """

    busy_changed = Signal(bool)
    progress = Signal(int, int, str)  # done, total, message — from whichever task reports

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._live: set[TaskSignals] = set()

    def start(
        self,
        fn: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str, str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskSignals:
        signals = TaskSignals()
        self._live.add(signals)
        if on_progress:
            signals.progress.connect(on_progress)
        signals.progress.connect(self.progress)
        if on_done:
            signals.done.connect(on_done)
        if on_error:
            signals.failed.connect(on_error)
        signals.done.connect(lambda _r, s=signals: self._finish(s))
        signals.failed.connect(lambda _c, _m, s=signals: self._finish(s))
        self.busy_changed.emit(True)
        self.pool.start(_Runnable(fn, signals))
        return signals

    def _finish(self, signals: TaskSignals) -> None:
        self._live.discard(signals)
        if not self._live:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
