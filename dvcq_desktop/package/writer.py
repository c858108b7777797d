"""Write a `.dvcq` package atomically into a folder (often a USB stick) and verify it from there.

The ZIP is built in memory and written through `storage.fsutil.write_atomic` (a temporary file in
the destination, fsynced, renamed with the Windows sharing retries, the folder fsynced); the
file is then read back from the destination with the strict reader. Only then is success returned.
Any failure removes what this call created; a file under the final name exists only on success and
earlier packages are never overwritten (reliability.md §2.7, T4–T6).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import uuid
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from dvcq_desktop import APP_NAME, __version__
from dvcq_desktop.domain.jsondata import nfc
from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.records import Submission
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.messages import os_error_code
from dvcq_desktop.package import codec, meaning, schema
from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.package.limits import ATTACHMENT_EXTENSIONS, DEFAULT_LIMITS, Limits
from dvcq_desktop.package.model import FORMAT_NAME, MANIFEST, MIMETYPE, SIGNATURE, SUBMISSION, MemberEntry
from dvcq_desktop.package.plans import known_plans
from dvcq_desktop.package.reader import read_package
from dvcq_desktop.package.strict_json import dumps_canonical
from dvcq_desktop.progress import Progress, silent
from dvcq_desktop.storage.fsutil import write_atomic

log = logging.getLogger(__name__)
_REPORT_NAME = re.compile(r"[^/\\:*?\"<>|\x00-\x1f\x7f]{1,200}\.(docx|xlsx)\Z")
_STORED_EXT = {"docx", "xlsx", "jpg", "jpeg", "png", "gif", "webp", "heic"}  # already compressed
WRITE_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class WrittenPackage:
    path: Path
    package_id: str
    revision: int
    sha256: str
    size: int


@dataclass(frozen=True)
class BuiltPackage:
    data: bytes
    package_id: str
    file_name: str
    manifest: dict[str, Any]


def package_file_name(sub: Submission, revision: int, created: datetime) -> str:
    """`DVCQ_<năm>_<mã đơn vị>_lan<revision>_<yyyymmdd-hhmm>.dvcq`, ASCII-safe on every OS."""
    code = re.sub(r"[^A-Za-z0-9._-]", "-", sub.unit.code).strip(".") or "donvi"
    stamp = created.astimezone(codec.VN_TZ).strftime("%Y%m%d-%H%M")
    return f"DVCQ_{sub.period.end.year}_{code}_lan{revision}_{stamp}.dvcq"


def build_package(
    submission: Submission,
    report_files: Mapping[str, bytes],
    *,
    revision: int,
    supersedes: str | None,
    attachments: Mapping[str, Path] | None = None,
    now: datetime | None = None,
    generator: tuple[str, str] = (APP_NAME, __version__),
    package_id: str | None = None,
    plan: Plan | None = None,
    sign: Callable[[bytes], bytes] | None = None,
) -> BuiltPackage:
    """The package bytes in memory (no file written). Raises DvcqError on unusable input.

    Every string is written NFC, and the package must pass the reader's checks of meaning
    (against `plan` when given): the writer never produces a file the reader refuses."""
    created = (now or datetime.now(codec.VN_TZ)).astimezone(codec.VN_TZ)
    package_id = package_id or str(uuid.uuid4())
    sub_dict = nfc(codec.submission_to_dict(submission))
    # 1.1 promises signature.json (docs/package-format.md §10): an unsigned package using none of
    # 1.1's fields is written as the 1.0 it is; tasks or a signature make it 1.1
    uses_tasks = "tasks" in sub_dict or any("task_id" in a for a in sub_dict.get("activities", ()))
    version = codec.FORMAT_VERSION if sign is not None or uses_tasks else "1.0"
    sub_dict["format_version"] = version
    try:
        schema.validate("submission", sub_dict, SUBMISSION)
    except PackageError as exc:
        raise DvcqError("pkg_invalid_data", detail=exc.detail, field=exc.params.get("field", "")) from None
    members: list[tuple[str, bytes]] = [(SUBMISSION, dumps_canonical(sub_dict))]
    for name, blob in report_files.items():
        name = name.removeprefix("report/")
        if not _REPORT_NAME.match(name) or name.startswith(".") or name != name.strip():
            raise DvcqError("pkg_bad_report_name", member=name)
        members.append((f"report/{name}", bytes(blob)))
    for sha, path in (attachments or {}).items():
        members.append((_attachment_member(sha, path), _read_attachment(sha, path)))
    manifest = {
        "format": FORMAT_NAME,
        "format_version": version,
        "package_id": package_id,
        "revision": revision,
        "supersedes": supersedes,
        "created_at": codec.dt_to_str(created),
        "finalized_at": codec.dt_to_str(submission.finalized_at),
        "generator": {"name": generator[0], "version": generator[1]},
        "plan": sub_dict["plan"],
        "unit": sub_dict["unit"],
        "period": sub_dict["period"],
        "members": [{"path": p, "sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for p, b in members],
    }
    try:
        schema.validate("manifest", manifest, MANIFEST)
    except PackageError as exc:
        raise DvcqError("pkg_invalid_data", detail=exc.detail, field=exc.params.get("field", "")) from None
    listed = [MemberEntry(m["path"], m["sha256"], m["size"]) for m in manifest["members"]]
    meaning.check(manifest, sub_dict, listed, plan)  # PackageError: names the field, for the officer
    buf = io.BytesIO()
    stamp = created.timetuple()[:6]
    with zipfile.ZipFile(buf, "w", allowZip64=False) as zf:
        _add(zf, "mimetype", MIMETYPE, stamp, zipfile.ZIP_STORED)
        manifest_bytes = dumps_canonical(manifest, pretty=True)
        _add(zf, MANIFEST, manifest_bytes, stamp, zipfile.ZIP_DEFLATED)
        if sign is not None:  # format 1.1: signature.json over the manifest's exact bytes
            _add(zf, SIGNATURE, sign(manifest_bytes), stamp, zipfile.ZIP_DEFLATED)
        for member, blob in members:
            ext = member.rsplit(".", 1)[-1]
            method = zipfile.ZIP_STORED if ext in _STORED_EXT else zipfile.ZIP_DEFLATED
            _add(zf, member, blob, stamp, method)
    return BuiltPackage(
        buf.getvalue(), package_id, package_file_name(submission, revision, created), manifest
    )


def _add(zf: zipfile.ZipFile, name: str, data: bytes, stamp: tuple[int, ...], method: int) -> None:
    if method == zipfile.ZIP_DEFLATED and _too_compressible(data):
        # Valid but very repetitive data (a long narrative of one repeated phrase) would deflate
        # past the reader's bomb ratio and the package would refuse its own read-back: store it.
        method = zipfile.ZIP_STORED
    info = zipfile.ZipInfo(name, date_time=(stamp[0], stamp[1], stamp[2], stamp[3], stamp[4], stamp[5]))
    info.compress_type = method
    info.external_attr = 0o100644 << 16  # regular file, rw-r--r--
    zf.writestr(info, data, compress_type=method, compresslevel=6 if method else None)


def _too_compressible(data: bytes) -> bool:
    limits = DEFAULT_LIMITS
    if len(data) <= limits.ratio_min_size:
        return False  # the reader does not check the ratio of small members
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)  # the same raw DEFLATE zipfile writes
    size = len(deflate.compress(data)) + len(deflate.flush())
    return len(data) > limits.max_ratio * max(size, 1)


def _attachment_member(sha: str, path: Path) -> str:
    ext = path.suffix.lower().lstrip(".")
    if ext not in ATTACHMENT_EXTENSIONS or not re.fullmatch(r"[0-9a-f]{64}", sha):
        raise DvcqError("pkg_attachment_type", member=path.name)
    return f"attachments/{sha}.{ext}"


def _read_attachment(sha: str, path: Path) -> bytes:
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise DvcqError(os_error_code(exc), detail=repr(exc), path=str(path)) from None
    if hashlib.sha256(blob).hexdigest() != sha:
        raise DvcqError("pkg_attachment_mismatch", member=path.name)
    return blob


def write_package(
    submission: Submission,
    report_files: Mapping[str, bytes],
    dest_dir: Path,
    *,
    revision: int,
    supersedes: str | None,
    attachments: Mapping[str, Path] | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    generator: tuple[str, str] = (APP_NAME, __version__),
    limits: Limits = DEFAULT_LIMITS,
    plan: Plan | None = None,
    file_name: str | None = None,
    sign: Callable[[bytes], bytes] | None = None,
    seal: Callable[[bytes], bytes] | None = None,
    read_back: Callable[[Path], Any] | None = None,
) -> WrittenPackage:
    """Build, write atomically into `dest_dir`, read back and verify. Raises DvcqError.

    `file_name`: write exactly that name (refused with `pkg_dest_exists` if it exists); by
    default the spec's name, with `-2`, `-3`… when taken."""
    report = progress or silent
    report(0, 100, "Đang tạo gói")
    built = build_package(
        submission,
        report_files,
        revision=revision,
        supersedes=supersedes,
        attachments=attachments,
        now=now,
        generator=generator,
        plan=plan,
        sign=sign,
    )
    if seal is not None:  # format 1.1: encrypted for the office (package/sealing.py)
        built = BuiltPackage(seal(built.data), built.package_id, built.file_name, built.manifest)
    sha = hashlib.sha256(built.data).hexdigest()
    dest_dir = Path(dest_dir)
    if not dest_dir.is_dir():
        raise DvcqError("pkg_dest_missing", path=str(dest_dir))
    final = _free_name(dest_dir, built.file_name) if file_name is None else _exact_name(dest_dir, file_name)

    def write(part: Path) -> None:
        _write_synced(part, built.data, lambda f: report(30 + int(50 * f), 100, "Đang ghi gói"))
        if file_name is not None:
            _exact_name(dest_dir, file_name)  # appeared while writing: still never overwritten

    try:
        report(30, 100, "Đang ghi gói")
        write_atomic(final, write)
        report(85, 100, "Đang đọc lại và kiểm tra gói")
        try:
            if read_back is not None:  # a sealed package: the caller's reader holds the key
                back = read_back(final)
            else:
                back = read_package(final, limits, known_plans(plan) if plan is not None else None)
        except PackageError as exc:
            log.error("read-back of %s failed: %r", final, exc)
            raise DvcqError("pkg_verify_failed", detail=exc.code, path=str(dest_dir)) from None
        if back.sha256 != sha or back.package_id != built.package_id:
            raise DvcqError("pkg_verify_failed", detail="sha256 differs", path=str(dest_dir))
    except BaseException as exc:
        # the name was free before this export, so whatever is there now is ours, except a file
        # that appeared under the exact name asked for while the package was being written
        if not (isinstance(exc, DvcqError) and exc.code == "pkg_dest_exists"):
            _cleanup(final)
        if isinstance(exc, DvcqError):
            raise
        if isinstance(exc, OSError):
            log.error("export to %s failed: %r", dest_dir, exc)
            raise DvcqError(os_error_code(exc), detail=repr(exc), path=str(dest_dir)) from None
        raise
    report(100, 100, "Đã xuất và kiểm tra xong")
    return WrittenPackage(final, built.package_id, revision, sha, len(built.data))


def _free_name(dest_dir: Path, name: str) -> Path:
    """Never replace an existing package: two exports in one minute get `-2`, `-3`…"""
    candidate = dest_dir / name
    stem, n = candidate.stem, 2
    while candidate.exists():
        candidate = dest_dir / f"{stem}-{n}.dvcq"
        n += 1
    return candidate


def _exact_name(dest_dir: Path, name: str) -> Path:
    """The name the user asked for (`export --out FILE.dvcq`); an existing file is never replaced."""
    candidate = dest_dir / name
    if candidate.exists():
        raise DvcqError("pkg_dest_exists", path=str(candidate))
    return candidate


def _write_synced(part: Path, data: bytes, tick: Callable[[float], None]) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(part, flags, 0o644)
    try:
        view = memoryview(data)
        done = 0
        while done < len(view):
            written = os.write(fd, view[done : done + WRITE_CHUNK])
            if written <= 0:
                raise OSError(5, "short write", str(part))
            done += written
            tick(done / max(len(view), 1))
        os.fsync(fd)
        if hasattr(os, "posix_fadvise"):
            # Drop our cached pages so the read-back comes from the device, not from RAM.
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            except OSError:
                pass
    finally:
        os.close(fd)


def _cleanup(final: Path) -> None:
    try:
        final.unlink(missing_ok=True)
    except OSError as exc:  # the stick may be gone; nothing more we can do
        log.warning("could not remove %s: %r", final, exc)
