"""A reply e-mail draft that carries the office's receipt back to the unit: the `.eml` helper of the
unit's submission (services/email_draft.py) with the `.dvcqbn` as its attachment, addressed to the
unit's e-mail address when the office has noted one, and a short Vietnamese body that says what was
received, when, and whether it was on time."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dvcq_desktop.domain import clock
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package.receipt_file import MIMETYPE, read_receipt
from dvcq_desktop.services.email_draft import write_draft
from dvcq_desktop.services.receipts import timeliness
from dvcq_desktop.storage import periods_repo
from dvcq_desktop.storage.workspace import Workspace
from dvcq_desktop.text import format_datetime

UNIT_EMAILS = "unit_emails"  # office: unit code → the address its reports come from


def unit_email(ws: Workspace, unit_code: str) -> str:
    return str((ws.setting(UNIT_EMAILS, {}) or {}).get(unit_code, ""))


def set_unit_email(ws: Workspace, unit_code: str, address: str) -> None:
    """Remember (or, with "", forget) the address a unit's receipts are sent to."""
    address = address.strip()
    if address and (address.count("@") != 1 or any(c.isspace() for c in address) or len(address) > 254):
        raise DvcqError("receipt_bad_email", address=address[:80])
    book = dict(ws.setting(UNIT_EMAILS, {}) or {})
    if address:
        book[unit_code] = address
    else:
        book.pop(unit_code, None)
    ws.set_setting(UNIT_EMAILS, book)


def _period_phrase(ws: Workspace, period_id: str) -> str:
    label = next((p.label for p in periods_repo.list_periods(ws.db) if p.id == period_id), period_id)
    return label[:1].lower() + label[1:]


def reply_subject(*, unit_name: str, period_phrase: str) -> str:
    return f"[DVCQ] Biên nhận báo cáo công tác dân vận chính quyền {period_phrase} - {unit_name}"


def reply_body(
    *, office_name: str, unit_name: str, period_phrase: str, entries: list[dict[str, Any]], file_name: str
) -> str:
    lines = [
        f"Kính gửi: {unit_name},",
        "",
        f"{office_name} đã tiếp nhận báo cáo công tác dân vận chính quyền {period_phrase} của đơn vị:",
    ]
    for e in sorted(entries, key=lambda e: int(e["revision"])):
        when = format_datetime(clock.parse_iso(str(e["received_at"])))
        late = timeliness(str(e["received_at"]), date.fromisoformat(str(e["deadline"])))
        lines.append(f"- lần gửi {e['revision']}: nhận lúc {when} ({late}).")
    lines += [
        "",
        f"Biên nhận có chữ ký của cơ quan đính kèm: {file_name}",
        "Đơn vị mở tệp này bằng phần mềm Dân vận chính quyền (bấm đúp, hoặc kéo vào trang “Nộp báo cáo”) "
        "để lưu biên nhận vào lịch sử nộp báo cáo.",
        "",
        "Trân trọng.",
    ]
    return "\n".join(lines) + "\n"


def write_reply(
    ws: Workspace, receipt_path: Path, out_path: Path | None = None, to_address: str | None = None
) -> Path:
    """The reply draft for one receipt, next to it by default (same name, `.eml`)."""
    receipt_path = Path(receipt_path)
    rc = read_receipt(receipt_path)  # the draft says only what the signed receipt says
    unit, office = rc.manifest["unit"], rc.manifest["office"]
    phrase = _period_phrase(ws, str(rc.entries[0]["period_id"]))
    return write_draft(
        receipt_path,
        out_path or receipt_path.with_suffix(".eml"),
        subject=reply_subject(unit_name=unit["name"], period_phrase=phrase),
        body=reply_body(
            office_name=office["name"],
            unit_name=unit["name"],
            period_phrase=phrase,
            entries=rc.entries,
            file_name=receipt_path.name,
        ),
        media_type=MIMETYPE,
        to_address=unit_email(ws, unit["code"]) if to_address is None else to_address,
    )
