"""Write a plan file: ZIP, `mimetype` first and stored, then the manifest (listing every other
member with SHA-256 and size), the plan template and the roster. Written next to its final name,
synced, then renamed: a reader never sees half a file."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dvcq_desktop import __version__
from dvcq_desktop.package.strict_json import dumps_canonical
from dvcq_desktop.planfile.format import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MIMETYPE,
    PLAN,
    ROSTER,
    SIGNATURE,
    SIGNED_FORMAT_VERSION,
)
from dvcq_desktop.storage.fsutil import fsync_dir, replace_with_retry

_STAMP = (1980, 1, 1, 0, 0, 0)


def _add(zf: zipfile.ZipFile, name: str, data: bytes, method: int) -> None:
    info = zipfile.ZipInfo(name, date_time=_STAMP)
    info.compress_type = method
    info.external_attr = 0o100644 << 16  # regular file, rw-r--r--
    zf.writestr(info, data)


def build_plan_file(
    *,
    plan_template: bytes,
    plan: dict[str, Any],
    period: dict[str, Any],
    office: dict[str, Any],
    roster: dict[str, Any],
    created_at: str,
    keys: dict[str, Any] | None = None,
    sign: Callable[[bytes], bytes] | None = None,
) -> tuple[bytes, str]:
    """The file's bytes and its file_id. `plan_template` is stored verbatim (its content hash is the
    identity units compare with the office's)."""
    roster_bytes = dumps_canonical(roster, pretty=True)
    members = [
        {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in ((PLAN, plan_template), (ROSTER, roster_bytes))
    ]
    file_id = str(uuid.uuid4())
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION if sign is None else SIGNED_FORMAT_VERSION,
        "file_id": file_id,
        "created_at": created_at,
        "generator": {"name": "dvcq-desktop", "version": __version__},
        "plan": plan,
        "period": period,
        "office": office,
        "roster": {"count": len(roster["units"]), "catalog_id": roster["catalog_id"]},
        "members": members,
    }
    if keys is not None:
        manifest["keys"] = keys
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        _add(zf, "mimetype", MIMETYPE, zipfile.ZIP_STORED)
        manifest_bytes = dumps_canonical(manifest, pretty=True)
        _add(zf, MANIFEST, manifest_bytes, zipfile.ZIP_DEFLATED)
        if sign is not None:  # format 1.1: Ed25519 over the manifest's exact bytes
            _add(zf, SIGNATURE, sign(manifest_bytes), zipfile.ZIP_DEFLATED)
        _add(zf, PLAN, plan_template, zipfile.ZIP_DEFLATED)
        _add(zf, ROSTER, roster_bytes, zipfile.ZIP_DEFLATED)
    return buf.getvalue(), file_id


def write_plan_file(data: bytes, dest: Path) -> Path:
    """Durably write `data` to `dest` (never half a file under the final name)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.part")
    try:
        with open(part, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        replace_with_retry(part, dest)
        fsync_dir(dest.parent)
    finally:
        part.unlink(missing_ok=True)
    return dest
