"""The log file rolls over by size and keeps a fixed number of old files."""

from __future__ import annotations

import logging
from pathlib import Path

from dvcq_desktop.logging_setup import SizeRotatingFileHandler


def test_log_rolls_over_by_size_and_keeps_five_old_files(tmp_path: Path) -> None:
    path = tmp_path / "dvcq.log"
    handler = SizeRotatingFileHandler(path, max_bytes=1000, backups=5)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("test.rotation")
    log.propagate = False
    log.addHandler(handler)
    try:
        for i in range(400):
            log.warning("dòng nhật ký số %04d %s", i, "x" * 30)
    finally:
        log.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["dvcq.log", "dvcq.log.1", "dvcq.log.2", "dvcq.log.3", "dvcq.log.4", "dvcq.log.5"]
    newest = path.read_text(encoding="utf-8").splitlines()
    assert newest[-1].startswith("dòng nhật ký số 0399")
    # Each older file continues exactly where the next newer one starts: nothing lost in between.
    chain = [tmp_path / f"dvcq.log.{i}" for i in range(5, 0, -1)] + [path]
    numbers = [int(line.split()[4]) for f in chain for line in f.read_text(encoding="utf-8").splitlines()]
    assert numbers == list(range(numbers[0], 400))
    assert all(f.stat().st_size <= 1000 + 60 for f in chain)
