"""The unit's tasks travel in the package (format 1.1) with each activity's task id, and the
receiving office counts them: board, `dvcq status --json`, consolidated report."""

from __future__ import annotations

from dataclasses import replace

from support.task_helpers import unit_with_tasks
from support.ws_helpers import new_unit_ws

from dvcq_desktop.package import read_package
from dvcq_desktop.package.codec import submission_from_dict, submission_to_dict
from dvcq_desktop.services.export import export_package
from dvcq_desktop.storage.snapshot import load_submission


def test_package_round_trip_carries_tasks_and_task_ids(tmp_path):
    ws, done = unit_with_tasks(tmp_path / "ws")
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


def test_the_office_counts_tasks_per_unit_and_by_area(tmp_path):
    import json

    from support.ws_helpers import run_cli

    from dvcq_desktop.services.board import board, board_to_json
    from dvcq_desktop.services.consolidate import consolidated_report
    from dvcq_desktop.services.intake import import_packages
    from dvcq_desktop.services.setup import init_workspace

    usb = tmp_path / "usb"
    usb.mkdir()
    ws, _ = unit_with_tasks(tmp_path / "p1", "TPTN-P1")
    with ws:
        export_package(ws, usb)
    with new_unit_ws(tmp_path / "p2", "TPTN-P2") as plain:  # a unit without its own plan
        export_package(plain, usb)
    agg_root = tmp_path / "agg"
    with init_workspace(agg_root, role="aggregator", unit_code="TPTN") as agg:
        import_packages(agg, [usb])
        rows = {r.unit_code: r for r in board(agg).rows}
        assert (rows["TPTN-P1"].tasks_total, rows["TPTN-P1"].tasks_done) == (3, 1)
        assert (rows["TPTN-P2"].tasks_total, rows["TPTN-P2"].tasks_done) == (0, 0)
        units = {u["unit"]: u for u in board_to_json(board(agg))["units"]}
        assert (units["TPTN-P1"]["tasks_total"], units["TPTN-P1"]["tasks_done"]) == (3, 1)
        docx, _ = consolidated_report(agg, tmp_path / "tong-hop.docx")
    r = run_cli("-w", str(agg_root), "status", "--json")
    assert r.returncode == 0, r.stderr
    status = {u["unit"]: u for u in json.loads(r.stdout)["units"]}
    assert (status["TPTN-P1"]["tasks_total"], status["TPTN-P1"]["tasks_done"]) == (3, 1)
    assert status["TPTN-P3"]["tasks_total"] == 0
    from docx import Document as open_docx

    d = open_docx(str(docx))
    text = "\n".join(p.text for p in d.paragraphs)
    assert (
        "1/2 cơ quan, đơn vị gửi kèm kế hoạch của đơn vị với 3 nhiệm vụ; đã hoàn thành 1 nhiệm vụ (50%), "
        "chưa thực hiện 1 nhiệm vụ và không thực hiện 1 nhiệm vụ."
    ) in text
    table = next(
        t for t in d.tables if t.rows[0].cells[0].text == "STT" and "Số nhiệm vụ" in t.rows[0].cells[2].text
    )
    cells = {r.cells[1].text: [c.text for c in r.cells[2:]] for r in table.rows[1:]}
    assert cells["Tổng cộng"] == ["3", "1", "0", "1", "1"]
    assert sum(int(v[0]) for k, v in cells.items() if k != "Tổng cộng") == 3
