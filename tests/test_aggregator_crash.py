"""T22: kill -9 while a newer revision is being imported; the slot holds exactly r1 or exactly r2."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from support.aggregator_helpers import builtin_plan, synthetic_submission, write

from dvcq_desktop.services import intake
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.db import integrity_ok
from dvcq_desktop.storage.workspace import Workspace

N_ACTIVITIES = 2000
TRIALS = 20
CHILD = """
import sys
from dvcq_desktop.services import intake
from dvcq_desktop.storage.workspace import Workspace
ws = Workspace.open(sys.argv[1], auto_backup=False)
print("READY", flush=True)
intake.import_packages(ws, [sys.argv[2]])
print("DONE", flush=True)
"""


def _child(ws_dir: Path, pkg: Path) -> subprocess.Popen[str]:
    p = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ws_dir), str(pkg)], stdout=subprocess.PIPE, text=True
    )
    assert p.stdout is not None and p.stdout.readline().strip() == "READY"
    return p


@pytest.mark.slow
def test_kill_during_newer_revision_import_leaves_old_or_new(tmp_path: Path) -> None:
    plan = builtin_plan()
    sub = synthetic_submission(plan, "TPTN-P1", "Phường 1", N_ACTIVITIES, seed=5)
    r1 = write(sub, tmp_path / "pk", revision=1)
    changed = replace(
        sub,
        activities=sub.activities[:-10],
        indicators=tuple(replace(v, value=(v.value or 0) + 1) for v in sub.indicators),
    )
    r2 = write(changed, tmp_path / "pk", revision=2, supersedes=r1.package_id)
    pristine = tmp_path / "pristine"
    with init_workspace(pristine, role="aggregator", unit_code="TPTN") as ws:
        assert intake.import_packages(ws, [r1.path])[0].outcome == "new"
    n_counts = len(sub.indicators)

    # Calibrate: how long the child needs from READY to the end of the import.
    trial = tmp_path / "calibrate"
    shutil.copytree(pristine, trial)
    p = _child(trial, r2.path)
    t0 = time.perf_counter()
    assert p.stdout is not None and p.stdout.readline().strip() == "DONE"
    span = time.perf_counter() - t0  # READY → import committed (not interpreter teardown)
    assert p.wait(60) == 0

    states: list[int] = []
    rng = random.Random(22)
    for i in range(TRIALS):
        trial = tmp_path / f"t{i}"
        shutil.copytree(pristine, trial)
        p = _child(trial, r2.path)
        time.sleep(rng.uniform(0, span * 1.1))
        p.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        p.wait(30)
        with Workspace.open(trial, auto_backup=False) as ws:
            assert integrity_ok(ws.db)
            current = list(ws.db.query("SELECT package_id, revision FROM received WHERE is_current = 1"))
            assert len(current) == 1
            rev, pid = current[0]["revision"], current[0]["package_id"]
            assert pid == (r1.package_id if rev == 1 else r2.package_id)
            assert ws.db.execute("SELECT count(*) FROM received").fetchone()[0] == rev
            n_vals = ws.db.execute(
                "SELECT count(*) FROM received_values WHERE package_id = ?", [pid]
            ).fetchone()[0]
            n_acts = ws.db.execute(
                "SELECT count(*) FROM received_activities WHERE package_id = ?", [pid]
            ).fetchone()[0]
            assert n_vals == n_counts
            assert n_acts == (N_ACTIVITIES if rev == 1 else N_ACTIVITIES - 10)
            logged = [r["outcome"] for r in ws.db.query("SELECT outcome FROM import_log ORDER BY id")]
            assert logged == (["new"] if rev == 1 else ["new", "newer-revision"])
            # nothing is in inbox/ that no committed row owns (a staged copy may wait beside it)
            owned = {f"{r1.sha256}.dvcq"} | ({f"{r2.sha256}.dvcq"} if rev == 2 else set())
            assert {f.name for f in (ws.root / "inbox").iterdir()} <= owned
            # and the slot can still be completed afterwards
            again = intake.import_packages(ws, [r2.path])[0].outcome
            assert again == ("duplicate" if rev == 2 else "newer-revision")
            # after the next import every committed revision has its file, and nothing else is there
            assert {f.name for f in (ws.root / "inbox").iterdir()} == {
                f"{r1.sha256}.dvcq",
                f"{r2.sha256}.dvcq",
            }
        states.append(rev)
        shutil.rmtree(trial)
    print(
        f"kill points: {TRIALS}, slot held r1 in {states.count(1)}, r2 in {states.count(2)} (span {span:.2f}s)"
    )
