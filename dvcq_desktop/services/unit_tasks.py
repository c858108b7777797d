"""Use cases of the unit's own plan: the suggested starting set, copying a period's tasks into
another, the task an activity most likely answers, progress per area and what is overdue."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlite_utils import Database

from dvcq_desktop.domain.periods import PeriodInfo
from dvcq_desktop.domain.plan import Period, Plan
from dvcq_desktop.domain.tasks import Task, TaskSuggestion, words
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.resources import resource_path
from dvcq_desktop.storage import tasks as repo


def suggestions(plan: Plan, *, ubnd: bool = True) -> list[TaskSuggestion]:
    """The starting set drawn from the city's plan text: one task per content point of each area
    (resources/tasks/<plan id>.json); areas the file does not cover get one task from the area's
    own title, so every area starts with something to edit. An agency (`ubnd` False) gets neither
    a ward's own tasks nor a ward's lead."""
    path = resource_path("tasks", f"{plan.id}.json")
    items: list[TaskSuggestion] = []
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {a.id for a in plan.areas}
        items = [
            TaskSuggestion(
                key=str(t["key"]),
                area_id=str(t["area_id"]),
                title=str(t["title"]),
                content=str(t.get("content", "")),
                lead=str(t.get("lead", "")),
                partners=str(t.get("partners", "")),
                timeframe=str(t.get("timeframe", "")),
                output=str(t.get("output", "")),
                ubnd_only=bool(t.get("ubnd_only", False)),
                lead_agency=str(t.get("lead_agency", "")),
            )
            for t in data.get("tasks", [])
            if t.get("area_id") in known and (ubnd or not t.get("ubnd_only"))
        ]
    covered = {s.area_id for s in items}
    for a in plan.areas:
        if a.id not in covered:
            items.append(
                TaskSuggestion(key=f"area_{a.id}", area_id=a.id, title=a.title, timeframe="Thường xuyên")
            )
    order = {a.id: a.number for a in plan.areas}
    return sorted(items, key=lambda s: order.get(s.area_id, 99))


def add_suggested(
    db: Database, plan: Plan, period_id: str, keys: set[str] | None = None, *, ubnd: bool = True
) -> int:
    """Create the suggested tasks (all, or those in `keys`) not already created in the period;
    `ubnd` False for an agency (see `suggestions`)."""
    have = {t.source for t in repo.list_tasks(db, plan.id, period_id)}
    new = [
        Task(
            id=repo.new_id(),
            area_id=s.area_id,
            title=s.title,
            content=s.content,
            lead=(s.lead_agency or s.lead) if not ubnd else s.lead,
            partners=s.partners,
            timeframe=s.timeframe,
            output=s.output,
            source=f"goi-y:{s.key}",
        )
        for s in suggestions(plan, ubnd=ubnd)
        if (keys is None or s.key in keys) and f"goi-y:{s.key}" not in have
    ]
    return repo.save_many(db, plan.id, period_id, new, "suggested") if new else 0


def previous_period(periods: Sequence[PeriodInfo], current: Period) -> PeriodInfo | None:
    """The latest period that ended before `current` started (last year, for yearly periods),
    whichever plan version governs it."""
    earlier = [p for p in periods if p.end < current.start]
    return max(earlier, key=lambda p: p.end) if earlier else None


def _shift_year(d: date | None, years: int) -> date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29/02 into a common year
        return d.replace(year=d.year + years, day=28)


def copy_period(
    db: Database,
    plan_id: str,
    source_period: str,
    target_period: str,
    *,
    years: int = 1,
    source_plan: str | None = None,
) -> int:
    """Last year's tasks into a new period: same areas, texts, lead and timeframe (dates moved by
    `years`), status back to "chưa thực hiện". Refused if the target already has tasks.
    `source_plan`: the plan version governing the source period when it is not `plan_id`'s (each
    year has its own version, with the same area ids)."""
    present = repo.list_tasks(db, plan_id, target_period)
    if present:
        raise DvcqError("tasks_exist", period=target_period, count=len(present))
    src = repo.list_tasks(db, source_plan or plan_id, source_period)
    if not src:
        raise DvcqError("tasks_source_empty", period=source_period)
    copies = [
        replace(
            t,
            id=repo.new_id(),
            status="todo",
            manual=False,
            reason="",
            date_from=_shift_year(t.date_from, years),
            date_to=_shift_year(t.date_to, years),
            source=f"chep:{t.id}",
            linked=0,
            linked_done=0,
            linked_open=0,
        )
        for t in src
    ]
    return repo.save_many(db, plan_id, target_period, copies, "copied")


def suggest_task(tasks: list[Task], area_id: str, text: str) -> Task | None:
    """The task an activity most likely answers: same area first, then the most shared words
    (accent-insensitive); None when no task of the area shares a word."""
    mine = words(text)
    best: tuple[int, int, Task] | None = None
    for t in tasks:
        if t.effective == "dropped":
            continue
        shared = len(mine & words(f"{t.title} {t.content} {t.output}"))
        same_area = int(t.area_id == area_id)
        if not same_area or not shared:
            continue
        key = (shared, -t.position, t)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def ranked(tasks: list[Task], area_id: str, text: str) -> list[Task]:
    """Tasks for the editor's list: the area's tasks first (most shared words first), then the rest."""
    mine = words(text)

    def key(t: Task) -> tuple[int, int, str, int]:
        shared = len(mine & words(f"{t.title} {t.content} {t.output}"))
        return (int(t.area_id != area_id), -shared, t.area_id, t.position)

    return sorted((t for t in tasks if t.effective != "dropped"), key=key)


@dataclass(frozen=True)
class AreaProgress:
    area_id: str
    number: int
    title: str
    total: int
    done: int
    doing: int
    dropped: int
    overdue: int

    @property
    def percent(self) -> float:
        counted = self.total - self.dropped
        return 100.0 * self.done / counted if counted else 0.0


def progress(plan: Plan, period: Period, tasks: list[Task], today: date) -> list[AreaProgress]:
    out = []
    for a in sorted(plan.areas, key=lambda a: a.number):
        mine = [t for t in tasks if t.area_id == a.id]
        out.append(
            AreaProgress(
                a.id,
                a.number,
                a.short_title,
                len(mine),
                sum(t.effective == "done" for t in mine),
                sum(t.effective == "doing" for t in mine),
                sum(t.effective == "dropped" for t in mine),
                sum(t.overdue(today, period.end.year) for t in mine),
            )
        )
    return out


def counts(tasks: list[Task]) -> dict[str, int]:
    """{"todo": n, "doing": n, "done": n, "dropped": n} by effective status."""
    out = {"todo": 0, "doing": 0, "done": 0, "dropped": 0}
    for t in tasks:
        out[t.effective] += 1
    return out


def overdue(tasks: list[Task], today: date, year: int) -> list[Task]:
    return [t for t in tasks if t.overdue(today, year)]


def untouched(tasks: list[Task], today: date, period: Period) -> list[Task]:
    """Tasks with no linked activity and no status set by hand once half the period has passed
    (before that an untouched task is normal)."""
    half = period.start + (period.end - period.start) / 2
    if today < half:
        return []
    return [t for t in tasks if not t.manual and t.linked == 0 and not t.overdue(today, period.end.year)]
