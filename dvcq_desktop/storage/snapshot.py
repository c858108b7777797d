"""Build the `Submission` snapshot of a unit workspace: what reports render and packages carry."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from dvcq_desktop.domain.plan import Period
from dvcq_desktop.domain.records import (
    IndicatorValue,
    PeriodRef,
    PlanRef,
    Submission,
    UnitRef,
)
from dvcq_desktop.domain.rules import evaluate_rules
from dvcq_desktop.storage import activities, finality, report_data
from dvcq_desktop.storage import tasks as task_repo
from dvcq_desktop.storage.workspace import Workspace


def period_ref(p: Period) -> PeriodRef:
    return PeriodRef(id=p.id, label=p.label, start=p.start, end=p.end, deadline=p.deadline)


def load_submission(
    ws: Workspace, period_id: str | None = None, finalized_at: datetime | None = None
) -> Submission:
    ws.use_period(period_id)  # the period's own plan version governs it
    plan = ws.plan
    period = plan.period(period_id) if period_id else ws.period
    db = ws.db
    unit = ws.own_unit
    stored = report_data.values(db, plan.id, period.id)
    counts = tuple(
        stored.get(i.id, IndicatorValue(i.id, None, "")) for i in plan.indicators if i.kind == "count"
    )
    value_map = {v.indicator_id: v.value for v in counts}
    results = evaluate_rules(plan, value_map, report_data.rule_comments(db, plan.id, period.id))
    defaults = ws.setting("doc_defaults", {}) or {}
    signer = ws.setting("signer", {}) or {}
    # the plan's number and date as the officer filled them in (the plan file may leave them blank)
    plan_ref = ws.setting("plan_ref", {}) or {}
    extras = {
        k: str(plan_ref[k]).strip()
        for k in ("plan_number", "plan_date")
        if str(plan_ref.get(k) or "").strip()
    }
    # the unit's own KẾ HOẠCH for the period: cited by the report once it has a number and a date
    unit_plan = task_repo.plan_meta(db, plan.id, period.id)
    if unit_plan.issued and unit_plan.date is not None:
        extras["unit_plan_number"] = f"{unit_plan.number.strip()}/{unit_plan.symbol.strip()}"
        extras["unit_plan_date"] = unit_plan.date.isoformat()
    sub = Submission(
        unit=UnitRef(code=unit.code, name=unit.name, level=unit.level, parent=unit.parent),
        plan=PlanRef(id=plan.id, version=plan.version, title=plan.title, content_hash=plan.content_hash),
        period=period_ref(period),
        indicators=counts,
        activities=tuple(activities.live_in_window(db, period.start, period.end)),
        narratives=report_data.narrative_sections(db, plan.id, period.id, [s.id for s in plan.outline]),
        document=report_data.document_meta(db, plan.id, period.id, defaults, signer),
        rule_results=tuple(results),
        finalized_at=finalized_at,
        extras=extras,
        tasks=tuple(task_repo.list_tasks(db, plan.id, period.id)),
    )
    if finalized_at is None:
        # finalised by an earlier export, as long as nothing was edited since
        sub = replace(sub, finalized_at=finality.finalised_at(db, sub))
    return sub
