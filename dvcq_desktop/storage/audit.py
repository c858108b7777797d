"""Append-only audit log: what changed, old → new, when (and why, where a reason is required)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from dvcq_desktop.domain import clock
from dvcq_desktop.storage.db import where_equal


def record(
    db: Database,
    entity: str,
    entity_id: str,
    action: str,
    *,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
) -> None:
    db.execute(
        "INSERT INTO audit_log(at, entity, entity_id, action, field, old_value, new_value, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            clock.iso(clock.now()),
            entity,
            entity_id,
            action,
            field,
            None if old is None else str(old),
            None if new is None else str(new),
            reason,
        ],
    )


def entries(
    db: Database, entity: str | None = None, entity_id: str | None = None, limit: int = 500
) -> list[dict[str, Any]]:
    where, args = where_equal(entity=entity, entity_id=entity_id)
    return list(db.query(f"SELECT * FROM audit_log{where} ORDER BY id DESC LIMIT ?", [*args, limit]))
