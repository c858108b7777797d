"""Build the unit's KẾ HOẠCH (document model) from its tasks, in the Nghị định 30 layout.

Outline: opening citing the city's plan; I. MỤC ĐÍCH, YÊU CẦU; II. NỘI DUNG (khoản per area that
has tasks, each task a điểm with lead, partners, time and output written out); III. TỔ CHỨC THỰC
HIỆN (who leads which points, when results are reported); closing "…./."; signature; Nơi nhận;
Phụ lục: the table of tasks. A DỰ THẢO (no number, no date) until the plan has both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import Submission
from dvcq_desktop.domain.tasks import Task, UnitPlanMeta
from dvcq_desktop.reports.build_unit import _signature
from dvcq_desktop.reports.model import (
    Annex,
    Block,
    Document,
    Header,
    Heading,
    NoiNhan,
    Paragraph,
    Run,
    Section,
    Table,
    Title,
)
from dvcq_desktop.reports.wording import lower_first, plan_reference, self_first, self_later, upper_first
from dvcq_desktop.text import date_line, date_phrase, format_date, point_letter, roman, upper_vi

_BLANK_NUMBER = "      "


@dataclass(frozen=True)
class PlanTexts:
    """The plan's standing sentences (resources/tasks/<plan id>.json): purpose points, the lead
    sentence of III, the reporting sentence and where results go. `{…}` fields are filled here."""

    purpose: tuple[str, ...] = ()
    leads: str = ""
    report: str = ""
    report_to: str = ""
    closing: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def plan_symbol(report_symbol: str) -> str:
    """The KẾ HOẠCH's ký hiệu from the report's: "BC-UBND" → "KH-UBND", "BC-PTP" → "KH-PTP"."""
    s = report_symbol.strip()
    if s.startswith("BC-"):
        return "KH-" + s[3:]
    return s if s.startswith("KH-") else "KH-UBND"


def number_symbol(meta: UnitPlanMeta) -> str:
    number = meta.number.strip() if meta.issued else ""
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"{number or _BLANK_NUMBER}/{meta.symbol.strip() or 'KH-UBND'}"


def _date_text(meta: UnitPlanMeta, year: int) -> str:
    return date_phrase(meta.date) if meta.issued and meta.date else f"ngày      tháng      năm {year}"


def trich_yeu(plan: Plan, sub: Submission) -> str:
    """ "Triển khai thực hiện Kế hoạch số 125/KH-UBND ngày … của Ủy ban nhân dân thành phố Tây Ninh
    về công tác dân vận chính quyền năm 2023" — the city's plan named, its number only when known."""
    return (
        f"Triển khai thực hiện {plan_reference(plan, sub)} về công tác dân vận chính quyền "
        f"{lower_first(sub.period.label.strip())}"
    )


def _fill(text: str, values: dict[str, str]) -> str:
    for k, v in values.items():
        text = text.replace("{" + k + "}", v)
    return text


def _clause(label: str, value: str, *, time: bool = False, keep: bool = False) -> str:
    """ "phối hợp: các bộ phận chuyên môn" — names of bodies keep their capital (lower_first);
    a time is always lower-case mid-sentence ("quý II", "thường xuyên", "từ 01/02/2023 …")."""
    v = " ".join(value.split()).rstrip(".;")
    if not v:
        return ""
    if keep:  # the lead names a body as its own name: "Văn phòng", "Công chức Tư pháp - Hộ tịch"
        return f"{label}: {v}"
    return f"{label}: {v[:1].lower() + v[1:] if time else lower_first(v)}"


def task_point(t: Task) -> Paragraph:
    """ "Tên nhiệm vụ. Nội dung. Chủ trì: …; phối hợp: …; thời gian: …; sản phẩm: …" — plain text:
    NĐ 30 keeps bold for headings, and the điểm letter already marks where a task starts."""
    title = " ".join(t.title.split()).rstrip(".;")
    content = " ".join(t.content.split()).rstrip(".;")
    parts = [
        _clause("Chủ trì", t.lead, keep=True),
        _clause("phối hợp", t.partners),
        _clause("thời gian", t.time_text(), time=True),
        _clause("sản phẩm", t.output),
    ]
    tail = "; ".join(p for p in parts if p)
    runs = [Run(title + ".")]
    if content:
        runs.append(Run(f" {upper_first(content)}."))
    if tail:
        runs.append(Run(f" {upper_first(tail)}."))
    return Paragraph(tuple(runs))


def _content_section(plan: Plan, tasks: list[Task]) -> tuple[Section, dict[str, str]]:
    """II: one khoản per area with tasks (numbered in order), one điểm per task; also returns
    where each task sits ("điểm a khoản 1") for III."""
    where: dict[str, str] = {}
    khoan: list[Block] = []
    for area in sorted(plan.areas, key=lambda a: a.number):
        mine = [t for t in tasks if t.area_id == area.id]
        if not mine:
            continue
        n = len(khoan) + 1
        points: list[Block] = []
        for i, t in enumerate(mine):
            letter = point_letter(i)
            where[t.id] = f"{letter}|{n}"
            p = task_point(t)
            points.append(Paragraph(p.runs, label=f"{letter})"))
        khoan.append(Section(Heading(2, f"{n}.", area.title.strip().rstrip(".")), tuple(points)))
    return Section(Heading(1, "II.", "NỘI DUNG"), tuple(khoan)), where


def _who_does_what(tasks: list[Task], where: dict[str, str]) -> list[Paragraph]:
    """ "- Văn phòng: chủ trì thực hiện điểm a, b khoản 1; điểm a khoản 3 mục II." per lead."""
    by_lead: dict[str, list[str]] = {}
    for t in tasks:
        lead = " ".join(t.lead.split()).rstrip(".;")
        if lead and t.id in where:
            by_lead.setdefault(lead, []).append(where[t.id])
    out = []
    for lead, spots in by_lead.items():
        per_khoan: dict[str, list[str]] = {}
        for s in spots:
            letter, k = s.split("|")
            per_khoan.setdefault(k, []).append(letter)
        refs = "; ".join(f"điểm {', '.join(ls)} khoản {k}" for k, ls in per_khoan.items())
        out.append(Paragraph.of(f"- {lead}: chủ trì thực hiện {refs} mục II."))
    return out


def task_table(plan: Plan, tasks: list[Task], *, with_status: bool = False) -> Table:
    """The annex table: a row per area (I, II…) followed by its tasks numbered 1, 2… throughout."""
    rows: list[tuple[str, ...]] = []
    n = 0
    for area in sorted(plan.areas, key=lambda a: a.number):
        mine = [t for t in tasks if t.area_id == area.id]
        if not mine:
            continue
        blank = ("",) * (5 if with_status else 4)
        rows.append((roman(area.number), upper_vi(area.short_title or area.title), *blank))
        for t in mine:
            n += 1
            row: tuple[str, ...] = (str(n), t.title, t.lead, t.partners, t.time_text(), t.output)
            rows.append(row + ((t.status_label,) if with_status else ()))
    headers: tuple[str, ...] = ("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm")
    widths: tuple[float, ...] = (11, 52, 25, 27, 22, 28)
    if with_status:
        headers += ("Tình trạng",)
        widths += (22,)
    return Table(headers, tuple(rows), widths, centered_columns=(0, 4))


def build_unit_plan(sub: Submission, plan: Plan, meta: UnitPlanMeta, texts: PlanTexts) -> Document:
    doc = sub.document
    tasks = list(sub.tasks)
    year = sub.period.end.year
    place = doc.place.strip() or sub.unit.name
    issued = meta.issued and meta.date is not None
    header = Header(
        parent_body=upper_vi(doc.parent_body.strip()),
        issuer=upper_vi(doc.issuer.strip()),
        number_line=f"Số: {number_symbol(meta)}",
        date_line=date_line(place, meta.date)
        if issued and meta.date
        else f"{place}, {_date_text(meta, year)}",
        draft=not issued,
    )
    report_by = meta.report_by.strip() or format_date(sub.period.deadline)
    values = {
        "plan_reference": plan_reference(plan, sub),
        "unit": self_first(sub),
        "unit_later": self_later(sub),
        "unit_later_cap": upper_first(self_later(sub)),
        "report_to": texts.report_to,
        "report_by": report_by,
        "period": lower_first(sub.period.label),
        **texts.extra,
    }
    opening = Paragraph.of(
        f"Thực hiện {plan_reference(plan, sub)} về {lower_first(plan.title.strip().rstrip('.'))}; căn cứ "
        f"chức năng, nhiệm vụ được giao, {self_first(sub)} xây dựng Kế hoạch triển khai thực hiện "
        f"công tác dân vận chính quyền {lower_first(sub.period.label)} như sau:"
    )
    purpose = tuple(Paragraph.of(f"- {_fill(p, values)}") for p in texts.purpose)
    content, where = _content_section(plan, tasks)
    if not tasks:
        content = Section(content.heading, (Paragraph.of("Chưa xác định nhiệm vụ cụ thể."),))
    organisation: list[Block] = []
    leads = _who_does_what(tasks, where)
    if leads:
        organisation.append(
            Section(
                Heading(2, "1.", "Phân công thực hiện"), (Paragraph.of(_fill(texts.leads, values)), *leads)
            )
        )
    reporting = [Paragraph.of(_fill(texts.report, values))] if texts.report else []
    if texts.closing:
        reporting.append(Paragraph.of(_fill(texts.closing, values)))
    if reporting:
        organisation.append(
            Section(Heading(2, f"{len(organisation) + 1}.", "Chế độ báo cáo"), tuple(reporting))
        )
    body: tuple[Block, ...] = (
        Section(Heading(1, "I.", "MỤC ĐÍCH, YÊU CẦU"), purpose),
        content,
        Section(Heading(1, "III.", "TỔ CHỨC THỰC HIỆN"), tuple(organisation)),
    )
    closing = Paragraph.of(
        f"Trên đây là Kế hoạch triển khai thực hiện công tác dân vận chính quyền "
        f"{lower_first(sub.period.label)} của {self_first(sub)}, đề nghị các bộ phận, cá nhân "
        f"được phân công nghiêm túc triển khai thực hiện./."
    )
    lines = [f"- {r.strip().rstrip('.;')};" for r in doc.recipients if r.strip()]
    lines += [f"- {c.strip().rstrip('.;')};" for c in doc.cc if c.strip()]
    if leads:
        lines.append("- Các bộ phận, cá nhân được phân công;")
    lines.append(f"- Lưu: {doc.archive.strip().rstrip('.') or 'VT'}.")
    kem_theo = f"(Kèm theo Kế hoạch số {number_symbol(meta)} {_date_text(meta, year)} của {self_first(sub)})"
    annex = Annex(
        "Phụ lục",
        upper_vi(f"Danh mục nhiệm vụ thực hiện công tác dân vận chính quyền {lower_first(sub.period.label)}"),
        kem_theo,
        (task_table(plan, tasks),),
    )
    return Document(
        header=header,
        title=Title(trich_yeu(plan, sub), kind="KẾ HOẠCH"),
        kinh_gui=None,
        body=(opening, *body),
        closing=closing,
        signature=_signature(sub),
        noi_nhan=NoiNhan(tuple(lines)),
        annexes=(annex,) if tasks else (),
        meta={"unit": sub.unit.code, "period": sub.period.id, "plan": sub.plan.id, "kind": "unit_plan"},
    )
