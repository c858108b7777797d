"""Use cases of the period series: list the periods, open a year (office: official; unit:
provisional from its last plan), choose the period to work on, and edit a plan version."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.periods import (
    PROVISIONAL_SUFFIX,
    PeriodInfo,
    current_period,
    derive_plan_data,
    unsent_earlier,
    years_to_offer,
)
from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.plan_loader import plan_from_data
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage import audit
from dvcq_desktop.storage import periods_repo as repo
from dvcq_desktop.storage.workspace import Workspace

log = logging.getLogger(__name__)

PROVISIONAL_NOTE = "theo kế hoạch năm trước — chờ kế hoạch mới của cơ quan tổng hợp"


def list_periods(ws: Workspace) -> list[PeriodInfo]:
    return repo.list_periods(ws.db)


def period_dicts(ws: Workspace, today: date | None = None) -> list[dict[str, Any]]:
    """The `dvcq periods --json` objects: id, label, start, end, deadline, plan_id, current (the
    period the officer is working on today), chosen (the one pages and commands use), provisional,
    submitted, overdue_unsent (the earlier period still missing, shown beside the current one)."""
    today = today or clock.today()
    items = list_periods(ws)
    cur = current_period(items, today)
    late = unsent_earlier(items, today) if ws.role == "unit" else None
    chosen = ws.chosen
    out = []
    for p in items:
        d = asdict(p)
        for k in ("start", "end", "deadline"):
            d[k] = d[k].isoformat()
        d["current"] = cur is not None and (p.plan_id, p.id) == (cur.plan_id, cur.id)
        d["chosen"] = (p.plan_id, p.id) == chosen
        d["unsent_earlier"] = late is not None and (p.plan_id, p.id) == (late.plan_id, late.id)
        d["note"] = PROVISIONAL_NOTE if p.provisional else ""
        out.append(d)
    return out


def choose(ws: Workspace, period_id: str) -> None:
    """Make `period_id` the workspace's period (pages, reports, packages follow it)."""
    ws.use_period(period_id, remember=True)


def _year(period_id: str) -> int:
    if not (period_id.isdigit() and len(period_id) == 4):
        raise DvcqError("period_year_invalid", period=period_id)
    return int(period_id)


def _derive(ws: Workspace, year: int, *, issuer: str | None) -> dict[str, Any]:
    if repo.find(ws.db, str(year)) is not None:
        raise DvcqError("period_exists", period=str(year))
    base_id = repo.latest_plan_id(ws.db)
    base = repo.plan_template(ws.db, base_id)
    return derive_plan_data(base, year, issuer=issuer)


def open_year(
    ws: Workspace,
    year: int | str,
    *,
    start: date | None = None,
    end: date | None = None,
    deadline: date | None = None,
    issuer: str | None = None,
) -> PeriodInfo:
    """Office: open a year by deriving its plan version from the latest one, then fix its roster
    from the catalogue. Window and deadline default to 01/11/(Y−1) → 31/10/Y, 01/11/Y."""
    from dvcq_desktop.services.intake import require_aggregator
    from dvcq_desktop.services.roster import open_period

    require_aggregator(ws)
    y = _year(str(year))
    data = _derive(ws, y, issuer=issuer or _issuer_of(ws))
    p = data["periods"][0]
    for key, value in (("start", start), ("end", end), ("deadline", deadline)):
        if value is not None:
            p[key] = value.isoformat()
    before = ws.chosen[1]
    plan = _store(ws, data, provisional=False)
    audit.record(ws.db, "period", str(y), "open", new=plan.id)
    try:
        open_period(ws, str(y))  # the roster, fixed from the catalogue valid for the period
    finally:
        ws.use_period(before)  # opening a year does not change the period being worked on
    return _info(ws, str(y))


def open_provisional(ws: Workspace, year: int | str) -> PeriodInfo:
    """Unit: open a year from its last plan while the office's plan has not arrived. Its figures
    move onto the official plan by indicator id when that plan file is taken."""
    y = _year(str(year))
    data = _derive(ws, y, issuer=None)
    data["id"] += PROVISIONAL_SUFFIX
    _store(ws, data, provisional=True)
    audit.record(ws.db, "period", str(y), "open-provisional", new=data["id"])
    return _info(ws, str(y))


def update_plan(ws: Workspace, period_id: str, data: dict[str, Any]) -> Plan:
    """Office: replace the plan version governing `period_id` by edited content (metadata,
    areas, indicators, rules, types, outline), checked against the plan schema and references.
    Ids of indicators already used may not disappear silently: retire them instead."""
    row = repo.find(ws.db, period_id)
    if row is None:
        raise DvcqError("period_unknown", period=period_id, plan=ws.chosen[0])
    old = repo.plan_template(ws.db, row["plan_id"])
    if data.get("id") != old["id"]:
        raise DvcqError("plan_edit_id", plan=old["id"])
    plan = plan_from_data(data, f"kỳ {period_id}")
    if [p.id for p in plan.periods] != [period_id]:
        raise DvcqError("plan_edit_period", period=period_id)
    kept = {i.id for i in plan.indicators} | set(plan.retired_ids)
    lost = [i["id"] for i in old["indicators"] if i["id"] not in kept]
    if lost:
        raise DvcqError("plan_edit_lost_indicator", indicator=lost[0])
    try:
        data = dict(data, version=str(int(str(old["version"])) + 1))
    except ValueError:
        data = dict(data, version=f"{old['version']}.1")
    plan = _store(ws, data, provisional=bool(row["provisional"]))
    audit.record(ws.db, "plan", plan.id, "edit", field="version", old=old["version"], new=plan.version)
    return plan


def export_plan_json(ws: Workspace, period_id: str, path: Path) -> Path:
    """The plan version of a period as an editable JSON file (areas, indicators, rules, types,
    outline, metadata), for an office that changes the content of a year's plan."""
    row = repo.find(ws.db, period_id)
    if row is None:
        raise DvcqError("period_unknown", period=period_id, plan=ws.chosen[0])
    data = repo.plan_template(ws.db, row["plan_id"])
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return Path(path)


def import_plan_json(ws: Workspace, period_id: str, path: Path) -> Plan:
    """Read an edited plan JSON (strictly: UTF-8, no duplicate keys) and store it as the period's
    next plan version, checked like any plan file (schema, references, ids kept or retired)."""
    from dvcq_desktop.domain.jsondata import read_json

    data = read_json(Path(path), "plan")
    return update_plan(ws, period_id, data)


def _issuer_of(ws: Workspace) -> str:
    """How the office's authority is named on a plan: "Ủy ban nhân dân tỉnh Tây Ninh"."""
    u = ws.own_unit
    if u.level in ("tinh", "thanh_pho", "phuong", "xa"):
        return f"Ủy ban nhân dân {u.name[:1].lower()}{u.name[1:]}"
    return u.name


def _store(ws: Workspace, data: dict[str, Any], *, provisional: bool) -> Plan:
    plan = plan_from_data(data, f"kế hoạch {data['id']}")
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with ws.db.atomic():
        repo.store_plan(ws.db, plan, text, provisional=provisional)
    ws.refresh()
    return plan


def _info(ws: Workspace, period_id: str) -> PeriodInfo:
    return next(p for p in list_periods(ws) if p.id == period_id)


def offer_today(ws: Workspace, today: date | None = None) -> PeriodInfo | None:
    """A new unit workspace: open (provisionally, from its plan) the year whose window contains
    today and the one before it when the plan stops earlier, then choose the current one.
    Returns the earlier unsent period when it differs from the current one."""
    today = today or clock.today()
    items = list_periods(ws)
    last = max(items, key=lambda p: p.start)
    last_year = int(last.id) if last.id.isdigit() else last.end.year
    for y in years_to_offer(last_year, today):
        open_provisional(ws, y)
    items = list_periods(ws)
    cur = current_period(items, today)
    if cur is not None:
        choose(ws, cur.id)
    return unsent_earlier(items, today)
