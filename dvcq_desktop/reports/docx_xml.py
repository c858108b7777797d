"""Low-level WordprocessingML helpers for the report renderer (fonts, borders, fast tables).

python-docx builds every cell through several proxy objects, which takes seconds for a few
thousand rows; `fast_table` writes the same table as one XML string and parses it once.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

from dvcq_desktop.text.entry import xml_safe

FONT = "Times New Roman"
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
MM_TWIPS = 1440 / 25.4


def twips(mm: float) -> int:
    return round(mm * MM_TWIPS)


def _child(parent: BaseOxmlElement, tag: str, first: bool = False) -> BaseOxmlElement:
    el = parent.find(qn(tag))
    if el is None:
        el = parse_xml(f"<{tag} {nsdecls('w')}/>")
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el


def set_fonts(rpr: BaseOxmlElement) -> None:
    """All four font slots to Times New Roman and theme references removed: a theme font
    attribute wins over an explicit one, and an empty eastAsia/cs slot lets Word substitute."""
    rfonts = _child(rpr, "w:rFonts", first=True)
    for attr in _THEME_ATTRS:
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    for slot in _FONT_SLOTS:
        rfonts.set(qn(slot), FONT)


def set_black(rpr: BaseOxmlElement) -> None:
    color = _child(rpr, "w:color")
    color.set(qn("w:val"), "000000")
    for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
        if color.get(qn(attr)) is not None:
            del color.attrib[qn(attr)]


def rpr_xml(size_pt: float, bold: bool = False, italic: bool = False) -> str:
    fonts = " ".join(f'{s}="{FONT}"' for s in _FONT_SLOTS)
    half = round(size_pt * 2)
    return (
        f"<w:rPr><w:rFonts {fonts}/>{'<w:b/><w:bCs/>' if bold else ''}{'<w:i/><w:iCs/>' if italic else ''}"
        f'<w:color w:val="000000"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
    )


def border_paragraph(p: BaseOxmlElement, side: str, left_mm: float, right_mm: float) -> None:
    """A solid rule drawn as a paragraph border between the given indents (Word and LibreOffice)."""
    ppr = p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="6" w:space="1" '
            f'w:color="000000"/></w:pBdr>'
        )
    )
    ind = _child(ppr, "w:ind")
    ind.set(qn("w:left"), str(twips(max(left_mm, 0))))
    ind.set(qn("w:right"), str(twips(max(right_mm, 0))))


def no_borders(tbl: BaseOxmlElement) -> None:
    tblpr = tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    sides = "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tblpr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{sides}</w:tblBorders>"))


def fixed_widths(tbl: BaseOxmlElement, widths_mm: list[float]) -> None:
    tblpr = tbl.tblPr
    tblpr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    tblw = _child(tblpr, "w:tblW")
    tblw.set(qn("w:w"), str(sum(twips(w) for w in widths_mm)))
    tblw.set(qn("w:type"), "dxa")
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(twips(w)))
    for tr in tbl.findall(qn("w:tr")):
        for tc, w in zip(tr.findall(qn("w:tc")), widths_mm, strict=False):
            tcw = _child(tc.get_or_add_tcPr(), "w:tcW")
            tcw.set(qn("w:w"), str(twips(w)))
            tcw.set(qn("w:type"), "dxa")


def _cell(text: str, width: int, jc: str, rpr: str) -> str:
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(xml_safe(text))}</w:t></w:r>' if text else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>'
        f'<w:jc w:val="{jc}"/>{rpr}</w:pPr>{run}</w:p></w:tc>'
    )


def fast_table(
    headers: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    widths_mm: tuple[float, ...],
    numeric: tuple[int, ...] = (),
    centered: tuple[int, ...] = (),
    size_pt: float = 12,
) -> BaseOxmlElement:
    """A bordered table with a repeating bold header row, built as one XML string."""
    widths = [twips(w) for w in widths_mm]
    head_rpr, body_rpr = rpr_xml(size_pt, bold=True), rpr_xml(size_pt)
    borders = "".join(
        f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="70" w:type="dxa"/><w:right w:w="70" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        *(_cell(h, w, "center", head_rpr) for h, w in zip(headers, widths, strict=True)),
        "</w:tr>",
    ]
    jcs = ["center" if i in centered else "right" if i in numeric else "left" for i in range(len(widths))]
    for row in rows:
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts.extend(_cell(t, w, j, body_rpr) for t, w, j in zip(row, widths, jcs, strict=True))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))
