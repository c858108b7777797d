"""Receiving-office storage: roster per period, received revisions, the import log.

Plain functions over a `Database`; callers own the transaction (`db.atomic()`) when several
writes must stand or fall together (one package import = one transaction).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.domain import clock
from dvcq_desktop.storage import audit, received_tasks


@dataclass(frozen=True)
class RosterEntry:
    unit_code: str
    unit_name: str
    position: int
    included: bool
    reason: str
    fixed_at: str


# ---- roster ----------------------------------------------------------------------------------
def roster(db: Database, plan_id: str, period_id: str, *, only_included: bool = False) -> list[RosterEntry]:
    sql = "SELECT * FROM roster WHERE plan_id = ? AND period_id = ?"
    if only_included:
        sql += " AND included = 1"
    return [
        RosterEntry(
            r["unit_code"], r["unit_name"], r["position"], bool(r["included"]), r["reason"], r["fixed_at"]
        )
        for r in db.query(sql + " ORDER BY position, unit_code", [plan_id, period_id])
    ]


def roster_fixed(db: Database, plan_id: str, period_id: str) -> bool:
    return bool(
        db.execute(
            "SELECT 1 FROM roster WHERE plan_id = ? AND period_id = ? LIMIT 1", [plan_id, period_id]
        ).fetchone()
    )


def fix_roster(db: Database, plan_id: str, period_id: str, units: Iterable[tuple[str, str]]) -> int:
    """Snapshot (code, name) pairs as the expected units; a second call changes nothing."""
    with db.atomic():
        if roster_fixed(db, plan_id, period_id):
            return 0
        now = clock.iso(clock.now())
        rows = [(plan_id, period_id, code, name, i, now) for i, (code, name) in enumerate(units)]
        db.conn.executemany(
            "INSERT INTO roster(plan_id, period_id, unit_code, unit_name, position, included, fixed_at) "
            "VALUES (?, ?, ?, ?, ?, 1, ?)",
            rows,
        )
        db.execute(
            "UPDATE periods SET opened_at = ? WHERE plan_id = ? AND id = ? AND opened_at IS NULL",
            [now, plan_id, period_id],
        )
        audit.record(db, "roster", f"{plan_id}/{period_id}", "fix", new=",".join(r[2] for r in rows))
        return len(rows)


def set_included(
    db: Database, plan_id: str, period_id: str, unit_code: str, unit_name: str, included: bool, reason: str
) -> None:
    """Include or exclude one unit (adds it when the snapshot lacked it); audited with the reason."""
    with db.atomic():
        row = db.execute(
            "SELECT included FROM roster WHERE plan_id = ? AND period_id = ? AND unit_code = ?",
            [plan_id, period_id, unit_code],
        ).fetchone()
        if row is None:
            pos = db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM roster WHERE plan_id = ? AND period_id = ?",
                [plan_id, period_id],
            ).fetchone()[0]
            db.execute(
                "INSERT INTO roster(plan_id, period_id, unit_code, unit_name, position, included, "
                "reason, fixed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    plan_id,
                    period_id,
                    unit_code,
                    unit_name,
                    pos,
                    int(included),
                    reason,
                    clock.iso(clock.now()),
                ],
            )
            old = None
        else:
            old = bool(row[0])
            db.execute(
                "UPDATE roster SET included = ?, reason = ? WHERE plan_id = ? AND period_id = ? "
                "AND unit_code = ?",
                [int(included), reason, plan_id, period_id, unit_code],
            )
        audit.record(
            db,
            "roster",
            f"{plan_id}/{period_id}/{unit_code}",
            "include" if included else "exclude",
            field="included",
            old=old,
            new=included,
            reason=reason,
        )


def plan_templates(db: Database) -> dict[tuple[str, str], str]:
    """(plan id, content hash) → the stored plan template (JSON text), for judging packages."""
    return {
        (str(r[0]), str(r[1])): str(r[2]) for r in db.execute("SELECT id, content_hash, template FROM plans")
    }


# ---- received packages -----------------------------------------------------------------------
def by_package_id(db: Database, package_id: str) -> dict[str, Any] | None:
    rows = list(
        db.query(
            "SELECT package_id, sha256, unit_code, plan_id, period_id, revision, is_current, "
            "status, received_at FROM received WHERE package_id = ?",
            [package_id],
        )
    )
    return rows[0] if rows else None


def current_of_slot(db: Database, unit_code: str, plan_id: str, period_id: str) -> dict[str, Any] | None:
    rows = list(
        db.query(
            "SELECT package_id, revision, sha256, received_at FROM received WHERE plan_id = ? "
            "AND period_id = ? AND unit_code = ? AND is_current = 1",
            [plan_id, period_id, unit_code],
        )
    )
    return rows[0] if rows else None


def slot_revisions(db: Database, unit_code: str, plan_id: str, period_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT package_id, sha256, size, unit_code, plan_id, period_id, revision, supersedes, created_at, "
            "finalized_at, received_at, received_at_reason, is_current, status, inbox_path, source_path "
            "FROM received WHERE plan_id = ? AND period_id = ? AND unit_code = ? "
            "ORDER BY revision, received_at, package_id",
            [plan_id, period_id, unit_code],
        )
    )


def submission_json(db: Database, package_id: str) -> str | None:
    row = db.execute("SELECT submission FROM received WHERE package_id = ?", [package_id]).fetchone()
    return None if row is None else str(row[0])


@dataclass(frozen=True)
class ReceivedRows:
    """The rows one received revision adds besides its `received` row, ready for executemany.

    Built once from the checked submission (`received_rows`), wherever the package was read: the
    import's reader process sends these tuples (cheap to unpickle) instead of the whole submission
    dict (a 2,000-activity dict cost ~20 ms to unpickle, more than parsing its JSON)."""

    values: list[tuple[Any, ...]]
    activities: list[tuple[Any, ...]]  # in activity-id order (see received_rows)
    tasks: list[tuple[Any, ...]]


def received_rows(package_id: str, sub: Mapping[str, Any]) -> ReceivedRows:
    """The rows of `sub`, the package's checked `data/submission.json` (format 1, NFC), taken
    straight from it: building 2,000 typed activities first cost more than inserting them."""
    values = [(package_id, v["indicator_id"], v["value"], v["comment"]) for v in sub["indicators"]]
    # In primary-key order: the WITHOUT ROWID b-tree then only appends instead of splitting pages
    # at random UUID positions.
    activities = sorted(
        (
            (
                package_id,
                a["id"],
                a["area_id"],
                a["type_id"],
                a["title"],
                a["start_date"],  # ISO YYYY-MM-DD, as the schema requires
                a["participants"],
                a["status"],
                int(a["notable"]),
            )
            for a in sub["activities"]
        ),
        key=lambda r: r[1],
    )
    return ReceivedRows(values, activities, received_tasks.rows(package_id, sub.get("tasks", ())))


def insert_received(db: Database, row: dict[str, Any], rows: ReceivedRows, *, make_current: bool) -> None:
    """Store one revision (`row`, its `received` row) with its values, activity index and tasks
    (`rows`, from `received_rows` of the same package); moves the slot's current flag.

    The caller wraps this in `db.atomic()`: clearing the old flag and setting the new one must be
    seen together, which the partial unique index on `is_current` also enforces.
    """
    if make_current:
        db.execute(
            "UPDATE received SET is_current = 0 WHERE plan_id = ? AND period_id = ? AND unit_code = ? "
            "AND is_current = 1",
            [row["plan_id"], row["period_id"], row["unit_code"]],
        )
    cols = list(row)
    db.execute(
        f"INSERT INTO received({', '.join(cols)}, is_current) VALUES ({', '.join('?' for _ in cols)}, ?)",
        [*row.values(), int(make_current)],
    )
    # executemany on the raw connection: sqlite-utils' insert_all would commit per batch and
    # costs ~3x more per row; we are inside the caller's transaction either way.
    db.conn.executemany(
        "INSERT INTO received_values(package_id, indicator_id, value, comment) VALUES (?, ?, ?, ?)",
        rows.values,
    )
    db.conn.executemany(
        "INSERT INTO received_activities(package_id, activity_id, area_id, type_id, title, start_date, "
        "participants, status, notable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows.activities,
    )
    received_tasks.insert_rows(db, rows.tasks)


def correct_received_at(db: Database, package_id: str, new_value: str, reason: str) -> str:
    """Set the office's received time; returns the old value. Audited with the reason."""
    with db.atomic():
        row = db.execute("SELECT received_at FROM received WHERE package_id = ?", [package_id]).fetchone()
        if row is None:
            raise KeyError(package_id)
        old = str(row[0])
        db.execute(
            "UPDATE received SET received_at = ?, received_at_reason = ? WHERE package_id = ?",
            [new_value, reason, package_id],
        )
        audit.record(
            db,
            "received",
            package_id,
            "correct_received_at",
            field="received_at",
            old=old,
            new=new_value,
            reason=reason,
        )
        return old


def current_rows(db: Database, plan_id: str, period_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT package_id, unit_code, revision, finalized_at, received_at, status FROM received "
            "WHERE plan_id = ? AND period_id = ? AND is_current = 1",
            [plan_id, period_id],
        )
    )


def current_values(db: Database, plan_id: str, period_id: str) -> dict[str, dict[str, int | None]]:
    """unit code → indicator id → value, over the current revision of each slot."""
    out: dict[str, dict[str, int | None]] = {}
    for unit, ind, value in db.execute(
        "SELECT r.unit_code, v.indicator_id, v.value FROM received r JOIN received_values v "
        "ON v.package_id = r.package_id WHERE r.plan_id = ? AND r.period_id = ? AND r.is_current = 1",
        [plan_id, period_id],
    ):
        out.setdefault(unit, {})[ind] = value
    return out


def current_activities(
    db: Database, plan_id: str, period_id: str, *, type_ids: tuple[str, ...] = (), notable_only: bool = False
) -> list[dict[str, Any]]:
    where = ["r.plan_id = ?", "r.period_id = ?", "r.is_current = 1", "a.status != 'cancelled'"]
    args: list[Any] = [plan_id, period_id]
    if type_ids:
        where.append(f"a.type_id IN ({', '.join('?' for _ in type_ids)})")
        args += list(type_ids)
    if notable_only:
        where.append("a.notable = 1")
    return list(
        db.query(
            "SELECT r.unit_code, a.activity_id, a.area_id, a.type_id, a.title, a.start_date, a.participants, "
            "a.notable FROM received r JOIN received_activities a ON a.package_id = r.package_id WHERE "
            + " AND ".join(where)
            + " ORDER BY r.unit_code, a.start_date, a.title",
            args,
        )
    )


def unit_names(db: Database, codes: list[str]) -> dict[str, str]:
    """Latest name of each unit code (units are versioned rows)."""
    marks = ", ".join("?" for _ in codes)
    return {
        r["code"]: r["name"]
        for r in db.query(
            f"SELECT code, name FROM units u WHERE code IN ({marks}) AND version = "
            "(SELECT max(version) FROM units v WHERE v.code = u.code)",
            codes,
        )
    }


def receiving_office(db: Database) -> str:
    """The catalogue's receiving office name without parsing/validating the whole catalogue."""
    import json

    from dvcq_desktop.storage import settings

    text = settings.get(db, "catalog_template")
    return str(json.loads(text).get("receiving_office", "")) if text else ""


# ---- import log ------------------------------------------------------------------------------
def log_import(db: Database, entry: dict[str, Any]) -> None:
    db.table("import_log").insert(entry)


def import_log(db: Database, limit: int = 1000) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM import_log ORDER BY id DESC LIMIT ?", [limit]))
