"""The unit's tasks (nhiệm vụ) per (plan, period), their links from activities, and the KẾ HOẠCH's
number and date. Every change is audited like activities; writes are one transaction each."""

from __future__ import annotations

import uuid
from dataclasses import fields, replace
from datetime import date
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.tasks import TASK_STATUSES, Task, UnitPlanMeta
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage import audit
from dvcq_desktop.text import clean

TEXT_FIELDS = ("title", "content", "lead", "partners", "timeframe", "output", "reason")
_AUDITED = [
    f.name for f in fields(Task) if f.name not in ("id", "linked", "linked_done", "linked_open", "position")
]
# One grouped pass over the links of a period's tasks (index idx_activities_task).
_LINKS = (
    "SELECT task_id, count(*) AS n, sum(status = 'done') AS done, "
    "sum(status IN ('planned', 'in_progress')) AS open FROM activities "
    "WHERE deleted_at IS NULL AND task_id IS NOT NULL GROUP BY task_id"
)


def new_id() -> str:
    return str(uuid.uuid4())


def _d(x: str | None) -> date | None:
    return date.fromisoformat(x) if x else None


def from_row(r: dict[str, Any], links: dict[str, tuple[int, int, int]] | None = None) -> Task:
    n, done, open_ = (links or {}).get(r["id"], (0, 0, 0))
    return Task(
        id=r["id"],
        area_id=r["area_id"],
        title=r["title"],
        content=r["content"],
        lead=r["lead"],
        partners=r["partners"],
        timeframe=r["timeframe"],
        date_from=_d(r["date_from"]),
        date_to=_d(r["date_to"]),
        output=r["output"],
        status=r["status"],
        manual=bool(r["manual"]),
        reason=r["reason"],
        position=r["position"],
        source=r["source"],
        linked=n,
        linked_done=done,
        linked_open=open_,
    )


def _row(t: Task, plan_id: str, period_id: str) -> dict[str, Any]:
    return {
        "id": t.id,
        "plan_id": plan_id,
        "period_id": period_id,
        "area_id": t.area_id,
        "position": t.position,
        "title": t.title,
        "content": t.content,
        "lead": t.lead,
        "partners": t.partners,
        "timeframe": t.timeframe,
        "date_from": t.date_from.isoformat() if t.date_from else None,
        "date_to": t.date_to.isoformat() if t.date_to else None,
        "output": t.output,
        "status": t.status,
        "manual": int(t.manual),
        "reason": t.reason,
        "source": t.source,
    }


def normalize(t: Task) -> Task:
    cleaned: dict[str, Any] = {f: clean(getattr(t, f)) for f in TEXT_FIELDS}
    t = replace(t, **cleaned)
    if t.status == "dropped":
        t = replace(t, manual=True)
    return t


def validate(t: Task) -> None:
    if not t.title:
        raise DvcqError("task_invalid", detail="chưa nhập tên nhiệm vụ", problem="chưa nhập tên nhiệm vụ")
    if t.status not in TASK_STATUSES:
        raise DvcqError(
            "task_invalid",
            detail=f"trạng thái không hợp lệ ({t.status})",
            problem=f"trạng thái không hợp lệ ({t.status})",
        )
    if t.date_from and t.date_to and t.date_to < t.date_from:
        raise DvcqError(
            "task_invalid",
            detail="ngày kết thúc trước ngày bắt đầu",
            problem="ngày kết thúc trước ngày bắt đầu",
        )
    if t.status == "dropped" and not t.reason:
        raise DvcqError(
            "task_invalid",
            detail="nhiệm vụ không thực hiện cần ghi lý do",
            problem="nhiệm vụ không thực hiện cần ghi lý do",
        )


def links(db: Database) -> dict[str, tuple[int, int, int]]:
    return {r["task_id"]: (r["n"], r["done"] or 0, r["open"] or 0) for r in db.query(_LINKS)}


def list_tasks(db: Database, plan_id: str, period_id: str) -> list[Task]:
    """A period's tasks in plan order (area, then position), with their link counts."""
    counts = links(db)
    return [
        from_row(r, counts)
        for r in db.query(
            "SELECT * FROM tasks WHERE plan_id = ? AND period_id = ? ORDER BY area_id, position, rowid",
            [plan_id, period_id],
        )
    ]


def get_or_none(db: Database, task_id: str) -> Task | None:
    rows = list(db.query("SELECT * FROM tasks WHERE id = ?", [task_id]))
    if not rows:
        return None
    return from_row(rows[0], {k: v for k, v in links(db).items() if k == task_id})


def get(db: Database, task_id: str) -> Task:
    t = get_or_none(db, task_id)
    if t is None:
        raise DvcqError("task_missing", detail=task_id)
    return t


def _next_position(db: Database, plan_id: str, period_id: str, area_id: str) -> int:
    row = db.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM tasks WHERE plan_id = ? AND period_id = ? AND area_id = ?",
        [plan_id, period_id, area_id],
    ).fetchone()
    return int(row[0])


def save(db: Database, plan_id: str, period_id: str, t: Task) -> Task:
    """Insert or update one task; each changed field goes to the audit log."""
    t = normalize(t)
    validate(t)
    now = clock.iso(clock.now())
    with db.atomic():
        existing = get_or_none(db, t.id)
        if existing is None:
            if t.position <= 0:
                t = replace(t, position=_next_position(db, plan_id, period_id, t.area_id))
            db.table("tasks").insert({**_row(t, plan_id, period_id), "created_at": now, "updated_at": now})
            audit.record(db, "task", t.id, "create", new=t.title)
        else:
            row = {k: v for k, v in _row(t, plan_id, period_id).items() if k != "id"}
            db.table("tasks").update(t.id, {**row, "updated_at": now})
            for name in _AUDITED:
                old, new = getattr(existing, name), getattr(t, name)
                if old != new:
                    audit.record(db, "task", t.id, "update", field=name, old=old, new=new)
    return get(db, t.id)


def save_many(db: Database, plan_id: str, period_id: str, items: list[Task], action: str) -> int:
    """Several new tasks at once (suggested set, copy, demo): all or none."""
    now = clock.iso(clock.now())
    rows = []
    positions: dict[str, int] = {}
    for t in items:
        t = normalize(t)
        validate(t)
        if t.area_id not in positions:
            positions[t.area_id] = _next_position(db, plan_id, period_id, t.area_id)
        t = replace(t, position=positions[t.area_id])
        positions[t.area_id] += 1
        rows.append({**_row(t, plan_id, period_id), "created_at": now, "updated_at": now})
    with db.atomic():
        db.table("tasks").insert_all(rows)
        audit.record(db, "task", "*", action, new=str(len(rows)))
    return len(rows)


def delete(db: Database, task_id: str) -> None:
    """Remove a task; activities that answered it keep their data and lose only the link."""
    with db.atomic():
        t = get(db, task_id)
        db.execute("UPDATE activities SET task_id = NULL WHERE task_id = ?", [task_id])
        db.execute("DELETE FROM tasks WHERE id = ?", [task_id])
        audit.record(db, "task", task_id, "delete", old=t.title)


def link(db: Database, activity_id: str, task_id: str | None) -> None:
    """Point one activity at a task (None: unlink)."""
    with db.atomic():
        row = db.execute("SELECT task_id FROM activities WHERE id = ?", [activity_id]).fetchone()
        if row is None:
            raise DvcqError("activity_missing", detail=activity_id)
        if task_id is not None and get_or_none(db, task_id) is None:
            raise DvcqError("task_missing", detail=task_id)
        if row[0] != task_id:
            db.execute("UPDATE activities SET task_id = ? WHERE id = ?", [task_id, activity_id])
            audit.record(db, "activity", activity_id, "update", field="task_id", old=row[0], new=task_id)


def linked_activities(db: Database, task_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT id, title, start_date, status FROM activities "
            "WHERE task_id = ? AND deleted_at IS NULL ORDER BY start_date, rowid",
            [task_id],
        )
    )


# ---- the KẾ HOẠCH's number and date ---------------------------------------------------------------
def plan_meta(db: Database, plan_id: str, period_id: str, symbol: str = "KH-UBND") -> UnitPlanMeta:
    rows = list(
        db.query("SELECT * FROM unit_plans WHERE plan_id = ? AND period_id = ?", [plan_id, period_id])
    )
    if not rows:
        return UnitPlanMeta(symbol=symbol)
    r = rows[0]
    return UnitPlanMeta(r["number"], r["symbol"] or symbol, _d(r["date"]), r["report_by"])


def set_plan_meta(db: Database, plan_id: str, period_id: str, meta: UnitPlanMeta) -> None:
    with db.atomic():
        old = plan_meta(db, plan_id, period_id)
        db.execute(
            "INSERT INTO unit_plans(plan_id, period_id, number, symbol, date, report_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(plan_id, period_id) DO UPDATE SET "
            "number = excluded.number, symbol = excluded.symbol, date = excluded.date, "
            "report_by = excluded.report_by, updated_at = excluded.updated_at",
            [
                plan_id,
                period_id,
                clean(meta.number),
                clean(meta.symbol) or "KH-UBND",
                meta.date.isoformat() if meta.date else None,
                clean(meta.report_by),
                clock.iso(clock.now()),
            ],
        )
        if old != meta:
            audit.record(db, "unit_plan", f"{plan_id}/{period_id}", "update", old=old, new=meta)
