"""Unsaved editor state kept in the `drafts` table so a crash or power cut loses no typing.

Drafts are scratch data: not audited, overwritten on every autosave, deleted on save or cancel.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.domain import clock


def save(db: Database, key: str, content: dict[str, Any]) -> None:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    with db.atomic():
        db.execute(
            "INSERT INTO drafts(key, content, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET content = excluded.content, "
            "updated_at = excluded.updated_at",
            [key, text, clock.iso(clock.now())],
        )


def load(db: Database, key: str) -> tuple[dict[str, Any], datetime] | None:
    """The saved state and when it was written, or None."""
    rows = list(db.query("SELECT content, updated_at FROM drafts WHERE key = ?", [key]))
    if not rows:
        return None
    try:
        content = json.loads(rows[0]["content"])
    except ValueError:
        # A half-written draft is worth nothing; forget it rather than fail to open the editor.
        delete(db, key)
        return None
    if not isinstance(content, dict):
        delete(db, key)
        return None
    return content, clock.parse_iso(rows[0]["updated_at"])


def delete(db: Database, key: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM drafts WHERE key = ?", [key])
