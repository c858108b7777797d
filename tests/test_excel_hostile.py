"""Issue 18 points 2 and 4: Excel import within bounds — hostile workbooks get their own Vietnamese
message before openpyxl parses anything, out-of-range values are refused in the preview naming row
and column, and what the preview accepts always imports."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from support.officer_ws import make_ws

from dvcq_desktop.domain.plan_loader import load_builtin_plan
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.services.excel_guard import OLE_MAGIC, ExcelLimits
from dvcq_desktop.services.excel_io import COLUMNS, import_rows, read_activities
from dvcq_desktop.storage import activities

HEADERS = [c.header for c in COLUMNS]
GOOD = {
    "Ngày bắt đầu": date(2023, 3, 1),
    "Lĩnh vực": "2",
    "Loại hoạt động": "Tuyên truyền",
    "Tên hoạt động": "Tuyên truyền pháp luật",
}


def _sheet(path: Path, rows: list[dict[str, object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    wb.save(path)
    return path


def _rewrite(src: Path, dest: Path, member: str, edit: Callable[[bytes], bytes]) -> Path:
    """Copy the workbook with one part replaced by `edit(old_bytes)` (added as `edit(b"")`)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == member:
                data = edit(data)
            zout.writestr(info, data)
        if member not in zin.namelist():
            zout.writestr(member, edit(b""))
    return dest


def _body(data: bytes) -> bytes:
    return data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)


def _bomb(data: bytes) -> bytes:
    return LAUGHS + _body(data).replace(b"<t>Tuy", b"<t>&lol9;Tuy", 1)


def _xxe(data: bytes) -> bytes:
    body = _body(data).replace(b"<t>Tuy", b"<t>&x;Tuy", 1)
    return b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + body


def _no_sheets(data: bytes) -> bytes:
    start, end = data.index(b"<sheets>"), data.index(b"</sheets>") + len(b"</sheets>")
    return data[:start] + b"<sheets/>" + data[end:]


@pytest.mark.parametrize(
    ("case", "member", "edit", "code"),
    [
        ("billion laughs", "xl/worksheets/sheet1.xml", _bomb, "excel_hostile"),
        ("XXE in a sheet", "xl/worksheets/sheet1.xml", _xxe, "excel_hostile"),
        ("XXE in the workbook", "xl/workbook.xml", _xxe, "excel_hostile"),
        (
            "UTF-16 part",
            "xl/workbook.xml",
            lambda d: "\ufeff".encode("utf-16-le") + d.decode().encode("utf-16-le"),
            "excel_hostile",
        ),
        ("no sheets", "xl/workbook.xml", _no_sheets, "excel_no_sheets"),
    ],
)
def test_hostile_workbook_gets_its_own_message(
    tmp_path: Path, case: str, member: str, edit: Callable[[bytes], bytes], code: str
) -> None:
    good = _sheet(tmp_path / "tot.xlsx", [GOOD, {**GOOD, "Tên hoạt động": "Có chuỗi chung"}])
    bad = _rewrite(good, tmp_path / "xau.xlsx", member, edit)
    with pytest.raises(DvcqError) as err:
        read_activities(bad, load_builtin_plan())
    assert err.value.code == code, (case, err.value.detail)
    assert "xau.xlsx" in err.value.message


def test_decompressed_size_is_bounded_before_reading(tmp_path: Path) -> None:
    good = _sheet(tmp_path / "tot.xlsx", [GOOD])
    padded = _rewrite(
        good, tmp_path / "xau.xlsx", "xl/sharedStrings.xml", lambda d: b"<sst>" + b" " * 3_000_000 + b"</sst>"
    )
    assert padded.stat().st_size < 100_000  # small on disk, 3 MB inflated
    with pytest.raises(DvcqError) as err:
        read_activities(padded, load_builtin_plan(), limits=ExcelLimits(max_shared_strings=2_000_000))
    assert err.value.code == "excel_hostile"


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("rong.xlsx", b"", "excel_empty", "rỗng"),
        (
            "matkhau.xlsx",
            OLE_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1000,
            "excel_encrypted",
            "mật khẩu",
        ),
        ("cu.xls", OLE_MAGIC + b"\0" * 2000, "excel_old_format", ".xls"),
        (
            "bang.xlsx",
            "Tên hoạt động;Ngày\nA;1/1/2023\n".encode(),
            "excel_unreadable",
            "không phải bảng tính",
        ),
        ("hong.xlsx", b"PK\x03\x04" + b"\x00" * 100, "excel_unreadable", "không phải bảng tính"),
    ],
)
def test_files_that_are_not_plain_workbooks(
    tmp_path: Path, name: str, content: bytes, code: str, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DvcqError) as err:
        read_activities(path, load_builtin_plan())
    assert err.value.code == code
    assert words in err.value.message


def test_out_of_range_values_are_refused_in_the_preview_by_row_and_column(tmp_path: Path) -> None:
    rows = [
        {**GOOD, "Số người tham gia": 1e20},
        {**GOOD, "Số đoàn, nhóm": "99999999999"},
        {**GOOD, "Tên hoạt động": "T" * 2001},
        # Excel writes a control character as an _xHHHH_ escape, which openpyxl turns back into it
        {**GOOD, "Tên hoạt động": "HọpVT dânUS", "Nội dung": "Dòng 1\nDòng 2NUL\x85"},
        {**GOOD, "Số người tham gia": 1_000_000_000},
    ]
    plain = _sheet(tmp_path / "so0.xlsx", rows)
    path = _rewrite(
        plain,
        tmp_path / "so.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(b"VT", b"_x000B_").replace(b"US", b"_x001F_").replace(b"NUL", b"_x0000_"),
    )
    plan = load_builtin_plan()
    preview = read_activities(path, plan)
    bad = {r.row: " ".join(r.errors) for r in preview.bad}
    assert set(bad) == {2, 3, 4}
    assert "Dòng 2, cột “Số người tham gia”" in bad[2] and "quá lớn" in bad[2]
    assert "Dòng 3, cột “Số đoàn, nhóm”" in bad[3]
    assert "Dòng 4, cột “Tên hoạt động”" in bad[4] and "2.000" in bad[4]
    good = {r.row: r.activity for r in preview.good}
    assert good[5] is not None and good[5].title == "Họp dân" and good[5].content == "Dòng 1\nDòng 2"
    with make_ws(tmp_path / "ws") as ws:
        assert import_rows(ws.db, preview) == 2  # nothing the preview accepted fails here
        assert activities.count(ws.db) == 2


def test_reading_can_be_cancelled_and_rows_are_bounded(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "nhieu.xlsx", [GOOD] * 600)
    plan = load_builtin_plan()
    with pytest.raises(DvcqError) as err:
        read_activities(path, plan, cancelled=lambda: True)
    assert err.value.code == "excel_cancelled"
    with pytest.raises(DvcqError) as err:
        read_activities(path, plan, limits=ExcelLimits(max_rows=100))
    assert err.value.code == "excel_too_many_rows" and "100" in err.value.message
    assert len(read_activities(path, plan).good) == 600


def test_a_huge_dimension_does_not_widen_every_row(tmp_path: Path) -> None:
    good = _sheet(tmp_path / "tot.xlsx", [GOOD] * 3)
    wide = _rewrite(
        good,
        tmp_path / "rong.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(b'<dimension ref="A1:Q4"/>', b'<dimension ref="A1:XFD1048576"/>'),
    )
    preview = read_activities(wide, load_builtin_plan())
    assert len(preview.good) == 3


@pytest.mark.parametrize("workbook", ["catalogue", "roster", "plan"])
def test_every_office_workbook_is_inspected_before_openpyxl_reads_it(tmp_path: Path, workbook: str) -> None:
    """The office's workbooks go through the same door as the activities sheet: an entity
    declaration in the workbook part is refused as hostile and nothing changes. (The catalogue
    reader once opened its file with openpyxl directly, the guard skipped.)"""
    from dvcq_desktop.services.catalog_excel import import_catalog_xlsx, write_catalog_xlsx
    from dvcq_desktop.services.plan_excel import write_plan_xlsx
    from dvcq_desktop.services.plan_excel_read import read_plan_xlsx
    from dvcq_desktop.services.roster_excel import read_roster_xlsx, write_roster_xlsx
    from dvcq_desktop.services.setup import init_workspace

    with init_workspace(tmp_path / "office", role="aggregator", unit_code="TPTN") as office:
        period = office.period.id
        write, read = {
            "catalogue": (lambda p: write_catalog_xlsx(office, p), lambda p: import_catalog_xlsx(office, p)),
            "roster": (
                lambda p: write_roster_xlsx(office, period, p),
                lambda p: read_roster_xlsx(office, period, p),
            ),
            "plan": (
                lambda p: write_plan_xlsx(office, period, p),
                lambda p: read_plan_xlsx(office, period, p),
            ),
        }[workbook]
        good = write(tmp_path / "tot.xlsx")
        bad = _rewrite(good, tmp_path / "xau.xlsx", "xl/workbook.xml", _xxe)
        units_before = office.db.execute("SELECT count(*) FROM units").fetchone()
        with pytest.raises(DvcqError) as err:
            read(bad)
        assert err.value.code == "excel_hostile", err.value.detail
        assert "xau.xlsx" in err.value.message
        assert office.db.execute("SELECT count(*) FROM units").fetchone() == units_before
