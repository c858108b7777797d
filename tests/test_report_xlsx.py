"""The Excel annex read back with openpyxl: sheets, headers, types, formats, print setup."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from support.report_fixtures import load_plan, make_submission

from dvcq_desktop import __version__
from dvcq_desktop.reports.xlsx_annex import ACTIVITY_COLUMNS, FOLDED_COLUMNS, HEADER_ROW, render_xlsx
from dvcq_desktop.reports.xlsx_print import COUNT_FMT, PERCENT_FMT


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    plan = load_plan()
    sub = make_submission(plan, n_activities=300, seed=11)
    out = tmp_path_factory.mktemp("xlsx") / "phu-luc.xlsx"
    calls: list[tuple[int, int, str]] = []
    render_xlsx(sub, plan, out, progress=lambda d, t, m: calls.append((d, t, m)))
    return openpyxl.load_workbook(out), sub, plan, calls


def test_sheets_and_titles(book):
    wb, _, _, calls = book
    assert wb.sheetnames == ["Chỉ tiêu", "Hoạt động", "Thông tin"]
    for name in ("Chỉ tiêu", "Hoạt động"):
        ws = wb[name]
        assert ws["A1"].value == "Phụ lục"
        assert ws["A3"].value.startswith("(Kèm theo Báo cáo số 12/BC-UBND ngày 25 tháng 10 năm 2023")
        assert ws["A3"].font.i
    assert calls[-1][0] == calls[-1][1]


def test_activity_sheet_types_and_formats(book):
    wb, sub, _, _ = book
    ws = wb["Hoạt động"]
    assert [c.value for c in ws[HEADER_ROW]] == [h for h, _ in ACTIVITY_COLUMNS]
    assert ws.max_row == HEADER_ROW + len(sub.activities)
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=False))
    for row in rows:
        start = row[4]
        assert isinstance(start.value, (date, datetime)) and start.number_format == "dd/mm/yyyy"
        assert row[9].value is None or (isinstance(row[9].value, int) and row[9].number_format == COUNT_FMT)
        assert isinstance(row[0].value, int)
        assert row[3].alignment.wrap_text
    assert any(isinstance(r[9].value, int) for r in rows)
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:O{HEADER_ROW + len(sub.activities)}"
    assert ws.column_dimensions["D"].width >= 30


def test_indicator_sheet_ratios_are_fractions_with_percent_format(book):
    wb, sub, plan, _ = book
    ws = wb["Chỉ tiêu"]
    by_label = {r[2].value: r for r in ws.iter_rows(min_row=HEADER_ROW + 1)}
    ratio = by_label["Tỷ lệ hồ sơ giải quyết trước và đúng hạn"]
    assert ratio[4].value == pytest.approx(238 / 316)
    assert ratio[4].number_format == PERCENT_FMT == "0%"
    count = by_label["Hồ sơ thủ tục hành chính tiếp nhận"]
    assert count[4].value == 1234 and count[4].number_format == COUNT_FMT
    assert len(by_label) == len(plan.indicators)


def test_print_setup_and_fonts(book):
    wb, sub, _, _ = book
    for name in ("Chỉ tiêu", "Hoạt động"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    for ws in wb:  # every sheet: A4, fit to the paper's width, page numbers
        assert str(ws.page_setup.paperSize) == "9", ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert "&P" in ws.oddFooter.center.text, ws.title
    acts = wb["Hoạt động"]
    # the key columns print; the others are folded into a group (one click on screen opens them)
    folded = {
        i for i in range(1, len(ACTIVITY_COLUMNS) + 1) if acts.column_dimensions[get_column_letter(i)].hidden
    }
    assert folded == set(FOLDED_COLUMNS) and {1, 4, 5, 7, 10, 12}.isdisjoint(folded)
    # a row is as tall as its longest wrapped text (LibreOffice does not grow it by itself)
    longest = max(range(len(sub.activities)), key=lambda i: len(acts.cell(HEADER_ROW + 1 + i, 4).value or ""))
    assert acts.row_dimensions[HEADER_ROW + 1 + longest].height >= 15
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    assert c.font.name == "Times New Roman", (ws.title, c.coordinate)


def test_info_sheet(book):
    wb, sub, _, _ = book
    ws = wb["Thông tin"]
    info = {r[0].value: r[1].value for r in ws.iter_rows(min_row=3) if r[0].value}
    assert info["Đơn vị"] == "Phường 1 (TPTN-P1)"
    assert info["Kỳ báo cáo"] == sub.period.label
    assert info["Phiên bản phần mềm"] == f"dvcq-desktop {__version__}"
    assert isinstance(info["Thời điểm tạo tệp"], datetime)
