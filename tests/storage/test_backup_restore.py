"""Backups (SQLite backup API, verified, rotated) and restore (validated, old DB kept)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.ws_helpers import new_unit_ws, run_cli

from dvcq_desktop.domain import clock
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services.setup import restore_workspace
from dvcq_desktop.storage import activities, backups
from dvcq_desktop.storage.db import integrity_ok
from dvcq_desktop.storage.workspace import Workspace
from tests.storage.test_activities_repo import act


def test_daily_backup_at_open_and_rotation(tmp_path: Path) -> None:
    new_unit_ws(tmp_path / "ws").close()
    with Workspace.open(tmp_path / "ws") as ws:
        autos = [p for p in backups.list_backups(ws.backups_dir) if "tu-dong" in p.name]
        assert len(autos) == 1 and integrity_ok(autos[0])
        base = datetime(2023, 1, 1, 8, tzinfo=clock.VN_TZ)
        for d in range(15):
            backups.auto_backup_if_due(ws.db, ws.backups_dir, keep=10, at=base + timedelta(days=d))
        autos = [p for p in backups.list_backups(ws.backups_dir) if "tu-dong" in p.name]
        assert len(autos) == 10
    with Workspace.open(tmp_path / "ws") as ws:  # same day: no second copy
        assert len([p for p in backups.list_backups(ws.backups_dir) if "tu-dong" in p.name]) == 10


def test_backup_while_another_connection_writes_is_consistent(tmp_path: Path) -> None:
    with new_unit_ws(tmp_path / "ws") as ws:
        writer = ws.connect()
        for i in range(200):
            activities.save(writer, act(f"Hoạt động {i}"))
        dest = backups.backup_to(ws.db, tmp_path / "b.sqlite3")
        activities.save(writer, act("Sau khi sao lưu"))
        writer.conn.close()
        con = sqlite3.connect(str(dest))
        assert con.execute("select count(*) from activities").fetchone()[0] == 200
        con.close()


def test_cli_backup_then_restore_round_trip_keeps_replaced_db(tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    with new_unit_ws(ws_dir) as ws:
        activities.save(ws.db, act("Có trong bản sao lưu"))
    out = tmp_path / "saoluu.sqlite3"
    r = run_cli("--workspace", str(ws_dir), "backup", "--out", str(out))
    assert r.returncode == 0, r.stderr
    with Workspace.open(ws_dir) as ws:
        activities.save(ws.db, act("Thêm sau khi sao lưu"))
    r = run_cli("--workspace", str(ws_dir), "restore", str(out))
    assert r.returncode == 0, r.stderr
    with Workspace.open(ws_dir) as ws:
        titles = {x["title"] for x in activities.page(ws.db)}
    assert titles == {"Có trong bản sao lưu"}
    kept = [p for p in backups.list_backups(ws_dir / "backups") if "truoc-khoi-phuc" in p.name]
    assert kept, "the replaced database must be kept"
    con = sqlite3.connect(str(kept[0]))
    assert con.execute("select count(*) from activities").fetchone()[0] == 2
    con.close()


def test_restore_refuses_a_bad_file_and_changes_nothing(tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    new_unit_ws(ws_dir).close()
    db_file = ws_dir / "dvcq.sqlite3"
    before = db_file.read_bytes()
    bad = tmp_path / "hong.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x13" * 8192)
    with pytest.raises(DvcqError) as err:
        restore_workspace(ws_dir, bad)
    assert err.value.code == "backup_invalid"
    assert db_file.read_bytes() == before
    r = run_cli("--workspace", str(ws_dir), "restore", str(bad))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "không dùng được" in r.stderr


def test_restore_rescues_a_corrupt_workspace(tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    with new_unit_ws(ws_dir) as ws:
        activities.save(ws.db, act("Cần cứu"))
        good = backups.backup_to(ws.db, ws.backups_dir / backups.backup_name("thu-cong"))
    db_file = ws_dir / "dvcq.sqlite3"
    for side in ("-wal", "-shm"):
        Path(str(db_file) + side).unlink(missing_ok=True)
    db_file.write_bytes(b"garbage" * 999)
    r = run_cli("--workspace", str(ws_dir), "info")
    assert r.returncode == 1 and str(good) in r.stderr and "Traceback" not in r.stderr
    restore_workspace(ws_dir, good)
    with Workspace.open(ws_dir) as ws:
        assert [x["title"] for x in activities.page(ws.db)] == ["Cần cứu"]
    assert any(p.suffix == ".hong" for p in (ws_dir / "backups").iterdir())
