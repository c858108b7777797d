"""Receipts: the office signs, for each package it accepted, what it received and when; the unit
takes the receipt back and its export history shows "Đã được tiếp nhận lúc … (đúng hạn / trễ n
ngày)". A receipt naming a package this workspace never exported, or signed by a key other than
the office key the unit pinned, is refused whole and changes nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dvcq_desktop.domain import clock
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.messages import render
from dvcq_desktop.package.receipt_file import EXTENSION, ReceiptError, build_receipt, read_receipt
from dvcq_desktop.services import keys
from dvcq_desktop.storage import keys_repo
from dvcq_desktop.storage.fsutil import write_bytes_atomic
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_datetime

_OUTCOME = {"new": "new", "newer": "newer-revision", "older": "older-revision"}


# ---- office --------------------------------------------------------------------------------------
def make_receipt(ws: Workspace, unit_code: str, period_id: str | None, out_dir: Path) -> Path:
    """Write one signed receipt for every package of `unit_code` accepted for the period."""
    if ws.role != "aggregator":
        raise DvcqError("receipt_wrong_role")
    ws.use_period(period_id)
    plan, period = ws.plan, ws.period
    rows = list(
        ws.db.query(
            "SELECT * FROM received WHERE unit_code = ? AND plan_id = ? AND period_id = ? ORDER BY revision",
            [unit_code, plan.id, period.id],
        )
    )
    if not rows:
        raise DvcqError("receipt_nothing", unit=unit_code, period=period.id)
    entries = [
        {
            "package_id": r["package_id"],
            "sha256": r["sha256"],
            "unit_code": r["unit_code"],
            "plan_id": r["plan_id"],
            "period_id": r["period_id"],
            "revision": r["revision"],
            "received_at": r["received_at"],
            "outcome": _OUTCOME[r["status"]],
            "deadline": period.deadline.isoformat(),
        }
        for r in rows
    ]
    own = ws.own_unit
    unit_name = ws.catalog.unit(unit_code).name if ws.catalog.has_unit(unit_code) else unit_code
    now = clock.now()
    data, _rid = build_receipt(
        entries,
        office={"code": own.code, "name": own.name},
        unit={"code": unit_code, "name": unit_name},
        created_at=clock.iso(now),
        sign=keys.signer(ws),
    )
    slug = re.sub(r"[^A-Za-z0-9._-]", "-", unit_code)
    name = f"BienNhan_{re.sub(r'[^A-Za-z0-9._-]', '-', period.id)}_{slug}_{now:%Y%m%d-%H%M%S}{EXTENSION}"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_bytes_atomic(out_dir / name, data)


def make_receipts_for_batch(ws: Workspace, period_id: str | None, out_dir: Path) -> list[Path]:
    """One receipt per unit that has accepted packages in the period (a whole batch at once)."""
    if ws.role != "aggregator":
        raise DvcqError("receipt_wrong_role")
    ws.use_period(period_id)
    codes = [
        r[0]
        for r in ws.db.execute(
            "SELECT DISTINCT unit_code FROM received WHERE plan_id = ? AND period_id = ? ORDER BY unit_code",
            [ws.plan.id, ws.period.id],
        )
    ]
    if not codes:
        raise DvcqError("receipt_nothing", unit="(mọi đơn vị)", period=ws.period.id)
    return [make_receipt(ws, code, ws.period.id, out_dir) for code in codes]


# ---- unit ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReceiptOutcome:
    file: Path
    outcome: str  # new / duplicate / rejected
    reason: str
    message: str
    count: int = 0
    signer: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "kind": "receipt",
            "outcome": self.outcome,
            "reason": self.reason,
            "message": self.message,
            "count": self.count,
            "signer": self.signer,
        }


def take_receipt(ws: Workspace, path: Path) -> ReceiptOutcome:
    path = Path(path)
    if ws.role != "unit":
        return ReceiptOutcome(path, "rejected", "receipt_wrong_role", render("receipt_wrong_role"))
    try:
        rc = read_receipt(path)
    except ReceiptError as exc:
        return ReceiptOutcome(path, "rejected", exc.code, exc.message)
    sig = rc.signature
    assert sig.public_key is not None and sig.signer is not None  # a receipt is always signed
    clash = keys.office_key_clash(ws, sig.public_key)
    if clash is not None:
        msg = render("receipt_key_mismatch", old=clash[0], new=clash[1])
        return ReceiptOutcome(path, "rejected", "receipt_key_mismatch", msg, signer=sig.signer)
    mine = {r["package_id"]: r for r in ws.db.query("SELECT * FROM exports")}
    for e in rc.entries:
        row = mine.get(str(e["package_id"]))
        if row is None or row["sha256"] != e["sha256"] or row["revision"] != e["revision"]:
            msg = render("receipt_unknown_package", package=str(e["package_id"])[:36])
            return ReceiptOutcome(path, "rejected", "receipt_unknown_package", msg, signer=sig.signer)
    first_pin = keys.pinned_office(ws) is None
    taken = clock.iso(clock.now())
    with ws.db.atomic():
        if first_pin:  # trust on first use: shown to the officer in the message
            keys_repo.pin(
                ws.db,
                party="office",
                code=str(rc.manifest["office"]["code"]),
                public_key=sig.public_key,
                fingerprint=sig.signer,
                source="receipt",
            )
        for e in rc.entries:
            keys_repo.store_receipt(
                ws.db,
                {
                    "package_id": e["package_id"],
                    "sha256": e["sha256"],
                    "receipt_id": rc.receipt_id,
                    "received_at": e["received_at"],
                    "outcome": e["outcome"],
                    "office_fingerprint": sig.signer,
                    "taken_at": taken,
                },
            )
    code = "receipt_taken_tofu" if first_pin else "receipt_taken"
    msg = render(code, count=len(rc.entries), fingerprint=sig.signer)
    return ReceiptOutcome(path, "new", code, msg, count=len(rc.entries), signer=sig.signer)


def timeliness(received_at: str, deadline: date) -> str:
    late = clock.days_late(clock.parse_iso(received_at), deadline)
    return "đúng hạn" if late <= 0 else f"trễ {late} ngày"


def export_status(ws: Workspace) -> list[dict[str, Any]]:
    """The unit's exports, newest first, with the office's receipt when one was taken."""
    deadlines = {
        (r["plan_id"], r["id"]): date.fromisoformat(r["deadline"])
        for r in ws.db.query("SELECT * FROM periods")
    }
    out = []
    for r in ws.db.query("SELECT * FROM exports ORDER BY created_at DESC, revision DESC"):
        rc = keys_repo.receipt_of(ws.db, r["package_id"])
        item: dict[str, Any] = {
            "package_id": r["package_id"],
            "unit": r["unit_code"],
            "plan": r["plan_id"],
            "period": r["period_id"],
            "revision": r["revision"],
            "sha256": r["sha256"],
            "path": r["path"],
            "exported_at": r["created_at"],
            "received_at": rc["received_at"] if rc else None,
            "receipt_outcome": rc["outcome"] if rc else None,
        }
        deadline = deadlines.get((r["plan_id"], r["period_id"]))
        if rc and deadline is not None:
            item["timeliness"] = timeliness(rc["received_at"], deadline)
            item["receipt_text"] = (
                f"Đã được tiếp nhận lúc {format_datetime(clock.parse_iso(rc['received_at']))} ({item['timeliness']})"
            )
        else:
            item["receipt_text"] = "Chưa có biên nhận"
        out.append(item)
    return out


def receipt_text(ws: Workspace, package_id: str, period_deadline: date) -> str:
    """What the export history shows for one package: the office's receipt, or that none came."""
    rc = keys_repo.receipt_of(ws.db, package_id)
    if rc is None:
        return "Chưa có biên nhận"
    when = format_datetime(clock.parse_iso(rc["received_at"]))
    return f"Đã được tiếp nhận lúc {when} ({timeliness(rc['received_at'], period_deadline)})"


def receipt_note(db: Any, plan_id: str, period: Any) -> str:
    """For Tổng quan's headline: ". Đã được tiếp nhận lúc … (đúng hạn)" when the latest export of the
    period has a receipt, else ""."""
    from dvcq_desktop.storage import exports

    rows = exports.history(db, plan_id, period.id)
    rc = keys_repo.receipt_of(db, rows[0]["package_id"]) if rows else None
    if rc is None:
        return ""
    when = format_datetime(clock.parse_iso(rc["received_at"]))
    return f". Đã được tiếp nhận lúc {when} ({timeliness(rc['received_at'], period.deadline)})"
