"""Renderer-agnostic document model of an official report (Nghị định 30/2020, Mẫu 1.4).

Pure frozen data: `build_unit.build_unit_report` produces it, `docx_render.render_docx` writes it
to Word and a GUI preview can draw the very same object (see `plain_text` for a text view).
Layout rules (sizes, bold, rules under lines) live in the renderer; the model only says *what*
each element is, so every renderer applies the same decree rules to the same roles.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Header:
    parent_body: str  # cơ quan chủ quản, IN HOA ("" = none)
    issuer: str  # cơ quan ban hành, IN HOA
    number_line: str  # "Số: 12/BC-UBND" (or "Số:      /BC-UBND" when the number is left blank)
    date_line: str  # "Phường 1, ngày 05 tháng 01 năm 2024" (may be a blank-day template)
    quoc_hieu: str = QUOC_HIEU
    tieu_ngu: str = TIEU_NGU
    draft: bool = False  # data not finalised: "DỰ THẢO" above the header, no number or date


DRAFT_MARK = "DỰ THẢO"


@dataclass(frozen=True)
class Title:
    trich_yeu: str
    kind: str = "BÁO CÁO"


@dataclass(frozen=True)
class KinhGui:
    recipients: tuple[str, ...]

    def lines(self) -> list[str]:
        """NĐ 30 ô 9a: one recipient on the same line ending in "."; several: "- …;" lines, last "."."""
        recs = [r.strip().rstrip(".;") for r in self.recipients if r.strip()]
        if not recs:
            return []
        if len(recs) == 1:
            return [f"Kính gửi: {recs[0]}."]
        out = ["Kính gửi:"]
        out += [f"- {r};" for r in recs[:-1]]
        out.append(f"- {recs[-1]}.")
        return out


@dataclass(frozen=True)
class Heading:
    """level 1 = mục "I. TIÊU ĐỀ" (IN HOA, bold); level 2 = khoản "1. Tiêu đề" (bold)."""

    level: int
    label: str  # "I.", "1."
    text: str

    @property
    def display(self) -> str:
        return f"{self.label} {self.text}".strip()


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; `label` is a điểm letter such as "a)" (then the paragraph is a point)."""

    runs: tuple[Run, ...]
    label: str = ""

    @classmethod
    def of(cls, text: str, label: str = "", bold: bool = False, italic: bool = False) -> Paragraph:
        return cls((Run(text, bold, italic),), label)

    @property
    def text(self) -> str:
        body = "".join(r.text for r in self.runs)
        return f"{self.label} {body}" if self.label else body


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...]
    numeric_columns: tuple[int, ...] = ()  # right-aligned columns
    centered_columns: tuple[int, ...] = ()  # centred columns (STT, dates)
    caption: str = ""


@dataclass(frozen=True)
class Section:
    heading: Heading
    blocks: tuple[Block, ...] = ()


Block = Paragraph | Table | Section


@dataclass(frozen=True)
class Signature:
    authority_lines: tuple[str, ...]  # ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")
    title: str  # "PHÓ CHỦ TỊCH"
    name: str  # "Nguyễn Văn A"


@dataclass(frozen=True)
class NoiNhan:
    lines: tuple[str, ...]  # already formatted: "- Như trên;", …, "- Lưu: VT, VP."
    label: str = "Nơi nhận:"


@dataclass(frozen=True)
class Annex:
    """A "Phụ lục" printed after the report on its own pages (own numbering)."""

    label: str  # "Phụ lục"
    title: str  # IN HOA title
    kem_theo: str  # "(Kèm theo Báo cáo số 12/BC-UBND ngày … của …)"
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Document:
    header: Header
    title: Title
    kinh_gui: KinhGui | None
    body: tuple[Block, ...]
    closing: Paragraph
    signature: Signature
    noi_nhan: NoiNhan
    annexes: tuple[Annex, ...] = ()
    meta: dict[str, str] = field(default_factory=dict, compare=False)


def iter_paragraphs(blocks: tuple[Block, ...]) -> Iterator[Heading | Paragraph | Table]:
    """Depth-first walk: each section's heading, then its content, in reading order."""
    for b in blocks:
        if isinstance(b, Section):
            yield b.heading
            yield from iter_paragraphs(b.blocks)
        else:
            yield b


def plain_text(doc: Document) -> str:
    """The whole document as plain text, in reading order (for previews, search and tests)."""
    h = doc.header
    lines: list[str] = [
        x
        for x in (
            DRAFT_MARK if h.draft else "",
            h.parent_body,
            h.issuer,
            h.number_line,
            h.quoc_hieu,
            h.tieu_ngu,
            h.date_line,
            doc.title.kind,
            doc.title.trich_yeu,
        )
        if x
    ]
    if doc.kinh_gui:
        lines += doc.kinh_gui.lines()
    for item in iter_paragraphs(doc.body):
        if isinstance(item, Heading):
            lines.append(item.display)
        elif isinstance(item, Paragraph):
            lines.append(item.text)
        else:
            lines.append(" | ".join(item.headers))
            lines += [" | ".join(r) for r in item.rows]
    lines.append(doc.closing.text)
    lines += [*doc.signature.authority_lines, doc.signature.title, doc.signature.name]
    lines += [doc.noi_nhan.label, *doc.noi_nhan.lines]
    for a in doc.annexes:
        lines += [a.label, a.title, a.kem_theo]
        for t in a.tables:
            if t.caption:
                lines.append(t.caption)
            lines.append(" | ".join(t.headers))
            lines += [" | ".join(r) for r in t.rows]
    return "\n".join(x for x in lines if x)
