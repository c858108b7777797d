"""Excel template and import of activities (services/excel_io.py), on real .xlsx files."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from support.officer_ws import make_ws

from dvcq_desktop.domain.plan_loader import load_builtin_plan
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services.excel_io import (
    COLUMNS,
    area_label,
    import_rows,
    read_activities,
)
from dvcq_desktop.services.excel_template import write_template
from dvcq_desktop.storage import activities
from dvcq_desktop.storage.activities import ActivityFilter

HEADERS = [c.header for c in COLUMNS]


def _sheet(path: Path, rows: list[dict[str, object]], headers: list[str] = HEADERS) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    wb.save(path)
    return path


def test_template_has_drop_downs_dates_and_instructions(tmp_path: Path) -> None:
    plan = load_builtin_plan()
    out = write_template(plan, tmp_path / "mau.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Hoạt động"
    ws = wb["Hoạt động"]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == [
        "Ngày bắt đầu *",
        "Ngày kết thúc",
        "Lĩnh vực *",
        "Loại hoạt động *",
        "Tên hoạt động *",
    ]
    col = {c.key: i + 1 for i, c in enumerate(COLUMNS)}
    letter = {k: ws.cell(row=1, column=v).column_letter for k, v in col.items()}
    validations = ws.data_validations.dataValidation
    by_col: dict[str, object] = {}
    for dv in validations:
        for rng in dv.sqref.ranges:
            by_col[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    area_dv, type_dv, status_dv = by_col[letter["area"]], by_col[letter["type"]], by_col[letter["status"]]
    assert area_dv.type == type_dv.type == status_dv.type == "list"  # type: ignore[attr-defined]
    assert by_col[letter["start_date"]].type == "date"  # type: ignore[attr-defined]
    # the area drop-down points at the hidden list holding the plan's areas
    lists = wb["DanhMuc"]
    assert lists.sheet_state == "hidden"
    ref = area_dv.formula1.split("!")[1].replace("$", "")  # type: ignore[attr-defined]
    values = [row[0].value for row in lists[ref]]
    assert values == [area_label(plan, a.id) for a in plan.areas]
    assert ws.cell(row=2, column=col["start_date"]).number_format == "DD/MM/YYYY"
    assert "HƯỚNG DẪN" in str(wb["Hướng dẫn"]["A1"].value)


def test_one_bad_row_is_reported_by_number_and_the_others_import(tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    plan = ws.plan
    # decomposed text (Windows' built-in keyboard) must arrive as NFC
    nfd_title = unicodedata.normalize("NFD", "Tuyên truyền pháp luật ở khu phố 2")
    rows = [
        {
            "Ngày bắt đầu": datetime(2023, 3, 5),
            "Lĩnh vực": area_label(plan, "A2"),
            "Loại hoạt động": "Tuyên truyền",
            "Tên hoạt động": nfd_title,
            "Số người tham gia": 120,
        },
        {
            "Ngày bắt đầu": "05/04/2023",
            "Lĩnh vực": "Tiếp công dân, khiếu nại, tố cáo",
            "Loại hoạt động": "tiep cong dan",
            "Tên hoạt động": "Tiếp công dân định kỳ",
            "Số người tham gia": "12",
            "Số đoàn, nhóm": 1,
            "Trạng thái": "Đang thực hiện",
            "Nổi bật": "Có",
        },
        {
            "Ngày bắt đầu": "31/02/2023",
            "Lĩnh vực": "Lĩnh vực lạ",
            "Loại hoạt động": "Tuyên truyền",
            "Tên hoạt động": "",
            "Số người tham gia": -4,
        },
        {},  # blank row: skipped, not an error
        {
            "Ngày bắt đầu": date(2023, 6, 1),
            "Lĩnh vực": "1",
            "Loại hoạt động": "Tuyên truyền",
            "Tên hoạt động": "Sai loại",
        },  # type of another area
    ]
    path = _sheet(tmp_path / "nhap.xlsx", rows)
    calls: list[tuple[int, int, str]] = []
    preview = read_activities(path, plan, progress=lambda d, t, m: calls.append((d, t, m)))
    assert preview.summary == "2 dòng hợp lệ, 2 dòng lỗi"
    bad = {r.row: r.errors for r in preview.bad}
    assert set(bad) == {4, 6}
    text = " ".join(bad[4])
    for part in (
        "Dòng 4",
        "“Ngày bắt đầu”",
        "31/02/2023",
        "“Lĩnh vực”",
        "Lĩnh vực lạ",
        "“Tên hoạt động”",
        "“Số người tham gia”",
        "âm",
    ):
        assert part in text
    assert "không thuộc lĩnh vực" in bad[6][0]
    assert calls and calls[-1][0] == calls[-1][1]

    assert import_rows(ws.db, preview) == 2
    assert activities.count(ws.db) == 2
    found = activities.page(ws.db, ActivityFilter(text="tuyen truyen phap luat"))
    assert len(found) == 1 and found[0]["title"] == unicodedata.normalize("NFC", nfd_title)
    second = activities.get(ws.db, activities.page(ws.db, ActivityFilter(area_id="A4"))[0]["id"])
    assert (second.start_date, second.participants, second.groups) == (date(2023, 4, 5), 12, 1)
    assert (second.status, second.notable, second.type_id) == ("in_progress", True, "tiep_cong_dan")
    ws.close()


def test_template_round_trip(tmp_path: Path) -> None:
    plan = load_builtin_plan()
    path = write_template(plan, tmp_path / "mau.xlsx")
    wb = load_workbook(path)
    sheet = wb["Hoạt động"]
    sheet["A2"] = datetime(2023, 5, 2)
    sheet["C2"] = area_label(plan, "A5")
    sheet["D2"] = plan.activity_type("boi_duong_cong_vu").label
    sheet["E2"] = "Bồi dưỡng văn hóa công vụ"
    wb.save(path)
    preview = read_activities(path, plan)
    assert [r.ok for r in preview.rows] == [True]
    assert preview.rows[0].activity is not None and preview.rows[0].activity.area_id == "A5"


def test_not_an_xlsx_gives_a_vietnamese_error(tmp_path: Path) -> None:
    plan = load_builtin_plan()
    junk = tmp_path / "hong.xlsx"
    junk.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(DvcqError) as err:
        read_activities(junk, plan)
    assert err.value.code == "excel_unreadable" and "hong.xlsx" in err.value.message
    text = tmp_path / "ghi-chu.xlsx"
    text.write_text("Ngày,Tên\n", encoding="utf-8")
    with pytest.raises(DvcqError, match="không phải bảng tính Excel"):
        read_activities(text, plan)
    with pytest.raises(DvcqError) as err:
        read_activities(_sheet(tmp_path / "thieu.xlsx", [], ["Tên hoạt động", "Ghi chú"]), plan)
    assert err.value.code == "excel_missing_columns" and "Lĩnh vực" in err.value.message


def test_type_drop_down_offers_only_the_types_of_the_row_area(tmp_path: Path) -> None:
    plan = load_builtin_plan()
    wb = load_workbook(write_template(plan, tmp_path / "mau.xlsx"))
    ws = wb["Hoạt động"]
    letter = {c.key: ws.cell(row=1, column=i + 1).column_letter for i, c in enumerate(COLUMNS)}
    type_dv = next(
        dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(f"{letter['type']}2:")
    )
    formula = type_dv.formula1
    assert f'INDIRECT("LOAI_"&LEFT(${letter["area"]}2' in formula
    for area in plan.areas:
        # What INDIRECT resolves for a row whose area cell holds this area's label.
        number = area_label(plan, area.id).split(".")[0]
        name = wb.defined_names[f"LOAI_{number}"]
        ((sheet, ref),) = name.destinations
        offered = [row[0].value for row in wb[sheet][ref.replace("$", "")]]
        assert offered == [t.label for t in plan.activity_types if area.id in t.area_ids]
        assert offered and len(offered) < len(plan.activity_types)
