"""The office's records that its reports render: the board (who reported, on time or late) and the
consolidation (totals over the units' current revisions, notable activities).

The services compute them from the database (`services/board.py`, `services/consolidate.py`); the
renderers here (`build_consolidated.py`, `board_xlsx.py`, `consolidate_xlsx.py`) only read them,
so reports never import services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dvcq_desktop.text import format_date, format_int, format_percent

MISSING, ON_TIME, LATE, REVISED = "missing", "on_time", "late", "revised"


@dataclass(frozen=True)
class BoardRow:
    unit_code: str
    unit_name: str
    position: int
    status: str  # MISSING | ON_TIME | LATE | REVISED
    on_time: bool | None  # timeliness of the first received revision (None: missing)
    days_late: int  # first revision's days late; for a missing unit, days overdue now
    revision: int | None  # current revision
    revisions: int  # how many revisions are stored
    flagged: int  # older/competing revisions received after a newer one
    package_id: str | None
    finalized_at: datetime | None  # the unit's claim
    received_at: datetime | None  # the office's record, current revision
    first_received_at: datetime | None
    current_days_late: int  # of the current revision
    tasks_total: int = 0  # tasks of the unit's own plan in its current revision (format 1.1)
    tasks_done: int = 0  # hoàn thành
    tasks_doing: int = 0  # đang thực hiện
    tasks_todo: int = 0  # chưa thực hiện
    tasks_dropped: int = 0  # không thực hiện (with the unit's reason)
    signed: bool | None = None  # the current revision is signed; None for a unit not yet reporting

    @property
    def label(self) -> str:
        if self.status == MISSING:
            return "Chưa nộp" + (f" (quá hạn {self.days_late} ngày)" if self.days_late else "")
        if self.status == LATE:
            return f"Trễ hạn {self.days_late} ngày"
        if self.status == REVISED:
            return f"Đã nộp bản sửa đổi (lần {self.revision})"
        return "Đúng hạn"

    @property
    def timeliness_note(self) -> str:
        """For a revised report: how the first and the current revision stand against the deadline."""
        if self.status != REVISED:
            return ""
        first = "đúng hạn" if self.on_time else f"trễ {self.days_late} ngày"
        cur = "đúng hạn" if not self.current_days_late else f"trễ {self.current_days_late} ngày"
        return f"Lần 1: {first}; lần {self.revision}: {cur}"


@dataclass(frozen=True)
class Board:
    plan_id: str
    period_id: str
    period_label: str
    deadline: date
    now: datetime
    office: str  # the receiving office, for the reminder
    rows: tuple[BoardRow, ...]
    extra: tuple[BoardRow, ...]  # received from units not (or no longer) on the roster

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def received(self) -> int:
        return sum(1 for r in self.rows if r.status != MISSING)

    @property
    def on_time(self) -> int:
        return sum(1 for r in self.rows if r.on_time)

    @property
    def late(self) -> int:
        return sum(1 for r in self.rows if r.on_time is False)

    @property
    def missing(self) -> int:
        return sum(1 for r in self.rows if r.status == MISSING)

    @property
    def received_rate(self) -> float | None:
        return round(100 * self.received / self.expected, 1) if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.expected, 1) if self.expected else None

    def counts(self) -> dict[str, int | float | None]:
        return {
            "expected": self.expected,
            "received": self.received,
            "on_time": self.on_time,
            "late": self.late,
            "missing": self.missing,
            "received_rate": self.received_rate,
            "on_time_rate": self.on_time_rate,
        }

    def summary_text(self) -> str:
        return (
            f"{self.period_label}: {format_int(self.received)}/{format_int(self.expected)} đơn vị đã nộp "
            f"({format_percent(self.received_rate)}), {format_int(self.on_time)} đúng hạn, "
            f"{format_int(self.late)} trễ hạn, {format_int(self.missing)} chưa nộp; "
            f"hạn nộp {format_date(self.deadline)}."
        )


@dataclass(frozen=True)
class Highlight:
    unit_code: str
    unit_name: str
    activity_id: str
    area_id: str
    type_id: str
    title: str
    start_date: date
    participants: int | None
    notable: bool


@dataclass(frozen=True)
class Consolidation:
    plan_id: str
    period_id: str
    units: tuple[tuple[str, str], ...]  # (code, name) of reporting units, collation order
    per_unit: dict[str, dict[str, int | None]]  # unit → count indicator → value
    per_unit_ratios: dict[str, dict[str, float | None]]
    totals: dict[str, int | None]  # count indicator → sum (None: nobody reported it)
    ratios: dict[str, float | None]  # ratio indicator → recomputed from totals
    dan_van_kheo: tuple[Highlight, ...]  # every "Dân vận khéo" activity, by unit
    notable: tuple[Highlight, ...]  # activities the units flagged notable
    proposals: tuple[tuple[str, str], ...] = ()  # (unit name, its own "V. Kiến nghị, đề xuất")

    def highlights_by_area(self) -> dict[str, list[Highlight]]:
        out: dict[str, list[Highlight]] = {}
        for h in self.notable:
            out.setdefault(h.area_id, []).append(h)
        return out
