"""Which files an import (or `dvcq verify`) looks at, given files and folders (e.g. a USB stick)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

_TEMP_SUFFIXES = (".part", ".tmp", ".partial", ".crdownload", ".download")


def _skipped_name(name: str) -> bool:
    low = name.lower()
    return name.startswith((".", "~$")) or low.endswith(_TEMP_SUFFIXES)


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named explicitly (whatever their extension: the user chose them, the reader will say
    what is wrong) plus every `*.dvcq` under named folders, recursively, skipping hidden folders
    and files (e.g. `System Volume Information` is hidden on Windows, `.Trashes` on macOS) and
    partial downloads/copies. A missing path is kept so that it gets its own "rejected" outcome.
    Order: arguments in order, each folder's files sorted by relative path; duplicates dropped."""
    out: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        root = Path(raw)
        if not root.is_dir():
            add(root)
            continue
        found: list[Path] = []
        # followlinks=False: a symlink loop on a USB stick must not hang the scan.
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=lambda e: None):
            dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "System Volume Information"]
            for name in filenames:
                p = Path(dirpath, name)
                if name.lower().endswith(".dvcq") and not _skipped_name(name) and not p.is_symlink():
                    found.append(p)
        for p in sorted(found, key=lambda f: f.relative_to(root).as_posix()):
            add(p)
    return out
