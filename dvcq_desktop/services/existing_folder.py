"""Finding the data again after the pointer to it was lost (a wiped Windows profile takes the
config folder, and with it the record of where the data was moved): the first-run wizard lets the
officer pick the existing data folder instead of starting afresh.

The folder must hold this program's database, recognised without writing to it: a database of
another program that merely has the same name would otherwise be migrated. Qt-free.
"""

from __future__ import annotations

import logging
from pathlib import Path

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.paths import DB_FILENAME
from dvcq_desktop.services.data_folder import remember_workspace
from dvcq_desktop.storage.peek import glance

log = logging.getLogger(__name__)


def find_existing(folder: Path) -> Path:
    """The data folder the officer means: `folder` itself, or its only subfolder holding the
    data (picking "Dữ liệu DVCQ" for "Dữ liệu DVCQ/Phường 1" is an easy slip)."""
    folder = Path(folder)
    root = folder
    if not (folder / DB_FILENAME).is_file():
        try:
            inside = [p for p in folder.iterdir() if (p / DB_FILENAME).is_file()]
        except OSError:
            inside = []
        if len(inside) != 1:
            raise DvcqError("existing_not_workspace", path=str(folder), file=DB_FILENAME)
        root = inside[0]
    if glance(root) is None:  # read-only look: settings name a role this program knows
        raise DvcqError("existing_not_dvcq", path=str(root), file=DB_FILENAME)
    return root


def adopt_existing(config_dir: Path, root: Path) -> None:
    """Record `root` as the data folder for the next start. Failing to record it costs only
    being asked again next time, so it is logged, not raised."""
    try:
        remember_workspace(config_dir, root, None)
    except (OSError, DvcqError):
        log.warning("could not record the data folder %s", root, exc_info=True)
