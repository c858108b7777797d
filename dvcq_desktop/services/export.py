"""Export the unit's report slot as a `.dvcq` package: snapshot → Word/Excel → package → verify.

Revision numbering comes from this workspace's export history: revision = previous + 1 for the
same slot (unit, plan, period) and `supersedes` names the previous package, so the receiving
office can tell a correction from a duplicate.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.records import Activity, Submission
from dvcq_desktop.domain.rules import blocking
from dvcq_desktop.errors import DvcqError
from dvcq_desktop.package import WrittenPackage, write_package
from dvcq_desktop.package.limits import ATTACHMENT_EXTENSIONS
from dvcq_desktop.progress import Progress, scaled
from dvcq_desktop.reports.build_unit import build_unit_report
from dvcq_desktop.reports.docx_render import render_docx
from dvcq_desktop.reports.xlsx_annex import render_xlsx
from dvcq_desktop.services import keys
from dvcq_desktop.storage import exports, finality
from dvcq_desktop.storage.attachments import blob_path
from dvcq_desktop.storage.snapshot import load_submission
from dvcq_desktop.storage.workspace import Workspace


def report_basename(unit_code: str, period_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", f"BaoCao_{unit_code}_{period_id}")


def _attachment_ext(name: str) -> str:
    return Path(name).suffix.lower().lstrip(".")


def _keep_attachments(sub: Submission, include: bool) -> Submission:
    """Only files of a type the format allows travel (no nested archives such as .docx); the
    submission lists exactly the attachments that are in the package."""

    def kept(a: Activity) -> Activity:
        refs = tuple(r for r in a.attachments if include and _attachment_ext(r.name) in ATTACHMENT_EXTENSIONS)
        return replace(a, attachments=refs)

    return replace(sub, activities=tuple(kept(a) for a in sub.activities))


def _named_blobs(ws: Workspace, sub: Submission, tmp: Path) -> dict[str, Path]:
    """Blobs are stored without extension; the writer names members by type, so link each one
    under `<sha256>.<ext>` in a temporary folder."""
    out: dict[str, Path] = {}
    for act in sub.activities:
        for ref in act.attachments:
            if ref.sha256 in out:
                continue
            named = tmp / f"{ref.sha256}.{_attachment_ext(ref.name)}"
            src = blob_path(ws.attachments_dir, ref.sha256)
            try:
                os.link(src, named)
            except OSError:
                shutil.copyfile(src, named)
            out[ref.sha256] = named
    return out


def export_package(
    ws: Workspace,
    out_dir: Path,
    period_id: str | None = None,
    progress: Progress | None = None,
    *,
    include_attachments: bool = False,
) -> WrittenPackage:
    """Write the package into `out_dir` (a folder, or the `.dvcq` file to create) and record it
    in the export history.

    Raises DvcqError("export_blocked") while a rule error stands: the report would be refused
    upstream anyway, better to say so before anything is written.
    """

    def step(d: int, msg: str) -> None:
        if progress:
            progress(d, 100, msg)

    out_dir, file_name = Path(out_dir), None
    if out_dir.suffix.lower() == ".dvcq":  # `--out FILE.dvcq`: exactly that file, never overwritten
        out_dir, file_name = out_dir.parent, out_dir.name
        if (out_dir / file_name).exists():  # say so before minutes of rendering, not after
            raise DvcqError("pkg_dest_exists", path=str(out_dir / file_name))
    step(0, "Đang đọc dữ liệu")
    sub = load_submission(ws, period_id, finalized_at=clock.now())
    data_fingerprint = finality.fingerprint(sub)  # before attachments are dropped from the copy
    errors = blocking(list(sub.rule_results))
    if errors:
        raise DvcqError("export_blocked", count=len(errors), first=errors[0].message)
    plan = ws.plan
    base = report_basename(sub.unit.code, sub.period.id)
    with tempfile.TemporaryDirectory(prefix="dvcq-export-") as tmp:
        step(10, "Đang lập báo cáo Word")
        docx = render_docx(build_unit_report(sub, plan), Path(tmp) / f"{base}.docx")
        step(40, "Đang lập phụ lục Excel")
        xlsx = render_xlsx(sub, plan, Path(tmp) / f"{base}.xlsx")
        files = {f"report/{base}.docx": docx.read_bytes(), f"report/{base}.xlsx": xlsx.read_bytes()}
    sub = _keep_attachments(sub, include_attachments)
    last = exports.last(ws.db, sub.unit.code, sub.plan.id, sub.period.id)
    revision = (last["revision"] + 1) if last else 1
    step(60, "Đang ghi và kiểm tra gói")
    with tempfile.TemporaryDirectory(prefix="dvcq-att-") as att_dir:
        atts = _named_blobs(ws, sub, Path(att_dir))
        written = write_package(
            sub,
            files,
            out_dir,
            revision=revision,
            supersedes=last["package_id"] if last else None,
            attachments=atts,
            progress=scaled(progress, 60, 95),
            plan=plan,
            file_name=file_name,
            **keys.export_hooks(ws, plan),  # signed; sealed for the office once its key is known
        )
    exports.record(
        ws.db,
        {
            "package_id": written.package_id,
            "unit_code": sub.unit.code,
            "plan_id": sub.plan.id,
            "period_id": sub.period.id,
            "revision": written.revision,
            "supersedes": last["package_id"] if last else None,
            "path": str(written.path),
            "sha256": written.sha256,
            "size": written.size,
            "created_at": clock.iso(clock.now()),
        },
    )
    if sub.finalized_at is not None:
        finality.mark(ws.db, sub, data_fingerprint, sub.finalized_at)
    step(100, "Đã xuất và kiểm tra xong — có thể rút USB.")
    return written
