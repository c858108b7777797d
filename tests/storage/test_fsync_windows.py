"""Durable writes on Windows: fsync needs a handle with write access there (Linux accepts a read-only
one, so only the Windows harness, packaging/windows/wine_test.sh, can see this break). Every backup
(daily, manual, before a migration) goes through fsync_file: if it fails, no backup is ever made."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from support.ws_helpers import new_unit_ws

from dvcq_desktop.domain import clock
from dvcq_desktop.storage import activities, backups
from dvcq_desktop.storage.fsutil import fsync_file
from tests.storage.test_activities_repo import act


def test_fsync_file_keeps_the_file_as_written(tmp_path: Path) -> None:
    path = tmp_path / "Báo cáo #1.docx"
    path.write_bytes(b"PK\x03\x04 n\xe1\xbb\x99i dung")
    fsync_file(path)
    assert path.read_bytes() == b"PK\x03\x04 n\xe1\xbb\x99i dung"


def test_manual_backup_writes_a_copy_that_reads_back(tmp_path: Path) -> None:
    with new_unit_ws(tmp_path / "Phường Hiệp Ninh") as ws:
        activities.save(ws.db, act("Đối thoại với nhân dân khu phố 3"))
        dest = backups.backup_to(ws.db, tmp_path / "USB #2" / "sao lưu.sqlite3")
    con = sqlite3.connect(dest)
    try:
        titles = {r[0] for r in con.execute("select title from activities")}
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert "Đối thoại với nhân dân khu phố 3" in titles
    assert not list(dest.parent.glob("*.part"))  # nothing half-written left beside it


def test_daily_backup_is_made(tmp_path: Path) -> None:
    with new_unit_ws(tmp_path / "ws") as ws:
        at = datetime(2023, 5, 2, 8, tzinfo=clock.VN_TZ)
        made = backups.auto_backup_if_due(ws.db, ws.backups_dir, at=at)
        assert made is not None and made.is_file()  # a failure here is only logged: the officer never knows
        assert backups.newest_good_backup(ws.backups_dir) is not None
