"""The one durable write: fsync with write access on Windows, retries while a file is briefly busy,
a message naming the file another program holds open, and nothing left behind on failure."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from support.report_fixtures import load_plan, make_submission

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.reports.build_unit import build_unit_report
from dvcq_desktop.reports.docx_render import render_docx
from dvcq_desktop.services.startup_checks import check_location
from dvcq_desktop.storage import backups, fsutil
from dvcq_desktop.storage.db import connect, integrity_ok
from dvcq_desktop.storage.fsutil import (
    durable_replace,
    fsync_file,
    sqlite_readonly_uri,
    strip_long_prefix,
    write_atomic,
    write_bytes_atomic,
)

WINDOWS_ONLY = pytest.mark.skipif(os.name != "nt", reason="needs Windows (runs under the Wine harness)")


def _busy_replace(times: int, winerror: int = 32) -> tuple[Callable[..., None], list[int]]:
    """os.replace that fails like Windows does while another program holds the target."""
    calls: list[int] = []

    def fake(src: Any, dst: Any) -> None:
        calls.append(1)
        if len(calls) <= times:
            exc = PermissionError(errno.EACCES, "The process cannot access the file")
            exc.winerror = winerror  # type: ignore[attr-defined]
            raise exc
        os.replace(src, dst)

    return fake, calls


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".part", ".tmp")))


# --- fsync with write access on Windows -------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="Linux's ETXTBSY stands in for Windows' refusal here")
def test_fsync_on_windows_asks_for_write_access(tmp_path: Path) -> None:
    """Windows refuses FlushFileBuffers on a read-only handle; Linux refuses to open a running
    program for writing (ETXTBSY, even for root). So a running copy of `sleep` tells the two ways
    of opening apart here: the POSIX fsync reads it, the Windows one must ask to write."""
    sleeper = tmp_path / "sleeper"
    shutil.copy2(shutil.which("sleep") or "/bin/sleep", sleeper)
    proc = subprocess.Popen([str(sleeper), "30"])
    try:
        fsync_file(sleeper, windows=False)
        with pytest.raises(OSError) as info:
            fsync_file(sleeper, windows=True)
        assert info.value.errno == errno.ETXTBSY
    finally:
        proc.kill()
        proc.wait()


def test_fsync_of_a_fresh_backup_works_on_this_platform(tmp_path: Path) -> None:
    """The call every backup makes; on Windows CPython it failed with "access denied"."""
    db = connect(tmp_path / "live.sqlite3")
    db.execute("CREATE TABLE t(x)")
    db.execute("INSERT INTO t VALUES ('Phường Hiệp Ninh')")
    db.conn.commit()
    out = backups.backup_to(db, tmp_path / "sao lưu #1" / "dvcq-thu-cong-1.sqlite3")
    fsync_file(out)
    assert integrity_ok(out)
    assert _leftovers(out.parent) == []


# --- retries and the file held open -------------------------------------------------------------


def test_brief_sharing_violation_is_waited_out(tmp_path: Path) -> None:
    dest = tmp_path / "BaoCao.docx"
    dest.write_bytes(b"old")
    fake, calls = _busy_replace(3)
    write_bytes_atomic(dest, b"new", replace=fake, sleep=lambda _s: None)
    assert dest.read_bytes() == b"new"
    assert len(calls) == 4
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "where"), [("BaoCao_2025.docx", "trong Word"), ("PhuLuc_2025.xlsx", "trong Excel")]
)
def test_file_held_open_names_it_and_keeps_the_old_one(tmp_path: Path, name: str, where: str) -> None:
    dest = tmp_path / name
    dest.write_bytes(b"last year")
    fake, calls = _busy_replace(100)
    with pytest.raises(DvcqError) as info:
        write_bytes_atomic(dest, b"this year", replace=fake, sleep=lambda _s: None)
    assert info.value.code == "file_in_use"
    assert f"Hãy đóng tệp {name} {where} rồi thử lại" in info.value.message
    assert "chỉ đọc" not in info.value.message and "quyền ghi" not in info.value.message
    assert len(calls) == fsutil.REPLACE_ATTEMPTS
    assert dest.read_bytes() == b"last year"
    assert _leftovers(tmp_path) == []


def test_word_report_saved_while_last_years_is_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real report writer, with the target busy as when Word has it open."""
    plan = load_plan()
    doc = build_unit_report(make_submission(plan, n_activities=3, seed=1), plan)
    out = render_docx(doc, tmp_path / "Báo cáo năm 2025.docx")
    before = out.read_bytes()
    fake, _ = _busy_replace(100)
    monkeypatch.setattr(os, "replace", fake)
    monkeypatch.setattr(fsutil.time, "sleep", lambda _s: None)
    with pytest.raises(DvcqError) as info:
        render_docx(doc, out)
    assert "Hãy đóng tệp Báo cáo năm 2025.docx trong Word rồi thử lại" in info.value.message
    assert out.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_posix_permission_error_is_not_retried_nor_blamed_on_word(tmp_path: Path) -> None:
    calls: list[int] = []

    def denied(src: Any, dst: Any) -> None:
        calls.append(1)
        raise PermissionError(errno.EACCES, "Permission denied")

    dest = tmp_path / "a.docx"
    with pytest.raises(PermissionError):
        durable_replace(tmp_path / "x", dest, replace=denied, sleep=lambda _s: None, windows=False)
    assert calls == [1]


def test_busy_source_with_no_target_is_not_called_file_in_use(tmp_path: Path) -> None:
    """A scanner holding our fresh temp file: no file of the user's is open, so no "close it"."""
    fake, _ = _busy_replace(100)
    with pytest.raises(PermissionError):
        write_bytes_atomic(tmp_path / "moi.xlsx", b"x", replace=fake, sleep=lambda _s: None)
    assert _leftovers(tmp_path) == []


def test_failure_while_filling_removes_the_temp(tmp_path: Path) -> None:
    def half(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        write_atomic(tmp_path / "BaoCao.docx", half)
    assert list(tmp_path.iterdir()) == []


@WINDOWS_ONLY
def test_file_really_held_open_like_word_does(tmp_path: Path) -> None:
    """Word opens a document allowing others to read only; replacing it must name the file."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateFileW.restype = wintypes.HANDLE
    kernel32.CreateFileW.argtypes = [
        wintypes.LPCWSTR,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.LPVOID,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.HANDLE,
    ]
    dest = tmp_path / "BaoCao.docx"
    dest.write_bytes(b"last year")
    generic_read_write, share_read, open_existing = 0xC0000000, 0x1, 3
    handle = kernel32.CreateFileW(str(dest), generic_read_write, share_read, None, open_existing, 0, None)
    assert handle != wintypes.HANDLE(-1).value
    try:
        with pytest.raises(DvcqError) as info:
            write_bytes_atomic(dest, b"this year", sleep=lambda _s: None)
        assert "Hãy đóng tệp BaoCao.docx trong Word rồi thử lại" in info.value.message
    finally:
        kernel32.CloseHandle(handle)
    assert dest.read_bytes() == b"last year"
    assert _leftovers(tmp_path) == []
    write_bytes_atomic(dest, b"this year")
    assert dest.read_bytes() == b"this year"


# --- paths: #, %, Vietnamese letters, long paths ------------------------------------------------

AWKWARD = "dvcq kiểm thử #1 100%/Phường Hiệp Ninh"  # every character legal on Windows too


def test_readonly_uri_opens_the_file_itself_with_awkward_names(tmp_path: Path) -> None:
    folder = tmp_path / AWKWARD
    folder.mkdir(parents=True)
    path = folder / "dvcq.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t(x)")
    con.execute("INSERT INTO t VALUES ('ậ')")
    con.commit()
    con.close()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))

    ro = connect(path, readonly=True)
    assert ro.execute("SELECT x FROM t").fetchall() == [("ậ",)]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ro.execute("INSERT INTO t VALUES ('y')")
    ro.close()
    assert integrity_ok(path)
    # Nothing was created at a truncated name ("…kiểm thử " before the #) or anywhere else.
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_readonly_uri_on_a_missing_file_does_not_create_one(tmp_path: Path) -> None:
    missing = tmp_path / "a #b" / "none.sqlite3"
    missing.parent.mkdir()
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(sqlite_readonly_uri(missing), uri=True).execute("SELECT 1 FROM t")
    assert list(missing.parent.iterdir()) == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            r"C:\dvcq kiểm thử #1\Phường Hiệp Ninh\dvcq.sqlite3",
            "/C:/dvcq kiểm thử #1/Phường Hiệp Ninh/dvcq.sqlite3",
        ),
        (r"\\?\C:\dvcq 100%\dvcq.sqlite3", "/C:/dvcq 100%/dvcq.sqlite3"),
        (r"\\?\UNC\maychu\chia se\dvcq.sqlite3", "//maychu/chia se/dvcq.sqlite3"),
    ],
)
def test_windows_readonly_uri_round_trips(path: str, expected: str) -> None:
    uri = sqlite_readonly_uri(path, windows=True)
    parts = urlsplit(uri)
    assert parts.scheme == "file" and parts.netloc == "" and parts.query == "mode=ro"
    assert "#" not in uri and " " not in uri
    assert unquote(uri[len("file://") : -len("?mode=ro")]) == expected


def test_long_path_prefix_is_not_a_network_share() -> None:
    assert strip_long_prefix(r"\\?\C:\Users\Cán bộ\AppData") == r"C:\Users\Cán bộ\AppData"
    local = check_location(
        r"\\?\C:\Users\Cán bộ\AppData\Local\dvcq", platform="win32", drive_type=lambda _r: 3
    )
    assert local == []
    share = check_location(r"\\?\UNC\maychu\chung\dvcq", platform="win32", drive_type=lambda _r: 3)
    assert [w.code for w in share] == ["startup_network_share"]


@pytest.mark.skipif(sys.platform == "win32", reason="flock semantics")
def test_lock_is_retried_until_a_dying_holder_lets_go(tmp_path: Path) -> None:
    """A start right after a crash: the old process still holds the lock for a moment."""
    from dvcq_desktop.storage.lock import WorkspaceLock

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'a+'); "
            "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(0.4)",
            str(tmp_path / ".dvcq.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    lock = WorkspaceLock(tmp_path)
    with pytest.raises(DvcqError) as info:
        lock.acquire(wait=0)
    assert info.value.code == "db_locked"
    lock.acquire(wait=5)
    assert lock.held
    lock.release()
    holder.wait()
