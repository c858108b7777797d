"""Start-up warnings: network shares and removable drives (fake mount tables, fake /sys, fake
Windows drive types) and SQLite versions around the WAL-reset fix (reliability.md §1.8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvcq_desktop.services.startup_checks import (
    DRIVE_REMOTE,
    DRIVE_REMOVABLE,
    check_location,
    check_sqlite,
    mount_for,
    parse_mounts,
    sqlite_has_wal_fix,
    startup_checks,
    startup_warnings,
)

MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw 0 0
//server/chung /mnt/phong\\040noi\\040vu cifs rw,vers=3.0 0 0
nas:/export/dvcq /srv/dvcq nfs4 rw 0 0
user@host:/data /home/canbo/xa sshfs rw 0 0
/dev/sdb1 /media/canbo/USB\\040DATA vfat rw 0 0
/dev/sdc1 /data/extra ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def loc(path: str, sys_root: Path | None = None) -> list[str]:
    return [
        w.code
        for w in check_location(
            path, platform="linux", mounts_text=MOUNTS, sys_root=sys_root or Path("/nonexistent-sys")
        )
    ]


def test_parse_mounts_unescapes_spaces_and_finds_the_deepest_mount() -> None:
    mounts = parse_mounts(MOUNTS)
    assert mount_for("/mnt/phong noi vu/dvcq", mounts).fstype == "cifs"  # type: ignore[union-attr]
    assert mount_for("/boot/efi/x", mounts).mount_point == "/boot/efi"  # type: ignore[union-attr]
    assert mount_for("/bootx", mounts).mount_point == "/"  # type: ignore[union-attr]


@pytest.mark.parametrize("path", ["/mnt/phong noi vu/dvcq", "/srv/dvcq/ws", "/home/canbo/xa/dvcq"])
def test_network_filesystems_warn(path: str) -> None:
    assert loc(path) == ["startup_network_share"]
    text = startup_warnings(path, platform="linux", mounts_text=MOUNTS, sqlite_version="3.51.3")[0]
    assert path in text and "ổ mạng" in text


def test_local_disk_and_tmpfs_do_not_warn() -> None:
    assert loc("/home/canbo/.local/share/dvcq-desktop") == []
    assert loc("/tmp/dvcq") == []


def test_removable_by_mount_point_and_by_sysfs_flag(tmp_path: Path) -> None:
    assert loc("/media/canbo/USB DATA/dvcq") == ["startup_removable"]
    assert loc("/data/extra/dvcq", tmp_path) == []  # no /sys entry: a fixed disk
    flag = tmp_path / "class" / "block" / "sdc" / "removable"
    flag.parent.mkdir(parents=True)
    flag.write_text("1\n")
    assert loc("/data/extra/dvcq", tmp_path) == ["startup_removable"]
    flag.write_text("0\n")
    assert loc("/data/extra/dvcq", tmp_path) == []


def test_windows_unc_and_drive_types() -> None:
    def kinds(path: str, drive_type: int = 3) -> list[str]:
        return [w.code for w in check_location(path, platform="win32", drive_type=lambda _root: drive_type)]

    assert kinds(r"\\may-chu\chung\dvcq") == ["startup_network_share"]
    assert kinds("//may-chu/chung/dvcq") == ["startup_network_share"]
    assert kinds(r"Z:\dvcq", DRIVE_REMOTE) == ["startup_network_share"]
    assert kinds(r"E:\dvcq", DRIVE_REMOVABLE) == ["startup_removable"]
    assert kinds(r"C:\Users\canbo\AppData\Local\dvcq-desktop", 3) == []


@pytest.mark.parametrize(
    ("version", "fixed"),
    [
        ("3.51.3", True),
        ("3.52.0", True),
        ("4.0.0", True),
        ("3.51.2", False),
        ("3.50.7", True),
        ("3.50.6", False),
        ("3.44.6", True),
        ("3.44.5", False),
        ("3.45.3", False),
        ("3.40.1", False),
        ("3.7.0", False),
        ("3.6.23", True),
    ],
)
def test_wal_fix_versions(version: str, fixed: bool) -> None:
    assert sqlite_has_wal_fix(version) is fixed
    warnings = check_sqlite(version)
    assert (warnings == []) is fixed
    if not fixed:
        assert version in warnings[0].text and "3.51.3" in warnings[0].text
        assert not warnings[0].serious


def test_serious_warnings_come_first() -> None:
    found = startup_checks("/srv/dvcq/ws", sqlite_version="3.40.1", platform="linux", mounts_text=MOUNTS)
    assert [w.code for w in found] == ["startup_network_share", "startup_sqlite_old"]


def test_real_machine_does_not_crash(tmp_path: Path) -> None:
    # Whatever this machine is, the checks answer with a list of texts.
    assert all(isinstance(t, str) and t for t in startup_warnings(tmp_path))
