"""Issue 18 point 5: user text that looks like a formula is written as text in every workbook the
app writes (annex, template, board, consolidation, the unit's tasks, the catalogue, the multi-year
view), read back as strings with openpyxl and, where
LibreOffice is installed, through LibreOffice's own CSV export (a spreadsheet program's view)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support.officer_ws import act
from support.report_fixtures import load_plan, make_submission
from support.ws_helpers import new_unit_ws

from dvcq_desktop.reports.board_xlsx import write_board_xlsx
from dvcq_desktop.reports.consolidate_xlsx import write_consolidated_xlsx
from dvcq_desktop.reports.xlsx_annex import render_xlsx
from dvcq_desktop.reports.xlsx_cells import is_risky
from dvcq_desktop.services.board import board
from dvcq_desktop.services.consolidate import consolidate
from dvcq_desktop.services.excel_template import write_template
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.intake import import_packages
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import activities

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
RISKY = (
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\tTab đầu",
    "\rCR đầu",
    '=HYPERLINK("http://x","y")',
)


def _string_cells(path: Path) -> dict[str, tuple[str, str]]:
    """Every cell whose value is one of RISKY: coordinate -> (data type, value)."""
    found: dict[str, tuple[str, str]] = {}
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if isinstance(v, str) and (v in RISKY or v.lstrip("=") in {r.lstrip("=") for r in RISKY}):
                    found[f"{ws.title}!{c.coordinate}"] = (c.data_type, v)
    return found


def _assert_text(path: Path, expected: set[str]) -> None:
    cells = _string_cells(path)
    assert {v for _, v in cells.values()} >= expected, cells
    for where, (kind, value) in cells.items():
        assert kind == "s", f"{where} holds {value!r} as {kind!r}"
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and is_risky(c.value):
                    assert c.quotePrefix, f"{ws.title}!{c.coordinate} has no quote prefix"


def _libreoffice_csv(path: Path, tmp: Path, sheet: int) -> list[list[str]]:
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    profile = (tmp / "lo-profile").as_uri()
    out = tmp / "csv"
    out.mkdir(exist_ok=True)
    # filter options: comma, double quote, UTF-8, first line 1, …, sheet number
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    produced = sorted(out.glob(f"{path.stem}*.csv"))
    assert produced, "LibreOffice wrote no CSV"
    with open(produced[-1], encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_annex_writes_formula_like_titles_as_text(tmp_path: Path) -> None:
    plan = load_plan()
    sub = make_submission(plan, n_activities=len(RISKY))
    acts = tuple(replace(a, title=t, location=t) for a, t in zip(sub.activities, RISKY, strict=True))
    out = render_xlsx(replace(sub, activities=acts), plan, tmp_path / "phuluc.xlsx")
    _assert_text(out, set(RISKY))
    if SOFFICE is not None:
        rows = _libreoffice_csv(out, tmp_path, sheet=2)
        titles = {r[3] for r in rows if len(r) > 3}
        # LibreOffice shows the text itself, never a computed value or an error such as #NAME?
        assert {"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,2)"} <= titles
        assert not any(cell.startswith(("#NAME", "Err:")) for r in rows for cell in r)


def test_template_writes_formula_like_plan_labels_as_text(tmp_path: Path) -> None:
    plan = load_plan()
    t0 = replace(plan.activity_types[0], label=RISKY[0])
    crafted = replace(plan, activity_types=(t0, *plan.activity_types[1:]))
    out = write_template(crafted, tmp_path / "mau.xlsx")
    _assert_text(out, {RISKY[0]})


def test_board_and_consolidation_write_unit_text_as_text(tmp_path: Path) -> None:
    unit_dir = tmp_path / "TPTN-P1"
    with new_unit_ws(unit_dir) as ws:
        for title in ("=cmd|' /C calc'!A0", "@SUM(1,2)", "+1+1"):
            activities.save(
                ws.db, act(type_id="mo_hinh_dan_van_kheo", area_id="A2", day=date(2023, 3, 5), title=title)
            )
        (tmp_path / "usb").mkdir()
        pkg = export_package(ws, tmp_path / "usb")
    with init_workspace(tmp_path / "agg", role="aggregator", unit_code="TPTN") as agg:
        import_packages(agg, [pkg.path])
        b = board(agg)
        cons = consolidate(agg)
        board_file = write_board_xlsx(b, tmp_path / "tinhhinh.xlsx")
        cons_file = write_consolidated_xlsx(agg.plan, cons, b, tmp_path / "tonghop.xlsx")
    assert load_workbook(board_file).worksheets[0]["A1"].value.startswith("TÌNH HÌNH")
    _assert_text(cons_file, {"=cmd|' /C calc'!A0", "@SUM(1,2)", "+1+1"})


def test_the_units_task_workbook_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    from dvcq_desktop.domain.tasks import Task
    from dvcq_desktop.services.unit_plan import write_unit_plan
    from dvcq_desktop.storage import tasks as repo

    typed = ("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,2)")
    with new_unit_ws(tmp_path / "ws") as ws:
        repo.save(
            ws.db,
            ws.plan.id,
            ws.period.id,
            Task(id=repo.new_id(), area_id="A2", title=typed[0], lead=typed[1], output=typed[2]),
        )
        repo.save(
            ws.db,
            ws.plan.id,
            ws.period.id,
            Task(id=repo.new_id(), area_id="A4", title="Mô hình", status="dropped", reason=typed[3]),
        )
        _docx, xlsx = write_unit_plan(ws, tmp_path / "kehoach.docx", tmp_path / "nhiemvu.xlsx")
    _assert_text(xlsx, set(typed))  # as typed: no apostrophe added, never a formula


def test_the_unit_catalogue_workbook_writes_an_edited_name_as_text(tmp_path: Path) -> None:
    from dvcq_desktop.services.catalog_excel import import_catalog_xlsx, write_catalog_xlsx

    with init_workspace(tmp_path / "agg", role="aggregator", unit_code="TPTN") as agg:
        first = write_catalog_xlsx(agg, tmp_path / "danhmuc.xlsx")
        wb = load_workbook(first)
        sheet = wb.worksheets[0]
        name_col = next(c.column for c in sheet[1] if c.value and "Tên" in str(c.value))
        row = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "TPTN-P1")  # on the roster
        sheet.cell(row=row, column=name_col).value = "@SUM(1,2) Phường"
        sheet.cell(row=row, column=name_col).data_type = "s"
        wb.save(first)
        import_catalog_xlsx(agg, first)
        again = write_catalog_xlsx(agg, tmp_path / "danhmuc-2.xlsx")
        from dvcq_desktop.services.multiyear import multi_year
        from dvcq_desktop.services.multiyear_xlsx import write_multiyear_xlsx

        # the multi-year workbook takes names and labels as the periods recorded them: give it both
        m = multi_year(agg)
        m = replace(
            m,
            units=(replace(m.units[0], unit_name="@SUM(1,2) Phường"), *m.units[1:]),
            indicators=(replace(m.indicators[0], label="=1+1"), *m.indicators[1:]),
        )
        years = write_multiyear_xlsx(m, tmp_path / "nhieunam.xlsx")
    for book in (again, years):
        cells = [c for ws in load_workbook(book).worksheets for row in ws.iter_rows() for c in row]
        named = [c for c in cells if c.value == "@SUM(1,2) Phường"]
        assert named and all(c.data_type == "s" and c.quotePrefix for c in named), book.name
