"""A big import batch reads its packages in a second process, beside the inserts.

Why: the strict read of a 2,000-activity package (unzip, strict JSON, schema, meaning) costs about
as much CPU as storing it, and a thread gives no overlap because both hold the GIL. One reader
process lets a 2-core office PC parse the next package while this process commits the current one.

How it stays safe and cheap:
- `spawn`, never fork: the GUI process runs Qt threads (and the import itself runs on one), which a
  forked child would inherit half-locked. The frozen entry points call `freeze_support()` first, so
  a spawned child of the bundle runs the worker instead of a second app.
- The worker runs `import_reads.read_checked`, the very function of the in-process path, and sends
  back only what the import stores: the manifest, hash and size, the verified submission text and
  the rows `insert_received` inserts (never the submission dict: ~20 ms to unpickle, more than
  parsing it). The verbatim copy is staged by the caller in this process, as before.
- Plans cross as their stored JSON templates (a PlanLookup is a closure) and are rebuilt in the
  worker; the office's age identities cross as strings, through the pipe, never on a command line.
- Log lines of the worker are collected there and re-emitted here, so one process alone writes
  the rotating app log.
- Until the worker has started, and for good once the pool breaks (a worker killed, BrokenProcessPool,
  an OSError starting it), files are read in this process: every file still gets one outcome.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from dvcq_desktop.package.plans import PlanLookup
from dvcq_desktop.services.import_outcome import ImportOutcome
from dvcq_desktop.services.import_reads import Item, read_checked, stored_then_builtin

log = logging.getLogger(__name__)

# Batches smaller than this read in this process. Measured on a 2-core VM: starting the worker
# (spawn + importing the reader) takes ~0.4 s of wall time, during which the batch is not held up
# (files are read here until the worker answers), but the first few files never reach it: at
# ~60 ms per 2,000-activity package in this process, ~6 files are done before it is ready, and a
# batch of that size gains nothing from it while still paying the process start and shutdown.
POOL_MIN_FILES = 8
# Reader processes: the strict read (~45 ms of CPU per 2,000-activity package, plus ~5 ms to
# pickle it) costs more than storing it here (~27 ms, plus ~5 ms to unpickle), so one worker
# leaves this process waiting for it. Two measured better even on a 2-core VM (bench_years, 100
# packages, 9 alternating pairs each: import 5.3 s with two, 6.3 s with one, 8.3 s in this process
# alone; baseline 3.8 s). They idle once they are ahead (`ahead` bounds the reads in flight) and
# the pool starts the second only when the first is busy. More would only hold more packages in
# memory: the inserts are then the limit.
MAX_WORKERS = 2


def _seconds(name: str) -> float:
    try:
        return max(0.0, float(os.environ.get(name, "0")))
    except ValueError:
        return 0.0


# How long `begin` may wait for the workers to be up before reading in this process instead: 0 in
# the app (a file read here meanwhile holds nothing up). The tests and the bundle's smoke test
# (DVCQ_READ_POOL_WAIT) wait, to see every read of a small batch go to a reader process.
WAIT_FOR_WORKER_S = _seconds("DVCQ_READ_POOL_WAIT")
# A reader process that has not answered one read in this long is taken as hung (suspended by a
# security product, a pipe that stopped moving): its processes are killed and the batch goes on in
# this process. A read takes ~50 ms; the largest package the limits admit, a few seconds on a slow
# PC. A false alarm only costs reading that file again here.
READ_TIMEOUT_S = _seconds("DVCQ_READ_POOL_TIMEOUT") or 60.0

Read = Item | ImportOutcome
LogLine = tuple[str, int, str]  # logger name, level, text (with the traceback, if any)


def cpus() -> int:
    """CPUs this process may run on (the affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def wanted(n_files: int) -> bool:
    """A second process pays off only for a big batch on a machine with a core to spare.
    DVCQ_READ_POOL=off keeps every read in this process: where child processes misbehave (Wine's
    pipes hang concurrent.futures' wakeup pipe; a security product that blocks them)."""
    if os.environ.get("DVCQ_READ_POOL", "").strip().lower() in ("0", "off", "no", "false"):
        return False
    return n_files >= POOL_MIN_FILES and cpus() >= 2


# ---- the worker process -------------------------------------------------------------------------
class _Collect(logging.Handler):
    """The worker's only log handler: keeps its lines for the parent to write."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[LogLine] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append((record.name, record.levelno, text))


_PLANS: PlanLookup | None = None
_IDENTITIES: tuple[str, ...] = ()
_LOG = _Collect()


def _start_worker(
    templates: dict[tuple[str, str], str], where: str, identities: tuple[str, ...], level: int
) -> None:
    global _PLANS, _IDENTITIES
    root = logging.getLogger()
    root.handlers[:] = [_LOG]  # never the app's log file: this process writes it
    root.setLevel(level)
    _PLANS = stored_then_builtin(templates, where)
    _IDENTITIES = identities


def _hello() -> int:
    return os.getpid()


def _read_in_worker(i: int, f: Path) -> tuple[Read, list[LogLine], int]:
    assert _PLANS is not None, "the worker's initializer sets the plans"
    read = read_checked(i, f, _PLANS, _IDENTITIES)
    lines, _LOG.lines = _LOG.lines, []
    return read, lines, os.getpid()


# ---- this process -------------------------------------------------------------------------------
class ReadPool:
    """`begin(i, path)` for `import_reads.read_ahead`: the strict read handed to the worker process
    when it is up and sound (else done here), returned as the call that waits for it."""

    def __init__(
        self,
        templates: dict[tuple[str, str], str],
        where: str,
        plans: PlanLookup,
        identities: Sequence[str],
    ) -> None:
        self._plans, self._identities = plans, tuple(identities)
        self._pool: ProcessPoolExecutor | None = None
        self._ready: Future[int] | None = None
        self.remote = 0  # files the worker read
        self.local = 0  # files read here (before the worker was up, or after it broke)
        self.pids: set[int] = set()
        workers = min(MAX_WORKERS, cpus())
        self.ahead = workers + 1  # a file queued for each worker, and one being unpickled and staged
        try:
            ctx = multiprocessing.get_context("spawn")
            args = (templates, where, self._identities, logging.getLogger().getEffectiveLevel())
            self._pool = ProcessPoolExecutor(
                workers, mp_context=ctx, initializer=_start_worker, initargs=args
            )
            self._ready = self._pool.submit(_hello)  # starts the worker now, while the batch is peeked
        except Exception:  # noqa: BLE001 - no second process (OSError, a sandbox): read here
            log.warning("reader process not started; reading in this process", exc_info=True)
            self._drop()

    def begin(self, i: int, f: Path) -> Callable[[], Read]:
        """Called when the read is queued (READ_AHEAD files ahead), so the worker always has the
        next file waiting and never idles while this process unpickles and stages; the returned
        call runs on the reader thread and waits (the wait releases the GIL)."""
        pool, ready = self._pool, self._ready
        if pool is not None and ready is not None and wait([ready], timeout=WAIT_FOR_WORKER_S).done:
            try:
                return partial(self._finish, pool.submit(_read_in_worker, i, f), i, f)
            except Exception:  # noqa: BLE001 - broken or shut down meanwhile
                log.warning("reader process refused %s; reading in this process", f, exc_info=True)
                self._drop()
        return partial(self._local, i, f)

    def _finish(self, future: Future[tuple[Read, list[LogLine], int]], i: int, f: Path) -> Read:
        try:
            read, lines, pid = future.result(timeout=READ_TIMEOUT_S)
        except TimeoutError:
            log.warning(
                "reader process gave no answer on %s in %.0f s; its processes are stopped and the "
                "batch is read in this process",
                f,
                READ_TIMEOUT_S,
            )
            self._drop(kill=True)
            return self._local(i, f)
        except Exception:  # noqa: BLE001 - the worker died or the pool broke: read here from now on
            log.warning("reader process failed on %s; reading in this process", f, exc_info=True)
            self._drop()
            return self._local(i, f)
        for name, level, text in lines:
            logging.getLogger(name).log(level, "[reader process %d] %s", pid, text)
        self.remote += 1
        self.pids.add(pid)
        return read

    def _local(self, i: int, f: Path) -> Read:
        self.local += 1
        return read_checked(i, f, self._plans, self._identities)

    def _drop(self, *, kill: bool = False) -> None:
        """No more reads through the pool; its workers (dead, or finishing the read they have begun)
        are waited for, so no process outlives the batch. `kill`: they are hung, so they are killed
        first (the pool then sees them gone and its shutdown returns at once)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            # ProcessPoolExecutor has no public way to stop its workers before Python 3.14
            # (terminate_workers); its process table has kept this name since 3.2.
            processes: dict[int, multiprocessing.process.BaseProcess] = (
                getattr(pool, "_processes", None) or {}
            )
            for process in list(processes.values()):
                try:
                    process.kill()
                except (OSError, ValueError):  # already gone
                    pass
        pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        self._drop()
        log.info(
            "batch read: %d files in reader process %s, %d in this process",
            self.remote,
            sorted(self.pids),
            self.local,
        )


@contextmanager
def batch_reader(
    n_files: int,
    templates: dict[tuple[str, str], str],
    where: str,
    plans: PlanLookup,
    identities: Sequence[str],
) -> Iterator[ReadPool | None]:
    """A ReadPool for a batch of `n_files` when one pays off (`wanted`), else None; shut down on
    leaving, so no worker outlives its batch."""
    if not wanted(n_files):
        yield None
        return
    pool = ReadPool(templates, where, plans, identities)
    try:
        yield pool
    finally:
        pool.close()
