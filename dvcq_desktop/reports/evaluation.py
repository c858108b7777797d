"""Ưu điểm and Hạn chế drawn from the figures and the plan's rules, so they cannot contradict them.

A ratio at or above its target (the plan's `target`, else `DEFAULT_TARGET`) is a strength, one
under it a limitation; an area with no activity is a limitation and rules out "đồng bộ"; a rule
that needed an explanation is named among the limitations. Nothing is said that the data does
not show.
"""

from __future__ import annotations

from dataclasses import dataclass

from dvcq_desktop.domain.plan import Indicator, Plan
from dvcq_desktop.domain.records import Submission
from dvcq_desktop.reports.wording import (
    actor,
    applies,
    kind_of,
    lower_first,
    percent,
    ratio_value,
    upper_first,
)
from dvcq_desktop.text import format_int

DEFAULT_TARGET = 90.0  # a ratio without a target in the plan: under this is a limitation


@dataclass(frozen=True)
class Assessment:
    good: tuple[tuple[Indicator, float, float], ...]  # (ratio, value, target) met
    weak: tuple[tuple[Indicator, float, float], ...]  # (ratio, value, target) not met
    covered: tuple[str, ...]  # area ids with at least one activity
    empty: tuple[str, ...]  # area ids with none
    activities: int
    people: int
    explained: tuple[str, ...]  # messages of warnings the unit had to explain


def target_of(ind: Indicator) -> float:
    return ind.target if ind.target is not None else DEFAULT_TARGET


def assess(plan: Plan, sub: Submission) -> Assessment:
    kind = kind_of(sub)
    good: list[tuple[Indicator, float, float]] = []
    weak: list[tuple[Indicator, float, float]] = []
    for ind in plan.indicators:
        if ind.kind != "ratio" or not applies(ind, kind):
            continue
        pct = ratio_value(sub, ind)
        if pct is None:
            continue
        (good if pct >= target_of(ind) else weak).append((ind, pct, target_of(ind)))
    acts = [a for a in sub.activities if a.status != "cancelled"]
    used = {a.area_id for a in acts}
    areas = sorted(plan.areas, key=lambda a: a.number)
    return Assessment(
        tuple(good),
        tuple(weak),
        tuple(a.id for a in areas if a.id in used),
        tuple(a.id for a in areas if a.id not in used),
        len(acts),
        sum(a.participants or 0 for a in acts),
        tuple(r.message for r in sub.rule_results if r.severity == "warning"),
    )


def _ratio_text(ind: Indicator, pct: float, target: float, verb: str) -> str:
    label = lower_first(ind.label)
    return f"{label} {verb} {percent(pct)} (mục tiêu {percent(target)})"


def draft_uu_diem(plan: Plan, sub: Submission) -> str:
    a = assess(plan, sub)
    who = actor(sub)
    if not a.activities and not a.good:
        return "Trong kỳ báo cáo chưa có hoạt động, số liệu được ghi nhận để đánh giá ưu điểm."
    sentences = []
    if a.activities:
        people = f", với {format_int(a.people)} lượt người tham gia" if a.people else ""
        if not a.empty:
            sentences.append(
                f"Các nội dung của Kế hoạch được triển khai đồng bộ; {who} đã thực hiện "
                f"{format_int(a.activities)} hoạt động{people}."
            )
        else:
            sentences.append(
                f"{upper_first(who)} đã triển khai {len(a.covered)}/{len(plan.areas)} nội dung của "
                f"Kế hoạch với {format_int(a.activities)} hoạt động{people}."
            )
    if a.good:
        items = "; ".join(_ratio_text(i, p, t, "đạt") for i, p, t in a.good)
        sentences.append(f"Các chỉ tiêu đạt mục tiêu đề ra: {items}.")
    return " ".join(sentences)


def draft_han_che(plan: Plan, sub: Submission) -> str:
    a = assess(plan, sub)
    titles = {ar.id: lower_first(ar.short_title or ar.title) for ar in plan.areas}
    sentences = []
    if a.weak:
        items = "; ".join(_ratio_text(i, p, t, "chỉ đạt") for i, p, t in a.weak)
        sentences.append(f"Một số chỉ tiêu chưa đạt mục tiêu: {items}.")
    if a.empty:
        sentences.append(
            f"Chưa có hoạt động cụ thể đối với nội dung: {'; '.join(titles[x] for x in a.empty)}."
        )
    if a.explained:
        sentences.append(
            f"Có {format_int(len(a.explained))} số liệu phải giải trình khi đối chiếu theo quy định của Kế hoạch."
        )
    if not sentences:
        return "Các chỉ tiêu có số liệu đều đạt mục tiêu của Kế hoạch; số liệu chưa cho thấy hạn chế cụ thể."
    return " ".join(sentences)
