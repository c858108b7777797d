"""The unit's tasks travel in the package (format 1.1) with each activity's task id, and the
receiving office counts them: board, `dvcq status --json`, consolidated report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from support.ws_helpers import new_unit_ws

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.domain.tasks import Task
from dvcq_desktop.package import read_package
from dvcq_desktop.package.codec import submission_from_dict, submission_to_dict
from dvcq_desktop.services.export import export_package
from dvcq_desktop.storage import activities
from dvcq_desktop.storage import tasks as repo
from dvcq_desktop.storage.snapshot import load_submission


def _unit_with_tasks(root, code: str = "TPTN-P1"):
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


def test_package_round_trip_carries_tasks_and_task_ids(tmp_path):
    ws, done = _unit_with_tasks(tmp_path / "ws")
    with ws:
        out = tmp_path / "usb"
        out.mkdir()
        written = export_package(ws, out)
        expected = load_submission(ws)
    pkg = read_package(written.path)
    assert pkg.manifest.format_version == "1.1"
    got = pkg.submission
    assert [submission_to_dict(replace(got, tasks=(t,)))["tasks"] for t in got.tasks] == [
        submission_to_dict(replace(expected, tasks=(t,)))["tasks"] for t in expected.tasks
    ]
    by_title = {t.title: t for t in got.tasks}
    assert by_title["Tuyên truyền"].effective == "done"
    assert by_title["Đối thoại"].timeframe == "Từ 01/03/2023 đến 31/03/2023"
    assert (by_title["Mô hình mới"].effective, by_title["Mô hình mới"].reason) == (
        "dropped",
        "Thiếu kinh phí",
    )
    linked = {a.title: a.task_id for a in got.activities}
    assert linked == {"Tuyên truyền Chỉ thị 33": done.id, "Họp": None}


def test_a_unit_without_tasks_writes_what_format_1_0_wrote(tmp_path):
    with new_unit_ws(tmp_path / "ws") as ws:
        d = submission_to_dict(load_submission(ws))
    assert "tasks" not in d
    assert all("task_id" not in a for a in d["activities"])
    assert submission_from_dict(d).tasks == ()
