"""Migration m007: existing workspaces brought through the input door (`text.entry`).

Before the door existed, text pasted from Word or a PDF could be saved with characters XML cannot
hold (U+000B, U+001F, U+0000…) and then block every report and export. This pass cleans every
stored text the way the door now does, shortens what is longer than the package schema allows and
clears counts beyond its range. Every change is written to the audit log with the old value, so
nothing is lost, and counted in the application log.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.storage import audit
from dvcq_desktop.text import fold
from dvcq_desktop.text.entry import field_text, max_length, number_range
from dvcq_desktop.text.sortkey import sort_key_text

log = logging.getLogger(__name__)

_ACTIVITY_TEXT = (
    "title",
    "content",
    "location",
    "lead_unit",
    "partners",
    "result",
    "doc_number",
    "doc_summary",
)
_SEARCH = _ACTIVITY_TEXT  # storage.activities.SEARCH_FIELDS at the time of this migration
_COUNTS = {"participants": "participants", "groups_count": "groups"}


def _fit(key: str, value: Any) -> str:
    text = field_text(key, value)
    return text[: max_length(key)]


def _json_strings(value: Any) -> Any:
    if isinstance(value, str):
        return field_text("extras.value", value)
    if isinstance(value, dict):
        return {k: _json_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_strings(v) for v in value]
    return value


def _activities(db: Database) -> int:
    changed = 0
    cols = ", ".join(("id", *_ACTIVITY_TEXT, *_COUNTS))
    for row in list(db.query(f"SELECT {cols} FROM activities")):
        new: dict[str, Any] = {f: _fit(f"activity.{f}", row[f]) for f in _ACTIVITY_TEXT}
        if not new["title"]:
            new["title"] = "(chưa có tên)"  # the table requires a title; an all-control title is empty now
        for col, key in _COUNTS.items():
            hi = number_range(f"activity.{key}")[1]
            n = row[col]
            new[col] = n if n is None or 0 <= n <= hi else None
        diff = {k: v for k, v in new.items() if row[k] != v}
        if not diff:
            continue
        diff["search_text"] = fold(" ".join(new[f] for f in _SEARCH))
        diff["sort_title"] = sort_key_text(new["title"])
        db.table("activities").update(row["id"], diff)
        for k in diff:
            if k in row:
                audit.record(db, "activity", row["id"], "clean", field=k, old=row[k], new=new[k])
        changed += 1
    return changed


def _period_texts(db: Database, table: str, key_col: str, text_col: str, field_key: str) -> int:
    changed = 0
    rows = list(db.query(f"SELECT rowid AS rid, {key_col}, {text_col} FROM {table}"))
    for r in rows:
        new = _fit(field_key, r[text_col])
        if new != r[text_col]:
            db.execute(f"UPDATE {table} SET {text_col} = ? WHERE rowid = ?", [new, r["rid"]])
            audit.record(db, table, str(r[key_col]), "clean", field=text_col, old=r[text_col], new=new)
            changed += 1
    return changed


def _json_column(db: Database, table: str, key_col: str, col: str) -> int:
    changed = 0
    for r in list(db.query(f"SELECT rowid AS rid, {key_col}, {col} FROM {table}")):
        try:
            value = json.loads(r[col])
        except (TypeError, ValueError):
            continue
        new = json.dumps(_json_strings(value), ensure_ascii=False, sort_keys=True)
        if json.loads(new) != value:
            db.execute(f"UPDATE {table} SET {col} = ? WHERE rowid = ?", [new, r["rid"]])
            audit.record(db, table, str(r[key_col]), "clean", field=col, old=r[col], new=new)
            changed += 1
    return changed


def clean_stored_text(db: Database) -> dict[str, int]:
    """Runs inside the migration's transaction; returns what changed per table (also logged)."""
    from dvcq_desktop.storage import search_index

    search_index.drop_triggers(db)  # before any update: they cannot run with trusted_schema=OFF
    counts = {
        "activities": _activities(db),
        "narratives": _period_texts(db, "narratives", "section_id", "text", "narrative.text"),
        "indicator_values": _period_texts(
            db, "indicator_values", "indicator_id", "comment", "indicator.comment"
        ),
        "rule_comments": _period_texts(db, "rule_comments", "rule_id", "comment", "rule.comment"),
        "documents": _json_column(db, "documents", "period_id", "meta"),
        "settings": _json_column(db, "settings", "key", "value"),
    }
    search_index.rebuild_live(db)  # the cleaned text, and entries the old triggers lost
    log.info("m007: cleaned stored text %s", counts)
    if any(counts.values()):
        audit.record(db, "workspace", "*", "clean_text", new=json.dumps(counts, sort_keys=True))
    return counts
