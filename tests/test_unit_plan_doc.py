"""The unit's KẾ HOẠCH read back from Word (structure, numbering, annex table), its task workbook,
and a LibreOffice render of the file the `dvcq unit-plan` command writes."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook
from support.ws_helpers import new_unit_ws, run_cli

from dvcq_desktop.domain.tasks import Task, UnitPlanMeta
from dvcq_desktop.reports.model import plain_text
from dvcq_desktop.services import unit_tasks
from dvcq_desktop.services.unit_plan import unit_plan_document, write_unit_plan
from dvcq_desktop.storage import tasks as repo


@pytest.fixture
def ws(tmp_path):
    w = new_unit_ws(tmp_path / "ws")
    unit_tasks.add_suggested(w.db, w.plan, "2023")
    first = repo.list_tasks(w.db, w.plan.id, "2023")[0]
    repo.save(w.db, w.plan.id, "2023", replace(first, status="dropped", reason="Chưa bố trí được kinh phí"))
    repo.save(
        w.db,
        w.plan.id,
        "2023",
        Task(
            id=repo.new_id(),
            area_id="A4",
            title="Đối thoại với hộ dân khu phố 3",
            lead="Chủ tịch UBND phường",
            partners="Các bộ phận chuyên môn",
            date_from=date(2023, 3, 1),
            date_to=date(2023, 3, 31),
            output="Biên bản đối thoại",
        ),
    )
    yield w
    w.close()


def _paras(d) -> list[str]:
    return [" ".join(p.text.split()) for p in d.paragraphs if p.text.strip()]


def test_structure_numbering_and_annex(ws, tmp_path):
    docx, xlsx = write_unit_plan(ws, tmp_path / "kh.docx", tmp_path / "kh.xlsx")
    d = open_docx(str(docx))
    paras = _paras(d)
    assert paras[0] == "DỰ THẢO"
    assert "KẾ HOẠCH" in paras
    assert any(
        p.startswith("Triển khai thực hiện Kế hoạch của Ủy ban nhân dân thành phố Tây Ninh") for p in paras
    )
    heads = [p for p in paras if p in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN")]
    assert heads == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN"]
    # khoản 1.–6. under II, one per area, in order; điểm a), b)… restart in each khoản
    ii, iii = paras.index("II. NỘI DUNG"), paras.index("III. TỔ CHỨC THỰC HIỆN")
    khoan = [p.split(".")[0] for p in paras[ii + 1 : iii] if p[:2] in {f"{n}." for n in range(1, 7)}]
    assert khoan == ["1", "2", "3", "4", "5", "6"]
    points = [p[:2] for p in paras[ii + 1 : iii] if p[1:3] == ") "]
    assert points.count("a)") == 6
    body = "\n".join(paras)
    assert (
        "Chủ trì: Chủ tịch UBND phường; phối hợp: các bộ phận chuyên môn; thời gian: từ 01/3/2023" not in body
    )
    assert "thời gian: từ 01/03/2023 đến 31/03/2023; sản phẩm: biên bản đối thoại." in body
    assert "thời gian: quý II" in body and "Quý II;" not in body
    assert "mục II." in body and "chậm nhất ngày 01/11/2023" in body
    assert body.rstrip().count("./.") == 1
    assert "Nơi nhận:" in "\n".join(" ".join(c.text.split()) for t in d.tables for c in t.rows[0].cells)
    # the annex: one table of tasks, an area row (I, II…) before each area's numbered tasks
    annex = d.tables[-1]
    assert [c.text for c in annex.rows[0].cells] == [
        "STT",
        "Nhiệm vụ",
        "Chủ trì",
        "Phối hợp",
        "Thời gian",
        "Sản phẩm",
    ]
    stt = [r.cells[0].text for r in annex.rows[1:]]
    areas = [s for s in stt if not s.isdigit()]
    numbers = [int(s) for s in stt if s.isdigit()]
    assert areas == ["I", "II", "III", "IV", "V", "VI"]
    assert numbers == list(range(1, len(repo.list_tasks(ws.db, ws.plan.id, "2023")) + 1))
    # the workbook lists every task with its status and reason
    sheet = load_workbook(xlsx).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert len(rows) == len(numbers)
    # the long content and the two dates (already in "Thời gian") are folded away for printing
    assert [c for c in "ABCDEFGHIJKLMN" if sheet.column_dimensions[c].hidden] == ["D", "H", "I"]
    dropped = next(r for r in rows if r[10] == "Không thực hiện")
    assert dropped[11] == "Chưa bố trí được kinh phí"


def test_issued_plan_has_number_and_date_and_no_draft_mark(ws):
    repo.set_plan_meta(ws.db, ws.plan.id, "2023", UnitPlanMeta("7", "KH-UBND", date(2023, 2, 10)))
    doc = unit_plan_document(ws)
    text = plain_text(doc)
    assert not doc.header.draft and "DỰ THẢO" not in text
    assert doc.header.number_line == "Số: 07/KH-UBND"
    assert "Phường 1, ngày 10 tháng 02 năm 2023" in text
    assert "(Kèm theo Kế hoạch số 07/KH-UBND ngày 10 tháng 02 năm 2023 của Ủy ban nhân dân Phường 1)" in text


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
def test_cli_writes_a_plan_libreoffice_opens(ws, tmp_path):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = ws.root
    ws.close()
    out = tmp_path / "ke-hoach.docx"
    r = run_cli("-w", str(root), "unit-plan", "--out", str(out), "--xlsx", str(tmp_path / "nv.xlsx"))
    assert r.returncode == 0, r.stderr
    assert "ke-hoach.docx" in r.stdout and "nv.xlsx" in r.stdout
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "ke-hoach.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert 4 <= len(pages) <= 12
    assert "KẾ HOẠCH" in pages[0] and "DỰ THẢO" in pages[0]
    assert "Phụ lục" in "\n".join(pages) and "None" not in "\n".join(pages)


def test_cli_help_names_the_options():
    r = run_cli("unit-plan", "--help")
    assert r.returncode == 0
    for opt in ("--out", "--xlsx", "--period"):
        assert opt in r.stdout


def test_closing_line_is_kept_with_the_signature(ws, tmp_path):
    (docx,) = write_unit_plan(ws, tmp_path / "kh.docx")
    d = open_docx(str(docx))
    closing = next(p for p in d.paragraphs if p.text.startswith("Trên đây là Kế hoạch"))
    assert closing.paragraph_format.keep_with_next
