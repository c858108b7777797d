"""The receiving office's copy of each received package's tasks (format 1.1 `tasks`): what the
board counts (`tasks_total`, `tasks_done`), the unit's detail view lists and the consolidated
report sums by area. Only current revisions are counted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.domain.tasks import STATUS_ORDER

_CURRENT = "SELECT package_id FROM received WHERE plan_id = ? AND period_id = ? AND is_current = 1"


def rows(package_id: str, tasks: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """The `received_tasks` rows of one package. `tasks`: its `tasks` array as checked by the
    reader (status as the unit showed it, time in words)."""
    return [
        (
            package_id,
            t["id"],
            i,
            t["area_id"],
            t["title"],
            t.get("lead", ""),
            t.get("timeframe", ""),
            t.get("output", ""),
            t["status"],
            t.get("reason", ""),
        )
        for i, t in enumerate(tasks)
    ]


def insert_rows(db: Database, task_rows: list[tuple[Any, ...]]) -> None:
    """Inside the caller's transaction (the package's own insert); `task_rows` from `rows`."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO received_tasks(package_id, task_id, position, area_id, title, lead, "
        "timeframe, output, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        task_rows,
    )


def counts_by_unit(db: Database, plan_id: str, period_id: str) -> dict[str, dict[str, int]]:
    """unit code → {status: count} (every key of STATUS_ORDER) of its current revision's tasks;
    units whose current revision carries no task are absent."""
    out: dict[str, dict[str, int]] = {}
    for r in db.query(
        "SELECT r.unit_code, t.status, count(*) AS n "
        "FROM received r JOIN received_tasks t ON t.package_id = r.package_id "
        "WHERE r.plan_id = ? AND r.period_id = ? AND r.is_current = 1 GROUP BY r.unit_code, t.status",
        [plan_id, period_id],
    ):
        out.setdefault(r["unit_code"], dict.fromkeys(STATUS_ORDER, 0))[r["status"]] = int(r["n"])
    return out


def of_package(db: Database, package_id: str) -> list[dict[str, Any]]:
    return list(
        db.query("SELECT * FROM received_tasks WHERE package_id = ? ORDER BY area_id, position", [package_id])
    )


def by_area(db: Database, plan_id: str, period_id: str) -> tuple[int, dict[str, dict[str, int]]]:
    """(units that sent tasks, area id → {status: count}) over current revisions."""
    units = db.execute(
        f"SELECT count(DISTINCT package_id) FROM received_tasks WHERE package_id IN ({_CURRENT})",
        [plan_id, period_id],
    ).fetchone()[0]
    out: dict[str, dict[str, int]] = {}
    for r in db.query(
        f"SELECT area_id, status, count(*) AS n FROM received_tasks WHERE package_id IN ({_CURRENT}) "
        "GROUP BY area_id, status",
        [plan_id, period_id],
    ):
        out.setdefault(r["area_id"], dict.fromkeys(STATUS_ORDER, 0))[r["status"]] = int(r["n"])
    return int(units), out
