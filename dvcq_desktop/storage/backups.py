"""Consistent copies of the live database (SQLite backup API), rotation, and safe restore.

A copy is written to a temporary name, checked with integrity_check, synced, and only then
renamed into place, so a half-written backup never looks like a good one (reliability.md §1.5).
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from dvcq_desktop.domain import clock
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.progress import Progress
from dvcq_desktop.storage.db import integrity_ok, looks_like_sqlite
from dvcq_desktop.storage.fsutil import (
    fsync_dir,
    fsync_file,
    replace_with_retry,
    sqlite_readonly_uri,
    write_atomic,
)

log = logging.getLogger(__name__)

AUTO_PREFIX = "tu-dong"
DEFAULT_KEEP = 10
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def backup_to(db: Database, dest: Path, progress: Progress | None = None) -> Path:
    """Write a verified copy of `db` to `dest` (replaced atomically if it exists)."""
    dest.parent.mkdir(parents=True, exist_ok=True)

    def _cb(status: int, remaining: int, total: int) -> None:
        if progress:
            progress(total - remaining, total, "Đang sao lưu dữ liệu")

    def _fill(tmp: Path) -> None:
        target = sqlite3.connect(str(tmp))
        try:
            db.conn.backup(target, pages=256, progress=_cb)
            target.execute("PRAGMA journal_mode=DELETE")
            target.commit()
        finally:
            target.close()
        if not integrity_ok(tmp):
            raise DvcqError(
                "backup_invalid", detail="integrity", path=str(dest), reason="bản sao vừa ghi bị hỏng"
            )

    return write_atomic(dest, _fill)


def backup_name(kind: str, at: datetime | None = None) -> str:
    at = at or clock.now()
    return f"dvcq-{_SAFE.sub('-', kind)}-{at:%Y%m%d-%H%M%S}.sqlite3"


def list_backups(backups_dir: Path) -> list[Path]:
    """Newest first."""
    if not backups_dir.is_dir():
        return []
    files = [p for p in backups_dir.glob("dvcq-*.sqlite3") if p.is_file()]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def newest_good_backup(backups_dir: Path) -> Path | None:
    for p in list_backups(backups_dir):
        if integrity_ok(p):
            return p
    return None


def rotate(backups_dir: Path, keep: int = DEFAULT_KEEP) -> list[Path]:
    autos = [p for p in list_backups(backups_dir) if p.name.startswith(f"dvcq-{AUTO_PREFIX}-")]
    removed = autos[keep:]
    for p in removed:
        p.unlink(missing_ok=True)
    return removed


def auto_backup_if_due(
    db: Database,
    backups_dir: Path,
    keep: int = DEFAULT_KEEP,
    at: datetime | None = None,
    mirror_dir: Path | None = None,
) -> Path | None:
    """Once a day at start: a rotating copy, so a bad day can be undone; also copied to the
    second backup destination when the officer set one and it is there today."""
    at = at or clock.now()
    stamp = f"dvcq-{AUTO_PREFIX}-{at:%Y%m%d}"
    if any(p.name.startswith(stamp) for p in list_backups(backups_dir)):
        return None
    try:
        path = backup_to(db, backups_dir / backup_name(AUTO_PREFIX, at))
    except (OSError, DvcqError):
        # A failed automatic backup must not stop the officer from working; it is logged.
        log.exception("automatic backup failed")
        return None
    rotate(backups_dir, keep)
    mirror_backup(path, mirror_dir, keep)
    return path


# Workspace setting: a second folder every backup is also copied to (USB stick, network share),
# so data living in the Windows profile survives the profile being wiped.
MIRROR_KEY = "backup_mirror_dir"


def mirror_dir_of(db: Database) -> Path | None:
    from dvcq_desktop.storage import settings

    value = settings.get(db, MIRROR_KEY)
    return Path(value) if isinstance(value, str) and value else None


def mirror_backup(backup: Path, mirror_dir: Path | None, keep: int = DEFAULT_KEEP) -> Path | None:
    """Copy a finished backup into `mirror_dir` (verified, atomically), rotating the automatic
    ones there too. A destination that is not there (stick not plugged in, share offline) or
    that fails is skipped with a log line: the backup in the workspace is already made."""
    if mirror_dir is None:
        return None
    if not mirror_dir.is_dir():
        log.warning("second backup destination %s is not available; skipped", mirror_dir)
        return None
    dest = mirror_dir / backup.name
    try:
        write_atomic(dest, lambda tmp: shutil.copyfile(backup, tmp))
        if not integrity_ok(dest):
            raise DvcqError(
                "backup_invalid",
                detail="integrity of the copy",
                path=str(dest),
                reason="bản chép ở nơi sao lưu thứ hai đọc lại không nguyên vẹn",
            )
    except (OSError, DvcqError):
        log.exception("copy to the second backup destination %s failed; skipped", mirror_dir)
        return None
    rotate(mirror_dir, keep)
    log.info("backup copied to the second destination: %s", dest)
    return dest


def validate_backup(path: Path) -> None:
    """Refuse anything but a backup this app made (see `restore_check`); changes nothing."""
    from dvcq_desktop.storage.restore_check import check_backup

    check_backup(path)


def restore_file(source: Path, db_path: Path, backups_dir: Path) -> Path:
    """Replace the database at `db_path` with `source`; the replaced file is kept. The caller
    must have closed every connection to `db_path`. Returns where the old database was kept."""
    validate_backup(source)
    backups_dir.mkdir(parents=True, exist_ok=True)
    kept = backups_dir / backup_name("truoc-khoi-phuc")
    if db_path.exists():
        # Keep the replaced database byte for byte (even a damaged one may hold data worth rescuing).
        src_conn = None
        if looks_like_sqlite(db_path) and integrity_ok(db_path):
            src_conn = sqlite3.connect(str(db_path))
            dst = sqlite3.connect(str(kept))
            src_conn.backup(dst)
            dst.close()
            src_conn.close()
        else:
            shutil.copy2(db_path, kept.with_suffix(".hong"))
            kept = kept.with_suffix(".hong")
        fsync_file(kept)
    tmp = db_path.with_name(db_path.name + ".restore")
    try:
        src = sqlite3.connect(sqlite_readonly_uri(source), uri=True)
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        fsync_file(tmp)
        for side in ("-wal", "-shm"):
            Path(str(db_path) + side).unlink(missing_ok=True)
        replace_with_retry(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(db_path.parent)
    return kept
