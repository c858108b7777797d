"""Storage benchmarks: filling a 100,000-activity workspace, and the SQL the activity log runs.

Baselines are measured in the same run: a bare sqlite-utils `insert_all` of the same rows in one
transaction (what our save path adds: NFC, validation, search/sort columns, audit), and a plain
`count(*)` over the same table (what the accent-insensitive filter adds).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N = int(os.environ.get("DVCQ_BENCH_N", "100000"))


def run() -> list[tuple[str, float, str, float]]:
    from sqlite_utils import Database

    from dvcq_desktop.services.demo import generate_activities
    from dvcq_desktop.services.setup import init_workspace
    from dvcq_desktop.storage import activities
    from dvcq_desktop.storage.activities import ActivityFilter

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        ws = init_workspace(Path(tmp) / "ws", role="unit", unit_code="TPTN-P1")
        acts = generate_activities(ws.plan, ws.period, "Phường 1", N, seed=3)
        t0 = time.perf_counter()
        activities.save_many(ws.db, acts)
        ours = time.perf_counter() - t0
        bare = Database(Path(tmp) / "bare.sqlite3")
        rows = [activities.to_row(a) for a in acts]
        t0 = time.perf_counter()
        with bare.atomic():
            bare.table("activities").insert_all(rows, batch_size=500)
        base = time.perf_counter() - t0
        results.append((f"save_many {N:,} activities", ours, "bare insert_all of the rows", base))

        f = ActivityFilter(text="dan van kheo")
        t0 = time.perf_counter()
        n = activities.count(ws.db, f)
        activities.page(ws.db, f, limit=200)
        search = time.perf_counter() - t0
        t0 = time.perf_counter()
        ws.db.execute("SELECT count(*) FROM activities").fetchone()
        plain = time.perf_counter() - t0
        results.append(
            (f"search 'dan van kheo' ({n:,} hits) count+first page", search, "plain count(*)", plain)
        )

        t0 = time.perf_counter()
        activities.page(
            ws.db, ActivityFilter(), order_by="title", descending=False, limit=200, offset=N - 200
        )
        sort_end = time.perf_counter() - t0
        t0 = time.perf_counter()
        activities.page(ws.db, ActivityFilter(), order_by="start_date", limit=200, offset=0)
        first = time.perf_counter() - t0
        results.append(
            ("last page sorted by title (Vietnamese collation)", sort_end, "first page by date", first)
        )
        from dvcq_desktop.services.suggestions import suggest_values

        t0 = time.perf_counter()
        suggest_values(ws.db, ws.plan, ws.period)
        sugg = time.perf_counter() - t0
        t0 = time.perf_counter()
        ws.db.execute(
            "SELECT type_id, count(*), sum(participants) FROM activities GROUP BY type_id"
        ).fetchall()
        group = time.perf_counter() - t0
        results.append(("indicator suggestions from the log", sugg, "one bare GROUP BY", group))
        ws.close()
    return results


if __name__ == "__main__":
    for name, secs, bname, bsecs in run():
        ratio = secs / bsecs if bsecs else float("inf")
        print(f"{name}: {secs:.3f} s | {bname}: {bsecs:.3f} s | ratio {ratio:.2f}")
