"""`Submission` ⇄ the plain dict of `data/submission.json` (format 1), an exact round trip.

Dates are ISO `YYYY-MM-DD`; datetimes are RFC 3339 in Vietnam time (`+07:00`). An aware datetime
in another offset is converted (same instant, so it still compares equal); a naive one is taken
to be Vietnam local time and comes back aware. Tuples come back as tuples, `None` as `null`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from dvcq_desktop.domain.records import (
    Activity,
    AttachmentRef,
    DocumentMeta,
    IndicatorValue,
    NarrativeSection,
    PeriodRef,
    PlanRef,
    RuleResult,
    Signer,
    Submission,
    UnitRef,
)
from dvcq_desktop.domain.tasks import Task

FORMAT_NAME = "dvcq.submission"
FORMAT_VERSION = "1.1"  # 1.1 adds the optional `tasks` and each activity's optional `task_id`
VN_TZ = timezone(timedelta(hours=7))

ACTIVITY_FIELDS = (
    "id",
    "area_id",
    "type_id",
    "title",
    "start_date",
    "end_date",
    "content",
    "location",
    "lead_unit",
    "partners",
    "participants",
    "groups",
    "result",
    "doc_number",
    "doc_date",
    "doc_summary",
    "status",
    "notable",
    "attachments",
    "created_at",
    "updated_at",
)
_ACTIVITY_DATES = ("start_date", "end_date", "doc_date")
_ACTIVITY_DATETIMES = ("created_at", "updated_at")


def dt_to_str(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=VN_TZ)
    return value.astimezone(VN_TZ).isoformat()


def dt_from_str(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:  # the schema forbids this; never guess an offset on read
        raise ValueError(f"datetime without offset: {value!r}")
    return parsed


def d_to_str(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def d_from_str(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def unit_to_dict(u: UnitRef) -> dict[str, Any]:
    return {"code": u.code, "name": u.name, "level": u.level, "parent": u.parent}


def plan_to_dict(p: PlanRef) -> dict[str, Any]:
    return {"id": p.id, "title": p.title, "version": p.version, "content_hash": p.content_hash}


def period_to_dict(p: PeriodRef) -> dict[str, Any]:
    return {
        "id": p.id,
        "label": p.label,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "deadline": p.deadline.isoformat(),
    }


def unit_from_dict(d: dict[str, Any]) -> UnitRef:
    return UnitRef(code=d["code"], name=d["name"], level=d["level"], parent=d["parent"])


def plan_from_dict(d: dict[str, Any]) -> PlanRef:
    return PlanRef(id=d["id"], version=d["version"], title=d["title"], content_hash=d["content_hash"])


def period_from_dict(d: dict[str, Any]) -> PeriodRef:
    return PeriodRef(
        id=d["id"],
        label=d["label"],
        start=date.fromisoformat(d["start"]),
        end=date.fromisoformat(d["end"]),
        deadline=date.fromisoformat(d["deadline"]),
    )


def _attachment_to_dict(a: AttachmentRef) -> dict[str, Any]:
    return {"sha256": a.sha256, "name": a.name, "size": a.size, "mime": a.mime}


def _activity_to_dict(a: Activity) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ACTIVITY_FIELDS:
        value = getattr(a, name)
        if name in _ACTIVITY_DATES:
            value = d_to_str(value)
        elif name in _ACTIVITY_DATETIMES:
            value = dt_to_str(value)
        elif name == "attachments":
            value = [_attachment_to_dict(x) for x in value]
        out[name] = value
    if a.task_id:  # optional since 1.1: absent when the activity answers no task
        out["task_id"] = a.task_id
    return out


def _activity_from_dict(d: dict[str, Any]) -> Activity:
    # The schema has already fixed the exact key set, so only the typed fields need converting;
    # this runs 2,000 times per package on import, hence no per-field loop.
    kwargs = {name: d[name] for name in ACTIVITY_FIELDS}
    for name in _ACTIVITY_DATES:
        kwargs[name] = d_from_str(kwargs[name])
    for name in _ACTIVITY_DATETIMES:
        kwargs[name] = dt_from_str(kwargs[name])
    atts = kwargs["attachments"]
    kwargs["attachments"] = (
        tuple(AttachmentRef(sha256=x["sha256"], name=x["name"], size=x["size"], mime=x["mime"]) for x in atts)
        if atts
        else ()
    )
    kwargs["task_id"] = d.get("task_id")
    return Activity(**kwargs)


def _document_to_dict(m: DocumentMeta) -> dict[str, Any]:
    s = m.signer
    return {
        "number": m.number,
        "symbol": m.symbol,
        "date": d_to_str(m.date),
        "place": m.place,
        "parent_body": m.parent_body,
        "issuer": m.issuer,
        "recipients": list(m.recipients),
        "cc": list(m.cc),
        "archive": m.archive,
        "signer": {
            "name": s.name,
            "title": s.title,
            "authority": s.authority,
            "authority_body": s.authority_body,
        },
    }


def _document_from_dict(d: dict[str, Any]) -> DocumentMeta:
    s = d["signer"]
    return DocumentMeta(
        number=d["number"],
        symbol=d["symbol"],
        date=d_from_str(d["date"]),
        place=d["place"],
        parent_body=d["parent_body"],
        issuer=d["issuer"],
        recipients=tuple(d["recipients"]),
        cc=tuple(d["cc"]),
        archive=d["archive"],
        signer=Signer(
            name=s["name"], title=s["title"], authority=s["authority"], authority_body=s["authority_body"]
        ),
    )


TASK_FIELDS = ("id", "area_id", "title", "lead", "timeframe", "output", "status", "reason")


def _task_to_dict(t: Task) -> dict[str, Any]:
    """A task as the office needs it: its status as shown (following activities or set by hand)
    and its time in words ("quý II", "Từ 01/02/2023 đến 31/03/2023")."""
    return {
        "id": t.id,
        "area_id": t.area_id,
        "title": t.title,
        "lead": t.lead,
        "timeframe": t.time_text(),
        "output": t.output,
        "status": t.effective,
        "reason": t.reason,
    }


def _task_from_dict(d: dict[str, Any]) -> Task:
    # the status travels as shown, so on the office side it is fixed (manual), not recomputed
    return Task(
        id=d["id"],
        area_id=d["area_id"],
        title=d["title"],
        lead=d["lead"],
        timeframe=d["timeframe"],
        output=d["output"],
        status=d["status"],
        reason=d["reason"],
        manual=True,
    )


def submission_to_dict(sub: Submission) -> dict[str, Any]:
    """The content of `data/submission.json` (format 1.1) for `sub`."""
    out = _submission_dict(sub)
    if sub.tasks:  # optional since 1.1: a unit without its own plan writes what 1.0 wrote
        out["tasks"] = [_task_to_dict(t) for t in sub.tasks]
    return out


def _submission_dict(sub: Submission) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "unit": unit_to_dict(sub.unit),
        "plan": plan_to_dict(sub.plan),
        "period": period_to_dict(sub.period),
        "document": _document_to_dict(sub.document),
        "indicators": [
            {"indicator_id": v.indicator_id, "value": v.value, "comment": v.comment} for v in sub.indicators
        ],
        "activities": [_activity_to_dict(a) for a in sub.activities],
        "narratives": [{"section_id": n.section_id, "text": n.text} for n in sub.narratives],
        "rule_results": [
            {
                "rule_id": r.rule_id,
                "severity": r.severity,
                "message": r.message,
                "left": r.left,
                "right": r.right,
                "comment": r.comment,
            }
            for r in sub.rule_results
        ],
        "finalized_at": dt_to_str(sub.finalized_at),
        "extras": dict(sub.extras),
    }


def submission_from_dict(d: dict[str, Any]) -> Submission:
    """Inverse of `submission_to_dict`. Expects a schema-valid dict (KeyError/ValueError otherwise)."""
    return Submission(
        unit=unit_from_dict(d["unit"]),
        plan=plan_from_dict(d["plan"]),
        period=period_from_dict(d["period"]),
        indicators=tuple(
            IndicatorValue(indicator_id=v["indicator_id"], value=v["value"], comment=v["comment"])
            for v in d["indicators"]
        ),
        activities=tuple(_activity_from_dict(a) for a in d["activities"]),
        narratives=tuple(
            NarrativeSection(section_id=n["section_id"], text=n["text"]) for n in d["narratives"]
        ),
        document=_document_from_dict(d["document"]),
        rule_results=tuple(
            RuleResult(
                rule_id=r["rule_id"],
                severity=r["severity"],
                message=r["message"],
                left=r["left"],
                right=r["right"],
                comment=r["comment"],
            )
            for r in d["rule_results"]
        ),
        finalized_at=dt_from_str(d["finalized_at"]),
        extras=dict(d["extras"]),
        tasks=tuple(_task_from_dict(t) for t in d.get("tasks", ())),
    )
