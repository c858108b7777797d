"""Checks run once at start: is the workspace somewhere SQLite is unsafe, is SQLite itself too old?

reliability.md §1.8: SQLite's locking is unreliable on network filesystems ("WAL does not work over a
network filesystem"), a USB stick can vanish mid-write, and every SQLite from 3.7.0 to 3.51.2 has the
WAL-reset bug (fixed in 3.51.3, backported to 3.50.7 and 3.44.6). The app keeps one writer per
workspace, so the bug needs a second process writing the same file; we still say so, calmly.

Everything is injectable (mount table text, /sys root, Windows drive type, version string) so the
checks are tested on any machine. Qt-free: the GUI shows the texts, `dvcq info` prints them.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TypedDict, Unpack

from dvcq_desktop.messages import render
from dvcq_desktop.services.profile_checks import ProfileFacts, profile_problems, read_profile_facts
from dvcq_desktop.storage.fsutil import strip_long_prefix

# Versions carrying the WAL-reset fix: 3.51.3 and later, plus the backports on older branches.
WAL_FIX = (3, 51, 3)
WAL_FIX_BACKPORTS: dict[tuple[int, int], tuple[int, int, int]] = {(3, 50): (3, 50, 7), (3, 44): (3, 44, 6)}

NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "sshfs",
        "fuse.sshfs",
        "9p",
        "afs",
        "ceph",
        "fuse.ceph",
        "glusterfs",
        "fuse.glusterfs",
        "davfs",
        "fuse.davfs2",
        "fuse.rclone",
        "lustre",
        "gpfs",
        "ncpfs",
        "coda",
        "fuse.s3fs",
        "fuse.gvfsd-fuse",
    }
)
# udisks mounts USB sticks and external disks under these folders.
REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/usb")

# GetDriveTypeW results (winbase.h)
DRIVE_REMOVABLE = 2
DRIVE_REMOTE = 4


@dataclass(frozen=True)
class StartupWarning:
    code: str  # message code in dvcq_desktop.messages.install
    text: str  # Vietnamese, ready to show
    serious: bool  # True: the user should act (network share, removable drive)
    short: str = ""  # what fits in the status bar; `text` goes to the log, About and `dvcq info`

    @property
    def brief(self) -> str:
        return self.short or self.text


@dataclass(frozen=True)
class Mount:
    device: str
    mount_point: str
    fstype: str


def _unescape(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    for code, ch in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, ch)
    return field


def parse_mounts(text: str) -> list[Mount]:
    mounts: list[Mount] = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append(Mount(_unescape(parts[0]), _unescape(parts[1]), parts[2]))
    return mounts


def mount_for(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount holding `path`: the longest mount point that is `path` or one of its parents.
    A later mount over the same point hides the earlier one, hence `>=`."""
    target = PurePosixPath(path)
    best: Mount | None = None
    for m in mounts:
        mp = PurePosixPath(m.mount_point)
        if (target == mp or mp in target.parents) and (
            best is None or len(mp.parts) >= len(PurePosixPath(best.mount_point).parts)
        ):
            best = m
    return best


def _disk_name(partition: str) -> str:
    """sdb1 → sdb, nvme0n1p2 → nvme0n1, mmcblk0p1 → mmcblk0."""
    m = re.fullmatch(r"((?:nvme\d+n\d+)|(?:mmcblk\d+))p\d+|([a-z]+)\d+", partition)
    if m is None:
        return partition
    return m.group(1) or m.group(2)


def _block_removable(device: str, sys_root: Path) -> bool:
    """True when /sys says the disk behind `/dev/sdXN` is removable (USB sticks, card readers)."""
    if not device.startswith("/dev/"):
        return False
    name = Path(os.path.realpath(device)).name  # /dev/disk/by-uuid/… links to /dev/sdXN
    block = sys_root / "class" / "block"
    for flag in (block / name / "removable", block / _disk_name(name) / "removable"):
        try:
            if flag.read_text(encoding="ascii").strip() == "1":
                return True
        except OSError:
            continue
    return False


def _linux_location(path: str, mounts_text: str | None, sys_root: Path) -> list[StartupWarning]:
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
    m = mount_for(path, parse_mounts(mounts_text))
    if m is None:
        return []
    if m.fstype in NETWORK_FS or m.fstype.startswith("nfs"):
        return [_warn("startup_network_share", path=path, kind=m.fstype)]
    if m.mount_point.startswith(REMOVABLE_PREFIXES) or _block_removable(m.device, sys_root):
        return [_warn("startup_removable", path=path)]
    return []


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _windows_location(path: str, drive_type: Callable[[str], int] | None) -> list[StartupWarning]:
    p = PureWindowsPath(strip_long_prefix(path))  # `\\?\C:\…` is a local long path, not a share
    if p.drive.startswith(("\\\\", "//")):
        return [_warn("startup_network_share", path=path, kind="UNC")]
    if not p.drive:
        return []
    try:
        kind = (drive_type or _windows_drive_type)(p.drive + "\\")
    except (OSError, AttributeError, ValueError):
        return []
    if kind == DRIVE_REMOTE:
        return [_warn("startup_network_share", path=path, kind=f"ổ mạng {p.drive}")]
    if kind == DRIVE_REMOVABLE:
        return [_warn("startup_removable", path=path)]
    return []


class Location(TypedDict, total=False):
    """`check_location`'s keyword arguments, so callers can pass them through with their types."""

    platform: str
    mounts_text: str | None
    sys_root: Path
    drive_type: Callable[[str], int] | None


def check_location(
    path: str | os.PathLike[str],
    *,
    platform: str = sys.platform,
    mounts_text: str | None = None,
    sys_root: Path = Path("/sys"),
    drive_type: Callable[[str], int] | None = None,
) -> list[StartupWarning]:
    """A warning when the workspace folder is on a network share or a removable drive."""
    if platform == "win32":
        return _windows_location(os.fspath(path), drive_type)
    if platform.startswith("linux"):
        real = os.path.realpath(os.fspath(path)) if mounts_text is None else os.fspath(path)
        return _linux_location(real, mounts_text, sys_root)
    return []  # macOS is not a target platform


def parse_version(text: str) -> tuple[int, int, int]:
    nums = [int(x) for x in text.split(".")[:3] if x.isdigit()]
    while len(nums) < 3:
        nums.append(0)
    return nums[0], nums[1], nums[2]


def sqlite_has_wal_fix(version: str) -> bool:
    v = parse_version(version)
    if v >= WAL_FIX or v < (3, 7, 0):  # before 3.7.0 there is no WAL at all
        return True
    backport = WAL_FIX_BACKPORTS.get(v[:2])
    return backport is not None and v >= backport


def check_sqlite(version: str | None = None) -> list[StartupWarning]:
    version = version or sqlite3.sqlite_version
    if sqlite_has_wal_fix(version):
        return []
    fixed = ".".join(map(str, WAL_FIX))
    return [
        StartupWarning(
            "startup_sqlite_old",
            render("startup_sqlite_old", version=version, fixed=f"{fixed}, 3.50.7 hoặc 3.44.6"),
            False,
            render("startup_sqlite_old_short", version=version),
        )
    ]


def _warn(code: str, **params: str) -> StartupWarning:
    return StartupWarning(code, render(code, **params), True)


def check_profile(
    workspace: str | os.PathLike[str], *, platform: str = sys.platform, facts: ProfileFacts | None = None
) -> list[StartupWarning]:
    """A warning when Windows may delete the profile holding the data folder at log-off."""
    if platform != "win32":
        return []
    if facts is None:
        try:
            facts = read_profile_facts(os.environ)
        except Exception:  # noqa: BLE001 - a check that cannot run must not stop the start
            logging.getLogger(__name__).warning("profile check failed", exc_info=True)
            return []
    return [_warn(code, **params) for code, params in profile_problems(os.fspath(workspace), facts)]


def check_writable(workspace: str | os.PathLike[str]) -> list[StartupWarning]:
    """A workspace on a medium that cannot be written opens for viewing only (storage.workspace)."""
    from dvcq_desktop.storage.workspace import writable

    root = Path(workspace)
    if not root.is_dir() or writable(root):
        return []
    return [
        StartupWarning(
            "startup_read_only",
            render("startup_read_only", path=str(root)),
            True,
            render("startup_read_only_short"),
        )
    ]


def startup_checks(
    workspace: str | os.PathLike[str],
    *,
    sqlite_version: str | None = None,
    profile: ProfileFacts | None = None,
    **location: Unpack[Location],
) -> list[StartupWarning]:
    """Every start-up warning for this workspace, the serious ones first."""
    platform = location.get("platform", sys.platform)
    found = (
        check_writable(workspace)
        + check_profile(workspace, platform=platform, facts=profile)
        + check_location(workspace, **location)
        + check_sqlite(sqlite_version)
    )
    return sorted(found, key=lambda w: not w.serious)


def startup_warnings(
    workspace: str | os.PathLike[str], *, sqlite_version: str | None = None, **location: Unpack[Location]
) -> list[str]:
    """The Vietnamese warning texts (empty when all is well)."""
    return [w.text for w in startup_checks(workspace, sqlite_version=sqlite_version, **location)]
