"""What every page needs: the open workspace, the task runner and the app-wide event hub."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.workers import TaskRunner


class Hub(QObject):
    """Signals that let pages stay in step without knowing each other."""

    activities_changed = Signal()
    indicators_changed = Signal()
    report_changed = Signal()
    settings_changed = Signal()
    exports_changed = Signal()
    imports_changed = Signal()
    # page key ("overview", "activities", "indicators", "report", "submit", "settings", "help",
    # aggregator: "intake", "board", "consolidation", "units") and an optional target
    # (an area id, an indicator id, a narrative section id, a file path…)
    navigate = Signal(str, object)
    status_message = Signal(str)
    # A restore is about to close the workspace (pages write what is pending), and has reopened
    # it: the launcher then builds a fresh main window, since pages keep handles on the old one.
    workspace_closing = Signal()
    workspace_replaced = Signal()


@dataclass
class AppContext:
    paths: AppPaths
    workspace: Workspace
    tasks: TaskRunner
    hub: Hub
    # The .dvcq given on the command line or by the file manager (routed by post_start).
    open_file: Path | None = None
