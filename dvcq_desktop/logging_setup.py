"""Rotating log file in the platform log dir; users never see tracebacks, the log keeps them."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILENAME = "dvcq.log"


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    root = logging.getLogger()
    root.setLevel(level)
    for h in list(root.handlers):
        if getattr(h, "_dvcq", False):
            root.removeHandler(h)
            h.close()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_FILENAME
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        # A read-only or missing log dir must not stop the app from starting.
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._dvcq = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
