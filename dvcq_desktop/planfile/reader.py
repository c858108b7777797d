"""Read an untrusted plan file with the package reader's rules: nothing extracted, sizes and
layout checked before inflating, every listed member's SHA-256 and size verified, strict JSON,
the published schemas, then the plan's own checks. Any failure is a `PlanFileError`."""

from __future__ import annotations

import hashlib
import io
import stat
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package import signing, zipcheck
from dvcq_desktop.package.errors import HOSTILE_BYTES_ERRORS, PackageError
from dvcq_desktop.package.schema import validate
from dvcq_desktop.package.strict_json import loads_strict
from dvcq_desktop.planfile.format import (
    CAPS,
    LIMITS,
    LISTED,
    MANIFEST,
    MAX_FILE_SIZE,
    MAX_TOTAL,
    MIMETYPE,
    PLAN,
    ROSTER,
    SIGNATURE,
    PlanFileError,
)

_ENCRYPTED = 0x0001 | 0x0040 | 0x2000


@dataclass(frozen=True)
class PlanFile:
    manifest: dict[str, Any]
    plan: Plan
    plan_text: str  # plan.json verbatim (stored as the workspace's template)
    roster: dict[str, Any]
    sha256: str
    size: int
    signed: bool  # signature.json present and valid (an invalid one is refused)
    path: Path | None = None
    signer_key: str | None = None  # base64 Ed25519 public key that signed the manifest
    signer: str | None = None  # its fingerprint

    @property
    def keys(self) -> dict[str, Any] | None:
        """format 1.1: the office's public keys (sign, encrypt) as the manifest names them."""
        keys = self.manifest.get("keys")
        return dict(keys) if isinstance(keys, dict) else None

    @property
    def period_id(self) -> str:
        return str(self.manifest["period"]["id"])

    @property
    def office(self) -> dict[str, Any]:
        return dict(self.manifest["office"])

    def roster_codes(self) -> set[str]:
        return {u["code"] for u in self.roster["units"] if u["included"]}


def looks_like_plan_file(path: Path) -> bool:
    """Cheap sniff (first 67 bytes): the stored `mimetype` member names the plan media type."""
    try:
        with open(path, "rb") as f:
            head = f.read(30 + 8 + len(MIMETYPE))
    except OSError:
        return False
    return head[:4] == b"PK\x03\x04" and head[30:38] == b"mimetype" and head[38:] == MIMETYPE


def read_plan_file(source: Path | str | bytes) -> PlanFile:
    try:
        if isinstance(source, bytes):
            return _read(io.BytesIO(source), None)
        path = Path(source)
        if not path.is_file():
            raise PlanFileError("plf_file_missing", path=str(path))
        with open(path, "rb") as fp:
            return _read(fp, path)
    except PlanFileError:
        raise
    except PackageError as exc:
        if exc.code == "pkg_signature_invalid":
            raise PlanFileError("plf_signature_invalid", SIGNATURE, detail=exc.detail) from None
        params = {k: v for k, v in exc.params.items() if k != "member"}
        raise PlanFileError(exc.code, exc.member, detail=exc.detail, **params) from None
    except DvcqError as exc:  # the plan's own checks (plan_invalid: field and reason)
        raise PlanFileError("plf_plan_invalid", PLAN, detail=exc.detail, problem=exc.message) from None
    except OSError as exc:
        raise PlanFileError("plf_read_error", detail=repr(exc), path=str(source)[:200]) from None
    except HOSTILE_BYTES_ERRORS as exc:
        raise PlanFileError("plf_corrupt", detail=repr(exc)) from None


def _read(fp: BinaryIO, path: Path | None) -> PlanFile:
    size = fp.seek(0, io.SEEK_END)
    if size == 0:
        raise PlanFileError("plf_empty")
    if size > MAX_FILE_SIZE:
        raise PlanFileError("plf_too_large")
    fp.seek(0)
    if fp.read(4) != b"PK\x03\x04":
        raise PlanFileError("plf_not_plan_file")
    fp.seek(0)
    file_sha = hashlib.sha256(fp.read()).hexdigest()  # ≤ 20 MB, checked above
    zipcheck.entry_count(fp, size, LIMITS)
    fp.seek(0)
    zf = zipfile.ZipFile(fp)
    infos = zf.infolist()
    if len(infos) > LIMITS.max_members:
        raise PlanFileError("pkg_too_many_members", count=len(infos), limit=LIMITS.max_members)
    _check_mimetype(fp, infos)
    _check_entries(infos[1:])
    zipcheck.check_layout(fp, infos, int(getattr(zf, "start_dir", size)))
    by_name = {i.filename: i for i in infos[1:]}
    if MANIFEST not in by_name:
        raise PlanFileError("pkg_missing_member", MANIFEST)
    raw = _member(zf, by_name[MANIFEST])
    manifest = loads_strict(raw, member=MANIFEST, max_size=CAPS[MANIFEST])
    validate("plan-manifest", manifest, MANIFEST)

    listed = {m["path"]: m for m in manifest["members"]}
    if sorted(listed) != sorted(LISTED) or len(manifest["members"]) != len(LISTED):
        raise PlanFileError("plf_listing")
    for name in by_name:
        if name not in listed and name not in (MANIFEST, SIGNATURE):
            raise PlanFileError("pkg_unlisted_member", name)
    blobs: dict[str, bytes] = {}
    for name, entry in listed.items():
        info = by_name.get(name)
        if info is None:
            raise PlanFileError("pkg_missing_member", name)
        if info.file_size != entry["size"]:
            raise PlanFileError("pkg_size_mismatch", name)
        data = _member(zf, info)
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise PlanFileError("pkg_hash_mismatch", name)
        blobs[name] = data
    signed = SIGNATURE in by_name
    check = signing.check(raw, _member(zf, by_name[SIGNATURE]) if signed else None)
    keys = manifest.get("keys")
    if manifest["format_version"] != "1.0" and not signed:
        raise PlanFileError("plf_signature_invalid", SIGNATURE)  # 1.1 promises a signature
    named = keys.get("sign") if isinstance(keys, dict) else None
    if (
        isinstance(keys, dict)
        and (named, check.public_key) != (None, None)
        and not signing.same_key(named, check.public_key)
    ):
        raise PlanFileError("plf_signature_invalid", SIGNATURE)  # signed by a key it does not name

    plan_data = loads_strict(blobs[PLAN], member=PLAN, max_size=CAPS[PLAN])
    from dvcq_desktop.domain.plan_loader import plan_from_data

    plan = plan_from_data(plan_data, PLAN)
    roster = loads_strict(blobs[ROSTER], member=ROSTER, max_size=CAPS[ROSTER])
    validate("plan-roster", roster, ROSTER)
    _check_identity(manifest, plan, roster)
    return PlanFile(
        manifest=manifest,
        plan=plan,
        plan_text=blobs[PLAN].decode("utf-8"),
        roster=roster,
        sha256=file_sha,
        size=size,
        signed=signed,
        path=path,
        signer_key=check.public_key,
        signer=check.signer,
    )


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    return zipcheck.read_member(zf, info, LIMITS.read_chunk, keep=True)[2]


def _check_mimetype(fp: BinaryIO, infos: list[zipfile.ZipInfo]) -> None:
    """`mimetype` first, stored, no extra field, naming the plan media type at offset 38."""
    first = infos[0] if infos else None
    if (
        first is None
        or first.filename != "mimetype"
        or first.header_offset != 0
        or first.compress_type != zipfile.ZIP_STORED
        or first.file_size != len(MIMETYPE)
        or first.compress_size != len(MIMETYPE)
    ):
        raise PlanFileError("plf_not_plan_file")
    fp.seek(0)
    head = fp.read(38 + len(MIMETYPE))
    name_len, extra_len = struct.unpack_from("<2H", head, 26)
    if name_len != 8 or extra_len != 0 or head[30:38] != b"mimetype" or head[38:] != MIMETYPE:
        raise PlanFileError("plf_not_plan_file")


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    """Allow-list of member names, no directories/links/encryption, sizes and ratios bounded."""
    seen = {"mimetype"}
    total = len(MIMETYPE)
    for info in infos:
        name = info.filename
        mode = info.external_attr >> 16
        if name.endswith("/") or stat.S_ISDIR(mode) or info.external_attr & 0x10:
            raise PlanFileError("pkg_directory_member", name[:120])
        if stat.S_ISLNK(mode):
            raise PlanFileError("pkg_symlink_member", name[:120])
        if name not in CAPS or unicodedata.normalize("NFC", name) != name:
            raise PlanFileError("pkg_bad_member_name", name[:120])
        if name.casefold() in seen:
            raise PlanFileError("pkg_duplicate_member", name)
        seen.add(name.casefold())
        if info.flag_bits & _ENCRYPTED:
            raise PlanFileError("pkg_encrypted_member", name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PlanFileError("pkg_unsupported_compression", name)
        if info.file_size > CAPS[name]:
            raise PlanFileError("pkg_member_too_large", name, limit=zipcheck.fmt_mb(CAPS[name]))
        total += info.file_size
        if total > MAX_TOTAL:
            raise PlanFileError("pkg_total_too_large", limit=zipcheck.fmt_mb(MAX_TOTAL))
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise PlanFileError("pkg_size_mismatch", name)
        if info.file_size > LIMITS.ratio_min_size and info.file_size > LIMITS.max_ratio * max(
            info.compress_size, 1
        ):
            raise PlanFileError("pkg_ratio_exceeded", name)


def _check_identity(manifest: dict[str, Any], plan: Plan, roster: dict[str, Any]) -> None:
    """The manifest, the plan and the roster must describe the same plan version and period."""
    m_plan, m_period = manifest["plan"], manifest["period"]
    if (m_plan["id"], m_plan["version"], m_plan["content_hash"]) != (
        plan.id,
        plan.version,
        plan.content_hash,
    ):
        raise PlanFileError("plf_identity", PLAN, field="plan")
    if len(plan.periods) != 1:
        raise PlanFileError("plf_identity", PLAN, field="periods")
    p = plan.periods[0]
    mine = {
        "id": p.id,
        "label": p.label,
        "kind": p.kind,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "deadline": p.deadline.isoformat(),
    }
    if mine != m_period:
        raise PlanFileError("plf_identity", PLAN, field="period")
    if (
        manifest["roster"]["count"] != len(roster["units"])
        or manifest["roster"]["catalog_id"] != roster["catalog_id"]
    ):
        raise PlanFileError("plf_identity", ROSTER, field="roster")
    codes = [u["code"] for u in roster["units"]]
    if len(set(codes)) != len(codes):
        raise PlanFileError("plf_identity", ROSTER, field="units")
