"""Deterministic, realistic sample data so a newcomer (and every test and benchmark) sees a full year.

The words come from `resources/demo/<plan id>.json`; counts that the activity log supports are
taken from the log itself, the others drawn from plausible ranges and then pulled down until
every validation rule of the plan holds — so demo data never shows a rule error.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.plan import Period, Plan
from dvcq_desktop.domain.records import Activity, IndicatorValue
from dvcq_desktop.domain.rules import evaluate_rules
from dvcq_desktop.domain.unit_kinds import UnitKind, kind_for, mid_sentence
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


@dataclass(frozen=True)
class _Unit:
    """What the generator needs to know of the unit it writes for."""

    name: str
    kind: UnitKind
    symbol_org: str  # "UBND", "PTP": the organisation part of its document symbols
    issued: set[str] = field(default_factory=set)  # document titles already generated

    @property
    def is_ubnd(self) -> bool:
        return self.kind.ubnd


def _unit_of(name: str, level: str, symbol: str = "BC-UBND", kind_id: str = "") -> _Unit:
    org = symbol.split("-", 1)[1] if "-" in symbol else "UBND"
    return _Unit(name, kind_for(level, name, kind_id), org)


def _titles(spec: dict[str, Any], unit: _Unit, words: dict[str, Any]) -> list[Any]:
    """The titles this kind of unit can have: an agency gets its own list, or the ward titles
    without residential places and without the Chủ tịch UBND's or the Front's own work."""
    if unit.is_ubnd:
        return list(spec["titles"])
    if spec.get("titles_agency"):
        return list(spec["titles_agency"])
    banned = words.get("agency_words_excluded", [])
    return [t for t in spec["titles"] if not any(b in _text(t) for b in banned)]


def _text(title: Any) -> str:
    return str(title["text"] if isinstance(title, dict) else title)


def _season_day(rng: random.Random, period: Period, months: list[int] | None) -> date:
    """A day in the period's window, inside the title's season when it has one (Tết in Jan/Feb)."""
    span = (period.end - period.start).days
    if months:
        days = [
            period.start + timedelta(days=k)
            for k in range(span + 1)
            if (period.start + timedelta(days=k)).month in months
        ]
        if days:
            return rng.choice(days)
    return period.start + timedelta(days=rng.randrange(span + 1))


def _doc_number(rng: random.Random, title: str, unit: _Unit) -> str:
    n = rng.randint(1, 250)
    for lead, code in (("Ban hành Kế hoạch", "KH"), ("Ban hành Quyết định", "QĐ")):
        if title.startswith(lead):
            return f"{n:02d}/{code}-{unit.symbol_org}"
    return f"{n:02d}/{unit.symbol_org}"


def _place(rng: random.Random, words: dict[str, Any], unit: _Unit) -> str:
    places = words["places"]
    if isinstance(places, list):  # older word files: one list of wards' places
        places = {"khu phố": places}
    key = unit.kind.locality or "cơ quan"
    return str(rng.choice(places.get(key) or places.get("khu phố") or ["trụ sở"]))


def make_activity(
    rng: random.Random, plan: Plan, period: Period, words: dict[str, Any], unit: _Unit, type_id: str
) -> Activity:
    spec = words["types"].get(type_id) or words["types"]["khac"]
    atype = plan.activity_type(type_id)
    titles = _titles(spec, unit, words) or _titles(words["types"]["khac"], unit, words)
    if spec.get("doc"):  # a unit issues each document once; when all are issued, it meets instead
        titles = [t for t in titles if _text(t) not in unit.issued]
        if not titles:
            return make_activity(rng, plan, period, words, unit, "hoi_nghi_quan_triet")
    chosen = rng.choice(titles)
    if spec.get("doc"):
        unit.issued.add(_text(chosen))
    start = _season_day(rng, period, chosen.get("months") if isinstance(chosen, dict) else None)
    month = f"{start.month:02d}/{start.year}"
    place = _place(rng, words, unit)
    short = mid_sentence(unit.name)
    title = _text(chosen).format(khu_pho=place, unit_short=short, month=month, year=period.end.year)
    lo_hi = spec.get("participants")
    participants = rng.randint(*lo_hi) if lo_hi else None
    groups_spec = spec.get("groups")
    groups = None
    if groups_spec:
        # a delegation of many citizens is the exception, not one reception in two
        chance = float(spec.get("groups_chance", 1.0))
        groups = rng.randint(*groups_spec) if rng.random() < chance else 0
    end = start + timedelta(days=rng.choice([0, 0, 0, 1, 2])) if lo_hi else None
    doc = spec.get("doc")
    created = datetime.combine(start, time(8, 0), clock.VN_TZ) + timedelta(minutes=rng.randrange(600))
    where = place[:1].upper() + place[1:]
    if " tại " in title and "{khu_pho}" not in _text(chosen):  # "… tại Bộ phận một cửa"
        where = "Trụ sở cơ quan" if not unit.is_ubnd else f"Trụ sở UBND {short}"
    location = f"{where}, {short}" if unit.is_ubnd and not where.startswith("Trụ sở") else where
    lead = words["lead_units"] if unit.is_ubnd else words.get("lead_units_agency", words["lead_units"])
    partners = words["partners"] if unit.is_ubnd else words.get("partners_agency", words["partners"])
    return Activity(
        id=str(_uuid(rng)),
        # "khác" belongs where its words say (a Tết visit is not a "quán triệt" activity)
        area_id=spec.get("area", atype.area_ids[0])
        if spec.get("area") in atype.area_ids
        else atype.area_ids[0],
        type_id=type_id,
        title=title,
        start_date=start,
        end_date=end if end and end <= period.end and end != start else None,
        content=spec["content"],
        location=location,
        lead_unit=rng.choice(lead),
        partners=", ".join(rng.sample(partners, k=rng.randint(1, min(3, len(partners))))),
        participants=participants,
        groups=groups,
        result=spec["result"],
        doc_number=_doc_number(rng, title, unit) if doc else "",
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


def iter_activities(
    plan: Plan, period: Period, unit_name: str, n: int, seed: int, level: str = "phuong", symbol: str = ""
) -> Iterator[Activity]:
    """Yields `n` activities (streamed, so 100,000 never sit in memory at once)."""
    rng = random.Random(seed)
    words = load_demo_words(plan.id)
    unit = _unit_of(unit_name, level, symbol or "BC-UBND")
    weights = words.get("type_weights", {}) if unit.is_ubnd else words.get("type_weights_agency", {})
    types = [t.id for t in plan.activity_types]
    w = [weights.get(t, 1) for t in types]
    made = 0
    # Every area gets at least one activity, so a demo never shows an empty area.
    for area in plan.areas:
        if made >= n:
            return
        fitting = [t.id for t in plan.activity_types if area.id in t.area_ids and weights.get(t.id, 1)]
        first = fitting[0] if fitting else "khac"
        yield make_activity(rng, plan, period, words, unit, first)
        made += 1
    while made < n:
        yield make_activity(rng, plan, period, words, unit, rng.choices(types, w)[0])
        made += 1


def generate_activities(
    plan: Plan, period: Period, unit_name: str, n: int, seed: int, level: str = "phuong"
) -> list[Activity]:
    return list(iter_activities(plan, period, unit_name, n, seed, level))


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


def generate_values(plan: Plan, totals: dict[str, int], seed: int, ubnd: bool = True) -> dict[str, int]:
    """Counts the log does not give, drawn from ranges for the kind of unit (an agency receives a
    fraction of a ward's files and citizens), then lowered until every rule of the plan holds."""
    rng = random.Random(seed * 7919 + 1)
    words = load_demo_words(plan.id)
    ranges: dict[str, list[int]] = words.get("value_ranges", {})
    scale = words.get("agency_scale", {}) if not ubnd else {}
    values = dict(totals)
    for ind in plan.indicators:
        if ind.kind != "count" or ind.id in values or (ind.ubnd_only and not ubnd):
            continue
        lo, hi = ranges.get(ind.id, [0, 10])
        if scale and ind.id.startswith(tuple(scale.get("prefixes", ()))):
            lo, hi = int(lo * scale["factor"]), max(int(hi * scale["factor"]), 1)
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
    ws: Workspace,
    activities: int | None = None,
    seed: int = 1,
    progress: Progress | None = None,
    period_id: str | None = None,
) -> int:
    """Sample data for the workspace's period (or `period_id`): each unit its own data, since the
    seed is mixed with the unit's code, and words that fit its kind (no "khu phố" for a xã)."""
    plan = ws.plan
    period = plan.period(period_id) if period_id else ws.period
    unit = ws.own_unit
    seed = seed * 1_000_003 + zlib.crc32(unit.code.encode("utf-8")) % 1_000_003
    ubnd = kind_for(unit.level, unit.name, unit.kind).ubnd
    rng = random.Random(seed)
    n = activities if activities is not None else rng.randint(60, 150)
    db = ws.db
    totals: dict[str, int] = {}
    with db.atomic():
        batch: list[Activity] = []
        done = 0
        for a in iter_activities(plan, period, unit.name, n, seed, unit.level, unit.symbol):
            batch.append(a)
            if len(batch) == BATCH:
                done += _flush(db, plan, batch, totals)
                if progress:
                    progress(done, n, "Đang tạo hoạt động mẫu")
        done += _flush(db, plan, batch, totals)
        values = generate_values(plan, totals, seed, ubnd)
        report_data.set_values(
            db, plan.id, period.id, [IndicatorValue(k, v, "") for k, v in sorted(values.items())]
        )
        results = evaluate_rules(plan, values)
        for r in results:  # cannot happen after _satisfy_rules; kept honest if a plan changes
            report_data.set_rule_comment(db, plan.id, period.id, r.rule_id, "Số liệu mẫu.")
        _fill_narratives(ws, plan, period, unit.name, seed)
        _fill_signer(ws, seed)
    if ws.role == "unit":
        from dvcq_desktop.services.demo_tasks import fill_demo_tasks

        fill_demo_tasks(ws, period, random.Random(seed + 16))
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
        # a list offers choices, so different units say different things
        k: (v[seed % len(v)] if isinstance(v, list) else v).format(unit=mid_sentence(unit_name))
        for k, v in words.get("narratives", {}).items()
    }
    try:
        from dvcq_desktop.reports.build_unit import draft_sentences
        from dvcq_desktop.storage.snapshot import load_submission

        sub = load_submission(ws, period.id)
        # section I names the documents issued, III weighs the figures: drafted from the data
        for section in plan.outline:
            if section.id not in texts and (
                section.area_id or section.id in ("I", "III.uu_diem", "III.han_che")
            ):
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
        # the deadline falls a day after the window; the report is dated inside it
        doc["date"] = min(ws.period.deadline - timedelta(days=7), ws.period.end).isoformat()
        settings.put(ws.db, "doc_defaults", doc)
