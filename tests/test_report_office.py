"""A real office suite opens both files: LibreOffice converts them to PDF, pdftotext reads them back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.office_fonts import require_times_new_roman_metrics
from support.report_fixtures import load_plan, make_submission

from dvcq_desktop.reports.build_unit import build_unit_report
from dvcq_desktop.reports.docx_render import render_docx
from dvcq_desktop.reports.xlsx_annex import render_xlsx

pytestmark = pytest.mark.slow
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module", autouse=True)
def _times_new_roman_metrics() -> None:
    """Checked before LibreOffice runs, so a missing font is named instead of a wrapped header."""
    require_times_new_roman_metrics()


def _to_pdf(src: Path, tmp: Path) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
    profile = (tmp / "lo-profile").as_uri()  # private profile: parallel runs do not clash
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp / (src.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice produced no PDF for {src.name}"
    return pdf


def _pdf_text(pdf: Path) -> tuple[int, list[str]]:
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    return len(pages), pages


def test_docx_opens_in_libreoffice(tmp_path):
    plan = load_plan()
    sub = make_submission(plan, n_activities=60, seed=3)
    src = render_docx(build_unit_report(sub, plan), tmp_path / "bao-cao.docx")
    count, pages = _pdf_text(_to_pdf(src, tmp_path))
    assert 3 <= count <= 12
    first = pages[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "BÁO CÁO" in first
    # Số and the date line share a line; page 1 carries no page number at its top
    assert any(
        "Số: 12/BC-UBND" in line and "ngày 25 tháng 10 năm 2023" in line for line in first.splitlines()
    )
    assert first.strip().splitlines()[0].strip() != "1"
    assert pages[1].strip().splitlines()[0].strip() == "2"
    text = "\n".join(pages)
    assert "75,3%" in text and "1.230 lượt người" in text and "Nơi nhận:" in text and "Phụ lục" in text
    assert "None" not in text


def test_xlsx_opens_in_libreoffice(tmp_path):
    plan = load_plan()
    sub = make_submission(plan, n_activities=200, seed=3)
    src = render_xlsx(sub, plan, tmp_path / "phu-luc.xlsx")
    count, pages = _pdf_text(_to_pdf(src, tmp_path))
    assert count >= 3
    text = "\n".join(pages)
    assert "Phụ lục" in text and "DANH MỤC HOẠT ĐỘNG" in text
    assert "Tên hoạt động" in text and "Kèm theo Báo cáo số 12/BC-UBND" in text
    assert "dvcq-desktop" in text
    # numbers read the Vietnamese way whatever the machine's locale: 1.234 hồ sơ, 238/316 = 75%
    assert re.search(r"\b1\.234\b", text) and re.search(r"\b75%", text)
    assert not re.search(r"\b1,234\b", text) and "75.3%" not in text


HEADERS = {
    # unit (code, name, level) → the issuer as the catalogue gives it and the lines it must print as
    ("TPTN-HN", "Phường Hiệp Ninh", "phuong"): ("ỦY BAN NHÂN DÂN PHƯỜNG HIỆP NINH", "PHƯỜNG HIỆP NINH"),
    ("TPTN-P4", "Phường IV", "phuong"): ("ỦY BAN NHÂN DÂN PHƯỜNG IV", "PHƯỜNG IV"),
    ("TPTN-BM", "Xã Bình Minh", "xa"): ("ỦY BAN NHÂN DÂN XÃ BÌNH MINH", "XÃ BÌNH MINH"),
    ("TPTN-TTVHTT", "Trung tâm Văn hóa, Thể thao và Truyền thanh", "don_vi_su_nghiep"): (
        "TRUNG TÂM VĂN HÓA, THỂ THAO VÀ TRUYỀN THANH",
        "THỂ THAO VÀ TRUYỀN THANH",
    ),
}


@pytest.mark.parametrize("unit", list(HEADERS), ids=[u[0] for u in HEADERS])
def test_issuer_breaks_after_uy_ban_nhan_dan_and_keeps_names_whole(tmp_path, unit):
    from dataclasses import replace

    from dvcq_desktop.domain.records import UnitRef

    code, name, level = unit
    issuer, kept = HEADERS[unit]
    plan = load_plan()
    sub = make_submission(plan, n_activities=10, seed=2)
    sub = replace(
        sub,
        unit=UnitRef(code, name, level, "TPTN"),
        document=replace(sub.document, issuer=issuer),
        finalized_at=None,  # not exported yet: a draft
    )
    src = render_docx(build_unit_report(sub, plan), tmp_path / f"{code}.docx")
    _, pages = _pdf_text(_to_pdf(src, tmp_path))
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in pages[0].splitlines()]
    head = lines[:8]
    assert "DỰ THẢO" in " ".join(head)
    assert any(kept in line for line in head), head  # the name on one line, never split
    if issuer.startswith("ỦY BAN NHÂN DÂN "):
        ubnd = next(line for line in head if "ỦY BAN NHÂN DÂN" in line)
        assert kept.split()[0] not in ubnd.split("CỘNG HÒA")[0], ubnd  # the break comes after it
    # the number and date stay blank in a draft
    assert any("Số: /BC" in line for line in head) and "ngày tháng năm 2023" in " ".join(head)
