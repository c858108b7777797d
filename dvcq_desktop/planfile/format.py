"""Constants of plan file format 1 and its error type."""

from __future__ import annotations

from typing import Any

from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package.limits import MB, Limits

MIMETYPE = b"application/vnd.dvcq.plan+zip"
EXTENSION = ".dvcqkh"
FORMAT = "dvcq.plan"
FORMAT_VERSION = "1.0"
SIGNED_FORMAT_VERSION = "1.1"  # signature.json + the office's keys in the manifest
MANIFEST = "manifest.json"
PLAN = "plan.json"
ROSTER = "roster.json"
SIGNATURE = "signature.json"  # reserved: signs manifest.json; the only member the manifest omits
LISTED = (PLAN, ROSTER)
CAPS = {MANIFEST: 1 * MB, PLAN: 8 * MB, ROSTER: 8 * MB, SIGNATURE: 64 * 1024}
MAX_FILE_SIZE = 20 * MB
MAX_TOTAL = 20 * MB
# zipcheck's helpers read their bounds from a Limits: 5 members at most, 1 MB reads
LIMITS = Limits(max_file_size=MAX_FILE_SIZE, max_report_files=2, max_attachments=0, max_total_size=MAX_TOTAL)


class PlanFileError(DvcqError):
    """A plan file is refused. `reason` is the stable code (plf_* or the container check's pkg_*);
    the message speaks of a plan file, never of a package."""

    def __init__(
        self, reason: str, member: str | None = None, detail: str | None = None, **params: Any
    ) -> None:
        self.reason = reason
        self.member = member
        params.setdefault("member", member or "")
        code = reason if reason.startswith("plf_") else "plf_container"
        if code == "plf_container":
            params.setdefault("what", _container_text(reason, member))
        super().__init__(code, detail=detail, **params)


def _container_text(reason: str, member: str | None) -> str:
    """The container checks are shared with packages; say what they found in plan-file words."""
    from dvcq_desktop.messages import render

    text = render(reason, member=member or "", limit="", count="", path="", field="")
    for old, new in (
        ("gói .dvcq", "tệp kế hoạch"),
        ("Gói .dvcq", "Tệp kế hoạch"),
        ("gói", "tệp"),
        ("Gói", "Tệp"),
    ):
        text = text.replace(old, new)
    return text
