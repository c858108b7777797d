"""The unit's own implementation plan: tasks (nhiệm vụ) under the city plan's areas.

A task belongs to one (plan, period); its status either follows the activities linked to it
(`manual` False: done when a linked activity is done, in progress when one is under way) or is
set by hand — "không thực hiện" always by hand, with a reason.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from dvcq_desktop.text import fold, format_date, parse_date

TASK_STATUSES: dict[str, str] = {
    "todo": "Chưa thực hiện",
    "doing": "Đang thực hiện",
    "done": "Hoàn thành",
    "dropped": "Không thực hiện",
}
STATUS_ORDER = ("todo", "doing", "done", "dropped")
ONGOING_WORDS = ("thuong xuyen", "ca nam", "hang thang", "hang quy", "lien tuc")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Task:
    id: str
    area_id: str
    title: str
    content: str = ""
    lead: str = ""  # bộ phận / cán bộ chủ trì
    partners: str = ""  # phối hợp
    timeframe: str = ""  # "thường xuyên", "quý II"… ("" = the dates say it)
    date_from: date | None = None
    date_to: date | None = None
    output: str = ""  # sản phẩm dự kiến
    status: str = "todo"  # key of TASK_STATUSES (as stored; see `effective`)
    manual: bool = False  # True: the status was set by hand and does not follow activities
    reason: str = ""  # why not done (dropped) or late
    position: int = 0
    source: str = ""  # "goi-y:<key>" for a suggested task, "chep:<id>" for a copied one
    linked: int = 0  # linked live activities (filled when read)
    linked_done: int = 0
    linked_open: int = 0  # planned or in progress

    @property
    def effective(self) -> str:
        """The status shown and reported."""
        if self.manual or self.status == "dropped":
            return self.status
        if self.linked_done:
            return "done"
        if self.linked_open or self.linked:
            return "doing"
        return "todo"

    @property
    def status_label(self) -> str:
        return TASK_STATUSES.get(self.effective, self.effective)

    def time_text(self) -> str:
        """The timeframe as the plan prints it: the officer's words, else the dates."""
        if self.timeframe.strip():
            return self.timeframe.strip()
        if self.date_from and self.date_to:
            return f"Từ {format_date(self.date_from)} đến {format_date(self.date_to)}"
        if self.date_to:
            return f"Trước ngày {format_date(self.date_to)}"
        if self.date_from:
            return f"Từ {format_date(self.date_from)}"
        return ""

    def due(self, year: int) -> date | None:
        """The last day of the task: its end date, else what its timeframe words mean in `year`."""
        return self.date_to or due_from_text(self.timeframe, year)

    def overdue(self, today: date, year: int) -> bool:
        d = self.due(year)
        return d is not None and d < today and self.effective in ("todo", "doing")


def due_from_text(text: str, year: int) -> date | None:
    """ "quý II" → 30/6, "tháng 9" → 30/9, "6 tháng đầu năm" → 30/6, "trước 15/10" → 15/10;
    "thường xuyên" and anything unknown → None (never overdue)."""
    t = fold(text).strip()
    if not t or any(w in t for w in ONGOING_WORDS):
        return None
    m = re.search(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\s*$", t)
    if m:
        try:
            return date(int(m.group(3) or year), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    if "6 thang dau" in t:
        return date(year, 6, 30)
    if "6 thang cuoi" in t or "cuoi nam" in t:
        return date(year, 12, 31)
    m = re.search(r"quy\s+(iv|iii|ii|i|[1-4])\b", t)
    if m:
        q = _QUARTERS[m.group(1)]
        return date(year, q * 3, calendar.monthrange(year, q * 3)[1])
    m = re.search(r"thang\s+(\d{1,2})\b", t)
    if m and 1 <= int(m.group(1)) <= 12:
        mo = int(m.group(1))
        return date(year, mo, calendar.monthrange(year, mo)[1])
    return None


@dataclass(frozen=True)
class TaskSuggestion:
    """One task of the suggested starting set (resources/plans/<plan>-tasks.json)."""

    key: str
    area_id: str
    title: str
    content: str = ""
    lead: str = ""
    partners: str = ""
    timeframe: str = ""
    output: str = ""
    ubnd_only: bool = False  # a ward's or commune's task (Chủ tịch UBND, khu dân cư…)
    lead_agency: str = ""  # the lead when the unit is an agency, if it differs


@dataclass(frozen=True)
class UnitPlanMeta:
    """Số, ký hiệu and date of the unit's KẾ HOẠCH; it is a DỰ THẢO until both number and date are set."""

    number: str = ""
    symbol: str = "KH-UBND"
    date: date | None = None
    report_by: str = ""  # "01/11": when tasks' results are reported (III. TỔ CHỨC THỰC HIỆN)

    @property
    def issued(self) -> bool:
        return bool(self.number.strip()) and self.date is not None


def words(text: str) -> set[str]:
    """Folded words of three letters or more: what suggesting a task by words compares."""
    return {w for w in re.split(r"[^a-z0-9]+", fold(text)) if len(w) >= 3}


_DATE = r"(\d{1,2}/\d{1,2}/\d{4})"


def parse_timeframe(text: str) -> tuple[str, date | None, date | None]:
    """What the officer typed in the "Thời gian" cell: two dates ("01/02/2023 - 31/03/2023",
    "từ 01/02/2023 đến 31/03/2023") become the task's dates; anything else stays words."""
    t = " ".join(text.split())
    m = re.fullmatch(rf"(?:[Tt]ừ\s+)?{_DATE}\s*(?:-|–|đến)\s*{_DATE}", t)
    if m:
        try:
            a, b = parse_date(m.group(1)), parse_date(m.group(2))
        except ValueError:
            return t, None, None
        if a <= b:
            return "", a, b
    return t, None, None
