"""The office's multi-year view (Tổng hợp): each indicator's total and each unit's on-time record
across every period the office holds. Indicator ids are stable across plan versions, so a row is
one indicator through the years; a ratio is recomputed from its summed parts, never averaged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.rules import compute_ratio
from dvcq_desktop.services import board as board_service
from dvcq_desktop.services.intake import require_aggregator
from dvcq_desktop.storage import periods_repo
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import sort_key


@dataclass(frozen=True)
class TrendRow:
    indicator_id: str
    label: str
    unit: str
    kind: str  # "count" | "ratio"
    values: tuple[float | int | None, ...]  # one per period; None = not collected / no data


@dataclass(frozen=True)
class UnitRecord:
    unit_code: str
    unit_name: str
    statuses: tuple[str | None, ...]  # board status per period; None = not on that period's roster
    days_late: tuple[int, ...]

    @property
    def on_time_count(self) -> int:
        return sum(1 for s in self.statuses if s == board_service.ON_TIME)

    @property
    def expected_count(self) -> int:
        return sum(1 for s in self.statuses if s is not None)


@dataclass(frozen=True)
class MultiYear:
    period_ids: tuple[str, ...]
    period_labels: tuple[str, ...]
    indicators: tuple[TrendRow, ...]
    units: tuple[UnitRecord, ...]
    received_rates: tuple[float | None, ...]
    on_time_rates: tuple[float | None, ...]


def multi_year(ws: Workspace, now: datetime | None = None) -> MultiYear:
    require_aggregator(ws)
    now = now or clock.now()
    items = [p for p in periods_repo.list_periods(ws.db) if not p.provisional]
    chosen = ws.chosen
    try:
        boards = [board_service.board(ws, p.id, now) for p in items]
    finally:
        ws.use_period(chosen[1])
    sums = _sums(ws, [(p.plan_id, p.id) for p in items])
    latest = ws.plan_for(items[-1].id) if items else ws.plan
    plans = [ws.plan_for(p.id) for p in items]
    rows: list[TrendRow] = []
    for ind in latest.indicators:
        values: list[float | int | None] = []
        for i, plan in enumerate(plans):
            ids = {x.id for x in plan.indicators}
            if ind.id not in ids:
                values.append(None)
            elif ind.kind == "ratio":
                values.append(
                    compute_ratio(sums[i].get(ind.numerator or ""), sums[i].get(ind.denominator or ""))
                )
            else:
                values.append(sums[i].get(ind.id))
        rows.append(TrendRow(ind.id, ind.label, ind.unit, ind.kind, tuple(values)))

    names: dict[str, str] = {}
    status: dict[str, list[str | None]] = {}
    late: dict[str, list[int]] = {}
    for i, b in enumerate(boards):
        for r in b.rows:
            names.setdefault(r.unit_code, r.unit_name)
            status.setdefault(r.unit_code, [None] * len(boards))[i] = r.status
            late.setdefault(r.unit_code, [0] * len(boards))[i] = (
                r.days_late if r.status != board_service.MISSING else 0
            )
    units = tuple(
        UnitRecord(code, names[code], tuple(status[code]), tuple(late[code]))
        for code in sorted(names, key=lambda c: sort_key(names[c]))
    )
    return MultiYear(
        period_ids=tuple(p.id for p in items),
        period_labels=tuple(p.label for p in items),
        indicators=tuple(rows),
        units=units,
        received_rates=tuple(b.received_rate for b in boards),
        on_time_rates=tuple(b.on_time_rate for b in boards),
    )


def _sums(ws: Workspace, slots: list[tuple[str, str]]) -> list[dict[str, int | None]]:
    """Per period: indicator → sum over the current revisions of the included roster units (one
    query for all periods)."""
    index = {slot: i for i, slot in enumerate(slots)}
    out: list[dict[str, int | None]] = [{} for _ in slots]
    for plan_id, period_id, ind, total in ws.db.execute(
        "SELECT r.plan_id, r.period_id, v.indicator_id, sum(v.value) FROM received r "
        "JOIN roster o ON o.plan_id = r.plan_id AND o.period_id = r.period_id AND o.unit_code = r.unit_code "
        "AND o.included = 1 JOIN received_values v ON v.package_id = r.package_id "
        "WHERE r.is_current = 1 GROUP BY r.plan_id, r.period_id, v.indicator_id"
    ):
        i = index.get((plan_id, period_id))
        if i is not None:
            out[i][ind] = total
    return out
