"""A big import batch reads its packages in reader processes, beside the inserts.

Why: the strict read of a 2,000-activity package (unzip, strict JSON, schema, meaning) costs more
CPU than storing it, and a thread gives no overlap because both hold the GIL. Reader processes let
a 2-core office PC parse the next packages while this process commits the current one.

How it stays safe and cheap:
- `spawn`, never fork: the GUI process runs Qt threads (and the import itself runs on one), which a
  forked child would inherit half-locked. The frozen entry points call `freeze_support()` first, so
  a spawned child of the bundle runs the worker instead of a second app.
- Each worker is a plain process with two pipes of its own (requests in, answers out), not a
  concurrent.futures pool: the pool's shared result pipe stays open in this process, so a worker
  killed while sending a 2 MB answer left its manager thread blocked for ever (seen in the tests),
  and the interpreter then hung at exit joining that thread. Here the only write end of a worker's
  answer pipe is in the worker: its death is an EOF, and a watchdog kills a worker that has not
  answered in READ_TIMEOUT_S, which turns a hang into the same EOF.
- The worker runs `import_reads.read_checked`, the very function of the in-process path, and sends
  back only what the import stores: the manifest, hash and size, the verified submission text and
  the rows `insert_received` inserts (never the submission dict: ~20 ms to unpickle, more than
  parsing it). The verbatim copy is staged by the caller in this process, as before.
- Plans cross as their stored JSON templates (a PlanLookup is a closure) and are rebuilt in the
  worker; the office's age identities cross as strings, through the pipe, never on a command line.
- Log lines of the worker are collected there and re-emitted here, so one process alone writes
  the rotating app log.
- Until a worker has started, and for good once one fails (killed, hung, an error starting it), files
  are read in this process: every file still gets one outcome.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from multiprocessing import connection as mp_connection
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from dvcq_desktop.package.plans import PlanLookup
from dvcq_desktop.services.import_outcome import ImportOutcome
from dvcq_desktop.services.import_reads import Item, read_checked, stored_then_builtin

log = logging.getLogger(__name__)

# Batches smaller than this read in this process. Measured on a 2-core VM: starting a worker
# (spawn + importing the reader) takes ~0.4 s of wall time, during which the batch is not held up
# (files are read here until the worker answers), but the first few files never reach it: at
# ~50 ms per 2,000-activity package in this process, ~6 files are done before it is ready, and a
# batch of that size gains nothing from it while still paying the process start and shutdown.
POOL_MIN_FILES = 8
# Reader processes: the strict read (~40 ms of CPU per 2,000-activity package, plus ~5 ms to
# pickle it) costs more than storing it here (~27 ms, plus ~5 ms to unpickle), so one worker
# leaves this process waiting for it. Two measured better even on a 2-core VM (bench_years, 100
# packages, 9 alternating pairs each: import 5.3 s with two, 6.3 s with one, 8.3 s in this process
# alone; baseline 3.8 s). They idle once they are ahead (`ahead` bounds the reads in flight). More
# would only hold more packages in memory: the inserts are then the limit.
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
# security product, a pipe that stopped moving): every worker is killed and the batch goes on in
# this process. A read takes ~50 ms; the largest package the limits admit, a few seconds on a slow
# PC. A false alarm only costs reading that file again here.
READ_TIMEOUT_S = _seconds("DVCQ_READ_POOL_TIMEOUT") or 60.0
# How long the end of a batch waits for its reader processes to exit before killing them.
EXIT_WAIT_S = 10.0

Read = Item | ImportOutcome
LogLine = tuple[str, int, str]  # logger name, level, text (with the traceback, if any)


def cpus() -> int:
    """CPUs this process may run on (the affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def wanted(n_files: int) -> bool:
    """A second process pays off only for a big batch on a machine with a core to spare.
    DVCQ_READ_POOL=off keeps every read in this process: where child processes misbehave (a
    security product that blocks them)."""
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


def _serve(
    requests: Connection,
    answers: Connection,
    templates: dict[tuple[str, str], str],
    where: str,
    identities: tuple[str, ...],
    level: int,
) -> None:
    """The worker's life: ("up", pid) once the reader is imported, then for each (i, path) request
    ("read", Read, log lines) in order, or ("failed", traceback) if reading raised; ends on None,
    or quietly when the parent has closed the pipes: a small batch is often done before a worker
    is up, and a traceback on the console would be the only trace of that ordinary ending."""
    collect = _Collect()
    root = logging.getLogger()
    root.handlers[:] = [collect]  # never the app's log file: the parent writes it
    root.setLevel(level)
    plans = stored_then_builtin(templates, where)
    try:
        answers.send(("up", os.getpid()))
        while (request := requests.recv()) is not None:
            i, f = request
            try:
                answer: tuple[Any, ...] = ("read", read_checked(i, f, plans, identities), collect.lines)
            except BaseException:  # noqa: BLE001 - read_checked's own boundary failed: say so, go on
                answer = ("failed", traceback.format_exc())
            collect.lines = []
            answers.send(answer)
    except (EOFError, OSError):  # the parent closed its ends (BrokenPipeError is an OSError)
        return


# ---- this process -------------------------------------------------------------------------------
class _Worker:
    """A reader process and its pipes. Requests go in from the importing thread, answers are taken
    on the reader thread, both in the order the reads were begun."""

    def __init__(self, args: tuple[Any, ...]) -> None:
        ctx = multiprocessing.get_context("spawn")
        requests_in, self.requests = ctx.Pipe(duplex=False)
        self.answers, answers_out = ctx.Pipe(duplex=False)
        self.process: BaseProcess = ctx.Process(
            target=_serve, args=(requests_in, answers_out, *args), name="dvcq-reader", daemon=True
        )
        try:
            self.process.start()
        finally:  # the child's ends now live in the child alone: its death is an EOF here
            requests_in.close()
            answers_out.close()
        self.pid = 0  # set by its ("up", pid)
        self.dead = False  # ended before it was up
        self.queued = 0  # reads begun and not yet taken

    def up(self, wait: float) -> bool:
        """Whether the worker has said it is up (waiting up to `wait` s); only called before any
        read is queued to it, so this thread alone reads its answers until then."""
        if not self.pid and not self.dead and self.answers.poll(wait):
            try:
                _tag, self.pid = self.answers.recv()
            except (EOFError, OSError):  # it could not start the reader: the others may
                log.warning("reader process %s ended before it was up", self.process.pid, exc_info=True)
                self.dead = True
        return bool(self.pid)

    def close(self) -> None:
        for end in (self.requests, self.answers):
            end.close()


class ReadPool:
    """`begin(i, path)` for `import_reads.read_ahead`: the strict read handed to a reader process
    when one is up and sound (else done here), returned as the call that waits for its answer."""

    def __init__(
        self,
        templates: dict[tuple[str, str], str],
        where: str,
        plans: PlanLookup,
        identities: Sequence[str],
    ) -> None:
        self._plans, self._identities = plans, tuple(identities)
        self._workers: list[_Worker] = []
        self._broken = False
        self._lock = threading.Lock()  # begin (importing thread) and _finish (reader thread)
        self.remote = 0  # files a worker read
        self.local = 0  # files read here (before a worker was up, or after one failed)
        self.pids: set[int] = set()
        n = min(MAX_WORKERS, cpus())
        self.ahead = n + 1  # a file queued for each worker, and one being unpickled and staged
        args = (templates, where, self._identities, logging.getLogger().getEffectiveLevel())
        try:
            for _ in range(n):  # started now, so they boot while the batch is peeked
                self._workers.append(_Worker(args))
        except Exception:  # noqa: BLE001 - no second process (OSError, a sandbox): read here
            log.warning("reader process not started; reading in this process", exc_info=True)
            self._drop(kill=True)

    def begin(self, i: int, f: Path) -> Callable[[], Read]:
        """Called when the read is queued (`ahead` files ahead), so a worker always has the next
        file waiting; the returned call runs on the reader thread and waits for the answer."""
        with self._lock:
            worker = None if self._broken else self._free_worker()
            if worker is not None:
                try:
                    worker.requests.send((i, f))
                    worker.queued += 1
                    return partial(self._finish, worker, i, f)
                except (OSError, ValueError):  # its process is gone
                    log.warning("reader process refused %s; reading in this process", f, exc_info=True)
                    self._broken = True
        return partial(self._local, i, f)

    def _free_worker(self) -> _Worker | None:
        if not any(w.pid for w in self._workers):
            booting = [w.answers for w in self._workers if not w.dead]
            if booting:
                mp_connection.wait(booting, timeout=WAIT_FOR_WORKER_S)
        ready = [w for w in self._workers if w.queued or w.up(0)]
        return min(ready, key=lambda w: w.queued, default=None)

    def _finish(self, worker: _Worker, i: int, f: Path) -> Read:
        if self._broken:  # another worker failed: nothing more is taken from any of them
            return self._local(i, f)
        fired = threading.Event()

        def hung() -> None:  # a hung worker is killed, and its answer pipe then gives EOF
            fired.set()
            _kill([worker.process])

        timer = threading.Timer(READ_TIMEOUT_S, hung)
        timer.start()
        try:
            answer = worker.answers.recv()
        except (EOFError, OSError):
            answer = ("gone",)
        finally:
            timer.cancel()
        with self._lock:
            worker.queued -= 1
        if answer[0] == "read":
            _tag, read, lines = answer
            for name, level, text in lines:
                logging.getLogger(name).log(level, "[reader process %d] %s", worker.pid, text)
            self.remote += 1
            self.pids.add(worker.pid)
            return read
        if fired.is_set():
            what = f"gave no answer in {READ_TIMEOUT_S:.0f} s"
        else:
            what = "failed" + (f":\n{answer[1]}" if answer[0] == "failed" else " (its process ended)")
        log.warning("reader process %s on %s; reading in this process from now on", what, f)
        self._broken = True
        return self._local(i, f)

    def _local(self, i: int, f: Path) -> Read:
        self.local += 1
        return read_checked(i, f, self._plans, self._identities)

    def _drop(self, *, kill: bool = False) -> None:
        """No process outlives the batch: the workers are told to stop (an idle one exits at once,
        a busy one after its read) and waited for up to EXIT_WAIT_S; any still running then is
        killed, and all of them at once when `kill`."""
        workers, self._workers = self._workers, []
        processes = [w.process for w in workers]
        if kill:
            _kill(processes)
        for w in workers:
            try:
                w.requests.send(None)
            except (OSError, ValueError):  # already gone
                pass
            w.close()
        left = _wait_exit(processes, EXIT_WAIT_S)
        if left:
            log.warning("reader processes %s did not stop; killed", [p.pid for p in left])
            _kill(left)
            _wait_exit(left, EXIT_WAIT_S)
        for p in processes:
            p.join(0)  # reap; each has exited (or was killed) by now

    def close(self) -> None:
        self._drop(kill=self._broken)
        log.info(
            "batch read: %d files in reader process %s, %d in this process",
            self.remote,
            sorted(self.pids),
            self.local,
        )


def _kill(processes: Sequence[BaseProcess]) -> None:
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError):  # already gone, or closed
            pass


def _wait_exit(processes: Sequence[BaseProcess], seconds: float) -> list[BaseProcess]:
    """Waits until every process has exited or `seconds` have passed; returns those still running."""
    running = {p.sentinel: p for p in processes if p.pid is not None and p.exitcode is None}
    deadline = time.monotonic() + seconds
    while running and (remaining := deadline - time.monotonic()) > 0:
        for ready in mp_connection.wait(list(running), timeout=remaining):
            if isinstance(ready, int):  # a sentinel is a file descriptor or handle
                running.pop(ready, None)
    return list(running.values())


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
