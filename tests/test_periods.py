"""Periods as a series: deriving a year's plan version, the default windows, and which period a
new workspace opens on (frozen clock)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from support.ws_helpers import run_cli

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.periods import PeriodInfo, current_period, derive_plan_data, unsent_earlier
from dvcq_desktop.domain.plan_loader import plan_from_data
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.resources import resource_path
from dvcq_desktop.services import periods
from dvcq_desktop.services.setup import init_workspace

BASE = json.loads(resource_path("plans", "tptn-dvcq-2023.json").read_text(encoding="utf-8"))


def freeze(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(
        clock, "now", lambda: datetime(day.year, day.month, day.day, 9, 0, tzinfo=clock.VN_TZ)
    )


def test_derived_plan_keeps_content_and_ids_and_takes_the_year_window() -> None:
    data = derive_plan_data(BASE, 2024)
    plan = plan_from_data(data)
    assert plan.id == "tptn-dvcq-2024" and plan.derived_from == "tptn-dvcq-2023"
    assert [i.id for i in plan.indicators] == [i["id"] for i in BASE["indicators"]]
    assert [a["title"] for a in data["areas"]] == [a["title"] for a in BASE["areas"]]
    assert data["rules"] == BASE["rules"] and data["outline"] == BASE["outline"]
    p = plan.periods[0]
    assert (p.id, p.start, p.end, p.deadline) == (
        "2024",
        date(2023, 11, 1),
        date(2024, 10, 31),
        date(2024, 11, 1),
    )
    assert "năm 2024" in plan.trich_yeu and "năm 2023" not in plan.trich_yeu
    # the 2023 window stays as issued
    assert BASE["periods"][0]["start"] == "2022-12-15"


def test_retiring_an_indicator_reserves_its_id_and_drops_what_depends_on_it() -> None:
    data = derive_plan_data(BASE, 2025, retire=["a3_ho_so_dung_han"])
    plan = plan_from_data(data)
    ids = {i.id for i in plan.indicators}
    assert "a3_ho_so_dung_han" not in ids and "a3_ho_so_dung_han" in plan.retired_ids
    for ind in plan.indicators:
        assert "a3_ho_so_dung_han" not in (ind.numerator, ind.denominator)
    assert all("a3_ho_so_dung_han" not in r.left + r.right for r in plan.rules)
    # a retired id can never come back as a new indicator
    reused = dict(data)
    reused["indicators"] = data["indicators"] + [dict(BASE["indicators"][0], id="a3_ho_so_dung_han")]
    with pytest.raises(DvcqError) as e:
        plan_from_data(reused)
    assert "thôi dùng" in e.value.message


def _p(pid: str, start: date, end: date, sent: bool = False) -> PeriodInfo:
    return PeriodInfo(
        pid, f"Năm {pid}", "year", start, end, date(end.year, 11, 1), f"kh-{pid}", submitted=sent
    )


def test_current_is_the_window_containing_today_else_the_latest_unsent() -> None:
    ps = [
        _p("2023", date(2022, 12, 15), date(2023, 10, 31)),
        _p("2024", date(2023, 11, 1), date(2024, 10, 31)),
    ]
    assert current_period(ps, date(2024, 3, 1)).id == "2024"  # type: ignore[union-attr]
    assert unsent_earlier(ps, date(2024, 3, 1)).id == "2023"  # type: ignore[union-attr]
    later_sent = [ps[0], _p("2024", date(2023, 11, 1), date(2024, 10, 31), sent=True)]
    assert current_period(later_sent, date(2026, 1, 1)).id == "2023"  # type: ignore[union-attr]
    all_sent = [_p("2023", date(2022, 12, 15), date(2023, 10, 31), sent=True), later_sent[1]]
    assert current_period(all_sent, date(2026, 1, 1)).id == "2024"  # type: ignore[union-attr]
    assert unsent_earlier(all_sent, date(2026, 1, 1)) is None


def test_on_05_12_2026_a_new_workspace_offers_2027_and_the_unsent_2026_never_2023(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze(monkeypatch, date(2026, 12, 5))
    with init_workspace(tmp_path / "w", role="unit", unit_code="TPTN-P1", offer_today=True) as ws:
        items = {d["id"]: d for d in periods.period_dicts(ws)}
        assert ws.period.id == "2027" and ws.period.start == date(2026, 11, 1)
        assert items["2027"]["current"] and items["2027"]["chosen"] and items["2027"]["provisional"]
        assert items["2026"]["unsent_earlier"] and not items["2026"]["current"]
        assert not items["2023"]["current"] and not items["2023"]["unsent_earlier"]
        assert "chờ kế hoạch mới" in items["2027"]["note"]
        from dvcq_desktop.services.overview import overview  # noqa: F401 - the page the officer sees first

        assert (ws.period.deadline - clock.today()).days > 300  # no "quá hạn 1130 ngày"


def test_periods_cli_contract(tmp_path: Path) -> None:
    w = str(tmp_path / "off")
    assert run_cli("-w", w, "init", "--role", "aggregator", "--unit", "TPTN").returncode == 0
    r = run_cli("-w", w, "open-period", "2025", "--json")
    assert r.returncode == 0, r.stderr
    opened = json.loads(r.stdout)
    assert opened["plan_id"] == "tptn-dvcq-2025" and opened["roster_count"] > 0
    r = run_cli("-w", w, "periods", "--json")
    items = json.loads(r.stdout)
    for d in items:
        assert {"id", "label", "start", "end", "deadline", "plan_id", "current"} <= set(d)
    assert [d["id"] for d in items] == ["2023", "2025"]
    assert sum(d["current"] for d in items) == 1
    again = run_cli("-w", w, "open-period", "2025")
    assert again.returncode == 1 and "đã có" in again.stderr
    bad = run_cli("-w", w, "open-period", "25")
    assert bad.returncode == 1 and "4 chữ số" in bad.stderr
    unit = str(tmp_path / "u")
    assert (
        run_cli("-w", unit, "init", "--role", "unit", "--unit", "TPTN-P1", "--period", "2023").returncode == 0
    )
    r = run_cli("-w", unit, "open-period", "2024")
    assert r.returncode == 1 and "cơ quan tổng hợp" in r.stderr


def test_office_edits_a_plan_version_with_validation(tmp_path: Path) -> None:
    with init_workspace(tmp_path / "off", role="aggregator", unit_code="TPTN") as ws:
        periods.open_year(ws, 2024)
        data = json.loads(
            ws.db.execute("SELECT template FROM plans WHERE id = 'tptn-dvcq-2024'").fetchone()[0]
        )
        data["number"] = "15/KH-UBND"
        data["periods"][0]["deadline"] = "2024-11-05"
        plan = periods.update_plan(ws, "2024", data)
        assert plan.version == "2" and plan.number == "15/KH-UBND"
        assert ws.plan_for("2024").period("2024").deadline == date(2024, 11, 5)
        broken = dict(data, indicators=data["indicators"][1:])
        with pytest.raises(DvcqError) as e:
            periods.update_plan(ws, "2024", broken)
        assert e.value.code in ("plan_edit_lost_indicator", "plan_invalid")
