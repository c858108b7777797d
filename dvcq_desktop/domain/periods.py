"""Periods as a yearly series: the default window of a year, deriving a year's plan version from the
previous one, and which period an officer is actually working on today.

A yearly period's id is its year. For a year Y after 2023 the default data window is 01/11/(Y−1) →
31/10/Y with the deadline 01/11/Y, so windows are contiguous; the 2023 window stays as issued.
Indicator ids are stable across plan versions: a retired indicator keeps its id (listed in
`retired_indicators`) and is never reused.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

# Beyond a quarter, a count of days late ("quá hạn 1133 ngày") says nothing a clerk would write:
# the deadline's date alone says it.
LONG_OVERDUE_DAYS = 90

PROVISIONAL_SUFFIX = "-tam"
_YEAR_SUFFIX = re.compile(r"-(\d{4})(-tam)?$")  # "-tam": a unit's provisional version


@dataclass(frozen=True)
class PeriodInfo:
    """One period of a workspace, whichever plan version governs it."""

    id: str
    label: str
    kind: str
    start: date
    end: date
    deadline: date
    plan_id: str
    provisional: bool = False  # opened by a unit from its last plan, waiting for the official one
    submitted: bool = False  # unit: exported at least once; office: not used

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def default_window(year: int) -> tuple[date, date, date]:
    """(start, end, deadline) suggested for a yearly period; the office may edit all three."""
    return date(year - 1, 11, 1), date(year, 10, 31), date(year, 11, 1)


def year_of(day: date) -> int:
    """The reporting year whose default window contains `day` (01/11 starts the next year)."""
    return day.year + 1 if (day.month, day.day) >= (11, 1) else day.year


def period_data(year: int) -> dict[str, Any]:
    start, end, deadline = default_window(year)
    return {
        "id": str(year),
        "label": f"Năm {year}",
        "kind": "year",
        "start": start.isoformat(),
        "end": end.isoformat(),
        "deadline": deadline.isoformat(),
    }


def derived_plan_id(previous_id: str, year: int) -> str:
    m = _YEAR_SUFFIX.search(previous_id)
    base = previous_id[: m.start()] if m else previous_id
    return f"{base}-{year}"


def derive_plan_data(
    previous: dict[str, Any],
    year: int,
    *,
    issuer: str | None = None,
    add_indicators: Sequence[dict[str, Any]] = (),
    retire: Iterable[str] = (),
) -> dict[str, Any]:
    """The year's plan template from the previous year's: same areas, indicators, rules, types and
    outline; the year's metadata placeholders and its default period. Retiring an indicator drops
    the rules and ratios that depend on it and reserves its id."""
    data = copy.deepcopy(previous)
    prev_year_m = _YEAR_SUFFIX.search(previous["id"])
    prev_year = prev_year_m.group(1) if prev_year_m else None
    old_issuer = previous["issuer"]
    new_issuer = issuer or old_issuer

    def retext(text: str) -> str:
        if prev_year:
            text = re.sub(rf"năm {prev_year}\b", f"năm {year}", text)
        if new_issuer != old_issuer:
            text = text.replace(old_issuer, new_issuer)
        return text

    data["id"] = derived_plan_id(previous["id"], year)
    data["version"] = "1"
    data["derived_from"] = previous["id"]
    data["number"] = "…/KH-" + (
        previous["number"].split("/KH-", 1)[1] if "/KH-" in previous["number"] else "UBND"
    )
    data["issued"] = f"…/{year}"
    data["issuer"] = new_issuer
    data["title"] = retext(previous["title"])
    data["trich_yeu"] = retext(previous["trich_yeu"])
    data["periods"] = [period_data(year)]

    retired = list(data.get("retired_indicators", []))
    gone = set(retire)
    unknown = gone - {i["id"] for i in data["indicators"]}
    if unknown:
        raise ValueError(f"cannot retire unknown indicators {sorted(unknown)}")
    if gone:
        # a ratio built on a retired count cannot be computed any more: it retires with it
        for ind in data["indicators"]:
            if ind["kind"] == "ratio" and {ind.get("numerator"), ind.get("denominator")} & gone:
                gone.add(ind["id"])
        for ind in data["indicators"]:
            if ind["id"] in gone:
                retired.append({"id": ind["id"], "label": ind["label"], "retired_in": data["id"]})
        data["indicators"] = [i for i in data["indicators"] if i["id"] not in gone]
        data["rules"] = [r for r in data["rules"] if not (set(r["left"]) | set(r["right"])) & gone]
        # a narrative prompt keeps asking its question; it only stops citing the retired figures
        for prompt in data.get("prompts", []):
            if "indicators" in prompt:
                prompt["indicators"] = [i for i in prompt["indicators"] if i not in gone]
    data["indicators"].extend(copy.deepcopy(list(add_indicators)))
    data["retired_indicators"] = retired
    return data


def current_period(periods: Sequence[PeriodInfo], today: date) -> PeriodInfo | None:
    """The period the officer is working on: the one whose data window contains today, else the
    latest one not yet submitted, else the latest."""
    if not periods:
        return None
    inside = [p for p in periods if p.contains(today)]
    if inside:
        return max(inside, key=lambda p: p.start)
    open_ = [p for p in periods if not p.submitted and p.start <= today]
    if open_:
        return max(open_, key=lambda p: p.start)
    return max(periods, key=lambda p: p.start)


def unsent_earlier(periods: Sequence[PeriodInfo], today: date) -> PeriodInfo | None:
    """The latest period before the current one whose report is still missing (its window has
    ended and nothing was sent): shown beside the current one when they differ."""
    cur = current_period(periods, today)
    if cur is None:
        return None
    earlier = [p for p in periods if p.end < cur.start and not p.submitted]
    return max(earlier, key=lambda p: p.start) if earlier else None


def years_to_offer(last_year: int, today: date) -> list[int]:
    """The yearly periods a new workspace offers beyond its plan's own: the year whose window
    contains today and the one before it (the report that may still be due)."""
    cur = year_of(today)
    return [y for y in (cur - 1, cur) if y > last_year]
