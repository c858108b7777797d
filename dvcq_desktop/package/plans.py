"""Which plan a package was written against, so the reader can judge its ids (docs §4.1).

A package names its plan by `plan.id` and `plan.content_hash`; only a plan with both equal is the
package's plan. The reader asks a `PlanLookup`: by default the plans shipped with the app; the
receiving office adds the plans stored in its workspace (services/intake.py). An unknown plan
leaves the plan checks undone: the import then refuses the package for its plan anyway
(`import_plan_unknown`, `import_plan_mismatch`), and `verify` says the ids were not checked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.errors import DvcqError

log = logging.getLogger(__name__)

PlanLookup = Callable[[str, str], "Plan | None"]  # (plan id, content hash) → the plan, or None


@cache
def _builtin_index() -> dict[tuple[str, str], Plan]:
    from dvcq_desktop.domain.plan_loader import builtin_plan_paths, load_plan

    out: dict[tuple[str, str], Plan] = {}
    for path in builtin_plan_paths():
        try:
            plan = load_plan(path)
        except DvcqError as exc:  # a broken shipped file must not make every package unreadable
            log.error("built-in plan %s unusable: %r", path.name, exc)
            continue
        out[(plan.id, plan.content_hash)] = plan
    return out


def builtin_plans(plan_id: str, content_hash: str) -> Plan | None:
    """The shipped plan with this id and content hash, or None."""
    return _builtin_index().get((plan_id, content_hash))


def first_of(*lookups: PlanLookup) -> PlanLookup:
    """A lookup asking each of `lookups` in turn."""

    def find(plan_id: str, content_hash: str) -> Plan | None:
        for lookup in lookups:
            plan = lookup(plan_id, content_hash)
            if plan is not None:
                return plan
        return None

    return find


def known_plans(*plans: Plan) -> PlanLookup:
    """A lookup over given plans (e.g. the ones a workspace stores)."""
    index = {(p.id, p.content_hash): p for p in plans}
    return lambda plan_id, content_hash: index.get((plan_id, content_hash))
