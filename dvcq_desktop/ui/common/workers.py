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
    """One task's outcome, for the page that started it. Created, emitted and deleted on the GUI
    thread only: the worker thread never holds a reference to it (see `_Relay`)."""

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str, str)  # error code, Vietnamese message


class _Relay(QObject):
    """The only Qt object a worker thread touches: it lives as long as the runner, on the GUI thread,
    and its signals carry the task's number. A per-task signal object that the worker also held could
    lose its last reference on the worker thread and be destroyed there, which Qt does not allow
    (a deadlock or a crash while the GUI thread was delivering its signals)."""

    progress = Signal(int, int, int, str)  # task, done, total, message
    done = Signal(int, object)
    failed = Signal(int, str, str)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], task_id: int, relay: _Relay) -> None:
        super().__init__()
        self.fn: Callable[[Progress], Any] | None = fn
        self.task_id = task_id
        self.relay = relay
        self.setAutoDelete(True)

    def _progress(self, done: int, total: int, message: str = "") -> None:
        self.relay.progress.emit(self.task_id, int(done), int(total), str(message))

    def run(self) -> None:
        fn, self.fn = self.fn, None
        assert fn is not None
        try:
            result = fn(self._progress)
        except DvcqError as exc:
            log.warning("task failed: %r", exc)
            self.relay.failed.emit(self.task_id, exc.code, exc.message)
        except BaseException as exc:  # noqa: BLE001 - shown as one Vietnamese line, logged in full
            log.exception("task crashed")
            self.relay.failed.emit(self.task_id, "internal", user_message(exc))
        else:
            self.relay.done.emit(self.task_id, result)


class TaskRunner(QObject):
    """Starts tasks on a thread pool and hands their outcome to the page that started them.

    `progress` relays every task's progress, so one indicator (the status bar's) can show all
    long work without the pages that start it knowing about it.
    """

    busy_changed = Signal(bool)
    progress = Signal(int, int, str)  # done, total, message — from whichever task reports

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._live: dict[int, TaskSignals] = {}
        self._next_id = 0
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)

    def start(
        self,
        fn: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str, str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskSignals:
        # No parent: the Python object owns it, and every reference to it is on the GUI thread,
        # so it is freed there when the page that started the task lets go of it.
        signals = TaskSignals()
        self._next_id += 1
        self._live[self._next_id] = signals
        if on_progress:
            signals.progress.connect(on_progress)
        signals.progress.connect(self.progress)
        if on_done:
            signals.done.connect(on_done)
        if on_error:
            signals.failed.connect(on_error)
        self.busy_changed.emit(True)
        self.pool.start(_Runnable(fn, self._next_id, self._relay))
        return signals

    def _on_progress(self, task_id: int, done: int, total: int, message: str) -> None:
        signals = self._live.get(task_id)
        if signals is not None:
            signals.progress.emit(done, total, message)

    def _on_done(self, task_id: int, result: object) -> None:
        signals = self._live.pop(task_id, None)
        if signals is not None:
            signals.done.emit(result)
            self._settle()

    def _on_failed(self, task_id: int, code: str, message: str) -> None:
        signals = self._live.pop(task_id, None)
        if signals is not None:
            signals.failed.emit(code, message)
            self._settle()

    def _settle(self) -> None:
        if not self._live:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
