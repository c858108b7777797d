"""The content of a period's plan (areas, indicators, activity types, outline, rules) as an Excel
workbook the office edits: one sheet per part, Vietnamese headers, codes kept in their own column
so that an indicator keeps its id whatever its name becomes. `plan_excel_read` reads it back.

What is not in the workbook stays as it is in the plan: each indicator's report sentence, its
suggestion from activities and its target, each activity type's wording, the narrative prompts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dvcq_desktop.services.sheet_read import Col
from dvcq_desktop.services.sheet_write import help_sheet, new_book, table_sheet
from dvcq_desktop.storage import periods_repo
from dvcq_desktop.storage.workspace import Workspace

AREAS, INDICATORS, TYPES, OUTLINE, RULES, HELP = (
    "Lĩnh vực",
    "Chỉ tiêu",
    "Loại hoạt động",
    "Đề cương",
    "Quy tắc",
    "Hướng dẫn",
)
KIND_LABELS = {"count": "số lượng", "ratio": "tỉ lệ"}
SEVERITY_LABELS = {"error": "lỗi", "warning": "cảnh báo"}

AREA_COLS = (
    Col("id", "Mã lĩnh vực", 12, max_chars=40),
    Col("number", "Số thứ tự", 10, max_chars=4),
    Col("title", "Tên lĩnh vực", 60, max_chars=1000),
    Col("short_title", "Tên ngắn", 30, max_chars=200),
    Col("description", "Mô tả", 70, multiline=True, max_chars=10_000),
)
INDICATOR_COLS = (
    Col("id", "Mã chỉ tiêu", 26, max_chars=80),
    Col("area_id", "Mã lĩnh vực", 12, max_chars=40),
    Col("label", "Tên chỉ tiêu", 60, max_chars=1000),
    Col("unit", "Đơn vị tính", 14, max_chars=100),
    Col("kind", "Loại (số lượng/tỉ lệ)", 14, max_chars=40),
    Col("numerator", "Tử số (mã chỉ tiêu, với tỉ lệ)", 26, required=False, max_chars=80),
    Col("denominator", "Mẫu số (mã chỉ tiêu, với tỉ lệ)", 26, required=False, max_chars=80),
    Col("retired", "Thôi dùng (có/không)", 12, max_chars=20),
)
TYPE_COLS = (
    Col("id", "Mã loại hoạt động", 26, max_chars=80),
    Col("label", "Tên loại hoạt động", 60, max_chars=1000),
    Col("area_ids", "Thuộc lĩnh vực (mã, cách nhau dấu phẩy)", 22, max_chars=400),
)
OUTLINE_COLS = (
    Col("id", "Mục", 10, max_chars=40),
    Col("title", "Tiêu đề", 70, max_chars=1000),
    Col("area_id", "Mã lĩnh vực (nếu có)", 14, required=False, max_chars=40),
)
RULE_COLS = (
    Col("id", "Mã quy tắc", 26, max_chars=80),
    Col("left", "Vế trái (mã chỉ tiêu, cộng lại)", 34, max_chars=2000),
    Col("right", "Vế phải (mã chỉ tiêu, cộng lại)", 34, max_chars=2000),
    Col("severity", "Mức (lỗi/cảnh báo)", 12, max_chars=20),
    Col("message", "Thông báo khi sai", 60, multiline=True, max_chars=2000),
)

HELP_LINES = (
    "Mỗi trang là một phần của kế hoạch: Lĩnh vực, Chỉ tiêu, Loại hoạt động, Đề cương, Quy tắc.",
    "Cột “Mã …” là mã cố định mà các đơn vị và các năm dùng để ghép số liệu: không sửa mã đã có.",
    "Thêm chỉ tiêu, loại hoạt động: thêm dòng và để trống cột mã; chương trình tự cấp mã mới khi nhập.",
    "Bỏ một chỉ tiêu: không xóa dòng, ghi “có” ở cột “Thôi dùng”. Mã đã thôi dùng không bao giờ dùng lại.",
    "Chỉ tiêu loại “tỉ lệ” ghi mã chỉ tiêu tử số và mẫu số (chỉ tiêu loại số lượng). Loại của chỉ tiêu đã có không đổi được.",
    "Lĩnh vực và loại hoạt động đã có không xóa được (sửa tên thì được).",
    "Quy tắc: tổng các chỉ tiêu ở vế trái không được lớn hơn tổng vế phải; mức “lỗi” chặn nộp, “cảnh báo” chỉ nhắc.",
    "Không dùng công thức trong các ô: ghi chữ hoặc số.",
    "Khi nhập lại, chương trình kiểm tra theo mẫu kế hoạch và cho xem các thay đổi (chỉ tiêu mới, sửa, thôi dùng) "
    "trước khi lưu thành phiên bản mới của kế hoạch. Tệp có lỗi thì không thay đổi gì.",
    "Câu tường thuật trong báo cáo, gợi ý số liệu từ hoạt động và chỉ tiêu phấn đấu của chỉ tiêu đã có được giữ nguyên.",
)


def template_of(ws: Workspace, period_id: str) -> dict[str, Any]:
    from dvcq_desktop.errors import DvcqError

    row = periods_repo.find(ws.db, period_id)
    if row is None:
        raise DvcqError("period_unknown", period=period_id, plan=ws.chosen[0])
    return periods_repo.plan_template(ws.db, row["plan_id"])


def write_plan_xlsx(ws: Workspace, period_id: str, path: Path) -> Path:
    data = template_of(ws, period_id)
    wb = new_book()
    table_sheet(wb, AREAS, AREA_COLS, data["areas"])
    indicators: list[dict[str, Any]] = [
        {**i, "kind": KIND_LABELS[i["kind"]], "retired": "không"} for i in data["indicators"]
    ]
    indicators += [
        {"id": r["id"], "label": r["label"], "retired": "có"} for r in data.get("retired_indicators", [])
    ]
    table_sheet(
        wb,
        INDICATORS,
        INDICATOR_COLS,
        indicators,
        yes_no=("retired",),
        choices={"kind": tuple(KIND_LABELS.values())},
    )
    table_sheet(
        wb, TYPES, TYPE_COLS, ({**t, "area_ids": ", ".join(t["area_ids"])} for t in data["activity_types"])
    )
    table_sheet(wb, OUTLINE, OUTLINE_COLS, data["outline"])
    rules = (
        {
            **r,
            "left": ", ".join(r["left"]),
            "right": ", ".join(r["right"]),
            "severity": SEVERITY_LABELS[r["severity"]],
        }
        for r in data["rules"]
    )
    table_sheet(wb, RULES, RULE_COLS, rules, choices={"severity": tuple(SEVERITY_LABELS.values())})
    help_sheet(wb, HELP, f"Nội dung kế hoạch {data['id']} (phiên bản {data['version']})", HELP_LINES)
    wb.save(str(path))
    return Path(path)
