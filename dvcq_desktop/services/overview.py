"""What the Tổng quan page shows, computed without Qt so the CLI and tests can use it.

Countdown to the deadline (or, once a package was exported for the period, when and how that was
relative to the deadline), per-area progress (activities, indicators filled, rule problems),
activities per month by area for the chart, and the "việc cần làm trước khi nộp" list. Each
todo item names the page key and target the GUI navigates to (`hub.navigate(page, target)`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.periods import LONG_OVERDUE_DAYS
from dvcq_desktop.domain.plan import Period, Plan
from dvcq_desktop.domain.records import RuleResult
from dvcq_desktop.domain.rules import evaluate_rules
from dvcq_desktop.storage import exports, report_data
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_date


@dataclass(frozen=True)
class AreaStatus:
    area_id: str
    number: int
    title: str  # short title, for tables and the chart legend
    activities: int
    filled: int  # count indicators with a value
    total: int  # count indicators (ratios are computed, so not "to fill")
    errors: int
    warnings: int


@dataclass(frozen=True)
class TodoItem:
    kind: str  # "rule_error" | "warning_comment" | "task_overdue" | "task_untouched" | "unfilled" | …
    text: str
    page: str  # page key for hub.navigate
    target: str  # indicator id, rule id, area id or outline section id
    severity: str = "info"  # "error" | "warning" | "info"


@dataclass(frozen=True)
class Overview:
    period: Period
    today: date
    days_left: int
    countdown: str
    areas: tuple[AreaStatus, ...]
    months: tuple[tuple[int, int], ...]  # (year, month) of the data window, in order
    month_labels: tuple[str, ...]  # "T12/2022", "T1/2023", …
    monthly: dict[str, tuple[int, ...]]  # area id -> activities per month (same order)
    todo: tuple[TodoItem, ...]
    rule_results: tuple[RuleResult, ...] = field(default=())
    exported: tuple[int, date] | None = None  # (revision, day) of the latest package for the period
    headline: str = ""  # what the page title says: export state or countdown

    @property
    def late(self) -> bool:
        """Red headline: the deadline is near or past and nothing was exported, or it went out late."""
        if self.exported is None:
            return self.days_left <= 7
        return self.exported[1] > self.period.deadline

    @property
    def total_activities(self) -> int:
        return sum(a.activities for a in self.areas)


def countdown_text(deadline: date, today: date) -> tuple[int, str]:
    days = (deadline - today).days
    when = format_date(deadline)
    if days > 0:
        return days, f"Còn {days} ngày đến hạn nộp báo cáo {when}"
    if days == 0:
        return 0, f"Hôm nay ({when}) là hạn nộp báo cáo"
    if -days > LONG_OVERDUE_DAYS:
        return days, f"Đã quá hạn nộp báo cáo (hạn {when})"
    return days, f"Đã quá hạn nộp báo cáo {-days} ngày (hạn {when})"


def export_headline(deadline: date, today: date, revision: int, exported_on: date) -> str:
    """ "Đã xuất gói báo cáo lần 2 ngày 28/10/2023 — còn 4 ngày đến hạn" (a new revision can still
    go in time), "… — đúng hạn (hạn 01/11/2023)" or "… — sau hạn 01/11/2023"."""
    head = f"Đã xuất gói báo cáo lần {revision} ngày {format_date(exported_on)}"
    when = format_date(deadline)
    if exported_on > deadline:
        return f"{head} — sau hạn {when}"
    days = (deadline - today).days
    if days > 0:
        return f"{head} — còn {days} ngày đến hạn"
    if days == 0:
        return f"{head} — hôm nay là hạn nộp ({when})"
    return f"{head} — đúng hạn (hạn {when})"


def last_export(db: Database, plan: Plan, period: Period) -> tuple[int, date] | None:
    """(revision, day) of the newest package exported for this plan and period, if any."""
    rows = exports.history(db, plan.id, period.id)
    if not rows:
        return None
    return int(rows[0]["revision"]), clock.parse_iso(str(rows[0]["created_at"])).astimezone(
        clock.VN_TZ
    ).date()


def window_months(period: Period) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    y, m = period.start.year, period.start.month
    while (y, m) <= (period.end.year, period.end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _db(ws_or_db: Workspace | Database) -> Database:
    return ws_or_db.db if isinstance(ws_or_db, Workspace) else ws_or_db


def overview(
    ws_or_db: Workspace | Database, plan: Plan, period: Period, today: date | None = None
) -> Overview:
    db = _db(ws_or_db)
    today = today or clock.today()
    days, countdown = countdown_text(period.deadline, today)

    months = window_months(period)
    index = {ym: i for i, ym in enumerate(months)}
    monthly: dict[str, list[int]] = {a.id: [0] * len(months) for a in plan.areas}
    # One grouped query: the chart and the per-area totals come from the same numbers.
    for area_id, ym, n in db.execute(
        "SELECT area_id, substr(start_date, 1, 7), count(*) FROM activities "
        "WHERE deleted_at IS NULL AND start_date >= ? AND start_date <= ? "
        "GROUP BY area_id, substr(start_date, 1, 7)",
        [period.start.isoformat(), period.end.isoformat()],
    ).fetchall():
        key = (int(ym[:4]), int(ym[5:7]))
        if area_id in monthly and key in index:
            monthly[area_id][index[key]] += int(n)

    stored = report_data.values(db, plan.id, period.id)
    values = {k: v.value for k, v in stored.items()}
    comments = report_data.rule_comments(db, plan.id, period.id)
    results = evaluate_rules(plan, values, comments)
    rule_area = {r.id: plan.indicator(r.left[0]).area_id for r in plan.rules if r.left}

    areas: list[AreaStatus] = []
    for a in plan.areas:
        counts = [i for i in plan.indicators_of(a.id) if i.kind == "count"]
        mine = [r for r in results if rule_area.get(r.rule_id) == a.id]
        areas.append(
            AreaStatus(
                a.id,
                a.number,
                a.short_title,
                sum(monthly[a.id]),
                sum(1 for i in counts if values.get(i.id) is not None),
                len(counts),
                sum(1 for r in mine if r.severity == "error"),
                sum(1 for r in mine if r.severity == "warning"),
            )
        )

    todo = _todo(db, plan, period, values, results, areas)
    todo[_after_warnings(todo) : _after_warnings(todo)] = task_todo(db, plan, period, today)
    labels = tuple(f"T{m}/{y % 100:02d}" for y, m in months)
    exported = last_export(db, plan, period)
    headline = export_headline(period.deadline, today, *exported) if exported else countdown
    if exported:  # the office's signed receipt, once the unit took it back
        from dvcq_desktop.services.receipts import receipt_note

        headline += receipt_note(db, plan.id, period)
    return Overview(
        period,
        today,
        days,
        countdown,
        tuple(areas),
        tuple(months),
        labels,
        {k: tuple(v) for k, v in monthly.items()},
        tuple(todo),
        tuple(results),
        exported,
        headline,
    )


OVERDUE_NAMED = 5  # overdue tasks listed one by one; the rest in one line


def _after_warnings(items: list[TodoItem]) -> int:
    return sum(1 for t in items if t.kind in ("rule_error", "warning_comment"))


def task_todo(db: Database, plan: Plan, period: Period, today: date) -> list[TodoItem]:
    """The unit's own plan: each overdue task (its timeframe passed, not done), then one line for
    the tasks nothing has touched yet (no linked activity, no status set) past mid-period."""
    from dvcq_desktop.services import unit_tasks
    from dvcq_desktop.storage import tasks as task_repo

    tasks = task_repo.list_tasks(db, plan.id, period.id)
    late = unit_tasks.overdue(tasks, today, period.end.year)
    items = [
        TodoItem(
            "task_overdue",
            f"Nhiệm vụ quá hạn ({t.time_text()}): {t.title}",
            "unit_plan",
            t.id,
            "warning",
        )
        for t in late[:OVERDUE_NAMED]
    ]
    if len(late) > OVERDUE_NAMED:
        rest = late[OVERDUE_NAMED:]
        items.append(
            TodoItem(
                "task_overdue", f"Còn {len(rest)} nhiệm vụ quá hạn khác", "unit_plan", rest[0].id, "warning"
            )
        )
    idle = unit_tasks.untouched(tasks, today, period)
    if idle:
        items.append(
            TodoItem(
                "task_untouched",
                f"{len(idle)} nhiệm vụ của kế hoạch đơn vị chưa có hoạt động nào (đầu tiên: {idle[0].title})",
                "unit_plan",
                idle[0].id,
            )
        )
    return items


def _todo(
    db: Database,
    plan: Plan,
    period: Period,
    values: dict[str, int | None],
    results: list[RuleResult],
    areas: list[AreaStatus],
) -> list[TodoItem]:
    """Most serious first: errors block the report, then warnings, then missing content."""
    rules = {r.id: r for r in plan.rules}
    items: list[TodoItem] = []
    for res in results:
        if res.severity == "error":
            # The place to fix is the first figure on the larger side of the rule.
            items.append(
                TodoItem(
                    "rule_error",
                    f"Lỗi số liệu: {res.message}",
                    "indicators",
                    rules[res.rule_id].left[0],
                    "error",
                )
            )
    for res in results:
        if res.severity == "warning" and not res.comment.strip():
            items.append(
                TodoItem(
                    "warning_comment",
                    f"Cần ghi giải thích: {res.message}",
                    "indicators",
                    res.rule_id,
                    "warning",
                )
            )
    for a in plan.areas:
        missing = [i for i in plan.indicators_of(a.id) if i.kind == "count" and values.get(i.id) is None]
        if missing:
            items.append(
                TodoItem(
                    "unfilled",
                    f"Nội dung {a.number} ({a.short_title}): còn {len(missing)} chỉ tiêu chưa nhập",
                    "indicators",
                    missing[0].id,
                )
            )
    texts = report_data.narratives(db, plan.id, period.id)
    for s in plan.outline:
        if not texts.get(s.id, "").strip():
            items.append(TodoItem("narrative", f"Chưa viết phần “{s.title}” của báo cáo", "report", s.id))
    for st in areas:
        if st.activities == 0:
            items.append(
                TodoItem(
                    "no_activity",
                    f"Nội dung {st.number} ({st.title}): chưa ghi hoạt động nào trong kỳ",
                    "activities",
                    st.area_id,
                )
            )
    return items
