"""Issue 18 point 6: full and read-only disks give their own message (never "damaged"), temporary
files do not outlive a failure, attachments are read from the file itself within the package's
size limit, viewer copies are private, and `demo` twice says what to do.

The disk tests run on a real, tiny tmpfs mounted for the test (needs root, as in the CI container;
skipped elsewhere), so SQLite, openpyxl and python-docx meet a genuine ENOSPC / EROFS.
"""

from __future__ import annotations

import os
import stat
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.officer_ws import act
from support.ws_helpers import new_unit_ws, run_cli

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package.limits import DEFAULT_LIMITS
from dvcq_desktop.services.activity_save import save_activity
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.storage import attachments
from dvcq_desktop.storage.workspace import Workspace


def _mount(where: Path, size: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    if r.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace')}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    yield from _mount(tmp_path / "disk", "3m")


def _fill(disk: Path) -> None:
    """Use up every free block of the tmpfs."""
    with open(disk / f"day-{uuid.uuid4().hex}", "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    for n in range(200):  # the last partial blocks
        try:
            (disk / f"f{n}").write_bytes(b"\0" * 512)
        except OSError:
            break


def test_report_to_a_full_disk_says_so_and_leaves_nothing(tmp_path: Path, small_disk: Path) -> None:
    ws_dir = tmp_path / "ws"
    with new_unit_ws(ws_dir) as ws:
        fill_demo(ws, activities=40, seed=3)
    _fill(small_disk)
    out = small_disk / "bao-cao.docx"
    r = run_cli(
        "--workspace", str(ws_dir), "report", "--out", str(out), "--xlsx", str(small_disk / "pl.xlsx")
    )
    assert r.returncode == 1
    assert "Ổ đĩa đầy" in r.stderr
    assert "Traceback" not in r.stderr and "hỏng" not in r.stderr
    assert not [p.name for p in small_disk.iterdir() if p.suffix in (".tmp", ".docx", ".xlsx")]


def test_full_disk_at_start_is_not_called_damaged(tmp_path: Path, small_disk: Path) -> None:
    ws_dir = small_disk / "ws"
    new_unit_ws(ws_dir).close()
    _fill(small_disk)
    with pytest.raises(DvcqError) as err:
        Workspace.open(ws_dir, auto_backup=False)
    assert err.value.code in ("disk_full",), err.value.code
    assert "hỏng" not in err.value.message
    r = run_cli("--workspace", str(ws_dir), "info")
    assert "hỏng" not in r.stdout + r.stderr and "Traceback" not in r.stderr


def test_read_only_medium_opens_for_viewing(tmp_path: Path, small_disk: Path) -> None:
    ws_dir = small_disk / "ws"
    with new_unit_ws(ws_dir) as ws:
        fill_demo(ws, activities=12, seed=5)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    r = run_cli("--workspace", str(ws_dir), "info")
    assert r.returncode == 0, r.stderr
    assert "activities: 12" in r.stdout
    assert "chế độ chỉ xem" in r.stdout  # the same warning the window shows at start
    with Workspace.open(ws_dir) as ws:
        assert ws.read_only
        out = tmp_path / "bc.docx"  # a report to another folder works
        from dvcq_desktop.services.reporting import unit_report

        unit_report(ws, out, tmp_path / "pl.xlsx")
        assert out.is_file()
        with pytest.raises(Exception) as err:  # no edits
            from dvcq_desktop.storage import activities

            activities.save(ws.db, act(title="Không lưu được"))
    from dvcq_desktop.errors import user_message

    assert "chỉ cho phép đọc" in user_message(err.value)


@pytest.mark.skipif(os.name == "nt", reason="a Windows user cannot make a symlink without privileges")
def test_attachment_symlink_is_refused_and_its_target_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    link = tmp_path / "anh.jpg"
    link.symlink_to(secret)
    with new_unit_ws(tmp_path / "ws") as ws:
        with pytest.raises(DvcqError) as err:
            save_activity(ws, act(title="Có đính kèm"), pending=[link])
        assert err.value.code == "attachment_not_file"
        stored = [p for p in ws.attachments_dir.rglob("*") if p.is_file()]
        assert stored == []


def test_attachment_over_the_package_limit_is_refused_when_attached(tmp_path: Path) -> None:
    big = tmp_path / "video.pdf"
    with open(big, "wb") as f:
        f.truncate(DEFAULT_LIMITS.max_attachment_size + 1)
    ok = tmp_path / "ok.pdf"
    with open(ok, "wb") as f:
        f.truncate(DEFAULT_LIMITS.max_attachment_size)
    with new_unit_ws(tmp_path / "ws") as ws:
        with pytest.raises(DvcqError) as err:
            save_activity(ws, act(title="Tệp lớn"), pending=[big])
        assert err.value.code == "attachment_too_big" and "25 MB" in err.value.message
        saved = save_activity(ws, act(title="Tệp vừa"), pending=[ok])
        assert saved.attachments[0].size == DEFAULT_LIMITS.max_attachment_size


def test_viewer_copy_is_private_and_unpredictable(tmp_path: Path) -> None:
    src = tmp_path / "bien-ban.pdf"
    src.write_bytes(b"%PDF-1.4 noi dung")
    with new_unit_ws(tmp_path / "ws") as ws:
        saved = save_activity(ws, act(title="Có biên bản"), pending=[src])
        ref = saved.attachments[0]
        first = attachments.private_copy(ws.attachments_dir, ref, tmp_path)
        second = attachments.private_copy(ws.attachments_dir, ref, tmp_path)
    assert first.read_bytes() == src.read_bytes() and first.name == "bien-ban.pdf"
    assert first.parent != second.parent  # a fresh folder each time: nobody can plant it first
    if os.name == "posix":  # on Windows the per-user temporary folder's ACL keeps it private
        assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert ref.sha256[:8] not in first.parent.name


def test_demo_twice_with_the_same_seed_says_what_to_do(tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    new_unit_ws(ws_dir).close()
    assert run_cli("--workspace", str(ws_dir), "demo", "--activities", "5").returncode == 0
    r = run_cli("--workspace", str(ws_dir), "demo", "--activities", "5")
    assert r.returncode == 1
    assert "--seed" in r.stderr and "Traceback" not in r.stderr
    assert run_cli("--workspace", str(ws_dir), "demo", "--activities", "5", "--seed", "2").returncode == 0
