"""The first two schema migrations as released (unit and office tables), and the one registry
every migration is recorded in. Never edited: a change to the schema is a new migration."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

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
