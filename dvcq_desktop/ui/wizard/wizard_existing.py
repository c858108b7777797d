"""Wizard shortcut "Mở thư mục dữ liệu có sẵn": open data that already exists (moved to another
drive, copied from the old PC) when the app starts without knowing where it is."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services.existing_folder import adopt_existing, find_existing
from dvcq_desktop.storage.workspace import Workspace

log = logging.getLogger(__name__)


def open_existing(paths: AppPaths, folder: Path) -> tuple[Workspace | None, AppPaths | None, str]:
    """(the open workspace, the paths to run with, "") or (None, None, why in Vietnamese)."""
    try:
        root = find_existing(folder)
        ws = Workspace.open(root)
    except DvcqError as exc:
        log.info("existing folder %s refused: %r", folder, exc)
        return None, None, exc.message
    adopt_existing(paths.config_dir, root)
    return ws, replace(paths, workspace=root), ""


def choose_existing(paths: AppPaths, parent: QWidget) -> tuple[Workspace | None, AppPaths | None, str]:
    folder = QFileDialog.getExistingDirectory(
        parent,
        QCoreApplication.translate("FirstRunWizard", "Chọn thư mục dữ liệu có sẵn"),
        str(Path.home()),
    )
    if not folder:
        return None, None, ""
    return open_existing(paths, Path(folder))
