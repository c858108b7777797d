"""Indicator values, rule comments, narrative sections and document metadata of one period."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlite_utils import Database

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.records import DocumentMeta, IndicatorValue, NarrativeSection, Signer
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.storage import audit
from dvcq_desktop.storage.entry_check import checked_number, checked_text
from dvcq_desktop.text import entry_line


def _now() -> str:
    return clock.iso(clock.now())


def _period_map(
    db: Database, table: str, key: str, column: str, plan_id: str, period_id: str
) -> dict[str, Any]:
    """`{key: column}` of one period's rows of a per-period table (names are this module's constants)."""
    return {
        r[key]: r[column]
        for r in db.query(
            f"SELECT {key}, {column} FROM {table} WHERE plan_id = ? AND period_id = ?", [plan_id, period_id]
        )
    }


def _upsert(db: Database, table: str, row: dict[str, Any], key: tuple[str, ...]) -> None:
    """Insert the row stamped `updated_at`, or on a clash of `key` update its other columns."""
    row = {**row, "updated_at": _now()}
    columns = ", ".join(row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in key)
    db.execute(
        f"INSERT INTO {table}({columns}) VALUES ({','.join('?' * len(row))}) "
        f"ON CONFLICT({', '.join(key)}) DO UPDATE SET {updates}",
        list(row.values()),
    )


# ---- indicator values -------------------------------------------------------------------------
def values(db: Database, plan_id: str, period_id: str) -> dict[str, IndicatorValue]:
    return {
        r["indicator_id"]: IndicatorValue(r["indicator_id"], r["value"], r["comment"])
        for r in db.query(
            "SELECT indicator_id, value, comment FROM indicator_values WHERE plan_id = ? AND period_id = ?",
            [plan_id, period_id],
        )
    }


def set_values(db: Database, plan_id: str, period_id: str, items: list[IndicatorValue]) -> None:
    """Save several values at once (a whole form): all or nothing, each change audited."""
    with db.atomic():
        current = values(db, plan_id, period_id)
        for item in items:
            if item.value is not None and item.value < 0:
                raise DvcqError("value_negative", detail=item.indicator_id)
            checked_number("indicator.value", item.value, f"Chỉ tiêu {item.indicator_id}")
            comment = checked_text("indicator.comment", item.comment, f"Ghi chú chỉ tiêu {item.indicator_id}")
            old = current.get(item.indicator_id)
            if old is not None and old.value == item.value and old.comment == comment:
                continue
            _upsert(
                db,
                "indicator_values",
                {
                    "plan_id": plan_id,
                    "period_id": period_id,
                    "indicator_id": item.indicator_id,
                    "value": item.value,
                    "comment": comment,
                },
                ("plan_id", "period_id", "indicator_id"),
            )
            if old is None or old.value != item.value:
                audit.record(
                    db,
                    "indicator",
                    f"{period_id}/{item.indicator_id}",
                    "update",
                    field="value",
                    old=None if old is None else old.value,
                    new=item.value,
                )
            if old is None or old.comment != comment:
                audit.record(
                    db,
                    "indicator",
                    f"{period_id}/{item.indicator_id}",
                    "update",
                    field="comment",
                    old=None if old is None else old.comment,
                    new=comment,
                )


def set_value(
    db: Database,
    plan_id: str,
    period_id: str,
    indicator_id: str,
    value: int | None,
    comment: str | None = None,
) -> None:
    cur = values(db, plan_id, period_id).get(indicator_id)
    keep = cur.comment if cur and comment is None else (comment or "")
    set_values(db, plan_id, period_id, [IndicatorValue(indicator_id, value, keep)])


# ---- rule comments (explanations for warnings) -----------------------------------------------
def rule_comments(db: Database, plan_id: str, period_id: str) -> dict[str, str]:
    return _period_map(db, "rule_comments", "rule_id", "comment", plan_id, period_id)


def set_rule_comment(db: Database, plan_id: str, period_id: str, rule_id: str, comment: str) -> None:
    comment = checked_text("rule.comment", comment, "Giải trình")
    with db.atomic():
        old = rule_comments(db, plan_id, period_id).get(rule_id)
        _upsert(
            db,
            "rule_comments",
            {"plan_id": plan_id, "period_id": period_id, "rule_id": rule_id, "comment": comment},
            ("plan_id", "period_id", "rule_id"),
        )
        if old != comment:
            audit.record(db, "rule_comment", f"{period_id}/{rule_id}", "update", old=old, new=comment)


# ---- narrative sections ------------------------------------------------------------------------
def narratives(db: Database, plan_id: str, period_id: str) -> dict[str, str]:
    return _period_map(db, "narratives", "section_id", "text", plan_id, period_id)


def set_narrative(db: Database, plan_id: str, period_id: str, section_id: str, text: str) -> None:
    text = checked_text("narrative.text", text, f"Mục {section_id}")
    with db.atomic():
        old = narratives(db, plan_id, period_id).get(section_id)
        if old == text:
            return
        _upsert(
            db,
            "narratives",
            {"plan_id": plan_id, "period_id": period_id, "section_id": section_id, "text": text},
            ("plan_id", "period_id", "section_id"),
        )
        audit.record(db, "narrative", f"{period_id}/{section_id}", "update", old=old, new=text)


def narrative_sections(
    db: Database, plan_id: str, period_id: str, order: list[str]
) -> tuple[NarrativeSection, ...]:
    texts = narratives(db, plan_id, period_id)
    return tuple(NarrativeSection(sid, texts.get(sid, "")) for sid in order)


# ---- document metadata -------------------------------------------------------------------------
def document_meta(
    db: Database, plan_id: str, period_id: str, defaults: dict[str, Any], signer: dict[str, str]
) -> DocumentMeta:
    """Stored metadata for the period, filled from the workspace defaults where unset."""
    rows = list(
        db.query("SELECT meta FROM documents WHERE plan_id = ? AND period_id = ?", [plan_id, period_id])
    )
    meta: dict[str, Any] = {**defaults, "signer": signer}
    if rows:
        stored = json.loads(rows[0]["meta"])
        meta.update({k: v for k, v in stored.items() if v is not None})
    return meta_from_dict(meta)


def set_document_meta(db: Database, plan_id: str, period_id: str, meta: DocumentMeta) -> None:
    meta = meta_from_dict(meta_to_dict(meta))  # every field through the input door
    check_meta(meta)
    new = json.dumps(meta_to_dict(meta), ensure_ascii=False, sort_keys=True)
    with db.atomic():
        rows = list(
            db.query("SELECT meta FROM documents WHERE plan_id = ? AND period_id = ?", [plan_id, period_id])
        )
        old = rows[0]["meta"] if rows else None
        if old == new:
            return
        _upsert(
            db,
            "documents",
            {"plan_id": plan_id, "period_id": period_id, "meta": new},
            ("plan_id", "period_id"),
        )
        audit.record(db, "document", period_id, "update", old=old, new=new)


_META_LABELS = {
    "number": "Số văn bản",
    "symbol": "Ký hiệu",
    "place": "Địa danh",
    "parent_body": "Cơ quan chủ quản",
    "issuer": "Cơ quan ban hành",
    "archive": "Lưu",
}
_SIGNER_LABELS = {
    "name": "Họ tên người ký",
    "title": "Chức vụ người ký",
    "authority": "Thẩm quyền ký",
    "authority_body": "Cơ quan sau thẩm quyền ký",
}


def check_meta(m: DocumentMeta) -> None:
    """Refuse document fields longer than the package allows (the text itself is cleaned by
    `meta_from_dict`)."""
    for key, label in _META_LABELS.items():
        checked_text(f"document.{key}", getattr(m, key), label)
    for key, label in _SIGNER_LABELS.items():
        checked_text(f"signer.{key}", getattr(m.signer, key), label)
    for x in m.recipients:
        checked_text("document.recipient", x, "Kính gửi")
    for x in m.cc:
        checked_text("document.cc", x, "Nơi nhận")


def meta_to_dict(m: DocumentMeta) -> dict[str, Any]:
    return {
        "number": m.number,
        "symbol": m.symbol,
        "date": m.date.isoformat() if m.date else None,
        "place": m.place,
        "parent_body": m.parent_body,
        "issuer": m.issuer,
        "recipients": list(m.recipients),
        "cc": list(m.cc),
        "archive": m.archive,
        "signer": {
            "name": m.signer.name,
            "title": m.signer.title,
            "authority": m.signer.authority,
            "authority_body": m.signer.authority_body,
        },
    }


def meta_from_dict(d: dict[str, Any]) -> DocumentMeta:
    s = d.get("signer") or {}
    clean = entry_line  # every document field is one line
    raw_date = d.get("date")
    return DocumentMeta(
        number=clean(str(d.get("number") or "")),
        symbol=clean(d.get("symbol") or ""),
        date=date.fromisoformat(raw_date) if raw_date else None,
        place=clean(d.get("place") or ""),
        parent_body=clean(d.get("parent_body") or ""),
        issuer=clean(d.get("issuer") or ""),
        recipients=tuple(clean(x) for x in d.get("recipients") or () if clean(x)),
        cc=tuple(clean(x) for x in d.get("cc") or () if clean(x)),
        archive=clean(d.get("archive") or "VT"),
        signer=Signer(
            name=clean(s.get("name") or ""),
            title=clean(s.get("title") or ""),
            authority=clean(s.get("authority") or ""),
            authority_body=clean(s.get("authority_body") or ""),
        ),
    )
