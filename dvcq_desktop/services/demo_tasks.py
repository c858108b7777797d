"""The demo's own plan for the unit: the suggested tasks from the city's plan plus a few of the
unit's own (resources/demo/<plan id>-tasks.json), about half answered by the demo's activities,
one dropped with a reason, one set in progress by hand — and the rest left as a real plan often
is, some of them past their time. The KẾ HOẠCH gets a number and a date early in the period."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import timedelta
from typing import Any

from dvcq_desktop.domain.plan import Period, Plan
from dvcq_desktop.domain.tasks import Task, UnitPlanMeta, words
from dvcq_desktop.domain.unit_kinds import kind_for
from dvcq_desktop.resources import resource_path
from dvcq_desktop.services.unit_tasks import add_suggested
from dvcq_desktop.storage import audit
from dvcq_desktop.storage import tasks as repo
from dvcq_desktop.storage.workspace import Workspace


def _words(plan: Plan) -> dict[str, Any]:
    path = resource_path("demo", f"{plan.id}-tasks.json")
    if not path.is_file():
        path = resource_path("demo", "tptn-dvcq-2023-tasks.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def fill_demo_tasks(ws: Workspace, period: Period, rng: random.Random) -> int:
    """Returns the number of tasks written; a period that already has tasks is left alone."""
    db, plan = ws.db, ws.plan
    if repo.list_tasks(db, plan.id, period.id):
        return 0
    unit = ws.own_unit
    ubnd = kind_for(unit.level, unit.name, unit.kind).ubnd
    add_suggested(db, plan, period.id, ubnd=ubnd)
    data = _words(plan)
    known = {a.id for a in plan.areas}
    extras = [
        e
        for e in data.get("extra_tasks", [])
        if e.get("area_id") in known and (ubnd or not e.get("ubnd_only"))
    ]
    own = []
    for e in rng.sample(extras, k=min(len(extras), rng.randint(3, 8))):
        start, end = e.get("days", [None, None])
        own.append(
            Task(
                id=repo.new_id(),
                area_id=e["area_id"],
                title=e["title"],
                lead=e.get("lead", ""),
                partners=e.get("partners", ""),
                timeframe=e.get("timeframe", "") if start is None else "",
                date_from=period.start + timedelta(days=start) if start is not None else None,
                date_to=period.start + timedelta(days=end) if end is not None else None,
                output=e.get("output", ""),
                source="mau",
            )
        )
    if own:
        repo.save_many(db, plan.id, period.id, own, "demo")
    tasks = repo.list_tasks(db, plan.id, period.id)
    _link_about_half(ws, period, tasks, rng)
    unlinked = [t for t in repo.list_tasks(db, plan.id, period.id) if not t.linked]
    rng.shuffle(unlinked)
    reasons = data.get("dropped_reasons") or ["Không còn phù hợp"]
    if unlinked:
        repo.save(db, plan.id, period.id, _set(unlinked.pop(), "dropped", rng.choice(reasons)))
    if unlinked:
        repo.save(db, plan.id, period.id, _set(unlinked.pop(), "doing", ""))
    repo.set_plan_meta(
        db,
        plan.id,
        period.id,
        UnitPlanMeta(
            number=f"{rng.randint(3, 40):02d}",
            symbol=repo.plan_meta(db, plan.id, period.id).symbol,
            date=period.start + timedelta(days=rng.randint(35, 60)),
        ),
    )
    return len(tasks)


def _set(t: Task, status: str, reason: str) -> Task:
    return replace(t, status=status, manual=True, reason=reason)


def _link_about_half(ws: Workspace, period: Period, tasks: list[Task], rng: random.Random) -> None:
    """Half the tasks (those of areas with activities) get one to three activities of their area,
    the ones sharing most words first; each activity answers one task at most."""
    db = ws.db
    acts = list(
        db.query(
            "SELECT id, area_id, title FROM activities WHERE deleted_at IS NULL AND task_id IS NULL "
            "AND start_date >= ? AND start_date <= ? AND status != 'cancelled' ORDER BY start_date, rowid",
            [period.start.isoformat(), period.end.isoformat()],
        )
    )
    by_area: dict[str, list[dict[str, Any]]] = {}
    for a in acts:
        by_area.setdefault(a["area_id"], []).append(a)
    chosen = rng.sample(tasks, k=len(tasks) // 2)
    pairs: list[tuple[str, str]] = []
    for t in chosen:
        pool = by_area.get(t.area_id, [])
        if not pool:
            continue
        mine = words(f"{t.title} {t.content}")
        pool.sort(key=lambda a: (-len(mine & words(a["title"])), rng.random()))
        k = rng.randint(1, 3)
        pairs += [(t.id, a["id"]) for a in pool[:k]]
        del pool[:k]
    with db.atomic():
        db.conn.executemany("UPDATE activities SET task_id = ? WHERE id = ?", pairs)
        audit.record(db, "activity", "*", "bulk_link_tasks", new=str(len(pairs)))
