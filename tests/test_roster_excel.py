"""The period roster to and from Excel: a real workbook exported, edited with openpyxl as an officer
would in Excel, read back; a faulty file is refused by row in Vietnamese and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.services import periods
from dvcq_desktop.services.roster import roster
from dvcq_desktop.services.roster_excel import (
    SHEET,
    apply_roster_import,
    read_roster_xlsx,
    write_roster_xlsx,
)
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.workspace import Workspace


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    with init_workspace(tmp_path / "agg", role="aggregator", unit_code="TPTN") as ws:
        periods.open_year(ws, 2024)
        yield ws


def _state(ws: Workspace) -> tuple[list[tuple[str, bool, str]], int]:
    rows = [(e.unit_code, e.included, e.reason) for e in roster(ws, "2024")]
    (n,) = ws.db.execute("SELECT count(*) FROM audit_log").fetchone()
    return rows, n


def _edit(src: Path, dst: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    wb = load_workbook(src)
    edit(wb[SHEET])
    wb.save(dst)
    return dst


def _row_of(sheet, code: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code)


def test_round_trip_excludes_and_adds_with_reasons(office: Workspace, tmp_path: Path) -> None:
    src = write_roster_xlsx(office, "2024", tmp_path / "ds.xlsx")
    before = [e.unit_code for e in roster(office, "2024")]
    sheet = load_workbook(src)[SHEET]
    assert [sheet.cell(1, c).value for c in (1, 4, 5)] == [
        "Mã đơn vị",
        "Phải báo cáo (có/không)",
        "Lý do đưa vào/đưa ra",
    ]
    assert [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)] == before
    assert len(before) == 21 and "TPTN-P2" in before

    # An unchanged file changes nothing.
    same = read_roster_xlsx(office, "2024", src)
    assert same.changes == () and same.unchanged == 21

    def edit(s) -> None:  # type: ignore[no-untyped-def]
        r = _row_of(s, "TPTN-P2")
        s.cell(r, 4).value = "không"
        s.cell(r, 5).value = "Sáp nhập vào phường 1 từ 01/7/2024"

    edited = _edit(src, tmp_path / "ds2.xlsx", edit)
    stored = _state(office)
    imp = read_roster_xlsx(office, "2024", edited)
    assert _state(office) == stored  # reading is a preview only
    assert [(c.code, c.before, c.after) for c in imp.changes] == [("TPTN-P2", True, False)]
    assert apply_roster_import(office, imp) == 1
    p2 = next(e for e in roster(office, "2024") if e.unit_code == "TPTN-P2")
    assert (p2.included, p2.reason) == (False, "Sáp nhập vào phường 1 từ 01/7/2024")
    audit = office.db.execute(
        "SELECT action, reason FROM audit_log WHERE entity = 'roster' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert tuple(audit) == ("exclude", "Sáp nhập vào phường 1 từ 01/7/2024")

    # Export again: the excluded unit and its reason come back out as written.
    again = load_workbook(write_roster_xlsx(office, "2024", tmp_path / "ds3.xlsx"))[SHEET]
    r = _row_of(again, "TPTN-P2")
    assert (again.cell(r, 4).value, again.cell(r, 5).value) == ("không", "Sáp nhập vào phường 1 từ 01/7/2024")


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unknown", "dòng 23: mã đơn vị “TPTN-P99” không có trong danh mục"),
        ("duplicate", "dòng 23: mã đơn vị “TPTN-P3” trùng với dòng"),
        ("no_reason", "không phải báo cáo nhưng chưa ghi lý do"),
        ("bad_flag", "phải ghi “có” hoặc “không”, không phải “chắc chắn”"),
        ("formula", "là công thức"),
        ("deleted", "thiếu đơn vị TPTN-HN"),
    ],
)
def test_a_faulty_file_is_refused_by_row_and_changes_nothing(
    office: Workspace, tmp_path: Path, case: str, expected: str
) -> None:
    src = write_roster_xlsx(office, "2024", tmp_path / "ds.xlsx")

    def edit(s) -> None:  # type: ignore[no-untyped-def]
        if case == "unknown":
            s.append(["TPTN-P99", "", "", "có", "Đơn vị mới"])
        elif case == "duplicate":
            s.append(["TPTN-P3", "", "", "có", ""])
        elif case == "no_reason":
            s.cell(_row_of(s, "TPTN-P4"), 4).value = "không"
        elif case == "bad_flag":
            s.cell(_row_of(s, "TPTN-P4"), 4).value = "chắc chắn"
        elif case == "formula":
            r = _row_of(s, "TPTN-P4")
            s.cell(r, 4).value = "không"
            s.cell(r, 5).value = '=HYPERLINK("http://x.invalid","lý do")'
        elif case == "deleted":
            s.delete_rows(_row_of(s, "TPTN-HN"))

    bad = _edit(src, tmp_path / "bad.xlsx", edit)
    stored = _state(office)
    with pytest.raises(DvcqError) as err:
        imp = read_roster_xlsx(office, "2024", bad)
        apply_roster_import(office, imp)
    text = user_message(err.value)
    assert expected in text and "Chưa có gì thay đổi" in text
    assert _state(office) == stored


def test_a_reason_that_looks_like_a_formula_stays_text_both_ways(office: Workspace, tmp_path: Path) -> None:
    """Typed as text (Excel's leading apostrophe) it is a reason like any other; written back out it
    is a text cell with the quote prefix, never a live formula in the office's Excel."""
    src = write_roster_xlsx(office, "2024", tmp_path / "ds.xlsx")
    risky = "=cmd|' /C calc'!A0"

    def edit(s) -> None:  # type: ignore[no-untyped-def]
        r = _row_of(s, "TPTN-NS")
        s.cell(r, 4).value = "không"
        c = s.cell(r, 5)
        c.value = risky
        c.data_type = "s"
        c.quotePrefix = True

    apply_roster_import(office, read_roster_xlsx(office, "2024", _edit(src, tmp_path / "q.xlsx", edit)))
    assert next(e.reason for e in roster(office, "2024") if e.unit_code == "TPTN-NS") == risky
    out = load_workbook(write_roster_xlsx(office, "2024", tmp_path / "out.xlsx"))[SHEET]
    cell = out.cell(_row_of(out, "TPTN-NS"), 5)
    assert cell.value == risky and cell.data_type == "s" and cell.quotePrefix


def test_not_an_excel_file_is_refused_through_the_guard(office: Workspace, tmp_path: Path) -> None:
    fake = tmp_path / "ds.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(DvcqError) as err:
        read_roster_xlsx(office, "2024", fake)
    assert err.value.code == "excel_old_format"


def test_cli_exports_checks_and_imports_roster_and_plan_content(tmp_path: Path) -> None:
    import json

    from support.ws_helpers import run_cli

    from dvcq_desktop.services.plan_excel import INDICATORS

    w = str(tmp_path / "off")
    assert run_cli("-w", w, "init", "--role", "aggregator", "--unit", "TPTN").returncode == 0
    assert run_cli("-w", w, "open-period", "2024").returncode == 0
    r = run_cli("-w", w, "export-roster", "--period", "2024", "--out", str(tmp_path / "ds.xlsx"), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["path"] == str(tmp_path / "ds.xlsx")

    def edit(s) -> None:  # type: ignore[no-untyped-def]
        s.cell(_row_of(s, "TPTN-BM"), 4).value = "không"

    bad = _edit(tmp_path / "ds.xlsx", tmp_path / "bad.xlsx", edit)
    r = run_cli("-w", w, "import-roster", str(bad), "--period", "2024")
    assert r.returncode == 1 and "chưa ghi lý do" in r.stderr and "Chưa có gì thay đổi" in r.stderr

    def fix(s) -> None:  # type: ignore[no-untyped-def]
        s.cell(_row_of(s, "TPTN-BM"), 5).value = "Thí điểm báo cáo qua phường"

    good = _edit(bad, tmp_path / "ok.xlsx", fix)
    r = run_cli("-w", w, "import-roster", str(good), "--period", "2024", "--dry-run", "--json")
    out = json.loads(r.stdout)
    assert out["applied"] == 0 and [c["code"] for c in out["changes"]] == ["TPTN-BM"]
    r = run_cli("-w", w, "import-roster", str(good), "--period", "2024", "--json")
    assert json.loads(r.stdout)["applied"] == 1
    r = run_cli("-w", w, "import-roster", str(good), "--period", "2024", "--json")
    assert json.loads(r.stdout)["changes"] == []  # applied once, the same file changes nothing

    plan_x = tmp_path / "kh.xlsx"
    assert run_cli("-w", w, "export-plan", "--period", "2024", "--out", str(plan_x)).returncode == 0
    wb = load_workbook(plan_x)
    wb[INDICATORS].append(["", "A1", "Văn bản hướng dẫn chuyển đổi số", "văn bản", "số lượng", "", "", ""])
    wb.save(plan_x)
    r = run_cli("-w", w, "import-plan", str(plan_x), "--period", "2024", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["new"] == ["a1_ct1 — Văn bản hướng dẫn chuyển đổi số"] and out["version"] == "2"
    help_text = run_cli("--help").stdout
    for name in ("export-roster", "import-roster", "export-plan", "import-plan"):
        assert name in help_text
