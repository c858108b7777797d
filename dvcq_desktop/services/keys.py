"""The workspace's keys as the rest of the app uses them: sign with it, open sealed packages with
it, know whom to encrypt for, pin the other side's key, and report it all (`dvcq keys`)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package import signing
from dvcq_desktop.package.sealing import Recipient
from dvcq_desktop.storage import audit, keys_repo, keywrap, settings
from dvcq_desktop.storage.workspace import Workspace

OFFICE_KEYS = "office_keys"  # unit: the office's keys as its plan file named them
BACKUP_RECIPIENT = "office_backup_recipient"  # office: the head's backup age key (public part)
REQUIRE_SIGNED = "require_signed_periods"  # office: periods that accept signed packages only


def signer(ws: Workspace) -> Callable[[bytes], bytes]:
    """`manifest bytes → signature.json bytes` with this workspace's key."""
    key = Ed25519PrivateKey.from_private_bytes(keys_repo.private_of(ws.db, "sign"))
    return lambda manifest: signing.signature_member(key, manifest)


def identities(ws: Workspace) -> list[str]:
    """The age secret keys this workspace may open sealed packages with."""
    return [keys_repo.private_of(ws.db, "decrypt").decode("ascii")]


def own_public(ws: Workspace) -> dict[str, str]:
    sign = keys_repo.own(ws.db, "sign")
    dec = keys_repo.own(ws.db, "decrypt")
    if sign is None or dec is None:
        raise DvcqError("key_missing")
    return {
        "fingerprint": sign["fingerprint"],
        "public_key": sign["public_key"],
        "encryption_recipient": dec["public_key"],
        "encryption_fingerprint": dec["fingerprint"],
        "key_protection": sign["wrapping"],
    }


def fingerprint(ws: Workspace) -> str:
    row = keys_repo.own(ws.db, "sign")
    return str(row["fingerprint"]) if row else ""


# ---- office side: what goes into the plan file --------------------------------------------------
def plan_file_keys(ws: Workspace) -> dict[str, Any]:
    """The office's public keys for its plan file: the signing key units pin, the age recipients
    units encrypt for (the office's own, and the backup key held by the head of the office)."""
    me = own_public(ws)
    recipients = [{"role": "office", "recipient": me["encryption_recipient"]}]
    backup = settings.get(ws.db, BACKUP_RECIPIENT)
    if backup:
        recipients.append({"role": "office-backup", "recipient": str(backup)})
    return {"sign": me["public_key"], "encrypt": recipients}


def set_backup_recipient(ws: Workspace, recipient: str) -> None:
    try:
        pyrage.x25519.Recipient.from_str(recipient)
    except (pyrage.RecipientError, ValueError):
        raise DvcqError("key_bad_recipient", recipient=recipient[:80]) from None
    settings.put(ws.db, BACKUP_RECIPIENT, recipient)


def identities_from_file(path: str) -> list[str]:
    """The age secret keys in a key file (the backup key the head of the office kept)."""
    from pathlib import Path

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise DvcqError("key_file_unreadable", detail=repr(exc), path=str(path)) from None
    found = [line.strip() for line in text.splitlines() if line.strip().startswith("AGE-SECRET-KEY-1")]
    for ident in found:
        try:
            pyrage.x25519.Identity.from_str(ident)
        except (pyrage.IdentityError, ValueError):
            raise DvcqError("key_file_unreadable", path=str(path)) from None
    if not found:
        raise DvcqError("key_file_unreadable", path=str(path))
    return found


def new_backup_identity() -> tuple[str, str]:
    """A fresh age key pair for the head of the office: (secret to print/keep offline, recipient)."""
    ident = pyrage.x25519.Identity.generate()
    return str(ident), str(ident.to_public())


# ---- unit side: the office's key from its plan file / first receipt ------------------------------
def pin_office_from_plan(
    ws: Workspace, office_code: str, keys: dict[str, Any] | None, signer_key: str | None
) -> None:
    """Called when the unit takes a signed plan file: pin the office's signing key and remember
    whom to encrypt for. Caller holds the transaction."""
    if not signer_key:
        return
    keys_repo.pin(
        ws.db,
        party="office",
        code=office_code,
        public_key=signer_key,
        fingerprint=signing.fingerprint_b64(signer_key),
        source="plan_file",
    )
    if keys:
        settings.put(ws.db, OFFICE_KEYS, {"office": office_code, **keys})


def office_key_clash(ws: Workspace, signer_key: str | None) -> tuple[str, str] | None:
    """(pinned, offered) fingerprints when a file claims to come from the office with another key
    (or unsigned while a key is pinned); None when it matches or nothing is pinned yet."""
    pinned = pinned_office(ws)
    if pinned is None or pinned["public_key"] == signer_key:
        return None
    return str(pinned["fingerprint"]), signing.fingerprint_b64(signer_key) if signer_key else "chưa ký"


def office_recipients(ws: Workspace) -> list[Recipient]:
    """Whom a unit's export is encrypted for; empty when no plan file named the office's key."""
    keys = settings.get(ws.db, OFFICE_KEYS)
    if not keys or not keys.get("encrypt"):
        return []
    out = [Recipient(str(r["role"]), str(r["recipient"])) for r in keys["encrypt"]]
    out.append(Recipient("unit", own_public(ws)["encryption_recipient"]))
    return out


def pinned_office(ws: Workspace) -> dict[str, Any] | None:
    rows = keys_repo.all_pinned(ws.db, "office")
    return rows[0] if rows else None


# ---- office side: signed-only periods ------------------------------------------------------------
def require_signed(ws: Workspace, period_id: str) -> bool:
    return period_id in (settings.get(ws.db, REQUIRE_SIGNED) or [])


def set_require_signed(ws: Workspace, period_id: str, on: bool) -> None:
    """Turn "chỉ nhận gói có chữ ký" on or off for a period; a change is kept in the audit log
    (it decides which units' packages the office refuses)."""
    was = require_signed(ws, period_id)
    if was == on:
        return
    periods = set(settings.get(ws.db, REQUIRE_SIGNED) or [])
    periods = periods | {period_id} if on else periods - {period_id}
    with ws.db.atomic():
        settings.put(ws.db, REQUIRE_SIGNED, sorted(periods))
        audit.record(ws.db, "period", period_id, "require_signed", field=REQUIRE_SIGNED, old=was, new=on)


def unsigned_current(ws: Workspace, period_id: str) -> list[str]:
    """Codes of the units whose current package for the period is unsigned (format 1.0): their next
    package is refused while the period accepts signed packages only."""
    rows = ws.db.execute(
        "SELECT unit_code FROM received WHERE period_id = ? AND is_current = 1 AND format_version = '1.0' "
        "ORDER BY unit_code",
        [period_id],
    )
    return [str(r[0]) for r in rows]


# ---- `dvcq keys` ---------------------------------------------------------------------------------
def keys_report(ws: Workspace) -> dict[str, Any]:
    out: dict[str, Any] = {"role": ws.role, **own_public(ws)}
    out["key_protection_note"] = (
        "Windows DPAPI (tài khoản hiện tại)"
        if out["key_protection"] == keywrap.DPAPI
        else "không mã hóa; tệp dữ liệu chỉ chủ sở hữu đọc được (0600)"
    )
    pins = [
        {
            "party": r["party"],
            "code": r["code"],
            "fingerprint": r["fingerprint"],
            "public_key": r["public_key"],
            "source": r["source"],
            "pinned_at": r["pinned_at"],
            "reason": r["reason"],
        }
        for r in keys_repo.all_pinned(ws.db)
    ]
    if ws.role == "aggregator":
        out["units"] = [p for p in pins if p["party"] == "unit"]
        out["backup_recipient"] = settings.get(ws.db, BACKUP_RECIPIENT)
        out["require_signed_periods"] = settings.get(ws.db, REQUIRE_SIGNED) or []
    else:
        office = [p for p in pins if p["party"] == "office"]
        out["office"] = office[0] if office else None
        out["encrypts_for"] = [r.role for r in office_recipients(ws)]
    return out


def b64_fingerprint(public_key_b64: str) -> str:
    return keys_repo.fingerprint(base64.b64decode(public_key_b64))


# ---- the export's hooks into the package writer ------------------------------------------------
def export_hooks(ws: Workspace, plan: Plan | None = None) -> dict[str, Any]:
    """`write_package` keyword arguments: always signed; sealed for the office when the unit
    holds the office's key from its plan file (read back with the unit's own key, its meaning
    judged against `plan` as the plain read-back does)."""
    from dvcq_desktop.package import sealing
    from dvcq_desktop.package.opening import open_package
    from dvcq_desktop.package.plans import known_plans

    sign = signer(ws)
    hooks: dict[str, Any] = {"sign": sign}
    recipients = office_recipients(ws) if ws.role == "unit" else []
    if recipients:
        mine = identities(ws)
        hooks["seal"] = lambda plain: sealing.seal(plain, recipients, sign)
        plans = known_plans(plan) if plan is not None else None
        hooks["read_back"] = lambda path: open_package(path, mine, plans=plans).package
    return hooks


# ---- office side: the unit's key on import -----------------------------------------------------
def check_unit_signer(
    ws: Workspace,
    unit_code: str,
    unit_name: str,
    period_id: str,
    sig: signing.SignatureCheck,
    accept: dict[str, str],
) -> tuple[str, dict[str, Any]] | None:
    """Why a package is refused for its signer, or None (and then the signer is pinned: first
    package of the unit, or a new key accepted deliberately with `accept[unit_code]` as the reason
    kept in the audit log). Caller holds the package's transaction."""
    if sig.status == signing.NONE:
        if require_signed(ws, period_id):
            return "import_unsigned_refused", {"period": period_id}
        return None
    assert sig.public_key is not None and sig.signer is not None
    pinned = keys_repo.pinned(ws.db, "unit", unit_code)
    if pinned is not None and pinned["public_key"] == sig.public_key:
        return None
    if pinned is not None and unit_code not in accept:
        return "import_key_changed", {"old": pinned["fingerprint"], "new": sig.signer, "unit_code": unit_code}
    keys_repo.pin(
        ws.db,
        party="unit",
        code=unit_code,
        public_key=sig.public_key,
        fingerprint=sig.signer,
        source="package" if pinned is None else "accepted",
        reason=accept.get(unit_code) if pinned is not None else None,
    )
    return None
