"""Test-wide setup: Qt runs offscreen; every test gets its own workspace folder.

The `windows` marker selects the Qt-free part of the suite that packaging/windows/wine_test.sh runs
under the official Windows CPython (Wine): every test outside tests/ui that asks for no Qt fixture,
less the modules and tests listed below. New tests join it by default, so a storage, package, service,
report or CLI test written on Linux is also run on Windows without any change to its module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dvcq_desktop.gc_policy import collect_if_due, pause_automatic

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


def cap_examples(item: pytest.Item, cap: int) -> None:
    """Fewer examples for a property test, whatever its own @settings say (hypothesis keeps a test's
    settings on the function). The Windows harness sets DVCQ_MAX_EXAMPLES: there each example that
    writes a workspace or starts the CLI costs several times what it does on Linux, and what the harness
    is for is the operating system; the Linux run keeps the full input space."""
    test = getattr(item, "obj", None)
    current = getattr(test, "_hypothesis_internal_use_settings", None)
    if test is not None and current is not None and current.max_examples > cap:
        from hypothesis import settings

        test._hypothesis_internal_use_settings = settings(current, max_examples=cap)


def pytest_configure(config: pytest.Config) -> None:
    # As in the app (ui/common/gc_guard.py): cycles are collected on the main thread only, between
    # tests, never by a worker or reader thread that happens to allocate while Qt objects from an
    # earlier test wait in a cycle (that crashed a whole run once).
    pause_automatic()


@pytest.fixture(autouse=True)
def _collect_on_main_thread():
    yield
    collect_if_due()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    cap = int(os.environ.get("DVCQ_MAX_EXAMPLES", "0"))
    for item in items:
        if runs_on_windows(item):
            item.add_marker(pytest.mark.windows)
        if cap:
            cap_examples(item, cap)
