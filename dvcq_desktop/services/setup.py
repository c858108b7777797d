"""Creating, restoring and choosing the data a workspace is built on (plans, catalogues)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dvcq_desktop.domain.catalog import Catalog, Unit, load_builtin_catalog, load_catalog
from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.plan_loader import builtin_plan_paths, load_builtin_plan, load_plan
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage.backups import restore_file
from dvcq_desktop.storage.lock import WorkspaceLock
from dvcq_desktop.storage.workspace import Workspace

log = logging.getLogger(__name__)

DEFAULT_CATALOG = "tptn-2023"
DEFAULT_PLAN = "tptn-dvcq-2023"


def _is_file_ref(ref: str) -> bool:
    return ref.endswith(".json") or "/" in ref or "\\" in ref


def resolve_plan(ref: str | None) -> tuple[Plan, str]:
    """A built-in plan id or a JSON file; returns the plan and its template text."""
    if ref and _is_file_ref(ref):
        path = Path(ref)
        plan = load_plan(path)
        return plan, path.read_text(encoding="utf-8")
    plan = load_builtin_plan(ref or DEFAULT_PLAN)
    return plan, Path(plan.source).read_text(encoding="utf-8")


def resolve_catalog(ref: str | None) -> tuple[Catalog, str]:
    if ref and _is_file_ref(ref):
        path = Path(ref)
        return load_catalog(path), path.read_text(encoding="utf-8")
    cat = load_builtin_catalog(ref or DEFAULT_CATALOG)
    return cat, Path(cat.source).read_text(encoding="utf-8")


@dataclass(frozen=True)
class PlanChoice:
    plan: Plan | None
    path: Path
    problem: str | None  # Vietnamese message when the file could not be used


def available_plans(extra_dirs: Sequence[Path] = ()) -> list[PlanChoice]:
    """Built-in plans plus any in `extra_dirs`; a broken file is reported, never fatal."""
    choices: list[PlanChoice] = []
    files = list(builtin_plan_paths())
    for d in extra_dirs:
        if d.is_dir():
            files.extend(sorted(d.glob("*.json")))
    for f in files:
        try:
            choices.append(PlanChoice(load_plan(f), f, None))
        except DvcqError as exc:
            log.warning("plan file %s rejected: %r", f, exc)
            choices.append(PlanChoice(None, f, exc.message))
    return choices


def init_workspace(
    root: Path,
    *,
    role: str,
    unit_code: str,
    catalog: str | None = None,
    plan: str | None = None,
    period_id: str | None = None,
    custom_unit: Unit | None = None,
    signer: dict[str, str] | None = None,
    doc_defaults: dict[str, Any] | None = None,
    offer_today: bool = False,
) -> Workspace:
    """`offer_today` (a unit without an explicit period): open the year the officer is working on
    today from the plan, provisionally, and choose it (see services/periods.offer_today)."""
    plan_obj, plan_text = resolve_plan(plan)
    cat_obj, cat_text = resolve_catalog(catalog)
    if period_id is not None and period_id not in {p.id for p in plan_obj.periods}:
        raise DvcqError("period_unknown", period=period_id, plan=plan_obj.id)
    if role == "aggregator" and unit_code != cat_obj.aggregator and custom_unit is None:
        # The receiving office must be the catalogue's aggregator: its roster is the catalogue.
        known = {u.code for u in cat_obj.units}
        if unit_code not in known:
            raise DvcqError("unit_unknown", unit_code=unit_code, catalog=cat_obj.id)
    ws = Workspace.create(
        root,
        role=role,
        unit_code=unit_code,
        plan=plan_obj,
        plan_template=plan_text,
        catalog=cat_obj,
        catalog_template=cat_text,
        custom_unit=custom_unit,
        signer=signer,
        doc_defaults=doc_defaults,
        period_id=period_id,
    )
    if role == "unit" and offer_today and period_id is None:
        from dvcq_desktop.services.periods import offer_today as open_today

        try:
            open_today(ws)
        except BaseException:
            ws.close()
            raise
    if role == "aggregator":
        # The receiving office's expected units are fixed now, when its period opens (issue 6).
        from dvcq_desktop.services.roster import open_period

        try:
            open_period(ws, ws.period.id)
        except BaseException:
            ws.close()
            raise
    return ws


def restore_workspace(root: Path, source: Path) -> Path:
    """Restore from a backup file; works even when the current database is damaged."""
    lock = WorkspaceLock(root)
    root.mkdir(parents=True, exist_ok=True)
    lock.acquire()
    try:
        return restore_file(source, root / "dvcq.sqlite3", root / "backups")
    finally:
        lock.release()
