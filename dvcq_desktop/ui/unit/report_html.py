"""The report's document model as HTML for the Báo cáo page's preview (QTextBrowser).

It draws the very `Document` the Word renderer writes, with the same roles: the two-column
header, the centred title and trích yếu, bold headings, justified body with a first-line indent,
the signature beside Nơi nhận, and the annex tables. Sizes follow the decree's point sizes,
scaled so an A4 text line fits a preview pane about half a 1366-pixel screen wide. Only the HTML
subset QTextDocument understands is used (tables, align, margins, text-indent, <hr width>).
"""

from __future__ import annotations

from html import escape

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

TEXT_WIDTH_MM = 165  # A4 minus the renderer's margins: the line the preview imitates
FONT = "'Times New Roman', 'Liberation Serif', 'Tinos', serif"
MIN_SCALE, MAX_SCALE = 0.5, 1.3


def fit_scale(available_px: float, dpi: float) -> float:
    """Scale at which an A4 text line (165 mm) fills `available_px`, so lines wrap as in Word."""
    needed = TEXT_WIDTH_MM / 25.4 * max(dpi, 1.0)
    return max(MIN_SCALE, min(MAX_SCALE, available_px / needed))


def _e(text: str) -> str:
    return escape(text, quote=False)


class _Writer:
    """The HTML of one document at one scale (sizes are the decree's points × scale)."""

    def __init__(self, scale: float) -> None:
        self.scale = max(MIN_SCALE, min(MAX_SCALE, scale))

    def _pt(self, size: float) -> str:
        return f"{size * self.scale:.1f}pt"

    def _indent(self) -> int:
        return round(10 / 25.4 * 96 * self.scale)  # 1 cm first-line indent

    def _line(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
        align: str = "center",
        before: int = 0,
        after: int = 0,
    ) -> str:
        if not text:
            return ""
        body = _e(text)
        if bold:
            body = f"<b>{body}</b>"
        if italic:
            body = f"<i>{body}</i>"
        return (
            f'<p align="{align}" style="margin-top:{before}px; margin-bottom:{after}px; '
            f'font-size:{self._pt(size)};">{body}</p>'
        )

    def _rule(self, width_pct: int) -> str:
        return f'<hr width="{width_pct}%" style="margin-top:1px; margin-bottom:2px;"/>'

    def _header(self, doc: Document) -> str:
        h = doc.header
        left = self._line(h.parent_body, 13) + self._line(h.issuer, 13, bold=True) + self._rule(30)
        right = (
            self._line(h.quoc_hieu, 12, bold=True) + self._line(h.tieu_ngu, 13, bold=True) + self._rule(62)
        )
        # the preview shows what the Word file will: a draft says so (the data is not finalised)
        mark = self._line(f"[ {DRAFT_MARK} ]", 13, bold=True, align="right") if h.draft else ""
        return (
            f"{mark}"
            '<table width="100%" cellspacing="0" cellpadding="0" border="0">'
            f'<tr><td width="44%" valign="top">{left}</td><td width="56%" valign="top">{right}</td></tr>'
            f'<tr><td valign="top">{self._line(h.number_line, 13, before=4)}</td>'
            f'<td valign="top">{self._line(h.date_line, 14, italic=True, before=4)}</td></tr>'
            "</table>"
        )

    def _title(self, doc: Document) -> str:
        out = self._line(doc.title.kind, 14, bold=True, before=16)
        out += self._line(doc.title.trich_yeu, 14, bold=True) + self._rule(25)
        if doc.kinh_gui:
            lines = doc.kinh_gui.lines()
            if len(lines) == 1:
                out += self._line(lines[0], 14, before=8, after=6)
            else:
                for i, text in enumerate(lines):
                    out += (
                        f'<p style="margin-top:{8 if i == 0 else 0}px; margin-bottom:0; '
                        f'margin-left:{round((140 if i else 90) * self.scale)}px; font-size:{self._pt(14)};">{_e(text)}</p>'
                    )
        return out

    def _runs(self, p: Paragraph) -> str:
        parts = []
        for r in p.runs:
            t = _e(r.text)
            if r.bold:
                t = f"<b>{t}</b>"
            if r.italic:
                t = f"<i>{t}</i>"
            parts.append(t)
        label = f"{_e(p.label)} " if p.label else ""
        return label + "".join(parts)

    def _body_p(self, inner: str) -> str:
        return (
            f'<p align="justify" style="margin-top:0; margin-bottom:6px; text-indent:{self._indent()}px; '
            f'font-size:{self._pt(14)};">{inner}</p>'
        )

    def _heading(self, h: Heading) -> str:
        return self._body_p(f"<b>{_e(h.display)}</b>")

    def _table(self, t: Table) -> str:
        out = self._body_p(f"<b>{_e(t.caption)}</b>") if t.caption else ""
        total = sum(t.widths_mm) or 1
        head = "".join(
            f'<th width="{w * 100 / total:.0f}%" bgcolor="#f2f2f2">{_e(x)}</th>'
            for x, w in zip(t.headers, t.widths_mm, strict=False)
        )
        rows = []
        for row in t.rows:
            cells = []
            for i, x in enumerate(row):
                align = "right" if i in t.numeric_columns else "center" if i in t.centered_columns else "left"
                cells.append(f'<td align="{align}">{_e(x)}</td>')
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return out + (
            f'<table width="100%" border="1" cellspacing="0" cellpadding="3" '
            f'style="border-collapse:collapse; font-size:{self._pt(12)};">'
            f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
        )

    def _blocks(self, blocks: tuple[Block, ...]) -> str:
        out = []
        for b in blocks:
            if isinstance(b, Section):
                out.append(self._heading(b.heading))
                out.append(self._blocks(b.blocks))
            elif isinstance(b, Table):
                out.append(self._table(b))
            else:
                out.append(self._body_p(self._runs(b)))
        return "".join(out)

    def _signature(self, doc: Document) -> str:
        s, nn = doc.signature, doc.noi_nhan
        left = f'<p style="margin:0; font-size:{self._pt(12)};"><b><i>{_e(nn.label)}</i></b></p>' + "".join(
            f'<p style="margin:0; font-size:{self._pt(11)};">{_e(x)}</p>' for x in nn.lines
        )
        right = "".join(self._line(x, 14, bold=True) for x in (*s.authority_lines, s.title))
        right += '<p style="margin:0;">&nbsp;</p>' * 4
        right += (
            self._line(s.name, 14, bold=True)
            if s.name
            else self._line("(Ký, ghi rõ họ tên)", 13, italic=True)
        )
        return (
            '<table width="100%" cellspacing="0" cellpadding="0" border="0" style="margin-top:12px;">'
            f'<tr><td width="48%" valign="top">{left}</td><td width="52%" valign="top">{right}</td></tr>'
            "</table>"
        )

    def _annex(self, a: Annex) -> str:
        out = '<hr style="margin-top:24px; margin-bottom:12px;"/>'
        out += self._line(a.label, 14, bold=True) + self._line(a.title, 14, bold=True)
        out += self._line(a.kem_theo, 14, italic=True, after=10)
        return out + "".join(self._table(t) for t in a.tables)


def document_html(doc: Document, scale: float = 1.0) -> str:
    """The whole report as one HTML page, in reading order; `scale` multiplies every font size."""
    w = _Writer(scale)
    return (
        f'<html><body style="font-family:{FONT}; color:#000000; font-size:{w._pt(14)};">'
        f"{w._header(doc)}{w._title(doc)}{w._blocks(doc.body)}{w._body_p(w._runs(doc.closing))}"
        f"{w._signature(doc)}{''.join(w._annex(a) for a in doc.annexes)}</body></html>"
    )
