"""An office over the years (issue 13): 100 units × 3 earlier years of packages (2,000 activities
each) already imported, then the new year's 100 packages.

Figures, each beside its baseline measured in the same run:
- import 100 packages of the new year next to one sqlite-utils `insert_all` of the same rows into
  the same workspace as it was before the import (target ≤ 2×);
- the board of 100 units for each of the 4 years (target < 0.2 s for all four);
- the multi-year trend of every indicator and every unit's on-time record over 4 years (< 1 s);
- peak RSS of the office window opened on that workspace (< 400 MB).

Building the data takes several minutes on a shared machine, so it is made once and cached in
`$DVCQ_BENCH_YEARS_CACHE` (default: a folder in the system temp directory); each run works on a copy.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

N_UNITS = 100
N_ACTIVITIES = 2000
EARLIER = ("2023", "2024", "2025")
NEW_YEAR = "2026"
CACHE_VERSION = "v1"


def _cache_dir() -> Path:
    base = os.environ.get("DVCQ_BENCH_YEARS_CACHE") or str(Path(tempfile.gettempdir()) / "dvcq-bench-years")
    return Path(base) / CACHE_VERSION


def _catalog(path: Path) -> Path:
    """The 2023 catalogue plus 100 communes X001…; only the 100 are expected to report."""
    from support.aggregator_helpers import big_catalog

    big_catalog(path, N_UNITS)
    data = json.loads(path.read_text(encoding="utf-8"))
    for u in data["units"]:
        if not u["code"].startswith("X"):
            u["expected"] = False
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _write_year(ws: object, year: str, out: Path) -> None:
    from dataclasses import replace
    from datetime import datetime

    from support.aggregator_helpers import synthetic_submission, write

    from dvcq_desktop.domain import clock

    plan = ws.plan_for(year)  # type: ignore[attr-defined]
    for i in range(1, N_UNITS + 1):
        sub = synthetic_submission(
            plan, f"X{i:03d}", f"Xã Thử Nghiệm {i}", N_ACTIVITIES, seed=int(year) * 1000 + i
        )
        # a few late units each year, so the on-time record has something to show
        day = 29 if i % 10 else 3
        month = 10 if i % 10 else 11
        sub = replace(sub, finalized_at=datetime(int(year), month, day, 9, 0, tzinfo=clock.VN_TZ))
        write(sub, out)


def build(cache: Path) -> None:
    from dvcq_desktop.services import periods
    from dvcq_desktop.services.intake import import_packages
    from dvcq_desktop.services.setup import init_workspace

    if (cache / "ready").is_file():
        return
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    cat = _catalog(cache / "catalog.json")
    with init_workspace(cache / "office", role="aggregator", unit_code="TPTN", catalog=str(cat)) as ws:
        for year in (*EARLIER[1:], NEW_YEAR):
            periods.open_year(ws, int(year))
        for year in EARLIER:
            _write_year(ws, year, cache / "usb" / year)
            outcomes = import_packages(ws, [cache / "usb" / year])
            assert [o.outcome for o in outcomes] == ["new"] * N_UNITS, outcomes[:2]
            shutil.rmtree(cache / "usb" / year)
        _write_year(ws, NEW_YEAR, cache / "usb" / NEW_YEAR)
    (cache / "ready").write_text("ok\n", encoding="utf-8")


def _new_rows(db_path: Path, year: str) -> dict[str, list[dict[str, object]]]:
    from sqlite_utils import Database

    src = Database(db_path)
    where = "package_id IN (SELECT package_id FROM received WHERE period_id = ?)"
    rows = {
        "received": list(src.query("SELECT * FROM received WHERE period_id = ?", [year])),
        "received_values": list(src.query(f"SELECT * FROM received_values WHERE {where}", [year])),
        "received_activities": list(src.query(f"SELECT * FROM received_activities WHERE {where}", [year])),
    }
    src.conn.close()
    return rows


def _baseline(before: Path, rows: dict[str, list[dict[str, object]]]) -> float:
    from dvcq_desktop.storage.db import connect

    db = connect(before)
    t = time.perf_counter()
    with db.atomic():
        for name, items in rows.items():
            db.table(name).insert_all(items, batch_size=500)
    elapsed = time.perf_counter() - t
    db.conn.close()
    return elapsed


def run() -> list[tuple[str, float, str, float]]:
    from dvcq_desktop.services import board as board_service
    from dvcq_desktop.services.intake import import_packages
    from dvcq_desktop.services.multiyear import multi_year
    from dvcq_desktop.storage.workspace import Workspace

    cache = _cache_dir()
    build(cache)
    results: list[tuple[str, float, str, float]] = []
    with tempfile.TemporaryDirectory(prefix="dvcq-bench-years-") as d:
        tmp = Path(d)
        shutil.copytree(cache / "office", tmp / "office")
        shutil.copyfile(cache / "office" / "dvcq.sqlite3", tmp / "before.sqlite3")
        with Workspace.open(tmp / "office", auto_backup=False) as ws:
            t = time.perf_counter()
            outcomes = import_packages(ws, [cache / "usb" / NEW_YEAR])
            t_import = time.perf_counter() - t
            assert [o.outcome for o in outcomes] == ["new"] * N_UNITS, outcomes[:2]
        t_base = _baseline(tmp / "before.sqlite3", _new_rows(tmp / "office" / "dvcq.sqlite3", NEW_YEAR))
        results.append(
            (
                f"import {N_UNITS} packages × {N_ACTIVITIES} activities of {NEW_YEAR} (3 years already held)",
                t_import,
                "sqlite-utils insert_all of the same rows, same workspace",
                t_base,
            )
        )

        with Workspace.open(tmp / "office", auto_backup=False) as ws:
            years = (*EARLIER, NEW_YEAR)
            for y in years:  # first calls open caches; the GUI redraws many times
                board_service.board(ws, y)
            t = time.perf_counter()
            boards = [board_service.board(ws, y) for y in years]
            t_board = time.perf_counter() - t
            assert all(b.expected == N_UNITS for b in boards), [b.expected for b in boards]
            results.append((f"board for {N_UNITS} units over {len(years)} years", t_board, "target", 0.2))

            multi_year(ws)
            t = time.perf_counter()
            m = multi_year(ws)
            t_trend = time.perf_counter() - t
            assert len(m.period_ids) == len(years) and len(m.units) == N_UNITS
            results.append(
                (
                    f"multi-year trend of {len(m.indicators)} indicators over {len(years)} years",
                    t_trend,
                    "target",
                    1.0,
                )
            )

        from bench_gui import _APP, _time_to_shown

        # ru_maxrss survives exec: a child forked from this process (1 GB after the import) would
        # report this process's peak. The child's own high-water mark (VmHWM) is what counts.
        rusage = "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss"
        assert rusage in _APP
        hwm = "int(next(ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')).split()[1])"
        _frame, _ready, rss_kb = _time_to_shown(_APP.replace(rusage, hwm), str(tmp / "office"))
        results.append(("peak RSS, MB: office window on that workspace", rss_kb / 1024, "target MB", 400.0))
    return results


if __name__ == "__main__":
    for name, secs, base_name, base in run():
        ratio = f" ({secs / base:.2f}×)" if base else ""
        print(f"{name}: {secs:.3f} — {base_name}: {base:.3f}{ratio}")
