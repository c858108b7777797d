"""Looking at a workbook file before openpyxl touches it, so a hostile one costs nothing.

An .xlsx is a ZIP of XML parts. What openpyxl would happily do with a crafted one: inflate a
small file into gigabytes (the shared-strings part and styles are read whole, even in read-only
mode), or expand XML entities ("billion laughs"). So, from the ZIP's central directory alone:
the number of parts, each part's declared size and their total are bounded (zipfile stops reading
a part at its declared size, so the declaration binds), and the prolog of every XML part is read to
refuse a DOCTYPE or ENTITY declaration (Excel never writes one) and any encoding but UTF-8.
Files that are not ZIPs are recognised by their first bytes: an OLE compound file is a workbook
protected by a password (or the old .xls format), an empty file is empty.
"""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dvcq_desktop.errors import DvcqError

log = logging.getLogger(__name__)

MB = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class ExcelLimits:
    max_file_size: int = 100 * MB
    max_parts: int = 2000
    max_part_size: int = 256 * MB  # one worksheet's XML, read streaming
    max_shared_strings: int = 64 * MB  # read whole by openpyxl
    max_styles: int = 16 * MB  # read whole by openpyxl
    max_total_size: int = 512 * MB
    max_rows: int = 200_000
    max_columns: int = 200  # read per row; the template has 17
    max_cell_chars: int = 32_767  # Excel's own limit for a cell
    prolog_bytes: int = 64 * 1024


DEFAULT_EXCEL_LIMITS = ExcelLimits()


def _refuse(code: str, path: Path, detail: str) -> DvcqError:
    return DvcqError(code, detail=detail, path=path.name)


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, limits: ExcelLimits) -> None:
    """Refuse a DTD or entity declaration: it can only come before the root element."""
    with zf.open(info) as fh:
        head = fh.read(limits.prolog_bytes)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        raise _refuse("excel_hostile", path, f"{info.filename}: not UTF-8")
    i = 0
    while True:
        j = head.find(b"<", i)
        if j < 0 or j + 1 >= len(head):
            if len(head) >= limits.prolog_bytes:
                raise _refuse("excel_hostile", path, f"{info.filename}: prolog too long")
            return  # a part with no element at all: openpyxl reports it if it matters
        nxt = head[j + 1 : j + 2]
        if nxt == b"?":  # <?xml …?> declaration or processing instruction
            i = j + 2
            continue
        if nxt == b"!":
            if head.startswith(b"<!--", j):
                end = head.find(b"-->", j + 4)
                if end < 0:
                    raise _refuse("excel_hostile", path, f"{info.filename}: prolog too long")
                i = end + 3
                continue
            raise _refuse("excel_hostile", path, f"{info.filename}: DOCTYPE/ENTITY")
        return  # the root element: no DTD can follow


def inspect_xlsx(path: Path, limits: ExcelLimits = DEFAULT_EXCEL_LIMITS) -> None:
    """Raise the officer-facing error for anything that is not a plain, reasonable .xlsx."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise DvcqError("file_missing", path=str(path)) from None
    if size == 0:
        raise _refuse("excel_empty", path, "0 bytes")
    if size > limits.max_file_size:
        raise DvcqError(
            "excel_too_big", detail=f"{size} bytes", path=path.name, limit=f"{limits.max_file_size // MB} MB"
        )
    if head.startswith(OLE_MAGIC):
        # Excel wraps a password-protected .xlsx in an OLE compound file ("EncryptedPackage"
        # stream); any other OLE file is the old .xls format (or a renamed one).
        if _ENCRYPTED in path.read_bytes():
            raise _refuse("excel_encrypted", path, "OLE EncryptedPackage")
        raise _refuse("excel_old_format", path, "OLE compound file")
    if not head.startswith(ZIP_MAGIC):
        raise _refuse("excel_unreadable", path, f"magic {head!r}")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > limits.max_parts:
                raise _refuse("excel_hostile", path, f"{len(infos)} parts")
            total = 0
            names = set()
            for info in infos:
                name = info.filename
                names.add(name)
                total += info.file_size
                cap = limits.max_part_size
                if name.endswith("sharedStrings.xml"):
                    cap = limits.max_shared_strings
                elif name.endswith("styles.xml"):
                    cap = limits.max_styles
                if info.file_size > cap or total > limits.max_total_size:
                    raise _refuse("excel_hostile", path, f"{name}: {info.file_size} bytes (total {total})")
            if "xl/workbook.xml" not in names:
                raise _refuse("excel_unreadable", path, "no xl/workbook.xml")
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    _check_prolog(zf, info, path, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
        raise _refuse("excel_unreadable", path, repr(exc)) from exc


def open_xlsx(path: Path, limits: ExcelLimits = DEFAULT_EXCEL_LIMITS, *, data_only: bool = True) -> Any:
    """The one way a workbook from outside is opened: `inspect_xlsx` first, then openpyxl in
    read-only mode. `data_only=False` keeps formulas as formulas, for readers that refuse them."""
    from openpyxl import load_workbook  # not at import: the guard alone must stay light

    path = Path(path)
    if not path.is_file():
        raise DvcqError("file_missing", path=str(path))
    inspect_xlsx(path, limits)  # before openpyxl inflates or parses anything
    try:
        return load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # noqa: BLE001 - openpyxl fails many ways on a non-xlsx file
        log.warning("cannot read %s as xlsx: %r", path, exc)
        raise DvcqError("excel_unreadable", detail=repr(exc), path=path.name) from None
