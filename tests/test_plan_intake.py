"""A unit taking plan files: provisional year replaced by the official plan (figures follow by
indicator id), newer and older versions, a unit left out of the roster, the office refusing one."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.records import IndicatorValue
from dvcq_desktop.services import periods
from dvcq_desktop.services.plan_intake import take_plan_file
from dvcq_desktop.services.plan_publish import publish_plan
from dvcq_desktop.services.roster import set_included
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import report_data


def _freeze(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(
        clock, "now", lambda: datetime(day.year, day.month, day.day, 9, 0, tzinfo=clock.VN_TZ)
    )


def test_provisional_year_moves_onto_the_official_plan_by_indicator_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _freeze(monkeypatch, date(2026, 12, 5))
    unit = init_workspace(tmp_path / "u", role="unit", unit_code="TPTN-P1", offer_today=True)
    assert (unit.period.id, unit.plan.id) == ("2027", "tptn-dvcq-2027-tam")
    report_data.set_values(
        unit.db,
        unit.plan.id,
        "2027",
        [IndicatorValue("a1_van_ban", 7, ""), IndicatorValue("a2_tin_bai", 3, "")],
    )
    report_data.set_narrative(unit.db, unit.plan.id, "2027", "V", "Kiến nghị tạm.")

    with init_workspace(tmp_path / "o", role="aggregator", unit_code="TPTN") as office:
        periods.open_year(office, 2027)
        data = json.loads(
            office.db.execute("SELECT template FROM plans WHERE id = 'tptn-dvcq-2027'").fetchone()[0]
        )
        data["indicators"] = [i for i in data["indicators"] if i["id"] != "a2_tin_bai"]
        data["retired_indicators"] = [
            {"id": "a2_tin_bai", "label": "Tin, bài", "retired_in": "tptn-dvcq-2027"}
        ]
        data["rules"] = [r for r in data["rules"] if "a2_tin_bai" not in r["left"] + r["right"]]
        periods.update_plan(office, "2027", data)
        plan_file = publish_plan(office, "2027", tmp_path / "kh")

    o = take_plan_file(unit, plan_file)
    assert (o.outcome, o.reason) == ("new", "plan_take_official")
    assert o.changes["retired_indicators"] == ["a2_tin_bai"]
    assert (unit.plan.id, unit.period.id) == ("tptn-dvcq-2027", "2027")
    official = report_data.values(unit.db, "tptn-dvcq-2027", "2027")
    assert official["a1_van_ban"].value == 7 and "a2_tin_bai" not in official
    # the retired figure is not lost: it stays under the provisional plan
    left = report_data.values(unit.db, "tptn-dvcq-2027-tam", "2027")
    assert left["a2_tin_bai"].value == 3
    assert (
        report_data.narrative_sections(unit.db, "tptn-dvcq-2027", "2027", ["V"])[0].text == "Kiến nghị tạm."
    )
    ids = [(p.id, p.plan_id, p.provisional) for p in periods.list_periods(unit)]
    assert ("2027", "tptn-dvcq-2027", False) in ids and ("2027", "tptn-dvcq-2027-tam", True) not in ids
    unit.close()


def test_newer_version_is_taken_older_is_refused_left_out_unit_is_rejected(tmp_path: Path) -> None:
    office = init_workspace(tmp_path / "o", role="aggregator", unit_code="TPTN")
    periods.open_year(office, 2024)
    set_included(office, "TPTN-P4", False, "Sáp nhập, không báo cáo kỳ này", period_id="2024")
    v1 = publish_plan(office, "2024", tmp_path / "v1")
    data = json.loads(
        office.db.execute("SELECT template FROM plans WHERE id = 'tptn-dvcq-2024'").fetchone()[0]
    )
    data["number"] = "21/KH-UBND"
    periods.update_plan(office, "2024", data)
    v2 = publish_plan(office, "2024", tmp_path / "v2")
    office.close()

    with init_workspace(tmp_path / "u", role="unit", unit_code="TPTN-P1", period_id="2023") as unit:
        assert take_plan_file(unit, v2).outcome == "new"
        assert unit.plan_for("2024").number == "21/KH-UBND"
        older = take_plan_file(unit, v1)
        assert (older.outcome, older.reason, older.to_dict()["kind"]) == (
            "older-revision",
            "plan_take_older",
            "plan",
        )
        assert unit.plan_for("2024").number == "21/KH-UBND"

    with init_workspace(tmp_path / "p4", role="unit", unit_code="TPTN-P4", period_id="2023") as p4:
        r = take_plan_file(p4, v1)
        assert (r.outcome, r.reason, r.successor) == ("rejected", "plan_not_in_roster", None)
        assert "TPTN-P4" in r.message and [p.id for p in periods.list_periods(p4)] == ["2023"]

    with init_workspace(tmp_path / "o2", role="aggregator", unit_code="TPTN") as other_office:
        r = take_plan_file(other_office, v1)
        assert (r.outcome, r.reason) == ("rejected", "plan_role")
