"""The log file set up at start rolls over by size and keeps a fixed number of old files."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import pytest

from dvcq_desktop.logging_setup import BACKUPS, LOG_FILENAME, MAX_BYTES, setup_logging


def _our_handler() -> logging.handlers.RotatingFileHandler:
    [handler] = [h for h in logging.getLogger().handlers if getattr(h, "_dvcq", False)]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    return handler


def test_log_rolls_over_by_size_and_keeps_five_old_files(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert path == tmp_path / LOG_FILENAME
    handler = _our_handler()
    assert (handler.maxBytes, handler.backupCount, BACKUPS) == (MAX_BYTES, BACKUPS, 5)
    handler.maxBytes = 1000  # the real handler, rolled over sooner so the test stays small
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("test.rotation")
    try:
        for i in range(400):
            log.warning("dòng nhật ký số %04d %s", i, "x" * 30)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["dvcq.log", "dvcq.log.1", "dvcq.log.2", "dvcq.log.3", "dvcq.log.4", "dvcq.log.5"]
    assert path is not None
    newest = path.read_text(encoding="utf-8").splitlines()
    assert newest[-1].startswith("dòng nhật ký số 0399")
    # Each older file continues exactly where the next newer one starts: nothing lost in between.
    chain = [tmp_path / f"dvcq.log.{i}" for i in range(5, 0, -1)] + [path]
    numbers = [int(line.split()[4]) for f in chain for line in f.read_text(encoding="utf-8").splitlines()]
    assert numbers == list(range(numbers[0], 400))
    # the handler counts "\n" per line; Windows writes "\r\n", one byte more for each of ~20 lines
    limit = 1000 if os.linesep == "\n" else 1040
    assert all(f.stat().st_size <= limit for f in chain)


def test_a_read_only_log_folder_falls_back_to_the_temp_folder(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")  # mkdir below a file fails on every platform
    path = setup_logging(blocked / "logs")
    try:
        assert path is not None and path.name == LOG_FILENAME and blocked not in path.parents
    finally:
        handler = _our_handler()
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_a_rollover_that_fails_keeps_logging_in_the_current_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On Windows another program holding dvcq.log.1 open makes the rename fail; here folders stand
    where the old logs go, so the rollover meets a real OSError. The app's log must carry on."""
    for i in range(1, BACKUPS + 1):
        (tmp_path / f"dvcq.log.{i}").mkdir()
        (tmp_path / f"dvcq.log.{i}" / "giu-cho.txt").write_text("x", encoding="utf-8")
    path = setup_logging(tmp_path)
    assert path is not None
    handler = _our_handler()
    handler.maxBytes = 1000
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("test.rotation.blocked")
    try:
        for i in range(100):
            log.warning("dòng nhật ký số %04d %s", i, "x" * 30)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    numbers = [int(line.split()[4]) for line in lines if line.startswith("dòng nhật ký")]
    assert numbers == list(range(100))  # not one line lost, in order, in the current file
    assert sum("log rotation failed" in line for line in lines) == 1  # noted once, not per line
    assert "Logging error" not in capsys.readouterr().err  # nothing spilled on the console
    assert (tmp_path / "dvcq.log.1" / "giu-cho.txt").is_file()  # what was in the way is untouched
