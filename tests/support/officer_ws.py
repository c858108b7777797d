"""Helpers for the officer-page tests (indicators, overview, settings, Excel, suggestions).

A real unit workspace in tmp_path built through the same use case the wizard and CLI use.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import activities
from dvcq_desktop.storage.workspace import Workspace


def make_ws(root: Path) -> Workspace:
    return init_workspace(root, role="unit", unit_code="TPTN-P1")


def act(
    type_id: str = "tuyen_truyen", area_id: str = "A2", day: date = date(2023, 3, 5), **kw: Any
) -> Activity:
    fields: dict[str, Any] = {"title": f"Hoạt động {type_id}", "status": "done"} | kw
    return Activity(id=activities.new_id(), area_id=area_id, type_id=type_id, start_date=day, **fields)


def make_ctx(ws: Workspace) -> Any:
    """An AppContext as the main window builds it, in an application styled as the app styles it
    before any widget (Qt imported here so Qt-free tests stay so). Without the style a test saw
    whatever an earlier test had left: the font-scale test passed in the suite and failed alone."""
    from PySide6.QtWidgets import QApplication

    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.ui.common.context import AppContext, Hub
    from dvcq_desktop.ui.common.style import apply_style
    from dvcq_desktop.ui.common.workers import TaskRunner

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_style(app)
    return AppContext(paths=AppPaths.build(workspace=ws.root), workspace=ws, tasks=TaskRunner(), hub=Hub())


def type_text(widget: Any, text: str) -> None:
    """Type any Unicode text as key events (QTest.keyClicks aborts on non-ASCII characters)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
