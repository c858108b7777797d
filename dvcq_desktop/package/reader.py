"""Read a `.dvcq` package strictly and safely (untrusted input at the receiving office).

Order: file size and magic → end record (entry count) → central directory → mimetype → every
entry's name/flags/method/declared sizes/ratio → local-header layout (overlap) → manifest.json
(strict JSON, version, schema) → manifest lists exactly the other members → each member read with a
cap and hash-verified → data/submission.json (strict JSON, schema) → meaning (package/meaning.py:
revision chain, manifest = submission on every shared field, attachment names, repeated ids, ids
of the package's plan). Every string is NFC from parsing on. DOCX/XLSX members are only hashed,
never opened. Every failure is a `PackageError`; `verify`, a dry run and an import all call this,
so they give the same verdict for the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

from dvcq_desktop.package import codec, meaning, schema, zipcheck
from dvcq_desktop.package.errors import HOSTILE_BYTES_ERRORS, PackageError
from dvcq_desktop.package.limits import DEFAULT_LIMITS, Limits
from dvcq_desktop.package.model import (
    FORMAT_NAME,
    MANIFEST,
    SUBMISSION,
    SUPPORTED_MAJOR,
    SUPPORTED_MINOR,
    Generator,
    Manifest,
    MemberEntry,
    Package,
)
from dvcq_desktop.package.plans import PlanLookup, builtin_plans
from dvcq_desktop.package.strict_json import check_depth, dumps_canonical, loads_strict_text

_VERSION = re.compile(r"^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$")
Source = str | os.PathLike[str] | bytes | bytearray | memoryview


def read_package(source: Source, limits: Limits = DEFAULT_LIMITS, plans: PlanLookup | None = None) -> Package:
    """Check everything and return the typed package, or raise `PackageError`.

    `plans` finds the package's plan (default: the plans shipped with the app) so its ids can be
    judged; with no plan found, `Package.plan_known` is False and those checks were not made."""
    return read_package_with_submission(source, limits, plans)[0]


def read_package_with_submission(
    source: Source, limits: Limits = DEFAULT_LIMITS, plans: PlanLookup | None = None
) -> tuple[Package, str]:
    """`read_package` plus the verified text of data/submission.json, for a caller that stores
    it verbatim (the import): re-reading the member would inflate and hash it a second time, and
    decoding it again would cost as much as the strict reader's own decoding."""
    lookup = plans or builtin_plans
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return _guarded(io.BytesIO(data), None, data, limits, lookup)
    path = Path(source)
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, exceptions mapped
    except FileNotFoundError:
        raise PackageError("pkg_file_missing", path=str(path)) from None
    except OSError as exc:
        raise PackageError("pkg_read_error", path=str(path), detail=repr(exc)) from None
    with f:
        return _guarded(f, path, None, limits, lookup)


def read_member(package: Package, member: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of one verified member (e.g. a report or attachment to store), hash re-checked."""
    entry = next((m for m in package.members if m.path == member), None)
    if entry is None:
        raise PackageError("pkg_missing_member", member)
    cap = max(limits.max_report_size, limits.max_attachment_size, limits.max_submission_size)
    try:
        src: BinaryIO = (
            io.BytesIO(package.data) if package.data is not None else open(package.path or "", "rb")
        )
        with src, zipfile.ZipFile(src) as zf:
            info = zf.getinfo(member)
            if info.file_size != entry.size or info.file_size > cap:
                raise PackageError("pkg_size_mismatch", member)
            digest, _n, data = zipcheck.read_member(zf, info, limits.read_chunk, keep=True)
    except PackageError:
        raise
    except (OSError, KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise PackageError("pkg_read_error", member, path=str(package.path or ""), detail=repr(exc)) from None
    if digest != entry.sha256:
        raise PackageError("pkg_hash_mismatch", member)
    return data


def _guarded(
    fp: BinaryIO, path: Path | None, data: bytes | None, limits: Limits, plans: PlanLookup
) -> tuple[Package, str]:
    """Map anything the standard library raises on hostile bytes to a `PackageError`."""
    try:
        return _read(fp, path, data, limits, plans)
    except PackageError:
        raise
    except OSError as exc:
        raise PackageError("pkg_read_error", path=str(path or ""), detail=repr(exc)) from None
    except HOSTILE_BYTES_ERRORS as exc:
        raise PackageError("pkg_corrupt", detail=repr(exc)) from None


def peek_manifest(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Manifest | None:
    """The manifest of a package file, checked as far as the container and the manifest itself, or
    None. Only for ordering a batch before the full reads (services/intake.py); never a verdict."""
    try:
        with open(path, "rb") as fp:
            _size, zf, _kinds, by_name = _container(fp, limits)
            return _manifest_from_dict(_manifest_json(zf, by_name, limits))
    except Exception:  # noqa: BLE001 - the full read gives the verdict and the reason
        return None


def _container(
    fp: BinaryIO, limits: Limits
) -> tuple[int, zipfile.ZipFile, dict[str, str], dict[str, zipfile.ZipInfo]]:
    """File, end record, central directory, mimetype, entries, layout (check order 1–5)."""
    size = fp.seek(0, io.SEEK_END)
    if size == 0:
        raise PackageError("pkg_empty")
    if size > limits.max_file_size:
        raise PackageError("pkg_file_too_large", limit=zipcheck.fmt_mb(limits.max_file_size))
    fp.seek(0)
    if fp.read(4) != b"PK\x03\x04":
        raise PackageError("pkg_not_zip")
    zipcheck.entry_count(fp, size, limits)
    fp.seek(0)
    zf = zipfile.ZipFile(fp)
    infos = zf.infolist()
    if not infos:  # starts with a local header yet the end record announces no entry
        raise PackageError("pkg_corrupt", detail="end record lists no entry")
    if len(infos) > limits.max_members:
        raise PackageError("pkg_too_many_members", count=len(infos), limit=limits.max_members)
    zipcheck.check_mimetype(fp, infos[0])
    kinds = zipcheck.check_entries(infos[1:], limits)
    zipcheck.check_layout(fp, infos, int(getattr(zf, "start_dir", size)))
    return size, zf, kinds, {info.filename: info for info in infos[1:]}


def _manifest_json(
    zf: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], limits: Limits
) -> dict[str, Any]:
    if MANIFEST not in by_name:
        raise PackageError("pkg_missing_member", MANIFEST)
    _digest, _n, raw = zipcheck.read_member(zf, by_name[MANIFEST], limits.read_chunk, keep=True)
    return _load_json(raw, MANIFEST, "manifest", limits.max_manifest_size, limits)[0]


def _read(
    fp: BinaryIO, path: Path | None, data: bytes | None, limits: Limits, plans: PlanLookup
) -> tuple[Package, str]:
    size, zf, kinds, by_name = _container(fp, limits)
    file_sha = _hash_file(fp, data, limits.read_chunk)
    manifest_dict = _manifest_json(zf, by_name, limits)
    entries = _check_listing(manifest_dict, kinds)

    raw_submission = b""
    for entry in entries:
        info = by_name[entry.path]
        if info.file_size != entry.size:
            raise PackageError("pkg_size_mismatch", entry.path)
        keep = entry.path == SUBMISSION
        digest, _n, blob = zipcheck.read_member(zf, info, limits.read_chunk, keep=keep)
        if digest != entry.sha256:
            raise PackageError("pkg_hash_mismatch", entry.path)
        if keep:
            raw_submission = blob

    sub_dict, sub_text = _load_json(
        raw_submission, SUBMISSION, "submission", limits.max_submission_size, limits
    )
    if sub_text is None:  # whoever keeps the member's text keeps the NFC text that was checked
        sub_text = dumps_canonical(sub_dict).decode("utf-8")
    plan = plans(manifest_dict["plan"]["id"], manifest_dict["plan"]["content_hash"])
    meaning.check(manifest_dict, sub_dict, entries, plan)
    manifest = _manifest_from_dict(manifest_dict)
    return Package(
        manifest=manifest,
        submission_data=sub_dict,
        members=entries,
        sha256=file_sha,
        size=size,
        path=path,
        data=data,
        plan_known=plan is not None,
    ), sub_text


def _hash_file(fp: BinaryIO, data: bytes | None, chunk: int) -> str:
    if data is not None:
        return hashlib.sha256(data).hexdigest()
    fp.seek(0)
    digest = hashlib.sha256()
    while block := fp.read(chunk):
        digest.update(block)
    return digest.hexdigest()


def _load_json(
    raw: bytes, member: str, schema_name: str, cap: int, limits: Limits
) -> tuple[dict[str, Any], str | None]:
    limit = limits.max_json_depth
    # A document that passes a schema bounding its nesting at or under the limit cannot be too
    # deep; measuring depth is then only needed to name the right error when the schema fails.
    bound = schema.nesting_bound(schema_name)
    deferred = bound is not None and bound <= limit
    value, text = loads_strict_text(
        raw, member=member, max_size=cap, max_depth_allowed=None if deferred else limit
    )
    try:
        if not isinstance(value, dict):
            raise PackageError("pkg_schema_invalid", member, field="(gốc)")
        newer_minor = _check_version(value, member)
        try:
            schema.validate(schema_name, value, member)
        except PackageError:
            # Same major, newer minor: fields we do not know yet mean "update", not "corrupt".
            if newer_minor:
                raise PackageError("pkg_format_too_new", member) from None
            raise
    except PackageError:
        if deferred:
            check_depth(value, member, limit)
        raise
    return value, text


def _check_version(value: dict[str, Any], member: str) -> bool:
    """Refuse a newer major before the schema (a future format may differ in any field)."""
    version = value.get("format_version")
    match = _VERSION.match(version) if isinstance(version, str) else None
    if match is None or value.get("format") != FORMAT_NAME:
        return False  # the schema reports the exact field
    major, minor = int(match.group(1)), int(match.group(2))
    if major > SUPPORTED_MAJOR:
        raise PackageError("pkg_format_too_new", member, found=version)
    return major == SUPPORTED_MAJOR and minor > SUPPORTED_MINOR


def _check_listing(manifest: dict[str, Any], kinds: dict[str, str]) -> tuple[MemberEntry, ...]:
    entries = tuple(MemberEntry(m["path"], m["sha256"], m["size"]) for m in manifest["members"])
    listed: set[str] = set()
    for e in entries:
        if e.path.casefold() in listed:
            raise PackageError("pkg_duplicate_member", e.path)
        listed.add(e.path.casefold())
    present = {name for name in kinds if kinds[name] not in ("manifest", "signature")}
    for name in sorted(present):
        if name not in {e.path for e in entries}:
            raise PackageError("pkg_unlisted_member", name)
    for e in entries:
        if e.path not in present:
            raise PackageError("pkg_missing_member", e.path)
    if SUBMISSION not in present:
        raise PackageError("pkg_missing_member", SUBMISSION)
    return entries


def _manifest_from_dict(d: dict[str, Any]) -> Manifest:
    created = codec.dt_from_str(d["created_at"])
    assert created is not None  # schema: created_at is a required date-time
    return Manifest(
        format_version=d["format_version"],
        package_id=d["package_id"],
        revision=d["revision"],
        supersedes=d["supersedes"],
        created_at=created,
        finalized_at=codec.dt_from_str(d["finalized_at"]),
        generator=Generator(d["generator"]["name"], d["generator"]["version"]),
        plan=codec.plan_from_dict(d["plan"]),
        unit=codec.unit_from_dict(d["unit"]),
        period=codec.period_from_dict(d["period"]),
        members=tuple(MemberEntry(m["path"], m["sha256"], m["size"]) for m in d["members"]),
    )
