"""The Tổng quan computations without Qt (services/overview.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from support.officer_ws import act, make_ws

from dvcq_desktop.domain.records import IndicatorValue
from dvcq_desktop.services.overview import countdown_text, export_headline, overview
from dvcq_desktop.storage import activities, exports, report_data


def test_countdown_wording() -> None:
    assert countdown_text(date(2023, 11, 1), date(2023, 10, 20)) == (
        12,
        "Còn 12 ngày đến hạn nộp báo cáo 01/11/2023",
    )
    assert (
        countdown_text(date(2023, 11, 1), date(2023, 11, 1))[1] == "Hôm nay (01/11/2023) là hạn nộp báo cáo"
    )
    assert countdown_text(date(2023, 11, 1), date(2023, 11, 4)) == (
        -3,
        "Đã quá hạn nộp báo cáo 3 ngày (hạn 01/11/2023)",
    )
    # a quarter late still counts the days; years late, the deadline's date says it
    assert (
        countdown_text(date(2023, 11, 1), date(2024, 1, 30))[1]
        == "Đã quá hạn nộp báo cáo 90 ngày (hạn 01/11/2023)"
    )
    assert countdown_text(date(2023, 11, 1), date(2026, 12, 7)) == (
        -1132,
        "Đã quá hạn nộp báo cáo (hạn 01/11/2023)",
    )


def test_areas_months_and_todo(tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    plan, period = ws.plan, ws.period
    activities.save_many(
        ws.db,
        [
            act("tuyen_truyen", "A2", date(2022, 12, 20)),
            act("tuyen_truyen", "A2", date(2023, 1, 3)),
            act("tiep_cong_dan", "A4", date(2023, 1, 31)),
            act("tiep_cong_dan", "A4", date(2023, 11, 2)),  # after the window: not counted
        ],
    )
    report_data.set_values(
        ws.db,
        plan.id,
        period.id,
        [
            IndicatorValue("a4_vu_viec_tham_quyen", 5),
            IndicatorValue("a4_vu_viec_da_giai_quyet", 7),
            IndicatorValue("a5_phan_anh_thai_do", 1),
            IndicatorValue("a5_phan_anh_da_xu_ly", 2),
        ],
    )
    report_data.set_narrative(ws.db, plan.id, period.id, "I", "Đã ban hành kế hoạch.")

    ov = overview(ws, plan, period, today=date(2023, 10, 20))
    assert ov.countdown == "Còn 12 ngày đến hạn nộp báo cáo 01/11/2023"
    assert ov.month_labels[:2] == ("T12/22", "T1/23") and ov.month_labels[-1] == "T10/23"
    assert ov.monthly["A2"][:2] == (1, 1) and ov.monthly["A4"][1] == 1
    by_id = {a.area_id: a for a in ov.areas}
    assert (by_id["A2"].activities, by_id["A4"].activities, by_id["A1"].activities) == (2, 1, 0)
    assert (by_id["A4"].filled, by_id["A4"].errors) == (2, 1)
    assert by_id["A5"].warnings == 1
    assert by_id["A4"].total == len([i for i in plan.indicators_of("A4") if i.kind == "count"])

    todo = {(t.kind, t.page, t.target) for t in ov.todo}
    assert ("rule_error", "indicators", "a4_vu_viec_da_giai_quyet") in todo
    assert ("warning_comment", "indicators", "r_a5_phan_anh_xu_ly") in todo
    assert ("no_activity", "activities", "A1") in todo
    assert ("narrative", "report", "V") in todo and ("narrative", "report", "I") not in todo
    assert ("unfilled", "indicators", plan.indicators_of("A1")[0].id) in todo
    assert ov.todo[0].severity == "error"

    # explaining the warning and fixing the error takes them off the list
    report_data.set_rule_comment(
        ws.db, plan.id, period.id, "r_a5_phan_anh_xu_ly", "Có phản ánh từ năm trước."
    )
    report_data.set_values(ws.db, plan.id, period.id, [IndicatorValue("a4_vu_viec_da_giai_quyet", 5)])
    kinds = {t.kind for t in overview(ws.db, plan, period, today=date(2023, 11, 3)).todo}
    assert not kinds & {"rule_error", "warning_comment"}
    assert overview(ws.db, plan, period, today=date(2023, 11, 3)).days_left == -2
    ws.close()


def _exported(ws: Any, revision: int, when: str) -> None:
    exports.record(
        ws.db,
        {
            "package_id": f"goi-{revision}",
            "unit_code": ws.own_unit.code,
            "plan_id": ws.plan.id,
            "period_id": ws.period.id,
            "revision": revision,
            "supersedes": None,
            "path": f"/tmp/goi-{revision}.dvcq",
            "sha256": "0" * 64,
            "size": 1,
            "created_at": when,
        },
    )


def test_headline_says_the_package_went_out(tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    plan, period = ws.plan, ws.period
    assert overview(ws, plan, period, today=date(2026, 11, 26)).headline.startswith("Đã quá hạn")
    _exported(ws, 1, "2023-10-20T08:00:00+07:00")
    _exported(ws, 2, "2023-10-27T23:30:00+00:00")  # 28/10 in Việt Nam: the day the officer saw
    ov = overview(ws, plan, period, today=date(2023, 10, 28))
    assert ov.exported == (2, date(2023, 10, 28))
    assert ov.headline == "Đã xuất gói báo cáo lần 2 ngày 28/10/2023 — còn 4 ngày đến hạn"
    assert not ov.late
    years_later = overview(ws, plan, period, today=date(2026, 11, 26))
    assert years_later.headline == "Đã xuất gói báo cáo lần 2 ngày 28/10/2023 — đúng hạn (hạn 01/11/2023)"
    assert "quá hạn" not in years_later.headline and not years_later.late
    assert years_later.countdown.startswith("Đã quá hạn")  # still there for whoever needs it
    ws.close()


def test_export_headline_wording() -> None:
    d = date(2023, 11, 1)
    assert export_headline(d, date(2023, 11, 1), 1, date(2023, 11, 1)) == (
        "Đã xuất gói báo cáo lần 1 ngày 01/11/2023 — hôm nay là hạn nộp (01/11/2023)"
    )
    assert export_headline(d, date(2023, 11, 5), 3, date(2023, 11, 4)) == (
        "Đã xuất gói báo cáo lần 3 ngày 04/11/2023 — sau hạn 01/11/2023"
    )
