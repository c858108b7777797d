"""Shared pieces of the page-and-button sweeps (tests/ui/test_sweep_*.py): an error log that
must stay empty, recorded desktop URLs, and waiting for page workers."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dvcq_desktop.ui.common.context import AppContext
from dvcq_desktop.ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


class ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()}" for r in self.records]


def collect_errors() -> Iterator[ErrorLog]:
    """Every record logged at ERROR or above while the test runs (the test asserts none)."""
    handler = ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)


def record_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app asked the desktop to open (files, folders, mailto:), instead of opening it."""
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toString()) or True)
    return opened


def settle(qtbot: QtBot, ctx: AppContext) -> None:
    """Let page workers finish and their results reach the widgets."""
    ctx.tasks.wait(20000)
    qtbot.wait(30)
    ctx.tasks.wait(20000)
    qtbot.wait(10)


def activate(qtbot: QtBot, win: MainWindow) -> None:
    """Offscreen Qt delivers a closed dialog's activation late, leaving a hidden window "active";
    a window manager gives the main window the keyboard back, as this does."""
    qtbot.wait(20)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def open_window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    """The real main window at 1366x768, shown and exposed."""
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    return win


def go(qtbot: QtBot, win: MainWindow, pages: tuple[str, ...], key: str) -> object:
    """Ctrl+<n> as the officer presses it; returns the page shown."""
    n = pages.index(key) + 1
    activate(qtbot, win)
    qtbot.keyClick(win, getattr(Qt.Key, f"Key_{n}"), CTRL)
    assert win.current_key() == key, f"Ctrl+{n} did not open {key}"
    settle(qtbot, win.ctx)
    return win.page(key)
