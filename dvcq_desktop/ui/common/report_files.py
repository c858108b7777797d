"""Writing the report files from the Báo cáo page: default names and the work done off the GUI thread.

`write_report_file` runs in a TaskRunner worker, so it opens its own database connection
(sqlite connections belong to the thread that made them) and reads the data afresh: the page
saves every pending edit before starting it, so the file holds exactly what is on screen.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from dvcq_desktop.progress import Progress
from dvcq_desktop.reports.build_unit import build_unit_report
from dvcq_desktop.reports.docx_render import render_docx
from dvcq_desktop.reports.xlsx_annex import render_xlsx
from dvcq_desktop.storage.snapshot import load_submission
from dvcq_desktop.storage.workspace import Workspace

KINDS = ("docx", "xlsx")


def ascii_slug(text: str) -> str:
    """ "Phường Hiệp Ninh" -> "PhuongHiepNinh": file names that survive e-mail, Zalo and USB sticks."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    words = ["".join(ch for ch in w if ch.isascii() and (ch.isalnum() or ch == "-")) for w in plain.split()]
    return "".join(w[:1].upper() + w[1:] for w in words if w)


def default_name(kind: str, unit_name: str, period_id: str) -> str:
    """ "BaoCao_Phuong1_2023.docx" / "PhuLuc_Phuong1_2023.xlsx"."""
    stem = "BaoCao" if kind == "docx" else "PhuLuc"
    parts = [stem, ascii_slug(unit_name), ascii_slug(period_id)]
    return "_".join(p for p in parts if p) + f".{kind}"


def with_suffix(path: Path, kind: str) -> Path:
    """The dialog may hand back a name without extension (typed by the user): add the right one."""
    return path if path.suffix.lower() == f".{kind}" else path.with_name(path.name + f".{kind}")


def write_report_file(ws: Workspace, kind: str, out: Path, period_id: str | None, progress: Progress) -> Path:
    """Word report or Excel annex for the period; runs in a worker thread."""
    if kind not in KINDS:
        raise ValueError(kind)
    progress(0, 100, "Đang đọc dữ liệu")
    with ws.for_thread() as worker_ws:
        sub = load_submission(worker_ws, period_id)
        plan = worker_ws.plan
        out.parent.mkdir(parents=True, exist_ok=True)
        if kind == "docx":
            return render_docx(build_unit_report(sub, plan), out, progress)
        return render_xlsx(sub, plan, out, progress)
