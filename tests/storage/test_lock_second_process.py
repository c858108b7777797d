"""A workspace open in another process (a second copy of the app, a `dvcq` command) is refused with the
clear "open elsewhere" message, and opens once that process is gone. The lock is an OS lock (flock on
Linux, msvcrt.locking on Windows), so this runs on both, the second process being a real one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.ws_helpers import new_unit_ws

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from dvcq_desktop.storage.workspace import Workspace
with Workspace.open(Path(sys.argv[1]), auto_backup=False):
    print("held", flush=True)
    sys.stdin.readline()  # hold the workspace until the test says so
"""


def test_workspace_held_by_another_process(tmp_path: Path) -> None:
    root = tmp_path / "Phường Hiệp Ninh #1"
    new_unit_ws(root).close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(DvcqError) as err:
            Workspace.open(root, auto_backup=False)
        assert err.value.code == "db_locked"
        assert "đang được mở" in err.value.message
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0
    with Workspace.open(root, auto_backup=False) as ws:  # the holder is gone: the lock went with it
        assert ws.root == root
