"""Unit: take the office's plan file (`dvcq import FILE.dvcqkh`, double-click, Settings), or start
a new workspace from one (`dvcq init --from-plan FILE --unit CODE`).

Outcomes: `new` (a period or a newer plan version added), `duplicate` (this file or this exact
plan version was taken before), `older-revision` (an older version of a plan already held),
`rejected` (unreadable file, wrong role, or the unit is not in the roster — naming the successor
when the unit's catalogue entry has one that is; `accept_successor` then continues the workspace
under the successor for new periods). A rejected file changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dvcq_desktop.domain.catalog import Catalog, Unit, catalog_from_data
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.messages import render
from dvcq_desktop.planfile.format import PlanFileError
from dvcq_desktop.planfile.reader import PlanFile, read_plan_file
from dvcq_desktop.services import keys
from dvcq_desktop.storage import audit, settings
from dvcq_desktop.storage import periods_repo as repo
from dvcq_desktop.storage.unit_rows import unit_row
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text.dates import format_date


@dataclass
class PlanOutcome:
    file: Path
    outcome: str  # new | duplicate | older-revision | rejected
    reason: str  # message code (plan_take_* / plan_* / plf_* / pkg_*)
    message: str
    plan_id: str | None = None
    period_id: str | None = None
    successor: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "kind": "plan",
            "outcome": self.outcome,
            "reason": self.reason,
            "message": self.message,
            "plan_id": self.plan_id,
            "period_id": self.period_id,
            "successor": self.successor,
            "changes": self.changes,
        }


def _version_key(v: str) -> tuple[Any, ...]:
    parts = v.split(".")
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def changes(ws: Workspace, pf: PlanFile) -> dict[str, Any]:
    """What taking the file changes, for the preview: new period or not, indicators added and
    retired compared with the workspace's latest plan, the deadline."""
    base = repo.plan_template(ws.db, repo.latest_plan_id(ws.db))
    before = {i["id"] for i in base["indicators"]}
    after = {i.id for i in pf.plan.indicators}
    p = pf.plan.periods[0]
    held = repo.find(ws.db, p.id)
    return {
        "new_period": held is None,
        "replaces_provisional": bool(held and held["provisional"] and held["plan_id"] != pf.plan.id),
        "period_label": p.label,
        "deadline": p.deadline.isoformat(),
        "window": [p.start.isoformat(), p.end.isoformat()],
        "new_indicators": sorted(after - before),
        "retired_indicators": sorted((before - after) | (set(pf.plan.retired_ids) & before)),
    }


def _successor(ws: Workspace, pf: PlanFile, code: str) -> str | None:
    own = ws.catalog.unit(code) if ws.catalog.has_unit(code) else None
    candidates = [own.successor] if own is not None and own.successor else []
    candidates += [p["successor"] for p in pf.roster["predecessors"] if p["code"] == code]
    members = pf.roster_codes()
    return next((c for c in candidates if c in members), None)


def _roster_unit(pf: PlanFile, code: str) -> dict[str, Any]:
    return next(u for u in pf.roster["units"] if u["code"] == code)


def _unit_from_roster(d: dict[str, Any], known: set[str]) -> Unit:
    return Unit(
        code=d["code"],
        name=d["name"],
        level=d["level"],
        parent=d["parent"] if d["parent"] in known else None,
        valid_from=None,
        valid_to=None,
        successor=None,
        issuer=d["issuer"],
        parent_body=d["parent_body"],
        place=d["place"],
        symbol=d["symbol"],
        expected=True,
    )


def take_plan_file(ws: Workspace, path: Path, *, accept_successor: bool = False) -> PlanOutcome:
    path = Path(path)
    if ws.role != "unit":
        return PlanOutcome(path, "rejected", "plan_role", render("plan_role"))
    try:
        pf = read_plan_file(path)
    except PlanFileError as exc:
        return PlanOutcome(path, "rejected", exc.reason, exc.message)
    plan, pid = pf.plan, pf.period_id
    base: dict[str, Any] = {"plan_id": plan.id, "period_id": pid}
    clash = keys.office_key_clash(ws, pf.signer_key)
    if clash is not None:  # a plan file "from the office" signed by another key: not taken
        msg = render("plan_key_changed", old=clash[0], new=clash[1])
        return PlanOutcome(path, "rejected", "plan_key_changed", msg, **base)
    if repo.plan_file_seen(ws.db, pf.sha256):
        return PlanOutcome(path, "duplicate", "plan_take_duplicate", render("plan_take_duplicate"), **base)
    held = repo.plan_row(ws.db, plan.id)
    if held is not None and held["content_hash"] == plan.content_hash:
        with ws.db.atomic():
            _record(ws, pf)
            keys.pin_office_from_plan(ws, pf.office["code"], pf.keys, pf.signer_key)
        return PlanOutcome(path, "duplicate", "plan_take_duplicate", render("plan_take_duplicate"), **base)
    if held is not None and _version_key(plan.version) < _version_key(str(held["version"])):
        msg = render("plan_take_older", plan=plan.id, version=plan.version, current=held["version"])
        return PlanOutcome(path, "older-revision", "plan_take_older", msg, **base)

    code = str(settings.get(ws.db, "unit_code"))
    name = ws.catalog.unit(code).name if ws.catalog.has_unit(code) else code
    successor: str | None = None
    if code not in pf.roster_codes():
        successor = _successor(ws, pf, code)
        if successor is None:
            msg = render("plan_not_in_roster", unit_code=code, unit=name, plan=plan.id)
            return PlanOutcome(path, "rejected", "plan_not_in_roster", msg, **base)
        if not accept_successor:
            s_name = _roster_unit(pf, successor)["name"]
            msg = render(
                "plan_successor",
                unit_code=code,
                unit=name,
                plan=plan.id,
                successor=successor,
                successor_name=s_name,
            )
            return PlanOutcome(path, "rejected", "plan_successor", msg, successor=successor, **base)

    preview = changes(ws, pf)
    provisional = repo.find(ws.db, pid)
    moved = 0
    with ws.db.atomic():
        if successor is not None:
            _continue_as(ws, pf, code, successor)
        repo.store_plan(ws.db, plan, pf.plan_text)
        if provisional is not None and provisional["plan_id"] != plan.id and provisional["provisional"]:
            moved = repo.move_period_data(
                ws.db, provisional["plan_id"], plan.id, pid, {i.id for i in plan.indicators}
            )
        _record(ws, pf)
        settings.put(ws.db, "office_contact", pf.office)
        keys.pin_office_from_plan(ws, pf.office["code"], pf.keys, pf.signer_key)
        audit.record(ws.db, "plan", plan.id, "take", new=f"{plan.version}/{pid}", reason=pf.sha256)
    ws.use_period(pid, remember=True)
    p = plan.periods[0]
    if successor is not None:
        s_name = _roster_unit(pf, successor)["name"]
        key, params = "plan_successor_taken", {"successor": successor, "successor_name": s_name, "unit": name}
    elif provisional is not None and provisional["provisional"]:
        key, params = "plan_take_official", {"moved": moved}
    elif held is not None:
        key, params = "plan_take_revision", {"version": plan.version}
    else:
        key, params = "plan_take_new", {}
    msg = render(key, plan=plan.id, period=pid, label=p.label, deadline=format_date(p.deadline), **params)
    return PlanOutcome(path, "new", key, msg, successor=successor, changes=preview, **base)


def _record(ws: Workspace, pf: PlanFile) -> None:
    repo.record_plan_file(
        ws.db,
        sha256=pf.sha256,
        direction="taken",
        file_id=pf.manifest["file_id"],
        plan_id=pf.plan.id,
        plan_version=pf.plan.version,
        period_id=pf.period_id,
        office_code=pf.office["code"],
        path=str(pf.path or ""),
    )


def _continue_as(ws: Workspace, pf: PlanFile, old: str, new: str) -> None:
    """Earlier periods keep the old code; the workspace reports new periods as the successor."""
    repo.pin_unit_code(ws.db, old)
    if not ws.catalog.has_unit(new):
        known = {u.code for u in ws.catalog.units}
        u = _unit_from_roster(_roster_unit(pf, new), known)
        ws.db.table("units").insert(unit_row(u, ws.catalog.id))
    settings.put(ws.db, "unit_code", new)
    audit.record(
        ws.db, "workspace", "unit_code", "successor", field="unit_code", old=old, new=new, reason=pf.plan.id
    )
    ws.refresh()


# ---- a new workspace from a plan file ----------------------------------------------------------
def catalog_of(pf: PlanFile) -> tuple[Catalog, str]:
    """The roster as the new workspace's catalogue (the office first, then every rostered unit)."""
    office = pf.office
    units: list[dict[str, Any]] = [
        {
            "code": office["code"],
            "name": office["name"],
            "level": office["level"],
            "parent": None,
            "valid_from": None,
            "valid_to": None,
            "successor": None,
            "issuer": office["name"].upper(),
            "parent_body": "",
            "place": office["name"],
            "symbol": "BC-UBND",
            "expected": False,
        }
    ]
    codes = {office["code"]} | {u["code"] for u in pf.roster["units"]}
    for u in pf.roster["units"]:
        if u["code"] == office["code"]:
            continue
        units.append(
            {
                "code": u["code"],
                "name": u["name"],
                "level": u["level"],
                "parent": u["parent"] if u["parent"] in codes and u["parent"] != u["code"] else None,
                "valid_from": None,
                "valid_to": None,
                "successor": None,
                "issuer": u["issuer"],
                "parent_body": u["parent_body"],
                "place": u["place"],
                "symbol": u["symbol"],
                "expected": u["included"],
            }
        )
    data = {
        "id": pf.roster["catalog_id"],
        "version": "1",
        "title": pf.roster["catalog_title"],
        "aggregator": office["code"],
        "receiving_office": office["receiving_office"] or office["name"],
        "reports_to": office["reports_to"] or office["name"],
        "note": f"Danh sách đơn vị theo tệp kế hoạch {pf.plan.id}.",
        "units": units,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return catalog_from_data(data, "roster.json"), text


def init_from_plan(root: Path, plan_file: Path, unit_code: str) -> Workspace:
    pf = read_plan_file(plan_file)
    if unit_code not in pf.roster_codes():
        raise DvcqError("plan_from_plan_unit", unit_code=unit_code)
    catalog, cat_text = catalog_of(pf)
    ws = Workspace.create(
        Path(root),
        role="unit",
        unit_code=unit_code,
        plan=pf.plan,
        plan_template=pf.plan_text,
        catalog=catalog,
        catalog_template=cat_text,
        period_id=pf.period_id,
    )
    try:
        with ws.db.atomic():
            _record(ws, pf)
            settings.put(ws.db, "office_contact", pf.office)
            keys.pin_office_from_plan(ws, pf.office["code"], pf.keys, pf.signer_key)
            audit.record(
                ws.db, "plan", pf.plan.id, "take", new=f"{pf.plan.version}/{pf.period_id}", reason=pf.sha256
            )
    except BaseException:
        ws.close()
        raise
    return ws
