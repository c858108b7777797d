"""The sample workspace a newcomer opens on 07/12/2026: 2023 and the year just ended, each full and
exported before its deadline, and the year running today with its first weeks of work, chosen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dvcq_desktop.domain import clock
from dvcq_desktop.services import periods
from dvcq_desktop.services.demo_years import fill_demo_years
from dvcq_desktop.services.overview import countdown_text
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace

TODAY = date(2026, 12, 7)


def test_the_demo_holds_2023_the_year_just_ended_and_todays_year(tmp_path: Path) -> None:
    with clock.pretend(TODAY):
        with init_workspace(tmp_path / "mau", role="unit", unit_code="TPTN-P1") as new:
            assert fill_demo_years(new) == ["2023", "2026", "2027"]
        ws = Workspace.open(tmp_path / "mau")
    try:
        info = {p["id"]: p for p in periods.period_dicts(ws)}
        assert list(info) == ["2023", "2026", "2027"]
        assert ws.period.id == "2027" and info["2027"]["chosen"] and info["2027"]["current"]
        assert info["2023"]["submitted"] and info["2026"]["submitted"] and not info["2027"]["submitted"]

        by_period = {
            r["period_id"]: clock.parse_iso(r["created_at"]).date()
            for r in ws.db.query("SELECT period_id, created_at FROM exports")
        }
        deadlines = {p.id: p.deadline for p in periods.list_periods(ws)}
        assert set(by_period) == {"2023", "2026"}
        assert all(by_period[k] < deadlines[k] for k in by_period)  # on time, as a careful ward does

        def days(lo: str, hi: str) -> list[date]:
            rows = ws.db.query(
                "SELECT start_date FROM activities WHERE deleted_at IS NULL AND start_date BETWEEN ? AND ?",
                [lo, hi],
            )
            return [date.fromisoformat(r["start_date"]) for r in rows]

        ended = days("2025-11-01", "2026-10-31")
        running = days("2026-11-01", "2027-10-31")
        assert len({d.month for d in ended}) >= 10  # a whole year of work, not one month
        assert running and max(running) <= TODAY  # the first weeks, nothing in the future
        ids_2023 = {r["id"] for r in ws.db.query("SELECT id FROM activities WHERE start_date < '2023-11-01'")}
        ids_2026 = {r["id"] for r in ws.db.query("SELECT id FROM activities WHERE start_date > '2025-10-31'")}
        assert ids_2023 and not ids_2023 & ids_2026  # each year its own activities
        # what the officer reads first: a countdown to 01/11/2027, not "quá hạn"
        assert countdown_text(ws.period.deadline, TODAY)[1].startswith("Còn ")
    finally:
        ws.close()
