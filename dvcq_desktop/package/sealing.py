"""Packages encrypted for the receiving office (format 1.1, "sealed").

The whole signed package the unit built (an ordinary 1.1 package) is encrypted with age
(https://age-encryption.org/v1, X25519 recipients: the office's key, its backup key if the plan file
names one, and the unit's own key) into one member, `sealed/package.dvcq.age`. The outer file keeps
the same container rules and media type, and in clear only what routing needs: a manifest with the
package's identity (unit, plan, period, revision, package_id) and the sealed member's size and
SHA-256, signed like any 1.1 manifest. Anyone can check that the file is whole and who signed it;
only a holder of one of the recipients' keys can read it. No construction of our own: age does the
encryption, Ed25519 the signature.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

import pyrage

from dvcq_desktop.package import signing, zipcheck
from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.package.limits import DEFAULT_LIMITS, Limits
from dvcq_desktop.package.model import FORMAT_NAME, MANIFEST, MIMETYPE
from dvcq_desktop.package.strict_json import dumps_canonical, loads_strict

SEALED = "sealed/package.dvcq.age"
SCHEME = "age-x25519"
_NAMES = ("mimetype", MANIFEST, signing.SIGNATURE, SEALED)
_IDENTITY = ("package_id", "revision", "supersedes", "created_at", "finalized_at", "generator")
_STAMP = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Recipient:
    role: str  # office / office-backup / unit
    recipient: str  # "age1…"


def seal(
    plain: bytes,
    recipients: Sequence[Recipient],
    sign: Callable[[bytes], bytes],
) -> bytes:
    """The sealed file for a (signed) plain package's bytes."""
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        inner = loads_strict(zf.read(MANIFEST), member=MANIFEST, max_size=DEFAULT_LIMITS.max_manifest_size)
    try:
        keys = [pyrage.x25519.Recipient.from_str(r.recipient) for r in recipients]
        payload = pyrage.encrypt(plain, keys)
    except (pyrage.RecipientError, pyrage.EncryptError, ValueError) as exc:
        raise PackageError("pkg_seal_failed", detail=repr(exc)) from None
    manifest: dict[str, Any] = {"format": FORMAT_NAME, "format_version": "1.1"}
    manifest.update({k: inner[k] for k in _IDENTITY})
    manifest.update({k: inner[k] for k in ("plan", "unit", "period")})
    manifest["members"] = [
        {"path": SEALED, "sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}
    ]
    manifest["sealed"] = {
        "scheme": SCHEME,
        "member": SEALED,
        "content_size": len(plain),
        "recipients": [{"role": r.role, "recipient": r.recipient} for r in recipients],
    }
    manifest_bytes = dumps_canonical(manifest, pretty=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", allowZip64=False) as out:
        for name, data, method in (
            ("mimetype", MIMETYPE, zipfile.ZIP_STORED),
            (MANIFEST, manifest_bytes, zipfile.ZIP_DEFLATED),
            (signing.SIGNATURE, sign(manifest_bytes), zipfile.ZIP_DEFLATED),
            (SEALED, payload, zipfile.ZIP_STORED),  # ciphertext does not compress
        ):
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = method
            info.external_attr = 0o100644 << 16
            out.writestr(info, data)
    return buf.getvalue()


def looks_sealed(fp: BinaryIO, size: int, limits: Limits = DEFAULT_LIMITS) -> bool:
    """True when the central directory names exactly the sealed layout (cheap; the full checks
    follow in `open_sealed`). Anything odd answers False and is left to the ordinary reader."""
    try:
        if zipcheck.entry_count(fp, size, limits) != len(_NAMES):
            return False
        fp.seek(0)
        return tuple(zipfile.ZipFile(fp).namelist()) == _NAMES
    except (PackageError, zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


@dataclass(frozen=True)
class SealedFile:
    manifest: dict[str, Any]
    signature: signing.SignatureCheck
    plain: bytes | None  # the inner package's bytes when a key opened it


def open_sealed(fp: BinaryIO, size: int, identities: Sequence[str] | None, limits: Limits) -> SealedFile:
    """Check the outer file (layout, manifest, signature, sealed member's hash) and, given age
    identities, decrypt the inner package. Raises PackageError."""
    if size > limits.max_file_size:
        raise PackageError("pkg_file_too_large", limit=zipcheck.fmt_mb(limits.max_file_size))
    fp.seek(0)
    zf = zipfile.ZipFile(fp)
    infos = zf.infolist()
    if tuple(i.filename for i in infos) != _NAMES:
        raise PackageError("pkg_bad_member_name", infos[-1].filename if infos else "")
    zipcheck.check_mimetype(fp, infos[0])
    caps = {MANIFEST: limits.max_manifest_size, signing.SIGNATURE: signing.SIGNATURE_CAP, SEALED: size}
    for info in infos[1:]:
        if info.flag_bits & 0x2041 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError("pkg_encrypted_member", info.filename)
        if info.file_size > caps[info.filename] or (
            info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size
        ):
            raise PackageError("pkg_member_too_large", info.filename, limit=zipcheck.fmt_mb(size))
        if info.file_size > limits.ratio_min_size and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise PackageError("pkg_ratio_exceeded", info.filename)
    zipcheck.check_layout(fp, infos, int(getattr(zf, "start_dir", size)))
    by_name = {i.filename: i for i in infos}
    raw_manifest = zipcheck.read_member(zf, by_name[MANIFEST], limits.read_chunk, keep=True)[2]
    raw_sig = zipcheck.read_member(zf, by_name[signing.SIGNATURE], limits.read_chunk, keep=True)[2]
    sig = signing.check(raw_manifest, raw_sig)
    manifest = loads_strict(raw_manifest, member=MANIFEST, max_size=limits.max_manifest_size)
    entry = _sealed_entry(manifest)
    digest, _n, payload = zipcheck.read_member(zf, by_name[SEALED], limits.read_chunk, keep=True)
    if by_name[SEALED].file_size != entry["size"]:
        raise PackageError("pkg_size_mismatch", SEALED)
    if digest != entry["sha256"]:
        raise PackageError("pkg_hash_mismatch", SEALED)
    if identities is None:
        return SealedFile(manifest, sig, None)
    try:
        keys = [pyrage.x25519.Identity.from_str(i) for i in identities]
        plain = pyrage.decrypt(payload, keys) if keys else None
    except (pyrage.DecryptError, pyrage.IdentityError, ValueError):
        plain = None
    if plain is None:
        raise PackageError("pkg_sealed_no_key")
    return SealedFile(manifest, sig, plain)


def _sealed_entry(manifest: Any) -> dict[str, Any]:
    """The one listed member, checked for shape (the outer manifest has no schema file of its own
    beyond docs/package-format.md §Sealed)."""
    try:
        ok = (
            manifest["format"] == FORMAT_NAME
            and manifest["sealed"]["scheme"] == SCHEME
            and manifest["sealed"]["member"] == SEALED
            and len(manifest["members"]) == 1
            and manifest["members"][0]["path"] == SEALED
            and isinstance(manifest["members"][0]["size"], int)
            and isinstance(manifest["members"][0]["sha256"], str)
            and isinstance(manifest["unit"]["code"], str)
            and isinstance(manifest["revision"], int)
        )
    except (KeyError, TypeError, IndexError):
        ok = False
    if not ok:
        raise PackageError("pkg_schema_invalid", MANIFEST, field="sealed")
    return dict(manifest["members"][0])


def same_identity(outer: dict[str, Any], inner: dict[str, Any]) -> bool:
    keys = ("package_id", "revision", "supersedes", "plan", "unit", "period")
    return all(outer.get(k) == inner.get(k) for k in keys)
