"""Cyclic garbage collection on one chosen thread (the GUI thread) instead of whichever thread allocates.

CPython runs its cycle collector on the thread that happens to cross a generation's threshold. In the
desktop app that is often a worker thread (an export or an import allocates a great deal), and a cycle
it collects may hold Qt objects from the GUI thread: a closed dialog with the lambdas connected to it.
Deleting those on the worker thread crashes the process (a segmentation fault while a worker exported
a package, with "Garbage-collecting" on top of the worker's stack). So the GUI turns automatic
collection off (`pause_automatic`) and calls `collect_if_due` from its own thread, as often as the
thresholds would have run it. The same approach as pyqtgraph's GarbageCollector.

Qt-free so that the test suite can apply the same rule between tests without importing Qt.
"""

from __future__ import annotations

import gc

_thresholds: tuple[int, int, int] = (700, 10, 10)


def pause_automatic() -> None:
    """Stop automatic collection; the caller's thread then owns collection through `collect_if_due`."""
    global _thresholds
    if gc.isenabled():
        t0, t1, t2 = gc.get_threshold()
        _thresholds = (t0 or 700, t1 or 10, t2 or 10)
        gc.disable()


def collect_if_due() -> int:
    """Collect the oldest generation whose count has passed its threshold, as automatic collection
    would have; returns the number of unreachable objects found (0 when nothing was due)."""
    t0, t1, t2 = _thresholds
    c0, c1, c2 = gc.get_count()
    if c0 <= t0:
        return 0
    generation = 2 if (c1 > t1 and c2 > t2) else 1 if c1 > t1 else 0
    return gc.collect(generation)
