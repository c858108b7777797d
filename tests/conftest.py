"""Test-wide setup: Qt runs offscreen; every test gets its own workspace folder.

The `windows` marker selects the Qt-free part of the suite that packaging/windows/wine_test.sh runs
under the official Windows CPython (Wine): every test outside tests/ui that asks for no Qt fixture,
less the modules and tests listed below. New tests join it by default, so a storage, package, service,
report or CLI test written on Linux is also run on Windows without any change to its module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DVCQ_HOME", None)

TESTS = Path(__file__).parent
QT_FIXTURES = {"qtbot", "qapp", "qapp_args", "qapp_cls"}
# Not for Windows: the Linux desktop files and freedesktop tools; the GUI started in a subprocess.
NOT_ON_WINDOWS_MODULES = {"test_packaging_files.py"}
NOT_ON_WINDOWS_TESTS = {"test_about.py::test_gui_version_adds_qt_and_opens_no_window"}


def runs_on_windows(item: pytest.Item) -> bool:
    try:
        rel = Path(str(item.path)).relative_to(TESTS)
    except ValueError:  # not a test module of this suite
        return False
    if rel.parts[0] == "ui" or rel.name in NOT_ON_WINDOWS_MODULES:
        return False
    if f"{rel.name}::{item.name.split('[')[0]}" in NOT_ON_WINDOWS_TESTS:
        return False
    return not QT_FIXTURES & set(getattr(item, "fixturenames", ()))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if runs_on_windows(item):
            item.add_marker(pytest.mark.windows)
