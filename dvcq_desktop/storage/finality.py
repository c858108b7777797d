"""Whether a period's data is finalised: an export finalises it, any later edit undoes that.

The export records a fingerprint of the data it carried (indicators, comments, activities,
narratives); the period stays finalised while the data still has that fingerprint. Editing an
activity, a figure or a sentence changes it, and the report is a DỰ THẢO again — with no need
for every writer to remember to clear a flag. Document details (number, date, signer) are not
part of the data: filling them in after the export does not undo it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.records import Submission
from dvcq_desktop.storage import settings

SETTING = "finalised"  # {"<plan id>/<period id>": {"at": ISO time, "fingerprint": sha256}}


def fingerprint(sub: Submission) -> str:
    data: dict[str, Any] = {
        "indicators": [asdict(v) for v in sub.indicators],
        "activities": sorted((asdict(a) for a in sub.activities), key=lambda a: str(a["id"])),
        "narratives": [asdict(n) for n in sub.narratives if n.text.strip()],
        "comments": sorted((r.rule_id, r.comment) for r in sub.rule_results),
    }
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _key(sub: Submission) -> str:
    return f"{sub.plan.id}/{sub.period.id}"


def mark(db: Database, sub: Submission, fingerprint_: str, at: datetime) -> None:
    """Record that the data with `fingerprint_` was finalised (exported) at `at`."""
    stored = dict(settings.get(db, SETTING, {}) or {})
    stored[_key(sub)] = {"at": clock.iso(at), "fingerprint": fingerprint_}
    settings.put(db, SETTING, stored)


def finalised_at(db: Database, sub: Submission) -> datetime | None:
    """When the data as it is now was finalised, or None (never exported, or edited since)."""
    entry = (settings.get(db, SETTING, {}) or {}).get(_key(sub))
    if not entry or entry.get("fingerprint") != fingerprint(sub):
        return None
    return clock.parse_iso(entry["at"])
