"""Expected units per period (the roster) and the office's own corrections to received data.

The roster is a snapshot taken when a period opens (DHIS2's reporting rate exceeds 100 % when the
denominator follows a changing org-unit list; peers.md §3.2). Later catalogue edits do not move it;
including or excluding a unit afterwards is an explicit, audited decision with a reason.
"""

from __future__ import annotations

from datetime import datetime

from dvcq_desktop.domain import clock
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage import aggregator_repo as repo
from dvcq_desktop.storage.workspace import Workspace


def _period_id(ws: Workspace, period_id: str | None) -> str:
    ws.use_period(period_id)  # the period's own plan version governs it
    pid = period_id or ws.period.id
    if pid not in {p.id for p in ws.plan.periods}:
        raise DvcqError("period_unknown", period=pid, plan=ws.plan.id)
    return pid


def open_period(ws: Workspace, period_id: str | None = None) -> list[repo.RosterEntry]:
    """Fix the expected units of a period from the catalogue as it is now (idempotent).

    Expected = units flagged `expected` that exist at the end of the period's data window, minus
    the office itself (it consolidates, it does not report to itself).
    """
    pid = _period_id(ws, period_id)
    period = ws.plan.period(pid)
    catalog = ws.catalog
    units = [(u.code, u.name) for u in catalog.reporting_units(period.end) if u.code != ws.unit_code]
    repo.fix_roster(ws.db, ws.plan.id, pid, units)
    return repo.roster(ws.db, ws.plan.id, pid)


def roster(ws: Workspace, period_id: str | None = None) -> list[repo.RosterEntry]:
    """The fixed roster, opening the period first if nobody has yet (then it is fixed from now)."""
    pid = _period_id(ws, period_id)
    if not repo.roster_fixed(ws.db, ws.plan.id, pid):
        return open_period(ws, pid)
    return repo.roster(ws.db, ws.plan.id, pid)


def set_included(
    ws: Workspace, unit_code: str, included: bool, reason: str, period_id: str | None = None
) -> None:
    """Include or exclude an agency for one period; the reason is required and audited."""
    if not reason.strip():
        raise DvcqError("reason_required")
    pid = _period_id(ws, period_id)
    roster(ws, pid)  # make sure the snapshot exists before editing it
    if not ws.catalog.has_unit(unit_code):
        raise DvcqError("roster_unit_unknown", unit_code=unit_code)
    name = ws.catalog.unit(unit_code).name
    repo.set_included(ws.db, ws.plan.id, pid, unit_code, name, included, reason.strip())


def correct_received_at(ws: Workspace, package_id: str, new_dt: datetime, reason: str) -> str:
    """Correct the office's received time (e.g. the file came by email on 31/10 but was imported on
    02/11); returns the old value. Timeliness is computed from this field, so it is audited."""
    if not reason.strip():
        raise DvcqError("reason_required")
    try:
        local = (new_dt if new_dt.tzinfo else new_dt.replace(tzinfo=clock.VN_TZ)).astimezone(clock.VN_TZ)
        return repo.correct_received_at(ws.db, package_id, clock.iso(local), reason.strip())
    except KeyError:
        raise DvcqError("received_missing", package_id=package_id) from None
