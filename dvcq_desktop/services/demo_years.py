"""The sample workspace a newcomer opens: more than one year, as a ward that has used the app
would have it today.

The 2023 year of the shipped plan and the year that ended last (opened from that plan, as a unit
does while the office's plan file has not come) are full, each exported a few days before its
deadline; the year running today holds last year's plan of tasks, copied, and the first weeks
of work (nothing dated after today), and is the one the workspace works on. Each year has its own activities: the seed mixes in the year.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from datetime import date, timedelta

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.periods import year_of
from dvcq_desktop.progress import Progress, silent
from dvcq_desktop.services import periods, unit_tasks
from dvcq_desktop.services.demo import fill_demo, iter_activities
from dvcq_desktop.services.export import export_package
from dvcq_desktop.storage import activities as activity_repo
from dvcq_desktop.storage.workspace import Workspace

EXPORTED_DAYS_BEFORE = 4  # a careful ward sends its report a few days ahead of the deadline


def _seed(seed: int, period_id: str) -> int:
    return int(hashlib.sha256(f"{seed}/{period_id}".encode()).hexdigest()[:8], 16)


def _full_year_exported(ws: Workspace, activities: int | None, seed: int) -> None:
    fill_demo(ws, activities=activities, seed=seed)
    with clock.pretend(ws.period.deadline - timedelta(days=EXPORTED_DAYS_BEFORE), 15):
        export_package(ws, ws.exports_dir)


def fill_demo_years(
    ws: Workspace, activities: int | None = None, today: date | None = None, progress: Progress = silent
) -> list[str]:
    """Fill a new unit workspace (on its plan's first period) as described above; returns the
    period ids, oldest first. The workspace ends up working on today's year."""
    today = today or clock.today()
    first = ws.period.id
    progress(0, 3, "Đang tạo dữ liệu mẫu năm " + first)
    _full_year_exported(ws, activities, seed=1)
    periods.offer_today(ws, today)  # opens the year just ended and today's, chooses today's
    current = str(year_of(today))
    ended = str(year_of(today) - 1)
    if ended != first and ended in {p.id for p in periods.list_periods(ws)}:
        progress(1, 3, "Đang tạo dữ liệu mẫu năm " + ended)
        ws.use_period(ended)
        _full_year_exported(ws, activities, seed=_seed(1, ended))
    if current != first:
        progress(2, 3, "Đang tạo dữ liệu mẫu năm " + current)
        source = ws.plan.id, ws.period.id  # the year before: its plan of tasks is copied, as wards do
        ws.use_period(current)
        unit_tasks.copy_period(ws.db, ws.plan.id, source[1], current, source_plan=source[0])
        _first_weeks(ws, today, seed=_seed(1, current))
    ws.use_period(current if current != first else first, remember=True)
    progress(3, 3, "Đã tạo dữ liệu mẫu")
    return [p.id for p in sorted(periods.list_periods(ws), key=lambda p: p.start)]


def _first_weeks(ws: Workspace, today: date, seed: int) -> int:
    """The year running today: a few activities a week from its start, none after today."""
    period = ws.period
    if today < period.start:
        return 0
    so_far = replace(period, end=min(period.end, today))
    weeks = max(1, (so_far.end - so_far.start).days // 7)
    n = random.Random(seed).randint(2 * weeks, 3 * weeks)
    unit = ws.own_unit
    rows = list(iter_activities(ws.plan, so_far, unit.name, n, seed, unit.level, unit.symbol))
    return activity_repo.save_many(ws.db, rows)
