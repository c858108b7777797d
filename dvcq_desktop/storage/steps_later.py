"""Schema migrations from m003 on, each carrying its own DDL (imported by storage.migrations so
that all are registered, in order, after m001 and m002)."""

from __future__ import annotations

import logging
import sqlite3

from sqlite_utils import Database

from dvcq_desktop.storage.steps_initial import migrations

log = logging.getLogger(__name__)

# From here on each migration carries its own DDL, copied in when it was written: a migration
# calling live code would mean something else once that code changes, and a database migrated
# from m001 would then differ from one created new (tests/storage/test_migrations_frozen.py).


@migrations()
def m003_activity_search_index(db: Database) -> None:
    """Sort indexes for the activity log and the trigram FTS5 table of search_text (filled by m004)."""
    for col in ("sort_title", "area_id", "type_id", "participants", "status", "location", "updated_at"):
        db.execute(f"CREATE INDEX IF NOT EXISTS idx_activities_live_{col} ON activities(deleted_at, {col})")
    try:
        db.execute(
            "CREATE VIRTUAL TABLE activities_fts USING fts5(search_text, content='activities', "
            "content_rowid='rowid', tokenize='trigram')"
        )
    except sqlite3.OperationalError:
        log.warning("FTS5 trigram unavailable; search scans the table", exc_info=True)


# The index holds live rows only (counting a search's hits is then one FTS query); the triggers
# keep it so. Never FTS5 'rebuild': it would index the whole content table, trash included.
_M004_TRIGGERS = (
    """CREATE TRIGGER activities_fts_ai AFTER INSERT ON activities WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO activities_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END""",
    """CREATE TRIGGER activities_fts_ad AFTER DELETE ON activities WHEN old.deleted_at IS NULL BEGIN
        INSERT INTO activities_fts(activities_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END""",
    """CREATE TRIGGER activities_fts_au_old AFTER UPDATE OF search_text, deleted_at ON activities
        WHEN old.deleted_at IS NULL BEGIN
        INSERT INTO activities_fts(activities_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END""",
    """CREATE TRIGGER activities_fts_au_new AFTER UPDATE OF search_text, deleted_at ON activities
        WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO activities_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END""",
)


@migrations()
def m004_search_index_live_rows(db: Database) -> None:
    """Triggers that index live rows only, and the index filled with the live rows."""
    if not db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'activities_fts'").fetchone()[0]:
        return  # no FTS5 trigram in this SQLite: search scans the table
    for name in (
        "activities_fts_ai",
        "activities_fts_ad",
        "activities_fts_au",
        "activities_fts_au_old",
        "activities_fts_au_new",
    ):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    for sql in _M004_TRIGGERS:
        db.execute(sql)
    db.execute("INSERT INTO activities_fts(activities_fts) VALUES ('delete-all')")
    db.execute(
        "INSERT INTO activities_fts(rowid, search_text) "
        "SELECT rowid, search_text FROM activities WHERE deleted_at IS NULL"
    )


@migrations()
def m005_covering_date_index(db: Database) -> None:
    # A date-range filter tests coalesce(end_date, start_date); with end_date in the index the
    # count is answered from the index alone (0.2 s → a few ms over 100,000 activities).
    db.execute("DROP INDEX IF EXISTS idx_activities_live_date")
    db.execute("CREATE INDEX idx_activities_live_date ON activities(deleted_at, start_date, end_date)")


@migrations()
def m006_audit_log_entity_index(db: Database) -> None:
    # The history of one record (the office's history views, "who changed this activity") and
    # the check that every activity has its audit row: a seek instead of a scan of the whole log.
    db.execute("CREATE INDEX idx_audit_log_entity ON audit_log(entity, entity_id)")


@migrations()
def m007_clean_stored_text(db: Database) -> None:
    # Text saved before the input door could hold characters that block every report and export.
    # The search index triggers are dropped here too: with trusted_schema=OFF (storage/db.py) a
    # trigger may not write an FTS5 table, so the storage code keeps the index itself.
    from dvcq_desktop.storage.m007_clean_text import clean_stored_text

    clean_stored_text(db)


@migrations()
def m008_period_series(db: Database) -> None:
    # A workspace holds a series of periods, each under its own plan version. `provisional`: a unit
    # opened the year from its last plan while waiting for the office's; `unit_code`: who reports
    # that period (a successor unit continues new periods under its own code, earlier ones keep
    # the old code; NULL = the workspace's unit).
    db.execute("ALTER TABLE periods ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE periods ADD COLUMN unit_code TEXT")
    db.execute("CREATE INDEX idx_periods_id ON periods(id)")


@migrations()
def m009_plan_files(db: Database) -> None:
    # Every plan file this workspace published (office) or took (unit), by the file's SHA-256:
    # taking the same file again is a duplicate; an older plan version is refused.
    db.execute("""
    CREATE TABLE plan_files (
        sha256 TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('published', 'taken')),
        file_id TEXT NOT NULL,
        plan_id TEXT NOT NULL,
        plan_version TEXT NOT NULL,
        period_id TEXT NOT NULL,
        office_code TEXT NOT NULL,
        path TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX idx_plan_files_plan ON plan_files(plan_id, period_id)")


@migrations()
def m011_unit_tasks(db: Database) -> None:
    """The unit's own plan: tasks per (plan, period) under the plan's areas, the KẾ HOẠCH's number
    and date, and each activity's optional link to the task it answers."""
    db.execute("""
    CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        area_id TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        content TEXT NOT NULL DEFAULT '',
        lead TEXT NOT NULL DEFAULT '',
        partners TEXT NOT NULL DEFAULT '',
        timeframe TEXT NOT NULL DEFAULT '',
        date_from TEXT,
        date_to TEXT,
        output TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done', 'dropped')),
        manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
        reason TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX idx_tasks_period ON tasks(plan_id, period_id, area_id, position)")
    db.execute("""
    CREATE TABLE unit_plans (
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        number TEXT NOT NULL DEFAULT '',
        symbol TEXT NOT NULL DEFAULT 'KH-UBND',
        date TEXT,
        report_by TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, period_id)
    )""")
    # The receiving office: each received package's tasks, as the unit showed them (format 1.1).
    db.execute("""
    CREATE TABLE received_tasks (
        package_id TEXT NOT NULL REFERENCES received(package_id),
        task_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        area_id TEXT NOT NULL,
        title TEXT NOT NULL,
        lead TEXT NOT NULL DEFAULT '',
        timeframe TEXT NOT NULL DEFAULT '',
        output TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (package_id, task_id)
    ) WITHOUT ROWID""")
    db.execute("ALTER TABLE activities ADD COLUMN task_id TEXT")
    # Covering: a task's link counts (by status, live rows only) are read from the index alone.
    db.execute(
        "CREATE INDEX idx_activities_task ON activities(task_id, status, deleted_at) WHERE task_id IS NOT NULL"
    )


@migrations()
def m012_keys_and_receipts(db: Database) -> None:
    # The workspace's own key pairs (Ed25519 to sign, X25519/age to decrypt), their private halves
    # wrapped for the current Windows user where DPAPI exists; the keys this workspace trusts for
    # another party (the office's key on a unit, each unit's key on the office); and the receipts
    # a unit took back for its exports.
    db.execute("""
    CREATE TABLE workspace_keys (
        purpose TEXT PRIMARY KEY CHECK (purpose IN ('sign', 'decrypt')),
        public_key TEXT NOT NULL,
        private_key BLOB NOT NULL,
        wrapping TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""")
    db.execute("""
    CREATE TABLE pinned_keys (
        id INTEGER PRIMARY KEY,
        party TEXT NOT NULL CHECK (party IN ('office', 'unit')),
        code TEXT NOT NULL,
        public_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        source TEXT NOT NULL,
        pinned_at TEXT NOT NULL,
        replaced_at TEXT,
        reason TEXT
    )""")
    db.execute("CREATE INDEX idx_pinned_keys_live ON pinned_keys(party, code, replaced_at)")
    db.execute("""
    CREATE TABLE receipts (
        package_id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        receipt_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        office_fingerprint TEXT NOT NULL,
        taken_at TEXT NOT NULL
    )""")
