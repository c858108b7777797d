"""Opening the workspace database with the durability settings the app relies on.

WAL + synchronous=FULL makes each acknowledged commit durable across power loss, and WAL
is the more forgiving journal on hardware that lies about syncs (reliability.md §1.2–1.3).
`synchronous` is per connection, so every connection goes through `connect()`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage.fsutil import sqlite_readonly_uri

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


def looks_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return head == SQLITE_HEADER or head == b""


def connect(path: Path, *, readonly: bool = False) -> Database:
    """A new connection for the calling thread (sqlite-utils `Database` is not thread-safe)."""
    if path.exists() and not looks_like_sqlite(path):
        raise DvcqError("db_corrupt_no_backup", detail="bad header", path=str(path))
    try:
        if readonly:
            conn = _open_read_only(path)
        else:
            conn = sqlite3.connect(str(path), timeout=10.0)
        # No sqlite-utils plugins are used; loading them scans installed packages (~20 ms).
        db = Database(conn, execute_plugins=False)
        conn.execute("PRAGMA busy_timeout=10000")
        harden(conn)
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                # WAL cannot be set on some filesystems; fall back to the most durable rollback mode.
                log.warning("WAL unavailable (%s); using DELETE + synchronous=EXTRA", mode)
                conn.execute("PRAGMA journal_mode=DELETE")
                conn.execute("PRAGMA synchronous=EXTRA")
            else:
                conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        if conn.execute("PRAGMA foreign_keys").fetchone()[0] != 1:
            raise RuntimeError("foreign keys could not be enabled")
        return db
    except sqlite3.DatabaseError as exc:
        log.exception("cannot open %s", path)
        code = environment_error(exc, path)
        if code is not None:  # a full or read-only disk is not a damaged database
            raise DvcqError(code, detail=str(exc), path=str(path.parent)) from exc
        raise DvcqError("db_corrupt_no_backup", detail=str(exc), path=str(path)) from exc


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A WAL database needs its -shm file even to read; on a medium where it cannot be created
    (a write-protected stick) the file is opened as immutable, which is true there."""
    conn = sqlite3.connect(sqlite_readonly_uri(path), uri=True, timeout=10.0)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        log.info("%s: opening as immutable (read-only medium)", path)
        return sqlite3.connect(
            sqlite_readonly_uri(path).replace("?mode=ro", "?immutable=1"), uri=True, timeout=10.0
        )


MIN_FREE_BYTES = 1024 * 1024


def environment_error(exc: BaseException, path: Path) -> str | None:
    """ "disk_full" / "not_writable" / "db_busy" / "io_error" when the failure is the disk's, not
    the file's. SQLite reports a full disk while creating the -wal/-shm files as a plain I/O
    error, so free space is looked at too."""
    import shutil

    from dvcq_desktop.errors import sqlite_error_code

    code = sqlite_error_code(exc)
    if code in (None, "io_error"):
        try:
            if shutil.disk_usage(path.parent).free < MIN_FREE_BYTES:
                return "disk_full"
        except OSError:
            pass
    return code


def harden(conn: sqlite3.Connection) -> None:
    """What a database file may make this connection do: nothing beyond plain SQL.

    `trusted_schema=OFF`: triggers and views stored in the file cannot call SQL functions with side
    effects or unsafe virtual tables, so a crafted file (a "backup" handed to restore) cannot use
    them against the user. Defensive mode also forbids writing the schema directly and other
    ways of corrupting the file on purpose; Python exposes it from 3.12 (`setconfig`), so it is
    switched on where available and the rest holds without it.
    """
    conn.execute("PRAGMA trusted_schema=OFF")
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    setconfig = getattr(conn, "setconfig", None)
    if defensive is not None and setconfig is not None:
        setconfig(defensive, True)
    conn.execute("PRAGMA cell_size_check=ON")  # a damaged page is reported, never followed


def hardened(conn: sqlite3.Connection) -> bool:
    """True when trusted_schema is off (and defensive mode on, where Python can tell)."""
    if conn.execute("PRAGMA trusted_schema").fetchone()[0] != 0:
        return False
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    getconfig = getattr(conn, "getconfig", None)
    return defensive is None or getconfig is None or bool(getconfig(defensive))


BATCH_CHECKPOINT_PAGES = 16384  # ~64 MB of WAL at the default 4 KiB page


@contextmanager
def batch_checkpoints(db: Database, pages: int = BATCH_CHECKPOINT_PAGES) -> Iterator[None]:
    """Many small transactions in a row (one per imported package): the WAL is copied back into
    the database every `pages` pages instead of SQLite's default 1,000, then once at the end.

    Durability does not depend on it: with synchronous=FULL every commit is in the fsynced WAL
    before it returns, and a checkpoint only moves committed pages. What it saves is the
    checkpoint after every second package, each writing back the b-tree pages that package
    touched (scattered over the whole file once earlier years are held) and fsyncing the
    database; pages dirtied by several packages are then written back once. The WAL stays
    bounded (`pages`), and no-ops where the journal is not WAL."""
    old = int(db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
    db.conn.execute(f"PRAGMA wal_autocheckpoint={int(pages)}")
    try:
        yield
    finally:
        db.conn.execute(f"PRAGMA wal_autocheckpoint={old}")
        try:
            db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:  # busy or failing: SQLite checkpoints again after the next commit
            log.warning("checkpoint after the batch failed", exc_info=True)


def where_equal(**filters: Any) -> tuple[str, list[Any]]:
    """`" WHERE a = ? AND b = ?"` and its arguments for the filters that are set (a falsy value
    filters nothing); `("", [])` when none is. The names are column names, never user input."""
    set_ = {k: v for k, v in filters.items() if v}
    if not set_:
        return "", []
    return " WHERE " + " AND ".join(f"{k} = ?" for k in set_), list(set_.values())


def pragma(db: Database, name: str) -> object:
    return db.conn.execute(f"PRAGMA {name}").fetchone()[0]


def integrity_ok(path_or_db: Path | Database, *, quick: bool = False) -> bool:
    """True when `PRAGMA integrity_check` (or quick_check) says ok and foreign keys hold."""
    own = not isinstance(path_or_db, Database)
    try:
        if isinstance(path_or_db, Database):
            conn = path_or_db.conn
        else:
            if not looks_like_sqlite(path_or_db):
                return False
            conn = sqlite3.connect(sqlite_readonly_uri(path_or_db), uri=True, timeout=10.0)
            harden(conn)
        try:
            rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
            if [r[0] for r in rows] != ["ok"]:
                return False
            return not conn.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            if own:
                conn.close()
    except sqlite3.DatabaseError:
        log.warning("integrity check failed to run on %s", path_or_db, exc_info=True)
        return False
