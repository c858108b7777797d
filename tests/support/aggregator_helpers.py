"""Builders for the receiving-office tests and benchmark: real unit workspaces and packages."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from dvcq_desktop.domain import clock
from dvcq_desktop.domain.plan import Plan
from dvcq_desktop.domain.plan_loader import load_builtin_plan
from dvcq_desktop.domain.records import IndicatorValue, Submission, UnitRef
from dvcq_desktop.package.writer import WrittenPackage, write_package
from dvcq_desktop.resources import resource_path
from dvcq_desktop.services.demo import fill_demo, generate_activities, generate_values, log_totals
from dvcq_desktop.services.export import export_package
from dvcq_desktop.services.setup import init_workspace
from dvcq_desktop.storage.snapshot import load_submission, period_ref

TEN_UNITS = (
    "TPTN-P1",
    "TPTN-P2",
    "TPTN-P3",
    "TPTN-P4",
    "TPTN-HN",
    "TPTN-NS",
    "TPTN-NT",
    "TPTN-BM",
    "TPTN-TB",
    "TPTN-TT",
)
REPORTS = {"BaoCao.docx": b"PK\x03\x04" + b"docx" * 20}
AGG_TABLES = ("received", "received_values", "received_activities", "roster")


def make_unit(root: Path, code: str, seed: int, activities: int = 25) -> Path:
    """A real unit workspace with demo data; returns its folder (closed)."""
    ws = init_workspace(root / code, role="unit", unit_code=code)
    with ws:
        fill_demo(ws, activities=activities, seed=seed)
    return root / code


def make_units(root: Path, codes: Iterable[str], activities: int = 25) -> dict[str, Path]:
    """One unit workspace per code, seeded 1, 2, … in order; code → folder."""
    return {code: make_unit(root, code, seed=i + 1, activities=activities) for i, code in enumerate(codes)}


def export_units(unit_dirs: Iterable[Path], out: Path) -> Path:
    """Each unit's package into one folder (a USB stick's), which is returned."""
    for d in unit_dirs:
        export_unit(d, out)
    return out


def export_unit(unit_dir: Path, out: Path) -> WrittenPackage:
    from dvcq_desktop.storage.workspace import Workspace

    out.mkdir(parents=True, exist_ok=True)
    with Workspace.open(unit_dir, auto_backup=False) as ws:
        return export_package(ws, out)


def unit_submission(unit_dir: Path) -> Submission:
    from dvcq_desktop.storage.workspace import Workspace

    with Workspace.open(unit_dir, auto_backup=False) as ws:
        return replace(load_submission(ws), finalized_at=clock.now())


def synthetic_submission(plan: Plan, code: str, name: str, n_activities: int, seed: int) -> Submission:
    """A unit's submission without a workspace (fast: for the benchmark and property tests)."""
    period = plan.periods[-1]
    acts = generate_activities(plan, period, name, n_activities, seed)
    values = generate_values(plan, log_totals(plan, acts), seed)
    from dvcq_desktop.reports.build_unit import build_unit_report  # noqa: F401 - same import cost as app

    base = _template_submission(plan)
    return replace(
        base,
        unit=UnitRef(code, name, "xa", "TPTN"),
        period=period_ref(period),
        activities=tuple(acts),
        indicators=tuple(
            IndicatorValue(i.id, values.get(i.id)) for i in plan.indicators if i.kind == "count"
        ),
        finalized_at=datetime(2023, 10, 30, 9, 0, tzinfo=clock.VN_TZ),
    )


def _template_submission(plan: Plan) -> Submission:
    from dvcq_desktop.domain.records import DocumentMeta, PlanRef, Signer

    period = plan.periods[-1]
    return Submission(
        unit=UnitRef("X", "X", "xa", "TPTN"),
        plan=PlanRef(plan.id, plan.version, plan.title, plan.content_hash),
        period=period_ref(period),
        indicators=(),
        activities=(),
        narratives=(),
        document=DocumentMeta(
            "",
            "BC-UBND",
            None,
            "X",
            "UBND THÀNH PHỐ TÂY NINH",
            "ỦY BAN NHÂN DÂN XÃ X",
            ("Ủy ban nhân dân thành phố Tây Ninh",),
            (),
            "VT",
            Signer("Nguyễn Văn A", "PHÓ CHỦ TỊCH", "KT.", "CHỦ TỊCH"),
        ),
    )


def without_tasks(sub: Submission) -> Submission:
    """`sub` as an app of format 1.0 held it: format 1.1 (tasks) promises a signature, which only
    a workspace's export gives, so an unsigned test package leaves the unit's tasks out."""
    return replace(sub, tasks=(), activities=tuple(replace(a, task_id=None) for a in sub.activities))


def write(sub: Submission, out: Path, revision: int = 1, supersedes: str | None = None) -> WrittenPackage:
    """An unsigned (format 1.0) package of `sub`."""
    out.mkdir(parents=True, exist_ok=True)
    return write_package(without_tasks(sub), REPORTS, out, revision=revision, supersedes=supersedes)


def zip_slip_package(good: Path, dest: Path) -> Path:
    """A copy of a real package with an extra `../../evil.txt` member (mimetype still first)."""
    src = zipfile.ZipFile(io.BytesIO(good.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for info in src.infolist():
            ct = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zf.writestr(zipfile.ZipInfo(info.filename, info.date_time), src.read(info), compress_type=ct)
        zf.writestr("../../evil.txt", b"pwned")
    dest.write_bytes(buf.getvalue())
    return dest


def table_digest(db_path: Path, tables: tuple[str, ...] = AGG_TABLES) -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row of each table (read-only connection)."""
    # as_uri(): a "#" or "%" in the path (a Windows folder name) must not end or escape the URI.
    conn = sqlite3.connect(f"{Path(db_path).absolute().as_uri()}?mode=ro", uri=True)
    try:
        out = {}
        for t in tables:
            rows = conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            out[t] = (len(rows), hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest())
        return out
    finally:
        conn.close()


def big_catalog(path: Path, n_units: int) -> Path:
    """The built-in 2023 catalogue plus `n_units` extra communes X001… (benchmarks, 100-unit board)."""
    data = json.loads(resource_path("catalogs", "tptn-2023.json").read_text(encoding="utf-8"))
    template = next(u for u in data["units"] if u["code"] == "TPTN-BM")
    for i in range(1, n_units + 1):
        data["units"].append(
            {
                **template,
                "code": f"X{i:03d}",
                "name": f"Xã Thử Nghiệm {i}",
                "issuer": f"ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM {i}",
                "place": f"Thử Nghiệm {i}",
            }
        )
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def builtin_plan() -> Plan:
    return load_builtin_plan("tptn-dvcq-2023")
