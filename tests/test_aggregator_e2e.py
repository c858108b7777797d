"""Issue 6 end to end: ten real unit workspaces export; the receiving office imports their folder."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from support.aggregator_helpers import (
    TEN_UNITS,
    export_unit,
    export_units,
    make_units,
    table_digest,
    unit_submission,
    without_tasks,
    write,
    zip_slip_package,
)

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.records import UnitRef
from dvcq_desktop.package.writer import build_package
from dvcq_desktop.services import board as board_service
from dvcq_desktop.services import history, intake, roster
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import audit, report_data
from dvcq_desktop.storage.db import integrity_ok
from dvcq_desktop.storage.workspace import Workspace

VN = clock.VN_TZ


@pytest.fixture(scope="module")
def units(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_units(tmp_path_factory.mktemp("units"), TEN_UNITS)


@pytest.fixture(scope="module")
def first_exports(units: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_units(units.values(), tmp_path_factory.mktemp("usb") / "bao-cao")


def _aggregator(tmp_path: Path) -> Workspace:
    return init_workspace(tmp_path / "agg", role="aggregator", unit_code="TPTN")


def _at(monkeypatch: pytest.MonkeyPatch, dt: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: dt)


def test_ten_units_then_duplicates_correction_older_and_timeliness(
    units: dict[str, Path], first_exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    shutil.copytree(first_exports, usb)
    with _aggregator(tmp_path) as agg:
        _at(monkeypatch, datetime(2023, 10, 30, 9, 0, tzinfo=VN))
        outcomes = intake.import_packages(agg, [usb])
        assert [o.outcome for o in outcomes] == ["new"] * 10
        b = board_service.board(agg)
        assert (b.expected, b.received, b.on_time, b.late) == (21, 10, 10, 0)
        assert {r.unit_code for r in b.rows if r.status == "on_time"} == set(TEN_UNITS)
        assert len(list(agg.inbox_dir.glob("*.dvcq"))) == 10

        # Importing the same stick again: ten duplicates and nothing changes (T19).
        before = table_digest(agg.db_path)
        inbox_before = sorted(p.name for p in agg.inbox_dir.iterdir())
        again = intake.import_packages(agg, [usb])
        assert [o.outcome for o in again] == ["duplicate"] * 10
        assert all(o.reason == "import_duplicate" and "không có thay đổi" in o.message for o in again)
        assert table_digest(agg.db_path) == before
        assert sorted(p.name for p in agg.inbox_dir.iterdir()) == inbox_before
        log_outcomes = [r["outcome"] for r in agg.db.query("SELECT outcome FROM import_log ORDER BY id")]
        assert log_outcomes == ["new"] * 10 + ["duplicate"] * 10

        # Phường 1 corrects a figure and a narrative after the deadline: a newer revision (lần 2).
        p1 = units["TPTN-P1"]
        old_file = next(usb.glob("*TPTN-P1*"))
        with Workspace.open(p1, auto_backup=False) as uw:
            old_value = report_data.values(uw.db, uw.plan.id, uw.period.id)["a2_tin_bai"].value
            report_data.set_value(uw.db, uw.plan.id, uw.period.id, "a2_tin_bai", (old_value or 0) + 5)
            report_data.set_narrative(uw.db, uw.plan.id, uw.period.id, "V", "Kiến nghị bổ sung kinh phí.")
        fix_dir = tmp_path / "email"
        fixed = export_unit(p1, fix_dir)
        assert fixed.revision == 2
        _at(monkeypatch, datetime(2023, 11, 4, 8, 0, tzinfo=VN))
        [o] = intake.import_packages(agg, [fixed.path])
        assert (o.outcome, o.revision, o.previous_revision) == ("newer-revision", 2, 1)
        revs = history.revisions(agg, "TPTN-P1")
        assert [(r.revision, r.is_current) for r in revs] == [(1, False), (2, True)]
        diff = history.diff_revisions(agg, revs[0].package_id, revs[1].package_id)
        assert [(v.indicator_id, v.old, v.new) for v in diff.values] == [
            ("a2_tin_bai", old_value, (old_value or 0) + 5)
        ]
        assert [n.section_id for n in diff.narratives] == ["V"]
        assert not diff.added and not diff.removed

        # The correction came after the deadline: the slot stays on time, the row says lần 2 is late.
        row = next(r for r in board_service.board(agg).rows if r.unit_code == "TPTN-P1")
        assert (row.status, row.on_time, row.revision, row.current_days_late) == ("revised", True, 2, 3)
        assert "lần 2: trễ 3 ngày" in row.timeliness_note

        # Its older file arrives afterwards (T21): kept in history, flagged, current unchanged.
        [o] = intake.import_packages(agg, [old_file])
        assert o.outcome == "duplicate"  # same bytes as the revision 1 already held
        older = tmp_path / "older"
        sub1 = intake.read_package(old_file).submission
        competing = write(sub1, older, revision=1)
        [o] = intake.import_packages(agg, [competing.path])
        assert (o.outcome, o.reason) == ("older-revision", "import_older")
        assert "không ghi đè" in o.message
        current = [r for r in history.revisions(agg, "TPTN-P1") if r.is_current]
        assert [c.revision for c in current] == [2]
        row = next(r for r in board_service.board(agg).rows if r.unit_code == "TPTN-P1")
        assert row.flagged == 1 and row.revision == 2

        # A unit imported on 03/11 is late by two days; the office corrects the received time of a
        # file that came by email on 31/10 (audited), which makes it on time again.
        late_unit = next(r for r in history.revisions(agg, "TPTN-TT"))
        roster.correct_received_at(
            agg, late_unit.package_id, datetime(2023, 11, 3, 10, 0, tzinfo=VN), "Nhập muộn do máy hỏng"
        )
        row = next(r for r in board_service.board(agg).rows if r.unit_code == "TPTN-TT")
        assert (row.status, row.days_late) == ("late", 2)
        roster.correct_received_at(
            agg,
            late_unit.package_id,
            datetime(2023, 10, 31, 16, 0, tzinfo=VN),
            "Đơn vị gửi thư điện tử ngày 31/10",
        )
        row = next(r for r in board_service.board(agg).rows if r.unit_code == "TPTN-TT")
        assert row.status == "on_time"
        trail = audit.entries(agg.db, "received", late_unit.package_id)
        assert [t["reason"] for t in trail][:2] == [
            "Đơn vị gửi thư điện tử ngày 31/10",
            "Nhập muộn do máy hỏng",
        ]
        assert integrity_ok(agg.db)


def test_hostile_foreign_and_conflicting_files_do_not_block_the_batch(
    units: dict[str, Path], first_exports: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    shutil.copytree(first_exports, usb)
    good = sorted(usb.glob("*.dvcq"))
    (usb / "ngau-nhien.dvcq").write_bytes(bytes(range(256)) * 40)
    zip_slip_package(good[0], usb / "zz-slip.dvcq")
    (usb / ".an.dvcq").write_bytes(b"hidden: never collected")
    (usb / "dang-chep.dvcq.part").write_bytes(b"partial copy")
    foreign_sub = replace(unit_submission(units["TPTN-P2"]), unit=UnitRef("HCM-Q1", "Quận 1", "phuong", None))
    foreign = write(foreign_sub, tmp_path / "foreign")
    with _aggregator(tmp_path) as agg:
        outcomes = intake.import_packages(agg, [usb, foreign.path])
        by_name = {o.file.name: o for o in outcomes}
        assert len(outcomes) == 13
        assert sum(o.outcome == "new" for o in outcomes) == 10
        assert by_name["ngau-nhien.dvcq"].outcome == "rejected"
        assert by_name["ngau-nhien.dvcq"].reason.startswith("pkg_")
        assert (by_name["zz-slip.dvcq"].outcome, by_name["zz-slip.dvcq"].reason) == (
            "rejected",
            "pkg_bad_member_name",
        )
        o = by_name[foreign.path.name]
        assert (o.outcome, o.reason) == ("rejected", "import_unit_not_in_catalog")
        assert "HCM-Q1" in o.message
        logged = {r["file_path"]: r for r in agg.db.query("SELECT * FROM import_log")}
        assert logged[str(usb / "ngau-nhien.dvcq")]["outcome"] == "rejected"
        assert logged[str(foreign.path)]["reason"] == "import_unit_not_in_catalog"

        # Same package_id, different bytes (one value changed, same revision): conflict, nothing changes.
        pkg = intake.read_package(good[0])
        tampered = replace(
            without_tasks(pkg.submission),
            indicators=tuple(
                replace(v, value=(v.value or 0) + 1) if i == 0 else v
                for i, v in enumerate(pkg.submission.indicators)
            ),
        )
        built = build_package(
            tampered,
            {"BaoCao.docx": b"PK\x03\x04x"},
            revision=pkg.revision,
            supersedes=None,
            package_id=pkg.package_id,
        )
        (tmp_path / "conflict.dvcq").write_bytes(built.data)
        before = table_digest(agg.db_path)
        [o] = intake.import_packages(agg, [tmp_path / "conflict.dvcq"])
        assert (o.outcome, o.reason) == ("conflict", "import_conflict")
        assert table_digest(agg.db_path) == before


def test_plan_mismatch_and_unknown_period_are_rejected(units: dict[str, Path], tmp_path: Path) -> None:
    sub = unit_submission(units["TPTN-P3"])
    other_plan = write(replace(sub, plan=replace(sub.plan, content_hash="0" * 64)), tmp_path / "a")
    other_period = write(replace(sub, period=replace(sub.period, id="2024")), tmp_path / "b")
    with _aggregator(tmp_path) as agg:
        res = intake.import_packages(agg, [other_plan.path, other_period.path])
        assert [(o.outcome, o.reason) for o in res] == [
            ("rejected", "import_plan_mismatch"),
            ("rejected", "import_period_unknown"),
        ]
        assert all("TPTN-P3" in o.message for o in res)


def test_dry_run_stores_nothing_and_predicts_the_real_outcomes(first_exports: Path, tmp_path: Path) -> None:
    with _aggregator(tmp_path) as agg:
        before = table_digest(
            agg.db_path, ("received", "received_values", "received_activities", "import_log")
        )
        dry = intake.import_packages(
            agg,
            [first_exports, first_exports / sorted(p.name for p in first_exports.iterdir())[0]],
            dry_run=True,
        )
        assert [o.outcome for o in dry] == ["new"] * 10
        assert (
            table_digest(agg.db_path, ("received", "received_values", "received_activities", "import_log"))
            == before
        )
        assert list(agg.inbox_dir.iterdir()) == []
        real = intake.import_packages(agg, [first_exports])
        assert [(o.file, o.outcome, o.reason) for o in real] == [(o.file, o.outcome, o.reason) for o in dry]


def test_two_revisions_in_one_batch_apply_in_revision_order(units: dict[str, Path], tmp_path: Path) -> None:
    sub = unit_submission(units["TPTN-P4"])
    r1 = write(sub, tmp_path / "x", revision=1)
    r2 = write(replace(sub, narratives=()), tmp_path / "x", revision=2, supersedes=r1.package_id)
    # name the newer file so it sorts first in the folder
    r2.path.rename(tmp_path / "x" / "a-lan2.dvcq")
    r1.path.rename(tmp_path / "x" / "b-lan1.dvcq")
    with _aggregator(tmp_path) as agg:
        res = intake.import_packages(agg, [tmp_path / "x"])
        assert [(o.file.name, o.outcome) for o in res] == [
            ("a-lan2.dvcq", "newer-revision"),
            ("b-lan1.dvcq", "new"),
        ]
        assert [r.revision for r in history.revisions(agg, "TPTN-P4") if r.is_current] == [2]


def test_cli_import_json_lines_status_and_report(
    first_exports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dvcq_desktop.cli import main

    w = str(tmp_path / "agg")
    assert main(["-w", w, "init", "--role", "aggregator", "--unit", "TPTN"]) == 0
    capsys.readouterr()
    assert main(["-w", w, "import", str(first_exports), "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 10 and {x["outcome"] for x in lines} == {"new"}
    assert set(lines[0]) >= {"file", "outcome", "reason", "message", "unit", "revision"}
    assert main(["-w", w, "import", str(first_exports)]) == 0
    out = capsys.readouterr().out
    assert "10 trùng" in out
    assert main(["-w", w, "import", str(tmp_path / "khong-co")]) == 1
    assert main(["-w", w, "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["counts"]["received"] == 10 and status["counts"]["expected"] == 21
    docx, xlsx = tmp_path / "tong-hop.docx", tmp_path / "tong-hop.xlsx"
    assert main(["-w", w, "report", "--out", str(docx), "--xlsx", str(xlsx)]) == 0
    assert docx.stat().st_size > 10_000 and xlsx.stat().st_size > 5_000


def test_older_revision_after_newer_is_kept_but_not_current(units: dict[str, Path], tmp_path: Path) -> None:
    sub = unit_submission(units["TPTN-HN"])
    r1 = write(sub, tmp_path / "r1", revision=1)
    r2 = write(replace(sub, narratives=()), tmp_path / "r2", revision=2, supersedes=r1.package_id)
    with _aggregator(tmp_path) as agg:
        assert intake.import_packages(agg, [r2.path])[0].outcome == "new"
        [o] = intake.import_packages(agg, [r1.path])
        assert (o.outcome, o.reason, o.previous_revision) == ("older-revision", "import_older", 2)
        assert "lần 1 < lần 2" in o.message
        revs = history.revisions(agg, "TPTN-HN")
        assert [(r.revision, r.is_current, r.status) for r in revs] == [(1, False, "older"), (2, True, "new")]
        rival = write(replace(sub, narratives=()), tmp_path / "rival", revision=2, supersedes=r1.package_id)
        [o] = intake.import_packages(agg, [rival.path])
        assert (o.outcome, o.reason) == ("older-revision", "import_competing")
        assert [r.package_id for r in history.revisions(agg, "TPTN-HN") if r.is_current] == [r2.package_id]
