"""What the report says about the unit's own plan (section I): the plan by số and ngày, how many
of its tasks were done, are in progress and were not done, and which were not done and why.

Wording follows `wording.py`: the unit speaks as itself ("UBND phường"), a zero is left out or
said in words, a plan without a number is named without one (never a row of dots).
"""

from __future__ import annotations

from datetime import date

from dvcq_desktop.domain.records import Submission
from dvcq_desktop.domain.tasks import Task
from dvcq_desktop.reports.wording import join_and, lower_first, self_later, upper_first
from dvcq_desktop.text import format_date, format_int

UNIT_PLAN_NUMBER, UNIT_PLAN_DATE = "unit_plan_number", "unit_plan_date"
NAMED_MAX = 5  # tasks named one by one; more are counted


def unit_plan_phrase(sub: Submission) -> str:
    """ "Kế hoạch số 07/KH-UBND ngày 10/02/2023" once issued, else "Kế hoạch"."""
    number = sub.extras.get(UNIT_PLAN_NUMBER, "").strip()
    if not number:
        return "Kế hoạch"
    when = sub.extras.get(UNIT_PLAN_DATE, "").strip()
    return f"Kế hoạch số {number}" + (f" ngày {format_date(date.fromisoformat(when))}" if when else "")


def _n(count: int) -> str:
    return f"{format_int(count)} nhiệm vụ"


def _named(t: Task) -> str:
    title = " ".join(t.title.split()).rstrip(".;")
    reason = " ".join(t.reason.split()).rstrip(".;")
    return f"{lower_first(title)} ({lower_first(reason)})" if reason else lower_first(title)


def task_sentences(sub: Submission) -> list[str]:
    """Section I's sentences about the unit's plan; none when the unit set itself no task."""
    tasks = list(sub.tasks)
    if not tasks:
        return []
    by = {s: [t for t in tasks if t.effective == s] for s in ("done", "doing", "todo", "dropped")}
    period = lower_first(sub.period.label.strip())
    issued = "ban hành" if sub.extras.get(UNIT_PLAN_NUMBER) else "xây dựng"
    head = (
        f"{upper_first(self_later(sub))} {issued} {unit_plan_phrase(sub)} triển khai thực hiện "
        f"công tác dân vận chính quyền {period} với {_n(len(tasks))}"
    )
    if len(by["done"]) == len(tasks):
        return [f"{head}; đến nay đã hoàn thành toàn bộ {_n(len(tasks))}."]
    parts = []
    if by["done"]:
        parts.append(f"đã hoàn thành {_n(len(by['done']))}")
    else:
        parts.append("chưa có nhiệm vụ hoàn thành")
    if by["doing"]:
        parts.append(f"đang thực hiện {_n(len(by['doing']))}")
    if by["todo"]:
        parts.append(f"chưa thực hiện {_n(len(by['todo']))}")
    if by["dropped"]:
        parts.append(f"không thực hiện {_n(len(by['dropped']))}")
    out = [f"{head}; đến nay {join_and(parts)}."]
    for key, label in (("dropped", "Nhiệm vụ không thực hiện"), ("todo", "Nhiệm vụ chưa thực hiện")):
        items = by[key]
        if not items:
            continue
        named = "; ".join(_named(t) for t in items[:NAMED_MAX])
        if len(items) > NAMED_MAX:  # "… gồm 10 nhiệm vụ, trong đó có: a; b; …" — never "e và 5 khác"
            out.append(f"{label} gồm {_n(len(items))}, trong đó có: {named}.")
        else:
            out.append(f"{label}: {named}.")
    return out
