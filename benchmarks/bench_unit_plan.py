"""The "Kế hoạch của đơn vị" page with 500 tasks and 10,000 activities (half of them answering a
task): construct, fill and paint it, next to a bare QTreeView of the same 500 rows × 7 columns
built and painted in the same run. Target (issue 16): the page opens in < 300 ms.

`run()` returns (figure, seconds, baseline name, baseline seconds); run standalone to print them.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

N_ACTIVITIES = 10_000
N_TASKS = 500
REPEATS = 7


def _fill(root: Path) -> None:
    from dvcq_desktop.domain.tasks import Task
    from dvcq_desktop.services.demo import fill_demo
    from dvcq_desktop.services.setup import init_workspace
    from dvcq_desktop.storage import tasks as repo

    with init_workspace(root, role="unit", unit_code="TPTN-P1") as ws:
        fill_demo(ws, activities=N_ACTIVITIES)
        plan, period = ws.plan, ws.period
        have = len(repo.list_tasks(ws.db, plan.id, period.id))
        rng = random.Random(16)
        areas = [a.id for a in plan.areas]
        extra = [
            Task(
                id=repo.new_id(),
                area_id=rng.choice(areas),
                title=f"Nhiệm vụ bổ sung số {i + 1} về công tác dân vận chính quyền",
                lead=rng.choice(["Văn phòng", "Bộ phận Một cửa", "Bộ phận Văn hóa - Xã hội"]),
                timeframe=rng.choice(["Thường xuyên", "Quý II", "Quý III", "Tháng 9"]),
                output="Báo cáo kết quả",
            )
            for i in range(N_TASKS - have)
        ]
        repo.save_many(ws.db, plan.id, period.id, extra, "bench")
        ids = [t.id for t in repo.list_tasks(ws.db, plan.id, period.id)]
        acts = [r[0] for r in ws.db.execute("SELECT id FROM activities WHERE task_id IS NULL").fetchall()]
        pairs = [(rng.choice(ids), a) for a in acts[: N_ACTIVITIES // 2]]
        with ws.db.atomic():
            ws.db.conn.executemany("UPDATE activities SET task_id = ? WHERE id = ?", pairs)


def _settle(app: object) -> None:
    for _ in range(3):
        app.processEvents()  # type: ignore[attr-defined]


def run() -> list[tuple[str, float, str, float]]:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTreeView

    from dvcq_desktop.paths import AppPaths
    from dvcq_desktop.storage.workspace import Workspace
    from dvcq_desktop.ui.common.style import apply_style
    from dvcq_desktop.ui.shell.launcher import build_context
    from dvcq_desktop.ui.unit.unit_plan_page import UnitPlanPage

    tmp = Path(tempfile.mkdtemp(prefix="dvcq-bench-plan-"))
    root = tmp / "ws"
    _fill(root)
    app = QApplication.instance() or QApplication([])
    apply_style(app)  # type: ignore[arg-type]
    ws = Workspace.open(root)
    ctx = build_context(AppPaths(workspace=root, log_dir=tmp / "logs", config_dir=tmp), ws)
    page_runs, bare_runs = [], []
    try:
        for _ in range(REPEATS):  # interleaved: a slow spell of the machine falls on both sides
            started = time.perf_counter()
            page = UnitPlanPage(ctx)
            page.resize(1366, 768)
            page.show()
            _settle(app)
            page_runs.append(time.perf_counter() - started)
            tasks = page.model.all
            assert len(tasks) == N_TASKS, len(tasks)
            page.close()
            page.deleteLater()

            started = time.perf_counter()
            model = QStandardItemModel()
            for _area in range(6):
                parent = QStandardItem("Nội dung")
                model.appendRow(parent)
            for i, t in enumerate(tasks):
                row = [
                    QStandardItem(x) for x in (t.title, t.lead, t.partners, t.time_text(), t.output, "", "")
                ]
                model.item(i % 6).appendRow(row)
            tree = QTreeView()
            tree.setModel(model)
            tree.expandAll()
            tree.resize(1366, 600)
            tree.show()
            _settle(app)
            bare_runs.append(time.perf_counter() - started)
            tree.close()
            tree.deleteLater()
            _settle(app)
    finally:
        ctx.tasks.wait(10000)
        ws.close()
    page_s, bare_s = statistics.median(page_runs), statistics.median(bare_runs)
    label = f"Kế hoạch page opened: {N_TASKS} tasks, {N_ACTIVITIES:,} activities (median of {REPEATS})"
    return [
        (label, page_s, f"bare QTreeView, same {N_TASKS} rows", bare_s),
        ("  … against the target", page_s, "target", 0.3),
    ]


def main() -> int:
    for name, value, base_name, base in run():
        print(f"{name:<70} {value:9.3f}   {base_name}: {base:.3f}   ratio {value / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
