"""`dvcq keys`, `dvcq receipt`, and the trust parts of `dvcq import` / `dvcq status` on a unit."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dvcq_desktop.cli_commands import _open, emit, emit_line
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.paths import AppPaths


def cmd_keys(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services import keys

    with _open(paths) as ws:
        if args.backup_recipient:
            keys.set_backup_recipient(ws, args.backup_recipient)
        if args.new_backup_key:
            secret, recipient = keys.new_backup_identity()
            out = Path(args.new_backup_key)
            from dvcq_desktop.storage.fsutil import write_bytes_atomic

            write_bytes_atomic(
                out, f"# khóa dự phòng của cơ quan tổng hợp — giữ kín, ngoài máy\n{secret}\n".encode()
            )
            keys.set_backup_recipient(ws, recipient)
        if args.require_signed:
            ws.use_period(args.period)
            keys.set_require_signed(ws, ws.period.id, args.require_signed == "on")
        report = keys.keys_report(ws)
    lines = [
        f"Mã khóa của thư mục dữ liệu này: {report['fingerprint']}",
        f"Khóa giải mã (age): {report['encryption_recipient']}",
        f"Bảo vệ khóa bí mật: {report['key_protection_note']}",
    ]
    for u in report.get("units", []):
        lines.append(f"- đơn vị {u['code']}: {u['fingerprint']} (ghi nhận {u['pinned_at'][:10]})")
    office = report.get("office")
    if office:
        lines.append(f"Khóa cơ quan tổng hợp đã ghi nhận: {office['fingerprint']} ({office['source']})")
    emit(args, report, "\n".join(lines))
    return 0


def cmd_receipt(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.receipt_reply import set_unit_email, write_reply
    from dvcq_desktop.services.receipts import make_receipt, make_receipts_for_batch

    if args.all and args.to is not None:
        raise DvcqError("receipt_to_needs_unit")
    with _open(paths) as ws:
        if args.all:
            written = make_receipts_for_batch(ws, args.period, Path(args.out))
            emls = [write_reply(ws, p) for p in written] if args.eml else []
            payload: dict[str, Any] = {"paths": [str(p) for p in written]}
            if args.eml:
                payload["emls"] = [str(p) for p in emls]
            emit(args, payload, "\n".join(f"Đã lập biên nhận: {p}" for p in [*written, *emls]))
            return 0
        if args.to is not None:
            set_unit_email(ws, args.unit, args.to)
        path = make_receipt(ws, args.unit, args.period, Path(args.out))
        eml = write_reply(ws, path) if args.eml else None
    payload = {"path": str(path), "unit": args.unit}
    text = f"Đã lập biên nhận: {path}"
    if eml is not None:
        payload["eml"] = str(eml)
        text += f"\nThư trả lời kèm biên nhận (mở bằng chương trình thư điện tử): {eml}"
    emit(args, payload, text)
    return 0


def accept_keys(args: argparse.Namespace) -> dict[str, str]:
    codes = list(getattr(args, "accept_key", None) or [])
    if codes and not (getattr(args, "reason", None) or "").strip():
        raise DvcqError("import_accept_key_reason")
    return {c: args.reason.strip() for c in codes}


def is_receipt(path: Path) -> bool:
    from dvcq_desktop.package.receipt_file import EXTENSION, looks_like_receipt

    return path.suffix.lower() == EXTENSION or looks_like_receipt(path)


def import_on_unit(args: argparse.Namespace, paths: AppPaths) -> int:
    """A unit takes receipts (kind = receipt) and plan files (kind = plan)."""
    from dvcq_desktop.package.receipt_file import EXTENSION
    from dvcq_desktop.services.receipts import take_receipt

    receipts: list[Path] = []
    others: list[str] = []
    for raw in args.paths:
        p = Path(raw)
        if p.is_dir():
            receipts.extend(sorted(p.glob(f"*{EXTENSION}")))
            others.append(raw)
        elif is_receipt(p):
            receipts.append(p)
        else:
            others.append(raw)
    code = 0
    if receipts:
        with _open(paths) as ws:
            outcomes = [take_receipt(ws, f) for f in receipts]
        for o in outcomes:
            emit_line(args, o.to_dict(), f"{o.file.name}: {o.outcome} — {o.message}")
    if others or not receipts:
        from dvcq_desktop.cli_periods import cmd_import_plans

        args.paths = others
        if others:
            code = cmd_import_plans(args, paths)
    return code


def status_on_unit(args: argparse.Namespace, paths: AppPaths) -> int:
    from dvcq_desktop.services.receipts import export_status

    with _open(paths) as ws:
        rows = export_status(ws)
    lines = [
        f"- kỳ {r['period']}, lần {r['revision']} ({r['exported_at'][:16].replace('T', ' ')}): {r['receipt_text']}"
        for r in rows
    ] or ["Chưa xuất gói nào."]
    emit(args, {"role": "unit", "exports": rows}, "\n".join(lines))
    return 0


def verify_receipt(path: Path) -> dict[str, Any]:
    """`dvcq verify FILE.dvcqbn --json`: kind = receipt, ok, code, signature, signer, entries."""
    from dvcq_desktop.package.receipt_file import ReceiptError, read_receipt

    try:
        rc = read_receipt(path)
    except ReceiptError as exc:
        sig = "invalid" if exc.code == "receipt_signature_invalid" else None
        return {
            "path": str(path),
            "kind": "receipt",
            "ok": False,
            "code": exc.code,
            "message": exc.message,
            "signature": sig,
        }
    return {
        "path": str(path),
        "kind": "receipt",
        "ok": True,
        "code": None,
        "message": f"Biên nhận hợp lệ của {rc.manifest['office']['name']}: {len(rc.entries)} gói.",
        "receipt_id": rc.receipt_id,
        "office": rc.manifest["office"]["code"],
        "unit": rc.manifest["unit"]["code"],
        "count": len(rc.entries),
        "signature": rc.signature.status,
        "signer": rc.signature.signer,
        "sha256": rc.sha256,
    }
