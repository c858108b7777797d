"""Faults during export (reliability.md T4–T6): ENOSPC/EIO at write, fsync, replace and read-back
leave no file under the final name, no .part, a clear DvcqError, and the earlier export intact."""

from __future__ import annotations

import errno
import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.package_helpers import REPORTS, submission

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package import read_package, write_package
from dvcq_desktop.package import reader as reader_mod
from dvcq_desktop.storage import fsutil

# Big enough that the writer needs several os.write calls (1 MiB chunks).
BIG_REPORTS = {**REPORTS, "BaoCao_P1_2025.docx": os.urandom(3 * 1024 * 1024)}


def _fail_on_call(real: Callable[..., Any], n: int, err: int) -> Callable[..., Any]:
    calls = {"n": 0}

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == n:
            raise OSError(err, os.strerror(err))
        return real(*args, **kwargs)

    return fake


@pytest.fixture
def earlier(tmp_path: Path) -> tuple[Path, bytes]:
    first = write_package(submission(2), REPORTS, tmp_path, revision=1, supersedes=None)
    return first.path, first.path.read_bytes()


def _export_fails(tmp_path: Path, earlier: tuple[Path, bytes], code: str) -> DvcqError:
    with pytest.raises(DvcqError) as info:
        write_package(submission(2), BIG_REPORTS, tmp_path, revision=2, supersedes=str(uuid.uuid4()))
    assert info.value.code == code, (info.value.code, info.value.detail)
    assert info.value.message and "Traceback" not in info.value.message
    assert sorted(os.listdir(tmp_path)) == [earlier[0].name]  # no final file, no .part
    assert earlier[0].read_bytes() == earlier[1]
    read_package(earlier[0])
    return info.value


@pytest.mark.parametrize("call_no", [1, 2, 3])
@pytest.mark.parametrize("err,code", [(errno.ENOSPC, "disk_full"), (errno.EIO, "io_error")])
def test_write_fails(call_no: int, err: int, code: str, tmp_path: Path, earlier, monkeypatch) -> None:
    monkeypatch.setattr(os, "write", _fail_on_call(os.write, call_no, err))
    e = _export_fails(tmp_path, earlier, code)
    if code == "disk_full":
        assert e.message.startswith("Ổ đĩa đầy")


def test_short_write_then_disk_full(tmp_path: Path, earlier, monkeypatch) -> None:
    real = os.write
    calls = {"n": 0}

    def fake(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real(fd, bytes(data[:1000]))  # the OS accepted only part of the buffer
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", fake)
    _export_fails(tmp_path, earlier, "disk_full")


@pytest.mark.parametrize(  # 1 = the file, 2 = the directory after rename
    "call_no",
    [1, pytest.param(2, marks=pytest.mark.skipif(sys.platform == "win32", reason="no directory fsync"))],
)
@pytest.mark.parametrize("err,code", [(errno.EIO, "io_error"), (errno.ENOSPC, "disk_full")])
def test_fsync_fails(call_no: int, err: int, code: str, tmp_path: Path, earlier, monkeypatch) -> None:
    monkeypatch.setattr(os, "fsync", _fail_on_call(os.fsync, call_no, err))
    _export_fails(tmp_path, earlier, code)


@pytest.mark.parametrize(
    "err,code", [(errno.EIO, "io_error"), (errno.ENOSPC, "disk_full"), (errno.ENOENT, "file_missing")]
)
def test_replace_fails(err: int, code: str, tmp_path: Path, earlier, monkeypatch) -> None:
    monkeypatch.setattr(os, "replace", _fail_on_call(os.replace, 1, err))
    _export_fails(tmp_path, earlier, code)


def test_replace_retries_transient_sharing_violation(tmp_path: Path, earlier, monkeypatch) -> None:
    real = os.replace
    calls = {"n": 0}

    def fake(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] <= 2:
            exc = PermissionError(errno.EACCES, "in use")
            exc.winerror = 32  # type: ignore[attr-defined]
            raise exc
        real(src, dst)

    monkeypatch.setattr(os, "replace", fake)
    w = write_package(submission(2), REPORTS, tmp_path, revision=2, supersedes=str(uuid.uuid4()))
    assert calls["n"] == 3 and read_package(w.path).revision == 2


def test_replace_permanently_denied(tmp_path: Path, earlier, monkeypatch) -> None:
    monkeypatch.setattr(fsutil.time, "sleep", lambda _s: None)

    def fake(src: Any, dst: Any) -> None:
        exc = PermissionError(errno.EACCES, "in use")
        exc.winerror = 32  # type: ignore[attr-defined]
        raise exc

    monkeypatch.setattr(os, "replace", fake)
    _export_fails(tmp_path, earlier, "not_writable")


def test_read_back_io_error(tmp_path: Path, earlier, monkeypatch) -> None:
    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if "_lan2_" in str(file):  # the new export; the earlier one still reads fine
            raise OSError(errno.EIO, "Input/output error")
        return open(file, *args, **kwargs)

    monkeypatch.setattr(reader_mod, "open", fake_open, raising=False)
    _export_fails(tmp_path, earlier, "pkg_verify_failed")


@pytest.mark.parametrize("where", [0.05, 0.5, 0.999])
def test_byte_corrupted_on_destination_before_read_back(
    where: float, tmp_path: Path, earlier, monkeypatch
) -> None:
    real = os.replace

    def replace_then_corrupt(src: Any, dst: Any) -> None:
        real(src, dst)
        data = bytearray(Path(dst).read_bytes())
        data[int(len(data) * where)] ^= 0xFF  # the stick "lied" about what it stored
        Path(dst).write_bytes(bytes(data))

    monkeypatch.setattr(os, "replace", replace_then_corrupt)
    e = _export_fails(tmp_path, earlier, "pkg_verify_failed")
    assert "đọc lại không đúng" in e.message


def test_missing_destination(tmp_path: Path) -> None:
    with pytest.raises(DvcqError) as info:
        write_package(submission(1), REPORTS, tmp_path / "usb-gone", revision=1, supersedes=None)
    assert info.value.code == "pkg_dest_missing"
    assert not (tmp_path / "usb-gone").exists()


def test_bad_report_name_and_attachment_checks(tmp_path: Path) -> None:
    with pytest.raises(DvcqError) as info:
        write_package(submission(1), {"../x.docx": b"x"}, tmp_path, revision=1, supersedes=None)
    assert info.value.code == "pkg_bad_report_name"
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF")
    with pytest.raises(DvcqError) as info:
        write_package(
            submission(1), REPORTS, tmp_path, revision=1, supersedes=None, attachments={"0" * 64: f}
        )
    assert info.value.code == "pkg_attachment_mismatch"
    assert sorted(os.listdir(tmp_path)) == ["a.pdf"]
