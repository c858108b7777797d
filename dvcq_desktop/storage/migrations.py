"""Numbered schema migrations. Each runs in one transaction with its bookkeeping row
(sqlite-utils `Migrations`); a backup copy is taken before any pending migration runs."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database, Migrations

from dvcq_desktop.errors import DvcqError

log = logging.getLogger(__name__)

migrations = Migrations("dvcq")


@migrations()
def m001_initial(db: Database) -> None:
    db.execute("""
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""")
    db.execute("""
    CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        template TEXT NOT NULL,
        loaded_at TEXT NOT NULL
    )""")
    db.execute("""
    CREATE TABLE periods (
        plan_id TEXT NOT NULL REFERENCES plans(id),
        id TEXT NOT NULL,
        label TEXT NOT NULL,
        kind TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        deadline TEXT NOT NULL,
        opened_at TEXT,
        PRIMARY KEY (plan_id, id)
    )""")
    # Units are versioned: a code keeps its history (renames, mergers) as successive rows.
    db.execute("""
    CREATE TABLE units (
        code TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        catalog_id TEXT NOT NULL,
        name TEXT NOT NULL,
        level TEXT NOT NULL,
        parent TEXT,
        valid_from TEXT,
        valid_to TEXT,
        successor TEXT,
        issuer TEXT NOT NULL DEFAULT '',
        parent_body TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        symbol TEXT NOT NULL DEFAULT '',
        expected INTEGER NOT NULL DEFAULT 1,
        editable INTEGER NOT NULL DEFAULT 0,
        custom INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (code, version)
    )""")
    db.execute("""
    CREATE TABLE activities (
        id TEXT PRIMARY KEY,
        area_id TEXT NOT NULL,
        type_id TEXT NOT NULL,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        content TEXT NOT NULL DEFAULT '',
        start_date TEXT NOT NULL,
        end_date TEXT,
        location TEXT NOT NULL DEFAULT '',
        lead_unit TEXT NOT NULL DEFAULT '',
        partners TEXT NOT NULL DEFAULT '',
        participants INTEGER CHECK (participants IS NULL OR participants >= 0),
        groups_count INTEGER CHECK (groups_count IS NULL OR groups_count >= 0),
        result TEXT NOT NULL DEFAULT '',
        doc_number TEXT NOT NULL DEFAULT '',
        doc_date TEXT,
        doc_summary TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'done',
        notable INTEGER NOT NULL DEFAULT 0,
        search_text TEXT NOT NULL DEFAULT '',
        sort_title TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    )""")
    db.execute("CREATE INDEX idx_activities_live_date ON activities(deleted_at, start_date)")
    db.execute("CREATE INDEX idx_activities_area ON activities(area_id, start_date)")
    db.execute("CREATE INDEX idx_activities_sort_title ON activities(sort_title)")
    db.execute("""
    CREATE TABLE attachments (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mime TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""")
    db.execute("""
    CREATE TABLE activity_attachments (
        activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL REFERENCES attachments(sha256),
        name TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (activity_id, sha256)
    )""")
    db.execute("""
    CREATE TABLE indicator_values (
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        indicator_id TEXT NOT NULL,
        value INTEGER CHECK (value IS NULL OR value >= 0),
        comment TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, period_id, indicator_id)
    )""")
    db.execute("""
    CREATE TABLE rule_comments (
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, period_id, rule_id)
    )""")
    db.execute("""
    CREATE TABLE narratives (
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        section_id TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, period_id, section_id)
    )""")
    db.execute("""
    CREATE TABLE documents (
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        meta TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, period_id)
    )""")
    db.execute("""
    CREATE TABLE exports (
        package_id TEXT PRIMARY KEY,
        unit_code TEXT NOT NULL,
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        supersedes TEXT,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (unit_code, plan_id, period_id, revision)
    )""")
    db.execute("""
    CREATE TABLE drafts (
        key TEXT PRIMARY KEY,
        content TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""")
    db.execute("""
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        action TEXT NOT NULL,
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        reason TEXT
    )""")
    # Append-only: the audit trail cannot be edited or trimmed through SQL.
    db.execute("""CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")
    db.execute("""CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")


@migrations()
def m002_aggregator(db: Database) -> None:
    """The receiving office's tables (issue 6): roster, received packages, import log."""
    # The expected units of a period, snapshotted when the period opens: the denominator of the
    # reporting rate never follows later catalogue edits, so the rate cannot exceed 100 %.
    db.execute("""
    CREATE TABLE roster (
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        unit_name TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        included INTEGER NOT NULL DEFAULT 1 CHECK (included IN (0, 1)),
        reason TEXT NOT NULL DEFAULT '',
        fixed_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, period_id, unit_code)
    )""")
    # Every accepted package (every revision of every slot); the file itself is inbox/<sha256>.dvcq.
    db.execute("""
    CREATE TABLE received (
        package_id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        unit_code TEXT NOT NULL,
        plan_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        supersedes TEXT,
        format_version TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finalized_at TEXT,
        received_at TEXT NOT NULL,
        received_at_reason TEXT NOT NULL DEFAULT '',
        is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('new', 'newer', 'older')),
        inbox_path TEXT NOT NULL,
        source_path TEXT NOT NULL DEFAULT '',
        submission TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX idx_received_slot ON received(plan_id, period_id, unit_code, revision)")
    # At most one current revision per slot, enforced by the database itself.
    db.execute(
        "CREATE UNIQUE INDEX idx_received_current ON received(plan_id, period_id, unit_code) "
        "WHERE is_current = 1"
    )
    db.execute("""
    CREATE TABLE received_values (
        package_id TEXT NOT NULL REFERENCES received(package_id),
        indicator_id TEXT NOT NULL,
        value INTEGER,
        comment TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (package_id, indicator_id)
    ) WITHOUT ROWID""")
    # Only the columns consolidation filters on; the full activity stays in `received.submission`.
    db.execute("""
    CREATE TABLE received_activities (
        package_id TEXT NOT NULL REFERENCES received(package_id),
        activity_id TEXT NOT NULL,
        area_id TEXT NOT NULL,
        type_id TEXT NOT NULL,
        title TEXT NOT NULL,
        start_date TEXT NOT NULL,
        participants INTEGER,
        status TEXT NOT NULL,
        notable INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (package_id, activity_id)
    ) WITHOUT ROWID""")
    db.execute("CREATE INDEX idx_received_activities_type ON received_activities(type_id)")
    db.execute("""
    CREATE TABLE import_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        batch_id TEXT NOT NULL,
        file_path TEXT NOT NULL,
        file_sha256 TEXT,
        size INTEGER,
        outcome TEXT NOT NULL CHECK (outcome IN ('new', 'newer-revision', 'duplicate',
                                                 'older-revision', 'conflict', 'rejected')),
        reason TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL DEFAULT '',
        package_id TEXT,
        unit_code TEXT,
        revision INTEGER,
        dry_run INTEGER NOT NULL DEFAULT 0
    )""")


def known_names() -> list[str]:
    """Every migration this release knows, in order (what `pending` lists for an empty database)."""
    return [m.name for m in migrations.pending(Database(memory=True))]


def migrate(db: Database, backup: Callable[[str], Path | None] | None = None) -> list[str]:
    """Apply pending migrations; returns their names. Refuses a database from a newer app."""
    migrations.ensure_migrations_table(db)
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - set(known_names())
    if unknown:
        raise DvcqError(
            "db_too_new", detail=",".join(sorted(unknown)), found=len(applied), known=len(known_names())
        )
    pending = [m.name for m in migrations.pending(db)]
    if not pending:
        return []
    if applied and backup is not None:
        # Only an existing database is worth a copy; a brand-new one has nothing to lose.
        backup(f"truoc-nang-cap-{pending[0]}")
    migrations.apply(db)
    db.execute(f"PRAGMA user_version={len(known_names())}")
    log.info("applied migrations: %s", pending)
    return pending


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
