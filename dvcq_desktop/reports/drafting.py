"""Deterministic Vietnamese sentences drawn from a unit's data (no network, no AI).

Used twice: the report builder fills figure sentences and notable-activity points, and the
"Gợi ý từ dữ liệu" button drafts narrative text for one outline section. Rules everywhere:
a missing number is left out of the sentence (never "None"), numbers use the Vietnamese format
from `dvcq_desktop.text`, and an empty result is a neutral Vietnamese sentence.
"""

from __future__ import annotations

from dvcq_desktop.domain.plan import Area, Indicator, Plan
from dvcq_desktop.domain.records import Activity, Submission
from dvcq_desktop.text import format_date, format_int, format_percent, ratio_percent

NOTABLE_MAX = 8  # points per area; more would turn the report into an activity list
NOTABLE_FALLBACK = 3  # when nothing is flagged notable: the largest few by participants
LOW_RATIO = 90.0  # a ratio under this is mentioned among the hạn chế
# Fragments that continue the previous figure ("… 14 buổi tuyên truyền với 1.230 lượt người").
# Plan templates are written as fragments of one running sentence per area.
_CONTINUATIONS = ("{value}", "với ", "trong đó", "đạt ", "gồm ", "thu hút ", "có ", "liên quan ")


def lower_first(s: str) -> str:
    """Lower the first letter of a label for use mid-sentence, but keep acronyms ("PAR Index")."""
    if len(s) >= 2 and s[0].isupper() and s[1].islower():
        return s[0].lower() + s[1:]
    return s


def unit_display_name(sub: Submission) -> str:
    """ "Ủy ban nhân dân Phường 1" for a ward/commune, the unit's own name for an agency."""
    name = sub.unit.name.strip()
    if sub.unit.level in ("phuong", "xa") and not name.lower().startswith(("ubnd", "ủy ban")):
        return f"Ủy ban nhân dân {name}"
    if name.upper().startswith("UBND "):
        return "Ủy ban nhân dân " + name[5:]
    return name


def area_activities(sub: Submission, area_id: str) -> list[Activity]:
    return [a for a in sub.activities if a.area_id == area_id and a.status != "cancelled"]


def indicator_figure(ind: Indicator, sub: Submission) -> str | None:
    """One figure as a phrase, or None when the number is missing."""
    if ind.kind == "ratio":
        if not ind.numerator or not ind.denominator:
            return None
        pct = ratio_percent(sub.value(ind.numerator), sub.value(ind.denominator))
        if pct is None:
            return None
        shown = format_percent(pct)
        if ind.sentence:
            return ind.sentence.replace("{value}", shown)
        return f"{lower_first(ind.label)} đạt {shown}"
    value = sub.value(ind.id)
    if value is None:
        return None
    shown = format_int(value)
    if ind.sentence:
        return ind.sentence.replace("{value}", shown)
    unit = f" {ind.unit}" if ind.unit and ind.unit != "%" else ""
    return f"{lower_first(ind.label)}: {shown}{unit}"


def join_figures(parts: list[tuple[str, bool]]) -> str:
    """Join (phrase, continues-previous) pairs: "," inside one figure group, ";" between groups."""
    out = ""
    for phrase, continues in parts:
        if not out:
            out = phrase
        else:
            out += (", " if continues else "; ") + phrase
    return out


def figures_sentence(plan: Plan, sub: Submission, area_id: str) -> str:
    """ "Kết quả cụ thể: tổ chức 14 buổi …, thu hút 1.230 lượt …; tỷ lệ … đạt 75,3%." ("" if none)."""
    parts = []
    for ind in plan.indicators_of(area_id):
        phrase = indicator_figure(ind, sub)
        if phrase:
            parts.append((phrase, (ind.sentence or "").startswith(_CONTINUATIONS)))
    if not parts:
        return ""
    return f"Kết quả cụ thể: {join_figures(parts)}."


def notable_activities(sub: Submission, area_id: str) -> list[Activity]:
    acts = area_activities(sub, area_id)
    flagged = [a for a in acts if a.notable]
    if flagged:
        chosen = sorted(flagged, key=lambda a: (-(a.participants or 0), a.start_date, a.title))[:NOTABLE_MAX]
    else:
        sized = [a for a in acts if a.participants]
        chosen = sorted(sized, key=lambda a: (-(a.participants or 0), a.start_date, a.title))[
            :NOTABLE_FALLBACK
        ]
    return sorted(chosen, key=lambda a: (a.start_date, a.title))


def activity_point(a: Activity) -> str:
    """Text of one điểm: title, when, where, how many; the caller adds ";" or "."."""
    when = f"ngày {format_date(a.start_date)}"
    if a.end_date and a.end_date != a.start_date:
        when = f"từ ngày {format_date(a.start_date)} đến ngày {format_date(a.end_date)}"
    details = [when]
    if a.location.strip():
        details.append(f"tại {a.location.strip()}")
    text = f"{a.title.strip().rstrip('.;')} ({', '.join(details)})"
    if a.participants:
        text += f", thu hút {format_int(a.participants)} lượt người tham dự"
    result = a.result.strip().rstrip(".;")
    if result:
        text += f"; kết quả: {lower_first(result)}"
    return text


def activity_summary(sub: Submission, area: Area) -> str:
    acts = area_activities(sub, area.id)
    if not acts:
        return (
            "Trong kỳ báo cáo, đơn vị chưa ghi nhận hoạt động cụ thể thuộc nội dung này; "
            "các nhiệm vụ được lồng ghép trong hoạt động thường xuyên của đơn vị."
        )
    done = [a for a in acts if a.status == "done"]
    people = sum(a.participants or 0 for a in acts)
    text = f"Trong kỳ báo cáo, đơn vị đã triển khai {format_int(len(acts))} hoạt động thuộc nội dung này"
    if len(done) != len(acts):
        text += f" (đã hoàn thành {format_int(len(done))} hoạt động)"
    if people:
        text += f", thu hút {format_int(people)} lượt người tham gia"
    return text + "."


def _ratio_values(plan: Plan, sub: Submission) -> list[tuple[Indicator, float]]:
    out = []
    for ind in plan.indicators:
        if ind.kind == "ratio" and ind.numerator and ind.denominator:
            pct = ratio_percent(sub.value(ind.numerator), sub.value(ind.denominator))
            if pct is not None:
                out.append((ind, pct))
    return out


def _draft_i(plan: Plan, sub: Submission) -> str:
    who = unit_display_name(sub)
    plan_ref = f"Kế hoạch số {plan.number}" if plan.number else "Kế hoạch"
    if plan.issuer:
        plan_ref += f" của {plan.issuer}"
    text = (
        f"Thực hiện {plan_ref} về {lower_first(plan.title.rstrip('.'))}, {who} đã xây dựng kế hoạch, "
        "phân công nhiệm vụ cụ thể và quán triệt đến cán bộ, công chức, viên chức và Nhân dân trên địa bàn."
    )
    acts = [a for a in sub.activities if a.status != "cancelled"]
    if acts:
        covered = {a.area_id for a in acts} & {ar.id for ar in plan.areas}
        text += (
            f" Trong kỳ báo cáo, đơn vị đã tổ chức thực hiện {format_int(len(acts))} hoạt động, "
            f"thuộc {len(covered)}/{len(plan.areas)} nội dung của Kế hoạch."
        )
    return text


def _draft_uu_diem(plan: Plan, sub: Submission) -> str:
    acts = [a for a in sub.activities if a.status != "cancelled"]
    people = sum(a.participants or 0 for a in acts)
    text = (
        "Công tác dân vận chính quyền tiếp tục được quan tâm lãnh đạo, chỉ đạo; "
        "các nội dung của Kế hoạch được triển khai đồng bộ, phù hợp với tình hình thực tế của đơn vị."
    )
    if acts:
        text += f" Đơn vị đã thực hiện {format_int(len(acts))} hoạt động"
        text += f" với {format_int(people)} lượt người tham dự." if people else "."
    good = [
        f"{lower_first(i.label)} đạt {format_percent(p)}"
        for i, p in _ratio_values(plan, sub)
        if p >= LOW_RATIO
    ]
    if good:
        text += f" Một số chỉ tiêu đạt kết quả tốt: {'; '.join(good)}."
    return text


def _draft_han_che(plan: Plan, sub: Submission) -> str:
    items = [
        f"{lower_first(i.label)} chỉ đạt {format_percent(p)}"
        for i, p in _ratio_values(plan, sub)
        if p < LOW_RATIO
    ]
    empty = [a.short_title or a.title for a in plan.areas if not area_activities(sub, a.id)]
    sentences = []
    if items:
        sentences.append(f"Một số chỉ tiêu chưa đạt yêu cầu: {'; '.join(items)}.")
    if empty:
        sentences.append(f"Chưa ghi nhận hoạt động cụ thể đối với nội dung: {'; '.join(empty)}.")
    if not sentences:
        return (
            "Việc triển khai một số nội dung có lúc chưa đồng đều; công tác phối hợp giữa các bộ phận "
            "cần tiếp tục được tăng cường."
        )
    return " ".join(sentences)


_NEUTRAL = {
    "III.nguyen_nhan": (
        "Khối lượng công việc lớn trong khi lực lượng cán bộ, công chức còn mỏng; "
        "một bộ phận cán bộ, công chức chưa nhận thức đầy đủ vị trí, vai trò của công tác "
        "dân vận chính quyền."
    ),
    "V": "Đơn vị không có kiến nghị, đề xuất.",
}


def _draft_iv(plan: Plan) -> str:
    topics = "; ".join(
        lower_first(a.short_title or a.title) for a in sorted(plan.areas, key=lambda a: a.number)
    )
    text = "Tiếp tục triển khai thực hiện có hiệu quả Kế hoạch"
    if plan.number:
        text += f" số {plan.number}"
    return text + (f", tập trung vào các nội dung: {topics}." if topics else ".")


def draft_sentences(submission: Submission, plan: Plan, section_id: str) -> str:
    """Draft narrative text for one outline section ("I", "II.1"…"II.6", "III.uu_diem", …, "V")."""
    if section_id == "I":
        return _draft_i(plan, submission)
    if section_id.startswith("II."):
        try:
            number = int(section_id[3:])
        except ValueError:
            number = -1
        area = next((a for a in plan.areas if a.number == number), None)
        if area is None:
            return ""
        parts = [activity_summary(submission, area), figures_sentence(plan, submission, area.id)]
        return " ".join(p for p in parts if p)
    if section_id == "III.uu_diem":
        return _draft_uu_diem(plan, submission)
    if section_id == "III.han_che":
        return _draft_han_che(plan, submission)
    if section_id == "IV":
        return _draft_iv(plan)
    return _NEUTRAL.get(section_id, "")
