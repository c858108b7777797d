"""`dvcq verify PATH... [--json]`: check packages without a workspace (the CLI wraps this)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dvcq_desktop.errors import DvcqError, user_message
from dvcq_desktop.package.limits import DEFAULT_LIMITS, Limits
from dvcq_desktop.package.opening import open_package
from dvcq_desktop.package.plans import PlanLookup


@dataclass(frozen=True)
class VerifyResult:
    path: str
    ok: bool
    code: str | None = None  # pkg_* (or a general code) when not ok
    message: str = ""  # Vietnamese, for people
    member: str | None = None
    package_id: str | None = None
    revision: int | None = None
    unit_code: str | None = None
    plan_id: str | None = None
    period_id: str | None = None
    sha256: str | None = None
    size: int | None = None
    plan_checked: bool = False  # ids judged against the package's plan (known to this app)
    signature: str | None = None  # valid / invalid / none (format 1.0, unsigned)
    signer: str | None = None  # fingerprint of the signing key
    encrypted: bool = False  # sealed for the office: identity checked, content not readable here

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def verify_path(
    path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS, plans: PlanLookup | None = None
) -> VerifyResult:
    p = str(path)
    try:
        opened = open_package(Path(path), None, limits, plans)
    except DvcqError as exc:
        invalid = "invalid" if exc.code == "pkg_signature_invalid" else None
        return VerifyResult(
            p, False, exc.code, exc.message, member=getattr(exc, "member", None), signature=invalid
        )
    except Exception as exc:  # noqa: BLE001 - verify must report, never crash the batch
        return VerifyResult(p, False, "internal", user_message(exc))
    sig = opened.signature
    if opened.package is None:  # sealed: what the envelope shows
        ident = opened.identity
        return VerifyResult(
            p,
            True,
            None,
            f"Gói hợp lệ, đã mã hóa cho cơ quan tổng hợp: {ident['unit']['name']}, lần {ident['revision']}.",
            package_id=ident["package_id"],
            revision=ident["revision"],
            unit_code=ident["unit"]["code"],
            plan_id=ident["plan"]["id"],
            period_id=ident["period"]["id"],
            sha256=opened.sha256,
            size=opened.size,
            signature=sig.status,
            signer=sig.signer,
            encrypted=True,
        )
    pkg = opened.package
    m = pkg.manifest
    note = (
        ""
        if pkg.plan_known
        else f" Chưa đối chiếu mã chỉ tiêu, lĩnh vực, loại hoạt động: phần mềm này không có kế hoạch {m.plan.id} của gói."
    )
    return VerifyResult(
        p,
        True,
        None,
        f"Gói hợp lệ: {m.unit.name}, {m.period.label}, lần {m.revision}.{note}",
        package_id=m.package_id,
        revision=m.revision,
        unit_code=m.unit.code,
        plan_id=m.plan.id,
        period_id=m.period.id,
        sha256=pkg.sha256,
        size=pkg.size,
        plan_checked=pkg.plan_known,
        signature=sig.status,
        signer=sig.signer,
    )


def verify_paths(
    paths: Iterable[str | os.PathLike[str]], limits: Limits = DEFAULT_LIMITS, plans: PlanLookup | None = None
) -> list[VerifyResult]:
    """One result per path, in order; one bad file never stops the others."""
    return [verify_path(p, limits, plans) for p in paths]
