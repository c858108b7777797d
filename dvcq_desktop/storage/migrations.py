"""Numbered schema migrations. Each runs in one transaction with its bookkeeping row
(sqlite-utils `Migrations`); a backup copy is taken before any pending migration runs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage import steps_later  # noqa: F401 - registers m003 onwards, after m001-m002
from dvcq_desktop.storage.steps_initial import migrations

log = logging.getLogger(__name__)


def known_names() -> list[str]:
    """Every migration this release knows, in order (what `pending` lists for an empty database)."""
    return [m.name for m in migrations.pending(Database(memory=True))]


def pending_migrations(db: Database) -> list[str]:
    """Names still to apply (read-only: writes nothing, not even the bookkeeping table)."""
    return [m.name for m in migrations.pending(db)]


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
