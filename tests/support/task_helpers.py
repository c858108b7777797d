"""A unit workspace with three tasks of its own plan (one done through a linked activity, one
with dates, one not done with a reason) and an activity that answers no task."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.domain.tasks import Task
from dvcq_desktop.storage import activities
from dvcq_desktop.storage import tasks as repo
from dvcq_desktop.storage.workspace import Workspace
from support.ws_helpers import new_unit_ws


def unit_with_tasks(root: Path, code: str = "TPTN-P1") -> tuple[Workspace, Task]:
    ws = new_unit_ws(root, code)
    pid = ws.plan.id
    done = repo.save(
        ws.db, pid, "2023", Task(id=repo.new_id(), area_id="A2", title="Tuyên truyền", timeframe="Quý II")
    )
    repo.save(
        ws.db,
        pid,
        "2023",
        Task(
            id=repo.new_id(),
            area_id="A4",
            title="Đối thoại",
            lead="Văn phòng",
            date_from=date(2023, 3, 1),
            date_to=date(2023, 3, 31),
            output="Biên bản",
        ),
    )
    repo.save(
        ws.db,
        pid,
        "2023",
        Task(id=repo.new_id(), area_id="A4", title="Mô hình mới", status="dropped", reason="Thiếu kinh phí"),
    )
    activities.save(
        ws.db,
        Activity(
            id=activities.new_id(),
            area_id="A2",
            type_id="tuyen_truyen",
            title="Tuyên truyền Chỉ thị 33",
            start_date=date(2023, 4, 2),
            task_id=done.id,
        ),
    )
    activities.save(
        ws.db,
        Activity(
            id=activities.new_id(), area_id="A1", type_id="khac", title="Họp", start_date=date(2023, 4, 3)
        ),
    )
    return ws, done
