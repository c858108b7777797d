"""The unit's tasks: storage, audit, status following activities, suggested set, copy, overdue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from support.ws_helpers import new_unit_ws

from dvcq_desktop.domain.records import Activity
from dvcq_desktop.domain.tasks import Task, due_from_text
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services import unit_tasks
from dvcq_desktop.storage import activities
from dvcq_desktop.storage import tasks as repo
from dvcq_desktop.storage.audit import entries


@pytest.fixture
def ws(tmp_path):
    w = new_unit_ws(tmp_path / "ws")
    yield w
    w.close()


def _task(title: str = "Tuyên truyền Chỉ thị 33", area: str = "A2", **kw) -> Task:
    return Task(id=repo.new_id(), area_id=area, title=title, **kw)


def _act(task_id: str | None, status: str = "done", title: str = "Buổi tuyên truyền") -> Activity:
    return Activity(
        id=activities.new_id(),
        area_id="A2",
        type_id="tuyen_truyen",
        title=title,
        start_date=date(2023, 3, 1),
        status=status,
        task_id=task_id,
    )


def test_crud_is_audited_and_keyed_by_period(ws):
    db, plan = ws.db, ws.plan
    t = repo.save(db, plan.id, "2023", _task(lead=" Văn phòng ", timeframe="quý II"))
    assert t.lead == "Văn phòng" and t.position == 0
    t2 = repo.save(db, plan.id, "2023", _task("Mô hình dân vận khéo"))
    assert t2.position == 1
    repo.save(db, plan.id, "2023", replace(t, output="10 buổi"))
    assert repo.list_tasks(db, plan.id, "2024") == []
    assert [x.title for x in repo.list_tasks(db, plan.id, "2023")] == [t.title, t2.title]
    log = [(e["action"], e["field"]) for e in entries(db, "task", t.id)]
    assert ("create", None) in log and ("update", "output") in log
    repo.delete(db, t2.id)
    assert [x.id for x in repo.list_tasks(db, plan.id, "2023")] == [t.id]


def test_dropped_needs_a_reason(ws):
    with pytest.raises(DvcqError) as e:
        repo.save(ws.db, ws.plan.id, "2023", _task(status="dropped"))
    assert e.value.code == "task_invalid"
    t = repo.save(ws.db, ws.plan.id, "2023", _task(status="dropped", reason="Không có kinh phí"))
    assert t.manual and t.status_label == "Không thực hiện"


def test_status_follows_linked_activities_unless_set_by_hand(ws):
    db, pid = ws.db, ws.plan.id
    t = repo.save(db, pid, "2023", _task())
    assert repo.get(db, t.id).effective == "todo"
    a = activities.save(db, _act(t.id, status="planned"))
    assert repo.get(db, t.id).effective == "doing"
    activities.save(db, replace(a, status="done"))
    assert repo.get(db, t.id).status_label == "Hoàn thành"
    activities.soft_delete(db, [a.id])
    assert repo.get(db, t.id).effective == "todo"
    activities.restore(db, [a.id])
    manual = repo.save(db, pid, "2023", replace(repo.get(db, t.id), manual=True, status="doing"))
    assert manual.effective == "doing"
    # deleting the task keeps the activity and drops its link
    repo.delete(db, t.id)
    assert activities.get(db, a.id).task_id is None


def test_link_and_unlink(ws):
    db = ws.db
    t = repo.save(db, ws.plan.id, "2023", _task())
    a = activities.save(db, _act(None))
    repo.link(db, a.id, t.id)
    assert [r["id"] for r in repo.linked_activities(db, t.id)] == [a.id]
    with pytest.raises(DvcqError):
        repo.link(db, a.id, "khong-co")
    repo.link(db, a.id, None)
    assert repo.get(db, t.id).linked == 0


def test_suggested_set_covers_every_area_once_only(ws):
    db, plan = ws.db, ws.plan
    n = unit_tasks.add_suggested(db, plan, "2023")
    ts = repo.list_tasks(db, plan.id, "2023")
    assert n == len(ts) >= len(plan.areas)
    assert {t.area_id for t in ts} == {a.id for a in plan.areas}
    assert unit_tasks.add_suggested(db, plan, "2023") == 0


def test_copy_to_a_new_period_resets_status_and_moves_dates(ws):
    db, pid = ws.db, ws.plan.id
    done = repo.save(
        db,
        pid,
        "2023",
        _task(date_from=date(2023, 2, 1), date_to=date(2023, 3, 31), status="done", manual=True),
    )
    repo.save(db, pid, "2023", _task("Đối thoại với Nhân dân", area="A6", timeframe="Quý III"))
    assert unit_tasks.copy_period(db, pid, "2023", "2024") == 2
    new = repo.list_tasks(db, pid, "2024")
    copied = next(t for t in new if t.source == f"chep:{done.id}")
    assert copied.effective == "todo" and copied.date_to == date(2024, 3, 31)
    with pytest.raises(DvcqError) as e:
        unit_tasks.copy_period(db, pid, "2023", "2024")
    assert e.value.code == "tasks_exist"
    with pytest.raises(DvcqError):
        unit_tasks.copy_period(db, pid, "2022", "2025")


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Quý II", date(2023, 6, 30)),
        ("quý iv", date(2023, 12, 31)),
        ("Tháng 9", date(2023, 9, 30)),
        ("6 tháng đầu năm", date(2023, 6, 30)),
        ("Trước 15/10", date(2023, 10, 15)),
        ("Thường xuyên", None),
        ("", None),
    ],
)
def test_timeframe_words_give_a_due_date(text, due):
    assert due_from_text(text, 2023) == due


def test_overdue_and_untouched(ws):
    db, plan = ws.db, ws.plan
    period = ws.period
    late = repo.save(db, plan.id, "2023", _task("Quán triệt", area="A1", timeframe="Quý I"))
    repo.save(db, plan.id, "2023", _task("Tiếp dân", area="A4", timeframe="Thường xuyên"))
    ts = repo.list_tasks(db, plan.id, "2023")
    assert [t.id for t in unit_tasks.overdue(ts, date(2023, 8, 1), 2023)] == [late.id]
    assert unit_tasks.overdue(ts, date(2023, 3, 1), 2023) == []
    assert [t.title for t in unit_tasks.untouched(ts, date(2023, 8, 1), period)] == ["Tiếp dân"]
    assert unit_tasks.untouched(ts, date(2023, 1, 10), period) == []
    prog = {p.area_id: p for p in unit_tasks.progress(plan, period, ts, date(2023, 8, 1))}
    assert prog["A1"].overdue == 1 and prog["A4"].total == 1


def test_suggest_task_by_area_and_words_without_accents(ws):
    db, plan = ws.db, ws.plan
    unit_tasks.add_suggested(db, plan, "2023")
    ts = repo.list_tasks(db, plan.id, "2023")
    hit = unit_tasks.suggest_task(ts, "A2", "Dang ky mo hinh dan van kheo o khu pho 3")
    assert hit is not None and "Dân vận khéo" in hit.title
    assert unit_tasks.suggest_task(ts, "A4", "xyz") is None
    ranked = unit_tasks.ranked(ts, "A4", "tiếp công dân")
    assert ranked[0].area_id == "A4" and "Tiếp công dân" in ranked[0].title


def test_report_section_i_cites_the_plan_and_counts_tasks(ws):
    from dvcq_desktop.domain.tasks import UnitPlanMeta
    from dvcq_desktop.reports.build_unit import build_unit_report
    from dvcq_desktop.reports.model import Section, plain_text
    from dvcq_desktop.storage.snapshot import load_submission

    db, pid = ws.db, ws.plan.id
    done = repo.save(db, pid, "2023", _task("Tuyên truyền Chỉ thị 33"))
    activities.save(db, _act(done.id))
    repo.save(db, pid, "2023", _task("Ra quân dân vận", status="doing", manual=True))
    repo.save(db, pid, "2023", _task("Đối thoại với Nhân dân", area="A6"))
    repo.save(
        db, pid, "2023", _task("Xây dựng mô hình mới", status="dropped", reason="Chưa bố trí được kinh phí")
    )
    repo.set_plan_meta(db, pid, "2023", UnitPlanMeta("07", "KH-UBND", date(2023, 2, 10)))
    doc = build_unit_report(load_submission(ws), ws.plan)
    section_i = doc.body[0]
    assert isinstance(section_i, Section)
    text = plain_text(replace(doc, body=(section_i,)))
    assert (
        "UBND phường ban hành Kế hoạch số 07/KH-UBND ngày 10/02/2023 triển khai thực hiện công tác dân vận "
        "chính quyền năm 2023 với 4 nhiệm vụ; đến nay đã hoàn thành 1 nhiệm vụ, đang thực hiện 1 nhiệm vụ, "
        "chưa thực hiện 1 nhiệm vụ và không thực hiện 1 nhiệm vụ."
    ) in text
    assert "Nhiệm vụ không thực hiện: xây dựng mô hình mới (chưa bố trí được kinh phí)." in text
    assert "Nhiệm vụ chưa thực hiện: đối thoại với Nhân dân." in text


def test_report_without_tasks_says_nothing_about_them(ws):
    from dvcq_desktop.reports.build_unit import build_unit_report
    from dvcq_desktop.reports.model import plain_text
    from dvcq_desktop.storage.snapshot import load_submission

    assert "nhiệm vụ" not in plain_text(build_unit_report(load_submission(ws), ws.plan)).split("II.")[0]


def test_overview_lists_overdue_and_untouched_tasks(ws):
    from dvcq_desktop.services.overview import overview

    db, plan = ws.db, ws.plan
    late = repo.save(db, plan.id, "2023", _task("Quán triệt Chỉ thị 33", area="A1", timeframe="Quý I"))
    idle = repo.save(db, plan.id, "2023", _task("Tiếp dân định kỳ", area="A4", timeframe="Thường xuyên"))
    items = overview(ws, plan, ws.period, today=date(2023, 8, 1)).todo
    kinds = [(t.kind, t.target, t.page) for t in items if t.kind.startswith("task_")]
    assert kinds == [("task_overdue", late.id, "unit_plan"), ("task_untouched", idle.id, "unit_plan")]
    assert next(t.text for t in items if t.kind == "task_overdue") == (
        "Nhiệm vụ quá hạn (Quý I): Quán triệt Chỉ thị 33"
    )
    # early in the period nothing is late or idle yet
    early = overview(ws, plan, ws.period, today=date(2023, 1, 5)).todo
    assert not [t for t in early if t.kind.startswith("task_")]


@pytest.mark.parametrize("seed", [1, 2, 7])
def test_demo_writes_a_realistic_plan(ws, seed):
    from dvcq_desktop.services.demo import fill_demo

    fill_demo(ws, activities=90, seed=seed)
    ts = repo.list_tasks(ws.db, ws.plan.id, "2023")
    assert 20 <= len(ts) <= 40
    assert {t.area_id for t in ts} == {a.id for a in ws.plan.areas}
    linked = sum(1 for t in ts if t.linked)
    assert 0.3 * len(ts) <= linked <= 0.6 * len(ts)
    assert unit_tasks.overdue(ts, ws.period.end, 2023)
    assert any(t.effective == "dropped" and t.reason for t in ts)
    assert repo.plan_meta(ws.db, ws.plan.id, "2023").issued
    # every link points at an activity of the task's own area
    areas = {t.id: t.area_id for t in ts}
    for r in ws.db.query("SELECT area_id, task_id FROM activities WHERE task_id IS NOT NULL"):
        assert areas[r["task_id"]] == r["area_id"]


def test_many_tasks_not_done_are_counted_then_some_named(ws):
    from dvcq_desktop.reports.task_summary import NAMED_MAX, task_sentences
    from dvcq_desktop.storage.snapshot import load_submission

    for i in range(NAMED_MAX + 2):
        repo.save(ws.db, ws.plan.id, "2023", _task(f"Nhiệm vụ số {i + 1}"))
    text = task_sentences(load_submission(ws))
    assert text[0].endswith(
        "với 7 nhiệm vụ; đến nay chưa có nhiệm vụ hoàn thành và chưa thực hiện 7 nhiệm vụ."
    )
    assert text[1].startswith("Nhiệm vụ chưa thực hiện gồm 7 nhiệm vụ, trong đó có: nhiệm vụ số 1; ")
    assert text[1].count(";") == NAMED_MAX - 1


def test_an_agency_gets_no_ward_tasks(tmp_path):
    import json

    with new_unit_ws(tmp_path / "ag", "TPTN-TTR") as ag:
        unit_tasks.add_suggested(ag.db, ag.plan, "2023", ubnd=False)
        mine = repo.list_tasks(ag.db, ag.plan.id, "2023")
    text = json.dumps([(t.title, t.content, t.lead, t.partners, t.output) for t in mine], ensure_ascii=False)
    assert mine and "Chủ tịch UBND" not in text and "khu dân cư" not in text
    assert all("UBND" not in t.lead for t in mine)
    ward = unit_tasks.suggestions(ag.plan)
    assert len(mine) < len(ward)
