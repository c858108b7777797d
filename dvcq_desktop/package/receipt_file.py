"""The receipt file (`.dvcqbn`, "biên nhận"): what the office sends back to a unit to prove that
its packages arrived, and when. Same container rules as the package and the plan file: ZIP,
`mimetype` first and stored, a manifest hashing `receipt.json`, and `signature.json` (Ed25519 over
the manifest bytes, package/signing.py) — a receipt is always signed. Spec: docs/receipt-format.md.
"""

from __future__ import annotations

import hashlib
import io
import struct
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dvcq_desktop import __version__
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package import signing, zipcheck
from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.package.limits import Limits
from dvcq_desktop.package.strict_json import dumps_canonical, loads_strict

MIMETYPE = b"application/vnd.dvcq.receipt+zip"
EXTENSION = ".dvcqbn"
FORMAT = "dvcq.receipt"
FORMAT_VERSION = "1.0"
MANIFEST = "manifest.json"
RECEIPT = "receipt.json"
NAMES = ("mimetype", MANIFEST, RECEIPT, signing.SIGNATURE)
MAX_SIZE = 4 * 1024 * 1024
CHUNK = 1024 * 1024
_STAMP = (1980, 1, 1, 0, 0, 0)
_BOUNDS = Limits(max_report_files=0, max_attachments=0)  # 4 entries: exactly NAMES
ENTRY_FIELDS = (
    "package_id",
    "sha256",
    "unit_code",
    "plan_id",
    "period_id",
    "revision",
    "received_at",
    "outcome",
    "deadline",
)


class ReceiptError(DvcqError):
    """A receipt file is refused; `code` is a receipt_* code."""


def build_receipt(
    entries: list[dict[str, Any]],
    *,
    office: dict[str, str],
    unit: dict[str, str],
    created_at: str,
    sign: Any,
) -> tuple[bytes, str]:
    """The receipt file's bytes and its receipt_id."""
    body = dumps_canonical({"receipts": [{k: e[k] for k in ENTRY_FIELDS} for e in entries]}, pretty=True)
    receipt_id = str(uuid.uuid4())
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "receipt_id": receipt_id,
        "created_at": created_at,
        "generator": {"name": "dvcq-desktop", "version": __version__},
        "office": office,
        "unit": unit,
        "members": [{"path": RECEIPT, "sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}],
    }
    manifest_bytes = dumps_canonical(manifest, pretty=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", allowZip64=False) as zf:
        for name, data in zip(NAMES, (MIMETYPE, manifest_bytes, body, sign(manifest_bytes)), strict=True):
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            zf.writestr(info, data)
    return buf.getvalue(), receipt_id


@dataclass(frozen=True)
class Receipt:
    manifest: dict[str, Any]
    entries: list[dict[str, Any]]
    signature: signing.SignatureCheck
    sha256: str

    @property
    def receipt_id(self) -> str:
        return str(self.manifest["receipt_id"])


def looks_like_receipt(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(38 + len(MIMETYPE))
    except OSError:
        return False
    return head[:4] == b"PK\x03\x04" and head[30:38] == b"mimetype" and head[38:] == MIMETYPE


def read_receipt(path: Path) -> Receipt:
    """Check everything (layout, hashes, signature, fields); raises ReceiptError."""
    try:
        data = Path(path).read_bytes() if Path(path).stat().st_size <= MAX_SIZE else b""
        if not data:
            raise ReceiptError("receipt_invalid", problem="tệp rỗng hoặc quá lớn")
        return _read(data)
    except ReceiptError:
        raise
    except PackageError as exc:
        if exc.code == "pkg_signature_invalid":
            raise ReceiptError("receipt_signature_invalid", detail=exc.detail) from None
        raise ReceiptError("receipt_invalid", detail=exc.detail, problem=exc.message) from None
    except OSError as exc:
        raise ReceiptError("receipt_invalid", detail=repr(exc), problem="không đọc được tệp") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error, KeyError, TypeError) as exc:
        raise ReceiptError("receipt_invalid", detail=repr(exc), problem="tệp hỏng") from None


def _read(data: bytes) -> Receipt:
    if data[:4] != b"PK\x03\x04" or data[30:38] != b"mimetype" or data[38 : 38 + len(MIMETYPE)] != MIMETYPE:
        raise ReceiptError("receipt_not_receipt")
    fp = io.BytesIO(data)
    if zipcheck.entry_count(fp, len(data), _BOUNDS) != len(NAMES):
        raise ReceiptError("receipt_invalid", problem="sai danh sách thành phần")
    fp.seek(0)
    zf = zipfile.ZipFile(fp)
    infos = zf.infolist()
    if tuple(i.filename for i in infos) != NAMES or infos[0].compress_type != zipfile.ZIP_STORED:
        raise ReceiptError("receipt_invalid", problem="sai danh sách thành phần")
    for info in infos:
        if info.flag_bits & 0x2041 or info.file_size > MAX_SIZE:
            raise ReceiptError("receipt_invalid", problem=f"thành phần {info.filename} không hợp lệ")
    zipcheck.check_layout(fp, infos, int(getattr(zf, "start_dir", len(data))))
    blobs = {i.filename: zipcheck.read_member(zf, i, CHUNK, keep=True)[2] for i in infos[1:]}
    sig = signing.check(blobs[MANIFEST], blobs[signing.SIGNATURE])
    manifest = loads_strict(blobs[MANIFEST], member=MANIFEST, max_size=MAX_SIZE)
    body = blobs[RECEIPT]
    try:
        ok = (
            manifest["format"] == FORMAT
            and str(manifest["format_version"]).startswith("1.")
            and manifest["members"]
            == [{"path": RECEIPT, "sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}]
            and isinstance(manifest["receipt_id"], str)
            and isinstance(manifest["office"]["code"], str)
        )
    except (KeyError, TypeError):
        ok = False
    if not ok:
        raise ReceiptError("receipt_invalid", problem="phần kê khai (manifest.json) sai hoặc không khớp")
    doc = loads_strict(body, member=RECEIPT, max_size=MAX_SIZE)
    entries = doc.get("receipts") if isinstance(doc, dict) else None
    if (
        not isinstance(entries, list)
        or not entries
        or not all(isinstance(e, dict) and set(e) == set(ENTRY_FIELDS) for e in entries)
    ):
        raise ReceiptError("receipt_invalid", problem="nội dung biên nhận (receipt.json) sai")
    return Receipt(manifest, entries, sig, hashlib.sha256(data).hexdigest())
