"""Write a report `Document` to .docx in the Nghị định 30/2020 layout (Phụ lục I, Mẫu 1.4).

Sizes follow the official illustration (Mục V): Quốc hiệu 12, Tiêu ngữ 13, agency names 13,
"Số:" 13, date line 14 italic, title and trích yếu 14 bold, body 14, Nơi nhận 12/11, signature 14.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Sequence
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from dvcq_desktop.progress import Progress
from dvcq_desktop.reports.caps_fit import NBSP, TIEU_NGU_MM_AT_13, est_caps_mm, issuer_lines
from dvcq_desktop.reports.docx_xml import (
    MM_TWIPS,
    border_paragraph,
    fast_table,
    fixed_widths,
    no_borders,
    set_black,
    set_fonts,
    twips,
)
from dvcq_desktop.reports.model import (
    DRAFT_MARK,
    Annex,
    Block,
    Document,
    Heading,
    Paragraph,
    Section,
    Table,
)
from dvcq_desktop.storage.fsutil import write_atomic
from dvcq_desktop.text.entry import xml_safe

log = logging.getLogger(__name__)

PAGE_W, PAGE_H = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm
HEADER_COLS = (72.0, 93.0)  # issuer | Quốc hiệu (88 mm at 12 pt bold)
SIGN_COLS = (75.0, 90.0)  # Nơi nhận | chữ ký
CELL_PAD = 0.5  # header cell margin, so names do not wrap early
FIRST_INDENT_MM = 12.7  # 1,27 cm
LINE_SPACING = 1.2  # within NĐ 30's 1–1,5
BODY_PT = 14


def _draft_mark(d) -> None:
    """ "DỰ THẢO" in a box at the top right of page 1: the data is not finalised yet."""
    p = _fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, after=4)
    p.paragraph_format.left_indent = Mm(TEXT_W - 38)
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="8" w:space="2" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right")
    )
    p._p.get_or_add_pPr().append(parse_xml(f"<w:pBdr {nsdecls('w')}>{sides}</w:pBdr>"))
    _run(p, DRAFT_MARK, 13, bold=True)


def _mm_up(mm: float) -> Twips:
    return Twips(math.ceil(mm * MM_TWIPS))


def _fix_styles(d) -> None:
    """Times New Roman, black, Vietnamese in the defaults and every style, so nothing falls back."""
    styles = d.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    set_fonts(rpr)
    set_black(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    for style in d.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE):
            style.font.name = "Times New Roman"
            srpr = style.element.get_or_add_rPr()
            set_fonts(srpr)
            set_black(srpr)
    normal = d.styles["Normal"]
    normal.font.size = Pt(BODY_PT)


def _run(p: DocxParagraph, text: str, size: float, bold: bool = False, italic: bool = False) -> None:
    # Last defence: a character XML cannot hold (old data, a package) must not fail the report.
    r = p.add_run(xml_safe(text))
    r.font.size = Pt(size)
    r.font.bold = bold or None
    r.font.italic = italic or None
    rpr = r._r.get_or_add_rPr()
    set_fonts(rpr)
    set_black(rpr)


def _fmt(
    p: DocxParagraph,
    align: WD_ALIGN_PARAGRAPH,
    *,
    indent: bool = False,
    after: float = 0,
    before: float = 0,
    line: float = 1.0,
    keep_next: bool = False,
) -> DocxParagraph:
    pf = p.paragraph_format
    pf.alignment = align
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = line
    if indent:
        pf.first_line_indent = Mm(FIRST_INDENT_MM)
    if keep_next:
        pf.keep_with_next = True
    return p


def _line(
    container,
    text: str,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    after: float = 0,
) -> DocxParagraph:
    p = container.add_paragraph()
    _fmt(p, align, after=after)
    _run(p, text, size, bold, italic)
    return p


def _rule(container, width_mm: float, box_mm: float) -> None:
    """A centred solid rule `width_mm` long under the previous line, inside a box `box_mm` wide."""
    p = container.add_paragraph()
    _fmt(p, WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.line_spacing = Pt(2)  # the empty line only carries the border
    p.paragraph_format.space_before = Pt(3)  # a visible gap: a rule, not an underline
    side = (box_mm - width_mm) / 2
    border_paragraph(p._p, "top", side, side)


def _fill(cell: _Cell, lines: Sequence[tuple[str, float, bool, bool]]) -> None:
    # A new cell holds one empty paragraph; reuse it so the cell does not start with a blank line.
    first = cell.paragraphs[0]
    for i, (text, size, bold, italic) in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        _fmt(p, WD_ALIGN_PARAGRAPH.CENTER)
        _run(p, text, size, bold, italic)


def _header(d, doc: Document) -> None:
    h = doc.header
    t = d.add_table(rows=2, cols=2)
    no_borders(t._tbl)
    fixed_widths(t._tbl, list(HEADER_COLS))
    pad = twips(CELL_PAD)
    t._tbl.tblPr.append(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="{pad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/>'
            "</w:tblCellMar>"
        )
    )
    left, right = t.cell(0, 0), t.cell(0, 1)
    box_l = HEADER_COLS[0] - 2 * CELL_PAD
    parent = [(x, 13, False, False) for x in issuer_lines(h.parent_body, box_l)] if h.parent_body else []
    issuer = issuer_lines(h.issuer, box_l)
    _fill(left, parent + [("\n".join(issuer), 13, True, False)])
    widest = max(est_caps_mm(part.replace(NBSP, " "), 13) for part in issuer)
    _rule(left, 0.4 * min(widest, box_l), box_l)
    _fill(right, [(h.quoc_hieu, 12, True, False), (h.tieu_ngu, 13, True, False)])
    _rule(right, TIEU_NGU_MM_AT_13, HEADER_COLS[1] - 2 * CELL_PAD)
    # Số and the date line share the second row, so they stay on one line whatever wraps above.
    _fill(t.cell(1, 0), [(h.number_line, 13, False, False)])
    _fill(t.cell(1, 1), [(h.date_line, 14, False, True)])
    for c in (t.cell(1, 0), t.cell(1, 1)):
        c.paragraphs[0].paragraph_format.space_before = Pt(4)


def _title(d, doc: Document) -> None:
    p = _line(d, doc.title.kind, 14, bold=True)
    p.paragraph_format.space_before = Pt(18)
    p.paragraph_format.keep_with_next = True
    p = _line(d, doc.title.trich_yeu, 14, bold=True)
    p.paragraph_format.keep_with_next = True
    est = len(doc.title.trich_yeu) * 0.48 * 14 * 25.4 / 72  # mean advance of bold lowercase text
    _rule(d, 0.35 * min(est, TEXT_W), TEXT_W)
    if doc.kinh_gui:
        lines = doc.kinh_gui.lines()
        if len(lines) == 1:
            _line(d, lines[0], 14, after=6).paragraph_format.space_before = Pt(12)
        else:
            for i, text in enumerate(lines):
                p = _line(d, text, 14, align=WD_ALIGN_PARAGRAPH.LEFT)
                p.paragraph_format.left_indent = Mm(40 if i else 25)
                if i == 0:
                    p.paragraph_format.space_before = Pt(12)
            d.paragraphs[-1].paragraph_format.space_after = Pt(6)


def _body_paragraph(d, para: Paragraph) -> None:
    p = _fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6, line=LINE_SPACING)
    if para.label:
        _run(p, para.label + " ", BODY_PT)
    for r in para.runs:
        _run(p, r.text, BODY_PT, r.bold, r.italic)


def _heading(d, h: Heading) -> None:
    p = _fmt(
        d.add_paragraph(), WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6, line=LINE_SPACING, keep_next=True
    )
    _run(p, h.display, BODY_PT, bold=True)
    # outline level makes headings show in Word's navigation pane without theme-coloured styles
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{h.level - 1}"/>'))


def _table(d, t: Table) -> None:
    if t.caption:
        p = _fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.LEFT, after=6, before=6, keep_next=True)
        _run(p, t.caption, BODY_PT, bold=True)
    scale = min(1.0, TEXT_W / sum(t.widths_mm))
    tbl = fast_table(
        t.headers, t.rows, tuple(w * scale for w in t.widths_mm), t.numeric_columns, t.centered_columns
    )
    d.element.body.find(qn("w:sectPr")).addprevious(tbl)
    d.add_paragraph()  # Word needs a paragraph between a table and what follows


def _blocks(d, blocks: tuple[Block, ...]) -> None:
    for b in blocks:
        if isinstance(b, Section):
            _heading(d, b.heading)
            _blocks(d, b.blocks)
        elif isinstance(b, Paragraph):
            _body_paragraph(d, b)
        else:
            _table(d, b)


def _signature(d, doc: Document) -> None:
    _fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.keep_with_next = True
    t = d.add_table(rows=1, cols=2)
    no_borders(t._tbl)
    fixed_widths(t._tbl, list(SIGN_COLS))
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    left, right = t.cell(0, 0), t.cell(0, 1)
    p = left.paragraphs[0]
    _fmt(p, WD_ALIGN_PARAGRAPH.LEFT)
    _run(p, doc.noi_nhan.label, 12, bold=True, italic=True)
    for text in doc.noi_nhan.lines:
        _line(left, text, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    s = doc.signature
    lines: list[tuple[str, float, bool, bool]] = [
        (x, 14, True, False) for x in (*s.authority_lines, s.title) if x
    ]
    _fill(right, lines or [("", 14, True, False)])
    for _ in range(4):  # room for the signature and seal
        _line(right, "", 14)
    _line(right, s.name, 14, bold=True)


def _page_numbers(section) -> None:
    """PAGE field centred in the header; titlePg leaves page 1 without a number (NĐ 30)."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    hdr = section.header
    hdr.is_linked_to_previous = False
    p = hdr.paragraphs[0]
    _fmt(p, WD_ALIGN_PARAGRAPH.CENTER)
    for kind in ("begin", None, "separate", "1", "end"):
        if kind is None:
            r = p.add_run()
            r._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>'))
        elif kind == "1":
            r = p.add_run("1")
        else:
            r = p.add_run()
            r._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
        r.font.size = Pt(14)
        rpr = r._r.get_or_add_rPr()
        set_fonts(rpr)
        set_black(rpr)


def _annex(d, annex: Annex) -> None:
    section = d.add_section(WD_SECTION.NEW_PAGE)
    # each Phụ lục has its own page numbering (NĐ 30, Phụ lục I, Mục I)
    section._sectPr.append(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))
    # add_section appends after the body's last paragraph; the paragraph that now closes the
    # previous section is the empty one left by add_section, so content starts on the new page.
    _line(d, annex.label, 14, bold=True)
    _line(d, annex.title, 14, bold=True)
    _line(d, annex.kem_theo, 14, italic=True, after=12)
    for t in annex.tables:
        _table(d, t)


def render_docx(doc: Document, out_path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
    out = Path(out_path)
    steps = 5 + len(doc.annexes)
    report = progress or (lambda done, total, msg: None)
    report(0, steps, "Đang tạo trang và kiểu chữ")
    d = new_docx()
    _fix_styles(d)
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(PAGE_W), Mm(PAGE_H)
    # Word stores twips; round up so 15 mm never reads back as 14,99 mm (below the decree's minimum)
    sec.top_margin, sec.bottom_margin = _mm_up(MARGIN_TOP), _mm_up(MARGIN_BOTTOM)
    sec.left_margin, sec.right_margin = _mm_up(MARGIN_LEFT), _mm_up(MARGIN_RIGHT)
    sec.header_distance, sec.footer_distance = Mm(10), Mm(10)
    _page_numbers(sec)
    report(1, steps, "Đang tạo phần đầu văn bản")
    if doc.header.draft:
        _draft_mark(d)
    _header(d, doc)
    _title(d, doc)
    report(2, steps, "Đang tạo nội dung báo cáo")
    _blocks(d, doc.body)
    _body_paragraph(d, doc.closing)
    d.paragraphs[-1].paragraph_format.keep_with_next = True  # "…./." stays with the signature
    report(3, steps, "Đang tạo chữ ký và nơi nhận")
    _signature(d, doc)
    for i, annex in enumerate(doc.annexes):
        report(4 + i, steps, f"Đang tạo {annex.label.lower()}")
        _annex(d, annex)
    report(steps - 1, steps, "Đang lưu tệp Word")
    write_atomic(out, lambda tmp: d.save(str(tmp)))
    report(steps, steps, "Đã tạo tệp Word")
    log.info("report docx written: %s", out)
    return out
