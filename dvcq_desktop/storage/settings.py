"""Workspace settings: small JSON values by key, every change audited."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.storage import audit
from dvcq_desktop.text import entry_text

_MISSING = object()


def get(db: Database, key: str, default: Any = None) -> Any:
    rows = list(db.query("SELECT value FROM settings WHERE key = ?", [key]))
    if not rows:
        return default
    return json.loads(rows[0]["value"])


def entry_value(value: Any) -> Any:
    """Every string inside a setting through the input door (settings hold names, signers and
    document defaults that end up in reports)."""
    if isinstance(value, str):
        return entry_text(value)
    if isinstance(value, dict):
        return {k: entry_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [entry_value(v) for v in value]
    return value


def put(db: Database, key: str, value: Any) -> None:
    value = entry_value(value)
    new = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with db.atomic():
        old = get(db, key, _MISSING)
        old_text = None if old is _MISSING else json.dumps(old, ensure_ascii=False, sort_keys=True)
        if old_text == new:
            return
        db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, new],
        )
        audit.record(
            db, "settings", key, "update" if old_text is not None else "create", old=old_text, new=new
        )


def put_many(db: Database, values: dict[str, Any]) -> None:
    with db.atomic():
        for k, v in values.items():
            put(db, k, v)
