"""Shared helpers for tests that need a real workspace on disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


def new_unit_ws(root: Path, unit: str = "TPTN-P1") -> Workspace:
    return init_workspace(root, role="unit", unit_code=unit)


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    e = dict(os.environ)
    e.pop("DVCQ_HOME", None)
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "dvcq_desktop", *args],
        capture_output=True,
        # The CLI writes UTF-8 whenever its output is not a console (a pipe here); read it as such,
        # not in the locale's code page (cp1252 on Windows).
        encoding="utf-8",
        env=e,
        timeout=timeout,
        cwd=ROOT,
    )
