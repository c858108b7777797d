"""Accent-insensitive search over 100,000 activities within the GUI's 100 ms budget.

`search_text` (folded by `text.fold`) is indexed by an FTS5 table with the trigram tokenizer,
kept current by triggers, so "dan van kheo" finds "Dân vận khéo" as a substring match without
scanning the table. Terms shorter than three characters cannot use a trigram index and fall back
to `instr` (still correct, only slower). If this SQLite lacks FTS5/trigram, everything falls back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

FTS_TABLE = "activities_fts"


# The triggers that keep the index current (created by migrations m003/m004, which hold their DDL);
# bulk_insert lifts them for a large insert. "activities_fts_au" is m003's, replaced by m004.
_TRIGGERS = (
    "activities_fts_ai",
    "activities_fts_ad",
    "activities_fts_au",
    "activities_fts_au_old",
    "activities_fts_au_new",
)


def available(db: Database) -> bool:
    return bool(db.execute("SELECT count(*) FROM sqlite_master WHERE name = ?", [FTS_TABLE]).fetchone()[0])


def fts_query(terms: list[str]) -> str | None:
    """The FTS5 query for the terms the trigram index can serve (three characters or more)."""
    long_terms = [t for t in terms if len(t) >= 3]
    if not long_terms:
        return None
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms)


def count_live_matches(db: Database, terms: list[str]) -> int | None:
    """Hits among live rows when every term can use the index; None when it cannot answer."""
    query = fts_query(terms)
    if query is None or any(len(t) < 3 for t in terms) or not available(db):
        return None
    return int(
        db.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", [query]).fetchone()[0]
    )


def term_clauses(terms: list[str], use_fts: bool) -> tuple[list[str], list[Any]]:
    """SQL conditions (ANDed) matching every folded term as a substring of search_text."""
    clauses: list[str] = []
    args: list[Any] = []
    long_terms = [t for t in terms if len(t) >= 3] if use_fts else []
    if long_terms:
        query = fts_query(long_terms)
        clauses.append(f"rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)")
        args.append(query)
    for t in terms:
        if t not in long_terms:
            clauses.append("instr(search_text, ?) > 0")
            args.append(t)
    return clauses, args


@contextlib.contextmanager
def bulk_insert(db: Database) -> Iterator[None]:
    """For inserts of new rows: they are indexed in one statement once inserted. Must run inside
    the caller's transaction, so the rows and their index entries commit together."""
    if not available(db):
        yield
        return
    before = db.execute("SELECT coalesce(max(rowid), 0) FROM activities").fetchone()[0]
    yield
    db.execute(
        f"INSERT INTO {FTS_TABLE}(rowid, search_text) "
        "SELECT rowid, search_text FROM activities WHERE rowid > ? AND deleted_at IS NULL",
        [before],
    )


@contextlib.contextmanager
def changing(db: Database, ids: list[str]) -> Iterator[None]:
    """Around an update of existing rows (text, trash): their entries are removed with the text
    they were indexed with, then the rows are indexed again as they are after the change.

    The index is kept by the storage code rather than by triggers: a trigger may not write to an
    FTS5 table on a connection with `trusted_schema=OFF` (storage/db.py), which every connection
    uses so that a crafted database cannot turn its triggers against the user."""
    if not available(db) or not ids:
        yield
        return
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        db.execute(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) SELECT 'delete', rowid, "
            f"search_text FROM activities WHERE id IN ({marks}) AND deleted_at IS NULL",
            chunk,
        )
    yield
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        db.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, search_text) SELECT rowid, search_text FROM activities "
            f"WHERE id IN ({marks}) AND deleted_at IS NULL",
            chunk,
        )


def _chunks(ids: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def drop_triggers(db: Database) -> None:
    """Migration m007: the index triggers go; the storage code keeps the index (see `changing`)."""
    for name in _TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")


def rebuild_live(db: Database) -> None:
    """The index made again from the live rows. Migration m007 runs it: it also repairs entries
    the old triggers removed (SQLite fires the newest trigger first, so an edit deleted the new
    text's shared trigrams right after inserting them, and the activity vanished from search)."""
    if not available(db):
        return
    db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
    db.execute(
        f"INSERT INTO {FTS_TABLE}(rowid, search_text) "
        "SELECT rowid, search_text FROM activities WHERE deleted_at IS NULL"
    )
