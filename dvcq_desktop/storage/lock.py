"""One writer per workspace: an OS file lock held for the life of the process.

An OS lock (flock / msvcrt.locking) is released by the kernel when the process dies, so a crash
never leaves a stale lock behind that the officer would have to delete by hand.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import IO

from dvcq_desktop.errors import DvcqError

LOCK_NAME = ".dvcq.lock"
LOCK_WAIT = 1.5  # seconds a start keeps trying before saying "open elsewhere"
LOCK_RETRY_DELAY = 0.1


class WorkspaceLock:
    def __init__(self, workspace: Path) -> None:
        self.path = workspace / LOCK_NAME
        self._fh: IO[str] | None = None

    def acquire(self, wait: float = LOCK_WAIT) -> None:
        """Take the lock, trying again for up to `wait` seconds: right after a crash Windows may
        take a moment to release the dead process's lock, and a start at that moment must not
        be told that the data is open elsewhere."""
        deadline = time.monotonic() + wait
        while True:
            try:
                self._try_acquire()
                return
            except OSError as exc:
                if time.monotonic() >= deadline:
                    raise DvcqError("db_locked", detail=str(exc), path=str(self.path.parent)) from exc
                time.sleep(LOCK_RETRY_DELAY)

    def _try_acquire(self) -> None:
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            if sys.platform == "win32":
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            try:
                if sys.platform == "win32":
                    import msvcrt

                    self._fh.seek(0)
                    msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
            except OSError:
                pass
            self._fh.close()
            self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None
