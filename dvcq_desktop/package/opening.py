"""The one way in for a package of any 1.x form: plain 1.0 (unsigned), signed 1.1, sealed 1.1.

`open_package` returns the verified package (decrypted when sealed and a key fits), the result of
its signature check and the identity the outer file shows. The ordinary reader does every check of
the package itself; this module adds the signature and the sealed envelope around it.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from dvcq_desktop.package import sealing, signing, zipcheck
from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.package.limits import DEFAULT_LIMITS, Limits
from dvcq_desktop.package.model import MANIFEST, Package
from dvcq_desktop.package.plans import PlanLookup
from dvcq_desktop.package.reader import read_package_with_submission
from dvcq_desktop.package.strict_json import loads_strict


@dataclass(frozen=True)
class Opened:
    package: Package | None  # None: sealed and no key given (identity from the outer manifest)
    submission_text: str  # data/submission.json as verified (NFC), "" when not opened
    signature: signing.SignatureCheck
    sealed: bool
    identity: dict[str, Any]  # package_id, revision, unit, plan, period (as in the manifest)
    sha256: str
    size: int


def open_package(
    source: str | os.PathLike[str] | bytes,
    identities: Sequence[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    plans: PlanLookup | None = None,
) -> Opened:
    """Raises PackageError. `identities`: age secret keys to open a sealed package with; None only
    checks a sealed package's envelope and signature (what `dvcq verify` can do without keys).
    `plans`: the plan lookup handed to the reader's checks of meaning (default: the app's plans)."""
    if isinstance(source, (bytes, bytearray)):
        return _open(io.BytesIO(bytes(source)), bytes(source), None, identities, limits, plans)
    path = Path(source)
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise PackageError("pkg_file_missing", path=str(path)) from None
    except OSError as exc:
        raise PackageError("pkg_read_error", path=str(path), detail=repr(exc)) from None
    with f:
        return _open(f, None, path, identities, limits, plans)


def _open(
    fp: BinaryIO,
    data: bytes | None,
    path: Path | None,
    identities: Sequence[str] | None,
    limits: Limits,
    plans: PlanLookup | None = None,
) -> Opened:
    size = fp.seek(0, io.SEEK_END)
    if size and sealing.looks_sealed(fp, size, limits):
        return _open_sealed(fp, size, path, identities, limits, plans)
    pkg, raw = read_package_with_submission(data if data is not None else path or b"", limits, plans)
    fp.seek(0)
    sig = _plain_signature(fp, limits)
    if sig.status == signing.NONE and pkg.manifest.format_version != "1.0":
        # a 1.1 manifest promises a signature: dropping signature.json must not pass as "old"
        raise PackageError("pkg_signature_invalid", signing.SIGNATURE, detail="missing")
    m = pkg.manifest
    identity = {
        "package_id": m.package_id,
        "revision": m.revision,
        "unit": {"code": m.unit.code, "name": m.unit.name},
        "plan": {"id": m.plan.id},
        "period": {"id": m.period.id, "label": m.period.label},
    }
    return Opened(pkg, raw, sig, False, identity, pkg.sha256, pkg.size)


def _plain_signature(fp: BinaryIO, limits: Limits) -> signing.SignatureCheck:
    """The reader accepted the file: read manifest.json and signature.json again, raw."""
    with zipfile.ZipFile(fp) as zf:
        names = set(zf.namelist())
        if signing.SIGNATURE not in names:
            return signing.UNSIGNED
        raw_manifest = zipcheck.read_member(zf, zf.getinfo(MANIFEST), limits.read_chunk, keep=True)[2]
        raw_sig = zipcheck.read_member(zf, zf.getinfo(signing.SIGNATURE), limits.read_chunk, keep=True)[2]
    return signing.check(raw_manifest, raw_sig)


def _open_sealed(
    fp: BinaryIO,
    size: int,
    path: Path | None,
    identities: Sequence[str] | None,
    limits: Limits,
    plans: PlanLookup | None = None,
) -> Opened:
    import hashlib

    if size > limits.max_file_size:
        raise PackageError("pkg_file_too_large", limit=zipcheck.fmt_mb(limits.max_file_size))
    fp.seek(0)
    whole = fp.read()  # bounded above; read once, hashed and parsed from memory
    sha = hashlib.sha256(whole).hexdigest()
    sealed = sealing.open_sealed(io.BytesIO(whole), size, identities, limits)
    outer = sealed.manifest
    if sealed.plain is None:
        return Opened(None, "", sealed.signature, True, outer, sha, size)
    pkg, raw = read_package_with_submission(sealed.plain, limits, plans)
    with zipfile.ZipFile(io.BytesIO(sealed.plain)) as zf:
        inner_raw = zf.read(MANIFEST)
        inner_sig = (
            signing.check(inner_raw, zf.read(signing.SIGNATURE))
            if signing.SIGNATURE in zf.namelist()
            else signing.UNSIGNED
        )
    inner = loads_strict(inner_raw, member=MANIFEST, max_size=limits.max_manifest_size)
    if inner_sig.public_key != sealed.signature.public_key or not sealing.same_identity(outer, inner):
        raise PackageError("pkg_sealed_mismatch", sealing.SEALED)
    # the file on disk is what was received (hash, size, path); its content is the inner package
    pkg = replace(pkg, sha256=sha, size=size, path=path, data=sealed.plain)
    return Opened(pkg, raw, sealed.signature, True, outer, sha, size)
