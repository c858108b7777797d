"""Durable file operations: fsync, and the one atomic write every file the app produces goes through.

`write_atomic` writes a temporary file in the destination's folder, syncs it, renames it over the
destination (retrying Windows sharing errors: an antivirus or indexer often holds a fresh file for
a moment), then syncs the folder on POSIX. Any failure removes the temporary file, so a crash or a
refused rename never leaves half a report or a stray `.part` behind. When the destination is held
open by another program (Word still showing last year's report), the user is told to close that
file, not that the disk is read-only.
"""

from __future__ import annotations

import errno
import logging
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path, PureWindowsPath
from urllib.parse import quote

from dvcq_desktop.errors import DvcqError

log = logging.getLogger(__name__)

IS_WINDOWS = os.name == "nt"

# winerror values of a PermissionError from MoveFileEx: 5 access denied (target open without
# FILE_SHARE_DELETE, or pending delete), 32 sharing violation, 33 lock violation.
WIN_ACCESS_DENIED = 5
WIN_SHARING = frozenset({32, 33})
REPLACE_ATTEMPTS = 8  # 0,05 + 0,1 + 0,2 + 0,4 + 0,5 × 3 ≈ 2,3 s before giving up
TEMP_SUFFIX = ".part"

Replace = Callable[[str | os.PathLike[str], str | os.PathLike[str]], None]


def fsync_file(path: Path, *, windows: bool = IS_WINDOWS) -> None:
    """Flush `path` to the device. Windows' FlushFileBuffers needs a handle with write access
    (a read-only handle gets "access denied"); POSIX fsync works on any descriptor."""
    flags = (os.O_RDWR | getattr(os, "O_BINARY", 0)) if windows else os.O_RDONLY
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path, *, windows: bool = IS_WINDOWS) -> None:
    """Make a rename in `path` durable. Windows cannot open a folder for fsync; NTFS journals the
    rename itself. Some file systems (FAT on some kernels) refuse it: that is not an error."""
    if windows:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, getattr(errno, "ENOTSUP", 95)):
            raise
    finally:
        os.close(fd)


def temp_path_for(dest: Path) -> Path:
    """A fresh temporary name beside `dest` (same folder, so the rename stays on one volume)."""
    return dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")


def durable_replace(
    src: Path,
    dst: Path,
    *,
    replace: Replace | None = None,
    sleep: Callable[[float], None] | None = None,
    attempts: int = REPLACE_ATTEMPTS,
    windows: bool = IS_WINDOWS,
) -> None:
    """`os.replace(src, dst)`, retried while Windows reports the destination busy; when it stays
    busy because another program holds it open, DvcqError("file_in_use") naming the file."""
    replace = replace or os.replace  # looked up now, so a test's fault injection reaches it
    sleep = sleep or time.sleep
    delay = 0.05
    for attempt in range(attempts):
        try:
            replace(src, dst)
            return
        except PermissionError as exc:
            winerror = getattr(exc, "winerror", None)
            if not (windows or winerror in WIN_SHARING or winerror == WIN_ACCESS_DENIED):
                raise  # POSIX EACCES: a folder without write permission; retrying cannot help
            if attempt == attempts - 1:
                if held_open(exc, dst):
                    log.warning("replace %s failed, held open elsewhere: %r", dst, exc)
                    raise DvcqError(
                        "file_in_use", detail=repr(exc), **file_in_use_params(Path(dst))
                    ) from None
                raise
            sleep(delay)
            delay = min(delay * 2, 0.5)


def held_open(exc: OSError, dst: Path) -> bool:
    """True when `exc` (from replacing `dst`) means another program has `dst` open."""
    winerror = getattr(exc, "winerror", None)
    if not os.path.exists(dst):
        return False  # nothing there to hold: it is our temporary file a scanner is reading
    if winerror in WIN_SHARING:
        return True
    if winerror != WIN_ACCESS_DENIED:
        return False
    # "Access denied" is also what a read-only file gives; opening it tells the two apart.
    if IS_WINDOWS:
        return _sharing_violation_on_open(dst)
    try:
        with open(dst, "r+b"):
            return False
    except OSError as probe:
        return getattr(probe, "winerror", None) in WIN_SHARING


def _sharing_violation_on_open(dst: Path) -> bool:
    """Open `dst` for writing with CreateFileW and read its last error. Python's open() goes through
    the C runtime, which turns a sharing violation into EACCES and drops the Windows error, so a
    file Word holds open looked like a read-only one."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    create = kernel32.CreateFileW
    create.argtypes = [
        wintypes.LPCWSTR,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.LPVOID,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.HANDLE,
    ]
    create.restype = wintypes.HANDLE
    generic_write, share_all, open_existing, normal = 0x40000000, 0x7, 3, 0x80
    handle = create(str(dst), generic_write, share_all, None, open_existing, normal, None)
    if handle is None or handle == wintypes.HANDLE(-1).value:
        return ctypes.get_last_error() in WIN_SHARING  # type: ignore[attr-defined,unused-ignore]
    kernel32.CloseHandle(handle)
    return False


def file_in_use_params(dst: Path) -> dict[str, str]:
    """The `name`, `where` and `path` of the file_in_use message: Word/Excel by the file's type."""
    suffix = dst.suffix.lower()
    if suffix in (".docx", ".doc"):
        where = "trong Word"
    elif suffix in (".xlsx", ".xls"):
        where = "trong Excel"
    else:
        where = "ở chương trình đang mở nó"
    return {"name": dst.name, "where": where, "path": str(dst.parent)}


def write_atomic(
    dest: str | os.PathLike[str],
    fill: Callable[[Path], object],
    *,
    replace: Replace | None = None,
    sleep: Callable[[float], None] | None = None,
    windows: bool = IS_WINDOWS,
) -> Path:
    """Produce `dest` all at once: `fill(tmp)` writes the content to a temporary file beside it,
    which is synced and renamed over `dest`; the folder is synced. Returns `dest`."""
    dest = Path(dest)
    tmp = temp_path_for(dest)
    try:
        fill(tmp)
        fsync_file(tmp, windows=windows)
        durable_replace(tmp, dest, replace=replace, sleep=sleep, windows=windows)
    except BaseException:
        _remove_quietly(tmp)
        raise
    fsync_dir(dest.parent, windows=windows)
    return dest


def write_bytes_atomic(dest: str | os.PathLike[str], data: bytes, **kw: object) -> Path:
    return write_atomic(dest, lambda tmp: tmp.write_bytes(data), **kw)  # type: ignore[arg-type]


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("could not remove temporary file %s", path, exc_info=True)


def replace_with_retry(src: Path, dst: Path, attempts: int = REPLACE_ATTEMPTS) -> None:
    """Kept for callers that build their temporary file themselves (restore, attachments)."""
    durable_replace(src, dst, attempts=attempts)


def strip_long_prefix(path: str) -> str:
    """`\\\\?\\C:\\…` → `C:\\…` and `\\\\?\\UNC\\server\\share` → `\\\\server\\share`: the long-path
    prefix says nothing about where the folder is."""
    for prefix in ("\\\\?\\", "//?/", "\\\\.\\"):
        if path.startswith(prefix):
            rest = path[len(prefix) :]
            if rest[:4].upper() in ("UNC\\", "UNC/"):
                return "\\\\" + rest[4:]
            return rest
    return path


def sqlite_readonly_uri(path: str | os.PathLike[str], *, windows: bool = IS_WINDOWS) -> str:
    """A `file:` URI opening `path` read-only. Built with `as_uri()`, which percent-encodes `#`,
    `%`, `?`, spaces and Vietnamese letters: pasted raw, `#` ends the path and SQLite would
    create a new empty database read-write at the truncated name."""
    text = os.fspath(path)
    if not windows:
        return Path(os.path.abspath(text)).as_uri() + "?mode=ro"
    win = PureWindowsPath(strip_long_prefix(text))
    if not win.is_absolute():
        win = PureWindowsPath(strip_long_prefix(os.path.abspath(text)))
    posix = win.as_posix()  # C:/a/b, or //server/share/a for a UNC path
    # An empty authority then the path: `file:///C:/a`, `file:////server/share/a` (SQLite refuses
    # any authority but "localhost", which is what `as_uri()` would make of the server name).
    return "file://" + ("" if posix.startswith("//") else "/") + quote(posix, safe="/:") + "?mode=ro"
