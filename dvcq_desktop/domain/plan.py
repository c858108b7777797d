"""The plan template as typed objects. Content comes from `resources/plans/*.json` (see loader)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Area:
    id: str  # "A1".."A6"
    number: int  # 1..6, the order in the plan and in report section II
    title: str  # full title as in the plan
    short_title: str  # for tables, charts, sidebars
    description: str


@dataclass(frozen=True)
class Suggestion:
    """How the activity log can support a count: sum a measure over activities of given types."""

    activity_types: tuple[str, ...]
    measure: str  # "count" | "participants" | "groups"


@dataclass(frozen=True)
class Indicator:
    id: str
    area_id: str
    label: str
    unit: str  # "văn bản", "buổi", "lượt người", "%"…
    kind: str  # "count" (typed whole number ≥ 0) | "ratio" (computed, never typed)
    numerator: str | None = None  # ratio only: indicator id
    denominator: str | None = None  # ratio only: indicator id
    sentence: str | None = None  # report phrase with {value}, e.g. "tổ chức {value} buổi tuyên truyền"
    suggest: Suggestion | None = None
    aggregate: str = "sum"  # "sum" for counts; "ratio" = recomputed from summed parts
    zero: str | None = None  # report phrase when the value is 0: "không có cán bộ, công chức vi phạm"
    ubnd_only: bool = False  # a duty of the Chủ tịch UBND: not reported by agencies
    target: float | None = None  # ratio only: the plan's target in percent (under it = a limitation)


@dataclass(frozen=True)
class Rule:
    """sum(left) <= sum(right); severity "error" blocks finalising, "warning" asks for a comment."""

    id: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    severity: str
    message: str


@dataclass(frozen=True)
class ActivityType:
    id: str
    label: str
    area_ids: tuple[str, ...]
    people: str | None = None  # how its participants read: "tiếp {value} lượt công dân"
    group: str | None = None  # how several read together: "{value} buổi tuyên truyền"


@dataclass(frozen=True)
class Prompt:
    """A content point the plan names inside an area (PAR Index, học tập và làm theo Bác…):
    the report always says something about it — a figure, an activity, the officer's text
    (found by `keywords`) or, failing all, the `none` sentence."""

    id: str
    area_id: str
    topic: str
    hint: str  # shown to the officer: what to write about
    keywords: tuple[str, ...]
    indicators: tuple[str, ...] = ()
    activity_types: tuple[str, ...] = ()
    none: str = ""


@dataclass(frozen=True)
class Period:
    id: str
    label: str
    kind: str  # "year" | "half" | "quarter"
    start: date  # data window start (inclusive)
    end: date  # data window end (inclusive)
    deadline: date  # end of day, Asia/Ho_Chi_Minh


@dataclass(frozen=True)
class OutlineSection:
    id: str  # "I", "II.1".."II.6", "III.uu_diem", "III.han_che", "III.nguyen_nhan", "IV", "V"
    title: str
    area_id: str | None = None


@dataclass(frozen=True)
class Plan:
    id: str
    version: str
    number: str  # số/ký hiệu of the plan, e.g. "…/KH-UBND"
    issued: str  # date text as issued ("05/2023" when the day is blank)
    issuer: str
    title: str
    trich_yeu: str  # report trích yếu, e.g. "Kết quả thực hiện Kế hoạch số …/KH-UBND … năm 2023"
    legal_basis: tuple[str, ...]
    areas: tuple[Area, ...]
    indicators: tuple[Indicator, ...]
    rules: tuple[Rule, ...]
    activity_types: tuple[ActivityType, ...]
    periods: tuple[Period, ...]
    outline: tuple[OutlineSection, ...]
    prompts: tuple[Prompt, ...] = ()
    content_hash: str = ""  # SHA-256 of the canonical JSON template (filled by the loader)
    source: str = ""  # file it was loaded from
    derived_from: str | None = None  # the plan version this one was derived from (previous year)
    retired_ids: tuple[str, ...] = ()  # indicators no longer collected; their ids are never reused
    _index: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def area(self, area_id: str) -> Area:
        return next(a for a in self.areas if a.id == area_id)

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    def indicators_of(self, area_id: str) -> list[Indicator]:
        return [i for i in self.indicators if i.area_id == area_id]

    def activity_type(self, type_id: str) -> ActivityType:
        return next(t for t in self.activity_types if t.id == type_id)

    def period(self, period_id: str) -> Period:
        return next(p for p in self.periods if p.id == period_id)
