"""Issue 18 point 5: user text that looks like a formula is written as text in every workbook the
app writes (annex, template, board, consolidation), read back as strings with openpyxl and, where
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
