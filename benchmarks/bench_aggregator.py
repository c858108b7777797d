"""Receiving-office benchmarks (issue 6): import 30 packages × 2,000 activities next to the baseline
"one sqlite-utils insert_all of the same rows in one transaction" measured in the same run; the
board for 100+ expected units; the consolidated report (DOCX + XLSX) for 30 units.

`run()` returns (figure, seconds, baseline name, baseline seconds); run standalone to print them.
Targets: import ≤ 2× baseline (issue 12; the per-package transaction, its fsync and the verbatim
inbox copy included); board < 0.2 s; report < 10 s. For figures without a natural baseline the
"baseline" is the target itself.

The machine may be shared, so the import and its baseline are measured IMPORT_RUNS times,
interleaved (import into a fresh workspace, then the baseline of the same rows), and the run with
the median ratio is reported; every pair is printed when run standalone.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

N_PACKAGES = 30
N_ACTIVITIES = 2000
N_CATALOG_EXTRA = 100
IMPORT_RUNS = 3


def _packages(tmp: Path) -> Path:
    from support.aggregator_helpers import builtin_plan, synthetic_submission, write

    plan = builtin_plan()
    out = tmp / "usb"
    for i in range(1, N_PACKAGES + 1):
        sub = synthetic_submission(plan, f"X{i:03d}", f"Xã Thử Nghiệm {i}", N_ACTIVITIES, seed=i)
        write(sub, out)
    return out


def _baseline(tmp: Path, db_path: Path) -> float:
    """The rows the import wrote, re-inserted with sqlite-utils insert_all in one transaction."""
    from sqlite_utils import Database

    from dvcq_desktop.storage.db import connect
    from dvcq_desktop.storage.migrations import migrate

    src = Database(db_path)
    tables = {
        t: list(src.query(f"SELECT * FROM {t}"))
        for t in ("received", "received_values", "received_activities")
    }
    src.conn.close()
    db = connect(tmp / "baseline.sqlite3")
    migrate(db)
    t = time.perf_counter()
    with db.atomic():
        for name, rows in tables.items():
            db.table(name).insert_all(rows, batch_size=500)
    elapsed = time.perf_counter() - t
    db.conn.close()
    return elapsed


PAIRS: list[tuple[float, float]] = []  # (import, baseline) wall seconds of each run, for the print
CPU: list[tuple[float, float]] = []  # the same runs in CPU seconds of this process (less noisy)


def run() -> list[tuple[str, float, str, float]]:
    from support.aggregator_helpers import big_catalog

    from dvcq_desktop.services import board as board_service
    from dvcq_desktop.services import intake
    from dvcq_desktop.services.consolidate import consolidated_report
    from dvcq_desktop.services.setup import init_workspace

    results: list[tuple[str, float, str, float]] = []
    with tempfile.TemporaryDirectory(prefix="dvcq-bench-agg-") as d:
        tmp = Path(d)
        usb = _packages(tmp)
        cat = big_catalog(tmp / "catalog.json", N_CATALOG_EXTRA)
        pairs: list[tuple[float, float]] = []
        for run_no in range(IMPORT_RUNS):
            with init_workspace(
                tmp / f"run{run_no}", role="aggregator", unit_code="TPTN", catalog=str(cat)
            ) as ws:
                t, c = time.perf_counter(), time.process_time()
                outcomes = intake.import_packages(ws, [usb])
                t_import, c_import = time.perf_counter() - t, time.process_time() - c
                assert [o.outcome for o in outcomes] == ["new"] * N_PACKAGES, outcomes[:3]
                db_path = ws.db_path
            c = time.process_time()
            t_base = _baseline(tmp / f"run{run_no}", db_path)
            c_base = time.process_time() - c
            pairs.append((t_import, t_base))
            CPU[run_no:] = [(c_import, c_base)]
        PAIRS[:] = pairs
        t_import, t_base = sorted(pairs, key=lambda p: p[0] / p[1])[len(pairs) // 2]
        results.append(
            (
                f"import {N_PACKAGES} packages × {N_ACTIVITIES} activities (median of {IMPORT_RUNS})",
                t_import,
                "sqlite-utils insert_all of the same rows, one transaction",
                t_base,
            )
        )
        with init_workspace(tmp / "agg", role="aggregator", unit_code="TPTN", catalog=str(cat)) as ws:
            intake.import_packages(ws, [usb])

            board_service.board(ws)  # first call opens caches; the GUI redraws many times
            t = time.perf_counter()
            b = board_service.board(ws)
            t_board = time.perf_counter() - t
            assert b.expected > 100
            results.append((f"board for {b.expected} expected units", t_board, "target", 0.2))

            t = time.perf_counter()
            consolidated_report(ws, tmp / "tong-hop.docx", tmp / "tong-hop.xlsx")
            t_report = time.perf_counter() - t
            results.append(
                (f"consolidated report for {N_PACKAGES} units (DOCX + XLSX)", t_report, "target", 10.0)
            )
    return results


if __name__ == "__main__":
    figures = run()
    for i, ((imp, base), (c_imp, c_base)) in enumerate(zip(PAIRS, CPU, strict=True), 1):
        print(
            f"  run {i}: import {imp:.3f} s, baseline {base:.3f} s ({imp / base:.2f}×); "
            f"CPU {c_imp:.3f} s vs {c_base:.3f} s ({c_imp / c_base:.2f}×)"
        )
    for name, secs, base_name, base in figures:
        ratio = f" ({secs / base:.2f}×)" if base else ""
        print(f"{name}: {secs:.3f} s — {base_name}: {base:.3f} s{ratio}")
