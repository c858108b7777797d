"""The checklist shown before a package is exported ("Nộp báo cáo").

Only rule errors block (the export use case refuses them too). Everything else is advice the
officer may overrule: uncommented warnings, empty narrative sections, areas without activities,
missing document number/date/signer — and personal data in free text. The package travels on USB
sticks and by email, so a citizen ID or phone number typed into an activity would leave the ward
with it (PACKAGE-FORMAT.md, Confidentiality); the scan warns, it never blocks, because a hotline
number in a propaganda activity is legitimate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import Submission
from dvcq_desktop.domain.rules import blocking, uncommented_warnings
from dvcq_desktop.reports.wording import plan_reference_known
from dvcq_desktop.text import format_date, format_int

if TYPE_CHECKING:
    from dvcq_desktop.storage.workspace import Workspace

ERROR, WARNING, INFO = "error", "warning", "info"

ACTIVITY_FIELDS: dict[str, str] = {
    "title": "Tên hoạt động",
    "content": "Nội dung",
    "location": "Địa điểm",
    "lead_unit": "Đơn vị chủ trì",
    "partners": "Đơn vị phối hợp",
    "result": "Kết quả",
    "doc_number": "Số/ký hiệu văn bản",
    "doc_summary": "Trích yếu văn bản",
}
DOCUMENT_FIELDS: dict[str, str] = {
    "number": "Số",
    "symbol": "Ký hiệu",
    "place": "Địa danh",
    "parent_body": "Cơ quan chủ quản",
    "issuer": "Cơ quan ban hành",
    "recipients": "Kính gửi",
    "cc": "Nơi nhận",
    "archive": "Lưu",
}
SIGNER_FIELDS: dict[str, str] = {
    "name": "Họ tên người ký",
    "title": "Chức vụ người ký",
    "authority_body": "Thẩm quyền ký",
}

PII_LABELS = {
    "cccd": "có thể là số CCCD",
    "cmnd": "có thể là số CMND",
    "phone": "có thể là số điện thoại",
    "email": "có thể là địa chỉ email",
}

# A run of digits with at most one space, dot or hyphen between digits ("0912 345 678"), optionally
# led by +84 / (+84). Letters or digits right next to it mean it is part of a code, not a number.
_NUMBER_RUN = re.compile(r"(?<![\w+/])(?:\(\+84\)\s?|\+84[\s.\-]?)?\d(?:[\s.\-]?\d){7,13}(?![\w/])")
_CANDIDATE = re.compile(r"\d[\d\s.\-]{7,}")  # every number kind has 9+ digits in a row
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


@dataclass(frozen=True)
class CheckItem:
    kind: str  # "error" | "warning" | "info"
    text: str  # Vietnamese, one sentence the officer can act on
    target_key: str = ""  # page key for the "Sửa" link ("" = nothing to open)
    target: object = None  # what the page should focus (indicator id, area id, activity id…)
    code: str = ""  # stable category, for tests and grouping


def classify_number(run: str) -> str | None:
    """ "cccd" / "cmnd" / "phone" for a digit run found in free text, or None if it is not one."""
    digits = re.sub(r"\D", "", run)
    separated = bool(re.search(r"\d[\s.\-]\d", run))
    if "+84" in run:
        return "phone" if len(digits) == 11 and digits.startswith("84") else None
    if len(digits) == 12 and digits.startswith("0"):
        return "cccd"  # 3-digit province code 001–096 first
    if len(digits) == 10 and digits.startswith("0") and digits[1] in "35789":
        return "phone"  # mobile 03x/05x/07x/08x/09x
    if len(digits) == 11 and digits.startswith("02"):
        return "phone"  # landline 02xx xxx xxxx
    if len(digits) == 9 and not separated:
        return "cmnd"  # "150.000.000" (an amount) is separated, an old ID is not
    return None


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for each likely CCCD/CMND/phone number/email address in `text`."""
    return list(_find(text)) if text else []


@lru_cache(maxsize=4096)  # activity texts repeat a lot (copied activities, Excel imports)
def _find(text: str) -> tuple[tuple[str, str], ...]:
    hits: list[tuple[int, str, str]] = []
    if "@" in text:
        for m in _EMAIL.finditer(text):
            hits.append((m.start(), "email", m.group()))
    # The full pattern is slow on modest PCs; most fields have no long digit run and skip it.
    if not _CANDIDATE.search(text):
        return tuple((k, s) for _pos, k, s in sorted(hits))
    for m in _NUMBER_RUN.finditer(text):
        kind = classify_number(m.group())
        if kind:
            hits.append((m.start(), kind, m.group().strip()))
    return tuple((k, s) for _pos, k, s in sorted(hits))


def section_number(plan: Plan, section_id: str) -> str:
    """The number the report prints for a section: "III.uu_diem" is "III.1" (its place among
    the III sections); "II.3" and "IV" are already numbers."""
    head, _, tail = section_id.partition(".")
    if not tail or tail.isdigit():
        return section_id
    siblings = [s.id for s in plan.outline if s.id.partition(".")[0] == head and s.id != head]
    return f"{head}.{siblings.index(section_id) + 1}" if section_id in siblings else section_id


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _pii_items(where: str, field_label: str, text: str, key: str, target: object) -> Iterator[CheckItem]:
    for kind, found in find_personal_data(text):
        yield CheckItem(
            WARNING,
            f"{where}, trường {field_label}: {PII_LABELS[kind]} ({found}). "
            "Gói báo cáo sẽ mang theo thông tin này; hãy xóa nếu không cần thiết.",
            key,
            target,
            f"pii_{kind}",
        )


def scan_personal_data(sub: Submission, plan: Plan) -> list[CheckItem]:
    """Every free-text field that travels in the package, scanned for personal data."""
    items: list[CheckItem] = []
    for a in sub.activities:
        where = f"Hoạt động “{_short(a.title)}” (ngày {format_date(a.start_date)})"
        for fname, label in ACTIVITY_FIELDS.items():
            items += _pii_items(where, label, getattr(a, fname), "activities", a.id)
    titles = {s.id: s.title for s in plan.outline}
    for n in sub.narratives:
        where = f"Phần {section_number(plan, n.section_id)}. {_short(titles.get(n.section_id, ''), 50)}"
        items += _pii_items(where, "Nội dung báo cáo", n.text, "report", n.section_id)
    labels = {i.id: i.label for i in plan.indicators}
    for v in sub.indicators:
        where = f"Chỉ tiêu “{_short(labels.get(v.indicator_id, v.indicator_id))}”"
        items += _pii_items(where, "Ghi chú", v.comment, "indicators", v.indicator_id)
    rules = {r.id: r for r in plan.rules}
    for r in sub.rule_results:
        rule = rules.get(r.rule_id)
        target = rule.left[0] if rule and rule.left else r.rule_id
        where = f"Giải trình cảnh báo “{_short(r.message)}”"
        items += _pii_items(where, "Giải trình", r.comment, "indicators", target)
    doc = sub.document
    for fname, label in DOCUMENT_FIELDS.items():
        value = getattr(doc, fname)
        text = "\n".join(value) if isinstance(value, tuple) else value
        items += _pii_items("Thông tin văn bản", label, text, "report", "document")
    for fname, label in SIGNER_FIELDS.items():
        items += _pii_items("Thông tin văn bản", label, getattr(doc.signer, fname), "report", "document")
    return items


def precheck(ws_or_submission: Workspace | Submission, plan: Plan | None = None) -> list[CheckItem]:
    """The checklist, errors first, then warnings, then information lines."""
    if isinstance(ws_or_submission, Submission):
        sub = ws_or_submission
        if plan is None:
            raise ValueError("plan is required with a Submission")
    else:
        from dvcq_desktop.storage.snapshot import load_submission

        plan = plan or ws_or_submission.plan
        sub = load_submission(ws_or_submission)
    items: list[CheckItem] = []
    rules = {r.id: r for r in plan.rules}

    def rule_target(rule_id: str) -> object:
        rule = rules.get(rule_id)
        return rule.left[0] if rule and rule.left else rule_id

    for r in blocking(list(sub.rule_results)):
        items.append(
            CheckItem(
                ERROR,
                f"Số liệu chưa hợp lệ: {r.message} ({format_int(r.left)} > {format_int(r.right)})",
                "indicators",
                rule_target(r.rule_id),
                "rule_error",
            )
        )
    for r in uncommented_warnings(list(sub.rule_results)):
        items.append(
            CheckItem(
                WARNING,
                f"Cảnh báo chưa có giải trình: {r.message}",
                "indicators",
                rule_target(r.rule_id),
                "rule_warning",
            )
        )
    missing = [v for v in sub.indicators if v.value is None]
    if missing:
        items.append(
            CheckItem(
                WARNING,
                f"Còn {format_int(len(missing))} chỉ tiêu chưa nhập số liệu.",
                "indicators",
                missing[0].indicator_id,
                "indicator_missing",
            )
        )
    for s in plan.outline:
        if not sub.narrative(s.id).strip():
            items.append(
                CheckItem(
                    WARNING,
                    f"Phần {section_number(plan, s.id)}. {_short(s.title, 70)} còn trống.",
                    "report",
                    s.id,
                    "narrative_empty",
                )
            )
    used = {a.area_id for a in sub.activities if a.status != "cancelled"}
    for area in plan.areas:
        if area.id not in used:
            items.append(
                CheckItem(
                    WARNING,
                    f"Lĩnh vực {area.number}. {area.short_title} chưa có hoạt động nào.",
                    "activities",
                    area.id,
                    "area_empty",
                )
            )
    doc = sub.document
    if not doc.number.strip():
        items.append(
            CheckItem(
                WARNING,
                "Báo cáo chưa có số văn bản (để trống nếu văn thư sẽ ghi số).",
                "report",
                "document",
                "doc_number",
            )
        )
    if doc.date is None:
        items.append(CheckItem(WARNING, "Báo cáo chưa có ngày ban hành.", "report", "document", "doc_date"))
    if not doc.signer.name.strip():
        items.append(
            CheckItem(WARNING, "Chưa có họ tên người ký báo cáo.", "report", "document", "doc_signer")
        )
    if not plan_reference_known(plan, sub):
        items.append(
            CheckItem(
                WARNING,
                "Chưa có số, ngày của Kế hoạch được thực hiện: báo cáo sẽ chỉ ghi “Kế hoạch của "
                f"{plan.issuer}”. Hãy nhập số, ngày Kế hoạch trong phần thông tin văn bản.",
                "report",
                "document",
                "plan_ref",
            )
        )
    items += scan_personal_data(sub, plan)
    entered = len(sub.indicators) - len(missing)
    items.append(
        CheckItem(
            INFO,
            f"{format_int(len(sub.activities))} hoạt động trong kỳ {sub.period.label.lower()}; "
            f"{format_int(entered)}/{format_int(len(sub.indicators))} chỉ tiêu đã nhập.",
            code="summary",
        )
    )
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(items, key=lambda i: order[i.kind])  # stable: keeps the order within a kind


def has_errors(items: list[CheckItem]) -> bool:
    return any(i.kind == ERROR for i in items)
