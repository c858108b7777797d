"""Moving the data folder somewhere that survives the Windows profile (issue 19 point 2).

By default the data lives in %LOCALAPPDATA%, which a temporary or mandatory profile or a profile
clean-up policy deletes at log-off. The officer can move it (Cài đặt → Thư mục dữ liệu):
1. the target is checked: not inside the current folder, empty, writable, on this machine (SQLite
   is unsafe on a network share), with room for the data;
2. the database is copied with SQLite's backup API (consistent, even while open) and checked
   (integrity, the same rows in every table); attachments, backups, exports and the inbox are
   copied file by file and compared by size;
3. the caller opens the new folder; only then `remember_workspace` records it where the app
   looks for its data at the next start. The old folder is left as it was (a note inside says
   where the data went): nothing is deleted for the officer.
Qt-free; the Settings page drives it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.paths import DB_FILENAME, POINTER_FILENAME
from dvcq_desktop.services.startup_checks import check_location
from dvcq_desktop.storage.db import integrity_ok
from dvcq_desktop.storage.fsutil import sqlite_readonly_uri, write_atomic, write_bytes_atomic
from dvcq_desktop.storage.workspace import SUBDIRS
from dvcq_desktop.text import format_number

log = logging.getLogger(__name__)

MOVED_NOTE = "DU-LIEU-DA-CHUYEN.txt"
SPACE_MARGIN = 1.2  # the copy needs its size plus room for the database to grow and a backup
SPACE_EXTRA = 50 * 1024 * 1024
Progress = Callable[[int, int, str], None]


def folder_size(root: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            try:
                total += (Path(dirpath) / name).stat().st_size
            except OSError:
                continue
    return total


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def _megabytes(n: int) -> str:
    return f"{format_number(n / (1024 * 1024), 0)} MB"


def check_target(
    current: Path,
    target: Path,
    *,
    need: int | None = None,
    free_space: Callable[[Path], int] | None = None,
    location: Callable[[Path], list[object]] | None = None,
) -> None:
    """Raise DvcqError when `target` cannot take the data of `current`."""
    current, target = Path(current).resolve(), Path(target).resolve()
    if _inside(target, current):
        raise DvcqError("move_target_inside", path=str(target))
    if _inside(current, target):
        raise DvcqError("move_target_not_empty", path=str(target))  # the old data is in there
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DvcqError("move_target_not_empty", path=str(target))
    warnings = (location or check_location)(target)
    if any(getattr(w, "code", "") == "startup_network_share" for w in warnings):
        raise DvcqError("move_target_network", path=str(target))
    probe_dir = target if target.exists() else target.parent
    try:
        probe_dir.mkdir(parents=True, exist_ok=True)
        probe = probe_dir / ".dvcq-thu-ghi"
        write_bytes_atomic(probe, b"ok")
        probe.unlink()
    except (OSError, DvcqError) as exc:
        log.warning("move target %s is not writable: %r", target, exc)
        raise DvcqError("move_target_not_writable", detail=repr(exc), path=str(target)) from None
    need = folder_size(current) if need is None else need
    free = (free_space or (lambda p: shutil.disk_usage(p).free))(probe_dir)
    wanted = int(need * SPACE_MARGIN) + SPACE_EXTRA
    if free < wanted:
        raise DvcqError("move_no_space", path=str(target), free=_megabytes(free), need=_megabytes(wanted))


def _row_counts(con: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _copy_database(src: Path, dst: Path) -> None:
    def fill(tmp: Path) -> None:
        source = sqlite3.connect(sqlite_readonly_uri(src), uri=True)
        target = sqlite3.connect(str(tmp))
        try:
            source.backup(target, pages=256)
            target.execute("PRAGMA journal_mode=DELETE")
            target.commit()
        finally:
            source.close()
            target.close()

    write_atomic(dst, fill)
    if not integrity_ok(dst):
        raise DvcqError(
            "move_verify_failed",
            detail="integrity_check",
            path=str(dst.parent),
            what="cơ sở dữ liệu chép sang không nguyên vẹn",
        )
    a = sqlite3.connect(sqlite_readonly_uri(src), uri=True)
    b = sqlite3.connect(sqlite_readonly_uri(dst), uri=True)
    try:
        if _row_counts(a) != _row_counts(b):
            raise DvcqError(
                "move_verify_failed",
                detail="row counts",
                path=str(dst.parent),
                what="số dòng dữ liệu chép sang khác bản gốc",
            )
    finally:
        a.close()
        b.close()


def _copy_files(src_root: Path, dst_root: Path, progress: Progress) -> None:
    files = [
        p
        for d in SUBDIRS
        if (src_root / d).is_dir()
        for p in sorted((src_root / d).rglob("*"))
        if p.is_file()
    ]
    for i, src in enumerate(files, 1):
        if src.name.endswith(".part"):
            continue  # a temporary file of an interrupted write
        dst = dst_root / src.relative_to(src_root)
        dst.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(dst, lambda tmp, s=src: shutil.copyfile(s, tmp))  # type: ignore[misc]
        shutil.copystat(src, dst)
        if dst.stat().st_size != src.stat().st_size:
            raise DvcqError(
                "move_verify_failed",
                detail=f"size of {src.name}",
                path=str(dst_root),
                what=f"tệp {src.name} chép sang khác kích thước",
            )
        progress(i, len(files), "Đang chép tệp đính kèm, bản sao lưu và gói đã xuất")
    for d in SUBDIRS:
        (dst_root / d).mkdir(exist_ok=True)


def copy_workspace(src_root: Path, dst_root: Path, progress: Progress | None = None) -> None:
    """Copy the data folder `src_root` (closed or open: the database is read through the backup
    API) into the new, empty `dst_root`, and verify the copy. On failure what was created in
    `dst_root` is removed and `src_root` is untouched."""
    report = progress or (lambda _d, _t, _m: None)
    src_root, dst_root = Path(src_root), Path(dst_root)
    existed = dst_root.exists()
    dst_root.mkdir(parents=True, exist_ok=True)
    try:
        report(0, 1, "Đang chép cơ sở dữ liệu")
        _copy_database(src_root / DB_FILENAME, dst_root / DB_FILENAME)
        _copy_files(src_root, dst_root, report)
    except BaseException:
        log.exception("copy of %s to %s failed; removing the partial copy", src_root, dst_root)
        for child in list(dst_root.iterdir()) if dst_root.exists() else []:
            shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)
        if not existed:
            shutil.rmtree(dst_root, ignore_errors=True)
        raise


def remember_workspace(config_dir: Path, new_root: Path, previous: Path | None) -> Path:
    """Record the data folder where the app looks for it at start (`paths.AppPaths.build`), and
    leave a note in the old folder saying where the data went (none when an existing folder was
    picked in the wizard: there is no old folder then)."""
    config_dir.mkdir(parents=True, exist_ok=True)
    record = {"workspace": str(new_root), "previous": str(previous or "")}
    pointer = write_bytes_atomic(
        config_dir / POINTER_FILENAME, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
    )
    if previous is None:
        return pointer
    try:
        note = (
            f"Dữ liệu của chương trình đã được chuyển sang:\r\n{new_root}\r\n\r\n"
            "Thư mục này là bản cũ, giữ lại để phòng khi cần; chương trình không dùng nó nữa.\r\n"
        )
        write_bytes_atomic(previous / MOVED_NOTE, note.encode("utf-8-sig"))
    except (OSError, DvcqError):
        log.warning("could not leave a note in %s", previous, exc_info=True)
    return pointer
