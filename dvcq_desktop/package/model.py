"""Typed view of a package that passed every check (what `read_package` returns)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from dvcq_desktop.domain.records import PeriodRef, PlanRef, Submission, UnitRef

MIMETYPE = b"application/vnd.dvcq.submission+zip"
MANIFEST = "manifest.json"
SUBMISSION = "data/submission.json"
SIGNATURE = "signature.json"  # format 1.1: Ed25519 over manifest.json (package/signing.py)
FORMAT_NAME = "dvcq.submission"
SUPPORTED_MAJOR = 1
SUPPORTED_MINOR = 1  # 1.1: optional `tasks`/`task_id`, signature.json, sealed members


@dataclass(frozen=True)
class MemberEntry:
    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Generator:
    name: str
    version: str


@dataclass(frozen=True)
class Manifest:
    format_version: str
    package_id: str
    revision: int
    supersedes: str | None
    created_at: datetime
    finalized_at: datetime | None
    generator: Generator
    plan: PlanRef
    unit: UnitRef
    period: PeriodRef
    members: tuple[MemberEntry, ...]

    @property
    def slot(self) -> tuple[str, str, str]:
        """The report slot (unit code, plan id, period id) that revisions count within."""
        return (self.unit.code, self.plan.id, self.period.id)


@dataclass(frozen=True)
class Package:
    manifest: Manifest
    submission_data: dict[str, Any] = field(repr=False, compare=False)  # data/submission.json, checked, NFC
    members: tuple[MemberEntry, ...] = ()  # every member except mimetype and manifest.json, verified
    sha256: str = ""  # of the whole .dvcq file
    size: int = 0
    path: Path | None = None
    data: bytes | None = field(default=None, repr=False, compare=False)  # when read from bytes
    plan_known: bool = False  # the reader found the package's plan and checked its ids against it

    @cached_property
    def submission(self) -> Submission:
        """The typed submission, built on first use: an import stores the checked dict directly
        and never pays for 2,000 typed activities."""
        from dvcq_desktop.package.codec import submission_from_dict
        from dvcq_desktop.package.errors import PackageError

        try:
            return submission_from_dict(self.submission_data)
        except KeyError as exc:  # schema-valid yet not constructible: the missing field, by name
            field = str(exc.args[0])[:80] if exc.args else ""
            raise PackageError("pkg_schema_invalid", SUBMISSION, detail=repr(exc), field=field) from None
        except (ValueError, TypeError) as exc:  # Python's own text is English: it goes to the log
            raise PackageError("pkg_schema_values", SUBMISSION, detail=repr(exc)) from None

    @property
    def package_id(self) -> str:
        return self.manifest.package_id

    @property
    def revision(self) -> int:
        return self.manifest.revision

    @property
    def report_files(self) -> tuple[str, ...]:
        return tuple(m.path for m in self.members if m.path.startswith("report/"))

    @property
    def attachment_files(self) -> tuple[str, ...]:
        return tuple(m.path for m in self.members if m.path.startswith("attachments/"))
