"""The plan's content to and from Excel: the office exports the year's plan, edits indicators,
areas, types in Excel, sees the changes, and stores them as the next plan version; ids stay stable,
retired ones stay reserved, and a faulty workbook is refused by sheet and row with nothing changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.services import periods
from dvcq_desktop.services.plan_excel import AREAS, INDICATORS, RULES, TYPES, write_plan_xlsx
from dvcq_desktop.services.plan_excel_read import apply_plan_import, read_plan_xlsx
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage import periods_repo
from dvcq_desktop.storage.workspace import Workspace


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    with init_workspace(tmp_path / "agg", role="aggregator", unit_code="TPTN") as ws:
        periods.open_year(ws, 2024)
        yield ws


def _template(ws: Workspace) -> dict[str, Any]:
    row = periods_repo.find(ws.db, "2024")
    assert row is not None
    return periods_repo.plan_template(ws.db, row["plan_id"])


def _edit(src: Path, dst: Path, edit: Callable[[Any], None]) -> Path:
    wb = load_workbook(src)
    edit(wb)
    wb.save(dst)
    return dst


def _row(sheet: Any, code: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code)


def test_unchanged_workbook_round_trips_to_the_same_plan(office: Workspace, tmp_path: Path) -> None:
    src = write_plan_xlsx(office, "2024", tmp_path / "kh.xlsx")
    wb = load_workbook(src)
    assert wb.sheetnames == ["Lĩnh vực", "Chỉ tiêu", "Loại hoạt động", "Đề cương", "Quy tắc", "Hướng dẫn"]
    assert wb[INDICATORS].cell(1, 1).value == "Mã chỉ tiêu" and wb[INDICATORS].max_row == 56
    imp = read_plan_xlsx(office, "2024", src)
    assert imp.empty
    assert imp.data == _template(office)


def test_new_changed_and_retired_indicators_become_the_next_version(
    office: Workspace, tmp_path: Path
) -> None:
    src = write_plan_xlsx(office, "2024", tmp_path / "kh.xlsx")

    def edit(wb: Any) -> None:
        s = wb[INDICATORS]
        s.cell(_row(s, "a2_tin_bai"), 3).value = "Tin, bài, phóng sự tuyên truyền"
        s.cell(_row(s, "a2_dien_hinh"), 8).value = "có"
        s.append(["", "A2", "Buổi đối thoại trực tuyến", "buổi", "số lượng", "", "", "không"])
        s.append(
            [
                "",
                "A2",
                "Tỉ lệ tin bài trên buổi tuyên truyền",
                "%",
                "tỉ lệ",
                "a2_tin_bai",
                "a2_buoi_tuyen_truyen",
                "",
            ]
        )
        t = wb[TYPES]
        t.append(["", "Đối thoại trực tuyến với Nhân dân", "A2, A6"])

    stored = _template(office)
    imp = read_plan_xlsx(office, "2024", _edit(src, tmp_path / "kh2.xlsx", edit))
    assert _template(office) == stored  # the preview stores nothing
    assert imp.new == ("a2_ct1 — Buổi đối thoại trực tuyến", "a2_ct2 — Tỉ lệ tin bài trên buổi tuyên truyền")
    assert imp.changed == ("a2_tin_bai — Tin, bài, phóng sự tuyên truyền",)
    assert imp.retired == ("a2_dien_hinh — Điển hình “Dân vận khéo”",)
    assert "Loại hoạt động: 1 mới" in imp.others
    plan = apply_plan_import(office, imp)
    assert plan.version == "2"
    ids = [i.id for i in plan.indicators]
    assert "a2_dien_hinh" not in ids and "a2_dien_hinh" in plan.retired_ids
    assert ids.index("a2_tin_bai") < ids.index("a2_ct1")
    ratio = plan.indicator("a2_ct2")
    assert (ratio.kind, ratio.numerator, ratio.denominator) == ("ratio", "a2_tin_bai", "a2_buoi_tuyen_truyen")
    assert plan.activity_type("loai_1").area_ids == ("A2", "A6")
    old_sentence = next(i for i in stored["indicators"] if i["id"] == "a2_tin_bai")["sentence"]
    assert plan.indicator("a2_tin_bai").sentence == old_sentence  # what Excel does not show is kept

    # Exported again, the new ids are written out and stay the same on the next import.
    again = write_plan_xlsx(office, "2024", tmp_path / "kh3.xlsx")
    s = load_workbook(again)[INDICATORS]
    assert s.cell(_row(s, "a2_ct1"), 3).value == "Buổi đối thoại trực tuyến"
    assert s.cell(_row(s, "a2_dien_hinh"), 8).value == "có"
    assert read_plan_xlsx(office, "2024", again).empty


CASES: dict[str, tuple[Callable[[Any], None], str]] = {
    "unknown area": (
        lambda wb: wb[INDICATORS].append(["", "A9", "Chỉ tiêu mới", "buổi", "số lượng", "", "", ""]),
        "trang “Chỉ tiêu”, dòng 57: mã lĩnh vực “A9” không có ở trang “Lĩnh vực”",
    ),
    "duplicate id": (
        lambda wb: wb[INDICATORS].append(["a1_van_ban", "A1", "Trùng", "văn bản", "số lượng", "", "", ""]),
        "dòng 57: mã chỉ tiêu “a1_van_ban” trùng với dòng 2",
    ),
    "deleted indicator": (
        lambda wb: wb[INDICATORS].delete_rows(3),
        "thiếu chỉ tiêu mã “a1_hoi_nghi_quan_triet”",
    ),
    "kind changed": (
        lambda wb: setattr(wb[INDICATORS].cell(2, 5), "value", "tỉ lệ"),
        "dòng 2: không đổi được loại của chỉ tiêu đã có “a1_van_ban”",
    ),
    "ratio on retired": (
        lambda wb: setattr(wb[INDICATORS].cell(_row(wb[INDICATORS], "a3_ho_so_tiep_nhan"), 8), "value", "có"),
        "tỉ lệ dùng chỉ tiêu “a3_ho_so_tiep_nhan” đang được thôi dùng",
    ),
    "formula": (
        lambda wb: setattr(wb[AREAS].cell(2, 3), "value", '=HYPERLINK("http://x.invalid","A")'),
        "trang “Lĩnh vực”, dòng 2: ô ở cột “Tên lĩnh vực” là công thức",
    ),
    "bad severity": (
        lambda wb: setattr(wb[RULES].cell(2, 4), "value", "nghiêm trọng"),
        "trang “Quy tắc”, dòng 2: mức “nghiêm trọng” phải là “lỗi” hoặc “cảnh báo”",
    ),
    "area number twice": (
        lambda wb: setattr(wb[AREAS].cell(3, 2), "value", 1),
        "trang “Lĩnh vực”, dòng 3: số thứ tự 1 trùng với dòng 2",
    ),
    "missing sheet": (lambda wb: wb.remove(wb[TYPES]), "không có trang “Loại hoạt động”"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_faulty_workbook_is_refused_by_sheet_and_row(office: Workspace, tmp_path: Path, case: str) -> None:
    edit, expected = CASES[case]
    src = write_plan_xlsx(office, "2024", tmp_path / "kh.xlsx")
    bad = _edit(src, tmp_path / "bad.xlsx", edit)
    stored = _template(office)
    with pytest.raises(DvcqError) as err:
        apply_plan_import(office, read_plan_xlsx(office, "2024", bad))
    assert expected in user_message(err.value)
    assert _template(office) == stored


def test_an_indicator_name_that_looks_like_a_formula_is_written_as_text(
    office: Workspace, tmp_path: Path
) -> None:
    src = write_plan_xlsx(office, "2024", tmp_path / "kh.xlsx")
    risky = "=1+1 buổi"

    def edit(wb: Any) -> None:
        c = wb[INDICATORS].cell(2, 3)
        c.value, c.data_type, c.quotePrefix = risky, "s", True

    apply_plan_import(office, read_plan_xlsx(office, "2024", _edit(src, tmp_path / "q.xlsx", edit)))
    out = load_workbook(write_plan_xlsx(office, "2024", tmp_path / "out.xlsx"))[INDICATORS]
    cell = out.cell(2, 3)
    assert cell.value == risky and cell.data_type == "s" and cell.quotePrefix
