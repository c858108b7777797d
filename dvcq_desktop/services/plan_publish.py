"""Office: publish the year's plan file (`dvcq publish-plan --period ID --out DIR`)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.catalog import Unit
from dvcq_desktop.planfile.format import EXTENSION
from dvcq_desktop.planfile.writer import build_plan_file, write_plan_file
from dvcq_desktop.services import keys
from dvcq_desktop.services.intake import require_aggregator
from dvcq_desktop.services.roster import roster as roster_of
from dvcq_desktop.storage import periods_repo as repo
from dvcq_desktop.storage.workspace import Workspace


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-") or "x"


def _unit_dict(u: Unit, included: bool, reason: str) -> dict[str, Any]:
    return {
        "code": u.code,
        "name": u.name,
        "level": u.level,
        "parent": u.parent,
        "issuer": u.issuer or u.name.upper(),
        "parent_body": u.parent_body,
        "place": u.place or u.name,
        "symbol": u.symbol or "BC-UBND",
        "included": included,
        "reason": reason,
    }


def roster_document(ws: Workspace, period_id: str) -> dict[str, Any]:
    """The period's roster as carried in the plan file: every unit fixed for the period (included or
    not, with the reason) and the units that ceased with a successor, so that a unit of an earlier
    catalogue can be told who continues it."""
    cat = ws.catalog
    units = [
        _unit_dict(cat.unit(e.unit_code), e.included, e.reason)
        for e in roster_of(ws, period_id)
        if cat.has_unit(e.unit_code)
    ]
    predecessors = [
        {
            "code": u.code,
            "name": u.name,
            "level": u.level,
            "valid_to": u.valid_to.isoformat() if u.valid_to else None,
            "successor": u.successor,
        }
        for u in cat.units
        if u.successor
    ]
    return {
        "catalog_id": cat.id,
        "catalog_title": cat.title,
        "valid_on": ws.period.deadline.isoformat(),
        "units": units,
        "predecessors": predecessors,
    }


def office_identity(ws: Workspace) -> dict[str, Any]:
    cat, own = ws.catalog, ws.own_unit
    contact = ws.setting("office_contact", {}) or {}
    return {
        "code": own.code,
        "name": own.name,
        "level": own.level,
        "receiving_office": cat.receiving_office,
        "reports_to": cat.reports_to,
        "email": str(contact.get("email", "")),
        "phone": str(contact.get("phone", "")),
    }


def set_office_contact(ws: Workspace, *, email: str = "", phone: str = "") -> None:
    ws.set_setting("office_contact", {"email": email.strip(), "phone": phone.strip()})


def publish_plan(ws: Workspace, period_id: str | None, out_dir: Path) -> Path:
    """Write the plan file of `period_id` into `out_dir`; returns its path."""
    require_aggregator(ws)
    ws.use_period(period_id)
    plan, period = ws.plan, ws.period
    row = repo.plan_row(ws.db, plan.id)
    assert row is not None
    template = str(row["template"]).encode("utf-8")
    office = office_identity(ws)
    roster_doc = roster_document(ws, period.id)
    data, file_id = build_plan_file(
        plan_template=template,
        plan={
            "id": plan.id,
            "version": plan.version,
            "content_hash": plan.content_hash,
            "title": plan.title,
            "derived_from": plan.derived_from,
        },
        period={
            "id": period.id,
            "label": period.label,
            "kind": period.kind,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "deadline": period.deadline.isoformat(),
        },
        office=office,
        roster=roster_doc,
        created_at=clock.iso(clock.now()),
        keys=keys.plan_file_keys(ws),  # format 1.1: units pin the signer, encrypt for these
        sign=keys.signer(ws),
    )
    name = f"KeHoach_{_slug(period.id)}_{_slug(office['code'])}_v{_slug(plan.version)}{EXTENSION}"
    path = write_plan_file(data, Path(out_dir) / name)
    with ws.db.atomic():
        repo.record_plan_file(
            ws.db,
            sha256=hashlib.sha256(data).hexdigest(),
            direction="published",
            file_id=file_id,
            plan_id=plan.id,
            plan_version=plan.version,
            period_id=period.id,
            office_code=office["code"],
            path=str(path),
        )
    return path
