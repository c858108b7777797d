"""Qt objects die on the GUI thread, whatever a worker thread does meanwhile.

A whole-suite run once crashed with a segmentation fault while a worker exported a package: the
worker's allocations triggered Python's cycle collector on the worker thread, which freed a cycle
holding Qt objects left by an earlier page. And a task's signal object whose last reference was the
worker's was destroyed on the worker thread while the GUI thread delivered its signals (a hang).
"""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from dvcq_desktop.gc_policy import collect_if_due
from dvcq_desktop.ui.common import gc_guard
from dvcq_desktop.ui.common.workers import TaskRunner


def _allocate_cycles(_progress) -> int:
    # Far more container objects than the first generation's threshold (700): with automatic
    # collection on, the collector would run here, on the worker thread, several times over.
    junk = [[i] for i in range(50_000)]
    for item in junk:
        item.append(item)
    return len(junk)


def test_a_cycle_holding_a_qt_object_is_freed_on_the_gui_thread(qtbot, qapp):
    timer = gc_guard.install(qapp)
    assert not gc.isenabled()  # the app's rule: no automatic collection on any thread
    died_on: list[int] = []
    holder: dict[str, object] = {"qt": QObject()}
    holder["self"] = holder  # only the cycle collector can free this
    # A finalizer, not the `destroyed` signal: a Python slot run from inside ~QObject can itself
    # corrupt the heap. The wrapper owns the C++ object, so it dies where the wrapper is freed.
    weakref.finalize(holder["qt"], lambda: died_on.append(threading.get_ident()))
    del holder

    runner = TaskRunner()
    results: list[int] = []
    runner.start(_allocate_cycles, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=20000)
    assert died_on in ([], [threading.get_ident()])  # not freed on the worker thread
    qtbot.waitUntil(lambda: bool(died_on), timeout=5000)  # the GUI thread's timer collects it
    assert died_on == [threading.get_ident()]
    assert timer.isActive() and gc_guard.install(qapp) is timer  # one timer, however often installed
    runner.wait()


def test_a_tasks_signal_object_is_destroyed_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    died_on: list[int] = []
    outcomes: list[object] = []
    for fn in (lambda _p: 41 + 1, lambda _p: 1 / 0):
        signals = runner.start(fn, on_done=outcomes.append, on_error=lambda c, m: outcomes.append(c))
        weakref.finalize(signals, lambda: died_on.append(threading.get_ident()))
        del signals
    qtbot.waitUntil(lambda: len(died_on) == 2, timeout=10000)
    assert sorted(map(str, outcomes)) == ["42", "internal"]
    assert died_on == [threading.get_ident()] * 2
    collect_if_due()
    runner.wait()
