"""The unit's official report (Word) and annex (Excel) from its workspace."""

from __future__ import annotations

from pathlib import Path

from dvcq_desktop.progress import Progress, scaled
from dvcq_desktop.reports.build_unit import build_unit_report
from dvcq_desktop.reports.docx_render import render_docx
from dvcq_desktop.reports.xlsx_annex import render_xlsx
from dvcq_desktop.storage.snapshot import load_submission
from dvcq_desktop.storage.workspace import Workspace


def unit_report(
    ws: Workspace,
    out_docx: Path,
    out_xlsx: Path | None = None,
    period_id: str | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Render the report (and annex) from the workspace; returns the files written."""
    if progress:
        progress(0, 100, "Đang đọc dữ liệu")
    sub = load_submission(ws, period_id)
    doc = build_unit_report(sub, ws.plan)
    written = [render_docx(doc, out_docx, scaled(progress, 10, 60))]
    if out_xlsx is not None:
        try:
            written.append(render_xlsx(sub, ws.plan, out_xlsx, scaled(progress, 60, 100)))
        except BaseException:
            out_docx.unlink(missing_ok=True)  # a report without its annex is not left behind
            raise
    if progress:
        progress(100, 100, "Đã lập báo cáo")
    return written
