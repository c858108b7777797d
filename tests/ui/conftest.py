"""GUI test fixtures: a real unit (or receiving office) workspace in tmp_path and the context pages
are built with."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from support.sweep_helpers import ErrorLog, collect_errors, record_urls

from dvcq_desktop.paths import AppPaths
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.ui.common.context import AppContext, Hub
from dvcq_desktop.ui.common.style import apply_style
from dvcq_desktop.ui.common.workers import TaskRunner


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths(workspace=tmp_path / "ws", log_dir=tmp_path / "logs", config_dir=tmp_path / "cfg")


@pytest.fixture
def unit_ws(tmp_path: Path) -> Iterator[Workspace]:
    with init_workspace(tmp_path / "ws", role="unit", unit_code="TPTN-P1") as ws:
        yield ws


@pytest.fixture
def agg(tmp_path: Path) -> Iterator[Workspace]:
    """The receiving office (Thành phố Tây Ninh)."""
    with init_workspace(tmp_path / "agg", role="aggregator", unit_code="TPTN") as ws:
        yield ws


def _context(qapp: QApplication, ws: Workspace, paths: AppPaths) -> Iterator[AppContext]:
    apply_style(qapp)
    c = AppContext(paths=paths, workspace=ws, tasks=TaskRunner(), hub=Hub())
    yield c
    c.tasks.wait(10000)  # no worker may outlive the workspace the fixture closes next


@pytest.fixture
def ctx(qapp: QApplication, unit_ws: Workspace, app_paths: AppPaths) -> Iterator[AppContext]:
    yield from _context(qapp, unit_ws, app_paths)


@pytest.fixture
def actx(qapp: QApplication, agg: Workspace, tmp_path: Path) -> Iterator[AppContext]:
    yield from _context(
        qapp, agg, AppPaths(workspace=agg.root, log_dir=tmp_path / "logs", config_dir=tmp_path / "cfg")
    )


def _type_text(widget: QWidget, text: str) -> None:
    """Types like a keyboard with a Vietnamese input method: one key event per character.

    `QTest.keyClicks` only knows ASCII (it asserts on "ễ"), and Unikey/EVKey deliver composed
    characters as key events carrying text, which is what this sends.
    """
    for ch in text:
        key = ord(ch.upper()) if ch.isascii() else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def type_text() -> Callable[[QWidget, str], None]:
    return _type_text


@pytest.fixture
def errors() -> Iterator[ErrorLog]:
    """Records logged at ERROR or above during the test (the sweeps assert there are none)."""
    yield from collect_errors()


@pytest.fixture
def urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return record_urls(monkeypatch)
