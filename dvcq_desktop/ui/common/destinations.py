"""Where a package can be saved: USB sticks first (found with QStorageInfo), then known folders.

Qt reports every mounted volume but not whether it is removable, so that is decided here: on
Windows by the drive type (DRIVE_REMOVABLE), on Linux by the mount point desktop environments use
for plugged-in media, on macOS by /Volumes. A volume must be ready and writable to be offered.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

from dvcq_desktop.text import format_number

log = logging.getLogger(__name__)

DRIVE_REMOVABLE = 2


@dataclass(frozen=True)
class Destination:
    path: Path
    name: str  # volume label or folder description
    removable: bool
    free: int | None  # bytes available, None if unknown

    def label(self) -> str:
        free = f" — còn trống {format_size(self.free)}" if self.free is not None else ""
        if self.removable:
            return f"USB {self.path} — {self.name}{free}" if self.name else f"USB {self.path}{free}"
        return f"{self.name or self.path}{free}"  # the full path is shown under the list


def format_size(n: int | None) -> str:
    """ "7,2 GB", "850 MB", "12 KB" — decimal units, as Windows Explorer's "free of" reads."""
    if n is None:
        return ""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            value = n / size
            return f"{format_number(value, 1 if value < 100 else 0)} {unit}"
    return f"{n} B"


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))  # type: ignore[attr-defined]


def is_removable(root: str, device: str = "", platform: str | None = None) -> bool:
    platform = platform or sys.platform
    if platform == "win32":
        try:
            return _windows_drive_type(root) == DRIVE_REMOVABLE
        except (AttributeError, OSError):
            return False
    norm = root.rstrip("/") + "/"
    if platform == "darwin":
        return norm.startswith("/Volumes/")
    return norm.startswith(("/media/", "/run/media/"))


def free_bytes(path: Path) -> int | None:
    info = QStorageInfo(str(path))
    return int(info.bytesAvailable()) if info.isValid() and info.isReady() else None


def removable_volumes() -> list[Destination]:
    """Plugged-in removable volumes that can be written to now."""
    found: list[Destination] = []
    for vol in QStorageInfo.mountedVolumes():
        try:
            if not (vol.isValid() and vol.isReady()) or vol.isReadOnly():
                continue
            root = vol.rootPath()
            device = bytes(vol.device().data()).decode("utf-8", "replace")
            if not is_removable(root, device) or not os.access(root, os.W_OK):
                continue
            found.append(
                Destination(
                    Path(root), vol.displayName() if vol.name() else "", True, int(vol.bytesAvailable())
                )
            )
        except Exception:  # noqa: BLE001 - one odd volume must not hide the others
            log.warning("volume skipped", exc_info=True)
    return sorted(found, key=lambda d: str(d.path))


def folder(path: Path, name: str) -> Destination:
    return Destination(Path(path), name, False, free_bytes(Path(path)))


def reveal(path: Path) -> None:
    """Show the file selected in Explorer on Windows; elsewhere open its folder."""
    from PySide6.QtCore import QDir, QProcess, QUrl
    from PySide6.QtGui import QDesktopServices

    if sys.platform == "win32" and QProcess.startDetached(
        "explorer.exe", ["/select,", QDir.toNativeSeparators(str(path))]
    ):
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def removable_roots() -> list[Path]:
    """Roots of the plugged-in removable volumes, read-only ones included (we only read them)."""
    roots: list[Path] = []
    for vol in QStorageInfo.mountedVolumes():
        try:
            if vol.isValid() and vol.isReady() and is_removable(vol.rootPath()):
                roots.append(Path(vol.rootPath()))
        except Exception:  # noqa: BLE001 - one odd volume must not hide the others
            log.warning("volume skipped", exc_info=True)
    return sorted(roots)
