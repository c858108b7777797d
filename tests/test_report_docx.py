"""The unit report DOCX read back: every Nghị định 30/2020 rule we promise is checked on the file."""

from __future__ import annotations

import re

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from support.report_fixtures import load_plan, make_submission

from dvcq_desktop.reports.build_unit import build_unit_report, draft_sentences
from dvcq_desktop.reports.docx_render import render_docx
from dvcq_desktop.reports.model import plain_text

ENGLISH = re.compile(r"\b(None|TODO|TBD|Lorem|placeholder|N/A|null|nan)\b")


@pytest.fixture(scope="module")
def plan():
    return load_plan()


@pytest.fixture(scope="module")
def rendered(plan, tmp_path_factory):
    sub = make_submission(plan, n_activities=120, seed=3)
    out = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    calls: list[tuple[int, int, str]] = []
    render_docx(build_unit_report(sub, plan), out, progress=lambda d, t, m: calls.append((d, t, m)))
    return open_docx(str(out)), sub, calls


def _all_paragraphs(d):
    yield from d.paragraphs
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _find(d, text: str):
    # a line break or a non-breaking space (the header keeps names whole with them) reads as a space
    for p in _all_paragraphs(d):
        if " ".join(p.text.split()) == text:
            return p
    raise AssertionError(f"paragraph {text!r} not found")


def _style(p) -> tuple[float, bool, bool]:
    runs = [r for r in p.runs if r.text.strip()]
    assert runs, p.text
    sizes = {r.font.size.pt for r in runs}
    bolds = {bool(r.font.bold) for r in runs}
    italics = {bool(r.font.italic) for r in runs}
    assert len(sizes) == len(bolds) == len(italics) == 1, p.text
    return sizes.pop(), bolds.pop(), italics.pop()


def test_page_a4_portrait_and_margins(rendered):
    d, _, _ = rendered
    for s in d.sections:
        assert abs(s.page_width - Mm(210)) < Mm(0.5) and abs(s.page_height - Mm(297)) < Mm(0.5)
        assert Mm(20) <= s.top_margin <= Mm(25) and Mm(20) <= s.bottom_margin <= Mm(25)
        assert Mm(30) <= s.left_margin <= Mm(35) and Mm(15) <= s.right_margin <= Mm(20)


def test_times_new_roman_black_on_every_run_and_style(rendered):
    d, _, _ = rendered
    body = d.element.body
    runs = body.iter(qn("w:r"))
    checked = 0
    for r in runs:
        if not "".join(t.text or "" for t in r.iter(qn("w:t"))).strip():
            continue
        rf = r.find(qn("w:rPr")).find(qn("w:rFonts"))
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert rf.get(qn(slot)) == "Times New Roman"
        assert r.find(qn("w:rPr")).find(qn("w:color")).get(qn("w:val")) == "000000"
        checked += 1
    assert checked > 100
    defaults = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rf = defaults.find(qn("w:rFonts"))
    assert all(rf.get(qn(s)) == "Times New Roman" for s in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"))
    assert rf.get(qn("w:asciiTheme")) is None
    assert d.styles["Normal"].font.name == "Times New Roman"


def test_header_elements(rendered):
    d, sub, _ = rendered
    header_table = d.tables[0]
    assert header_table._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:top")).get(qn("w:val")) == "nil"
    assert _style(_find(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) in {(12, True, False), (13, True, False)}
    assert _style(_find(d, "Độc lập - Tự do - Hạnh phúc"))[1:] == (True, False)
    assert 13 <= _style(_find(d, "Độc lập - Tự do - Hạnh phúc"))[0] <= 14
    assert _style(_find(d, "UBND THÀNH PHỐ TÂY NINH")) == (13, False, False)
    assert _style(_find(d, "ỦY BAN NHÂN DÂN PHƯỜNG 1")) == (13, True, False)
    assert _style(_find(d, "Số: 12/BC-UBND")) == (13, False, False)
    date_p = _find(d, "Phường 1, ngày 25 tháng 10 năm 2023")
    assert _style(date_p)[1:] == (False, True) and 13 <= _style(date_p)[0] <= 14
    # the rules: a short one under the issuer (left cell), one as long as the Tiêu ngữ (right cell)
    left, right = header_table.cell(0, 0), header_table.cell(0, 1)
    for cell in (left, right):
        assert any(p._p.find(qn("w:pPr")).find(qn("w:pBdr")) is not None for p in cell.paragraphs)


def test_title_kinh_gui_and_body_format(rendered, plan):
    d, _, _ = rendered
    title = _find(d, "BÁO CÁO")
    assert _style(title) == (14, True, False) and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    ty = _find(d, plan.trich_yeu)
    assert _style(ty) == (14, True, False) and ty.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _style(_find(d, "Kính gửi: Phòng Nội vụ thành phố Tây Ninh."))[0] == 14
    paras = d.paragraphs
    start = next(i for i, p in enumerate(paras) if p.text.startswith("II. KẾT QUẢ"))
    end = next(i for i, p in enumerate(paras) if p.text.startswith("III. "))
    body = [p for p in paras[start + 1 : end] if p.text.strip() and not re.match(r"^\d+\. ", p.text)]
    assert len(body) >= 6
    for p in body:
        pf = p.paragraph_format
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert abs(pf.first_line_indent - Mm(12.7)) < Mm(0.2) or abs(pf.first_line_indent - Mm(10)) < Mm(0.2)
        assert pf.space_after >= Pt(6)
        assert 1.0 <= pf.line_spacing <= 1.5
        assert _style(p) == (14, False, False)


def test_headings_and_six_areas(rendered, plan):
    d, _, _ = rendered
    texts = [p.text for p in d.paragraphs]
    for roman_heading in ("I. ", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG", "IV. ", "V. "):
        p = next(p for p in d.paragraphs if p.text.startswith(roman_heading))
        assert p.text == p.text.upper() and _style(p) == (14, True, False)
    for area in plan.areas:
        p = _find(d, f"{area.number}. {area.title.rstrip('.')}")
        assert _style(p) == (14, True, False)
    assert texts.index(f"1. {plan.areas[0].title}") < texts.index(f"6. {plan.areas[5].title}")
    points = [p for p in d.paragraphs if re.match(r"^[a-gđ]\) ", p.text)]
    assert points and all(_style(p) == (14, False, False) for p in points)


def test_figures_vietnamese_and_no_placeholders(rendered):
    d, _, _ = rendered
    text = "\n".join(p.text for p in _all_paragraphs(d))
    assert "tổ chức 14 buổi tuyên truyền, thu hút 1.230 lượt người tham dự" in text
    assert "tỷ lệ giải quyết trước và đúng hạn đạt 75,3%" in text
    assert "tiếp nhận 1.234 hồ sơ" in text
    assert not re.search(r"\d,\d{3}\b(?!%)", text.replace("33/CT-TTg", ""))  # no English thousands
    assert "đoàn đông người" not in text.split("Phụ lục")[0]  # the missing figure is omitted
    assert not ENGLISH.search(text)
    assert "Trên đây là báo cáo" in text and text.count("./.") == 1


def test_signature_and_noi_nhan(rendered):
    d, _, _ = rendered
    sig = d.tables[1]
    assert sig._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:insideV")).get(qn("w:val")) == "nil"
    left, right = sig.cell(0, 0), sig.cell(0, 1)
    assert _style(left.paragraphs[0]) == (12, True, True) and left.paragraphs[0].text == "Nơi nhận:"
    lines = [p.text for p in left.paragraphs[1:]]
    assert (
        lines[0] == "- Như trên;"
        and lines[-1] == "- Lưu: VT, VP."
        and all(x.endswith(";") for x in lines[:-1])
    )
    assert all(_style(p) == (11, False, False) for p in left.paragraphs[1:])
    rtexts = [p.text for p in right.paragraphs if p.text]
    assert rtexts == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]
    assert all(_style(p) == (14, True, False) for p in right.paragraphs if p.text)


def test_page_numbers_hidden_on_first_page(rendered):
    d, _, _ = rendered
    s = d.sections[0]
    assert s.different_first_page_header_footer
    assert s._sectPr.find(qn("w:titlePg")) is not None
    instr = "".join(t.text for t in s.header._element.iter(qn("w:instrText")))
    assert "PAGE" in instr
    p = s.header.paragraphs[0]
    assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {r.font.size.pt for r in p.runs} == {14}
    assert not "".join(x.text for x in s.first_page_header.paragraphs).strip()
    assert not list(s.first_page_header._element.iter(qn("w:instrText")))


def test_progress_reported(rendered):
    _, _, calls = rendered
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert all(m and not ENGLISH.search(m) for _, _, m in calls)


def test_empty_narratives_and_missing_numbers(plan, tmp_path):
    sub = make_submission(plan, n_activities=0, seed=1, missing=tuple(i.id for i in plan.indicators))
    from dataclasses import replace

    sub = replace(sub, narratives=())
    doc = build_unit_report(sub, plan)
    text = plain_text(doc)
    assert not ENGLISH.search(text)
    assert "Kết quả cụ thể" not in text
    out = render_docx(doc, tmp_path / "rong.docx")
    assert out.stat().st_size > 0
    for sid in ("I", "II.1", "III.uu_diem", "III.han_che", "III.nguyen_nhan", "IV", "V"):
        drafted = draft_sentences(sub, plan, sid)
        assert drafted and not ENGLISH.search(drafted)


def test_draft_sentences_deterministic(plan):
    sub = make_submission(plan, n_activities=50, seed=5)
    a = draft_sentences(sub, plan, "II.3")
    assert a == draft_sentences(sub, plan, "II.3")
    assert "75,3%" in a and "1.234" in a
    assert draft_sentences(sub, plan, "II.99") == ""


def test_figures_are_not_repeated_when_the_narrative_was_drafted_from_data() -> None:
    from dataclasses import replace

    from support.report_fixtures import load_plan, make_submission

    from dvcq_desktop.domain.records import NarrativeSection
    from dvcq_desktop.reports.build_unit import build_unit_report, draft_sentences
    from dvcq_desktop.reports.drafting import figures_sentence
    from dvcq_desktop.reports.model import plain_text

    plan = load_plan()
    sub = make_submission(plan, 40, seed=3)
    drafted = draft_sentences(sub, plan, "II.2")
    sub = replace(
        sub,
        narratives=tuple(n for n in sub.narratives if n.section_id != "II.2")
        + (NarrativeSection("II.2", drafted),),
    )
    figures = figures_sentence(plan, sub, "A2")
    assert figures and figures in drafted
    assert plain_text(build_unit_report(sub, plan)).count(figures) == 1
