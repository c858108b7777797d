"""Build the unit's official report (document model) from its Submission and the Plan.

Outline (DOMAIN.md): I. lãnh đạo, chỉ đạo; II. kết quả, II.1–II.6 = the plan's areas, each with
the officer's narrative, figure sentences, computed ratios and notable activities as điểm a), b)…;
III. đánh giá chung (ưu điểm / hạn chế / nguyên nhân); IV. phương hướng; V. kiến nghị; closing
"…./."; signature; Nơi nhận. An optional annex carries the indicator table (and the activity list).
"""

from __future__ import annotations

import re

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import Submission
from dvcq_desktop.reports.drafting import (
    activity_point,
    activity_summary,
    draft_sentences,
    figures_sentence,
    indicator_figure,
    lower_first,
    notable_activities,
    unit_display_name,
)
from dvcq_desktop.reports.model import (
    Annex,
    Block,
    Document,
    Header,
    Heading,
    KinhGui,
    NoiNhan,
    Paragraph,
    Section,
    Signature,
    Table,
    Title,
)
from dvcq_desktop.text import (
    date_line,
    date_phrase,
    format_date,
    format_int,
    format_percent,
    point_letter,
    ratio_percent,
    roman,
    upper_vi,
)

__all__ = ["build_unit_report", "draft_sentences", "number_symbol", "kem_theo_line"]

DEFAULT_TITLES = {
    "I": "Công tác lãnh đạo, chỉ đạo, triển khai",
    "II": "Kết quả thực hiện",
    "III": "Đánh giá chung",
    "III.uu_diem": "Ưu điểm",
    "III.han_che": "Hạn chế, khó khăn, vướng mắc",
    "III.nguyen_nhan": "Nguyên nhân",
    "IV": "Phương hướng, nhiệm vụ",
    "V": "Kiến nghị, đề xuất",
}
_BLANK_NUMBER = "      "  # văn thư writes the number by hand


def number_symbol(sub: Submission) -> str:
    """ "12/BC-UBND"; numbers < 10 get a leading zero (NĐ 30 ô 3); a blank number leaves room."""
    number = sub.document.number.strip()
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"{number or _BLANK_NUMBER}/{sub.document.symbol.strip()}"


def _date_text(sub: Submission) -> str:
    d = sub.document.date
    return date_phrase(d) if d else f"ngày      tháng      năm {sub.period.end.year}"


def kem_theo_line(sub: Submission) -> str:
    """ "(Kèm theo Báo cáo số 12/BC-UBND ngày 05 tháng 01 năm 2024 của Ủy ban nhân dân Phường 1)"."""
    return f"(Kèm theo Báo cáo số {number_symbol(sub)} {_date_text(sub)} của {unit_display_name(sub)})"


def _title(plan: Plan, sub: Submission, section_id: str) -> str:
    for s in plan.outline:
        if s.id == section_id and s.title.strip():
            return s.title.strip()
    return DEFAULT_TITLES[section_id]


def _paragraphs(text: str) -> list[Paragraph]:
    """The officer's text: one paragraph per non-empty line."""
    return [Paragraph.of(line.strip()) for line in re.split(r"\n+", text or "") if line.strip()]


def _narrative(sub: Submission, plan: Plan, section_id: str) -> list[Paragraph]:
    paras = _paragraphs(sub.narrative(section_id))
    return paras or _paragraphs(draft_sentences(sub, plan, section_id))


def _points(texts: list[str]) -> list[Paragraph]:
    n = len(texts)
    return [
        Paragraph.of(t + ("." if i == n - 1 else ";"), label=f"{point_letter(i)})")
        for i, t in enumerate(texts)
    ]


def _area_section(plan: Plan, sub: Submission, number: int) -> Section:
    area = next(a for a in plan.areas if a.number == number)
    sid = f"II.{number}"
    blocks: list[Block] = list(_paragraphs(sub.narrative(sid)) or [Paragraph.of(activity_summary(sub, area))])
    figures = figures_sentence(plan, sub, area.id)
    # A narrative drafted with "Gợi ý từ dữ liệu" already carries the figures sentence verbatim.
    if figures and figures not in " ".join(sub.narrative(sid).split()):
        blocks.append(Paragraph.of(figures))
    notable = notable_activities(sub, area.id)
    if notable:
        blocks.append(Paragraph.of("Một số hoạt động nổi bật:"))
        blocks += _points([activity_point(a) for a in notable])
    return Section(Heading(2, f"{number}.", area.title.strip().rstrip(".")), tuple(blocks))


def _signature(sub: Submission) -> Signature:
    s = sub.document.signer
    authority = s.authority.strip()
    body = upper_vi(s.authority_body.strip())
    lines: list[str] = []
    if authority:
        lines.append(f"{authority} {body}".strip())
        # A deputy of a collective UBND signs "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
        if authority == "KT." and upper_vi(sub.document.issuer).startswith("ỦY BAN NHÂN DÂN"):
            lines.insert(0, "TM. ỦY BAN NHÂN DÂN")
    return Signature(tuple(lines), upper_vi(s.title.strip()), s.name.strip())


def _noi_nhan(sub: Submission) -> NoiNhan:
    lines = []
    if any(r.strip() for r in sub.document.recipients):
        lines.append("- Như trên;")
    lines += [f"- {c.strip().rstrip('.;')};" for c in sub.document.cc if c.strip()]
    archive = sub.document.archive.strip().rstrip(".") or "VT"
    lines.append(f"- Lưu: {archive}.")
    return NoiNhan(tuple(lines))


def indicator_table(plan: Plan, sub: Submission) -> Table:
    rows: list[tuple[str, ...]] = []
    for area in sorted(plan.areas, key=lambda a: a.number):
        for ind in plan.indicators_of(area.id):
            if ind.kind == "ratio":
                pct = ratio_percent(sub.value(ind.numerator or ""), sub.value(ind.denominator or ""))
                shown = format_percent(pct) if pct is not None else ""
            else:
                v = sub.value(ind.id)
                shown = format_int(v) if v is not None else ""
            rows.append((str(len(rows) + 1), str(area.number), ind.label, ind.unit, shown))
    return Table(
        ("STT", "Nội dung", "Chỉ tiêu", "Đơn vị tính", "Kết quả"),
        tuple(rows),
        (12, 18, 90, 25, 20),
        numeric_columns=(4,),
        centered_columns=(0, 1),
        caption="1. Kết quả các chỉ tiêu",
    )


def activity_table(plan: Plan, sub: Submission) -> Table:
    numbers = {a.id: a.number for a in plan.areas}
    acts = sorted(sub.activities, key=lambda a: (numbers.get(a.area_id, 99), a.start_date, a.title))
    rows = tuple(
        (
            str(i),
            format_date(a.start_date),
            str(numbers.get(a.area_id, "")),
            a.title,
            a.location,
            format_int(a.participants) if a.participants is not None else "",
        )
        for i, a in enumerate(acts, 1)
    )
    return Table(
        ("STT", "Ngày", "Nội dung", "Hoạt động", "Địa điểm", "Số người"),
        rows,
        (12, 22, 16, 70, 25, 20),
        numeric_columns=(5,),
        centered_columns=(0, 1, 2),
        caption="2. Danh mục hoạt động",
    )


def build_unit_report(
    submission: Submission, plan: Plan, *, annex: bool = True, activity_list: bool = False
) -> Document:
    """The report as a document model; `annex` adds the indicator table, `activity_list` every activity."""
    sub = submission
    doc = sub.document
    place = doc.place.strip() or sub.unit.name
    header = Header(
        parent_body=upper_vi(doc.parent_body.strip()),
        issuer=upper_vi(doc.issuer.strip()),
        number_line=f"Số: {number_symbol(sub)}",
        date_line=date_line(place, doc.date) if doc.date else f"{place}, {_date_text(sub)}",
    )
    trich_yeu = plan.trich_yeu.strip() or f"Kết quả thực hiện công tác dân vận chính quyền {sub.period.label}"
    recipients = tuple(r for r in doc.recipients if r.strip())

    areas = [_area_section(plan, sub, a.number) for a in sorted(plan.areas, key=lambda a: a.number)]
    evaluation = tuple(
        Section(Heading(2, f"{i}.", _title(plan, sub, sid)), tuple(_narrative(sub, plan, sid)))
        for i, sid in enumerate(("III.uu_diem", "III.han_che", "III.nguyen_nhan"), 1)
    )

    def mục(n: int, sid: str, blocks: tuple[Block, ...]) -> Section:
        return Section(Heading(1, f"{roman(n)}.", upper_vi(_title(plan, sub, sid))), blocks)

    body: tuple[Block, ...] = (
        mục(1, "I", tuple(_narrative(sub, plan, "I"))),
        mục(2, "II", tuple(areas)),
        mục(3, "III", evaluation),
        mục(4, "IV", tuple(_narrative(sub, plan, "IV"))),
        mục(5, "V", tuple(_narrative(sub, plan, "V"))),
    )
    closing = Paragraph.of(
        f"Trên đây là báo cáo {lower_first(trich_yeu.rstrip('.'))} của {unit_display_name(sub)}./."
    )
    annexes: tuple[Annex, ...] = ()
    if annex or activity_list:
        tables = (indicator_table(plan, sub),) + ((activity_table(plan, sub),) if activity_list else ())
        annexes = (
            Annex(
                "Phụ lục",
                upper_vi(f"Số liệu kết quả thực hiện {sub.period.label}".strip()),
                kem_theo_line(sub),
                tables,
            ),
        )
    return Document(
        header=header,
        title=Title(trich_yeu),
        kinh_gui=KinhGui(recipients) if recipients else None,
        body=body,
        closing=closing,
        signature=_signature(sub),
        noi_nhan=_noi_nhan(sub),
        annexes=annexes,
        meta={"unit": sub.unit.code, "period": sub.period.id, "plan": sub.plan.id},
    )


# Re-exported for callers that format single figures (GUI hints).
__all__ += ["indicator_figure", "indicator_table", "activity_table"]
