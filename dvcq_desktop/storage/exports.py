"""Export history: every package written, by report slot and revision."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from dvcq_desktop.storage import audit
from dvcq_desktop.storage.db import where_equal


def history(db: Database, plan_id: str | None = None, period_id: str | None = None) -> list[dict[str, Any]]:
    where, args = where_equal(plan_id=plan_id, period_id=period_id)
    return list(db.query(f"SELECT * FROM exports{where} ORDER BY revision DESC", args))


def last(db: Database, unit_code: str, plan_id: str, period_id: str) -> dict[str, Any] | None:
    rows = list(
        db.query(
            "SELECT * FROM exports WHERE unit_code = ? AND plan_id = ? AND period_id = ? "
            "ORDER BY revision DESC LIMIT 1",
            [unit_code, plan_id, period_id],
        )
    )
    return rows[0] if rows else None


def record(db: Database, row: dict[str, Any]) -> None:
    with db.atomic():
        db.table("exports").insert(row)
        audit.record(db, "export", row["package_id"], "create", new=f"lần {row['revision']}: {row['path']}")
