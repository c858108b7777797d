"""A unit's report data as plain values: what storage produces, reports render and packages carry.

`Submission` is the one snapshot every layer agrees on: the unit's workspace builds it
(`storage.snapshot.load_submission`), the report renderer draws from it, the package writer
serialises it, and the receiving office reads it back from a package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from dvcq_desktop.domain.tasks import Task

ACTIVITY_STATUSES: dict[str, str] = {
    "planned": "Kế hoạch",
    "in_progress": "Đang thực hiện",
    "done": "Đã thực hiện",
    "cancelled": "Hủy",
}


@dataclass(frozen=True)
class UnitRef:
    code: str
    name: str  # "Phường 1", "UBND xã Bình Minh"…
    level: str  # "phuong" | "xa" | "co_quan" | "don_vi_su_nghiep" | "thanh_pho" | "tinh"
    parent: str | None  # parent unit code


@dataclass(frozen=True)
class PlanRef:
    id: str
    version: str
    title: str
    content_hash: str


@dataclass(frozen=True)
class PeriodRef:
    id: str
    label: str
    start: date
    end: date
    deadline: date


@dataclass(frozen=True)
class AttachmentRef:
    sha256: str
    name: str  # original file name, for display
    size: int
    mime: str = "application/octet-stream"


@dataclass(frozen=True)
class Activity:
    id: str  # UUID, stable across revisions
    area_id: str
    type_id: str
    title: str
    start_date: date
    end_date: date | None = None
    content: str = ""
    location: str = ""
    lead_unit: str = ""
    partners: str = ""  # participating organisations
    participants: int | None = None
    groups: int | None = None
    result: str = ""
    doc_number: str = ""  # related document: số/ký hiệu
    doc_date: date | None = None
    doc_summary: str = ""  # trích yếu
    status: str = "done"  # key of ACTIVITY_STATUSES
    notable: bool = False  # highlighted in the report ("hoạt động nổi bật")
    attachments: tuple[AttachmentRef, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    task_id: str | None = None  # the unit's task (nhiệm vụ) this activity answers


@dataclass(frozen=True)
class IndicatorValue:
    indicator_id: str
    value: int | None
    comment: str = ""


@dataclass(frozen=True)
class NarrativeSection:
    section_id: str  # outline id: "I", "II.1".."II.6", "III.uu_diem"…, "IV", "V"
    text: str


@dataclass(frozen=True)
class Signer:
    name: str  # họ tên
    title: str  # chức vụ, e.g. "PHÓ CHỦ TỊCH"
    authority: str  # "TM." | "KT." | "" (ký thay/thay mặt)
    authority_body: str  # after TM.: "ỦY BAN NHÂN DÂN"; after KT.: "CHỦ TỊCH"


@dataclass(frozen=True)
class DocumentMeta:
    number: str  # số, e.g. "12" ("" = left blank for văn thư)
    symbol: str  # ký hiệu, e.g. "BC-UBND"
    date: date | None
    place: str  # địa danh for the date line, e.g. "Phường 1", "Tây Ninh"
    parent_body: str  # cơ quan chủ quản, e.g. "UBND THÀNH PHỐ TÂY NINH" ("" if none)
    issuer: str  # cơ quan ban hành, e.g. "ỦY BAN NHÂN DÂN PHƯỜNG 1"
    recipients: tuple[str, ...]  # Kính gửi
    cc: tuple[str, ...]  # Nơi nhận lines without the leading "- " and trailing ";"
    archive: str  # "VT, VP" → "- Lưu: VT, VP."
    signer: Signer


@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    severity: str  # "error" | "warning"
    message: str
    left: int
    right: int
    comment: str = ""  # the officer's explanation (warnings)


@dataclass(frozen=True)
class Submission:
    unit: UnitRef
    plan: PlanRef
    period: PeriodRef
    indicators: tuple[IndicatorValue, ...]
    activities: tuple[Activity, ...]
    narratives: tuple[NarrativeSection, ...]
    document: DocumentMeta
    rule_results: tuple[RuleResult, ...] = ()  # only the violated rules
    finalized_at: datetime | None = None
    extras: dict[str, str] = field(default_factory=dict, compare=False)
    # The unit's own plan for the period. A package carries each task as the office sees it (its
    # shown status, time in words), not the unit's working fields (content, partners, dates), so
    # equality leaves tasks out; compare `package.codec` dicts to compare them.
    tasks: tuple[Task, ...] = field(default=(), compare=False)

    def value(self, indicator_id: str) -> int | None:
        for v in self.indicators:
            if v.indicator_id == indicator_id:
                return v.value
        return None

    def narrative(self, section_id: str) -> str:
        for n in self.narratives:
            if n.section_id == section_id:
                return n.text
        return ""
