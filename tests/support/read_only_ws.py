"""A workspace folder the app cannot write into, made for real.

As root (the CI container) file modes do not stop writes, so the folder is a small tmpfs that is
remounted read-only, like a write-protected USB stick; as an ordinary user the folder and the
database lose their write permission. Either way `Workspace.open` finds it not writable itself.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dvcq_desktop.paths import DB_FILENAME


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextmanager
def read_only_workspace(base: Path, fill: Callable[[Path], None]) -> Iterator[Path]:
    """`fill(folder)` creates the workspace in `folder` (and closes it); then the folder is made
    read-only and yielded. Undone afterwards so tmp_path can be removed."""
    disk = base / "o-chi-doc"
    disk.mkdir(parents=True, exist_ok=True)
    folder = disk / "Phường 1"
    if _as_root():
        r = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)], capture_output=True
        )
        if r.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace')}")
        try:
            fill(folder)
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
            yield folder
        finally:
            subprocess.run(["umount", "-l", str(disk)], check=False)
        return
    fill(folder)
    paths = [folder / DB_FILENAME, *[p for p in folder.rglob("*") if p.is_dir()], folder]
    modes = {p: p.stat().st_mode for p in paths}
    for p in paths:
        p.chmod(stat.S_IMODE(modes[p]) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield folder
    finally:
        for p in reversed(paths):
            p.chmod(stat.S_IMODE(modes[p]))


def folder_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` by its relative path and content hash: equal before and after
    means nothing was written."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
