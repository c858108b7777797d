"""The workspace's series of periods and the plan versions governing them (tables `plans`,
`periods`, `plan_files`). Everything else in storage is already keyed by (plan_id, period_id)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.periods import PeriodInfo
from dvcq_desktop.domain.plan import Plan

# tables whose rows belong to one (plan, period): moved when an official plan replaces a
# provisional one (indicator values only for the indicators the official plan still has)
_KEYED = ("rule_comments", "narratives", "documents")


def list_periods(db: Database) -> list[PeriodInfo]:
    """Every period, oldest first; `submitted` = the unit exported it at least once."""
    rows = db.query(
        "SELECT p.*, EXISTS (SELECT 1 FROM exports e WHERE e.plan_id = p.plan_id AND e.period_id = p.id) "
        "AS sent FROM periods p ORDER BY p.start, p.plan_id"
    )
    return [
        PeriodInfo(
            id=r["id"],
            label=r["label"],
            kind=r["kind"],
            start=date.fromisoformat(r["start"]),
            end=date.fromisoformat(r["end"]),
            deadline=date.fromisoformat(r["deadline"]),
            plan_id=r["plan_id"],
            provisional=bool(r["provisional"]),
            submitted=bool(r["sent"]),
        )
        for r in rows
    ]


def find(db: Database, period_id: str) -> dict[str, Any] | None:
    """The period row with this id (an official plan's before a provisional one)."""
    rows = list(
        db.query("SELECT * FROM periods WHERE id = ? ORDER BY provisional, plan_id DESC LIMIT 1", [period_id])
    )
    return rows[0] if rows else None


def plan_row(db: Database, plan_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM plans WHERE id = ?", [plan_id]))
    return rows[0] if rows else None


def plan_template(db: Database, plan_id: str) -> dict[str, Any]:
    row = plan_row(db, plan_id)
    if row is None:
        raise KeyError(plan_id)
    return dict(json.loads(row["template"]))


def latest_plan_id(db: Database) -> str:
    """The plan governing the latest period (what a new year is derived from)."""
    row = db.execute("SELECT plan_id FROM periods ORDER BY start DESC, provisional ASC LIMIT 1").fetchone()
    return str(row[0])


def store_plan(
    db: Database,
    plan: Plan,
    template: str,
    *,
    provisional: bool = False,
    unit_code: str | None = None,
) -> None:
    """Add a plan version and its periods, or replace it by a newer revision (same id). Call inside
    a transaction. Period rows keep their own unit code when they already exist."""
    now = clock.iso(clock.now())
    db.execute(
        "INSERT INTO plans(id, version, content_hash, template, loaded_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, "
        "template = excluded.template, loaded_at = excluded.loaded_at",
        [plan.id, plan.version, plan.content_hash, template, now],
    )
    for p in plan.periods:
        db.execute(
            'INSERT INTO periods(plan_id, id, label, kind, start, "end", deadline, opened_at, provisional, '
            "unit_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(plan_id, id) DO UPDATE SET "
            'label = excluded.label, kind = excluded.kind, start = excluded.start, "end" = excluded."end", '
            "deadline = excluded.deadline, provisional = excluded.provisional",
            [
                plan.id,
                p.id,
                p.label,
                p.kind,
                p.start.isoformat(),
                p.end.isoformat(),
                p.deadline.isoformat(),
                now,
                int(provisional),
                unit_code,
            ],
        )


def move_period_data(
    db: Database, old_plan: str, new_plan: str, period_id: str, indicator_ids: set[str]
) -> int:
    """Carry a provisional period's figures onto the official plan by indicator id (inside a
    transaction); returns how many indicator values moved. Values of indicators the official plan
    does not have stay under the provisional plan, nothing is lost."""
    moved = 0
    for row in list(
        db.query(
            "SELECT indicator_id FROM indicator_values WHERE plan_id = ? AND period_id = ?",
            [old_plan, period_id],
        )
    ):
        if row["indicator_id"] in indicator_ids:
            db.execute(
                "INSERT OR REPLACE INTO indicator_values(plan_id, period_id, indicator_id, value, comment, "
                "updated_at) SELECT ?, period_id, indicator_id, value, comment, updated_at FROM "
                "indicator_values WHERE plan_id = ? AND period_id = ? AND indicator_id = ?",
                [new_plan, old_plan, period_id, row["indicator_id"]],
            )
            db.execute(
                "DELETE FROM indicator_values WHERE plan_id = ? AND period_id = ? AND indicator_id = ?",
                [old_plan, period_id, row["indicator_id"]],
            )
            moved += 1
    for table in _KEYED:
        db.execute(
            f"UPDATE OR IGNORE {table} SET plan_id = ? WHERE plan_id = ? AND period_id = ?",
            [new_plan, old_plan, period_id],
        )
    db.execute(
        "UPDATE periods SET unit_code = coalesce((SELECT unit_code FROM periods WHERE plan_id = ? AND id = ?), "
        "unit_code) WHERE plan_id = ? AND id = ?",
        [old_plan, period_id, new_plan, period_id],
    )
    db.execute("DELETE FROM periods WHERE plan_id = ? AND id = ?", [old_plan, period_id])
    return moved


def pin_unit_code(db: Database, unit_code: str) -> None:
    """Every existing period keeps `unit_code` as its reporting unit (before a successor takes over)."""
    db.execute("UPDATE periods SET unit_code = ? WHERE unit_code IS NULL", [unit_code])


def period_unit_code(db: Database, plan_id: str, period_id: str) -> str | None:
    row = db.execute(
        "SELECT unit_code FROM periods WHERE plan_id = ? AND id = ?", [plan_id, period_id]
    ).fetchone()
    return row[0] if row else None


# ---- plan files --------------------------------------------------------------------------------
def plan_file_seen(db: Database, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM plan_files WHERE sha256 = ?", [sha256]).fetchone() is not None


def record_plan_file(
    db: Database,
    *,
    sha256: str,
    direction: str,
    file_id: str,
    plan_id: str,
    plan_version: str,
    period_id: str,
    office_code: str,
    path: str = "",
) -> None:
    db.execute(
        "INSERT OR IGNORE INTO plan_files(sha256, direction, file_id, plan_id, plan_version, period_id, "
        "office_code, path, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            sha256,
            direction,
            file_id,
            plan_id,
            plan_version,
            period_id,
            office_code,
            path,
            clock.iso(clock.now()),
        ],
    )


def published_versions(db: Database, plan_id: str) -> set[str]:
    """Versions of `plan_id` the office has already published as a plan file."""
    rows = db.execute(
        "SELECT plan_version FROM plan_files WHERE direction = 'published' AND plan_id = ?", [plan_id]
    ).fetchall()
    return {str(r[0]) for r in rows}
