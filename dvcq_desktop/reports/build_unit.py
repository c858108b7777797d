"""Build the unit's official report (document model) from its Submission and the Plan.

Outline (DOMAIN.md): I. lãnh đạo, chỉ đạo; II. kết quả, II.1–II.6 = the plan's areas, each with
the officer's narrative, figure sentences, computed ratios and notable activities as điểm a), b)…;
III. đánh giá chung (ưu điểm / hạn chế / nguyên nhân); IV. phương hướng; V. kiến nghị; closing
"…./."; signature; Nơi nhận. An optional annex carries the indicator table (and the activity list).
"""

from __future__ import annotations

import re

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import Activity, Submission
from dvcq_desktop.reports.drafting import (
    DOCS_IN_I,
    draft_area,
    draft_sentences,
    figures_sentence,
    notable_activities,
    prompt_sentences,
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
from dvcq_desktop.reports.task_summary import task_sentences
from dvcq_desktop.reports.wording import (
    activity_point,
    applies,
    document_phrase,
    indicator_figure,
    issued_documents,
    kind_of,
    lower_first,
    percent,
    unit_display_name,
)
from dvcq_desktop.text import (
    date_line,
    date_phrase,
    fold,
    format_date,
    format_int,
    point_letter,
    ratio_percent,
    roman,
    upper_vi,
)

__all__ = [
    "build_unit_report",
    "draft_sentences",
    "is_draft",
    "number_symbol",
    "kem_theo_line",
    "trich_yeu_of",
]

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


def is_draft(sub: Submission) -> bool:
    """Until the period's data is finalised (an export; editing afterwards undoes it) the report
    is a DỰ THẢO: no number, no date (REPORT-LANGUAGE.md)."""
    return sub.finalized_at is None


def number_symbol(sub: Submission) -> str:
    """ "12/BC-UBND"; numbers < 10 get a leading zero (NĐ 30 ô 3); a blank number leaves room."""
    number = "" if is_draft(sub) else sub.document.number.strip()
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"{number or _BLANK_NUMBER}/{sub.document.symbol.strip()}"


def _date_text(sub: Submission) -> str:
    d = None if is_draft(sub) else sub.document.date
    return date_phrase(d) if d else f"ngày      tháng      năm {sub.period.end.year}"


def kem_theo_line(sub: Submission) -> str:
    """ "(Kèm theo Báo cáo số 12/BC-UBND ngày 05 tháng 01 năm 2024 của Ủy ban nhân dân Phường 1)"."""
    return f"(Kèm theo Báo cáo số {number_symbol(sub)} {_date_text(sub)} của {unit_display_name(sub)})"


def trich_yeu_of(plan: Plan, sub: Submission) -> str:
    """What the report is about, for its period: "Kết quả thực hiện công tác dân vận chính quyền
    năm 2023" — the plan's own wording when it names this period, else built from the period."""
    own = plan.trich_yeu.strip()
    label = sub.period.label.strip()
    if own and "…" not in own and (not label or lower_first(label) in own):
        return own
    return f"Kết quả thực hiện công tác dân vận chính quyền {lower_first(label)}".strip()


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


def _section_i(sub: Submission, plan: Plan) -> list[Paragraph]:
    """The officer's text (else the draft), then what became of the unit's own plan's tasks —
    unless the officer's text already says it."""
    paras = _narrative(sub, plan, "I")
    flat = " ".join(" ".join(p.text for p in paras).split())
    return paras + [Paragraph.of(t) for t in task_sentences(sub) if t not in flat]


def _points(texts: list[str]) -> list[Paragraph]:
    n = len(texts)
    return [
        Paragraph.of(t + ("." if i == n - 1 else ";"), label=f"{point_letter(i)})")
        for i, t in enumerate(texts)
    ]


def _area_section(plan: Plan, sub: Submission, number: int, named: set[str]) -> Section:
    """The officer's text (else the draft from data), the declared figures once, a line for every
    content point still unanswered, then the notable activities not yet named."""
    area = next(a for a in plan.areas if a.number == number)
    sid = f"II.{number}"
    own = sub.narrative(sid)
    drafted, opened = draft_area(plan, sub, area, own)
    blocks: list[Block] = list(_paragraphs(own) or _paragraphs(drafted))
    if own.strip():
        flat = " ".join(own.split())
        figures = figures_sentence(plan, sub, area.id)
        # A narrative drafted with "Gợi ý từ dữ liệu" already carries the figures sentence verbatim.
        extra = [figures] if figures and figures not in flat else []
        extra += [p for p in prompt_sentences(plan, sub, area.id, own) if p not in flat]
        blocks += [Paragraph.of(t) for t in extra]
        # an activity the officer's text already names is not listed again below it
        folded = fold(flat)
        opened = {
            a.id for a in sub.activities if a.area_id == area.id and fold(" ".join(a.title.split())) in folded
        }
    notable = notable_activities(sub, area.id, exclude=named | opened)
    if notable:
        blocks.append(Paragraph.of("Một số hoạt động nổi bật:"))
        blocks += _points(_notable_points(plan, notable))
    return Section(Heading(2, f"{number}.", area.title.strip().rstrip(".")), tuple(blocks))


def _standard_titles() -> set[str]:
    from dvcq_desktop.domain.unit_kinds import all_kinds

    return {t for k in all_kinds() for t in (k.signer.head_title, k.signer.deputy_title)}


def _notable_points(plan: Plan, acts: list[Activity]) -> list[str]:
    """One point per activity; a result already said by an earlier point is not said again."""
    seen: set[str] = set()
    out = []
    for a in acts:
        key = fold(" ".join(a.result.split()).rstrip(".;"))
        out.append(activity_point(plan, a, show_result=key not in seen))
        seen.add(key)
    return out


def _signature(sub: Submission) -> Signature:
    """The kind's own block (TM./KT. for a UBND; TRƯỞNG PHÒNG, GIÁM ĐỐC… for agencies) whenever the
    signer holds a standard title — a Trung tâm never signs "TRƯỞNG PHÒNG" because a default said
    so; a title of the officer's own wording is printed as entered."""
    s = sub.document.signer
    title = upper_vi(s.title.strip())
    if not title or title in _standard_titles():
        deputy = s.authority.strip() == "KT." or title.startswith("PHÓ ")
        kind = kind_of(sub)
        block, own_title = kind.deputy_signature() if deputy else kind.head_signature()
        return Signature(block, own_title, s.name.strip())
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
    kind = kind_of(sub)
    for area in sorted(plan.areas, key=lambda a: a.number):
        for ind in plan.indicators_of(area.id):
            if not applies(ind, kind):
                continue
            if ind.kind == "ratio":
                pct = ratio_percent(sub.value(ind.numerator or ""), sub.value(ind.denominator or ""))
                shown = percent(pct) if pct is not None else ""
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
    draft = is_draft(sub)
    header = Header(
        parent_body=upper_vi(doc.parent_body.strip()),
        issuer=upper_vi(doc.issuer.strip()),
        number_line=f"Số: {number_symbol(sub)}",
        date_line=date_line(place, doc.date) if doc.date and not draft else f"{place}, {_date_text(sub)}",
        draft=draft,
    )
    trich_yeu = trich_yeu_of(plan, sub)
    recipients = tuple(r for r in doc.recipients if r.strip())

    # leadership documents named in a drafted section I are not listed again among the notable ones
    section_i = " ".join(sub.narrative("I").split())
    live = [a for a in sub.activities if a.status != "cancelled"]
    named = {
        a.id for a in issued_documents(live)[:DOCS_IN_I] if not section_i or document_phrase(a) in section_i
    }
    areas = [_area_section(plan, sub, a.number, named) for a in sorted(plan.areas, key=lambda a: a.number)]
    evaluation = tuple(
        Section(Heading(2, f"{i}.", _title(plan, sub, sid)), tuple(_narrative(sub, plan, sid)))
        for i, sid in enumerate(("III.uu_diem", "III.han_che", "III.nguyen_nhan"), 1)
    )

    def mục(n: int, sid: str, blocks: tuple[Block, ...]) -> Section:
        return Section(Heading(1, f"{roman(n)}.", upper_vi(_title(plan, sub, sid))), blocks)

    body: tuple[Block, ...] = (
        mục(1, "I", tuple(_section_i(sub, plan))),
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
                upper_vi(f"Số liệu kết quả thực hiện {lower_first(sub.period.label)}".strip()),
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
