"""Deterministic Vietnamese drafts drawn from a unit's data (no network, no AI).

Used twice: the report builder drafts every section the officer left empty, and the "Gợi ý từ
dữ liệu" button drafts one section for the officer to edit. Each area opens from what is most
notable in it (a document issued, a model recognised, the largest activity), then gives the
declared figures once, zero counts in words, the activities no indicator counts, and a sentence
for every content point of the plan the area would otherwise leave unanswered
(REPORT-LANGUAGE.md). Every sentence is traceable to the log, the indicators or the plan.
"""

from __future__ import annotations

from collections import Counter

from dvcq_desktop.domain.plan import Area, Plan, Prompt
from dvcq_desktop.domain.records import Activity, Submission
from dvcq_desktop.domain.unit_kinds import lower_admin_nouns, mid_sentence
from dvcq_desktop.reports.evaluation import draft_han_che, draft_uu_diem
from dvcq_desktop.reports.wording import (
    activity_point,
    actor,
    document_phrase,
    figure_parts,
    issued_documents,
    join_and,
    join_figures,
    kind_of,
    lower_first,
    people_phrase,
    plan_reference,
    self_first,
    unit_display_name,
    upper_first,
)
from dvcq_desktop.text import fold, format_date, format_int

__all__ = [
    "activity_point",
    "activity_summary",
    "area_activities",
    "draft_sentences",
    "figures_sentence",
    "notable_activities",
    "prompt_sentences",
    "unit_display_name",
]

NOTABLE_MAX = 8  # points per area; more would turn the report into an activity list
NOTABLE_FALLBACK = 3  # when nothing is flagged notable: the largest few by participants
DOCS_IN_I = 6  # documents named in section I; the rest are counted


def area_activities(sub: Submission, area_id: str) -> list[Activity]:
    return [a for a in sub.activities if a.area_id == area_id and a.status != "cancelled"]


def _counted_types(plan: Plan, sub: Submission, area_id: str) -> set[str]:
    """Activity types whose number the area's declared indicators already give."""
    out: set[str] = set()
    for ind in plan.indicators_of(area_id):
        if ind.suggest and sub.value(ind.id) is not None:
            out |= set(ind.suggest.activity_types)
    return out


def figures_sentence(plan: Plan, sub: Submission, area_id: str) -> str:
    """The declared figures of one area as one sentence ("" if none)."""
    parts, _zeros = figure_parts(plan, sub, area_id)
    if not parts:
        return ""
    text = join_figures(parts)
    area = plan.area(area_id)
    who = actor(sub)
    first = text[:1]
    # an opening verb reads as the unit's act; a number or a title needs "Kết quả cụ thể:"
    if first.islower() and area.number % 2 == 0:
        return f"Trong kỳ báo cáo, {who} đã {text}."
    return f"Kết quả cụ thể: {text}."


def _zero_sentence(plan: Plan, sub: Submission, area_id: str) -> str:
    _parts, zeros = figure_parts(plan, sub, area_id)
    return f"Trong kỳ, {join_and(zeros)}." if zeros else ""


def _group_sentence(plan: Plan, sub: Submission, area: Area, skip: set[str]) -> str:
    """Activities no declared indicator counts, grouped by type: "tổ chức 3 đợt ra quân … và
    2 hoạt động khác"; figures from the log are said to come from it."""
    acts = [a for a in area_activities(sub, area.id) if a.type_id not in skip]
    if not acts:
        return ""
    by_type = Counter(a.type_id for a in acts)
    items = []
    for t in plan.activity_types:
        n = by_type.get(t.id)
        if not n:
            continue
        phrase = (t.group or "{value} hoạt động " + lower_first(t.label)).replace("{value}", format_int(n))
        people = sum(a.participants or 0 for a in acts if a.type_id == t.id)
        if people and t.people:
            phrase += f" ({t.people.replace('{value}', format_int(people))})"
        items.append(phrase)
    lead = "Theo danh mục hoạt động, " if not _counted_types(plan, sub, area.id) else "Ngoài ra, "
    return f"{lead}{actor(sub)} đã thực hiện {join_and(items)}."


def _opening(plan: Plan, sub: Submission, area: Area) -> tuple[str, set[str]]:
    """The most notable thing in the area, and the ids of the activities it named."""
    acts = area_activities(sub, area.id)
    who = upper_first(actor(sub))
    # leadership documents are named once, in section I; other documents can open their area
    docs = [d for d in issued_documents(acts) if d.type_id != "van_ban_chi_dao"]
    if docs:
        named = docs[:2]
        more = f" cùng {format_int(len(docs) - 2)} văn bản khác" if len(docs) > 2 else ""
        text = f"{who} đã ban hành {join_and([document_phrase(d) for d in named])}{more}."
        return text, {d.id for d in named}
    models = [a for a in acts if a.type_id == "mo_hinh_dan_van_kheo" and a.notable]
    if models:
        m = models[0]
        return f"Nổi bật trong kỳ là {lower_first(activity_point(plan, m, show_result=False))}.", {m.id}
    # citizen reception is not an event with an audience: it never opens as "the largest activity"
    sized = [a for a in acts if a.participants and a.type_id != "tiep_cong_dan"]
    if sized and len(acts) > 1:
        big = max(sized, key=lambda a: (a.participants or 0, a.start_date))
        place = lower_admin_nouns(" " + big.location.strip())[1:]  # "tại khu phố Hiệp Bình"
        where = f" tại {place}" if place and " tại " not in f" {big.title} " else ""
        people = people_phrase(plan, big)
        what = lower_first(big.title.strip().rstrip(".;"))
        if sub.extras.get("consolidated") and ": " in big.title:  # "Phường 1: Hội nghị …"
            unit, _, rest = big.title.partition(": ")
            what = f"{lower_first(rest.strip().rstrip('.;'))} của {mid_sentence(unit)}"
        return (
            f"Hoạt động có quy mô lớn nhất là {what} (ngày {format_date(big.start_date)}{where}), {people}.",
            {big.id},
        )
    return "", set()


_EMPTY = (
    "Trong kỳ báo cáo, {who} chưa phát sinh hoạt động về {topic}.",
    "Về {topic}, chưa có hoạt động được ghi nhận trong kỳ báo cáo.",
    "Nội dung {topic} chưa có hoạt động, số liệu cụ thể trong kỳ.",
)


def activity_summary(sub: Submission, area: Area) -> str:
    """One sentence for an area with nothing in the log (its wording differs from area to area)."""
    topic = lower_first(area.short_title or area.title)
    return _EMPTY[(area.number - 1) % len(_EMPTY)].format(who=actor(sub), topic=topic)


def _prompt_answered(plan: Plan, sub: Submission, p: Prompt, officer_text: str) -> bool:
    if any(sub.value(i) is not None for i in p.indicators if plan.indicator(i).kind == "count"):
        return True
    if any(
        ind.kind == "ratio" and sub.value(ind.numerator or "") for ind in map(plan.indicator, p.indicators)
    ):
        return True
    if any(a.type_id in p.activity_types for a in area_activities(sub, p.area_id)):
        return True
    folded = fold(officer_text)
    return any(fold(k) in folded for k in p.keywords)


def prompt_sentences(plan: Plan, sub: Submission, area_id: str, officer_text: str = "") -> list[str]:
    """For each content point of the plan this area leaves unanswered, its "chưa phát sinh" line."""
    return [
        p.none
        for p in plan.prompts
        if p.area_id == area_id and not _prompt_answered(plan, sub, p, officer_text)
    ]


def draft_area(plan: Plan, sub: Submission, area: Area, officer_text: str = "") -> tuple[str, set[str]]:
    """The area's drafted paragraph and the activity ids it already named (not listed again)."""
    acts = area_activities(sub, area.id)
    figures = figures_sentence(plan, sub, area.id)
    opening, named = _opening(plan, sub, area)
    sentences = [opening, figures, _zero_sentence(plan, sub, area.id)]
    sentences.append(_group_sentence(plan, sub, area, _counted_types(plan, sub, area.id)))
    if not acts and not figures:
        sentences.insert(0, activity_summary(sub, area))
    sentences += prompt_sentences(plan, sub, area.id, officer_text)
    return " ".join(s for s in sentences if s), named


def notable_activities(sub: Submission, area_id: str, exclude: set[str] | None = None) -> list[Activity]:
    """The flagged activities (else the largest few), each title once, none already named."""
    exclude = exclude or set()
    acts = [a for a in area_activities(sub, area_id) if a.id not in exclude]
    flagged = [a for a in acts if a.notable]
    pool = flagged or [a for a in acts if a.participants]
    limit = NOTABLE_MAX if flagged else NOTABLE_FALLBACK
    seen: set[str] = set()
    chosen = []
    for a in sorted(pool, key=lambda a: (-(a.participants or 0), a.start_date, a.title)):
        key = fold(" ".join(a.title.split()))
        if key in seen:
            continue
        seen.add(key)
        chosen.append(a)
        if len(chosen) == limit:
            break
    return sorted(chosen, key=lambda a: (a.start_date, a.title))


def _draft_i(plan: Plan, sub: Submission) -> str:
    who = self_first(sub)
    if sub.extras.get("consolidated"):
        who = f"{who} đã chỉ đạo {actor(sub)} triển khai thực hiện;"
    title = lower_first(plan.title.rstrip("."))
    acts = [a for a in sub.activities if a.status != "cancelled"]
    docs = issued_documents(acts)
    text = f"Thực hiện {plan_reference(plan, sub)} về {title}"
    if docs:
        named = "; ".join(document_phrase(d) for d in docs[:DOCS_IN_I])
        more = f" và {format_int(len(docs) - DOCS_IN_I)} văn bản khác" if len(docs) > DOCS_IN_I else ""
        text += f", {who} đã ban hành các văn bản lãnh đạo, chỉ đạo, triển khai: {named}{more}."
    elif sub.extras.get("consolidated"):
        text += f", {who[:-1]}."
    else:
        text += f", {who} chưa ghi nhận văn bản chỉ đạo, triển khai riêng trong kỳ báo cáo."
    return text


def _draft_iv(plan: Plan, sub: Submission) -> str:
    used = {a.area_id for a in sub.activities if a.status != "cancelled"}
    areas = sorted(plan.areas, key=lambda a: a.number)
    weak = [lower_first(a.short_title or a.title) for a in areas if a.id not in used]
    topics = "; ".join(lower_first(a.short_title or a.title) for a in areas)
    text = f"Tiếp tục triển khai thực hiện có hiệu quả {plan_reference(plan, sub, short=True)}"
    if weak:  # already listed under the limitations: named there, referred to here
        return (
            text + "; chú trọng triển khai các nội dung chưa có hoạt động trong kỳ đã nêu tại phần hạn chế."
        )
    return text + f", tập trung vào: {topics}."


def _draft_v(plan: Plan, sub: Submission) -> str:
    return f"{upper_first(actor(sub))} không có kiến nghị, đề xuất."


_NGUYEN_NHAN = (
    "Khối lượng công việc lớn trong khi lực lượng cán bộ, công chức còn mỏng; "
    "một bộ phận cán bộ, công chức chưa nhận thức đầy đủ vị trí, vai trò của công tác "
    "dân vận chính quyền."
)


def draft_sentences(submission: Submission, plan: Plan, section_id: str) -> str:
    """Draft narrative text for one outline section ("I", "II.1"…"II.6", "III.uu_diem", …, "V")."""
    sub = submission
    if section_id == "I":
        return _draft_i(plan, sub)
    if section_id.startswith("II."):
        try:
            number = int(section_id[3:])
        except ValueError:
            return ""
        area = next((a for a in plan.areas if a.number == number), None)
        return draft_area(plan, sub, area)[0] if area else ""
    if section_id == "III.uu_diem":
        return draft_uu_diem(plan, sub)
    if section_id == "III.han_che":
        return draft_han_che(plan, sub)
    if section_id == "III.nguyen_nhan":
        if not any(a.status != "cancelled" for a in sub.activities) and not any(
            v.value for v in sub.indicators
        ):
            return "Chưa có hoạt động, số liệu trong kỳ báo cáo để đánh giá nguyên nhân."
        return _NGUYEN_NHAN
    if section_id == "IV":
        return _draft_iv(plan, sub)
    if section_id == "V":
        return _draft_v(plan, sub)
    return ""


# kept for callers that format a unit's kind-specific words directly
__all__ += ["kind_of"]
