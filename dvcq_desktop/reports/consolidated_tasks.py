"""What the consolidated report says about the units' own plans: how many units sent one, how
many tasks they set themselves and where those stand, by area of the city's plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.tasks import STATUS_ORDER
from dvcq_desktop.reports.model import Paragraph, Table
from dvcq_desktop.reports.wording import join_and, percent
from dvcq_desktop.text import format_int

TASKS_TITLE = "Kế hoạch của các cơ quan, đơn vị"


@dataclass(frozen=True)
class TaskTally:
    units: int = 0  # units whose current report carries tasks
    by_area: dict[str, dict[str, int]] = field(default_factory=dict)  # area → status → count

    def total(self, status: str | None = None) -> int:
        return sum(n for s in self.by_area.values() for k, n in s.items() if status in (None, k))


def tasks_paragraph(t: TaskTally, reported: int) -> Paragraph | None:
    """ "12/15 cơ quan, đơn vị gửi kèm kế hoạch của đơn vị với 240 nhiệm vụ; đã hoàn thành 180
    nhiệm vụ (75%), đang thực hiện 40 nhiệm vụ, chưa thực hiện 15 nhiệm vụ và không thực hiện 5
    nhiệm vụ." — nothing when no unit sent tasks."""
    total = t.total()
    if not total:
        return None
    parts = []
    done = t.total("done")
    counted = total - t.total("dropped")
    share = f" ({percent(100.0 * done / counted)})" if done and counted else ""
    parts.append(
        f"đã hoàn thành {format_int(done)} nhiệm vụ{share}" if done else "chưa có nhiệm vụ hoàn thành"
    )
    for key, verb in (
        ("doing", "đang thực hiện"),
        ("todo", "chưa thực hiện"),
        ("dropped", "không thực hiện"),
    ):
        n = t.total(key)
        if n:
            parts.append(f"{verb} {format_int(n)} nhiệm vụ")
    return Paragraph.of(
        f"{format_int(t.units)}/{format_int(reported)} cơ quan, đơn vị gửi kèm kế hoạch của đơn vị với "
        f"{format_int(total)} nhiệm vụ; {join_and(parts)}."
    )


def tasks_by_area_table(plan: Plan, t: TaskTally, caption: str) -> Table:
    rows: list[tuple[str, ...]] = []
    for a in sorted(plan.areas, key=lambda a: a.number):
        s = t.by_area.get(a.id, {})
        rows.append(
            (
                str(a.number),
                a.short_title,
                format_int(sum(s.values())),
                *(format_int(s.get(k, 0)) for k in STATUS_ORDER),
            )
        )
    rows.append(("", "Tổng cộng", format_int(t.total()), *(format_int(t.total(k)) for k in STATUS_ORDER)))
    return Table(
        (
            "STT",
            "Nội dung",
            "Số nhiệm vụ",
            "Chưa thực hiện",
            "Đang thực hiện",
            "Hoàn thành",
            "Không thực hiện",
        ),
        tuple(rows),
        (12, 53, 20, 20, 20, 20, 20),
        numeric_columns=(2, 3, 4, 5, 6),
        centered_columns=(0,),
        caption=caption,
    )
