"""Rotating log file in the platform log dir; users never see tracebacks, the log keeps them."""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_FILENAME = "dvcq.log"
MAX_BYTES = 2_000_000
BACKUPS = 5


class SizeRotatingFileHandler(logging.FileHandler):
    """dvcq.log, rolled to dvcq.log.1 … .5 when it passes `max_bytes`.

    The standard library's RotatingFileHandler lives in `logging.handlers`, whose imports
    (socket, pickle, queue…) cost 10 ms of every start; this is the part of it we use.
    `emit` runs under the handler's lock, so a roll-over never interleaves with a write.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self._roll_over()
        except OSError:
            self.handleError(record)
        super().emit(record)

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()  # Windows cannot rename an open file
        self.stream = None
        base = self.baseFilename
        for i in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{i}"):
                os.replace(f"{base}.{i}", f"{base}.{i + 1}")
        os.replace(base, f"{base}.1")
        self.stream = self._open()


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_dvcq", False):
            root.removeHandler(h)
            h.close()
    import tempfile

    handler: logging.Handler | None = None
    path: Path | None = None
    # A read-only or missing log dir must not stop the app, nor spill tracebacks on the user's
    # screen (Python's last-resort handler prints to stderr when no handler exists).
    for candidate in (log_dir, Path(tempfile.gettempdir()) / "dvcq-logs"):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            path = candidate / LOG_FILENAME
            handler = SizeRotatingFileHandler(path)
            break
        except OSError:
            continue
    if handler is None:
        handler, path = logging.NullHandler(), None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._dvcq = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
