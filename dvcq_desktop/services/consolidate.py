"""Tổng hợp: the office's totals over the current revision of every expected unit.

Counts are summed; ratios are recomputed from the summed parts with `compute_ratios` and never
averaged (the mean of 50 % over 2 files and 100 % over 100 files is not the city's rate). Only
units on the period's roster (included) count, the same set the board counts, so the report's
"x/y đơn vị" and its figures describe the same units.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import date
from pathlib import Path

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import Activity, IndicatorValue, Submission, UnitRef
from dvcq_desktop.domain.rules import compute_ratios
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.progress import Progress
from dvcq_desktop.reports.office_records import Consolidation, Highlight
from dvcq_desktop.services import board as board_service
from dvcq_desktop.services import roster as roster_service
from dvcq_desktop.services.intake import require_aggregator
from dvcq_desktop.storage import aggregator_repo as repo
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import fold, sort_key

log = logging.getLogger(__name__)

DAN_VAN_KHEO_TYPES = ("mo_hinh_dan_van_kheo",)


def sum_counts(plan: Plan, per_unit: dict[str, dict[str, int | None]]) -> dict[str, int | None]:
    """Sum each count indicator over units; a value nobody entered stays None (unknown ≠ 0)."""
    totals: dict[str, int | None] = {}
    for ind in plan.indicators:
        if ind.kind != "count":
            continue
        vals = [x for v in per_unit.values() if (x := v.get(ind.id)) is not None]
        totals[ind.id] = sum(vals) if vals else None
    return totals


def consolidate(ws: Workspace, period_id: str | None = None) -> Consolidation:
    require_aggregator(ws)
    ws.use_period(period_id)
    plan = ws.plan
    pid = period_id or ws.period.id
    entries = [e for e in roster_service.roster(ws, pid) if e.included]
    names = {e.unit_code: e.unit_name for e in entries}
    values = repo.current_values(ws.db, plan.id, pid)
    per_unit = {
        code: {i.id: values[code].get(i.id) for i in plan.indicators if i.kind == "count"}
        for code in names
        if code in values
    }
    units = tuple(sorted(((c, names[c]) for c in per_unit), key=lambda u: sort_key(u[1])))
    totals = sum_counts(plan, per_unit)

    def highlights(type_ids: tuple[str, ...] = (), notable_only: bool = False) -> tuple[Highlight, ...]:
        rows = repo.current_activities(ws.db, plan.id, pid, type_ids=type_ids, notable_only=notable_only)
        out = [
            Highlight(
                r["unit_code"],
                names[r["unit_code"]],
                r["activity_id"],
                r["area_id"],
                r["type_id"],
                r["title"],
                date.fromisoformat(r["start_date"]),
                r["participants"],
                bool(r["notable"]),
            )
            for r in rows
            if r["unit_code"] in names
        ]
        # sort_key costs ~0.5 ms a string; names repeat per unit and titles across units
        keys: dict[str, tuple[object, ...]] = {}

        def key(text: str) -> tuple[object, ...]:
            k = keys.get(text)
            if k is None:
                k = keys[text] = sort_key(text)
            return k

        ordered = sorted(out, key=lambda h: (key(h.unit_name), h.start_date, key(h.title)))
        seen: set[tuple[str, str]] = set()
        unique = []
        for h in ordered:  # an activity entered twice by a unit is listed once
            k = (h.unit_code, " ".join(h.title.split()).casefold())
            if k not in seen:
                seen.add(k)
                unique.append(h)
        return tuple(unique)

    return Consolidation(
        plan_id=plan.id,
        period_id=pid,
        units=units,
        per_unit=per_unit,
        per_unit_ratios={c: compute_ratios(plan, v) for c, v in per_unit.items()},
        totals=totals,
        ratios=compute_ratios(plan, totals),
        dan_van_kheo=highlights(type_ids=DAN_VAN_KHEO_TYPES),
        notable=highlights(notable_only=True),
        proposals=unit_proposals(ws, plan.id, pid, names),
    )


def unit_proposals(
    ws: Workspace, plan_id: str, period_id: str, names: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """Each included unit's own kiến nghị (its section V), in collation order of the unit names."""
    out = []
    for row in repo.current_rows(ws.db, plan_id, period_id):
        code = row["unit_code"]
        if code not in names:
            continue
        raw = repo.submission_json(ws.db, row["package_id"])
        try:
            narratives = json.loads(raw or "{}").get("narratives", [])
        except ValueError:
            log.warning("stored submission of %s unreadable; its kiến nghị are left out", code)
            continue
        text = next((n.get("text", "") for n in narratives if n.get("section_id") == "V"), "")
        # "Không có kiến nghị" is not a proposal to gather
        if text.strip() and not fold(text).startswith(("khong co kien nghi", "khong kien nghi")):
            out.append((names[code], " ".join(text.split())))
    return tuple(sorted(out, key=lambda p: sort_key(p[0])))


def aggregate_submission(ws: Workspace, cons: Consolidation) -> Submission:
    """The office's own report data: its document settings and narratives, the summed counts, and
    the units' notable activities titled with the unit's name (so the drafting code can be reused)."""
    from dvcq_desktop.storage.snapshot import load_submission

    base = load_submission(ws, cons.period_id)
    names = dict(cons.units)
    # Every current activity (from the index, not the JSON: 60,000 rows build in a fraction of a
    # second), so the drafted counts "đã triển khai n hoạt động" are the units' real totals.
    acts = tuple(
        Activity(
            id=r["activity_id"],
            area_id=r["area_id"],
            type_id=r["type_id"],
            title=f"{names[r['unit_code']]}: {r['title']}",
            start_date=date.fromisoformat(r["start_date"]),
            participants=r["participants"],
            notable=bool(r["notable"]),
        )
        for r in repo.current_activities(ws.db, cons.plan_id, cons.period_id)
        if r["unit_code"] in names
    )
    indicators = tuple(IndicatorValue(k, v) for k, v in cons.totals.items())
    own = ws.own_unit
    # "UBND thành phố Tây Ninh" → drafting's unit_display_name gives "Ủy ban nhân dân thành phố …"
    name = (
        own.name if own.level not in ("thanh_pho", "tinh") else f"UBND {own.name[:1].lower()}{own.name[1:]}"
    )
    return replace(
        base,
        unit=UnitRef(own.code, name, own.level, own.parent),
        indicators=indicators,
        activities=acts,
        rule_results=(),
        extras={**base.extras, "consolidated": "1"},  # the office speaks of its units' work
    )


def consolidated_report(
    ws: Workspace,
    out_docx: Path,
    out_xlsx: Path | None = None,
    progress: Progress | None = None,
    period_id: str | None = None,
) -> tuple[Path, Path | None]:
    """Write the consolidated report (DOCX, NĐ 30 layout) and optionally its XLSX workbook."""
    from dvcq_desktop.reports.build_consolidated import build_consolidated_report
    from dvcq_desktop.reports.consolidate_xlsx import write_consolidated_xlsx
    from dvcq_desktop.reports.docx_render import render_docx

    report = progress or (lambda done, total, msg: None)
    report(0, 10, "Đang tổng hợp số liệu")
    cons = consolidate(ws, period_id)
    b = board_service.board(ws, cons.period_id)
    if not cons.units:
        raise DvcqError("not_aggregator_report", period=b.period_label)
    sub = aggregate_submission(ws, cons)
    report(2, 10, "Đang lập báo cáo")
    from dvcq_desktop.reports.consolidated_tasks import TaskTally
    from dvcq_desktop.storage import received_tasks

    units, by_area = received_tasks.by_area(ws.db, ws.plan.id, cons.period_id)
    tally = TaskTally(units, by_area)
    doc = build_consolidated_report(ws.plan, sub, cons, b, str(ws.setting("catalog_id", "")), tally)
    render_docx(doc, out_docx, progress=lambda d, t, m: report(2 + int(6 * d / max(t, 1)), 10, m))
    xlsx = None
    if out_xlsx is not None:
        report(8, 10, "Đang tạo tệp Excel")
        xlsx = write_consolidated_xlsx(ws.plan, cons, b, out_xlsx, tally)
    report(10, 10, "Đã lập báo cáo tổng hợp")
    return Path(out_docx), xlsx
