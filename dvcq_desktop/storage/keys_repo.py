"""The workspace's own key pairs and the keys it pinned for the other side of the channel.

Rows only: making keys and checking signatures live in package/signing.py and services/keys.py.
Every pin, and every deliberate replacement of a pinned key, is in the audit log with its reason.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlite_utils import Database

from dvcq_desktop.domain import clock
from dvcq_desktop.storage import audit, keywrap


def fingerprint(public_key: bytes) -> str:
    """First 16 hex digits of SHA-256 of the raw key, upper case, in groups of four."""
    digest = hashlib.sha256(public_key).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def age_fingerprint(recipient: str) -> str:
    """Same shape for an age recipient ("age1…"): SHA-256 of its text form."""
    return fingerprint(recipient.encode("ascii"))


def ensure_own(db: Database, db_path: Path | None = None) -> bool:
    """Make the workspace's key pairs if it has none yet (new workspace, or the first open after
    the upgrade). True when keys were made."""
    made = False
    with db.atomic():
        if own(db, "sign") is None:
            key = Ed25519PrivateKey.generate()
            seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
            pub = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
            blob, how = keywrap.wrap(seed)
            store_own(db, _row("sign", base64.b64encode(pub).decode("ascii"), blob, how, fingerprint(pub)))
            made = True
        if own(db, "decrypt") is None:
            ident = pyrage.x25519.Identity.generate()
            recipient = str(ident.to_public())
            blob, how = keywrap.wrap(str(ident).encode("ascii"))
            store_own(db, _row("decrypt", recipient, blob, how, age_fingerprint(recipient)))
            made = True
    if db_path is not None:  # also after a restore, which writes a fresh file
        keywrap.owner_only(db_path)
    return made


def _row(purpose: str, public: str, blob: bytes, how: str, fp: str) -> dict[str, Any]:
    return {
        "purpose": purpose,
        "public_key": public,
        "private_key": blob,
        "wrapping": how,
        "fingerprint": fp,
        "created_at": clock.iso(clock.now()),
    }


def private_of(db: Database, purpose: str) -> bytes:
    row = own(db, purpose)
    if row is None:
        from dvcq_desktop.errors import DvcqError

        raise DvcqError("key_missing")
    return keywrap.unwrap(row["private_key"], row["wrapping"])


def own(db: Database, purpose: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM workspace_keys WHERE purpose = ?", [purpose]))
    return rows[0] if rows else None


def store_own(db: Database, row: dict[str, Any]) -> None:
    with db.atomic():
        db.table("workspace_keys").insert(row)
        audit.record(db, "key", row["purpose"], "create", new=row["fingerprint"])


def pinned(db: Database, party: str, code: str) -> dict[str, Any] | None:
    rows = list(
        db.query(
            "SELECT * FROM pinned_keys WHERE party = ? AND code = ? AND replaced_at IS NULL "
            "ORDER BY id DESC LIMIT 1",
            [party, code],
        )
    )
    return rows[0] if rows else None


def all_pinned(db: Database, party: str | None = None) -> list[dict[str, Any]]:
    where, args = (" AND party = ?", [party]) if party else ("", [])
    return list(
        db.query(f"SELECT * FROM pinned_keys WHERE replaced_at IS NULL{where} ORDER BY party, code", args)
    )


def pin(
    db: Database,
    *,
    party: str,
    code: str,
    public_key: str,
    fingerprint: str,
    source: str,
    reason: str | None = None,
) -> None:
    """Pin (or deliberately replace) the key trusted for `party`/`code`. Caller holds a transaction
    or not: this one is its own atomic step either way."""
    now = clock.iso(clock.now())
    with db.atomic():
        old = pinned(db, party, code)
        if old is not None:
            if old["public_key"] == public_key:
                return
            db.execute("UPDATE pinned_keys SET replaced_at = ? WHERE id = ?", [now, old["id"]])
        db.table("pinned_keys").insert(
            {
                "party": party,
                "code": code,
                "public_key": public_key,
                "fingerprint": fingerprint,
                "source": source,
                "pinned_at": now,
                "replaced_at": None,
                "reason": reason,
            }
        )
        audit.record(
            db,
            "pinned_key",
            f"{party}:{code}",
            "update" if old else "create",
            old=old["fingerprint"] if old else None,
            new=fingerprint,
            reason=reason or source,
        )


def store_receipt(db: Database, row: dict[str, Any]) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO receipts(package_id, sha256, receipt_id, received_at, outcome, "
            "office_fingerprint, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(package_id) DO UPDATE SET receipt_id = excluded.receipt_id, "
            "received_at = excluded.received_at, outcome = excluded.outcome, "
            "office_fingerprint = excluded.office_fingerprint, taken_at = excluded.taken_at",
            [
                row["package_id"],
                row["sha256"],
                row["receipt_id"],
                row["received_at"],
                row["outcome"],
                row["office_fingerprint"],
                row["taken_at"],
            ],
        )
        audit.record(db, "receipt", row["package_id"], "create", new=row["received_at"])


def receipt_of(db: Database, package_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM receipts WHERE package_id = ?", [package_id]))
    return rows[0] if rows else None
