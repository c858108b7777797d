"""Workspace storage: durability settings, migrations with backups, locks, corruption, audit."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database, Migrations
from support.ws_helpers import new_unit_ws

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage import activities, audit, backups, settings
from dvcq_desktop.storage import migrations as migrations_module
from dvcq_desktop.storage.db import integrity_ok, pragma
from dvcq_desktop.storage.migrations import known_names, migrations
from dvcq_desktop.storage.workspace import Workspace


def _act(title: str = "Tuyên truyền pháp luật", **kw: object) -> Activity:
    base: dict[str, object] = dict(
        id=activities.new_id(), area_id="A2", type_id="tuyen_truyen", title=title, start_date=date(2023, 3, 8)
    )
    base.update(kw)
    return Activity(**base)  # type: ignore[arg-type]


def test_connection_pragmas_are_durable(tmp_path: Path) -> None:
    with new_unit_ws(tmp_path / "ws") as ws:
        assert str(pragma(ws.db, "journal_mode")).lower() == "wal"
        assert pragma(ws.db, "synchronous") == 2  # FULL
        assert pragma(ws.db, "foreign_keys") == 1
        other = ws.connect()  # a worker thread's own connection
        assert pragma(other, "synchronous") == 2 and pragma(other, "foreign_keys") == 1
        other.conn.close()
        assert {m.name for m in migrations.applied(ws.db)} == set(known_names())


def test_second_writer_is_refused_with_clear_message(tmp_path: Path) -> None:
    ws = new_unit_ws(tmp_path / "ws")
    try:
        with pytest.raises(DvcqError) as err:
            Workspace.open(tmp_path / "ws")
        assert err.value.code == "db_locked"
        assert "đang được mở" in err.value.message
    finally:
        ws.close()
    Workspace.open(tmp_path / "ws").close()  # released on close


@pytest.fixture
def extra_migration(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A future release's migration set: today's migrations and the ones the test adds (the
    release's own set is left untouched)."""
    future = Migrations("dvcq")
    for m in migrations.pending(Database(memory=True)):  # every migration, in order
        future(name=m.name)(m.fn)
    monkeypatch.setattr(migrations_module, "migrations", future)

    def add(fn):  # type: ignore[no-untyped-def]
        return future()(fn)

    return add


def test_pending_migration_takes_a_backup_first(tmp_path: Path, extra_migration) -> None:  # type: ignore[no-untyped-def]
    ws = new_unit_ws(tmp_path / "ws")
    activities.save(ws.db, _act("Trước nâng cấp"))
    ws.close()

    def m900_add_column(db):  # type: ignore[no-untyped-def]
        db.execute("ALTER TABLE activities ADD COLUMN extra TEXT")

    extra_migration(m900_add_column)
    with Workspace.open(tmp_path / "ws") as ws:
        cols = {c.name for c in ws.db.table("activities").columns}
        assert "extra" in cols
    kept = [p for p in backups.list_backups(tmp_path / "ws" / "backups") if "truoc-nang-cap" in p.name]
    assert len(kept) == 1 and integrity_ok(kept[0])
    old = sqlite3.connect(str(kept[0]))
    assert "extra" not in {r[1] for r in old.execute("PRAGMA table_info(activities)")}
    assert old.execute("select title from activities").fetchone()[0] == "Trước nâng cấp"
    old.close()


def test_failing_migration_leaves_database_as_it_was(tmp_path: Path, extra_migration) -> None:  # type: ignore[no-untyped-def]
    new_unit_ws(tmp_path / "ws").close()

    def m901_broken(db):  # type: ignore[no-untyped-def]
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("simulated crash inside a migration")

    extra_migration(m901_broken)
    with pytest.raises(RuntimeError):
        Workspace.open(tmp_path / "ws")
    con = sqlite3.connect(str(tmp_path / "ws" / "dvcq.sqlite3"))
    names = {r[0] for r in con.execute("select name from sqlite_master")}
    applied = {r[0] for r in con.execute("select name from _sqlite_migrations")}
    con.close()
    assert "half_done" not in names and "m901_broken" not in applied
    assert integrity_ok(tmp_path / "ws" / "dvcq.sqlite3")


def test_database_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    new_unit_ws(tmp_path / "ws").close()
    path = tmp_path / "ws" / "dvcq.sqlite3"
    con = sqlite3.connect(str(path))
    con.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
        "VALUES ('dvcq', 'm999_future', '2030-01-01')"
    )
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DvcqError) as err:
        Workspace.open(tmp_path / "ws")
    assert err.value.code == "db_too_new"
    assert "cập nhật phần mềm" in err.value.message
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "garbage", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000]
)
def test_corrupt_database_is_never_overwritten_and_backup_is_offered(tmp_path: Path, garbage: bytes) -> None:
    ws = new_unit_ws(tmp_path / "ws")
    activities.save(ws.db, _act())
    good = backups.backup_to(ws.db, ws.backups_dir / backups.backup_name("thu-cong"))
    ws.close()
    path = tmp_path / "ws" / "dvcq.sqlite3"
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)
    path.write_bytes(garbage)
    with pytest.raises(DvcqError) as err:
        Workspace.open(tmp_path / "ws")
    assert err.value.code == "db_corrupt"
    assert str(good) in err.value.message
    assert path.read_bytes() == garbage  # the damaged file is kept as it was


def test_corrupt_database_without_backup(tmp_path: Path) -> None:
    new_unit_ws(tmp_path / "ws").close()
    path = tmp_path / "ws" / "dvcq.sqlite3"
    for p in (tmp_path / "ws" / "backups").glob("*"):
        p.unlink()
    path.write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(DvcqError) as err:
        Workspace.open(tmp_path / "ws")
    assert err.value.code == "db_corrupt_no_backup"


def test_audit_log_is_append_only(tmp_path: Path) -> None:
    with new_unit_ws(tmp_path / "ws") as ws:
        a = activities.save(ws.db, _act())
        activities.save(ws.db, _act(id=a.id, title="Tuyên truyền Luật Đất đai"))
        rows = audit.entries(ws.db, "activity", a.id)
        assert any(
            r["field"] == "title"
            and r["old_value"] == "Tuyên truyền pháp luật"
            and r["new_value"] == "Tuyên truyền Luật Đất đai"
            for r in rows
        )
        with pytest.raises(sqlite3.IntegrityError):
            ws.db.execute("UPDATE audit_log SET new_value = 'x'")
        with pytest.raises(sqlite3.IntegrityError):
            ws.db.execute("DELETE FROM audit_log")


def test_settings_changes_are_audited(tmp_path: Path) -> None:
    with new_unit_ws(tmp_path / "ws") as ws:
        settings.put(ws.db, "font_scale", 1.25)
        assert settings.get(ws.db, "font_scale") == 1.25
        assert audit.entries(ws.db, "settings", "font_scale")[0]["new_value"] == "1.25"


def test_disk_full_during_save_keeps_earlier_data(tmp_path: Path) -> None:
    from dvcq_desktop.errors import user_message

    with new_unit_ws(tmp_path / "ws") as ws:
        saved = [activities.save(ws.db, _act(f"Hoạt động {i}")) for i in range(5)]
        pages = ws.db.execute("PRAGMA page_count").fetchone()[0]
        ws.db.execute(f"PRAGMA max_page_count={pages}")
        big = "Nội dung rất dài " * 11000  # under the 200,000-character limit, over the page budget
        with pytest.raises(sqlite3.OperationalError) as err:
            activities.save(ws.db, _act("Không lưu được", content=big))
        assert "Ổ đĩa đầy" in user_message(err.value)
        assert not ws.db.conn.in_transaction
        assert activities.count(ws.db) == 5
        assert {a.id for a in saved} == {r["id"] for r in activities.page(ws.db, limit=10)}
        assert integrity_ok(ws.db)


def test_unclean_exit_triggers_a_full_check_at_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dvcq_desktop.storage import workspace as wsmod

    new_unit_ws(tmp_path / "ws").close()
    checks: list[bool] = []
    real = wsmod.integrity_ok
    monkeypatch.setattr(
        wsmod, "integrity_ok", lambda p, quick=False: checks.append(quick) or real(p, quick=quick)
    )
    Workspace.open(tmp_path / "ws", auto_backup=False).close()
    assert checks == []  # clean exit: no page-by-page scan
    ws = Workspace.open(tmp_path / "ws", auto_backup=False)
    ws.db.conn.close()
    ws._lock.release()  # simulate a crash: no close()
    assert (tmp_path / "ws" / wsmod.SESSION_MARKER).exists()
    Workspace.open(tmp_path / "ws", auto_backup=False).close()
    assert checks == [True]
