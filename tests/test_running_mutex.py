"""The mutex the app holds while it runs, which the installer's AppMutex looks for."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from dvcq_desktop.running_mutex import APP_MUTEX_NAME, hold_running_mutex, mutex_exists

ISS = Path(__file__).resolve().parents[1] / "packaging" / "windows" / "dvcq.iss"
on_windows = pytest.mark.skipif(sys.platform != "win32", reason="named mutexes are a Windows thing")


def test_installer_checks_the_name_the_app_creates() -> None:
    iss = ISS.read_bytes().decode("utf-8-sig")
    defined = re.search(r'^#define AppMutexName "([^"]+)"', iss, re.M)
    assert defined is not None and defined.group(1) == APP_MUTEX_NAME
    assert re.search(r"^AppMutex=\{#AppMutexName\}", iss, re.M)
    assert "," not in APP_MUTEX_NAME  # Inno Setup separates several names with commas


def test_off_windows_nothing_is_created() -> None:
    if sys.platform == "win32":
        pytest.skip("Windows creates the mutex")
    assert hold_running_mutex() is None
    assert mutex_exists() is False


@on_windows
def test_held_mutex_is_seen_by_another_process() -> None:
    name = f"dvcq-test-{uuid.uuid4().hex}"  # not the real name: a running app must not disturb this
    probe = f"from dvcq_desktop.running_mutex import mutex_exists; print(mutex_exists({name!r}))"
    before = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert before.stdout.strip() == "False"
    assert hold_running_mutex(name) is not None
    after = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert after.stdout.strip() == "True"  # what Setup sees while the app runs
