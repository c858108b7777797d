"""One file's import outcome (the record the CLI, the GUI and the import log show) and its summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUTCOMES = ("new", "newer-revision", "duplicate", "older-revision", "conflict", "rejected")
ACCEPTED = ("new", "newer-revision", "older-revision")  # outcomes that store a revision


@dataclass(frozen=True)
class ImportOutcome:
    file: Path
    outcome: str  # one of OUTCOMES
    reason: str  # stable code (pkg_* for format violations, import_* otherwise)
    message: str  # Vietnamese, for the preview table / CLI
    sha256: str | None = None
    package_id: str | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    plan_id: str | None = None
    period_id: str | None = None
    revision: int | None = None
    previous_revision: int | None = None  # the slot's current revision before this file
    signature: str | None = None  # valid / none (an invalid one is rejected: pkg_signature_invalid)
    signer: str | None = None  # the signer's key fingerprint

    @property
    def stored(self) -> bool:
        return self.outcome in ACCEPTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "outcome": self.outcome,
            "reason": self.reason,
            "message": self.message,
            "unit": self.unit_code,
            "revision": self.revision,
            "package_id": self.package_id,
            "sha256": self.sha256,
            "period": self.period_id,
            "signature": self.signature,
            "signer": self.signer,
        }


def summary(outcomes: list[ImportOutcome]) -> dict[str, int]:
    counts = dict.fromkeys(OUTCOMES, 0)
    for o in outcomes:
        counts[o.outcome] += 1
    return counts


def summary_text(outcomes: list[ImportOutcome], *, dry_run: bool = False) -> str:
    c = summary(outcomes)
    head = "Xem trước (chưa lưu gì)" if dry_run else "Kết quả nhập"
    return (
        f"{head}: {len(outcomes)} tệp — {c['new']} mới, {c['newer-revision']} bản sửa đổi mới hơn, "
        f"{c['duplicate']} trùng (đã nhập trước), {c['older-revision']} bản cũ hơn/cạnh tranh, "
        f"{c['conflict']} xung đột, {c['rejected']} bị từ chối."
    )


def outcome_label(outcome: str) -> str:
    return {
        "new": "Mới",
        "newer-revision": "Bản sửa đổi mới hơn",
        "duplicate": "Trùng, đã nhập",
        "older-revision": "Bản cũ hơn",
        "conflict": "Xung đột",
        "rejected": "Bị từ chối",
    }[outcome]
