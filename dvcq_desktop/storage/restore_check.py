"""Deciding whether a file handed to "restore" is a backup this app made, before anything changes.

A backup is a whole SQLite database: besides data it can carry triggers and views that run on
every later save (one that rewrote every title on the next edit was accepted before). So a file
is accepted only when, checked on a private copy:

1. it is an intact SQLite database whose applied migrations are the first N of this app's (a
   newer app's backup is refused: this version cannot know what it holds);
2. its schema — every table, index, trigger and view in `sqlite_master` — is exactly the schema of
   a fresh database migrated to the same N (nothing added, nothing removed, nothing altered);
3. its settings name a role, a unit, a plan and a period that exist in it;
4. the copy migrates to the current version and opens as a workspace, end to end.

Each refusal raises `DvcqError("backup_invalid")` with the reason in Vietnamese.
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path

from sqlite_utils import Database

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.paths import DB_FILENAME
from dvcq_desktop.storage.db import harden, integrity_ok, looks_like_sqlite
from dvcq_desktop.storage.fsutil import sqlite_readonly_uri
from dvcq_desktop.storage.migrations import known_names, migrations

log = logging.getLogger(__name__)

_SPACES = re.compile(r"\s+")
SchemaRow = tuple[str, str, str, str]


def _refuse(path: Path, reason: str, detail: str = "") -> DvcqError:
    return DvcqError("backup_invalid", detail=detail or reason, path=str(path), reason=reason)


def schema_of(conn: sqlite3.Connection) -> set[SchemaRow]:
    """(type, name, table, SQL with whitespace collapsed) of every schema object."""
    rows = conn.execute("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master").fetchall()
    return {(t, n, tb, _SPACES.sub(" ", s).strip()) for t, n, tb, s in rows}


def reference_schema(applied: int) -> set[SchemaRow]:
    """The schema of a fresh database after this app's first `applied` migrations."""
    names = known_names()
    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn, execute_plugins=False)
        migrations.apply(db, stop_before=names[applied] if applied < len(names) else None)
        return schema_of(conn)
    finally:
        conn.close()


def _applied(conn: sqlite3.Connection, path: Path) -> int:
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [migrations.name]
        ).fetchall()
    except sqlite3.DatabaseError:
        raise _refuse(path, "không phải dữ liệu của chương trình", "no migrations table") from None
    names = [r[0] for r in rows]
    known = known_names()
    if any(n not in known for n in names) or conn.execute("PRAGMA user_version").fetchone()[0] > len(known):
        raise _refuse(path, "tệp được tạo bằng phiên bản phần mềm mới hơn; hãy cập nhật phần mềm", "newer")
    if names != known[: len(names)] or not names:
        raise _refuse(path, "không phải dữ liệu của chương trình", f"migrations {names}")
    return len(names)


def _check_settings(conn: sqlite3.Connection, path: Path) -> None:
    import json

    from dvcq_desktop.storage.peek import ROLES

    try:
        values = {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM settings")}
    except (sqlite3.DatabaseError, ValueError):
        raise _refuse(path, "phần cài đặt bị hỏng", "settings") from None
    role, unit, plan, period = (values.get(k) for k in ("role", "unit_code", "plan_id", "period_id"))
    if role not in ROLES:
        raise _refuse(path, "không ghi rõ vai trò đơn vị báo cáo hay cơ quan tổng hợp", f"role {role!r}")

    def exists(sql: str, args: list[object]) -> bool:
        return conn.execute(sql, args).fetchone() is not None

    if not exists("SELECT 1 FROM units WHERE code = ?", [unit]):
        raise _refuse(path, f"đơn vị “{unit}” ghi trong cài đặt không có trong dữ liệu", "unit")
    if not exists("SELECT 1 FROM plans WHERE id = ?", [plan]):
        raise _refuse(path, f"kế hoạch “{plan}” ghi trong cài đặt không có trong dữ liệu", "plan")
    if not exists("SELECT 1 FROM periods WHERE plan_id = ? AND id = ?", [plan, period]):
        raise _refuse(path, f"kỳ báo cáo “{period}” ghi trong cài đặt không có trong dữ liệu", "period")


def _opens_end_to_end(copy_dir: Path, path: Path) -> None:
    """Migrate the private copy and read it the way the app does at start."""
    from dvcq_desktop.storage.snapshot import load_submission
    from dvcq_desktop.storage.workspace import Workspace

    try:
        with Workspace.open(copy_dir, lock=False, auto_backup=False) as ws:
            _ = ws.plan, ws.catalog, ws.own_unit, ws.period
            if ws.role == "unit":
                load_submission(ws)
    except DvcqError as exc:
        raise _refuse(path, exc.message, exc.code) from exc
    except Exception as exc:  # anything the app would stumble on after the restore
        log.warning("backup %s does not open end to end", path, exc_info=True)
        raise _refuse(path, "chương trình không mở được dữ liệu trong tệp", repr(exc)) from exc


def check_backup(path: Path) -> None:
    """Raise `backup_invalid` unless `path` passes every check in the module docstring. The file
    itself is never opened for writing; all work happens on a private temporary copy."""
    path = Path(path)
    if not path.is_file():
        raise _refuse(path, "không tìm thấy tệp", "missing")
    if not looks_like_sqlite(path) or path.stat().st_size == 0:
        raise _refuse(path, "không phải tệp dữ liệu SQLite", "header")
    work = Path(tempfile.mkdtemp(prefix="dvcq-kiem-tra-"))
    try:
        copy = work / DB_FILENAME
        shutil.copyfile(path, copy)
        for side in ("-wal", "-journal"):
            if Path(str(path) + side).exists():
                raise _refuse(
                    path, "tệp đang được một chương trình khác ghi dở; hãy đóng chương trình đó", side
                )
        if not integrity_ok(copy):
            raise _refuse(path, "tệp bị hỏng (integrity_check)", "integrity")
        conn = sqlite3.connect(sqlite_readonly_uri(copy), uri=True)
        try:
            harden(conn)
            applied = _applied(conn, path)
            found, expected = schema_of(conn), reference_schema(applied)
            if found != expected:
                extra = sorted(f"{t} {n}" for t, n, _, _ in found - expected)
                missing = sorted(f"{t} {n}" for t, n, _, _ in expected - found)
                log.warning("backup %s schema differs: extra %s, missing/changed %s", path, extra, missing)
                what = ", ".join(extra or missing)[:200]
                raise _refuse(path, f"cấu trúc dữ liệu khác với bản chương trình tạo ra ({what})", "schema")
            _check_settings(conn, path)
        finally:
            conn.close()
        _opens_end_to_end(work, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
