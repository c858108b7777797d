"""Signatures on the channel's files: plain Ed25519 (RFC 8032) over the exact bytes of
`manifest.json`, stored beside it as `signature.json`. The manifest hashes every other member, so
the signature covers the whole file. Any Ed25519 implementation can check it: base64-decode
`public_key` (32 bytes) and `signature` (64 bytes) and verify over the manifest member's bytes.

The fingerprint people compare on the phone: the first 16 hex digits of SHA-256 of the raw public
key, upper case, in groups of four ("3F2A 9C01 7B44 E0D5").
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.package.strict_json import dumps_canonical, loads_strict
from dvcq_desktop.storage.keys_repo import fingerprint

SIGNATURE = "signature.json"
SIGNED_MEMBER = "manifest.json"
ALGORITHM = "ed25519"
SIGNATURE_CAP = 64 * 1024
VALID, INVALID, NONE = "valid", "invalid", "none"


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def signature_member(key: Ed25519PrivateKey, manifest_bytes: bytes) -> bytes:
    """The `signature.json` bytes for these exact manifest bytes."""
    pub = public_bytes(key)
    doc = {
        "algorithm": ALGORITHM,
        "signed_member": SIGNED_MEMBER,
        "public_key": b64(pub),
        "fingerprint": fingerprint(pub),
        "signature": b64(key.sign(manifest_bytes)),
    }
    return dumps_canonical(doc, pretty=True)


@dataclass(frozen=True)
class SignatureCheck:
    status: str  # valid / none (an invalid signature raises)
    public_key: str | None = None  # base64 of the raw 32 bytes
    signer: str | None = None  # fingerprint

    def to_dict(self) -> dict[str, Any]:
        return {"signature": self.status, "signer": self.signer}


UNSIGNED = SignatureCheck(NONE)


def check(manifest_bytes: bytes, signature_bytes: bytes | None) -> SignatureCheck:
    """Check `signature.json` against the manifest bytes; raises PackageError
    (`pkg_signature_invalid`) when present and wrong, malformed or of another algorithm."""
    if signature_bytes is None:
        return UNSIGNED
    doc = loads_strict(signature_bytes, member=SIGNATURE, max_size=SIGNATURE_CAP)
    if not isinstance(doc, dict) or doc.get("algorithm") != ALGORITHM:
        raise PackageError("pkg_signature_invalid", SIGNATURE, detail="algorithm")
    if doc.get("signed_member") != SIGNED_MEMBER:  # the specs list it; a file without it is not ours
        raise PackageError("pkg_signature_invalid", SIGNATURE, detail="signed_member")
    try:
        pub = base64.b64decode(str(doc.get("public_key", "")), validate=True)
        sig = base64.b64decode(str(doc.get("signature", "")), validate=True)
        Ed25519PublicKey.from_public_bytes(pub).verify(sig, manifest_bytes)
    except (binascii.Error, ValueError, InvalidSignature) as exc:
        raise PackageError("pkg_signature_invalid", SIGNATURE, detail=repr(exc)) from None
    return SignatureCheck(VALID, b64(pub), fingerprint(pub))


def same_key(named: object, public_key_b64: str | None) -> bool:
    """Whether a key named in a manifest (base64) is the signer's: compared as the 32 bytes, since
    base64 has more than one spelling of the same bytes (padding bits) and the schema accepts each."""
    if not isinstance(named, str) or public_key_b64 is None:
        return False
    try:
        return base64.b64decode(named, validate=True) == base64.b64decode(public_key_b64)
    except (binascii.Error, ValueError):
        return False


def fingerprint_b64(public_key_b64: str) -> str:
    return fingerprint(base64.b64decode(public_key_b64))
