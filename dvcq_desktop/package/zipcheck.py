"""Structural checks of the ZIP container, all made before any member is inflated.

Reads only the end-of-central-directory record, the central directory (via `zipfile`) and the
fixed 30-byte local headers. Names are judged against an allow-list; nothing is ever extracted by
name (reliability.md §2.2–2.6).
"""

from __future__ import annotations

import hashlib
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from typing import BinaryIO

from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.package.limits import ATTACHMENT_EXTENSIONS, Limits, fmt_mb
from dvcq_desktop.package.model import MANIFEST, MIMETYPE, SIGNATURE, SUBMISSION

_LOCAL = struct.Struct("<4s5H3L2H")  # local file header, 30 bytes
_EOCD = struct.Struct("<4s4H2LH")  # end of central directory, 22 bytes
_ZIP64_LOCATOR = struct.Struct("<4sLQL")  # 20 bytes
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")  # 56 bytes
_REPORT = re.compile(r"report/[^/\\:*?\"<>|\x00-\x1f\x7f]{1,200}\.(docx|xlsx)\Z")
_ATTACHMENT = re.compile(r"attachments/[0-9a-f]{64}\.([a-z0-9]{1,10})\Z")
_DRIVE = re.compile(r"^[A-Za-z]:")
_ENCRYPTED_FLAGS = 0x0001 | 0x0040 | 0x2000
_UTF8_FLAG = 0x0800


__all__ = [
    "check_entries",
    "check_layout",
    "check_mimetype",
    "check_name",
    "entry_count",
    "fmt_mb",
    "read_member",
]


def entry_count(fp: BinaryIO, size: int, limits: Limits) -> int:
    """Entries announced by the end record, read before `zipfile` builds one object per entry."""
    tail_len = min(size, _EOCD.size + 0xFFFF)
    fp.seek(size - tail_len)
    tail = fp.read(tail_len)
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or len(tail) - pos < _EOCD.size:
        raise PackageError("pkg_truncated")
    _sig, _disk, _cd_disk, _n_disk, total, _cd_size, _cd_off, comment_len = _EOCD.unpack_from(tail, pos)
    if pos + _EOCD.size + comment_len > len(tail):
        raise PackageError("pkg_truncated")
    if total == 0xFFFF and pos >= _ZIP64_LOCATOR.size:
        sig, _d, z64_off, _disks = _ZIP64_LOCATOR.unpack_from(tail, pos - _ZIP64_LOCATOR.size)
        if sig == b"PK\x06\x07" and z64_off + _ZIP64_EOCD.size <= size:
            fp.seek(z64_off)
            rec = fp.read(_ZIP64_EOCD.size)
            if len(rec) == _ZIP64_EOCD.size and rec[:4] == b"PK\x06\x06":
                total = _ZIP64_EOCD.unpack(rec)[7]
    if total > limits.max_members:
        raise PackageError("pkg_too_many_members", count=total, limit=limits.max_members)
    return int(total)


def check_mimetype(fp: BinaryIO, first: zipfile.ZipInfo) -> None:
    """EPUB/ODF rule: `mimetype` first, stored, no extra field, so its bytes sit at offset 38."""
    if (
        first.filename != "mimetype"
        or first.header_offset != 0
        or first.compress_type != zipfile.ZIP_STORED
        or first.file_size != len(MIMETYPE)
        or first.compress_size != len(MIMETYPE)
    ):
        raise PackageError("pkg_bad_mimetype")
    fp.seek(0)
    head = fp.read(_LOCAL.size + 8 + len(MIMETYPE))
    if len(head) < _LOCAL.size:
        raise PackageError("pkg_truncated")
    fields = _LOCAL.unpack_from(head)
    name_len, extra_len, method = fields[9], fields[10], fields[3]
    if name_len != 8 or extra_len != 0 or method != 0 or head[30:38] != b"mimetype" or head[38:] != MIMETYPE:
        raise PackageError("pkg_bad_mimetype")


def check_name(info: zipfile.ZipInfo, limits: Limits) -> str:
    """Zip-slip and allow-list checks; returns the kind: manifest, submission, report, attachment."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG and not name.isascii():
        raise PackageError("pkg_bad_member_name", _shown(name))  # cp437 guess: not NFC UTF-8
    if (
        not name
        or len(name.encode("utf-8", "surrogateescape")) > limits.max_name_length
        or "\x00" in name
        or "\\" in name
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(part in ("", ".", "..") for part in name.split("/"))
        or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name)
        or unicodedata.normalize("NFC", name) != name
    ):
        raise PackageError("pkg_bad_member_name", _shown(name))
    if name == MANIFEST:
        return "manifest"
    if name == SUBMISSION:
        return "submission"
    if name == SIGNATURE:
        return "signature"
    if _REPORT.match(name):
        return "report"
    match = _ATTACHMENT.match(name)
    if match and match.group(1) in ATTACHMENT_EXTENSIONS:
        return "attachment"
    raise PackageError("pkg_bad_member_name", _shown(name))


def _shown(name: str) -> str:
    """The name as it may be shown to a user: printable, bounded."""
    clean = "".join(ch if ch.isprintable() else "\ufffd" for ch in name)
    return clean if len(clean) <= 120 else clean[:117] + "…"


def check_entries(infos: list[zipfile.ZipInfo], limits: Limits) -> dict[str, str]:
    """Every central-directory entry after `mimetype`; returns name → kind."""
    kinds: dict[str, str] = {}
    seen: set[str] = {"mimetype"}  # infos start after the (already checked) first member
    total = len(MIMETYPE)
    caps = {
        "manifest": limits.max_manifest_size,
        "signature": 64 * 1024,
        "submission": limits.max_submission_size,
        "report": limits.max_report_size,
        "attachment": limits.max_attachment_size,
    }
    counts = {"report": 0, "attachment": 0}
    for info in infos:
        name = info.filename
        mode = info.external_attr >> 16
        if name.endswith("/") or stat.S_ISDIR(mode) or info.external_attr & 0x10:
            raise PackageError("pkg_directory_member", _shown(name))
        if stat.S_ISLNK(mode):
            raise PackageError("pkg_symlink_member", _shown(name))
        kind = check_name(info, limits) if name != "mimetype" else "mimetype"
        key = name.casefold()
        if key in seen:
            raise PackageError("pkg_duplicate_member", _shown(name))
        seen.add(key)
        if kind == "mimetype":  # a second "mimetype" is caught above as a duplicate
            raise PackageError("pkg_bad_member_name", name)
        if info.flag_bits & _ENCRYPTED_FLAGS:
            raise PackageError("pkg_encrypted_member", name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError("pkg_unsupported_compression", name)
        if kind in counts:
            counts[kind] += 1
        if counts["report"] > limits.max_report_files:
            raise PackageError(
                "pkg_too_many_reports", count=_count(infos, "report/"), limit=limits.max_report_files
            )
        if counts["attachment"] > limits.max_attachments:
            raise PackageError(
                "pkg_too_many_attachments", count=_count(infos, "attachments/"), limit=limits.max_attachments
            )
        if info.file_size > caps[kind]:
            # a JSON member has its own code: it is parsed, not only hashed (same as strict_json)
            code = "pkg_json_too_large" if kind in ("manifest", "submission") else "pkg_member_too_large"
            raise PackageError(code, name, limit=fmt_mb(caps[kind]))
        total += info.file_size
        if total > limits.max_total_size:
            raise PackageError("pkg_total_too_large", limit=fmt_mb(limits.max_total_size))
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise PackageError("pkg_size_mismatch", name)
        if info.file_size > limits.ratio_min_size and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise PackageError("pkg_ratio_exceeded", name)
        kinds[name] = kind
    return kinds


def _count(infos: list[zipfile.ZipInfo], prefix: str) -> int:
    """How many entries of one kind the whole central directory holds (for the message)."""
    return sum(1 for info in infos if info.filename.startswith(prefix))


def check_layout(fp: BinaryIO, infos: list[zipfile.ZipInfo], cd_start: int) -> None:
    """Each member's local header + data must lie before the central directory, in disjoint ranges.

    Overlapping entries are how non-recursive bombs reuse one compressed stream many times.
    """
    spans: list[tuple[int, int, str]] = []
    for info in infos:
        fp.seek(info.header_offset)
        raw = fp.read(_LOCAL.size)
        if len(raw) < _LOCAL.size:
            raise PackageError("pkg_truncated")
        fields = _LOCAL.unpack(raw)
        if fields[0] != b"PK\x03\x04":
            raise PackageError("pkg_corrupt", info.filename)
        if fields[2] & _ENCRYPTED_FLAGS:
            raise PackageError("pkg_encrypted_member", info.filename)
        start = info.header_offset
        end = start + _LOCAL.size + fields[9] + fields[10] + info.compress_size
        if end > cd_start:
            raise PackageError("pkg_overlap", info.filename)
        spans.append((start, end, info.filename))
    spans.sort()
    for (_s1, e1, _n1), (s2, _e2, n2) in zip(spans, spans[1:], strict=False):
        if s2 < e1:
            raise PackageError("pkg_overlap", n2)


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, chunk: int, keep: bool) -> tuple[str, int, bytes]:
    """Stream one member, never past its declared size: (sha256 hex, bytes read, data if `keep`)."""
    digest = hashlib.sha256()
    parts: list[bytes] = []
    total = 0
    try:
        with zf.open(info) as f:
            while True:
                block = f.read(chunk)
                if not block:
                    break
                total += len(block)
                if total > info.file_size:  # zipfile stops at the declared size; belt and braces
                    raise PackageError("pkg_size_mismatch", info.filename)
                digest.update(block)
                if keep:
                    parts.append(block)
    except PackageError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
        struct.error,
    ) as exc:
        raise PackageError("pkg_member_corrupt", info.filename, detail=repr(exc)) from None
    if total != info.file_size:
        raise PackageError("pkg_size_mismatch", info.filename)
    return digest.hexdigest(), total, b"".join(parts)
