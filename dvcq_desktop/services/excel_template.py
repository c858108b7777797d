"""The Excel template for activities, built from the plan: drop-downs for area, activity type
(only the chosen area's), status and "nổi bật", date and number cells, and a sheet of instructions.
What it writes is what `excel_io.read_activities` reads back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import ACTIVITY_STATUSES
from dvcq_desktop.reports.xlsx_cells import put
from dvcq_desktop.services.excel_io import (
    COLUMNS,
    DATA_SHEET,
    DATE_FORMAT,
    HELP_SHEET,
    LIST_SHEET,
    NO,
    TEMPLATE_ROWS,
    YES,
    Column,
    area_label,
)
from dvcq_desktop.storage.fsutil import write_atomic
from dvcq_desktop.text import format_int
from dvcq_desktop.text.entry import number_range


def write_template(plan: Plan, out_path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = DATA_SHEET
    for i, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=i, value=col.header + (" *" if col.required else ""))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "A2"

    lists = wb.create_sheet(LIST_SHEET)
    choices = {
        "area": [area_label(plan, a.id) for a in plan.areas],
        "type": [t.label for t in plan.activity_types],
        "status": list(ACTIVITY_STATUSES.values()),
        "bool": [YES, NO],
    }
    for j, (name, items) in enumerate(choices.items(), start=1):
        lists.cell(row=1, column=j, value=name)
        for k, item in enumerate(items, start=2):
            put(lists, k, j, item)
    _area_type_lists(wb, lists, plan, first_col=len(choices) + 1)
    lists.sheet_state = "hidden"

    last = TEMPLATE_ROWS + 1

    def letter_of(key: str) -> str:
        return get_column_letter(next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key))

    for i, col in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        rng = f"{letter}2:{letter}{last}"
        dv: DataValidation | None = None
        if col.kind == "type":
            src = get_column_letter(list(choices).index("type") + 1)
            every = f"{LIST_SHEET}!${src}$2:${src}${len(choices['type']) + 1}"
            dv = _type_validation(col, letter_of("area"), every)
        elif col.kind in choices:
            j = list(choices).index(col.kind) + 1
            src = get_column_letter(j)
            dv = DataValidation(
                type="list",
                formula1=f"={LIST_SHEET}!${src}$2:${src}${len(choices[col.kind]) + 1}",
                allow_blank=not col.required,
                showErrorMessage=True,
                errorTitle=col.header,
                error="Hãy chọn một giá trị trong danh sách.",
            )
        elif col.kind == "date":
            dv = DataValidation(
                type="date",
                operator="between",
                formula1="DATE(2000,1,1)",
                formula2="DATE(2100,12,31)",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=col.header,
                error="Hãy nhập ngày dạng dd/mm/yyyy.",
            )
            for r in range(2, last + 1):
                ws.cell(row=r, column=i).number_format = DATE_FORMAT
        elif col.kind == "int":
            dv = DataValidation(
                type="whole",
                operator="between",
                formula1="0",
                formula2=str(number_range(f"activity.{col.key}")[1]),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=col.header,
                error=f"Hãy nhập số nguyên từ 0 đến {format_int(number_range(f'activity.{col.key}')[1])}.",
            )
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(rng)

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 110
    for r, line in enumerate(_instructions(plan), start=1):
        put(help_ws, r, 1, line).alignment = Alignment(wrap_text=True)
    help_ws.cell(row=1, column=1).font = Font(bold=True, size=13)

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(
        out_path, lambda tmp: wb.save(tmp)
    )  # a half-written template never replaces a good one


def type_list_name(area_number: int) -> str:
    """The workbook name of one area's activity types ("LOAI_2"), which INDIRECT looks up."""
    return f"LOAI_{area_number}"


def _area_type_lists(wb: Workbook, lists: Any, plan: Plan, first_col: int) -> None:
    """One named column per area with only that area's types, so the type drop-down of a row
    offers what fits the area chosen in it (the reader still refuses a mismatch by row)."""
    for j, area in enumerate(plan.areas, start=first_col):
        types = [t.label for t in plan.activity_types if area.id in t.area_ids]
        letter = get_column_letter(j)
        lists.cell(row=1, column=j, value=type_list_name(area.number))
        for k, label in enumerate(types, start=2):
            put(lists, k, j, label)
        wb.defined_names[type_list_name(area.number)] = DefinedName(
            type_list_name(area.number), attr_text=f"{LIST_SHEET}!${letter}$2:${letter}${len(types) + 1}"
        )


def _type_validation(col: Column, area_letter: str, every: str) -> DataValidation:
    # Relative to the first row of the range: "1. Quán triệt…" in the area cell → LOAI_1; every
    # type while the area is still empty. Excel and LibreOffice both evaluate INDIRECT here.
    area = f"${area_letter}2"
    formula = f'IF({area}="",{every},INDIRECT("LOAI_"&LEFT({area},FIND(".",{area})-1)))'
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=not col.required,
        showErrorMessage=True,
        errorTitle=col.header,
        error="Hãy chọn một loại hoạt động của lĩnh vực đã chọn ở cột Lĩnh vực.",
    )


def _instructions(plan: Plan) -> list[str]:
    required = ", ".join(f"“{c.header}”" for c in COLUMNS if c.required)
    return [
        "HƯỚNG DẪN NHẬP HOẠT ĐỘNG TỪ EXCEL",
        f"Kế hoạch: {plan.title}",
        f"1. Mỗi dòng trên trang “{DATA_SHEET}” là một hoạt động; không sửa dòng tiêu đề.",
        f"2. Các cột bắt buộc (có dấu *): {required}.",
        "3. Ngày nhập dạng dd/mm/yyyy, ví dụ 05/01/2023.",
        "4. “Lĩnh vực”, “Loại hoạt động”, “Trạng thái” và “Nổi bật”: chọn trong danh sách thả xuống.",
        "   Chọn “Lĩnh vực” trước: danh sách “Loại hoạt động” của dòng đó chỉ gồm các loại thuộc lĩnh vực",
        "   đã chọn. Để trống “Trạng thái” nghĩa là “Đã thực hiện”.",
        "5. Số người tham gia, số đoàn, nhóm: số nguyên không âm, có thể để trống.",
        "6. Lưu tệp dạng .xlsx, rồi trong chương trình chọn “Nhập từ Excel”. Chương trình kiểm tra từng",
        "   dòng, báo lỗi theo số dòng và tên cột; chỉ các dòng hợp lệ được nhập.",
        "Không ghi họ tên, địa chỉ người tố cáo vào bất kỳ cột nào (thông tin thuộc bí mật nhà nước).",
    ]
