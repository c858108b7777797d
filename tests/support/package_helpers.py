"""Shared builders for the package tests and benchmark: sample submissions and raw ZIP crafting."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import uuid
import zipfile
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from dvcq_desktop.domain.records import (
    Activity,
    AttachmentRef,
    DocumentMeta,
    IndicatorValue,
    NarrativeSection,
    PeriodRef,
    PlanRef,
    RuleResult,
    Signer,
    Submission,
    UnitRef,
)

VN = timezone(timedelta(hours=7))
DOCX = b"PK\x03\x04" + b"docx-bytes" * 10
XLSX = b"PK\x03\x04" + b"xlsx-bytes" * 10
REPORTS = {"BaoCao_P1_2025.docx": DOCX, "PhuLuc_P1_2025.xlsx": XLSX}


def activity(i: int, **kw: object) -> Activity:
    base: dict[str, object] = dict(
        id=str(uuid.UUID(int=i + 1, version=4)),
        area_id=f"A{i % 6 + 1}",
        type_id="tuyen_truyen",
        title=f"Tuyên truyền Luật Thực hiện dân chủ ở cơ sở, đợt {i}",
        start_date=date(2025, 3, 1 + i % 28),
        end_date=None,
        content="Tổ chức hội nghị tuyên truyền cho cán bộ, công chức phường.",
        location="Hội trường UBND phường",
        lead_unit="Văn phòng HĐND-UBND",
        partners="MTTQ phường",
        participants=50 + i,
        groups=None,
        result="Đạt yêu cầu",
        status="done",
        notable=i % 7 == 0,
        created_at=datetime(2025, 3, 1, 8, 30, tzinfo=VN),
        updated_at=None,
    )
    base.update(kw)
    return Activity(**base)  # type: ignore[arg-type]


def submission(n_activities: int = 3, unit_code: str = "25747") -> Submission:
    return Submission(
        unit=UnitRef(unit_code, "Phường 1", "phuong", "TP-TN"),
        plan=PlanRef("kh-dvcq-2025", "1.0", "Kế hoạch công tác dân vận chính quyền năm 2025", "ab" * 32),
        period=PeriodRef(
            "2025-6t", "6 tháng đầu năm 2025", date(2025, 1, 1), date(2025, 6, 15), date(2025, 6, 20)
        ),
        indicators=(IndicatorValue("I1", 12, "Có 2 văn bản chỉ đạo"), IndicatorValue("I2", None)),
        activities=tuple(activity(i) for i in range(n_activities)),
        narratives=(NarrativeSection("I", "Tình hình chung: ổn định."), NarrativeSection("II.1", "Đạt.")),
        document=DocumentMeta(
            "12",
            "BC-UBND",
            date(2025, 6, 18),
            "Phường 1",
            "UBND THÀNH PHỐ TÂY NINH",
            "ỦY BAN NHÂN DÂN PHƯỜNG 1",
            ("Ban Dân vận Thành ủy",),
            ("Như trên", "Lưu"),
            "VT, VP",
            Signer("Nguyễn Văn A", "PHÓ CHỦ TỊCH", "KT.", "CHỦ TỊCH"),
        ),
        rule_results=(RuleResult("R1", "warning", "Số người tham gia giảm", 10, 20, "Do mưa bão"),),
        finalized_at=datetime(2025, 6, 18, 9, 15, tzinfo=VN),
    )


def with_attachment(sub: Submission, sha: str, size: int) -> Submission:
    a = sub.activities[0]
    att = AttachmentRef(sha, "Biên bản hội nghị.pdf", size, "application/pdf")
    new = Activity(**{**a.__dict__, "attachments": (att,)})
    return Submission(**{**sub.__dict__, "activities": (new,) + sub.activities[1:]})


def rezip(
    data: bytes,
    *,
    drop: set[str] = frozenset(),  # type: ignore[assignment]
    replace: dict[str, bytes] | None = None,
    add: list[tuple[zipfile.ZipInfo | str, bytes]] | None = None,
    method: int | None = None,
) -> bytes:
    """Copy a package member by member, changing some; mimetype stays first and stored."""
    replace = replace or {}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            if info.filename in drop:
                continue
            blob = replace.get(info.filename, src.read(info))
            ct = zipfile.ZIP_STORED if info.filename == "mimetype" else (method or info.compress_type)
            zf.writestr(zipfile.ZipInfo(info.filename, info.date_time), blob, compress_type=ct)
        for name, blob in add or []:
            zf.writestr(name, blob)
    return out.getvalue()


# --- raw crafting of hostile packages -------------------------------------------------------------


def built(n: int = 3) -> bytes:
    from dvcq_desktop.package import build_package

    return build_package(submission(n), REPORTS, revision=1, supersedes=None).data


def central_entries(data: bytes) -> list[tuple[int, str]]:
    """(offset of the central header, name) for every central-directory entry."""
    out = []
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        nlen, elen, clen = struct.unpack_from("<3H", data, pos + 28)
        out.append((pos, data[pos + 46 : pos + 46 + nlen].decode("utf-8", "replace")))
        pos = data.find(b"PK\x01\x02", pos + 46 + nlen + elen + clen)
    return out


def patch_central(data: bytes, name: str, **fields: int) -> bytes:
    """Overwrite fields of `name`'s central header: flags, method, csize, usize, eattr, offset."""
    layout = {
        "flags": (8, "<H"),
        "method": (10, "<H"),
        "csize": (20, "<L"),
        "usize": (24, "<L"),
        "eattr": (38, "<L"),
        "offset": (42, "<L"),
    }
    buf = bytearray(data)
    pos = next(p for p, n in central_entries(data) if n == name)
    for key, value in fields.items():
        off, fmt = layout[key]
        struct.pack_into(fmt, buf, pos + off, value)
    return bytes(buf)


def central_field(data: bytes, name: str, key: str) -> int:
    layout = {"offset": (42, "<L"), "usize": (24, "<L"), "flags": (8, "<H")}
    pos = next(p for p, n in central_entries(data) if n == name)
    off, fmt = layout[key]
    return int(struct.unpack_from(fmt, data, pos + off)[0])


def with_member_name(data: bytes, name: bytes) -> bytes:
    """Add a member, then rename it at byte level (zipfile itself refuses NUL names)."""
    marker = b"X" * len(name)
    grown = rezip(data, add=[(marker.decode(), b"payload")])
    return grown.replace(marker, name)


def replace_consistently(data: bytes, member: str, blob: bytes) -> bytes:
    """Replace a member AND fix its manifest entry, so only the content itself is hostile."""
    src = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(src.read("manifest.json"))
    for m in manifest["members"]:
        if m["path"] == member:
            m["sha256"] = hashlib.sha256(blob).hexdigest()
            m["size"] = len(blob)
    return rezip(data, replace={member: blob, "manifest.json": json.dumps(manifest).encode()})


def edit_json(data: bytes, member: str, edit: Callable[[dict], None]) -> bytes:
    doc = json.loads(zipfile.ZipFile(io.BytesIO(data)).read(member))
    edit(doc)
    blob = json.dumps(doc, ensure_ascii=False).encode()
    if member == "manifest.json":
        return rezip(data, replace={member: blob})
    return replace_consistently(data, member, blob)


def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP from (name, stored payload, declared usize, method) with honest-looking CRC 0 headers."""
    out = bytearray()
    central = bytearray()
    for name, payload, usize, method in entries:
        nb = name.encode()
        off = len(out)
        out += (
            struct.pack(
                "<4s5H3L2H", b"PK\x03\x04", 20, 0x800, method, 0, 0, 0, len(payload), usize, len(nb), 0
            )
            + nb
            + payload
        )
        central += (
            struct.pack(
                "<4s6H3L5HLL",
                b"PK\x01\x02",
                20,
                20,
                0x800,
                method,
                0,
                0,
                0,
                len(payload),
                usize,
                len(nb),
                0,
                0,
                0,
                0,
                0o100644 << 16,
                off,
            )
            + nb
        )
    cd_off = len(out)
    out += central + struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), cd_off, 0
    )
    return bytes(out)
