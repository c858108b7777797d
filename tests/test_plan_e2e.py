"""End to end across years: office 2023 → open 2024 → publish → a unit created from the plan file and
an existing unit taking it → both export 2024 → the office imports 2023 and 2024 packages together,
each landing in its period → board and consolidated report per period. Then the province office
opens 2026 and publishes; the 2023 Hiệp Ninh workspace is told its successor, accepts it, exports
2026 as TN-TAN-NINH, and its 2023 data and exports stay as they were."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from dvcq_desktop.services import periods
from dvcq_desktop.services.board import board
from dvcq_desktop.services.consolidate import consolidated_report
from dvcq_desktop.services.demo import fill_demo
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.intake import import_packages
from dvcq_desktop.services.plan_intake import init_from_plan, take_plan_file
from dvcq_desktop.services.plan_publish import publish_plan, set_office_contact
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace


def _nd30_ok(path: Path, year: str) -> None:
    d = Document(str(path))
    for s in d.sections:
        assert abs(s.page_width - Mm(210)) < Mm(0.5) and abs(s.page_height - Mm(297)) < Mm(0.5)
        assert Mm(20) <= s.top_margin <= Mm(25) and Mm(30) <= s.left_margin <= Mm(35)
    texts = [p.text for p in d.paragraphs] + [
        p.text for t in d.tables for c in t._cells for p in c.paragraphs
    ]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts and "BÁO CÁO" in texts
    assert any(f"năm {year}" in t for t in texts)
    for r in d.element.body.iter(qn("w:r")):
        if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip():
            assert r.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"


def _export(root: Path, out: Path, period: str, seed: int) -> Path:
    with Workspace.open(root) as ws:
        ws.use_period(period)
        fill_demo(ws, activities=12, seed=seed)
        return export_package(ws, out, period_id=period).path


def test_office_publishes_2024_units_take_it_and_every_package_lands_in_its_period(tmp_path: Path) -> None:
    (tmp_path / "nop").mkdir()
    office = init_workspace(tmp_path / "office", role="aggregator", unit_code="TPTN")
    info = periods.open_year(office, 2024)
    assert (info.id, info.plan_id, info.start.isoformat()) == ("2024", "tptn-dvcq-2024", "2023-11-01")
    set_office_contact(office, email="phongnoivu@tayninh.gov.vn")
    plan_file = publish_plan(office, "2024", tmp_path / "phat-hanh")
    assert plan_file.suffix == ".dvcqkh"

    # one unit created from the plan file
    with init_from_plan(tmp_path / "p1", plan_file, "TPTN-P1") as p1:
        assert (p1.plan.id, p1.period.id, p1.unit_code) == ("tptn-dvcq-2024", "2024", "TPTN-P1")
        assert p1.setting("office_contact")["email"] == "phongnoivu@tayninh.gov.vn"
    # one existing 2023 unit takes it, then again: duplicate
    with init_workspace(tmp_path / "p2", role="unit", unit_code="TPTN-P2", period_id="2023") as p2:
        fill_demo(p2, activities=12, seed=3)
        pkg_2023 = export_package(p2, tmp_path / "nop").path
        first = take_plan_file(p2, plan_file)
        assert (first.outcome, first.changes["new_period"], first.changes["deadline"]) == (
            "new",
            True,
            "2024-11-01",
        )
        again = take_plan_file(p2, plan_file)
        assert (again.outcome, again.to_dict()["kind"]) == ("duplicate", "plan")
        assert [p.id for p in periods.list_periods(p2)] == ["2023", "2024"]

    pkgs = [
        pkg_2023,
        _export(tmp_path / "p1", tmp_path / "nop", "2024", 5),
        _export(tmp_path / "p2", tmp_path / "nop", "2024", 6),
    ]
    outcomes = import_packages(office, [tmp_path / "nop"])
    assert sorted(o.outcome for o in outcomes) == ["new", "new", "new"], [o.message for o in outcomes]
    landed = {
        (r[0], r[1])
        for r in office.db.execute("SELECT unit_code, period_id FROM received WHERE is_current = 1")
    }
    assert landed == {("TPTN-P2", "2023"), ("TPTN-P1", "2024"), ("TPTN-P2", "2024")}
    assert len(pkgs) == 3

    b24, b23 = board(office, "2024"), board(office, "2023")
    submitted24 = {r.unit_code for r in b24.rows if r.package_id}
    submitted23 = {r.unit_code for r in b23.rows if r.package_id}
    assert submitted24 == {"TPTN-P1", "TPTN-P2"} and submitted23 == {"TPTN-P2"}
    docx, xlsx = consolidated_report(
        office, tmp_path / "th2024.docx", tmp_path / "th2024.xlsx", period_id="2024"
    )
    _nd30_ok(docx, "2024")
    assert xlsx is not None and xlsx.stat().st_size > 5_000
    office.close()


def _digest(db_path: Path, sql: str) -> str:
    con = sqlite3.connect(str(db_path))
    try:
        return hashlib.sha256(repr(con.execute(sql).fetchall()).encode()).hexdigest()
    finally:
        con.close()


def test_province_office_2026_and_hiep_ninh_continues_as_tan_ninh(tmp_path: Path) -> None:
    with init_workspace(tmp_path / "so", role="aggregator", unit_code="TN", catalog="tay-ninh-2025") as so:
        periods.open_year(so, 2026)
        assert so.plan_for("2026").issuer == "Ủy ban nhân dân tỉnh Tây Ninh"
        roster = {r.unit_code for r in board(so, "2026").rows}
        assert roster == {"TN-TAN-NINH", "TN-BINH-MINH", "TN-NINH-THANH"}
        plan_file = publish_plan(so, "2026", tmp_path / "phat-hanh")

    (tmp_path / "nop").mkdir()
    hn = init_workspace(tmp_path / "hn", role="unit", unit_code="TPTN-HN", period_id="2023")
    fill_demo(hn, activities=15, seed=9)
    old_export = export_package(hn, tmp_path / "nop")
    frozen = {
        "values": _digest(
            hn.db_path, "SELECT * FROM indicator_values WHERE period_id = '2023' ORDER BY 1, 2, 3"
        ),
        "narratives": _digest(
            hn.db_path, "SELECT * FROM narratives WHERE period_id = '2023' ORDER BY 1, 2, 3"
        ),
        "exports": _digest(hn.db_path, "SELECT * FROM exports ORDER BY package_id"),
    }
    file_sha = hashlib.sha256(old_export.path.read_bytes()).hexdigest()

    told = take_plan_file(hn, plan_file)
    assert (told.outcome, told.reason, told.successor) == ("rejected", "plan_successor", "TN-TAN-NINH")
    assert "Phường Tân Ninh" in told.message and "TN-TAN-NINH" in told.message
    assert [p.id for p in periods.list_periods(hn)] == ["2023"]  # a refusal changes nothing

    took = take_plan_file(hn, plan_file, accept_successor=True)
    assert (took.outcome, took.successor) == ("new", "TN-TAN-NINH")
    assert (hn.period.id, hn.unit_code, hn.own_unit.name) == ("2026", "TN-TAN-NINH", "Phường Tân Ninh")
    audit = hn.db.execute("SELECT old_value, new_value FROM audit_log WHERE action = 'successor'").fetchall()
    assert audit == [("TPTN-HN", "TN-TAN-NINH")]
    fill_demo(hn, activities=15, seed=10)
    new_export = export_package(hn, tmp_path / "nop", period_id="2026")
    assert new_export.path.name.startswith("DVCQ_2026_TN-TAN-NINH")

    hn.use_period("2023")
    assert (hn.unit_code, hn.own_unit.name) == ("TPTN-HN", "Phường Hiệp Ninh")
    hn.close()
    assert frozen == {
        "values": _digest(
            hn.db_path, "SELECT * FROM indicator_values WHERE period_id = '2023' ORDER BY 1, 2, 3"
        ),
        "narratives": _digest(
            hn.db_path, "SELECT * FROM narratives WHERE period_id = '2023' ORDER BY 1, 2, 3"
        ),
        "exports": _digest(hn.db_path, "SELECT * FROM exports WHERE period_id = '2023' ORDER BY package_id"),
    }
    assert hashlib.sha256(old_export.path.read_bytes()).hexdigest() == file_sha

    with Workspace.open(tmp_path / "so") as so:
        outcomes = import_packages(so, [new_export.path, old_export.path])
        assert [o.outcome for o in outcomes] == ["new", "new"], [o.message for o in outcomes]
        got = {(r[0], r[1]) for r in so.db.execute("SELECT unit_code, period_id FROM received")}
        assert got == {("TN-TAN-NINH", "2026"), ("TPTN-HN", "2023")}


def test_multi_year_view_totals_and_on_time_record_across_periods(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from dvcq_desktop.services.multiyear import multi_year
    from dvcq_desktop.services.multiyear_xlsx import write_multiyear_xlsx

    (tmp_path / "nop").mkdir()
    office = init_workspace(tmp_path / "office", role="aggregator", unit_code="TPTN")
    periods.open_year(office, 2024)
    plan_file = publish_plan(office, "2024", tmp_path / "kh")
    with init_workspace(tmp_path / "p3", role="unit", unit_code="TPTN-P3", period_id="2023") as p3:
        fill_demo(p3, activities=10, seed=1)
        export_package(p3, tmp_path / "nop")
        assert take_plan_file(p3, plan_file).outcome == "new"
    _export(tmp_path / "p3", tmp_path / "nop", "2024", 2)
    import_packages(office, [tmp_path / "nop"])
    m = multi_year(office)
    assert m.period_ids == ("2023", "2024")
    with Workspace.open(tmp_path / "p3") as p3:
        want = {}
        for pid in ("2023", "2024"):
            p3.use_period(pid)
            want[pid] = p3.db.execute(
                "SELECT value FROM indicator_values WHERE plan_id = ? AND period_id = ? AND indicator_id = 'a1_van_ban'",
                [p3.plan.id, pid],
            ).fetchone()[0]
    row = next(r for r in m.indicators if r.indicator_id == "a1_van_ban")
    assert row.values == (want["2023"], want["2024"])
    ratio = next(r for r in m.indicators if r.kind == "ratio")
    assert all(v is None or 0 <= v <= 100 for v in ratio.values)
    p3_rec = next(u for u in m.units if u.unit_code == "TPTN-P3")
    assert all(s in ("late", "on_time") for s in p3_rec.statuses)  # both years received
    p1_rec = next(u for u in m.units if u.unit_code == "TPTN-P1")
    assert p1_rec.statuses == ("missing", "missing") and p1_rec.on_time_count == 0
    out = write_multiyear_xlsx(m, tmp_path / "nhieu-nam.xlsx")
    wb = load_workbook(out)
    sheet = wb["Chỉ tiêu qua các năm"]
    found = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] == "a1_van_ban"]
    assert found and list(found[0][3:5]) == [want["2023"], want["2024"]]
    assert sheet._charts  # the trend chart is in the workbook
    assert wb["Đúng hạn qua các năm"].max_row >= 4 + len(m.units)
    office.close()


def test_province_office_corrects_the_example_catalogue_through_excel(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from dvcq_desktop.errors import DvcqError
    from dvcq_desktop.services.catalog_excel import import_catalog_xlsx, write_catalog_xlsx

    with init_workspace(tmp_path / "so", role="aggregator", unit_code="TN", catalog="tay-ninh-2025") as so:
        assert "ví dụ" in so.catalog.title  # the shipped province list is an example
        path = write_catalog_xlsx(so, tmp_path / "danh-muc.xlsx")
        wb = load_workbook(path)
        sheet = wb.active
        sheet.append(
            ["TN-LONG-AN", "Phường Long An", "Phường", "TN", "01/07/2025", "", "", "", "", "", "", "có"]
        )
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == "TN-BINH-MINH":
                row[1].value = "Phường Bình Minh (sửa)"
        wb.save(path)
        result = import_catalog_xlsx(so, path)
        assert (result.added, result.changed) == (1, 1)
        assert so.catalog.unit("TN-LONG-AN").expected and so.catalog.unit("TN-BINH-MINH").name.endswith(
            "(sửa)"
        )
        periods.open_year(so, 2026)
        assert "TN-LONG-AN" in {r.unit_code for r in board(so, "2026").rows}
        sheet.append(["TN-X", "Phường X", "Huyện", "TN", "", "", "", "", "", "", "", "có"])
        wb.save(path)
        try:
            import_catalog_xlsx(so, path)
            raise AssertionError("a bad level must be refused")
        except DvcqError as exc:
            assert "Huyện" in exc.message
        assert not so.catalog.has_unit("TN-X")
