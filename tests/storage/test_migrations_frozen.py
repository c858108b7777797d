"""A database migrated step by step from m001, with data in it, ends with exactly the schema of a
database created new: the migrations carry their own DDL, so they mean today what they meant then.

Whatever migrations exist are checked, in order: adding one adds a step here.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from dvcq_desktop.storage import search_index
from dvcq_desktop.storage.migrations import known_names, migrate, migrations
from dvcq_desktop.text import fold

NOW = "2023-05-02T08:00:00+07:00"


def _schema(path: Path) -> tuple[int, list[tuple[str, str, str, str]]]:
    """user_version and every sqlite_master row (type, name, table, SQL with whitespace collapsed)."""
    con = sqlite3.connect(str(path))
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        rows = con.execute("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master").fetchall()
    finally:
        con.close()
    return version, sorted((t, n, tbl, re.sub(r"\s+", " ", sql).strip()) for t, n, tbl, sql in rows)


def _fill_m001(db: Database) -> None:
    """Data as a first release would have written it, in m001's own columns."""
    db["settings"].insert({"key": "role", "value": '"unit"'})
    for i, (title, deleted) in enumerate((("Dân vận khéo ở khu phố 4", None), ("Bản nháp đã xóa", NOW))):
        db["activities"].insert(
            {
                "id": f"00000000-0000-4000-8000-{i:012d}",
                "area_id": "A2",
                "type_id": "tuyen_truyen",
                "title": title,
                "start_date": "2023-05-01",
                "search_text": fold(title),
                "created_at": NOW,
                "updated_at": NOW,
                "deleted_at": deleted,
            }
        )
        db.execute(
            "INSERT INTO audit_log(at, entity, entity_id, action) VALUES (?, 'activity', ?, 'create')",
            [NOW, f"00000000-0000-4000-8000-{i:012d}"],
        )


def test_step_by_step_from_m001_equals_new(tmp_path: Path) -> None:
    names = known_names()
    assert names[0] == "m001_initial" and names == sorted(names)

    new_path = tmp_path / "new.sqlite3"
    new = Database(str(new_path))
    assert migrate(new) == names
    new.close()

    old_path = tmp_path / "old.sqlite3"
    old = Database(str(old_path))
    migrations.apply(old, stop_before=names[1])
    assert [m.name for m in migrations.applied(old)] == names[:1]
    _fill_m001(old)
    for i in range(2, len(names)):  # one release at a time, each opening the previous one's file
        migrations.apply(old, stop_before=names[i])
        assert [m.name for m in migrations.applied(old)] == names[:i]
    assert migrate(old) == names[-1:]

    # The data came through, and the search index built by the later migrations holds live rows only.
    assert old.execute("SELECT count(*) FROM activities").fetchone()[0] == 2
    if search_index.available(old):
        assert search_index.count_live_matches(old, ["dan van kheo"]) == 1
        assert search_index.count_live_matches(old, ["ban nhap"]) == 0
    old.close()

    assert _schema(old_path) == _schema(new_path)
