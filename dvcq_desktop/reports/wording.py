"""Words the drafter builds sentences from: how the unit names itself, the plan it implements,
the documents it issued, one activity as a report point, and one indicator as a phrase.

Everything here is traceable to data: the unit kind table (`resources/unit-kinds.json`), the
plan (sentences, zero phrases), the activity log and the indicator values. A missing number is
left out (never "None"); a zero is said in words ("không có …"), never "0 cán bộ".
"""

from __future__ import annotations

from dvcq_desktop.domain.plan import Indicator, Plan
from dvcq_desktop.domain.records import Activity, Submission
from dvcq_desktop.domain.unit_kinds import UnitKind, kind_for, lower_admin_nouns, mid_sentence
from dvcq_desktop.text import format_date, format_int, format_percent, ratio_percent

# Fragments that continue the previous figure ("… 14 buổi tuyên truyền, thu hút 1.230 lượt người").
CONTINUATIONS = ("{value}", "với ", "trong đó", "đạt ", "gồm ", "thu hút ", "có ", "liên quan ", "đã ")
DOC_KINDS = ("Kế hoạch", "Công văn", "Quyết định", "Chỉ thị", "Thông báo", "Hướng dẫn", "Chương trình")
# Extras a workspace adds to its Submission (they travel in the package with it).
PLAN_NUMBER, PLAN_DATE, CONSOLIDATED = "plan_number", "plan_date", "consolidated"


def percent(pct: float) -> str:
    """A report percentage: "75,3%", "75%" — never a trailing ",0" (REPORT-LANGUAGE.md)."""
    text = format_percent(pct)
    return text[:-3] + "%" if text.endswith(",0%") else text


# Titles and bodies that keep their capital mid-sentence ("Chủ tịch UBND", "Ủy ban MTTQ").
_KEEP_CAPITAL = ("Chủ tịch", "Phó Chủ tịch", "Ủy ban", "Mặt trận", "Bộ phận", "Nhân dân", "Ban ")


def lower_first(s: str) -> str:
    """Lower the first letter of a label for use mid-sentence, but keep acronyms ("PAR Index"),
    offices ("Chủ tịch UBND") and names ("Hội Cựu chiến binh": the next word is capitalised)."""
    words = s.split(" ", 2)
    if s.startswith(_KEEP_CAPITAL) or (len(words) > 1 and words[1][:1].isupper()):
        return s
    if len(s) >= 2 and s[0].isupper() and s[1].islower():
        return s[0].lower() + s[1:]
    return s


def upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def kind_of(sub: Submission) -> UnitKind:
    return kind_for(sub.unit.level, sub.unit.name, sub.extras.get("unit_kind", ""))


def self_first(sub: Submission) -> str:
    """ "Ủy ban nhân dân phường Hiệp Ninh", "Ủy ban nhân dân Phường 1", "Phòng Tư pháp"."""
    name = sub.unit.name.strip()
    for prefix in ("UBND ", "Ủy ban nhân dân "):
        if name.startswith(prefix):  # a catalogue that already wrote the full body name
            name = name[len(prefix) :]
    return kind_of(sub).name_first(name)


def self_later(sub: Submission) -> str:
    """ "UBND phường", "Phòng", "Trung tâm" — how the unit refers to itself after the first time."""
    return kind_of(sub).name_later(sub.unit.name)


def actor(sub: Submission) -> str:
    """Who did the work: the unit itself, or, in the office's consolidated report, its units."""
    kind = kind_of(sub)
    if sub.extras.get(CONSOLIDATED) and kind.members:
        return kind.members
    return self_later(sub)


def unit_display_name(sub: Submission) -> str:
    return self_first(sub)


def plan_number(plan: Plan, sub: Submission) -> str:
    """The plan's số/ký hiệu: the officer's entry, else the plan's own when it is known."""
    own = sub.extras.get(PLAN_NUMBER, "").strip()
    if own:
        return own
    return "" if "…" in plan.number or "..." in plan.number else plan.number.strip()


def plan_reference_known(plan: Plan, sub: Submission) -> bool:
    return bool(plan_number(plan, sub))


def plan_reference(plan: Plan, sub: Submission, *, short: bool = False) -> str:
    """ "Kế hoạch số 125/KH-UBND ngày 12/5/2023 của Ủy ban nhân dân thành phố Tây Ninh", or
    without a known number "Kế hoạch của …" — never a row of dots in a finished sentence."""
    number = plan_number(plan, sub)
    text = f"Kế hoạch số {number}" if number else "Kế hoạch"
    when = sub.extras.get(PLAN_DATE, "").strip()
    if number and when:
        text += f" ngày {when}"
    if plan.issuer and not short:
        text += f" của {mid_sentence(plan.issuer)}"
    return text


def document_phrase(a: Activity) -> str:
    """ "Kế hoạch số 15/KH-UBND ngày 21/02/2023 thực hiện công tác dân vận chính quyền năm 2023"."""
    title = " ".join(a.title.split()).rstrip(".;")
    for lead in ("Ban hành ", "ban hành "):
        if title.startswith(lead):
            title = title[len(lead) :]
    number = a.doc_number.strip()
    when = f" ngày {format_date(a.doc_date or a.start_date)}"
    for doc_kind in DOC_KINDS:
        if title.startswith(doc_kind + " "):
            rest = title[len(doc_kind) + 1 :]
            if rest.startswith("số "):  # already numbered in the title
                return lower_admin_nouns(title)
            return lower_admin_nouns(f"{doc_kind} số {number}{when} {rest}" if number else title)
    if number:
        return lower_admin_nouns(f"văn bản số {number}{when} về {lower_first(title)}")
    return lower_admin_nouns(lower_first(title))


def issued_documents(acts: list[Activity]) -> list[Activity]:
    """Documents the unit issued (activities carrying a document number), each number and each
    title once (a document entered twice is named once)."""
    seen: set[str] = set()
    out = []
    for a in sorted(acts, key=lambda x: (x.doc_date or x.start_date, x.title)):
        keys = {a.doc_number.strip().casefold(), " ".join(a.title.split()).casefold()}
        if a.doc_number.strip() and a.status != "cancelled" and not keys & seen:
            seen |= keys
            out.append(a)
    return out


def people_phrase(plan: Plan, a: Activity) -> str:
    """How this activity's participants read: "tiếp 13 lượt công dân", "thu hút 90 lượt người"."""
    if not a.participants:
        return ""
    try:
        template = plan.activity_type(a.type_id).people
    except StopIteration:
        template = None
    if not template:
        template = "có {value} lượt người tham gia"
    return template.replace("{value}", format_int(a.participants))


def activity_point(plan: Plan, a: Activity, *, show_result: bool = True) -> str:
    """Text of one điểm: what, when, where, how many, result; the caller adds ";" or "."."""
    when = f"ngày {format_date(a.start_date)}"
    if a.end_date and a.end_date != a.start_date:
        when = f"từ ngày {format_date(a.start_date)} đến ngày {format_date(a.end_date)}"
    details = [when]
    if a.location.strip() and " tại " not in f" {a.title} ":  # the title may already say where
        # the leading space lets the capitalisation rule see the first noun as mid-sentence too
        details.append(f"tại {lower_admin_nouns(' ' + a.location.strip())[1:]}")
    head = document_phrase(a) if a.doc_number.strip() else lower_admin_nouns(a.title.strip().rstrip(".;"))
    text = f"{upper_first(head)} ({', '.join(details)})"
    people = people_phrase(plan, a)
    if people:
        text += f", {people}"
    result = a.result.strip().rstrip(".;") if show_result else ""
    if result:
        text += f"; kết quả: {lower_first(result)}"
    return text


def ratio_value(sub: Submission, ind: Indicator) -> float | None:
    if ind.kind != "ratio" or not ind.numerator or not ind.denominator:
        return None
    return ratio_percent(sub.value(ind.numerator), sub.value(ind.denominator))


def applies(ind: Indicator, kind: UnitKind) -> bool:
    return kind.ubnd or not ind.ubnd_only


def indicator_figure(ind: Indicator, sub: Submission) -> str | None:
    """One figure as a phrase, or None when the number is missing (zeros: see `figure_parts`)."""
    if ind.kind == "ratio":
        pct = ratio_value(sub, ind)
        if pct is None:
            return None
        shown = percent(pct)
        return (
            ind.sentence.replace("{value}", shown)
            if ind.sentence
            else f"{lower_first(ind.label)} đạt {shown}"
        )
    value = sub.value(ind.id)
    if value is None:
        return None
    shown = format_int(value)
    if ind.sentence:
        return ind.sentence.replace("{value}", shown)
    unit = f" {ind.unit}" if ind.unit and ind.unit != "%" else ""
    return f"{lower_first(ind.label)}: {shown}{unit}"


def zero_phrase(ind: Indicator) -> str:
    if ind.zero:
        return ind.zero
    label = ind.label.removeprefix("Trong đó: ")
    return f"không có {lower_first(label)}"


def figure_parts(plan: Plan, sub: Submission, area_id: str) -> tuple[list[tuple[str, bool]], list[str]]:
    """(figures as (phrase, continues-previous), zero phrases) for one area.

    A zero head figure becomes "không có …" and takes its continuations with it ("không có
    đoàn đông người", not "0 đoàn … với 0 lượt"); a ratio whose parts are zero is left out.
    """
    kind = kind_of(sub)
    parts: list[tuple[str, bool]] = []
    zeros: list[str] = []
    head_zero = False
    for ind in plan.indicators_of(area_id):
        if not applies(ind, kind):
            continue
        continues = (ind.sentence or "").startswith(CONTINUATIONS)
        if continues and head_zero:
            continue
        if ind.kind == "count" and sub.value(ind.id) == 0:
            if not continues:
                head_zero = True
                zeros.append(zero_phrase(ind))
            elif ind.zero:
                parts.append((ind.zero, True))
            continue
        if not continues:
            head_zero = False
        if ind.kind == "ratio" and not sub.value(ind.numerator or ""):
            continue
        phrase = indicator_figure(ind, sub)
        if phrase:
            parts.append((phrase, continues and bool(parts)))
    return parts, zeros


def join_figures(parts: list[tuple[str, bool]]) -> str:
    """Join (phrase, continues-previous) pairs: "," inside one figure group, ";" between groups."""
    out = ""
    for phrase, continues in parts:
        if not out:
            out = phrase
        else:
            out += (", " if continues else "; ") + phrase
    return out


def join_and(items: list[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]
