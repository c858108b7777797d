"""Suggestions from the activity log for count indicators (services/suggestions.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from support.officer_ws import act, make_ws

from dvcq_desktop.services.demo import generate_activities
from dvcq_desktop.services.suggestions import suggest_values
from dvcq_desktop.storage import activities


def test_counts_participants_and_groups_of_the_window_only(tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    plan, period = ws.plan, ws.period
    items = [
        act("tuyen_truyen", participants=100),
        act("tuyen_truyen", participants=1130, day=period.end),
        act("tuyen_truyen", participants=5, day=period.start),
        act("tuyen_truyen", participants=999, status="cancelled"),  # did not happen
        act("tuyen_truyen", participants=999, status="planned"),  # not yet
        act("tuyen_truyen", participants=999, day=date(2022, 12, 14)),  # before the window
        act("tiep_cong_dan", "A4", participants=7, groups=2),
        act("tiep_cong_dan", "A4", participants=3),
    ]
    activities.save_many(ws.db, items)
    deleted = act("tuyen_truyen", participants=50)
    activities.save_many(ws.db, [deleted])
    activities.soft_delete(ws.db, [deleted.id])

    s = suggest_values(ws.db, plan, period)
    assert s["a2_buoi_tuyen_truyen"].value == 3
    assert s["a2_luot_nguoi_tuyen_truyen"].value == 1235
    assert s["a2_buoi_tuyen_truyen"].text == "Theo nhật ký hoạt động: 3 buổi, 1.235 lượt người"
    assert s["a4_luot_tiep"].value == 2
    assert s["a4_luot_nguoi_tiep"].value == 10
    assert s["a4_doan_dong_nguoi"].value == 2
    assert s["a4_luot_tiep"].text == "Theo nhật ký hoạt động: 2 lượt, 10 lượt người, 2 đoàn"
    # indicators the log cannot support get no suggestion; supported ones with no activity get 0
    assert "a4_don_tiep_nhan" not in s
    assert s["a5_boi_duong"].value == 0
    assert all(plan.indicator(k).kind == "count" for k in s)
    ws.close()


def test_one_query_whatever_the_number_of_indicators(tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    activities.save_many(ws.db, [act("tuyen_truyen", participants=3)])
    seen: list[str] = []
    ws.db.conn.set_trace_callback(seen.append)
    suggest_values(ws.db, ws.plan, ws.period)
    ws.db.conn.set_trace_callback(None)
    assert len([q for q in seen if "activities" in q]) == 1
    ws.close()


def test_values_match_the_log_on_a_large_workspace(tmp_path: Path) -> None:
    # Timing lives in benchmarks/bench_storage.py; here only the figures are checked at scale.
    ws = make_ws(tmp_path / "ws")
    acts = generate_activities(ws.plan, ws.period, "Phường 1", 5_000, seed=3)
    activities.save_many(ws.db, acts)
    s = suggest_values(ws.db, ws.plan, ws.period)
    counted = [a for a in acts if a.type_id == "tuyen_truyen" and a.status in ("done", "in_progress")]
    assert s["a2_buoi_tuyen_truyen"].value == len(counted)
    assert s["a2_luot_nguoi_tuyen_truyen"].value == sum(a.participants or 0 for a in counted)
    ws.close()
