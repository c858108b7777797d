"""Rotating log file in the platform log dir; users never see tracebacks, the log keeps them."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILENAME = "dvcq.log"
MAX_BYTES = 2_000_000
BACKUPS = 5


class KeepGoingRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Rolls over by size like its parent, but a rollover that fails (on Windows another program,
    say a text editor or a backup tool, may hold dvcq.log.1 open; or something else sits in the
    way) never costs the app its log: the current file is reopened and written on, with a note of
    why, and rotation stops for this session instead of failing again on every line."""

    def doRollover(self) -> None:  # noqa: N802 - the logging module's name
        try:
            super().doRollover()
        except OSError as exc:
            self.maxBytes = 0  # no further attempts this session: shouldRollover() is then False
            if self.stream is None:  # the parent closed it before renaming
                self.stream = self._open()
            self.stream.write(
                f"{logging.Formatter().formatTime(logging.makeLogRecord({}))} WARNING "
                f"{__name__}: log rotation failed ({exc!r}); continuing in this file\n"
            )
            self.stream.flush()


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
            # Rolls dvcq.log to dvcq.log.1 … .5 before it passes MAX_BYTES (closes first, so the
            # renames work on Windows too).
            handler = KeepGoingRotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
            break
        except OSError:
            continue
    if handler is None:
        handler, path = logging.NullHandler(), None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._dvcq = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
