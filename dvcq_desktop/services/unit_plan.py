"""The unit's KẾ HOẠCH (Word) and its task list (Excel) from the workspace."""

from __future__ import annotations

import json
from pathlib import Path

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import Submission
from dvcq_desktop.domain.tasks import UnitPlanMeta
from dvcq_desktop.reports.build_unit_plan import PlanTexts, build_unit_plan, plan_symbol
from dvcq_desktop.reports.docx_render import render_docx
from dvcq_desktop.reports.model import Document
from dvcq_desktop.reports.xlsx_tasks import render_tasks_xlsx
from dvcq_desktop.resources import resource_path
from dvcq_desktop.storage import report_data
from dvcq_desktop.storage import tasks as repo
from dvcq_desktop.storage.snapshot import load_submission
from dvcq_desktop.storage.workspace import Workspace


def plan_texts(plan: Plan) -> PlanTexts:
    """The standing sentences of the KẾ HOẠCH for this city plan (resources/tasks/<plan id>.json)."""
    path = resource_path("tasks", f"{plan.id}.json")
    if not path.is_file():
        path = resource_path("tasks", "tptn-dvcq-2023.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    org = data.get("organisation", {})
    return PlanTexts(
        purpose=tuple(str(p) for p in data.get("purpose", [])),
        leads=str(org.get("leads", "")),
        report=str(org.get("report", "")),
        report_to=str(org.get("report_to", "")),
        closing=str(org.get("closing", "")),
    )


def meta_of(ws: Workspace, sub: Submission) -> UnitPlanMeta:
    """The KẾ HOẠCH's number and date; its ký hiệu follows the report's (BC-UBND → KH-UBND)."""
    return repo.plan_meta(ws.db, ws.plan.id, sub.period.id, plan_symbol(sub.document.symbol))


def meta_for(ws: Workspace, period_id: str) -> UnitPlanMeta:
    """The same as `meta_of` without building the whole snapshot (the page asks on every refresh)."""
    doc = report_data.document_meta(
        ws.db, ws.plan.id, period_id, ws.setting("doc_defaults", {}) or {}, ws.setting("signer", {}) or {}
    )
    return repo.plan_meta(ws.db, ws.plan.id, period_id, plan_symbol(doc.symbol))


def unit_plan_document(ws: Workspace, period_id: str | None = None) -> Document:
    sub = load_submission(ws, period_id)
    return build_unit_plan(sub, ws.plan, meta_of(ws, sub), plan_texts(ws.plan))


def write_unit_plan(
    ws: Workspace, out_docx: Path, out_xlsx: Path | None = None, period_id: str | None = None
) -> list[Path]:
    """Render the KẾ HOẠCH (and the task workbook); returns the files written."""
    sub = load_submission(ws, period_id)
    meta = meta_of(ws, sub)
    doc = build_unit_plan(sub, ws.plan, meta, plan_texts(ws.plan))
    written = [render_docx(doc, out_docx)]
    if out_xlsx is not None:
        written.append(render_tasks_xlsx(sub, ws.plan, meta, out_xlsx, clock.today()))
    return written
