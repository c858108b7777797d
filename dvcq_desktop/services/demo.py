"""Deterministic, realistic sample data so a newcomer (and every test and benchmark) sees a full year.

The words come from `resources/demo/<plan id>.json`; counts that the activity log supports are
taken from the log itself, the others drawn from plausible ranges and then pulled down until
every validation rule of the plan holds — so demo data never shows a rule error.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.plan import Period, Plan
from dvcq_desktop.domain.records import Activity, IndicatorValue
from dvcq_desktop.domain.rules import evaluate_rules
from dvcq_desktop.progress import Progress
from dvcq_desktop.resources import resource_path
from dvcq_desktop.storage import activities, report_data, settings
from dvcq_desktop.storage.workspace import Workspace

BATCH = 5000


def load_demo_words(plan_id: str) -> dict[str, Any]:
    path = resource_path("demo", f"{plan_id}.json")
    if not path.is_file():
        path = resource_path("demo", "tptn-dvcq-2023.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _unit_short(name: str) -> str:
    """ "Phường Hiệp Ninh" reads "phường Hiệp Ninh" mid-sentence; "Phường 1" keeps its capital."""
    head, _, rest = name.partition(" ")
    if (
        head in ("Phường", "Xã")
        and rest
        and not rest.split()[0].isdigit()
        and rest.split()[0] not in ("I", "II", "III", "IV", "V")
    ):
        return f"{head.lower()} {rest}"
    return name


def make_activity(
    rng: random.Random, plan: Plan, period: Period, words: dict[str, Any], unit_name: str, type_id: str
) -> Activity:
    spec = words["types"].get(type_id) or words["types"]["khac"]
    atype = plan.activity_type(type_id)
    span = (period.end - period.start).days
    start = period.start + timedelta(days=rng.randrange(span + 1))
    month = f"{start.month:02d}/{start.year}"
    place = rng.choice(words["places"])
    title = rng.choice(spec["titles"]).format(khu_pho=place, unit_short=_unit_short(unit_name), month=month)
    lo_hi = spec.get("participants")
    participants = rng.randint(*lo_hi) if lo_hi else None
    groups_spec = spec.get("groups")
    groups = rng.randint(*groups_spec) if groups_spec else None
    end = start + timedelta(days=rng.choice([0, 0, 0, 1, 2])) if lo_hi else None
    doc = spec.get("doc")
    created = datetime.combine(start, time(8, 0), clock.VN_TZ) + timedelta(minutes=rng.randrange(600))
    return Activity(
        id=str(_uuid(rng)),
        area_id=atype.area_ids[0],
        type_id=type_id,
        title=title,
        start_date=start,
        end_date=end if end and end <= period.end and end != start else None,
        content=spec["content"],
        location=f"{place[:1].upper()}{place[1:]}, {unit_name}",
        lead_unit=rng.choice(words["lead_units"]),
        partners=", ".join(rng.sample(words["partners"], k=rng.randint(1, 3))),
        participants=participants,
        groups=groups,
        result=spec["result"],
        doc_number=f"{rng.randint(1, 250):02d}/KH-UBND" if doc else "",
        doc_date=start if doc else None,
        doc_summary=title if doc else "",
        status="done" if start <= period.end - timedelta(days=20) else rng.choice(["done", "in_progress"]),
        notable=rng.random() < 0.04,
        created_at=created,
        updated_at=created,
    )


def _uuid(rng: random.Random) -> str:
    import uuid

    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def iter_activities(plan: Plan, period: Period, unit_name: str, n: int, seed: int) -> Iterator[Activity]:
    """Yields `n` activities (streamed, so 100,000 never sit in memory at once)."""
    rng = random.Random(seed)
    words = load_demo_words(plan.id)
    weights = words.get("type_weights", {})
    types = [t.id for t in plan.activity_types]
    w = [weights.get(t, 1) for t in types]
    made = 0
    # Every area gets at least one activity, so a demo never shows an empty area.
    for area in plan.areas:
        if made >= n:
            return
        first = next(t.id for t in plan.activity_types if area.id in t.area_ids)
        yield make_activity(rng, plan, period, words, unit_name, first)
        made += 1
    while made < n:
        yield make_activity(rng, plan, period, words, unit_name, rng.choices(types, w)[0])
        made += 1


def generate_activities(plan: Plan, period: Period, unit_name: str, n: int, seed: int) -> list[Activity]:
    return list(iter_activities(plan, period, unit_name, n, seed))


def log_totals(plan: Plan, acts: list[Activity], into: dict[str, int] | None = None) -> dict[str, int]:
    totals: dict[str, int] = {} if into is None else into
    for ind in plan.indicators:
        if ind.kind != "count" or ind.suggest is None:
            continue
        chosen = [a for a in acts if a.type_id in ind.suggest.activity_types and a.status != "cancelled"]
        if ind.suggest.measure == "count":
            add = len(chosen)
        elif ind.suggest.measure == "participants":
            add = sum(a.participants or 0 for a in chosen)
        else:
            add = sum(a.groups or 0 for a in chosen)
        totals[ind.id] = totals.get(ind.id, 0) + add
    return totals


def generate_values(plan: Plan, totals: dict[str, int], seed: int) -> dict[str, int]:
    rng = random.Random(seed * 7919 + 1)
    ranges: dict[str, list[int]] = load_demo_words(plan.id).get("value_ranges", {})
    values = dict(totals)
    for ind in plan.indicators:
        if ind.kind == "count" and ind.id not in values:
            lo, hi = ranges.get(ind.id, [0, 10])
            values[ind.id] = rng.randint(lo, hi)
    _satisfy_rules(plan, values)
    return values


def _satisfy_rules(plan: Plan, values: dict[str, int]) -> None:
    """Lower left-hand sides until every rule holds (lowering only ever converges)."""
    for _ in range(50):
        broken = [
            r
            for r in plan.rules
            if sum(values.get(i, 0) for i in r.left) > sum(values.get(i, 0) for i in r.right)
        ]
        if not broken:
            return
        for r in broken:
            room = sum(values.get(i, 0) for i in r.right)
            left = sum(values.get(i, 0) for i in r.left)
            for i in r.left:
                values[i] = (values.get(i, 0) * room) // left if left else 0
    raise RuntimeError("demo values could not satisfy the plan's rules")


def fill_demo(
    ws: Workspace, activities: int | None = None, seed: int = 1, progress: Progress | None = None
) -> int:
    plan, period = ws.plan, ws.period
    unit = ws.own_unit
    rng = random.Random(seed)
    n = activities if activities is not None else rng.randint(60, 150)
    db = ws.db
    totals: dict[str, int] = {}
    with db.atomic():
        batch: list[Activity] = []
        done = 0
        for a in iter_activities(plan, period, unit.name, n, seed):
            batch.append(a)
            if len(batch) == BATCH:
                done += _flush(db, plan, batch, totals)
                if progress:
                    progress(done, n, "Đang tạo hoạt động mẫu")
        done += _flush(db, plan, batch, totals)
        values = generate_values(plan, totals, seed)
        report_data.set_values(
            db, plan.id, period.id, [IndicatorValue(k, v, "") for k, v in sorted(values.items())]
        )
        results = evaluate_rules(plan, values)
        for r in results:  # cannot happen after _satisfy_rules; kept honest if a plan changes
            report_data.set_rule_comment(db, plan.id, period.id, r.rule_id, "Số liệu mẫu.")
        _fill_narratives(ws, plan, period, unit.name, seed)
        _fill_signer(ws, seed)
    return done


def _flush(db: Any, plan: Plan, batch: list[Activity], totals: dict[str, int]) -> int:
    if not batch:
        return 0
    activities.save_many(db, batch)
    log_totals(plan, batch, totals)
    n = len(batch)
    batch.clear()
    return n


def _fill_narratives(ws: Workspace, plan: Plan, period: Period, unit_name: str, seed: int) -> None:
    words = load_demo_words(plan.id)
    texts: dict[str, str] = {
        k: v.format(unit=_unit_short(unit_name)) for k, v in words.get("narratives", {}).items()
    }
    try:
        from dvcq_desktop.reports.build_unit import draft_sentences
        from dvcq_desktop.storage.snapshot import load_submission

        sub = load_submission(ws, period.id)
        for section in plan.outline:
            if section.id not in texts and section.area_id:
                texts[section.id] = draft_sentences(sub, plan, section.id)
    except ImportError:  # the report module is optional for bare storage tests
        pass
    for sid, text in texts.items():
        report_data.set_narrative(ws.db, plan.id, period.id, sid, text)


def _fill_signer(ws: Workspace, seed: int) -> None:
    words = load_demo_words(ws.plan.id)
    signer = dict(settings.get(ws.db, "signer", {}) or {})
    if not signer.get("name"):
        signer["name"] = words["signers"][seed % len(words["signers"])]
        settings.put(ws.db, "signer", signer)
    doc = dict(settings.get(ws.db, "doc_defaults", {}) or {})
    if not doc.get("number"):
        doc["number"] = f"{(seed * 37) % 200 + 1:02d}"
        doc["date"] = (ws.period.deadline - timedelta(days=7)).isoformat()
        settings.put(ws.db, "doc_defaults", doc)
