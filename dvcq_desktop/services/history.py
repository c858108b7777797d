"""Every revision of a report slot, and what changed between two of them.

The diff parses the stored `data/submission.json` text (kept verbatim in `received.submission`):
two 2,000-activity revisions decode and compare in a few tens of milliseconds, so no per-field
history table is needed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.records import Activity, Submission
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package import codec
from dvcq_desktop.storage import aggregator_repo as repo
from dvcq_desktop.storage.workspace import Workspace


@dataclass(frozen=True)
class Revision:
    package_id: str
    revision: int
    supersedes: str | None
    is_current: bool
    status: str  # "new" | "newer" | "older" (older = flagged, never current)
    created_at: datetime
    finalized_at: datetime | None
    received_at: datetime
    received_at_reason: str
    sha256: str
    inbox_path: str
    source_path: str


def revisions(
    ws: Workspace, unit_code: str, plan_id: str | None = None, period_id: str | None = None
) -> list[Revision]:
    """Every stored revision of the slot, oldest first; exactly one has `is_current`."""
    if plan_id is None:
        ws.use_period(period_id)
    rows = repo.slot_revisions(ws.db, unit_code, plan_id or ws.plan.id, period_id or ws.period.id)
    return [
        Revision(
            r["package_id"],
            r["revision"],
            r["supersedes"],
            bool(r["is_current"]),
            r["status"],
            clock.parse_iso(r["created_at"]),
            clock.parse_iso(r["finalized_at"]) if r["finalized_at"] else None,
            clock.parse_iso(r["received_at"]),
            r["received_at_reason"],
            r["sha256"],
            r["inbox_path"],
            r["source_path"],
        )
        for r in rows
    ]


def load_submission(ws: Workspace, package_id: str) -> Submission:
    text = repo.submission_json(ws.db, package_id)
    if text is None:
        raise DvcqError("received_missing", package_id=package_id)
    return codec.submission_from_dict(json.loads(text))


@dataclass(frozen=True)
class ActivityChange:
    activity_id: str
    title: str
    fields: tuple[str, ...]  # names of the Activity fields that differ


@dataclass(frozen=True)
class ValueChange:
    indicator_id: str
    old: int | None
    new: int | None
    old_comment: str = ""
    new_comment: str = ""


@dataclass(frozen=True)
class NarrativeChange:
    section_id: str
    old: str
    new: str


@dataclass(frozen=True)
class RevisionDiff:
    package_a: str
    package_b: str
    revision_a: int
    revision_b: int
    added: tuple[Activity, ...]
    removed: tuple[Activity, ...]
    changed: tuple[ActivityChange, ...]
    values: tuple[ValueChange, ...]
    narratives: tuple[NarrativeChange, ...]
    document_fields: tuple[str, ...]  # DocumentMeta fields that differ (number, date, signer…)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.values
            or self.narratives
            or self.document_fields
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.package_a,
            "b": self.package_b,
            "revision_a": self.revision_a,
            "revision_b": self.revision_b,
            "added": [a.id for a in self.added],
            "removed": [a.id for a in self.removed],
            "changed": {c.activity_id: list(c.fields) for c in self.changed},
            "values": {v.indicator_id: [v.old, v.new] for v in self.values},
            "narratives": [n.section_id for n in self.narratives],
            "document": list(self.document_fields),
        }


# `updated_at` changes whenever the officer saves; it is bookkeeping, not content.
_IGNORED_ACTIVITY_FIELDS = {"id", "updated_at", "created_at"}
_ACTIVITY_FIELDS = tuple(f.name for f in fields(Activity) if f.name not in _IGNORED_ACTIVITY_FIELDS)


def diff_submissions(
    a: Submission, b: Submission
) -> tuple[
    tuple[Activity, ...],
    tuple[Activity, ...],
    tuple[ActivityChange, ...],
    tuple[ValueChange, ...],
    tuple[NarrativeChange, ...],
    tuple[str, ...],
]:
    acts_a = {x.id: x for x in a.activities}
    acts_b = {x.id: x for x in b.activities}
    added = tuple(x for k, x in acts_b.items() if k not in acts_a)
    removed = tuple(x for k, x in acts_a.items() if k not in acts_b)
    changed = []
    for k, old in acts_a.items():
        new = acts_b.get(k)
        if new is None or new == old:
            continue
        diff = tuple(f for f in _ACTIVITY_FIELDS if getattr(old, f) != getattr(new, f))
        if diff:
            changed.append(ActivityChange(k, new.title, diff))
    vals_a = {v.indicator_id: v for v in a.indicators}
    vals_b = {v.indicator_id: v for v in b.indicators}
    values = []
    for ind in sorted(vals_a.keys() | vals_b.keys()):
        va, vb = vals_a.get(ind), vals_b.get(ind)
        v_old, v_new = (va.value if va else None), (vb.value if vb else None)
        oc, nc = (va.comment if va else ""), (vb.comment if vb else "")
        if v_old != v_new or oc != nc:
            values.append(ValueChange(ind, v_old, v_new, oc, nc))
    nar_a = {n.section_id: n.text for n in a.narratives}
    nar_b = {n.section_id: n.text for n in b.narratives}
    narratives = tuple(
        NarrativeChange(s, nar_a.get(s, ""), nar_b.get(s, ""))
        for s in sorted(nar_a.keys() | nar_b.keys())
        if nar_a.get(s, "") != nar_b.get(s, "")
    )
    doc = tuple(
        f.name for f in fields(a.document) if getattr(a.document, f.name) != getattr(b.document, f.name)
    )
    return added, removed, tuple(changed), tuple(values), narratives, doc


def diff_revisions(ws: Workspace, package_id_a: str, package_id_b: str) -> RevisionDiff:
    """What changed from revision A to revision B (normally A older, B newer) of a slot."""
    a, b = load_submission(ws, package_id_a), load_submission(ws, package_id_b)
    ra = repo.by_package_id(ws.db, package_id_a)
    rb = repo.by_package_id(ws.db, package_id_b)
    assert ra is not None and rb is not None
    added, removed, changed, values, narratives, doc = diff_submissions(a, b)
    return RevisionDiff(
        package_id_a,
        package_id_b,
        ra["revision"],
        rb["revision"],
        added,
        removed,
        changed,
        values,
        narratives,
        doc,
    )
