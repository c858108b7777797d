"""Tình hình nộp: who of the expected units has reported, on time or late, and who is missing.

Rules (peers.md §8, DHIS2 reporting-rate lessons):
- Expected = the period's fixed roster (included units only), so received ≤ expected always;
  a package from a unit outside the roster is listed apart (`extra`) and never counted.
- Timeliness comes from the office's `received_at` (correctable, audited), not the unit's claimed
  `finalized_at`, against the end of the deadline day in Vietnam (`clock.days_late`).
- A slot is on time when its *first* received revision arrived by the deadline: a correction sent
  later does not turn a delivered report into a late one, but the row shows the correction's own
  lateness so the office sees it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from dvcq_desktop.domain import clock
from dvcq_desktop.reports.office_records import LATE, MISSING, ON_TIME, REVISED, Board, BoardRow
from dvcq_desktop.services import roster as roster_service
from dvcq_desktop.storage import aggregator_repo as repo
from dvcq_desktop.storage import received_tasks
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_date, format_datetime, format_int, sort_key

STATUS_LABELS = {MISSING: "Chưa nộp", ON_TIME: "Đúng hạn", LATE: "Trễ hạn", REVISED: "Đã nộp bản sửa đổi"}


class _Slot(NamedTuple):
    """One unit's packages for the period, summarised by the board's one query."""

    n: int
    flagged: int
    package_id: str
    revision: int
    first_received: datetime
    received_at: datetime
    finalized_at: datetime | None
    signed: bool  # the current revision carries a signature (format 1.1)


def _dt(text: str | None) -> datetime | None:
    return clock.parse_iso(text) if text else None


def board(ws: Workspace, period_id: str | None = None, now: datetime | None = None) -> Board:
    """The board of one period (default: the workspace's period). Two queries whatever the size."""
    entries = roster_service.roster(ws, period_id)
    plan = ws.plan
    period = plan.period(period_id or ws.period.id)
    now = now or clock.now()
    db = ws.db
    slots: dict[str, _Slot] = {}
    for r in db.query(
        "SELECT unit_code, count(*) AS n, min(received_at) AS first_received, "
        "sum(status = 'older') AS flagged, "
        "max(CASE WHEN is_current THEN package_id END) AS package_id, "
        "max(CASE WHEN is_current THEN revision END) AS revision, "
        "max(CASE WHEN is_current THEN received_at END) AS received_at, "
        "max(CASE WHEN is_current THEN finalized_at END) AS finalized_at, "
        "max(CASE WHEN is_current THEN format_version END) AS format_version "
        "FROM received WHERE plan_id = ? AND period_id = ? GROUP BY unit_code",
        [plan.id, period.id],
    ):
        first, received = _dt(r["first_received"]), _dt(r["received_at"])
        assert first is not None and received is not None  # every slot has a current revision
        slots[r["unit_code"]] = _Slot(
            int(r["n"]),
            int(r["flagged"] or 0),
            str(r["package_id"]),
            int(r["revision"]),
            first,
            received,
            _dt(r["finalized_at"]),
            r["format_version"] != "1.0",  # 1.0 is the unsigned format (see keys.unsigned_current)
        )

    def row(code: str, name: str, position: int) -> BoardRow:
        s = slots.get(code)
        if s is None:
            return BoardRow(
                code,
                name,
                position,
                MISSING,
                None,
                clock.days_late(now, period.deadline),
                None,
                0,
                0,
                None,
                None,
                None,
                None,
                0,
            )
        late = clock.days_late(s.first_received, period.deadline)
        status = REVISED if s.revision > 1 else (LATE if late else ON_TIME)
        return BoardRow(
            code,
            name,
            position,
            status,
            late == 0,
            late,
            s.revision,
            s.n,
            s.flagged,
            s.package_id,
            s.finalized_at,
            s.received_at,
            s.first_received,
            clock.days_late(s.received_at, period.deadline),
            signed=s.signed,
        )

    task_counts = received_tasks.counts_by_unit(db, plan.id, period.id)

    def with_tasks(r: BoardRow) -> BoardRow:
        c = task_counts.get(r.unit_code)
        if not c:
            return r
        return replace(
            r,
            tasks_total=sum(c.values()),
            tasks_done=c["done"],
            tasks_doing=c["doing"],
            tasks_todo=c["todo"],
            tasks_dropped=c["dropped"],
        )

    included = [e for e in entries if e.included]
    rows = [with_tasks(row(e.unit_code, e.unit_name, e.position)) for e in included]
    on_roster = {e.unit_code for e in included}
    outside = sorted(set(slots) - on_roster)
    # Not `ws.catalog`: it re-validates the catalogue JSON (~1 s for 100 units); names suffice here.
    names = repo.unit_names(db, outside) if outside else {}
    extra = [with_tasks(row(code, names.get(code, code), 10_000 + i)) for i, code in enumerate(outside)]
    office = repo.receiving_office(db) or ws.unit_code
    return Board(
        plan.id,
        period.id,
        period.label,
        period.deadline,
        now,
        office,
        tuple(sort_rows(rows, "name")),
        tuple(extra),
    )


# ---- views -----------------------------------------------------------------------------------
_STATUS_ORDER = {MISSING: 0, LATE: 1, REVISED: 2, ON_TIME: 3}


@lru_cache(maxsize=4096)
def _name_key(name: str) -> tuple[object, ...]:
    """Collation keys of unit names, cached: the board is redrawn often, names rarely change."""
    return sort_key(name)


def sort_rows(
    rows: list[BoardRow] | tuple[BoardRow, ...], by: str = "name", descending: bool = False
) -> list[BoardRow]:
    """Sort by "name" (Vietnamese collation: Phường 2 < Phường 10, Đ after D), "roster" (catalogue
    order), "status" (missing first), "received" (missing last) or "days_late"."""
    keys = {
        "name": lambda r: _name_key(r.unit_name),
        "roster": lambda r: (r.position, r.unit_code),
        "status": lambda r: (_STATUS_ORDER[r.status], _name_key(r.unit_name)),
        "received": lambda r: (
            r.received_at is None,
            r.received_at or datetime.max.replace(tzinfo=clock.VN_TZ),
            _name_key(r.unit_name),
        ),
        "days_late": lambda r: (r.days_late, _name_key(r.unit_name)),
    }
    return sorted(rows, key=keys[by], reverse=descending)


def reminder_text(b: Board) -> str:
    """A Vietnamese reminder for the missing units, to paste into Zalo or an email."""
    missing = [r for r in b.rows if r.status == MISSING]
    if not missing:
        return f"Tất cả {format_int(b.expected)} đơn vị đã nộp báo cáo {b.period_label.lower()}; không có đơn vị cần nhắc."
    overdue = clock.days_late(b.now, b.deadline)
    lines = [f"Kính gửi: {', '.join(r.unit_name for r in missing)}."]
    when = format_datetime(b.now)
    due = f"hạn nộp ngày {format_date(b.deadline)}"
    state = f"đã quá hạn {overdue} ngày" if overdue else due
    lines.append(
        f"Đến {when}, {b.office} chưa nhận được báo cáo kết quả thực hiện công tác dân vận chính quyền "
        f"{b.period_label.lower()} của {format_int(len(missing))} đơn vị nêu trên ({state})."
    )
    if overdue:
        lines.append(
            "Đề nghị các đơn vị khẩn trương hoàn thành, xuất gói báo cáo (tệp .dvcq) và gửi ngay "
            f"về {b.office}."
        )
    else:
        lines.append(
            f"Đề nghị các đơn vị hoàn thành, xuất gói báo cáo (tệp .dvcq) và gửi về {b.office} "
            f"chậm nhất trong ngày {format_date(b.deadline)}."
        )
    lines.append("Trân trọng./.")
    return "\n".join(lines)


def board_to_json(b: Board) -> dict[str, object]:
    return {
        "plan": b.plan_id,
        "period": b.period_id,
        "deadline": b.deadline.isoformat(),
        "now": clock.iso(b.now),
        "counts": b.counts(),
        "units": [
            {
                "unit": r.unit_code,
                "name": r.unit_name,
                "status": r.status,
                "label": r.label,
                "on_time": r.on_time,
                "days_late": r.days_late,
                "revision": r.revision,
                "revisions": r.revisions,
                "flagged": r.flagged,
                "package_id": r.package_id,
                "finalized_at": clock.iso(r.finalized_at) if r.finalized_at else None,
                "received_at": clock.iso(r.received_at) if r.received_at else None,
                "note": r.timeliness_note,
                "tasks_total": r.tasks_total,
                "tasks_done": r.tasks_done,
                "signed": r.signed,
            }
            for r in (*b.rows, *b.extra)
        ],
    }


def board_to_xlsx(b: Board, path: Path) -> Path:
    from dvcq_desktop.reports.board_xlsx import write_board_xlsx

    return write_board_xlsx(b, path)
