"""Moving the data folder out of the Windows profile, and the second backup destination."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from support.officer_ws import act, make_ws
from support.ws_helpers import run_cli

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.paths import DB_FILENAME, POINTER_FILENAME, moved_workspace
from dvcq_desktop.services.data_folder import MOVED_NOTE, check_target, copy_workspace, remember_workspace
from dvcq_desktop.services.startup_checks import StartupWarning
from dvcq_desktop.storage import activities, attachments, backups, settings
from dvcq_desktop.storage.workspace import Workspace

AWKWARD = "Dữ liệu DVCQ #2 100%"


def _filled(root: Path, tmp_path: Path) -> Workspace:
    ws = make_ws(root)
    saved = [
        activities.save(ws.db, act(title=f"Hội nghị đối thoại lần {i + 1} tại khu phố Hiệp Ninh"))
        for i in range(12)
    ]
    src = tmp_path / "bien-ban.pdf"
    src.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    attachments.add(ws.db, ws.attachments_dir, saved[0].id, src)
    return ws


def _count(db_path: Path, sql: str) -> int:
    con = sqlite3.connect(db_path)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def test_move_copies_everything_verified_and_keeps_the_old_copy(tmp_path: Path) -> None:
    old_root = tmp_path / "AppData" / "dvcq-desktop"
    ws = _filled(old_root, tmp_path)
    new_root = tmp_path / "D" / AWKWARD
    check_target(ws.root, new_root)
    copy_workspace(ws.root, new_root)  # while open, as the Settings page does before switching
    ws.close()

    moved = Workspace.open(new_root)
    try:
        assert activities.count(moved.db) == 12
        blobs = sorted(p.relative_to(old_root) for p in (old_root / "attachments").rglob("*") if p.is_file())
        assert blobs and blobs == sorted(
            p.relative_to(new_root) for p in (new_root / "attachments").rglob("*") if p.is_file()
        )
        for rel in blobs:
            assert (new_root / rel).read_bytes() == (old_root / rel).read_bytes()
    finally:
        moved.close()
    sql = "SELECT count(*) FROM activities"
    assert _count(new_root / DB_FILENAME, sql) == _count(old_root / DB_FILENAME, sql) == 12
    assert not [p for p in new_root.rglob("*") if p.name.endswith(".part")]

    config = tmp_path / "config"
    remember_workspace(config, new_root, old_root)
    assert moved_workspace(config) == new_root
    assert json.loads((config / POINTER_FILENAME).read_text(encoding="utf-8"))["previous"] == str(old_root)
    assert (old_root / DB_FILENAME).is_file()  # the old copy is kept
    assert str(new_root) in (old_root / MOVED_NOTE).read_text(encoding="utf-8-sig")


def test_pointer_to_a_missing_folder_falls_back_to_the_default(tmp_path: Path) -> None:
    config = tmp_path / "config"
    remember_workspace(config, tmp_path / "E" / "da rut USB", tmp_path / "old")
    assert moved_workspace(config) is None
    assert moved_workspace(tmp_path / "never-moved") is None


def test_targets_that_cannot_take_the_data_are_refused(tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    try:
        with pytest.raises(DvcqError) as inside:
            check_target(ws.root, ws.root / "exports" / "moi")
        assert inside.value.code == "move_target_inside"
        busy = tmp_path / "co-tep"
        busy.mkdir()
        (busy / "khac.docx").write_bytes(b"x")
        with pytest.raises(DvcqError) as not_empty:
            check_target(ws.root, busy)
        assert not_empty.value.code == "move_target_not_empty"
        share = [StartupWarning("startup_network_share", "", True)]
        with pytest.raises(DvcqError) as network:
            check_target(ws.root, tmp_path / "share", location=lambda _p: share)
        assert network.value.code == "move_target_network"
        with pytest.raises(DvcqError) as full:
            check_target(ws.root, tmp_path / "day", free_space=lambda _p: 10 * 1024 * 1024)
        assert full.value.code == "move_no_space"
        assert "10 MB" in full.value.message
        blocker = tmp_path / "la-tep"
        blocker.write_bytes(b"")
        with pytest.raises(DvcqError) as unwritable:
            check_target(ws.root, blocker / "con")
        assert unwritable.value.code == "move_target_not_writable"
    finally:
        ws.close()


def test_failed_copy_leaves_nothing_in_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = _filled(tmp_path / "ws", tmp_path)
    ws.close()
    import dvcq_desktop.services.data_folder as data_folder

    def broken(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(data_folder.shutil, "copyfile", broken)
    target = tmp_path / "moi"
    with pytest.raises(OSError):
        copy_workspace(tmp_path / "ws", target)
    assert not target.exists()
    assert Workspace.exists(tmp_path / "ws")


def test_daily_and_manual_backups_also_go_to_the_second_destination(tmp_path: Path) -> None:
    usb = tmp_path / "USB #1"
    usb.mkdir()
    with make_ws(tmp_path / "ws") as ws:
        settings.put(ws.db, backups.MIRROR_KEY, str(usb))
    # Today's daily backup not made yet (as on the next morning): the open makes it, and its copy.
    for p in (tmp_path / "ws" / "backups").glob("dvcq-tu-dong-*"):
        p.unlink()
    ws = Workspace.open(tmp_path / "ws")
    ws.close()
    copies = sorted(p.name for p in usb.glob("dvcq-tu-dong-*.sqlite3"))
    assert len(copies) == 1
    assert backups.integrity_ok(usb / copies[0])

    r = run_cli("--workspace", str(tmp_path / "ws"), "backup")
    assert r.returncode == 0, r.stderr
    assert "nơi sao lưu thứ hai" in r.stdout
    assert len(list(usb.glob("dvcq-thu-cong-*.sqlite3"))) == 1


def test_missing_second_destination_is_skipped_with_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with make_ws(tmp_path / "ws") as ws:
        made = backups.backup_to(ws.db, ws.backups_dir / backups.backup_name("thu-cong"))
        with caplog.at_level("WARNING"):
            assert backups.mirror_backup(made, tmp_path / "USB chưa cắm") is None
        assert "not available; skipped" in caplog.text
        assert made.is_file()
