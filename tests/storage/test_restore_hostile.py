"""Issue 18 point 3: restore refuses every crafted backup before anything changes, accepts a real
one (an older version's too, which then migrates), and every connection distrusts the schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support.ws_helpers import new_unit_ws, run_cli

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services.setup import restore_workspace
from dvcq_desktop.storage import activities, backups
from dvcq_desktop.storage.db import hardened
from dvcq_desktop.storage.migrations import known_names, migrations
from dvcq_desktop.storage.workspace import Workspace
from tests.storage.test_activities_repo import act


@pytest.fixture(scope="module")
def good_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("src")
    with new_unit_ws(root / "ws") as ws:
        for i in range(3):
            activities.save(ws.db, act(f"Hoạt động trong bản sao {i}"))
        return backups.backup_to(ws.db, root / "good.sqlite3")


def _crafted(good: Path, dest: Path, *sql: str) -> Path:
    dest.write_bytes(good.read_bytes())
    con = sqlite3.connect(str(dest))
    for stmt in sql:
        con.execute(stmt)
    con.commit()
    con.close()
    return dest


def _target(tmp_path: Path) -> tuple[Path, bytes]:
    ws_dir = tmp_path / "ws"
    with new_unit_ws(ws_dir) as ws:
        activities.save(ws.db, act("Dữ liệu đang dùng"))
    return ws_dir, (ws_dir / "dvcq.sqlite3").read_bytes()


HOSTILE: dict[str, tuple[tuple[str, ...], str]] = {
    "trigger": (
        (
            "CREATE TRIGGER ghi_de AFTER UPDATE ON activities BEGIN "
            "UPDATE activities SET participants = 999999, title = 'bị ghi đè'; END",
        ),
        "trigger ghi_de",
    ),
    "view shadowing a table": (
        (
            "ALTER TABLE settings RENAME TO settings_that",
            "CREATE VIEW settings AS SELECT key, replace(value, 'TPTN-P1', 'TPTN-P2') AS value "
            "FROM settings_that",
        ),
        "view settings",
    ),
    "newer user_version": (("PRAGMA user_version = 99",), "phiên bản phần mềm mới hơn"),
    "newer migration": (
        ("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES ('dvcq', 'm099_x', 'x')",),
        "phiên bản phần mềm mới hơn",
    ),
    "extra index": (("CREATE INDEX idx_la ON activities(title)",), "index idx_la"),
    "settings naming a missing unit": (
        ("UPDATE settings SET value = '\"KHONG-CO\"' WHERE key = 'unit_code'",),
        "KHONG-CO",
    ),
    "settings naming a missing plan": (
        ("UPDATE settings SET value = '\"ke-hoach-khac\"' WHERE key = 'plan_id'",),
        "ke-hoach-khac",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_crafted_backup_is_refused_and_nothing_changes(tmp_path: Path, good_backup: Path, case: str) -> None:
    sql, reason = HOSTILE[case]
    bad = _crafted(good_backup, tmp_path / "bad.sqlite3", *sql)
    ws_dir, before = _target(tmp_path)
    with pytest.raises(DvcqError) as err:
        restore_workspace(ws_dir, bad)
    assert err.value.code == "backup_invalid"
    assert reason in err.value.message, err.value.message
    assert "không bị thay đổi" in err.value.message
    assert (ws_dir / "dvcq.sqlite3").read_bytes() == before
    assert not [p for p in backups.list_backups(ws_dir / "backups") if "truoc-khoi-phuc" in p.name]


def test_bare_tables_are_refused(tmp_path: Path) -> None:
    bare = tmp_path / "bare.sqlite3"
    con = sqlite3.connect(str(bare))
    con.execute("CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT)")
    con.execute("CREATE TABLE activities(id TEXT)")
    con.execute("CREATE TABLE _sqlite_migrations(id INTEGER PRIMARY KEY, migration_set, name, applied_at)")
    con.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES ('dvcq', 'm001_initial', '')"
    )
    con.commit()
    con.close()
    ws_dir, before = _target(tmp_path)
    with pytest.raises(DvcqError) as err:
        restore_workspace(ws_dir, bare)
    assert "cấu trúc dữ liệu khác" in err.value.message
    assert (ws_dir / "dvcq.sqlite3").read_bytes() == before
    r = run_cli("--workspace", str(ws_dir), "restore", str(bare))
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "cấu trúc dữ liệu khác" in r.stdout + r.stderr


def test_a_real_backup_is_restored(tmp_path: Path, good_backup: Path) -> None:
    ws_dir, _ = _target(tmp_path)
    restore_workspace(ws_dir, good_backup)
    with Workspace.open(ws_dir, auto_backup=False) as ws:
        assert {r["title"] for r in activities.page(ws.db)} == {
            f"Hoạt động trong bản sao {i}" for i in range(3)
        }


def _as_older_version(good: Path, path: Path) -> None:
    """What the version before m007 wrote: a database migrated only up to m006 (the search-index
    triggers still there, no later table or column), holding the good backup's rows, one title
    with a control character that m007 must clean."""
    from sqlite_utils import Database

    con = sqlite3.connect(str(path))
    db = Database(con, execute_plugins=False)
    migrations.apply(db, stop_before="m007_clean_stored_text")
    con.execute(f"PRAGMA user_version = {known_names().index('m007_clean_stored_text')}")
    con.execute("ATTACH DATABASE ? AS good", [str(good)])
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'activities_fts%' AND name != '_sqlite_migrations'"
        )
    ]
    for table in tables:
        cols = ", ".join(r[1] for r in con.execute(f"PRAGMA main.table_info({table})"))
        con.execute(f"INSERT OR IGNORE INTO main.{table} ({cols}) SELECT {cols} FROM good.{table}")
    con.execute("UPDATE activities SET title = title || char(11) WHERE rowid = 1")
    con.commit()
    con.execute("DETACH DATABASE good")
    con.close()


def test_an_older_versions_backup_is_accepted_and_migrated(tmp_path: Path, good_backup: Path) -> None:
    old = tmp_path / "old.sqlite3"
    _as_older_version(good_backup, old)
    ws_dir, _ = _target(tmp_path)
    restore_workspace(ws_dir, old)
    with Workspace.open(ws_dir, auto_backup=False) as ws:
        titles = {r["title"] for r in activities.page(ws.db)}
        assert titles == {f"Hoạt động trong bản sao {i}" for i in range(3)}  # m007 cleaned char(11)
        assert not list(
            ws.db.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'")
        )
        assert activities.count(ws.db, activities.ActivityFilter(text="trong ban sao")) == 3


def test_every_connection_distrusts_the_schema(tmp_path: Path) -> None:
    with new_unit_ws(tmp_path / "ws") as ws:
        assert hardened(ws.db.conn)
        other = ws.connect()
        assert hardened(other.conn)
        other.conn.close()
        # the search index is kept by the storage code now: edits stay findable
        a = activities.save(ws.db, act("Hội nghị dân vận"))
        from dataclasses import replace

        activities.save(ws.db, replace(a, title="Hội nghị dân vận khéo"))
        assert activities.count(ws.db, activities.ActivityFilter(text="hoi nghi")) == 1
        activities.soft_delete(ws.db, [a.id])
        assert activities.count(ws.db, activities.ActivityFilter(text="hoi nghi")) == 0
        activities.restore(ws.db, [a.id])
        assert activities.count(ws.db, activities.ActivityFilter(text="dan van kheo")) == 1
