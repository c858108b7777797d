"""Values the activity log suggests for count indicators ("Theo nhật ký hoạt động: 14 buổi, …").

The plan says which indicators the log can support (`Indicator.suggest`: activity types and a
measure). One grouped SQL query over the period's data window gives count, participants and
groups per activity type; every suggestion is then a sum over its types, so the cost does not
grow with the number of indicators and stays small on 100,000 activities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from dvcq_desktop.domain.plan import Indicator, Period, Plan
from dvcq_desktop.text import format_int

# Planned or cancelled activities did not happen (yet): they must not inflate a reported figure.
COUNTED_STATUSES = ("done", "in_progress")


@dataclass(frozen=True)
class Suggestion:
    value: int
    text: str  # "Theo nhật ký hoạt động: 14 buổi, 1.230 lượt người"


@dataclass(frozen=True)
class TypeTotals:
    count: int = 0
    participants: int = 0
    groups: int = 0

    def measure(self, name: str) -> int:
        return {"count": self.count, "participants": self.participants, "groups": self.groups}[name]


def totals_by_type(db: Database, period: Period) -> dict[str, TypeTotals]:
    """count / sum(participants) / sum(groups) of live, counted activities per type in the window."""
    marks = ",".join("?" for _ in COUNTED_STATUSES)
    # Same window rule as storage.activities.live_in_window: the start date decides the period.
    sql = (
        "SELECT type_id, count(*) AS n, coalesce(sum(participants), 0) AS p, "
        "coalesce(sum(groups_count), 0) AS g FROM activities "
        "WHERE deleted_at IS NULL AND start_date >= ? AND start_date <= ? "
        f"AND status IN ({marks}) GROUP BY type_id"
    )
    args = [period.start.isoformat(), period.end.isoformat(), *COUNTED_STATUSES]
    return {r[0]: TypeTotals(int(r[1]), int(r[2]), int(r[3])) for r in db.execute(sql, args).fetchall()}


def _sum(totals: dict[str, TypeTotals], types: Iterable[str], measure: str) -> int:
    return sum(totals[t].measure(measure) for t in types if t in totals)


def suggest_from_totals(plan: Plan, totals: dict[str, TypeTotals]) -> dict[str, Suggestion]:
    """Pure part, testable without a database."""
    suggestable = [i for i in plan.indicators if i.kind == "count" and i.suggest is not None]
    # Indicators drawn from the same activity types are described together, so the officer sees
    # "14 buổi, 1.230 lượt người" next to each of them and can judge the pair at a glance.
    siblings: dict[tuple[str, ...], list[Indicator]] = {}
    for ind in suggestable:
        assert ind.suggest is not None
        siblings.setdefault(tuple(sorted(ind.suggest.activity_types)), []).append(ind)
    out: dict[str, Suggestion] = {}
    for group in siblings.values():
        parts: list[str] = []
        seen: set[str] = set()
        for ind in group:
            assert ind.suggest is not None
            if ind.suggest.measure in seen:
                continue
            seen.add(ind.suggest.measure)
            parts.append(
                f"{format_int(_sum(totals, ind.suggest.activity_types, ind.suggest.measure))} {ind.unit}"
            )
        text = "Theo nhật ký hoạt động: " + ", ".join(parts)
        for ind in group:
            assert ind.suggest is not None
            out[ind.id] = Suggestion(_sum(totals, ind.suggest.activity_types, ind.suggest.measure), text)
    return out


def suggest_values(db: Database, plan: Plan, period: Period) -> dict[str, Suggestion]:
    """indicator id -> what the log supports, for every count indicator the plan marks suggestable."""
    return suggest_from_totals(plan, totals_by_type(db, period))
